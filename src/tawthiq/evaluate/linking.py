"""``tawthiq evaluate linking GOLD DOCS``: how well reports of one incident end up together.

The documents are ingested into a fresh home (extraction, resolution, linking, as a user's
ingest does); each stored event report is then matched to one gold incident of its own
document (the same place within 25 km, the place's name, or the governorate, and the date),
and the gold items (document, incident key) are scored as a clustering: pairwise precision,
recall and F1 over item pairs of different documents (a pair is gold when both share a key,
predicted when both lie in one incident), and B-cubed. Aggregate tolls (``aggregate-...``
keys) are not place incidents and are left out. An event report matched to no gold incident
is an item of its own: every link it takes part in is a false one.
"""

from __future__ import annotations

import json
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable
from itertools import combinations
from pathlib import Path

from tawthiq.errors import BadInput
from tawthiq.evaluate import check_output_path, write_output
from tawthiq.geo.geometry import haversine_km
from tawthiq.geo.names import keys
from tawthiq.link.features import governorate_key
from tawthiq.model import Event

Echo = Callable[[str], None]
MATCH_KM = 25.0
TARGETS = {"pairwise_f1": 0.90, "pairwise_precision": 0.90}
Row = tuple[str, int, Event, int | None]   # document id, ordinal, event, incident id


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
            scored = [(match_score(event, i), i["key"]) for i in incidents]
            best = max(scored, default=(0.0, None))
            item = (doc, best[1]) if best[0] > 0 else (doc, f"unmatched:{ordinal}")
            truth.setdefault(item, None)
            predicted.setdefault(item, incident_id if incident_id is not None
                                 else ("alone", doc, ordinal))
    for item in truth:
        predicted.setdefault(item, ("missing",) + item)
    return truth, predicted


def score_linking(gold: list[dict], rows: Iterable[Row]) -> dict:
    truth, predicted = gold_items(gold, list(rows))
    items = sorted(truth, key=str)
    tp = fp = fn = 0
    pairs = []
    for a, b in combinations(items, 2):
        if a[0] == b[0]:
            continue
        same_gold = truth[a] is not None and truth[a] == truth[b]
        same_pred = predicted[a] == predicted[b]
        tp += same_gold and same_pred
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
        if same_gold or same_pred:
            pairs.append({"a": list(a), "b": list(b), "gold": same_gold, "linked": same_pred})
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    b_precision, b_recall = _b_cubed(items, truth, predicted)
    return {"items": len(items), "gold_pairs": tp + fn, "linked_pairs": tp + fp,
            "true_links": tp, "pairwise_precision": round(precision, 3),
            "pairwise_recall": round(recall, 3), "pairwise_f1": round(f1, 3),
            "bcubed_precision": round(b_precision, 3), "bcubed_recall": round(b_recall, 3),
            "bcubed_f1": round(2 * b_precision * b_recall / (b_precision + b_recall), 3)
            if b_precision + b_recall else 0.0,
            "pairs": pairs}


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
                     echo: Echo = print, home: Path | None = None) -> dict:
    """Ingest ``docs_path`` into a fresh home (or ``home``), then score the incidents."""
    output = check_output_path(output, "--output")
    gold = read_gold(gold_path)
    if not Path(docs_path).is_file():
        raise BadInput("no such file", path=str(docs_path))
    with tempfile.TemporaryDirectory(prefix="tawthiq-linking-") as tmp:
        rows = _ingest_and_read(Path(docs_path), home or Path(tmp))
    result = score_linking(gold, rows)
    for line in report_lines(result):
        echo(line)
    if output:
        write_output(output, json.dumps(result, indent=2) + "\n", "--output")
    return result


def _ingest_and_read(docs: Path, home: Path) -> list[Row]:
    """Ingest into ``home`` (its gazetteers: the current home's, which the fresh one shares
    by a link) and read back every live event report with its incident."""
    from tawthiq.pipeline import ingest_paths
    from tawthiq.settings import Settings, get_settings, use_settings
    from tawthiq.store import read, session_scope

    current = get_settings()
    home.mkdir(parents=True, exist_ok=True)
    for name in ("gazetteer.sqlite", "actors"):
        source, target = current.home / name, home / name
        if source.exists() and not target.exists():
            target.symlink_to(source)
    use_settings(Settings(home=home, data=current.data, extractor=current.extractor))
    try:
        ingest_paths([docs])
        with session_scope() as session:
            external = read.document_external_ids(session)
            return [(external[r.document_id], r.key[1], r.event, r.incident_id)
                    for r in read.live_event_reports(session)]
    finally:
        use_settings(current)


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
    misses = [p for p in result["pairs"] if p["gold"] != p["linked"]]
    for pair in misses:
        kind = "missed link" if pair["gold"] else "false link"
        lines.append(f"  {kind}: {pair['a'][0]}:{pair['a'][1]} ~ {pair['b'][0]}:{pair['b'][1]}")
    return lines
