"""Real malformed files through ``tawthiq ingest``: exit status 2, one stderr line naming the
file (and line/field), no traceback, and nothing already stored lost or changed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from tawthiq.store import session_scope
from tawthiq.store.tables import DocumentRow

GOOD = "Gunfire at a checkpoint\n\nTwo killed in Maarzaf at a checkpoint, a relative said.\n"


def bad_utf8(tmp: Path) -> tuple[Path, str]:
    path = tmp / "cp1252.txt"
    path.write_bytes(b"Headline\nThe caf\xe9 was hit, residents said.\n")
    return path, f"{path}:2: not valid UTF-8 at byte 16 (0xe9)"


def truncated_json_line(tmp: Path) -> tuple[Path, str]:
    path = tmp / "cut.jsonl"
    path.write_text(json.dumps({"id": "ok", "text": "3 killed in Taybeh."}) + "\n"
                    + '{"id": "cut", "text": "The convoy was hit near', encoding="utf-8")
    return path, f"{path}:2: not valid JSON"


def line_without_text(tmp: Path) -> tuple[Path, str]:
    path = tmp / "notext.jsonl"
    path.write_text(json.dumps({"id": "x", "title": "only a title"}) + "\n", encoding="utf-8")
    return path, f"{path}:1, field 'text': missing"


def binary_file(tmp: Path) -> tuple[Path, str]:
    path = tmp / "scan.txt"
    path.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    return path, f"{path}: binary file (PDF document)"


def empty_file(tmp: Path) -> tuple[Path, str]:
    path = tmp / "empty.txt"
    path.write_bytes(b"")
    return path, f"{path}: file is empty"


def csv_missing_column(tmp: Path) -> tuple[Path, str]:
    path = tmp / "sheet.csv"
    path.write_text("headline,date\nSomething happened,1/2/19\n", encoding="utf-8")
    return path, f"{path}:1: no text column"


def fifty_megabytes(tmp: Path) -> tuple[Path, str]:
    path = tmp / "dump.txt"
    line = b"The same line of an oversized file, over and over again.\n"
    with path.open("wb") as out:
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            out.write(line)
    return path, f"{path}: file is 50.0 MB, above the 20 MB limit"


BAD_FILES = [bad_utf8, truncated_json_line, line_without_text, binary_file, empty_file,
             csv_missing_column, fifty_megabytes]


def stored_documents() -> list[tuple]:
    with session_scope() as session:
        return [tuple(r) for r in session.execute(
            select(DocumentRow.id, DocumentRow.sha256, DocumentRow.raw, DocumentRow.text))]


def subset_of(before: dict[str, list[tuple]], after: dict[str, list[tuple]]) -> bool:
    # store_version's one row is a counter of changes, viewer_search_state's how far the
    # viewers' search index is brought: both move whenever anything (a good line) is stored.
    moving = {"store_version", "viewer_search_state"}
    return all(row in after[name] for name, rows in before.items() for row in rows
               if name not in moving)


@pytest.mark.parametrize("make_bad", BAD_FILES, ids=lambda f: f.__name__)
def test_bad_file_exits_2_with_one_line_and_keeps_the_store(make_bad, run_cli, tmp_path,
                                                            snapshot):
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    assert run_cli("ingest", good)[0] == 0
    before, documents = snapshot(), stored_documents()

    bad, expected = make_bad(tmp_path)
    status, out, err = run_cli("ingest", bad)

    assert status == 2
    assert len(err.splitlines()) == 1, err
    assert err.startswith(f"Error: {expected}"), err
    assert "Traceback" not in err + out
    after = snapshot()
    assert subset_of(before, after)
    assert stored_documents()[:len(documents)] == documents
    if make_bad is not truncated_json_line:       # the good line of that file is stored
        assert after == before


def test_a_batch_goes_on_past_bad_files_in_a_real_process(home, tmp_path):
    bads = [make(tmp_path)[0] for make in (bad_utf8, binary_file, empty_file,
                                           csv_missing_column)]
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])}
    run = subprocess.run([sys.executable, "-m", "tawthiq.cli", "ingest", *bads, good],
                         capture_output=True, text=True, env=env, timeout=120)
    assert run.returncode == 2, run.stderr
    errors = run.stderr.splitlines()
    assert [line.split(":")[1].strip() for line in errors] == [str(p) for p in bads]
    assert "Traceback" not in run.stderr
    assert run.stdout.splitlines() == [f"stored    {good}  (document 1, 1 event)"]
