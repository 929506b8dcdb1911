"""Progress of a long ingest, on stderr: a rich bar, shown only once a batch has run for a
second and only on a terminal (piped output stays clean)."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

PROGRESS_AFTER_S = 1.0   # a progress bar only for batches that take longer than this

class IngestProgress:
    """The bar moves by files, and within a JSONL/CSV file by its reports."""

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
def ingest_progress(files: int) -> Iterator[IngestProgress]:
    progress = IngestProgress(files)
    try:
        yield progress
    finally:
        progress.stop()
