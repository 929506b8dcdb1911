"""An analyst's linking decision that moves nothing: two incidents kept apart. Every pair
of their reports is recorded as a 'different' label (the linker never joins them again, a
later training run may learn from them) and the decision is an audit entry on both."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from tawthiq.errors import BadInput
from tawthiq.review.actions import _incident
from tawthiq.review.audit import record
from tawthiq.store.incidents import add_labels
from tawthiq.store.read import live_event_condition
from tawthiq.store.tables import EventRow


def keep_apart(session: Session, actor: str, incident_id: int, other_id: int) -> int:
    """Label every report pair of the two incidents as different; returns the label count."""
    if incident_id == other_id:
        raise BadInput("an incident cannot be kept apart from itself", field="other")
    first, second = _incident(session, incident_id), _incident(session, other_id)
    mine, theirs = (session.scalars(select(EventRow).where(
        EventRow.incident_id == i.id, live_event_condition())).all() for i in (first, second))
    pairs = [((a.document_id, a.ordinal), (b.document_id, b.ordinal))
             for a in mine for b in theirs]
    count = add_labels(session, pairs, same=False, by=actor, action="keep apart")
    record(session, actor, "keep apart", "incident", first.id, "kept_apart_from", None,
           second.id)
    record(session, actor, "keep apart", "incident", second.id, "kept_apart_from", None,
           first.id)
    return count
