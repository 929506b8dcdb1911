"""Reports as readers not cleared for witness names may read them, and the search index over
exactly that text.

Which spans of a report such a reader loses: the witness spans the extractor recorded, the
testimony of witnesses, and every occurrence of a part of any witness's name in the store
(``tawthiq.redaction``); a report in a language no witness could be looked for in is withheld
whole. Viewers' searches run over a second full-text index of these redacted copies
(migration ``0012_hard_viewer_search``), so that no prefix, phrase or spelling of a name finds
the reports that name a witness. ``refresh_viewer_search`` brings it up to date: new reports,
and the earlier reports that hold a name part added to (or gone from) the witness list.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from sqlalchemy import func, or_, select, text
from sqlalchemy.orm import Session

from tawthiq.redaction import Redactor, redact_text
from tawthiq.store.db import session_scope
from tawthiq.store.tables import (
    ClaimRow,
    DocumentRow,
    PersonRow,
    PlaceRow,
    ViewerSearchStateRow,
)
from tawthiq.store.version import store_version

PG_SEARCH_CONFIG = "tawthiq_search"  # migration 0002: simple + unaccent
INDEX_BATCH = 200


@dataclass
class DocumentRedaction:
    """The spans to remove from one document for the person asking."""

    spans: list[tuple[int, int]]
    witness_speakers: set[str]
    withheld: bool = False


def witness_names(session: Session) -> list[str]:
    return sorted(set(session.scalars(select(PersonRow.name)
                                      .where(PersonRow.role == "witness"))))


def viewer_redactor(session: Session) -> Redactor:
    """The redactor for readers not cleared: every witness name of the store, its parts
    looked for in every text - but not the store's place names on their own."""
    places = session.execute(select(PlaceRow.name, PlaceRow.admin1, PlaceRow.admin2)).all()
    not_names = frozenset(name for row in places for name in row if name)
    return Redactor(witness_names(session), uncleared=True, not_names=not_names)


def document_redaction(session: Session, document: DocumentRow,
                       redactor: Redactor) -> DocumentRedaction:
    """Recorded witness spans, testimony by witnesses, and every occurrence of a name part;
    the whole text when the report is in a language no witness could be found in."""
    persons = session.scalars(select(PersonRow).where(PersonRow.document_id == document.id,
                                                      PersonRow.role == "witness")).all()
    claims = session.scalars(select(ClaimRow).where(ClaimRow.document_id == document.id)).all()
    return redaction_of(document, persons, claims, redactor)


def redaction_of(document: DocumentRow, witnesses: list[PersonRow], claims: list[ClaimRow],
                 redactor: Redactor) -> DocumentRedaction:
    """``document_redaction`` from the report's witness rows and claims, read beforehand."""
    if redactor.withholds(document.language):
        return DocumentRedaction([(0, len(document.text or ""))],
                                 {c.speaker for c in claims}, withheld=True)
    if not redactor.pattern:
        return DocumentRedaction([], set())
    spans = [(p.start, p.end) for p in witnesses if p.start is not None and p.end is not None]
    speakers = {c.speaker for c in claims if redactor.is_witness(c.speaker)}
    spans += [(c.start, c.end) for c in claims if c.speaker in speakers]
    return DocumentRedaction(redactor.spans(document.text, spans), speakers)


def viewer_copies(session: Session, documents: list[DocumentRow],
                  redactor: Redactor) -> dict[int, tuple[str, str] | None]:
    """Each report's (title, text) as a reader not cleared sees them; None for a report
    withheld whole. Two queries for the lot, not two per report."""
    ids = [d.id for d in documents]
    witnesses: dict[int, list[PersonRow]] = {}
    for person in session.scalars(select(PersonRow).where(PersonRow.document_id.in_(ids),
                                                          PersonRow.role == "witness")):
        witnesses.setdefault(person.document_id, []).append(person)
    claims: dict[int, list[ClaimRow]] = {}
    for claim in session.scalars(select(ClaimRow).where(ClaimRow.document_id.in_(ids))):
        claims.setdefault(claim.document_id, []).append(claim)
    copies: dict[int, tuple[str, str] | None] = {}
    for document in documents:
        redaction = redaction_of(document, witnesses.get(document.id, []),
                                 claims.get(document.id, []), redactor)
        copies[document.id] = None if redaction.withheld else (
            redactor.text(document.title) or "", redact_text(document.text or "",
                                                             redaction.spans))
    return copies


# --- the viewers' search index ---------------------------------------------------------------

_refreshed: dict[str, int] = {}  # database URL -> store version this process last brought it to
_refreshing = threading.Lock()
_background: dict[str, threading.Thread] = {}


class SearchIndexing(Exception):
    """Too many reports wait to be indexed for a search to wait for them; a background thread
    is indexing them."""

    def __init__(self, waiting: int) -> None:
        super().__init__(f"{waiting} reports")
        self.waiting = waiting


@dataclass
class _Plan:
    parts: list[str]
    ids: list[int]
    redactor: Redactor


def _plan(session: Session) -> _Plan:
    """What the index lacks: new reports, and those naming a part added to or gone from the
    witness list since it was last brought up to date."""
    redactor = viewer_redactor(session)
    state = session.get(ViewerSearchStateRow, 1)
    parts = sorted(redactor.parts)
    changed = set(parts) ^ set(state.witness_parts or [])
    ids = set(_documents_naming(session, changed)) if changed else set()
    ids.update(session.scalars(select(DocumentRow.id)
                               .where(DocumentRow.id > state.last_document_id)))
    return _Plan(parts, sorted(ids), redactor)


def refresh_viewer_search(session: Session, *, most: int | None = None) -> None:
    """Bring the viewers' index up to date in ``session``'s transaction (one query when the
    store has not changed since this process last did). With ``most``: when more reports than
    that wait, index them in a background thread instead and raise ``SearchIndexing``."""
    url, version = str(session.get_bind().url), store_version(session)
    if _refreshed.get(url) == version:
        return
    with _refreshing:  # one thread of this process at a time does the work
        plan = _plan(session)
        if most is not None and len(plan.ids) > most:
            _index_in_background(url)
            raise SearchIndexing(len(plan.ids))
        _index_plan(session, plan)
        session.flush()
        _refreshed[url] = version


def _index_plan(session: Session, plan: _Plan) -> None:
    for start in range(0, len(plan.ids), INDEX_BATCH):
        _index_batch(session, plan, plan.ids[start:start + INDEX_BATCH])
    _mark_done(session, plan)


def _index_batch(session: Session, plan: _Plan, ids: list[int]) -> None:
    documents = session.scalars(select(DocumentRow).where(DocumentRow.id.in_(ids))).all()
    _index(session, viewer_copies(session, documents, plan.redactor))


def _mark_done(session: Session, plan: _Plan) -> None:
    state = session.get(ViewerSearchStateRow, 1)
    state.witness_parts = plan.parts
    state.last_document_id = max([state.last_document_id, *plan.ids])


def _index_in_background(url: str) -> None:
    """Index everything waiting, a transaction per batch (never holding the database's write
    lock for long); the state moves last, so an interrupted run is simply done again."""
    def run() -> None:
        with session_scope(url) as session:
            plan = _plan(session)
        for start in range(0, len(plan.ids), INDEX_BATCH):
            with session_scope(url) as session:
                _index_batch(session, plan, plan.ids[start:start + INDEX_BATCH])
        with session_scope(url) as session:
            _mark_done(session, plan)

    running = _background.get(url)
    if running is None or not running.is_alive():
        _background[url] = threading.Thread(target=run, name="viewer-search-index",
                                             daemon=True)
        _background[url].start()


def _documents_naming(session: Session, parts: set[str]) -> list[int]:
    """Ids of the reports whose text holds any of ``parts`` (a superset will do)."""
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        query = " OR ".join('"' + part.replace('"', '""') + '"' for part in sorted(parts))
        return list(session.scalars(text("SELECT rowid FROM documents_fts WHERE documents_fts "
                                         "MATCH :q").bindparams(q=query)))
    return list(session.scalars(select(DocumentRow.id).where(or_(
        *(func.lower(DocumentRow.text).contains(part.lower(), autoescape=True)
          for part in parts),
        *(func.lower(DocumentRow.title).contains(part.lower(), autoescape=True)
          for part in parts)))))


def _index(session: Session, copies: dict[int, tuple[str, str] | None]) -> None:
    """Put the viewer's copies of reports in the index (a withheld report: nothing), one
    statement per batch."""
    dialect = session.get_bind().dialect.name
    ids = [{"id": document_id} for document_id in copies]
    kept = [{"id": i, "title": c[0], "text": c[1]} for i, c in copies.items() if c is not None]
    connection = session.connection()
    if dialect == "sqlite":
        connection.execute(text("DELETE FROM documents_fts_viewer WHERE rowid = :id"), ids)
        if kept:
            connection.execute(text("INSERT INTO documents_fts_viewer (rowid, title, text) "
                                    "VALUES (:id, :title, :text)"), kept)
    elif dialect == "postgresql":
        connection.execute(text("DELETE FROM documents_viewer_search WHERE document_id = :id"),
                           ids)
        if kept:
            connection.execute(text(
                "INSERT INTO documents_viewer_search (document_id, tsv) VALUES "
                f"(:id, to_tsvector('{PG_SEARCH_CONFIG}', :title || ' ' || :text))"), kept)
