"""Places told as the stretch between two others: "the road between X and Y", "the X-Y
highway", "fighting between X and Y". A reader places such an event midway between the two
towns when they are near each other (geo-precision 2); on a long road it could be anywhere,
so the honest answer is no point, with both towns kept as alternatives. Words: route_words.json.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from tawthiq.geo.admin import admin_key
from tawthiq.geo.candidates import Candidate, to_match
from tawthiq.geo.datafiles import load_json
from tawthiq.geo.geometry import haversine_km
from tawthiq.geo.names import articles
from tawthiq.geo.ranking import lookalike_outside
from tawthiq.geo.weights import W
from tawthiq.model import GeocodeResult, GeoMatch

STRETCH_PREFIX = "between:"       # gazetteer id of a point midway between two places


def route_rules() -> dict:
    """``route_words.json``: route, "between" and joining words, the midpoint limit."""
    return load_json("route_words.json")


def max_midpoint_km() -> float:
    return float(route_rules()["max_midpoint_km"])


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _any_route_word() -> re.Pattern:
    """A route or "between" word standing as a word: both stretch patterns need one (the
    spelled form its "between" word, the dashed form its route word), so a name without
    any (most names) is no stretch, told by one search instead of two slower matches."""
    rules = route_rules()
    words = _alternation(rules["route_words"] + rules["between_words"])
    return re.compile(rf"(?<!\S)(?:{words})(?!\S)", re.IGNORECASE)


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


@lru_cache(maxsize=50_000)
def route_ends(name: str) -> tuple[str, str] | None:
    """The two named ends of a stretch between places, or None (remembered per name: a batch
    asks again for every repeated name). A hyphen inside a name
    ("Maarrat an-Numan", "Jisr ash-Shughur") is not a dash between two places: a bare hyphen
    joins two places only when the word after it starts with a capital letter and the word
    before it is not an article ("Khanasir-Aleppo road")."""
    text = " ".join(name.split()).strip(" ,.;:")
    if not _any_route_word().search(text):
        return None
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


def resolve_stretch(name: str, ends: tuple[str, str], rank_end: Callable[[str], list[Candidate]],
                    admin1: str | None) -> GeocodeResult | None:
    """A stretch between two places each named: the midpoint when they are near each other,
    else no point with both kept as alternatives. None when an end is not a place the
    gazetteer knows by that name (``rank_end`` ranks an end's readings): the words are then
    read as one name."""
    matches = []
    for end in ends:
        ranked = rank_end(end)
        if (not ranked or ranked[0].similarity < W.stretch_end_similarity
                or lookalike_outside(ranked[0], admin_key(admin1))):
            return None
        matches.append(to_match(ranked[0]))
    a, b = matches
    if a.gazetteer_id == b.gazetteer_id or None in (a.latitude, b.latitude):
        return None
    if haversine_km(a.latitude, a.longitude, b.latitude, b.longitude) > max_midpoint_km():
        return GeocodeResult(name=name, match=None, alternatives=[a, b])
    midway = GeoMatch(
        name=f"{a.name} – {b.name}", gazetteer_id=f"{STRETCH_PREFIX}{a.gazetteer_id}|"
        f"{b.gazetteer_id}", latitude=round((a.latitude + b.latitude) / 2, 5),
        longitude=round((a.longitude + b.longitude) / 2, 5),
        country_code=_same(a.country_code, b.country_code), admin1=_same(a.admin1, b.admin1),
        admin2=_same(a.admin2, b.admin2), feature=None, score=min(a.score, b.score))
    return GeocodeResult(name=name, match=midway, alternatives=[a, b])


def _same(first: str | None, second: str | None) -> str | None:
    return first if first == second else None
