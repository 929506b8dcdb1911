"""The store's version: a number that grows with every change to the documents, events,
incidents, places, actors, persons and claims (kept by database triggers, migration
``0008_hard_store_version``), so that a view derived from them - a map, a page of the incident
list - can be kept until the number moves, whichever process made the change."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session


def store_version(session: Session) -> int:
    """The current version (read before the data it is to stand for: a view cached under it is
    then never older than the number)."""
    return int(session.execute(text("SELECT version FROM store_version WHERE id = 1")).scalar_one())
