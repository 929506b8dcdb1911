"""Arabic-aware keys for personal names in casualty lists.

A name becomes its chain of parts (first, father, grandfather, further ancestors, family), each
as a key that the spellings of one person share: letters unified, PDF ligature damage repaired
or folded, compounds ("عبد الله", "ابو غزاله", "نور الدين") kept as one part. Each part also
gets a script-neutral consonant skeleton (the geo package's transliteration rules), so an
Arabic list and a Latin one can be compared. The rules are data:
``tawthiq/data/ar/person_names.json``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from tawthiq import knowledge
from tawthiq.geo import names as geo_names


@lru_cache(maxsize=1)
def rules() -> dict:
    """The name rules (``data/ar/person_names.json`` with the user's override), loaded once
    per process: name keys are computed millions of times."""
    return knowledge.load("person_names.json", "ar")


@dataclass(frozen=True)
class NameParts:
    """One name as comparable parts; a part the name lacks is None."""

    first: str | None
    father: str | None
    grandfather: str | None
    family: str | None
    family_bare: str | None
    ancestors: tuple[str, ...]
    skeletons: tuple[str, ...]
    damage_keys: tuple[str, ...]
    key: str

    @property
    def size(self) -> int:
        return len(self.key.split()) if self.key else 0


@lru_cache(maxsize=1)
def _letters() -> dict[int, str]:
    return str.maketrans(rules()["letters"]["table"])


@lru_cache(maxsize=1)
def _compounds(script: str) -> tuple[frozenset[str], frozenset[str]]:
    data = rules()
    prefix, suffix = (("compound_prefixes", "compound_suffixes") if script == "arabic"
                      else ("latin_compound_prefixes", "latin_compound_suffixes"))
    prefixes = data[prefix]["words"]
    suffixes = data[suffix]["words"]
    if script == "arabic":
        prefixes = [normalise_letters(w) for w in prefixes]
        suffixes = [normalise_letters(w) for w in suffixes]
    return frozenset(prefixes), frozenset(suffixes)


def normalise_letters(text: str) -> str:
    """Arabic letters unified (hamza forms, alif maqsura, ta marbuta), marks and tatweel gone,
    presentation forms written out, PDF ligature damage repaired; spaces made single."""
    text = geo_names.normalise_arabic(text).translate(_letters())
    for damaged, sound in rules()["repairs"]["rules"]:
        if damaged in text:
            text = text.replace(damaged, sound)
    return " ".join(text.split())


def join_compounds(words: list[str], script: str) -> list[str]:
    """"عبد الله" -> "عبدالله", "نور الدين" -> "نورالدين": a compound is one part of the chain."""
    prefixes, suffixes = _compounds(script)
    joined: list[str] = []
    carry = ""
    for index, word in enumerate(words):
        if joined and not carry and word in suffixes:
            joined[-1] += word
            continue
        if word in prefixes or (script == "arabic" and _theophoric(word, words[index + 1:])):
            carry += word
            continue
        joined.append(carry + word)
        carry = ""
    if carry:  # a trailing prefix with nothing after it ("ابو") stays a word
        joined.append(carry)
    return joined


def _theophoric(word: str, rest: list[str]) -> bool:
    """'عبد' before a divine name ('عبد الله', 'عبد الرحمن'): one compound."""
    rule = rules()["theophoric_prefix"]
    if word != rule["word"] or not rest:
        return False
    following = rest[0]
    return following.startswith(rules()["article"]["arabic"]) or following in rule["joins"]


def ligature_fold(word: str) -> str:
    """Every lam-alef written alef-lam: the sound and the PDF-damaged spelling agree."""
    fold = rules()["ligature_fold"]
    return word.replace(fold["from"], fold["to"])


def _strip_article(word: str, script: str) -> str:
    """The family name without a joined article ("المدهون" -> "مدهون", "almadhoun" ->
    "madhoun")."""
    articles = ([rules()["article"]["arabic"]] if script == "arabic"
                else rules()["article"]["latin"])
    for article in articles:
        if word.startswith(article) and len(word) > len(article) + 2:
            return word[len(article):]
    return word


def name_words(name: str) -> tuple[list[str], str]:
    """The name's parts (compounds joined), and its script ("arabic" or "latin")."""
    if geo_names.is_arabic(name):
        words = [w for w in geo_names.fold(normalise_letters(name)).split() if not _is_noise(w)]
        return join_compounds(words, "arabic"), "arabic"
    folded = geo_names.fold(name.replace("-", " "))
    return join_compounds(folded.split(), "latin"), "latin"


def _skeleton(word: str, script: str) -> str:
    if script == "arabic":
        return geo_names.skeleton_of_bare(_strip_article(word, script))
    return geo_names.latin_word_skeleton(_strip_article(word, script))


@lru_cache(maxsize=1)
def _dots() -> dict[int, str]:
    return str.maketrans(rules()["dots"]["table"])


def damage_key(word: str) -> str:
    """The word as extraction damage leaves it: dotted letters as their undotted base, without
    the letters PDF extraction loses (ra, zay anywhere; nun, ya at the end), so that 'زهير' and
    'زهي', 'شاهين' and 'شاهي', 'شراب' and 'سراب' agree."""
    lost = rules()["lost_letters"]
    word = word.translate(_dots())
    for letter in lost["anywhere"]:
        word = word.replace(letter, "")
    return word.rstrip("".join(lost["final"])) or word


def _is_noise(word: str) -> bool:
    noise = rules()["noise_words"]
    return len(word) <= noise["max_letters"] and (len(word) == 1 or (
        noise["repeated_letter_only"] and len(set(word)) == 1))


def _key(word: str, script: str) -> str:
    return ligature_fold(word) if script == "arabic" else word


@lru_cache(maxsize=500_000)
def name_parts(name: str | None) -> NameParts:
    """A name split into its chain: first, father, grandfather, ..., family (the last word).
    Two words are first and family; three are first, father, family."""
    raw, script = name_words(name or "")
    words = [ligature_fold(w) for w in raw] if script == "arabic" else raw
    first = words[0] if words else None
    family = words[-1] if len(words) >= 2 else None
    middle = tuple(words[1:-1])
    father = middle[0] if middle else None
    grandfather = middle[1] if len(middle) >= 2 else None
    bare = None if family is None else _key(_strip_article(raw[-1], script), script)
    return NameParts(first=first, father=father, grandfather=grandfather, family=family,
                     family_bare=bare, ancestors=middle,
                     skeletons=tuple(_skeleton(w, script) for w in raw),
                     damage_keys=tuple(damage_key(w) if script == "arabic" else w
                                       for w in words),
                     key=" ".join(words))
