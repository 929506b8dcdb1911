"""The geocoder: resolve a place name, in any spelling or script, to the gazetteer.

A thin class over the modules that do the work, in the order a name meets them:

* ``routes``: "the road between X and Y" is a stretch, placed midway;
* ``readings``: the ways the words may name a place (without their feature word, each listed
  alternative, direction forms, ...), weakest last;
* ``index``: the places one of whose names shares a key with a reading (exact fold,
  article-free, consonant skeleton; ``names``), resembles it within a fuzzy block, or holds it
  as a part;
* ``similarity`` and ``ranking``: how alike each name is, plus priors and rules, with the
  weights of ``tawthiq/data/geo/ranking.json``;
* ``candidates``: the result as the contract's ``GeoMatch``.

``toponyms`` finds and resolves place names in running text on top of this class.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from pathlib import Path

from tawthiq.geo.admin import admin_key, country_of_admin
from tawthiq.geo.candidates import Candidate, dedupe, make_query, to_match
from tawthiq.geo.features import feature_of_word, split_feature_word
from tawthiq.geo.index import GazetteerIndex
from tawthiq.geo.names import inner_spans
from tawthiq.geo.ranking import (
    lookalike_outside,
    named_in_region,
    outside_region,
    prefer_named_kind,
    rank,
    rescore,
    with_admin2,
    without_other_directions,
)
from tawthiq.geo.readings import variants
from tawthiq.geo.routes import resolve_stretch, route_ends
from tawthiq.geo.toponyms import Toponym, find_toponyms, to_location
from tawthiq.geo.weights import W
from tawthiq.model import GeocodeResult, GeoMatch, Location

RESULTS_KEPT = 50_000             # rankings a geocoder remembers, by name and hints
EXACT_KEYS_KEPT = 200_000         # exact-key look-ups a geocoder remembers (text scanning)
INNER_SPANS_TRIED = 8             # names inside a longer name tried, longest first


class Geocoder:
    """Resolves names against the imported gazetteer (if any) and the worldwide default."""

    def __init__(self, imported: Path | None, world: Path | None) -> None:
        self.index = GazetteerIndex(imported, world)
        self._cached = lru_cache(maxsize=RESULTS_KEPT)(self._geocode_uncached)
        self._exact: dict[str, list] = {}

    def close(self) -> None:
        self.index.close()

    def geocode(self, name: str, *, country: str | None = None, admin1: str | None = None,
                near: list[tuple[float, float]] | None = None, on: date | None = None,
                feature: str | None = None, limit: int = 5,
                admin2: str | None = None) -> GeocodeResult:
        """Best match and up to four alternatives; ``match`` is None when nothing is close.
        ``admin2`` (a district name) settles between places of one name in one region."""
        ends = route_ends(name)
        if ends:
            stretch = resolve_stretch(
                name, ends, lambda end: self.ranked(end, country=country, admin1=admin1, on=on),
                admin1)
            if stretch is not None:
                return stretch
        near_key = tuple((round(a, 2), round(b, 2)) for a, b in near) if near else None
        ranked = with_admin2(self._cached(name, country.upper() if country else None, admin1,
                                          near_key, on, feature), admin2)
        matches = [to_match(c) for c in ranked[:limit]]
        if ranked and lookalike_outside(ranked[0], admin_key(admin1)):
            # only a look-alike elsewhere: say unknown, keep it as an alternative
            return GeocodeResult(name=name, match=None, alternatives=matches)
        return GeocodeResult(name=name, match=matches[0] if matches else None,
                             alternatives=matches[1:])

    def geocode_many(self, requests: Iterable[str | dict], *, country: str | None = None,
                     admin1: str | None = None, limit: int = 5) -> list[GeocodeResult]:
        """Results for many names, in input order, the same as ``geocode`` one by one. A
        request is a name or a dict with "name" and optional "id", "country", "admin1",
        "admin2", "feature" (the lines of ``tawthiq geocode --input``). A repeated request is
        ranked once (the per-name cache keeps ``RESULTS_KEPT``) and still gets result objects
        of its own. The imported gazetteers' indexes are loaded first, and the cyclic garbage
        collector waits: a batch makes no reference cycles, and its full collections would
        only walk the loaded indexes again and again (a tenth of the time)."""
        self.index.load_imported()
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
               feature: str | None = None, admin2: str | None = None) -> list[Candidate]:
        """All plausible candidates, best first (for evaluations and context resolution)."""
        near_key = tuple((round(a, 2), round(b, 2)) for a, b in near) if near else None
        return with_admin2(self._cached(name, country.upper() if country else None, admin1,
                                        near_key, on, feature), admin2)

    def rescore(self, candidates: list[Candidate], *, admin1: str | None = None,
                near: list[tuple[float, float]] | None = None, on: date | None = None,
                feature: str | None = None, country: str | None = None,
                mentioned: frozenset[str] = frozenset()) -> list[Candidate]:
        """The candidates ranked again with context the first lookup did not have
        (``ranking.rescore``)."""
        return rescore(candidates, admin1=admin1, near=near, on=on, feature=feature,
                       country=country, mentioned=mentioned)

    def may_name_a_place(self, name: str, country: str | None = None) -> bool:
        """False when no place has exactly this name (its folded or bare key), answered from
        the in-memory name index: scanning a text, most words are no place's name."""
        return self.index.may_match_exactly(name, country)

    def match_of(self, candidate: Candidate) -> GeoMatch:
        return to_match(candidate)

    def find_toponyms(self, text: str, doc=None) -> list[Toponym]:
        """Place mentions in a report's text, resolved with its context (``toponyms``)."""
        return find_toponyms(self, text, doc)

    def to_location(self, toponym: Toponym) -> Location:
        """The contract Location of a resolved toponym (unresolved: name = the words)."""
        return to_location(toponym)

    def region_outlines(self, level: str = "region") -> dict:
        """Simplified outlines of imported regions ("region" = governorates, "district")."""
        return self.index.region_outlines(level)

    def lookup_exact(self, folded_keys: list[str]) -> dict[str, list]:
        """Places whose fold or bare key equals one of the given keys (for text scanning).
        Remembered per key (``EXACT_KEYS_KEPT``): the reports of a run scan the same words
        again and again, and most of them are no place's name."""
        missing = [key for key in dict.fromkeys(folded_keys) if key not in self._exact]
        if len(self._exact) + len(missing) > EXACT_KEYS_KEPT:
            self._exact.clear()
            missing = list(dict.fromkeys(folded_keys))
        if missing:
            found = self.index.lookup_exact(missing)
            for key in missing:
                self._exact[key] = found.get(key, [])
        return {key: list(rows) for key in folded_keys if (rows := self._exact[key])}

    def forget_names(self, *, place_rows: bool = False) -> None:
        """Forget the rankings of the names met so far (and, with ``place_rows``, the
        worldwide place rows read for them); the gazetteer indexes stay loaded."""
        self._cached.cache_clear()
        self._exact.clear()
        if place_rows:
            self.index.forget_rows()

    def readings(self, name: str, *, country: str | None = None) -> list[Candidate]:
        """Every place any reading of the name could mean (its readings, the places named
        inside it; key look-ups, fuzzy blocks and name parts, unranked and uncut): what an
        evaluation asks to tell a miss no ranking could fix from one ranked too low."""
        found: dict[str, Candidate] = {}
        country = country.upper() if country else None
        for text in [name, *inner_spans(name)[:INNER_SPANS_TRIED]]:
            for variant, _, _ in variants(text):
                query = make_query(variant)
                if query.fold:
                    for more in (self.index.lookup(query, country),
                                 self.index.fuzzy(query, country),
                                 self.index.part_readings(query, country)):
                        _add_better(found, more)
        return list(found.values())

    # internals ----------------------------------------------------------------------------

    def _geocode_uncached(self, name: str, country: str | None, admin1: str | None,
                          near: tuple | None, on: date | None,
                          feature: str | None) -> list[Candidate]:
        """The best ranking of any reading of the name (a weaker reading pays its penalty)."""
        best: list[Candidate] = []
        if country is None and admin1:  # "Homs" as a region hint means Syria
            country = country_of_admin(admin_key(admin1) or "")
        for variant, word, penalty in variants(name):
            if penalty and best and best[0].similarity >= W.exact:
                break  # the name itself is known: no need for its weaker readings
            hint = feature or feature_of_word(word)
            ranked = without_other_directions(prefer_named_kind(
                self._rank(variant, country, admin1, near, on, hint), word), name)
            for candidate in ranked:
                candidate.total += penalty
            if ranked and (not best or ranked[0].total > best[0].total):
                best = ranked
        whole, word = " ".join(name.split()).strip(" ,.;:"), split_feature_word(name)[1]
        if word:  # "Metcalfe County", "Cape Town": the feature word may be part of the name
            ranked = prefer_named_kind(self._rank(whole, country, admin1, near, on, feature or
                                                  feature_of_word(word), fuzzy=False), word)
            if ranked and (not best or ranked[0].total > best[0].total):
                best = ranked
        if not best and country in self.index.imported:  # a country gazetteer names its sites
            best = self._inner_place(name, country, admin1, near, on)
        return best

    def _inner_place(self, name: str, country: str, admin1, near, on) -> list[Candidate]:
        """A name no place carries, read for a place named inside it ("Army Armored Vehicle
        Base Harasta", "X-Y road in X Subdistrict", "Bab al Khayr village II"): the longest
        inner name that is exactly a place's name, not in another region than the hint."""
        admin_hint = admin_key(admin1)
        for span in inner_spans(name)[:INNER_SPANS_TRIED]:
            for variant, word, penalty in variants(span):
                if not self.index.may_match_exactly(variant, country):
                    continue
                ranked = [c for c in self._rank(variant, country, admin1, near, on,
                                                feature_of_word(word), fuzzy=False)
                          if c.similarity >= W.exact and not outside_region(c, admin_hint)]
                if ranked:
                    for c in ranked:
                        c.total += penalty - W.inner_name_penalty
                    return ranked
        return []

    def _rank(self, text: str, country, admin1, near, on, feature, *,
              fuzzy: bool = True) -> list[Candidate]:
        """The ranked candidates of one reading: key look-ups, then (when they find nothing
        close) the fuzzy block, then (when no place in the hinted region carries the words)
        gazetteer names holding them as a part."""
        query = make_query(text)
        if not query.fold:
            return []
        found = self.index.lookup(query, country)
        if fuzzy and (not found or max(c.similarity for c in found.values()) < W.fuzzy_below):
            _add_better(found, self.index.fuzzy(query, country))
        if fuzzy and not named_in_region(found.values(), admin_key(admin1)):
            _add_better(found, self.index.part_readings(query, country))
        if not found:  # ("Teir Maaleh village" as a whole, mostly)
            return []
        return rank(dedupe(found.values()), query, admin1, near, on, feature)


def _add_better(found: dict[str, Candidate], more: dict[str, Candidate]) -> None:
    """Candidates of ``more`` not in ``found`` or more alike there."""
    for key, candidate in more.items():
        if key not in found or found[key].similarity < candidate.similarity:
            found[key] = candidate
