"""SQLAlchemy tables: the store's schema. Alembic migrations under ``migrations/`` create it.

Conventions: nothing is deleted, only superseded (``superseded_by`` / ``status``); every
change made by a person is an ``AuditEntry``; witnesses and victims are both ``Person`` rows
but kept apart by ``role`` so that redaction can be enforced on one query path.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    type_annotation_map = {dict: JSON, list: JSON}


class DocumentRow(Base):
    """A report exactly as received (``raw``) plus the text that evidence offsets point into."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    external_id: Mapped[str | None] = mapped_column(String(512))
    filename: Mapped[str | None] = mapped_column(String(1024))
    media_type: Mapped[str] = mapped_column(String(64), default="text/plain")
    raw: Mapped[bytes] = mapped_column(LargeBinary)
    text: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(String(255), index=True)
    url: Mapped[str | None] = mapped_column(Text)
    published: Mapped[date | None] = mapped_column(Date, index=True)
    language: Mapped[str | None] = mapped_column(String(16))
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    ingested_by: Mapped[str | None] = mapped_column(String(255))

    events: Mapped[list[EventRow]] = relationship(back_populates="document",
                                                  order_by="EventRow.ordinal")


class PlaceRow(Base):
    """A gazetteer place that some event refers to (a copy, so the store stands alone)."""

    __tablename__ = "places"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    gazetteer_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    country_code: Mapped[str | None] = mapped_column(String(2))
    admin1: Mapped[str | None] = mapped_column(String(255), index=True)
    admin2: Mapped[str | None] = mapped_column(String(255), index=True)
    feature: Mapped[str | None] = mapped_column(String(32))
    admin3: Mapped[str | None] = mapped_column(String(255))      # OCHA sub-district
    pcode: Mapped[str | None] = mapped_column(String(32), index=True)  # OCHA P-code


class ActorRow(Base):
    """A registry actor that some event names as perpetrator."""

    __tablename__ = "actors"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(255), unique=True)
    actor_type: Mapped[str] = mapped_column(String(64), default="Unidentified")
    affiliation: Mapped[list] = mapped_column(JSON, default=list)


class IncidentRow(Base):
    """What happened, as consolidated across reports; events point here once linked."""

    __tablename__ = "incidents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str | None] = mapped_column(Text)
    event_type: Mapped[str | None] = mapped_column(String(64), index=True)
    sub_event_type: Mapped[str | None] = mapped_column(String(64))
    date_start: Mapped[date | None] = mapped_column(Date, index=True)
    date_end: Mapped[date | None] = mapped_column(Date)
    date_precision: Mapped[str | None] = mapped_column(String(8))
    place_id: Mapped[int | None] = mapped_column(ForeignKey("places.id"), index=True)
    fatalities_low: Mapped[int | None] = mapped_column(Integer)
    fatalities_best: Mapped[int | None] = mapped_column(Integer, index=True)
    fatalities_high: Mapped[int | None] = mapped_column(Integer)
    corroboration: Mapped[str | None] = mapped_column(String(32))
    # The consolidated view of every source (figures, attributions, places, grade and its
    # reason, link explanations): a ``tawthiq.model.Incident`` without its reports.
    consolidated: Mapped[dict | None] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16), default="proposed", index=True)
    superseded_by: Mapped[int | None] = mapped_column(ForeignKey("incidents.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow,
                                                 onupdate=utcnow)

    place: Mapped[PlaceRow | None] = relationship()
    events: Mapped[list[EventRow]] = relationship(back_populates="incident")


class EventRow(Base):
    """One incident as one report tells it (an ``Event`` of the extract contract)."""

    __tablename__ = "events"
    __table_args__ = (UniqueConstraint("document_id", "ordinal", "revision"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    ordinal: Mapped[int] = mapped_column(Integer, default=0)
    revision: Mapped[int] = mapped_column(Integer, default=0)
    incident_id: Mapped[int | None] = mapped_column(ForeignKey("incidents.id"), index=True)
    event_type: Mapped[str] = mapped_column(String(64), index=True)
    sub_event_type: Mapped[str] = mapped_column(String(64))
    means: Mapped[list] = mapped_column(JSON, default=list)
    summary: Mapped[str] = mapped_column(Text, default="")
    date_start: Mapped[date | None] = mapped_column(Date, index=True)
    date_end: Mapped[date | None] = mapped_column(Date)
    date_precision: Mapped[str | None] = mapped_column(String(8))
    place_id: Mapped[int | None] = mapped_column(ForeignKey("places.id"), index=True)
    location: Mapped[dict | None] = mapped_column(JSON)
    victims: Mapped[dict] = mapped_column(JSON, default=dict)
    fatalities_low: Mapped[int | None] = mapped_column(Integer)
    fatalities_best: Mapped[int | None] = mapped_column(Integer, index=True)
    fatalities_high: Mapped[int | None] = mapped_column(Integer)
    civilians: Mapped[int | None] = mapped_column(Integer)
    combatants: Mapped[int | None] = mapped_column(Integer)
    children: Mapped[int | None] = mapped_column(Integer)
    women: Mapped[int | None] = mapped_column(Integer)
    injuries_low: Mapped[int | None] = mapped_column(Integer)
    injuries_best: Mapped[int | None] = mapped_column(Integer)
    injuries_high: Mapped[int | None] = mapped_column(Integer)
    reported_by: Mapped[list] = mapped_column(JSON, default=list)
    confidence: Mapped[float] = mapped_column(Float, default=0.5)
    extractor: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default="proposed", index=True)
    superseded_by: Mapped[int | None] = mapped_column(ForeignKey("events.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    document: Mapped[DocumentRow] = relationship(back_populates="events")
    incident: Mapped[IncidentRow | None] = relationship(back_populates="events")
    place: Mapped[PlaceRow | None] = relationship()
    evidence: Mapped[list[EvidenceRow]] = relationship(back_populates="event",
                                                       cascade="all, delete-orphan")
    perpetrators: Mapped[list[EventPerpetratorRow]] = relationship(
        back_populates="event", cascade="all, delete-orphan")


class EvidenceRow(Base):
    """The words of a report that support one field of one event."""

    __tablename__ = "evidence"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), index=True)
    field: Mapped[str] = mapped_column(String(32))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text, default="")

    event: Mapped[EventRow] = relationship(back_populates="evidence")


class EventPerpetratorRow(Base):
    """A perpetrator as attributed by someone: never an assertion of our own."""

    __tablename__ = "event_perpetrators"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id"), index=True)
    name: Mapped[str] = mapped_column(String(255))
    mention: Mapped[str] = mapped_column(Text, default="")
    actor_type: Mapped[str] = mapped_column(String(64), default="Unidentified")
    affiliation: Mapped[list] = mapped_column(JSON, default=list)
    attributed_by: Mapped[str | None] = mapped_column(String(255))

    event: Mapped[EventRow] = relationship(back_populates="perpetrators")
    actor: Mapped[ActorRow | None] = relationship()


class PersonRow(Base):
    """A named person in a report. ``role`` is 'victim' or 'witness'; witness rows are
    redacted for anyone not cleared (see ``tawthiq.web``)."""

    __tablename__ = "persons"
    __table_args__ = (Index("ix_persons_role_doc", "role", "document_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id"), index=True)
    role: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(255))
    age: Mapped[int | None] = mapped_column(Integer)
    sex: Mapped[str | None] = mapped_column(String(1))
    start: Mapped[int | None] = mapped_column(Integer)
    end: Mapped[int | None] = mapped_column(Integer)


class ClaimRow(Base):
    """A statement attributed to a speaker, possibly via an outlet."""

    __tablename__ = "claims"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id"), index=True)
    speaker: Mapped[str] = mapped_column(String(255))
    via: Mapped[str | None] = mapped_column(String(255))
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)


class UserRow(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(128), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))  # viewer | analyst | admin
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    api_token_hash: Mapped[str | None] = mapped_column(String(128), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class WebSessionRow(Base):
    """A signed-in browser. The cookie holds only a random key; this row (found by the key's
    SHA-256) says whose session it is, its CSRF token and until when it is good. Signing out,
    a password change or disabling the user end it (``ended_at``, ``ended_why``)."""

    __tablename__ = "web_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    csrf: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    ended_why: Mapped[str | None] = mapped_column(String(32))


class IngestJobRow(Base):
    """Files uploaded together on the ingest page, read by the ingest worker process; the
    job and its files' progress outlive a restart of the server."""

    __tablename__ = "ingest_jobs"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    user: Mapped[str] = mapped_column(String(128))
    options: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class IngestJobFileRow(Base):
    """One uploaded file of a job: where it was saved and what came of it."""

    __tablename__ = "ingest_job_files"
    __table_args__ = (Index("ix_ingest_job_files_status", "status", "job_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    job_id: Mapped[str] = mapped_column(ForeignKey("ingest_jobs.id"), index=True)
    ordinal: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(1024))  # as the user chose it
    path: Mapped[str] = mapped_column(Text)  # where the server saved it
    status: Mapped[str] = mapped_column(String(16), default="waiting")
    message: Mapped[str | None] = mapped_column(Text)
    documents: Mapped[int] = mapped_column(Integer, default=0)
    events: Mapped[int] = mapped_column(Integer, default=0)
    document_ids: Mapped[list] = mapped_column(JSON, default=list)


class AuditEntryRow(Base):
    """Append-only: who changed what, when, from what to what; hash-chained (each entry's
    ``hash`` covers it and ``prev_hash``, the entry before's; see ``tawthiq.store.audit``)."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(128))  # a username, or "system:ingest"
    action: Mapped[str] = mapped_column(String(32))  # ingest, accept, edit, reject, merge, split
    entity: Mapped[str] = mapped_column(String(32))  # document, event, incident, user
    entity_id: Mapped[int | None] = mapped_column(Integer, index=True)
    field: Mapped[str | None] = mapped_column(String(64))
    before: Mapped[dict | list | str | int | float | None] = mapped_column(JSON)
    after: Mapped[dict | list | str | int | float | None] = mapped_column(JSON)
    note: Mapped[str | None] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True, index=True)


class ViewerSearchStateRow(Base):
    """How far the viewers' search index (text with witness names redacted) is brought: the
    witness name parts it was redacted with and the last document it holds."""

    __tablename__ = "viewer_search_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    witness_parts: Mapped[list] = mapped_column(JSON, default=list)
    last_document_id: Mapped[int] = mapped_column(Integer, default=0)


class StoreVersionRow(Base):
    """One row whose ``version`` database triggers raise with every change to the tables that
    pages are read from, and ``auth_version`` with every change that could end a sign-in
    (see ``tawthiq.store.version``)."""

    __tablename__ = "store_version"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger)
    auth_version: Mapped[int] = mapped_column(BigInteger, server_default="1")


# --- Victim lists (tawthiq.victims) -------------------------------------------------------


class VictimListRow(Base):
    """A published list of named dead, imported from one file (idempotent by its SHA-256).
    ``visibility`` is the least role that may read its records."""

    __tablename__ = "victim_lists"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(255), unique=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    filename: Mapped[str | None] = mapped_column(String(1024))
    columns: Mapped[dict] = mapped_column(JSON, default=dict)
    publisher: Mapped[str | None] = mapped_column(String(255))
    published: Mapped[date | None] = mapped_column(Date)
    licence: Mapped[str | None] = mapped_column(String(255))
    visibility: Mapped[str] = mapped_column(String(16), default="viewer")
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    imported_by: Mapped[str | None] = mapped_column(String(255))


class VictimPersonRow(Base):
    """One unique person: the cluster of list records (and report mentions) that name them.
    Merging supersedes one person by another; nothing is deleted."""

    __tablename__ = "victim_persons"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    status: Mapped[str] = mapped_column(String(16), default="live", index=True)
    superseded_by: Mapped[int | None] = mapped_column(ForeignKey("victim_persons.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class VictimRecordRow(Base):
    """One data row of a list: the cells verbatim (``raw``) beside their normalised form."""

    __tablename__ = "victim_records"
    __table_args__ = (UniqueConstraint("list_id", "row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    list_id: Mapped[int] = mapped_column(ForeignKey("victim_lists.id"), index=True)
    row: Mapped[int] = mapped_column(Integer)
    line: Mapped[int] = mapped_column(Integer)
    raw: Mapped[dict] = mapped_column(JSON)
    name: Mapped[str | None] = mapped_column(Text)
    en_name: Mapped[str | None] = mapped_column(Text)
    age: Mapped[int | None] = mapped_column(Integer)
    sex: Mapped[str | None] = mapped_column(String(1))
    dob: Mapped[date | None] = mapped_column(Date)
    date_of_death: Mapped[date | None] = mapped_column(Date, index=True)
    place: Mapped[str | None] = mapped_column(String(255))
    problems: Mapped[list] = mapped_column(JSON, default=list)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("victim_persons.id"), index=True)

    victim_list: Mapped[VictimListRow] = relationship()


class VictimLinkRunRow(Base):
    """One linkage run over the stored lists: the engine and splink's settings JSON (the
    trained model) that scored its pairs."""

    __tablename__ = "victim_link_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    engine: Mapped[str] = mapped_column(String(16))
    settings: Mapped[dict] = mapped_column(JSON)
    records: Mapped[int] = mapped_column(Integer, default=0)
    pairs: Mapped[int] = mapped_column(Integer, default=0)


class VictimPairRow(Base):
    """Two records the model scored as maybe one person. ``status``: 'link' (sure), 'review'
    (between the review thresholds, for an analyst; linked meanwhile when at or above the
    link threshold), 'accepted' or
    'rejected' (an analyst's label, kept across runs), 'superseded' (a later run's pair
    replaces it)."""

    __tablename__ = "victim_pairs"
    __table_args__ = (Index("ix_victim_pairs_records", "record_a_id", "record_b_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("victim_link_runs.id"), index=True)
    record_a_id: Mapped[int] = mapped_column(ForeignKey("victim_records.id"))
    record_b_id: Mapped[int] = mapped_column(ForeignKey("victim_records.id"))
    probability: Mapped[float | None] = mapped_column(Float)
    match_weight: Mapped[float | None] = mapped_column(Float)
    levels: Mapped[dict] = mapped_column(JSON, default=dict)  # comparison -> match weight
    status: Mapped[str] = mapped_column(String(16), index=True)
    reviewed_by: Mapped[str | None] = mapped_column(String(128))
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    record_a: Mapped[VictimRecordRow] = relationship(foreign_keys=[record_a_id])
    record_b: Mapped[VictimRecordRow] = relationship(foreign_keys=[record_b_id])


class VictimMentionRow(Base):
    """A victim named in a report (a ``persons`` row with role 'victim') linked to a list
    record that names the same person."""

    __tablename__ = "victim_mentions"
    __table_args__ = (UniqueConstraint("mention_id", "record_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    mention_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("victim_records.id"), index=True)
    probability: Mapped[float] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class LinkSettingsRow(Base):
    """A version of the linking settings, stored once; every link names the one it used."""

    __tablename__ = "link_settings"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    settings: Mapped[dict] = mapped_column(JSON)
    first_used: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class IncidentLinkRow(Base):
    """Why an event report went into its incident: the linker's explanation (the latest row
    of an event is the current one)."""

    __tablename__ = "incident_links"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), index=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"), index=True)
    settings_sha256: Mapped[str] = mapped_column(ForeignKey("link_settings.sha256"))
    probability: Mapped[float] = mapped_column(Float, default=0.0)
    explanation: Mapped[dict] = mapped_column(JSON, default=dict)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class LinkLabelRow(Base):
    """An analyst's decision that two event reports (by document and ordinal, which survive
    edits) tell the same incident or different ones: a constraint and a training label."""

    __tablename__ = "link_labels"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    a_document: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    a_ordinal: Mapped[int] = mapped_column(Integer)
    b_document: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    b_ordinal: Mapped[int] = mapped_column(Integer)
    same: Mapped[bool] = mapped_column(Boolean)
    by: Mapped[str] = mapped_column(String(128))
    action: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class EpisodeRow(Base):
    """A wave of incidents over days and places (a campaign), proposed from reports'
    aggregate tolls or created by an analyst; its dates and areas are its incidents'."""

    __tablename__ = "episodes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="proposed")
    origin: Mapped[str] = mapped_column(String(16), default="proposed")
    created_by: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class EpisodeIncidentRow(Base):
    """An incident of an episode (who put it there, and when)."""

    __tablename__ = "episode_incidents"

    episode_id: Mapped[int] = mapped_column(ForeignKey("episodes.id"), primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"), primary_key=True,
                                             index=True)
    added_by: Mapped[str] = mapped_column(String(128))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class AggregateRow(Base):
    """A report's toll over a region or a period (contract AGGREGATE), never an event: the
    toll an episode carries, with its sources."""

    __tablename__ = "aggregates"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    ordinal: Mapped[int] = mapped_column(Integer)
    area: Mapped[list] = mapped_column(JSON, default=list)
    date_start: Mapped[date | None] = mapped_column(Date, nullable=True)
    date_end: Mapped[date | None] = mapped_column(Date, nullable=True)
    date_precision: Mapped[str | None] = mapped_column(String(8), nullable=True)
    fatalities_low: Mapped[int | None] = mapped_column(Integer, nullable=True)
    fatalities_best: Mapped[int | None] = mapped_column(Integer, nullable=True)
    fatalities_high: Mapped[int | None] = mapped_column(Integer, nullable=True)
    victims: Mapped[dict] = mapped_column(JSON, default=dict)
    reported_by: Mapped[list] = mapped_column(JSON, default=list)
    evidence: Mapped[list] = mapped_column(JSON, default=list)
    events: Mapped[list] = mapped_column(JSON, default=list)
    episode_id: Mapped[int | None] = mapped_column(ForeignKey("episodes.id"), nullable=True,
                                                   index=True)
class EstimateRow(Base):
    """A multiple systems estimate as it was computed (``tawthiq estimate --from-store``):
    the headline figures as columns, the whole result (strata, model, assumptions, warnings,
    posterior histogram) as the ``tawthiq estimate --format json`` object. Never updated: a
    new run adds a row."""

    __tablename__ = "estimates"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    by: Mapped[str] = mapped_column(String(128))  # who ran it, or "system:cli"
    method: Mapped[str] = mapped_column(String(16))
    strata_by: Mapped[str | None] = mapped_column(String(32))  # governorate, year, sex
    documented: Mapped[int] = mapped_column(Integer)
    estimate: Mapped[float | None] = mapped_column(Float)
    low: Mapped[float | None] = mapped_column(Float)
    high: Mapped[float | None] = mapped_column(Float)
    result: Mapped[dict] = mapped_column(JSON)
