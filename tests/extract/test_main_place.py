"""The main incident's place (events[0].location): the place told with the main toll, its
governorate cues, twins of a village name, tag lists, related-article lists and datelines.

A small geocoder of its own: invented village names, one of them with a twin in another
governorate (the first reading is the wrong one, the twin is an alternative)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pytest

from tawthiq.extract.pipeline import Extractor
from tawthiq.extract.segment import boilerplate_spans, is_dateline_place
from tawthiq.ingest.documents import make_document
from tawthiq.model import GeoMatch, Location
from tawthiq.resolve import Resolvers

# name: list of readings (feature, admin1, country), best first
READINGS = {
    "Qaryat Zaytun": [("locality", "Homs", "SY"), ("locality", "Idlib", "SY")],  # twins
    "Tall Rumman": [("locality", "Hama", "SY")],
    "Ain Basal": [("locality", "Aleppo", "SY")],
    "Idlib": [("region", "Idlib", "SY")],
    "Hama": [("region", "Hama", "SY")],
    "Aleppo": [("locality", "Aleppo", "SY")],
    "Homs": [("locality", "Homs", "SY")],
    "Syria": [("country", None, "SY")],
    "Geneva": [("locality", "Geneva", "CH")],
}


@dataclass
class _Toponym:
    start: int
    end: int
    text: str
    match: GeoMatch | None
    alternatives: list = field(default_factory=list)
    role: str | None = None
    part_of: str | None = None


def _match(name: str, reading: tuple, index: int) -> GeoMatch:
    feature, admin1, country = reading
    return GeoMatch(name=name, gazetteer_id=f"test:{name}:{index}", country_code=country,
                    admin1=admin1, admin2=None, feature=feature, score=1.0, latitude=35.0,
                    longitude=36.0)


class TwinGeocoder:
    """Finds the names of READINGS in any letter case; the first reading wins."""

    def find_toponyms(self, text: str, doc=None) -> list[_Toponym]:
        found = []
        lowered = text.lower()
        for name, readings in READINGS.items():
            start = lowered.find(name.lower())
            while start >= 0:
                matches = [_match(name, r, i) for i, r in enumerate(readings)]
                words = text[start:start + len(name)]
                found.append(_Toponym(start, start + len(name), words, matches[0], matches[1:]))
                start = lowered.find(name.lower(), start + 1)
        return sorted(found, key=lambda t: t.start)

    def to_location(self, toponym: _Toponym) -> Location:
        m = toponym.match
        precision = {"region": 3, "country": 4}.get(m.feature, 1)
        if toponym.part_of and precision == 1:
            precision = 2
        return Location(mention=toponym.text, name=m.name, gazetteer_id=m.gazetteer_id,
                        latitude=m.latitude, longitude=m.longitude, country_code=m.country_code,
                        admin1=m.admin1, admin2=m.admin2, feature=m.feature,
                        geo_precision=precision)


@pytest.fixture(scope="module")
def run(nlp):
    extractor = Extractor(nlp=nlp, resolvers=Resolvers(places=TwinGeocoder()))

    def extract(text: str):
        doc = make_document("t", text, published=date(2024, 3, 13))
        return extractor.extract(doc)

    return extract


def _main_location(run, text: str) -> Location | None:
    events = run(text).events
    assert events, "no event"
    return events[0].location


def test_village_read_in_the_governorate_named_beside_it(run) -> None:
    loc = _main_location(run, "Shelling killed six farmers in Qaryat Zaytun in Idlib province "
                              "on Monday, rescuers said.")
    assert (loc.name, loc.admin1, loc.geo_precision) == ("Qaryat Zaytun", "Idlib", 1)


def test_village_with_no_twin_gives_way_to_the_governorate(run) -> None:
    loc = _main_location(run, "Shelling killed six farmers in Tall Rumman in Idlib province "
                              "on Monday, rescuers said.")
    assert loc.admin1 == "Idlib" and loc.feature == "region" and loc.geo_precision == 3


def test_headline_governorate_decides_a_twin(run) -> None:
    text = ("Strike kills five in Syria's Idlib. An air strike killed five people in "
            "Qaryat Zaytun on Monday, medics said.")
    assert _main_location(run, text).admin1 == "Idlib"


def test_headline_naming_two_governorates_decides_nothing(run) -> None:
    text = ("Shelling in Idlib, strikes in Hama. An air strike killed five people in "
            "Qaryat Zaytun on Monday, medics said.")
    assert _main_location(run, text).admin1 == "Homs"


def test_city_named_like_its_governorate_is_kept(run) -> None:
    text = ("An air strike killed 45 civilians in and around Aleppo and 22 in neighbouring "
            "Idlib province on Sunday, a monitor said.")
    assert _main_location(run, text).name == "Aleppo"


def test_place_of_the_sentence_after_a_toll_without_place(run) -> None:
    text = ("Air raids killed ten civilians near a hospital in Syria on Saturday, a monitor "
            "said. The raids hit a town in Hama province. Three weeks earlier a clinic in "
            "Aleppo was hit by an air raid in the night.")
    assert _main_location(run, text).admin1 == "Hama"


def test_sentence_repeating_the_toll_names_the_place(run) -> None:
    text = ("At least four people were killed in air strikes in Syria on Friday. A mosque "
            "was also destroyed by strikes near Tall Rumman. A medic in Ain Basal said four "
            "civilians were killed when a strike hit the market.")
    assert _main_location(run, text).name == "Ain Basal"


def test_place_told_with_the_figure_not_the_first_in_the_sentence(run) -> None:
    text = ("Strikes kill 12 in Ain Basal Monitor Strikes kill 11 in Tall Rumman, "
            "the other report said.")
    assert _main_location(run, text).name == "Ain Basal"
    text = ("Rocket fire: shells kill 11 in Tall Rumman and kill 12 in Ain Basal, "
            "officials said.")
    assert _main_location(run, text).name == "Tall Rumman"


def test_tag_list_names_no_place(run) -> None:
    text = ("Tags Syria Homs airstrike bombing Two children were killed in an air strike on "
            "a school in Tall Rumman on Monday.")
    assert _main_location(run, text).name == "Tall Rumman"
    text = "Tags Syria Homs shelling Two children were killed when a shell hit their school."
    loc = run(text).events[0].location
    assert loc is None or loc.name != "Homs"


def test_related_articles_at_the_end_name_no_place(run) -> None:
    text = ("Gunmen shot dead three shepherds near a well on Monday, villagers said. "
            "The killers fled on motorbikes. Nobody has claimed the attack. Villagers buried "
            "the men the same evening. Related News Car bomb kills 30 in Aleppo market")
    result = run(text)
    assert all(e.location is None or e.location.name != "Aleppo" for e in result.events)


def test_dateline_city_is_not_the_event_place(run) -> None:
    text = ("GENEVA (Agency) - An air strike killed five people in a market in Idlib province "
            "on Monday, a monitor said.")
    loc = _main_location(run, text)
    assert loc.admin1 == "Idlib"


def test_boilerplate_spans() -> None:
    text = "Tags Syria Homs shelling At least two were killed. Related Aleppo story here"
    spans = boilerplate_spans(text)
    assert text[spans[0][0]:spans[0][1]].strip() == "Tags Syria Homs shelling"
    assert spans[-1][1] == len(text)
    assert boilerplate_spans("Three people were killed in a tagged car.") == []


def test_dateline_place_words() -> None:
    text = "WASHINGTON (Agency) - Officials said. Strikes hit GENEVA yesterday. Geneva - talks"
    spans = [(0, 10), (50, 56), (75, 81)]
    places = [_Toponym(s, e, text[s:e], None) for s, e in spans]
    assert [is_dateline_place(text, p) for p in places] == [True, False, False]


def test_toll_over_a_list_of_governorates_is_placed_by_its_parts(run) -> None:
    text = ("Shells kill 6 in Aleppo, Homs and Idlib. In Homs a shell killed six children "
            "at a school on Friday, a source said.")
    assert _main_location(run, text).admin1 == "Homs"


def test_foreign_city_is_not_the_main_place_of_a_syrian_report(run) -> None:
    text = ("Speaking in Geneva, an official said an attack in Syria killed ten people on "
            "Monday. Mourners gathered in Tall Rumman in the evening.")
    assert _main_location(run, text).name == "Tall Rumman"


def _placed(name: str, start: int, feature: str, admin1: str | None, country: str) -> _Toponym:
    return _Toponym(start, start + len(name), name, _match(name, (feature, admin1, country), 0))


def test_country_named_again_and_again_settles_a_tie() -> None:
    from tawthiq.extract.segment import dominant_country

    places = [_placed("Ain", 0, "locality", "Sfax", "TN"),
              _placed("Aleppo", 10, "locality", "Aleppo", "SY"),
              _placed("Syria", 20, "country", None, "SY"),
              _placed("Syria", 30, "country", None, "SY")]
    assert dominant_country(places) == "SY"


def test_actor_name_read_as_a_foreign_town_casts_no_country_vote() -> None:
    from tawthiq.extract.segment import usable_places

    text = "Daesh lost ground near Springfield, said the report from Hama province in Syria."
    places = [_placed("Daesh", 0, "locality", "Iowa", "US"),
              _placed("Springfield", text.index("Springfield"), "locality", "Ohio", "US"),
              _placed("Hama", text.index("Hama"), "region", "Hama", "SY"),
              _placed("Syria", text.index("Syria"), "country", None, "SY")]
    usable = usable_places(text, places, excluded=[(0, 5)])
    assert [t.text for t in usable] == ["Hama", "Syria"]


def test_toll_over_a_list_across_governorates_is_an_aggregate(run) -> None:
    """ "6 killed in X, Homs and Idlib": a sum over three governorates, no place's toll."""
    result = run("Shells kill 6 in Ain Basal, Homs and Idlib. Rescuers worked through the night.")
    assert all(e.fatalities.best != 6 for e in result.events)
    (aggregate,) = result.aggregates
    assert aggregate.fatalities.best == 6
    assert [a.mention for a in aggregate.area] == ["Ain Basal", "Homs", "Idlib"]


def test_headline_before_the_date_keeps_its_places(run) -> None:
    text = ("Strikes kill 5 in Ain Basal Monitor AFP Monday 11 Mar 2024 Air strikes killed "
            "five people on Monday, medics said.")
    assert _main_location(run, text).name == "Ain Basal"


def test_dateline_spans_take_the_place_just_before_the_date() -> None:
    from tawthiq.extract.segment import dateline_spans

    text = "ALEPPO, Syria, March 11 - Shells hit Homs."
    places = [_placed("ALEPPO", 0, "locality", "Aleppo", "SY"),
              _placed("Homs", text.index("Homs"), "locality", "Homs", "SY")]
    date_start = text.index("March")
    spans = dateline_spans(text, places, date_start, date_start + len("March 11"))
    assert (0, 6) in spans and (text.index("Homs"), text.index("Homs") + 4) not in spans
    headline = "Shells kill 5 in Homs as talks stall Monday 11 March"
    places = [_placed("Homs", headline.index("Homs"), "locality", "Homs", "SY")]
    start = headline.index("Monday")
    assert dateline_spans(headline, places, start, len(headline)) == [(start, len(headline))]

