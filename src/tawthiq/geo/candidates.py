"""Candidates: the places a name may mean, each with how alike its name is to the words
(``similarity``) and, once ranked, its score (``total``); and the facts of a place that ranking
reads for every name that meets it, worked out once per place.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from tawthiq.geo.admin import admin_key
from tawthiq.geo.landmarks import LANDMARK_SOURCES
from tawthiq.geo.names import is_arabic, keys
from tawthiq.geo.weights import W
from tawthiq.model import GeoMatch


@dataclass(slots=True)
class Query:
    text: str
    fold: str
    bare: str
    skel: str
    arabic: bool


@dataclass(slots=True, init=False)
class Candidate:
    row: sqlite3.Row
    similarity: float
    imported: bool
    total: float
    population: int | None           # the place's; ``dedupe`` may raise it to a copy's
    main_name: bool                  # the words are the place's own name, not an alternate
    facts: Facts                     # the row's facts (``place_facts``), shared by copies

    def __init__(self, row, similarity: float, imported: bool, total: float = 0.0,
                 main_name: bool = False, facts: Facts | None = None) -> None:
        """(Written out: a batch makes thousands, and the generated one would call a
        ``__post_init__`` for the facts.)"""
        if facts is None:
            facts = place_facts(row)
        self.row, self.similarity, self.imported, self.total = row, similarity, imported, total
        self.population, self.main_name, self.facts = facts.population, main_name, facts


_UNSET = object()


class Facts:
    """What ranking reads of a place for every name that meets it, worked out once per place
    (a batch meets the same places again and again): the keys of its own name, its feature
    prior, whether it is a landmark, the key of its region (``admin1_key``: None when none is
    given); the keys of its district and (for a region) of its name only when a hint asks
    for them."""

    __slots__ = ("own_bares", "own_skels", "feature", "kind", "prior", "not_current", "landmark",
                 "has_admin1", "has_admin2", "population", "same_place", "admin1_key", "name",
                 "match_fields", "_admin2", "_name_key", "_admin2_key")

    def __init__(self, row) -> None:
        """A partial row (tests, other callers) may lack some columns."""
        try:
            name, admin1, admin2, feature, kind, current, source, population, geonames_id = (
                row["name"], row["admin1"], row["admin2"], row["feature"], row["kind"],
                row["current"], row["source"], row["population"], row["geonames_id"])
        except (KeyError, IndexError):
            name, admin1, admin2, feature, kind, current, source, population, geonames_id = (
                _field(row, column) for column in
                ("name", "admin1", "admin2", "feature", "kind", "current", "source",
                 "population", "geonames_id"))
        self.population = population
        # one candidate per GeoNames id (``dedupe``), else per record
        self.same_place = ("gn", geonames_id) if geonames_id else _field(row, "id")
        merged = row.get("own_names") if isinstance(row, dict) else _field(row, "own_names")
        own = [name, *(merged or ())] if name else []
        own_keys = [keys(n) for n in own]  # a merged place: every source's own name
        self.own_bares = frozenset(k[1] for k in own_keys)
        self.own_skels = frozenset(k[2] for k in own_keys if k[2])
        self.feature, self.kind = feature, kind
        self.prior = W.kind_prior.get(kind, W.feature_prior.get(feature or "", 0.0))
        self.not_current = W.not_current_penalty.get(current, 0.0)
        self.landmark = source in LANDMARK_SOURCES  # as ``is_landmark`` reads a row
        self.has_admin1, self.has_admin2 = bool(admin1), bool(admin2)
        self.name, self._admin2 = name, admin2  # (ranking reads the name here, not in the row)
        self._name_key = self._admin2_key = _UNSET
        self.match_fields: dict | None = None  # (``to_match``: read from the row when first asked)
        # read for every candidate under a region hint: a plain attribute (``admin_key``
        # remembers the few thousand region names of the world)
        self.admin1_key = admin_key(admin1) if admin1 else None

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
            self._name_key = (admin_key(self.name) if self.name and self.feature == "region"
                              else None)
        return self._name_key


def place_facts(row) -> Facts:
    """The facts of a place row."""
    return Facts(row)


def _field(row, column: str):
    try:
        return row[column]
    except (KeyError, IndexError):
        return None



def make_query(text: str) -> Query:
    """The words to look up, with their matching keys."""
    folded, bared, skel = keys(text)
    return Query(text=text, fold=folded, bare=bared, skel=skel, arabic=is_arabic(text))


def keep(found: dict[str, Candidate], row, similarity: float, imported: bool,
          facts: Facts) -> None:
    if similarity < W.min_name_similarity:
        return
    previous = found.get(row["id"])
    if previous is None or previous.similarity < similarity:
        found[row["id"]] = Candidate(row=row, similarity=similarity, imported=imported,
                                      facts=facts)


def dedupe(candidates) -> list[Candidate]:
    """One candidate per GeoNames id: imported records (richer hierarchy) win over the
    worldwide copy of the same place."""
    by_key: dict[object, Candidate] = {}
    for candidate in candidates:
        key = candidate.facts.same_place
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


def to_match(candidate: Candidate) -> GeoMatch:
    """The contract match (validated as ``GeoMatch(...)`` validates it, without the
    keyword-argument step: a batch makes thousands), from the place's fields (``match_fields``,
    read from its row once and kept with its facts) and the candidate's score."""
    facts = candidate.facts
    fields = facts.match_fields
    if fields is None:
        fields = facts.match_fields = match_fields(candidate.row)
    return _validate_match({**fields, "score": round(max(0.0, min(1.0, candidate.total)), 3)})


def match_fields(row: dict) -> dict:
    """What a contract match tells of its place. The index gives every row its other ids
    (``same_as``); rows of a gazetteer written before P-codes lack their columns."""
    get = row.get
    return {"name": row["name"], "gazetteer_id": row["id"], "latitude": row["lat"],
            "longitude": row["lon"], "country_code": row["country_code"],
            "admin1": row["admin1"], "admin2": row["admin2"], "admin3": get("admin3"),
            "pcode": get("pcode"), "same_as": get("same_as") or [], "feature": row["feature"]}


_validate_match = GeoMatch.__pydantic_validator__.validate_python
