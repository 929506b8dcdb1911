"""Witnesses in Arabic reports: a cue (شاهد عيان، أحد الناجين، قال أحد السكان) with a name
("... يدعى X", "قال X، أحد الناجين") makes a witness, and the words they are quoted saying are
their testimony (a claim with the witness as speaker). Both are redacted for viewers not
cleared to read them (``tawthiq.redaction``), exactly as English witnesses are."""

from __future__ import annotations

from functools import cache

from tawthiq.knowledge import load
from tawthiq.model import Claim, Person
from tawthiq.nlp.ar.text import ArabicText, fold
from tawthiq.nlp.ar.words import Phrases, Token

NAME_WORDS = 4
NAMING = frozenset(fold(w) for w in ("يدعى", "تدعى", "واسمه", "واسمها", "اسمه", "اسمها", "المدعو",
                                     "المدعوة"))
NAME_STOP = frozenset(fold(w) for w in ("وهو", "وهي", "من", "في", "الذي", "التي", "قال", "قالت",
                                        "ان", "إن", "أن", "لـ", "عن", "على", "الى", "إلى"))
QUOTES = "\"“”«»"
THAT = frozenset(fold(w) for w in ("إن", "أن", "بأن"))


@cache
def _cues() -> Phrases:
    return Phrases((w, True) for w in load("reporting.json", "ar")["witness_cues"]["words"])


@cache
def _verbs() -> Phrases:
    return Phrases((w, True) for w in load("reporting.json", "ar")["reporting_verbs"])


def _is_name_word(token: Token) -> bool:
    return token.text[:1] >= "\u0621" and token.text[:1] <= "\u064a" and \
        token.text not in NAME_STOP and len(token.text) >= 2


def find_witnesses(text: ArabicText, tokens: list[Token], sentences: list[tuple[int, int]]
                   ) -> tuple[list[Person], list[Claim]]:
    persons: list[Person] = []
    testimony: list[Claim] = []
    for lo, hi in sentences:
        for start, end, _ in _cues().find(tokens, lo, hi):
            name = _name_after(tokens, end, hi) or _name_before(tokens, start, lo)
            if name is None:
                continue
            first, last = name
            s, e = text.original_span(tokens[first].start, tokens[last - 1].end)
            person = Person(name=text.original[s:e], start=s, end=e)
            if any(p.start == s for p in persons):
                continue
            persons.append(person)
            said = _testimony(text, tokens, max(end, last), hi)
            if said is not None:
                testimony.append(Claim(speaker=person.name, via=None, text=said[2],
                                       start=said[0], end=said[1]))
    return persons, testimony


def _name_after(tokens: list[Token], at: int, hi: int) -> tuple[int, int] | None:
    """"شاهد عيان يدعى أحمد العلي": the words after a naming word."""
    if at < hi and tokens[at].text in NAMING:
        return _name_run(tokens, at + 1, hi)
    return None


def _name_before(tokens: list[Token], cue: int, lo: int) -> tuple[int, int] | None:
    """"قال أحمد العلي، أحد الناجين": the words between a reporting verb and the cue."""
    end = cue
    if end > lo and tokens[end - 1].text in ("،", ","):
        end -= 1
    for start in range(max(lo, end - NAME_WORDS - 1), end):
        found = _verbs().match(tokens, start)
        if found and start + found[0] < end:
            first = start + found[0]
            if end - first <= NAME_WORDS and all(_is_name_word(t) for t in tokens[first:end]):
                return first, end
    return None


def _name_run(tokens: list[Token], first: int, hi: int) -> tuple[int, int] | None:
    last = first
    while last < hi and last - first < NAME_WORDS and _is_name_word(tokens[last]):
        last += 1
    return (first, last) if last - first >= 1 else None


def _testimony(text: ArabicText, tokens: list[Token], at: int, hi: int
               ) -> tuple[int, int, str] | None:
    """The quoted words after the witness (or the rest of the sentence after a colon)."""
    if at >= hi:
        return None
    k = at
    while k < hi and tokens[k].text in ("،", ",", ":"):
        k += 1
    if k < hi - 1 and tokens[k].text in THAT:   # "... أحد الناجين، إن الطائرات عادت"
        s, e = text.original_span(tokens[k + 1].start, tokens[hi - 1].end)
        words = text.original[s:e].rstrip(" .")
        return s, s + len(words), words
    start, end = text.original_span(tokens[at].start, tokens[hi - 1].end)
    part = text.original[start:end]
    for i, char in enumerate(part):
        if char in QUOTES or char == ":":
            words = part[i + 1:].strip(" " + QUOTES)
            if words:
                s = start + part.index(words, i)
                return s, s + len(words), words
            break
    return None
