"""The victims commands as a coder uses them: the contract's CSV on stdout or in -o, splink's
settings saved beside it, an XLSX list read like a CSV one, and every bad input one line on
stderr with exit status 2."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from victims.conftest import sample_list


def tawthiq(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tawthiq.cli", *args], capture_output=True,
                          text=True, timeout=600)


def test_link_writes_the_contract_csv_and_the_run_settings(tmp_home: Path,
                                                            tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()  # the committee's list as XLSX: read the same way
    sheet = book.active
    with sample_list("committee").open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle):
            sheet.append(row)
    committee = tmp_path / "committee.xlsx"
    book.save(committee)
    out = tmp_path / "links.csv"
    run = tawthiq("victims", "link", str(sample_list("monitor")), str(committee), "-o", str(out))
    assert run.returncode == 0, run.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert list(rows[0]) == ["a_row", "b_row", "probability"] and len(rows) > 20
    assert len({r["a_row"] for r in rows}) == len(rows)  # one-to-one
    model = json.loads((tmp_path / "links.splink.json").read_text(encoding="utf-8"))
    assert model["link_type"] == "link_only" and model["comparisons"]
    dedupe = tawthiq("victims", "dedupe", str(sample_list("monitor")))
    assert dedupe.returncode == 0, dedupe.stderr
    assert dedupe.stdout.splitlines()[0] == "a_row,b_row,probability"


@pytest.mark.parametrize(("content", "message"), [
    (b'name,age\n"\xd9\x8a\xd9\x88\xd8\xb3\xd9\x81,30\n', "malformed CSV"),
    (b"name,age\n\xff\xfe,3\n", "not valid UTF-8"),
    (b"age,sex\n3,m\n", "no name column"),
    (b"%PDF-1.4 binary", "binary file"),
])
def test_bad_lists_are_one_line_and_status_2(tmp_home: Path, tmp_path: Path, content: bytes,
                                             message: str) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_bytes(content)
    for args in (["victims", "dedupe", str(bad)],
                 ["victims", "import", str(bad), "--list", "bad"]):
        run = tawthiq(*args)
        assert run.returncode == 2, run.stderr
        assert "Traceback" not in run.stderr and len(run.stderr.strip().splitlines()) == 1
        assert "bad.csv" in run.stderr and message in run.stderr


def test_bad_options_are_one_line_and_status_2(tmp_home: Path, tmp_path: Path) -> None:
    list_ = str(sample_list("monitor"))
    for args, message in ((["victims", "link", list_, list_, "--engine", "oracle"], "engine"),
                          (["victims", "link", list_, list_, "--columns", "nam=x"], "nam"),
                          (["victims", "link", list_, str(tmp_path / "none.csv")], "no such"),
                          (["victims", "dedupe", str(tmp_path)], "directory"),
                          (["evaluate", "linkage", list_, list_, "--truth-column", "idx"],
                           "truth column")):
        run = tawthiq(*args)
        assert run.returncode == 2, (args, run.stderr)
        assert message in run.stderr and "Traceback" not in run.stderr
