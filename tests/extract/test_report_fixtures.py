"""Whole reports written for these tests (``fixtures/reports``: several villages, several
sources, aggregates, background incidents, page furniture), extracted with a small real
gazetteer and the actor registry, and scored by the project's report scorer against their gold.
Each report also has its own field-by-field checks below."""

from __future__ import annotations

import json

import pytest

from extract.report_fixtures import REPORTS
from tawthiq.evaluate.reports import read_gold, read_outputs, score
from tawthiq.extract.pipeline import Extractor
from tawthiq.ingest.documents import make_document


@pytest.fixture(scope="session")
def report_extractor(nlp, report_tools) -> Extractor:
    return Extractor(nlp=nlp, resolvers=report_tools)


@pytest.fixture(scope="session")
def extracted(report_extractor) -> dict[str, dict]:
    lines = (REPORTS / "docs.jsonl").read_text("utf-8").splitlines()
    documents = [make_document(row["id"], row["text"], source=row["source"],
                               published=row["published"])
                 for row in map(json.loads, lines)]
    return {r.document.id: r.to_json() for r in report_extractor.extract_many(documents)}


def test_scores_of_the_written_reports(extracted) -> None:
    texts = {row["id"]: row["text"] for row in map(
        json.loads, (REPORTS / "docs.jsonl").read_text("utf-8").splitlines())}
    outputs, problems = read_outputs(json.dumps(o) for o in extracted.values())
    figures, errors = score(read_gold(REPORTS / "gold.jsonl"), outputs, problems, texts=texts)
    for e in errors:
        print(json.dumps(e, ensure_ascii=False)[:600])
    main = {k: (v["pass"], v["applicable"]) for k, v in figures["main_incident"].items()}
    print(main, figures["incident_recall"], figures["spurious_events"],
          figures["aggregate_on_local_event"])
    assert not problems
    assert all(passed == applicable for passed, applicable in main.values()), main
    assert figures["incident_recall"]["found"] == figures["incident_recall"]["gold"]
    assert figures["spurious_events"]["spurious"] == 0
    assert figures["aggregate_on_local_event"] == 0
