"""Victim-list linkage speed and memory (issue #14's bar), figures only, no assertions.

1. Linking the Gaza releases 2024-08-08 (24,672 rows) x 2024-04-13 (14,140): wall and CPU
   seconds of reading, name keys, training and prediction, and the F1 on the hidden ids.
2. Deduplicating N synthetic records (default 1,000,000) invented from the Gaza lists' name
   frequencies with realistic errors (``tawthiq.victims.synthetic``): wall seconds, peak
   memory (max RSS of the process, children included), links and pairwise precision/recall
   against the hidden person column.
3. The same deduplication through splink's Spark backend in local mode (``--spark``),
   in a child process of its own so its peak memory is its own; the JVM's peak resident
   memory (VmHWM) and CPU seconds are read from /proc and printed beside Python's. The
   driver heap is TAWTHIQ_SPARK_DRIVER_MEMORY (default in data/victims/linkage.json).

Each part runs in a child process, so one's peak memory is not another's. Ratios are printed
against the issue's bar (30 s; 10 min and 8 GB).

Run: .venv/bin/python benchmarks/bench_victims.py [--records 1000000] [--spark]
     [--spark-records N] [--skip-link] [--skip-dedupe]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import resource
import time
from pathlib import Path

from tawthiq.settings import get_settings

LINK_BAR_S = 30.0
DEDUPE_BAR_S = 600.0
MEMORY_BAR_GB = 8.0


def _gaza() -> tuple[Path, Path]:
    folder = get_settings().data / "linkage" / "gaza-names"
    older, newer = folder / "20240413killed-in-gaza.csv", folder / "20240808killed-in-gaza.csv"
    for path in (older, newer):
        if not path.is_file():
            raise SystemExit(f"missing {path}: set TAWTHIQ_DATA to ../shared/data")
    return older, newer


def _peak_gb() -> float:
    """Peak resident memory of this process or of its ended children, the larger (ru_maxrss
    is in KiB on Linux). Spark's JVM is not among them (it is not reaped when the session
    stops): ``jvm_usage()`` reads its own peak."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024 / 1024


def link_part(queue) -> None:
    from tawthiq.victims import linkage
    from tawthiq.victims.evaluation import score
    from tawthiq.victims.lists import read_list

    older, newer = _gaza()
    started, cpu = time.perf_counter(), time.process_time()
    a, b = read_list(newer, hide=("id",)), read_list(older, hide=("id",))
    read_s = time.perf_counter() - started
    run = linkage.link_lists(a, b)
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    queue.put({"part": "link", "wall_s": wall, "cpu_s": cpu, "read_s": read_s,
               "peak_gb": _peak_gb(), **score(run.links(), a, b, "id")})


def dedupe_part(queue, records: int, engine: str) -> None:
    from tawthiq.victims import linkage, synthetic
    from tawthiq.victims.lists import read_list

    older, newer = _gaza()
    folder = Path(get_settings().home) / "bench-victims"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"synthetic-{records}.csv"
    if not path.exists():
        pool = synthetic.pool_from_lists([older, newer])
        synthetic.write_csv(path, synthetic.duplicated_records(records, pool, seed=14),
                            (*synthetic.FIELDS, "person"))
    started, cpu = time.perf_counter(), time.process_time()
    victims = read_list(path, hide=("person",))
    read_s = time.perf_counter() - started
    run = linkage.dedupe_list(victims, engine=engine)
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    jvm = None
    if engine == "spark":  # the JVM's own peak and CPU, read from /proc before it stops
        from tawthiq.victims.spark import jvm_usage, spark_session

        jvm = jvm_usage()
        spark_session().stop()
    links = run.links()
    person = {row.row: row.raw["person"] for row in victims.rows}
    correct = sum(1 for p in links if person[p.a_row] == person[p.b_row])
    groups: dict[str, int] = {}
    for value in person.values():
        groups[value] = groups.get(value, 0) + 1
    true_pairs = sum(n * (n - 1) // 2 for n in groups.values())
    rules = run.settings["blocking_rules_to_generate_predictions"]
    queue.put({"part": f"dedupe-{engine}", "records": records, "wall_s": wall, "cpu_s": cpu,
               "read_s": read_s, "peak_gb": _peak_gb(), "links": len(links),
               "jvm_peak_gb": jvm.peak_rss_gb if jvm else None,
               "jvm_cpu_s": jvm.cpu_s if jvm else None,
               "rules": [r["blocking_rule"] for r in rules], "load": os.getloadavg()[0],
               "precision": correct / len(links) if links else 0.0,
               "recall": correct / true_pairs if true_pairs else 0.0})


def _child(target, *args) -> dict:
    """Run one part in a fresh process (its own peak memory); children of Spark's JVM are
    counted through RUSAGE_CHILDREN of that process."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=target, args=(queue, *args))
    process.start()
    result = queue.get()
    process.join()
    return result


def _print(result: dict) -> None:
    if result["part"] == "link":
        print(f"link 0808 x 0413: {result['wall_s']:.1f} s wall ({result['cpu_s']:.1f} s CPU, "
              f"reading {result['read_s']:.1f} s), ratio to the 30 s bar "
              f"{result['wall_s'] / LINK_BAR_S:.2f}; peak {result['peak_gb']:.2f} GB; "
              f"F1 {result['f1']:.4f}, recall on renamed pairs {result['renamed_recall']:.4f}")
        return
    jvm = "" if result.get("jvm_peak_gb") is None else (
        f" + {result['jvm_cpu_s']:.0f} s CPU in the JVM")
    jvm_peak = "" if result.get("jvm_peak_gb") is None else (
        f" in Python, {result['jvm_peak_gb']:.2f} GB resident in the JVM")
    print(f"{result['part']} {result['records']:,} records: {result['wall_s']:.0f} s wall "
          f"({result['cpu_s']:.0f} s CPU in Python{jvm}, reading {result['read_s']:.0f} s), "
          f"ratio to the 10 min bar {result['wall_s'] / DEDUPE_BAR_S:.2f}; peak "
          f"{result['peak_gb']:.2f} GB{jvm_peak} (bar {MEMORY_BAR_GB:g} GB); "
          f"{result['links']:,} links, "
          f"pairwise precision {result['precision']:.4f}, recall {result['recall']:.4f}; "
          f"load average {result['load']:.1f}; {len(result['rules'])} blocking rules within "
          f"the budget: {'; '.join(result['rules'])}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--spark", action="store_true", help="also through Spark local mode")
    parser.add_argument("--spark-records", type=int, default=None,
                        help="records for the Spark run (default: --records)")
    parser.add_argument("--skip-link", action="store_true")
    parser.add_argument("--skip-dedupe", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    results = []
    if not args.skip_link:
        results.append(_child(link_part))
        _print(results[-1])
    if not args.skip_dedupe:
        results.append(_child(dedupe_part, args.records, "duckdb"))
        _print(results[-1])
    if args.spark:
        results.append(_child(dedupe_part, args.spark_records or args.records, "spark"))
        _print(results[-1])
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
