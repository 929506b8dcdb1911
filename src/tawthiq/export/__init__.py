"""Exports that ACLED and UCDP users can load, plus GeoJSON and full JSON Lines.

One row per incident (the consolidated view of every report that tells it); every row names
its documents (ids and SHA-256) so a figure can be followed back to the words it came from.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tawthiq.errors import BadInput
from tawthiq.export.collect import collect_incidents
from tawthiq.export.writers import WRITERS
from tawthiq.store import session_scope
from tawthiq.store.audit import append_entry


def export_events(fmt: str, output: Path | None = None, *, unredacted: bool = False,
                  operator: str = "cli") -> int:
    """Write every current incident in ``fmt`` to ``output`` (stdout when None).

    Witness names are redacted unless ``unredacted``; an unredacted export is written to the
    audit log with the operator's name, since it takes witness names out of the system.
    """
    writer = WRITERS.get(fmt)
    if writer is None:
        raise BadInput(f"unknown export format {fmt!r}; choose one of {', '.join(WRITERS)}",
                       field="--format")
    with session_scope() as session:
        incidents = collect_incidents(session, redact=not unredacted)
        if unredacted:
            append_entry(session, actor=operator, action="export_unredacted", entity="export",
                         field=fmt, after={"incidents": len(incidents)})
        if output is None:
            writer(incidents, sys.stdout)
        else:
            with _open_output(output) as stream:
                writer(incidents, stream)
    return len(incidents)


def _open_output(output: Path):
    """The output file opened for writing, or BadInput naming it (no traceback for a typo)."""
    if output.is_dir():
        raise BadInput("is a directory; give a file name", path=str(output), field="--output")
    try:
        return output.open("w", encoding="utf-8", newline="")
    except OSError as exc:
        raise BadInput(f"cannot write: {exc.strerror or exc}", path=str(output),
                       field="--output") from exc


__all__ = ["export_events", "WRITERS"]
