"""Ingest throughput on FA-KES (../shared/data/fakes/dev.csv): reading alone, storing with a
fast stand-in extractor (the store's own cost, incident linking included), re-ingesting
(all duplicates), and optionally the real spaCy extractor on a sample.

    .venv/bin/python benchmarks/bench_ingest.py [--real N]

Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # the stand-in extractor lives with the tests

from support.fake_extractor import FakeExtractor  # noqa: E402
from tawthiq.ingest.readers import iter_documents  # noqa: E402
from tawthiq.pipeline import ingest_paths  # noqa: E402
from tawthiq.settings import Settings, get_settings, use_settings  # noqa: E402


def timed(label: str, n: int, fn) -> float:
    start = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - start
    print(f"{label:<44} {n:>5} reports  {seconds:7.2f} s  {n / seconds:8.1f} reports/s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--real", type=int, default=0, metavar="N",
                        help="also ingest N FA-KES rows with the real extractor")
    args = parser.parse_args()
    fakes = get_settings().data / "fakes" / "dev.csv"
    if not fakes.is_file():
        sys.exit(f"missing {fakes}; set TAWTHIQ_DATA")
    n = sum(1 for _ in iter_documents([fakes]))
    timed("read FA-KES (csv, auto-detected columns)", n, lambda: list(iter_documents([fakes])))
    with tempfile.TemporaryDirectory() as home:
        use_settings(Settings(home=Path(home)))
        extractor = FakeExtractor()
        outcomes = timed("ingest, stand-in extractor (new)", n,
                         lambda: ingest_paths([fakes], extractor=extractor))
        events = sum(o.events for o in outcomes)
        print(f"{'':<44} {events:>5} events stored")
        timed("ingest again (all duplicates)", n,
              lambda: ingest_paths([fakes], extractor=extractor))
        size = (Path(home) / "tawthiq.db").stat().st_size
        print(f"database size: {size / 1024 / 1024:.1f} MB "
              f"({size / n / 1024:.1f} kB per report incl. original bytes)")
    if args.real:
        with tempfile.TemporaryDirectory() as home, tempfile.TemporaryDirectory() as tmp:
            use_settings(Settings(home=Path(home)))
            sample = Path(tmp) / "sample.csv"
            lines = fakes.read_text(encoding="utf-8").splitlines(keepends=True)
            items = list(iter_documents([fakes]))[:args.real]
            sample.write_bytes(lines[0].encode() + b"".join(
                i.raw[len(lines[0].encode()):] for i in items))
            from tawthiq.extract.pipeline import get_extractor

            timed("load the real extractor", 1, get_extractor)
            timed("ingest, real extractor", len(items), lambda: ingest_paths([sample]))
    use_settings(None)


if __name__ == "__main__":
    main()
