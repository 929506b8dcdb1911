"""The one read model of what stands in the store: live event reports (not rejected, not
superseded by a later revision) and live incidents (not rejected, not merged away), as
``tawthiq.model`` types. The web pages, the exports and the linker all read through here, so
the rule "which reports count" is written once."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import timedelta

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session, selectinload

from tawthiq.model import EventReport, LinkLabel, Location, evidence_words
from tawthiq.store.repository import event_to_model
from tawthiq.store.tables import (
    DocumentRow,
    EventRow,
    IncidentRow,
    LinkLabelRow,
    PlaceRow,
)

REJECTED = "rejected"
MERGED = "merged"


def live_event_condition():
    """An event report that counts: the current revision, not rejected."""
    return and_(EventRow.superseded_by.is_(None), EventRow.status != REJECTED)


def live_incident_condition():
    """An incident that stands: not merged into another, not rejected."""
    return and_(IncidentRow.superseded_by.is_(None),
                IncidentRow.status.not_in((REJECTED, MERGED)))


def is_live_incident(row: IncidentRow) -> bool:
    return row.superseded_by is None and row.status not in (REJECTED, MERGED)


def live_events_query():
    """Live event rows with their evidence, perpetrators, place and document loaded."""
    return (select(EventRow).where(live_event_condition())
            .options(selectinload(EventRow.evidence), selectinload(EventRow.perpetrators),
                     selectinload(EventRow.place), selectinload(EventRow.document))
            .order_by(EventRow.id))


def event_report(row: EventRow) -> EventReport:
    """The model's ``EventReport`` for a stored event row."""
    document = row.document
    text = document.text or ""
    spans = [(e.start, e.end) for e in row.evidence]
    words = evidence_words(text, spans)
    if row.ordinal == 0 and document.title:
        words = f"{document.title}. {words}"
    event = event_to_model(row)
    if event.location is not None and row.place is not None:
        event.location = _with_place(event.location, row.place)
    return EventReport(id=row.id, key=(row.document_id, row.ordinal),
                       document_id=row.document_id, sha256=document.sha256,
                       source=document.source, published=document.published,
                       language=document.language, title=document.title,
                       event=event, words=words, incident_id=row.incident_id)


def _with_place(location: Location, place: PlaceRow) -> Location:
    """The location as extracted, with what the stored place row knows filled in (a place an
    analyst set, or a location stored before it carried its gazetteer fields)."""
    fill = {"gazetteer_id": place.gazetteer_id, "latitude": place.latitude,
            "longitude": place.longitude, "country_code": place.country_code,
            "admin1": place.admin1, "admin2": place.admin2, "feature": place.feature}
    missing = {k: v for k, v in fill.items() if getattr(location, k) is None and v is not None}
    return location.model_copy(update=missing) if missing else location


def live_event_reports(session: Session, *, incident_ids: Iterable[int] | None = None,
                       event_ids: Iterable[int] | None = None) -> list[EventReport]:
    query = live_events_query()
    if incident_ids is not None:
        query = query.where(EventRow.incident_id.in_(list(incident_ids)))
    if event_ids is not None:
        query = query.where(EventRow.id.in_(list(event_ids)))
    return [event_report(row) for row in session.scalars(query)]


NameKey = Callable[[str | None], str | None]


def candidate_reports(session: Session, reports: list[EventReport], window_days: int,
                      *, governorate_of: NameKey | None = None,
                      province_named: NameKey | None = None) -> list[EventReport]:
    """Live, linked reports that blocking could pair with ``reports``: the same gazetteer
    place or place name at any date, or the same governorate within the date window.

    ``governorate_of`` (the linker's key) makes every stored spelling of one governorate one
    area ("As Suwayda'" from one gazetteer, "As Suwaydā'" from another); ``province_named``
    (the governorate a place's own name is, else None) adds, at any date, the reports placed
    at the same province's name (the governorate or its namesake capital), which the linker
    compares at any date as it does one place name."""
    key = governorate_of or (lambda name: name)
    spellings = _governorate_spellings(session, key)
    gids, names, areas, provinces = set(), set(), [], set()
    for report in reports:
        loc = report.event.location
        if loc is None:
            continue
        if loc.gazetteer_id:
            gids.add(loc.gazetteer_id)
        names.add(loc.name)
        wanted = spellings.get(key(loc.admin1), {loc.admin1}) if loc.admin1 else set()
        if report.event.date and wanted:
            slack = timedelta(days=2 * window_days)
            areas.append(and_(PlaceRow.admin1.in_(wanted),
                              EventRow.date_start <= report.event.date.end + slack,
                              EventRow.date_end >= report.event.date.start - slack))
        province = province_named(loc.name) if province_named else None
        if province is not None:
            provinces.add(province)
    conditions = []
    if gids or names:
        conditions.append(PlaceRow.gazetteer_id.in_(gids) | PlaceRow.name.in_(names))
    conditions.extend(areas)
    if provinces:
        places = _places_named_like(session, provinces, spellings, province_named)
        conditions.append(EventRow.place_id.in_(places))
    if not conditions:
        return []
    query = (live_events_query().join(PlaceRow, PlaceRow.id == EventRow.place_id)
             .where(EventRow.incident_id.is_not(None), or_(*conditions)))
    return [event_report(row) for row in session.scalars(query)]


def _governorate_spellings(session: Session, key: NameKey) -> dict[str | None, set[str]]:
    """Every stored admin1 spelling, grouped by governorate key."""
    found: dict[str | None, set[str]] = {}
    for admin1 in session.scalars(select(PlaceRow.admin1).distinct()):
        if admin1:
            found.setdefault(key(admin1), set()).add(admin1)
    return found


def _places_named_like(session: Session, provinces: set[str],
                       spellings: dict[str | None, set[str]],
                       province_named: NameKey) -> list[int]:
    """Stored places in those provinces (or with no governorate) named like them."""
    admin1s = {s for p in provinces for s in spellings.get(p, ())}
    rows = session.execute(select(PlaceRow.id, PlaceRow.name).where(
        PlaceRow.admin1.in_(admin1s) | PlaceRow.admin1.is_(None)))
    return [place_id for place_id, name in rows if province_named(name) in provinces]


def link_labels(session: Session) -> list[LinkLabel]:
    """Analysts' same/different decisions, oldest first (a later one overrides)."""
    rows = session.scalars(select(LinkLabelRow).order_by(LinkLabelRow.id))
    latest: dict[tuple, LinkLabel] = {}
    for row in rows:
        a, b = (row.a_document, row.a_ordinal), (row.b_document, row.b_ordinal)
        latest[tuple(sorted((a, b)))] = LinkLabel(a=a, b=b, same=row.same, by=row.by,
                                                  action=row.action)
    return list(latest.values())


def document_external_ids(session: Session) -> dict[int, str | None]:
    return dict(session.execute(select(DocumentRow.id, DocumentRow.external_id)).all())


def live_incident_ids(session: Session) -> list[int]:
    return list(session.scalars(select(IncidentRow.id).where(live_incident_condition())
                                .order_by(IncidentRow.id)))
