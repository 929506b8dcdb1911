"""Uploads from the ingest page: saved under ``home/uploads/``, then ingested one file at a
time in a background thread (``tawthiq.api.ingest``) so the page can show progress and an
error per file while the rest go on."""

from __future__ import annotations

import re
import secrets
import threading
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from tawthiq.errors import BadInput, TawthiqError

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
SAFE_NAME = re.compile(r"[^\w.\-]+", re.UNICODE)


@dataclass
class FileProgress:
    name: str
    status: str = "waiting"  # waiting | running | stored | duplicate | error
    message: str | None = None
    documents: int = 0
    events: int = 0
    document_ids: list[int] = field(default_factory=list)


@dataclass
class IngestJob:
    id: str
    user: str
    files: list[FileProgress]
    started: str
    done: bool = False

    def view(self) -> dict:
        finished = sum(f.status not in ("waiting", "running") for f in self.files)
        return {**asdict(self), "finished": finished, "total": len(self.files)}


class IngestJobs:
    """The jobs started in this process (progress is transient; the store keeps the results)."""

    def __init__(self) -> None:
        self._jobs: dict[str, IngestJob] = {}
        self._lock = threading.Lock()

    def get(self, job_id: str) -> IngestJob | None:
        with self._lock:
            return self._jobs.get(job_id)

    def start(self, user: str, saved: list[tuple[str, Path]], *, wait: bool = False,
              options: dict | None = None) -> IngestJob:
        """Ingest ``saved`` in a thread; ``options`` go to ``api.ingest`` (published, source,
        csv_map), as the command line's options do."""
        job = IngestJob(id=secrets.token_hex(8), user=user,
                        files=[FileProgress(name) for name, _ in saved],
                        started=datetime.now(UTC).isoformat(timespec="seconds"))
        with self._lock:
            self._jobs[job.id] = job
        thread = threading.Thread(target=run_job, args=(job, [p for _, p in saved], options),
                                  name=f"ingest-{job.id}", daemon=True)
        thread.start()
        if wait:
            thread.join()
        return job


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


def run_job(job: IngestJob, paths: list[Path], options: dict | None = None) -> None:
    for progress, path in zip(job.files, paths, strict=True):
        progress.status = "running"
        ingest_one(progress, path, job.user, options)
    job.done = True


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
        raise BadInput(f"{name}: larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MiB",
                       path=name)
