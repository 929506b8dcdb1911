"""Event reports -> incidents: a pure, incremental stage over model types.

Each new report is compared with the reports that blocking finds (same gazetteer place or
place name at any date; same governorate or ~25 km grid cell within the date window), grouped
by the incident they are in. It joins the incident whose best report it matches at the
``link`` probability or more; an incident holding a report it contradicts (below ``veto``), a
report of the same document (unless both tell one place and day: two parts of one incident)
or a report an analyst kept apart is no candidate. A report matching a second incident at
``bridge`` or more merges the two. Analysts' decisions (``LinkLabel``) are constraints: kept
together always, kept apart always.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from tawthiq.link.compare import MONTHS_APART_DAYS, compare_date, compare_place
from tawthiq.link.features import Features, ReportKey, features_of
from tawthiq.link.score import Found, Similarity, WordWeights, explain, score_pair
from tawthiq.link.settings import LinkSettings, default_settings, probability_of
from tawthiq.model import EventReport, LinkExplanation, LinkLabel

MAX_CANDIDATES = 400
ONE_VILLAGE = "same village or town"
TWO_PART_PLACES = {"same village or town", "same city or region"}
TWO_PART_DATES = {"null", "same day", "within a day"}


class Explanations(Mapping[ReportKey, LinkExplanation]):
    """Why each report went where it did, built when read: the linker keeps only the report
    it matched, the weight and the decision, and scores that pair again for the comparisons
    (the same answer: every comparison is a pure function of the two reports). Building a
    model per report while linking cost a tenth of the time and most of the memory of
    linking 100,000 reports."""

    def __init__(self, linker: Linker) -> None:
        self.linker = linker
        self.raw: dict[ReportKey, tuple[int | None, ReportKey | None, float, str]] = {}
        self.built: dict[ReportKey, LinkExplanation] = {}

    def note(self, key: ReportKey, report: int | None, matched: ReportKey | None,
             weight: float, decision: str) -> None:
        self.raw[key] = (report, matched, weight, decision)
        self.built.pop(key, None)

    def __getitem__(self, key: ReportKey) -> LinkExplanation:
        found = self.built.get(key)
        if found is None:
            report, matched, weight, decision = self.raw[key]
            found = self.built[key] = self.linker.explain(key, report, matched, weight,
                                                          decision)
        return found

    def __iter__(self) -> Iterator[ReportKey]:
        return iter(self.raw)

    def __len__(self) -> int:
        return len(self.raw)


@dataclass
class LinkResult:
    """What linking changed: the incident of every report it placed (negative ids are new
    incidents), incidents merged into others, and why each report went where it did."""

    assignments: dict[ReportKey, int] = field(default_factory=dict)
    merges: list[tuple[int, int]] = field(default_factory=list)   # (absorbed, into)
    explanations: Mapping[ReportKey, LinkExplanation] = field(default_factory=dict)


class Linker:
    """Holds the reports linked so far, their blocking index and their incidents."""

    def __init__(self, settings: LinkSettings | None = None, labels: Iterable[LinkLabel] = (),
                 similarity: Similarity | None = None) -> None:
        self.settings = settings or default_settings()
        self.similarity = similarity or WordWeights()
        self.features: dict[ReportKey, Features] = {}
        self.ids: dict[ReportKey, int | None] = {}
        self.incident_of: dict[ReportKey, int] = {}
        self.members: dict[int, list[ReportKey]] = defaultdict(list)
        self.documents_of: dict[int, Counter] = defaultdict(Counter)   # incident -> documents
        self.dates_of: dict[int, tuple[int, int]] = {}   # incident -> earliest end, latest start
        self.by_place: dict[object, dict[int | None, list[ReportKey]]] = defaultdict(
            lambda: defaultdict(list))
        self.by_area: dict[object, dict[int, list[ReportKey]]] = defaultdict(
            lambda: defaultdict(list))
        self.must: dict[ReportKey, set[ReportKey]] = defaultdict(set)
        self.cannot: dict[ReportKey, set[ReportKey]] = defaultdict(set)
        self.next_new = -1
        self.result = LinkResult(explanations=Explanations(self))
        for label in labels:
            (self.must if label.same else self.cannot)[tuple(label.a)].add(tuple(label.b))
            (self.must if label.same else self.cannot)[tuple(label.b)].add(tuple(label.a))

    # -- the store's state ------------------------------------------------------------------

    def seed(self, report: EventReport) -> None:
        """A report already in an incident (from the store): indexed, not re-linked."""
        key = report_key(report)
        features = features_of(report, key)
        self._remember(report, features)
        self._place(key, report.incident_id)

    def _remember(self, report: EventReport, features: Features) -> None:
        self.features[features.key] = features
        self.ids[features.key] = report.id
        bucket = self._bucket(features)
        for place in _place_keys(features):
            self.by_place[place][bucket].append(features.key)
        if bucket is not None:
            for area in self._indexed_area_keys(features):
                self.by_area[area][bucket].append(features.key)

    def _place(self, key: ReportKey, incident: int) -> None:
        self.incident_of[key] = incident
        self.members[incident].append(key)
        self.documents_of[incident][self.features[key].document] += 1
        f = self.features[key]
        self._widen_dates(incident, None if f.start is None else (f.end, f.start))
        self.next_new = min(self.next_new, incident - 1) if incident < 0 else self.next_new

    # -- linking a new report ---------------------------------------------------------------

    def add(self, report: EventReport) -> None:
        key = report_key(report)
        features = features_of(report, key)
        scored = self._score_incidents(features)
        must = self.must.get(key, ())
        forced = sorted({self.incident_of[k] for k in must if k in self.incident_of})
        self._remember(report, features)
        if forced:
            target = forced[0]
            for other in forced[1:]:
                self._merge(other, target)
            best = next((s for s in scored if s[1] == target), None)
            matched, weight = (best[2], best[0]) if best else (None, 0.0)
            decision = "kept with reports an analyst merged it with"
        else:
            target, matched, weight, decision = self._decide(scored)
        self._place(key, target)
        self.result.assignments[key] = target
        self.result.explanations.note(key, report.id, matched, weight, decision)

    def _decide(self, scored: list[tuple[float, int, ReportKey]]
                ) -> tuple[int, ReportKey | None, float, str]:
        """(incident, best matching report, its weight, the decision in words)."""
        link, bridge = self.settings.link_weight, self.settings.bridge_weight
        above = [s for s in scored if s[0] >= link]
        if not above:
            target = self.next_new
            self.next_new -= 1
            if not scored:
                return target, None, 0.0, "new incident"
            weight, _incident, matched = scored[0]
            return target, matched, weight, (
                f"new incident (best match p={probability_of(weight):.2f} "
                f"below {self.settings.link_probability})")
        weight, target, matched = above[0]
        decision = "joined the incident of its best match"
        for other_weight, incident, _k in above[1:]:
            if other_weight >= bridge and self._can_merge(incident, target):
                self._merge(incident, target)
                p = probability_of(other_weight)
                decision += f"; merged another incident it matches at p={p:.3f} into it"
        return target, matched, weight, decision

    def explain(self, key: ReportKey, report: int | None, matched: ReportKey | None,
                weight: float, decision: str) -> LinkExplanation:
        """The explanation of a linked report: the comparisons with the report it matched."""
        if matched is None:
            return LinkExplanation(report=report, decision=decision)
        _weight, found = score_pair(self.features[key], self.features[matched], self.settings,
                                    self.similarity)
        return LinkExplanation(report=report, matched=self.ids.get(matched),
                               weight=round(weight, 2),
                               probability=round(probability_of(weight), 4),
                               decision=decision, comparisons=explain(found))

    def _score_incidents(self, f: Features) -> list[tuple[float, int, ReportKey]]:
        """(best weight, incident, best report) per candidate incident that no constraint
        rules out, best first."""
        by_incident: dict[int, list[ReportKey]] = defaultdict(list)
        for key in self._candidates(f):
            by_incident[self.incident_of[key]].append(key)
        out = []
        veto = self.settings.veto_weight
        cannot = self.cannot.get(f.key)
        for incident, keys in by_incident.items():
            if cannot and not cannot.isdisjoint(self.members[incident]):
                continue
            best = None
            for key in keys:
                other = self.features[key]
                weight, found = score_pair(f, other, self.settings, self.similarity)
                if weight < veto or self._contradicts(found) or (
                        other.document == f.document and not _two_parts(found)):
                    best = None
                    break
                if best is None or weight > best[0]:
                    best = (weight, incident, key)
            if best is not None and not self._shares_document(f, incident, keys) and not (
                    self._dated_apart(f, incident)):
                out.append(best)
        out.sort(key=lambda s: (-s[0], s[1]))
        return out

    def _contradicts(self, found: Found) -> bool:
        """A level that no report of one incident reaches with another (settings'
        ``contradicts``: dates months apart), whatever the other comparisons say: a report
        joins an incident only if it contradicts none of its reports, not just matches one.
        Not in one village: its name is strong evidence (u 0.004) and a report dated months
        off there is as often one misdated (a page's date) as another incident."""
        wanted = self.settings.contradicting
        levels = {name: label for name, label, _d, _w in found}
        return bool(wanted) and levels.get("place") != ONE_VILLAGE and any(
            (name, label) in wanted for name, label in levels.items())

    def _dated_apart(self, f: Features, incident: int) -> bool:
        """A report of the incident, compared by blocking or not (another date bucket),
        whose date contradicts the new report's at another place than its village."""
        wanted = {label for name, label in self.settings.contradicting if name == "date"}
        span = self.dates_of.get(incident)
        if not wanted or f.start is None or span is None:
            return False
        earliest_end, latest_start = span
        if (f.start - earliest_end <= MONTHS_APART_DAYS
                and latest_start - f.end <= MONTHS_APART_DAYS):
            return False   # no dated report of the incident lies months from this one
        window = self.settings.date_window_days
        return any(compare_date(f, other, window)[0] in wanted
                   and compare_place(f, other)[0] != ONE_VILLAGE
                   for k in self.members[incident]
                   if (other := self.features[k]).start is not None)

    def _widen_dates(self, incident: int, span: tuple[int, int] | None) -> None:
        """Keep the incident's earliest end and latest start of its dated reports."""
        if span is None:
            return
        found = self.dates_of.get(incident)
        self.dates_of[incident] = span if found is None else (
            min(found[0], span[0]), max(found[1], span[1]))

    def _shares_document(self, f: Features, incident: int, compared: list[ReportKey]) -> bool:
        """A report of the same document in the incident that blocking did not compare."""
        held = self.documents_of[incident].get(f.document, 0)
        return held > sum(1 for k in compared if self.features[k].document == f.document)

    def _candidates(self, f: Features) -> list[ReportKey]:
        bucket = self._bucket(f)
        found: dict[ReportKey, None] = {}
        for place in _place_keys(f):
            buckets = self.by_place.get(place)
            if not buckets:
                continue
            if bucket is None:
                for keys in buckets.values():
                    found.update(dict.fromkeys(keys))
            else:
                for b in (bucket - 1, bucket, bucket + 1, None):
                    found.update(dict.fromkeys(buckets.get(b, ())))
        if bucket is not None:
            for area in self._area_keys(f):
                buckets = self.by_area.get(area)
                if buckets:
                    for b in (bucket - 1, bucket, bucket + 1):
                        found.update(dict.fromkeys(buckets.get(b, ())))
        keys = [k for k in found if k in self.incident_of]
        return keys[-MAX_CANDIDATES:]

    def blocks_together(self, a: ReportKey, b: ReportKey) -> bool:
        """Whether blocking pairs two indexed reports (either way round)."""
        return (b in self._candidates(self.features[a])
                or a in self._candidates(self.features[b]))

    def _bucket(self, f: Features) -> int | None:
        return None if f.start is None else f.start // max(self.settings.date_window_days, 1)

    def _area_keys(self, f: Features) -> list[object]:
        """Grid cells around a located place; a governorate for a report placed only at its
        governorate (its city), which must meet the villages of that governorate."""
        keys: list[object] = []
        if f.admin1 and f.coarse:
            keys.append(("admin1", f.admin1))
        elif f.admin1:
            keys.append(("coarse in", f.admin1))
        if f.lat is not None and f.lon is not None and not f.coarse:
            size = self.settings.grid_degrees
            cx, cy = int(f.lat // size), int(f.lon // size)
            keys.extend(("cell", cx + dx, cy + dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1))
        return keys

    def _indexed_area_keys(self, f: Features) -> list[object]:
        keys: list[object] = []
        if f.admin1:
            keys.append(("coarse in", f.admin1) if f.coarse else ("admin1", f.admin1))
        if f.lat is not None and f.lon is not None and not f.coarse:
            size = self.settings.grid_degrees
            keys.append(("cell", int(f.lat // size), int(f.lon // size)))
        return keys

    # -- merging incidents ------------------------------------------------------------------

    def _can_merge(self, absorbed: int, into: int) -> bool:
        a, b = self.members[absorbed], self.members[into]
        documents = {self.features[k].document for k in b}
        if any(self.features[k].document in documents for k in a):
            return False
        return all(self.cannot.get(k, frozenset()).isdisjoint(b) for k in a)

    def _merge(self, absorbed: int, into: int) -> None:
        self.documents_of[into].update(self.documents_of.pop(absorbed, Counter()))
        self._widen_dates(into, self.dates_of.pop(absorbed, None))
        for key in self.members.pop(absorbed, []):
            self.incident_of[key] = into
            self.members[into].append(key)
            self.result.assignments[key] = into
        self.result.merges.append((absorbed, into))


def _two_parts(found: Found) -> bool:
    """Two events of one document may share an incident only when they tell one place and
    one day (the report tells two parts of one incident)."""
    levels = {name: label for name, label, _d, _w in found}
    return levels["place"] in TWO_PART_PLACES and levels["date"] in TWO_PART_DATES


def _place_keys(f: Features) -> list[object]:
    keys: list[object] = []
    if f.gazetteer_id:
        keys.append(("gid", f.gazetteer_id))
    if f.name:
        keys.append(("name", f.name))
    if f.province:
        keys.append(("province", f.province))
    return keys


def report_key(report: EventReport) -> ReportKey:
    if report.key is not None:
        return tuple(report.key)
    if report.id is not None:
        return (-1, report.id)
    raise ValueError("an event report needs a key (document id, ordinal) or an id")


def link_reports(new: Iterable[EventReport], existing: Iterable[EventReport] = (), *,
                 settings: LinkSettings | None = None, labels: Iterable[LinkLabel] = (),
                 similarity: Similarity | None = None) -> LinkResult:
    """Place ``new`` reports into the incidents of ``existing`` ones (each with its
    ``incident_id``) or into new incidents (negative ids); nothing is written anywhere."""
    linker = Linker(settings, labels, similarity)
    for report in existing:
        if report.incident_id is not None:
            linker.seed(report)
    for report in new:
        linker.add(report)
    return linker.result
