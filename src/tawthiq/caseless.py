"""Case-insensitive patterns matched faster on lower-cased ASCII text.

CPython's ``re`` compares every character both ways when it ignores case and cannot skip ahead
to a pattern's first letters, so the long case-insensitive word lists that scan each report
(means of violence, dates, counts, the cues around place names) cost about twice what the
same patterns cost matched case-sensitively. On ASCII text - nearly every English report - the
pattern with its letters lower-cased, matched case-sensitively on the lower-cased text, finds
the very same spans (lower-casing ASCII keeps every offset). ``Caseless`` does that, and
matches with the case-insensitive pattern itself on any other text, or when its letters cannot
be lower-cased without changing what it means (escapes that spell a character, inline flags,
non-ASCII letters).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_INLINE_FLAGS = re.compile(r"\(\?[aiLmsux-]+[:)]")
_SPELLED_ESCAPES = set("xuUN0123456789")  # "\x41" is "A": not lowered by lower-casing


def lowered(text: str) -> str | None:
    """The text lower-cased when it is ASCII (same length, same offsets), else None."""
    return text.lower() if text.isascii() else None


class Caseless:
    """A case-insensitive pattern. On the fast path the matches are taken on the lower-cased
    text: their spans are the text's, their groups' words lower-cased - callers use spans, or
    groups they lower-case themselves."""

    __slots__ = ("regex", "twin")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.regex = re.compile(pattern, flags | re.IGNORECASE)
        self.twin = _lower_twin(pattern, flags & ~re.IGNORECASE)

    def finditer(self, text: str, lower: str | None = None) -> Iterator[re.Match[str]]:
        """Matches in ``text``; ``lower`` is ``lowered(text)`` when the caller has it."""
        regex, text = self._for(text, lower)
        return regex.finditer(text)

    def search(self, text: str, lower: str | None = None) -> re.Match[str] | None:
        regex, text = self._for(text, lower)
        return regex.search(text)

    def match(self, text: str, lower: str | None = None) -> re.Match[str] | None:
        regex, text = self._for(text, lower)
        return regex.match(text)

    def _for(self, text: str, lower: str | None) -> tuple[re.Pattern[str], str]:
        if self.twin is not None:
            lower = lower if lower is not None else lowered(text)
            if lower is not None:
                return self.twin, lower
        return self.regex, text


def _lower_twin(pattern: str, flags: int) -> re.Pattern[str] | None:
    """The pattern with its letters lower-cased (escapes kept), compiled case-sensitively;
    None when that would not match exactly what the case-insensitive pattern matches."""
    if _INLINE_FLAGS.search(pattern) or any(
            not c.isascii() and (c.lower() != c or c.upper() != c) for c in pattern):
        return None
    out, i = [], 0
    while i < len(pattern):
        if pattern[i] == "\\" and i + 1 < len(pattern):
            if pattern[i + 1] in _SPELLED_ESCAPES:
                return None
            out.append(pattern[i:i + 2])
            i += 2
            continue
        if pattern.startswith("(?P", i):  # a group's name or reference, kept as written
            end = pattern.index(">" if pattern.startswith("(?P<", i) else ")", i)
            out.append(pattern[i:end + 1])
            i = end + 1
            continue
        out.append(pattern[i].lower())
        i += 1
    if re.search(r"[A-Z]-[^A-Z\]]|[^A-Z\\]-[A-Z]", pattern):
        return None  # a range from a capital to something else ("[A-z]") spans other signs
    return re.compile("".join(out), flags)
