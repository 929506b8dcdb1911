"""Reading incidents, their event reports and documents out of the store, once, for every
writer. Witness names are replaced in free text here, so no writer can forget to."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from tawthiq.redaction import WITNESS_MARK, Redactor
from tawthiq.store.read import is_live_incident, live_event_condition
from tawthiq.store.tables import (
    ClaimRow,
    DocumentRow,
    EventRow,
    IncidentRow,
    PersonRow,
)


@dataclass
class SourceFigure:
    """One source's account of the toll: the figure belongs to its source."""

    outlet: str | None
    reported_by: list[str]
    low: int | None
    best: int | None
    high: int | None


@dataclass
class IncidentView:
    incident: IncidentRow
    main: EventRow
    events: list[EventRow]
    documents: list[DocumentRow]
    claims: list[ClaimRow] = field(default_factory=list)
    victims: list[PersonRow] = field(default_factory=list)
    witnesses: list[PersonRow] = field(default_factory=list)
    redact: bool = True
    episodes: list[dict] = field(default_factory=list)   # Episode JSON, each with its tolls

    @property
    def figures(self) -> list[SourceFigure]:
        return [SourceFigure(e.document.source, list(e.reported_by or []), e.fatalities_low,
                             e.fatalities_best, e.fatalities_high) for e in self.events]

    @cached_property
    def redactor(self) -> Redactor:
        return Redactor([w.name for w in self.witnesses])

    def clean(self, text: str | None) -> str:
        """Free text with witness names replaced, unless this export is unredacted."""
        if not text:
            return ""
        return text if not self.redact else (self.redactor.text(text) or "")

    def witness_name(self, person: PersonRow) -> str:
        return WITNESS_MARK if self.redact else person.name


def collect_incidents(session: Session, *, redact: bool = True) -> list[IncidentView]:
    """Every current incident; events not yet linked to an incident stand as their own."""
    events = session.scalars(
        select(EventRow).where(live_event_condition())
        .options(selectinload(EventRow.document), selectinload(EventRow.place),
                 selectinload(EventRow.perpetrators), selectinload(EventRow.evidence))
        # NULLS FIRST as SQLite sorts them, so that PostgreSQL lists sources alike.
        .order_by(EventRow.date_start.asc().nulls_first(), EventRow.id)
    ).all()
    groups: dict[object, list[EventRow]] = {}
    for event in events:
        key = event.incident_id if event.incident_id is not None else ("event", event.id)
        groups.setdefault(key, []).append(event)
    views = []
    for key, members in groups.items():
        incident = session.get(IncidentRow, key) if not isinstance(key, tuple) else None
        if incident is not None and not is_live_incident(incident):
            continue
        views.append(build_view(session, incident, members, redact))
    views.sort(key=lambda v: (v.incident.date_start is None, v.incident.date_start,
                              v.incident.id or 0))
    attach_episodes(session, views)
    return views


def attach_episodes(session: Session, views: list[IncidentView]) -> None:
    """Each incident's episodes (not rejected), with every source's aggregate toll and the
    sum of their incidents: one row per incident stays one row, and carries its waves."""
    from tawthiq.pipeline import read_episode
    from tawthiq.store.episodes import episodes_of_incidents

    held = episodes_of_incidents(session, [v.incident.id for v in views if v.incident.id])
    read: dict[int, dict] = {}
    for view in views:
        for episode_id in held.get(view.incident.id, []):
            if episode_id not in read:
                read[episode_id] = read_episode(session, episode_id).model_dump(mode="json")
            view.episodes.append(read[episode_id])


def build_view(session: Session, incident: IncidentRow | None, events: list[EventRow],
               redact: bool) -> IncidentView:
    main = max(events, key=lambda e: (e.confidence or 0.0, -e.id))
    if incident is None:  # an unlinked event stands for itself
        incident = IncidentRow(id=None, title=main.summary, event_type=main.event_type,
                               sub_event_type=main.sub_event_type, date_start=main.date_start,
                               date_end=main.date_end, date_precision=main.date_precision,
                               place=main.place, fatalities_low=main.fatalities_low,
                               fatalities_best=main.fatalities_best,
                               fatalities_high=main.fatalities_high,
                               corroboration="single source")
    doc_ids = sorted({e.document_id for e in events})
    event_ids = [e.id for e in events]
    documents = [session.get(DocumentRow, i) for i in doc_ids]
    persons = session.scalars(select(PersonRow).where(PersonRow.document_id.in_(doc_ids))).all()
    claims = session.scalars(select(ClaimRow).where(ClaimRow.document_id.in_(doc_ids))).all()
    return IncidentView(
        incident=incident, main=main, events=events, documents=documents,
        claims=[c for c in claims if c.event_id is None or c.event_id in event_ids],
        victims=[p for p in persons if p.role == "victim"
                 and (p.event_id is None or p.event_id in event_ids)],
        witnesses=[p for p in persons if p.role == "witness"],
        redact=redact,
    )
