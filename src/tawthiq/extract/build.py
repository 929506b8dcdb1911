"""From an incident draft to a contract ``Event``: type, means, date, place, counts, actors,
sources, evidence spans, a one-sentence summary and a confidence."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from tawthiq.extract.attribution import find_perpetrators
from tawthiq.extract.dates import Anchor
from tawthiq.extract.fatalities import (
    fatalities_of,
    injuries_of,
    named_killed,
    victims_are_civilian,
)
from tawthiq.extract.identity import identities_of
from tawthiq.extract.segment import REFERENCE, Draft
from tawthiq.extract.summary import summarise
from tawthiq.model import DateRange, Event, Evidence, Fatalities, Location, Person, Victims
from tawthiq.nlp.means import MeansMention
from tawthiq.resolve import Resolvers

REPORT_VOICE = "the report"  # who attributes when the report itself says so and has no outlet


@dataclass
class DocContext:
    """What every event of one report shares."""

    text: str
    spacy_doc: Any
    anchor: Anchor | None
    source: str | None
    reporters: list[tuple[str, int, int]] = field(default_factory=list)
    victims: list[Person] = field(default_factory=list)
    resolvers: Resolvers = field(default_factory=Resolvers)
    sentences: list[tuple[int, int]] = field(default_factory=list)  # every sentence's span


def build_event(
    draft: Draft,
    ctx: DocContext,
    fallback_date: DateRange | None,
    lead: list[tuple[int, int]] | None = None,
    described: list[tuple[int, int]] | None = None,
) -> Event:
    """``lead``: the report's first sentences, searched for the perpetrator when the
    incident's own sentences name none (the main incident's attribution is often in the
    headline or first sentence only). ``described``: sentences of the lead that tell of this
    incident only (no other place), where words describing its victims count."""
    evidence: list[Evidence] = []
    ranked = rank_means(draft.means)
    fatalities, killed = fatalities_of(draft.casualties)
    injuries, injured = injuries_of(draft.casualties)
    civilian = victims_are_civilian(draft.casualties)
    event_type, sub_event_type = event_type_of(ranked, fatalities.best, civilian)
    means = list(dict.fromkeys(m.means for m in ranked)) or ["unknown"]
    for m in ranked[:3]:
        evidence.append(Evidence(field="means", start=m.start, end=m.end))
    if ranked:
        evidence.append(Evidence(field="event_type", start=ranked[0].start, end=ranked[0].end))
    for c in killed + injured:
        evidence.append(Evidence(field="fatalities", start=c.start, end=c.end))
    when = draft.date or fallback_date
    if draft.date_mention is not None and draft.date is not None:
        evidence.append(
            Evidence(field="date", start=draft.date_mention.start, end=draft.date_mention.end)
        )
    elif when is not None and ctx.anchor is not None and ctx.anchor.mention is not None:
        evidence.append(
            Evidence(field="date", start=ctx.anchor.mention.start, end=ctx.anchor.mention.end)
        )
    location = location_of(draft, ctx)
    if location is not None:
        evidence.append(Evidence(field="location", start=draft.place.start, end=draft.place.end))
    perpetrators = perpetrators_of([(x.start, x.end) for x in draft.sentences], ctx, when, evidence)
    if not perpetrators and lead:
        perpetrators = perpetrators_of(lead, ctx, when, evidence)
    reported_by = reporters_of(draft, ctx, evidence)
    victims = victims_of(draft, ctx, killed, civilian, evidence, described)
    if fatalities.best is None and victims.named:
        fatalities = fatalities_from_names(ctx.text, victims.named, draft, fatalities)
        if fatalities.best is not None:
            evidence.extend(Evidence(field="fatalities", start=p.start, end=p.end or p.start)
                            for p in victims.named if p.start is not None)
    event = Event(
        event_type=event_type,
        sub_event_type=sub_event_type,
        means=means,
        date=when,
        location=location,
        perpetrators=perpetrators,
        victims=victims,
        fatalities=fatalities,
        injuries=injuries,
        reported_by=reported_by,
        evidence=sorted(evidence, key=lambda e: (e.start, e.field)),
    )
    event.summary = summarise(event)
    event.confidence = confidence_of(event, draft)
    return event


def rank_means(mentions: list[MeansMention]) -> list[MeansMention]:
    """Most prominent first: the most specific words, then the earliest."""
    return sorted(mentions, key=lambda m: (-m.weight, m.start))


def event_type_of(
    ranked: list[MeansMention], killed: int | None, civilian: bool | None
) -> tuple[str, str]:
    """ACLED type of the leading means, adjusted by who was hit (ACLED codebook: violence
    with casualties is not a Strategic development; one-sided shooting of combatants-only
    victims reads as an armed clash)."""
    if not ranked:
        return (
            ("Battles", "Armed clash")
            if civilian is False
            else ("Violence against civilians", "Attack")
        )
    top = ranked[0]
    if top.event_type == "Strategic developments" and killed:
        return "Violence against civilians", "Attack"
    one_sided = top.event_type == "Violence against civilians"
    if top.means == "gunfire" and one_sided and civilian is False:
        return "Battles", "Armed clash"
    return top.event_type, top.sub_event_type


def location_of(draft: Draft, ctx: DocContext) -> Location | None:
    places = ctx.resolvers.places
    if draft.place is None or places is None:
        return None
    location = places.to_location(draft.place)
    mention = ctx.text[draft.place.start : draft.place.end]
    update: dict[str, Any] = {"mention": mention}
    if getattr(draft.place, "role", None) == REFERENCE and location.feature != "region":
        update["geo_precision"] = max(location.geo_precision or 1, 2)  # "near X" (ACLED: 2)
    return location.model_copy(update=update)


def perpetrators_of(
    sentences: list[tuple[int, int]],
    ctx: DocContext,
    when: DateRange | None,
    evidence: list[Evidence],
) -> list:
    actors = ctx.resolvers.actors
    if actors is None:
        return []
    spans = [
        span
        for start, end in sentences
        if (span := ctx.spacy_doc.char_span(start, end, alignment_mode="expand"))
    ]
    found = find_perpetrators(ctx.spacy_doc, spans, when.start if when else None, actors)
    perpetrators = []
    for perpetrator, offsets in found:
        if perpetrator.attributed_by is None:  # the report states it in its own voice
            perpetrator = perpetrator.model_copy(
                update={"attributed_by": ctx.source or REPORT_VOICE})
        # One entry per actor *and* source: the same actor named by two sources is two
        # attributions, kept side by side; a repeat by the same source adds only evidence.
        if any(p.name == perpetrator.name and p.attributed_by == perpetrator.attributed_by
               for p in perpetrators):
            continue
        perpetrators.append(perpetrator)
        for start, end in offsets:
            evidence.append(Evidence(field="perpetrators", start=start, end=end))
    return perpetrators


def reporters_of(draft: Draft, ctx: DocContext, evidence: list[Evidence]) -> list[str]:
    """Sources named in the incident's sentences first, then the report's other sources and
    the outlet itself."""
    inside = [r for r in ctx.reporters if _within(draft, r[1])]
    names: list[str] = []
    for name, start, end in inside + [r for r in ctx.reporters if r not in inside]:
        if name not in names:
            names.append(name)
            evidence.append(Evidence(field="reported_by", start=start, end=end))
    if ctx.source and ctx.source not in names:
        names.append(ctx.source)
    return names


def victims_of(
    draft: Draft, ctx: DocContext, killed: list, civilian: bool | None, evidence: list[Evidence],
    described: list[tuple[int, int]] | None = None,
) -> Victims:
    counted = next((c for c in killed if c.noun), None)
    description = None
    if counted is not None:
        tail = ctx.text[counted.number_end : counted.end]
        cut = tail.lower().find(counted.noun.lower())
        description = tail[: cut + len(counted.noun)].strip(" ,") if cut >= 0 else counted.noun
        evidence.append(Evidence(field="victims", start=counted.start, end=counted.end))
    named = [p for p in ctx.victims if p.start is not None and _within(draft, p.start)]
    for p in named:
        evidence.append(Evidence(field="victims", start=p.start, end=p.end or p.start))
    identity, spans = identities_of(ctx.text, [(s.start, s.end) for s in draft.sentences],
                                    draft.casualties, (described or []) + _naming(draft, ctx))
    evidence.extend(Evidence(field="victims", start=s, end=e) for s, e in spans)
    return Victims(description=description, civilian=civilian, identity=identity, named=named)


def _naming(draft: Draft, ctx: DocContext) -> list[tuple[int, int]]:
    """The report's sentences that name the incident's place ("Al Bayda is a Sunni village")."""
    if draft.place is None or len(draft.place.text) < 3:
        return []
    words = re.compile(rf"\b{re.escape(draft.place.text)}\b", re.IGNORECASE)
    return [(a, b) for a, b in ctx.sentences if words.search(ctx.text, a, b)]


def fatalities_from_names(text: str, named: list[Person], draft: Draft,
                          fatalities: Fatalities) -> Fatalities:
    """No figure, but named dead: the names are the count the report supports, as a floor
    (others may have died unnamed)."""
    count = named_killed(text, named, [(s.start, s.end) for s in draft.sentences])
    if count is None:
        return fatalities
    return fatalities.model_copy(update={"low": count, "best": count})


def _within(draft: Draft, offset: int) -> bool:
    return any(s.start <= offset < s.end for s in draft.sentences)


def fallback_date(anchor: Anchor | None) -> DateRange | None:
    """An incident the report does not date: the report's own day or the day before
    (news reports tell of the last day's events), so precision "days"."""
    if anchor is None:
        return None
    return DateRange(start=anchor.day - timedelta(days=1), end=anchor.day, precision="days")


def confidence_of(event: Event, draft: Draft) -> float:
    """How much of the incident the report pins down in its own words."""
    score = 0.2
    score += 0.15 if event.location is not None else 0.0
    score += 0.15 if draft.date is not None else (0.05 if event.date else 0.0)
    score += 0.15 if event.fatalities.best is not None or event.injuries.best else 0.0
    score += 0.15 if event.means and event.means[0] != "unknown" else 0.0
    score += 0.1 if event.perpetrators else 0.0
    score += 0.05 if event.reported_by else 0.0
    return round(min(score, 0.95), 2)
