"""Speed of Arabic extraction (the Arabic extractor with the gazetteer and actor registry)
beside a bare `spacy.blank("ar")` tokenizer over the same texts.

Texts: reports of at least 300 words, each made of consecutive reports of
../shared/data/reports-dev-ar (about 175 words each) joined until 300 words are reached (the
words per report are printed). A fresh TAWTHIQ_HOME gets Who's On First Syria imported first
(not timed). Prints the load time (the extractor builds the gazetteer and registry indexes
when it starts), documents per second for a cold first pass (every name looked up for the
first time) and for warm passes (repeats), the bare tokenizer's rate, and the ratios to the
issue's target (20 documents/s of 300 words).
Run: .venv/bin/python benchmarks/bench_arabic.py [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
import time
from pathlib import Path

TARGET = 20.0
WOF = "gazetteer/wof-sy/whosonfirst-data-admin-sy-2db0f03.tar.gz"


def read_reports(data: Path, words: int = 300) -> list[dict]:
    """Reports of at least ``words`` words, joined from consecutive dev reports."""
    lines = (data / "reports-dev-ar" / "docs.jsonl").read_text(encoding="utf-8").splitlines()
    out, texts, ids = [], [], []
    for line in lines:
        if not line.strip():
            continue
        report = json.loads(line)
        texts.append(report["text"])
        ids.append(report["id"])
        if len(re.findall(r"\w+", "\n\n".join(texts))) >= words:
            out.append({"id": "+".join(ids), "text": "\n\n".join(texts), "source": None,
                        "published": None})
            texts, ids = [], []
    return out


def timed(extractor, documents: list, passes: int) -> tuple[float, float]:
    """Documents per second of wall-clock time and of this process's CPU time."""
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(passes):
        for result in extractor.extract_many(documents):
            json.dumps(result.to_json(), ensure_ascii=False)
    count = len(documents) * passes
    return count / (time.perf_counter() - wall), count / (time.process_time() - cpu)


def bare_rate(texts: list[str], repeat: int) -> float:
    import spacy

    nlp = spacy.blank("ar")
    started = time.perf_counter()
    for _ in range(repeat):
        for _doc in nlp.pipe(texts, batch_size=32):
            pass
    return len(texts) * repeat / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="warm passes (default 5)")
    args = parser.parse_args()
    from tawthiq.settings import Settings, get_settings, use_settings

    data = get_settings().data
    reports = read_reports(data)
    words = [len(re.findall(r"\w+", r["text"])) for r in reports]
    with tempfile.TemporaryDirectory() as home:
        use_settings(Settings(home=Path(home)))
        from tawthiq.actors import get_registry
        from tawthiq.extract.ar.pipeline import ArabicExtractor, Tools
        from tawthiq.geo.importer import import_gazetteer
        from tawthiq.geo.service import Geocoder
        from tawthiq.ingest.documents import make_document

        import_gazetteer(data / WOF)
        documents = [make_document(r["id"], r["text"], source=r.get("source"),
                                   published=r.get("published")) for r in reports]
        started = time.perf_counter()
        extractor = ArabicExtractor(tools=Tools(
            geocoder=Geocoder(Path(home) / "gazetteer.sqlite", None), registry=get_registry()))
        loaded = time.perf_counter()
        cold, cold_cpu = timed(extractor, documents, 1)
        warm, warm_cpu = timed(extractor, documents, args.repeat)
        use_settings(None)
    bare = bare_rate([r["text"] for r in reports], args.repeat)
    print(f"reports: {len(reports)}, words per report: mean {sum(words) / len(words):.0f}, "
          f"min {min(words)}, max {max(words)}")
    print(f"load (spaCy blank + registry + gazetteer open): {loaded - started:.2f} s")
    print("documents/s by the clock (other work on the machine slows it) and per second of "
          "this process's CPU time (what a quiet core gives):")
    print(f"Arabic extraction, cold first pass: {cold:.1f} documents/s, {cold_cpu:.1f} per "
          f"CPU-s ({cold / TARGET:.2f}x / {cold_cpu / TARGET:.2f}x the target of {TARGET:.0f})")
    print(f"Arabic extraction, warm ({args.repeat} passes): {warm:.1f} documents/s, "
          f"{warm_cpu:.1f} per CPU-s ({warm / TARGET:.2f}x / {warm_cpu / TARGET:.2f}x)")
    print(f"bare spacy.blank('ar') tokenizer: {bare:.0f} documents/s "
          f"(extraction takes {bare / warm:.0f}x its time)")


if __name__ == "__main__":
    main()
