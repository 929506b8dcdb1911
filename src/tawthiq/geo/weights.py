"""The geocoder's ranking weights, read from ``tawthiq/data/geo/ranking.json`` where each one has
a note saying what it does and the commit and measurement it comes from.

``W`` holds them as attributes (``W.capital_bonus``); the file must name exactly the fields
of ``RankingWeights``, so a weight cannot be added, renamed or dropped on one side only.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from tawthiq.geo.datafiles import load_json

RANKING_FILE = "ranking.json"


@dataclass(frozen=True, slots=True)
class RankingWeights:
    """Scores and thresholds of candidate ranking (see ``ranking.json`` for each one)."""

    exact: float
    min_name_similarity: float
    fuzzy_below: float
    fuzzy_prefilter_share: float
    same_bridge: float
    same_skeleton_base: float
    same_skeleton_spread: float
    same_skeleton_word_count_penalty: float
    cross_script_same_skeleton: float
    cross_script_fuzzy_share: float
    fuzzy_share: float
    capitals_mismatch_share: float
    main_name_skeleton_similarity: float
    feature_prior: dict[str, float]
    kind_prior: dict[str, float]
    population_weight: float
    population_orders: int
    lookalike_population_share: float
    country_population_weight: float
    area_population_weight: float
    country_in_region_penalty: float
    not_current_penalty: dict[int, float]
    main_name_bonus: float
    country_name_bonus: float
    imported_bonus: float
    landmark_penalty: float
    named_kind_bonus: float
    named_kind_min_similarity: float
    feature_word_agrees: float
    populated_word_area_penalty: float
    area_word_populated_penalty: float
    hinted_region_itself: float
    in_hinted_region: float
    outside_hinted_country: float
    other_region_penalty: float
    other_region_lookalike_extra: float
    near_bonus: float
    near_scale_km: float
    far_penalty: float
    far_km: float
    ceased_penalty: float
    admin2_bonus: float
    country_bonus: float
    mentioned_country_bonus: float
    capital_bonus: float
    namesake_min_similarity: float
    namesake_margin: float
    weaker_name_margin: float
    bridged_name_margin: float
    weaker_name_penalty: float
    inner_name_penalty: float
    part_reading: dict[str, float]
    direction_form_penalty: float
    direction_dropped_penalty: float
    glued_article_penalty: float
    arabic_proclitic_penalty: float
    stretch_end_similarity: float
    text_min_similarity: float
    text_foreign_min_similarity: float
    confident_similarity: float
    support_bonus: float
    support_cap: int
    support_km: float
    anchor_margin: float
    part_of_max_km: float


def load_weights(data: dict | None = None) -> RankingWeights:
    """The weights of ``ranking.json`` (or of ``data``, the same layout); a missing, unknown
    or non-numeric weight is an error naming it."""
    data = load_json(RANKING_FILE) if data is None else data
    given = {name: entry["value"] for name, entry in data["weights"].items()}
    wanted = {f.name for f in fields(RankingWeights)}
    missing, unknown = sorted(wanted - given.keys()), sorted(given.keys() - wanted)
    if missing or unknown:
        raise ValueError(f"{RANKING_FILE}: missing weights {missing}, unknown weights {unknown}")
    for name, value in given.items():
        numbers = value.values() if isinstance(value, dict) else [value]
        if not all(isinstance(n, int | float) and not isinstance(n, bool) for n in numbers):
            raise ValueError(f"{RANKING_FILE}: weight {name!r} is not a number: {value!r}")
    given["not_current_penalty"] = {int(k): v for k, v in given["not_current_penalty"].items()}
    return RankingWeights(**given)


W = load_weights()
