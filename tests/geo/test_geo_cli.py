"""The contract commands, run as a user runs them: `tawthiq gazetteer import` and
`tawthiq geocode` (one Arabic-script and five Latin spellings of one village)."""

import json
import os
import subprocess
import sys

from geo.gazetteer_fixtures import write_wof_tar


def _tawthiq(home, *args):
    env = {**os.environ, "TAWTHIQ_HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "tawthiq.cli", *args], capture_output=True,
                          text=True, env=env, timeout=120)


def test_geocode_command_spellings_and_script(geo_home):
    spellings = ["Ter Ma'la", "Teir Maaleh", "Tayr Ma`lah", "Tir Maala", "Tayr Maʿlah",
                 "تير معلة"]
    ids = set()
    for name in spellings:
        done = _tawthiq(geo_home, "geocode", name, "--country", "SY", "--admin1", "Homs")
        assert done.returncode == 0, done.stderr
        line = json.loads(done.stdout)
        assert line["name"] == name
        ids.add(line["match"]["gazetteer_id"])
    assert ids == {"wof:911"}


def test_geocode_command_input_and_bad_line(geo_home, tmp_path):
    names = tmp_path / "names.jsonl"
    names.write_text('{"id": "a", "name": "Teir Maaleh", "admin1": "Hama"}\n{"id": "b"}\n',
                     "utf-8")
    done = _tawthiq(geo_home, "geocode", "--input", str(names))
    assert done.returncode == 2
    assert json.loads(done.stdout.splitlines()[0])["match"]["gazetteer_id"] == "wof:912"
    assert done.stderr.startswith("Error: ") and ":2" in done.stderr


def test_gazetteer_import_command(tmp_path):
    archive = write_wof_tar(tmp_path / "wof.tar.gz")
    first = _tawthiq(tmp_path / "home", "gazetteer", "import", str(archive))
    assert first.returncode == 0, first.stderr
    assert "11 new" in first.stdout
    again = _tawthiq(tmp_path / "home", "gazetteer", "import", str(archive))
    assert "0 new, 0 changed, 11 unchanged" in again.stdout
    missing = _tawthiq(tmp_path / "home", "gazetteer", "import", str(tmp_path / "none.tar.gz"))
    assert missing.returncode == 2 and "no such file" in missing.stderr
