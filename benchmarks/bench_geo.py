"""Geo benchmark: gazetteer import time, names resolved per second, toponym finding per document.

    .venv/bin/python benchmarks/bench_geo.py [--home DIR] [--repeat N] [--with-ocha]

Uses the shared data (TAWTHIQ_DATA): the Who's On First Syria archive, the UCDP GED dev names
(with their governorate as hint, Syria as country) and the gold toponyms of the geoparsing
corpora (no hint, worldwide index). With ``--with-ocha`` the Syrian Archive's community list is
imported too (its import timed, first and again) and the UCDP rates are those of the merged
gazetteer; without it they compare with earlier runs on WOF alone. The worldwide index is
built on first use (about a minute, once).

Rates, each the best of --repeat runs (the machine may be shared):

* distinct names: every (name, hints) once. Before each run the per-name caches are emptied
  (results, name keys, word skeletons and spelling-bridge keys, feature-word splits, and the
  worldwide place rows met by earlier names, with their ranking facts), so every name is
  resolved from scratch;
  the gazetteer indexes stay loaded (the imported gazetteer's names and places in memory,
  with the ranking facts of the places met and their contract fields, the fuzzy
  blocks), as in any long batch.
* with repeats: every UCDP row, as a batch of real data repeats its places.
* cold: the first batch of a fresh geocoder, index loading included.

Each rate is printed for the batch API (``Geocoder.geocode_many``) and, side by side, for a
loop calling ``Geocoder.geocode`` once per name; per second of wall-clock time and per second of
CPU time of this process (the steadier figure when other programs share the cores). The peak
resident memory of the process is printed last.
"""

from __future__ import annotations

import argparse
import csv
import resource
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tawthiq.evaluate.geoparsing import read_corpus
from tawthiq.geo import names
from tawthiq.geo.features import direction_of, split_feature_word
from tawthiq.geo.geocoder import Geocoder
from tawthiq.geo.importer import import_gazetteer
from tawthiq.geo.routes import route_ends
from tawthiq.geo.world import ensure_world
from tawthiq.settings import Settings, get_settings, use_settings

SENTENCES = [
    "Government helicopters dropped barrel bombs on Kafr Nabl in the southern Idlib countryside,"
    " killing five civilians, a monitoring group said.",
    "Shelling hit the al-Waer neighbourhood of Homs on Tuesday; a man from Aleppo, now living in"
    " Turkey, said talks in Geneva had stalled.",
    "Warplanes struck Maarat al-Numaan, Saraqib and Khan Shaykhun in Idlib province, while clashes"
    " went on near Teir Maaleh in rural Homs.",
]
CORPORA = ("GWN.xml", "lgl.xml", "TR-News.xml")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--home", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=3, help="runs per rate; the best counts")
    parser.add_argument("--with-ocha", action="store_true",
                        help="also import the Syrian Archive's OCHA community list")
    args = parser.parse_args()
    home = args.home or Path(tempfile.mkdtemp(prefix="tawthiq-bench-geo-"))
    data = get_settings().data
    use_settings(Settings(home=home))
    archive = data / "gazetteer" / "wof-sy" / "whosonfirst-data-admin-sy-2db0f03.tar.gz"

    for label in ("first", "again"):
        started = time.perf_counter()
        summary = import_gazetteer(archive)
        print(f"import WOF Syria ({label}): {time.perf_counter() - started:6.1f} s   {summary}")
    gazetteers = "WOF Syria"
    if args.with_ocha:
        communities = data / "gazetteer" / "syrian-archive-locations" / "locations.json"
        for label in ("first", "again"):
            started = time.perf_counter()
            summary = import_gazetteer(communities)
            print(f"import Syrian Archive ({label}): {time.perf_counter() - started:6.1f} s   "
                  f"{summary}")
        gazetteers += " + Syrian Archive"
    started = time.perf_counter()
    world = ensure_world(home)
    print(f"worldwide index ready:     {time.perf_counter() - started:6.1f} s")

    rows = _ucdp_requests(data / "ucdp-ged-syria" / "dev.csv")
    distinct = list({_key(r): r for r in rows}.values())
    print(f"\nUCDP GED dev names ({gazetteers} imported): {len(distinct)} distinct, "
          f"{len(rows)} rows")
    geocoder = Geocoder(home / "gazetteer.sqlite", world)
    _cold(geocoder, distinct)
    _rates(geocoder, "distinct names", distinct, args.repeat, world_only=False)
    _rates(geocoder, "with repeats", rows, args.repeat, world_only=False)

    gold = _gold_toponyms(data / "geoparsing")
    print(f"\nGeoparsing gold toponyms (worldwide index, no hints): {len(gold)} distinct")
    world_geocoder = Geocoder(None, world)
    _cold(world_geocoder, gold)
    _rates(world_geocoder, "distinct names", gold, args.repeat, world_only=True)

    docs = SENTENCES * 50
    started = time.perf_counter()
    found = sum(len(geocoder.find_toponyms(text)) for text in docs)
    seconds = time.perf_counter() - started
    print(f"\nfind_toponyms (no spaCy):  {1000 * seconds / len(docs):6.2f} ms/document "
          f"({found} toponyms in {len(docs)} documents)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
    print(f"peak resident memory:      {peak:6.0f} MB")


def _ucdp_requests(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [{"name": r["where_coordinates"], "country": "SY", "admin1": r["adm_1"]}
                for r in csv.DictReader(handle)
                if r["where_prec"] in ("1", "2") and r["where_coordinates"]]


def _gold_toponyms(folder: Path) -> list[dict]:
    texts = [t.text for name in CORPORA for a in read_corpus(folder / name) for t in a.toponyms]
    return [{"name": text} for text in dict.fromkeys(texts)]


def _key(request: dict) -> tuple:
    return request["name"], request.get("country"), request.get("admin1")


def _forget_names(geocoder: Geocoder, world_only: bool) -> None:
    """Empty every cache a name fills, keep the gazetteer indexes loaded."""
    # worldwide place rows are read per name (imported ones are preloaded)
    geocoder.forget_names(place_rows=world_only)
    names.keys.cache_clear()
    names.latin_word_skeleton.cache_clear()
    names.bridge.cache_clear()
    names.bridge_word.cache_clear()
    split_feature_word.cache_clear()
    direction_of.cache_clear()
    route_ends.cache_clear()


def _batch(geocoder: Geocoder, requests: list[dict]) -> list:
    return geocoder.geocode_many(requests)


def _loop(geocoder: Geocoder, requests: list[dict]) -> list:
    """One name at a time, the results kept (as a caller would keep them)."""
    return [geocoder.geocode(r["name"], country=r.get("country"), admin1=r.get("admin1"))
            for r in requests]


def _cold(geocoder: Geocoder, requests: list[dict]) -> None:
    started, cpu = time.perf_counter(), _cpu()
    _batch(geocoder, requests)
    _print("cold, batch (index loading included)", requests,
           (time.perf_counter() - started, _cpu() - cpu))


def _rates(geocoder: Geocoder, label: str, requests: list[dict], repeat: int,
           world_only: bool) -> None:
    """The ways take turns run by run, so that whatever warms up or slows down as the
    process ages (allocator, collector, other programs) falls on all of them alike."""
    ways = {"batch": _batch, "one-name loop": _loop}
    best = {way: (float("inf"), float("inf")) for way in ways}
    for _ in range(max(1, repeat)):
        for way, run in ways.items():
            wall, cpu = _timed(geocoder, run, requests, world_only)
            best[way] = (min(best[way][0], wall), min(best[way][1], cpu))
    for way, seconds in best.items():
        _print(f"{label}, {way}", requests, seconds)


def _timed(geocoder: Geocoder, run: Callable, requests: list[dict],
           world_only: bool) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one run from empty per-name caches."""
    _forget_names(geocoder, world_only)
    started, cpu_started = time.perf_counter(), _cpu()
    run(geocoder, requests)
    return time.perf_counter() - started, _cpu() - cpu_started


def _cpu() -> float:
    return time.process_time()


def _print(label: str, requests: list[dict], seconds: tuple[float, float]) -> None:
    """Names per second of wall-clock time and per CPU second."""
    wall, cpu = seconds
    print(f"  {label + ':':40} {len(requests) / wall:7.0f} names/s  "
          f"{len(requests) / max(cpu, 1e-9):7.0f} names/CPU-s  ({len(requests)} in {wall:.2f} s)")


if __name__ == "__main__":
    main()
