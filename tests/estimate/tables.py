"""Small invented capture tables for the estimate tests."""

from __future__ import annotations

from tawthiq.estimate.captures import CaptureTable, table_from_rows


def three_lists(counts: dict[str, int]) -> CaptureTable:
    """A table over lists A, B, C from counts keyed by pattern strings such as "101"."""
    return table_from_rows(["A", "B", "C"], [tuple(int(c) for c in key) for key in counts],
                           list(counts.values()))
