"""``tawthiq evaluate link-weights UCDP.csv``: u-probabilities of the linking settings from
data instead of judgement.

A level's u is the share of pairs of *different* incidents that reach it among the pairs
linking compares (those blocking finds). UCDP GED events are coded once each (UCDP merges
the reports of one event), so every pair of them is a pair of different incidents: each
event is turned into an ``EventReport`` (place from ``where_coordinates`` and ``adm_1``/
``adm_2`` with UCDP's point, date with its precision, toll low/best/high, ``side_a`` as the
perpetrator and its family), the events are fed to the linker's blocking in date order, and
the levels of every candidate pair are counted. Comparisons UCDP cannot tell (event type
and means: UCDP has no ACLED types; named victims; words: a headline is not a report) keep
their settings. The output is the settings file with the counted u values put in, each
level's ``u_source`` saying so.
"""

from __future__ import annotations

import copy
import json
import re
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

from tawthiq.errors import BadInput
from tawthiq.evaluate import check_output_path, csv_rows, write_output
from tawthiq.link import compare
from tawthiq.link.cluster import Linker
from tawthiq.link.features import features_of
from tawthiq.link.settings import default_settings, parse_settings
from tawthiq.model import DateRange, Event, EventReport, Fatalities, Location, Perpetrator

Echo = Callable[[str], None]
COUNTED = ("place", "date", "fatalities", "perpetrators")
PRECISION = {"1": "day", "2": "days", "3": "week", "4": "month", "5": "year"}
FEATURE = {"1": "locality", "2": "locality", "3": "district", "4": "region"}
TRAILING = re.compile(r"\s+(town|village|city|area|district|governorate|province|"
                      r"neighbourhood|neighborhood|camp|airbase|airport|region)$", re.I)
REQUIRED = ("id", "where_prec", "where_coordinates", "adm_1", "latitude", "longitude",
            "date_start", "date_end", "date_prec", "side_a", "low", "best", "high")
MIN_COUNT = 1   # a level no pair reached keeps u = 1 / (pairs + 1), never 0


def ucdp_reports(path: Path) -> Iterator[EventReport]:
    """One ``EventReport`` per UCDP GED row, in the file's order."""
    with csv_rows(path, REQUIRED) as rows:
        for line, row in rows:
            try:
                yield _report(row, line)
            except (ValueError, KeyError) as exc:
                raise BadInput(f"unreadable row ({exc})", path=str(path), line=line) from None


def _report(row: dict, line: int) -> EventReport:
    name = TRAILING.sub("", row["where_coordinates"].strip()) or row["where_coordinates"]
    location = Location(
        mention=row["where_coordinates"], name=name, latitude=float(row["latitude"]),
        longitude=float(row["longitude"]), country_code="SY",
        admin1=row["adm_1"].replace(" Governorate", "").strip() or None,
        admin2=(row.get("adm_2") or "").replace(" district", "").strip() or None,
        feature=FEATURE.get(row["where_prec"], "country"))
    side = row["side_a"].strip()
    state = side.startswith("Government of")
    event = Event(
        event_type="Battles" if row.get("type_of_violence") != "3" else
        "Violence against civilians",
        sub_event_type="Armed clash" if row.get("type_of_violence") != "3" else "Attack",
        date=DateRange(start=date.fromisoformat(row["date_start"][:10]),
                       end=date.fromisoformat(row["date_end"][:10]),
                       precision=PRECISION.get(row["date_prec"], "year")),
        location=location,
        perpetrators=[Perpetrator(name=side, mention=side, affiliation=[side],
                                  actor_type="State forces" if state else "Rebel group")],
        fatalities=Fatalities(low=int(row["low"]), best=int(row["best"]),
                              high=int(row["high"])))
    return EventReport(id=line, key=(line, 0), sha256=row["id"], event=event)


def count_levels(reports: list[EventReport]) -> tuple[int, dict[str, Counter]]:
    """(pairs compared, level counts per comparison) over every pair blocking finds."""
    linker = Linker()
    settings = linker.settings
    counts: dict[str, Counter] = {name: Counter() for name in COUNTED}
    pairs = 0
    for incident, report in enumerate(sorted(reports, key=_day)):
        features = features_of(report, tuple(report.key))
        for key in linker._candidates(features):   # noqa: SLF001 - blocking, as linking does
            other = linker.features[key]
            pairs += 1
            counts["place"][compare.compare_place(features, other)[0]] += 1
            counts["date"][compare.compare_date(features, other,
                                                settings.date_window_days)[0]] += 1
            counts["fatalities"][compare.compare_fatalities(features, other)[0]] += 1
            counts["perpetrators"][compare.compare_perpetrators(features, other)[0]] += 1
        linker.seed(report.model_copy(update={"incident_id": incident}))
    return pairs, counts


def _day(report: EventReport) -> date:
    return report.event.date.start if report.event.date else date.min


def estimated_settings(raw: dict, pairs: int, counts: dict[str, Counter],
                       source: str) -> dict:
    """``raw`` settings with each counted comparison's u values from ``counts`` (shares of
    the non-null pairs)."""
    out = copy.deepcopy(raw)
    for comparison in out["comparisons"]:
        name = comparison["output_column_name"]
        if name not in counts:
            continue
        seen = counts[name]
        total = sum(n for label, n in seen.items() if label != compare.NULL)
        for level in comparison["comparison_levels"]:
            if level.get("is_null_level"):
                continue
            n = seen.get(level["label_for_charts"], 0)
            level["u_probability"] = round(max(n, MIN_COUNT) / (total + 1), 6)
            level["u_source"] = (f"{n} of {total} non-null blocked pairs of {source} "
                                 f"({pairs} pairs compared)")
    parse_settings(out)   # the result must be valid settings
    return out


def evaluate_link_weights(path: Path, *, output: Path | None = None,
                          echo: Echo = print) -> dict:
    output = check_output_path(output, "--output")
    reports = list(ucdp_reports(path))
    pairs, counts = count_levels(reports)
    settings = estimated_settings(default_settings().raw, pairs, counts,
                                  f"{len(reports)} UCDP GED events ({Path(path).name})")
    echo(f"{len(reports)} events, {pairs} blocked pairs (all of different incidents)")
    for comparison in settings["comparisons"]:
        if comparison["output_column_name"] not in counts:
            continue
        echo(comparison["output_column_name"])
        for level in comparison["comparison_levels"]:
            if not level.get("is_null_level"):
                echo(f"  {level['label_for_charts']:<28} u {level['u_probability']:.4f}  "
                     f"m {level['m_probability']}")
    if output:
        write_output(output, json.dumps(settings, indent=2, ensure_ascii=False) + "\n",
                     "--output")
    return settings
