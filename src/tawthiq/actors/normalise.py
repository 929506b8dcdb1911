"""Name normalisation for actor and outlet aliases.

Reports spell the same group many ways: "Hay'at Tahrir al-Sham", "Hayat Tahrir al Sham",
"هيئة تحرير الشام". Both the registry's aliases and the report's words go through the same
token normaliser, so an alias matches when the words match after case, punctuation, diacritics,
Arabic article and Arabic letter-variant differences are removed. A second, looser
"skeleton" key (consonants only) absorbs vowel and digraph variation in transliterations
("Zainabiyoun" / "Zaynabiyun"); it is used only for long, capitalised names.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from unidecode import unidecode

_ARABIC_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640"
# A word: letters/digits, Arabic marks inside it, joined by in-word apostrophes ("Hay'at").
_WORD = re.compile(
    r"(?:[A-Z]\.){2,}(?![A-Za-z])"  # "U.S.", "U.N.": one word
    rf"|(?:[^\W_]|[{_ARABIC_MARKS}])+(?:['’ʼʿʾ‘`](?:[^\W_]|[{_ARABIC_MARKS}])+)*"
)
_ARABIC_CHAR = re.compile(r"[\u0600-\u06ff]")
_ARABIC_MARK_RE = re.compile(f"[{_ARABIC_MARKS}]")
_ARABIC_LETTERS = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ة": "ه",
        "ؤ": "و",
        "ئ": "ي",
        "ک": "ك",
        "ی": "ي",
    }
)
_ARABIC_PREFIXES = ("وال", "بال", "فال", "كال", "ال")
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
# Transliterated Arabic article forms dropped from keys: "al-", "el-", sun-letter assimilations.
_ARTICLE_ALWAYS = {"al", "the"}
_ARTICLE_BEFORE_HYPHEN = {
    "el",
    "ul",
    "ad",
    "adh",
    "an",
    "ar",
    "as",
    "ash",
    "at",
    "ath",
    "az",
    "ed",
    "es",
    "esh",
    "et",
    "ez",
    "er",
    "en",
}
_HYPHENS = "-‐‑‒–"
_DIGRAPHS = (
    ("kh", "k"),
    ("gh", "g"),
    ("dh", "d"),
    ("th", "t"),
    ("sh", "s"),
    ("ch", "s"),
    ("ph", "f"),
    ("q", "k"),
    ("w", "u"),
    ("j", "g"),
    ("z", "s"),
)
_VOWELS = re.compile(r"[aeiouy]")


class Token(NamedTuple):
    """One word of a text: its key for matching, its offsets, and how it was written (a named
    tuple: a report's whole text is tokenised for outlets and actors, and a frozen dataclass
    cost three times as much to make)."""

    key: str  # normalised form; "" for a dropped article
    start: int
    end: int
    raw: str

    @property
    def capitalised(self) -> bool:
        return (
            bool(_ARABIC_CHAR.match(self.raw)) or self.raw[:1].isupper() or self.raw[:1].isdigit()
        )


@lru_cache(maxsize=65536)
def normalise_word(word: str) -> str:
    """The matching key of one word: lower-case ASCII for Latin, normalised letters for Arabic."""
    if _ARABIC_CHAR.search(word):
        return _normalise_arabic(word)
    word = _POSSESSIVE.sub("", word)
    folded = unidecode(unicodedata.normalize("NFKC", word)).lower()
    return _singular(re.sub(r"[^a-z0-9]", "", folded))


def _singular(word: str) -> str:
    """Drop a plural -s so "rebel"/"rebels" and "militia"/"militias" share one key."""
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss") and word.isalpha():
        return word[:-1]
    return word


def _normalise_arabic(word: str) -> str:
    word = _ARABIC_MARK_RE.sub("", word).translate(_ARABIC_LETTERS)
    word = re.sub(r"[^\u0621-\u064a0-9]", "", word)
    for prefix in _ARABIC_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            return word[len(prefix) :]
    return word


def tokenize(text: str) -> list[Token]:
    """Words of ``text`` with their keys; article forms get the empty key (skipped in keys)."""
    return list(_tokens(text))


@lru_cache(maxsize=256)
def _tokens(text: str) -> tuple[Token, ...]:
    """Remembered for the last texts: extraction scans a report's whole text for outlets and
    for actors (the words are the same for both), and words were the costly part."""
    tokens = []
    for match in _WORD.finditer(text):
        raw = match.group()
        key = normalise_word(raw)
        follows = text[match.end() : match.end() + 1]
        if key in _ARTICLE_ALWAYS or (
            key in _ARTICLE_BEFORE_HYPHEN and follows and follows in _HYPHENS
        ):
            key = ""
        tokens.append(Token(key, match.start(), match.end(), raw))
    return tuple(tokens)


def key_of(text: str) -> tuple[str, ...]:
    """The exact-match key of a whole name: its non-article word keys."""
    return tuple(t.key for t in tokenize(text) if t.key)


def normalise(text: str) -> str:
    """A readable normal form of a name (the exact key joined by spaces)."""
    return " ".join(key_of(text))


@lru_cache(maxsize=65536)
def skeleton_word(key: str) -> str:
    """A consonant skeleton of a Latin key: first letter kept, vowels dropped, digraphs folded."""
    if not key or not key.isascii() or key.isdigit():
        return key
    word = key
    for digraph, single in _DIGRAPHS:
        word = word.replace(digraph, single)
    word = word[0] + _VOWELS.sub("", word[1:])
    word = re.sub(r"(.)\1+", r"\1", word)
    if len(word) > 3 and word.endswith("h"):
        word = word[:-1]
    return word


def skeleton_of(key: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(skeleton_word(k) for k in key)


def skeleton_is_distinctive(skel: tuple[str, ...]) -> bool:
    """Only skeletons long enough not to collide with ordinary words are indexed."""
    return sum(len(s) for s in skel) >= 6 and all(s.isascii() for s in skel)
