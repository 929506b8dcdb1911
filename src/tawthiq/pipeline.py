"""The composition point: every stage a report passes through, in order.

    read      ingest/    a file's bytes -> ReadItem (Document, original bytes, SHA-256)
    extract   extract/   Document -> ExtractResult, by the extractor of its language
    resolve   resolve/   ExtractResult -> ExtractResult (places -> gazetteer, actors -> registry)
    store     store/     the document and everything extracted from it, in one transaction
    link      link/      the report's events -> incidents, in that same transaction

``extract_paths`` (``tawthiq extract``) runs read, extract and resolve and writes nothing;
``ingest_paths`` (``tawthiq ingest``) runs all five. Each report (a .txt/.html file, or one
line/row of a .jsonl/.csv file) is stored in its own transaction: its document row, events,
evidence, persons, claims, incident links and audit entry are committed together or not at
all. A process killed mid-batch leaves every stored report whole, and a re-run stores the
rest. Identity is the SHA-256 of the original bytes (the file, or the JSONL line / the CSV
header and row): the same bytes again add nothing.

A bad file or line is reported (one line, naming file, line and field) and skipped; the batch
goes on, and the outcomes say ``error`` so that the CLI exits 2 at the end.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from itertools import islice
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy.exc import DataError, IntegrityError

from tawthiq.errors import BadInput, TawthiqError
from tawthiq.extract import languages  # noqa: F401  (registers the built-in extractors)
from tawthiq.ingest.documents import sha256_hex
from tawthiq.ingest.readers import ReadItem, iter_documents, parse_csv_map
from tawthiq.model import Document, ExtractResult, IngestOutcome
from tawthiq.plugins import chosen, extractors
from tawthiq.progress import ingest_progress
from tawthiq.resolve import Resolvers, load_resolvers, resolve_result
from tawthiq.sections import extract_in_sections
from tawthiq.settings import get_settings
from tawthiq.store import repository as repo
from tawthiq.store import session_scope
from tawthiq.store.redacted import refresh_viewer_search

Echo = Callable[[str], None]
SYSTEM_ACTOR = "system:ingest"
BATCH_SIZE = 16          # documents handed to the extractor at once (spaCy's nlp.pipe)
EXTRACT_BATCH_SIZE = 32  # the same for ``tawthiq extract``, which stores nothing


class Extractor(Protocol):
    """What a language's extractor offers (``extract_many`` is optional: batches)."""

    def extract(self, doc: Document) -> ExtractResult: ...


# --- tawthiq extract: read -> extract -> resolve ----------------------------------------------

def extract_paths(paths: Iterable[Path], *, published: date | None = None,
                  source: str | None = None, language: str = "en",
                  batch_size: int = EXTRACT_BATCH_SIZE) -> Iterator[dict]:
    """Contract ``tawthiq extract``: one dict per input document, in input order; a document
    that cannot be read yields ``{"id", "error"}`` and the run goes on."""
    items = iter_documents(paths, published=published, source=source, language=language)
    extraction = Extraction()
    while batch := list(islice(items, batch_size)):
        documents = [i.document for i in batch if i.document is not None]
        results = iter(extraction.extract_many(documents) if documents else [])
        for item in batch:
            if item.document is None:
                yield {"id": _error_id(item), "error": _error_text(item)}
            else:
                yield next(results).to_json()


def _error_id(item: ReadItem) -> str | None:
    return item.id if getattr(item, "id", None) is not None else item.origin


def _error_text(item: ReadItem) -> str:
    error = item.error
    return error.one_line() if error is not None else "unreadable document"


# --- tawthiq ingest: read -> extract -> resolve -> store + link ------------------------------


def ingest_paths(paths: Iterable[Path | str], *, published: date | None = None,
                 source: str | None = None, csv_map: str | None = None,
                 echo: Echo | None = None, echo_error: Echo | None = None,
                 extractor: Extractor | None = None,
                 actor: str = SYSTEM_ACTOR) -> list[IngestOutcome]:
    """Store every report in ``paths``; one outcome per report, in input order.

    ``echo`` gets one summary line per file, ``echo_error`` one line per bad file or line
    (default: ``echo``). The extractor (default: settings ``extractor``, else the spaCy
    pipeline) is loaded only when some report is new.
    """
    paths = [Path(p) for p in paths]
    parse_csv_map(csv_map)  # a bad map is a usage error, before any file is read
    say = echo or (lambda _line: None)
    warn = echo_error or say
    extraction = Extraction(extractor)
    outcomes: list[IngestOutcome] = []
    with ingest_progress(len(paths)) as progress:
        for path in paths:
            # A file is read whole anyway (size-capped); listing its reports gives the
            # progress bar their number.
            items = list(iter_documents([path], published=published, source=source,
                                        csv_map=csv_map))
            progress.start_file(len(items))
            file_outcomes: list[IngestOutcome] = []
            for outcome in _ingest_items(items, extraction, actor):
                file_outcomes.append(outcome)
                if outcome.status == "error":
                    warn(f"Error: {outcome.message}")
                progress.advance_document()
            outcomes.extend(file_outcomes)
            line = summary_line(path, file_outcomes)
            if line:
                say(line)
            progress.advance_file()
    if any(o.status == "stored" for o in outcomes):
        with session_scope() as session:  # viewers' search: the new reports, names redacted
            refresh_viewer_search(session)
    return outcomes


def _ingest_items(items: Iterable[ReadItem], extraction: Extraction,
                  actor: str) -> Iterator[IngestOutcome]:
    """Outcomes in item order, extracting new documents in batches."""
    seen: dict[str, int | None] = {}
    for batch in _batched(items, BATCH_SIZE):
        yield from _ingest_batch(batch, extraction, actor, seen)


def _ingest_batch(batch: list[ReadItem], extraction: Extraction, actor: str,
                  seen: dict[str, int | None]) -> Iterator[IngestOutcome]:
    """Outcomes of one batch, each yielded as soon as it and those before it are known."""
    shas = [sha256_hex(item.raw) if item.document is not None else None for item in batch]
    with session_scope() as session:
        stored = repo.find_document_ids(session, [s for s in shas if s])
    outcomes: list[IngestOutcome | None] = [None] * len(batch)
    first_of: dict[str, int] = {}      # sha -> index of its first new occurrence in the batch
    copies: dict[int, list[int]] = {}  # that index -> later indexes with the same bytes
    for index, (item, sha) in enumerate(zip(batch, shas, strict=True)):
        if item.document is None:
            outcomes[index] = _error(item.origin, item.error)
        elif sha in stored or seen.get(sha):
            outcomes[index] = _duplicate(item.origin, sha, stored.get(sha) or seen[sha])
        elif sha in first_of:
            copies.setdefault(first_of[sha], []).append(index)
        else:
            first_of[sha] = index
    new = list(first_of.values())
    ready = 0
    results = extraction.extract_each([batch[i].document for i in new]) if new else iter(())
    for index, result in zip(new, results, strict=True):
        item = batch[index]
        outcome = (_error(item.origin, result) if isinstance(result, Exception)
                   else _store(item, shas[index], result, extraction.name, actor))
        outcomes[index] = outcome
        seen[shas[index]] = outcome.document_id
        for copy in copies.get(index, []):
            outcomes[copy] = (_duplicate(batch[copy].origin, shas[copy], outcome.document_id)
                              if outcome.document_id is not None
                              else outcome.model_copy(update={"path": batch[copy].origin}))
        while ready < len(batch) and outcomes[ready] is not None:
            yield outcomes[ready]
            ready += 1
    yield from outcomes[ready:]


def _store(item: ReadItem, sha: str, result: ExtractResult, extractor_name: str | None,
           actor: str, *, attempts: int = 2) -> IngestOutcome:
    """One transaction: the document and everything extracted from it, or nothing. A unique
    key conflict means another writer got there first: the same bytes (a duplicate), or the
    same new place or actor (then one retry finds theirs)."""
    for attempt in range(1, attempts + 1):
        try:
            return _store_once(item, sha, result, extractor_name, actor)
        except DataError as exc:
            return _error(item.origin, _refused(item, exc))
        except IntegrityError:
            with session_scope() as session:
                existing = repo.find_document_ids(session, [sha]).get(sha)
            if existing is not None:
                return _duplicate(item.origin, sha, existing)
            if attempt == attempts:
                raise
    raise AssertionError("unreachable")


def _store_once(item: ReadItem, sha: str, result: ExtractResult, extractor_name: str | None,
                actor: str) -> IngestOutcome:
    with session_scope() as session:
        row = repo.add_document(session, item.document, sha=sha, raw=item.raw,
                                filename=_filename(item), media_type=item.media_type,
                                ingested_by=actor)
        events = repo.save_extract_result(session, row, result, extractor=extractor_name)
        if events:
            link_stored_events(session, [e.id for e in events])
        if result.aggregates:
            store_aggregates(session, row.id, result.aggregates)
        repo.add_audit(session, actor=actor, action="ingest", entity="document",
                       entity_id=row.id, after={"sha256": sha, "filename": row.filename,
                                                "external_id": row.external_id,
                                                "events": len(events)})
        document_id, n_events = row.id, len(events)
    return IngestOutcome(path=item.origin, status="stored", document_id=document_id,
                         sha256=sha, events=n_events, at=_now())


def _refused(item: ReadItem, exc: DataError) -> BadInput:
    """PostgreSQL refuses values that SQLite stores (a NUL character in text, a number beyond
    its 32-bit integers): that report is not stored, the batch goes on. The driver's first
    line says why; the SQL and its parameters (report text, names) are left out."""
    reason = str(exc.orig).splitlines()[0] if exc.orig is not None else type(exc).__name__
    path = item.origin.rsplit(":", 1)[0] if item.line else item.origin
    return BadInput(f"the database refused this report: {reason}", path=path, line=item.line)


def _filename(item: ReadItem) -> str:
    return Path(item.origin.rsplit(":", 1)[0] if item.line else item.origin).name


def _error(origin: str, exc: BaseException | None) -> IngestOutcome:
    if isinstance(exc, TawthiqError):
        message = exc.one_line()
    else:
        message = f"{origin}: extraction failed ({type(exc).__name__}: {exc})"
    return IngestOutcome(path=origin, status="error", message=" ".join(message.split()),
                         at=_now())


def _duplicate(origin: str, sha: str, document_id: int | None) -> IngestOutcome:
    return IngestOutcome(path=origin, status="duplicate", sha256=sha, document_id=document_id,
                         at=_now())


def _now() -> datetime:
    return datetime.now(UTC)


def summary_line(path: Path, outcomes: list[IngestOutcome]) -> str | None:
    """One line per file: what was stored, what was already there, how many failed. A file
    that failed as a whole has no summary: its error line says it all."""
    if not outcomes or (len(outcomes) == 1 and outcomes[0].path == str(path)
                        and outcomes[0].status == "error"):
        return None
    if len(outcomes) == 1 and outcomes[0].status != "error":
        one = outcomes[0]
        if one.status == "stored":
            return (f"stored    {path}  (document {one.document_id}, "
                    f"{_plural(one.events, 'event')})")
        return f"duplicate {path}  (already document {one.document_id})"
    counts = {status: sum(1 for o in outcomes if o.status == status)
              for status in ("stored", "duplicate", "error")}
    # The line leads with the best news (something stored, else already there); the counts
    # and the error lines on stderr say the rest.
    head = next(status for status in ("stored", "duplicate", "error") if counts[status])
    events = sum(o.events for o in outcomes)
    return (f"{head:<9} {path}  ({counts['stored']} stored with {_plural(events, 'event')}, "
            f"{counts['duplicate']} duplicate, {_plural(counts['error'], 'error')})")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _batched(items: Iterable[ReadItem], size: int) -> Iterator[list[ReadItem]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


# --- the extractors ------------------------------------------------------------------------

@dataclass
class Extraction:
    """Extract, then resolve, each document with the extractor of its language.

    Extractors and resolvers load on first use (spaCy and the gazetteer take seconds). The
    extractor of a language is the registered part the settings name for it
    (``TAWTHIQ_EXTRACTORS``, e.g. ``{"en": "spacy-en"}``); a report in a language with no
    extractor gives no events (it is stored, and withheld from readers not cleared). The
    setting ``TAWTHIQ_EXTRACTOR`` ("module:callable") replaces them all with one (a remote
    model, a test double), as does an extractor passed in.
    """

    given: Any = None
    _by_language: dict[str, Any] = field(default_factory=dict, init=False)
    _resolvers: Resolvers | None = field(default=None, init=False)
    _override: Any = field(default=None, init=False)
    _used: list[Any] = field(default_factory=list, init=False)

    @property
    def resolvers(self) -> Resolvers:
        if self._resolvers is None:
            self._resolvers = load_resolvers()
        return self._resolvers

    def extractor_for(self, language: str | None) -> Any | None:
        """The extractor of a document's language, or None when no pipeline reads it."""
        override = self._overriding()
        if override is not None:
            return override
        language = language or "en"
        if language not in self._by_language:
            name = get_settings().extractors.get(language)
            self._by_language[language] = (
                chosen(extractors, name, f"TAWTHIQ_EXTRACTORS[{language}]")(self.resolvers)
                if name else None)
        return self._by_language[language]

    def _overriding(self) -> Any | None:
        if self._override is None:
            self._override = self.given or load_override() or False
        return self._override or None

    @property
    def name(self) -> str | None:
        """The extractor(s) used so far, for the stored rows' provenance."""
        if not self._used:
            return None
        names = []
        for extractor in self._used:
            kind = type(extractor)
            names.append(getattr(extractor, "name", None)
                         or f"{kind.__module__}.{kind.__qualname__}")
        return "+".join(dict.fromkeys(str(n) for n in names))[:64]

    def extract_many(self, documents: list[Document]) -> Iterator[ExtractResult]:
        """Results in input order; an extractor's fault propagates (``tawthiq extract``)."""
        for result in self.extract_each(documents, isolate=False):
            assert not isinstance(result, Exception)
            yield result

    def extract_each(self, documents: list[Document], *,
                     isolate: bool = True) -> Iterator[ExtractResult | Exception]:
        """A result, or with ``isolate`` the exception, per document, in input order, as each
        is ready (so that storing keeps pace with extraction). A run of documents of one
        language goes through ``extract_many`` when its extractor has it; if that fails, the
        rest go one by one, so that one bad report costs only itself."""
        for language, run in _runs_by_language(documents):
            extractor = self.extractor_for(language)
            if extractor is None:
                yield from (ExtractResult(document=doc) for doc in run)
                continue
            if extractor not in self._used:
                self._used.append(extractor)
            for result in self._extract_run(extractor, run, isolate):
                yield (result if isinstance(result, Exception)
                       else resolve_result(result, self._resolvers_of(extractor)))

    def _resolvers_of(self, extractor: Any) -> Resolvers:
        """The resolve stage uses the extractor's own resolvers (a test double has none)."""
        own = getattr(extractor, "resolvers", None)
        return own if isinstance(own, Resolvers) else Resolvers()

    @staticmethod
    def _extract_run(extractor: Any, run: list[Document],
                     isolate: bool) -> Iterator[ExtractResult | Exception]:
        """Reports up to ``section_chars`` long in batches; a longer one in sections
        (``tawthiq.sections``), so that no extractor reads more than that at once."""
        size = get_settings().section_chars
        batch: list[Document] = []
        for doc in [*run, None]:
            if doc is not None and len(doc.text) <= size:
                batch.append(doc)
                continue
            yield from Extraction._extract_batch(extractor, batch, isolate)
            batch = []
            if doc is not None:
                yield from _isolated(
                    lambda doc=doc: extract_in_sections(extractor.extract, doc, size), isolate)

    @staticmethod
    def _extract_batch(extractor: Any, run: list[Document],
                       isolate: bool) -> Iterator[ExtractResult | Exception]:
        done = 0
        if hasattr(extractor, "extract_many") and len(run) > 1:
            try:
                for result in extractor.extract_many(run, batch_size=len(run)):
                    yield result
                    done += 1
            except Exception:  # noqa: BLE001 - the rest are retried one by one below
                if not isolate:
                    raise
        for doc in run[done:]:
            yield from _isolated(lambda doc=doc: extractor.extract(doc), isolate)


def _isolated(extract: Callable[[], ExtractResult],
              isolate: bool) -> Iterator[ExtractResult | Exception]:
    """The result, or with ``isolate`` the exception, of one report's extraction."""
    if not isolate:
        yield extract()
        return
    try:
        yield extract()
    except Exception as exc:  # noqa: BLE001 - reported as this report's error
        yield exc


def _runs_by_language(documents: list[Document]) -> Iterator[tuple[str, list[Document]]]:
    """Consecutive documents of one language, in order (most batches are one run)."""
    run: list[Document] = []
    for doc in documents:
        if run and (doc.language or "en") != (run[0].language or "en"):
            yield run[0].language or "en", run
            run = []
        run.append(doc)
    if run:
        yield run[0].language or "en", run


def load_override() -> Any | None:
    """Settings ``extractor`` ("module:callable", called with no arguments): one extractor for
    every report, in place of the registered ones."""
    spec = get_settings().extractor
    if not spec:
        return None
    module_name, sep, attr = spec.partition(":")
    if not sep or not module_name or not attr:
        raise BadInput(f"expected module:callable, got {spec!r}", field="TAWTHIQ_EXTRACTOR")
    try:
        factory = getattr(importlib.import_module(module_name), attr)
    except (ImportError, AttributeError) as exc:
        raise BadInput(f"cannot load {spec!r}: {exc}", field="TAWTHIQ_EXTRACTOR") from None
    return factory()


# --- linking (issue #12): read the store -> link (pure, over model types) -> store ---------

def link_stored_events(session, event_ids: Iterable[int]) -> set[int]:
    """Link newly stored event reports into incidents (the store's candidates found by
    blocking, analysts' labels as constraints); returns the incidents that changed."""
    from tawthiq.link.cluster import link_reports
    from tawthiq.link.settings import default_settings
    from tawthiq.store import incidents as stored
    from tawthiq.store import read

    settings = default_settings()
    new = [r for r in read.live_event_reports(session, event_ids=list(event_ids))
           if r.incident_id is None]
    if not new:
        return set()
    candidates = link_candidates(session, new, settings.date_window_days)
    result = link_reports(new, candidates, settings=settings, labels=read.link_labels(session))
    ids = {tuple(r.key): r.id for r in [*new, *candidates]}
    changed = stored.apply_links(session, event_ids=ids, assignments=result.assignments,
                                 merges=result.merges, explanations=result.explanations,
                                 settings=settings.to_json())
    refresh_incidents(session, changed)
    return changed


def link_candidates(session, reports: list, window_days: int) -> list:
    """The stored reports the linker's blocking could pair with ``reports``, with the
    linker's own governorate keys (every spelling of one governorate is one area)."""
    from tawthiq.link.features import governorate_key, province_named
    from tawthiq.store import read

    return read.candidate_reports(session, reports, window_days,
                                  governorate_of=governorate_key, province_named=province_named)


def refresh_incidents(session, incident_ids: Iterable[int]) -> None:
    """Recompute each incident's consolidated view from its live reports."""
    from tawthiq.link.consolidate import consolidate
    from tawthiq.model import LinkExplanation
    from tawthiq.store import incidents as stored
    from tawthiq.store import read

    session.flush()
    for incident_id in sorted(set(incident_ids)):
        reports = read.live_event_reports(session, incident_ids=[incident_id])
        if not reports:
            continue
        explanations = stored.latest_explanations(session, [r.id for r in reports])
        links = [LinkExplanation.model_validate(explanations[r.id]) for r in reports
                 if r.id in explanations]
        stored.save_incident(session, consolidate(incident_id, reports, links))


def relink(*, echo: Echo | None = None) -> dict:
    """Link every live event report again from scratch (analysts' merges and splits kept as
    constraints); clusters keep the ids of the incidents most of their reports were in."""
    from tawthiq.link.cluster import link_reports
    from tawthiq.link.settings import default_settings
    from tawthiq.store import incidents as stored
    from tawthiq.store import read, session_scope

    settings = default_settings()
    with session_scope() as session:
        reports = read.live_event_reports(session)
        result = link_reports(reports, settings=settings, labels=read.link_labels(session))
        assignments = stored.keep_incident_ids(
            {tuple(r.key): r.incident_id for r in reports}, result.assignments)
        ids = {tuple(r.key): r.id for r in reports}
        changed = stored.apply_links(session, event_ids=ids, assignments=assignments,
                                     merges=[], explanations=result.explanations,
                                     settings=settings.to_json())
        emptied = stored.retire_empty_incidents(session)
        refresh_incidents(session, changed)
        summary = {"reports": len(reports), "incidents": len(set(assignments.values())),
                   "changed": len(changed), "retired": len(emptied)}
    if echo:
        echo(f"relinked {summary['reports']} event reports into {summary['incidents']} "
             f"incidents ({summary['changed']} changed, {summary['retired']} retired)")
    return summary


def similar_unlinked(session, incident_id: int):
    """The incidents blocking pairs with this one's reports that linking kept apart, each
    with its best comparison (``link.similar``), for the incident page."""
    from tawthiq.link.settings import default_settings
    from tawthiq.link.similar import similar_incidents
    from tawthiq.store import read

    settings = default_settings()
    reports = read.live_event_reports(session, incident_ids=[incident_id])
    if not reports:
        return []
    others = [r for r in link_candidates(session, reports, settings.date_window_days)
              if r.incident_id != incident_id]
    return similar_incidents(reports, others, settings=settings,
                             labels=read.link_labels(session))


# --- episodes (issue #12): a report's aggregate tolls -> proposed episodes -----------------

SYSTEM_LINK = "system:link"


def store_aggregates(session, document_id: int, aggregates) -> set[int]:
    """Store a report's aggregate tolls and attach each to the episode it proposes
    (``link.episodes.propose``); returns the episodes that changed."""
    from tawthiq.store import episodes as stored

    return propose_episodes(session, stored.save_aggregates(session, document_id, aggregates))


def propose_episodes(session, rows) -> set[int]:
    from tawthiq.link import episodes as plan
    from tawthiq.store import episodes as stored

    changed: set[int] = set()
    for row in rows:
        aggregate = stored.aggregate_of(row)
        by_ordinal = stored.document_incidents(session, row.document_id)
        own = [by_ordinal[n] for n in aggregate.events if n in by_ordinal]
        co_reported = [plan.brief(b) for b in stored.incident_briefs(
            session, set(by_ordinal.values()) - set(own))]
        in_area = ([plan.brief(b) for b in stored.incidents_between(
            session, aggregate.date.start, aggregate.date.end)]
            if plan.frames_a_wave(aggregate) else [])
        proposal = plan.propose(aggregate, own, co_reported, in_area,
                                plan.episode_briefs(stored.episode_members(session)))
        if proposal is None:
            continue
        episode_id = (proposal.episode if proposal.episode is not None else
                      stored.new_episode(session, proposal.title, "proposed", SYSTEM_LINK).id)
        row.episode_id = episode_id
        stored.add_incidents(session, episode_id, proposal.incidents, SYSTEM_LINK)
        changed.add(episode_id)
    return changed


def read_episode(session, episode_id: int):
    """An episode with its incidents, every source's aggregate toll and the incidents' sum."""
    from tawthiq.link import episodes as plan
    from tawthiq.store import episodes as stored

    row, incidents, aggregates = stored.episode_parts(session, episode_id)
    tolls = [plan.toll_of(a.id, a.document_id, outlet, stored.aggregate_of(a))
             for a, outlet in aggregates]
    return plan.episode_of(row.id, row.title, row.origin, row.status, incidents, tolls)
