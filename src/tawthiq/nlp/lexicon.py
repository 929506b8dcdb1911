"""Shipped domain knowledge (``tawthiq/data/extract/*.json``), loaded once and compiled.

The files cite their sources (ACLED and UCDP codebooks); this module only turns them into
regular expressions and lookup tables.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


def load_data(name: str) -> dict[str, Any]:
    """One JSON file of ``tawthiq/data/extract``."""
    path = resources.files("tawthiq") / "data" / "extract" / name
    return json.loads(path.read_text(encoding="utf-8"))


def alternation(patterns: list[str]) -> str:
    """Longest patterns first, so a regex alternation prefers the most specific words."""
    return "|".join(sorted(patterns, key=len, reverse=True))


@dataclass(frozen=True)
class MeansEntry:
    means: str
    weight: int
    event_type: str
    sub_event_type: str
    regex: re.Pattern[str]


@cache
def means_entries() -> tuple[MeansEntry, ...]:
    data = load_data("means_lexicon.json")
    return tuple(
        MeansEntry(e["means"], int(e["weight"]), e["event_type"], e["sub_event_type"],
                   re.compile(rf"\b(?:{alternation(e['patterns'])})\b", re.IGNORECASE))
        for e in data["entries"])


@cache
def vague_quantities() -> dict[str, tuple[int | None, int | None, int | None]]:
    """Lower-cased words -> (low, best, high)."""
    table: dict[str, tuple[int | None, int | None, int | None]] = {}
    for entry in load_data("vague_quantities.json")["quantities"]:
        for word in entry["words"]:
            table[word] = (entry["low"], entry["best"], entry["high"])
    return table


@cache
def qualifiers() -> dict[str, str]:
    """Lower-cased qualifier words -> "lower" | "upper" | "approx"."""
    data = load_data("vague_quantities.json")["qualifiers"]
    return {word: kind for kind in ("lower", "upper", "approx") for word in data[kind]}


@cache
def casualty_terms() -> dict[str, Any]:
    return load_data("casualty_terms.json")


@cache
def date_words() -> dict[str, Any]:
    return load_data("date_words.json")


@cache
def fakes_classes() -> dict[str, Any]:
    return load_data("fakes_classes.json")
