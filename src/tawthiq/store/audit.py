"""The audit log's one writer: every entry - an ingest, a review action, a user change, a
sign-in, an unredacted export - is appended here, so that whatever the log guarantees holds
for all of them. Nothing is committed here: the caller owns the transaction."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from tawthiq.store.tables import AuditEntryRow


def as_json(value):
    """A value as the audit log stores it (dates as ISO text)."""
    return value.isoformat() if isinstance(value, date) else value


def append_entry(session: Session, *, actor: str, action: str, entity: str,
                 entity_id: int | None = None, field: str | None = None, before=None,
                 after=None, note: str | None = None) -> AuditEntryRow:
    """Add one entry: who (``actor``) did what (``action``) to which ``entity``, and the
    ``field`` changed from ``before`` to ``after``."""
    row = AuditEntryRow(actor=actor, action=action, entity=entity, entity_id=entity_id,
                        field=field, before=as_json(before), after=as_json(after), note=note)
    session.add(row)
    return row
