"""Tolls over a region or a period (contract ``aggregates``), never an event's toll.

A count is an aggregate when its words say so ("since the war began", "across three provinces",
"in the past six days", "since Thursday", "of some 500 dead": ``casualty_terms.json``
``cumulative_cues`` and ``total_cues``, marked by ``tawthiq_casualties``), or when it is told
over a list of places that are not one incident's: places in different governorates ("killed
in Damascus, Aleppo and Idlib"), or villages the report then gives tolls of their own ("41
killed in Tremseh, Halfaya and Taybat ... In Tremseh, 22 ..."). A list with no tolls of its own
stays one incident told together.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from tawthiq.extract.dates import Anchor, resolve
from tawthiq.extract.segment import LIST_GAP, Sentence, same_name
from tawthiq.model import Aggregate, AggregateArea, DateRange, Event, Evidence, Fatalities
from tawthiq.nlp.dates import find_dates
from tawthiq.nlp.lexicon import casualty_terms
from tawthiq.nlp.numbers import parse_number

PERIOD_BACK = re.compile(r"\b(?:past|last|previous|less than|more than)\s+(?P<n>[\w-]+\s+)?"
                         r"(?P<unit>days?|weeks?|months?|years?)\b", re.IGNORECASE)
SINCE = re.compile(r"\bsince\s+", re.IGNORECASE)
UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}


def mark_list_tolls(sentences: list[Sentence]) -> None:
    """A toll told over a list of places is an aggregate when the places lie in different
    governorates, or when the report gives any of them a toll of its own; likewise a toll
    told over places counted but not named ("two villages") when the report gives two or
    more places tolls of their own."""
    for s in sentences:
        for c in s.casualties:
            if c.outcome != "killed" or c.cumulative or c.breakdown:
                continue
            listed = _listed_after(s, c)
            if len(listed) < 2:
                if _counts_places(s.text) and not _names_a_town(s) \
                        and len(_tolled_places(sentences, but=s)) >= 2:
                    c.cumulative = True
                continue
            regions = {p.match.admin1 or p.match.name for p in listed}
            if len(regions) > 1 or _tolled_elsewhere(listed, s, sentences):
                c.cumulative = True


def _counts_places(text: str) -> bool:
    """ "two villages", "several towns": places counted, not named (casualty_terms.json)."""
    return bool(re.search(casualty_terms()["counted_places"], text, re.IGNORECASE))


def _names_a_town(s: Sentence) -> bool:
    """ "shelling of two neighbourhoods of Aleppo killed 11": the toll is told of a town."""
    return any(p.match is not None and p.match.feature in ("locality", "neighbourhood")
               for p in s.places + s.references)


def _tolled_places(sentences: list[Sentence], but: Sentence) -> set[str]:
    """The towns and villages other sentences give a toll of their own."""
    return {s.place.match.gazetteer_id for s in sentences
            if s is not but and s.place is not None and s.place.match is not None
            and s.place.match.feature in ("locality", "neighbourhood")
            and any(c.outcome == "killed" and not c.cumulative for c in s.casualties)}


def _listed_after(s: Sentence, figure: Any) -> list[Any]:
    """The places written as a list ("in A, B and C") after the figure, before the next count."""
    later = [c.start for c in s.casualties if c.start > figure.end and c.outcome == figure.outcome
             and not c.breakdown]
    stop = min(later, default=s.end)
    told = [p for p in s.places if figure.end <= p.start < stop and p.match is not None
            and p.match.feature != "country"]
    run: list[Any] = told[:1]
    for a, b in zip(told, told[1:], strict=False):
        if not LIST_GAP.match(s.text[a.end - s.start:b.start - s.start]):
            break
        run.append(b)
    return run


def _tolled_elsewhere(listed: list[Any], here: Sentence, sentences: list[Sentence]) -> bool:
    """Some listed place has a count of its own in another sentence ("In Tremseh, 22 ...")."""
    for s in sentences:
        if s is here or not any(c.outcome == "killed" and not c.cumulative for c in s.casualties):
            continue
        if any(same_name(p.text, q.text) for p in s.places for q in listed):
            return True
    return False


def find_aggregates(sentences: list[Sentence], text: str, anchor: Anchor | None,
                    reporters: list[tuple[str, int, int]], source: str | None,
                    events: list[Event]) -> list[Aggregate]:
    """One aggregate per aggregate toll of the report, in text order."""
    out: list[Aggregate] = []
    seen: set[tuple[int, int | None]] = set()
    for s in sentences:
        for c in s.casualties:
            if c.outcome != "killed" or not c.cumulative or (s.index, c.best) in seen:
                continue
            seen.add((s.index, c.best))
            area = [_area(p) for p in s.places + s.references
                    if p.match is not None and p.match.feature in ("region", "country", "locality")]
            when = _period(text, s, c, anchor)
            by = [name for name, start, _ in reporters if s.start <= start < s.end] or (
                [source] if source else [])
            out.append(Aggregate(
                area=area, date=when,
                fatalities=Fatalities(low=c.low, best=c.best, high=c.high),
                reported_by=by,
                evidence=[Evidence(field="fatalities", start=c.start, end=c.end)],
                events=_included(events, area, when)))
    return out


def _area(p: Any) -> AggregateArea:
    m = p.match
    return AggregateArea(mention=p.text, name=m.name, gazetteer_id=m.gazetteer_id,
                         admin1=m.admin1, country_code=m.country_code)


def _period(text: str, s: Sentence, c: Any, anchor: Anchor | None) -> DateRange | None:
    """The span an aggregate covers: "in the past six days" back from the report's day,
    "since Thursday" / "since 20 January" to it, else the sentence's own date."""
    window = text[max(s.start, c.start - 80):min(s.end, c.end + 80)]
    if anchor is not None:
        back = PERIOD_BACK.search(window)
        if back:
            n = parse_number(back.group("n") or "one") or 1
            days = n * UNIT_DAYS[back.group("unit").lower().rstrip("s")]
            return DateRange(start=anchor.day - timedelta(days=days), end=anchor.day,
                             precision="days" if days <= 7 else "month")
        since = SINCE.search(window)
        if since:
            mention = next((m for m in find_dates(window[since.end():since.end() + 40])
                            if m.start == 0), None)
            start = resolve(mention, anchor.day) if mention is not None else None
            if start is not None and start.start <= anchor.day:
                return DateRange(start=start.start, end=anchor.day,
                                 precision=_precision(start.start, anchor.day))
    return s.date


def _precision(start: date, end: date) -> str:
    days = (end - start).days
    return "day" if days == 0 else "days" if days <= 6 else "week" if days <= 7 else \
        "month" if days <= 31 else "year"


def _included(events: list[Event], area: list[AggregateArea], when: DateRange | None
              ) -> list[int]:
    """This report's events the toll includes: in its area and its period."""
    regions = {a.admin1 for a in area if a.admin1}
    if not regions:
        return []
    return [i for i, e in enumerate(events)
            if e.location is not None and e.location.admin1 in regions
            and (when is None or e.date is None
                 or (e.date.start <= when.end and when.start <= e.date.end))]
