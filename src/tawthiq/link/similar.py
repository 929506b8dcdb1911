"""Unlinked but similar: the incidents closest to one incident that linking kept apart, each
with the best pair of reports and its comparisons (pure, over model types). An analyst
merges them or keeps them apart from there; both are recorded as labels."""

from __future__ import annotations

from collections.abc import Iterable

from tawthiq.link.cluster import report_key
from tawthiq.link.features import features_of
from tawthiq.link.score import WordWeights, explain, score_pair
from tawthiq.link.settings import LinkSettings, default_settings, probability_of
from tawthiq.model import EventReport, LinkLabel, SimilarIncident

SHOWN = 8


def similar_incidents(reports: list[EventReport], others: Iterable[EventReport], *,
                      settings: LinkSettings | None = None, labels: Iterable[LinkLabel] = (),
                      limit: int = SHOWN) -> list[SimilarIncident]:
    """Other incidents whose best report pair with ``reports`` (one incident's) reaches the
    ``similar`` probability, best first."""
    settings = settings or default_settings()
    words = WordWeights()
    apart = {frozenset((tuple(lb.a), tuple(lb.b))) for lb in labels if not lb.same}
    own = [(r, features_of(r, report_key(r))) for r in reports]
    documents = {r.document_id for r in reports}
    best: dict[int, SimilarIncident] = {}
    for other in others:
        if other.incident_id is None or any(other.id == r.id for r in reports):
            continue
        theirs = features_of(other, report_key(other))
        for report, mine in own:
            weight, found = score_pair(mine, theirs, settings, words)
            p = probability_of(weight)
            if p < settings.similar_probability:
                continue
            if other.incident_id in best and best[other.incident_id].probability >= p:
                continue
            reason = None
            if frozenset((mine.key, theirs.key)) in apart:
                reason = "an analyst kept them apart"
            elif other.document_id in documents:
                reason = "the same report tells both"
            best[other.incident_id] = SimilarIncident(
                incident=other.incident_id, report=report.id, matched=other.id,
                probability=round(p, 4), kept_apart=reason, comparisons=explain(found))
    return sorted(best.values(), key=lambda s: (-s.probability, s.incident))[:limit]
