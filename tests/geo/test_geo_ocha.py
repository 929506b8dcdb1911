"""OCHA community lists (the Syrian Archive's layout, OCHA's CSV and GeoJSON) read, imported and
merged with the places of other gazetteers into one place with every name and id. All the
names, P-codes and points are invented (ocha_fixtures.py)."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

import pytest

from geo.gazetteer_fixtures import build_home
from geo.ocha_fixtures import (
    SYRIAN_ARCHIVE,
    write_hxl_csv,
    write_ocha_csv,
    write_ocha_geojson,
    write_syrian_archive,
)
from tawthiq.errors import BadInput
from tawthiq.geo import ocha
from tawthiq.geo.geocoder import Geocoder
from tawthiq.geo.importer import import_gazetteer, read_gazetteer
from tawthiq.settings import Settings, use_settings


@pytest.fixture(scope="module")
def ocha_home(tmp_path_factory):
    """WOF + GeoNames fixtures, then the Syrian Archive-shaped list, then OCHA's CSV."""
    home = build_home(tmp_path_factory.mktemp("ocha-home"), tmp_path_factory.mktemp("src"))
    source = tmp_path_factory.mktemp("ocha-src")
    use_settings(Settings(home=home))
    try:
        summaries = [import_gazetteer(write_syrian_archive(source / "locations.json")),
                     import_gazetteer(write_ocha_csv(source / "syr_pplp.csv"))]
    finally:
        use_settings(None)
    return home, summaries


@pytest.fixture(scope="module")
def merged(ocha_home):
    home, _ = ocha_home
    geocoder = Geocoder(home / "gazetteer.sqlite", None)
    yield geocoder
    geocoder.close()


def _by_id(records):
    return {r.id: r for r in records}


def test_the_syrian_archive_layout_gives_communities_and_additions(tmp_path):
    records = _by_id(read_gazetteer(write_syrian_archive(tmp_path / "locations.json")))
    assert sorted(records) == ["sa:0", "sa:1", "sa:2", "sa:3"]      # no point: left out
    teir = records["sa:0"]
    assert (teir.name, teir.pcode, teir.admin2, teir.admin3, teir.feature) == (
        "Teir Maaleh", "C9001", "Homs", "Taldu Nord", "locality")
    assert ("تير معلة", "ara") in teir.names and teir.source == "syrian-archive"
    # the district written after the name tells same-named communities apart
    assert {n for n, _ in records["sa:1"].names} >= {"Kafr Nboudeh Hama", "Kafr Nboudeh"}
    # a parenthesised sub-district is no name of the hamlet; a glued article is split
    zahret = records["sa:2"]
    assert zahret.name == "Zahret Elward" and "Taldu Nord" not in {n for n, _ in zahret.names}
    assert "Zahret El ward" in {n for n, _ in zahret.names}
    roundabout = records["sa:3"]
    assert (roundabout.name, roundabout.feature, roundabout.admin3_pcode) == (
        "Qalaa roundabout", "neighbourhood", "SY040100")
    assert {n for n, _ in roundabout.names} >= {"دوار القلعة", "القلعة"}   # city and kind word off


def test_ocha_csv_in_the_cod_layout(tmp_path):
    records = _by_id(read_gazetteer(write_ocha_csv(tmp_path / "syr.csv")))
    teir = records["ocha:C9001"]
    assert (teir.admin1, teir.admin2, teir.admin3) == ("Homs", "Homs", "Taldu Nord")
    assert (teir.admin1_pcode, teir.admin2_pcode, teir.admin3_pcode) == (
        "SY04", "SY0400", "SY040002")
    assert (teir.lat, teir.lon, teir.country_code) == (34.8036, 36.7081, "SY")
    assert {"Teir Maaleh", "Ter Maala", "تير معلة"} <= {n for n, _ in teir.names}


def test_ocha_csv_in_the_hxl_layout_skips_the_hashtags_and_reads_sub_districts(tmp_path):
    records = _by_id(read_gazetteer(write_hxl_csv(tmp_path / "syr_pcodes.csv")))
    assert sorted(records) == ["ocha:C9004", "ocha:SY050003"]
    assert records["ocha:C9004"].admin3_pcode == "SY050003"
    subdistrict = records["ocha:SY050003"]
    assert (subdistrict.name, subdistrict.feature, subdistrict.kind) == (
        "Kafr Hud", "district", "admin3")


def test_ocha_geojson_points_and_built_up_area_polygons(tmp_path):
    records = _by_id(read_gazetteer(write_ocha_geojson(tmp_path / "syr.geojson")))
    assert (records["ocha:C9001"].lat, records["ocha:C9001"].lon) == (34.8036, 36.7081)
    zahret = records["ocha:C9003"]
    assert zahret.lat == pytest.approx(34.85) and zahret.lon == pytest.approx(36.66)


def test_one_place_with_every_name_and_id_and_the_gazetteer_point(merged):
    result = merged.geocode("Teir Maaleh", country="SY", admin1="Homs")
    match = result.match
    assert match.gazetteer_id == "wof:911"                    # WOF stands for the place
    assert (match.latitude, match.longitude) == (34.8025, 36.7076)   # and gives its point
    assert (match.pcode, match.admin3) == ("C9001", "Taldu Nord")
    assert set(match.same_as) == {"sa:0", "ocha:C9001", "geonames:162040"}
    # no competing copy of the village among the alternatives
    assert all(a.pcode != "C9001" for a in result.alternatives)
    # OCHA's alternate spelling and its Arabic name lead to the one place
    assert merged.geocode("Ter Maala", country="SY", admin1="Homs").match.pcode == "C9001"
    assert merged.geocode("Kafr Nboudeh", country="SY").match.gazetteer_id == "wof:915"


def test_a_place_of_one_source_keeps_its_record(merged):
    match = merged.geocode("Zahret Elward", country="SY").match
    assert (match.gazetteer_id, match.pcode) == ("sa:2", "C9003")
    assert match.admin1 == "Homs (Hims)"        # from the WOF outline holding the hamlet
    assert merged.geocode("زهرة الورد", country="SY").match.gazetteer_id == "sa:2"
    assert merged.geocode("Oum Sharshouh", country="SY").match.gazetteer_id == "ocha:C9004"


def test_arabic_mentions_of_an_ocha_arabic_name(merged):
    for words in ("قرية زهرة الورد", "وزهرة الورد", "بزهرة الورد"):
        assert merged.geocode(words, country="SY").match.gazetteer_id == "sa:2", words


def test_merge_tables_and_the_import_summary(ocha_home):
    home, summaries = ocha_home
    assert "places (" in summaries[0] and "told by several sources" in summaries[0]
    conn = sqlite3.connect(home / "gazetteer.sqlite")
    groups = dict(conn.execute("SELECT place_id, group_id FROM place_groups"))
    assert groups["sa:0"] == groups["ocha:C9001"] == "wof:911"
    assert groups["sa:2"] == "sa:2"             # known to one source: its own place
    assert groups["wof:912"] == "wof:912"       # Hama's Tayr Ma`lah (far off) stays its own
    facts = conn.execute("SELECT pcode, admin1_pcode, ids FROM group_facts "
                         "WHERE group_id = 'wof:911'").fetchone()
    assert facts[:2] == ("C9001", "SY04")
    assert json.loads(facts[2])[0] == "wof:911"


def test_importing_again_changes_nothing(ocha_home, tmp_path):
    home, _ = ocha_home
    use_settings(Settings(home=home))
    try:
        again = import_gazetteer(write_syrian_archive(tmp_path / "locations.json"))
    finally:
        use_settings(None)
    assert "0 new, 0 changed, 4 unchanged" in again


@pytest.mark.parametrize("entries, message", [
    ([{"id": 0, "search_name_en": "X --- (((0)))"}], "entry 0 lacks search_name_ar_short"),
    ([{"id": 0}], "neither a WOF record, an OCHA FeatureCollection nor"),
    ([{**SYRIAN_ARCHIVE[0], "lat": "north"}], "entry 0: not a coordinate"),
    ([{**SYRIAN_ARCHIVE[0], "lat": 134.0}], "entry 0: coordinate off the globe"),
])
def test_a_bad_syrian_archive_entry_is_named(tmp_path, entries, message):
    with pytest.raises(BadInput, match=message):
        list(read_gazetteer(write_syrian_archive(tmp_path / "locations.json", entries)))


def test_a_bad_csv_line_is_named_and_nothing_stored_is_lost(ocha_home, tmp_path):
    home, _ = ocha_home
    rows = [["Syria", "SY", "Homs", "حمص", "SY04", "Homs", "حمص", "SY0400", "Taldu Nord",
             "تلدو", "SY040002", "Teir Maaleh", "تير معلة", "C9001", "", "34.8", "36.7"],
            ["Syria", "SY", "Homs", "حمص", "SY04", "Homs", "حمص", "SY0400", "Taldu Nord",
             "تلدو", "SY040002", "Broken", "", "C9999", "", "34,8", "36.7"]]
    bad = write_ocha_csv(tmp_path / "bad.csv", rows=rows)
    before = sqlite3.connect(home / "gazetteer.sqlite").execute(
        "SELECT count(*), group_concat(digest) FROM places").fetchone()
    done = subprocess.run([sys.executable, "-m", "tawthiq.cli", "gazetteer", "import", str(bad)],
                          capture_output=True, text=True, env=_env(home))
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0
    assert "bad.csv" in done.stderr and "line 3" in done.stderr and "34,8" in done.stderr
    after = sqlite3.connect(home / "gazetteer.sqlite").execute(
        "SELECT count(*), group_concat(digest) FROM places").fetchone()
    assert after == before


def test_a_csv_without_ocha_columns_is_refused(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("name,lat,lon\nX,1,2\n", "utf-8")
    with pytest.raises(BadInput, match="no OCHA P-code and name columns"):
        list(read_gazetteer(path))


def test_pcode_levels():
    assert [ocha.pcode_level(c) for c in ("SY04", "SY0400", "SY040002", "C9001", "N12", "X")] \
        == [1, 2, 3, 4, 5, None]


def _env(home) -> dict:
    import os

    return {**os.environ, "TAWTHIQ_HOME": str(home), "TAWTHIQ_WORLD_GAZETTEER": "off"}


def test_readings_list_every_place_a_name_could_mean(merged):
    ids = {c.row["id"] for c in merged.readings("Teir Maaleh village", country="SY")}
    assert {"wof:911", "wof:912"} <= ids          # both villages of the name, unranked
    assert "sa:0" not in ids                       # (its record is the place wof:911)


def test_a_communitys_two_names_are_both_names_of_it():
    from tawthiq.geo.ocha import community_names

    assert community_names("Kharab - Qizilkoy", ["Bulbul", "Afrin"]) == (
        "Kharab - Qizilkoy", ["Kharab", "Qizilkoy"])
    # the part naming its sub-district or district (spelt otherwise) is none of its names
    assert community_names("Zurab - Efrin", ["Afrin", "Afrin"]) == ("Zurab - Efrin", ["Zurab"])
    assert community_names("Qarmid - Bulbul", ["Bulbul", "Afrin"]) == (
        "Qarmid - Bulbul", ["Qarmid"])
