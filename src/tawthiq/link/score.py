"""Fellegi-Sunter scoring of one pair of event reports: each comparison's level adds its
weight log2(m/u) to the prior log2(lambda/(1-lambda)); the explanation keeps every level."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from functools import lru_cache

import wordfreq

from tawthiq.link import compare
from tawthiq.link.features import Features
from tawthiq.link.settings import LinkSettings
from tawthiq.model import ComparisonResult

Similarity = Callable[[Features, Features], float]


class WordWeights:
    """Cosine similarity of the reports' own words, each weighted by how rare it is in the
    language (``9 - zipf``: wordfreq's Zipf frequency, the log10 of a word's count per
    billion words of web, news, books and subtitles; a word it has never seen weighs 9, "the"
    weighs about 1.3). The weights come from the language, not from the reports linked so
    far, so a report's vector is the same whether it is linked on ingest against a few
    candidates or relinked with the whole store: linking gives one answer either way.
    (Document frequencies over the reports seen, as a TF-IDF would count them, made ingest
    and relinking disagree: pairwise F1 0.632 against 0.528 on reports-dev.)"""

    def __init__(self) -> None:
        self.vectors: dict[tuple, dict[str, float]] = {}

    def add(self, features: Features) -> None:
        """Nothing to learn: kept so that any similarity can be told of each report."""

    def vector(self, features: Features) -> dict[str, float]:
        found = self.vectors.get(features.key)
        if found is None:
            counts = Counter(features.tokens)
            raw = {t: c * rarity(t, features.language) for t, c in counts.items()}
            norm = math.sqrt(sum(v * v for v in raw.values())) or 1.0
            found = self.vectors[features.key] = {t: v / norm for t, v in raw.items()}
        return found

    def __call__(self, a: Features, b: Features) -> float:
        return compare.cosine(self.vector(a), self.vector(b))


MAX_ZIPF = 9.0   # a word said once per word (log10 of 1e9 per billion): weight 0


@lru_cache(maxsize=200_000)
def rarity(word: str, language: str) -> float:
    """``9 - zipf`` of a lower-cased word in its language (wordfreq knows 40-odd languages,
    Arabic and English among them; in any other every word weighs the same)."""
    try:
        zipf = wordfreq.zipf_frequency(word, language)
    except LookupError:
        return MAX_ZIPF
    return max(0.0, MAX_ZIPF - zipf)


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
