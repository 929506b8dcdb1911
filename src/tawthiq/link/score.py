"""Fellegi-Sunter scoring of one pair of event reports: each comparison's level adds its
weight log2(m/u) to the prior log2(lambda/(1-lambda)); the explanation keeps every level."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable

from tawthiq.link import compare
from tawthiq.link.features import Features
from tawthiq.link.settings import LinkSettings
from tawthiq.model import ComparisonResult

Similarity = Callable[[Features, Features], float]


class TfIdf:
    """Cosine similarity of TF-IDF vectors of the reports' own words. Document frequencies
    grow with the reports seen; a report's vector is fixed when first compared, so linking
    the same reports in the same order gives the same result."""

    def __init__(self) -> None:
        self.df: Counter[str] = Counter()
        self.n = 0
        self.vectors: dict[tuple, dict[str, float]] = {}

    def add(self, features: Features) -> None:
        self.n += 1
        self.df.update(set(features.tokens))

    def vector(self, features: Features) -> dict[str, float]:
        found = self.vectors.get(features.key)
        if found is None:
            counts = Counter(features.tokens)
            n = self.n + 1
            raw = {t: c * (math.log(n / (self.df.get(t, 0) + 1)) + 1.0)
                   for t, c in counts.items()}
            norm = math.sqrt(sum(v * v for v in raw.values())) or 1.0
            found = self.vectors[features.key] = {t: v / norm for t, v in raw.items()}
        return found

    def __call__(self, a: Features, b: Features) -> float:
        return compare.cosine(self.vector(a), self.vector(b))


Found = list[tuple[str, str, str, float]]   # comparison, level, detail, weight


def score_pair(a: Features, b: Features, settings: LinkSettings,
               similarity: Similarity) -> tuple[float, Found]:
    """The match weight (prior included) and the level of every comparison."""
    found = [
        ("place", compare.compare_place(a, b)),
        ("date", compare.compare_date(a, b, settings.date_window_days)),
        ("event_type", compare.compare_event_type(a, b)),
        ("means", compare.compare_means(a, b)),
        ("fatalities", compare.compare_fatalities(a, b)),
        ("perpetrators", compare.compare_perpetrators(a, b)),
        ("named_victims", compare.compare_victims(a, b)),
    ]
    total = settings.prior_weight
    results: Found = []
    for name, (label, detail) in found:
        weight = settings.levels[name][label].weight
        total += weight
        results.append((name, label, detail, weight))
    low, high = settings.words_range
    if total + high < settings.link_weight and total + low >= settings.veto_weight:
        # Words could not change the decision: the pair is no link either way (and the
        # costliest comparison is skipped).
        results.append(("words", compare.NULL, "not needed", 0.0))
        return total, results
    label, detail = compare.compare_words(a, b, similarity, settings.word_thresholds)
    weight = settings.levels["words"][label].weight
    results.append(("words", label, detail, weight))
    return total + weight, results


def explain(found: Found) -> list[ComparisonResult]:
    return [ComparisonResult(comparison=name, level=label, weight=round(weight, 2),
                             detail=detail) for name, label, detail, weight in found]
