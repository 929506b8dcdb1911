"""``tawthiq evaluate ucdp-places``: resolve UCDP GED place names and compare with UCDP's
coordinates. Rows with where_prec 1 (exact place) or 2 (within ~25 km) are scored; as issue #4
defines it, the name is ``where_coordinates`` without its trailing feature word ("village",
"town", "airbase", ...), with ``adm_1`` as the governorate hint and Syria as the country —
nothing else from the row reaches the geocoder (``adm_2`` is only compared afterwards).
"""

from __future__ import annotations

import csv
import json
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from tawthiq.errors import BadInput
from tawthiq.evaluate import check_output_path, write_output
from tawthiq.geo.geometry import haversine_km
from tawthiq.geo.service import admin_key, get_geocoder

Echo = Callable[[str], None]
REQUIRED = ("where_prec", "where_coordinates", "adm_1", "latitude", "longitude")
THRESHOLDS_KM = (5, 25)
SOURCE_SETS = {  # gazetteer sources whose records could answer a miss, from narrow to all
    "WOF only": frozenset({"wof"}),
    "WOF + OCHA": frozenset({"wof", "ocha", "syrian-archive"}),
    "all": None,
}
GRID_DEGREES = 0.05               # cells of the nearest-record search (about 5.5 km)
ALTERNATIVES = 10         # candidates looked at to tell "ranked lower" from "not found"
TOP_MISSED = 15
WORDS_SHOWN = 6           # feature words listed per blocking class (the kinds of place missed)


def read_ucdp_rows(path: Path) -> list[dict]:
    """Rows of a UCDP GED CSV with precision 1 or 2 and coordinates."""
    path = Path(path)
    if not path.exists():
        raise BadInput("no such file", path=str(path))
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
            if missing:
                raise BadInput(f"missing column(s): {', '.join(missing)}", path=str(path),
                               line=1)
            return [row for row in (_scored_row(path, reader.line_num, row) for row in reader)
                    if row is not None]
    except UnicodeDecodeError as exc:
        raise BadInput("not UTF-8 text", path=str(path),
                       line=_first_undecodable_line(path)) from exc
    except csv.Error as exc:
        raise BadInput(f"not a readable CSV: {exc}", path=str(path)) from exc


def _first_undecodable_line(path: Path) -> int | None:
    data = path.read_bytes()
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return data.count(b"\n", 0, exc.start) + 1
    return None


def _scored_row(path: Path, line: int, row: dict) -> dict | None:
    """The row with ``lat``/``lon`` when it is scored (precision 1-2, a place name); a short
    row or a coordinate that is not a number is bad input naming its line and field."""
    for column in REQUIRED:
        if row.get(column) is None:
            raise BadInput("the row has fewer fields than the header", path=str(path),
                           line=line, field=column)
    if row["where_prec"].strip() not in ("1", "2") or not row["where_coordinates"].strip():
        return None
    for column, key in (("latitude", "lat"), ("longitude", "lon")):
        try:
            row[key] = float(row[column])
        except ValueError as exc:
            raise BadInput(f"not a number: {row[column]!r}", path=str(path), line=line,
                           field=column) from exc
    return row


def evaluate_ucdp_places(path: Path, output: Path | None = None, echo: Echo = print,
                         misses: Path | None = None) -> dict:
    """Score every row; ``misses`` (a path) also gets every row missed at 5 km, one JSON
    object a line, with why it was missed."""
    output = check_output_path(output, "--output")
    misses = check_output_path(misses, "--misses")
    rows = read_ucdp_rows(path)
    geocoder = get_geocoder()
    started = time.perf_counter()
    scored = [_score_row(geocoder, row) for row in rows]
    seconds = time.perf_counter() - started
    missed = [s for s in scored if not s["within_5km"]]
    report = {"file": str(path), "rows": len(scored), "seconds": round(seconds, 2),
              "by_row": _summary(scored), "by_name": _summary(_unique_names(scored)),
              "miss_breakdown": miss_breakdown(missed),
              "no_record_within_5km": no_record_nearby(missed, geocoder.index.points("SY")),
              "not_readable_within_5km": not_readable_nearby(geocoder, missed),
              "blocking": blocking_classes(geocoder, scored, geocoder.index.points("SY")),
              "misses": missed[:200]}
    _print_table(report, echo)
    _print_misses(report["miss_breakdown"], echo)
    _print_coverage(report, echo)
    _print_blocking(report, echo)
    if output:
        write_output(output, json.dumps(report, ensure_ascii=False, indent=2), "--output")
    if misses:
        write_output(misses, "".join(json.dumps(item, ensure_ascii=False) + "\n"
                                     for item in missed), "--misses")
    return report


def no_record_nearby(missed: list[dict], points: list[tuple[str, float, float]]) -> dict:
    """Per source set (``SOURCE_SETS``): the missed rows, and distinct (name, governorate)
    pairs, with no gazetteer record of those sources within 5 km of UCDP's point: misses no
    ranking could fix, whatever the name, without more places."""
    out = {}
    for label, sources in SOURCE_SETS.items():
        grid: dict[tuple[int, int], list[tuple[float, float]]] = {}
        for source, lat, lon in points:
            if sources is None or source in sources:
                grid.setdefault(_cell(lat, lon), []).append((lat, lon))
        bare = [m for m in missed if not _any_within(grid, m["lat"], m["lon"], 5.0)]
        out[label] = {"rows": len(bare), "share_of_rows": round(len(bare) / (len(missed) or 1), 4),
                      "pairs": len(_unique_names(bare)),
                      "share_of_pairs": round(len(_unique_names(bare))
                                              / (len(_unique_names(missed)) or 1), 4)}
    return out


def not_readable_nearby(geocoder, missed: list[dict]) -> dict:
    """The missed rows, and distinct (name, governorate) pairs, whose name no gazetteer place
    within 5 km of UCDP's point can be read as (any reading, fuzzy included): the ceiling of
    ranking with the gazetteers imported."""
    verdict: dict[tuple, bool] = {}
    for m in missed:
        key = (m["name"], m["admin1"])
        if key not in verdict:
            verdict[key] = not any(
                c.row["lat"] is not None
                and haversine_km(m["lat"], m["lon"], c.row["lat"], c.row["lon"]) <= 5
                for c in geocoder.readings(m["name"], country="SY"))
    rows = [m for m in missed if verdict[(m["name"], m["admin1"])]]
    return {"rows": len(rows), "pairs": sum(verdict.values())}


BLOCKING = {  # what keeps a miss from being placed, the classes ranking can fix last
    "no_record": "no gazetteer record of any name within 5 km",
    "unreadable": "records within 5 km, but no place in the country readable as the name",
    "reading_5_10km": "the name's nearest reading 5-10 km from UCDP's point",
    "reading_10_25km": "the name's nearest reading 10-25 km away",
    "reading_beyond_25km": "the name's nearest reading over 25 km away",
    "site_word": "the metric takes off the site word; only the site lies within 5 km",
    "tie": "an exact tie between namesakes, one of them within 5 km",
    "ranked_lower": "a reading within 5 km ranked below another",
}
RANKING_CAN_FIX = ("site_word", "tie", "ranked_lower")


def blocking_classes(geocoder, scored: list[dict],
                     points: list[tuple[str, float, float]]) -> dict:
    """Every miss by what blocks it (``BLOCKING``), over rows and over (name, governorate)
    pairs counted by their first row as ``by_name`` scores them, the pairs of each class by
    the feature word UCDP wrote after the name (the kinds of place each class holds), and the
    ceiling if ranking fixed the last three classes: what a ranking rule can still move, and
    what needs places or points the gazetteers lack."""
    grid: dict[tuple[int, int], list[tuple[float, float]]] = {}
    for _, lat, lon in points:
        grid.setdefault(_cell(lat, lon), []).append((lat, lon))
    firsts = {id(item) for item in _unique_names(scored)}
    verdicts: dict[tuple, str] = {}
    rows, pairs = Counter(), Counter()
    words: dict[str, Counter] = {k: Counter() for k in BLOCKING}
    for item in scored:
        if item["within_5km"]:
            continue
        key = (item["name"], item["admin1"], item["lat"], item["lon"], item["feature_word"])
        if key not in verdicts:
            verdicts[key] = _blocking(geocoder, item, grid)
        rows[verdicts[key]] += 1
        pairs[verdicts[key]] += id(item) in firsts
        if id(item) in firsts:
            words[verdicts[key]][item["feature_word"] or "(none)"] += 1
    hits = sum(i["within_5km"] for i in scored)
    pair_hits = sum(i["within_5km"] for i in _unique_names(scored))
    return {"rows": {k: rows[k] for k in BLOCKING}, "pairs": {k: pairs[k] for k in BLOCKING},
            "pairs_by_word": {k: dict(words[k].most_common()) for k in BLOCKING},
            "ceiling_rows": hits + sum(rows[k] for k in RANKING_CAN_FIX),
            "ceiling_pairs": pair_hits + sum(pairs[k] for k in RANKING_CAN_FIX)}


def _blocking(geocoder, miss: dict, grid: dict) -> str:
    lat, lon = miss["lat"], miss["lon"]
    near = sorted((haversine_km(lat, lon, c.row["lat"], c.row["lon"]), n, c) for n, c in
                  enumerate(geocoder.readings(miss["name"], country="SY"))
                  if c.row["lat"] is not None)
    if near and near[0][0] <= 5:
        within = [c for km, _, c in near if km <= 5]
        if miss["feature_word"] and all(c.facts.landmark for c in within):
            return "site_word"
        ranked = geocoder.ranked(miss["name"], country="SY", admin1=miss["admin1"])
        tied = [c for c in ranked if c.total >= ranked[0].total and c.row["lat"] is not None]
        if len(tied) > 1 and any(haversine_km(lat, lon, c.row["lat"], c.row["lon"]) <= 5
                                 for c in tied):
            return "tie"
        return "ranked_lower"
    if not _any_within(grid, lat, lon, 5.0):
        return "no_record"
    if not near:
        return "unreadable"
    km = near[0][0]
    return "reading_5_10km" if km <= 10 else "reading_10_25km" if km <= 25 else \
        "reading_beyond_25km"


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return int(lat // GRID_DEGREES), int(lon // GRID_DEGREES)


def _any_within(grid: dict, lat: float, lon: float, km: float) -> bool:
    row, column = _cell(lat, lon)
    return any(haversine_km(lat, lon, a, b) <= km
               for dr in (-1, 0, 1) for dc in (-1, 0, 1)
               for a, b in grid.get((row + dr, column + dc), ()))


def miss_breakdown(missed: list[dict]) -> dict:
    """Rows missed at 5 km by cause ("not resolved"; "ranked lower": a candidate within 5 km
    was ranked below the answer; "elsewhere": no candidate within 5 km, so a spelling the
    matcher cannot read or a place the gazetteer lacks), by the feature word the name
    carries, and the names missed most often."""
    names = Counter((m["name"], m["admin1"], m["cause"]) for m in missed)
    return {"rows": len(missed),
            "by_cause": dict(Counter(m["cause"] for m in missed).most_common()),
            "by_feature_word": dict(Counter(m["feature_word"] or "(none)"
                                            for m in missed).most_common()),
            "top_names": [{"name": n, "admin1": a, "cause": c, "rows": k}
                          for (n, a, c), k in names.most_common(TOP_MISSED)]}


def without_trailing_feature_word(where: str) -> str:
    """"Teir Maaleh village" -> "Teir Maaleh"; "Tishreen Dam" -> "Tishreen";
    one trailing word of data/geo/feature_words.json, the rest as UCDP wrote it."""
    return _split_trailing(where)[0]


def _split_trailing(where: str) -> tuple[str, str | None]:
    from tawthiq.geo.service import trailing_feature_word_re

    text = " ".join(where.split()).strip(" ,.;:")
    match = trailing_feature_word_re().match(text)
    if not match:
        return text, None
    return match.group("core").strip(" ,"), match.group("word").lower()


def _score_row(geocoder, row: dict) -> dict:
    name, stripped = _split_trailing(row["where_coordinates"])
    result = geocoder.geocode(name, country="SY", admin1=row["adm_1"] or None,
                              limit=ALTERNATIVES)
    match = result.match
    distance = None
    if match is not None and match.latitude is not None:
        distance = haversine_km(row["lat"], row["lon"], match.latitude, match.longitude)
    lower = [a for a in result.alternatives if a.latitude is not None and
             haversine_km(row["lat"], row["lon"], a.latitude, a.longitude) <= 5]
    gold_admin2 = admin_key(row.get("adm_2") or None)
    got_admin2 = admin_key(match.admin2) if match and match.admin2 else None
    return {"name": name, "where": row["where_coordinates"], "admin1": row["adm_1"],
            "lat": row["lat"], "lon": row["lon"],
            "precision": int(row["where_prec"]),
            "resolved": match is not None, "match": match.name if match else None,
            "gazetteer_id": match.gazetteer_id if match else None,
            "distance_km": None if distance is None else round(distance, 2),
            "feature_word": stripped,  # the word the metric takes off the name
            "cause": _cause(match, distance, lower),
            "within_5km": distance is not None and distance <= 5,
            "within_25km": distance is not None and distance <= 25,
            "admin2_known": bool(gold_admin2 and got_admin2),
            "admin2_agrees": bool(gold_admin2 and got_admin2 and gold_admin2 == got_admin2)}


def _cause(match, distance: float | None, lower: list) -> str | None:
    if distance is not None and distance <= 5:
        return None
    if match is None:
        return "not resolved"
    return "ranked lower" if lower else "elsewhere"


def _unique_names(scored: list[dict]) -> list[dict]:
    seen: dict[tuple, dict] = {}
    for item in scored:
        seen.setdefault((item["name"], item["admin1"]), item)
    return list(seen.values())


def _summary(items: list[dict]) -> dict:
    n = len(items) or 1
    known = [i for i in items if i["admin2_known"]]
    out = {"count": len(items), "resolved": round(sum(i["resolved"] for i in items) / n, 4)}
    for km in THRESHOLDS_KM:
        out[f"within_{km}km"] = round(sum(i[f"within_{km}km"] for i in items) / n, 4)
    for precision in (1, 2):
        subset = [i for i in items if i["precision"] == precision]
        if subset:
            out[f"prec{precision}_within_5km"] = round(
                sum(i["within_5km"] for i in subset) / len(subset), 4)
    out["admin2_agreement"] = round(sum(i["admin2_agrees"] for i in known) / (len(known) or 1), 4)
    out["admin2_compared"] = len(known)
    return out


def _print_table(report: dict, echo: Echo) -> None:
    echo(f"UCDP GED place names: {report['file']} ({report['rows']} rows, where_prec 1-2, "
         f"{report['seconds']} s)")
    echo(f"{'':10} {'count':>6} {'resolved':>9} {'<=5 km':>8} {'<=25 km':>8} {'admin2':>8}")
    for label in ("by_row", "by_name"):
        s = report[label]
        echo(f"{label:10} {s['count']:>6} {s['resolved']:>9.3f} {s['within_5km']:>8.3f} "
             f"{s['within_25km']:>8.3f} {s['admin2_agreement']:>8.3f}")
    echo("(by_name: each distinct (name, governorate) pair once, scored by its first row)")


def _print_coverage(report: dict, echo: Echo) -> None:
    echo("misses with no gazetteer record at all within 5 km, by the sources imported:")
    for label, c in report["no_record_within_5km"].items():
        echo(f"  {label:11} {c['rows']:>5} rows ({c['share_of_rows']:.1%} of missed rows), "
             f"{c['pairs']:>4} names ({c['share_of_pairs']:.1%} of missed names)")
    ceiling = report["not_readable_within_5km"]
    rows, pairs = report["by_row"]["count"], report["by_name"]["count"]
    echo(f"misses whose name no place within 5 km can be read as (no ranking can fix them): "
         f"{ceiling['rows']} rows, {ceiling['pairs']} names; ceiling within 5 km "
         f"{1 - ceiling['rows'] / (rows or 1):.3f} rows, "
         f"{1 - ceiling['pairs'] / (pairs or 1):.3f} names")


def _print_blocking(report: dict, echo: Echo) -> None:
    blocking = report["blocking"]
    rows, pairs = report["by_row"]["count"] or 1, report["by_name"]["count"] or 1
    echo("misses by what blocks them (rows, pairs by their first row):")
    for key, label in BLOCKING.items():
        echo(f"  {blocking['rows'][key]:>5} {blocking['pairs'][key]:>5}  {label}")
        kinds = ", ".join(f"{word} {n}" for word, n in
                          list(blocking["pairs_by_word"][key].items())[:WORDS_SHOWN])
        if kinds:
            echo(f"               pairs by the word after the name: {kinds}")
    echo(f"ceiling with perfect ranking (the last three classes won): "
         f"{blocking['ceiling_rows'] / rows:.3f} rows, {blocking['ceiling_pairs'] / pairs:.3f} "
         f"pairs")


def _print_misses(breakdown: dict, echo: Echo) -> None:
    causes = ", ".join(f"{k} {v}" for k, v in breakdown["by_cause"].items())
    echo(f"misses at 5 km: {breakdown['rows']} rows ({causes})")
    words = ", ".join(f"{k} {v}" for k, v in list(breakdown["by_feature_word"].items())[:12])
    echo(f"  by feature word: {words}")
    for item in breakdown["top_names"]:
        echo(f"  {item['rows']:>4}  {item['name']} ({item['admin1']}): {item['cause']}")
