"""The Arabic extractor: the Arabic spaCy pipeline (``nlp/ar``) over the folded text, then
places, actors, sources, incidents, aggregates, claims and witnesses, built into the same
contract types as the English extractor. Every offset recorded points into the original
Arabic text."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from tawthiq.extract.ar.attribution import ActorSpan, Source, find_actors, find_sources
from tawthiq.extract.ar.events import (
    LEAD_SENTENCES,
    AggregateToll,
    Frame,
    Incident,
    Segmentation,
    anchor_of,
    breakdown,
    build_frames,
    fallback_range,
    fatality_figures,
    in_segments,
    incident_tokens,
    segment,
)
from tawthiq.extract.ar.identity import identities_in
from tawthiq.extract.ar.places import Place, find_governorates, find_places
from tawthiq.extract.ar.witnesses import find_witnesses
from tawthiq.extract.summary import summarise
from tawthiq.model import (
    Aggregate,
    AggregateArea,
    Claim,
    DateRange,
    Document,
    Event,
    Evidence,
    ExtractResult,
    Fatalities,
    Injuries,
    Location,
    Mentions,
    Perpetrator,
    Victims,
)
from tawthiq.nlp.ar.dates import parse_day
from tawthiq.nlp.ar.pipeline import Reading, get_nlp, make_doc
from tawthiq.nlp.ar.text import ArabicText, fold_text
from tawthiq.resolve import Resolvers, load_resolvers

GENERATED_NOTE = " (Summary generated from the Arabic report's extracted fields.)"
OWN_VOICE = "report"


@dataclass
class Tools:
    """What the Arabic extractor reads through: the place resolver (the gazetteer geocoder:
    its exact-name lookup and ranking are used) and the actor resolver (the registry)."""

    geocoder: Any = None
    registry: Any = None


class ArabicExtractor:
    """``extract``/``extract_many`` with the English extractor's signature; ``resolvers``
    default to the ones the settings name (``resolve.load_resolvers``)."""

    name = "rules-ar"

    def __init__(self, resolvers: Resolvers | None = None, tools: Tools | None = None) -> None:
        self.nlp = get_nlp()
        parse_day(1, 1, 2000)   # dateparser loads its Arabic locale now, not at a first report
        if tools is None:
            resolvers = resolvers if resolvers is not None else load_resolvers()
            tools = Tools(geocoder=resolvers.places, registry=resolvers.actors)
        self.tools = tools
        self._warm_up()

    def _warm_up(self) -> None:
        """Build the shared libraries' in-memory indexes now (the gazetteer's name index, the
        registry's patterns), so that loading costs are paid once at start, not by the first
        reports."""
        if self.tools.geocoder is not None and hasattr(self.tools.geocoder, "ranked"):
            self.tools.geocoder.ranked("دمشق", country="SY")   # the name index
            self.tools.geocoder.ranked("قرية لا اسم لها", country="SY")   # the name-part index
        if self.tools.registry is not None:
            self.tools.registry.find_mentions("قوات النظام")

    def extract(self, document: Document) -> ExtractResult:
        return next(self.extract_many([document]))

    def extract_many(self, documents: Iterable[Document], batch_size: int = 32
                     ) -> Iterator[ExtractResult]:
        pairs = ((make_doc(self.nlp, text.folded), (document, text)) for document, text in
                 ((d, fold_text(d.text)) for d in documents))
        for doc, (document, text) in self.nlp.pipe(pairs, as_tuples=True,
                                                    batch_size=batch_size):
            yield self.from_reading(document, text, doc._.tawthiq_ar)

    def from_reading(self, document: Document, text: ArabicText,
                     reading: Reading) -> ExtractResult:
        tokens = reading.tokens
        anchor = anchor_of(document.published, reading)
        governorates = find_governorates(tokens)
        places = find_places(tokens, reading.sentences, text, self.tools.geocoder, governorates,
                             _words_of_other_mentions(reading))
        actors = find_actors(text, tokens, self.tools.registry)
        sources = find_sources(text, tokens)
        sources += self.speaking_actors(actors, anchor, sources)
        frames = build_frames(reading, places, governorates, actors, text, anchor)
        seg = segment(reading, frames, anchor)
        builder = _Builder(document, text, reading, seg, sources, self.tools.registry)
        events = [builder.event(incident, main=i == 0) for i, incident in
                  enumerate(seg.incidents)]
        aggregates = [builder.aggregate(a, places) for a in seg.aggregates]
        witnesses, testimony = find_witnesses(text, tokens, reading.sentences)
        claims = builder.claims(sources, testimony)
        return ExtractResult(document=document, events=events, claims=claims,
                             mentions=Mentions(witnesses=witnesses), aggregates=aggregates)


    def speaking_actors(self, actors: list[ActorSpan], on: date | None,
                        sources: list[Source]) -> list[Source]:
        """Actors quoted as speaking ("نفى النظام السوري ..."): sources of claims."""
        out = []
        for span in actors:
            if span.speaker is None or self.tools.registry is None:
                continue
            if any(s.start < span.end and span.start < s.end for s in sources):
                continue   # already a source by its own name ("وزارة الدفاع الروسية")
            resolved = self.tools.registry.resolve_mention(span.mention, on)
            if resolved is not None:
                out.append(Source(span.start, span.end, resolved.name, verb_start=span.speaker,
                                  denial=span.denial, actor=True))
        return out


class _Builder:
    """Contract objects for one report's incidents."""

    def __init__(self, document: Document, text: ArabicText, reading: Reading,
                 seg: Segmentation, sources: list[Source], registry) -> None:
        self.document, self.text, self.reading, self.seg = document, text, reading, seg
        self.sources, self.registry = sources, registry
        self.main_date: tuple | None = None

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.text.original_span(start, end)

    def evidence(self, field: str, start: int, end: int) -> Evidence:
        s, e = self.span(start, end)
        return Evidence(field=field, start=s, end=e)

    # --- events ---------------------------------------------------------------------------

    def event(self, incident: Incident, main: bool) -> Event:
        frames = [self.seg.frames[i] for i in sorted(incident.frames)]
        segments = incident_tokens(incident)
        evidence: list[Evidence] = []
        location = self.location(incident, evidence)
        when = self.date(incident, frames, segments, main, evidence)
        killed = fatality_figures(incident.tolls, "killed")
        injured = fatality_figures(incident.tolls, "injured")
        for toll in killed[3] + injured[3]:
            evidence.append(self.evidence("fatalities", toll.start, toll.end))
        parts = breakdown(incident.parts, killed[3])
        means = self.means(frames, segments, evidence)
        event_type, sub_type = self.event_type(frames, means, killed[3])
        on = when.start if when else self.seg.anchor
        perpetrators = self.perpetrators(incident, frames, segments, main, on, evidence)
        reported_by = self.reported_by(frames, evidence)
        identities = identities_in(self.reading.tokens, segments)
        event = Event(
            event_type=event_type, sub_event_type=sub_type,
            means=[m.means for m in means] or ["unknown"],
            date=when, location=location, perpetrators=perpetrators,
            victims=Victims(description=_description(killed[3], parts),
                            civilian=_civilian(killed[3], parts), identity=identities),
            fatalities=Fatalities(low=killed[0], best=killed[1], high=killed[2], **parts),
            injuries=Injuries(low=injured[0], best=injured[1], high=injured[2]),
            reported_by=reported_by,
            evidence=sorted(evidence, key=lambda e: (e.start, e.field)),
        )
        event.summary = summarise(event) + GENERATED_NOTE
        event.confidence = _confidence(event)
        return event

    def location(self, incident: Incident, evidence: list[Evidence]) -> Location:
        place = incident.place
        match = place.match
        start, end = self.span(place.start, place.end)
        mention = self.text.original[start:end]
        evidence.append(Evidence(field="location", start=start, end=end))
        precision = 2 if place.part_of else 3 if place.unresolved else 1
        return Location(mention=mention, name=match.name, gazetteer_id=match.gazetteer_id,
                        latitude=match.latitude, longitude=match.longitude,
                        country_code=match.country_code, admin1=match.admin1,
                        admin2=match.admin2, feature=match.feature, geo_precision=precision)

    def date(self, incident: Incident, frames: list[Frame], segments, main: bool,
             evidence: list[Evidence]) -> DateRange | None:
        chosen = None
        for frame in frames:
            own = [(m, r) for m, r in frame.dates if in_segments(_token_of(self.reading, m.start),
                                                                 segments)]
            if own:
                chosen = min(own, key=lambda mr: abs(mr[0].start - _first_start(incident)))
                break
        if chosen is None and main:
            chosen = self.date_near_place(incident)
        if chosen is None and main:
            lead = [(m, r) for f in self.seg.frames[:LEAD_SENTENCES] for m, r in f.dates
                    if m.kind != "year"]
            chosen = lead[0] if lead else None
        if chosen is not None:
            mention, (start, end, precision) = chosen
            evidence.append(self.evidence("date", mention.start, mention.end))
            if main:
                self.main_date = (start, end, precision)
            return DateRange(start=start, end=end, precision=precision)
        if main:
            fallback = fallback_range(self.seg.anchor)
            self.main_date = fallback
        else:
            fallback = self.main_date
        if fallback is None:
            return None
        return DateRange(start=fallback[0], end=fallback[1], precision=fallback[2])

    def date_near_place(self, incident: Incident):
        """A date in another sentence that names the incident's place ("in June 2012 tanks
        moved on al-Qubeir")."""
        gid = incident.place.match.gazetteer_id
        for frame in self.seg.frames:
            if frame.dates and any(p.match.gazetteer_id == gid for p in frame.places):
                return frame.dates[0]
        return None

    def means(self, frames: list[Frame], segments, evidence: list[Evidence]) -> list:
        found = [m for f in frames for m in f.means if in_segments(m.first, segments)]
        ranked = sorted(found, key=lambda m: (-m.entry.weight, m.start))
        seen, out = set(), []
        for mention in ranked:
            if mention.means not in seen:
                seen.add(mention.means)
                out.append(mention)
        for mention in out[:3]:
            evidence.append(self.evidence("means", mention.start, mention.end))
        if out:
            evidence.append(self.evidence("event_type", out[0].start, out[0].end))
        return out

    @staticmethod
    def event_type(frames: list[Frame], means: list, killed) -> tuple[str, str]:
        fighters = killed and all(t.group == "combatant" for t in killed)
        if any(f.clash for f in frames) and (fighters or not means):
            return "Battles", "Armed clash"
        if not killed and not means and any(f.abduction for f in frames):
            return "Violence against civilians", "Abduction/forced disappearance"
        if means:
            entry = means[0].entry
            return entry.event_type, entry.sub_event_type
        return "Violence against civilians", "Attack"

    def perpetrators(self, incident: Incident, frames: list[Frame], segments, main: bool,
                     on: date | None, evidence: list[Evidence]) -> list[Perpetrator]:
        spans = [a for f in frames for a in f.actors if not a.excluded
                 and in_segments(_token_of_original(self.text, self.reading, a.start), segments)]
        if not spans and main:
            spans = [a for f in self.seg.frames[:LEAD_SENTENCES] for a in f.actors
                     if not a.excluded]
        agents = [a for a in spans if a.agent]
        spans = agents or spans
        out: list[Perpetrator] = []
        names: set[str] = set()
        for span in spans:
            resolved = self.registry.resolve_mention(span.mention, on) if self.registry else None
            if resolved is None or resolved.actor_type in ("Civilians",):
                continue
            if resolved.name in names:
                continue
            names.add(resolved.name)
            out.append(Perpetrator(name=resolved.name, mention=self.text.original[span.start:
                                                                               span.end],
                                   actor_type=resolved.actor_type,
                                   affiliation=resolved.affiliation,
                                   attributed_by=self.attribution(span.start)))
            evidence.append(Evidence(field="perpetrators", start=span.start, end=span.end))
        return out

    def attribution(self, offset: int) -> str:
        """Who says an actor did it: the source with a reporting verb in the same sentence,
        else any source of that sentence, else the outlet's own voice."""
        sentence = self.sentence_span(offset)
        inside = [s for s in self.sources if sentence[0] <= s.start < sentence[1]]
        spoken = [s for s in inside if s.verb_start is not None]
        chosen = (spoken or inside)
        if chosen:
            return min(chosen, key=lambda s: abs(s.start - offset)).name
        return self.document.source or OWN_VOICE

    def sentence_span(self, offset: int) -> tuple[int, int]:
        tokens = self.reading.tokens
        for lo, hi in self.reading.sentences:
            start, end = self.span(tokens[lo].start, tokens[hi - 1].end)
            if start <= offset < end:
                return start, end
        return offset, offset + 1

    def reported_by(self, frames: list[Frame], evidence: list[Evidence]) -> list[str]:
        tokens = self.reading.tokens
        out = []
        for frame in frames:
            start, end = self.span(tokens[frame.lo].start, tokens[frame.hi - 1].end)
            for source in self.sources:
                if source.denial or source.actor:
                    continue   # who denies or is accused does not report the incident
                if start <= source.start < end and source.name not in out:
                    out.append(source.name)
                    evidence.append(Evidence(field="reported_by", start=source.start,
                                             end=source.end))
        return out

    # --- aggregates and claims ----------------------------------------------------------

    def aggregate(self, item: AggregateToll, places: list[Place]) -> Aggregate:
        toll = item.toll
        area = [AggregateArea(mention=self.text.quote(g.start, g.end), admin1=g.name,
                              country_code="SY") for g in item.governorates] or [
            AggregateArea(mention="Syria", name="Syria", country_code="SY")]
        figures = {"killed": Fatalities(low=toll.low, best=toll.best, high=toll.high)}
        fatalities = figures.get(toll.kind, Fatalities())
        frame = self.seg.frames[item.frame]
        when = None
        if frame.dates:
            start, end, precision = frame.dates[0][1]
            when = DateRange(start=start, end=end, precision=precision)
        elif self.seg.anchor is not None:
            fallback = fallback_range(self.seg.anchor)
            when = DateRange(start=fallback[0], end=fallback[1], precision=fallback[2])
        return Aggregate(area=area, date=when, fatalities=fatalities,
                         evidence=[self.evidence("fatalities", toll.start, toll.end)],
                         reported_by=self.reported_by([frame], []))

    def claims(self, sources: list[Source], testimony: list[Claim]) -> list[Claim]:
        out = list(testimony)
        for source in sources:
            if source.verb_start is None:
                continue
            start = min(source.verb_start, source.start)
            end = self.sentence_span(source.start)[1]
            words = self.text.original[start:end].strip()
            if not words:
                continue
            out.append(Claim(speaker=source.name, via=self.document.source, text=words,
                             start=start, end=start + len(self.text.original[start:end].rstrip()),
                             event=self.event_of(start)))
        return sorted(out, key=lambda c: c.start)

    def event_of(self, offset: int) -> int | None:
        token = _token_of_original(self.text, self.reading, offset)
        for index, incident in enumerate(self.seg.incidents):
            if in_segments(token, incident_tokens(incident)):
                return index
        return None


def _words_of_other_mentions(reading: Reading) -> set[int]:
    """Tokens that are dates or casualty counts ("20 تشرين", "بجروح") and so never a place."""
    spans = [(m.start, m.end) for m in reading.dates]
    spans += [(c.start, c.end) for sentence in reading.casualties for c in sentence]
    spans += [c.trigger for sentence in reading.casualties for c in sentence if c.trigger]
    starts = [t.start for t in reading.tokens]
    covered: set[int] = set()
    for start, end in spans:
        covered.update(range(bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)))
    return covered


def _first_start(incident: Incident) -> int:
    return incident.place.start


def _token_of(reading: Reading, folded: int) -> int:
    ends = reading.token_ends
    return min(bisect.bisect_right(ends, folded), len(ends) - 1)


def _token_of_original(text: ArabicText, reading: Reading, original: int) -> int:
    folded = bisect.bisect_left(text.starts, original)
    return _token_of(reading, folded)


def _description(killed, parts: dict) -> str | None:
    """"civilians", "combatants" or "people", as the counted words say."""
    groups = {t.group for t in killed} - {None}
    if not groups:
        return None
    if groups <= {"civilian", "child", "woman"} or parts.get("civilians"):
        return "civilians"
    if groups == {"combatant"}:
        return "combatants"
    return "people"


def _civilian(killed, parts: dict) -> bool | None:
    if not killed:
        return None
    if all(t.group == "combatant" for t in killed):
        return False
    if any(t.group == "civilian" for t in killed) or parts.get("children") or parts.get("women"):
        return True
    return None


def _confidence(event: Event) -> float:
    score = 0.2
    score += 0.15 if event.location is not None else 0.0
    score += 0.15 if event.date is not None else 0.0
    score += 0.15 if event.fatalities.best is not None else 0.0
    score += 0.15 if event.means and event.means[0] != "unknown" else 0.0
    score += 0.1 if event.perpetrators else 0.0
    return round(min(score, 1.0), 2)



