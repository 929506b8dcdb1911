"""The composition point and the resolve stage: parts chosen by settings, languages routed to
their extractor, bare mentions resolved, failures loud."""

from __future__ import annotations

from datetime import date

import pytest

from tawthiq import pipeline
from tawthiq.actors import ResolvedActor
from tawthiq.errors import BadInput
from tawthiq.geo.service import Toponym
from tawthiq.ingest.documents import make_document
from tawthiq.model import (
    DateRange,
    Event,
    ExtractResult,
    GeocodeResult,
    GeoMatch,
    Location,
    Perpetrator,
)
from tawthiq.plugins import extractors
from tawthiq.resolve import Resolvers, load_resolvers, resolve_result
from tawthiq.settings import Settings, use_settings

HAMA_VILLAGE = GeoMatch(name="Kafr Tala", gazetteer_id="test:1", latitude=35.1, longitude=36.5,
                        country_code="SY", admin1="Hama", admin2="Hama", feature="locality",
                        score=0.97)


class OnePlace:
    """A stand-in place resolver knowing one village, recording the hints it was given."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, str | None, str | None]] = []

    def find_toponyms(self, text, doc=None):
        return []

    def geocode(self, name, *, country=None, admin1=None):
        self.asked.append((name, country, admin1))
        return GeocodeResult(name=name, match=HAMA_VILLAGE if name == "كفر طلا" else None)

    def to_location(self, toponym: Toponym) -> Location:
        m = toponym.match
        return Location(mention=toponym.text, name=m.name, gazetteer_id=m.gazetteer_id,
                        latitude=m.latitude, longitude=m.longitude, country_code=m.country_code,
                        admin1=m.admin1, admin2=m.admin2, feature=m.feature, geo_precision=1)


class DatedActors:
    """A stand-in registry: "the army" is one actor before 2024 and another after."""

    def find_mentions(self, text):
        return []

    def resolve(self, mention, on=None):
        if mention != "the army":
            return None
        name = "Old Army" if on and on.year < 2024 else "New Army"
        return ResolvedActor(name=name, actor_type="State forces", affiliation=["State"],
                             vdc_class=None, source="test")

    def resolve_mention(self, mention, on=None):
        return None


def _event(mention: str, *, located: bool = False, actor: str | None = None,
           on: date = date(2025, 3, 7)) -> Event:
    location = (Location(mention="Hama", name="Hama", gazetteer_id="test:hama",
                         country_code="SY", admin1="Hama") if located
                else Location(mention=mention, name=mention))
    perps = [Perpetrator(name=actor, mention=actor)] if actor else []
    return Event(event_type="Violence against civilians", sub_event_type="Attack",
                 location=location, perpetrators=perps,
                 date=DateRange(start=on, end=on, precision="day"))


def test_bare_place_mention_is_resolved_with_the_reports_other_places_as_hints():
    places = OnePlace()
    doc = make_document("t", "text")
    result = ExtractResult(document=doc, events=[_event("كفر طلا"), _event("", located=True)])
    resolved = resolve_result(result, Resolvers(places=places))
    assert resolved.events[0].location.gazetteer_id == "test:1"
    assert resolved.events[0].location.mention == "كفر طلا"
    assert places.asked == [("كفر طلا", "SY", "Hama")]


def test_a_name_the_gazetteer_does_not_know_stays_as_written():
    result = ExtractResult(document=make_document("t", "text"), events=[_event("Nowhere")])
    resolved = resolve_result(result, Resolvers(places=OnePlace()))
    assert resolved.events[0].location == Location(mention="Nowhere", name="Nowhere")


def test_actor_left_as_written_is_resolved_on_its_events_date():
    doc = make_document("t", "text")
    result = ExtractResult(document=doc, events=[
        _event("x", located=True, actor="the army", on=date(2016, 5, 1)),
        _event("x", located=True, actor="the army", on=date(2025, 3, 7)),
        _event("x", located=True, actor="masked men")])
    events = resolve_result(result, Resolvers(actors=DatedActors())).events
    assert [[p.name for p in e.perpetrators] for e in events] == [
        ["Old Army"], ["New Army"], ["masked men"]]
    assert events[0].perpetrators[0].mention == "the army"
    assert events[2].perpetrators[0].actor_type == "Unidentified"


def test_nothing_to_resolve_returns_the_result_itself():
    result = ExtractResult(document=make_document("t", "text"),
                           events=[_event("", located=True)])
    assert resolve_result(result, Resolvers(places=OnePlace(), actors=DatedActors())) is result


def test_an_unregistered_part_is_an_error_naming_the_setting(tmp_home):
    use_settings(Settings(home=tmp_home, place_resolver="no-such-gazetteer"))
    with pytest.raises(BadInput) as caught:
        load_resolvers()
    assert "TAWTHIQ_PLACE_RESOLVER" in caught.value.one_line()
    assert "gazetteer" in caught.value.one_line()     # the registered choices are named


class Shouting:
    """A stand-in extractor for a made-up language: one event per document."""

    resolvers = Resolvers()

    def extract(self, doc):
        return ExtractResult(document=doc, events=[_event("", located=True)])


@pytest.fixture
def shouting_registered():
    extractors.register("shouting-test", func=lambda resolvers: Shouting())
    yield
    extractors.get_all().pop("shouting-test", None)


def test_documents_go_to_the_extractor_of_their_language_in_input_order(
        tmp_home, shouting_registered, monkeypatch):
    use_settings(Settings(home=tmp_home, extractors={"xx": "shouting-test"}))
    monkeypatch.setattr(pipeline.Extraction, "resolvers", Resolvers())
    docs = [make_document(str(i), f"report {i}", language=lang)
            for i, lang in enumerate(["xx", "yy", "xx"])]
    results = list(pipeline.Extraction().extract_many(docs))
    assert [r.document.id for r in results] == ["0", "1", "2"]
    assert [len(r.events) for r in results] == [1, 0, 1]   # no pipeline reads "yy"


def test_an_extractor_setting_naming_nothing_registered_is_an_error(tmp_home, monkeypatch):
    use_settings(Settings(home=tmp_home, extractors={"xx": "not-registered"}))
    monkeypatch.setattr(pipeline.Extraction, "resolvers", Resolvers())
    with pytest.raises(BadInput, match="not-registered"):
        list(pipeline.Extraction().extract_many([make_document("1", "t", language="xx")]))
