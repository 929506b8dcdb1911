"""tawthiq.evaluate: harnesses that score tawthiq against the public data sets under
``TAWTHIQ_DATA`` (FA-KES, UCDP GED place names, geoparsing benchmarks, real reports). They sit
above the pipeline and call it as a user would."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tawthiq.errors import BadInput


def check_output_path(path: Path | None, option: str) -> Path | None:
    """Refuse an output file that cannot be written before a long evaluation runs, so a
    typo costs a one-line error (naming the option) and not minutes and a traceback."""
    if path is None:
        return None
    path = Path(path)
    if path.is_dir():
        raise BadInput("is a directory; give a file name", path=str(path), field=option)
    if not path.parent.is_dir():
        raise BadInput("its folder does not exist", path=str(path), field=option)
    return path


def write_output(path: Path, text: str, option: str) -> None:
    """Write an evaluation's output file; an OS refusal is bad input naming the file."""
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise BadInput(f"cannot write: {exc.strerror or exc}", path=str(path),
                       field=option) from exc


@contextmanager
def csv_rows(path: Path, required: tuple[str, ...]) -> Iterator[Iterator[tuple[int, dict]]]:
    """(line, row) of a CSV with a header that has ``required`` columns; a missing file or
    column is bad input naming the file."""
    path = Path(path)
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise BadInput(f"cannot read: {exc.strerror or exc}", path=str(path)) from None
    with handle:
        reader = csv.DictReader(handle)
        missing = [c for c in required if c not in (reader.fieldnames or [])]
        if missing:
            raise BadInput(f"missing column(s): {', '.join(missing)}", path=str(path), line=1)
        yield enumerate(reader, 2)
