"""tawthiq.actors: the time-aware actor registry (who is who, and who belonged to whom when).

registry = get_registry()
registry.resolve("government forces", date(2016, 5, 1)).name
registry.find_mentions(text)   # registry words in a text, with candidate entries
"""

from __future__ import annotations

from pathlib import Path

from tawthiq.actors.registry import (
    ACTOR_TYPES,
    VDC_CLASSES,
    ActorEntry,
    ActorMention,
    ActorRegistry,
    ResolvedActor,
    load_registry,
    shipped_files,
    user_files,
)
from tawthiq.settings import get_settings

__all__ = [
    "ACTOR_TYPES",
    "VDC_CLASSES",
    "ActorEntry",
    "ActorMention",
    "ActorRegistry",
    "ResolvedActor",
    "get_registry",
    "load_registry",
]

_cache: dict[tuple, ActorRegistry] = {}


def get_registry() -> ActorRegistry:
    """The shipped registry merged with the user's files under ``settings.actors_dir``.

    Cached per set of files (path and modification time), so adding a user file is seen on
    the next call without restarting.
    """
    extra = user_files(Path(get_settings().actors_dir))
    key = tuple((str(p), p.stat().st_mtime_ns) for p in extra)
    if key not in _cache:
        _cache.clear()
        _cache[key] = load_registry(shipped_files(), extra)
    return _cache[key]
