"""Places told as the stretch between two others: "the road between X and Y", "the X-Y
highway", "fighting between X and Y". A reader places such an event midway between the two
towns when they are near each other (geo-precision 2); on a long road it could be anywhere,
so the honest answer is no point, with both towns kept as alternatives. Words: route_words.json.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

from tawthiq.geo.names import articles


@lru_cache(maxsize=1)
def route_rules() -> dict:
    text = resources.files("tawthiq.data.geo").joinpath("route_words.json").read_text("utf-8")
    return json.loads(text)


def max_midpoint_km() -> float:
    return float(route_rules()["max_midpoint_km"])


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern]:
    rules = route_rules()
    way = _alternation(rules["route_words"])
    between = _alternation(rules["between_words"])
    joiner = _alternation(rules["joiners"])
    dash = "".join(re.escape(d) for d in rules["dashes"])
    # "(the) (road|highway) between X and Y (in Z)" and "between X and Y"
    spelled = re.compile(
        rf"^(?:the\s+)?(?:(?:{way})\s+)?(?:{between})\s+(?P<a>.+?)\s+(?:{joiner})\s+"
        rf"(?P<b>.+?)(?:\s+(?:{way}))?(?:\s+in\s+.+)?$", re.IGNORECASE)
    # "(the) X-Y road (in Z)", "X – Y highway", "X to Y road"
    dashed = re.compile(
        rf"^(?:the\s+)?(?P<a>.+?)(?:\s*[{dash}]\s*|\s+to\s+)(?P<b>.+?)\s+(?:{way})"
        rf"(?:\s+in\s+.+)?$", re.IGNORECASE)
    return spelled, dashed


def route_ends(name: str) -> tuple[str, str] | None:
    """The two named ends of a stretch between places, or None. A hyphen inside a name
    ("Maarrat an-Numan", "Jisr ash-Shughur") is not a dash between two places: a bare hyphen
    joins two places only when the word after it starts with a capital letter and the word
    before it is not an article ("Khanasir-Aleppo road")."""
    text = " ".join(name.split()).strip(" ,.;:")
    spelled, dashed = _patterns()
    match = spelled.match(text)
    if match is None:
        match = _dashed_match(dashed, text)
    if match is None:
        return None
    a, b = (match.group("a").strip(" ,"), match.group("b").strip(" ,"))
    if not a or not b or not a[0].isalpha() or not b[0].isalpha():
        return None
    return a, b


def _dashed_match(pattern: re.Pattern, text: str) -> re.Match | None:
    """The dashed form, trying each dash; a bare hyphen must be followed by a capital."""
    match = pattern.match(text)
    if match is None:
        return None
    joint = text[match.end("a"):match.start("b")]
    if joint == "-" and (not match.group("b")[:1].isupper()
                         or match.group("a").split()[-1].lower() in articles()):
        return None  # "an-Numan", "ash-Shughur": an article joined to its noun
    return match
