"""Folding Arabic text for matching, with a map back to the original offsets.

Reports write one word many ways: with or without diacritics and tatweel, أ/إ/آ/ا, ى/ي,
ة/ه, ؤ/و, ئ/ي, Eastern Arabic digits (٥٥) or Western ones, and obfuscated words ("تقـ.ـصف").
Matching runs on one folded form; ``ArabicText.original_span`` turns a folded span back into
offsets of the report's own text, so evidence always quotes the original words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_DROPPED = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200c-\u200f]")
# an obfuscation inside a word: tatweel, a dot, tatweel ("مجـ.ـزرة")
_OBFUSCATION = re.compile(r"(?<=[\u0621-\u064a])\u0640+[.\u2024]\u0640*(?=[\u0621-\u064a])")
_LETTERS = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي",
    "ک": "ك", "ی": "ي", "ھ": "ه",
    **{chr(0x0660 + i): str(i) for i in range(10)},   # Eastern Arabic digits
    **{chr(0x06F0 + i): str(i) for i in range(10)},   # Persian digits
    "٬": ",", "٫": ".",
})
ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """The folded form of a word or phrase (data files are folded with this too)."""
    return _DROPPED.sub("", _OBFUSCATION.sub("", word)).translate(_LETTERS)


@dataclass(frozen=True)
class ArabicText:
    """A report's text and its folded form; ``starts[i]`` is the original offset of folded
    character ``i`` (one more entry for the end)."""

    original: str
    folded: str
    starts: tuple[int, ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Original offsets of the folded span ``[start, end)``."""
        if end <= start:
            return self.starts[start], self.starts[start]
        return self.starts[start], self.starts[end - 1] + 1

    def quote(self, start: int, end: int) -> str:
        """The original words under a folded span."""
        s, e = self.original_span(start, end)
        return self.original[s:e]


def fold_text(text: str) -> ArabicText:
    """Fold ``text`` keeping the offset of every kept character."""
    dropped = [False] * len(text)
    for match in _OBFUSCATION.finditer(text):
        for i in range(match.start(), match.end()):
            dropped[i] = True
    for match in _DROPPED.finditer(text):
        dropped[match.start()] = True
    kept = [i for i, gone in enumerate(dropped) if not gone]
    folded = "".join(text[i] for i in kept).translate(_LETTERS)
    return ArabicText(text, folded, (*kept, len(text)))



