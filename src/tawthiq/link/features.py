"""What the comparisons read from an ``EventReport``, computed once per report: folded place
names and governorate, coordinates, date ordinals, means, toll interval, actor families,
folded victim names and word tokens. Nothing here depends on the report's language except
``tokens``, which the words comparison uses only between reports in one language."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from tawthiq.geo.names import keys
from tawthiq.link.settings import compatibility
from tawthiq.model import EventReport

ReportKey = tuple[int, int]
_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
COARSE_FEATURES = {"region", "country", "district"}


@dataclass(slots=True)
class Features:
    key: ReportKey
    document: object
    gazetteer_id: str | None
    name: str | None            # consonant skeleton of the place name
    bare_name: str | None
    admin1: str | None          # the governorate (governorates.json key)
    named_region: str | None    # the governorate the place's own name is
    province: str | None        # the governorate a place named like it stands for (the
                                # province itself or its namesake capital in it)
    admin2: str | None
    feature: str | None
    lat: float | None
    lon: float | None
    coarse: bool                # a region/district/country, or a city named like its province
    start: int | None           # date ordinals
    end: int | None
    precise: bool               # dated to the day or a few days
    event_type: str
    sub_event_type: str
    means: frozenset[str]
    low: int | None
    high: int | None
    figures: frozenset[int]
    actors: frozenset[str]
    families: frozenset[str]
    victims: frozenset[str]
    language: str
    tokens: tuple[str, ...]
    distinct_words: int
    outlet: str


@lru_cache(maxsize=65536)
def name_key(name: str | None) -> str | None:
    """The consonant skeleton of a place name (any script, any transliteration), or the
    bare folded name when the skeleton is too short to tell places apart."""
    if not name:
        return None
    _folded, bared, skel = keys(name.split("(")[0].strip() or name)
    return skel if len(skel) >= 3 else (bared or None)


@lru_cache(maxsize=65536)
def bare(name: str) -> str:
    """The folded name without articles and marks (places and people repeat: cached)."""
    return keys(name)[1]


@lru_cache(maxsize=1)
def _governorates() -> dict[str, str]:
    raw = json.loads(resources.files("tawthiq.data").joinpath("link/governorates.json")
                     .read_text("utf-8"))
    return {name_key(spelling): canonical for canonical, spellings in
            raw["governorates"].items() for spelling in spellings}


@lru_cache(maxsize=4096)
def governorate_key(name: str | None) -> str | None:
    """One key per governorate whatever the spelling ('Hamah', 'Hama', 'حماة')."""
    if not name:
        return None
    table = _governorates()
    for part in (name, *name.replace(")", "(").split("(")):
        found = table.get(name_key(part.strip()) or "")
        if found:
            return found
    return name_key(name)


def province_named(name: str | None) -> str | None:
    """The governorate a place's own name is ('Hamah', 'Hama' city), else None."""
    return _governorates().get(name_key(name) or "") if name else None


def _distinctive_words(words: str, loc) -> tuple[str, ...]:
    """The report's words less the place's own names (compared by the place comparison)."""
    names = " ".join(n for n in (loc.name, loc.mention, loc.admin1, loc.admin2) if n) if loc else ""
    own = {w.lower() for w in _WORD.findall(names)}
    return tuple(t for w in _WORD.findall(words or "") if (t := w.lower()) not in own)


def features_of(report: EventReport, key: ReportKey) -> Features:
    event = report.event
    loc = event.location
    name = name_key(loc.name) if loc else None
    admin1 = governorate_key(loc.admin1) if loc else None
    feature = loc.feature if loc else None
    named_region = province_named(loc.name) if loc else None
    coarse = bool(loc) and (feature in COARSE_FEATURES or named_region is not None)
    province = named_region if named_region and admin1 in (None, named_region) else None
    start = end = None
    precise = False
    if event.date is not None:
        start, end = event.date.start.toordinal(), event.date.end.toordinal()
        precise = event.date.precision in ("day", "days") and end - start <= 3
    fat = event.fatalities
    values = [v for v in (fat.low, fat.best, fat.high) if v is not None]
    low = min(values) if values else None
    high = max(values) if values else None
    identified = [p for p in event.perpetrators if p.actor_type != "Unidentified"]
    unknown = set(compatibility()["unknown_means"])
    return Features(
        key=key, document=report.document_id if report.document_id is not None else report.sha256,
        gazetteer_id=loc.gazetteer_id if loc else None, name=name,
        bare_name=bare(loc.name) if loc else None, admin1=admin1, named_region=named_region,
        province=province,
        admin2=name_key(loc.admin2) if loc and loc.admin2 else None, feature=feature,
        lat=loc.latitude if loc else None, lon=loc.longitude if loc else None, coarse=coarse,
        start=start, end=end, precise=precise, event_type=event.event_type,
        sub_event_type=event.sub_event_type,
        means=frozenset(m for m in event.means if m not in unknown),
        low=low, high=high, figures=frozenset(values),
        actors=frozenset(p.name for p in identified),
        families=frozenset((p.affiliation[-1] if p.affiliation else p.name) for p in identified),
        victims=frozenset(k for p in event.victims.named if len(k := bare(p.name)) > 4),
        language=(report.language or "und").split("-")[0].lower(),
        tokens=(tokens := _distinctive_words(report.words, loc)),
        distinct_words=len(set(tokens)),
        outlet=(report.source or f"document {report.document_id}").strip().lower(),
    )
