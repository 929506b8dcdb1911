"""The other stages the extractor calls (geocoder, actor registry, attribution, claims,
persons), imported lazily so that extraction still runs, with fewer fields, when one of them
is not installed or fails to load."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)


@dataclass
class Collaborators:
    geocoder: Any = None
    registry: Any = None
    find_perpetrators: Any = None
    find_claims: Any = None
    find_reporters: Any = None
    find_persons: Any = None
    actor_spans: Any = None       # registry mentions of a Doc, cached on it (attribution's)


def load_collaborators() -> Collaborators:
    found = Collaborators()
    found.geocoder = _call("tawthiq.geo.service", "get_geocoder")
    found.registry = _call("tawthiq.actors", "get_registry")
    found.find_perpetrators = _attr("tawthiq.extract.attribution", "find_perpetrators")
    found.find_claims = _attr("tawthiq.extract.claims", "find_claims")
    found.find_reporters = _attr("tawthiq.extract.claims", "find_reporters")
    found.find_persons = _attr("tawthiq.extract.persons", "find_persons")
    found.actor_spans = _attr("tawthiq.extract.attribution", "actor_spans")
    return found


def _attr(module: str, name: str) -> Any:
    try:
        return getattr(__import__(module, fromlist=[name]), name)
    except (ImportError, AttributeError) as exc:
        log.warning("extraction runs without %s.%s: %s", module, name, exc)
        return None


def _call(module: str, name: str) -> Any:
    factory = _attr(module, name)
    if factory is None:
        return None
    try:
        return factory()
    except Exception as exc:  # a broken gazetteer or registry file must not stop extraction
        log.warning("extraction runs without %s.%s(): %s", module, name, exc)
        return None


def safely(function: Any, *args: Any, default: Any = None, **kwargs: Any) -> Any:
    """Call another helper's function; a fault there costs its fields, not the document."""
    if function is None:
        return default
    try:
        return function(*args, **kwargs)
    except Exception as exc:
        log.warning("%s failed: %s", getattr(function, "__qualname__", function), exc)
        return default
