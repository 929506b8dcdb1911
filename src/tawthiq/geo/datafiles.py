"""The geo package's data files (``tawthiq/data/geo/*.json``), each read once."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=32)
def load_json(name: str) -> dict:
    """A JSON file of ``tawthiq/data/geo`` (loaded once; treat the result as read-only)."""
    return json.loads(resources.files("tawthiq.data.geo").joinpath(name).read_text("utf-8"))
