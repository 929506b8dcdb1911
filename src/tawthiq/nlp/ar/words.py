"""Token-level lookups that allow Arabic proclitics: a word of a data file matches a token
written with و ف ب ل ك or the article before it ("وبريف", "بالقصف"), and phrases of several
words match token runs."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.attrs import IDX, IS_SPACE, LENGTH

from tawthiq.nlp.ar.text import fold

_PREFIXES = ("وبال", "وال", "بال", "فال", "كال", "لل", "ال", "وب", "ول", "فب", "فل", "وك", "و",
             "ف", "ب", "ل", "ك")
_WORD = re.compile(r"\d+(?:[.,:/]\d+)*|[\u0621-\u064a]+|\S")


@dataclass(frozen=True, slots=True)
class Token:
    """A token of the folded text: its words and offsets into the folded text."""

    text: str
    start: int
    end: int


@lru_cache(maxsize=65536)
def bases(word: str) -> tuple[str, ...]:
    """The word and its readings without proclitics, longest first: "وبالقصف" ->
    ("وبالقصف", "القصف", "قصف", ...). Readings keep at least two letters."""
    out = [word]
    for prefix in _PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            rest = word[len(prefix):]
            if rest not in out:
                out.append(rest)
            if prefix.endswith("ال") and rest not in out:
                out.append(rest)
            if prefix.endswith("لل"):   # "للبلدة" = ل + البلدة (the article's alef dropped)
                with_article = "ال" + rest
                if with_article not in out:
                    out.append(with_article)
    return tuple(out)


def tokens_of(doc_or_text: Any) -> list[Token]:
    """Tokens of a spaCy Doc (over folded text) or of a folded string."""
    if isinstance(doc_or_text, str):
        return [Token(m.group(), m.start(), m.end()) for m in _WORD.finditer(doc_or_text)]
    text = doc_or_text.user_data.get("tawthiq_text") or doc_or_text.text
    array = doc_or_text.to_array([IDX, LENGTH, IS_SPACE])   # no Python object per spaCy token
    return [Token(text[start:start + length], start, start + length)
            for start, length, space in array.tolist() if not space]


class Phrases:
    """Phrases (one or more words, folded) with a payload each; longest match first."""

    def __init__(self, entries: Iterable[tuple[str, Any]]) -> None:
        self.first: dict[str, list[tuple[tuple[str, ...], Any]]] = {}
        for phrase, payload in entries:
            words = tuple(fold(phrase).split())
            if words:
                self.first.setdefault(words[0], []).append((words, payload))
        for options in self.first.values():
            options.sort(key=lambda item: -len(item[0]))
        self.keys = frozenset(self.first)

    def match(self, tokens: list[Token], i: int) -> tuple[int, Any] | None:
        """(number of tokens, payload) of the longest phrase starting at token ``i``."""
        forms = bases(tokens[i].text)
        if self.keys.isdisjoint(forms):
            return None
        for base in forms:
            for words, payload in self.first.get(base, ()):
                n = len(words)
                if i + n <= len(tokens) and all(tokens[i + k].text == words[k]
                                                or words[k] in bases(tokens[i + k].text)
                                                for k in range(1, n)):
                    return n, payload
        return None

    def contains(self, word: str) -> bool:
        return any(b in self.first for b in bases(word))

    def find(self, tokens: list[Token], lo: int = 0, hi: int | None = None
             ) -> list[tuple[int, int, Any]]:
        """Every (start token, end token, payload) in ``tokens[lo:hi]``, leftmost-longest."""
        hi = len(tokens) if hi is None else hi
        out, i = [], lo
        keys = self.keys
        while i < hi:
            if keys.isdisjoint(bases(tokens[i].text)):
                i += 1
                continue
            found = self.match(tokens, i)
            if found and i + found[0] <= hi:
                out.append((i, i + found[0], found[1]))
                i += found[0]
            else:
                i += 1
        return out
