"""Witness protection: who may see a witness's name, and how text is redacted for everyone else.

Redaction happens on the server, before anything is rendered or serialised, so a name never
reaches a browser, a script or an export file that is not cleared for it. Two sources of
spans are combined: the offsets the extractor recorded for each witness (and for testimony
given by a witness), and every further occurrence of the witness's name or of its parts in
any text shown (a title, a quote, a claim, another report), since a name recorded once at one
offset is often repeated ("Mr. Haddad said ...").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from tawthiq.settings import get_settings

WITNESS_MARK = "[witness]"
TESTIMONY_MARK = "[witness testimony withheld]"
WITHHELD_MARK = "[text withheld: not yet analysed for witness names]"

def analysed_languages() -> frozenset[str]:
    """Languages an extractor reads, and so finds witnesses in (settings ``extractors``). A
    report in any other language has no witness recorded, so its text is withheld from those
    not cleared rather than shown unredacted."""
    return frozenset(get_settings().extractors)


# Roles cleared to read witness names: the analysts who review the reports and the admins.
CLEARED_ROLES = frozenset({"analyst", "admin"})

# Name particles that are not identifying on their own (Arabic kunya/nasab/article and
# honorifics); a witness called "Abu Ahmad al-Sayed" is redacted by "Ahmad" and "Sayed",
# not by every "Abu" or "al" in the report.
NAME_PARTICLES = frozenset({
    "al", "el", "abu", "abou", "umm", "um", "bin", "ben", "ibn", "bint", "abd", "abdel", "abdul",
    "mr", "mrs", "ms", "dr", "sheikh", "haji", "hajji", "the", "de", "van", "von",
    # the same particles in Arabic script (folded: no hamza on the alef)
    "ابو", "ام", "بن", "ابن", "بنت", "عبد", "ال", "الحاج", "الحاجه", "الشيخ", "السيد", "السيده",
    "الدكتور", "د",
})
MIN_PART_LENGTH = 3
WORD = re.compile(r"\w+")
# Arabic script: a name is found whatever its hamza, alef, ya and ta marbuta forms, with
# diacritics or tatweel inside it, and with a proclitic glued before it ("لأحمد", "وبأحمد").
ARABIC = re.compile(r"[\u0600-\u06ff]")
_ARABIC_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه",
                              "ؤ": "و", "ئ": "ي"})
_ARABIC_MARKS = re.compile(r"[\u064b-\u065f\u0670\u0640]")
_ARABIC_CLASSES = {"ا": "[اأإآٱ]", "ي": "[يىئ]", "ه": "[هة]", "و": "[وؤ]"}
_PROCLITIC = "(?:[وف]?[بلك]?|[وف]?لل)?"
_ARABIC_PREFIXES = ("وال", "بال", "فال", "كال", "لل", "ال", "وب", "ول", "فب", "فل", "و", "ف", "ب",
                    "ل", "ك")


def can_see_witnesses(role: str | None) -> bool:
    """True for roles cleared to read witness names (analyst, admin); False for viewers,
    anonymous callers and unknown roles."""
    return role in CLEARED_ROLES


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping spans; touching or overlapping spans become one."""
    merged: list[list[int]] = []
    for start, end in sorted((s, e) for s, e in spans if e > s):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def redact_text(text: str, spans: list[tuple[int, int]], mark: str = WITNESS_MARK) -> str:
    """``text`` with every span (character offsets, clipped to the text) replaced by ``mark``;
    overlapping spans are replaced once."""
    length = len(text)
    clipped = [(max(0, s), min(length, e)) for s, e in spans if s is not None and e is not None]
    pieces: list[str] = []
    cursor = 0
    for start, end in merge_spans(clipped):
        pieces.append(text[cursor:start])
        pieces.append(mark)
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)


def fold_arabic(text: str) -> str:
    """Arabic letters folded for comparing names (no marks; one alef, ya, ha, waw)."""
    return _ARABIC_MARKS.sub("", text).translate(_ARABIC_FOLD)


def name_parts(name: str) -> list[str]:
    """The full name and each identifying part of it (particles and initials left out)."""
    cleaned = " ".join(name.split())
    parts = [cleaned] if cleaned else []
    for token in re.split(r"[\s\-'’.,،]+", cleaned):
        key = fold_arabic(token.lower())
        if len(key) >= MIN_PART_LENGTH and key not in NAME_PARTICLES:
            parts.append(token)
    return parts


def _part_pattern(part: str) -> str:
    """A regex for one name part: as written for Latin script; for Arabic script, any
    spelling variant of its letters, marks allowed inside, a proclitic allowed before."""
    if not ARABIC.search(part):
        return re.escape(part)
    letters = [_ARABIC_CLASSES.get(c, re.escape(c)) for c in fold_arabic(part)]
    marks = "[\u064b-\u065f\u0670\u0640]*"
    return _PROCLITIC + marks.join(letters) + marks


def word_keys(text: str) -> set[str]:
    """The words of a text as name parts could meet them: case-folded, Arabic letters folded,
    and each Arabic word also without a proclitic or article before it."""
    keys = set()
    for word in WORD.findall(fold_arabic(text.casefold())):
        keys.add(word)
        if ARABIC.search(word):
            keys.update(word[len(p):] for p in _ARABIC_PREFIXES
                        if word.startswith(p) and len(word) - len(p) >= 2)
    return keys


@dataclass
class Redactor:
    """Finds witness names in any text; built from every witness name the viewer might meet."""

    names: list[str] = field(default_factory=list)
    # True for someone not cleared: texts the extractor could not analyse are withheld whole.
    uncleared: bool = False
    # Words that are not looked for on their own although some witness name holds them (the
    # places of the store: a town mistaken for a witness must not vanish from every report);
    # a full name that holds them still is, and the spans recorded for a witness always are.
    not_names: frozenset[str] = frozenset()

    def withholds(self, language: str | None) -> bool:
        """Whether a whole report in ``language`` must be withheld from this reader."""
        return self.uncleared and (language or "en") not in analysed_languages()

    def __post_init__(self) -> None:
        excluded = {fold_arabic(w.casefold()) for w in self.not_names}
        parts = sorted({p for n in self.names for p in name_parts(n)
                        if fold_arabic(p.casefold()) not in excluded}, key=len, reverse=True)
        self.parts = {fold_arabic(p.casefold()) for p in parts}
        # Every word of every name: a text with none of them cannot contain a name, and
        # finding that out is much cheaper than running the pattern (10,000 map titles).
        self.words = {fold_arabic(w.casefold()) for n in self.names for w in WORD.findall(n)}
        self.pattern = (re.compile(r"(?<!\w)(?:" + "|".join(_part_pattern(p) for p in parts)
                                   + r")(?!\w)", re.IGNORECASE) if parts else None)
        # A part can only occur in a text that has each of its words: the parts worth looking
        # for in a text are found from its words, and only they go into the pattern run on it
        # (one alternative per witness name part made every text cost milliseconds).
        self._parts_by_word: dict[str, list[tuple[int, str, frozenset[str]]]] = {}
        for rank, part in enumerate(parts):
            words = frozenset(WORD.findall(fold_arabic(part.casefold())))
            for word in words:
                self._parts_by_word.setdefault(word, []).append((rank, part, words))
        self._patterns: dict[tuple[str, ...], re.Pattern] = {}

    def might_name(self, text: str) -> bool:
        """False when ``text`` has no word of any witness name (so nothing to redact)."""
        return bool(self.pattern) and not self.words.isdisjoint(word_keys(text))

    def name_spans(self, text: str) -> list[tuple[int, int]]:
        if not self.pattern or not text:
            return []
        keys = word_keys(text)
        if self.words.isdisjoint(keys):
            return []
        pattern = self._pattern_for(keys)
        # A name is written as one: "War" is a name part, "war monitor" is not (Arabic
        # script has no case, so nothing is lower case there).
        return [m.span() for m in pattern.finditer(text)
                if not m.group()[0].islower()] if pattern else []

    def _pattern_for(self, keys: set[str]) -> re.Pattern | None:
        """The pattern of the parts whose words are all among ``keys``, longest first."""
        found = {entry for word in keys & self._parts_by_word.keys()
                 for entry in self._parts_by_word[word] if entry[2] <= keys}
        if not found:
            return None
        chosen = tuple(part for _rank, part, _words in sorted(found))
        pattern = self._patterns.get(chosen)
        if pattern is None:
            if len(self._patterns) > 4096:
                self._patterns.clear()
            pattern = self._patterns[chosen] = re.compile(
                r"(?<!\w)(?:" + "|".join(_part_pattern(p) for p in chosen) + r")(?!\w)",
                re.IGNORECASE)
        return pattern

    def spans(self, text: str, extra: Iterable[tuple[int, int]] = ()) -> list[tuple[int, int]]:
        """Recorded spans plus every occurrence of a name part, merged."""
        return merge_spans([*extra, *self.name_spans(text)])

    def text(self, text: str | None, extra: Iterable[tuple[int, int]] = ()) -> str | None:
        """``text`` with witness names (and the ``extra`` recorded spans) replaced."""
        if text is None:
            return None
        extra = list(extra)
        if not extra and (not self.pattern or self.words.isdisjoint(word_keys(text))):
            return text
        spans = self.spans(text, extra)
        return redact_text(text, spans) if spans else text

    def is_name_part(self, word: str) -> bool:
        return fold_arabic(word.casefold()) in self.parts

    def is_witness(self, speaker: str | None) -> bool:
        """A speaker who is, or whose name contains, a witness."""
        return bool(speaker) and bool(self.name_spans(speaker))
