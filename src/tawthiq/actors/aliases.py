"""An alias index: exact, skeleton and fuzzy lookup of names, and a scan for names in text.

Shared by the actor registry and the outlet list. Each alias maps to one or more entry ids in
priority order (the order the data files list them), so one phrase ("government forces") can
stand for several entries that differ by date.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from tawthiq.actors.normalise import (
    Token,
    key_of,
    skeleton_is_distinctive,
    skeleton_of,
    skeleton_word,
    tokenize,
)

FUZZY_CUTOFF = 92.0
FUZZY_MIN_CHARS = 7
FUZZY_REMEMBERED = 50_000  # fuzzy look-ups an index remembers


@dataclass(slots=True)
class AliasMatch:
    """A span of text that spells a known alias."""

    start: int
    end: int
    text: str
    ids: list[str]
    exact: bool = True
    before: str = ""  # the word right before, when only a space or hyphen separates them


@dataclass
class AliasIndex:
    exact: dict[tuple[str, ...], list[str]] = field(default_factory=lambda: defaultdict(list))
    skeleton: dict[tuple[str, ...], list[str]] = field(default_factory=lambda: defaultdict(list))
    case_sensitive: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    _exact_prefixes: set[tuple[str, ...]] = field(default_factory=set)
    _skeleton_prefixes: set[tuple[str, ...]] = field(default_factory=set)
    _exact_firsts: set[str] = field(default_factory=set)      # first words of the aliases
    _skeleton_firsts: set[str] = field(default_factory=set)
    _fuzzy_choices: list[str] = field(default_factory=list)
    _fuzzy_ids: list[list[str]] = field(default_factory=list)
    _fuzzy_found: dict[str, tuple[int | None, float]] = field(default_factory=dict)

    def add(self, alias: str, entry_id: str, *, case_sensitive: bool = False) -> None:
        """Index ``alias`` for ``entry_id``; case-sensitive ones ("IS", "US") match as written."""
        if case_sensitive:
            _append_unique(self.case_sensitive[alias.replace(".", "").strip()], entry_id)
            return
        key = key_of(alias)
        if not key:
            return
        _append_unique(self.exact[key], entry_id)
        self._exact_prefixes.update(key[:i] for i in range(1, len(key) + 1))
        self._exact_firsts.add(key[0])
        skel = skeleton_of(key)
        if skeleton_is_distinctive(skel):
            _append_unique(self.skeleton[skel], entry_id)
            self._skeleton_prefixes.update(skel[:i] for i in range(1, len(skel) + 1))
            self._skeleton_firsts.add(skel[0])

    def freeze(self) -> None:
        """Prepare the fuzzy-lookup table once all aliases are added."""
        self._fuzzy_choices = [" ".join(k) for k in self.exact]
        self._fuzzy_ids = list(self.exact.values())
        self._fuzzy_found = {}

    def lookup(self, mention: str) -> tuple[list[str], float]:
        """Entry ids for a mention and a score: 1.0 exact, lower for skeleton or fuzzy matches."""
        stripped = mention.replace(".", "").strip()
        if stripped in self.case_sensitive:
            return list(self.case_sensitive[stripped]), 1.0
        key = key_of(mention)
        if not key:
            return [], 0.0
        if key in self.exact:
            return list(self.exact[key]), 1.0
        skel = skeleton_of(key)
        if skeleton_is_distinctive(skel) and skel in self.skeleton:
            return list(self.skeleton[skel]), 0.95
        return self._fuzzy(" ".join(key))

    def _fuzzy(self, joined: str) -> tuple[list[str], float]:
        if len(joined) < FUZZY_MIN_CHARS or not self._fuzzy_choices:
            return [], 0.0
        found = self._fuzzy_found.get(joined)
        if found is None:  # remembered: the names of a run's reports are asked again and again
            if len(self._fuzzy_found) >= FUZZY_REMEMBERED:
                self._fuzzy_found.clear()
            found = self._fuzzy_found[joined] = self._fuzzy_best(joined)
        position, score = found
        return ([], 0.0) if position is None else (list(self._fuzzy_ids[position]), score)

    def _fuzzy_best(self, joined: str) -> tuple[int | None, float]:
        best = process.extractOne(
            joined, self._fuzzy_choices, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF
        )
        if best is None:
            return None, 0.0
        _, score, position = best
        return position, round(score / 100.0, 3)

    def scan(self, text: str) -> list[AliasMatch]:
        """Non-overlapping alias spans in ``text``, leftmost-longest, in text order."""
        tokens = tokenize(text)
        matches: list[AliasMatch] = []
        i = 0
        while i < len(tokens):
            found = self._longest_at(text, tokens, i)
            if found is None:
                i += 1
                continue
            last, ids, exact = found
            start, end = tokens[i].start, tokens[last].end
            before = _word_before(text, tokens, i)
            matches.append(AliasMatch(start, end, text[start:end], ids, exact, before))
            i = last + 1
        return matches

    def _longest_at(
        self, text: str, tokens: list[Token], i: int
    ) -> tuple[int, list[str], bool] | None:
        first = tokens[i]
        if not first.key:
            return None
        if (  # most words begin no alias: told apart without building keys
            first.key not in self._exact_firsts
            and first.raw.replace(".", "") not in self.case_sensitive
            and skeleton_word(first.key) not in self._skeleton_firsts
        ):
            return None
        best = self._extend(text, tokens, i, self.exact, self._exact_prefixes, lambda t: t.key)
        if best is not None:
            return best[0], best[1], True
        if first.capitalised:
            skel = self._extend(
                text,
                tokens,
                i,
                self.skeleton,
                self._skeleton_prefixes,
                lambda t: skeleton_word(t.key),
                capitalised_only=True,
            )
            if skel is not None:
                return skel[0], skel[1], False
        ids = self.case_sensitive.get(first.raw.replace(".", ""))
        if ids:
            return i, list(ids), True
        return None

    @staticmethod
    def _extend(
        text: str,
        tokens: list[Token],
        i: int,
        table: dict,
        prefixes: set,
        word_key,
        capitalised_only: bool = False,
    ) -> tuple[int, list[str]] | None:
        """Walk forward from token ``i`` while the words stay a prefix of some alias."""
        key: tuple[str, ...] = ()
        best = None
        for j in range(i, len(tokens)):
            token = tokens[j]
            if j > i and not _adjacent(text, tokens[j - 1], token):
                break
            if not token.key:
                continue
            if capitalised_only and not token.capitalised:
                break
            key = key + (word_key(token),)
            if key not in prefixes:
                break
            if key in table:
                best = (j, list(table[key]))
        return best


def _word_before(text: str, tokens: list[Token], i: int) -> str:
    if i == 0:
        return ""
    previous = tokens[i - 1]
    gap = text[previous.end : tokens[i].start]
    return previous.raw if len(gap) <= 2 and all(ch in " -‐‑" for ch in gap) else ""


_JOINERS = set(" \t\n-‐‑‒–/")


def _adjacent(text: str, previous: Token, token: Token) -> bool:
    """Words of one name are separated by spaces or hyphens only, never by a comma or a stop."""
    gap = text[previous.end : token.start]
    if len(previous.raw) == 1:  # "U.S.-led": the stops of an abbreviation join its letters
        gap = gap.replace(".", "")
    return len(gap) <= 3 and all(ch in _JOINERS for ch in gap)


def _append_unique(items: list[str], value: str) -> None:
    if value not in items:
        items.append(value)


def build_index(pairs: Iterable[tuple[str, str, bool]]) -> AliasIndex:
    """An index from (alias, entry id, case_sensitive) triples."""
    index = AliasIndex()
    for alias, entry_id, case_sensitive in pairs:
        index.add(alias, entry_id, case_sensitive=case_sensitive)
    index.freeze()
    return index
