"""Every output line is valid against the contract's JSON schema."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import jsonschema
import pytest
from tests.conftest import require_file

from tawthiq.ingest.documents import make_document
from tawthiq.settings import PROJECT_ROOT

SCHEMA_PATH = PROJECT_ROOT.parent / "shared" / "contract" / "extract.schema.json"


@pytest.fixture(scope="session")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(require_file(SCHEMA_PATH).read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def assert_valid(validator, line: dict) -> None:
    problems = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(line)]
    assert not problems, problems[:5]


def test_plain_text_html_and_jsonl_reports(tmp_path: Path, validator, extractor,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from tawthiq import pipeline

    monkeypatch.setattr(pipeline, "load_override", lambda: extractor)   # the test gazetteer

    txt = tmp_path / "report.txt"
    txt.write_text("Shelling hits market\n\nShelling killed at least 7 people and wounded 20 "
                   "in a market on Friday, a monitoring group said.\n", encoding="utf-8")
    html = tmp_path / "report.html"
    html.write_text("<html><head><title>Car bomb</title></head><body><article><h1>Car bomb "
                    "kills 9</h1><p>A car bomb killed nine people, including two women, near a "
                    "checkpoint on Sunday, witnesses said. Police said 15 were injured.</p>"
                    "</article></body></html>", encoding="utf-8")
    jsonl = tmp_path / "docs.jsonl"
    jsonl.write_text("\n".join([
        json.dumps({"id": "a", "text": "Gunmen shot dead two farmers on Monday.",
                    "published": "2024-03-13"}),
        "{not json",
        json.dumps({"id": "c", "title": "no text"}),
        json.dumps({"id": "d", "text": "Nothing violent happened at the fair."}),
    ]) + "\n", encoding="utf-8")
    lines = list(pipeline.extract_paths([txt, html, jsonl], published=None, source="Test Wire",
                                        language="en"))
    for line in lines:
        assert_valid(validator, line)
    assert [("error" in line) for line in lines] == [False, False, False, True, True, False]
    assert lines[0]["events"][0]["fatalities"]["low"] == 7
    assert lines[1]["events"][0]["means"][0] == "vehicle bomb"
    assert lines[2]["document"]["id"] == "a"
    assert lines[2]["events"][0]["date"]["start"] == "2024-03-11"
    assert lines[4]["id"] == "c"
    assert lines[5]["events"] == []


@pytest.mark.data
def test_every_fakes_dev_document_is_schema_valid(shared_data: Path, validator) -> None:
    from tawthiq.extract.pipeline import get_extractor

    path = require_file(shared_data / "fakes" / "dev.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    documents = [make_document(r["unit_id"], r["article_content"], title=r["article_title"],
                               source=r["source"]) for r in rows]
    count = 0
    for document, result in zip(documents, get_extractor().extract_many(documents), strict=True):
        line = result.to_json()
        assert_valid(validator, line)
        text = document.text
        for event in line["events"]:
            for evidence in event["evidence"]:
                assert 0 <= evidence["start"] < evidence["end"] <= len(text)
        count += 1
    assert count == len(rows) == 398
