"""Fixtures for the extraction tests: one spaCy pipeline per session, and a small test
gazetteer (a swappable geocoder) so that place logic is tested without an imported one."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pytest

from tawthiq.extract.pipeline import Extractor
from tawthiq.ingest.documents import make_document
from tawthiq.model import ExtractResult, GeoMatch, Location
from tawthiq.resolve import Resolvers

PLACES = {
    # name: (feature, admin1, admin2, country)
    "Kafr Tala": ("locality", "Hama", "Hama", "SY"),
    "Tell Hamra": ("locality", "Hama", "Hama", "SY"),
    "Aleppo": ("locality", "Aleppo", "Jebel Saman", "SY"),
    "Bustan al-Qasr": ("neighbourhood", "Aleppo", "Jebel Saman", "SY"),
    "Idlib": ("region", "Idlib", None, "SY"),
    "Douma": ("locality", "Rif Dimashq", "Douma", "SY"),
    "Iraq": ("country", None, None, "IQ"),
    "Geneva": ("locality", "Geneva", "Geneva", "CH"),
    "Syria": ("country", None, None, "SY"),
}
ROLE_CUES = {"origin": ("from ",), "residence": ("now living in ", "lives in ", "living in "),
             "venue": ("talks in ", "talks held in ", "conference in ")}


@dataclass
class SampleToponym:
    start: int
    end: int
    text: str
    match: GeoMatch | None
    alternatives: list = field(default_factory=list)
    role: str | None = None


class SampleGeocoder:
    """Finds the names of PLACES; marks origin/residence/venue from the words before them."""

    def find_toponyms(self, text: str, doc=None) -> list[SampleToponym]:
        found = []
        for name, (feature, admin1, admin2, country) in PLACES.items():
            start = text.find(name)
            while start >= 0:
                match = GeoMatch(name=name, gazetteer_id=f"test:{name}", country_code=country,
                                 admin1=admin1, admin2=admin2, feature=feature, score=1.0,
                                 latitude=35.0, longitude=36.0)
                before = text[max(0, start - 20):start].lower()
                role = next((r for r, cues in ROLE_CUES.items()
                             if any(before.endswith(c) for c in cues)), None)
                found.append(SampleToponym(start, start + len(name), name, match, role=role))
                start = text.find(name, start + 1)
        return sorted(found, key=lambda t: t.start)

    def to_location(self, toponym: SampleToponym) -> Location:
        m = toponym.match
        return Location(mention=toponym.text, name=m.name, gazetteer_id=m.gazetteer_id,
                        latitude=m.latitude, longitude=m.longitude, country_code=m.country_code,
                        admin1=m.admin1, admin2=m.admin2, feature=m.feature, geo_precision=1)


@pytest.fixture(scope="session")
def nlp():
    from tawthiq.nlp import get_nlp

    return get_nlp()


@pytest.fixture(scope="session")
def extractor(nlp) -> Extractor:
    """The extractor with the test gazetteer and no actor registry (tested by ACTORS)."""
    return Extractor(nlp=nlp, resolvers=Resolvers(places=SampleGeocoder()))


@pytest.fixture(scope="session")
def extract(extractor):
    def run(text: str, published: str | None = "2024-03-13", source: str | None = None
            ) -> ExtractResult:
        doc = make_document("t", text, published=date.fromisoformat(published) if published
                            else None, source=source)
        return extractor.extract(doc)

    return run


@pytest.fixture(scope="session")
def report_tools(tmp_path_factory) -> Resolvers:
    """A real geocoder over the coast gazetteer of ``report_fixtures`` and the registry."""
    from extract.report_fixtures import build_report_home
    from tawthiq.actors import get_registry
    from tawthiq.geo.service import Geocoder

    home = build_report_home(tmp_path_factory.mktemp("coast-home"),
                             tmp_path_factory.mktemp("coast-src"))
    geocoder = Geocoder(home / "gazetteer.sqlite", home / "gazetteer-world.sqlite")
    return Resolvers(places=geocoder, actors=get_registry())


@pytest.fixture(scope="session")
def coast(nlp, report_tools):
    from tawthiq.extract.pipeline import Extractor

    extractor = Extractor(nlp=nlp, resolvers=report_tools)

    def run(text: str, published: date | None = date(2025, 3, 10)):
        return extractor.extract(make_document("p", text, published=published))

    return run
