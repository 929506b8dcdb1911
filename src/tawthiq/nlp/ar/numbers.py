"""Counts in Arabic text: digits (Western or Eastern, folded), number words composed
("واحد وستين" = 61, "ثلاثة آلاف" = 3000), duals of hundreds ("مئتي" = 200), dual nouns that
carry the number 2 ("شخصان", "امرأتين"), vague quantities ("عشرات" = 12 as a floor, the
ACLED convention), qualifiers ("أكثر من", "نحو", "على الأقل") and ranges ("من 55 إلى 78")."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from tawthiq.knowledge import load
from tawthiq.nlp.ar.text import fold
from tawthiq.nlp.ar.words import Phrases, Token, bases

MAX_COUNT = 100_000      # a larger figure is a population or a sum of money, not a toll


@dataclass
class Count:
    """A count at tokens ``[first, last)``: low/best/high as the words support them."""

    first: int
    last: int
    low: int | None
    best: int | None
    high: int | None
    vague: bool = False
    noun: str | None = None      # the dual noun that carries the number, when it does


@cache
def _numerals() -> dict[str, int]:
    data = load("numbers.json", "ar")
    table = {fold(k): v for k, v in data["numerals"].items()}
    table.update({fold(k): v for k, v in data["dual_numerals"].items()})
    return table


@cache
def dual_nouns() -> dict[str, str]:
    return {fold(k): v for k, v in load("numbers.json", "ar")["dual_nouns"]["words"].items()}


@cache
def ambiguous_duals() -> dict[str, str]:
    return {fold(k): v for k, v in load("numbers.json", "ar")["ambiguous_duals"]["words"].items()}


@cache
def _vague() -> Phrases:
    return Phrases((w, (e["low"], e["best"], e["high"]))
                   for e in load("quantities.json", "ar")["vague"] for w in e["words"])


@cache
def _qualifiers() -> tuple[Phrases, Phrases]:
    data = load("quantities.json", "ar")
    before = Phrases((w, kind) for kind, words in data["qualifiers"].items() for w in words)
    after = Phrases((w, kind) for kind, words in data["after_qualifiers"].items() for w in words)
    return before, after


TWO_WORDS = frozenset(fold(w) for w in ("اثنان", "اثنين", "اثنتان", "اثنتين"))
ONE_WORDS = frozenset(fold(w) for w in ("واحد", "واحدة", "احد", "احدى"))
RANGE_WORDS = frozenset(fold(w) for w in ("الى", "إلى", "-", "–", "حتى"))
THOUSAND = frozenset(fold(w) for w in ("الف", "آلاف", "الاف"))
MILLION = frozenset(fold(w) for w in ("مليون", "ملايين", "مليونا"))


def numeral_value(word: str) -> int | None:
    """The value of one numeral word, allowing a و before it ("وستين")."""
    table = _numerals()
    if word in table:
        return table[word]
    if word.startswith("و") and word[1:] in table:
        return table[word[1:]]
    return None


def _digits(text: str) -> int | None:
    cleaned = text.replace(",", "")
    return int(cleaned) if cleaned.isdigit() else None


def compose(values: list[int]) -> int:
    """Number words in order to their value: units and tens add ("واحد وستين"), a hundred or
    thousand multiplies what stands before it ("ثلاثة آلاف")."""
    total = current = 0
    for value in values:
        if value in (100, 1000) and 0 < current < value:
            current *= value
            if value == 1000:
                total, current = total + current, 0
        else:
            current += value
    return total + current


def _plain_number(tokens: list[Token], i: int) -> tuple[int, int] | None:
    """(value, end token) of a digit or number-word run starting at ``i``."""
    text = tokens[i].text
    value = _digits(text)
    if value is not None:
        end = i + 1
        if end < len(tokens) and tokens[end].text in THOUSAND:
            value, end = value * 1000, end + 1
        elif end < len(tokens) and tokens[end].text in MILLION:
            value, end = value * 1_000_000, end + 1
        return value, end
    first = numeral_value(text)
    if first is None:
        return None
    values, end = [first], i + 1
    while end < len(tokens):
        nxt = numeral_value(tokens[end].text)
        if nxt is None:
            break
        values.append(nxt)
        end += 1
    return compose(values), end


def count_at(tokens: list[Token], i: int) -> Count | None:
    """The count that starts at token ``i`` (with its qualifiers, range and dual forms)."""
    word = tokens[i].text
    vague = _vague().match(tokens, i)
    if vague:
        n, (low, best, high) = vague
        return Count(i, i + n, low, best, high, vague=True)
    base = next((b for b in bases(word)[:3] if b in dual_nouns()), None)
    if base is not None:
        end = i + 1
        if end < len(tokens) and tokens[end].text in TWO_WORDS:
            end += 1
        return Count(i, end, 2, 2, 2, noun=base)
    for base in bases(word)[:2]:
        if base in ambiguous_duals() and i + 1 < len(tokens) and tokens[i + 1].text in TWO_WORDS:
            return Count(i, i + 2, 2, 2, 2, noun=base)
    plain = _plain_number(tokens, i)
    if plain is None:
        return None
    value, end = plain
    if value <= 0 or value > MAX_COUNT:
        return None
    low, best, high = value, value, value
    # a range: "من 55 إلى 78", "100إلى 200", "بين 55 و 100"
    if end + 1 < len(tokens) and (tokens[end].text in RANGE_WORDS or (
            tokens[end].text == "و" and i > 0 and tokens[i - 1].text == "بين")):
        other = _plain_number(tokens, end + 1)
        if other is not None and value < other[0] <= MAX_COUNT:
            high, best, end = other[0], value, other[1]
    return Count(i, end, low, best, high)


def qualify(tokens: list[Token], count: Count) -> Count:
    """Apply "أكثر من" / "نحو" before the count and "على الأقل" after it (the noun may stand
    between: "40 مدنيا على الأقل"); returns the count with its figures and span widened."""
    before, after = _qualifiers()
    kind = None
    for size in (4, 3, 2, 1):
        start = count.first - size
        if start < 0:
            continue
        found = before.match(tokens, start)
        if found and start + found[0] == count.first:
            kind, count.first = found[1], start
            break
    for offset in (0, 1):
        at = count.last + offset
        if at < len(tokens):
            found = after.match(tokens, at)
            if found:
                kind = kind or found[1]
                break
    if kind == "lower" and count.high == count.low:
        count.high = None
    elif kind == "upper" and count.high == count.low:
        count.low = None
    return count
