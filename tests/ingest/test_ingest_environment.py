"""The home's environment going wrong (issue #13 item 5), under real conditions: two first
ingests into an empty home, run as two processes at once, both succeed; a home on a real full
file system, a real read-only file system and a home that cannot be made on one give one line
on stderr (exit status 1), not a traceback, and lose nothing already stored.

The small file systems are tmpfs mounts made in a private user and mount namespace
(``unshare -Urm``), so the test needs no privileges and touches no mount outside itself."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).parents[1]


def tawthiq_env(home: Path) -> dict[str, str]:
    return {**os.environ, "TAWTHIQ_HOME": str(home), "TAWTHIQ_WORLD_GAZETTEER": "off",
            "TAWTHIQ_EXTRACTOR": "support.fake_extractor:make", "PYTHONPATH": str(TESTS)}


def ingest_process(path: Path, home: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "tawthiq.cli", "ingest", str(path)],
                            env=tawthiq_env(home), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


@pytest.mark.slow
@pytest.mark.parametrize("trial", range(3))
def test_two_first_ingests_into_an_empty_home_both_succeed(tmp_path, trial):
    home = tmp_path / "home"
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("3 killed in Taybeh.\n")
    second.write_text("2 killed in Harbel.\n")
    runs = [ingest_process(first, home), ingest_process(second, home)]
    results = [(run.wait(timeout=120), *run.communicate()) for run in runs]
    for status, out, err in results:
        assert status == 0, err[-2000:]
        assert out.startswith("stored") and err == ""


DUMP = ("import sqlite3, sys\n"
        "rows = sqlite3.connect(sys.argv[1]).iterdump()\n"
        "open(sys.argv[2], 'w').write('\\n'.join(rows))\n")


def in_small_file_system(tmp_path: Path, steps: str) -> subprocess.CompletedProcess:
    """Run the shell ``steps`` with ``$MNT`` a fresh 8 MiB tmpfs, ``tawthiq`` the CLI and
    ``dump DB FILE`` writing every row of a store to ``FILE``; the mount ends with them."""
    if shutil.which("unshare") is None:
        pytest.fail("util-linux's unshare is needed to mount a small file system for this test")
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    (tmp_path / "dump.py").write_text(DUMP)
    python = shlex.quote(sys.executable)
    script = (f"set -e\nMNT={shlex.quote(str(mnt))}\n"
              f"tawthiq() {{ {python} -m tawthiq.cli \"$@\"; }}\n"
              f"dump() {{ {python} dump.py \"$1\" \"$2\"; }}\n"
              "mount -t tmpfs -o size=8m tmpfs \"$MNT\"\n" + steps)
    result = subprocess.run(["unshare", "-Urm", "sh", "-c", script], cwd=tmp_path,
                            env=tawthiq_env(mnt / "home"), capture_output=True, text=True,
                            timeout=300)
    if "mount:" in result.stderr or "unshare:" in result.stderr:
        pytest.fail(f"cannot mount a small file system here: {result.stderr.strip()}")
    return result


@pytest.fixture
def reports(tmp_path) -> Path:
    (tmp_path / "first.txt").write_text("3 killed in Taybeh.\n")
    (tmp_path / "big.txt").write_text("".join(f"{i} killed in Harbel, witness Nadim said.\n"
                                              for i in range(1, 2000)))
    return tmp_path


def last_ingest_error(result: subprocess.CompletedProcess, reports: Path) -> str:
    status_line = (reports / "status").read_text().strip()
    err = (reports / "err").read_text()
    assert status_line == "1", (status_line, err, result.stderr)
    assert len(err.strip().splitlines()) == 1, err
    return err


@pytest.mark.slow
def test_a_full_disk_is_one_line_and_loses_nothing(tmp_path, reports):
    result = in_small_file_system(tmp_path, """
tawthiq ingest first.txt
dump "$MNT/home/tawthiq.db" before.sql
dd if=/dev/zero of="$MNT/filler" bs=4k 2>/dev/null || true
set +e; tawthiq ingest big.txt 2>err; echo $? > status; set -e
rm "$MNT/filler"
dump "$MNT/home/tawthiq.db" after.sql
""")
    assert result.returncode == 0, result.stderr
    err = last_ingest_error(result, reports)
    assert "disk is full" in err and str(tmp_path / "mnt" / "home") in err
    assert "first.txt" in (reports / "before.sql").read_text()
    assert (reports / "after.sql").read_text() == (reports / "before.sql").read_text()


@pytest.mark.slow
def test_a_read_only_file_system_is_one_line_and_loses_nothing(tmp_path, reports):
    result = in_small_file_system(tmp_path, """
tawthiq ingest first.txt
dump "$MNT/home/tawthiq.db" before.sql
mount -o remount,ro "$MNT"
set +e; tawthiq ingest big.txt 2>err; echo $? > status; set -e
mount -o remount,rw "$MNT"
dump "$MNT/home/tawthiq.db" after.sql
""")
    assert result.returncode == 0, result.stderr
    err = last_ingest_error(result, reports)
    assert "read-only" in err.lower() and str(tmp_path / "mnt" / "home") in err
    assert (reports / "after.sql").read_text() == (reports / "before.sql").read_text()


@pytest.mark.slow
def test_a_home_that_cannot_be_made_is_one_line(tmp_path, reports):
    result = in_small_file_system(tmp_path, """
mount -o remount,ro "$MNT"
set +e; tawthiq ingest first.txt 2>err; echo $? > status; set -e
""")
    assert result.returncode == 0, result.stderr
    err = last_ingest_error(result, reports)
    assert "Read-only file system" in err and str(tmp_path / "mnt" / "home") in err
    assert not (tmp_path / "mnt" / "home").exists()
