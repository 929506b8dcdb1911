"""Means of violence in Arabic text (data/ar/means.json): the contract's means vocabulary
with ACLED event and sub-event types, plus clash words (Battles) and the attack words that
mark a sentence as telling of violence at all."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from tawthiq.knowledge import load
from tawthiq.nlp.ar.words import Phrases, Token


@dataclass(frozen=True)
class MeansEntry:
    means: str
    weight: int
    event_type: str
    sub_event_type: str


@dataclass
class MeansMention:
    entry: MeansEntry
    first: int         # token range
    last: int
    start: int         # folded offsets
    end: int

    @property
    def means(self) -> str:
        return self.entry.means


@cache
def _phrases() -> Phrases:
    data = load("means.json", "ar")
    entries = []
    for spec in data["entries"]:
        entry = MeansEntry(spec["means"], int(spec["weight"]), spec["event_type"],
                           spec["sub_event_type"])
        entries += [(word, entry) for word in spec["words"]]
    return Phrases(entries)


@cache
def clash_words() -> Phrases:
    return Phrases((w, True) for w in load("means.json", "ar")["clash_words"]["words"])


@cache
def abduction_words() -> Phrases:
    return Phrases((w, True) for w in load("means.json", "ar")["abduction_words"]["words"])


@cache
def violence_words() -> Phrases:
    return Phrases((w, True) for w in load("means.json", "ar")["violence_words"]["words"])


def find_means(tokens: list[Token], lo: int = 0, hi: int | None = None) -> list[MeansMention]:
    return [MeansMention(entry, s, e, tokens[s].start, tokens[e - 1].end)
            for s, e, entry in _phrases().find(tokens, lo, hi)]
