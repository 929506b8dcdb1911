"""Ranking rules of the worldwide default, on a made-up world (invented countries, regions and
towns; user-assigned ISO codes XA/XB, invented GeoNames-like ids): regions weighed by the
people of their towns, a region's name lent only by the likeliest region, a country's own
names and demonyms, places named inside longer names, and ties between a report's regions."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

import pytest

from tawthiq.geo.service import Geocoder, component_names
from tawthiq.geo.toponyms import _dominant_region, resolve_spans
from tawthiq.geo.world import ensure_world, national_capitals


def _town(gid, name, lat, lon, cc, admin1code, population, alternates=()):
    return {"geonameid": gid, "name": name, "latitude": lat, "longitude": lon,
            "countrycode": cc, "population": population, "admin1code": admin1code,
            "alternatenames": list(alternates)}


def _region(gid, name, cc, code, population, lat, lon):
    return {"name": name, "iso": f"{cc}-{code}", "admin_code": f"{cc}.{code}", "geonameid": gid,
            "type": "Province", "aliases": [], "level": 1, "parent": None, "country": cc,
            "lat": lat, "lon": lon, "population": population}


MADE_UP_WORLD = {
    "cities": {str(t["geonameid"]): t for t in [
        # Ruritania's capital, which some also call by the country's name
        _town(9300002, "Strelsau", 45.0, 20.0, "XA", "01", 9_000_000, ["Ruritania"]),
        _town(9300004, "Zenda", 45.3, 20.4, "XA", "01", 50_000),
        # Elbonia: a town named like the small Elbonian province it is the capital of, and a
        # town that bears the Ruritanian demonym as its name
        _town(9300001, "Tarvania", 11.0, 101.0, "XB", "01", 30_000),
        _town(9300003, "Ruritanian", 10.5, 100.5, "XB", "01", 30_000),
        # a common name: many hamlets, then the one city most reports mean
        *[_town(9310000 + i, "Millbrook", 44.0 + i / 10, 19.0, "XA", "01", 600 + i)
          for i in range(45)],
        _town(9319999, "Millbrook", 10.2, 100.2, "XB", "01", 2_000_000),
        # two towns of a US state, whose people the state's row should carry
        _town(9300005, "Pine Hollow", 40.0, -100.0, "US", "ZZ", 120_000),
        _town(9300006, "Elk Ford", 41.0, -101.0, "US", "ZZ", 80_000),
    ]},
    "countries": {
        "XA": {"geonameid": 9100001, "name": "Ruritania", "population": 10_000_000,
               "capital": "Strelsau"},
        "XB": {"geonameid": 9100002, "name": "Elbonia", "population": 4_000_000,
               "capital": ""},
    },
    "states": {"ZZ": {"code": "ZZ", "name": "Zedland", "fips": "99", "geonameid": 9400001}},
    "continents": {},
    "extras": {
        "XA": {"latlng": [47.5, 23.0], "altSpellings": ["XA"], "demonym": "Ruritanian"},
        "XB": {"latlng": [10.0, 100.0], "altSpellings": ["XB"], "demonym": "Elbonian"},
    },
    "subdivisions": [
        _region(9200001, "Tarvania", "XA", "01", 3_000_000, 45.1, 20.2),
        _region(9200002, "Tarvania", "XB", "01", 60_000, 11.0, 101.0),
        # a populous Elbonian province named like Ruritania's capital
        _region(9200003, "Strelsau", "XB", "02", 5_000_000, 12.0, 102.0),
    ],
}


@pytest.fixture(scope="module")
def made_up_path(tmp_path_factory):
    return ensure_world(tmp_path_factory.mktemp("made-up-world"), MADE_UP_WORLD)


@pytest.fixture(scope="module")
def made_up(made_up_path) -> Geocoder:
    geocoder = Geocoder(None, made_up_path)
    yield geocoder
    geocoder.close()


def test_regions_and_states_carry_the_people_of_their_towns(made_up_path):
    conn = sqlite3.connect(made_up_path)
    try:
        people = dict(conn.execute("SELECT id, population FROM places WHERE kind = 'ADM1'"))
    finally:
        conn.close()
    assert people["geonames:9400001"] == 200_000            # Zedland: its two towns
    assert people["geonames:9200001"] == 3_000_000          # as the subdivision source says


def test_a_region_name_means_the_likeliest_region_not_a_capital_of_a_smaller_one(made_up):
    match = made_up.geocode("Tarvania").match
    assert match.gazetteer_id == "geonames:9200001" and match.feature == "region"


def test_a_country_called_by_its_name_beats_a_city_also_known_by_it(made_up):
    ranked = made_up.ranked("Ruritania")
    again = made_up.rescore(ranked, country="XA", near=[(45.0, 20.0)])
    assert again[0].row["id"] == "geonames:9100001"


def test_a_demonym_reads_as_its_country_even_where_a_town_bears_it(made_up):
    ranked = made_up.ranked("Ruritanian")
    again = made_up.rescore(ranked, country="XB")
    assert again[0].row["id"] == "geonames:9100001"


def test_national_capitals_by_name_or_alternate_name_most_populous_first():
    cities = {
        "1": {"geonameid": 1, "name": "Pórto Nuevo", "countrycode": "XC", "population": 900,
              "alternatenames": []},
        "2": {"geonameid": 2, "name": "New Harbour", "countrycode": "XC", "population": 90_000,
              "alternatenames": ["Porto Nuevo"]},
        "3": {"geonameid": 3, "name": "Porto Nuevo", "countrycode": "XD", "population": 5_000,
              "alternatenames": []},
    }
    countries = {"XC": {"capital": "Porto Nuevo"}, "XD": {"capital": ""}}
    assert national_capitals(cities, countries) == {2}


def test_a_national_capital_outranks_a_region_of_its_name(made_up):
    match = made_up.geocode("Strelsau").match
    assert match.gazetteer_id == "geonames:9300002"


def test_a_common_name_keeps_its_largest_bearer_among_the_candidates(made_up):
    assert made_up.geocode("Millbrook").match.gazetteer_id == "geonames:9319999"


def test_component_names_of_longer_names():
    assert component_names("Bank of Elbonia") == ["Elbonia", "Bank"]
    assert component_names("Zenda Arts Festival") == ["Zenda Arts", "Zenda"]
    assert component_names("the Ruritanian Embassy's") == ["Ruritanian"]
    assert component_names("Strelsau") == []
    assert component_names("University of the Tarvania") == ["Tarvania", "University"]


@dataclass
class _Gold:
    start: int
    end: int
    text: str


def test_an_organisation_named_after_a_place_resolves_to_the_place(made_up):
    text = "Talks between the Bank of Elbonia and the Zenda Arts Festival ended."
    spans = [_Gold(text.index(words), text.index(words) + len(words), words)
             for words in ("Bank of Elbonia", "Zenda Arts Festival")]
    bank, festival = resolve_spans(made_up, text, spans, find_parts=False)
    assert bank.match.gazetteer_id == "geonames:9100002"
    assert festival.match.gazetteer_id == "geonames:9300004"
    unknown = resolve_spans(made_up, "Nothing at Quux Hall.", [_Gold(11, 20, "Quux Hall")],
                            find_parts=False)
    assert unknown[0].match is None


class _Top:
    similarity = 1.0

    def __init__(self, pid, feature, name, admin1):
        self.row = {"id": pid, "feature": feature, "kind": "ADM1" if feature == "region" else "P",
                    "name": name, "admin1": admin1}


def test_tied_regions_name_no_region_of_the_report():
    tied = [[_Top("r1", "region", "Zedland", "Zedland")], [_Top("r2", "region", "Tarvania",
                                                                    "Tarvania")]]
    assert _dominant_region(tied) is None
    ahead = tied + [[_Top("t1", "locality", "Pine Hollow", "Zedland")]]
    assert _dominant_region(ahead) == "Zedland"
