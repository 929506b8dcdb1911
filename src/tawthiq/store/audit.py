"""The audit log's one writer: every entry - an ingest, a review action, a user change, a
sign-in, an unredacted export - is appended here, so that whatever the log guarantees holds
for all of them. Nothing is committed here: the caller owns the transaction.

The log is hash-chained, as evidence practice asks of a chain of custody (Berkeley Protocol on
Digital Open Source Investigations, 2022, ch. VI "Preservation"): each entry carries the
SHA-256 of the entry before it (``prev_hash``) and its own (``hash``, over its number, time,
fields and ``prev_hash``), so editing, deleting or reordering any entry breaks the chain from
there on (``verify_chain``). Rewriting the whole chain after an edit is not detectable from the
store alone: the head hash ``verify_chain`` reports is meant to be kept elsewhere and checked
again later (``expected_head``)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from tawthiq.store.db import batches_by_id
from tawthiq.store.tables import AuditEntryRow

# The hash an empty log's first entry follows.
GENESIS = "0" * 64
# PostgreSQL advisory-lock key under which one transaction at a time appends to the chain
# (SQLite's write lock, taken by the insert, already serialises them).
AUDIT_LOCK_KEY = 0x7A77_7472
# Entries read at a time when verifying.
VERIFY_BATCH = 5000


def as_json(value):
    """A value as the audit log stores it (dates as ISO text)."""
    return value.isoformat() if isinstance(value, date) else value


def _instant(at: datetime) -> str:
    """A time the same way whether SQLite (naive) or PostgreSQL (aware) gives it back."""
    if at.tzinfo is not None:
        at = at.astimezone(UTC).replace(tzinfo=None)
    return at.isoformat(timespec="microseconds")


def entry_hash(entry: AuditEntryRow, prev_hash: str) -> str:
    """SHA-256 over the entry's number, time, fields and the previous entry's hash, written as
    canonical JSON (sorted keys, no spaces) so that the stored values give it back."""
    fields = {"id": entry.id, "at": _instant(entry.at), "actor": entry.actor,
              "action": entry.action, "entity": entry.entity, "entity_id": entry.entity_id,
              "field": entry.field, "before": entry.before, "after": entry.after,
              "note": entry.note, "prev_hash": prev_hash}
    canonical = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _last_hash(session: Session, before_id: int) -> str:
    last = session.scalar(select(AuditEntryRow.hash).where(AuditEntryRow.id < before_id)
                          .order_by(AuditEntryRow.id.desc()).limit(1))
    return last or GENESIS


def append_entry(session: Session, *, actor: str, action: str, entity: str,
                 entity_id: int | None = None, field: str | None = None, before=None,
                 after=None, note: str | None = None) -> AuditEntryRow:
    """Add one entry: who (``actor``) did what (``action``) to which ``entity``, and the
    ``field`` changed from ``before`` to ``after``; chained to the entry before it."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": AUDIT_LOCK_KEY})
    row = AuditEntryRow(actor=actor, action=action, entity=entity, entity_id=entity_id,
                        field=field, before=_stored(as_json(before)),
                        after=_stored(as_json(after)), note=note,
                        at=datetime.now(UTC).replace(tzinfo=None), hash="", prev_hash="")
    session.add(row)
    session.flush()  # its number, and (SQLite) the write lock until the caller commits
    row.prev_hash = _last_hash(session, row.id)
    row.hash = entry_hash(row, row.prev_hash)
    session.flush()
    return row


def _stored(value):
    """The value as the JSON column will give it back (tuples as lists, keys as text)."""
    return None if value is None else json.loads(json.dumps(value))


@dataclass(frozen=True)
class ChainCheck:
    """What ``verify_chain`` found: ``broken_at`` the first entry whose chain does not hold,
    ``reason`` why (None: all hold); ``head`` the hash of the last entry that holds."""

    entries: int
    head: str
    broken_at: int | None = None
    reason: str | None = None

    @property
    def intact(self) -> bool:
        return self.reason is None


def chain_rows(rows: Iterable[AuditEntryRow], *, start: str = GENESIS) -> ChainCheck:
    """Walk entries in order of number; stop at the first that does not follow on."""
    prev, count = start, 0
    for row in rows:
        if row.prev_hash != prev:
            return ChainCheck(count, prev, row.id, "does not follow the entry before it "
                              "(an entry before it was deleted, reordered or edited)")
        if row.hash != entry_hash(row, prev):
            return ChainCheck(count, prev, row.id, "its contents do not match its hash "
                              "(the entry was edited)")
        prev, count = row.hash, count + 1
    return ChainCheck(count, prev)


def verify_chain(session: Session, *, expected_head: str | None = None) -> ChainCheck:
    """Re-hash the whole log in order; ``expected_head``: a head kept from an earlier check,
    which must still be in the chain (a log cut back or rewritten after it loses it)."""
    rows = (row for batch in batches_by_id(session, AuditEntryRow, VERIFY_BATCH)
            for row in batch)
    check = chain_rows(rows)
    if check.intact and expected_head and expected_head != check.head and not session.scalar(
            select(AuditEntryRow.id).where(AuditEntryRow.hash == expected_head)):
        return ChainCheck(check.entries, check.head, None,
                          f"the head {expected_head[:12]}... kept earlier is no longer in the "
                          "log (entries after it were cut or the log rewritten)")
    return check
