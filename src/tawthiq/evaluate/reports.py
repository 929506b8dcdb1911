"""``tawthiq evaluate reports GOLD DOCS``: extract real reports and score them as the project
is judged (``report_scoring``: the rules of ``../shared/tools/score_reports.py``), with a
per-field listing of every miss (gold beside what was extracted, and the words behind it).

The figures are the scorer's JSON object, key for key; ``--errors`` writes one JSON line per
miss: ``{"doc", "kind", "field", "gold", "found", ...}``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tawthiq.errors import BadInput
from tawthiq.evaluate import check_output_path, write_output
from tawthiq.evaluate.report_scoring import (
    COLUMNS,
    NONE_WITHOUT_EVENTS,
    agg_numbers,
    best_event,
    date_exact,
    date_overlap,
    dist,
    ev_coords,
    ev_numbers,
    fat_check,
    gov_ok,
    incident_match,
    is_aggregate,
    km,
    loose_match,
    perp_match,
    victim_check,
)

Echo = Callable[[str], None]
Gold = dict[str, Any]
Event = dict[str, Any]
LEGEND = (
    "legend: Y pass, . miss, - not applicable. gov/5km/25km/d-ov/d-ex/perp/attr/f-ov/f-best/vict "
    "compare the gold\nmain incident with its best-matching event; ev0 = that event is "
    "events[0]; recall = gold place incidents\nfound; spur/ev = events matching no gold "
    "incident.\n")


@dataclass
class _DocScore:
    doc: str
    marks: dict[str, bool | None]
    recall: str
    spurious: str
    misses: list[str] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)


# ---------------------------------------------------------------- reading


def read_gold(path: Path) -> dict[str, list[Gold]]:
    """Gold lines ``{"id", "incidents"}``; a bad line is bad input naming it."""
    gold: dict[str, list[Gold]] = {}
    for number, line in _lines(path):
        try:
            row = json.loads(line)
            gold[row["id"]] = row["incidents"]
        except (ValueError, KeyError, TypeError) as exc:
            raise BadInput(f"not a gold line ({exc})", path=str(path), line=number) from exc
        if sum(1 for g in gold[row["id"]] if g.get("main")) != 1:
            raise BadInput("needs exactly one incident with \"main\": true", path=str(path),
                           line=number)
    return gold


def read_outputs(lines: Iterable[str]) -> tuple[dict[str, dict], list[str]]:
    """Extract output lines by document id, and the problems the scorer reports."""
    out: dict[str, dict] = {}
    problems: list[str] = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            o = json.loads(line)
        except ValueError as e:
            problems.append(f"line {n}: not JSON ({e})")
            continue
        did = (o.get("document") or {}).get("id") or o.get("id")
        if "error" in o:
            problems.append(f"doc {did}: error {o['error']}")
        problems.extend(f"doc {did}: missing {k}" for k in ("document", "events", "claims",
                                                             "mentions") if k not in o)
        out[did] = o
    return out, problems


def _lines(path: Path) -> Iterable[tuple[int, str]]:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInput(f"cannot read: {exc}", path=str(path)) from exc
    return [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip()]


# ---------------------------------------------------------------- one document


def score_document(did: str, incidents: list[Gold], events: list[Event],
                   texts: dict[str, str] | None = None) -> _DocScore:
    """The scorer's marks, recall and spurious counts for one document, with its misses
    (the scorer's lines) and per-field error records."""
    texts = texts or {}
    main = next(g for g in incidents if g["main"])
    marks, misses, errors = _main_marks(did, main, events, texts)
    non_agg = [g for g in incidents if not is_aggregate(g)]
    hit = 0
    for g in non_agg:
        if any(incident_match(g, ev) for ev in events):
            hit += 1
        else:
            misses.append(f"{did}: incident not found: {g['key']} ({g['place']})")
            errors.append({"doc": did, "kind": "incident not found", "key": g["key"],
                           "gold": _gold_view(g), "main": g["main"]})
    aggs = [g for g in incidents if is_aggregate(g)]
    spur = 0
    for i, ev in enumerate(events):
        explained = any(loose_match(g, ev) for g in non_agg)
        loc = ev.get("location") or {}
        agg_hit = [g for g in aggs if agg_numbers(g) & ev_numbers(ev)]
        if agg_hit and loc.get("feature") in ("locality", "neighbourhood"):
            toll = sorted(agg_numbers(agg_hit[0]))
            misses.append(f"{did}: ev[{i}] carries aggregate toll {toll} at local place "
                          f"{loc.get('mention')!r}")
            errors.append({"doc": did, "kind": "aggregate on local event", "event": i,
                           "key": agg_hit[0]["key"], "found": _event_view(ev, texts.get(did))})
        if not explained and not agg_hit:
            spur += 1
            dd = ev.get("date") or {}
            misses.append(f"{did}: spurious ev[{i}] {loc.get('mention')!r}->{loc.get('name')!r}/"
                          f"{loc.get('admin1')} {dd.get('start')} fat "
                          f"{(ev.get('fatalities') or {}).get('best')}")
            errors.append({"doc": did, "kind": "spurious event", "event": i,
                           "found": _event_view(ev, texts.get(did))})
    return _DocScore(did, marks, f"{hit}/{len(non_agg)}", f"{spur}/{len(events)}", misses,
                     errors)


def _main_marks(did: str, main: Gold, events: list[Event], texts: dict[str, str]
                ) -> tuple[dict[str, bool | None], list[str], list[dict]]:
    marks: dict[str, bool | None] = dict.fromkeys(COLUMNS)
    bi = best_event(main, events) if events else None
    if bi is None:
        for c in COLUMNS:
            marks[c] = None if c in NONE_WITHOUT_EVENTS else False
        marks["gov"] = False if main.get("governorate") else None
        marks["d-ov"] = False if (main.get("date_start") or main.get("date_end")) else None
        marks["d-ex"] = False if main.get("date_start") and main["date_start"] == main[
            "date_end"] else None
        if main["perpetrators"]:
            marks["perp"] = False
        if main.get("fatalities_low") is not None or main.get("fatalities_high") is not None:
            marks["f-ov"] = marks["f-best"] = False
        if main.get("victim_identity"):
            marks["vict"] = False
        error = {"doc": did, "kind": "no events", "key": main["key"], "gold": _gold_view(main)}
        return marks, [f"{did}: no events at all"], [error]
    ev = events[bi]
    marks["gov"] = gov_ok(main, ev)
    d = dist(main, ev)
    if main.get("lat") is not None:
        marks["5km"] = d is not None and d <= 5
        marks["25km"] = d is not None and d <= 25
    marks["d-ov"] = date_overlap(main, ev)
    marks["d-ex"] = date_exact(main, ev)
    if main["perpetrators"]:
        matched = [ep for ep in ev.get("perpetrators") or []
                   if any(perp_match(gp["as_written"], ep) for gp in main["perpetrators"])]
        marks["perp"] = bool(matched)
        marks["attr"] = any(ep.get("attributed_by") for ep in matched) if matched else False
    marks["f-ov"], marks["f-best"] = fat_check(main, ev)
    marks["vict"] = victim_check(main, ev)
    marks["ev0"] = bi == 0
    bad = [c for c in COLUMNS if marks[c] is False]
    if not bad:
        return marks, [], []
    loc = ev.get("location") or {}
    dd = ev.get("date") or {}
    f = ev.get("fatalities") or {}
    how_far = "no-dist" if d is None else f"{d:.1f}km"
    desc = (f"ev[{bi}] {loc.get('mention')!r}->{loc.get('name')!r}/{loc.get('admin1')} "
            f"{how_far} date {dd.get('start')}..{dd.get('end')} "
            f"fat {f.get('low')}/{f.get('best')}/{f.get('high')} "
            f"perps {[p.get('mention') or p.get('name') for p in ev.get('perpetrators') or []]} "
            f"vict {(ev.get('victims') or {}).get('identity')}")
    line = f"{did} [{main['key']}] misses {','.join(bad)}: {desc}"
    errors = [{"doc": did, "kind": "main incident", "field": c, "key": main["key"], "event": bi,
               "km": None if d is None else round(d, 1), "gold": _gold_field(main, c),
               "found": _found_field(ev, c, texts.get(did))} for c in bad]
    return marks, [line], errors


# ---------------------------------------------------------------- the error listing


def _gold_view(g: Gold) -> dict:
    return {k: g.get(k) for k in ("place", "governorate", "lat", "lon", "date_start", "date_end",
                                  "perpetrators", "fatalities_low", "fatalities_high",
                                  "victim_identity")}


def _gold_field(g: Gold, column: str) -> Any:
    if column in ("gov",):
        return [g.get("governorate"), *g.get("governorate_alt", [])]
    if column in ("5km", "25km", "ev0"):
        return {"place": g.get("place"), "lat": g.get("lat"), "lon": g.get("lon")}
    if column in ("d-ov", "d-ex"):
        return [g.get("date_start"), g.get("date_end")]
    if column in ("perp", "attr"):
        return g.get("perpetrators")
    if column in ("f-ov", "f-best"):
        return [g.get("fatalities_low"), g.get("fatalities_high")]
    return g.get("victim_identity")


def _found_field(ev: Event, column: str, text: str | None) -> Any:
    """What the event says for a column, with the report's words behind it."""
    evidence_field = {"gov": "location", "5km": "location", "25km": "location",
                      "ev0": "location", "d-ov": "date", "d-ex": "date", "perp": "perpetrators",
                      "attr": "perpetrators", "f-ov": "fatalities", "f-best": "fatalities",
                      "vict": "victims"}[column]
    value = {"location": ev.get("location"), "date": ev.get("date"),
             "perpetrators": ev.get("perpetrators"), "fatalities": ev.get("fatalities"),
             "victims": (ev.get("victims") or {}).get("identity")}[evidence_field]
    words = [text[e["start"]:e["end"]] for e in ev.get("evidence") or []
             if e.get("field") == evidence_field and text] if text else []
    return {"value": value, "words": words[:6]}


def _event_view(ev: Event, text: str | None) -> dict:
    loc = ev.get("location") or {}
    words = [text[e["start"]:e["end"]] for e in ev.get("evidence") or []
             if e.get("field") == "location"] if text else []
    return {"place": loc.get("mention"), "name": loc.get("name"), "admin1": loc.get("admin1"),
            "feature": loc.get("feature"), "date": ev.get("date"),
            "fatalities": ev.get("fatalities"), "words": words[:3]}


# ---------------------------------------------------------------- all documents


def score(gold: dict[str, list[Gold]], outputs: dict[str, dict], problems: list[str],
          gold_name: str = "", output_name: str = "", verbose: bool = False,
          texts: dict[str, str] | None = None) -> tuple[dict, list[dict]]:
    """The scorer's figures (its ``--json`` object, key for key) and the error records."""
    tot = {c: [0, 0] for c in COLUMNS}
    rec_hit = rec_all = spur_all = ev_all = agg_local = 0
    misses: list[str] = []
    errors: list[dict] = []
    per_doc: list[dict] = []
    events_of: dict[str, list[Event]] = {}
    for did in sorted(gold):
        events = (outputs.get(did) or {}).get("events") or []
        events_of[did] = events
        result = score_document(did, gold[did], events, texts)
        for c in COLUMNS:
            if result.marks[c] is not None:
                tot[c][1] += 1
                tot[c][0] += 1 if result.marks[c] else 0
        hit, n = (int(x) for x in result.recall.split("/"))
        rec_hit, rec_all = rec_hit + hit, rec_all + n
        spur, n_events = (int(x) for x in result.spurious.split("/"))
        spur_all, ev_all = spur_all + spur, ev_all + n_events
        agg_local += sum(1 for e in result.errors if e["kind"] == "aggregate on local event")
        misses.extend(result.misses)
        errors.extend(result.errors)
        per_doc.append({"doc": did, **result.marks, "recall": result.recall,
                        "spurious": result.spurious})
    linking = linking_readiness(gold, events_of)
    figures = {
        "gold": gold_name, "output": output_name, "docs": len(gold),
        "main_incident": {c: {"pass": tot[c][0], "applicable": tot[c][1],
                              "pct": round(100 * tot[c][0] / tot[c][1], 1) if tot[c][1] else None}
                          for c in COLUMNS},
        "per_doc": per_doc,
        "incident_recall": {"found": rec_hit, "gold": rec_all,
                            "pct": round(100 * rec_hit / max(rec_all, 1), 1)},
        "spurious_events": {"spurious": spur_all, "events": ev_all},
        "aggregate_on_local_event": agg_local,
        "linking": linking,
        "output_problems": problems,
        "missing_docs": sorted(set(gold) - set(outputs)),
        "misses": [m for m in misses if verbose or "spurious" not in m],
    }
    return figures, errors


def linking_readiness(gold: dict[str, list[Gold]], events_of: dict[str, list[Event]]) -> dict:
    """Pairs of documents sharing a gold key whose events lie within 5 km and overlap in date:
    strict (each document's event matching the incident), lenient (its best-scoring event)."""
    keys: dict[str, list[tuple[str, Gold]]] = {}
    for did, incidents in gold.items():
        for g in incidents:
            if not is_aggregate(g):
                keys.setdefault(g["key"], []).append((did, g))
    tot_s = tot_l = all_pairs = 0
    rows = []
    for key, members in sorted(keys.items()):
        if len(members) < 2:
            continue
        strict, lenient = [], []
        for did, g in members:
            events = events_of.get(did) or []
            cands = [i for i, ev in enumerate(events) if incident_match(g, ev)] or \
                [i for i, ev in enumerate(events) if loose_match(g, ev)]
            strict.append(events[cands[0]] if cands else None)
            bi = best_event(g, events) if events else None
            lenient.append(events[bi] if bi is not None else None)
        ok_s = ok_l = n = 0
        detail = []
        for a in range(len(members)):
            for b in range(a + 1, len(members)):
                n += 1
                s_ok, why = _agree(strict[a], strict[b])
                l_ok, lwhy = _agree(lenient[a], lenient[b])
                ok_s += s_ok
                ok_l += l_ok
                if not s_ok:
                    detail.append(f"{members[a][0]}~{members[b][0]}: {why}"
                                  + ("" if l_ok else f" / lenient: {lwhy}"))
        tot_s, tot_l, all_pairs = tot_s + ok_s, tot_l + ok_l, all_pairs + n
        rows.append({"key": key, "docs": [d for d, _ in members], "pairs": n, "strict": ok_s,
                     "lenient": ok_l, "detail": detail})
    return {"strict": tot_s, "lenient": tot_l, "pairs": all_pairs, "keys": rows}


def _agree(ea: Event | None, eb: Event | None) -> tuple[bool, str]:
    if not (ea and eb):
        return False, "no event"
    ca, cb = ev_coords(ea), ev_coords(eb)
    da, db = ea.get("date") or {}, eb.get("date") or {}
    near = ca is not None and cb is not None and km(*ca, *cb) <= 5
    dov = bool(da.get("start") and db.get("start")) and da["start"] <= (
        db.get("end") or db["start"]) and (da.get("end") or da["start"]) >= db["start"]
    return near and dov, (("" if near else "place ") + ("" if dov else "date")).strip()


# ---------------------------------------------------------------- the text report


def report_text(figures: dict, verbose: bool = False) -> str:
    """The scorer's text report for these figures."""
    lines = [f"gold: {figures['gold']}\noutput: {figures['output']}\n", LEGEND]
    header = "doc  " + " ".join(f"{c:>6}" for c in COLUMNS) + "  recall  spur/ev"
    lines += [header, "-" * len(header)]
    for row in figures["per_doc"]:
        lines.append(f"{row['doc']:<4} " + " ".join(f"{_mark(row[c]):>6}" for c in COLUMNS)
                     + f"  {row['recall']:>6}  {row['spurious']:>7}")
    lines.append("-" * len(header))
    main = figures["main_incident"]
    lines.append("tot  " + " ".join(f"{main[c]['pass']:>3}/{main[c]['applicable']:<2}"
                                     for c in COLUMNS))
    lines.append("pct  " + " ".join(
        f"{(100 * main[c]['pass'] / main[c]['applicable'] if main[c]['applicable'] else 0):>5.0f}%"
        for c in COLUMNS))
    recall, spurious = figures["incident_recall"], figures["spurious_events"]
    lines.append(f"\nincident recall: {recall['found']}/{recall['gold']} = "
                 f"{100 * recall['found'] / max(recall['gold'], 1):.0f}%")
    lines.append(f"spurious events: {spurious['spurious']}/{spurious['events']} events match "
                 "no gold incident")
    lines.append(f"aggregate tolls put on a local event: {figures['aggregate_on_local_event']}")
    lines.append("\ncross-report linking readiness (gold keys in >=2 docs), pairwise <=5 km and "
                 "date overlap.\nstrict: each doc's event must match the gold incident (recall "
                 "rule, else place-only);\nlenient: each doc's best-scoring event, even if "
                 "misplaced (would a linker join them at all?)")
    linking = figures["linking"]
    for row in linking["keys"]:
        detail = f"  ({'; '.join(row['detail'])})" if row["detail"] else ""
        lines.append(f"  {row['key']:<30} docs {','.join(row['docs']):<18} strict "
                     f"{row['strict']}/{row['pairs']} lenient {row['lenient']}/{row['pairs']}"
                     + detail)
    lines.append(f"  total pairs: strict {linking['strict']}/{linking['pairs']}, lenient "
                 f"{linking['lenient']}/{linking['pairs']}")
    if figures["output_problems"]:
        lines.append("\noutput problems:")
        lines += ["  " + p for p in figures["output_problems"]]
    if figures["missing_docs"]:
        lines.append("\nno output line for docs: " + ", ".join(figures["missing_docs"]))
    lines.append("\nper-doc misses:")
    lines += ["  " + m for m in figures["misses"]]
    if not verbose:
        lines.append("  (spurious-event lines: run with --verbose)")
    return "\n".join(lines)


def _mark(value: bool | None) -> str:
    return "-" if value is None else ("Y" if value else ".")


# ---------------------------------------------------------------- the command


def evaluate_reports(gold_path: Path, docs_path: Path, *, output: Path | None = None,
                     errors: Path | None = None, extracted: Path | None = None,
                     verbose: bool = False, echo: Echo = print) -> dict:
    """Extract DOCS (``tawthiq extract --input`` lines), score against GOLD, print the
    scorer's report; ``output``: the figures as JSON; ``errors``: one JSON line per miss;
    ``extracted``: the extract output lines themselves."""
    for path, option in ((output, "--output"), (errors, "--errors"), (extracted, "--extracted")):
        check_output_path(path, option)
    gold = read_gold(gold_path)
    from tawthiq.pipeline import extract_paths  # what `tawthiq extract` runs

    lines = [json.dumps(row, ensure_ascii=False) for row in extract_paths([Path(docs_path)])]
    texts = _texts(docs_path)
    outputs, problems = read_outputs(lines)
    figures, records = score(gold, outputs, problems, str(gold_path), str(docs_path), verbose,
                             texts)
    echo(report_text(figures, verbose))
    if output is not None:
        write_output(output, json.dumps(figures, indent=1, ensure_ascii=False) + "\n", "--output")
    if errors is not None:
        write_output(errors, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                     "--errors")
    if extracted is not None:
        write_output(extracted, "".join(line + "\n" for line in lines), "--extracted")
    return figures


def _texts(docs_path: Path) -> dict[str, str]:
    """Document texts by id (for the words behind each miss); unreadable lines are skipped
    here, the extractor reports them."""
    texts = {}
    for _, line in _lines(docs_path):
        try:
            row = json.loads(line)
            texts[str(row["id"])] = row["text"]
        except (ValueError, KeyError, TypeError):
            continue
    return texts
