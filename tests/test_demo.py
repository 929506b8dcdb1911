"""The README's main job, without the server: sample reports in, incidents and exports out."""

import csv
import subprocess
import sys

import pytest


@pytest.mark.slow
def test_demo_ingests_samples_prints_incidents_and_writes_exports(tmp_home):
    run = subprocess.run([sys.executable, "-m", "tawthiq.cli", "demo", "--no-serve"],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    assert "incidents" in run.stdout
    exports = tmp_home / "exports"
    rows = list(csv.DictReader((exports / "acled.csv").open(encoding="utf-8")))
    assert len(rows) >= 6  # nine sample reports, two of them about the same strike
    assert all(r["tawthiq_documents"] for r in rows)
    assert (exports / "incidents.geojson").stat().st_size > 0
    again = subprocess.run([sys.executable, "-m", "tawthiq.cli", "demo", "--no-serve"],
                           capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    assert "duplicate" in again.stdout  # re-running adds nothing
    assert len(list(csv.DictReader((exports / "acled.csv").open(encoding="utf-8")))) == len(rows)
