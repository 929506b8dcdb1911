"""Actor mentions -> registry actors as they stood on a date, behind one small protocol.

The default resolver is the time-aware actor registry (``tawthiq.actors``): "government
forces" in 2016 and in 2025 are different actors.
"""

from __future__ import annotations

from datetime import date
from typing import Protocol

from tawthiq.actors import ActorMention, ActorRegistry, ResolvedActor, get_registry
from tawthiq.plugins import actor_resolvers


class ActorResolver(Protocol):
    def find_mentions(self, text: str) -> list[ActorMention]:
        """Registry words in a text, each with its candidate entries."""

    def resolve(self, mention: str, on: date | None = None) -> ResolvedActor | None:
        """The actor a phrase names on a date, or None when the registry does not know it."""

    def resolve_mention(self, mention: ActorMention,
                        on: date | None = None) -> ResolvedActor | None:
        """The actor a found mention names on a date."""


@actor_resolvers.register("registry")
def registry_actors() -> ActorRegistry:
    """The shipped registry merged with the user's files under ``$TAWTHIQ_HOME/actors``."""
    return get_registry()
