"""Incident linking speed on synthetic event reports, beside the linker it replaced.

    .venv/bin/python benchmarks/bench_link.py [--reports 100000] [--old-reports 20000]

    .venv/bin/python benchmarks/bench_link.py --reports 100000 --old-reports 0 --no-store

Synthetic reports: incidents at random places of 14 governorates over 12 years, each told by
1-3 outlets with the usual disagreements (a day apart, tolls that differ, the governorate's
city instead of the village, a perpetrator missing, some undated). Prints: linking all of
them from scratch with the new linker (pure stage, in memory), then one more report into
that state, pairwise precision/recall against the synthetic truth, peak memory; one more
report into a SQLite store of them through the composition point (SQL blocking, linking,
writing); and the old
linker (``link/incidents.py`` at commit 854cc39, taken from git, ORM rows in SQLite) on
``--old-reports`` of the same reports, its rate scaled to the same count. Asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
import time
import types
from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from tawthiq.link.cluster import Linker
from tawthiq.model import (
    DateRange,
    Event,
    EventReport,
    Fatalities,
    Location,
    Perpetrator,
)

ROOT = Path(__file__).resolve().parents[1]
OLD_COMMIT = "854cc39"
GOVERNORATES = [("Aleppo", 36.2, 37.15), ("Idlib", 35.93, 36.63), ("Hama", 35.13, 36.75),
                ("Homs", 34.73, 36.71), ("Damascus", 33.51, 36.29),
                ("Rif Dimashq", 33.57, 36.4), ("Daraa", 32.62, 36.1),
                ("As-Suwayda", 32.7, 36.57), ("Quneitra", 33.12, 35.82),
                ("Latakia", 35.52, 35.79), ("Tartus", 34.89, 35.89),
                ("Raqqa", 35.95, 39.01), ("Deir ez-Zor", 35.33, 40.14), ("Al-Hasakah", 36.5, 40.75)]
MEANS = ["air strike", "shelling", "gunfire", "barrel bomb", "explosive device", "missile"]
ACTORS = [("Syrian Arab Army", "State forces", ["Syrian government (2000-2024)"]),
          ("Russian armed forces", "External/Other forces", []),
          ("Islamic State", "Rebel group", []),
          ("Turkish Armed Forces", "External/Other forces", []),
          ("Hay'at Tahrir al-Sham", "Rebel group", [])]
LETTERS = "abcdefghiklmnoprstuwyz"


def stream_reports(n: int, seed: int = 7) -> Iterator[tuple[EventReport, int]]:
    """(report, true incident) one at a time, the same every run: the harness holds no list
    of 100,000 models, so the peak memory printed is the linker's."""
    rng = random.Random(seed)
    vocabulary = ["".join(rng.choice(LETTERS) for _ in range(rng.randint(4, 9)))
                  for _ in range(5000)]
    common = vocabulary[:300]
    places = []
    for i in range(3000):
        name, lat, lon = rng.choice(GOVERNORATES)
        places.append((f"Village {i}", f"syn:{i}", name, lat + rng.uniform(-0.6, 0.6),
                       lon + rng.uniform(-0.6, 0.6)))
    made = 0
    incident = 0
    start_day = date(2012, 1, 1)
    while made < n:
        incident += 1
        place = rng.choice(places)
        day = start_day + timedelta(days=rng.randrange(12 * 365))
        toll = rng.choice([1, 2, 3, 4, 5, 7, 9, 12, 15, 20, 30, 45, 70])
        means = rng.choice(MEANS)
        actor = rng.choice(ACTORS)
        words = rng.sample(vocabulary, 8)
        for _ in range(rng.choice([1, 1, 1, 2, 2, 3])):
            if made >= n:
                break
            told = rng.sample(words, 5) + rng.sample(common, 10)
            yield _report(rng, made, place, day, toll, means, actor, told), incident
            made += 1


def _report(rng, index, place, day, toll, means, actor, words) -> EventReport:
    name, gid, admin1, lat, lon = place
    if rng.random() < 0.1:   # only the governorate named: placed at its city
        gov = next(g for g in GOVERNORATES if g[0] == admin1)
        location = Location(mention=admin1, name=admin1, gazetteer_id=f"gov:{admin1}",
                            latitude=gov[1], longitude=gov[2], admin1=admin1,
                            feature="locality")
    else:
        location = Location(mention=name, name=name, gazetteer_id=gid, latitude=lat,
                            longitude=lon, admin1=admin1, feature="locality")
    shift = timedelta(days=rng.choice([0, 0, 0, 1, -1]))
    dated = None if rng.random() < 0.08 else DateRange(start=day + shift, end=day + shift,
                                                      precision="day")
    figure = max(1, toll + rng.choice([0, 0, 0, 1, 2, -1, 3]))
    perpetrators = [] if rng.random() < 0.3 else [Perpetrator(
        name=actor[0], mention=actor[0], actor_type=actor[1], affiliation=actor[2])]
    event = Event(event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
                  means=[means], date=dated, location=location, perpetrators=perpetrators,
                  fatalities=Fatalities(low=figure, best=figure, high=figure),
                  summary=f"{means} in {name}")
    rng.shuffle(words)
    text = f"{means.capitalize()} in {name}: {' '.join(words)}, {figure} killed."
    return EventReport(id=index + 1, key=(index + 1, 0), document_id=index + 1,
                       sha256=f"{index:064x}", source=f"outlet {rng.randrange(40)}",
                       language="en", event=event, words=text)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def pairwise(assigned: list[int], truth: list[int]) -> tuple[float, float]:
    def pairs(labels):
        groups = Counter(labels)
        return sum(c * (c - 1) // 2 for c in groups.values())
    both = pairs(list(zip(assigned, truth, strict=True)))
    predicted, gold = pairs(assigned), pairs(truth)
    return (both / predicted if predicted else 1.0), (both / gold if gold else 1.0)


def run_new(n: int) -> tuple[dict, int]:
    """Link ``n`` - 1 streamed reports from scratch, then one more; prints and returns the
    incident of every report and the number of true incidents."""
    before = peak_mb()
    linker = Linker()
    truth: list[int] = []
    scratch = scratch_cpu = 0.0   # linking only: making the synthetic reports is not timed
    last = None
    for report, incident in stream_reports(n):
        truth.append(incident)
        if len(truth) == n:
            last = report
            break
        start, cpu = time.perf_counter(), time.process_time()
        linker.add(report)
        scratch += time.perf_counter() - start
        scratch_cpu += time.process_time() - cpu
    start = time.perf_counter()
    linker.add(last)
    one = time.perf_counter() - start
    assigned = list(linker.incident_of.values())
    precision, recall = pairwise(assigned, truth)
    print(f"new linker: {n - 1:,} reports from scratch {scratch:7.1f} s "
          f"({(n - 1) / scratch:,.0f}/s; CPU {scratch_cpu:.1f} s; target <= 60 s); "
          f"one more report "
          f"{one * 1000:.1f} ms (target <= 1 s)")
    print(f"            {len(set(assigned)):,} incidents for {len(set(truth)):,} true ones; "
          f"pairwise precision {precision:.3f}, recall {recall:.3f}; peak memory "
          f"{peak_mb():,.0f} MB (+{peak_mb() - before:,.0f} MB)")
    return dict(linker.incident_of), len(set(truth))


def run_store(reports: list[EventReport], incident_of: dict) -> None:
    """The store path of a new report: a SQLite store holding every report but the last two,
    linked as the run above linked them (bulk-written), then each of the last two linked
    through the composition point (``pipeline.link_stored_events``: blocking in SQL,
    the pure linker over the candidates, the incident rows written and consolidated)."""
    from sqlalchemy import insert

    from tawthiq.pipeline import link_stored_events
    from tawthiq.settings import Settings, use_settings
    from tawthiq.store import session_scope
    from tawthiq.store.tables import DocumentRow, EventRow, EvidenceRow, IncidentRow, PlaceRow

    with tempfile.TemporaryDirectory() as home:
        use_settings(Settings(home=Path(home)))
        start = time.perf_counter()
        with session_scope() as session:
            places, incidents = {}, {}
            for r in reports:
                loc = r.event.location
                places.setdefault(loc.gazetteer_id, dict(
                    id=len(places) + 1, gazetteer_id=loc.gazetteer_id, name=loc.name,
                    latitude=loc.latitude, longitude=loc.longitude, admin1=loc.admin1,
                    country_code="SY", feature=loc.feature))
            session.execute(insert(PlaceRow), list(places.values()))
            for r in reports[:-1]:
                incident = incident_of[tuple(r.key)]
                incidents.setdefault(incident, dict(id=len(incidents) + 1,
                                                    title=r.event.summary))
            session.execute(insert(IncidentRow), list(incidents.values()))
            session.execute(insert(DocumentRow), [dict(
                id=r.document_id, sha256=r.sha256, raw=b"", text=r.words, source=r.source,
                language="en") for r in reports])
            rows = [_event_row(r, places[r.event.location.gazetteer_id]["id"],
                               incidents[incident_of[tuple(r.key)]]["id"] if linked else None)
                    for r, linked in zip(reports, [True] * (len(reports) - 2) + [False, False],
                                         strict=True)]
            session.execute(insert(EventRow), rows)
            session.execute(insert(EvidenceRow), [dict(
                event_id=row["id"], field="fatalities", start=0,
                end=len(r.words)) for r, row in zip(reports, rows, strict=True)])
        written = time.perf_counter() - start
        times = []
        for row in rows[-2:]:   # the first loads the word frequencies and the settings
            start, cpu = time.perf_counter(), time.process_time()
            with session_scope() as session:
                link_stored_events(session, [row["id"]])
            times.append((time.perf_counter() - start, time.process_time() - cpu))
        use_settings(None)
    (cold, cold_cpu), (warm, warm_cpu) = times
    print(f"store path: {len(reports) - 2:,} linked reports written to SQLite in {written:.1f} s; "
          f"one more report linked into that store through the composition point "
          f"{cold * 1000:.0f} ms cold (CPU {cold_cpu * 1000:.0f} ms), the next {warm * 1000:.0f} "
          f"ms (CPU {warm_cpu * 1000:.0f} ms); target <= 1 s")


def _event_row(r: EventReport, place_id: int, incident_id: int | None) -> dict:
    event = r.event
    return dict(id=r.id, document_id=r.document_id, ordinal=0, revision=0,
                incident_id=incident_id,
                event_type=event.event_type, sub_event_type=event.sub_event_type,
                means=list(event.means), summary=event.summary,
                date_start=event.date.start if event.date else None,
                date_end=event.date.end if event.date else None,
                date_precision=event.date.precision if event.date else None,
                place_id=place_id,
                location=event.location.model_dump(mode="json"), victims={},
                fatalities_low=event.fatalities.low, fatalities_best=event.fatalities.best,
                fatalities_high=event.fatalities.high, reported_by=[],
                confidence=0.5, status="proposed")


def old_linker() -> types.ModuleType:
    source = subprocess.run(["git", "show", f"{OLD_COMMIT}:src/tawthiq/link/incidents.py"],
                            cwd=ROOT, check=True, capture_output=True, text=True).stdout
    module = types.ModuleType("old_incidents")
    exec(compile(source, "old_incidents.py", "exec"), module.__dict__)
    return module


def run_old(reports: list[EventReport]) -> float:
    from tawthiq.model import Document, ExtractResult
    from tawthiq.settings import Settings, use_settings
    from tawthiq.store import session_scope
    from tawthiq.store.repository import save_extract_result
    from tawthiq.store.tables import DocumentRow

    old = old_linker()
    with tempfile.TemporaryDirectory() as home:
        use_settings(Settings(home=Path(home)))
        rows = []
        with session_scope() as session:
            for r in reports:
                doc = DocumentRow(sha256=r.sha256, raw=b"", text=r.words, source=r.source)
                session.add(doc)
                session.flush()
                result = ExtractResult(document=Document(id=str(r.id), text=r.words,
                                                         sha256=r.sha256), events=[r.event])
                rows.extend(save_extract_result(session, doc, result))
            start = time.perf_counter()
            for row in rows:
                old.assign_incidents(session, [row])
            seconds = time.perf_counter() - start
        use_settings(None)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--old-reports", type=int, default=20_000)
    parser.add_argument("--no-store", dest="store", action="store_false",
                        help="skip the store path of one new report")
    args = parser.parse_args()
    print(f"{args.reports:,} synthetic event reports (streamed)")
    incident_of, _true = run_new(args.reports)
    if args.store:
        run_store([r for r, _t in stream_reports(args.reports)], incident_of)
    if args.old_reports:
        n = min(args.old_reports, args.reports)
        seconds = run_old([r for r, _t in stream_reports(n)])
        print(f"old linker: {n:,} reports {seconds:7.1f} s ({n / seconds:,.0f}/s); at that "
              f"rate {args.reports:,} reports take {seconds * args.reports / n:,.0f} s "
              f"(its cost per report grows with the store, so this is a floor)")


if __name__ == "__main__":
    sys.exit(main())
