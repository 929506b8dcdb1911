"""Episodes proposed from aggregate tolls: pure decisions over small summaries, no store.

A report's aggregate ("1,383 civilians in four days in Latakia, Tartus and Hama") frames a
wave: an area (governorates, or the whole country) and a period. Its members are the
incidents of the report's own events the toll includes, the incidents co-reported in the
same report that lie in its area and period and, for a wave of governorates over at most
``WAVE_DAYS``, every stored incident in those governorates and days. The aggregate joins the
episode that already holds one of those incidents, or one whose period and governorates it
shares; otherwise it proposes a new one - unless it frames no wave at all (a conflict-wide
running total: no period, or a longer one than ``WAVE_DAYS``, and nothing co-reported) or
gives no figure.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from tawthiq.link.features import governorate_key
from tawthiq.model import Aggregate, DateRange, Episode, EpisodeToll, Fatalities

WAVE_DAYS = 92   # a campaign of days or weeks; a toll over a longer period frames no wave


@dataclass(frozen=True)
class IncidentBrief:
    id: int
    start: date | None
    end: date | None
    governorate: str | None          # governorate key (link.features.governorate_key)


@dataclass
class EpisodeBrief:
    id: int
    start: date | None
    end: date | None
    governorates: set[str] = field(default_factory=set)
    incidents: set[int] = field(default_factory=set)


@dataclass(frozen=True)
class Proposal:
    episode: int | None              # an existing episode, or None for a new one
    incidents: list[int]
    title: str


def governorates_of(aggregate: Aggregate) -> set[str]:
    """The governorates the toll covers (none when it covers the country)."""
    return {key for a in aggregate.area if a.admin1 and (key := governorate_key(a.admin1))}


def frames_a_wave(aggregate: Aggregate) -> bool:
    span = aggregate.date
    return span is not None and (span.end - span.start).days <= WAVE_DAYS


def within(incident: IncidentBrief, aggregate: Aggregate, governorates: set[str]) -> bool:
    """The incident lies in the toll's area (any, for a country-wide toll) and period."""
    if governorates and incident.governorate not in governorates:
        return False
    span = aggregate.date
    if span is None or incident.start is None:
        return True
    return incident.start <= span.end and (incident.end or incident.start) >= span.start


def propose(aggregate: Aggregate, own: list[int], co_reported: list[IncidentBrief],
            in_area: list[IncidentBrief], episodes: list[EpisodeBrief]) -> Proposal | None:
    """Where this aggregate belongs: ``own`` are the incidents of the events it includes,
    ``co_reported`` the incidents of the report's other events, ``in_area`` the stored
    incidents of its governorates and period, ``episodes`` the live ones."""
    toll = aggregate.fatalities
    if toll.low is None and toll.best is None and toll.high is None:
        return None   # no figure: nothing for an episode to carry
    governorates = governorates_of(aggregate)
    wave = frames_a_wave(aggregate)
    members = dict.fromkeys(own)
    members.update(dict.fromkeys(i.id for i in co_reported
                                 if within(i, aggregate, governorates)))
    if wave and governorates:
        members.update(dict.fromkeys(i.id for i in in_area
                                     if within(i, aggregate, governorates)))
    if not wave and not members:
        return None
    for episode in episodes:
        if episode.incidents & set(members) or (wave and _shares_frame(episode, aggregate,
                                                                       governorates)):
            return Proposal(episode.id, list(members), "")
    if not wave and len(members) < 2:
        return None
    return Proposal(None, list(members), title_of(aggregate))


def _shares_frame(episode: EpisodeBrief, aggregate: Aggregate, governorates: set[str]) -> bool:
    span = aggregate.date
    if span is None or episode.start is None or not (governorates & episode.governorates):
        return False
    return episode.start <= span.end and (episode.end or episode.start) >= span.start


def title_of(aggregate: Aggregate) -> str:
    places = ", ".join(dict.fromkeys(a.name or a.mention for a in aggregate.area)) or "Syria"
    span = aggregate.date
    if span is None:
        return f"{places}: a wave of incidents"
    when = (f"{span.start:%d %B %Y}" if span.start == span.end
            else f"{span.start:%d %B} – {span.end:%d %B %Y}")
    return f"{places}, {when}"


def incidents_toll(tolls: list[Fatalities]) -> Fatalities:
    """The sum of the incidents' consolidated tolls (a missing low or best counts 0, a
    missing high makes the sum open)."""
    lows = [t.low for t in tolls if t.low is not None]
    bests = [t.best if t.best is not None else t.low for t in tolls]
    highs = [t.high for t in tolls]
    return Fatalities(low=sum(lows) if lows else None,
                      best=sum(b for b in bests if b is not None) if any(
                          b is not None for b in bests) else None,
                      high=sum(highs) if highs and all(h is not None for h in highs) else None)


def episode_span(dates: list[DateRange | None]) -> DateRange | None:
    known = [d for d in dates if d is not None]
    if not known:
        return None
    start, end = min(d.start for d in known), max(d.end for d in known)
    return DateRange(start=start, end=end, precision="day" if start == end else "days")


def toll_of(aggregate_id: int | None, document_id: int | None, outlet: str | None,
            aggregate: Aggregate) -> EpisodeToll:
    return EpisodeToll(aggregate=aggregate_id, document=document_id, outlet=outlet,
                       original_sources=list(aggregate.reported_by),
                       area=[a.name or a.mention for a in aggregate.area], date=aggregate.date,
                       low=aggregate.fatalities.low, best=aggregate.fatalities.best,
                       high=aggregate.fatalities.high)


def brief(row: tuple) -> IncidentBrief:
    """An ``IncidentBrief`` from the store's (id, start, end, admin1)."""
    incident, start, end, admin1 = row
    return IncidentBrief(incident, start, end, governorate_key(admin1))


def episode_briefs(members: list[tuple[int, tuple | None]]) -> list[EpisodeBrief]:
    """Episodes' frames (period, governorates, incidents) from (episode, incident row)."""
    briefs: dict[int, EpisodeBrief] = {}
    for episode_id, row in members:
        found = briefs.setdefault(episode_id, EpisodeBrief(episode_id, None, None))
        if row is None:
            continue
        incident = brief(row)
        found.incidents.add(incident.id)
        if incident.governorate:
            found.governorates.add(incident.governorate)
        if incident.start is not None:
            end = incident.end or incident.start
            found.start = min(found.start or incident.start, incident.start)
            found.end = max(found.end or end, end)
    return list(briefs.values())


def episode_of(episode_id: int, title: str, origin: str, status: str, incidents: list[tuple],
               tolls: list[EpisodeToll]) -> Episode:
    """The episode as its page shows it: incidents rows are (id, start, end, precision, low,
    best, high, admin1), in date order."""
    dates = [DateRange(start=s, end=e or s, precision=p or "day") if s else None
             for _i, s, e, p, *_rest in incidents]
    dates += [t.date for t in tolls]
    return Episode(
        id=episode_id, title=title, date=episode_span(dates),
        areas=sorted({a for *_r, a in incidents if a} | {x for t in tolls for x in t.area}),
        incidents=[row[0] for row in incidents], tolls=tolls,
        incidents_toll=incidents_toll([Fatalities(low=lo, best=be, high=hi)
                                       for _i, _s, _e, _p, lo, be, hi, _a in incidents]),
        origin="analyst" if origin == "analyst" else "proposed", status=status)
