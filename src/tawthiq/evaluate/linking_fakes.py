"""``tawthiq evaluate linking-fakes FAKES.csv``: linking scored on report pairs derived from
FA-KES, where several outlets tell one event.

FA-KES gives each article's main event as crowd-annotated fields, with no event key. Two
articles of different outlets are taken as **one event** when their gold date, governorate
and cause of death agree and both give a civilian toll above 0 within a quarter of each
other; as **different events** when their governorates differ or their gold dates lie more
than a week apart (FA-KES mostly gives the article's own date, so outlets reporting one
event a day or two apart carry different dates); any other pair could be either and is
left out. The
articles are ingested into a fresh home (as ``evaluate linking`` does) and each article's
main event report (its first) stands for it: a pair is linked when both lie in one incident.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from datetime import datetime
from itertools import combinations
from pathlib import Path

from tawthiq.evaluate import check_output_path, csv_rows, write_output
from tawthiq.evaluate.linking import _fresh_home, _ingest_and_read

Echo = Callable[[str], None]
REQUIRED = ("unit_id", "article_title", "article_content", "source", "date", "location",
            "cause_of_death", "nb_civilians")
TOLL_RATIO = 1.25
APART_DAYS = 7


def read_articles(path: Path) -> list[dict]:
    with csv_rows(path, REQUIRED) as rows:
        return [row for _line, row in rows]


def _toll(row: dict) -> int:
    try:
        return int(float(row["nb_civilians"] or 0))
    except ValueError:
        return 0


def derived_pairs(rows: list[dict]) -> dict[tuple[str, str], bool]:
    """(article, article) -> one event or not, for the pairs the rules decide."""
    pairs: dict[tuple[str, str], bool] = {}
    for a, b in combinations(rows, 2):
        if a["source"].strip().lower() == b["source"].strip().lower():
            continue
        key = tuple(sorted((a["unit_id"], b["unit_id"])))
        if a["location"].lower() != b["location"].lower() or _days_apart(a, b) > APART_DAYS:
            pairs[key] = False
            continue
        if a["date"] != b["date"]:
            continue
        low, high = sorted((_toll(a), _toll(b)))
        if (a["cause_of_death"] == b["cause_of_death"] and low > 0
                and high <= TOLL_RATIO * low):
            pairs[key] = True
    return pairs


def _days_apart(a: dict, b: dict) -> int:
    """Days between two gold dates (M/D/YY); unreadable dates count as far apart."""
    try:
        first, second = (datetime.strptime(r["date"].strip(), "%m/%d/%y") for r in (a, b))
    except ValueError:
        return APART_DAYS + 1
    return abs((first - second).days)


def score_pairs(pairs: dict[tuple[str, str], bool], incident_of: dict[str, int | None]) -> dict:
    tp = fp = fn = 0
    wrong = []
    for (a, b), same in pairs.items():
        linked = incident_of.get(a) is not None and incident_of.get(a) == incident_of.get(b)
        tp += same and linked
        fp += linked and not same
        fn += same and not linked
        if linked != same:
            wrong.append({"a": a, "b": b, "same_event": same, "linked": linked})
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"pairs": len(pairs), "same_event_pairs": tp + fn, "linked_pairs": tp + fp,
            "true_links": tp, "pairwise_precision": round(precision, 3),
            "pairwise_recall": round(recall, 3), "pairwise_f1": round(f1, 3),
            "wrong": wrong}


def evaluate_linking_fakes(path: Path, *, output: Path | None = None, echo: Echo = print,
                           home: Path | None = None) -> dict:
    output = check_output_path(output, "--output")
    rows = read_articles(path)
    pairs = derived_pairs(rows)
    with (tempfile.TemporaryDirectory(prefix="tawthiq-fakes-linking-") as tmp,
          _fresh_home(home or Path(tmp) / "home")):
        docs = Path(tmp) / "docs.jsonl"
        docs.write_text("".join(json.dumps({
            "id": r["unit_id"], "text": f"{r['article_title']}. {r['article_content']}",
            "title": r["article_title"], "source": r["source"]}, ensure_ascii=False) + "\n"
            for r in rows), encoding="utf-8")
        reports, external = _ingest_and_read(docs)
    incident_of = {external[r.document_id]: r.incident_id for r in reports if r.key[1] == 0}
    result = score_pairs(pairs, incident_of)
    echo(f"{len(rows)} articles; {result['pairs']} derived pairs of different outlets "
         f"({result['same_event_pairs']} of one event); linked {result['linked_pairs']}, "
         f"true links {result['true_links']}")
    echo(f"pairwise precision {result['pairwise_precision']:.3f}, recall "
         f"{result['pairwise_recall']:.3f}, F1 {result['pairwise_f1']:.3f}")
    if output:
        write_output(output, json.dumps(result, indent=2) + "\n", "--output")
    return result
