"""Victims' communal identity in Arabic reports, only when the words tie it to the people
harmed ("مدنيين دروز", "من أبناء الطائفة العلوية" after a toll); recorded as the English label
the contract uses (data/ar/identity.json)."""

from __future__ import annotations

from functools import cache

from tawthiq.knowledge import load
from tawthiq.nlp.ar.casualties import group_of
from tawthiq.nlp.ar.words import Phrases, Token

TIE_WINDOW = 3


@cache
def _groups() -> Phrases:
    return Phrases((w, label) for label, words in load("identity.json", "ar")["groups"].items()
                   for w in words)


@cache
def _ties() -> Phrases:
    return Phrases((w, True) for w in load("identity.json", "ar")["tie_words"]["words"])


def identities_in(tokens: list[Token], segments: list[tuple[int, int]]) -> list[str]:
    """Identity labels tied to victims in the given token ranges, in order of mention."""
    out: list[str] = []
    for lo, hi in segments:
        for start, _end, label in _groups().find(tokens, lo, hi):
            if label not in out and _tied(tokens, start, lo):
                out.append(label)
    return out


def _tied(tokens: list[Token], index: int, lo: int) -> bool:
    for k in range(max(lo, index - TIE_WINDOW), index):
        if group_of(tokens[k].text) or _ties().match(tokens, k):
            return True
    return False
