"""A document's page shows its SHA-256 with a custody check made when the page is asked for
(issue #13): the stored original re-hashed, compared with the hash its ingest audit entry
recorded; the API gives the same check."""

from __future__ import annotations

from sqlalchemy import select, update

from tawthiq.store.audit import append_entry
from tawthiq.store.db import session_scope
from tawthiq.store.tables import DocumentRow


def first_document() -> tuple[int, str]:
    with session_scope() as session:
        row = session.scalars(select(DocumentRow).order_by(DocumentRow.id)).first()
        return row.id, row.sha256


def record_ingest(document_id: int, sha256: str) -> None:
    with session_scope() as session:
        append_entry(session, actor="system:ingest", action="ingest", entity="document",
                     entity_id=document_id, after={"sha256": sha256})


def test_the_page_verifies_the_original_against_its_ingest_entry(signed_in):
    document_id, sha = first_document()
    client = signed_in("viewer").client
    page = client.get(f"/documents/{document_id}").text
    assert "no ingest entry in the audit log records its hash" in page  # the sample's reports
    record_ingest(document_id, sha)
    page = client.get(f"/documents/{document_id}").text
    assert sha in page and "Verified just now" in page
    custody = client.get(f"/api/documents/{document_id}").json()["custody"]
    assert custody == {"verified": True, "problem": None, "bytes_match": True,
                       "recomputed": sha, "audited": sha}


def test_a_changed_original_fails_on_its_page(signed_in):
    document_id, sha = first_document()
    record_ingest(document_id, sha)
    with session_scope() as session:
        session.execute(update(DocumentRow).where(DocumentRow.id == document_id)
                        .values(raw=b"something else"))
    client = signed_in("viewer").client
    page = client.get(f"/documents/{document_id}").text
    assert "Custody check failed" in page and "changed after ingest" in page
    assert client.get(f"/api/documents/{document_id}").json()["custody"]["verified"] is False
