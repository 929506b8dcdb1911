"""Capture tables: how many people each combination of lists recorded.

Multiple systems estimation sees the data only through these counts: for J lists, the number
of documented people on exactly each of the 2^J - 1 observable combinations ("capture
patterns"). The pattern "on no list" is what the models estimate, so it can never be given.
"""

from __future__ import annotations

import csv
import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from tawthiq.errors import BadInput

COUNT_COLUMN = "count"
STRATUM_COLUMN = "stratum"
UNKNOWN_STRATUM = "unknown"


@dataclass(frozen=True)
class CaptureTable:
    """Observed capture patterns of one population (or one stratum).

    ``patterns`` is an (M, J) array of 0/1 flags, one row per distinct observed pattern, and
    ``counts`` the number of documented people with each; no row is all zeros."""

    lists: tuple[str, ...]
    patterns: np.ndarray
    counts: np.ndarray

    @property
    def documented(self) -> int:
        return int(self.counts.sum())

    @property
    def list_sizes(self) -> dict[str, int]:
        sizes = (self.patterns * self.counts[:, None]).sum(axis=0)
        return {name: int(size) for name, size in zip(self.lists, sizes, strict=True)}

    def overlap(self, members: Sequence[int]) -> int:
        """People recorded by every list in ``members`` (and perhaps others)."""
        on_all = self.patterns[:, list(members)].all(axis=1)
        return int(self.counts[on_all].sum())

    def on_several_lists(self) -> int:
        """People recorded by two lists or more: the overlaps all estimates rest on."""
        return int(self.counts[self.patterns.sum(axis=1) >= 2].sum())

    def zero_overlap_pairs(self) -> list[tuple[str, str]]:
        return [(self.lists[a], self.lists[b])
                for a, b in itertools.combinations(range(len(self.lists)), 2)
                if self.overlap((a, b)) == 0]

    def isolated_lists(self) -> list[str]:
        """Lists none of whose people appear on any other list."""
        return [name for j, name in enumerate(self.lists)
                if self.overlap((j,)) > 0 and not any(
                    self.overlap((j, other)) for other in range(len(self.lists)) if other != j)]

    def full_counts(self) -> np.ndarray:
        """Counts of all 2^J - 1 observable patterns (zeros included), in the order of
        ``all_patterns``."""
        index = {tuple(row): i for i, row in enumerate(all_patterns(len(self.lists)))}
        full = np.zeros(2 ** len(self.lists) - 1, dtype=np.int64)
        for row, count in zip(self.patterns, self.counts, strict=True):
            full[index[tuple(int(v) for v in row)]] += count
        return full

    def without_empty_lists(self) -> CaptureTable:
        """The same people with the lists that recorded nobody here left out."""
        keep = [j for j, size in enumerate(self.list_sizes.values()) if size > 0]
        if len(keep) == len(self.lists):
            return self
        return table_from_rows([self.lists[j] for j in keep],
                               self.patterns[:, keep], self.counts)


def all_patterns(n_lists: int) -> np.ndarray:
    """Every observable pattern (all but "on no list"), in binary order 0..01 to 1..11."""
    rows = list(itertools.product((0, 1), repeat=n_lists))[1:]
    return np.array(rows, dtype=np.int8)


def table_from_rows(lists: Sequence[str], patterns: Iterable[Sequence[int]],
                    counts: Iterable[int]) -> CaptureTable:
    """Aggregate (pattern, count) rows: equal patterns are summed, zero counts dropped."""
    totals: dict[tuple[int, ...], int] = {}
    for row, count in zip(patterns, counts, strict=True):
        key = tuple(int(v) for v in row)
        if count:
            totals[key] = totals.get(key, 0) + int(count)
    if any(not any(key) for key in totals):
        raise BadInput("a capture pattern with no list cannot be observed", field="patterns")
    keys = sorted(totals)
    return CaptureTable(
        lists=tuple(lists),
        patterns=np.array(keys, dtype=np.int8).reshape(len(keys), len(lists)),
        counts=np.array([totals[k] for k in keys], dtype=np.int64))


@dataclass(frozen=True)
class History:
    """One documented person: the lists that recorded them and the fields strata are cut by
    (e.g. ``{"governorate": "Homs", "year": "2013", "sex": "f"}``)."""

    lists: frozenset[str]
    fields: Mapping[str, str | None] = field(default_factory=dict)


def tables_from_histories(histories: Iterable[History], *, lists: Sequence[str] | None = None,
                          by: str | None = None) -> dict[str, CaptureTable]:
    """Capture tables per stratum of ``by`` (one table named ``"all"`` without it).

    ``lists`` restricts the estimate to those lists (people on none of them are left out);
    a person whose ``by`` field is missing falls in the stratum ``"unknown"``."""
    histories = list(histories)
    names = sorted({name for h in histories for name in h.lists}) if lists is None \
        else list(lists)
    rows: dict[str, dict[tuple[int, ...], int]] = {}
    for person in histories:
        pattern = tuple(int(name in person.lists) for name in names)
        if not any(pattern):
            continue
        stratum = "all" if by is None else (person.fields.get(by) or UNKNOWN_STRATUM)
        cells = rows.setdefault(str(stratum), {})
        cells[pattern] = cells.get(pattern, 0) + 1
    return {stratum: table_from_rows(names, list(cells), list(cells.values()))
            for stratum, cells in sorted(rows.items())}


def read_captures(path: Path) -> dict[str, CaptureTable]:
    """Read CAPTURES.csv (contract ``tawthiq estimate``): one 0/1 column per list, an optional
    ``count`` column and an optional ``stratum`` column. Returns tables per stratum, or one
    table named ``"all"``. Bad input raises ``BadInput`` naming the file, line and column."""
    shown = str(path)
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
    except FileNotFoundError as exc:
        raise BadInput("no such file", path=shown) from exc
    except UnicodeDecodeError as exc:
        raise BadInput("not UTF-8 text", path=shown) from exc
    except csv.Error as exc:
        raise BadInput(f"not a readable CSV file ({exc})", path=shown) from exc
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise BadInput("empty file: expected a header row of list names", path=shown, line=1)
    header = [cell.strip() for cell in rows[0]]
    list_names = _list_columns(header, shown)
    cells: dict[str, dict[tuple[int, ...], int]] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise BadInput(f"{len(row)} fields where the header has {len(header)}",
                           path=shown, line=number)
        record = dict(zip(header, (cell.strip() for cell in row), strict=True))
        pattern = tuple(_flag(record[name], shown, number, name) for name in list_names)
        count = _count(record.get(COUNT_COLUMN, "1"), shown, number)
        if not any(pattern) and count:
            raise BadInput("a row on no list (all 0) cannot be observed: it is what the "
                           "estimate counts", path=shown, line=number)
        stratum = record.get(STRATUM_COLUMN, "all") or UNKNOWN_STRATUM
        stratum_cells = cells.setdefault(stratum, {})
        stratum_cells[pattern] = stratum_cells.get(pattern, 0) + count
    if not any(sum(c.values()) for c in cells.values()):
        raise BadInput("no documented person: every row is empty or has count 0", path=shown)
    return {stratum: table_from_rows(list_names, list(c), list(c.values()))
            for stratum, c in sorted(cells.items()) if sum(c.values())}


def _list_columns(header: list[str], shown: str) -> list[str]:
    seen: set[str] = set()
    for position, name in enumerate(header, start=1):
        if not name:
            raise BadInput(f"column {position} has no name", path=shown, line=1)
        if name in seen:
            raise BadInput("the column appears twice", path=shown, line=1, field=name)
        seen.add(name)
    names = [n for n in header if n not in (COUNT_COLUMN, STRATUM_COLUMN)]
    if len(names) < 2:
        raise BadInput(f"{len(names)} list column(s): estimation needs two lists or more",
                       path=shown, line=1)
    return names


def _flag(value: str, shown: str, line: int, column: str) -> int:
    if value not in ("0", "1"):
        raise BadInput(f"expected 0 or 1, got {value!r}", path=shown, line=line, field=column)
    return int(value)


def _count(value: str, shown: str, line: int) -> int:
    try:
        count = int(value)
    except ValueError:
        count = -1
    if count < 0:
        raise BadInput(f"expected a whole number of people, got {value!r}", path=shown,
                       line=line, field=COUNT_COLUMN)
    return count
