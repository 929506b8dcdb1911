"""``tawthiq evaluate linking GOLD DOCS``: how well reports of one incident end up together.

The documents are ingested into a fresh home (extraction, resolution, linking, as a user's
ingest does); each stored event report is then matched to one gold incident of its own
document (the same place within 25 km, the place's name, or the governorate, and the date),
and the gold items (document, incident key) are scored as a clustering: pairwise precision,
recall and F1 over item pairs of different documents (a pair is gold when both share a key,
predicted when both lie in one incident), and B-cubed. Aggregate tolls (``aggregate-...``
keys) are not place incidents and are left out. An event report matched to no gold incident
is an item of its own: every link it takes part in is a false one.

``oracle`` says how much of what is missed is extraction's and how much the linker's: the
stored event reports are linked again from scratch (as ``tawthiq relink`` does), once as
extracted and then with the gold dates, the gold places, and both put in place of what
extraction found (an event report takes the gold incident it matches, a report's main event
unmatched takes the main gold incident). A gold place with coordinates becomes a point of
its own; one without is what the geocoder makes of the first part of its words it resolves
in the gold governorate, else that governorate.
"""

from __future__ import annotations

import json
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from itertools import combinations
from pathlib import Path

from tawthiq.errors import BadInput
from tawthiq.evaluate import check_output_path, write_output
from tawthiq.geo.geometry import haversine_km
from tawthiq.geo.names import keys
from tawthiq.link.features import governorate_key
from tawthiq.model import DateRange, Event, EventReport, Location

Echo = Callable[[str], None]
MATCH_KM = 25.0
VAGUE_KM = 8.0     # a place this far from the gold point is not the governorate's city
TARGETS = {"pairwise_f1": 0.90, "pairwise_precision": 0.90}
Row = tuple[str, int, Event, int | None]   # document id, ordinal, event, incident id
ORACLES = {"relinked from scratch": (), "gold dates": ("dates",), "gold places": ("places",),
           "gold places and dates": ("places", "dates")}


def read_gold(path: Path) -> list[dict]:
    rows = []
    try:
        lines = Path(path).read_text("utf-8").splitlines()
    except OSError as exc:
        raise BadInput(f"cannot read: {exc.strerror or exc}", path=str(path)) from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError:
            raise BadInput("not valid JSON", path=str(path), line=number) from None
        if not isinstance(row, dict) or "id" not in row or not isinstance(
                row.get("incidents"), list):
            raise BadInput("a gold line needs 'id' and a list 'incidents'", path=str(path),
                           line=number, field="incidents")
        rows.append(row)
    return rows


def place_incidents(gold_row: dict) -> list[dict]:
    return [i for i in gold_row["incidents"]
            if i.get("key") and not str(i["key"]).startswith("aggregate")]


def match_score(event: Event, incident: dict) -> float:
    """How well a stored event report fits a gold incident of the same document."""
    loc = event.location
    score = 0.0
    if loc and loc.latitude is not None and incident.get("lat") is not None:
        km = haversine_km(loc.latitude, loc.longitude, incident["lat"], incident["lon"])
        score += 3.0 if km <= MATCH_KM else -1.0
    if loc:
        gold_place = " " + keys(incident.get("place_en") or incident.get("place") or "")[1] + " "
        if any(f" {n} " in gold_place for n in (keys(loc.name)[1], keys(loc.mention)[1]) if n):
            score += 2.0
        wanted = {governorate_key(incident.get("governorate"))} | {
            governorate_key(g) for g in incident.get("governorate_alt") or []}
        if governorate_key(loc.admin1) in wanted:
            score += 1.5
    if event.date and incident.get("date_start"):
        start = incident["date_start"]
        end = incident.get("date_end") or start
        if str(event.date.start) <= end and str(event.date.end) >= start:
            score += 1.0
    if incident.get("main") and score > 0:
        score += 0.25
    return score


def item_of(doc: str, ordinal: int, event: Event, incidents: list[dict]) -> tuple[str, str]:
    """The gold item (document, incident key) an event report tells, or one of its own."""
    scored = [(match_score(event, i), i["key"]) for i in incidents]
    best = max(scored, default=(0.0, None))
    return (doc, best[1]) if best[0] > 0 else (doc, f"unmatched:{ordinal}")


def gold_items(gold: list[dict], rows: list[Row]) -> tuple[dict, dict]:
    """(item -> gold key, item -> predicted incident): items are (document, key), plus one
    item per unmatched event report."""
    by_doc: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        by_doc[row[0]].append(row)
    truth: dict[tuple, str | None] = {}
    predicted: dict[tuple, object] = {}
    for gold_row in gold:
        doc = gold_row["id"]
        incidents = place_incidents(gold_row)
        for incident in incidents:
            truth[(doc, incident["key"])] = incident["key"]
        for _doc, ordinal, event, incident_id in sorted(by_doc.get(doc, []),
                                                        key=lambda r: r[1]):
            item = item_of(doc, ordinal, event, incidents)
            truth.setdefault(item, None)
            predicted.setdefault(item, incident_id if incident_id is not None
                                 else ("alone", doc, ordinal))
    for item in truth:
        predicted.setdefault(item, ("missing",) + item)
    return truth, predicted


def score_linking(gold: list[dict], rows: Iterable[Row],
                  languages: dict[str, str | None] | None = None) -> dict:
    """Pairwise and B-cubed scores; with the documents' ``languages``, the pairwise scores
    of the pairs whose two documents are in different languages too."""
    truth, predicted = gold_items(gold, list(rows))
    items = sorted(truth, key=str)
    counts, crossed = [0, 0, 0], [0, 0, 0]   # true links, false links, missed links
    pairs = []
    for a, b in combinations(items, 2):
        if a[0] == b[0]:
            continue
        same_gold = truth[a] is not None and truth[a] == truth[b]
        same_pred = predicted[a] == predicted[b]
        outcome = _pair_outcome(same_gold, same_pred)
        if outcome is None:
            continue
        counts[outcome] += 1
        if languages is not None and languages.get(a[0]) != languages.get(b[0]):
            crossed[outcome] += 1
        pairs.append({"a": list(a), "b": list(b), "gold": same_gold, "linked": same_pred})
    b_precision, b_recall = _b_cubed(items, truth, predicted)
    result = {"items": len(items), **_pairwise(counts),
              "bcubed_precision": round(b_precision, 3), "bcubed_recall": round(b_recall, 3),
              "bcubed_f1": round(2 * b_precision * b_recall / (b_precision + b_recall), 3)
              if b_precision + b_recall else 0.0,
              "pairs": pairs}
    if languages is not None:
        result["cross_language"] = _pairwise(crossed)
    return result


def classify_misses(result: dict, gold: list[dict], reports: list[EventReport],
                    external: dict[int, str | None]) -> dict[str, int]:
    """Why each missed gold pair stayed apart, said on the pair (``cause``, ``detail``) and
    counted by cause. Extraction's causes come first: an item no event report tells; a
    report placed elsewhere than its gold incident (another governorate or beyond 25 km) or
    only at its governorate (or the governorate's city) where gold names a place farther
    than 8 km from it; dated where gold's dates do not overlap (or where gold has no date);
    another ACLED event type. Otherwise linking's: blocking never compared the two
    reports, their best pair scored below the link threshold, or it scored above it and an
    incident's constraint (a report it contradicts, one of the same document) kept them
    apart."""
    from tawthiq.link.cluster import Linker
    from tawthiq.link.settings import probability_of

    incidents = {row["id"]: place_incidents(row) for row in gold}
    told: dict[tuple, list[EventReport]] = defaultdict(list)
    for report in reports:
        doc = external[report.document_id]
        told[item_of(doc, report.key[1], report.event, incidents.get(doc, []))].append(report)
    linker = Linker()
    for report in reports:
        if report.incident_id is not None:
            linker.seed(report)
    gold_of = {(row["id"], i["key"]): i for row in gold for i in place_incidents(row)}
    counts: dict[str, int] = defaultdict(int)
    for pair in result["pairs"]:
        if not pair["gold"] or pair["linked"]:
            continue
        a, b = tuple(pair["a"]), tuple(pair["b"])
        if not told.get(a) or not told.get(b):
            missing = a if not told.get(a) else b
            cause, detail = "no event report", f"{missing[0]} tells {missing[1]} in no event"
        else:
            cause, detail = _miss_cause(linker, (a[0], told[a], gold_of[a]),
                                        (b[0], told[b], gold_of[b]), probability_of)
        pair["cause"], pair["detail"] = cause, detail
        counts[cause] += 1
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


Side = tuple[str, list[EventReport], dict]   # document, its event reports, its gold incident


def _miss_cause(linker, left: Side, right: Side, probability_of) -> tuple[str, str]:
    from tawthiq.link.cluster import report_key
    from tawthiq.link.score import score_pair

    best = None
    for x in left[1]:
        for y in right[1]:
            fx, fy = (linker.features[report_key(r)] for r in (x, y))
            weight, _found = score_pair(fx, fy, linker.settings, linker.similarity)
            if best is None or weight > best[0]:
                best = (weight, x, y)
    weight, x, y = best
    for (doc, _reports, incident), report in ((left, x), (right, y)):
        found = _extraction_error(report, incident, linker)
        if found:
            p = probability_of(weight)
            return f"extraction: {found[0]}", f"{doc} {found[1]} (linking: p={p:.2f})"
    p = probability_of(weight)
    if not linker.blocks_together(report_key(x), report_key(y)):
        return "linking: blocking never compared them", f"p={p:.2f}"
    if weight < linker.settings.link_weight:
        return "linking: below the link threshold", f"p={p:.2f}"
    return "linking: kept apart by an incident's constraint", f"p={p:.2f}"


def _extraction_error(report: EventReport, incident: dict, linker) -> tuple[str, str] | None:
    """(what, detail) where the report's event differs from its gold incident."""
    from tawthiq.link.cluster import report_key

    event, features = report.event, linker.features[report_key(report)]
    loc = event.location
    point = incident.get("lat") is not None and loc is not None and loc.latitude is not None
    km = haversine_km(loc.latitude, loc.longitude, incident["lat"], incident["lon"]) \
        if point else None
    wanted = {governorate_key(incident.get("governorate"))} | {
        governorate_key(g) for g in incident.get("governorate_alt") or []}
    where = f"{loc.name if loc else None!r} for gold {incident.get('place')!r}"
    if loc is None or (loc.admin1 and governorate_key(loc.admin1) not in wanted):
        return "place elsewhere", where
    if features.coarse and km is not None and km > VAGUE_KM:
        return "place only the governorate", where
    if not features.coarse and km is not None and km > MATCH_KM:
        return "place elsewhere", where
    start, end = incident.get("date_start"), incident.get("date_end")
    if event.date is not None and start and not (
            str(event.date.start) <= (end or start) and str(event.date.end) >= start):
        return "date", f"{event.date.start} for gold {start}"
    if event.date is not None and not (start or end):
        return "date", f"{event.date.start} where gold has no date"
    if incident.get("event_type") and event.event_type != incident["event_type"]:
        return "event type", f"{event.event_type} for gold {incident['event_type']}"
    return None


def _pair_outcome(same_gold: bool, same_pred: bool) -> int | None:
    if same_gold and same_pred:
        return 0
    if same_pred:
        return 1
    return 2 if same_gold else None


def _pairwise(counts: list[int]) -> dict:
    tp, fp, fn = counts
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"gold_pairs": tp + fn, "linked_pairs": tp + fp, "true_links": tp,
            "pairwise_precision": round(precision, 3), "pairwise_recall": round(recall, 3),
            "pairwise_f1": round(f1, 3)}


def _b_cubed(items: list, truth: dict, predicted: dict) -> tuple[float, float]:
    """B-cubed over items; an item without a gold key is its own gold cluster."""
    gold_of = {i: truth[i] if truth[i] is not None else ("own",) + i for i in items}
    by_gold, by_pred = defaultdict(set), defaultdict(set)
    for i in items:
        by_gold[gold_of[i]].add(i)
        by_pred[predicted[i]].add(i)
    precision = recall = 0.0
    for i in items:
        both = len(by_gold[gold_of[i]] & by_pred[predicted[i]])
        precision += both / len(by_pred[predicted[i]])
        recall += both / len(by_gold[gold_of[i]])
    return precision / len(items), recall / len(items)


def evaluate_linking(gold_path: Path, docs_path: Path, *, output: Path | None = None,
                     echo: Echo = print, home: Path | None = None, oracle: bool = False,
                     more: Iterable[tuple[Path, Path]] = ()) -> dict:
    """Ingest ``docs_path`` (and the documents of ``more`` (gold, docs) sets, e.g. an Arabic
    set sharing incident keys) into a fresh home (or ``home``), then score the incidents
    (and, with ``oracle``, relinked reports with gold fields in place of extracted ones)."""
    output = check_output_path(output, "--output")
    sets = [(Path(gold_path), Path(docs_path)), *((Path(g), Path(d)) for g, d in more)]
    gold = [row for g, _d in sets for row in read_gold(g)]
    for _g, docs in sets:
        if not docs.is_file():
            raise BadInput("no such file", path=str(docs))
    with (tempfile.TemporaryDirectory(prefix="tawthiq-linking-") as tmp,
          _fresh_home(home or Path(tmp))):
        reports, external = _ingest_and_read(*(docs for _g, docs in sets))
        languages = _languages() if len(sets) > 1 else None
        result = score_linking(gold, _rows(reports, external), languages)
        result["missed_by_cause"] = classify_misses(result, gold, reports, external)
        if oracle:
            result["oracle"] = {name: _summary(score_linking(
                gold, _relinked(gold, reports, external, set(fields))))
                for name, fields in ORACLES.items()}
    for line in report_lines(result):
        echo(line)
    if output:
        write_output(output, json.dumps(result, indent=2) + "\n", "--output")
    return result


@contextmanager
def _fresh_home(home: Path) -> Iterator[None]:
    """Settings on ``home``, which shares the current home's gazetteers and actors (by a
    link)."""
    from tawthiq.settings import Settings, get_settings, use_settings

    current = get_settings()
    home.mkdir(parents=True, exist_ok=True)
    for name in ("gazetteer.sqlite", "actors"):
        source, target = current.home / name, home / name
        if source.exists() and not target.exists():
            target.symlink_to(source)
    use_settings(Settings(home=home, data=current.data, extractor=current.extractor))
    try:
        yield
    finally:
        use_settings(current)


def _ingest_and_read(*docs: Path) -> tuple[list[EventReport], dict[int, str | None]]:
    """Ingest into the current home; every live event report and the documents' ids."""
    from tawthiq.pipeline import ingest_paths
    from tawthiq.store import read, session_scope

    ingest_paths(list(docs))
    with session_scope() as session:
        return read.live_event_reports(session), read.document_external_ids(session)


def _languages() -> dict[str, str | None]:
    """Each stored document's language, by its id in the set."""
    from sqlalchemy import select

    from tawthiq.store import session_scope
    from tawthiq.store.tables import DocumentRow

    with session_scope() as session:
        return dict(session.execute(select(DocumentRow.external_id, DocumentRow.language)).all())


def _rows(reports: list[EventReport], external: dict[int, str | None]) -> list[Row]:
    return [(external[r.document_id], r.key[1], r.event, r.incident_id) for r in reports]


def _summary(result: dict) -> dict:
    return {k: v for k, v in result.items() if k != "pairs"}


def _relinked(gold: list[dict], reports: list[EventReport], external: dict[int, str | None],
              fields: set[str]) -> list[Row]:
    """The reports linked from scratch in memory, with the gold ``fields`` put in."""
    from tawthiq.link.cluster import link_reports

    by_doc = {row["id"]: place_incidents(row) for row in gold}
    fresh = []
    for report in reports:
        incidents = by_doc.get(external[report.document_id], [])
        incident = _gold_incident(report, incidents)
        event = report.event
        if incident is not None and "dates" in fields:
            event = event.model_copy(update={"date": gold_date(incident)})
        if incident is not None and "places" in fields:
            event = event.model_copy(update={"location": gold_location(incident)})
        fresh.append(report.model_copy(update={"event": event, "incident_id": None}))
    result = link_reports(fresh)
    return [(external[r.document_id], r.key[1], r.event, result.assignments[tuple(r.key)])
            for r in fresh]


def _gold_incident(report: EventReport, incidents: list[dict]) -> dict | None:
    scored = [(match_score(report.event, i), n) for n, i in enumerate(incidents)]
    best = max(scored, default=(0.0, None))
    if best[0] > 0:
        return incidents[best[1]]
    if report.key[1] == 0:
        return next((i for i in incidents if i.get("main")), None)
    return None


def gold_date(incident: dict) -> DateRange | None:
    start, end = incident.get("date_start"), incident.get("date_end")
    if not (start or end):
        return None
    first, last = date.fromisoformat(start or end), date.fromisoformat(end or start)
    return DateRange(start=first, end=last, precision="day" if first == last else "days")


def gold_location(incident: dict) -> Location:
    """A gold place as perfect extraction over this home's gazetteer would give it."""
    words, governorate = incident.get("place") or "", incident.get("governorate")
    if incident.get("lat") is not None:
        return Location(mention=words, name=words.split(",")[0].strip() or words,
                        gazetteer_id=f"gold:{incident['lat']},{incident['lon']}",
                        latitude=incident["lat"], longitude=incident["lon"],
                        country_code="SY", admin1=governorate, feature="locality")
    from tawthiq.resolve.places import gazetteer_places

    geocoder = gazetteer_places()
    for part in words.split(","):
        match = geocoder.geocode(part.strip(), country="SY", admin1=governorate).match
        if match is not None and governorate_key(match.admin1) == governorate_key(governorate):
            return Location(mention=part.strip(), name=match.name,
                            gazetteer_id=match.gazetteer_id, latitude=match.latitude,
                            longitude=match.longitude, country_code=match.country_code,
                            admin1=match.admin1, admin2=match.admin2, feature=match.feature)
    return Location(mention=words, name=governorate or words, country_code="SY",
                    admin1=governorate, feature="region")


def report_lines(result: dict) -> list[str]:
    lines = [f"items (document, incident): {result['items']}; gold pairs "
             f"{result['gold_pairs']}, linked pairs {result['linked_pairs']}, true links "
             f"{result['true_links']}"]
    for name in ("pairwise_precision", "pairwise_recall", "pairwise_f1", "bcubed_precision",
                 "bcubed_recall", "bcubed_f1"):
        target = TARGETS.get(name)
        mark = "" if target is None else (
            f"  (target {target}: {'met' if result[name] >= target else 'not met'})")
        lines.append(f"{name:<20} {result[name]:.3f}{mark}")
    crossed = result.get("cross_language")
    if crossed:
        lines.append(f"cross-language pairs:    precision {crossed['pairwise_precision']:.3f}, "
                     f"recall {crossed['pairwise_recall']:.3f}, F1 {crossed['pairwise_f1']:.3f}"
                     f" ({crossed['gold_pairs']} gold pairs, {crossed['true_links']} linked)")
    for name, scores in result.get("oracle", {}).items():
        lines.append(f"{name + ':':<24} precision {scores['pairwise_precision']:.3f}, recall "
                     f"{scores['pairwise_recall']:.3f}, F1 {scores['pairwise_f1']:.3f} "
                     f"(B-cubed F1 {scores['bcubed_f1']:.3f})")
    if result.get("missed_by_cause"):
        lines.append("missed links by cause: " + "; ".join(
            f"{cause} {n}" for cause, n in result["missed_by_cause"].items()))
    misses = [p for p in result["pairs"] if p["gold"] != p["linked"]]
    for pair in misses:
        kind = "missed link" if pair["gold"] else "false link"
        why = f" - {pair['cause']}: {pair['detail']}" if pair.get("cause") else ""
        lines.append(f"  {kind}: {pair['a'][0]}:{pair['a'][1]} ~ {pair['b'][0]}:{pair['b'][1]}"
                     f"{why}")
    return lines
