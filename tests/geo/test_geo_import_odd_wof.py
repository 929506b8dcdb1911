"""Found by QA: a Who's On First archive with odd records (a coordinate that is not a number,
a name that is not text, a null or string-valued hierarchy), imported over a country already
stored with its landmarks and airports. Bad values are one line naming the record and field,
exit status 2, and the store is left exactly as it was; odd but usable values import."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys

import pytest

from geo.gazetteer_fixtures import WOF_RECORDS, _wof, write_wof_tar
from tawthiq.geo.importer import import_gazetteer


def store_digest(home) -> str:
    conn = sqlite3.connect(home / "gazetteer.sqlite")
    digest = hashlib.sha1()
    for table in ("places", "names", "outlines", "meta"):
        for row in conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2"):
            digest.update(repr(row).encode())
    conn.close()
    return digest.hexdigest()


@pytest.fixture()
def stored(tmp_home, tmp_path):
    """A home holding the fixture country, imported once (with its landmarks)."""
    summary = import_gazetteer(write_wof_tar(tmp_path / "good.tar.gz", WOF_RECORDS))
    assert "landmarks and airports" in summary
    return tmp_home


def _odd_hierarchy(value):
    record = _wof(950, "Tell Sawda", "locality", 34.81, 36.70)
    record["properties"]["wof:hierarchy"] = value
    return record


@pytest.mark.parametrize(("record", "words"), [
    (_wof(950, "Tell Sawda", "locality", "north", 36.70), ("950.geojson", "geom:latitude")),
    (_wof(950, 12345, "locality", 34.81, 36.70), ("950.geojson", "wof:name")),
])
def test_a_bad_record_is_one_line_and_the_store_is_untouched(stored, tmp_path, record, words):
    before = store_digest(stored)
    archive = write_wof_tar(tmp_path / "odd.tar.gz", [*WOF_RECORDS, record])
    run = subprocess.run([sys.executable, "-m", "tawthiq.cli", "gazetteer", "import",
                          str(archive)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr and len(run.stderr.strip().splitlines()) == 1
    for word in words:
        assert word in run.stderr
    assert store_digest(stored) == before


@pytest.mark.parametrize("hierarchy", [[None], [{"region_id": "901"}], ["odd"]])
def test_an_odd_hierarchy_imports_the_place(stored, tmp_path, hierarchy):
    archive = write_wof_tar(tmp_path / "odd.tar.gz", [*WOF_RECORDS, _odd_hierarchy(hierarchy)])
    summary = import_gazetteer(archive)
    assert "1 new, 0 changed" in summary and "(0 new, 0 changed)" in summary
    conn = sqlite3.connect(stored / "gazetteer.sqlite")
    (admin1,) = conn.execute("SELECT admin1 FROM places WHERE id = 'wof:950'").fetchone()
    assert admin1 == "Homs (Hims)"  # from the record's region id, else from the outline
