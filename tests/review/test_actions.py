"""The review actions called as a library (``tawthiq.api``), as the CLI and scripts do: the
same revisions, moves and audit entries as through the web app."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tawthiq import api
from tawthiq.errors import BadInput, Conflict
from tawthiq.store.db import session_scope
from tawthiq.store.tables import AuditEntryRow, EventRow, IncidentRow


def audit_trail() -> list[tuple]:
    with session_scope() as session:
        return [(e.actor, e.action, e.entity, e.field, e.before, e.after) for e in
                session.scalars(select(AuditEntryRow).where(AuditEntryRow.entity != "user")
                                .order_by(AuditEntryRow.id))]


def test_edit_writes_a_revision_and_an_audit_entry(sample):
    new_id = api.edit_event(sample.checkpoint_event, "date_start", "2024-03-09", actor="rana")
    with session_scope() as session:
        old, new = session.get(EventRow, sample.checkpoint_event), session.get(EventRow, new_id)
        assert (old.status, old.superseded_by) == ("superseded", new_id)
        assert (new.revision, new.date_start.isoformat()) == (1, "2024-03-09")
    assert audit_trail() == [("rana", "edit", "event", "date_start", "2024-03-10",
                              "2024-03-09")]
    with pytest.raises(Conflict):
        api.edit_event(sample.checkpoint_event, "summary", "again", actor="rana")


def test_reject_merge_and_split(sample):
    api.set_event_status(sample.market_event_ar, "rejected", actor="rana")
    api.merge_incidents(sample.market_incident, sample.checkpoint_incident, actor="rana")
    with session_scope() as session:
        absorbed = session.get(IncidentRow, sample.checkpoint_incident)
        assert (absorbed.status, absorbed.superseded_by) == ("merged", sample.market_incident)
    new_id = api.split_incident(sample.market_incident, [sample.checkpoint_event], actor="rana")
    with session_scope() as session:
        assert session.get(EventRow, sample.checkpoint_event).incident_id == new_id
    actions = [(action, entity, field) for _a, action, entity, field, _b, _c in audit_trail()]
    assert actions == [
        ("reject", "event", "status"),
        ("merge", "event", "incident_id"),
        ("merge", "incident", "superseded_by"), ("merge", "incident", "merged_from"),
        ("split", "event", "incident_id"),
        ("split", "incident", "split_into"), ("split", "incident", "split_from")]


def test_bad_status_names_the_field(sample):
    with pytest.raises(BadInput) as refused:
        api.set_incident_status(sample.market_incident, "deleted", actor="rana")
    assert refused.value.field == "status"
