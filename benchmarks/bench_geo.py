"""Geo benchmark: gazetteer import time, names resolved per second, toponym finding per document.

    .venv/bin/python benchmarks/bench_geo.py [--home DIR]

Uses the shared data (TAWTHIQ_DATA): the Who's On First Syria archive and the UCDP GED names.
The worldwide index is built on first use under the home (about a minute, once).
"""

from __future__ import annotations

import argparse
import csv
import tempfile
import time
from pathlib import Path

from tawthiq.geo.importer import import_gazetteer
from tawthiq.geo.service import Geocoder
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--home", type=Path, default=None)
    args = parser.parse_args()
    home = args.home or Path(tempfile.mkdtemp(prefix="tawthiq-bench-geo-"))
    data = get_settings().data
    use_settings(Settings(home=home))
    archive = data / "gazetteer" / "wof-sy" / "whosonfirst-data-admin-sy-2db0f03.tar.gz"

    started = time.perf_counter()
    print(import_gazetteer(archive))
    print(f"import WOF Syria (first):  {time.perf_counter() - started:6.1f} s")
    started = time.perf_counter()
    print(import_gazetteer(archive))
    print(f"import WOF Syria (again):  {time.perf_counter() - started:6.1f} s")

    started = time.perf_counter()
    world = ensure_world(home)
    print(f"worldwide index ready:     {time.perf_counter() - started:6.1f} s")

    names = _ucdp_names(data / "ucdp-ged-syria" / "dev.csv")
    distinct = list(dict.fromkeys(names))
    geocoder = Geocoder(home / "gazetteer.sqlite", world)
    _rate("distinct names, cold", geocoder, distinct)
    _rate("distinct names, warm blocks", Geocoder(home / "gazetteer.sqlite", world), distinct,
          warm=True)
    _rate("all rows (batch, repeats cached)", geocoder, names)

    docs = SENTENCES * 50
    started = time.perf_counter()
    found = sum(len(geocoder.find_toponyms(text)) for text in docs)
    seconds = time.perf_counter() - started
    print(f"find_toponyms (no spaCy):  {1000 * seconds / len(docs):6.2f} ms/document "
          f"({found} toponyms in {len(docs)} documents)")


def _ucdp_names(path: Path) -> list[tuple[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [(r["where_coordinates"], r["adm_1"]) for r in csv.DictReader(handle)
                if r["where_prec"] in ("1", "2") and r["where_coordinates"]]


def _rate(label: str, geocoder: Geocoder, names, warm: bool = False) -> None:
    if warm:  # load the fuzzy blocks once, then time with an empty result cache
        for name, admin1 in names:
            geocoder.geocode(name, country="SY", admin1=admin1)
        geocoder._cached.cache_clear()
    started = time.perf_counter()
    for name, admin1 in names:
        geocoder.geocode(name, country="SY", admin1=admin1)
    seconds = time.perf_counter() - started
    print(f"{label + ':':34} {len(names) / seconds:9.0f} names/s ({len(names)} names, "
          f"{seconds:.2f} s)")


if __name__ == "__main__":
    main()
