"""ingest_paths: stores each report with its events in one transaction, by the SHA-256 of its
original bytes; duplicates add nothing; a failing report costs only itself."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from support.fake_extractor import SENTENCE, FakeExtractor, expected_events
from tawthiq import api, progress
from tawthiq import pipeline as service
from tawthiq.ingest.documents import sha256_hex
from tawthiq.store import session_scope
from tawthiq.store.tables import (
    ActorRow,
    AuditEntryRow,
    ClaimRow,
    DocumentRow,
    EventRow,
    EvidenceRow,
    PersonRow,
    PlaceRow,
)

FIXTURES = Path(__file__).parent / "fixtures"
REPORT_A = ("Gunfire in Maarzaf\n\nFour killed in Maarzaf when Test Forces fired on a bus, "
            "the witness Karim said. Later 2 killed in Taybeh. The road stayed closed.")
REPORT_B = "Shell strike\n\nA shell hit a house in Taybeh and 3 killed inside, neighbours said."


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def count(model) -> int:
    with session_scope() as session:
        return session.scalar(select(func.count()).select_from(model))


@pytest.fixture
def reports(tmp_path) -> list[Path]:
    jsonl = tmp_path / "docs.jsonl"
    jsonl.write_text("\n".join(json.dumps(d) for d in [
        {"id": "j1", "text": "5 killed in Maarzaf overnight, a medic said.",
         "published": "2019-06-01", "source": "Wire"},
        {"id": "j2", "text": "A quiet day without incidents."},
    ]) + "\n", encoding="utf-8")
    csv = tmp_path / "rows.csv"
    csv.write_text("id,title,content,date\nc1,Raid,6 killed in Kafrnabl.,6/2/19\n",
                   encoding="utf-8")
    return [write(tmp_path / "a.txt", REPORT_A), write(tmp_path / "b.txt", REPORT_B),
            FIXTURES / "report.html", jsonl, csv]


def test_stores_documents_events_and_provenance(home, reports):
    outcomes = api.ingest(reports, published=None, source="Desk")
    assert [o.status for o in outcomes] == ["stored"] * 6
    assert [o.path for o in outcomes][-3:] == [f"{reports[3]}:1", f"{reports[3]}:2",
                                               f"{reports[4]}:2"]
    with session_scope() as session:
        docs = session.scalars(select(DocumentRow).order_by(DocumentRow.id)).all()
        a = docs[0]
        assert a.raw == reports[0].read_bytes()
        assert a.sha256 == sha256_hex(a.raw)
        assert (a.filename, a.external_id, a.media_type) == ("a.txt", "a.txt", "text/plain")
        assert (a.title, a.source) == ("Gunfire in Maarzaf", "Desk")
        assert [d.media_type for d in docs] == ["text/plain", "text/plain", "text/html",
                                               "application/jsonl", "application/jsonl",
                                               "text/csv"]
        assert docs[3].source == "Wire" and str(docs[3].published) == "2019-06-01"
        assert docs[5].external_id == "c1" and str(docs[5].published) == "2019-06-02"
        for doc, outcome in zip(docs, outcomes, strict=True):
            assert len(doc.events) == expected_events(doc.text) == outcome.events
            assert outcome.document_id == doc.id
        event = a.events[0]
        quotes = {e.field: e.quote for e in event.evidence}
        assert quotes == {"fatalities": "killed", "location": "Maarzaf"}
        assert event.place.gazetteer_id == "test:Maarzaf"
        assert event.perpetrators[0].actor.name == "Test Forces"
        assert event.perpetrators[0].attributed_by == "witnesses"
        assert event.extractor == "fake-test"
        witness = session.scalars(select(PersonRow).where(PersonRow.role == "witness")).one()
        assert (witness.name, witness.document_id, witness.event_id) == ("Karim", a.id, None)
        audit = session.scalars(select(AuditEntryRow).order_by(AuditEntryRow.id)).all()
        assert [(r.actor, r.action, r.entity) for r in audit] == [
            ("system:ingest", "ingest", "document")] * 6
        assert [r.entity_id for r in audit] == [d.id for d in docs]
        assert "Karim" not in json.dumps([r.after for r in audit])
        said = sum(1 for d in docs for m in SENTENCE.finditer(d.text) if "said" in m.group())
        assert session.scalar(select(func.count()).select_from(ClaimRow)) == said >= 4
    # places and actors are shared between reports, not repeated
    assert count(PlaceRow) == 3 and count(ActorRow) == 1


def test_reingesting_the_same_bytes_adds_nothing(home, reports, snapshot, monkeypatch):
    api.ingest(reports)
    before = snapshot()
    monkeypatch.setattr(service, "load_override",
                        lambda: pytest.fail("extractor loaded although nothing is new"))
    outcomes = api.ingest(reports)
    assert {o.status for o in outcomes} == {"duplicate"}
    assert all(o.document_id for o in outcomes)
    assert snapshot() == before


def test_same_bytes_under_another_name_is_a_duplicate_within_one_batch(home, tmp_path):
    first = write(tmp_path / "one.txt", REPORT_B)
    second = write(tmp_path / "copy-of-one.txt", REPORT_B)
    outcomes = api.ingest([first, second])
    assert [o.status for o in outcomes] == ["stored", "duplicate"]
    assert outcomes[1].document_id == outcomes[0].document_id
    assert count(DocumentRow) == 1


def test_extraction_failure_costs_only_that_report(home, tmp_path):
    paths = [write(tmp_path / "ok1.txt", REPORT_A),
             write(tmp_path / "boom.txt", "EXPLODE: 3 killed in Taybeh."),
             write(tmp_path / "ok2.txt", REPORT_B)]
    errors: list[str] = []
    outcomes = api.ingest(paths, echo=lambda line: None, echo_error=errors.append)
    assert [o.status for o in outcomes] == ["stored", "error", "stored"]
    assert errors == [f"Error: {paths[1]}: extraction failed "
                      "(RuntimeError: the fake extractor was told to fail)"]
    assert count(DocumentRow) == 2
    # not stored, so a re-run tries it again rather than calling it a duplicate
    outcomes = service.ingest_paths([paths[1]], extractor=FakeExtractor())
    assert outcomes[0].status == "error"


def test_a_fault_while_storing_leaves_no_half_written_report(home, tmp_path, monkeypatch):
    paths = [write(tmp_path / "first.txt", REPORT_A), write(tmp_path / "second.txt", REPORT_B)]
    real_link = service.link_stored_events
    calls = []

    def link_then_fail_on_second(session, event_ids):
        event_ids = list(event_ids)
        calls.append(len(event_ids))
        real_link(session, event_ids)
        if len(calls) == 2:
            raise RuntimeError("disk on fire")

    monkeypatch.setattr(service, "link_stored_events", link_then_fail_on_second)
    with pytest.raises(RuntimeError):
        api.ingest(paths)
    with session_scope() as session:
        docs = session.scalars(select(DocumentRow)).all()
        assert [d.filename for d in docs] == ["first.txt"]
        assert session.scalar(select(func.count()).select_from(EventRow)) == \
            expected_events(REPORT_A)
        orphan_evidence = session.scalar(select(func.count()).select_from(EvidenceRow)
                                         .where(EvidenceRow.event_id.not_in(
                                             select(EventRow.id))))
        assert orphan_evidence == 0
    assert count(AuditEntryRow) == 1


def test_cli_prints_one_summary_line_per_file(run_cli, reports):
    status, out, err = run_cli("ingest", *reports[:2], reports[3], "--source", "Desk")
    assert status == 0 and err == ""
    lines = out.splitlines()
    assert len(lines) == 3
    assert lines[0] == f"stored    {reports[0]}  (document 1, 2 events)"
    assert lines[2].startswith(f"stored    {reports[3]}  (2 stored with 1 event")
    status, out, err = run_cli("ingest", reports[0])
    assert (status, out.strip()) == (0, f"duplicate {reports[0]}  (already document 1)")


def test_cli_published_applies_when_the_file_has_none(run_cli, home, reports):
    status, _, _ = run_cli("ingest", reports[0], FIXTURES / "report.html",
                           "--published", "2021-01-31")
    assert status == 0
    with session_scope() as session:
        dates = [str(d) for d in session.scalars(select(DocumentRow.published)
                                                 .order_by(DocumentRow.id))]
    assert dates == ["2021-01-31", "2019-05-14"]


def test_cli_bad_published_option_is_bad_input(run_cli, reports):
    status, out, err = run_cli("ingest", reports[0], "--published", "31/01/2021")
    assert status == 2
    assert err == "Error: field '--published': not a date (YYYY-MM-DD): '31/01/2021'\n"
    assert count(DocumentRow) == 0


def test_a_writer_that_got_there_first_makes_a_duplicate_not_a_crash(home, tmp_path,
                                                                     monkeypatch):
    """Two ingests of the same file at once: the second's insert hits the unique sha256."""
    path = write(tmp_path / "race.txt", REPORT_B)
    first = api.ingest([path])[0]
    real_find = service.repo.find_document_ids
    calls = []

    def find_nothing_the_first_time(session, shas):
        calls.append(shas)
        return {} if len(calls) == 1 else real_find(session, shas)

    monkeypatch.setattr(service.repo, "find_document_ids", find_nothing_the_first_time)
    [outcome] = api.ingest([path])
    assert (outcome.status, outcome.document_id) == ("duplicate", first.document_id)
    assert len(calls) == 2 and count(DocumentRow) == 1


def test_progress_bar_only_on_a_terminal_after_the_threshold(home, tmp_path, monkeypatch,
                                                             capsys):
    paths = [write(tmp_path / f"r{i}.txt", f"{i} killed in Taybeh.") for i in range(3)]
    monkeypatch.setattr(progress, "PROGRESS_AFTER_S", 0.0)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    service.ingest_paths(paths[:1])
    assert capsys.readouterr().err == ""           # not a terminal: no bar
    monkeypatch.setenv("FORCE_COLOR", "1")         # rich then treats stderr as a terminal
    monkeypatch.setenv("TERM", "xterm")
    service.ingest_paths(paths[1:])
    err = capsys.readouterr().err
    assert "ingest: 2 reports" in err and "file 2/2" in err


def test_summary_of_a_mixed_file_leads_with_what_was_kept():
    from tawthiq.model import IngestOutcome
    from tawthiq.pipeline import summary_line

    path = Path("wire.jsonl")
    dup = IngestOutcome(path="wire.jsonl:1", status="duplicate", document_id=3)
    bad = IngestOutcome(path="wire.jsonl:2", status="error", message="not valid JSON")
    new = IngestOutcome(path="wire.jsonl:3", status="stored", document_id=4, events=2)
    assert summary_line(path, [dup, bad]) == (
        "duplicate wire.jsonl  (0 stored with 0 events, 1 duplicate, 1 error)")
    assert summary_line(path, [new, dup]) == (
        "stored    wire.jsonl  (1 stored with 2 events, 1 duplicate, 0 errors)")
