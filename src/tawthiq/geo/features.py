"""Feature words of place names: the "village" of "Teir Maaleh village", the "Military Airbase"
of "Tiyas Military Airbase", the "the village of" of "the village of X", direction words
("Western Ghariyah"), and the places named inside a longer name ("Bank of Freedonia"). The
words are data: ``tawthiq/data/geo/feature_words.json``.

Every other geo module reads feature words through this one; it depends on no other geo module
but the data loader and the weights.
"""

from __future__ import annotations

import re
from functools import lru_cache

from tawthiq import knowledge
from tawthiq.geo.datafiles import load_json
from tawthiq.geo.weights import W


@lru_cache(maxsize=1)
def feature_words() -> dict:
    """``feature_words.json``: feature, cue, part-of and direction words."""
    return load_json("feature_words.json")


@lru_cache(maxsize=1)
def _feature_word_re() -> tuple[re.Pattern, re.Pattern]:
    words = sorted(feature_words()["feature_words"], key=len, reverse=True)
    alternation = "|".join(re.escape(w) for w in words)
    after = re.compile(rf"^(?P<core>.+?)[\s,]+(?P<word>{alternation})\.?$", re.IGNORECASE)
    before = re.compile(rf"^(?:the\s+)?(?P<word>{alternation})\s+of\s+(?P<core>.+)$",
                        re.IGNORECASE)
    return after, before


def trailing_feature_word_re() -> re.Pattern:
    """``core`` and a trailing feature ``word`` ("Teir Maaleh village")."""
    return _feature_word_re()[0]


@lru_cache(maxsize=4096)
def split_feature_word(name: str) -> tuple[str, str | None]:
    """("Teir Maaleh village") -> ("Teir Maaleh", "village"); the word is a feature hint.
    Up to two words are peeled ("X Military Airbase", "the village of X")."""
    text = " ".join(name.split()).strip(" ,.;:")
    after, before = _feature_word_re()
    found = None
    for _ in range(2):
        if not _may_hold_feature_word(text):
            break
        for pattern in (before, after):
            if text.isascii() and pattern is after:
                split = _trailing_word_ascii(text)
            elif text.isascii() and " of " not in text.lower():
                split = None  # "the village of X" needs " of " between single spaces
            else:
                match = pattern.match(text)
                split = (match.group("core"), match.group("word")) if match else None
            if split and split[0].strip():
                text = split[0].strip(" ,")
                found = found or split[1].lower()
                break
        else:
            break
    return text, found


def _trailing_word_ascii(text: str) -> tuple[str, str] | None:
    """What the trailing feature-word pattern matches in an ASCII name whose spaces are
    single, as (core, word), without the pattern's trial of every split point: the core
    ends at the first run of spaces and commas (not at the very start) after which the rest
    is a feature word, with an optional dot."""
    low = text.lower()
    words = _feature_word_set()
    cut = _next_separator(low, 1)
    while cut >= 0:
        start = cut
        while start < len(low) and low[start] in " ,":
            start += 1
        tail = low[start:]
        if tail in words or (tail.endswith(".") and tail[:-1] in words):
            return text[:cut], text[start:start + len(tail.removesuffix("."))]
        cut = _next_separator(low, start)
    return None


def _next_separator(text: str, start: int) -> int:
    """The first space or comma at or after ``start``; -1 when there is none."""
    found = [i for i in (text.find(" ", start), text.find(",", start)) if i >= 0]
    return min(found) if found else -1


@lru_cache(maxsize=1)
def _feature_word_set() -> frozenset[str]:
    return frozenset(_feature_word_endings())


def component_names(name: str) -> list[str]:
    """Places named inside a longer name that is not itself a place the gazetteer knows: the
    Y of "X of Y" ("Bank of Freedonia", "University of Ruritania") and the leading words
    ("Springfield Arts Festival", "Ruritanian Embassy", "Elbonia State University"), longest
    first. A reader takes such a name to be at or in that place."""
    text = re.sub(r"['’]s$", "", " ".join(name.split()).strip(" ,.;:"))
    text = re.sub(r"^the\s+", "", text, flags=re.IGNORECASE)
    out = []
    if " of " in text:
        tail = re.sub(r"^the\s+", "", text.rsplit(" of ", 1)[1], flags=re.IGNORECASE)
        if tail[:1].isupper():
            out.append(tail)
    words = text.split()
    out += [" ".join(words[:k]) for k in range(len(words) - 1, 0, -1)
            if words[k - 1][:1].isupper() and words[k - 1].lower() not in ("of", "the")]
    return out


@lru_cache(maxsize=1)
def _feature_word_endings() -> tuple[str, ...]:
    return tuple(w.lower() for w in feature_words()["feature_words"])


def _may_hold_feature_word(text: str) -> bool:
    """A cheap test the two feature-word patterns need (most names hold no feature word): an
    ASCII name must end with a feature word (and an optional dot) or hold " of "."""
    if not text.isascii():
        return True
    low = text.lower()
    return " of " in low or low.removesuffix(".").endswith(_feature_word_endings())


def direction_variants(name: str) -> list[tuple[str, float]]:
    """("Western Ghariyah") -> [("Ghariyah Gharbi", -0.02), ("Ghariyah", -0.1)]: the Arabic
    form of a direction word, and the bare name as a nearby fallback (with a penalty)."""
    words = name.split()
    directions = feature_words()["directions"]
    table = directions["words"]
    if len(words) >= 2 and words[-1].lower() in trailing_directions():
        rest = " ".join(words[:-1])  # "Baghuz at-Tahtani" -> "Baghuz"
        if len(words) >= 3 and words[-2].lower() in ("al", "el", "at", "as", "ash", "ad"):
            rest = " ".join(words[:-2])
        return [(rest, W.direction_dropped_penalty)]
    if len(words) < 2 or words[0].lower() not in table:
        return []
    rest = " ".join(words[1:])
    return [(f"{rest} {table[words[0].lower()]}", W.direction_form_penalty),
            (rest, W.direction_dropped_penalty)]


@lru_cache(maxsize=50_000)
def direction_of(name: str) -> str | None:
    """The direction a name states, as its Arabic adjective's stem: "Western Ghouta" and
    "Ghouta al-Gharbiyah" -> "gharbi", "Tahtani Baghuz" -> None; None when it states none.
    Two names stating different directions are two places, however alike their letters."""
    words = name.lower().replace("-", " ").split()
    if len(words) < 2:
        return None
    table = feature_words()["directions"]["words"]
    if words[0] in table:
        return table[words[0]]
    return _direction_stems().get(words[-1])


@lru_cache(maxsize=1)
def _direction_stems() -> dict[str, str]:
    """Each trailing direction word (without an article) -> the stem it starts with
    ("gharbiyah" -> "gharbi", "kabirah" -> "kabir")."""
    stems = set(feature_words()["directions"]["words"].values()) | {"kabir", "saghir"}
    out = {}
    for form in trailing_directions():
        word = form.split("-")[-1]
        stem = next((s for s in stems if word.startswith(s)), None)
        if stem:
            out[word] = stem
    return out


@lru_cache(maxsize=1)
def trailing_directions() -> frozenset[str]:
    return frozenset(feature_words()["directions"].get("trailing", []))


def feature_of_word(word: str | None) -> str | None:
    """The feature a feature word names ("village" -> locality, "قرية" -> locality)."""
    if not word:
        return None
    return feature_words()["feature_words"].get(word.lower()) or \
        arabic_kind_words().get(word)


@lru_cache(maxsize=1)
def arabic_kind_words() -> dict[str, str | None]:
    """Arabic nouns written before a place name and the feature they say (the Arabic
    extractor's ``data/ar/places.json``: قرية a locality, حي a neighbourhood; a site word,
    مستشفى, names the place next as where the site is, and says no feature)."""
    kinds = knowledge.load("places.json", "ar")["feature_words"]
    features = {"locality", "neighbourhood", "district", "region"}
    return {word: feature if feature in features else None
            for feature, words in kinds.items() for word in words}


@lru_cache(maxsize=1)
def _proclitics() -> tuple[tuple[str, ...], int]:
    arabic = load_json("bridges.json")["arabic"]
    return tuple(sorted(arabic["proclitics"], key=len, reverse=True)), \
        arabic["proclitic_min_rest"]


def arabic_readings(name: str) -> list[tuple[str, str | None, float]]:
    """An Arabic-script name read without a leading kind word ("قرية تير معلة" -> "تير
    معلة", a locality) and, as a weaker reading, without a proclitic joined to its first word
    ("وتير معلة" -> "تير معلة"): (text, kind word, penalty)."""
    words = name.split()
    out: list[tuple[str, str | None, float]] = []
    if len(words) >= 2 and words[0] in arabic_kind_words():
        out.append((" ".join(words[1:]), words[0], 0.0))
    proclitics, min_rest = _proclitics()
    for text, word, penalty in [(name, None, 0.0), *out]:
        first, *rest = text.split()
        for proclitic in proclitics:
            if first.startswith(proclitic) and len(first) - len(proclitic) >= min_rest:
                out.append((" ".join([first[len(proclitic):], *rest]), word,
                            penalty + W.arabic_proclitic_penalty))
                break
    return out
