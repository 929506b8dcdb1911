"""Output files of the long-running commands (evaluations, victim linkage): checked before the
work starts and written with an OS refusal turned into bad input naming the file."""

from __future__ import annotations

from pathlib import Path

from tawthiq.errors import BadInput


def check_output_path(path: Path | None, option: str) -> Path | None:
    """Refuse an output file that cannot be written before a long evaluation or linkage
    runs, so a typo costs a one-line error (naming the option) and not minutes and a traceback."""
    if path is None:
        return None
    path = Path(path)
    if path.is_dir():
        raise BadInput("is a directory; give a file name", path=str(path), field=option)
    if not path.parent.is_dir():
        raise BadInput("its folder does not exist", path=str(path), field=option)
    return path


def write_output(path: Path, text: str, option: str) -> None:
    """Write a command's output file; an OS refusal is bad input naming the file."""
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise BadInput(f"cannot write: {exc.strerror or exc}", path=str(path),
                       field=option) from exc
