"""The audit log as the review workflow uses it: recording who changed what, and reading an
incident's history. Entries are appended through ``tawthiq.store.audit`` (the one writer)."""

from __future__ import annotations

from sqlalchemy import String, and_, cast, or_, select
from sqlalchemy.orm import Session

from tawthiq.redaction import Redactor
from tawthiq.store.audit import append_entry
from tawthiq.store.tables import AuditEntryRow, EventRow


def record(session: Session, actor: str, action: str, entity: str, entity_id: int | None,
           field: str | None = None, before=None, after=None, note: str | None = None) -> None:
    """One audit entry by ``actor`` (a username, or ``system:...``)."""
    append_entry(session, actor=actor, action=action, entity=entity, entity_id=entity_id,
                 field=field, before=before, after=after, note=note)


def incident_history(session: Session, incident_id: int, redactor: Redactor) -> list[dict]:
    """Audit entries about the incident and about every report (any revision) ever in it."""
    event_ids = select(EventRow.id).where(EventRow.incident_id == incident_id)
    moved = select(AuditEntryRow.entity_id).where(
        AuditEntryRow.entity == "event", AuditEntryRow.field == "incident_id",
        or_(cast(AuditEntryRow.before, String) == str(incident_id),
            cast(AuditEntryRow.after, String) == str(incident_id)))
    entries = session.scalars(
        select(AuditEntryRow).where(or_(
            and_(AuditEntryRow.entity == "incident", AuditEntryRow.entity_id == incident_id),
            and_(AuditEntryRow.entity == "event", AuditEntryRow.entity_id.in_(event_ids)),
            and_(AuditEntryRow.entity == "event", AuditEntryRow.entity_id.in_(moved))))
        .order_by(AuditEntryRow.at.desc(), AuditEntryRow.id.desc())).all()
    return [audit_view(e, redactor) for e in entries]


def audit_view(entry: AuditEntryRow, redactor: Redactor) -> dict:
    """An entry as pages and the API show it, witness names redacted for ``redactor``."""
    def clean(value):
        return redactor.text(value) if isinstance(value, str) else value

    return {"id": entry.id, "at": entry.at, "actor": entry.actor, "action": entry.action,
            "entity": entry.entity, "entity_id": entry.entity_id, "field": entry.field,
            "before": clean(entry.before), "after": clean(entry.after),
            "note": clean(entry.note)}
