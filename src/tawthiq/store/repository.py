"""Reading and writing the store's rows in the shapes of ``tawthiq.model``.

``save_extract_result`` turns one report's ``ExtractResult`` into rows (events, evidence with
the quoted words, perpetrators as attributed, places and actors shared across reports,
victims and witnesses as persons, claims); ``event_to_model`` turns a stored event back into
the contract's ``Event``. Everything goes through SQLAlchemy constructs so that SQLite and
PostgreSQL behave alike. Nothing is committed here: the caller owns the transaction. A
get-or-create that loses a race with another writer raises ``IntegrityError`` at flush; the
caller retries the whole transaction (no SAVEPOINTs: pysqlite's are unreliable as the first
statement of a transaction).
"""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tawthiq.errors import NotFound
from tawthiq.model import (
    DateRange,
    Document,
    Event,
    Evidence,
    ExtractResult,
    Fatalities,
    Injuries,
    Location,
    Perpetrator,
    Person,
    Victims,
)
from tawthiq.store.audit import append_entry
from tawthiq.store.tables import (
    ActorRow,
    AuditEntryRow,
    ClaimRow,
    DocumentRow,
    EventPerpetratorRow,
    EventRow,
    EvidenceRow,
    PersonRow,
    PlaceRow,
)

ROLE_VICTIM = "victim"
ROLE_WITNESS = "witness"
STATUS_REJECTED = "rejected"


# --- writing -------------------------------------------------------------------------------

def add_document(session: Session, document: Document, *, sha: str, raw: bytes,
                 filename: str | None, media_type: str, ingested_by: str) -> DocumentRow:
    """The document row, flushed (it has its id): original bytes, their SHA-256, the text
    that evidence offsets point into, and the report's provenance."""
    row = DocumentRow(sha256=sha, external_id=document.id, filename=filename,
                      media_type=media_type, raw=raw, text=document.text,
                      title=document.title, source=document.source, url=document.url,
                      published=document.published, language=document.language,
                      ingested_by=ingested_by)
    session.add(row)
    session.flush()
    return row


def save_extract_result(session: Session, document_row: DocumentRow, result: ExtractResult,
                        *, extractor: str | None = None) -> list[EventRow]:
    """Rows for every event, person and claim of ``result``, tied to ``document_row``
    (which must be flushed, i.e. have an id). Returns the event rows, flushed, in order."""
    text = document_row.text or ""
    event_rows = [_event_row(session, document_row, ordinal, event, text, extractor)
                  for ordinal, event in enumerate(result.events)]
    session.add_all(event_rows)
    session.flush()
    for event, row in zip(result.events, event_rows, strict=True):
        session.add_all(_person_row(document_row, row.id, ROLE_VICTIM, person)
                        for person in event.victims.named)
    session.add_all(_person_row(document_row, None, ROLE_WITNESS, person)
                    for person in result.mentions.witnesses)
    for claim in result.claims:
        event_id = (event_rows[claim.event].id
                    if claim.event is not None and 0 <= claim.event < len(event_rows) else None)
        session.add(ClaimRow(document_id=document_row.id, event_id=event_id,
                             speaker=clip(claim.speaker), via=clip(claim.via), text=claim.text,
                             start=claim.start, end=claim.end))
    session.flush()
    return event_rows


def _event_row(session: Session, document_row: DocumentRow, ordinal: int, event: Event,
               text: str, extractor: str | None) -> EventRow:
    location = event.location
    return EventRow(
        document_id=document_row.id, ordinal=ordinal, revision=0,
        event_type=event.event_type, sub_event_type=event.sub_event_type,
        means=list(event.means), summary=event.summary,
        date_start=event.date.start if event.date else None,
        date_end=event.date.end if event.date else None,
        date_precision=event.date.precision if event.date else None,
        place=get_or_create_place(session, location) if location else None,
        location=location.model_dump(mode="json") if location else None,
        victims=event.victims.model_dump(mode="json"),
        fatalities_low=event.fatalities.low, fatalities_best=event.fatalities.best,
        fatalities_high=event.fatalities.high, civilians=event.fatalities.civilians,
        combatants=event.fatalities.combatants, children=event.fatalities.children,
        women=event.fatalities.women,
        injuries_low=event.injuries.low, injuries_best=event.injuries.best,
        injuries_high=event.injuries.high,
        reported_by=list(event.reported_by), confidence=event.confidence,
        extractor=extractor,
        evidence=[EvidenceRow(field=ev.field, start=ev.start, end=ev.end,
                              quote=quote(text, ev.start, ev.end)) for ev in event.evidence],
        perpetrators=[_perpetrator_row(session, p) for p in event.perpetrators],
    )


def clip(value: str | None, limit: int = 255) -> str | None:
    """Fit a name into its String(255) column (PostgreSQL refuses longer; no real name is)."""
    return value[:limit] if value is not None and len(value) > limit else value


def quote(text: str, start: int, end: int) -> str:
    """The words an offset pair points at ('' when the offsets fall outside the text)."""
    if 0 <= start <= end <= len(text):
        return text[start:end]
    return ""


def _perpetrator_row(session: Session, perpetrator: Perpetrator) -> EventPerpetratorRow:
    return EventPerpetratorRow(
        actor=get_or_create_actor(session, perpetrator), name=clip(perpetrator.name),
        mention=perpetrator.mention, actor_type=perpetrator.actor_type,
        affiliation=list(perpetrator.affiliation),
        attributed_by=clip(perpetrator.attributed_by))


def _person_row(document_row: DocumentRow, event_id: int | None, role: str,
                person: Person) -> PersonRow:
    return PersonRow(document_id=document_row.id, event_id=event_id, role=role,
                     name=clip(person.name), age=person.age, sex=person.sex,
                     start=person.start, end=person.end)


def get_or_create_place(session: Session, location: Location) -> PlaceRow | None:
    """The shared place row for a gazetteer id (None without one: an unresolved mention
    stays in the event's ``location`` only)."""
    if not location.gazetteer_id:
        return None
    found = session.scalar(select(PlaceRow).where(PlaceRow.gazetteer_id == location.gazetteer_id))
    if found is not None:
        if location.pcode and not found.pcode:  # a gazetteer imported since names its P-code
            found.pcode, found.admin3 = location.pcode, clip(location.admin3)
        return found
    row = PlaceRow(gazetteer_id=location.gazetteer_id, name=clip(location.name),
                   latitude=location.latitude, longitude=location.longitude,
                   country_code=location.country_code, admin1=location.admin1,
                   admin2=location.admin2, feature=location.feature,
                   admin3=clip(location.admin3), pcode=location.pcode)
    session.add(row)
    session.flush()
    return row


def get_or_create_actor(session: Session, perpetrator: Perpetrator) -> ActorRow | None:
    """The shared actor row for a registry name ('unidentified' perpetrators included: the
    name is what the registry resolved, or the mention as written)."""
    name = clip((perpetrator.name or "").strip())
    if not name:
        return None
    found = session.scalar(select(ActorRow).where(ActorRow.name == name))
    if found is not None:
        return found
    row = ActorRow(name=name, actor_type=perpetrator.actor_type,
                   affiliation=list(perpetrator.affiliation))
    session.add(row)
    session.flush()
    return row


def add_audit(session: Session, *, actor: str, action: str, entity: str,
              entity_id: int | None, field: str | None = None, before=None, after=None,
              note: str | None = None) -> AuditEntryRow:
    return append_entry(session, actor=actor, action=action, entity=entity,
                        entity_id=entity_id, field=field, before=before, after=after, note=note)


# --- reading -------------------------------------------------------------------------------

def event_to_model(event_row: EventRow) -> Event:
    """The contract's ``Event`` for a stored event (its current values, edits included)."""
    return Event(
        event_type=event_row.event_type,
        sub_event_type=event_row.sub_event_type,
        means=list(event_row.means or []),
        summary=event_row.summary or "",
        date=_date_range(event_row),
        location=_location(event_row),
        perpetrators=[Perpetrator(name=p.name, mention=p.mention or "",
                                  actor_type=p.actor_type or "Unidentified",
                                  affiliation=list(p.affiliation or []),
                                  attributed_by=p.attributed_by)
                      for p in sorted(event_row.perpetrators, key=lambda p: p.id or 0)],
        victims=Victims.model_validate(event_row.victims or {}),
        fatalities=Fatalities(low=event_row.fatalities_low, best=event_row.fatalities_best,
                              high=event_row.fatalities_high, civilians=event_row.civilians,
                              combatants=event_row.combatants, children=event_row.children,
                              women=event_row.women),
        injuries=Injuries(low=event_row.injuries_low, best=event_row.injuries_best,
                          high=event_row.injuries_high),
        reported_by=list(event_row.reported_by or []),
        evidence=[Evidence(field=e.field, start=e.start, end=e.end)
                  for e in sorted(event_row.evidence, key=lambda e: e.id or 0)],
        confidence=event_row.confidence if event_row.confidence is not None else 0.5,
    )


def _date_range(event_row: EventRow) -> DateRange | None:
    if event_row.date_start is None:
        return None
    return DateRange(start=event_row.date_start, end=event_row.date_end or event_row.date_start,
                     precision=event_row.date_precision or "day")


def _location(event_row: EventRow) -> Location | None:
    """The stored location as extracted; a place set without one (by an analyst) is
    rendered from the place row."""
    if event_row.location:
        return Location.model_validate(event_row.location)
    place = event_row.place
    if place is None:
        return None
    return Location(mention=place.name, name=place.name, gazetteer_id=place.gazetteer_id,
                    latitude=place.latitude, longitude=place.longitude,
                    country_code=place.country_code, admin1=place.admin1,
                    admin2=place.admin2, feature=place.feature)


def current_events_query(*, document_id: int | None = None):
    """Events that stand (``store.read``'s rule), with what exports and pages show."""
    from tawthiq.store.read import live_events_query

    stmt = live_events_query()
    if document_id is not None:
        stmt = stmt.where(EventRow.document_id == document_id)
    return stmt


def iter_current_events(session: Session, *, document_id: int | None = None) -> Iterator[EventRow]:
    """Current events in the order they were stored, with evidence, perpetrators, place and
    document loaded (for exports and the web app)."""
    yield from session.scalars(current_events_query(document_id=document_id))


def get_document(session: Session, document_id: int) -> DocumentRow:
    row = session.get(DocumentRow, document_id)
    if row is None:
        raise NotFound(f"no document {document_id}", field="document")
    return row


def document_text(session: Session, document_id: int) -> str:
    """The text that the document's evidence offsets point into."""
    return get_document(session, document_id).text


def find_document_ids(session: Session, sha256s: list[str]) -> dict[str, int]:
    """sha256 -> document id, for those already stored."""
    if not sha256s:
        return {}
    rows = session.execute(select(DocumentRow.sha256, DocumentRow.id)
                           .where(DocumentRow.sha256.in_(sha256s)))
    return {sha: doc_id for sha, doc_id in rows}


def count_documents(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(DocumentRow)) or 0


def witnesses_of(session: Session, document_id: int) -> list[PersonRow]:
    """Witness rows of a document: the one query path that redaction must guard."""
    return list(session.scalars(select(PersonRow)
                                .where(PersonRow.document_id == document_id,
                                       PersonRow.role == ROLE_WITNESS)
                                .order_by(PersonRow.id)))
