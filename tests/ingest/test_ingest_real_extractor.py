"""With the real spaCy extractor: what ``tawthiq ingest`` stores reads back as exactly what
``tawthiq extract`` prints for the same files (events, in order, with their evidence)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tawthiq import api
from tawthiq.settings import Settings, use_settings
from tawthiq.store import repository as repo
from tawthiq.store import session_scope

FIXTURES = Path(__file__).parent / "fixtures"
REPORT = ("Checkpoint shooting near Daraa\n\n"
          "Gunmen killed four civilians, among them a woman, at a checkpoint on the road "
          "between Daraa and Busra al-Sham on Tuesday, the Syrian Observatory for Human Rights "
          "said. A driver who saw the attack said the men wore no uniforms.\n")


@pytest.mark.slow
def test_ingest_stores_what_extract_prints(tmp_home, tmp_path, monkeypatch):
    monkeypatch.delenv("TAWTHIQ_EXTRACTOR", raising=False)
    use_settings(Settings(home=tmp_home))
    report = tmp_path / "daraa.txt"
    report.write_text(REPORT, encoding="utf-8")
    paths = [FIXTURES / "report.html", report]

    printed = list(api.extract_files(paths, source="Test desk"))
    outcomes = api.ingest(paths, source="Test desk")

    assert [o.status for o in outcomes] == ["stored", "stored"]
    assert sum(len(line["events"]) for line in printed) >= 2
    with session_scope() as session:
        for outcome, line in zip(outcomes, printed, strict=True):
            rows = list(repo.iter_current_events(session, document_id=outcome.document_id))
            assert [repo.event_to_model(r).model_dump(mode="json") for r in rows] == \
                line["events"]
            text = repo.document_text(session, outcome.document_id)
            for row in rows:
                assert all(e.quote == text[e.start:e.end] and e.quote for e in row.evidence)
