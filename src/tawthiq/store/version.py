"""The store's versions: ``version``, a number that grows with every change to the documents,
events, incidents, places, actors, persons and claims (kept by database triggers, migration
``0008_hard_store_version``), so that a view derived from them - a map, a page of the incident
list - can be kept until the number moves, whichever process made the change; and
``auth_version``, which grows with every change to users and web sessions (migration
``0015_load_auth_version``), so that a sign-in checked once can be trusted until it moves.

Both are read in one query, once per transaction, and remembered (a web request asked for
them three or four times: the sign-in, the witness redactor and each cached view), and
forgotten as soon as the transaction ends or writes anything (the triggers move them then)."""

from __future__ import annotations

from sqlalchemy import event, text
from sqlalchemy.orm import ORMExecuteState, Session

_MEMO = "tawthiq.store_version"


def _versions(session: Session) -> tuple[int, int]:
    memo = session.info.get(_MEMO)
    if memo is not None and memo[0] is session.get_transaction():
        return memo[1]
    row = session.execute(
        text("SELECT version, auth_version FROM store_version WHERE id = 1")).one()
    versions = (int(row[0]), int(row[1]))
    session.info[_MEMO] = (session.get_transaction(), versions)
    return versions


def store_version(session: Session) -> int:
    """The current version (read before the data it is to stand for: a view cached under it is
    then never older than the number)."""
    return _versions(session)[0]


def auth_version(session: Session) -> int:
    """The current version of users and sessions (read, like ``store_version``, before the
    rows it is to stand for)."""
    return _versions(session)[1]


def _forget(session: Session, *_args) -> None:
    session.info.pop(_MEMO, None)


@event.listens_for(Session, "do_orm_execute")
def _forget_on_write(state: ORMExecuteState) -> None:
    if not state.is_select:
        _forget(state.session)


event.listen(Session, "after_flush", _forget)
event.listen(Session, "after_transaction_end", _forget)
