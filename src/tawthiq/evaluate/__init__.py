"""tawthiq.evaluate: harnesses that score tawthiq against the public data sets under
``TAWTHIQ_DATA`` (FA-KES, UCDP GED place names, geoparsing benchmarks, real reports). They sit
above the pipeline and call it as a user would."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tawthiq.errors import BadInput
from tawthiq.outputs import check_output_path, write_output

__all__ = ["check_output_path", "csv_rows", "write_output"]


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
