"""Landmarks beside an imported country (air bases from OurAirports, the cited landmarks file),
kind words that pick them, and name readings for Syrian toponyms: places named inside a longer
name, articles glued to their noun, look-alike names. The gazetteer here is invented."""

import json
import sqlite3
from importlib import resources

import pytest

from geo.gazetteer_fixtures import WOF_RECORDS, write_wof_tar
from tawthiq.geo import landmarks
from tawthiq.geo.candidates import Candidate
from tawthiq.geo.geocoder import Geocoder
from tawthiq.geo.importer import import_gazetteer
from tawthiq.geo.names import inner_spans, keys, split_glued_article
from tawthiq.geo.ranking import prior
from tawthiq.geo.store import PlaceRecord, connect, write_records
from tawthiq.settings import Settings, use_settings


def _place(pid, name, lat, lon, *, source="wof", kind="locality", feature="locality",
           names=(), population=None):
    return PlaceRecord(id=pid, source=source, name=name, lat=lat, lon=lon, feature=feature,
                       kind=kind, country_code="SY", admin1="Hamah", population=population,
                       names=[(name, "und"), *((n, "und") for n in names)])


INVENTED = [
    _place("wof:1", "Qasr Nadim", 35.10, 36.70, population=4000),
    _place("ourairports:XX01", "Qasr Nadim Air Base", 35.14, 36.78, source="ourairports",
           kind="airbase", names=["Qasr Nadim airbase"]),
    _place("wof:2", "Kafr Zayna", 35.30, 36.60),
    _place("wof:3", "Dahiyat al Wardiyah", 35.20, 36.50),
    _place("landmark:sy-test-range", "Jabal al-Ghazlan", 35.50, 36.30, source="landmark",
           kind="mountains", feature="district", names=["Jebel Ghazlan"]),
    _place("landmark:sy-test-dam", "Sadd Marwa Dam", 35.60, 36.90, source="landmark", kind="dam",
           names=["Sadd Marwa dam"]),
    _place("wof:4", "Sadd Marwa", 35.65, 36.95),
]


@pytest.fixture(scope="module")
def invented_geocoder(tmp_path_factory):
    path = tmp_path_factory.mktemp("landmarks") / "gazetteer.sqlite"
    conn = connect(path)
    with conn:
        write_records(conn, INVENTED)
    conn.close()
    geocoder = Geocoder(path, None)
    yield geocoder
    geocoder.close()


def _id(geocoder, name):
    match = geocoder.geocode(name, country="SY", admin1="Hama Governorate").match
    return match.gazetteer_id if match else None


@pytest.mark.parametrize("name", ["Qasr Nadim military airbase", "Qasr Nadim Airport",
                                  "Qasr Nadim air base", "Qasr Nadim Military Air Base (QN1)"])
def test_kind_word_picks_the_air_base(invented_geocoder, name):
    assert _id(invented_geocoder, name) == "ourairports:XX01"


@pytest.mark.parametrize("name", ["Qasr Nadim", "Qasr Nadim village", "Qasr Nadim town"])
def test_without_its_kind_word_the_name_is_the_town(invented_geocoder, name):
    assert _id(invented_geocoder, name) == "wof:1"


def test_dam_and_mountain_range_by_their_kind_words(invented_geocoder):
    assert _id(invented_geocoder, "Sadd Marwa Dam") == "landmark:sy-test-dam"
    assert _id(invented_geocoder, "Sadd Marwa village") == "wof:4"
    # "mountain" reads as a populated-place word, yet a range (a district) is what it names
    assert _id(invented_geocoder, "Jebel Ghazlan mountain") == "landmark:sy-test-range"
    assert _id(invented_geocoder, "Jabal al Ghazlan") == "landmark:sy-test-range"


def test_place_named_inside_a_name_no_place_carries(invented_geocoder):
    assert _id(invented_geocoder, "Armoured Vehicle Depot Kafr Zayna") == "wof:2"
    assert _id(invented_geocoder, "Kafr Zayna village II") == "wof:2"
    # a road between two places is the stretch between them (test_geo_routes.py)
    assert _id(invented_geocoder, "Kafr Zayna-Qasr Nadim road").startswith("between:wof:2|")
    assert _id(invented_geocoder, "Kafr Zayna-Signals Depot road") == "wof:2"
    assert _id(invented_geocoder, "Signals Regiment Depot") is None
    result = invented_geocoder.geocode("Armoured Vehicle Depot Kafr Zayna", country="SY")
    exact = invented_geocoder.geocode("Kafr Zayna", country="SY")
    assert result.match.score < exact.match.score  # a weaker reading scores lower


def test_inner_spans_skip_generic_words():
    assert inner_spans("Tall Nadim") == ["Nadim"]
    assert inner_spans("Kafr Zayna village 2") == ["Kafr Zayna", "Zayna"]
    assert "Base" not in inner_spans("Signals Base Kafr Zayna")
    spans = inner_spans("Road between Qasr Nadim and Kafr Zayna")
    assert spans.index("Qasr Nadim") < spans.index("Nadim") and "Kafr Zayna" in spans
    assert "Road" not in spans and "Kafr" not in spans


def test_article_glued_to_its_noun(invented_geocoder):
    assert split_glued_article("Dahiet Elwardiyah") == "Dahiet El wardiyah"
    assert split_glued_article("El Bab") == "El Bab"
    assert _id(invented_geocoder, "Dahiet Elwardiyah") == "wof:3"


def _row(**values):
    row = {"kind": "PPL", "feature": "locality", "current": -1, "source": "wof",
           "admin1": None, "lat": None, "lon": None, "cessation": None, "country_code": "SY"}
    row.update(values)
    return row


def test_population_weighs_less_for_a_name_that_only_looks_alike():
    exact = Candidate(row=_row(population=200_000), similarity=1.0, imported=True)
    lookalike = Candidate(row=_row(population=200_000), similarity=0.88, imported=True)
    village = Candidate(row=_row(population=0), similarity=0.88, imported=True)
    boost_exact = prior(exact, None, None, None, None) - prior(village, None, None, None, None)
    boost_look = prior(lookalike, None, None, None, None) - prior(village, None, None, None,
                                                                     None)
    assert boost_exact > 0.2 and 0 < boost_look < boost_exact / 3


def test_landmarks_file_cites_a_source_and_a_point_in_syria_for_every_entry():
    data = json.loads(resources.files("tawthiq.data.geo").joinpath("landmarks.json")
                      .read_text("utf-8"))
    assert data["landmarks"]
    for entry in data["landmarks"]:
        assert entry["source"].startswith("https://"), entry["id"]
        if "members" in entry:  # placed among its sub-districts' communities (test_geo_areas)
            assert entry["members"]["admin1"] and entry["members"]["admin3"], entry["id"]
        else:
            assert 32.0 < entry["lat"] < 37.5 and 35.5 < entry["lon"] < 42.5, entry["id"]
        assert entry["kind"] in data["kinds"] and entry["names"], entry["id"]
        assert entry["feature"] in ("locality", "district"), entry["id"]


def test_landmark_records_for_an_imported_country_only():
    syria = landmarks.landmark_records({"SY"})
    bases = [r for r in syria if r.source == "ourairports"]
    assert bases and all(r.kind == "airbase" and r.country_code == "SY" for r in bases)
    assert any(name.endswith(" airbase") for r in bases for name, _ in r.names)
    assert any(r.id == "landmark:sy-ghouta" for r in syria)
    assert not any(r.source == "landmark" for r in landmarks.landmark_records({"LB"}))
    assert landmarks.landmark_records(set()) == []
    assert landmarks.kinds_named_by("Military Airbase") == {"airbase"}
    assert landmarks.kinds_named_by("village") == frozenset()


@pytest.fixture()
def fresh_home(tmp_path):
    use_settings(Settings(home=tmp_path / "home"))
    yield tmp_path / "home"
    use_settings(None)


def test_import_adds_landmarks_placed_in_the_imported_regions(fresh_home, tmp_path):
    tar = write_wof_tar(tmp_path / "wof.tar.gz")
    first = import_gazetteer(tar)
    assert "landmarks and airports" in first
    conn = sqlite3.connect(fresh_home / "gazetteer.sqlite")
    conn.row_factory = sqlite3.Row
    rows = {r["id"]: r for r in conn.execute(
        "SELECT * FROM places WHERE source IN ('landmark', 'ourairports')")}
    assert rows and all(r["country_code"] == "SY" for r in rows.values())
    # the fixture's Homs region is the square 36-39 E, 34-35 N: bases inside it get Homs
    inside = [r for r in rows.values() if 34 < r["lat"] < 35 and 36 < r["lon"] < 39]
    assert inside and all(r["admin1"] == "Homs (Hims)" for r in inside)
    with conn:  # a landmark the data no longer lists is removed by the next import
        conn.execute("INSERT INTO places (id, source, name, country_code, digest) "
                     "VALUES ('landmark:sy-gone', 'landmark', 'Gone', 'SY', 'x')")
    conn.close()
    second = import_gazetteer(tar)
    assert "(0 new, 0 changed)" in second and "0 new, 0 changed" in second
    conn = sqlite3.connect(fresh_home / "gazetteer.sqlite")
    assert conn.execute("SELECT count(*) FROM places WHERE id = 'landmark:sy-gone'"
                        ).fetchone()[0] == 0
    conn.close()


def test_reimport_rebuilds_keys_derived_by_older_rules(fresh_home, tmp_path):
    tar = write_wof_tar(tmp_path / "wof.tar.gz")
    assert "rebuilt" not in import_gazetteer(tar)  # a new store has nothing to rebuild
    conn = sqlite3.connect(fresh_home / "gazetteer.sqlite")
    with conn:  # as an older tawthiq with other transliteration rules would have left them
        conn.execute("UPDATE names SET skel = 'zzz', block = 'zz'")
        conn.execute("UPDATE meta SET value = 'older rules' WHERE key = 'name_rules'")
    conn.close()
    again = import_gazetteer(tar)
    assert "0 new, 0 changed" in again and "stored names rebuilt" in again
    conn = sqlite3.connect(fresh_home / "gazetteer.sqlite")
    stale = conn.execute("SELECT count(*) FROM names WHERE skel = 'zzz'").fetchone()[0]
    skel = conn.execute("SELECT skel FROM names WHERE name = 'Tayr Ma`lah'").fetchone()[0]
    conn.close()
    assert stale == 0 and skel == keys("Tayr Ma`lah")[2]
    assert "rebuilt" not in import_gazetteer(tar)  # current keys: nothing to do


def _airport_ids(home) -> set[str]:
    conn = sqlite3.connect(home / "gazetteer.sqlite")
    try:
        return {r[0] for r in conn.execute("SELECT id FROM places WHERE source = 'ourairports'")}
    finally:
        conn.close()


def test_reimport_without_the_airport_package_keeps_stored_airports(fresh_home, tmp_path,
                                                                    monkeypatch):
    """An installation without ``ourairports`` lists no airport: that is not news that every
    air base is gone, so a re-import there keeps what an earlier import stored."""
    tar = write_wof_tar(tmp_path / "wof.tar.gz")
    import_gazetteer(tar)
    stored = _airport_ids(fresh_home)
    assert stored
    monkeypatch.setattr(landmarks, "_airport_rows", lambda: [])
    monkeypatch.setattr(landmarks, "_airports_installed", lambda: False)
    import_gazetteer(tar)
    assert _airport_ids(fresh_home) == stored


def test_a_lower_case_country_code_is_read_as_iso(fresh_home, tmp_path):
    """Some WOF records write "sy": the country is still covered and gets its landmarks."""
    records = [{**r, "properties": {**r["properties"], "wof:country": "sy"}}
               for r in WOF_RECORDS]
    path = write_wof_tar(tmp_path / "lower.tar.gz", records)
    assert "landmarks and airports" in import_gazetteer(path)
    conn = sqlite3.connect(fresh_home / "gazetteer.sqlite")
    codes = {r[0] for r in conn.execute("SELECT DISTINCT country_code FROM places")}
    conn.close()
    assert codes == {"SY"}


def test_inner_spans_are_ranked_only_when_a_place_carries_their_key(invented_geocoder):
    """The pre-check that spares ranking a span's look-alikes: only a fold or bare key match
    can reach 0.97, which an inner span needs."""
    assert invented_geocoder.index.may_match_exactly("Kafr Zayna", "SY")
    assert invented_geocoder.index.may_match_exactly("al-Kafr Zayna", "SY")     # bare key
    assert not invented_geocoder.index.may_match_exactly("Kafr Zaynah", "SY")   # skeleton only
    assert not invented_geocoder.index.may_match_exactly("Signals Regiment", "SY")
