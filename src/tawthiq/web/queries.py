"""What the pages and the JSON API show: filtered incident lists, map points, the timeline,
an incident with its reports and evidence, a document with its extractions.

Every function takes the ``Redactor`` of the person asking, so that witness names are removed
here, before anything is rendered or serialised (see ``tawthiq.redaction``).
"""

from __future__ import annotations

import threading
import typing
from dataclasses import dataclass, field, fields
from datetime import date

from sqlalchemy import String, cast, func, select
from sqlalchemy.orm import Session, selectinload

from tawthiq.errors import BadInput, NotFound
from tawthiq.model import EventType, Means
from tawthiq.redaction import TESTIMONY_MARK, WITHHELD_MARK, Redactor, merge_spans
from tawthiq.review.audit import incident_history
from tawthiq.store.custody import DocumentCustody, document_custody
from tawthiq.store.db import INT_MAX, row_by_id
from tawthiq.store.read import live_event_condition, live_incident_condition
from tawthiq.store.redacted import (
    DocumentRedaction,
    document_redaction,
    refresh_viewer_search,
    viewer_redactor,
)
from tawthiq.store.tables import (
    ClaimRow,
    DocumentRow,
    EpisodeIncidentRow,
    EventPerpetratorRow,
    EventRow,
    IncidentRow,
    PersonRow,
    PlaceRow,
)
from tawthiq.store.version import store_version
from tawthiq.web.search import matching_document_ids, query_words

EVENT_TYPES = list(typing.get_args(EventType))
MEANS = list(typing.get_args(Means))
STATUSES = ["proposed", "accepted", "rejected"]
SORTS = {
    "date": IncidentRow.date_start,
    "fatalities": IncidentRow.fatalities_best,
    "type": IncidentRow.event_type,
    "place": PlaceRow.name,
    "id": IncidentRow.id,
}
PER_PAGE_MAX = 200
# Reports a viewer's search indexes before it runs (more: indexed in the background, 503).
INLINE_INDEXING_MOST = 500
FIELD_LABELS = {
    "event_type": "Event type", "location": "Location", "date": "Date",
    "fatalities": "Fatalities", "perpetrators": "Perpetrators", "victims": "Victims",
    "means": "Means", "reported_by": "Reported by",
}


# ---------------------------------------------------------------- filters

@dataclass
class IncidentFilter:
    """The list/map/timeline filters, parsed from a query string."""

    date_from: date | None = None
    date_to: date | None = None
    admin1: str | None = None
    admin2: str | None = None
    perpetrator: str | None = None
    event_type: str | None = None
    means: str | None = None
    fatalities_min: int | None = None
    fatalities_max: int | None = None
    q: str | None = None
    status: str | None = None
    episode: int | None = None
    sort: str = "date"
    order: str = "desc"
    page: int = 1
    per_page: int = 50

    @classmethod
    def from_params(cls, params: typing.Mapping[str, str]) -> IncidentFilter:
        """Parse and validate; BadInput names the offending parameter."""
        values: dict = {}
        for f in fields(cls):
            raw = params.get(f.name)
            if raw is None or str(raw).strip() == "":
                continue
            raw = str(raw).strip()
            if f.name in ("date_from", "date_to"):
                values[f.name] = _parse_date(raw, f.name)
            elif f.name in ("fatalities_min", "fatalities_max", "page", "per_page", "episode"):
                values[f.name] = _parse_int(raw, f.name)
            else:
                values[f.name] = raw
        result = cls(**values)
        result.validate()
        return result

    def validate(self) -> None:
        if self.sort not in SORTS:
            raise BadInput(f"unknown sort {self.sort!r}; one of {', '.join(SORTS)}", field="sort")
        if self.order not in ("asc", "desc"):
            raise BadInput("order must be asc or desc", field="order")
        if self.event_type and self.event_type not in EVENT_TYPES:
            raise BadInput(f"unknown event type {self.event_type!r}", field="event_type")
        if self.means and self.means not in MEANS:
            raise BadInput(f"unknown means {self.means!r}", field="means")
        if self.status and self.status not in STATUSES:
            raise BadInput(f"unknown status {self.status!r}", field="status")
        if self.page < 1:
            raise BadInput("page must be 1 or more", field="page")
        if not 1 <= self.per_page <= PER_PAGE_MAX:
            raise BadInput(f"per_page must be 1..{PER_PAGE_MAX}", field="per_page")
        if (self.page - 1) * self.per_page > INT_MAX:
            raise BadInput("page is too far past the end", field="page")

    def params(self, **changes) -> dict[str, str]:
        """The filter as query parameters (for links: sorting, paging, map, timeline)."""
        out = {}
        for f in fields(self):
            value = changes.get(f.name, getattr(self, f.name))
            if value is not None and value != "" and value != f.default:
                out[f.name] = value.isoformat() if isinstance(value, date) else str(value)
        return out


def _parse_date(raw: str, name: str) -> date:
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise BadInput(f"not a date (YYYY-MM-DD): {raw!r}", field=name) from None


def _parse_int(raw: str, name: str) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise BadInput(f"not a whole number: {raw!r}", field=name) from None
    if value < 0:
        raise BadInput("must not be negative", field=name)
    if value > INT_MAX:
        raise BadInput(f"must be at most {INT_MAX}", field=name)
    return value




def filtered_incidents(session: Session, flt: IncidentFilter, redactor: Redactor, *columns,
                       join_place: bool = True):
    """A SELECT of ``columns`` over the live incidents (joined to their place unless
    ``join_place`` is false and no filter needs it) matching ``flt``."""
    query = select(*columns).select_from(IncidentRow)
    if join_place or needs_place(flt):
        query = query.outerjoin(PlaceRow, PlaceRow.id == IncidentRow.place_id)
    if flt.status:
        query = query.where(IncidentRow.superseded_by.is_(None),
                            IncidentRow.status == flt.status)
    else:
        query = query.where(live_incident_condition())
    if flt.date_from:
        query = query.where(func.coalesce(IncidentRow.date_end, IncidentRow.date_start)
                            >= flt.date_from)
    if flt.date_to:
        query = query.where(IncidentRow.date_start <= flt.date_to)
    if flt.episode is not None:
        query = query.where(IncidentRow.id.in_(select(EpisodeIncidentRow.incident_id).where(
            EpisodeIncidentRow.episode_id == flt.episode)))
    if flt.admin1:
        query = query.where(PlaceRow.admin1 == flt.admin1)
    if flt.admin2:
        query = query.where(PlaceRow.admin2 == flt.admin2)
    if flt.event_type:
        query = query.where(IncidentRow.event_type == flt.event_type)
    if flt.fatalities_min is not None:
        query = query.where(IncidentRow.fatalities_best >= flt.fatalities_min)
    if flt.fatalities_max is not None:
        query = query.where(IncidentRow.fatalities_best <= flt.fatalities_max)
    if flt.perpetrator:
        named = EventPerpetratorRow.name.ilike(f"%{like_escaped(flt.perpetrator)}%",
                                               escape="\\")
        perpetrators = (select(EventRow.incident_id)
                        .join(EventPerpetratorRow, EventPerpetratorRow.event_id == EventRow.id)
                        .where(live_event_condition(), named))
        query = query.where(IncidentRow.id.in_(perpetrators))
    if flt.means:
        means = select(EventRow.incident_id).where(
            live_event_condition(), cast(EventRow.means, String).like(f'%"{flt.means}"%'))
        query = query.where(IncidentRow.id.in_(means))
    words = query_words(flt.q)
    if words:
        if redactor.uncleared:  # over the reports as this reader may read them
            refresh_viewer_search(session, most=INLINE_INDEXING_MOST)
        documents = matching_document_ids(session, words, redacted=redactor.uncleared)
        reports = select(EventRow.incident_id).where(live_event_condition(),
                                                     EventRow.document_id.in_(documents))
        query = query.where(IncidentRow.id.in_(reports))
    return query


def like_escaped(words: str) -> str:
    """``words`` for a LIKE pattern in which ``%`` and ``_`` mean themselves."""
    return words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def needs_place(flt: IncidentFilter) -> bool:
    return bool(flt.admin1 or flt.admin2 or flt.sort == "place")


def list_incidents(session: Session, flt: IncidentFilter, redactor: Redactor) -> dict:
    """One page of incidents, with the total and the perpetrators as attributed."""
    total = session.scalar(filtered_incidents(session, flt, redactor, func.count(IncidentRow.id),
                                              join_place=False))
    sort_column = SORTS[flt.sort]
    ordering = (sort_column.desc() if flt.order == "desc" else sort_column.asc()).nulls_last()
    # The page's ids first (from the indexes alone when they cover the filters), then the
    # rows of those fifty: a deep page no longer reads every row before it.
    page = (filtered_incidents(session, flt, redactor, IncidentRow.id, join_place=False)
            .order_by(ordering, IncidentRow.id.desc())
            .limit(flt.per_page).offset((flt.page - 1) * flt.per_page)).subquery()
    query = (select(
        IncidentRow.id, IncidentRow.title, IncidentRow.event_type,
        IncidentRow.sub_event_type, IncidentRow.date_start, IncidentRow.date_end,
        IncidentRow.fatalities_low, IncidentRow.fatalities_best, IncidentRow.fatalities_high,
        IncidentRow.status, IncidentRow.corroboration, PlaceRow.name.label("place"),
        PlaceRow.admin1, PlaceRow.admin2)
        .select_from(IncidentRow).join(page, page.c.id == IncidentRow.id)
        .outerjoin(PlaceRow, PlaceRow.id == IncidentRow.place_id)
        .order_by(ordering, IncidentRow.id.desc()))
    rows = session.execute(query).mappings().all()
    ids = [r["id"] for r in rows]
    perpetrators = _perpetrators_by_incident(session, ids)
    reports = _report_counts(session, ids)
    items = []
    for r in rows:
        item = dict(r)
        item["title"] = redactor.text(item["title"])
        item["perpetrators"] = perpetrators.get(r["id"], [])
        item["reports"] = reports.get(r["id"], 0)
        items.append(item)
    pages = max(1, -(-(total or 0) // flt.per_page))
    return {"items": items, "total": total or 0, "page": flt.page, "pages": pages,
            "per_page": flt.per_page}


def _perpetrators_by_incident(session: Session, ids: list[int]) -> dict[int, list[dict]]:
    if not ids:
        return {}
    rows = session.execute(
        select(EventRow.incident_id, EventPerpetratorRow.name, EventPerpetratorRow.attributed_by)
        .join(EventPerpetratorRow, EventPerpetratorRow.event_id == EventRow.id)
        .where(EventRow.incident_id.in_(ids), live_event_condition())
        .distinct())
    out: dict[int, list[dict]] = {}
    for incident_id, name, attributed_by in rows:
        out.setdefault(incident_id, []).append({"name": name, "attributed_by": attributed_by})
    return out


def _report_counts(session: Session, ids: list[int]) -> dict[int, int]:
    if not ids:
        return {}
    rows = session.execute(select(EventRow.incident_id, func.count(EventRow.id))
                           .where(EventRow.incident_id.in_(ids), live_event_condition())
                           .group_by(EventRow.incident_id))
    return dict(rows.all())


def map_points(session: Session, flt: IncidentFilter, redactor: Redactor) -> dict:
    """Every matching incident with coordinates, as compact rows for the map.

    Tens of thousands of rows: the date comes back as text and rows are read through the
    Core connection (no ORM row processing); titles are redacted only for those not cleared.
    """
    query = filtered_incidents(
        session, flt, redactor, IncidentRow.id, PlaceRow.latitude, PlaceRow.longitude,
        IncidentRow.title, IncidentRow.event_type, cast(IncidentRow.date_start, String),
        IncidentRow.fatalities_best, PlaceRow.name,
    ).where(PlaceRow.latitude.is_not(None), PlaceRow.longitude.is_not(None))
    rows = [list(row) for row in session.connection().execute(query)]
    if redactor.might_name("\n".join(row[3] or "" for row in rows)):
        for row in rows:
            row[3] = redactor.text(row[3])
    return {"fields": ["id", "lat", "lon", "title", "event_type", "date", "fatalities", "place"],
            "rows": rows}


def timeline(session: Session, flt: IncidentFilter, redactor: Redactor) -> dict:
    """Incidents and deaths (best estimates) per day of the incidents' start dates."""
    query = (filtered_incidents(session, flt, redactor, IncidentRow.date_start,
                                func.count(IncidentRow.id),
                                func.coalesce(func.sum(IncidentRow.fatalities_best), 0))
             .where(IncidentRow.date_start.is_not(None))
             .group_by(IncidentRow.date_start).order_by(IncidentRow.date_start))
    days, incidents, deaths = [], [], []
    for day, count, dead in session.execute(query):
        days.append(day.isoformat() if isinstance(day, date) else str(day))
        incidents.append(int(count))
        deaths.append(int(dead or 0))
    return {"days": days, "incidents": incidents, "deaths": deaths}


def filter_options(session: Session) -> dict:
    """Choices for the filter form."""
    admin1 = session.scalars(select(PlaceRow.admin1).where(PlaceRow.admin1.is_not(None))
                             .distinct().order_by(PlaceRow.admin1)).all()
    admin2 = session.scalars(select(PlaceRow.admin2).where(PlaceRow.admin2.is_not(None))
                             .distinct().order_by(PlaceRow.admin2)).all()
    perpetrators = session.scalars(select(EventPerpetratorRow.name).distinct()
                                   .order_by(EventPerpetratorRow.name).limit(500)).all()
    return {"event_types": EVENT_TYPES, "means": MEANS, "admin1": admin1, "admin2": admin2,
            "perpetrators": perpetrators, "statuses": STATUSES, "sorts": list(SORTS)}


# ---------------------------------------------------------------- witness names

_redactors: dict[tuple, Redactor] = {}
_redactors_lock = threading.Lock()


def witness_redactor(session: Session) -> Redactor:
    """A redactor for every witness name in the store, rebuilt only when the store changes."""
    key = (str(session.get_bind().url), store_version(session))
    with _redactors_lock:  # fifty first requests build it once, not fifty times
        if key not in _redactors:
            _redactors.clear()
            _redactors[key] = viewer_redactor(session)
        return _redactors[key]


# ---------------------------------------------------------------- text with evidence

@dataclass
class Segment:
    """A run of report text: plain, highlighted as evidence for some fields, or redacted."""

    text: str
    fields: list[str] = field(default_factory=list)
    redacted: bool = False
    anchor: str | None = None


def segments(text: str, highlights: list[tuple[int, int, str]],
             redactions: list[tuple[int, int]], mark: str = "[witness]",
             anchor_prefix: str = "ev") -> list[Segment]:
    """Cut ``text`` at every highlight/redaction boundary. A redacted run is replaced by
    ``mark`` (its words never leave the server); the first run of each evidence field
    carries an anchor so the field list can link to it."""
    length = len(text)
    redacted = merge_spans([(max(0, s), min(length, e)) for s, e in redactions])
    marks = [(max(0, s), min(length, e), f) for s, e, f in highlights if e > s]
    cuts = sorted({0, length, *[p for s, e in redacted for p in (s, e)],
                   *[p for s, e, _ in marks for p in (s, e)]})
    out: list[Segment] = []
    seen: set[str] = set()
    for start, end in zip(cuts, cuts[1:], strict=False):
        if any(s <= start and end <= e for s, e in redacted):
            if not (out and out[-1].redacted):
                out.append(Segment(mark, redacted=True))
            continue
        names = sorted({f for s, e, f in marks if s <= start and end <= e})
        anchor = None
        fresh = [n for n in names if n not in seen]
        if fresh:
            anchor = f"{anchor_prefix}-{fresh[0]}"
            seen.update(fresh)
        if out and not out[-1].redacted and out[-1].fields == names and anchor is None:
            out[-1].text += text[start:end]
        else:
            out.append(Segment(text[start:end], names, anchor=anchor))
    return out


def claim_view(claim: ClaimRow, redactor: Redactor, witness_speakers: set[str]) -> dict:
    if claim.speaker in witness_speakers:
        return {"id": claim.id, "speaker": "[witness]", "via": redactor.text(claim.via),
                "text": TESTIMONY_MARK, "event_id": claim.event_id, "redacted": True}
    return {"id": claim.id, "speaker": redactor.text(claim.speaker),
            "via": redactor.text(claim.via), "text": redactor.text(claim.text),
            "event_id": claim.event_id, "start": claim.start, "end": claim.end,
            "redacted": False}


# ---------------------------------------------------------------- one event report

def event_view(event: EventRow, doc_text: str, redaction: DocumentRedaction,
               redactor: Redactor) -> dict:
    """An event report's fields, each with the (redacted) words that support it."""
    if redaction.withheld:
        redactor = WithholdAll()
    evidence: dict[str, list[dict]] = {}
    for ev in sorted(event.evidence, key=lambda e: e.start):
        quote = doc_text[ev.start:ev.end] if 0 <= ev.start < ev.end <= len(doc_text) else ev.quote
        local = [(max(0, s - ev.start), e - ev.start) for s, e in redaction.spans
                 if s < ev.end and e > ev.start]
        evidence.setdefault(ev.field, []).append(
            {"start": ev.start, "end": ev.end,
             "quote": redactor.text(quote, local) if redactor.pattern or local else quote})
    victims = dict(event.victims or {})
    victims["description"] = redactor.text(victims.get("description"))
    victims["named"] = [{**p, "name": redactor.text(p.get("name"))}
                        for p in victims.get("named", [])]
    location = dict(event.location) if event.location else None
    if location:
        location.update(mention=redactor.text(location.get("mention")),
                        name=redactor.text(location.get("name")))
    return {
        "id": event.id, "document_id": event.document_id, "ordinal": event.ordinal,
        "revision": event.revision, "status": event.status,
        "superseded_by": event.superseded_by, "incident_id": event.incident_id,
        "event_type": event.event_type, "sub_event_type": event.sub_event_type,
        "means": list(event.means or []), "summary": redactor.text(event.summary),
        "date_start": event.date_start, "date_end": event.date_end,
        "date_precision": event.date_precision,
        "location": location,
        "place": place_view(event.place),
        "perpetrators": [{"name": redactor.text(p.name), "mention": redactor.text(p.mention),
                          "actor_type": p.actor_type,
                          "affiliation": list(p.affiliation or []),
                          "attributed_by": redactor.text(p.attributed_by)}
                         for p in event.perpetrators],
        "victims": victims,
        "fatalities": {"low": event.fatalities_low, "best": event.fatalities_best,
                       "high": event.fatalities_high, "civilians": event.civilians,
                       "combatants": event.combatants, "children": event.children,
                       "women": event.women},
        "injuries": {"low": event.injuries_low, "best": event.injuries_best,
                     "high": event.injuries_high},
        "reported_by": [redactor.text(r) for r in (event.reported_by or [])],
        "confidence": event.confidence, "extractor": event.extractor,
        "evidence": evidence,
    }


def place_view(place: PlaceRow | None) -> dict | None:
    if place is None:
        return None
    return {"id": place.id, "name": place.name, "gazetteer_id": place.gazetteer_id,
            "latitude": place.latitude, "longitude": place.longitude,
            "country_code": place.country_code, "admin1": place.admin1,
            "admin2": place.admin2, "admin3": place.admin3, "pcode": place.pcode,
            "feature": place.feature}


class WithholdAll(Redactor):
    """Stands in for the redactor on a withheld report: any text drawn from it is replaced."""

    def __init__(self) -> None:
        super().__init__(["withheld"], uncleared=True)

    def text(self, text, extra=()):
        return WITHHELD_MARK if text else text

    def is_witness(self, speaker):
        return True


def report_view(session: Session, document: DocumentRow, events: list[EventRow],
                redactor: Redactor, cache: dict) -> dict:
    """A document as shown under an incident or on its own page: text cut into segments with
    the evidence of ``events`` highlighted, claims, named victims, (cleared) witnesses."""
    if document.id not in cache:
        cache[document.id] = document_redaction(session, document, redactor)
    redaction = cache[document.id]
    if redaction.withheld:  # every word drawn from this report is withheld, not only names
        redactor = WithholdAll()
    highlights = [(ev.start, ev.end, ev.field) for event in events for ev in event.evidence]
    claims = session.scalars(select(ClaimRow).where(ClaimRow.document_id == document.id)
                             .order_by(ClaimRow.start)).all()
    persons = session.scalars(select(PersonRow).where(PersonRow.document_id == document.id)
                              .order_by(PersonRow.start.asc().nulls_first(), PersonRow.id)).all()
    return {
        "id": document.id,
        "title": WITHHELD_MARK if redaction.withheld else redactor.text(document.title),
        "source": document.source,
        "url": document.url if not (redactor.pattern or redaction.withheld) else None,
        "published": document.published, "sha256": document.sha256,
        "filename": document.filename, "media_type": document.media_type,
        "language": document.language, "ingested_at": document.ingested_at,
        "ingested_by": document.ingested_by,
        "text": WITHHELD_MARK if redaction.withheld else
        redactor.text(document.text, redaction.spans) if redactor.pattern else document.text,
        "segments": segments(document.text, highlights, redaction.spans,
                             mark=WITHHELD_MARK if redaction.withheld else "[witness]",
                             anchor_prefix=f"d{document.id}"),
        "events": [event_view(e, document.text, redaction, redactor) for e in events],
        "claims": [claim_view(c, redactor, redaction.witness_speakers) for c in claims],
        "victims": [{"name": redactor.text(p.name), "age": p.age, "sex": p.sex,
                     "event_id": p.event_id}
                    for p in persons if p.role == "victim"],
        "witnesses": [] if redactor.pattern else
        [{"name": p.name, "start": p.start, "end": p.end, "event_id": p.event_id}
         for p in persons if p.role == "witness"],
        "redacted": bool(redactor.pattern) or redaction.withheld,
        "withheld": redaction.withheld,
    }


# ---------------------------------------------------------------- incident and document pages

def incident_detail(session: Session, incident_id: int, redactor: Redactor) -> dict:
    incident = row_by_id(session, IncidentRow, incident_id)
    if incident is None:
        raise NotFound(f"no incident {incident_id}")
    events = session.scalars(
        select(EventRow).where(EventRow.incident_id == incident_id,
                               EventRow.superseded_by.is_(None))
        .options(selectinload(EventRow.evidence), selectinload(EventRow.perpetrators),
                 selectinload(EventRow.document), selectinload(EventRow.place))
        .order_by(EventRow.document_id, EventRow.ordinal)).all()
    by_document: dict[int, list[EventRow]] = {}
    for event in events:
        by_document.setdefault(event.document_id, []).append(event)
    cache: dict = {}
    reports = [report_view(session, group[0].document, group, redactor, cache)
               for group in by_document.values()]
    return {
        "id": incident.id, "title": redactor.text(incident.title),
        "event_type": incident.event_type, "sub_event_type": incident.sub_event_type,
        "date_start": incident.date_start, "date_end": incident.date_end,
        "date_precision": incident.date_precision,
        "place": place_view(incident.place),
        "fatalities": {"low": incident.fatalities_low, "best": incident.fatalities_best,
                       "high": incident.fatalities_high},
        "corroboration": incident.corroboration, "status": incident.status,
        "superseded_by": incident.superseded_by,
        "merged_from": session.scalars(select(IncidentRow.id)
                                       .where(IncidentRow.superseded_by == incident.id)).all(),
        "created_at": incident.created_at, "updated_at": incident.updated_at,
        "reports": reports,
        "episodes": incident_episodes(session, incident.id),
        "similar": similar_view(session, incident),
        "linking": linking_view(incident.consolidated, events, redactor),
        "history": incident_history(session, incident.id, redactor),
    }


def linking_view(consolidated: dict | None, events: list[EventRow],
                 redactor: Redactor) -> dict:
    """Every source's figure, the attributions with who makes them, the grade and its reason,
    and each report's link explanation, from the incident's consolidated view."""
    view = consolidated or {}
    sources = {e.id: e.document.source for e in events}

    def clean(text):
        return redactor.text(text) if isinstance(text, str) else text

    grade = view.get("grade") or {}
    return {
        "grade": grade.get("grade"), "grade_reason": clean(grade.get("reason")),
        "contested": bool(view.get("contested")),
        "figures": [{**f, "outlet": f.get("outlet") or sources.get(f.get("report")),
                     "original_sources": [clean(x) for x in f.get("original_sources", [])]}
                    for f in view.get("figures", [])],
        "attributions": [{**a, "attributed_by": [clean(x) for x in a.get("attributed_by", [])]}
                         for a in view.get("attributions", [])],
        "links": {link.get("report"): link for link in view.get("links", [])},
    }
def document_detail(session: Session, document_id: int, redactor: Redactor) -> dict:
    document = row_by_id(session, DocumentRow, document_id)
    if document is None:
        raise NotFound(f"no document {document_id}")
    events = session.scalars(
        select(EventRow).where(EventRow.document_id == document_id)
        .options(selectinload(EventRow.evidence), selectinload(EventRow.perpetrators),
                 selectinload(EventRow.place))
        .order_by(EventRow.ordinal, EventRow.revision)).all()
    live = [e for e in events if e.superseded_by is None]
    view = report_view(session, document, live, redactor, {})
    redaction = document_redaction(session, document, redactor)
    view["all_revisions"] = [event_view(e, document.text, redaction, redactor) for e in events]
    view["raw_size"] = len(document.raw or b"")
    view["custody"] = custody_view(document_custody(session, document_id))
    return view


def custody_view(check: DocumentCustody) -> dict:
    """The document's chain-of-custody check, made when the page is asked for."""
    return {"verified": check.problem is None, "problem": check.problem,
            "bytes_match": check.recomputed == check.stored, "recomputed": check.recomputed,
            "audited": check.audited}


def document_raw(session: Session, document_id: int) -> tuple[bytes, str, str]:
    """The bytes as ingested, with their media type and a download name (cleared roles only)."""
    document = row_by_id(session, DocumentRow, document_id)
    if document is None:
        raise NotFound(f"no document {document_id}")
    name = (document.filename or f"document-{document.id}").rsplit("/", 1)[-1]
    return document.raw or b"", document.media_type or "application/octet-stream", name


def incident_episodes(session: Session, incident_id: int) -> list[dict]:
    """The episodes (not rejected) an incident belongs to, with their titles."""
    from tawthiq.store.episodes import episodes_of_incidents
    from tawthiq.store.tables import EpisodeRow

    ids = episodes_of_incidents(session, [incident_id]).get(incident_id, [])
    return [{"id": r.id, "title": r.title, "status": r.status}
            for r in session.scalars(select(EpisodeRow).where(EpisodeRow.id.in_(ids))
                                     .order_by(EpisodeRow.id))]


def episode_detail(session: Session, episode_id: int, redactor: Redactor) -> dict:
    """An episode's page: its consolidated view (every source's aggregate toll beside the sum
    of its incidents), its incidents as the list shows them, and its history."""
    from tawthiq.pipeline import read_episode
    from tawthiq.review.audit import audit_view
    from tawthiq.store.tables import AuditEntryRow

    episode = read_episode(session, episode_id)
    flt = IncidentFilter(episode=episode_id, sort="date", order="asc", per_page=PER_PAGE_MAX)
    history = session.scalars(select(AuditEntryRow).where(
        AuditEntryRow.entity == "episode", AuditEntryRow.entity_id == episode_id)
        .order_by(AuditEntryRow.at.desc(), AuditEntryRow.id.desc())).all()
    return {"episode": episode, "flt": flt, "params": flt.params(),
            "result": list_incidents(session, flt, redactor),
            "history": [audit_view(e, redactor) for e in history]}


def similar_view(session: Session, incident: IncidentRow) -> list[dict]:
    """Unlinked but similar incidents (``pipeline.similar_unlinked``) with their titles."""
    from tawthiq.pipeline import similar_unlinked

    if incident.superseded_by is not None:
        return []
    found = similar_unlinked(session, incident.id)
    titles = dict(session.execute(select(IncidentRow.id, IncidentRow.title).where(
        IncidentRow.id.in_([s.incident for s in found]))).all())
    return [{**s.model_dump(mode="json"), "title": titles.get(s.incident)} for s in found]
