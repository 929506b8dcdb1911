"""Geocoding names in any spelling or script, with hints; the contract's geocode lines."""

import json

import pytest

from tawthiq.errors import BadInput
from tawthiq.geo.service import (
    Toponym,
    admin_key,
    geocode_lines,
    get_geocoder,
    place_facts,
    split_feature_word,
)


@pytest.mark.parametrize("name", ["Ter Ma'la", "Teir Maaleh", "Tayr Ma`lah", "Tir Maala",
                                  "Tayr Maʿlah", "Teir Maala village", "تير معلة"])
def test_spellings_and_script_resolve_to_one_village(geocoder, name):
    result = geocoder.geocode(name, country="SY", admin1="Homs")
    assert result.match is not None
    assert result.match.gazetteer_id == "wof:911"
    assert result.match.admin1 == "Homs (Hims)" and result.match.feature == "locality"


def test_region_hint_picks_the_twin_village(geocoder):
    assert geocoder.geocode("Teir Maaleh", admin1="Hama province").match.gazetteer_id == "wof:912"
    assert geocoder.geocode("تير معلة", admin1="حماة").match.gazetteer_id == "wof:912"
    homs = geocoder.geocode("Teir Maaleh", admin1="Homs Governorate")
    assert homs.match.gazetteer_id == "wof:911"


def test_region_hint_implies_its_country(geocoder):
    assert geocoder.geocode("Ter Mala").match.country_code == "IN"          # exact, far away
    assert geocoder.geocode("Ter Mala", admin1="Homs").match.gazetteer_id == "wof:911"


def test_nearness_picks_the_twin_village(geocoder):
    near_hama = [(35.3, 36.8)]
    assert geocoder.geocode("Tayr Malah", near=near_hama).match.gazetteer_id == "wof:912"


def test_imported_and_worldwide_copies_merge(geocoder):
    result = geocoder.geocode("Homs")
    assert result.match.gazetteer_id == "wof:910"           # WOF record, GeoNames id 169577
    ids = [m.gazetteer_id for m in [result.match, *result.alternatives]]
    assert "geonames:169577" not in ids


def test_worldwide_default_and_population(geocoder):
    assert geocoder.geocode("Paris").match.country_code == "FR"
    assert geocoder.geocode("Paris", country="US").match.gazetteer_id == "geonames:4717560"
    assert geocoder.geocode("باريس").match.gazetteer_id == "geonames:2988507"
    assert geocoder.geocode("Iraq").match.feature == "country"


def test_geonames_extract_names_resolve(geocoder):
    for spelling in ["Kafranbel", "Kafr Nabl", "Kafar Nabel", "كفرنبل"]:
        match = geocoder.geocode(spelling, country="SY").match
        assert match is not None and match.gazetteer_id == "geonames:7000002", spelling


def test_unknown_name_gives_no_match(geocoder):
    assert geocoder.geocode("Xyzzyville", country="SY").match is None
    assert geocoder.geocode("").match is None


def test_feature_words_and_alternatives():
    assert split_feature_word("Teir Maaleh village") == ("Teir Maaleh", "village")
    assert split_feature_word("the village of Kafr Nabl") == ("Kafr Nabl", "village")
    assert split_feature_word("Abu al-Duhur Military Airbase")[0] == "Abu al-Duhur"
    assert admin_key("Hamah Governorate") == admin_key("Hama province") == admin_key("حماة")
    assert admin_key("Rif Dimashq") == admin_key("Rural Damascus") != admin_key("Damascus")


def test_slash_alternatives(geocoder):
    match = geocoder.geocode("Nowhere Farm/Tayr Ma`lah village", admin1="Homs").match
    assert match.gazetteer_id == "wof:911"


def test_to_location_precision(geocoder):
    village = geocoder.geocode("Teir Maaleh", admin1="Homs").match
    region = geocoder.geocode("Hamah", feature="region").match
    t = Toponym(start=0, end=11, text="Teir Maaleh", match=village)
    location = geocoder.to_location(t)
    assert (location.mention, location.geo_precision, location.feature) == (
        "Teir Maaleh", 1, "locality")
    assert geocoder.to_location(Toponym(0, 5, "Hamah", match=region)).geo_precision == 3
    part = Toponym(0, 6, "al-Wadi", match=village, part_of="al-Wadi")
    assert geocoder.to_location(part).geo_precision == 2
    assert geocoder.to_location(Toponym(0, 4, "Nowhere")).name == "Nowhere"


def test_geocode_lines_contract(home_settings, tmp_path):
    get_geocoder.cache_clear()
    names = tmp_path / "names.jsonl"
    names.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in [
        {"id": "1", "name": "Ter Ma'la", "country": "SY", "admin1": "Homs"},
        {"id": "2", "name": "تير معلة", "admin1": "Homs"},
        {"id": "3", "name": "Xyzzyville", "country": "SY"},
    ]) + "\n", "utf-8")
    lines = list(geocode_lines(input=names))
    assert [line["id"] for line in lines] == ["1", "2", "3"]
    assert lines[0]["match"]["gazetteer_id"] == lines[1]["match"]["gazetteer_id"] == "wof:911"
    assert set(lines[0]["match"]) >= {"name", "gazetteer_id", "latitude", "longitude",
                                      "country_code", "admin1", "admin2", "feature", "score"}
    assert 0.0 <= lines[0]["match"]["score"] <= 1.0
    assert lines[2]["match"] is None and lines[2]["alternatives"] == []
    single = list(geocode_lines(name="Teir Maaleh", country="SY", admin1="Homs"))
    assert single[0]["id"] is None and single[0]["match"]["gazetteer_id"] == "wof:911"
    get_geocoder.cache_clear()


def test_geocode_lines_bad_input(home_settings, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "1", "name": "Homs"}\nnot json\n', "utf-8")
    with pytest.raises(BadInput) as info:
        list(geocode_lines(input=bad))
    assert info.value.line == 2
    missing = tmp_path / "missing.jsonl"
    missing.write_text('{"id": "1"}\n', "utf-8")
    with pytest.raises(BadInput, match="name"):
        list(geocode_lines(input=missing))
    get_geocoder.cache_clear()


def test_trailing_arabic_direction_is_a_weaker_fallback(geocoder):
    plain = geocoder.ranked("Kafr Nubudah", country="SY")[0]
    lower = geocoder.ranked("Kafr Nubudah al-Gharbi", country="SY")[0]
    assert lower.row["id"] == plain.row["id"] == "wof:915"
    assert lower.total < plain.total  # scores are clipped to 1; the ranking totals are not


def test_district_hint_settles_twin_villages_without_changing_the_cache(geocoder):
    before = {c.row["id"]: c.total for c in geocoder.ranked("Teir Maaleh", country="SY")}
    hinted = {c.row["id"]: c.total
              for c in geocoder.ranked("Teir Maaleh", country="SY", admin2="Homs district")}
    assert hinted["wof:911"] > hinted["wof:912"]
    assert geocoder.geocode("Teir Maaleh", country="SY",
                            admin2="Homs district").match.gazetteer_id == "wof:911"
    assert {c.row["id"]: c.total for c in geocoder.ranked("Teir Maaleh", country="SY")} == before


class _Named:
    def __init__(self, admin1, similarity):
        self.row = {"admin1": admin1, "feature": "locality"}
        self.facts = place_facts(self.row)
        self.similarity, self.total = similarity, similarity


def test_exact_name_in_another_region_does_not_bar_the_hinted_region():
    from tawthiq.geo.ranking import penalise_weaker_names

    elsewhere, here = _Named("Homs (Hims)", 1.0), _Named("Deir ez-Zor", 0.94)
    penalise_weaker_names([elsewhere, here], admin_hint=admin_key("Deir ez Zor Governorate"))
    assert here.total == 0.94
    elsewhere, here = _Named("Homs (Hims)", 1.0), _Named("Deir ez-Zor", 0.94)
    penalise_weaker_names([elsewhere, here])
    assert here.total < 0.2


@pytest.mark.parametrize("admin1", [None, "Homs Governorate"])
def test_a_bare_region_or_district_name_means_its_namesake_town(geocoder, admin1):
    """"Homs" (even with Homs as the governorate hint) is Homs city; the word "province"
    keeps the region."""
    match = geocoder.geocode("Homs", country="SY", admin1=admin1).match
    assert (match.gazetteer_id, match.feature) == ("wof:910", "locality")
    assert geocoder.geocode("Homs province", country="SY").match.feature == "region"


def test_a_lookalike_outside_the_hinted_region_is_no_match(geocoder):
    """Say unknown rather than guess: "Kafr Nabuda" in Homs resembles Kafr Nubudah in Hama;
    it is offered as an alternative, not as the answer. In Hama it is the answer."""
    elsewhere = geocoder.geocode("Kafr Nabuda", country="SY", admin1="Homs")
    assert elsewhere.match is None
    assert [a.gazetteer_id for a in elsewhere.alternatives][:1] == ["wof:915"]
    assert geocoder.geocode("Kafr Nabuda", country="SY", admin1="Hama").match.gazetteer_id \
        == "wof:915"
    exact = geocoder.geocode("Kafr Nubudah", country="SY", admin1="Homs")
    assert exact.match is not None  # the very name is not a look-alike: the hint only ranks
