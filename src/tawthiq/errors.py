"""Typed errors with stable codes.

The library raises these; only the CLI turns them into ``Error: ...`` lines and exit status 2
(bad input) or 1 (internal fault), and only the web layer turns them into 4xx answers.
"""

from __future__ import annotations


class TawthiqError(Exception):
    """Base class. ``code`` is stable and machine-readable; the message is one line."""

    code = "error"
    exit_status = 1

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None,
                 field: str | None = None) -> None:
        self.path = path
        self.line = line
        self.field = field
        super().__init__(message)

    def one_line(self) -> str:
        """The message prefixed with file, line and field, on one line, for stderr."""
        where = []
        if self.path:
            where.append(self.path if self.line is None else f"{self.path}:{self.line}")
        elif self.line is not None:
            where.append(f"line {self.line}")
        if self.field:
            where.append(f"field '{self.field}'")
        head = ", ".join(where)
        text = " ".join(str(self).split())
        return f"{head}: {text}" if head else text


class BadInput(TawthiqError):
    """The user's input (a file, a line, a field, an option) cannot be used."""

    code = "bad_input"
    exit_status = 2


class UnsupportedFormat(BadInput):
    code = "unsupported_format"


class NotFound(BadInput):
    code = "not_found"


class Conflict(BadInput):
    code = "conflict"


class PermissionDenied(TawthiqError):
    code = "permission_denied"
    exit_status = 2


class StoreUnwritable(TawthiqError):
    """The store cannot be written: a full disk, a read-only file system or database, a home
    that cannot be made. Not the input's fault (exit status 1), but said in one line."""

    code = "store_unwritable"
    exit_status = 1


class IntegrityBroken(TawthiqError):
    """A check of the record's integrity failed: an audit entry edited, deleted or reordered,
    a stored original whose bytes no longer hash to its SHA-256 (exit status 2)."""

    code = "integrity_broken"
    exit_status = 2
