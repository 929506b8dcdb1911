"""``tawthiq evaluate ucdp-places``: resolve UCDP GED place names and compare with UCDP's
coordinates. Rows with where_prec 1 (exact place) or 2 (within ~25 km) are scored; the name is
``where_coordinates`` (its trailing feature word, e.g. "village", is handled by the geocoder)
with ``adm_1`` as the region hint, ``adm_2`` as the district hint and Syria as the country.
"""

from __future__ import annotations

import csv
import json
import time
from collections.abc import Callable
from pathlib import Path

from tawthiq.errors import BadInput
from tawthiq.geo.geometry import haversine_km
from tawthiq.geo.service import admin_key, get_geocoder

Echo = Callable[[str], None]
REQUIRED = ("where_prec", "where_coordinates", "adm_1", "latitude", "longitude")
THRESHOLDS_KM = (5, 25)


def read_ucdp_rows(path: Path) -> list[dict]:
    """Rows of a UCDP GED CSV with precision 1 or 2 and coordinates."""
    path = Path(path)
    if not path.exists():
        raise BadInput("no such file", path=str(path))
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
        if missing:
            raise BadInput(f"missing column(s): {', '.join(missing)}", path=str(path))
        rows = []
        for row in reader:
            if row["where_prec"].strip() not in ("1", "2") or not row["where_coordinates"].strip():
                continue
            try:
                row["lat"], row["lon"] = float(row["latitude"]), float(row["longitude"])
            except ValueError:
                continue
            rows.append(row)
    return rows


def evaluate_ucdp_places(path: Path, output: Path | None = None, echo: Echo = print) -> dict:
    rows = read_ucdp_rows(path)
    geocoder = get_geocoder()
    started = time.perf_counter()
    scored = [_score_row(geocoder, row) for row in rows]
    seconds = time.perf_counter() - started
    report = {"file": str(path), "rows": len(scored), "seconds": round(seconds, 2),
              "by_row": _summary(scored), "by_name": _summary(_unique_names(scored)),
              "misses": [s for s in scored if not s["within_5km"]][:200]}
    _print_table(report, echo)
    if output:
        Path(output).write_text(json.dumps(report, ensure_ascii=False, indent=2), "utf-8")
    return report


def _score_row(geocoder, row: dict) -> dict:
    name = row["where_coordinates"].strip()
    result = geocoder.geocode(name, country="SY", admin1=row["adm_1"] or None,
                              admin2=row.get("adm_2") or None)
    match = result.match
    distance = None
    if match is not None and match.latitude is not None:
        distance = haversine_km(row["lat"], row["lon"], match.latitude, match.longitude)
    gold_admin2 = admin_key(row.get("adm_2") or None)
    got_admin2 = admin_key(match.admin2) if match and match.admin2 else None
    return {"name": name, "admin1": row["adm_1"], "precision": int(row["where_prec"]),
            "resolved": match is not None, "match": match.name if match else None,
            "gazetteer_id": match.gazetteer_id if match else None,
            "distance_km": None if distance is None else round(distance, 2),
            "within_5km": distance is not None and distance <= 5,
            "within_25km": distance is not None and distance <= 25,
            "admin2_known": bool(gold_admin2 and got_admin2),
            "admin2_agrees": bool(gold_admin2 and got_admin2 and gold_admin2 == got_admin2)}


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
