"""Uploads from the ingest page: saved under ``home/uploads/``, recorded as a job in the store,
and ingested one file at a time by a worker process (``tawthiq.api.ingest``).

Extraction takes seconds per report and hundreds of megabytes; in a process of its own it
neither holds the web server's interpreter nor its memory, so pages stay quick while it runs,
and a report that exhausts the worker costs only that report. The job and each file's
progress are rows (``ingest_jobs``, ``ingest_job_files``): the page polls them, and they
outlive a restart - the worker then reads again what it was reading (ingest is idempotent by
SHA-256, so nothing is stored twice) and goes on with the files still waiting.

When the server runs as several processes (``web_workers``), only the one holding the lock
file ``home/ingest-worker.lock`` resumes jobs and runs the worker, from start-up on; the others
only record jobs, which that worker finds within ``WORKER_IDLE_WAIT_S`` seconds.
"""

from __future__ import annotations

import fcntl
import multiprocessing
import os
import re
import secrets
import threading
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from tawthiq.errors import BadInput, TawthiqError
from tawthiq.settings import Settings, use_settings
from tawthiq.store.db import session_scope
from tawthiq.store.tables import IngestJobFileRow, IngestJobRow

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
MAX_UPLOAD_FILES = 100
SAFE_NAME = re.compile(r"[^\w.\-]+", re.UNICODE)
UNFINISHED = ("waiting", "running")
WORKER_IDLE_WAIT_S = 2.0  # the worker looks for new files at least this often


@dataclass
class FileProgress:
    name: str
    status: str = "waiting"  # waiting | running | stored | duplicate | error
    message: str | None = None
    documents: int = 0
    events: int = 0
    document_ids: list[int] = field(default_factory=list)


class IngestJobs:
    """The web app's side: record jobs, show their progress, keep one worker running."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._context = multiprocessing.get_context("spawn")  # never fork a threaded server
        self._wake = self._context.Event()
        self._worker: multiprocessing.process.BaseProcess | None = None
        self._lock = threading.Lock()
        self._owner_lock: int | None = None  # the lock file's descriptor, held while running
        self.runs_worker = True  # False in a server process that leaves ingest to another

    def start(self, user: str, saved: list[tuple[str, Path]],
              options: dict | None = None) -> str:
        """Record a job for the saved files (``options`` as for ``api.ingest``: published,
        source, csv_map) and wake the worker; returns the job's id."""
        job_id = secrets.token_hex(8)
        stored_options = {k: v.isoformat() if isinstance(v, date) else v
                          for k, v in (options or {}).items()}
        with session_scope(self.settings.db_url) as session:
            session.add(IngestJobRow(id=job_id, user=user, options=stored_options))
            session.flush()  # the job before its files (no ORM relationship orders them)
            session.add_all(IngestJobFileRow(job_id=job_id, ordinal=i, name=name, path=str(path))
                            for i, (name, path) in enumerate(saved))
        if self.runs_worker:
            self.ensure_worker()
            self._wake.set()
        return job_id

    def view(self, session: Session, job_id: str) -> dict | None:
        """The job as the page and the API show it, or None when there is no such job."""
        job = session.get(IngestJobRow, job_id)
        if job is None:
            return None
        files = session.scalars(select(IngestJobFileRow).where(IngestJobFileRow.job_id == job_id)
                                .order_by(IngestJobFileRow.ordinal)).all()
        finished = sum(f.status not in UNFINISHED for f in files)
        if finished < len(files):
            self.ensure_worker()  # a worker that died is replaced, its file marked
        return {"id": job.id, "user": job.user,
                "started": _utc(job.created_at).isoformat(timespec="seconds"),
                "done": finished == len(files), "finished": finished, "total": len(files),
                "files": [{"name": f.name, "status": f.status, "message": f.message,
                           "documents": f.documents, "events": f.events,
                           "document_ids": list(f.document_ids or [])} for f in files]}

    def resume(self) -> None:
        """At start-up: files being read when the server stopped are read again, and the
        worker goes on with everything left. One of several server processes: only the one
        that takes the lock file, and its worker runs from now on (the others' uploads wake
        no worker of theirs)."""
        if self.settings.web_workers > 1:
            self.runs_worker = self._take_owner_lock()
            if not self.runs_worker:
                return
        with session_scope(self.settings.db_url) as session:
            session.execute(update(IngestJobFileRow).where(IngestJobFileRow.status == "running")
                            .values(status="waiting"))
            left = session.scalar(select(IngestJobFileRow.id)
                                  .where(IngestJobFileRow.status == "waiting").limit(1))
        if left is not None or self.settings.web_workers > 1:
            self.ensure_worker()

    def _take_owner_lock(self) -> bool:
        """Whether this process now holds ``home/ingest-worker.lock`` (until it ends)."""
        self.settings.ensure_home()
        descriptor = os.open(self.settings.home / "ingest-worker.lock", os.O_RDWR | os.O_CREAT)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(descriptor)
            return False
        self._owner_lock = descriptor
        return True

    def ensure_worker(self) -> None:
        """Start the worker, or a new one when it has died (its file then fails, with why)."""
        with self._lock:
            if self._worker is not None and self._worker.is_alive():
                return
            if self._worker is not None:
                self._worker_died(self._worker.exitcode)
            self._worker = self._context.Process(
                target=work, args=(self.settings.model_dump(mode="json"), self._wake),
                name="tawthiq-ingest-worker", daemon=True)
            self._worker.start()

    def _worker_died(self, exitcode: int | None) -> None:
        why = (f"killed by signal {-exitcode}" if exitcode is not None and exitcode < 0
               else f"exit status {exitcode}")
        with session_scope(self.settings.db_url) as session:
            session.execute(update(IngestJobFileRow)
                            .where(IngestJobFileRow.status == "running")
                            .values(status="error", message="the ingest worker stopped while "
                                    f"reading this file ({why}; out of memory?)"))

    def close(self) -> None:
        """Stop the worker (the server is stopping); unfinished files wait for the next."""
        with self._lock:
            if self._worker is not None and self._worker.is_alive():
                self._worker.terminate()
                self._worker.join(timeout=5)
            self._worker = None
            if self._owner_lock is not None:
                os.close(self._owner_lock)  # another process may take ingest over
                self._owner_lock = None


# --- the worker process ----------------------------------------------------------------------

def work(settings_data: dict, wake) -> None:
    """The worker's loop: read waiting files, oldest first, until the server is gone."""
    settings = Settings(**settings_data)
    use_settings(settings)
    server = os.getppid()
    while os.getppid() == server:
        claimed = claim_next(settings)
        if claimed is None:
            wake.wait(WORKER_IDLE_WAIT_S)
            wake.clear()
            continue
        file_id, name, path, user, options = claimed
        progress = FileProgress(name)
        ingest_one(progress, Path(path), user, _ingest_options(options))
        record(settings, file_id, progress)


def claim_next(settings: Settings) -> tuple | None:
    """The oldest waiting file, marked running: (id, name, path, user, options)."""
    with session_scope(settings.db_url) as session:
        row = session.execute(
            select(IngestJobFileRow, IngestJobRow.user, IngestJobRow.options)
            .join(IngestJobRow, IngestJobRow.id == IngestJobFileRow.job_id)
            .where(IngestJobFileRow.status == "waiting")
            .order_by(IngestJobRow.created_at, IngestJobFileRow.ordinal).limit(1)).first()
        if row is None:
            return None
        file, user, options = row
        file.status = "running"
        return file.id, file.name, file.path, user, dict(options or {})


def record(settings: Settings, file_id: int, progress: FileProgress) -> None:
    with session_scope(settings.db_url) as session:
        file = session.get(IngestJobFileRow, file_id)
        file.status, file.message = progress.status, progress.message
        file.documents, file.events = progress.documents, progress.events
        file.document_ids = list(progress.document_ids)
        session.flush()
        left = session.scalar(select(IngestJobFileRow.id).where(
            IngestJobFileRow.job_id == file.job_id, IngestJobFileRow.status.in_(UNFINISHED))
            .limit(1))
        if left is None:
            session.get(IngestJobRow, file.job_id).finished_at = datetime.now(UTC)


def _ingest_options(stored: dict) -> dict:
    options = dict(stored)
    if options.get("published"):
        options["published"] = date.fromisoformat(options["published"])
    return options


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def ingest_one(progress: FileProgress, path: Path, user: str,
               options: dict | None = None) -> None:
    """Ingest one saved upload and record what happened; an error stops only this file."""
    from tawthiq import api

    try:
        outcomes = api.ingest([path], actor=user, **(options or {}))
    except TawthiqError as error:
        progress.status, progress.message = "error", as_uploaded(error.one_line(), path, progress)
        return
    except Exception as error:  # noqa: BLE001 - one bad file must not stop the others
        progress.status = "error"
        progress.message = f"internal error: {type(error).__name__}"
        return
    stored = [o for o in outcomes if o.status == "stored"]
    errors = [o for o in outcomes if o.status == "error"]
    progress.documents = len(stored)
    progress.events = sum(o.events for o in stored)
    progress.document_ids = [o.document_id for o in stored if o.document_id is not None]
    if errors and not stored:
        progress.status = "error"
    elif stored:
        progress.status = "stored"
    else:
        progress.status = "duplicate" if outcomes else "error"
    messages = [as_uploaded(o.message, path, progress) for o in errors if o.message]
    if messages:
        progress.message = "; ".join(messages[:5]) + (" ..." if len(messages) > 5 else "")
    elif not outcomes:
        progress.message = "nothing could be read from this file"


def as_uploaded(message: str, path: Path, progress: FileProgress) -> str:
    """The message with the server's upload path replaced by the name the user chose (the
    folder under the home is of no use to the user), and the command line's option named as
    the upload form's field."""
    return (message.replace(str(path), progress.name)
            .replace("--csv-map text=COLUMN", "CSV columns: text=COLUMN"))


# --- saving uploads --------------------------------------------------------------------------

def safe_filename(name: str | None) -> str:
    """The file's own name without directories or odd characters (never empty)."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = SAFE_NAME.sub("_", base).strip("._")
    return cleaned[:200] or "upload"


def upload_dir(home: Path) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    folder = home / "uploads" / f"{stamp}-{secrets.token_hex(4)}"
    folder.mkdir(parents=True, exist_ok=False)
    return folder


def ingest_options(published: str | None, source: str | None, csv_map: str | None) -> dict:
    """The upload form's optional fields, checked before any file is read (BadInput naming the
    field), as keyword arguments of ``api.ingest``."""
    from tawthiq.ingest.documents import parse_published
    from tawthiq.ingest.readers import parse_csv_map

    published, source, csv_map = (v.strip() if v else None for v in (published, source, csv_map))
    options: dict = {}
    if published:
        options["published"] = parse_published(published, field="published")
    if source:
        options["source"] = source
    if csv_map:
        parse_csv_map(csv_map)
        options["csv_map"] = csv_map
    return options


def check_size(data: bytes, name: str) -> None:
    if len(data) > MAX_UPLOAD_BYTES:
        raise BadInput(f"larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MiB", path=name)
