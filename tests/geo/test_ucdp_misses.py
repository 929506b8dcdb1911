"""The UCDP place evaluation's miss breakdown: causes, feature words, the most-missed names
and the --misses listing (rows invented around the fixture gazetteer)."""

import csv
import json

import pytest

from geo.gazetteer_fixtures import build_home
from tawthiq.evaluate import ucdp_places
from tawthiq.geo.service import Geocoder

FIELDS = ["where_prec", "where_coordinates", "adm_1", "adm_2", "latitude", "longitude"]


@pytest.fixture(scope="module")
def fixture_geocoder(tmp_path_factory):
    home = build_home(tmp_path_factory.mktemp("miss-home"), tmp_path_factory.mktemp("miss-src"))
    geocoder = Geocoder(home / "gazetteer.sqlite", None)
    yield geocoder
    geocoder.close()


def _row(name, lat, lon, admin1="Homs Governorate", precision="1"):
    return {"where_prec": precision, "where_coordinates": name, "adm_1": admin1, "adm_2": "",
            "latitude": str(lat), "longitude": str(lon)}


def test_misses_by_cause_word_and_name(fixture_geocoder, tmp_path, monkeypatch):
    monkeypatch.setattr(ucdp_places, "get_geocoder", lambda: fixture_geocoder)
    rows = [_row("Teir Maaleh village", 34.80, 36.71),            # right
            _row("Al Ghantu village", 35.00, 36.69),              # resolved, 20 km off
            _row("Al Ghantu village", 35.00, 36.69),
            _row("Qarn Sufayra oil field", 34.2, 37.9)]           # nothing of that name
    path = tmp_path / "ged.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=FIELDS)
        writer.writeheader()
        writer.writerows(rows)
    printed, listing = [], tmp_path / "misses.jsonl"
    report = ucdp_places.evaluate_ucdp_places(path, None, printed.append, misses=listing)
    breakdown = report["miss_breakdown"]
    assert breakdown["rows"] == 3
    assert breakdown["by_cause"] == {"elsewhere": 2, "not resolved": 1}
    assert breakdown["by_feature_word"] == {"village": 2, "oil field": 1}
    assert breakdown["top_names"][0] == {"name": "Al Ghantu",
                                         "admin1": "Homs Governorate", "cause": "elsewhere",
                                         "rows": 2}
    lines = [json.loads(line) for line in listing.read_text("utf-8").splitlines()]
    assert len(lines) == 3 and {m["cause"] for m in lines} == {"elsewhere", "not resolved"}
    assert any(line.startswith("misses at 5 km: 3 rows") for line in printed)


def test_a_candidate_within_5km_ranked_below_the_answer_is_ranked_lower():
    class Alt:
        latitude, longitude = 34.80, 36.71

    assert ucdp_places._cause(object(), 50.0, [Alt()]) == "ranked lower"
    assert ucdp_places._cause(object(), 50.0, []) == "elsewhere"
    assert ucdp_places._cause(None, None, []) == "not resolved"
    assert ucdp_places._cause(object(), 1.0, []) is None


def test_misses_option_of_the_command(geo_home, tmp_path):
    import os
    import subprocess
    import sys

    path = tmp_path / "ged.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=FIELDS)
        writer.writeheader()
        writer.writerows([_row("Teir Maaleh village", 34.80, 36.71),
                          _row("Qarn Sufayra oil field", 34.2, 37.9)])
    listing = tmp_path / "misses.jsonl"
    env = {**os.environ, "TAWTHIQ_HOME": str(geo_home)}
    done = subprocess.run([sys.executable, "-m", "tawthiq.cli", "evaluate", "ucdp-places",
                           str(path), "--misses", str(listing)], capture_output=True, text=True,
                          env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "misses at 5 km: 1 rows (not resolved 1)" in done.stdout
    missed = json.loads(listing.read_text("utf-8"))
    assert (missed["name"], missed["where"]) == ("Qarn Sufayra", "Qarn Sufayra oil field")


def test_the_geocoder_gets_the_name_without_its_feature_word_and_only_the_governorate(
        tmp_path, monkeypatch):
    """Issue #4 defines the metric: the name without its trailing feature word, adm_1 as the
    hint; adm_2 is compared afterwards, never given."""
    asked = []

    class Recorder:
        class index:  # noqa: N801 (the geocoder's attribute)
            @staticmethod
            def points(country):
                return []

        def geocode(self, name, **hints):
            asked.append((name, hints))
            from tawthiq.model import GeocodeResult
            return GeocodeResult(name=name)

        def readings(self, name, country=None):
            return []

    monkeypatch.setattr(ucdp_places, "get_geocoder", lambda: Recorder())
    path = tmp_path / "ged.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=FIELDS)
        writer.writeheader()
        writer.writerow({**_row("Kafr Tala airport", 35.0, 36.5), "adm_2": "Hama district"})
    ucdp_places.evaluate_ucdp_places(path, None, lambda _: None)
    assert asked == [("Kafr Tala", {"country": "SY", "admin1": "Homs Governorate",
                                    "limit": ucdp_places.ALTERNATIVES})]
