"""The sample corpus with Who's On First Syria and the Syrian Archive's community list imported:
every event placed at an OCHA community carries that community's P-code in the ACLED and JSONL
exports. Reads the shared data (never copies it)."""

from __future__ import annotations

import csv
import json
import sqlite3

import pytest

from conftest import require_file
from tawthiq import api
from tawthiq.demo import SAMPLE_CSV_MAP, sample_paths
from tawthiq.geo.ocha import pcode_level

pytestmark = [pytest.mark.data, pytest.mark.slow]


def _community_codes(gazetteer) -> dict[str, str]:
    """Gazetteer id of each place -> the P-code of the OCHA community among its records."""
    conn = sqlite3.connect(gazetteer)
    rows = conn.execute("SELECT g.group_id, p.pcode FROM place_groups g "
                        "JOIN places p ON p.id = g.place_id WHERE p.pcode IS NOT NULL")
    return {group: code for group, code in rows if pcode_level(code) == 4}


def test_every_event_at_a_community_carries_its_pcode(tmp_home, shared_data, monkeypatch):
    monkeypatch.setenv("TAWTHIQ_WORLD_GAZETTEER", "off")
    gazetteer = shared_data / "gazetteer"
    api.import_gazetteer(require_file(
        gazetteer / "wof-sy" / "whosonfirst-data-admin-sy-2db0f03.tar.gz"))
    api.import_gazetteer(require_file(
        gazetteer / "syrian-archive-locations" / "locations.json"))
    reports, tables = sample_paths()
    api.ingest(reports)
    api.ingest(tables, csv_map=SAMPLE_CSV_MAP)
    api.export("acled", tmp_home / "acled.csv")
    api.export("jsonl", tmp_home / "incidents.jsonl")

    codes = _community_codes(tmp_home / "gazetteer.sqlite")
    records = [json.loads(line) for line in
               (tmp_home / "incidents.jsonl").read_text("utf-8").splitlines()]
    rows = list(csv.DictReader((tmp_home / "acled.csv").open(encoding="utf-8")))
    at_communities = 0
    towns = [r for r in records if r["place"]["cc"] == "SY" and r["place"]["feature"] == "locality"]
    for record, row in zip(records, rows, strict=True):
        place_id = (record.get("location") or {}).get("gazetteer_id")
        if record["place"]["cc"] != "SY" or place_id not in codes:
            continue
        at_communities += 1
        assert record["place"]["pcode"] == codes[place_id], record["place"]
        assert record["location"]["pcode"] == codes[place_id]
        assert row["pcode"] == codes[place_id] and row["admin3"], row
    assert at_communities >= 8   # the samples name Syrian towns and villages throughout
    # and few of the towns and villages are missing from OCHA's list (WOF's Al Qusur is)
    assert sum(1 for r in towns if r["place"]["pcode"]) >= 0.85 * len(towns)
