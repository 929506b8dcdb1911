"""Pydantic types shared by every stage. Their JSON form is the contract's
(``../shared/contract/extract.schema.json``): ``ExtractResult.model_dump(mode="json")`` is one
line of ``tawthiq extract`` output.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

EventType = Literal[
    "Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
    "Strategic developments",
]
SubEventType = Literal[
    "Abduction/forced disappearance", "Agreement", "Air/drone strike", "Armed clash", "Arrests",
    "Attack", "Change to group/activity", "Chemical weapon", "Disrupted weapons use",
    "Excessive force against protesters", "Government regains territory", "Grenade",
    "Headquarters or base established", "Looting/property destruction", "Mob violence",
    "Non-state actor overtakes territory", "Non-violent transfer of territory", "Other",
    "Peaceful protest", "Protest with intervention", "Remote explosive/landmine/IED",
    "Sexual violence", "Shelling/artillery/missile attack", "Suicide bomb",
    "Violent demonstration",
]
Means = Literal[
    "air strike", "barrel bomb", "shelling", "missile", "drone strike", "explosive device",
    "suicide bombing", "vehicle bomb", "landmine", "chemical", "gunfire", "execution", "torture",
    "stabbing", "arson", "other", "unknown",
]
ActorType = Literal[
    "State forces", "Rebel group", "Political militia", "Identity militia", "Rioters",
    "Protesters", "Civilians", "External/Other forces", "Unidentified",
]
Precision = Literal["day", "days", "week", "month", "year"]
Feature = Literal["neighbourhood", "locality", "district", "region", "country"]
EvidenceField = Literal[
    "location", "date", "fatalities", "perpetrators", "victims", "means", "event_type",
    "reported_by",
]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Document(Strict):
    """A report as ingested: the text that offsets point into, and its provenance."""

    id: str
    text: str = Field(exclude=True)
    sha256: str
    title: str | None = None
    source: str | None = None
    published: date | None = None
    language: str | None = "en"
    url: str | None = Field(default=None, exclude=True)


class DateRange(Strict):
    start: date
    end: date
    precision: Precision


class Location(Strict):
    mention: str
    name: str
    gazetteer_id: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    country_code: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    feature: Feature | None = None
    geo_precision: Literal[1, 2, 3] | None = None
    admin3: str | None = None        # sub-district (OCHA admin3) when a gazetteer gives it
    pcode: str | None = None         # OCHA P-code of the place (a community's "C1353")


class Perpetrator(Strict):
    name: str
    mention: str
    actor_type: ActorType = "Unidentified"
    affiliation: list[str] = Field(default_factory=list)
    attributed_by: str | None = None


class Person(Strict):
    name: str
    age: int | None = None
    sex: Literal["m", "f"] | None = None
    start: int | None = None
    end: int | None = None


class Victims(Strict):
    description: str | None = None
    civilian: bool | None = None
    identity: list[str] = Field(default_factory=list)
    named: list[Person] = Field(default_factory=list)


class Fatalities(Strict):
    low: int | None = None
    best: int | None = None
    high: int | None = None
    civilians: int | None = None
    combatants: int | None = None
    children: int | None = None
    women: int | None = None


class Injuries(Strict):
    low: int | None = None
    best: int | None = None
    high: int | None = None


class Evidence(Strict):
    field: EvidenceField
    start: int
    end: int


class Event(Strict):
    """One incident as one report tells it."""

    event_type: EventType
    sub_event_type: SubEventType
    means: list[Means] = Field(default_factory=list)
    summary: str = ""
    date: DateRange | None = None
    location: Location | None = None
    perpetrators: list[Perpetrator] = Field(default_factory=list)
    victims: Victims = Field(default_factory=Victims)
    fatalities: Fatalities = Field(default_factory=Fatalities)
    injuries: Injuries = Field(default_factory=Injuries)
    reported_by: list[str] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    confidence: float = Field(default=0.5, ge=0.0, le=1.0)


class Claim(Strict):
    speaker: str
    via: str | None = None
    text: str
    start: int
    end: int
    event: int | None = None


class Mentions(Strict):
    witnesses: list[Person] = Field(default_factory=list)


class AggregateArea(Strict):
    """A region a toll is given over (a governorate, the country)."""

    mention: str
    name: str | None = None
    gazetteer_id: str | None = None
    admin1: str | None = None
    country_code: str | None = None


class Aggregate(Strict):
    """A toll over a region or a period, never an event of its own ("37 killed across Syria
    yesterday"): kept apart so it is never put on one place."""

    area: list[AggregateArea] = Field(default_factory=list)
    date: DateRange | None = None
    fatalities: Fatalities = Field(default_factory=Fatalities)
    victims: Victims = Field(default_factory=Victims)
    reported_by: list[str] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    events: list[int] = Field(default_factory=list)


class ExtractResult(Strict):
    """One line of ``tawthiq extract`` output."""

    document: Document
    events: list[Event] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    mentions: Mentions = Field(default_factory=Mentions)
    aggregates: list[Aggregate] = Field(default_factory=list)

    def to_json(self) -> dict:
        """The contract line; ``aggregates`` is optional there and left out when empty."""
        return self.model_dump(mode="json", exclude={"aggregates"} if not self.aggregates
                               else None)


class ExtractError(Strict):
    """An output line for an input that could not be read; the run goes on."""

    id: str | None
    error: str


class GeoMatch(Strict):
    name: str
    gazetteer_id: str
    latitude: float | None = None
    longitude: float | None = None
    country_code: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    feature: Feature | None = None
    score: float = Field(ge=0.0, le=1.0)
    admin3: str | None = None        # sub-district (OCHA admin3)
    pcode: str | None = None         # OCHA P-code of the place
    same_as: list[str] = Field(default_factory=list)  # its other gazetteer ids (merged sources)


class GeocodeResult(Strict):
    id: str | None = None
    name: str
    match: GeoMatch | None = None
    alternatives: list[GeoMatch] = Field(default_factory=list)


class IngestOutcome(Strict):
    """What ``ingest`` did with one input file or line, for its summary line."""

    path: str
    status: Literal["stored", "duplicate", "error"]
    document_id: int | None = None
    sha256: str | None = None
    events: int = 0
    message: str | None = None
    at: datetime | None = None


# --- linking: event reports, incidents, episodes (issue #12) -------------------------------

class EventReport(Strict):
    """One event as one document tells it: the ``Event`` with its document's provenance and,
    once stored, its store ids. ``key`` (document id, ordinal) survives edits, which give the
    event a new row id; ``words`` are the report's own sentences about this event (evidence
    in context), compared as distinctive words only between reports in one language."""

    id: int | None = None
    key: tuple[int, int] | None = None
    document_id: int | None = None
    sha256: str
    source: str | None = None
    published: date | None = None
    language: str | None = "en"
    title: str | None = None
    event: Event
    words: str = ""
    incident_id: int | None = None


class ComparisonResult(Strict):
    """One comparison of two event reports: the level it reached and its weight (log2 m/u)."""

    comparison: str
    level: str
    weight: float
    detail: str = ""


class LinkExplanation(Strict):
    """Why a report sits in its incident: the comparisons with the report it matched best."""

    report: int | None
    matched: int | None = None
    weight: float = 0.0
    probability: float = 0.0
    decision: str = "new incident"
    comparisons: list[ComparisonResult] = Field(default_factory=list)


class SimilarIncident(Strict):
    """Another incident close to this one but not linked with it (below the join threshold,
    or kept apart by a constraint): the best pair of reports and its comparisons, for an
    analyst to merge or keep apart."""

    incident: int
    report: int | None             # this incident's report of the best pair
    matched: int | None            # the other incident's report
    probability: float
    kept_apart: str | None = None  # why the linker may not join them, when it may not
    comparisons: list[ComparisonResult] = Field(default_factory=list)


class SourceFigure(Strict):
    """One report's toll, with the outlet that published it and the original sources it cites."""

    report: int | None
    outlet: str | None
    original_sources: list[str] = Field(default_factory=list)
    low: int | None = None
    best: int | None = None
    high: int | None = None


class Attribution(Strict):
    """An actor named as perpetrator and every source that names it: never our assertion."""

    actor: str
    family: str
    actor_type: str = "Unidentified"
    attributed_by: list[str] = Field(default_factory=list)
    outlets: list[str] = Field(default_factory=list)
    reports: list[int | None] = Field(default_factory=list)


class Grade(Strict):
    """A corroboration grade (``data/link/grades.json``) and the reason it was given."""

    grade: str
    reason: str
    independent_sources: list[str] = Field(default_factory=list)


class Incident(Strict):
    """What happened, as every report tells it: the reports, consolidated fields, each source's
    figures, attributions (``contested`` when sources name different actor families), the grade
    and the link explanations."""

    id: int | None = None
    reports: list[EventReport] = Field(default_factory=list)
    title: str | None = None
    event_type: EventType | None = None
    sub_event_type: SubEventType | None = None
    date: DateRange | None = None
    places: list[Location] = Field(default_factory=list)
    fatalities: Fatalities = Field(default_factory=Fatalities)
    figures: list[SourceFigure] = Field(default_factory=list)
    attributions: list[Attribution] = Field(default_factory=list)
    contested: bool = False
    grade: Grade | None = None
    links: list[LinkExplanation] = Field(default_factory=list)


class LinkLabel(Strict):
    """An analyst's decision about two reports (keys), a constraint the linker never undoes
    and a label a later training run may use."""

    a: tuple[int, int]
    b: tuple[int, int]
    same: bool
    by: str | None = None
    action: str | None = None


class AggregateReport(Strict):
    """One report's aggregate toll (``Aggregate``) with its document's provenance and, once
    stored, its id and the incidents of the report's events it includes."""

    id: int | None = None
    document_id: int | None = None
    source: str | None = None
    published: date | None = None
    aggregate: Aggregate
    incidents: list[int] = Field(default_factory=list)


class EpisodeToll(Strict):
    """A source's toll over the whole episode (an aggregate), beside the incidents' sum."""

    aggregate: int | None
    document: int | None
    outlet: str | None
    original_sources: list[str] = Field(default_factory=list)
    area: list[str] = Field(default_factory=list)
    date: DateRange | None = None
    low: int | None = None
    best: int | None = None
    high: int | None = None


class Episode(Strict):
    """A wave of incidents over days and places (a campaign): its incidents, every source's
    aggregate toll, and the sum of the incidents' own tolls to hold beside them."""

    id: int | None = None
    title: str
    date: DateRange | None = None
    areas: list[str] = Field(default_factory=list)
    incidents: list[int] = Field(default_factory=list)
    tolls: list[EpisodeToll] = Field(default_factory=list)
    incidents_toll: Fatalities = Field(default_factory=Fatalities)
    origin: Literal["proposed", "analyst"] = "proposed"
    status: str = "proposed"


SENTENCE_ENDS = ".!?\n\u061f\u06d4"   # Latin and Arabic sentence ends
WORDS_REACH = 240                      # at most this many characters either side of a span


def evidence_words(text: str, spans: list[tuple[int, int]]) -> str:
    """The sentences of ``text`` around an event's evidence spans, each once: the report's own
    words about the event, for comparing two reports' distinctive words."""
    pieces: dict[tuple[int, int], None] = {}
    for start, end in spans:
        if not 0 <= start <= end <= len(text):
            continue
        left = max(0, start - WORDS_REACH)
        cut = max(text.rfind(c, left, start) for c in SENTENCE_ENDS)
        begin = cut + 1 if cut >= 0 else left
        right = min(len(text), end + WORDS_REACH)
        stops = [i for c in SENTENCE_ENDS if (i := text.find(c, end, right)) >= 0]
        pieces[(begin, min(stops) + 1 if stops else right)] = None
    return " ".join(text[a:b].strip() for a, b in sorted(pieces))
