"""Numbers written in digits or words ("1,000", "twenty-five", "two hundred", "a dozen")."""

from __future__ import annotations

import re

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_UNIT = "|".join(UNITS)
_TEN = "|".join(TENS)
_SMALL = rf"(?:(?:{_TEN})(?:[\s-]+(?:{_UNIT}))?|{_UNIT})"
_SCALE = r"(?:hundred|thousand|million|dozen)"
WORD_NUMBER = (rf"(?:{_SMALL}|an?(?=\s+{_SCALE}))(?:\s+{_SCALE}(?:\s+(?:and\s+)?{_SMALL})?)?"
               rf"(?:\s+{_SCALE}(?:\s+(?:and\s+)?{_SMALL})?)?")
DIGITS = r"(?<![\d:.,/-])(?:\d{1,3}(?:,\d{3})+|\d+)(?![\d:/]|\.\d|,\d{3})"
NUMBER = rf"(?:{DIGITS}|\b(?:{WORD_NUMBER})\b)"
NUMBER_RE = re.compile(NUMBER, re.IGNORECASE)


def parse_number(text: str) -> int | None:
    """The integer a number phrase denotes, or None when it is not one."""
    text = text.strip().lower()
    if not text:
        return None
    if text[0].isdigit():
        try:
            return int(float(text.replace(",", "")))
        except ValueError:
            return None
    return _parse_words(re.split(r"[\s-]+", text))


def _parse_words(words: list[str]) -> int | None:
    total, current, seen = 0, 0, False
    for word in words:
        if word == "and":
            continue
        if word in ("a", "an") and not seen:
            current, seen = 1, True
        elif word in UNITS:
            current += UNITS[word]
            seen = True
        elif word in TENS:
            current += TENS[word]
            seen = True
        elif word == "dozen":
            current = (current or 1) * 12
            seen = True
        elif word == "hundred":
            current = (current or 1) * 100
            seen = True
        elif word in ("thousand", "million"):
            total += (current or 1) * SCALES[word]
            current, seen = 0, True
        else:
            return None
    return total + current if seen else None
