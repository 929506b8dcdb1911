"""From what the Arabic reader found to incidents: which place each toll, weapon, actor and
date belongs to, which tolls are aggregates, and which incident is the report's main one.

A sentence tells of violence when it has a casualty count or an attack word. Each place
finer than a district named in such a sentence is an incident (one per gazetteer place and
year). A toll belongs to the first place named after it and before the next toll (the way
monitors' bulletins list "N killed by X on Y, and M by Z on W"), else to the nearest place
before it in its sentence, else to the incident the report was last telling of. A toll said
to be over a region or a period ("في مناطق متفرقة", "خلال الأيام الستة") or over a governorate
only is an aggregate, never put on a place."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache

from tawthiq.extract.ar.attribution import ActorSpan
from tawthiq.extract.ar.places import Governorate, Place
from tawthiq.knowledge import load
from tawthiq.nlp.ar.casualties import Casualty
from tawthiq.nlp.ar.dates import DateMention, resolve
from tawthiq.nlp.ar.means import MeansMention, abduction_words, clash_words, violence_words
from tawthiq.nlp.ar.pipeline import Reading
from tawthiq.nlp.ar.text import ArabicText
from tawthiq.nlp.ar.words import Phrases, Token

LEAD_SENTENCES = 3
ANCHOR_CHARS = 300     # a full date this near the start dates the report when nothing else does
AREA_WINDOW = 8        # tokens around a toll searched for an area or period word


@dataclass
class Frame:
    """One sentence and what it holds."""

    index: int
    lo: int                               # token range
    hi: int
    places: list[Place] = field(default_factory=list)        # finer than a district
    governorates: list[Governorate] = field(default_factory=list)
    tolls: list[Casualty] = field(default_factory=list)      # not parts of another toll
    parts: list[Casualty] = field(default_factory=list)
    means: list[MeansMention] = field(default_factory=list)
    actors: list[ActorSpan] = field(default_factory=list)
    dates: list[tuple[DateMention, tuple]] = field(default_factory=list)
    violent: bool = False
    clash: bool = False
    abduction: bool = False


@dataclass
class Incident:
    place: Place
    year: int | None
    frames: list[int] = field(default_factory=list)
    mentions: list[Place] = field(default_factory=list)
    tolls: list[Casualty] = field(default_factory=list)
    parts: list[Casualty] = field(default_factory=list)
    segments: list[tuple[int, int]] = field(default_factory=list)   # token ranges it owns
    first: int = 0                                                   # token of first mention

    @property
    def key(self) -> tuple:
        return (self.place.match.gazetteer_id, self.year)


@dataclass
class AggregateToll:
    toll: Casualty
    frame: int
    governorates: list[Governorate]


@dataclass
class Segmentation:
    frames: list[Frame]
    incidents: list[Incident]              # main first
    aggregates: list[AggregateToll]
    anchor: date | None
    orphan_tolls: list[Casualty] = field(default_factory=list)


@cache
def _area_words() -> Phrases:
    data = load("places.json", "ar")
    return Phrases((w, True) for key in ("area_words", "period_words") for w in data[key]["words"])


def anchor_of(published: date | None, reading: Reading) -> date | None:
    """The report's own date: ``published``, else its dateline, else a full date in its first
    lines (what "yesterday" and "on Tuesday" are counted from)."""
    if published is not None:
        return published
    for wanted in (lambda m: m.dateline, lambda m: m.kind == "full" and m.start < ANCHOR_CHARS):
        for mention in reading.dates:
            if wanted(mention):
                resolved = resolve(mention, None)
                if resolved is not None:
                    return resolved[0]
    return None


def build_frames(reading: Reading, places: list[Place], governorates: list[Governorate],
                 actors: list[ActorSpan], text: ArabicText, anchor: date | None) -> list[Frame]:
    frames = []
    tokens = reading.tokens
    known = [r[0] for r in (resolve(m, None) for m in reading.dates if m.kind == "full") if r]
    for index, (lo, hi) in enumerate(reading.sentences):
        start, end = tokens[lo].start, tokens[hi - 1].end
        frame = Frame(index, lo, hi)
        frame.places = [p for p in places if lo <= p.first < hi and p.local]
        frame.governorates = [g for g in governorates if lo <= g.first < hi]
        for casualty in reading.casualties[index]:
            (frame.parts if casualty.subset_of is not None else frame.tolls).append(casualty)
        frame.means = [m for m in reading.means if lo <= m.first < hi]
        o_start, o_end = text.original_span(start, end)
        frame.actors = [a for a in actors if o_start <= a.start < o_end]
        for mention in reading.dates:
            if start <= mention.start < end and not mention.dateline:
                resolved = resolve(mention, anchor) or _same_day_elsewhere(mention, known)
                if resolved is not None:
                    frame.dates.append((mention, resolved))
        frame.clash = bool(clash_words().find(tokens, lo, hi))
        frame.abduction = bool(abduction_words().find(tokens, lo, hi))
        frame.violent = bool(frame.tolls) or bool(violence_words().find(tokens, lo, hi)) \
            or frame.clash or frame.abduction
        frames.append(frame)
    return frames


def _same_day_elsewhere(mention: DateMention, known: list[date]) -> tuple | None:
    """"20 تشرين" with no year and no report date: the full date of that day and month the
    report gives elsewhere (an embedded post's "October 20, 2021")."""
    if mention.kind != "daymonth":
        return None
    for day in known:
        if day.day == mention.day and day.month in (mention.months or (mention.month,)):
            return day, day, "day"
    return None


def segment(reading: Reading, frames: list[Frame], anchor: date | None) -> Segmentation:
    tokens = reading.tokens
    incidents: dict[tuple, Incident] = {}
    aggregates: list[AggregateToll] = []
    pending: list[tuple[Casualty, Frame]] = []   # tolls told before any place is named
    current: Incident | None = None
    for frame in frames:
        own_year = _frame_year(frame)
        touched: list[Incident] = []
        if frame.violent:
            for place in frame.places:
                incident = _incident_for(incidents, place, own_year)
                incident.mentions.append(place)
                _attach(incident, frame, touched)
        tolls = _expand_enumerations(frame, tokens)
        for toll in list(tolls):
            if toll in tolls and (toll.regional or _is_aggregate(toll, frame, tokens, aggregates)):
                aggregates.append(AggregateToll(toll, frame.index, frame.governorates))
                tolls.remove(toll)
                tolls += _placed_parts(toll, frame, tolls)
        tolls.sort(key=lambda t: t.first)
        for toll in tolls:
            place = _place_of(toll, frame, tolls, tokens)
            if place is not None:
                incident = _incident_for(incidents, place, own_year)
            else:
                incident = current or (touched[0] if touched else None)
            if incident is None:
                pending.append((toll, frame))
                continue
            _give(incident, toll, frame)
            _attach(incident, frame, touched)
        if pending and touched:
            for toll, told_in in pending:   # "the toll rose to 221" before "in Sweida city"
                _give(touched[0], toll, told_in)
                _attach(touched[0], told_in, [])
            pending = []
        _assign_segments(frame, touched, tolls)
        if touched:
            current = touched[-1] if len(touched) == 1 or not frame.tolls else touched[0]
        elif frame.violent and current is not None and not frame.places and (
                frame.actors or frame.means):
            _attach(current, frame, [])
            current.segments.append((frame.lo, frame.hi))
    ordered = _main_first(list(incidents.values()), frames)
    return Segmentation(frames, ordered, aggregates, anchor, [t for t, _ in pending])


def _attach(incident: Incident, frame: Frame, touched: list[Incident]) -> None:
    if frame.index not in incident.frames:
        incident.frames.append(frame.index)
    if incident not in touched:
        touched.append(incident)


def _give(incident: Incident, toll: Casualty, frame: Frame) -> None:
    incident.tolls.append(toll)
    incident.parts.extend(p for p in frame.parts if _part_of(p, toll, frame))


def _placed_parts(total: Casualty, frame: Frame, tolls: list[Casualty]) -> list[Casualty]:
    """Parts of an aggregate told with a place of their own ("9 killed across Syria, 7 of
    them in an air strike on X") are that place's toll."""
    placed = []
    for part in frame.parts:
        if not _part_of(part, total, frame):
            continue
        if any(part.last <= p.first for p in frame.places):
            part.subset_of = None
            placed.append(part)
    return placed


def _frame_year(frame: Frame) -> int | None:
    years = [resolved[0].year for mention, resolved in frame.dates
             if mention.kind in ("full", "month", "year", "hijri")]
    return years[0] if years else None


def _incident_for(incidents: dict, place: Place, year: int | None) -> Incident:
    gid = place.match.gazetteer_id
    for (known_gid, known_year), incident in incidents.items():
        if known_gid == gid and (year is None or known_year in (None, year)):
            if incident.year is None and year is not None:
                incident.year = year
            return incident
    incident = Incident(place, year, first=place.first)
    incidents[(gid, year)] = incident
    return incident


def _is_aggregate(toll: Casualty, frame: Frame, tokens: list[Token],
                  aggregates: list[AggregateToll]) -> bool:
    """A toll over a region or period: an area or period word nearer to it than to any other
    toll of the sentence; a toll listed with such a toll ("84 in Aleppo ..., and 49 ..."); or
    a sentence that names governorates but no place finer."""
    lo, hi = max(frame.lo, toll.first - AREA_WINDOW), min(frame.hi, toll.last + AREA_WINDOW)
    for start, end, _ in _area_words().find(tokens, lo, hi):
        nearest = min(frame.tolls, key=lambda t: min(abs(t.first - end), abs(start - t.last)))
        if nearest is toll or nearest.first == toll.first:
            return True
    previous = [t for t in frame.tolls if t.first < toll.first]
    earlier = [a.toll for a in aggregates if a.frame == frame.index and previous
               and a.toll is previous[-1]]
    if earlier and toll.kind == earlier[-1].kind and (
            tokens[toll.first].text.startswith("و") or tokens[toll.first - 1].text == "و"):
        return True
    return bool(frame.governorates) and not frame.places and not toll.total


def _expand_enumerations(frame: Frame, tokens: list[Token]) -> list[Casualty]:
    """"19 killed, namely 5 women, 4 children and a man, by an air strike on X": when the
    listed parts do not add up to the toll, the toll is over more places than X and the parts'
    sum is X's own toll."""
    out = []
    for toll in frame.tolls:
        listed = [p for p in frame.parts if p.enumerated and _part_of(p, toll, frame)]
        total = sum(p.best or 0 for p in listed)
        if listed and total and total != toll.best and frame.governorates:
            local = Casualty(kind=toll.kind, low=total, best=total, high=total,
                             start=listed[0].start, end=listed[-1].end, first=listed[0].first,
                             last=listed[-1].last, group=toll.group)
            region = Casualty(**{**toll.__dict__, "parts": []})
            region.regional = True
            out.extend([region, local])
            for part in listed:
                part.subset_of = None
        else:
            out.append(toll)
    return out


def _part_of(part: Casualty, toll: Casualty, frame: Frame) -> bool:
    if part.subset_of is None:
        return False
    index = frame_index_of(frame, toll)
    return index is not None and part.subset_of == index


def frame_index_of(frame: Frame, toll: Casualty) -> int | None:
    """The index of ``toll`` in its sentence's full casualty list (tolls and parts)."""
    every = sorted(frame.tolls + frame.parts, key=lambda c: c.first)
    return next((i for i, c in enumerate(every) if c is toll), None)


def _place_of(toll: Casualty, frame: Frame, tolls: list[Casualty],
              tokens: list[Token]) -> Place | None:
    """The first place after the toll (before the next toll and before the words that name
    the source, "وفق ما أفاد موقع ..."), else the nearest place before it."""
    following = [t.first for t in tolls if t.first > toll.first]
    limit = following[0] if following else frame.hi
    source = _source_words().find(tokens, toll.last, limit)
    if source:
        limit = source[0][0]
    after = [p for p in frame.places if toll.last <= p.first < limit]
    if after:
        return after[0]
    before = [p for p in frame.places if p.first < toll.first]
    if before:
        return before[-1]
    later = [p for p in frame.places if p.first >= limit]
    return later[0] if later and not source else None


@cache
def _source_words() -> Phrases:
    data = load("reporting.json", "ar")
    return Phrases((w, True) for w in data["reporting_verbs"] + ["موقع", "وكالة", "صحيفة"])


def _assign_segments(frame: Frame, touched: list[Incident], tolls: list[Casualty]) -> None:
    """Which tokens of the sentence tell of which incident: with several incidents and tolls,
    each toll's stretch (to the next toll) belongs to its incident; otherwise all of it."""
    if len(touched) <= 1 or len(tolls) <= 1:
        for incident in touched:
            incident.segments.append((frame.lo, frame.hi))
        return
    bounds = sorted({t.first for t in tolls} | {frame.lo})
    bounds.append(frame.hi)
    for incident in touched:
        for lo, hi in zip(bounds, bounds[1:], strict=False):
            if any(lo <= p.first < hi for p in incident.mentions) or any(
                    lo <= t.first < hi for t in incident.tolls):
                incident.segments.append((lo, hi))
        if not any(frame.lo <= lo < frame.hi for lo, _ in incident.segments):
            incident.segments.append((frame.lo, frame.hi))


def _main_first(incidents: list[Incident], frames: list[Frame]) -> list[Incident]:
    """The report's main incident first: named in the lead, with a death toll, named often."""
    def score(incident: Incident) -> tuple:
        in_lead = any(f < LEAD_SENTENCES for f in incident.frames)
        killed = [t for t in incident.tolls if t.kind == "killed"]
        return (3 * in_lead + 2 * bool(killed) + min(len(incident.mentions), 4) * 0.5
                + (1 if any(t.best and t.best >= 5 for t in killed) else 0), -incident.first)

    return sorted(incidents, key=score, reverse=True)


# --- per-incident fields --------------------------------------------------------------------

def incident_tokens(incident: Incident) -> list[tuple[int, int]]:
    return sorted(set(incident.segments))


def in_segments(token: int, segments: list[tuple[int, int]]) -> bool:
    return any(lo <= token < hi for lo, hi in segments)


def fatality_figures(tolls: list[Casualty], kind: str = "killed"
                     ) -> tuple[int | None, int | None, int | None, list[Casualty]]:
    """(low, best, high, tolls used): specific tolls over vague ones; low the smallest floor,
    high the largest toll unless that one is open; best a running total ("ارتفع ... إلى") when
    there is one, else the first toll told."""
    chosen = [t for t in tolls if t.kind == kind]
    specific = [t for t in chosen if not t.vague]
    chosen = specific or chosen
    if not chosen:
        return None, None, None, []
    lows = [t.low if t.low is not None else t.best for t in chosen]
    low = min(x for x in lows if x is not None) if any(x is not None for x in lows) else None
    largest = max(chosen, key=lambda t: (t.high or t.best or 0, t.high is not None))
    totals = [t for t in chosen if t.total and t.best is not None]
    if totals:   # a running total ("ارتفع ... إلى 17") supersedes the counts before it
        chosen = [max(totals, key=lambda t: t.best)]
        lows = [chosen[0].low if chosen[0].low is not None else chosen[0].best]
        low, largest = lows[0], chosen[0]
    high = largest.high
    best = max(t.best for t in totals) if totals else chosen[0].best
    if high is not None and best is not None and best > high:
        high = best
    if low is not None and best is not None and low > best:
        low = best
    return low, best, high, chosen


def breakdown(parts: list[Casualty], tolls: list[Casualty]) -> dict[str, int | None]:
    """Children, women, civilians and combatants among the dead."""
    out: dict[str, int | None] = {"children": None, "women": None, "civilians": None,
                                  "combatants": None}
    for part in parts:
        if part.kind != "killed" or part.best is None:
            continue
        key = {"child": "children", "woman": "women", "civilian": "civilians",
               "combatant": "combatants"}.get(part.group or "")
        if key:
            out[key] = (out[key] or 0) + part.best
    for toll in tolls:
        if toll.kind == "killed" and toll.group == "civilian" and toll.best is not None:
            out["civilians"] = max(out["civilians"] or 0, toll.best)
        if toll.kind == "killed" and toll.group == "combatant" and toll.best is not None:
            out["combatants"] = max(out["combatants"] or 0, toll.best)
    return out


def fallback_range(anchor: date | None) -> tuple[date, date, str] | None:
    """An incident the report does not date: the report's day or the day before (the same
    convention as the English extractor)."""
    if anchor is None:
        return None
    return anchor - timedelta(days=1), anchor, "days"

