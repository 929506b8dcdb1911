"""Every row of every table of the current store, for before/after comparisons."""

from __future__ import annotations

from sqlalchemy import select

from tawthiq.store import session_scope
from tawthiq.store.tables import Base


def snapshot_store() -> dict[str, list[tuple]]:
    tables = {}
    with session_scope() as session:
        for table in Base.metadata.sorted_tables:
            rows = session.execute(select(table).order_by(*table.primary_key.columns)).all()
            tables[table.name] = [tuple(row) for row in rows]
    return tables
