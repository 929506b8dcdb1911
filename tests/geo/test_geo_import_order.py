"""The gazetteer is the same whichever order its sources are imported in: an OCHA community
list imported before WOF (no outline yet to give its communities a governorate) gets its
regions and districts when the outlines come, and an area defined by its sub-districts is
placed among those communities either way (invented names and points throughout)."""

from __future__ import annotations

import copy
import sqlite3

import pytest

from geo.gazetteer_fixtures import write_wof_tar
from geo.ocha_fixtures import write_syrian_archive
from tawthiq.geo import landmarks
from tawthiq.geo.importer import import_gazetteer
from tawthiq.settings import Settings, use_settings

AREA = {"id": "xx-wadi-nakhla", "country": "SY", "kind": "area", "feature": "district",
        "members": {"admin1": "Homs", "admin3": ["Taldu Nord"]},
        "names": ["Wadi Nakhla"], "source": "invented for this test"}
COLUMNS = ("id, source, name, lat, lon, feature, kind, admin1, admin2, admin1_id, admin2_id, "
           "admin3, pcode, current")


@pytest.fixture
def with_area(monkeypatch):
    data = copy.deepcopy(landmarks.landmark_data())
    data["landmarks"].append(AREA)
    monkeypatch.setattr(landmarks, "landmark_data", lambda: data)


def _import_in_order(tmp_path, order: list[str]) -> sqlite3.Connection:
    tmp_path.mkdir(parents=True, exist_ok=True)
    files = {"wof": write_wof_tar(tmp_path / "wof.tar.gz"),
             "ocha": write_syrian_archive(tmp_path / "locations.json")}
    home = tmp_path / "home"
    use_settings(Settings(home=home))
    try:
        for source in order:
            import_gazetteer(files[source])
    finally:
        use_settings(None)
    return sqlite3.connect(home / "gazetteer.sqlite")


def _tables(conn: sqlite3.Connection) -> tuple[list, list, list]:
    return (conn.execute(f"SELECT {COLUMNS} FROM places ORDER BY id").fetchall(),
            conn.execute("SELECT * FROM place_groups ORDER BY place_id").fetchall(),
            conn.execute("SELECT * FROM names ORDER BY place_id, name, lang").fetchall())


def test_both_import_orders_give_the_same_gazetteer(tmp_path, with_area):
    wof_first = _import_in_order(tmp_path / "a", ["wof", "ocha"])
    ocha_first = _import_in_order(tmp_path / "b", ["ocha", "wof"])
    assert _tables(ocha_first) == _tables(wof_first)


def test_a_community_list_imported_first_gets_its_governorate_from_the_outlines(tmp_path):
    conn = _import_in_order(tmp_path, ["ocha", "wof"])
    assert conn.execute("SELECT admin1, admin2 FROM places WHERE id = 'sa:2'").fetchone() == (
        "Homs (Hims)", "Homs")
    assert conn.execute("SELECT admin1 FROM places WHERE id = 'sa:3'").fetchone() == (
        "Homs (Hims)",)


@pytest.mark.parametrize("order", [["wof", "ocha"], ["ocha", "wof"]])
def test_an_area_of_sub_districts_is_placed_in_either_order(tmp_path, with_area, order):
    conn = _import_in_order(tmp_path, order)
    lat, lon, admin1 = conn.execute("SELECT lat, lon, admin1 FROM places "
                                    "WHERE id = 'landmark:xx-wadi-nakhla'").fetchone()
    # the mean of the list's two Taldu Nord communities (ocha_fixtures.py)
    assert (lat, lon, admin1) == (pytest.approx(34.8269), pytest.approx(36.6842),
                                  "Homs (Hims)")
