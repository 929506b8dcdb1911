"""Chain of custody of the reports: every stored original is re-hashed and compared with the
SHA-256 it was stored under, and with the SHA-256 its ingest entry in the (hash-chained) audit
log recorded - so bytes changed in place, or changed together with their stored hash, are
found (Berkeley Protocol on Digital Open Source Investigations, 2022, ch. VI: hash values
computed on collection and re-checked to show the item is unchanged)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from tawthiq.store.db import batches_by_id
from tawthiq.store.tables import AuditEntryRow, DocumentRow

# Documents re-hashed per query (their original bytes are held in memory meanwhile).
VERIFY_BATCH = 200


@dataclass(frozen=True)
class DocumentCustody:
    """One document's check: the hash it was stored under, that of its bytes now, and the one
    its ingest audit entry recorded (None: no entry names it)."""

    document_id: int
    stored: str
    recomputed: str
    audited: str | None

    @property
    def problem(self) -> str | None:
        if self.recomputed != self.stored:
            return (f"its original bytes hash to {self.recomputed[:12]}..., not the stored "
                    f"{self.stored[:12]}... (changed after ingest)")
        if self.audited is None:
            return "no ingest entry in the audit log records its hash"
        if self.audited != self.stored:
            return (f"the audit log recorded {self.audited[:12]}... at ingest, the store now "
                    f"holds {self.stored[:12]}... (bytes and hash changed together)")
        return None


def _audited_hashes(session: Session, document_ids: list[int]) -> dict[int, str]:
    rows = session.execute(select(AuditEntryRow.entity_id, AuditEntryRow.after).where(
        AuditEntryRow.entity == "document", AuditEntryRow.action == "ingest",
        AuditEntryRow.entity_id.in_(document_ids)).order_by(AuditEntryRow.id))
    hashes: dict[int, str] = {}
    for document_id, after in rows:
        if isinstance(after, dict) and document_id not in hashes:
            hashes[document_id] = after.get("sha256")
    return hashes


def check_document(session: Session, row: DocumentRow, audited: str | None) -> DocumentCustody:
    return DocumentCustody(row.id, row.sha256, hashlib.sha256(row.raw or b"").hexdigest(),
                           audited)


def document_custody(session: Session, document_id: int) -> DocumentCustody | None:
    """One document's check (None: no such document)."""
    row = session.get(DocumentRow, document_id)
    if row is None:
        return None
    return check_document(session, row, _audited_hashes(session, [row.id]).get(row.id))


def iter_custody(session: Session) -> Iterator[DocumentCustody]:
    """Every document's check, in order of number, a batch at a time."""
    for batch in batches_by_id(session, DocumentRow, VERIFY_BATCH):
        audited = _audited_hashes(session, [row.id for row in batch])
        for row in batch:
            yield check_document(session, row, audited.get(row.id))
