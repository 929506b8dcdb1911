"""The store's version: a number that grows with every change to the documents, events,
incidents, places, actors, persons and claims (kept by database triggers, migration
``0008_hard_store_version``), so that a view derived from them - a map, a page of the incident
list - can be kept until the number moves, whichever process made the change.

Within one transaction the number is read once and remembered (a web request asked for it
three or four times: the witness redactor and each cached view), and forgotten as soon as the
transaction ends or writes anything (the triggers move it then)."""

from __future__ import annotations

from sqlalchemy import event, text
from sqlalchemy.orm import ORMExecuteState, Session

_MEMO = "tawthiq.store_version"


def store_version(session: Session) -> int:
    """The current version (read before the data it is to stand for: a view cached under it is
    then never older than the number)."""
    memo = session.info.get(_MEMO)
    if memo is not None and memo[0] is session.get_transaction():
        return memo[1]
    version = int(session.execute(
        text("SELECT version FROM store_version WHERE id = 1")).scalar_one())
    session.info[_MEMO] = (session.get_transaction(), version)
    return version


def _forget(session: Session, *_args) -> None:
    session.info.pop(_MEMO, None)


@event.listens_for(Session, "do_orm_execute")
def _forget_on_write(state: ORMExecuteState) -> None:
    if not state.is_select:
        _forget(state.session)


event.listen(Session, "after_flush", _forget)
event.listen(Session, "after_transaction_end", _forget)
