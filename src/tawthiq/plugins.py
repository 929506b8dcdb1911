"""Swappable parts, registered by name in the spaCy style (``catalogue`` registries).

The pipeline's settings name the part to use (``TAWTHIQ_PLACE_RESOLVER=gazetteer``); a
package of the user's can add its own under the same registries through the entry-point
groups ``tawthiq_place_resolvers``, ``tawthiq_actor_resolvers`` and ``tawthiq_extractors``.
A name that is not registered is an error naming the setting, never a silent fallback.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import catalogue

from tawthiq.errors import BadInput

place_resolvers = catalogue.create("tawthiq", "place_resolvers", entry_points=True)
actor_resolvers = catalogue.create("tawthiq", "actor_resolvers", entry_points=True)
extractors = catalogue.create("tawthiq", "extractors", entry_points=True)


def chosen(registry: catalogue.Registry, name: str, setting: str) -> Callable[..., Any]:
    """The factory registered as ``name``; an unknown name names the setting and the choices."""
    try:
        return registry.get(name)
    except catalogue.RegistryError:
        known = ", ".join(sorted(registry.get_all())) or "none"
        raise BadInput(f"no such part {name!r} (registered: {known})", field=setting) from None
