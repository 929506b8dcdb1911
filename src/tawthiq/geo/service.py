"""The geo package's front door: the process-wide geocoder and the ``tawthiq geocode`` lines.

The work is done by the modules it names (see ``geocoder.py``); the names other packages
import from here stay here: ``get_geocoder``, ``Geocoder``, ``Toponym``, ``admin_key``,
``split_feature_word``, ``trailing_feature_word_re``, ``region_outlines``, ``geocode_lines``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from functools import lru_cache
from itertools import islice
from pathlib import Path

from tawthiq.errors import BadInput
from tawthiq.geo.admin import admin_key
from tawthiq.geo.candidates import place_facts
from tawthiq.geo.features import component_names, split_feature_word, trailing_feature_word_re
from tawthiq.geo.geocoder import Geocoder
from tawthiq.geo.routes import STRETCH_PREFIX
from tawthiq.geo.toponyms import Toponym
from tawthiq.geo.world import ensure_world
from tawthiq.settings import get_settings

__all__ = ["STRETCH_PREFIX", "Geocoder", "Toponym", "admin_key", "component_names",
           "geocode_lines", "get_geocoder", "place_facts", "region_outlines",
           "split_feature_word", "trailing_feature_word_re"]

GEOCODE_CHUNK = 2000              # names per batch of ``tawthiq geocode --input``


@lru_cache(maxsize=1)
def get_geocoder() -> Geocoder:
    """The process-wide geocoder: imported gazetteers + the worldwide default (built once)."""
    settings = get_settings()
    settings.ensure_home()
    if os.environ.get("TAWTHIQ_WORLD_GAZETTEER", "on").lower() in ("0", "off", "no", "false"):
        return Geocoder(settings.gazetteer_path, None)  # imported gazetteers only (tests, CI)
    return Geocoder(settings.gazetteer_path, ensure_world(settings.home))


def region_outlines(level: str = "region") -> dict:
    """GeoJSON FeatureCollection of imported region ("region") or district outlines."""
    settings = get_settings()
    geocoder = Geocoder(settings.gazetteer_path, None)
    try:
        return geocoder.region_outlines(level)
    finally:
        geocoder.close()


def geocode_lines(*, name: str | None = None, input: Path | None = None,
                  country: str | None = None, admin1: str | None = None) -> Iterator[dict]:
    """Contract ``tawthiq geocode``: one JSON-ready dict per name, in input order."""
    geocoder = get_geocoder()
    requests = ({"id": item_id, "name": item_name, "country": item_country, "admin1": item_admin1}
                for item_id, item_name, item_country, item_admin1
                in _requests(name, input, country, admin1))
    # the batch path, a chunk at a time: output streams, memory stays flat on long inputs;
    # the names before a bad line are answered, then the error stops the run
    while True:
        chunk: list[dict] = []
        try:
            chunk.extend(islice(requests, GEOCODE_CHUNK))
        except BadInput:
            yield from (r.model_dump(mode="json") for r in geocoder.geocode_many(chunk))
            raise
        if not chunk:
            return
        yield from (r.model_dump(mode="json") for r in geocoder.geocode_many(chunk))


def _requests(name, input, country, admin1) -> Iterator[tuple]:
    if name:
        yield None, name, country, admin1
    if input is None:
        return
    path = Path(input)
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise BadInput(f"cannot read: {exc.strerror}", path=str(path)) from exc
    with handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except ValueError as exc:
                raise BadInput(f"not valid JSON: {exc.msg}", path=str(path), line=number) from exc
            if not isinstance(item, dict) or not isinstance(item.get("name"), str):
                raise BadInput("missing string 'name'", path=str(path), line=number,
                               field="name")
            yield (None if item.get("id") is None else str(item["id"]), item["name"],
                   item.get("country") or country, item.get("admin1") or admin1)
