"""Episodes in the store: a report's aggregate tolls, episodes and their incidents, and what
an episode's page reads. An analyst's changes (audited) are ``review.episodes``; which episode
an aggregate proposes is decided by ``link.episodes`` at the composition point. Nothing is
committed here: the caller owns the transaction."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import and_, delete, func, select
from sqlalchemy.orm import Session

from tawthiq.errors import BadInput, NotFound
from tawthiq.model import (
    Aggregate,
    AggregateArea,
    DateRange,
    Evidence,
    Fatalities,
    Victims,
)
from tawthiq.store.read import live_event_condition, live_incident_condition
from tawthiq.store.tables import (
    AggregateRow,
    DocumentRow,
    EpisodeIncidentRow,
    EpisodeRow,
    EventRow,
    IncidentRow,
    PlaceRow,
)

# --- aggregates and the episodes they propose ----------------------------------------------

def save_aggregates(session: Session, document_id: int,
                    aggregates: Iterable[Aggregate]) -> list[AggregateRow]:
    rows = [AggregateRow(
        document_id=document_id, ordinal=n,
        area=[a.model_dump(mode="json") for a in aggregate.area],
        date_start=aggregate.date.start if aggregate.date else None,
        date_end=aggregate.date.end if aggregate.date else None,
        date_precision=aggregate.date.precision if aggregate.date else None,
        fatalities_low=aggregate.fatalities.low, fatalities_best=aggregate.fatalities.best,
        fatalities_high=aggregate.fatalities.high,
        victims=aggregate.victims.model_dump(mode="json"),
        reported_by=list(aggregate.reported_by),
        evidence=[e.model_dump(mode="json") for e in aggregate.evidence],
        events=list(aggregate.events)) for n, aggregate in enumerate(aggregates)]
    session.add_all(rows)
    session.flush()
    return rows


def aggregate_of(row: AggregateRow) -> Aggregate:
    date = (DateRange(start=row.date_start, end=row.date_end or row.date_start,
                      precision=row.date_precision or "days") if row.date_start else None)
    return Aggregate(area=[AggregateArea.model_validate(a) for a in row.area or []], date=date,
                     fatalities=Fatalities(low=row.fatalities_low, best=row.fatalities_best,
                                           high=row.fatalities_high),
                     victims=Victims.model_validate(row.victims or {}),
                     reported_by=list(row.reported_by or []),
                     evidence=[Evidence.model_validate(e) for e in row.evidence or []],
                     events=list(row.events or []))


def document_incidents(session: Session, document_id: int) -> dict[int, int]:
    """ordinal -> incident of a document's live, linked event reports."""
    rows = session.execute(select(EventRow.ordinal, EventRow.incident_id).where(
        EventRow.document_id == document_id, live_event_condition(),
        EventRow.incident_id.is_not(None)))
    return {ordinal: incident for ordinal, incident in rows}


Brief = tuple[int, date | None, date | None, str | None]   # incident, start, end, admin1


def _brief_query():
    return (select(IncidentRow.id, IncidentRow.date_start, IncidentRow.date_end,
                   PlaceRow.admin1).outerjoin(PlaceRow, PlaceRow.id == IncidentRow.place_id)
            .where(live_incident_condition()))


def incident_briefs(session: Session, ids: Iterable[int]) -> list[Brief]:
    ids = list(ids)
    if not ids:
        return []
    return [tuple(r) for r in session.execute(_brief_query().where(IncidentRow.id.in_(ids)))]


def incidents_between(session: Session, start: date, end: date) -> list[Brief]:
    """Live incidents whose dates meet ``start``..``end``."""
    query = _brief_query().where(IncidentRow.date_start <= end,
                                 func.coalesce(IncidentRow.date_end, IncidentRow.date_start)
                                 >= start)
    return [tuple(r) for r in session.execute(query)]


def episode_members(session: Session) -> list[tuple[int, Brief | None]]:
    """(episode, one of its incidents or None) for every episode not rejected."""
    rows = session.execute(
        select(EpisodeRow.id, IncidentRow.id, IncidentRow.date_start, IncidentRow.date_end,
               PlaceRow.admin1)
        .outerjoin(EpisodeIncidentRow, EpisodeIncidentRow.episode_id == EpisodeRow.id)
        .outerjoin(IncidentRow, IncidentRow.id == EpisodeIncidentRow.incident_id)
        .outerjoin(PlaceRow, PlaceRow.id == IncidentRow.place_id)
        .where(EpisodeRow.status != "rejected").order_by(EpisodeRow.id))
    return [(e, (i, s, en, a) if i is not None else None) for e, i, s, en, a in rows]


def new_episode(session: Session, title: str, origin: str, by: str) -> EpisodeRow:
    row = EpisodeRow(title=title, status="proposed" if origin == "proposed" else "accepted",
                     origin=origin, created_by=by)
    session.add(row)
    session.flush()
    return row


def add_incidents(session: Session, episode_id: int, incident_ids: Iterable[int],
                  by: str) -> list[int]:
    """Put incidents into an episode (those not there yet); returns the ones added."""
    held = set(session.scalars(select(EpisodeIncidentRow.incident_id).where(
        EpisodeIncidentRow.episode_id == episode_id)))
    added = [i for i in dict.fromkeys(incident_ids) if i not in held]
    session.add_all(EpisodeIncidentRow(episode_id=episode_id, incident_id=i, added_by=by)
                    for i in added)
    session.flush()
    return added


def remove_incident(session: Session, episode_id: int, incident_id: int) -> bool:
    """Take an incident out of an episode; False when it was not there."""
    return bool(session.execute(delete(EpisodeIncidentRow).where(
        EpisodeIncidentRow.episode_id == episode_id,
        EpisodeIncidentRow.incident_id == incident_id)).rowcount)


def episode_row(session: Session, episode_id: int) -> EpisodeRow:
    row = session.get(EpisodeRow, episode_id)
    if row is None:
        raise NotFound(f"no episode {episode_id}")
    return row


def live_incidents(session: Session, incident_ids: Iterable[int]) -> list[int]:
    """The ids, checked to be live incidents (BadInput naming the others)."""
    ids = list(dict.fromkeys(int(i) for i in incident_ids))
    found = set(session.scalars(select(IncidentRow.id).where(
        IncidentRow.id.in_(ids), live_incident_condition())))
    missing = [i for i in ids if i not in found]
    if missing:
        raise BadInput(f"no live incident {', '.join(map(str, missing))}",
                       field="incident_ids")
    return ids


# --- reading -------------------------------------------------------------------------------

def episode_parts(session: Session, episode_id: int) -> tuple[EpisodeRow, list, list]:
    """The episode row, its live incidents (id, start, end, precision, low, best, high,
    admin1) in date order, and its aggregates (row, outlet)."""
    row = episode_row(session, episode_id)
    incidents = session.execute(
        select(IncidentRow.id, IncidentRow.date_start, IncidentRow.date_end,
               IncidentRow.date_precision, IncidentRow.fatalities_low,
               IncidentRow.fatalities_best, IncidentRow.fatalities_high, PlaceRow.admin1)
        .join(EpisodeIncidentRow, and_(EpisodeIncidentRow.incident_id == IncidentRow.id,
                                       EpisodeIncidentRow.episode_id == row.id))
        .outerjoin(PlaceRow, PlaceRow.id == IncidentRow.place_id)
        .where(live_incident_condition()).order_by(IncidentRow.date_start, IncidentRow.id)
    ).all()
    aggregates = session.execute(
        select(AggregateRow, DocumentRow.source)
        .join(DocumentRow, DocumentRow.id == AggregateRow.document_id)
        .where(AggregateRow.episode_id == row.id).order_by(AggregateRow.id)).all()
    return row, [tuple(r) for r in incidents], [tuple(a) for a in aggregates]


def episodes_of_incidents(session: Session, incident_ids: Iterable[int]) -> dict[int, list[int]]:
    """incident -> the ids of the (not rejected) episodes holding it."""
    ids = list(incident_ids)
    out: dict[int, list[int]] = {}
    if not ids:
        return out
    rows = session.execute(select(EpisodeIncidentRow.incident_id, EpisodeIncidentRow.episode_id)
                           .join(EpisodeRow, EpisodeRow.id == EpisodeIncidentRow.episode_id)
                           .where(EpisodeIncidentRow.incident_id.in_(ids),
                                  EpisodeRow.status != "rejected")
                           .order_by(EpisodeIncidentRow.episode_id))
    for incident_id, episode_id in rows:
        out.setdefault(incident_id, []).append(episode_id)
    return out


def list_episodes(session: Session) -> list[dict]:
    counts = dict(session.execute(select(EpisodeIncidentRow.episode_id,
                                         func.count(EpisodeIncidentRow.incident_id))
                                  .group_by(EpisodeIncidentRow.episode_id)).all())
    return [{"id": r.id, "title": r.title, "status": r.status, "origin": r.origin,
             "incidents": counts.get(r.id, 0)}
            for r in session.scalars(select(EpisodeRow).order_by(EpisodeRow.id.desc()))]
