"""Place mentions -> gazetteer places, behind one small protocol.

The default resolver is the gazetteer geocoder (``tawthiq.geo``: imported gazetteers plus the
worldwide default). Extraction uses it twice: to find which capitalised words of a report are
places at all (the gazetteer is the lexicon of place names) and to turn the chosen mention into
the contract's ``Location``; the resolve stage uses it for mentions an extractor left unlocated.
"""

from __future__ import annotations

from typing import Any, Protocol

from tawthiq.geo.service import Geocoder, admin_key, get_geocoder
from tawthiq.model import Location
from tawthiq.plugins import place_resolvers


class PlaceResolver(Protocol):
    def find_toponyms(self, text: str, doc: Any = None) -> list[Any]:
        """Place mentions of a text with their readings (``geo.service.Toponym``-like)."""

    def to_location(self, toponym: Any) -> Location:
        """The contract location of one mention (unresolved: its name is the words)."""

    def geocode(self, name: str, *, country: str | None = None,
                admin1: str | None = None) -> Any:
        """Readings of a bare name (``GeocodeResult``: ``match`` and ``alternatives``)."""


def region_key(name: str | None) -> str | None:
    """A comparable key of a governorate name ("Hama province", "Hamah" -> one key)."""
    return admin_key(name)


@place_resolvers.register("gazetteer")
def gazetteer_places() -> Geocoder:
    """The process-wide geocoder over the home's imported gazetteers and the worldwide index."""
    return get_geocoder()
