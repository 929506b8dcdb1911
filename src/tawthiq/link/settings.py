"""The linking settings: a Fellegi-Sunter model as data (``data/link/settings.json``), in
splink's key names, validated once (every problem collected, then one error) and saved with
every linking run so that each link stays explainable by the settings that made it.

splink itself is not the linker (measured in ``data/link/README.md``): it is faster in batch
(100,000 synthetic reports in 7 s against 39 s of CPU here) but clusters by connected
components (chains), has no cannot-link constraints (one report per document, analysts'
splits), takes 0.3-0.6 s to score one new report against a DuckDB table where linking inside
the storing transaction takes 0.06 s, and the place hierarchy and per-language word weights
are Python, not SQL. The key names stay splink's so a model trained with splink (EM over
analysts' labels) can be copied in."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from tawthiq.errors import BadInput

SETTINGS_FILE = "link/settings.json"
COMPARISONS = ("place", "date", "event_type", "means", "fatalities", "perpetrators",
               "named_victims", "words")


@dataclass(frozen=True, slots=True)
class Level:
    label: str
    weight: float          # log2(m/u); 0 for a null level
    is_null: bool


@dataclass(frozen=True)
class LinkSettings:
    raw: dict
    prior_weight: float                      # log2(lambda / (1 - lambda))
    link_probability: float
    bridge_probability: float
    veto_probability: float
    similar_probability: float               # shown to analysts as "unlinked but similar"
    date_window_days: int
    grid_degrees: float
    levels: dict[str, dict[str, Level]]      # comparison -> label -> level
    word_thresholds: tuple[float, ...]
    contradicting: frozenset[tuple[str, str]] = frozenset()   # levels that keep apart

    def level(self, comparison: str, label: str) -> Level:
        return self.levels[comparison][label]

    @property
    def link_weight(self) -> float:
        return weight_of(self.link_probability)

    @property
    def bridge_weight(self) -> float:
        return weight_of(self.bridge_probability)

    @property
    def veto_weight(self) -> float:
        return weight_of(self.veto_probability)

    @property
    def words_range(self) -> tuple[float, float]:
        """The lowest and highest weight the words comparison can add."""
        weights = [level.weight for level in self.levels["words"].values()] + [0.0]
        return min(weights), max(weights)

    def to_json(self) -> dict:
        return self.raw


def weight_of(probability: float) -> float:
    return math.log2(probability / (1.0 - probability))


def probability_of(weight: float) -> float:
    return 1.0 / (1.0 + 2.0 ** -weight)


def parse_settings(raw: dict, where: str = SETTINGS_FILE) -> LinkSettings:
    """Validate ``raw``; BadInput lists every problem found, naming ``where``."""
    problems: list[str] = []
    lam = raw.get("probability_two_random_records_match")
    if not isinstance(lam, int | float) or not 0 < lam < 1:
        problems.append("probability_two_random_records_match must be between 0 and 1")
        lam = 0.5
    thresholds = raw.get("thresholds") or {}
    probs = {}
    for name, default in (("link", 0.9), ("bridge", 0.99), ("veto", 0.0001),
                          ("similar", 0.1)):
        value = thresholds.get(name, default)
        if not isinstance(value, int | float) or not 0 < value < 1:
            problems.append(f"thresholds.{name} must be between 0 and 1")
            value = default
        probs[name] = float(value)
    blocking = raw.get("blocking") or {}
    levels: dict[str, dict[str, Level]] = {}
    word_thresholds: tuple[float, ...] = (0.45, 0.25, 0.12)
    contradicting: set[tuple[str, str]] = set()
    for index, comparison in enumerate(raw.get("comparisons") or []):
        name = comparison.get("output_column_name")
        if name not in COMPARISONS:
            problems.append(f"comparisons[{index}]: unknown comparison {name!r}")
            continue
        levels[name] = {}
        for j, level in enumerate(comparison.get("comparison_levels") or []):
            label = level.get("label_for_charts")
            if not label:
                problems.append(f"{name} level {j}: label_for_charts is required")
                continue
            if level.get("is_null_level"):
                levels[name][label] = Level(label, 0.0, True)
                continue
            m, u = level.get("m_probability"), level.get("u_probability")
            if not all(isinstance(p, int | float) and 0 < p <= 1 for p in (m, u)):
                problems.append(f"{name} level {label!r}: m_probability and u_probability "
                                "must be in (0, 1]")
                continue
            levels[name][label] = Level(label, math.log2(m / u), False)
            if level.get("contradicts"):
                contradicting.add((name, label))
        if name == "words" and comparison.get("thresholds"):
            word_thresholds = tuple(float(t) for t in comparison["thresholds"])
    missing = [c for c in COMPARISONS if c not in levels]
    if missing:
        problems.append(f"comparisons missing: {', '.join(missing)}")
    if problems:
        raise BadInput("; ".join(problems), path=where)
    return LinkSettings(raw=raw, prior_weight=math.log2(lam / (1 - lam)),
                        link_probability=probs["link"], bridge_probability=probs["bridge"],
                        veto_probability=probs["veto"],
                        similar_probability=probs["similar"],
                        date_window_days=int(blocking.get("date_window_days", 10)),
                        grid_degrees=float(blocking.get("grid_degrees", 0.25)),
                        levels=levels, word_thresholds=word_thresholds,
                        contradicting=frozenset(contradicting))


@lru_cache(maxsize=1)
def default_settings() -> LinkSettings:
    text = resources.files("tawthiq.data").joinpath(SETTINGS_FILE).read_text("utf-8")
    return parse_settings(json.loads(text))


def load_settings(path: Path | None = None) -> LinkSettings:
    """The shipped settings, or a user's file (a trained or hand-adjusted copy)."""
    if path is None:
        return default_settings()
    try:
        raw = json.loads(Path(path).read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise BadInput(f"cannot read linking settings: {exc}", path=str(path)) from None
    return parse_settings(raw, str(path))


@lru_cache(maxsize=1)
def compatibility() -> dict:
    text = resources.files("tawthiq.data").joinpath("link/compatibility.json").read_text("utf-8")
    return json.loads(text)


@lru_cache(maxsize=1)
def grades() -> dict:
    text = resources.files("tawthiq.data").joinpath("link/grades.json").read_text("utf-8")
    return json.loads(text)
