"""Which place is the incident's, on whole reports read with a small real gazetteer of the
coast and centre (``report_fixtures``): spellings of one village agree, a reference point or
an origin is not the place, an unknown village keeps its words at its governorate."""

from __future__ import annotations

from dataclasses import dataclass, field

from tawthiq.extract.segment import harmonise_readings
from tawthiq.model import GeoMatch


@dataclass
class _Toponym:
    start: int
    end: int
    text: str
    match: GeoMatch
    alternatives: list = field(default_factory=list)
    role: str | None = None


def _reading(gid: str, name: str, admin1: str, lat: float, lon: float) -> GeoMatch:
    return GeoMatch(name=name, gazetteer_id=gid, admin1=admin1, latitude=lat, longitude=lon,
                    country_code="SY", feature="locality", score=1.0)


BAYDA_TARTUS = _reading("t:1", "Al Bayda", "Tartus", 35.12, 35.95)
BAIDAH_ELSEWHERE = _reading("t:2", "Ba`idah", "Tartus", 34.80, 36.21)
BANIYAS = _reading("t:3", "Baniyas", "Tartus", 35.18, 35.95)


def test_spellings_of_one_village_take_the_reading_its_neighbours_support() -> None:
    places = [
        _Toponym(0, 5, "Bayda", BAIDAH_ELSEWHERE, [BAYDA_TARTUS]),
        _Toponym(20, 28, "al-Baida", BAYDA_TARTUS, []),
        _Toponym(50, 56, "Banias", BANIYAS),
        _Toponym(90, 95, "Bayda", BAIDAH_ELSEWHERE, []),  # no such alternative: same name
    ]
    found = harmonise_readings(places)
    assert [t.match.gazetteer_id for t in found] == ["t:1", "t:1", "t:3", "t:1"]


def test_different_names_and_a_governorate_keep_their_own_readings() -> None:
    region = GeoMatch(name="Idlib", gazetteer_id="t:9", admin1="Idlib", feature="region",
                      latitude=35.8, longitude=36.6, country_code="SY", score=1.0)
    city = _reading("t:8", "Idlib", "Idlib", 35.93, 36.63)
    places = [_Toponym(0, 5, "Idlib", region, [city]), _Toponym(9, 14, "Idlib", city, [region]),
              _Toponym(20, 26, "Banias", BANIYAS), _Toponym(30, 35, "Bayda", BAIDAH_ELSEWHERE)]
    found = harmonise_readings(places)
    assert [t.match.gazetteer_id for t in found] == ["t:9", "t:8", "t:3", "t:2"]


def test_a_village_near_a_town_is_the_place_not_the_town(coast) -> None:
    event = coast("Gunmen shot dead nine farmers in Al Bayda, a village near Baniyas, on "
                  "Saturday.").events[0]
    assert event.location.name == "Al Bayda" and event.location.admin1 == "Tartus"


def test_only_a_reference_point_gives_the_place_at_lower_precision(coast) -> None:
    event = coast("Gunmen shot dead nine farmers near Jableh on Saturday.").events[0]
    assert event.location.name == "Jablah" and event.location.geo_precision == 2


def test_where_the_attackers_came_from_is_not_the_place(coast) -> None:
    event = coast("Militiamen from Jableh killed seven people in Mukhtariyah on Saturday, "
                  "residents said.").events[0]
    assert event.location.name == "Mukhtariyah"


def test_a_village_missing_from_the_gazetteer_keeps_its_words_in_its_governorate(coast):
    event = coast("Gunmen killed eleven people in Qurt Hanash, a village in Hama province, "
                  "on Saturday.").events[0]
    assert (event.location.mention, event.location.admin1) == ("Qurt Hanash", "Hamah")


def test_an_unlisted_area_on_a_city_s_outskirts_is_at_that_city(coast) -> None:
    event = coast("A car bomb killed 40 people waiting in buses in the Qastal area on Aleppo's "
                  "outskirts on Saturday.").events[0]
    assert (event.location.mention, event.location.name) == ("Qastal", "Aleppo")


def test_an_outlet_named_like_a_town_is_no_place(coast) -> None:
    result = coast("At least 13 people died in an Israeli raid on Jableh, the Syrian news agency "
                   "Sana said. Video from the Guardian showed the damage.")
    assert [e.location.name for e in result.events] == ["Jablah"]


def test_a_photo_caption_names_no_incident_s_place(coast) -> None:
    result = coast("Gunmen kill 18 truffle hunters in the desert\n\nThis is a locator map of "
                   "Syria with its capital, Damascus. (Photo agency)\n\nThe attack happened "
                   "near the town of Qasr Jabal, in the Hama countryside, on Wednesday.")
    assert (result.events[0].location.mention, result.events[0].location.admin1) == (
        "Qasr Jabal", "Hamah")


def test_the_body_places_the_incident_its_headline_summarises(coast) -> None:
    result = coast("Three Killed In Clash Between Soldiers And Gunmen In Latakia\n\nAt least three "
                   "people were killed in clashes early on Saturday in the town of Jableh, in the "
                   "Latakia countryside.")
    assert [(e.location.name, e.fatalities.best) for e in result.events] == [("Jablah", 3)]


def test_an_inside_construction_is_tried_only_where_its_words_follow_a_container() -> None:
    from tawthiq.extract.unlisted import _after_container, _constructions, _followed

    inside = _constructions()[1]
    suburb_of = next(p for p in inside if p.startswith("(?:the\\s+)?CONTAINER"))
    after = _after_container(suburb_of)
    assert after is not None
    said = "Shells fell on the Qarnasville suburb of Old Tell Sample, residents said."
    assert _followed(said, {"Qarnasville"}, after)
    assert not _followed("Qarnasville was shelled; the suburb of Old Tell Sample too.",
                         {"Qarnasville"}, after)
    assert _followed("any text", {"Qarnasville"}, None)  # nothing required: always tried
