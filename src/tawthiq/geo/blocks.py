"""Fuzzy blocks: the names of one country whose skeletons start alike, searched by skeleton.

Many names in a block share a skeleton (places called alike, spellings that differ only in
vowels): a block of a country's names holds about five rows per distinct skeleton. The
fuzzy score of a skeleton is therefore worked out once per distinct skeleton, then given to
every row that has it; the rows come out as a search over all rows would give them (best
score first, ties in row order).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import process
from rapidfuzz.fuzz import ratio


@dataclass
class FuzzyBlock:
    """Rows of a block (parallel lists) and their distinct skeletons."""

    ids: list[str]
    bares: list[str]
    skels: list[str]
    arabic: list[bool]
    distinct: list[str] = field(init=False)
    rows_of: list[list[int]] = field(init=False)   # per distinct skeleton, its rows in order

    def __post_init__(self) -> None:
        position: dict[str, int] = {}
        self.distinct, self.rows_of = [], []
        for row, skel in enumerate(self.skels):
            at = position.get(skel)
            if at is None:
                at = position[skel] = len(self.distinct)
                self.distinct.append(skel)
                self.rows_of.append([])
            self.rows_of[at].append(row)

    def best_rows(self, skel: str, limit: int, cutoff: float) -> list[tuple[float, int]]:
        """(score, row) of the ``limit`` rows whose skeletons are most like ``skel`` (ratio,
        at least ``cutoff``): what ``process.extract`` over every row gives, best first and
        ties in row order."""
        hits = process.extract(skel, self.distinct, scorer=ratio, limit=None,
                               score_cutoff=cutoff)  # best first
        out: list[tuple[float, int]] = []
        start = 0
        while start < len(hits) and len(out) < limit:  # one score at a time, till the limit
            score, end = hits[start][1], start + 1
            while end < len(hits) and hits[end][1] == score:
                end += 1
            rows = self.rows_of[hits[start][2]] if end == start + 1 else \
                sorted(row for _, _, at in hits[start:end] for row in self.rows_of[at])
            out += [(score, row) for row in rows[:limit - len(out)]]
            start = end
        return out
