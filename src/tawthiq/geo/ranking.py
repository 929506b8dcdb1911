"""Ranking: a candidate's score is its name similarity plus priors (its kind of place, its
population, the region, district and country hints, nearness to co-mentioned places, whether
it still exists on the event date), then a few rules over the whole list (a look-alike yields
to any place that carries the very name; a region's or district's bare name means its
namesake town; a landmark of the kind the words name wins). Every weight is in
``tawthiq/data/geo/ranking.json`` with its note and source (``weights.py``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date
from operator import attrgetter

from rapidfuzz.fuzz import ratio

from tawthiq.geo.admin import admin_key, country_of_admin
from tawthiq.geo.candidates import Candidate, Query
from tawthiq.geo.features import direction_of
from tawthiq.geo.geometry import haversine_km
from tawthiq.geo.landmarks import is_landmark, kinds_named_by
from tawthiq.geo.names import fold
from tawthiq.geo.readings import core_keys
from tawthiq.geo.weights import W

POPULATED = {"locality", "neighbourhood"}
AREA_FEATURES = {"region", "district"}
RANKED_KEPT = 10                  # candidates a ranking keeps, best first

by_total = attrgetter("total")    # sort key: best first with ``reverse=True``, ties kept in order


def rank(candidates: list[Candidate], query: Query, admin1: str | None, near, on: date | None,
         feature: str | None) -> list[Candidate]:
    """The candidates of one reading of a name, scored and ranked, the best ``RANKED_KEPT``.
    A candidate's ``main_name``: the words are the place's own name (one of its sources'),
    its skeleton, a country's name, or the core of an imported place's name ("Sawsana" of
    "As Sawsana al Janubiyah") - not one of its alternates."""
    admin_hint = admin_key(admin1)
    bare, skel = query.bare, query.skel
    exact, by_skeleton = W.exact, W.main_name_skeleton_similarity
    for candidate in candidates:
        facts, similarity = candidate.facts, candidate.similarity
        candidate.main_name = bare in facts.own_bares or (
            similarity >= by_skeleton and skel in facts.own_skels) or (
            facts.feature == "country" and similarity >= exact) or (
            candidate.imported and similarity < exact
            and bare in core_keys(facts.name))
        candidate.total = similarity + prior(candidate, admin_hint, near, on, feature)
    candidates = without_other_directions(candidates, query.text)
    penalise_weaker_names(candidates, admin_hint)
    prefer_capitals(candidates, feature)
    candidates.sort(key=by_total, reverse=True)  # (stable: ties keep their order)
    break_tie(candidates, query.fold)
    return candidates[:RANKED_KEPT]


def break_tie(ranked: list[Candidate], words: str) -> None:
    """Places tied at the top (two villages both called so in one governorate, or a place
    carrying the words only as another source's spelling): the one whose own name is written
    most like the words leads ("Jubb Abyad" over "Jubb al Abyad" for "Jubb Abyad", "Al Hammam"
    over "Hammam" for "Al Hamam"). Among the tied the order is otherwise arbitrary (the
    order the look-ups met them in), so this changes no ranking that scores tell apart."""
    if len(ranked) < 2 or ranked[1].total < ranked[0].total:
        return
    top = ranked[0].total
    tied = [c for c in ranked if c.total >= top]
    tied.sort(key=lambda c: -ratio(words, fold(c.row["name"])))
    ranked[:len(tied)] = tied


def without_other_directions(candidates: list[Candidate], words: str) -> list[Candidate]:
    """"Western Ghouta" is not "Eastern Ghouta": a look-alike whose name states another
    direction than the words is no reading of them (an exact name is never dropped)."""
    wanted = direction_of(words)
    if wanted is None:
        return candidates
    return [c for c in candidates if c.similarity >= W.exact
            or direction_of(c.row["name"]) in (None, wanted)]


def rescore(candidates: list[Candidate], *, admin1: str | None = None,
            near: list[tuple[float, float]] | None = None, on: date | None = None,
            feature: str | None = None, country: str | None = None,
            mentioned: frozenset[str] = frozenset()) -> list[Candidate]:
    """The candidates ranked again with context the first lookup did not have (copies; no
    database access). A candidate in the context's country gets a bonus, a smaller one in
    another country the text names ("London" in a report that names Canada)."""
    admin_hint = admin_key(admin1)
    out = []
    for c in candidates:
        copy = Candidate(row=c.row, similarity=c.similarity, imported=c.imported, facts=c.facts)
        copy.population, copy.main_name = c.population, c.main_name
        copy.total = copy.similarity + prior(copy, admin_hint, near, on, feature)
        if country and c.row["country_code"] == country:
            copy.total += W.country_bonus
        elif c.row["country_code"] in mentioned and c.row["feature"] != "country":
            copy.total += W.mentioned_country_bonus
        out.append(copy)
    penalise_weaker_names(out)
    prefer_capitals(out, feature)
    out.sort(key=by_total, reverse=True)
    return out


def prior(candidate: Candidate, admin_hint: str | None, near, on: date | None,
           feature: str | None) -> float:
    row, facts = candidate.row, candidate.facts
    place_feature = facts.feature
    score = facts.prior
    magnitude = min(1.0, math.log10(1 + (candidate.population or 0)) / W.population_orders)
    if place_feature in POPULATED:  # which of the places called so; not a look-alike's weight
        score += W.population_weight * magnitude * (1.0 if candidate.similarity >= W.exact
                                                    else W.lookalike_population_share)
    elif place_feature == "country":  # only to tell apart countries sharing a name
        score += W.country_population_weight * magnitude
        if admin_hint and candidate.similarity < W.exact:  # "Al Hiri" in Deir ez-Zor only
            score -= W.country_in_region_penalty  # resembles "Syria": a place there is meant
    elif place_feature in AREA_FEATURES and candidate.main_name:  # ... or regions called so
        score += W.area_population_weight * magnitude  # (Florida the state), not a city
    score -= facts.not_current
    if candidate.main_name:  # "Turkey" the country, not a town once called Turkey
        score += W.main_name_bonus
        if place_feature == "country" or facts.kind == "CONT":
            score += W.country_name_bonus  # "Mexico": the country, not a city also called so
    if candidate.imported:
        score += W.imported_bonus
    if facts.landmark:  # a landmark met without its kind word yields to a town of its name
        score -= W.landmark_penalty
    elif feature:
        if place_feature == feature:
            score += W.feature_word_agrees
        elif feature in POPULATED and place_feature in ("region", "country", "district"):
            score -= W.populated_word_area_penalty
        elif feature in AREA_FEATURES and place_feature in POPULATED:
            score -= W.area_word_populated_penalty
    if admin_hint:
        if place_feature == "region":
            score += (W.hinted_region_itself if facts.name_key == admin_hint
                      else other_region(candidate))
        elif facts.has_admin1:
            score += W.in_hinted_region if facts.admin1_key == admin_hint else -W.in_hinted_region
        elif country_of_admin(admin_hint) not in (None, row["country_code"]):
            score -= W.outside_hinted_country  # "Homs" as region hint: a place outside Syria is out
    if near and row["lat"] is not None:
        distance = min(haversine_km(row["lat"], row["lon"], lat, lon) for lat, lon in near)
        score += W.near_bonus * math.exp(-distance / W.near_scale_km) - (
            W.far_penalty if distance > W.far_km else 0.0)
    if on is not None and ceased_before(row["cessation"], on):
        score -= W.ceased_penalty
    return score


def other_region(candidate: Candidate) -> float:
    """A region other than the hinted one: its own name may still be meant (a report's
    context hint is not always where every place lies), but a name merely resembling it
    is a place in the hinted region ("Hamma" in Homs is not the Hamah governorate)."""
    if candidate.similarity >= W.exact:
        return W.other_region_penalty
    return W.other_region_lookalike_extra - W.feature_prior["region"]


def prefer_capitals(candidates: list[Candidate], feature: str | None) -> None:
    """A region's bare name means the town it is named after ("in Idlib" is Idlib city, as
    ACLED codes it) unless the words say region ("Idlib province", "northern Idlib"); so does
    a national capital's name that a region also bears."""
    if feature in ("region", "district") or feature in AREA_FEATURES:
        return
    regions = [c for c in candidates if c.facts.feature == "region" and c.main_name]
    if not regions:
        prefer_district_seats(candidates)
        return
    for c in candidates:  # "Washington": the national capital, not the state
        if c.facts.kind == "PPLC" and c.main_name:
            c.total += W.capital_bonus
    # only the likeliest region lends its name: "Florida" the US state, not the Uruguayan
    # department whose capital is also called Florida
    top = max(regions, key=lambda c: (c.total, c.population or 0))
    region = top.row
    key = top.facts.name_key
    for c in candidates:
        if (c.facts.feature in POPULATED and c.main_name and c.facts.has_admin1
                and c.row["country_code"] == region["country_code"]
                and c.facts.admin1_key == key):
            c.total += W.capital_bonus
    namesake_town_over(top, candidates, lambda c: admin_key(c.row["admin1"]) == key)
    prefer_district_seats(candidates)


def namesake_town_over(area: Candidate, candidates: list[Candidate], inside) -> None:
    """When a region or district would win on its bare name, the town of that name inside it
    (read at least as closely as the area's) wins instead, whatever the area's summed
    population says ("Daraa" is Daraa city, "Tall Abyad" the town, "Tal Abyad" too). Only
    the winner is replaced: other places of the name keep their ranks ("Springfield" stays
    the largest Springfield)."""
    if area.similarity < W.namesake_min_similarity or max(c.total for c in candidates) > area.total:
        return
    towns = [c for c in candidates if c.row["feature"] in POPULATED and c.main_name
             and c.similarity >= min(W.exact, area.similarity)
             and c.row["country_code"] == area.row["country_code"] and inside(c)]
    if towns:
        town = max(towns, key=lambda c: (c.total, c.population or 0))
        town.total = area.total + W.namesake_margin


def prefer_district_seats(candidates: list[Candidate]) -> None:
    """A district's bare name means the town it is named after ("Tall Abyad" the town, not
    the Tell Abiad district), as for regions; the words "district"/"area" say otherwise and
    then this is not called."""
    districts = [c for c in candidates if c.facts.feature == "district" and c.main_name]
    if not districts:
        return
    district = max(districts, key=lambda c: c.total)
    key = admin_key(district.row["admin2"] or district.row["name"])
    namesake_town_over(district, candidates,
                        lambda c: bool(c.row["admin2"]) and admin_key(c.row["admin2"]) == key)


def penalise_weaker_names(candidates: list[Candidate], admin_hint: str | None = None) -> None:
    """Context may choose among places that carry the name, not replace the name: a fuzzy
    look-alike loses to any place whose name matches (exactly, by its article-free form, or
    through a spelling bridge: a bigger town merely resembling the words does not outrank
    the village they spell the OCHA way).
    With a region hint only places not placed in another region set the bar ("Abu Hamam" in
    Deir ez-Zor is Abu Hammam there, not Abu Hamamah in Homs)."""
    if max((c.similarity for c in candidates), default=0.0) < W.same_bridge:
        return  # (the pool below is some of the candidates: its best is lower still)
    pool = [c for c in candidates if not outside_region(c, admin_hint)
            and not c.facts.landmark] or candidates  # "Tabqa" the town, not its airport
    best = max((c.similarity for c in pool), default=0.0)
    if best < W.same_bridge:
        return
    margin = W.weaker_name_margin if best >= W.exact else W.bridged_name_margin
    for c in candidates:
        if c.similarity < best - margin:
            c.total -= W.weaker_name_penalty


def with_admin2(ranked: list[Candidate], admin2: str | None) -> list[Candidate]:
    """The ranking with a small bonus for places in the named district (copies: the cached
    ranking is shared)."""
    hint = admin_key(admin2)
    if not hint or not ranked:
        return ranked
    out = []
    for c in ranked:
        copy = Candidate(row=c.row, similarity=c.similarity, imported=c.imported, total=c.total,
                          facts=c.facts)
        copy.population, copy.main_name = c.population, c.main_name
        if c.facts.has_admin2:
            copy.total += W.admin2_bonus if c.facts.admin2_key == hint else -W.admin2_bonus
        out.append(copy)
    out.sort(key=by_total, reverse=True)
    return out


def lookalike_outside(candidate: Candidate, admin_hint: str | None) -> bool:
    """The best reading is only a name resembling the one asked for, in another region than
    the hint names ("Midaana" in Rif Dimashq is not Al Mayadin in Deir ez-Zor): no match."""
    if not admin_hint or candidate.similarity >= W.exact:
        return False
    admin1 = candidate.row["admin1"] if candidate.row["feature"] != "region" else \
        candidate.row["name"]
    return bool(admin1) and admin_key(admin1) != admin_hint


def outside_region(candidate: Candidate, admin_hint: str | None) -> bool:
    """The candidate is known to lie in a region other than the hinted one."""
    facts = candidate.facts
    return bool(admin_hint and facts.has_admin1 and facts.feature != "region"
                and facts.admin1_key != admin_hint)


def ceased_before(cessation: str | None, on: date) -> bool:
    if not cessation:
        return False
    try:
        return date.fromisoformat(cessation[:10]) < on
    except ValueError:
        return False



def named_in_region(candidates: Iterable[Candidate], admin_hint: str | None) -> bool:
    """A place (not a landmark) carries the name itself, in the hinted region if any."""
    return any(c.similarity >= W.exact and not c.facts.landmark  # (``is_landmark``)
               and not outside_region(c, admin_hint) for c in candidates)



def prefer_named_kind(ranked: list[Candidate], word: str | None) -> list[Candidate]:
    """"Tishrin Dam", "Tiyas military airbase": when the words name a landmark kind, a landmark
    of that kind whose name matches wins over the town it is named after."""
    kinds = kinds_named_by(word)
    if not kinds or not ranked:
        return ranked
    for c in ranked:
        if (is_landmark(c.row) and c.row["kind"] in kinds
                and c.similarity >= W.named_kind_min_similarity):
            c.total += W.named_kind_bonus
    ranked.sort(key=by_total, reverse=True)
    return ranked
