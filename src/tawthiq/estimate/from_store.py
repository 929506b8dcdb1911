"""The estimate package's only door to the store: capture histories in, estimates out.

Capture histories (one unique victim each: the lists holding them and their strata fields)
come from the victims package, handed in by the caller (``tawthiq.api``); this module turns
them into capture tables, and keeps each estimate computed from them in the ``estimates``
table for the web page.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from tawthiq.errors import BadInput, NotFound
from tawthiq.estimate.captures import CaptureTable, History, tables_from_histories
from tawthiq.estimate.service import Estimate
from tawthiq.store.tables import EstimateRow, VictimListRow

STRATA = ("governorate", "year", "sex")


class CaptureHistory(Protocol):
    """What the victims package gives per unique person."""

    lists: tuple[str, ...]
    governorate: str | None
    year: int | None
    sex: str | None


def capture_tables(histories: Iterable[CaptureHistory], *, known_lists: Sequence[str],
                   lists: Sequence[str] | None = None,
                   by: str | None = None) -> dict[str, CaptureTable]:
    """Capture tables over ``lists`` (default: every stored list), per stratum of ``by``."""
    if by is not None and by not in STRATA:
        raise BadInput(f"unknown stratum {by!r}; choose {', '.join(STRATA)}", field="--by")
    chosen = list(lists) if lists else list(known_lists)
    unknown = [name for name in chosen if name not in known_lists]
    if unknown:
        raise BadInput(f"no stored victim list named {', '.join(map(repr, unknown))} (stored: "
                       f"{', '.join(known_lists) or 'none'})", field="--lists")
    if len(chosen) < 2:
        raise BadInput("estimation needs two lists or more; import more victim lists",
                       field="--lists")
    people = [History(frozenset(h.lists), {
        "governorate": h.governorate, "sex": h.sex,
        "year": None if h.year is None else str(h.year)}) for h in histories]
    tables = tables_from_histories(people, lists=chosen, by=by)
    if not tables:
        raise BadInput("no stored victim is on the chosen lists", field="--lists")
    return tables


def stored_list_names(session: Session) -> list[str]:
    """The names of the stored victim lists, in import order."""
    return list(session.scalars(select(VictimListRow.name).order_by(VictimListRow.id)))


@dataclass(frozen=True)
class StoredEstimate:
    id: int
    at: datetime
    by: str
    method: str
    strata_by: str | None
    result: dict


def save_estimate(session: Session, found: Estimate, *, strata_by: str | None,
                  actor: str) -> int:
    """Keep ``found`` (figures and its whole JSON form); returns the new row's id."""
    low, high = found.interval or (None, None)
    row = EstimateRow(by=actor, method=found.method, strata_by=strata_by,
                      documented=found.documented, estimate=found.estimate, low=low, high=high,
                      result=found.to_json())
    session.add(row)
    session.flush()
    return row.id


def stored_estimates(session: Session, limit: int = 50) -> list[StoredEstimate]:
    """The latest estimates first."""
    rows = session.scalars(select(EstimateRow).order_by(EstimateRow.id.desc()).limit(limit))
    return [_stored(row) for row in rows]


def stored_estimate(session: Session, estimate_id: int) -> StoredEstimate:
    row = session.get(EstimateRow, estimate_id)
    if row is None:
        raise NotFound(f"no estimate {estimate_id}")
    return _stored(row)


def _stored(row: EstimateRow) -> StoredEstimate:
    return StoredEstimate(id=row.id, at=row.at, by=row.by, method=row.method,
                          strata_by=row.strata_by, result=row.result)
