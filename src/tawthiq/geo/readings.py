"""The readings of a name: the ways a report's words may name a gazetteer place, weakest last.

A query is read without its feature word, as each alternative it lists, in direction forms,
with a glued article split and as a landmark kind ("Tiyas airbase"), each with a penalty
(``variants``). A gazetteer name is read as the parts of it that reports use alone
(``name_cores``: "Umm Nour" of Umm Nour Dam). Weights: ``ranking.json``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from tawthiq.geo.features import (
    arabic_readings,
    direction_variants,
    split_feature_word,
    trailing_directions,
)
from tawthiq.geo.landmarks import kind_readings
from tawthiq.geo.names import articles, generic_words, is_arabic, keys, split_glued_article
from tawthiq.geo.weights import W


def variants(name: str) -> list[tuple[str, str | None, float]]:
    """The name without its feature word, its parts when it lists alternatives
    ("Tall Hawash/Al Hawash village", "Ayn al-Arab (Kobani)"), and direction forms; each with
    a score penalty for being a weaker reading."""
    core, word = split_feature_word(name)
    out = [(core, word, 0.0)]
    if "(" in core or "/" in core:  # (most names list no alternatives)
        inner = re.findall(r"\(([^)]+)\)", core)
        outer = re.sub(r"\([^)]*\)", " ", core)
        parts = [p for p in re.split(r"\s*/\s*", outer) if p.strip()] + inner
        if len(parts) > 1 or inner:
            out += [(*core_and_word(p, word), 0.0) for p in parts]
    for text, _, _ in list(out):
        out += [(v, word, penalty) for v, penalty in direction_variants(text)]
    for text, own_word, penalty in list(out):
        unglued = split_glued_article(text)  # "Dahiet Elasad": Dahiyat al-Asad
        if unglued != text:
            out.append((unglued, own_word, penalty + W.glued_article_penalty))
    if not core.isascii() and is_arabic(core):  # "قرية تير معلة", "وتير معلة"
        out += arabic_readings(core)
    for text, own_word, penalty in list(out):  # "Tiyas military airbase": "Tiyas airbase"
        if own_word:
            out += [(reading, own_word, penalty) for reading in kind_readings(text, own_word)]
    return out



def core_and_word(part: str, word: str | None) -> tuple[str, str | None]:
    """A listed alternative without its own feature word ("Tiyas Military Airbase" of
    "Tiyas Military Airbase (T4)"), keeping the word of the whole name when it has none."""
    core, own = split_feature_word(part)
    return core, own or word



def name_cores(folded: str) -> list[tuple[str, float]]:
    """Parts of a gazetteer name (its ``fold`` key) that reports use alone, each with the share
    of the name's similarity it keeps: the name without its kind word ("umm nour dam"),
    without a trailing direction adjective ("as sawsana al janubiyah": the southern one),
    without a generic head ("mukhayyam az zaytun", the camp of Az Zaytun; name_parts.json) or
    without a trailing "al X" qualifier ("marj al ward", Marj of the roses)."""
    words = folded.split()
    if len(words) < 2 or is_arabic(folded):
        return []
    out: list[tuple[str, float]] = []
    core, word = split_feature_word(folded)
    if word and core != folded:
        out.append((core, W.part_reading["kind"]))
    if words[-1] in trailing_directions():
        rest = words[:-2] if len(words) > 2 and words[-2] in articles() else words[:-1]
        if rest:
            out.append((" ".join(rest), W.part_reading["direction"]))
    head = is_generic_head(words[0])
    if head:
        out.append((" ".join(words[1:]), W.part_reading["head"]))
    if len(words) >= 3 and words[-2] in articles() and not (len(words) == 3 and head):
        out.append((" ".join(words[:-2]), W.part_reading["qualifier"]))
    unique: dict[str, float] = {}
    for core, share in out:  # a core once, with the share of its first (strongest) reading
        unique.setdefault(core, share)
    return list(unique.items())


def is_generic_head(word: str) -> bool:
    """A generic head (name_parts.json), also in its pausal form: a head in construct state
    ends in -at ("Mashrafat X"), the same noun alone in -ah or -a ("Mashrafah X" too)."""
    heads = generic_words()[0]
    if word in heads:
        return True
    for ending in ("ah", "eh", "a", "e"):
        if word.endswith(ending) and word[: -len(ending)] + "at" in heads:
            return True
    return False


@lru_cache(maxsize=50_000)
def core_keys(name: str) -> frozenset[str]:
    """The bare keys of a place name's cores: the words name the place itself, not one of its
    alternates, when they are its own name's core ("Sawsana" of "As Sawsana al Janubiyah")."""
    return frozenset(keys(core)[1] for core, _ in name_cores(keys(name)[0]))
