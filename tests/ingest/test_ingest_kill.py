"""A ``tawthiq ingest`` process killed mid-batch (SIGKILL: no cleanup at all) leaves a sound
database in which every stored report is whole; a re-run stores the rest, once each."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from support.fake_extractor import expected_events

N_FILES = 30
STORED_BEFORE_KILL = 4
WAIT_LIMIT_S = 120  # a safeguard against hanging, not a timing assertion


def report_text(i: int) -> str:
    """A report with a different number of events each (so a half-written one shows)."""
    sentences = [f"Report {i} about the shelling of Maarzaf."]
    sentences += [f"{n + 1} killed in Taybeh in strike number {n} of report {i}."
                  for n in range(2 + 3 * (i % 5))]
    return " ".join(sentences) + "\n"


def stored_count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db, timeout=5) as con:
            return con.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError:   # schema not created yet
        return 0


def ingest_process(files: list[Path], home: Path, delay: str) -> subprocess.Popen:
    env = {**os.environ, "TAWTHIQ_HOME": str(home), "TAWTHIQ_FAKE_DELAY": delay,
           "TAWTHIQ_EXTRACTOR": "support.fake_extractor:make",
           "PYTHONPATH": str(Path(__file__).parents[1])}
    return subprocess.Popen([sys.executable, "-m", "tawthiq.cli", "ingest", *map(str, files)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_kill_mid_batch_then_rerun(home, tmp_path):
    files = []
    for i in range(N_FILES):
        path = tmp_path / f"report-{i:02d}.txt"
        path.write_text(report_text(i), encoding="utf-8")
        files.append(path)
    db = home / "tawthiq.db"

    proc = ingest_process(files, home, delay="0.15")
    started = time.monotonic()
    while stored_count(db) < STORED_BEFORE_KILL:
        if proc.poll() is not None or time.monotonic() - started > WAIT_LIMIT_S:
            proc.kill()
            pytest.fail(f"ingest ended or hung before storing enough: {proc.communicate()}")
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    assert proc.returncode == -signal.SIGKILL

    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        docs = con.execute("SELECT id, text FROM documents").fetchall()
        assert STORED_BEFORE_KILL <= len(docs) < N_FILES
        for doc_id, text in docs:
            events = con.execute("SELECT count(*) FROM events WHERE document_id = ?",
                                 (doc_id,)).fetchone()[0]
            audits = con.execute("SELECT count(*) FROM audit_log WHERE entity = 'document' "
                                 "AND entity_id = ?", (doc_id,)).fetchone()[0]
            assert (events, audits) == (expected_events(text), 1)
        orphans = con.execute("SELECT count(*) FROM evidence WHERE event_id NOT IN "
                              "(SELECT id FROM events)").fetchone()[0]
        assert orphans == 0
    stored_first = len(docs)

    rerun = ingest_process(files, home, delay="0")
    out, err = rerun.communicate(timeout=WAIT_LIMIT_S)
    assert rerun.returncode == 0, err
    lines = out.splitlines()
    assert sum(line.startswith("duplicate") for line in lines) == stored_first
    assert sum(line.startswith("stored") for line in lines) == N_FILES - stored_first

    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("SELECT count(*), count(DISTINCT sha256) FROM documents"
                           ).fetchone() == (N_FILES, N_FILES)
        total_events = con.execute("SELECT count(*) FROM events").fetchone()[0]
    assert total_events == sum(expected_events(report_text(i)) for i in range(N_FILES))
