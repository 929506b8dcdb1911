"""tawthiq.resolve: mentions -> gazetteer places and registry actors.

Two swappable parts, named by settings among the functions registered in
``tawthiq.plugins`` (``TAWTHIQ_PLACE_RESOLVER``, default ``gazetteer``;
``TAWTHIQ_ACTOR_RESOLVER``, default ``registry``):

- ``places`` (``resolve.places.PlaceResolver``): which words of a report are places, and
  where each is;
- ``actors`` (``resolve.actors.ActorResolver``): which words name an armed actor, and which
  actor they named on the incident's date.

An extractor gets them explicitly (``Resolvers``), because finding the incident's place needs
the gazetteer while reading. The pipeline's resolve stage, ``resolve_result``, then finishes
what an extractor left as bare words: a location with no gazetteer reading is looked up with
the report's other places as hints, and a perpetrator left as written is resolved against the
registry on its event's date. A part that cannot load raises; nothing is skipped silently.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from tawthiq.geo.service import Toponym
from tawthiq.model import Event, ExtractResult, Location, Perpetrator
from tawthiq.plugins import actor_resolvers, chosen, place_resolvers
from tawthiq.resolve.actors import ActorResolver
from tawthiq.resolve.places import PlaceResolver, region_key
from tawthiq.settings import get_settings

__all__ = [
    "ActorResolver",
    "PlaceResolver",
    "Resolvers",
    "load_resolvers",
    "region_key",
    "resolve_result",
]


@dataclass(frozen=True)
class Resolvers:
    """The parts an extractor resolves with. ``None`` is an explicit choice (a harness that
    scores extraction without a gazetteer or registry), never the result of a failed load."""

    places: PlaceResolver | None = None
    actors: ActorResolver | None = None


def load_resolvers() -> Resolvers:
    """The parts the settings name, loaded now: a broken gazetteer or registry file raises."""
    settings = get_settings()
    places = chosen(place_resolvers, settings.place_resolver, "TAWTHIQ_PLACE_RESOLVER")
    actors = chosen(actor_resolvers, settings.actor_resolver, "TAWTHIQ_ACTOR_RESOLVER")
    return Resolvers(places=places(), actors=actors())


def resolve_result(result: ExtractResult, resolvers: Resolvers) -> ExtractResult:
    """The result with every location and perpetrator it can resolve resolved."""
    hints = _place_hints(result.events)
    events = [_resolved_event(event, resolvers, hints) for event in result.events]
    if all(new is old for new, old in zip(events, result.events, strict=True)):
        return result
    return result.model_copy(update={"events": events})


@dataclass(frozen=True)
class _Hints:
    country: str | None
    admin1: str | None


def _place_hints(events: list[Event]) -> _Hints:
    """The report's own context: the country and governorate most of its resolved places lie in."""
    located = [e.location for e in events if e.location and e.location.gazetteer_id]
    countries = Counter(loc.country_code for loc in located if loc.country_code)
    regions = Counter(loc.admin1 for loc in located if loc.admin1)
    country = countries.most_common(1)[0][0] if countries else None
    admin1 = regions.most_common(1)[0][0] if len(regions) == 1 else None
    return _Hints(country=country, admin1=admin1)


def _resolved_event(event: Event, resolvers: Resolvers, hints: _Hints) -> Event:
    update: dict = {}
    location = event.location
    if resolvers.places is not None and location is not None and not location.gazetteer_id:
        found = _locate(location, resolvers.places, hints)
        if found is not None:
            update["location"] = found
    on = event.date.start if event.date else None
    if resolvers.actors is not None and any(_unresolved(p) for p in event.perpetrators):
        update["perpetrators"] = [_resolve_actor(p, resolvers.actors, on)
                                  for p in event.perpetrators]
    return event.model_copy(update=update) if update else event


def _locate(location: Location, places: PlaceResolver, hints: _Hints) -> Location | None:
    """A bare mention looked up with the report's country and governorate as hints."""
    result = places.geocode(location.mention, country=hints.country, admin1=hints.admin1)
    if result.match is None:
        return None
    toponym = Toponym(start=0, end=len(location.mention), text=location.mention,
                      match=result.match, alternatives=list(result.alternatives))
    return places.to_location(toponym)


def _unresolved(perpetrator: Perpetrator) -> bool:
    return perpetrator.actor_type == "Unidentified" and perpetrator.name == perpetrator.mention


def _resolve_actor(perpetrator: Perpetrator, actors: ActorResolver,
                   on: date | None) -> Perpetrator:
    if not _unresolved(perpetrator):
        return perpetrator
    actor = actors.resolve(perpetrator.mention, on)
    if actor is None:
        return perpetrator
    return perpetrator.model_copy(update={"name": actor.name, "actor_type": actor.actor_type,
                                          "affiliation": list(actor.affiliation)})
