"""repository: an ExtractResult saved and read back is the same Event; places and actors are
shared; persons keep their roles; claims point at their event; current events exclude
rejected and superseded ones."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from tawthiq.errors import NotFound
from tawthiq.ingest.documents import make_document, sha256_hex
from tawthiq.model import (
    Claim,
    DateRange,
    Event,
    Evidence,
    ExtractResult,
    Fatalities,
    Injuries,
    Location,
    Mentions,
    Perpetrator,
    Person,
    Victims,
)
from tawthiq.store import repository as repo
from tawthiq.store import session_scope
from tawthiq.store.tables import ActorRow, ClaimRow, DocumentRow, PersonRow, PlaceRow

TEXT = ("On 3 March, an air strike hit the market of Kafr Nabl, killing 9 civilians including "
        "2 children, the Syrian Observatory said. Local witness Hana Darwish said government "
        "jets were overhead. A second raid hit Hass.")


def span(words: str) -> tuple[int, int]:
    start = TEXT.index(words)
    return start, start + len(words)


def full_event() -> Event:
    place = Location(mention="Kafr Nabl", name="Kafr Nabl", gazetteer_id="wof:101",
                     latitude=35.61, longitude=36.56, country_code="SY", admin1="Idlib",
                     admin2="Maarrat an Nu'man", feature="locality", geo_precision=1)
    return Event(
        event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
        means=["air strike"], summary="An air strike hit the market of Kafr Nabl.",
        date=DateRange(start=date(2019, 3, 3), end=date(2019, 3, 3), precision="day"),
        location=place,
        perpetrators=[Perpetrator(name="Syrian Arab Air Force", mention="government jets",
                                  actor_type="State forces",
                                  affiliation=["Syrian Arab Armed Forces"],
                                  attributed_by="Hana Darwish")],
        victims=Victims(description="civilians", civilian=True, identity=[],
                        named=[Person(name="Omar", age=7, sex="m", start=None, end=None)]),
        fatalities=Fatalities(low=9, best=9, high=9, civilians=9, children=2),
        injuries=Injuries(),
        reported_by=["Syrian Observatory for Human Rights"],
        evidence=[Evidence(field="location", start=span("Kafr Nabl")[0],
                           end=span("Kafr Nabl")[1]),
                  Evidence(field="fatalities", start=span("killing 9 civilians")[0],
                           end=span("killing 9 civilians")[1])],
        confidence=0.8)


def second_event() -> Event:
    return Event(event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
                 location=Location(mention="Hass", name="Hass"),
                 perpetrators=[Perpetrator(name="Syrian Arab Air Force", mention="raid")],
                 evidence=[Evidence(field="location", start=span("Hass")[0],
                                    end=span("Hass")[1])])


def result_for(text: str, events: list[Event]) -> ExtractResult:
    witness_start, witness_end = span("Hana Darwish")
    return ExtractResult(
        document=make_document("doc-1", text),
        events=events,
        claims=[Claim(speaker="Syrian Observatory", text="killing 9 civilians", start=0, end=5,
                      event=0),
                Claim(speaker="Hana Darwish", text="government jets were overhead",
                      start=1, end=2, event=None),
                Claim(speaker="someone", text="x", start=0, end=1, event=9)],
        mentions=Mentions(witnesses=[Person(name="Hana Darwish", sex="f", start=witness_start,
                                            end=witness_end)]))


def store(session, text: str, events: list[Event], suffix: str = ""):
    doc = DocumentRow(sha256=sha256_hex((text + suffix).encode()), raw=text.encode(), text=text,
                      media_type="text/plain")
    session.add(doc)
    session.flush()
    return doc, repo.save_extract_result(session, doc, result_for(text, events),
                                         extractor="test")


def test_saved_event_reads_back_as_the_same_event(tmp_home):
    events = [full_event(), second_event()]
    with session_scope() as session:
        _, rows = store(session, TEXT, events)
        ids = [r.id for r in rows]
    with session_scope() as session:
        current = list(repo.iter_current_events(session))
        assert [e.id for e in current] == ids
        assert [repo.event_to_model(e) for e in current] == events
        quotes = [(e.field, e.quote) for e in current[0].evidence]
        assert quotes == [("location", "Kafr Nabl"), ("fatalities", "killing 9 civilians")]
        assert current[0].extractor == "test" and current[0].ordinal == 0


def test_places_and_actors_are_shared_and_persons_keep_roles(tmp_home):
    with session_scope() as session:
        doc1, rows1 = store(session, TEXT, [full_event(), second_event()])
        doc2, rows2 = store(session, TEXT, [full_event()], suffix="again")
        assert rows1[0].place_id == rows2[0].place_id is not None
        assert rows1[1].place_id is None              # no gazetteer id: no shared place
        assert session.scalar(select(func.count()).select_from(PlaceRow)) == 1
        actors = session.scalars(select(ActorRow)).all()
        assert [(a.name, a.actor_type) for a in actors] == [("Syrian Arab Air Force",
                                                             "State forces")]
        roles = session.execute(select(PersonRow.role, PersonRow.name, PersonRow.event_id)
                                .where(PersonRow.document_id == doc1.id)
                                .order_by(PersonRow.id)).all()
        assert [tuple(r) for r in roles] == [("victim", "Omar", rows1[0].id),
                                             ("witness", "Hana Darwish", None)]
        assert [w.name for w in repo.witnesses_of(session, doc1.id)] == ["Hana Darwish"]
        claims = session.execute(select(ClaimRow.speaker, ClaimRow.event_id)
                                 .where(ClaimRow.document_id == doc1.id)
                                 .order_by(ClaimRow.id)).all()
        assert [tuple(c) for c in claims] == [("Syrian Observatory", rows1[0].id),
                                              ("Hana Darwish", None), ("someone", None)]


def test_current_events_skip_rejected_and_superseded(tmp_home):
    with session_scope() as session:
        doc, rows = store(session, TEXT, [full_event(), second_event()])
        rows[0].status = "rejected"
        session.flush()
        assert [e.id for e in repo.iter_current_events(session)] == [rows[1].id]
        assert [e.id for e in repo.iter_current_events(session, document_id=doc.id + 1)] == []
        rows[0].status = "accepted"
        rows[1].superseded_by = rows[0].id
        session.flush()
        assert [e.id for e in repo.iter_current_events(session)] == [rows[0].id]


def test_document_text_and_missing_document(tmp_home):
    with session_scope() as session:
        doc, _ = store(session, TEXT, [])
        assert repo.document_text(session, doc.id) == TEXT
        assert repo.find_document_ids(session, [doc.sha256, "0" * 64]) == {doc.sha256: doc.id}
        with pytest.raises(NotFound):
            repo.document_text(session, doc.id + 100)


def test_quote_outside_the_text_is_empty():
    assert repo.quote("abc", 1, 3) == "bc"
    assert repo.quote("abc", 2, 9) == ""
    assert repo.quote("abc", -1, 2) == ""


def test_event_without_location_row_reads_place_row(tmp_home):
    """An analyst may set a place on an event that had no location."""
    with session_scope() as session:
        _, rows = store(session, TEXT, [second_event()])
        place = PlaceRow(gazetteer_id="geonames:1", name="Hass", feature="locality")
        rows[0].location = None
        rows[0].place = place
        session.flush()
        assert repo.event_to_model(rows[0]).location == Location(
            mention="Hass", name="Hass", gazetteer_id="geonames:1", feature="locality")
