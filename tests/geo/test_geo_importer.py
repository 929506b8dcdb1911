"""Importing WOF (tar.gz, directory) and GeoNames (txt, zip): hierarchy, names, outlines,
idempotence, bad input."""

import sqlite3
import zipfile

import pytest

from geo.gazetteer_fixtures import write_geonames, write_wof_dir, write_wof_tar
from tawthiq.errors import BadInput
from tawthiq.geo.importer import import_gazetteer
from tawthiq.geo.service import region_outlines
from tawthiq.settings import Settings, use_settings


@pytest.fixture()
def fresh_home(tmp_path):
    use_settings(Settings(home=tmp_path / "home"))
    yield tmp_path / "home"
    use_settings(None)


def _places(home):
    conn = sqlite3.connect(home / "gazetteer.sqlite")
    conn.row_factory = sqlite3.Row
    return {r["id"]: r for r in conn.execute("SELECT * FROM places")}


def test_wof_tar_import_is_idempotent(fresh_home, tmp_path):
    tar = write_wof_tar(tmp_path / "wof.tar.gz")
    first = import_gazetteer(tar)
    assert "11 places" in first and "11 new" in first
    before = _places(fresh_home)
    second = import_gazetteer(tar)
    assert "0 new, 0 changed, 11 unchanged" in second
    assert _places(fresh_home).keys() == before.keys()


def test_wof_hierarchy_names_and_status(fresh_home, tmp_path):
    import_gazetteer(write_wof_tar(tmp_path / "wof.tar.gz"))
    places = _places(fresh_home)
    homs = places["wof:910"]
    assert homs["name"] == "Homs"                   # Latin display name over Arabic wof:name
    assert (homs["admin1"], homs["admin2"], homs["feature"]) == ("Homs (Hims)", "Homs", "locality")
    assert homs["geonames_id"] == 169577 and homs["population"] == 775404
    assert places["wof:913"]["admin1"] == "Homs (Hims)"   # from the region outline
    assert places["wof:903"]["feature"] == "district"
    assert places["wof:916"]["current"] == -2             # deprecated
    conn = sqlite3.connect(fresh_home / "gazetteer.sqlite")
    langs = {r[0] for r in conn.execute("SELECT lang FROM names WHERE place_id='wof:911'")}
    assert {"ara", "und"} <= langs


def test_wof_directory_import_skips_alt_geometries(fresh_home, tmp_path):
    summary = import_gazetteer(write_wof_dir(tmp_path / "repo"))
    assert summary.startswith("repo: 11 places")


def test_region_outlines(fresh_home, tmp_path):
    import_gazetteer(write_wof_tar(tmp_path / "wof.tar.gz"))
    regions = region_outlines("region")
    assert regions["type"] == "FeatureCollection"
    names = {f["properties"]["name"] for f in regions["features"]}
    assert names == {"Homs (Hims)", "Hamah"}
    assert all(f["geometry"]["type"] == "Polygon" for f in regions["features"])
    districts = region_outlines("district")
    assert [f["properties"]["name"] for f in districts["features"]] == ["Homs"]


def test_geonames_txt_and_zip(fresh_home, tmp_path):
    txt = write_geonames(tmp_path / "SY.txt")
    assert "3 places" in import_gazetteer(txt)
    places = _places(fresh_home)
    assert places["geonames:7000002"]["admin1"] == "Muhafazat Idlib"
    assert places["geonames:7000001"]["feature"] == "region"
    archive = tmp_path / "SY.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(txt, "SY.txt")
        z.writestr("readme.txt", "not data")
    assert "0 new, 0 changed, 3 unchanged" in import_gazetteer(archive)


def test_bad_inputs(fresh_home, tmp_path):
    with pytest.raises(BadInput, match="no such file"):
        import_gazetteer(tmp_path / "missing.tar.gz")
    bad = tmp_path / "bad.txt"
    bad.write_text("1\tonly\ttwo\n", "utf-8")
    with pytest.raises(BadInput) as info:
        import_gazetteer(bad)
    assert info.value.line == 1
    other = tmp_path / "thing.pdf"
    other.write_text("x", "utf-8")
    with pytest.raises(BadInput, match="unknown gazetteer format"):
        import_gazetteer(other)
    broken = tmp_path / "broken.tar.gz"
    broken.write_bytes(b"not a tar")
    with pytest.raises(BadInput):
        import_gazetteer(broken)
