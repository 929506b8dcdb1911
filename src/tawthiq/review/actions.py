"""The review workflow: analysts accept, edit or reject event reports and merge or split
incidents. Nothing is deleted: an edit writes a new revision of the event report and marks the
old one superseded; a merge marks the absorbed incident superseded. Every change is an audit
entry (who, when, field, before, after). ``actor`` is the username the entry names; whether
that user may review is for the caller (the web layer checks the analyst role) to decide.
"""

from __future__ import annotations

import typing
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tawthiq.errors import BadInput, Conflict, NotFound
from tawthiq.model import EventType, Means, SubEventType
from tawthiq.review.audit import record
from tawthiq.store.db import INT_MAX, row_by_id
from tawthiq.store.incidents import add_labels
from tawthiq.store.read import live_event_condition
from tawthiq.store.tables import EventPerpetratorRow, EventRow, EvidenceRow, IncidentRow

COUNT_FIELDS = ("fatalities_low", "fatalities_best", "fatalities_high", "civilians",
                "combatants", "children", "women", "injuries_low", "injuries_best",
                "injuries_high")
EDITABLE_FIELDS = ("event_type", "sub_event_type", "summary", "date_start", "date_end",
                   "means", *COUNT_FIELDS)
SUB_EVENT_TYPES = typing.get_args(SubEventType)
# Columns a new revision does not inherit from the one it replaces.
NOT_COPIED = {"id", "revision", "status", "superseded_by", "created_at"}


def _choice(value: str, allowed: tuple, name: str) -> str:
    if value not in allowed:
        raise BadInput(f"{value!r} is not one of the allowed values", field=name)
    return value


def parse_field_value(name: str, raw) -> object:
    """The typed value for ``name`` from a form string or a JSON value; BadInput if unusable."""
    if name not in EDITABLE_FIELDS:
        raise BadInput(f"field {name!r} cannot be edited; editable: {', '.join(EDITABLE_FIELDS)}",
                       field="field")
    text = raw.strip() if isinstance(raw, str) else raw
    if name == "event_type":
        return _choice(text, typing.get_args(EventType), name)
    if name == "sub_event_type":
        return _choice(text, typing.get_args(SubEventType), name)
    if name == "summary":
        return "" if text is None else str(text)
    if name == "means":
        items = text if isinstance(text, list) else [m.strip() for m in str(text or "").split(",")]
        return [_choice(m, typing.get_args(Means), name) for m in items if m]
    if text in (None, ""):
        return None
    if name in ("date_start", "date_end"):
        try:
            return date.fromisoformat(str(text))
        except ValueError:
            raise BadInput(f"not a date (YYYY-MM-DD): {text!r}", field=name) from None
    try:
        number = int(text)
    except (TypeError, ValueError):
        raise BadInput(f"not a whole number: {text!r}", field=name) from None
    if number < 0:
        raise BadInput("must not be negative", field=name)
    if number > INT_MAX:  # the store's INTEGER columns on PostgreSQL
        raise BadInput(f"must be at most {INT_MAX}", field=name)
    return number


def _live_event(session: Session, event_id: int) -> EventRow:
    event = row_by_id(session, EventRow, event_id)
    if event is None:
        raise NotFound(f"no event {event_id}")
    if event.superseded_by is not None:
        raise Conflict(f"event {event_id} was superseded by event {event.superseded_by}; "
                       "edit the current revision")
    return event


def _check_consistent(event: EventRow) -> None:
    for prefix in ("fatalities", "injuries"):
        values = [getattr(event, f"{prefix}_{k}") for k in ("low", "best", "high")]
        present = [v for v in values if v is not None]
        if present != sorted(present):
            raise BadInput(f"{prefix}: low <= best <= high does not hold ({values})",
                           field=prefix)
    if event.date_start and event.date_end and event.date_end < event.date_start:
        raise BadInput("date_end is before date_start", field="date_end")


def new_revision(session: Session, event: EventRow) -> EventRow:
    """A copy of ``event`` (with its evidence and perpetrators) as the next revision."""
    latest = session.scalar(select(func.max(EventRow.revision)).where(
        EventRow.document_id == event.document_id, EventRow.ordinal == event.ordinal)) or 0
    values = {c.key: getattr(event, c.key) for c in EventRow.__table__.columns
              if c.key not in NOT_COPIED}
    copy = EventRow(**values, revision=latest + 1, status="accepted")
    copy.evidence = [EvidenceRow(field=e.field, start=e.start, end=e.end, quote=e.quote)
                     for e in event.evidence]
    copy.perpetrators = [EventPerpetratorRow(actor_id=p.actor_id, name=p.name, mention=p.mention,
                                             actor_type=p.actor_type,
                                             affiliation=list(p.affiliation or []),
                                             attributed_by=p.attributed_by)
                         for p in event.perpetrators]
    session.add(copy)
    session.flush()
    event.superseded_by = copy.id
    event.status = "superseded"
    return copy


def edit_event(session: Session, actor: str, event_id: int, field: str, raw) -> EventRow:
    """Change one field: the current revision is superseded by a corrected copy."""
    event = _live_event(session, event_id)
    value = parse_field_value(field, raw)
    before = getattr(event, field)
    if before == value:
        return event
    copy = new_revision(session, event)
    setattr(copy, field, value)
    _check_consistent(copy)
    record(session, actor, "edit", "event", event.id, field, before, value,
          note=f"revision {copy.revision} is event {copy.id}")
    _refresh(session, copy.incident_id)
    return copy


def set_event_status(session: Session, actor: str, event_id: int,
                     status: str) -> EventRow:
    """Accept or reject an event report (a rejected report no longer counts in its incident)."""
    _check_status(status)
    event = _live_event(session, event_id)
    if _change_status(session, actor, "event", event, status):
        session.flush()
        _refresh(session, event.incident_id)
    return event


STATUS_ACTIONS = {"accepted": "accept", "rejected": "reject", "proposed": "reopen"}


def _check_status(status: str) -> None:
    if status not in STATUS_ACTIONS:
        raise BadInput(f"unknown status {status!r}", field="status")


def _change_status(session: Session, actor: str, entity: str,
                   row: EventRow | IncidentRow, status: str) -> bool:
    """Set ``row.status`` with its audit entry; False when it already had that status."""
    if row.status == status:
        return False
    record(session, actor, STATUS_ACTIONS[status], entity, row.id, "status", row.status, status)
    row.status = status
    return True


def _incident(session: Session, incident_id: int) -> IncidentRow:
    incident = row_by_id(session, IncidentRow, incident_id)
    if incident is None:
        raise NotFound(f"no incident {incident_id}")
    if incident.superseded_by is not None:
        raise Conflict(f"incident {incident_id} was merged into incident "
                       f"{incident.superseded_by}")
    return incident


def set_incident_status(session: Session, actor: str, incident_id: int,
                        status: str) -> IncidentRow:
    _check_status(status)
    incident = _incident(session, incident_id)
    _change_status(session, actor, "incident", incident, status)
    return incident


def edit_incident_title(session: Session, actor: str, incident_id: int,
                        title: str) -> IncidentRow:
    incident = _incident(session, incident_id)
    title = " ".join((title or "").split())
    if not title:
        raise BadInput("empty title", field="title")
    if incident.title != title:
        record(session, actor, "edit", "incident", incident.id, "title", incident.title, title)
        incident.title = title
    return incident


def _move_event(session: Session, actor: str, event: EventRow, target: IncidentRow,
                action: str) -> None:
    record(session, actor, action, "event", event.id, "incident_id", event.incident_id, target.id)
    event.incident_id = target.id


def merge_incidents(session: Session, actor: str, target_id: int,
                    source_id: int) -> IncidentRow:
    """Move every report of ``source_id`` into ``target_id``; the source is superseded."""
    if target_id == source_id:
        raise BadInput("cannot merge an incident into itself", field="other")
    target = _incident(session, target_id)
    source = _incident(session, source_id)
    events = session.scalars(select(EventRow).where(EventRow.incident_id == source.id,
                                                    EventRow.superseded_by.is_(None))).all()
    for event in events:
        _move_event(session, actor, event, target, "merge")
    record(session, actor, "merge", "incident", source.id, "superseded_by", None, target.id)
    record(session, actor, "merge", "incident", target.id, "merged_from", None, source.id)
    source.superseded_by = target.id
    source.status = "merged"
    session.flush()
    kept = session.scalars(select(EventRow).where(EventRow.incident_id == target.id,
                                                  live_event_condition())).all()
    add_labels(session, _pairs(events, kept), same=True, by=actor, action="merge")
    _refresh(session, target.id)
    return target


def split_incident(session: Session, actor: str, incident_id: int,
                   event_ids: list[int]) -> IncidentRow:
    """Move the chosen reports out of an incident into a new one (the rest stay)."""
    incident = _incident(session, incident_id)
    live = session.scalars(select(EventRow).where(EventRow.incident_id == incident.id,
                                                  EventRow.superseded_by.is_(None))).all()
    chosen = [e for e in live if e.id in set(event_ids)]
    if not chosen:
        raise BadInput("choose at least one report of this incident to split off",
                       field="event_ids")
    if len(chosen) == len(live):
        raise BadInput("a split must leave at least one report in the incident",
                       field="event_ids")
    unknown = set(event_ids) - {e.id for e in live}
    if unknown:
        raise BadInput(f"events {sorted(unknown)} are not current reports of incident "
                       f"{incident_id}", field="event_ids")
    main = chosen[0]
    new = IncidentRow(title=main.summary or None, event_type=main.event_type,
                      sub_event_type=main.sub_event_type, place_id=main.place_id)
    session.add(new)
    session.flush()
    for event in chosen:
        _move_event(session, actor, event, new, "split")
    rest = [e for e in live if e not in chosen]
    add_labels(session, _pairs(chosen, rest), same=False, by=actor, action="split")
    record(session, actor, "split", "incident", incident.id, "split_into", None, new.id)
    record(session, actor, "split", "incident", new.id, "split_from", None, incident.id)
    session.flush()
    _refresh(session, incident.id)
    _refresh(session, new.id)
    return new


def _pairs(a: list[EventRow], b: list[EventRow]) -> list[tuple[tuple, tuple]]:
    """Every pair of reports across the two groups, by (document, ordinal)."""
    return [((x.document_id, x.ordinal), (y.document_id, y.ordinal)) for x in a for y in b
            if x.id != y.id]


def _refresh(session: Session, incident_id: int | None) -> None:
    """The incident's consolidated view, recomputed from its live reports."""
    if incident_id is None:
        return
    from tawthiq.pipeline import refresh_incidents

    refresh_incidents(session, [incident_id])
