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
from functools import cache
from typing import Any

from rapidfuzz import fuzz
from unidecode import unidecode

from tawthiq.extract.dates import (
    Anchor,
    dates_no_incident,
    is_boundary_date,
    is_dateline,
    is_reporting_date,
    resolve,
)
from tawthiq.model import DateRange
from tawthiq.nlp.casualties import CasualtyMention
from tawthiq.nlp.dates import DateMention
from tawthiq.nlp.lexicon import casualty_terms
from tawthiq.nlp.means import MeansMention

FEATURE_RANK = {"neighbourhood": 4, "locality": 3, "district": 2, "region": 1, "country": 0}
EXCLUDED_ROLES = {"origin", "residence", "venue", "base", "nationality", "actor", "family"}
REFERENCE = "reference"  # "a village near X": X locates the place, it is a fallback only
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
    text: str = ""  # the sentence's words (to read what stands between its places)
    references: list[Any] = field(default_factory=list)  # "near X": places that locate others
    furniture: bool = False  # a tag list, related headlines: tells of no incident of the report
    caption: bool = False  # a photo caption: repeats an incident, names no place by itself
    headline: bool = False  # the report's title: a summary the body tells more precisely
    reported: bool = False  # its date is only the day something was said ("said on Monday")

    @property
    def day(self) -> DateRange | None:
        """The incident day the sentence tells: none when its date is only a reporting day
        (said after the incident, on any day of it or later)."""
        return None if self.reported else self.date

    @property
    def place(self) -> Any:
        """The most specific usable place; the first one on ties."""
        if not self.places:
            return None
        return max(self.places, key=lambda t: (rank(t), -t.start))

    @property
    def tells_violence(self) -> bool:
        if self.furniture:
            return False
        counted = any(c.outcome and not c.cumulative for c in self.casualties)
        return counted or any(m.weight >= 2 for m in self.means)


@dataclass
class Draft:
    sentences: list[Sentence] = field(default_factory=list)
    place: Any = None
    date: DateRange | None = None
    date_mention: DateMention | None = None
    reported: bool = False  # dated only by a reporting day so far

    @property
    def day(self) -> DateRange | None:
        return None if self.reported else self.date

    def add(self, sentence: Sentence) -> None:
        self.sentences.append(sentence)
        if sentence.place is not None and rank(sentence.place) > rank(self.place):
            self.place = sentence.place
        # an incident day told later replaces the day its toll was reported
        if sentence.date is not None and (self.date is None
                                          or (self.reported and not sentence.reported)):
            self.date, self.date_mention = sentence.date, sentence.date_mention
            self.reported = sentence.reported

    @property
    def casualties(self) -> list[CasualtyMention]:
        return [c for s in self.sentences for c in s.casualties]

    @property
    def means(self) -> list[MeansMention]:
        return [m for s in self.sentences for m in s.means]


def rank(toponym: Any) -> int:
    """How fine a place is: a neighbourhood above a town above a district, a governorate, a
    country; a named part of a place ("the X district of Homs", an unlisted village of a
    governorate) one step finer than the place that locates it."""
    if toponym is None or toponym.match is None:
        return -1
    finer = 1 if getattr(toponym, "part_of", None) and toponym.match.feature != "neighbourhood" \
        else 0
    return FEATURE_RANK.get(toponym.match.feature or "", 2) + finer


def dominant_country(toponyms: list[Any]) -> str | None:
    """The country most places of the report lie in (towns and regions; a country named in
    passing, "US-led strikes", only settles a tie): a name matched elsewhere ("Sun" as a
    Chinese town) is then a false match, not an event place."""
    counts: dict[str, float] = {}
    named: dict[str, int] = {}
    for t in toponyms:
        if t.match is None or not t.match.country_code:
            continue
        code = t.match.country_code
        if t.match.feature != "country":
            counts[code] = counts.get(code, 0) + 1
        else:
            named[code] = named.get(code, 0) + 1
    if not counts:
        return next((t.match.country_code for t in toponyms
                     if t.match is not None and t.match.country_code), None)
    # a country named again and again settles a tie of its places with a foreign look-alike
    return max(counts, key=lambda c: (counts[c], named.get(c, 0)))


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
    # an actor's name matched as a place ("Daesh" as a town abroad) casts no country vote
    country = dominant_country([t for t in toponyms if not _inside(t, excluded)])
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
        if _inside(t, excluded) or BASED.match(text[t.end : t.end + 8]) or _street(t):
            continue
        usable.append(t)
    return usable


TOWNS = ("locality", "neighbourhood")


def _name_group(words: str, groups: dict[tuple[str, str], list[int]]) -> tuple[str, str]:
    """The group of spellings of one name in a report ("Bayda", "al-Baida", "al-Bayda"): same
    consonant skeleton, and spelled alike without the article."""
    from tawthiq.geo.names import keys

    _, bared, skeleton = keys(words)
    for key in groups:
        if key[0] == skeleton and fuzz.ratio(key[1], bared) >= SPELLING_SIMILARITY:
            return key
    return skeleton, bared


def same_name(a: str, b: str) -> bool:
    """Two spellings of one name ("Bayda", "al-Baida")."""
    return _name_group(a, {}) == _name_group(b, {_name_group(a, {}): []})


def harmonise_readings(toponyms: list[Any]) -> list[Any]:
    """One place per name in a report: the spellings of one name ("Bayda", "al-Baida") take
    the reading most of them allow (their best reading or an alternative), so that a mention
    with a context cue ("al-Baida, a village outside Banias") settles the bare ones."""
    groups: dict[tuple[str, str], list[int]] = {}
    for i, t in enumerate(toponyms):
        # towns and villages only: "Idlib" the city and "Idlib province" stay two places
        if t.match is not None and t.match.feature in TOWNS:
            groups.setdefault(_name_group(t.text, groups), []).append(i)
    out = list(toponyms)
    for members in groups.values():
        readings = [[out[i].match, *(a for a in getattr(out[i], "alternatives", None) or []
                                     if a.feature in TOWNS)] for i in members]
        if len({r[0].gazetteer_id for r in readings}) < 2:
            continue
        located = next((out[i] for i in members if getattr(out[i], "part_of", None)), None)
        if located is not None:  # "the X neighbourhood of Y" settles every "X" of the report
            for i in members:
                out[i] = dataclasses.replace(out[i], match=located.match, alternatives=[],
                                             part_of=out[i].text)
            continue
        others = [t.match for j, t in enumerate(out) if j not in members and t.match is not None
                  and t.match.feature != "country" and t.match.latitude is not None]
        held: dict[str, int] = {}
        first: dict[str, int] = {}
        for order, options in enumerate(readings):
            for gid in dict.fromkeys(o.gazetteer_id for o in options):
                held[gid] = held.get(gid, 0) + 1
            for option in options:
                first.setdefault(option.gazetteer_id, order)
        near = {g: _near(next(o for r in readings for o in r if o.gazetteer_id == g), others)
                for g in held}
        regions = [t for t in out if t.match is not None and t.match.feature == "region"]
        for g in held:  # "the Hara area in southern Daraa province": the named governorate
            reading = next(o for r in readings for o in r if o.gazetteer_id == g)
            near[g] += 2 * sum(1 for i in members for t in regions
                               if abs(t.start - out[i].start) <= CUE_CHARS
                               and _same(t.match.admin1 or t.match.name, reading.admin1))
        best = {g: sum(1 for r in readings if r[0].gazetteer_id == g) for g in held}
        # the mentions allowing it and the report's other places lying near it, then the
        # mentions reading it first
        chosen = max(held, key=lambda g: (held[g] + near[g], best[g], -first[g]))
        reading = next(o for r in readings for o in r if o.gazetteer_id == chosen)
        for i, options in zip(members, readings, strict=True):
            if options[0].gazetteer_id != chosen and (
                    chosen in {o.gazetteer_id for o in options}
                    or _spelled_alike(reading.name, out[i].text)):
                out[i] = dataclasses.replace(out[i], match=reading)
    return out


NEAR_KM = 30.0


def _near(option: Any, others: list[Any]) -> int:
    """How many distinct other places of the report lie within NEAR_KM of this reading."""
    from tawthiq.geo.geometry import haversine_km

    if option.latitude is None:
        return 0
    return len({o.gazetteer_id for o in others if haversine_km(
        option.latitude, option.longitude, o.latitude, o.longitude) <= NEAR_KM})


def _street(t: Any) -> bool:
    """ "Nisreen Street" read as a village spelled alike: a street the gazetteer lacks."""
    from tawthiq import knowledge

    words = t.text.lower().split()
    streets = knowledge.load("unlisted_places.json", "en")["street_words"]
    return len(words) > 1 and words[-1] in streets and words[-1] not in t.match.name.lower()


def _inside(t: Any, spans: list[tuple[int, int]]) -> bool:
    return any(s <= t.start < e or t.start <= s < t.end for s, e in spans)


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
        if anchor is not None and any(m is d for d in anchor.datelines) and is_dateline(text, m):
            continue
        if anchor is not None and _names_the_dateline_day(text, m, anchor):
            continue
        if is_boundary_date(text, m) or dates_no_incident(text, m):
            continue
        if m.kind == "referenced":
            found = _shifted(referent(m.referent) if referent and m.referent else None, m.shift)
        else:
            found = resolve(m, anchor.day if anchor else None,
                            around=anchor is not None and anchor.inferred)
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
            if (current is not None and not s.furniture and refers_back(s.text)
                    and _fits(current, s)):
                current.add(s)  # "IS claimed responsibility for the attack"
            continue
        target = _same_place(drafts, s)
        if target is None and current is not None and _fits(current, s):
            target = current
        if target is None:
            target = Draft()
            drafts.append(target)
        target.add(s)
        current = target
    for draft in drafts:
        if draft.place is None:  # "clashes near X", nothing finer: X, at lower precision
            draft.place = next((r for s in draft.sentences for r in s.references), None)
    return drafts


def refers_back(text: str) -> bool:
    """The sentence points back at the incident just told ("the attack", "the massacre")."""
    return bool(_incident_reference().search(text))


@cache
def _incident_reference() -> re.Pattern[str]:
    return re.compile(casualty_terms()["incident_references"]["pattern"], re.IGNORECASE)


def _same_place(drafts: list[Draft], s: Sentence) -> Draft | None:
    if s.place is None:
        return None
    for d in drafts:
        if (
            d.place is not None
            and d.place.match.gazetteer_id == s.place.match.gazetteer_id
            and dates_compatible(d.day, s.day)
        ):
            return d
    return None


def _fits(draft: Draft, s: Sentence) -> bool:
    return places_compatible(draft.place, s.place) and dates_compatible(draft.day, s.day)


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


def without_aggregate_drafts(drafts: list[Draft]) -> list[Draft]:
    """A draft whose only tolls are aggregates ("Gunmen killed more than 60 people in seven
    villages of the X countryside over three days") tells a toll over a region or a period,
    not an incident (contract ``aggregates``): it gives no event when the report tells an
    incident of its own elsewhere."""
    def aggregate_only(d: Draft) -> bool:
        tolls = [c for c in d.casualties if c.outcome in ("killed", "injured")]
        return bool(tolls) and all(c.cumulative for c in tolls)

    kept = [d for d in drafts if not aggregate_only(d)]
    return kept or drafts


def absorb_placeless(drafts: list[Draft]) -> list[Draft]:
    """An incident the words give no place ("The death toll reached 246 on Thursday") is the
    main incident told again when it counts no toll, the same toll (within a factor of two),
    or points back at it ("the airstrike on the school killed militants, not civilians": a
    contested account): its sentences join the main one. One with a toll of its own stays
    apart."""
    if len(drafts) < 2:
        return drafts
    from tawthiq.extract.fatalities import fatalities_of

    main = drafts[0]
    main_toll = fatalities_of(main.casualties)[0].best
    kept = [main]
    for d in drafts[1:]:
        toll = fatalities_of(d.casualties)[0].best
        again = any(refers_back(s.text) for s in d.sentences)  # "the airstrike on the school"
        if rank(d.place) < 1 and (toll is None or again or (
                main_toll is not None and main_toll / 2 <= toll <= main_toll * 2)):
            main.sentences = sorted(main.sentences + d.sentences, key=lambda s: s.index)
            continue
        if rank(d.place) < 1 and any(THERE.search(s.text) for s in d.sentences):
            d.place = main.place  # "in 2011 security forces shot four protesters there"
        kept.append(d)
    return kept


# "there", "the same village", "a raid on the village" (not "the village of X", another place)
THERE = re.compile(r"\b(?:there|the (?:same )?(?:village|town|city|neighbou?rhood)(?!\s+of\b)"
                   r"|the same (?:market|square|school|hospital|mosque|church|bakery|street"
                   r"|camp))\b",
                   re.IGNORECASE)


def absorb_headline(drafts: list[Draft]) -> list[Draft]:
    """A draft told only by the headline ("Three Killed In Clash In Damascus") is the body's
    incident with the same toll on compatible days ("three people were killed in the city of
    Jaramana"), placed by the body."""
    from tawthiq.extract.fatalities import fatalities_of

    heads = [d for d in drafts if d.sentences and all(s.headline for s in d.sentences)]
    for head in heads:
        toll = fatalities_of(head.casualties)[0].best
        body = next((d for d in drafts if d is not head and toll is not None
                     and fatalities_of(d.casualties)[0].best == toll
                     and dates_compatible(d.date, head.date)), None)
        if body is not None:
            body.sentences = sorted(body.sentences + head.sentences, key=lambda s: s.index)
            drafts = [d for d in drafts if d is not head]
    return drafts


def absorb_same_place(drafts: list[Draft]) -> list[Draft]:
    """Once the main incident's place is known (from the sentences around its toll), another
    draft told at that very place on compatible days is the same incident told again."""
    if len(drafts) < 2 or drafts[0].place is None or drafts[0].place.match is None:
        return drafts
    main = drafts[0]
    kept = [main]
    for d in drafts[1:]:
        if (d.place is not None and d.place.match is not None
                and d.place.match.gazetteer_id == main.place.match.gazetteer_id
                and getattr(d.place, "part_of", None) == getattr(main.place, "part_of", None)
                and dates_compatible(d.day, main.day)):
            main.sentences = sorted(main.sentences + d.sentences, key=lambda s: s.index)
            if main.reported and d.day is not None:
                main.date, main.date_mention, main.reported = d.date, d.date_mention, False
            continue
        kept.append(d)
    return kept


def _counts(draft: Draft, vague: bool) -> bool:
    """The draft counts its dead or wounded (with a figure, unless ``vague``: a lead's
    "dozens were killed in two villages" gives way to the first incident it numbers)."""
    return any(c.outcome in ("killed", "injured") and not c.cumulative and (vague or not c.vague)
               for c in draft.casualties)


def _background(draft: Draft, anchor: date) -> bool:
    return draft.date is not None and draft.date.end < anchor - timedelta(days=BACKGROUND_DAYS)


def date_from_figure(draft: Draft) -> None:
    """The day the main toll is told with ("at least 23 men were shot dead on Friday")
    dates the incident rather than a lead's span over several days."""
    main, figure = main_figure(draft)
    if figure is None or main is None or main.date is None or main.date_mention is None:
        return
    at = main.date_mention.start - main.start
    shifted = dataclasses.replace(main.date_mention, start=at, end=at + 1)
    if not is_reporting_date(main.text, shifted):  # "the toll neared 250 on Thursday"
        draft.date, draft.date_mention = main.date, main.date_mention


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


# --- the main incident's place --------------------------------------------------------------

BOILERPLATE = re.compile(r"\b(?:Tags|Related(?:\s+(?:News|Coverage|Articles|Stories))?|"
                         r"Read\s+more|See\s+also|Keywords)\b:?", re.IGNORECASE)
CLAUSE_START = re.compile(
    r"\b(?:At\s+least|More\s+than|Dozens|Hundreds|Several|Some|The|A|An|On|In|"
    r"One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Eleven|Twelve|Thirteen|Fourteen|"
    r"Fifteen|Sixteen|Seventeen|Eighteen|Nineteen|Twenty|Thirty|Forty|Fifty)\b"
    r"|\b[A-Z][a-z]+\s+[a-z]+ed\b|\d")
TAIL_SHARE = 0.5      # a marker past the middle of the report opens boilerplate to its end
LIST_CHARS = 160      # a tag list inside the report is a short run of keywords
DATELINE_AFTER = re.compile(r"^(?:,?\s+[A-Z][a-z]+)?\s*(?:\([^)]{2,40}\)|,?\s*[-—–])")
NEAR_SENTENCES = 2    # sentences around the main figure that may name its place
REPEAT_CLOSER = 1.5   # a sentence repeating the main figure is as good as one this much nearer
OWN_CLOSER = 0.5      # a sentence of the incident itself, likewise
CUE_CHARS = 80        # a governorate named this close to a place qualifies it


def boilerplate_spans(text: str) -> list[tuple[int, int]]:
    """Tag lists ("Tags Syria Idlib airstrike Homs ...") and related-article lists: keywords
    and other reports' headlines, not places of this report's incidents. Past the middle of
    the report such a marker opens page furniture that runs to the end; near its head, the
    list runs to the first words that start a sentence ("At least 18 ...", "Two children")."""
    spans = []
    for marker in BOILERPLATE.finditer(text):
        if not marker.group(0)[0].isupper():
            continue
        if marker.start() >= TAIL_SHARE * len(text):
            spans.append((marker.start(), len(text)))
            break
        limit = min(len(text), marker.end() + LIST_CHARS)
        stop = CLAUSE_START.search(text, marker.end() + 1, limit)
        spans.append((marker.start(), stop.start() if stop else limit))
    return spans


DATELINE_GAP = re.compile(r"^[\s,]*(?:[A-Z][A-Za-z]+[\s,]*)?(?:\([^)]{1,40}\)[\s,]*)?"
                          r"[-—–:]?\s*$")


def dateline_spans(text: str, toponyms: list[Any], start: int, end: int) -> list[tuple[int, int]]:
    """The report's dateline: its date and the place written just before it ("ALEPPO, Syria,
    July 5", "Damascus (SANA) 5 March"); a headline before the date keeps its places."""
    spans = [(start, end)]
    for t in toponyms:
        if t.end <= start and DATELINE_GAP.match(text[t.end:start]):
            spans.append((t.start, t.end))
    return spans


def is_dateline_place(text: str, toponym: Any) -> bool:
    """"WASHINGTON (Sputnik) -", "ANKARA, Turkey -": the city a report was filed from, written
    in capitals before the agency or a dash, is not where the incident happened."""
    words = text[toponym.start : toponym.end]
    letters = re.sub(r"[^A-Za-z]", "", words)
    return (len(letters) >= 4 and letters.isupper()
            and bool(DATELINE_AFTER.match(text[toponym.end : toponym.end + 50])))


def main_figure(draft: Draft) -> tuple[Sentence | None, CasualtyMention | None]:
    """The sentence and mention that give the main incident's toll: its first counted dead
    or wounded with a figure, else with a vague count; else its first sentence."""
    for vague in (False, True):
        # the body before the headline: "Three Killed In Clash In Damascus" summarises what
        # the body places more precisely
        for s in sorted(draft.sentences, key=lambda s: s.headline):
            for c in s.casualties:
                if (c.outcome in ("killed", "injured") and not c.cumulative
                        and (vague or not c.vague)):
                    return s, c
    return (draft.sentences[0] if draft.sentences else None), None


def main_place(draft: Draft, sentences: list[Sentence], lead: list[Sentence],
               region_of: Callable[[str | None], str | None], country: str | None = None) -> Any:
    """The main incident's place, from the words nearest its toll: the place the sentence
    giving the main figure names with it, else the place of the nearest sentence around it
    or repeating that figure ("four civilians were killed in X"), else the
    incident's own place, else the first place the lead names; only places in the report's
    country. A finer place of the incident inside it refines it. The place must agree with
    the governorate named beside it ("in Idlib province", "Syria's Hasakeh") or, failing
    that, the only one the headline names: a same-named village elsewhere is read as its twin
    in that governorate, or gives way to the governorate itself."""
    main, figure = main_figure(draft)
    if main is None:
        return draft.place

    def fits(p: Any) -> bool:
        return rank(p) >= 1 and (country is None or p.match.country_code == country)

    listed = _listed_places(main, figure, fits)
    place = None if listed else _figure_place(main, figure, fits)
    source = main if place is not None else None
    if place is None:
        # a toll over a list of places ("42 killed in X, Y and Z") is placed by a sentence
        # repeating it, else by the first place listed; otherwise the nearest sentence that
        # names a place: around the toll, repeating it, or of the incident's own sentences
        # ("The attack occurred near the town of X"), captions aside
        pool = _repeats(main, sentences) if listed else _nearby(main, sentences, draft)
        for s in pool:
            place = _best(s.places, fits)
            if place is not None:
                source = s
                break
    if place is None and listed:
        return listed[0]  # its list names other governorates: no cue to read it by
    if place is None and fits(draft.place):
        place = draft.place
    if place is None:
        for s in lead:
            place = _best(s.places, fits)
            if place is not None:
                source = s
                break
    if place is None:
        return draft.place
    refined = draft.place
    if rank(refined) > rank(place) and fits(refined) and places_compatible(place, refined):
        place = refined
    place = _near_references(place, source.references if source is not None else [])
    return _agreeing(place, _region_cues(place, source, lead, region_of, sentences), region_of)


REFERENCE_KM = 45.0  # "a village near X", "X km west of Y": within this of the reference


VILLAGES_NEAR = re.compile(r"\b(?:villages?|towns?|hamlets?)\b[^.;:]{0,30}\b(?:near|outside|around|"
                           r"close to)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?$", re.IGNORECASE)
VILLAGE_WORDS = ("village", "villages", "hamlet", "town")


def villages_near_lead_reference(text: str, lead: list[Sentence],
                                 places: list[Any]) -> list[Any]:
    """ "Gunmen killed dozens in two villages near the coastal city of Baniyas": the villages
    the report then names ("In the village of Al-Qusour ...") lie near Baniyas. A village read
    far from it takes its namesake near it, else Baniyas itself with the village's words
    (``part_of``), never a namesake in another province."""
    anchors = [r for s in lead for r in s.references
               if r.match is not None and r.match.feature in TOWNS
               and VILLAGES_NEAR.search(text[max(0, r.start - 80):r.start])]
    if not anchors:
        return places
    out = []
    for p in places:
        if (p.role is None and p.match is not None and p.match.feature in TOWNS
                and getattr(p, "feature_word", None) in VILLAGE_WORDS
                and not any(_within_reach(p, a) for a in anchors)):
            near = _near_references(p, anchors)
            p = near if near is not p else dataclasses.replace(
                anchors[0], start=p.start, end=p.end, text=p.text, part_of=p.text, role=None,
                alternatives=[])
        out.append(p)
    return out


def _within_reach(place: Any, reference: Any) -> bool:
    from tawthiq.geo.geometry import haversine_km

    a, b = place.match, reference.match
    return (a is not None and b is not None and a.latitude is not None
            and b.latitude is not None
            and haversine_km(a.latitude, a.longitude, b.latitude, b.longitude) <= REFERENCE_KM)


def _near_references(place: Any, references: list[Any]) -> Any:
    """A place told beside a reference point ("Al Bayda, a village near Baniyas") read as
    its namesake near that point when its first reading lies far from it."""
    from tawthiq.geo.geometry import haversine_km

    points = [r.match for r in references if r.match is not None and r.match.latitude is not None
              and r.match.feature in TOWNS]
    if not points or place.match.latitude is None:
        return place

    def close(reading: Any) -> bool:
        return reading.latitude is not None and any(haversine_km(
            reading.latitude, reading.longitude, p.latitude, p.longitude) <= REFERENCE_KM
            for p in points)

    if close(place.match):
        return place
    twin = next((a for a in getattr(place, "alternatives", None) or []
                 if close(a) and _spelled_alike(a.name, place.text)), None)
    return dataclasses.replace(place, match=twin) if twin is not None else place


def _best(places: list[Any], fits: Callable[[Any], bool]) -> Any:
    usable = [p for p in places if fits(p)]
    return max(usable, key=lambda t: (rank(t), -t.start)) if usable else None


def _figure_place(main: Sentence, figure: CasualtyMention | None,
                  fits: Callable[[Any], bool]) -> Any:
    """The place told with the figure: the most specific one after it and before the next
    count of the same outcome ("killed 12 in X ... 11 in Y"), else the nearest one before."""
    if figure is None:
        return _best(main.places, fits)
    after = _best(_told_with(main, figure, fits), fits)
    if after is not None:
        return after
    before = [p for p in main.places if p.start < figure.start and fits(p)]
    return max(before, key=lambda p: p.start) if before else None


def _told_with(main: Sentence, figure: CasualtyMention, fits: Callable[[Any], bool]) -> list:
    """Places after the figure, before the next count of the same outcome."""
    later = [c.start for c in main.casualties
             if c.start > figure.end and not c.breakdown and c.outcome == figure.outcome]
    stop = min(later, default=main.end)
    return [p for p in main.places if figure.start <= p.start < stop and fits(p)]


def _listed_places(main: Sentence, figure: CasualtyMention | None,
                   fits: Callable[[Any], bool]) -> list:
    """The places told with the figure when they are a list across governorates ("6 killed
    in Damascus, Aleppo and Idlib": the figure is a sum), else nothing."""
    if figure is None:
        return []
    told = _told_with(main, figure, fits)
    return told if _lists_regions(main, told) else []


LIST_GAP = re.compile(r"^(?:\s*(?:,|&|\band\b|\bor\b)?\s*)$")


def _lists_regions(sentence: Sentence, places: list[Any]) -> bool:
    """Places written as a list ("in Damascus, Aleppo and Idlib") lying in different
    governorates."""
    text = sentence.text
    for a, b in zip(places, places[1:], strict=False):
        gap = text[a.end - sentence.start : b.start - sentence.start]
        if LIST_GAP.match(gap) and (a.match.admin1 or a.match.name) != (
                b.match.admin1 or b.match.name):
            return True
    return False


def _repeats(main: Sentence, sentences: list[Sentence]) -> list[Sentence]:
    figures = {c.best for c in main.casualties
               if c.best and c.outcome == "killed" and not c.vague and not c.breakdown}
    if not figures:
        return []
    return [s for s in sentences if s is not main and any(
        c.outcome == "killed" and not c.breakdown and c.best in figures for c in s.casualties)]


@cache
def _caption_patterns() -> list[re.Pattern[str]]:
    from tawthiq import knowledge

    return [re.compile(p, re.IGNORECASE)
            for p in knowledge.load("page_furniture.json", "en")["caption"]]


def is_caption(text: str) -> bool:
    """A photo caption: a credit in brackets at its end, "Photo:", a locator map."""
    return any(p.search(text.strip()) for p in _caption_patterns())


def _nearby(main: Sentence, sentences: list[Sentence], draft: Draft | None = None
            ) -> list[Sentence]:
    """Sentences that may tell where the main toll fell, nearest first: those just around
    it, those repeating its figure (REPEAT_CLOSER sentences nearer) and the incident's own
    sentences (OWN_CLOSER nearer); on a tie the sentence before (often the headline) comes
    first. A photo caption names no incident's place."""
    repeats = {id(s) for s in _repeats(main, sentences)}
    own = {id(s) for s in draft.sentences} if draft is not None else set()

    def distance(s: Sentence) -> float:
        return (abs(s.index - main.index) - (REPEAT_CLOSER if id(s) in repeats else 0)
                - (OWN_CLOSER if id(s) in own else 0))

    pool = [s for s in sentences if s is not main and not s.caption
            and (id(s) in repeats or id(s) in own or abs(s.index - main.index) <= NEAR_SENTENCES)]
    return sorted(pool, key=lambda s: (distance(s), s.index > main.index))


def _names_governorate(place: Any, region_of: Callable[[str | None], str | None]) -> str | None:
    """The governorate a place stands for: a governorate, or the city that gives a
    governorate its name ("Idlib", "Hama city")."""
    key = region_of(place.match.admin1)
    if key is None:
        return None
    if place.match.feature == "region" or region_of(place.match.name) == key:
        return key
    return None


def _sentence_before(source: Sentence, sentences: list[Sentence]) -> Sentence | None:
    return next((s for s in sentences if s.index == source.index - 1), None)


def _region_cues(place: Any, source: Sentence | None, lead: list[Sentence],
                 region_of: Callable[[str | None], str | None],
                 sentences: list[Sentence] | None = None) -> list[Any]:
    """Places standing for a governorate named beside the place (same sentence, within
    CUE_CHARS), nearest first; else those of the headline (the report's first sentence)
    when it names only one."""
    if source is not None:
        # a reference point ("near Damascus") is a cue only for a reading far from it
        cues = source.places + [r for r in source.references if not _within_reach(place, r)]
        near = [p for p in cues if p is not place
                and abs(p.start - place.start) <= CUE_CHARS and _names_governorate(p, region_of)]
        if near:
            return sorted(near, key=lambda p: abs(p.start - place.start))
        before = _sentence_before(source, sentences or [])
        named = [p for p in (before.places if before else []) if p.match.feature == "region"]
        if len({_names_governorate(p, region_of) for p in named}) == 1:
            return named  # "... in Deir Ezzor province. The strike on the village of X ..."
    headline = [p for p in (lead[0].places if lead else []) if _names_governorate(p, region_of)]
    keys = {_names_governorate(p, region_of) for p in headline}
    return headline if len(keys) == 1 else []


AROUND_WORDS = ("countryside", "suburbs", "outskirts", "vicinity")


def _around(cue: Any) -> bool:
    """A town, or a city's surroundings ("the Damascus countryside"), may lie across a
    governorate line from what it locates."""
    return cue.match.feature in TOWNS or getattr(cue, "feature_word", None) in AROUND_WORDS


def _agreeing(place: Any, cues: list[Any], region_of: Callable[[str | None], str | None]) -> Any:
    """The place read in the governorate its cues name: its twin there, else the governorate
    (or its city) itself, keeping the place's words (``part_of``: honest lower precision)."""
    wanted = {_names_governorate(c, region_of) for c in cues}
    if not cues or _names_governorate(place, region_of) or region_of(place.match.admin1) in wanted:
        return place
    if any(_around(c) and _within_reach(place, c) for c in cues):
        return place  # "Jaramana, in the Damascus countryside": next to it, another governorate
    twin = next((a for a in getattr(place, "alternatives", None) or []
                 if region_of(a.admin1) in wanted and _spelled_alike(a.name, place.text)), None)
    if twin is not None:
        return dataclasses.replace(place, match=twin, alternatives=[])
    cue = cues[0]
    if "part_of" in {f.name for f in dataclasses.fields(place)}:
        # the place's own words, located by the governorate they lie in
        return dataclasses.replace(place, match=cue.match, part_of=place.text, alternatives=[])
    return dataclasses.replace(cue, alternatives=[])
