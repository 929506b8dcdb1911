"""``tawthiq evaluate geoparsing``: toponym resolution on the public geoparsing benchmarks
(GeoWebNews, LGL, TR-News; Gritta et al. 2019's XML). The gold toponym spans are given; each
article's toponyms are resolved together (each is context for the others) against the
worldwide default gazetteer only, and scored by exact GeoNames id and by distance (161 km =
100 miles, the field's usual "accuracy@161").
"""

from __future__ import annotations

import json
import sqlite3
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tawthiq.errors import BadInput
from tawthiq.evaluate import check_output_path, write_output
from tawthiq.geo.geometry import haversine_km
from tawthiq.geo.service import Geocoder
from tawthiq.geo.toponyms import resolve_spans
from tawthiq.geo.world import ensure_world
from tawthiq.settings import get_settings

Echo = Callable[[str], None]
ACC_KM = 161.0
# Mordecai 3 (Halterman 2023, "Mordecai 3: A Neural Geoparser and Event Geocoder", Table 2):
# exact GeoNames id match and accuracy within 161 km, with gold toponyms.
MORDECAI3 = {"lgl": (0.794, 0.827), "gwn": (0.901, 0.941), "tr-news": (0.843, 0.873)}


@dataclass
class GoldToponym:
    start: int
    end: int
    text: str
    geonames_id: int | None
    lat: float
    lon: float
    fcode: str | None = None     # GeoNames feature code, where the corpus gives it (LGL, TR-News)


@dataclass
class Article:
    text: str
    toponyms: list[GoldToponym]


def corpus_name(path: Path) -> str:
    stem = path.stem.lower()
    if stem.startswith("gwn") or "geowebnews" in stem:
        return "gwn"
    if stem.startswith("lgl"):
        return "lgl"
    if stem.startswith("tr-news") or stem.startswith("trnews"):
        return "tr-news"
    return stem


def read_corpus(path: Path) -> list[Article]:
    """Articles of a GWN-style or LGL/TR-News-style XML file, with their gold toponyms."""
    path = Path(path)
    if not path.exists():
        raise BadInput("no such file", path=str(path))
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise BadInput(f"not valid XML: {exc}", path=str(path)) from exc
    articles = []
    for number, node in enumerate(root.iter("article"), start=1):
        text = node.findtext("text") or ""
        gold = []
        for index, toponym in enumerate(node.iter("toponym"), start=1):
            where = f"article {number}, toponym {index}"
            try:
                item = _gold(toponym)
            except ValueError as exc:
                raise BadInput(f"{where}: not a number ({exc})", path=str(path)) from exc
            if item is not None:
                gold.append(item)
        if text and gold:
            articles.append(Article(text=text, toponyms=gold))
    return articles


def _gold(node: ET.Element) -> GoldToponym | None:
    """The gold toponym, None when the corpus leaves it unresolved (no id or point); a
    value that is there but not a number raises ValueError."""
    try:
        start, end = int(node.findtext("start")), int(node.findtext("end"))
    except (TypeError, ValueError):
        return None
    gaztag = node.find("gaztag")
    if gaztag is not None:  # LGL / TR-News
        lat, lon = gaztag.findtext("lat"), gaztag.findtext("lon")
        gid = gaztag.get("geonameid")
        text = node.findtext("phrase") or ""
        fcode = gaztag.findtext("fcode")
    else:  # GeoWebNews
        lat, lon = node.findtext("latitude"), node.findtext("longitude")
        gid = node.findtext("geonamesID")
        text = node.findtext("extractedName") or ""
        fcode = None
    if not lat or not lon or not gid or not gid.strip():
        return None
    return GoldToponym(start, end, text, int(gid), float(lat), float(lon), fcode or None)


def evaluate_geoparsing(paths: list[Path], output: Path | None = None, echo: Echo = print,
                        misses: Path | None = None) -> dict:
    """Score each corpus; ``misses`` writes every miss (farther than 161 km or unresolved) as
    a JSON line with its kind (see ``MISS_KINDS``), and a breakdown by kind is printed."""
    output = check_output_path(output, "--output")
    misses = check_output_path(misses, "--misses")
    # every corpus is read (and refused if malformed) before the worldwide index is built
    corpora = [(Path(path), read_corpus(Path(path))) for path in paths]
    settings = get_settings()
    settings.ensure_home()
    world = ensure_world(settings.home)
    geocoder = Geocoder(None, world)
    index = _WorldIndex(world)
    results, all_misses = {}, []
    try:
        for path, articles in corpora:
            name = corpus_name(path)
            result, corpus_misses = _evaluate_corpus(geocoder, index, articles, str(path))
            results[name] = result
            all_misses += [{"corpus": name, **miss} for miss in corpus_misses]
    finally:
        index.close()
        geocoder.close()
    _print_table(results, echo)
    _print_breakdown(results, echo)
    if output:
        write_output(output, json.dumps(results, indent=2), "--output")
    if misses:
        write_output(misses, "".join(json.dumps(m, ensure_ascii=False) + "\n"
                                     for m in all_misses), "--misses")
    return results


# Why a gold toponym was missed, in the order the classes are tested:
MISS_KINDS = {
    "unresolved": "no reading at all (the name is unknown to the gazetteer, or filtered out)",
    "same_id_far": "the right GeoNames record, but our point for it is over 161 km off",
    "ranked_wrong": "a right reading (the gold id, or one within 161 km) was among the top 5",
    "gold_in_index": "the gold record is in the index, but not among the top 5 readings",
    "not_in_index": "the gold record is not in the index (a feature kind the default lacks)",
}


class _WorldIndex:
    """Read-only look-ups of the worldwide index, to tell the miss kinds apart."""

    def __init__(self, path: Path) -> None:
        self._conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)

    def kind_of(self, geonames_id: int | None) -> str | None:
        """The index's GeoNames feature code (kind) of a GeoNames id; None when absent."""
        if geonames_id is None:
            return None
        row = self._conn.execute("SELECT kind FROM places WHERE geonames_id = ? LIMIT 1",
                                 (geonames_id,)).fetchone()
        return (row[0] or "?") if row else None

    def close(self) -> None:
        self._conn.close()


def _evaluate_corpus(geocoder: Geocoder, index: _WorldIndex, articles: list[Article],
                     origin: str) -> tuple[dict, list[dict]]:
    started = time.perf_counter()
    total = exact = near = near_or_same = resolved = 0
    errors: list[dict] = []
    misses: list[dict] = []
    for article in articles:
        toponyms = resolve_spans(geocoder, article.text, article.toponyms, find_parts=False)
        for gold, found in zip(article.toponyms, toponyms, strict=True):
            total += 1
            match = found.match
            if match is None:
                errors.append({"text": gold.text, "gold": gold.geonames_id, "got": None})
                misses.append(_miss(gold, found, index, None, None))
                continue
            resolved += 1
            got_id = _geonames_id(match.gazetteer_id)
            distance = haversine_km(gold.lat, gold.lon, match.latitude, match.longitude)
            exact += got_id == gold.geonames_id
            near += distance <= ACC_KM
            # the same GeoNames record, whose centre our source puts elsewhere (countries:
            # countryinfo's centre, not GeoNames'), counts as 0 km in this second figure
            near_or_same += distance <= ACC_KM or got_id == gold.geonames_id
            if distance > ACC_KM:
                misses.append(_miss(gold, found, index, got_id, distance))
                if len(errors) < 300:
                    errors.append({"text": gold.text, "gold": gold.geonames_id,
                                   "got": match.name, "got_id": match.gazetteer_id,
                                   "km": round(distance)})
    n = total or 1
    breakdown = Counter(m["kind"] for m in misses)
    return {"file": origin, "articles": len(articles), "toponyms": total,
            "resolved": round(resolved / n, 4), "exact": round(exact / n, 4),
            "acc161": round(near / n, 4), "acc161_same_id_0km": round(near_or_same / n, 4),
            "seconds": round(time.perf_counter() - started, 2),
            "misses": {kind: breakdown.get(kind, 0) for kind in MISS_KINDS},
            "errors": errors}, misses


def _miss(gold: GoldToponym, found, index: _WorldIndex, got_id: int | None,
          distance: float | None) -> dict:
    """One miss with its kind and the gold record's feature code (the corpus's, else the
    index's), so misses can be read by kind."""
    index_kind = index.kind_of(gold.geonames_id)
    if found.match is None:
        kind = "unresolved"
    elif got_id == gold.geonames_id:
        kind = "same_id_far"
    elif any(_geonames_id(alt.gazetteer_id) == gold.geonames_id or (
            alt.latitude is not None and haversine_km(gold.lat, gold.lon, alt.latitude,
                                                      alt.longitude) <= ACC_KM)
             for alt in found.alternatives):
        kind = "ranked_wrong"
    else:
        kind = "gold_in_index" if index_kind else "not_in_index"
    match = found.match
    return {"kind": kind, "text": gold.text, "gold_id": gold.geonames_id,
            "gold_fcode": gold.fcode or index_kind, "gold_indexed": index_kind is not None,
            "gold_lat": gold.lat, "gold_lon": gold.lon,
            "got": match.name if match else None, "got_id": match.gazetteer_id if match else None,
            "got_feature": match.feature if match else None,
            "km": round(distance) if distance is not None else None}


def _geonames_id(gazetteer_id: str) -> int | None:
    source, _, value = gazetteer_id.partition(":")
    return int(value) if source == "geonames" and value.isdigit() else None


def _print_table(results: dict, echo: Echo) -> None:
    echo("Geoparsing (gold toponyms, worldwide default gazetteer); Mordecai3 published figures")
    echo(f"{'corpus':10} {'toponyms':>9} {'exact':>7} {'@161km':>7} {'@161/id':>8}   "
         f"{'M3 exact':>8} {'M3 @161':>8}")
    for name, r in results.items():
        m_exact, m_161 = MORDECAI3.get(name, (float("nan"), float("nan")))
        echo(f"{name:10} {r['toponyms']:>9} {r['exact']:>7.3f} {r['acc161']:>7.3f} "
             f"{r['acc161_same_id_0km']:>8.3f}   {m_exact:>8.3f} {m_161:>8.3f}")
    echo("@161/id: a hit also when the GeoNames id is right but our centre of that record is "
         "farther (a corpus may carry an older GeoNames point: LGL's Canada is 60N 96W)")


def _print_breakdown(results: dict, echo: Echo) -> None:
    """Misses by kind, per corpus (diagnostics; the scores above do not depend on it)."""
    kinds = list(MISS_KINDS)
    echo("Misses (> 161 km or unresolved) by kind")
    echo(f"{'corpus':10} " + " ".join(f"{k:>14}" for k in kinds))
    for name, r in results.items():
        echo(f"{name:10} " + " ".join(f"{r['misses'].get(k, 0):>14}" for k in kinds))
    for kind, meaning in MISS_KINDS.items():
        echo(f"  {kind}: {meaning}")
