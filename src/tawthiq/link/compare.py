"""The comparisons of two event reports, each returning the label of the level reached (the
levels and their weights are in ``data/link/settings.json``) and a few words of detail for the
explanation. Every function reads ``Features`` only."""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import lru_cache

from tawthiq.geo.geometry import haversine_km
from tawthiq.link.features import Features
from tawthiq.link.settings import compatibility

NULL = "null"
NEIGHBOURHOOD_KM = 8.0   # a neighbourhood's point lies within this of its city's point
MONTHS_APART_DAYS = 90
MIN_WORDS = 6            # fewer distinct words than this say nothing about distinctiveness


def compare_place(a: Features, b: Features) -> tuple[str, str]:
    if a.name is None and a.gazetteer_id is None or b.name is None and b.gazetteer_id is None:
        return NULL, ""
    km = _distance(a, b)
    same = (a.gazetteer_id is not None and a.gazetteer_id == b.gazetteer_id) or (
        a.name == b.name and (a.admin1 == b.admin1 or None in (a.admin1, b.admin1)
                              or (km is not None and km <= 5)))
    if same:
        label = "same city or region" if (a.coarse or b.coarse) else "same village or town"
        return label, b.bare_name or ""
    if a.province is not None and a.province == b.province:
        # 'Hama' (the city) and 'Hamah' (the governorate), or one city from two gazetteers:
        # both reports name only the province, as extraction places them.
        return "same city or region", f"{a.bare_name} / {b.bare_name}"
    if _inside(a, b, km) or _inside(b, a, km):
        return "one place inside the other", f"{a.bare_name} / {b.bare_name}"
    if km is not None and not (a.coarse or b.coarse):
        if km <= 5:
            return "within 5 km", f"{km:.1f} km"
        if km <= 25:
            return "within 25 km", f"{km:.0f} km"
    if a.admin1 and a.admin1 == b.admin1:
        return "same governorate", ""
    if km is not None and km <= 25:
        return "within 25 km", f"{km:.0f} km"
    return "elsewhere", f"{km:.0f} km" if km is not None else ""


def _distance(a: Features, b: Features) -> float | None:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    return haversine_km(a.lat, a.lon, b.lat, b.lon)


def _inside(inner: Features, outer: Features, km: float | None) -> bool:
    """A neighbourhood in its city, a village in the district or governorate the other report
    names (a city named like its governorate stands for the governorate: extraction puts a
    report that names only the province there)."""
    if inner.coarse and outer.feature != "district":
        return False
    if outer.feature == "district":
        return inner.admin2 is not None and inner.admin2 == outer.name
    if outer.feature in ("region", "country"):
        return inner.admin1 is not None and inner.admin1 == (outer.named_region or outer.admin1)
    if outer.coarse:
        return inner.admin1 is not None and inner.admin1 == outer.admin1
    if inner.feature == "neighbourhood" and outer.feature == "locality":
        return km is not None and km <= NEIGHBOURHOOD_KM
    return False


def compare_date(a: Features, b: Features, window: int) -> tuple[str, str]:
    if a.start is None or b.start is None:
        return NULL, ""
    gap = max(a.start - b.end, b.start - a.end, 0)
    if gap == 0 and a.precise and b.precise:
        if a.start == a.end == b.start == b.end or (a.end - a.start <= 1 and b.end - b.start <= 1):
            return "same day", ""
        return "within a day", "overlapping days"
    if gap <= 1 and a.precise and b.precise:
        return "within a day", f"{gap} day apart"
    if gap == 0:
        return "imprecise ranges overlap", ""
    if gap <= window:
        return "within the window", f"{gap} days apart"
    if gap <= MONTHS_APART_DAYS:
        return "apart", f"{gap} days apart"
    return "months apart", f"{gap} days apart"


@lru_cache(maxsize=1)
def _compatible_types() -> frozenset[frozenset[str]]:
    return frozenset(frozenset(p["pair"]) for p in compatibility()["compatible_event_types"])


@lru_cache(maxsize=1)
def _means_groups() -> tuple[frozenset[str], ...]:
    return tuple(frozenset(g["group"]) for g in compatibility()["compatible_means"])


@lru_cache(maxsize=1)
def _distinctive_means() -> frozenset[str]:
    return frozenset(compatibility()["distinctive_means"]["means"])


def compare_event_type(a: Features, b: Features) -> tuple[str, str]:
    if a.sub_event_type == b.sub_event_type and a.event_type == b.event_type:
        return "same sub-event type", a.sub_event_type
    if a.event_type == b.event_type:
        return "same event type", a.event_type
    if frozenset((a.event_type, b.event_type)) in _compatible_types():
        return "compatible types", f"{a.event_type} / {b.event_type}"
    return "incompatible types", f"{a.event_type} / {b.event_type}"


def compare_means(a: Features, b: Features) -> tuple[str, str]:
    if not a.means or not b.means:
        return NULL, ""
    shared = a.means & b.means
    if shared & _distinctive_means():
        return "same distinctive means", ", ".join(sorted(shared & _distinctive_means()))
    if shared:
        return "same means", ", ".join(sorted(shared))
    if any(a.means & g and b.means & g for g in _means_groups()):
        return "compatible means", ""
    return "different means", ""


def compare_fatalities(a: Features, b: Features) -> tuple[str, str]:
    if a.low is None or b.low is None:
        return NULL, ""
    detail = f"{_figure(a)} / {_figure(b)}"
    if a.figures & b.figures:
        return "same toll", detail
    if a.low <= b.high and b.low <= a.high:
        return "ranges overlap", detail
    near = min(abs(x - y) for x in (a.low, a.high) for y in (b.low, b.high))
    small = min(max(a.low, 1), max(b.low, 1))
    big = max(a.low, b.low)
    if near <= 0.25 * big:
        return "ranges overlap", detail
    if big <= 3 * small:
        return "within a factor of 3", detail
    return "far apart", detail


def _figure(f: Features) -> str:
    return str(f.low) if f.low == f.high else f"{f.low}-{f.high}"


def compare_perpetrators(a: Features, b: Features) -> tuple[str, str]:
    if not a.actors or not b.actors:
        return NULL, ""
    if a.actors & b.actors:
        return "same actor", ", ".join(sorted(a.actors & b.actors))
    if a.families & b.families:
        return "same family", ", ".join(sorted(a.families & b.families))
    sides = " / ".join(", ".join(sorted(f.families)) for f in (a, b))
    return "different families", sides


def compare_victims(a: Features, b: Features) -> tuple[str, str]:
    if not a.victims or not b.victims:
        return NULL, ""
    shared = a.victims & b.victims
    if shared:
        return "a named victim shared", f"{len(shared)} name(s)"
    return "no name shared", ""


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def compare_words(a: Features, b: Features, similarity: Callable[[Features, Features], float],
                  thresholds: tuple[float, ...]) -> tuple[str, str]:
    if a.language != b.language or min(a.distinct_words, b.distinct_words) < MIN_WORDS:
        return NULL, ""
    score = similarity(a, b)
    if math.isnan(score):
        return NULL, ""
    labels = ("very similar words", "similar words", "some words shared")
    for label, threshold in zip(labels, thresholds, strict=False):
        if score >= threshold:
            return label, f"cosine {score:.2f}"
    return "different words", f"cosine {score:.2f}"
