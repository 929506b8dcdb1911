"""A name read as the part of a gazetteer name that reports use alone, when no place in the
hinted region carries the name itself; namesake towns spelt otherwise; look-alike regions.
Places invented around two real governorates (own names, rounded points)."""

from __future__ import annotations

import json

import pytest

from geo.gazetteer_fixtures import SQUARE, _wof
from tawthiq.geo.geocoder import Geocoder
from tawthiq.geo.names import keys
from tawthiq.geo.readings import name_cores

RECORDS = [
    _wof(900, "Syria", "country", 35.0, 38.5),
    _wof(901, "Homs (Hims)", "region", 34.6, 37.5, region=901,
         geometry=SQUARE(36.0, 34.0, 39.0, 35.0)),
    _wof(902, "Hamah", "region", 35.2, 36.9, region=902, **{"wof:population": 1500000},
         geometry=SQUARE(36.0, 35.0, 38.0, 35.8)),
    # a district and its seat, both spelt "Tall Ghazal"
    _wof(903, "Tall Ghazal", "county", 35.30, 36.60, region=902, county=903,
         geometry=SQUARE(36.4, 35.1, 36.8, 35.5), **{"wof:population": 120000}),
    _wof(910, "Tall Ghazal", "locality", 35.32, 36.58, region=902, county=903),
    # a dam in Hama named after a village in Homs
    _wof(911, "Umm Nour Dam", "locality", 35.40, 36.70, region=902),
    _wof(912, "Umm Nour", "locality", 34.50, 36.90, region=901),
    # a southern village known by a direction adjective; its plain namesake only in Homs
    _wof(913, "As Sawsana al Janubiyah", "locality", 35.10, 36.50, region=902),
    _wof(914, "Sawsana", "locality", 34.40, 37.10, region=901),
    # a camp known by its generic head, a place known with an "al X" qualifier
    _wof(915, "Mukhayyam az Zaytun", "locality", 35.20, 36.40, region=902),
    _wof(916, "Marj al Ward", "locality", 35.60, 36.80, region=902),
    # both a Hama village and a southern twin: the village itself wins
    _wof(917, "Qasr Banat", "locality", 35.05, 36.45, region=902),
    _wof(918, "Qasr Banat al Janubi", "locality", 35.01, 36.46, region=902),
    # a Homs village whose name resembles the Hamah governorate's
    _wof(919, "Al Hamma", "locality", 34.55, 36.95, region=901),
    # a generic head in its pausal form (mazra`ah, not the construct mazra`at)
    _wof(920, "Mazra`ah Abu Salim", "locality", 34.45, 36.60, region=901),
    # a farmstead spelt the OCHA way (Hosh for Hawsh, a final y for i)
    _wof(921, "Hosh an-Nury", "locality", 34.70, 36.80, region=901),
    # only the eastern one of twin villages is listed
    _wof(922, "Eastern Rawdan", "locality", 35.45, 36.95, region=902),
]


@pytest.fixture(scope="module")
def geocoder(tmp_path_factory):
    from tawthiq.geo.importer import import_gazetteer
    from tawthiq.settings import Settings, use_settings

    home, source = tmp_path_factory.mktemp("part-home"), tmp_path_factory.mktemp("part-src")
    for record in RECORDS:
        wid = record["properties"]["wof:id"]
        path = source / "data" / str(wid) / f"{wid}.geojson"
        path.parent.mkdir(parents=True)
        path.write_text(json.dumps(record), "utf-8")
    use_settings(Settings(home=home))
    try:
        import_gazetteer(source)
    finally:
        use_settings(None)
    coder = Geocoder(home / "gazetteer.sqlite", None)
    yield coder
    coder.close()


def _id(geocoder, name, admin1):
    match = geocoder.geocode(name, country="SY", admin1=admin1).match
    return match.gazetteer_id if match else None


def test_name_cores_are_the_parts_reports_use_alone():
    def cores(name):
        return [core for core, _ in name_cores(keys(name)[0])]

    assert cores("Umm Nour Dam") == ["umm nour"]
    assert cores("As Sawsana al-Janubiyah") == ["as sawsana"]
    assert cores("Mukhayyam az Zaytun") == ["az zaytun"]
    assert cores("Marj al Ward") == ["marj"]
    assert cores("Mazra`at Abu Salim") == cores("Mazra`ah Abu Salim") == ["abu salim"]
    assert cores("Sawsana") == [] and cores("سوسنة الجنوبية") == []
    assert "tall" not in cores("Tall al Ward")  # a generic head is never a core alone


@pytest.mark.parametrize(("name", "expected"), [
    ("Umm Nour", "wof:911"),          # the Hama place of that name is the dam
    ("Sawsana", "wof:913"),            # ... the southern Sawsana
    ("Az Zaytun camp", "wof:915"),
    ("Marj", "wof:916"),
])
def test_a_part_of_a_name_in_the_hinted_region(geocoder, name, expected):
    assert _id(geocoder, name, "Hama Governorate") == expected


def test_a_place_carrying_the_name_in_the_region_wins(geocoder):
    assert _id(geocoder, "Umm Nour", "Homs Governorate") == "wof:912"
    assert _id(geocoder, "Sawsana", "Homs Governorate") == "wof:914"
    assert _id(geocoder, "Qasr Banat", "Hama Governorate") == "wof:917"


def test_a_districts_namesake_town_wins_when_both_are_spelt_otherwise(geocoder):
    assert _id(geocoder, "Tall Ghazal", "Hama Governorate") == "wof:910"
    assert _id(geocoder, "Tal Ghazal", "Hama Governorate") == "wof:910"
    assert geocoder.geocode("Tal Ghazal district", country="SY").match.gazetteer_id \
        == "wof:903"


def test_a_region_merely_resembled_outside_the_hint_loses_to_a_village_in_it(geocoder):
    assert _id(geocoder, "Hama", "Homs Governorate") == "wof:919"
    assert _id(geocoder, "Hama", None) == "wof:902"  # without a hint the region is meant


def test_a_generic_head_in_its_pausal_form(geocoder):
    assert _id(geocoder, "Abu Salim", "Homs Governorate") == "wof:920"


def test_a_part_of_a_name_spelt_the_ocha_way_is_read_through_its_spelling_bridge(geocoder):
    assert _id(geocoder, "An Nuri", "Homs Governorate") == "wof:921"
    assert _id(geocoder, "Hawsh an Nuri", "Homs Governorate") == "wof:921"


def test_a_name_stating_another_direction_is_no_reading(geocoder):
    assert _id(geocoder, "Western Rawdan", "Hama Governorate") != "wof:922"
    assert _id(geocoder, "Rawdan al Gharbiyah", "Hama Governorate") != "wof:922"
    assert _id(geocoder, "Eastern Rawdan", "Hama Governorate") == "wof:922"
