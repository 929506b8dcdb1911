"""Actor registry speed, and perpetrator attribution against FA-KES gold perpetrator classes.

Prints: registry load time; resolve() per call (exact, fuzzy, cached); find_mentions()
characters per second; and, over the FA-KES dev articles, how often the VDC class of the
first perpetrator found (or "unknown" when none) equals the gold ``actor`` column, with a
confusion table. Figures only, no assertions.

Run: .venv/bin/python benchmarks/bench_actors.py [PATH/TO/fakes/dev.csv] [--limit N]
"""

from __future__ import annotations

import argparse
import csv
import time
from collections import Counter
from datetime import date, datetime
from pathlib import Path

from tawthiq.settings import get_settings


def timed(function, repeat: int) -> float:
    started = time.perf_counter()
    for _ in range(repeat):
        function()
    return (time.perf_counter() - started) / repeat


def registry_figures() -> None:
    from tawthiq.actors.registry import load_registry, shipped_files

    started = time.perf_counter()
    registry = load_registry(shipped_files())
    _ = registry.index
    print(
        f"registry: {len(registry)} entries, loaded and indexed in "
        f"{time.perf_counter() - started:.3f} s"
    )
    on = date(2016, 7, 5)
    mentions = [
        "government forces",
        "Hay'at Tahrir al-Sham",
        "داعش",
        "Zaynabiyun",
        "IS militants",
        "Hayat Tahrir al-Shaamm",
        "men in military uniform",
    ]
    for mention in mentions:
        registry._cache.clear()
        cold = timed(lambda m=mention: (registry._cache.clear(), registry.resolve(m, on)), 200)
        warm = timed(lambda m=mention: registry.resolve(m, on), 2000)
        print(f"  resolve {mention!r:28} cold {cold * 1e6:8.1f} us   cached {warm * 1e6:6.1f} us")
    text = (
        "Residents said Russian warplanes and regime helicopters struck the town, while "
        "U.S.-led coalition aircraft hit IS positions and HTS fighters withdrew. "
    ) * 50
    per_call = timed(lambda: registry.find_mentions(text), 20)
    print(
        f"  find_mentions: {len(text) / per_call / 1e6:.2f} M characters/s "
        f"({len(registry.find_mentions(text))} mentions in {len(text)} characters)"
    )


def fakes_figures(path: Path, limit: int | None) -> None:
    from tawthiq.actors.registry import load_registry, shipped_files
    from tawthiq.extract.attribution import find_perpetrators
    from tawthiq.nlp import get_nlp

    registry = load_registry(shipped_files())
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))[:limit]
    nlp = get_nlp()
    confusion: Counter[tuple[str, str]] = Counter()
    started = time.perf_counter()
    texts = [f"{r['article_title']}. {r['article_content']}" for r in rows]
    for row, doc in zip(rows, nlp.pipe(texts, batch_size=16), strict=True):
        on = _date(row["date"])
        found = find_perpetrators(doc, list(doc.sents), on, registry)
        predicted = "unknown"
        for perpetrator, _ in found:
            resolved = registry.resolve(perpetrator.mention, on)
            if resolved is not None and resolved.vdc_class:
                predicted = resolved.vdc_class
                break
        confusion[(row["actor"], predicted)] += 1
    elapsed = time.perf_counter() - started
    total = sum(confusion.values())
    right = sum(k for (gold, pred), k in confusion.items() if gold == pred)
    print(
        f"FA-KES dev: {total} articles in {elapsed:.1f} s (parse + attribution); "
        f"VDC class of the first perpetrator = gold in {right}/{total} ({right / total:.1%})"
    )
    golds = sorted({g for g, _ in confusion})
    for gold in golds:
        row_total = sum(k for (g, _), k in confusion.items() if g == gold)
        hits = confusion[(gold, gold)]
        top = Counter({p: k for (g, p), k in confusion.items() if g == gold}).most_common(3)
        print(f"  {gold[:40]:40} {hits:4}/{row_total:<4} most often predicted: {top}")


def _date(text: str) -> date | None:
    try:
        return datetime.strptime(text.strip(), "%m/%d/%y").date()
    except ValueError:
        return None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "path", nargs="?", type=Path, default=get_settings().data / "fakes" / "dev.csv"
    )
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    registry_figures()
    if args.path.is_file():
        fakes_figures(args.path, args.limit)
    else:
        print(f"FA-KES file not found at {args.path}; skipped the attribution figures")


if __name__ == "__main__":
    main()
