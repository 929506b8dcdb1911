"""``tawthiq ingest``: read reports, extract their events, store both.

Each report (a .txt/.html file, or one line/row of a .jsonl/.csv file) is stored in its own
transaction: its document row, events, evidence, persons, claims, incident links and audit
entry are committed together or not at all. A process killed mid-batch leaves every stored
report whole, and a re-run stores the rest. Identity is the SHA-256 of the original bytes
(the file, or the JSONL line / the CSV header and row): the same bytes again add nothing.

A bad file or line is reported (one line, naming file, line and field) and skipped; the batch
goes on, and the outcomes say ``error`` so that the CLI exits 2 at the end.
"""

from __future__ import annotations

import importlib
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from itertools import islice
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy.exc import DataError, IntegrityError

from tawthiq.errors import BadInput, TawthiqError
from tawthiq.ingest.documents import sha256_hex
from tawthiq.ingest.readers import ReadItem, iter_documents, parse_csv_map
from tawthiq.model import ExtractResult, IngestOutcome
from tawthiq.settings import get_settings
from tawthiq.store import repository as repo
from tawthiq.store import session_scope
from tawthiq.store.tables import DocumentRow

Echo = Callable[[str], None]
SYSTEM_ACTOR = "system:ingest"
BATCH_SIZE = 16          # documents handed to the extractor at once (spaCy's nlp.pipe)
PROGRESS_AFTER_S = 1.0   # a progress bar only for batches that take longer than this


class Extractor(Protocol):
    def extract(self, doc) -> ExtractResult: ...


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
    extractors = _LazyExtractor(extractor)
    outcomes: list[IngestOutcome] = []
    with _progress(len(paths)) as progress:
        for path in paths:
            # A file is read whole anyway (size-capped); listing its reports gives the
            # progress bar their number.
            items = list(iter_documents([path], published=published, source=source,
                                        csv_map=csv_map))
            progress.start_file(len(items))
            file_outcomes: list[IngestOutcome] = []
            for outcome in _ingest_items(items, extractors, actor):
                file_outcomes.append(outcome)
                if outcome.status == "error":
                    warn(f"Error: {outcome.message}")
                progress.advance_document()
            outcomes.extend(file_outcomes)
            line = summary_line(path, file_outcomes)
            if line:
                say(line)
            progress.advance_file()
    return outcomes


def _ingest_items(items: Iterable[ReadItem], extractors: _LazyExtractor,
                  actor: str) -> Iterator[IngestOutcome]:
    """Outcomes in item order, extracting new documents in batches."""
    seen: dict[str, int | None] = {}
    for batch in _batched(items, BATCH_SIZE):
        yield from _ingest_batch(batch, extractors, actor, seen)


def _ingest_batch(batch: list[ReadItem], extractors: _LazyExtractor, actor: str,
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
    results = extractors.extract_each([batch[i] for i in new]) if new else iter(())
    for index, result in zip(new, results, strict=True):
        item = batch[index]
        outcome = (_error(item.origin, result) if isinstance(result, Exception)
                   else _store(item, shas[index], result, extractors.name, actor))
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
        row = _document_row(item, sha, actor)
        session.add(row)
        session.flush()
        events = repo.save_extract_result(session, row, result, extractor=extractor_name)
        _link_incidents(session, events)
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


def _document_row(item: ReadItem, sha: str, actor: str) -> DocumentRow:
    doc = item.document
    filename = Path(item.origin.rsplit(":", 1)[0] if item.line else item.origin).name
    return DocumentRow(sha256=sha, external_id=doc.id, filename=filename,
                       media_type=item.media_type, raw=item.raw, text=doc.text,
                       title=doc.title, source=doc.source, url=doc.url,
                       published=doc.published, language=doc.language, ingested_by=actor)


def _link_incidents(session, events) -> None:
    """Link the report's events into incidents (until the composition point calls it)."""
    if events:
        from tawthiq.api import link_stored_events

        link_stored_events(session, [e.id for e in events])


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


# --- the extractor -------------------------------------------------------------------------

@dataclass
class _LazyExtractor:
    """Loads the extractor on first use (spaCy and the gazetteer take seconds)."""

    given: Any = None
    _loaded: Any = field(default=None, init=False)

    def get(self):
        if self._loaded is None:
            self._loaded = self.given or load_extractor()
        return self._loaded

    @property
    def name(self) -> str | None:
        if self._loaded is None:
            return None
        kind = type(self._loaded)
        name = getattr(self._loaded, "name", None) or f"{kind.__module__}.{kind.__qualname__}"
        return str(name)[:64]

    def extract_each(self, items: list[ReadItem]) -> Iterator[ExtractResult | Exception]:
        """A result or the exception per item, in order, as each is ready (so that storing
        keeps pace with extraction). A batch goes through ``extract_many`` when the
        extractor has it; if that fails, the rest go one by one, so that one bad report
        costs only itself."""
        extractor = self.get()
        docs = [item.document for item in items]
        done = 0
        if hasattr(extractor, "extract_many") and len(docs) > 1:
            try:
                for result in extractor.extract_many(docs, batch_size=len(docs)):
                    yield result
                    done += 1
            except Exception:  # noqa: BLE001 - the rest are retried one by one below
                pass
        for doc in docs[done:]:
            yield self._extract_one(extractor, doc)

    @staticmethod
    def _extract_one(extractor, doc) -> ExtractResult | Exception:
        try:
            return extractor.extract(doc)
        except Exception as exc:  # noqa: BLE001 - reported as this report's error
            return exc


def load_extractor():
    """Settings ``extractor`` ("module:callable", called with no arguments), else the
    spaCy pipeline of ``tawthiq.extract.pipeline``."""
    spec = get_settings().extractor
    if not spec:
        from tawthiq.extract.pipeline import get_extractor

        return get_extractor()
    module_name, sep, attr = spec.partition(":")
    if not sep or not module_name or not attr:
        raise BadInput(f"expected module:callable, got {spec!r}", field="TAWTHIQ_EXTRACTOR")
    try:
        factory = getattr(importlib.import_module(module_name), attr)
    except (ImportError, AttributeError) as exc:
        raise BadInput(f"cannot load {spec!r}: {exc}", field="TAWTHIQ_EXTRACTOR") from None
    return factory()


# --- progress ------------------------------------------------------------------------------

class _Progress:
    """A rich progress bar on stderr, shown only once a batch has run for a second and
    only on a terminal (piped output stays clean). The bar moves by files, and within a
    JSONL/CSV file by its reports."""

    def __init__(self, files: int) -> None:
        self.files = files
        self.done_files = 0
        self.file_reports = 0
        self.done_in_file = 0
        self.documents = 0
        self.started = time.monotonic()
        self.bar = None
        self.task = None

    def start_file(self, reports: int) -> None:
        self.file_reports = reports
        self.done_in_file = 0

    def advance_document(self) -> None:
        self.documents += 1
        self.done_in_file += 1
        self._update()

    def advance_file(self) -> None:
        self.done_files += 1
        self.file_reports = self.done_in_file = 0
        self._update()

    def _update(self) -> None:
        if self.bar is None and time.monotonic() - self.started > PROGRESS_AFTER_S:
            self._start()
        if self.bar is not None:
            within = self.done_in_file / self.file_reports if self.file_reports else 0.0
            self.bar.update(self.task, completed=self.done_files + within,
                            description=f"ingest: {self.documents} reports",
                            file_no=min(self.done_files + 1, self.files))

    def _start(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        console = Console(file=sys.stderr)
        if not console.is_terminal:
            self.started = float("inf")
            return
        self.bar = Progress("[progress.description]{task.description}", BarColumn(),
                            TextColumn("file {task.fields[file_no]}/{task.total:.0f}"),
                            TimeElapsedColumn(), console=console, transient=True)
        self.task = self.bar.add_task("ingest", total=self.files, file_no=1)
        self.bar.start()

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()


@contextmanager
def _progress(files: int) -> Iterator[_Progress]:
    progress = _Progress(files)
    try:
        yield progress
    finally:
        progress.stop()
