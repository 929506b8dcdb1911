"""An incident from its reports, with every source in view: each report's toll beside the
consolidated range (lowest low, highest high, median of the best figures), each actor named
as perpetrator with everyone who names it (``contested`` when they name different sides),
the date range and every place, and the corroboration grade with its reason."""

from __future__ import annotations

import statistics
from collections import Counter
from datetime import date

from tawthiq.link.grades import grade_incident, original_sources
from tawthiq.model import (
    Attribution,
    DateRange,
    EventReport,
    Fatalities,
    Incident,
    LinkExplanation,
    Location,
    SourceFigure,
)


def consolidate(incident_id: int | None, reports: list[EventReport],
                links: list[LinkExplanation] | None = None) -> Incident:
    if not reports:
        return Incident(id=incident_id)
    ranked = sorted(reports, key=rank)  # the same whatever order the reports came in
    main = ranked[0]
    types = Counter((r.event.event_type, r.event.sub_event_type) for r in ranked)
    top = max(types.values())
    event_type, sub_event_type = next(
        t for t in [(main.event.event_type, main.event.sub_event_type), *types]
        if types[t] == top)
    attributions = attributions_of(ranked)
    families = {a.family for a in attributions}
    return Incident(
        id=incident_id, reports=reports, title=title_of(main),
        event_type=event_type, sub_event_type=sub_event_type,
        date=date_range(reports), places=places_of(ranked),
        fatalities=consolidated_toll(reports), figures=figures_of(ranked),
        attributions=attributions, contested=len(families) > 1,
        grade=grade_incident(reports, attributions), links=links or [])


# An event's summary (extract/summary.py: summarise) reads "<what> in <where> on <when>:
# <toll>; attributed to <who> by <source> (reported by <outlet>)." and the Arabic extractor
# adds a note after it. An incident's title is the first clause (issue #13 item 8: titles
# ran to three lines); who is blamed and who reported it have rows of their own on the page.
TITLE_ENDS = ("; attributed to ", " (reported by ", " (Summary generated ")


def title_of(report: EventReport) -> str | None:
    """The incident's title from its main report: what, where, when and the toll."""
    text = report.event.summary or report.title or ""
    for end in TITLE_ENDS:
        text = text.split(end, 1)[0]
    return text.strip().rstrip(".") or None


def rank(report: EventReport) -> tuple:
    """Reports' order within an incident, main report first: the most confident extraction,
    then the earliest published, then by content (document hash, event ordinal) - never by
    store ids, which follow the order the reports were ingested in (issue #13 item 7)."""
    return (-report.event.confidence, report.published or date.max, report.sha256,
            report.key[1] if report.key else 0)


def date_range(reports: list[EventReport]) -> DateRange | None:
    dated = [r.event.date for r in reports if r.event.date is not None]
    if not dated:
        return None
    start, end = min(d.start for d in dated), max(d.end for d in dated)
    if len(dated) == 1:
        return dated[0]
    span = (end - start).days
    precision = "day" if span == 0 else "days" if span <= 6 else "month" if span <= 31 else "year"
    return DateRange(start=start, end=end, precision=precision)


def places_of(reports: list[EventReport]) -> list[Location]:
    """Every place the reports name, the main report's first (``rank``)."""
    seen: dict[str, Location] = {}
    for report in reports:
        loc = report.event.location
        if loc is not None:
            seen.setdefault(loc.gazetteer_id or loc.name.lower(), loc)
    return list(seen.values())


def consolidated_toll(reports: list[EventReport]) -> Fatalities:
    lows = [r.event.fatalities.low for r in reports if r.event.fatalities.low is not None]
    bests = [r.event.fatalities.best for r in reports if r.event.fatalities.best is not None]
    highs = [r.event.fatalities.high for r in reports if r.event.fatalities.high is not None]
    return Fatalities(low=min(lows) if lows else None,
                      best=int(statistics.median_low(bests)) if bests else None,
                      high=max(highs) if highs else None)


def figures_of(reports: list[EventReport]) -> list[SourceFigure]:
    return [SourceFigure(report=r.id, outlet=r.source,
                         original_sources=original_sources(r),
                         low=r.event.fatalities.low, best=r.event.fatalities.best,
                         high=r.event.fatalities.high) for r in reports]


def attributions_of(reports: list[EventReport]) -> list[Attribution]:
    """One entry per identified actor, with who attributes it (or the outlet, in its own
    voice) and in which reports; unidentified actors are kept out of contest."""
    found: dict[str, Attribution] = {}
    for report in reports:
        outlet = report.source or f"document {report.document_id}"
        for p in report.event.perpetrators:
            if p.actor_type == "Unidentified":
                continue
            entry = found.setdefault(p.name, Attribution(
                actor=p.name, family=p.affiliation[-1] if p.affiliation else p.name,
                actor_type=p.actor_type))
            by = p.attributed_by or outlet
            if by not in entry.attributed_by:
                entry.attributed_by.append(by)
            if outlet not in entry.outlets:
                entry.outlets.append(outlet)
            if report.id not in entry.reports:
                entry.reports.append(report.id)
    return list(found.values())
