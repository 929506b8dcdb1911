"""``tawthiq evaluate geoparsing``: toponym resolution on the public geoparsing benchmarks
(GeoWebNews, LGL, TR-News; Gritta et al. 2019's XML). The gold toponym spans are given; each
article's toponyms are resolved together (each is context for the others) against the
worldwide default gazetteer only, and scored by exact GeoNames id and by distance (161 km =
100 miles, the field's usual "accuracy@161").
"""

from __future__ import annotations

import json
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tawthiq.errors import BadInput
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
    for node in root.iter("article"):
        text = node.findtext("text") or ""
        gold = [g for g in (_gold(t) for t in node.iter("toponym")) if g is not None]
        if text and gold:
            articles.append(Article(text=text, toponyms=gold))
    return articles


def _gold(node: ET.Element) -> GoldToponym | None:
    try:
        start, end = int(node.findtext("start")), int(node.findtext("end"))
    except (TypeError, ValueError):
        return None
    gaztag = node.find("gaztag")
    if gaztag is not None:  # LGL / TR-News
        lat, lon = gaztag.findtext("lat"), gaztag.findtext("lon")
        gid = gaztag.get("geonameid")
        text = node.findtext("phrase") or ""
    else:  # GeoWebNews
        lat, lon = node.findtext("latitude"), node.findtext("longitude")
        gid = node.findtext("geonamesID")
        text = node.findtext("extractedName") or ""
    if not lat or not lon or not gid or not gid.strip():
        return None
    return GoldToponym(start, end, text, int(gid), float(lat), float(lon))


def evaluate_geoparsing(paths: list[Path], output: Path | None = None, echo: Echo = print) -> dict:
    settings = get_settings()
    settings.ensure_home()
    geocoder = Geocoder(None, ensure_world(settings.home))
    results = {}
    for path in paths:
        articles = read_corpus(Path(path))
        results[corpus_name(Path(path))] = _evaluate_corpus(geocoder, articles, str(path))
    _print_table(results, echo)
    if output:
        Path(output).write_text(json.dumps(results, indent=2), "utf-8")
    return results


def _evaluate_corpus(geocoder: Geocoder, articles: list[Article], origin: str) -> dict:
    started = time.perf_counter()
    total = exact = near = near_or_same = resolved = 0
    errors: list[dict] = []
    for article in articles:
        toponyms = resolve_spans(geocoder, article.text, article.toponyms, find_parts=False)
        for gold, found in zip(article.toponyms, toponyms, strict=True):
            total += 1
            match = found.match
            if match is None:
                errors.append({"text": gold.text, "gold": gold.geonames_id, "got": None})
                continue
            resolved += 1
            got_id = _geonames_id(match.gazetteer_id)
            distance = haversine_km(gold.lat, gold.lon, match.latitude, match.longitude)
            exact += got_id == gold.geonames_id
            near += distance <= ACC_KM
            # the same GeoNames record, whose centre our source puts elsewhere (countries:
            # countryinfo's centre, not GeoNames'), counts as 0 km in this second figure
            near_or_same += distance <= ACC_KM or got_id == gold.geonames_id
            if distance > ACC_KM and len(errors) < 300:
                errors.append({"text": gold.text, "gold": gold.geonames_id, "got": match.name,
                               "got_id": match.gazetteer_id, "km": round(distance)})
    n = total or 1
    return {"file": origin, "articles": len(articles), "toponyms": total,
            "resolved": round(resolved / n, 4), "exact": round(exact / n, 4),
            "acc161": round(near / n, 4), "acc161_same_id_0km": round(near_or_same / n, 4),
            "seconds": round(time.perf_counter() - started, 2),
            "errors": errors}


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
         "farther (country centres come from countryinfo, not GeoNames)")
