"""English extraction knowledge (``tawthiq/data/en/*``), loaded once through
``tawthiq.knowledge`` (with the user's overrides) and compiled.

The files cite their sources (ACLED and UCDP codebooks); this module only turns them into
regular expressions and lookup tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from tawthiq import knowledge
from tawthiq.caseless import Caseless
from tawthiq.nlp.doccache import doc_cache

LANG = "en"


def load_data(name: str) -> dict[str, Any]:
    """One file of ``tawthiq/data/en`` (merged with the user's override)."""
    return knowledge.load(name, LANG)


def lexicon() -> knowledge.WordLists:
    """The English word lists of attribution, claims and persons (``data/en/attribution.yaml``):
    ``lexicon().violence_verbs`` is a frozenset of lemmas."""
    return knowledge.word_lists("attribution.yaml", LANG)


def doc_lexicon(doc: Any) -> knowledge.WordLists:
    """``lexicon()`` looked up once per report (per spaCy Doc): each look-up re-checks the
    user's override file on disk, and the speech frames, agents and persons ask per token."""
    cache = doc_cache(doc)
    lex = cache.get("lexicon")
    if lex is None:
        lex = cache["lexicon"] = lexicon()
    return lex


def alternation(patterns: list[str]) -> str:
    """Longest patterns first, so a regex alternation prefers the most specific words."""
    return "|".join(sorted(patterns, key=len, reverse=True))


@dataclass(frozen=True)
class MeansEntry:
    means: str
    weight: int
    event_type: str
    sub_event_type: str
    regex: Caseless


@cache
def means_entries() -> tuple[MeansEntry, ...]:
    data = load_data("means_lexicon.json")
    return tuple(
        MeansEntry(e["means"], int(e["weight"]), e["event_type"], e["sub_event_type"],
                   Caseless(rf"\b(?:{alternation(e['patterns'])})\b"))
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
    return knowledge.load("evaluate/fakes_classes.json")
