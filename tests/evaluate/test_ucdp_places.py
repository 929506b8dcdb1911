"""UCDP GED place-name evaluation: reading, scoring, the printed table and the JSON report."""

import csv
import json

import pytest

from conftest import require_file
from geo.gazetteer_fixtures import build_home
from tawthiq.errors import BadInput
from tawthiq.evaluate import ucdp_places
from tawthiq.geo.service import Geocoder

FIELDS = ["where_prec", "where_coordinates", "adm_1", "adm_2", "latitude", "longitude"]


@pytest.fixture(scope="module")
def fixture_geocoder(tmp_path_factory):
    home = build_home(tmp_path_factory.mktemp("ucdp-home"), tmp_path_factory.mktemp("ucdp-src"))
    return Geocoder(home / "gazetteer.sqlite", None)


def _write(path, rows):
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=FIELDS)
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_scores_rows_and_names(fixture_geocoder, tmp_path, monkeypatch):
    monkeypatch.setattr(ucdp_places, "get_geocoder", lambda: fixture_geocoder)
    rows = [
        # right village, spelled as coders do, with its governorate
        {"where_prec": "1", "where_coordinates": "Teir Maaleh village", "adm_1": "Homs Governorate",
         "adm_2": "Homs district", "latitude": "34.80", "longitude": "36.71"},
        {"where_prec": "1", "where_coordinates": "Teir Maaleh village", "adm_1": "Homs Governorate",
         "adm_2": "Homs district", "latitude": "34.80", "longitude": "36.71"},
        # the Hama twin: the governorate decides
        {"where_prec": "2", "where_coordinates": "Tayr Ma'la town", "adm_1": "Hamah Governorate",
         "adm_2": "", "latitude": "35.31", "longitude": "36.80"},
        # resolvable, but UCDP's point is 20 km away
        {"where_prec": "1", "where_coordinates": "Al Ghantu village", "adm_1": "Homs Governorate",
         "adm_2": "", "latitude": "35.00", "longitude": "36.69"},
        # not in the gazetteer
        {"where_prec": "1", "where_coordinates": "Nowhere airbase", "adm_1": "Homs Governorate",
         "adm_2": "", "latitude": "34.0", "longitude": "37.0"},
        # precision 3+ rows are not scored
        {"where_prec": "4", "where_coordinates": "Homs Governorate", "adm_1": "Homs Governorate",
         "adm_2": "", "latitude": "34.6", "longitude": "37.5"},
    ]
    output = tmp_path / "report.json"
    printed = []
    report = ucdp_places.evaluate_ucdp_places(_write(tmp_path / "ged.csv", rows), output,
                                              printed.append)
    assert report["rows"] == 5
    assert report["by_row"]["within_5km"] == pytest.approx(3 / 5)
    assert report["by_row"]["within_25km"] == pytest.approx(4 / 5)
    assert report["by_row"]["resolved"] == pytest.approx(4 / 5)
    assert report["by_name"]["count"] == 4
    assert report["by_row"]["admin2_agreement"] == 1.0 and report["by_row"]["admin2_compared"] == 2
    assert json.loads(output.read_text("utf-8"))["rows"] == 5
    assert any("by_row" in line for line in printed)
    blocking = report["blocking"]  # no record near UCDP's Al Ghantu, nor near "Nowhere"
    assert {k: v for k, v in blocking["rows"].items() if v} == {"no_record": 2}
    assert blocking["pairs"] == blocking["rows"]
    assert blocking["ceiling_rows"] == 3 and blocking["ceiling_pairs"] == 2
    assert blocking["pairs_by_word"]["no_record"] == {"village": 1, "airbase": 1}
    assert any("by the word after the name: village 1, airbase 1" in line for line in printed)
    assert any("ceiling with perfect ranking" in line for line in printed)


def test_missing_columns_is_bad_input(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("id,where_prec\n1,1\n", "utf-8")
    with pytest.raises(BadInput, match="missing column"):
        ucdp_places.read_ucdp_rows(path)


@pytest.mark.data
def test_reads_the_shared_ucdp_file(shared_data):
    rows = ucdp_places.read_ucdp_rows(require_file(shared_data / "ucdp-ged-syria" / "dev.csv"))
    assert len(rows) > 7000
    assert {r["where_prec"] for r in rows} == {"1", "2"}
