"""Words naming how violence was done ("barrel bombs", "shelling", "shot dead")."""

from __future__ import annotations

from dataclasses import dataclass

from tawthiq.caseless import lowered
from tawthiq.nlp.lexicon import means_entries


@dataclass
class MeansMention:
    start: int
    end: int
    means: str
    weight: int
    event_type: str
    sub_event_type: str


def find_means(text: str) -> list[MeansMention]:
    """Non-overlapping mentions in text order; on overlap the longer, then heavier, wins."""
    lower = lowered(text)
    candidates = [MeansMention(m.start(), m.end(), e.means, e.weight, e.event_type,
                               e.sub_event_type)
                  for e in means_entries() for m in e.regex.finditer(text, lower)]
    candidates.sort(key=lambda c: (-(c.end - c.start), -c.weight, c.start))
    kept: list[MeansMention] = []
    for c in candidates:
        if not any(c.start < k.end and k.start < c.end for k in kept):
            kept.append(c)
    return sorted(kept, key=lambda c: c.start)
