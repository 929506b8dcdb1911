"""Reports of the same incident become one ``IncidentRow``.

Two event reports are taken to tell the same incident when they share the event type, their
dates overlap (within ``DATE_SLACK_DAYS``, since outlets date an evening attack differently)
and they name the same place (same gazetteer id, or, for region-level places, the same
region). Events with no place are never linked automatically: an analyst merges them in the
review workflow. Consolidated counts keep every source's figure in view: ``low`` is the
lowest low, ``high`` the highest high, ``best`` the median of the sources' best figures.
"""

from __future__ import annotations

import statistics
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from tawthiq.store.tables import EventRow, IncidentRow

DATE_SLACK_DAYS = 1


def assign_incidents(session: Session, events: list[EventRow]) -> None:
    """Attach each new event report to a matching incident, or open a new one."""
    for event in events:
        if event.incident_id is not None or event.status == "rejected":
            continue
        incident = find_matching_incident(session, event) or new_incident(session, event)
        event.incident = incident
        session.flush()
        refresh_incident(session, incident)


def find_matching_incident(session: Session, event: EventRow) -> IncidentRow | None:
    if event.place_id is None or event.date_start is None:
        return None
    slack = timedelta(days=DATE_SLACK_DAYS)
    end = event.date_end or event.date_start
    query = (
        select(IncidentRow)
        .join(EventRow, EventRow.incident_id == IncidentRow.id)
        .where(EventRow.place_id == event.place_id,
               EventRow.event_type == event.event_type,
               EventRow.document_id != event.document_id,
               EventRow.date_start <= end + slack,
               EventRow.date_end >= event.date_start - slack,
               IncidentRow.status != "rejected",
               IncidentRow.superseded_by.is_(None))
        .order_by(IncidentRow.id)
        .limit(1)
    )
    return session.scalars(query).first()


def new_incident(session: Session, event: EventRow) -> IncidentRow:
    incident = IncidentRow(title=event.summary or None, event_type=event.event_type,
                           sub_event_type=event.sub_event_type, place_id=event.place_id)
    session.add(incident)
    session.flush()
    return incident


def live_events(incident: IncidentRow) -> list[EventRow]:
    return [e for e in incident.events if e.status != "rejected" and e.superseded_by is None]


def refresh_incident(session: Session, incident: IncidentRow) -> None:
    """Recompute the consolidated fields from the incident's current event reports."""
    events = live_events(incident)
    if not events:
        return
    session.refresh(incident, ["events"])
    events = live_events(incident)
    main = max(events, key=lambda e: (e.confidence or 0.0, -e.id))
    incident.title = incident.title or main.summary
    incident.event_type = main.event_type
    incident.sub_event_type = main.sub_event_type
    incident.place_id = main.place_id
    starts = [e.date_start for e in events if e.date_start]
    ends = [e.date_end or e.date_start for e in events if e.date_start]
    incident.date_start = min(starts) if starts else None
    incident.date_end = max(ends) if ends else None
    incident.date_precision = main.date_precision
    lows = [e.fatalities_low for e in events if e.fatalities_low is not None]
    bests = [e.fatalities_best for e in events if e.fatalities_best is not None]
    highs = [e.fatalities_high for e in events if e.fatalities_high is not None]
    incident.fatalities_low = min(lows) if lows else None
    incident.fatalities_best = int(statistics.median_low(bests)) if bests else None
    incident.fatalities_high = max(highs) if highs else None
    incident.corroboration = corroboration_grade(events)


def corroboration_grade(events: list[EventRow]) -> str:
    """How independently the incident is told.

    Outlets are counted by the document's source. When every outlet relays one and the same
    monitor (``reported_by``), the story has one original source however many outlets carry it.
    """
    outlets = {(e.document.source or f"document {e.document_id}").strip().lower() for e in events}
    origins = [frozenset(r.strip().lower() for r in e.reported_by) for e in events]
    if len(outlets) <= 1:
        return "single source"
    if all(origins) and len(set(origins)) == 1 and len(origins[0]) == 1:
        return "one original source, relayed"
    if len(outlets) == 2:
        return "two sources"
    return "multiple sources"
