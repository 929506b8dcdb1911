"""``tawthiq evaluate linkage A B --truth-column id``: pairwise precision, recall and F1 of
victim-list linkage against an identifier column the linker never sees.

Only rows whose identifier is a 9-digit national id are scored (other ids in the Gaza lists,
such as "missing-20240501-24676", name no person across releases); a true pair is two such rows
with one id. Recall is also given on the true pairs whose names are written differently in the
two lists, the hard part of the job.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from pathlib import Path

from tawthiq.errors import BadInput
from tawthiq.outputs import check_output_path, write_output
from tawthiq.victims.linkage import Pair, link_lists
from tawthiq.victims.lists import VictimList, read_list

Echo = Callable[[str], None]
NATIONAL_ID = re.compile(r"^\d{9}$")


def truth(victim_list: VictimList, column: str) -> dict[int, str]:
    """Row number -> national id, for rows whose truth column holds a 9-digit id."""
    if victim_list.rows and column not in victim_list.rows[0].raw:
        raise BadInput(f"no truth column {column!r}", path=victim_list.path, line=1,
                       field="--truth-column")
    ids = {}
    for row in victim_list.rows:
        value = (row.raw.get(column) or "").strip()
        if NATIONAL_ID.match(value):
            ids[row.row] = value
    return ids


def true_pairs(a_ids: dict[int, str], b_ids: dict[int, str]) -> set[tuple[int, int]]:
    b_by_id: dict[str, list[int]] = {}
    for row, ident in b_ids.items():
        b_by_id.setdefault(ident, []).append(row)
    return {(a_row, b_row) for a_row, ident in a_ids.items() for b_row in b_by_id.get(ident, ())}


def score(links: list[Pair], a: VictimList, b: VictimList, column: str) -> dict:
    """Pairwise precision/recall/F1 on id-bearing rows, and recall on renamed people."""
    a_ids, b_ids = truth(a, column), truth(b, column)
    gold = true_pairs(a_ids, b_ids)
    found = {(p.a_row, p.b_row) for p in links if p.a_row in a_ids and p.b_row in b_ids}
    hits = gold & found
    precision = len(hits) / len(found) if found else 0.0
    recall = len(hits) / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    renamed = {pair for pair in gold if _name(a, pair[0]) != _name(b, pair[1])}
    renamed_recall = len(renamed & found) / len(renamed) if renamed else None
    return {"true_pairs": len(gold), "predicted_pairs": len(found), "correct": len(hits),
            "precision": round(precision, 5), "recall": round(recall, 5), "f1": round(f1, 5),
            "renamed_pairs": len(renamed),
            "renamed_recall": None if renamed_recall is None else round(renamed_recall, 5)}


def _name(victim_list: VictimList, row: int) -> str:
    record = victim_list.rows[row - 1]
    return record.name or record.en_name or ""


def evaluate_linkage(a_path: Path, b_path: Path, *, truth_column: str = "id",
                     columns: str | None = None, engine: str = "duckdb",
                     output: Path | None = None, errors: Path | None = None,
                     echo: Echo = print) -> dict:
    """Link A to B with the truth column hidden, then score the links against it."""
    output = check_output_path(output, "--output")
    errors = check_output_path(errors, "--errors")
    a = read_list(a_path, columns, hide=(truth_column,))
    b = read_list(b_path, columns, hide=(truth_column,))
    truth(a, truth_column), truth(b, truth_column)  # a missing truth column: before linking
    started = time.perf_counter()
    run = link_lists(a, b, engine=engine)
    seconds = time.perf_counter() - started
    result = {"a": str(a_path), "b": str(b_path), "engine": engine,
              "seconds": round(seconds, 1), **score(run.links(), a, b, truth_column)}
    echo(_table(result))
    if output:
        write_output(output, json.dumps(result, ensure_ascii=False, indent=2) + "\n",
                     "--output")
    if errors:
        write_output(errors, _errors_jsonl(run.links(), a, b, truth_column), "--errors")
    return result


def _table(result: dict) -> str:
    lines = [f"{result['a']} -> {result['b']} ({result['engine']}, {result['seconds']} s)",
             f"true pairs {result['true_pairs']}, predicted {result['predicted_pairs']}, "
             f"correct {result['correct']}",
             f"precision {result['precision']:.4f}  recall {result['recall']:.4f}  "
             f"F1 {result['f1']:.4f}"]
    if result["renamed_recall"] is not None:
        lines.append(f"recall on {result['renamed_pairs']} pairs whose names differ: "
                     f"{result['renamed_recall']:.4f}")
    return "\n".join(lines)


def _errors_jsonl(links: list[Pair], a: VictimList, b: VictimList, column: str) -> str:
    """Every false link and every missed true pair, with both names (for the analyst)."""
    a_ids, b_ids = truth(a, column), truth(b, column)
    gold = true_pairs(a_ids, b_ids)
    found = {(p.a_row, p.b_row): p for p in links if p.a_row in a_ids and p.b_row in b_ids}
    lines = []
    for (a_row, b_row), pair in sorted(found.items()):
        if (a_row, b_row) not in gold:
            lines.append({"kind": "false_link", "a_row": a_row, "b_row": b_row,
                          "probability": round(pair.probability, 4),
                          "a": a.rows[a_row - 1].raw, "b": b.rows[b_row - 1].raw})
    for a_row, b_row in sorted(gold - set(found)):
        lines.append({"kind": "missed", "a_row": a_row, "b_row": b_row,
                      "a": a.rows[a_row - 1].raw, "b": b.rows[b_row - 1].raw})
    return "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
