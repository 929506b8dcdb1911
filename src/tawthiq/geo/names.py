"""Matching keys for place names in any transliteration or script.

Three keys per name, from exact to coarse:

* ``fold``: case, diacritics, apostrophes/ayn/hamza marks and punctuation removed; Arabic script
  normalised (alef forms, alif maqsura, hamza carriers, tatweel, harakat, Eastern digits).
* ``bare``: ``fold`` without the Arabic article in any of its forms (al-, el-, as-, ash-, ...).
* ``skeleton``: a consonant skeleton shared by Latin spellings and Arabic script: short vowels,
  glides, ayn/hamza dropped, doubled letters collapsed, consonant variants merged (q/k/g, kh/h,
  dh/d, th/t, sh/ch/s). "Ter Ma'la", "Teir Maaleh", "Tayr Ma`lah" and "تير معلة" all give "trml".

The rules are data: ``tawthiq/data/geo/transliteration.json`` (BGN/PCGN, ALA-LC).
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from importlib import resources

from unidecode import unidecode

_ARABIC_CHAR = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
_ARABIC_MARKS = re.compile(r"[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]")
_EASTERN_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_LATIN_LIKE = re.compile(r"^[\x00-\u024F\u1E00-\u1EFF\u02B0-\u02FF\u2018-\u201F\s]*$")
_MARKS = re.compile(r"[`'\u2018\u2019\u02BB\u02BC\u02BF\u02BE\u00B4\u02C8]")
_NON_WORD = re.compile(r"[^\w\s]+")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=1)
def rules() -> dict:
    """The transliteration rules file, loaded once."""
    text = resources.files("tawthiq.data.geo").joinpath("transliteration.json").read_text("utf-8")
    return json.loads(text)


def is_arabic(text: str) -> bool:
    return not text.isascii() and bool(_ARABIC_CHAR.search(text))


def is_latin(text: str) -> bool:
    """True for names a Latin-script reader would write (any diacritics allowed)."""
    return bool(_LATIN_LIKE.match(text))


@lru_cache(maxsize=1)
def _arabic_table() -> dict[int, str]:
    return str.maketrans(rules()["arabic_normalise"])


def normalise_arabic(text: str) -> str:
    """Alef forms, alif maqsura, hamza carriers unified; harakat, tatweel removed; 0-9 digits."""
    text = _ARABIC_MARKS.sub("", unicodedata.normalize("NFKC", text))
    return text.translate(_arabic_table()).translate(_EASTERN_DIGITS)


def _ascii_fold_table() -> dict[int, str | None]:
    """One pass for an ASCII name: capitals lowered, apostrophes and backticks dropped, any
    other character that is neither a letter, a digit nor white space made a space (as the
    ``_NON_WORD`` step does, "_" included)."""
    table: dict[int, str | None] = {ord("'"): None, ord("`"): None, ord("_"): " "}
    for code in range(128):
        char = chr(code)
        if char.isupper():
            table[code] = char.lower()
        elif not (char.isalnum() or char.isspace()) and code not in table:
            table[code] = " "
    return table


_ASCII_FOLD = _ascii_fold_table()


def fold(name: str) -> str:
    """Lower-case, mark-free, punctuation-free form of a name in its own script."""
    if name.isascii():  # most names: one translation, then the spaces made single
        return " ".join(name.translate(_ASCII_FOLD).split())
    if is_arabic(name):
        text = normalise_arabic(name)
    elif is_latin(name):
        text = unidecode(_MARKS.sub("", name)).lower()
        text = _MARKS.sub("", text)
    else:
        text = unicodedata.normalize("NFKC", name).casefold()
    text = _NON_WORD.sub(" ", text.replace("_", " "))
    return _SPACES.sub(" ", text).strip()


@lru_cache(maxsize=1)
def _articles() -> frozenset[str]:
    return frozenset(rules()["articles"])


def articles() -> frozenset[str]:
    """The Latin forms of the Arabic article (al, el, ash, ...; transliteration.json)."""
    return _articles()


def _strip_arabic_article(word: str) -> str:
    article = rules()["arabic_article"]
    if word.startswith(article) and len(word) > 3:
        return word[2:]
    if word.startswith("و" + article) and len(word) > 4:  # "wa-l-": and the ...
        return word[3:]
    return word


def bare(folded: str) -> str:
    """``fold`` output without article tokens (an article is kept when nothing follows it)."""
    words = folded.split()
    if not words:
        return ""
    if is_arabic(folded):
        return " ".join(_strip_arabic_article(w) for w in words)
    articles = _articles()
    if articles.isdisjoint(words):  # most names
        return " ".join(words)
    kept = [w for i, w in enumerate(words) if not (w in articles and i + 1 < len(words))]
    return " ".join(kept)


@lru_cache(maxsize=1)
def _latin_tables() -> tuple[list[tuple[str, str]], dict[int, str], list[tuple[str, str]]]:
    data = rules()
    digraphs = [(a, b) for a, b in data["latin_digraphs"]]
    letters = str.maketrans(data["latin_letters"])
    endings = [(a, b) for a, b in data["latin_endings"]]
    return digraphs, letters, endings


_DOUBLE = re.compile(r"([a-z])\1+")
_ANY_DOUBLE = re.compile(r"(.)\1+")


def _first_group(match: re.Match) -> str:
    return match.group(1)


@lru_cache(maxsize=1)
def _latin_word_rules() -> tuple[tuple[str, ...], list[tuple[str, str]], dict[int, str]]:
    """Endings (as a tuple for one ``endswith`` test), and the letter table that also drops
    the spaces between words (the skeleton is one run of letters)."""
    _, letters, endings = _latin_tables()
    return tuple(e for e, _ in endings), endings, {**letters, ord(" "): ""}


def _with_latin_ending(word: str, endings: list[tuple[str, str]]) -> str:
    for ending, replacement in endings:
        if word.endswith(ending) and len(word) > len(ending) + 1:
            return word[: -len(ending)] + replacement
    return word


def _latin_skeleton(words: list[str]) -> str:
    """The skeletons of the words, joined: no rule spans a space, and names share words
    ("Tall", "Kafr", "Deir"), so each word's skeleton is worked out once."""
    if len(words) == 1:
        return latin_word_skeleton(words[0])
    return "".join([latin_word_skeleton(w) for w in words])


@lru_cache(maxsize=100_000)
def latin_word_skeleton(word: str) -> str:
    """The skeleton of one word (``_latin_skeleton_of``), remembered."""
    return _latin_skeleton_of([word])


def _latin_skeleton_of(words: list[str]) -> str:
    """Endings reduced word by word; doubled letters and digraphs in one pass over the whole
    name (no rule spans a space, so this equals the word-by-word result, several times faster
    than a regular-expression substitution per word)."""
    any_ending, endings, letters = _latin_word_rules()
    text = " ".join(_with_latin_ending(w, endings) if w.endswith(any_ending) else w
                    for w in words)
    if _DOUBLE.search(text):
        text = _DOUBLE.sub(_first_group, text)
    digraph_re, digraphs = _digraph_re()
    if digraph_re.search(text):
        text = digraph_re.sub(lambda m: digraphs[m.group(0)], text)
        if _DOUBLE.search(text):
            text = _DOUBLE.sub(_first_group, text)
    return text.translate(letters)


@lru_cache(maxsize=1)
def _digraph_re() -> tuple[re.Pattern, dict[str, str]]:
    digraphs, _, _ = _latin_tables()
    ordered = sorted(digraphs, key=lambda pair: -len(pair[0]))
    pattern = re.compile("|".join(re.escape(a) for a, _ in ordered))
    return pattern, dict(ordered)


@lru_cache(maxsize=1)
def _arabic_letters() -> dict[int, str]:
    return str.maketrans(rules()["arabic_to_skeleton"])


def _arabic_word_skeleton(word: str, last: bool) -> str:
    if word.endswith("ة"):
        word = word[:-1] + ("" if last else "ت")
    elif word.endswith(("اه", "يه")) and len(word) > 3:
        word = word[:-1]  # pausal -ah/-iyeh written with ha
    word = _ANY_DOUBLE.sub(_first_group, word)
    return word.translate(_arabic_letters())


def skeleton_of_bare(bare_name: str) -> str:
    """The consonant skeleton of a ``bare`` name (see module doc)."""
    words = bare_name.split()
    if not words:
        return ""
    if is_arabic(bare_name):
        parts = [_arabic_word_skeleton(w, i == len(words) - 1) for i, w in enumerate(words)]
        return _NOT_SKELETON.sub("", "".join(parts))
    if not bare_name.isascii():
        return ""
    return _latin_skeleton(words)


_NOT_SKELETON = re.compile(r"[^a-z0-9]")


def skeleton(name: str) -> str:
    return skeleton_of_bare(bare(fold(name)))


@lru_cache(maxsize=200_000)
def keys(name: str) -> tuple[str, str, str]:
    """(fold, bare, skeleton) of a name, computed once."""
    folded = fold(name)
    bared = bare(folded)
    return folded, bared, skeleton_of_bare(bared)


def block_of(skel: str) -> str:
    """Blocking key for fuzzy search: names whose skeletons start alike are compared."""
    return skel[:2]


@lru_cache(maxsize=1)
def _name_parts() -> dict:
    text = resources.files("tawthiq.data.geo").joinpath("name_parts.json").read_text("utf-8")
    return json.loads(text)


@lru_cache(maxsize=1)
def generic_words() -> tuple[frozenset[str], frozenset[str]]:
    """(heads, descriptive words): words that head ("Tall", "Kafr") or describe ("Army",
    "road") a place name without being one (``name_parts.json``)."""
    parts = _name_parts()
    return frozenset(parts["generic_heads"]), frozenset(parts["descriptive_words"])


_NUMBERED = re.compile(r"\s+(?:[IVX]+|\d+)$")
_SEPARATORS = re.compile(r"\s+(?:in|near|of|outside|between|and)\s+|\s+[–—-]\s+|\s*/\s*|,\s*"
                         r"|(?<=[a-z])[–—-](?=[A-Z])")


@lru_cache(maxsize=1)
def _article_hyphen_re() -> re.Pattern:
    """An article joined to its noun by a hyphen ("ash-Shughur"): no separator of names."""
    forms = "|".join(re.escape(a) for a in sorted(_articles(), key=len, reverse=True))
    return re.compile(rf"\b({forms})-(?=\w)", re.IGNORECASE)


def inner_spans(name: str) -> list[str]:
    """Shorter names inside a name, longest first: "Army Armored Vehicle Base Harasta" ->
    [..., "Harasta"]; "Bab al Khayr village II" -> ["Bab al Khayr village", ...]; a span
    may start with a generic head ("Kafr Zayna") but never ends with one or is one alone, never
    starts or ends with a descriptive word ("Base", "al"), and is never the name itself."""
    whole = _article_hyphen_re().sub(r"\1 ", " ".join(name.split()))
    heads, descriptive = generic_words()
    spans: list[str] = []
    for piece in _SEPARATORS.split(_NUMBERED.sub("", whole)):
        words = piece.split()
        for size in range(len(words), 0, -1):
            for start in range(len(words) - size + 1):
                span = words[start:start + size]
                first, last = span[0].lower().strip("-"), span[-1].lower().strip("-")
                if (first in descriptive or last in descriptive or last in heads
                        or (size == 1 and len(span[0]) < 4)):
                    continue
                spans.append(" ".join(span))
    return [s for s in dict.fromkeys(spans) if s != whole]


@lru_cache(maxsize=1)
def _glued_article_re() -> re.Pattern:
    articles = "|".join(re.escape(a) for a in _name_parts()["glued_articles"])
    return re.compile(rf"\b({articles})(?=[^\W\d_]{{3,}})", re.IGNORECASE)


def split_glued_article(name: str) -> str:
    """"Dahiet Elasad" -> "Dahiet El asad": the article written joined to its noun."""
    pattern = _glued_article_re()
    return pattern.sub(r"\1 ", name) if pattern.search(name) else name  # (a search is cheaper)


@lru_cache(maxsize=1)
def _bridge_rules() -> tuple[dict[str, str], list[tuple[re.Pattern, str]]]:
    """The Latin bridge rules (``bridges.json``): whole-word forms ("^(tel|tell|tal)$") as a
    table, the others as patterns applied in order."""
    text = resources.files("tawthiq.data.geo").joinpath("bridges.json").read_text("utf-8")
    whole_word = re.compile(r"^\^\(([\w|]+)\)\$$")
    words: dict[str, str] = {}
    patterns: list[tuple[re.Pattern, str]] = []
    for pattern, replacement, _ in json.loads(text)["latin"]["rules"]:
        forms = whole_word.match(pattern)
        if forms and not patterns:  # (whole-word rules come first in the file)
            words.update((form, replacement) for form in forms.group(1).split("|"))
        else:
            patterns.append((re.compile(pattern), replacement))
    return words, patterns


@lru_cache(maxsize=100_000)
def bridge(bare_name: str) -> str:
    """The spelling bridge key of a ``bare`` Latin name (``data/geo/bridges.json``): OCHA's
    and GeoNames' spellings of one name ("tal madeeq", "tall madiq") give one key; the vowels
    the skeleton drops are kept, so names that share only a skeleton stay apart. Word for
    word: a key has as many words as its name (``score_names`` relies on it)."""
    return " ".join([bridge_word(w) for w in bare_name.split()])


@lru_cache(maxsize=100_000)
def bridge_word(word: str) -> str:
    """The bridge key of one word (names share words: each is worked out once)."""
    words, patterns = _bridge_rules()
    if word in words:
        return words[word]
    for pattern, replacement in patterns:
        if pattern.search(word):  # (a search is cheaper than a substitution that finds none)
            word = pattern.sub(replacement, word)
    return word
