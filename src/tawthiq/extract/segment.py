"""Splitting a report into incidents: one event per place and day.

Sentences that tell of violence (a casualty count or a means of violence) are grouped: a
sentence joins the incident whose place and date it shares or refines; a new place (another
village) or another day starts a new incident; background paragraphs about older events
become their own incidents, never merged into the main one. A place named only as someone's
origin or residence, or a diplomatic venue, is never an event's place.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from rapidfuzz import fuzz
from unidecode import unidecode

from tawthiq.extract.dates import (
    Anchor,
    is_boundary_date,
    is_dateline,
    is_reporting_date,
    resolve,
)
from tawthiq.model import DateRange
from tawthiq.nlp.casualties import CasualtyMention
from tawthiq.nlp.dates import DateMention
from tawthiq.nlp.means import MeansMention

FEATURE_RANK = {"neighbourhood": 4, "locality": 3, "district": 2, "region": 1, "country": 0}
EXCLUDED_ROLES = {"origin", "residence", "venue", "base", "nationality", "actor"}
BASED = re.compile(r"^[\s-]*based\b", re.IGNORECASE)
BACKGROUND_DAYS = 30
SPELLING_SIMILARITY = 70


@dataclass
class Sentence:
    index: int
    start: int
    end: int
    means: list[MeansMention]
    casualties: list[CasualtyMention]
    places: list[Any]  # usable Toponyms, in text order
    date: DateRange | None = None
    date_mention: DateMention | None = None

    @property
    def place(self) -> Any:
        """The most specific usable place; the first one on ties."""
        if not self.places:
            return None
        return max(self.places, key=lambda t: (rank(t), -t.start))

    @property
    def tells_violence(self) -> bool:
        counted = any(c.outcome and not c.cumulative for c in self.casualties)
        return counted or any(m.weight >= 2 for m in self.means)


@dataclass
class Draft:
    sentences: list[Sentence] = field(default_factory=list)
    place: Any = None
    date: DateRange | None = None
    date_mention: DateMention | None = None

    def add(self, sentence: Sentence) -> None:
        self.sentences.append(sentence)
        if sentence.place is not None and rank(sentence.place) > rank(self.place):
            self.place = sentence.place
        if self.date is None and sentence.date is not None:
            self.date, self.date_mention = sentence.date, sentence.date_mention

    @property
    def casualties(self) -> list[CasualtyMention]:
        return [c for s in self.sentences for c in s.casualties]

    @property
    def means(self) -> list[MeansMention]:
        return [m for s in self.sentences for m in s.means]


def rank(toponym: Any) -> int:
    if toponym is None or toponym.match is None:
        return -1
    return FEATURE_RANK.get(toponym.match.feature or "", 2)


def dominant_country(toponyms: list[Any]) -> str | None:
    """The country most places of the report lie in (towns and regions; a country named in
    passing, "US-led strikes", does not count): a name matched elsewhere ("Sun" as a Chinese
    town) is then a false match, not an event place."""
    counts: dict[str, int] = {}
    for t in toponyms:
        if t.match is not None and t.match.country_code and t.match.feature != "country":
            counts[t.match.country_code] = counts.get(t.match.country_code, 0) + 1
    if not counts:
        return next((t.match.country_code for t in toponyms
                     if t.match is not None and t.match.country_code), None)
    return max(counts, key=counts.get)


def country_forms(toponyms: list[Any]) -> set[str]:
    """Names of the countries the report names, to recognise their derived forms."""
    return {_plain(t.match.name) for t in toponyms
            if t.match is not None and t.match.feature == "country" and len(t.match.name) > 3}


def _derived_from_country(words: str, countries: set[str]) -> bool:
    """"Syrian", "Syrias" (a possessive without its apostrophe): not a town."""
    plain = _plain(words)
    return any(plain != name and plain.startswith(name) and len(plain) - len(name) <= 3
               for name in countries)


def in_country(toponym: Any, country: str) -> Any:
    """The toponym resolved to its best alternative in ``country``, or None if it has none.
    Only loose matches are moved: a name that is exactly a foreign place ("Beirut") or a
    country ("Iraqi" -> Iraq) stays foreign."""
    match = toponym.match
    if match.feature == "country" or _plain(match.name) == _plain(toponym.text):
        return None
    alternative = next(
        (a for a in getattr(toponym, "alternatives", None) or []
         if a.country_code == country and _spelled_alike(a.name, toponym.text)),
        None,
    )
    if alternative is None:
        return None
    return dataclasses.replace(toponym, match=alternative)


def _plain(name: str) -> str:
    return re.sub(r"[^a-z]", "", unidecode(name).lower())


def _spelled_alike(name: str, words: str) -> bool:
    """An alternative is taken only when it is a spelling of the same words ("Tibni",
    "Tibnah"), not another name the gazetteer happens to hold."""
    return fuzz.ratio(_plain(name), _plain(words)) >= SPELLING_SIMILARITY


def _name_like(words: str) -> bool:
    """Not an acronym ("TV", "NGO", "SANA") nor a bare particle ("Al")."""
    letters = re.sub(r"[^A-Za-z]", "", words)
    if len(letters) <= 2:
        return False
    return not (words.isupper() and len(letters) <= 5)


def usable_places(text: str, toponyms: list[Any], excluded: list[tuple[int, int]]) -> list[Any]:
    """Toponyms that can be where an event happened: resolved, in the report's main country,
    not an origin/residence/venue, not part of a reporter's name ("the British-based
    Observatory") nor of the dateline."""
    usable = []
    country = dominant_country(toponyms)
    countries = country_forms(toponyms)
    for t in toponyms:
        if t.match is None or (t.role or None) in EXCLUDED_ROLES or not _name_like(t.text):
            continue
        if t.match.feature != "country" and _derived_from_country(t.text, countries):
            continue
        if country and t.match.country_code and t.match.country_code != country:
            t = in_country(t, country)
            if t is None:
                continue
        if any(s <= t.start < e or t.start <= s < t.end for s, e in excluded) or BASED.match(
            text[t.end : t.end + 8]
        ):
            continue
        usable.append(t)
    return usable


def sentence_date(
    text: str,
    mentions: list[DateMention],
    anchor: Anchor | None,
    referent: Callable[[str], DateRange | None] | None = None,
) -> tuple[DateRange | None, DateMention | None]:
    """The sentence's own date: its first event date; a reporting date ("said on Sunday")
    only when nothing else dates it. The dateline itself dates nothing by its own right.
    "A day after the ambush" is dated from the ambush's date when the report gives it."""
    reporting: tuple[DateRange | None, DateMention | None] = (None, None)
    for m in mentions:
        if anchor is not None and m is anchor.mention and is_dateline(text, m):
            continue
        if anchor is not None and _names_the_dateline_day(text, m, anchor):
            continue
        if is_boundary_date(text, m):
            continue
        if m.kind == "referenced":
            found = _shifted(referent(m.referent) if referent and m.referent else None, m.shift)
        else:
            found = resolve(m, anchor.day if anchor else None)
        if found is None:
            continue
        if is_reporting_date(text, m):
            reporting = reporting if reporting[0] else (found, m)
            continue
        return found, m
    return reporting


def _names_the_dateline_day(text: str, m: DateMention, anchor: Anchor) -> bool:
    """"Monday 11 January 2016": the weekday belongs to the dateline, it dates nothing."""
    dateline = anchor.mention
    return (
        dateline is not None
        and m.kind == "weekday"
        and m.end <= dateline.start
        and not text[m.end : dateline.start].strip(" ,")
    )


def _shifted(base: DateRange | None, days: int) -> DateRange | None:
    if base is None:
        return None
    step = timedelta(days=days)
    return DateRange(start=base.start + step, end=base.end + step, precision=base.precision)


def places_compatible(a: Any, b: Any) -> bool:
    """Same place, or one lies within the other (a city and its neighbourhood, a village and
    its governorate). Two different villages are two places."""
    if a is None or b is None:
        return True
    ma, mb = a.match, b.match
    if ma.gazetteer_id == mb.gazetteer_id:
        return True
    ra, rb = rank(a), rank(b)
    low, high = (ma, mb) if ra <= rb else (mb, ma)
    low_rank = min(ra, rb)
    if low_rank <= 0:
        return (low.country_code or "") == (high.country_code or "")
    if low_rank == 1:
        return _same(low.admin1 or low.name, high.admin1)
    if low_rank == 2:
        return _same(low.admin2 or low.name, high.admin2) or _same(low.name, high.admin2)
    if {ra, rb} == {3, 4}:
        return _same(ma.admin1, mb.admin1) and _same(ma.admin2, mb.admin2)
    return False


def _same(x: str | None, y: str | None) -> bool:
    return bool(x) and bool(y) and x.strip().lower() == y.strip().lower()


def dates_compatible(a: DateRange | None, b: DateRange | None) -> bool:
    if a is None or b is None:
        return True
    return a.start <= b.end and b.start <= a.end


def segment(sentences: list[Sentence]) -> list[Draft]:
    """Incidents in order of first mention."""
    drafts: list[Draft] = []
    current: Draft | None = None
    for s in sentences:
        if not s.tells_violence:
            continue
        target = _same_place(drafts, s)
        if target is None and current is not None and _fits(current, s):
            target = current
        if target is None:
            target = Draft()
            drafts.append(target)
        target.add(s)
        current = target
    return drafts


def _same_place(drafts: list[Draft], s: Sentence) -> Draft | None:
    if s.place is None:
        return None
    for d in drafts:
        if (
            d.place is not None
            and d.place.match.gazetteer_id == s.place.match.gazetteer_id
            and dates_compatible(d.date, s.date)
        ):
            return d
    return None


def _fits(draft: Draft, s: Sentence) -> bool:
    return places_compatible(draft.place, s.place) and dates_compatible(draft.date, s.date)


def main_first(drafts: list[Draft], anchor: Anchor | None) -> list[Draft]:
    """events[0] is the report's main incident: the first one told that counts its dead or
    wounded with a figure (a photo caption or a scene-setting line comes before it; a lead's
    "dozens" is a summary), not a background incident dated well before the report."""
    if len(drafts) < 2:
        return drafts
    recent = [d for d in drafts if anchor is None or not _background(d, anchor.day)] or drafts
    counted = [d for d in recent if _counts(d, vague=True)]
    figured = [d for d in counted if _counts(d, vague=False)]
    main = (figured or counted or recent)[0]
    return [main] + [d for d in drafts if d is not main]


def _counts(draft: Draft, vague: bool) -> bool:
    """The draft counts its dead or wounded (with a figure, unless ``vague``: a lead's
    "dozens were killed in two villages" gives way to the first incident it numbers)."""
    return any(c.outcome in ("killed", "injured") and not c.cumulative and (vague or not c.vague)
               for c in draft.casualties)


def _background(draft: Draft, anchor: date) -> bool:
    return draft.date is not None and draft.date.end < anchor - timedelta(days=BACKGROUND_DAYS)


def date_from_lead(draft: Draft, lead: list[Sentence], anchor: Anchor | None) -> None:
    """A main incident its own sentences do not date takes the date the report's lead gives
    to violence ("Dozens were killed in strikes near X." then "At least 73 civilians were
    killed early on Tuesday in Y"; "Three schools were targeted this morning"): the lead
    tells the main incident, so any of its sentences naming violence counts. Only a recent date
    (not a background incident) is taken; with none, the incident stays undated."""
    if draft.date is not None:
        return
    for s in lead:
        if not (s.means or s.casualties) or s.date is None or s.date_mention is None:
            continue
        if anchor is not None and _background(Draft(date=s.date), anchor.day):
            continue
        draft.date, draft.date_mention = s.date, s.date_mention
        return
