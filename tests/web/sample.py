"""A small store for the web tests, written straight into the tables (no extractor): three
reports (one in Arabic) about two incidents, with evidence spans, claims, a named victim and
witnesses whose names must never reach a viewer. Invented text, invented people."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from tawthiq.ingest.documents import sha256_hex
from tawthiq.pipeline import refresh_incidents
from tawthiq.review.users import add_user_in
from tawthiq.store.tables import (
    ClaimRow,
    DocumentRow,
    EventPerpetratorRow,
    EventRow,
    EvidenceRow,
    IncidentRow,
    PersonRow,
    PlaceRow,
)

WITNESS = "Samir Haddad"
WITNESS_AR = "يوسف العلي"
VICTIM = "Rana Khalil"
PASSWORDS = {"admin": "admin-pass-1", "analyst": "analyst-pass-1", "viewer": "viewer-pass-1"}

MARKET_EN = (
    "Shelling hit the vegetable market in Douma on 3 March 2024, killing seven civilians, "
    "according to the Syrian Network for Human Rights. Government forces fired the shells, "
    "the network said. Samir Haddad, a shopkeeper who saw the attack, said the second shell "
    "struck the bread queue. Haddad later helped carry the wounded. Among the dead was "
    "Rana Khalil, 9.")
MARKET_AR = (
    "قُتل ستة مدنيين في قصف على سوق دوما يوم 3 آذار 2024. "
    "وقال الشاهد يوسف العلي إن القذائف سقطت قرب الفرن.")
CHECKPOINT_EN = (
    "Two men were shot dead at a checkpoint near Jisr al-Shughur on 10 March 2024, a local "
    "monitor reported. Witnesses blamed an unidentified armed group.")


@dataclass
class Sample:
    market_incident: int
    checkpoint_incident: int
    market_event: int
    market_event_ar: int
    checkpoint_event: int
    market_document: int
    arabic_document: int
    checkpoint_document: int


def _span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def _document(session: Session, text: str, title: str, source: str, day: date,
              language: str = "en") -> DocumentRow:
    row = DocumentRow(sha256=sha256_hex(text.encode()), raw=text.encode(), text=text,
                      title=title, source=source, published=day, language=language,
                      filename=f"{source.lower().replace(' ', '-')}.txt",
                      media_type="text/plain", ingested_by="system:test")
    session.add(row)
    session.flush()
    return row


def _event(session: Session, doc: DocumentRow, place: PlaceRow, evidence: dict[str, str],
           **values) -> EventRow:
    event = EventRow(document_id=doc.id, ordinal=0, place_id=place.id,
                     location={"mention": place.name, "name": place.name, "feature": "locality"},
                     date_precision="day", confidence=0.8, extractor="test", **values)
    session.add(event)
    session.flush()
    for field, words in evidence.items():
        start, end = _span(doc.text, words)
        session.add(EvidenceRow(event_id=event.id, field=field, start=start, end=end,
                                quote=words))
    return event


def _witness(session: Session, doc: DocumentRow, event: EventRow, name: str,
             said: str) -> None:
    start, end = _span(doc.text, name)
    session.add(PersonRow(document_id=doc.id, event_id=event.id, role="witness", name=name,
                          start=start, end=end))
    c_start, c_end = _span(doc.text, said)
    session.add(ClaimRow(document_id=doc.id, event_id=event.id, speaker=name, text=said,
                         start=c_start, end=c_end))


def populate(session: Session) -> Sample:
    douma = PlaceRow(gazetteer_id="wof:101", name="Douma", latitude=33.5711, longitude=36.4022,
                     country_code="SY", admin1="Rif Dimashq", admin2="Douma",
                     feature="locality")
    jisr = PlaceRow(gazetteer_id="wof:102", name="Jisr al-Shughur", latitude=35.8126,
                    longitude=36.3178, country_code="SY", admin1="Idlib",
                    admin2="Jisr al-Shughur", feature="locality")
    session.add_all([douma, jisr])
    session.flush()

    market = _document(session, MARKET_EN, "Shelling kills seven at Douma market",
                       "Example Wire", date(2024, 3, 3))
    market_event = _event(
        session, market, douma,
        {"event_type": "Shelling hit the vegetable market", "location": "Douma",
         "date": "3 March 2024", "fatalities": "killing seven civilians",
         "perpetrators": "Government forces fired the shells",
         "reported_by": "Syrian Network for Human Rights", "means": "Shelling",
         "victims": "Rana Khalil, 9"},
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack", means=["shelling"],
        summary="Shelling of Douma market kills seven civilians.",
        date_start=date(2024, 3, 3), date_end=date(2024, 3, 3),
        victims={"civilian": True, "description": "civilians at the market",
                 "named": [{"name": VICTIM, "age": 9}]},
        fatalities_low=7, fatalities_best=7, fatalities_high=7, civilians=7,
        reported_by=["Syrian Network for Human Rights"])
    session.add(EventPerpetratorRow(event_id=market_event.id, name="Syrian Arab Army",
                                    mention="Government forces", actor_type="State forces",
                                    attributed_by="Syrian Network for Human Rights"))
    _witness(session, market, market_event, WITNESS,
             "the second shell struck the bread queue")
    session.add(PersonRow(document_id=market.id, event_id=market_event.id, role="victim",
                          name=VICTIM, age=9, sex="f", start=_span(MARKET_EN, VICTIM)[0],
                          end=_span(MARKET_EN, VICTIM)[1]))

    arabic = _document(session, MARKET_AR, "قصف سوق دوما", "Arabic Example", date(2024, 3, 3),
                       language="ar")
    market_event_ar = _event(
        session, arabic, douma,
        {"fatalities": "قُتل ستة مدنيين", "location": "سوق دوما"},
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack", means=["shelling"],
        summary="قصف سوق دوما", date_start=date(2024, 3, 3), date_end=date(2024, 3, 3),
        victims={"civilian": True}, fatalities_low=6, fatalities_best=6, fatalities_high=6,
        reported_by=[])
    _witness(session, arabic, market_event_ar, WITNESS_AR, "القذائف سقطت قرب الفرن")

    checkpoint = _document(session, CHECKPOINT_EN, "Two shot at checkpoint", "Local Monitor",
                           date(2024, 3, 10))
    checkpoint_event = _event(
        session, checkpoint, jisr,
        {"fatalities": "Two men were shot dead", "location": "Jisr al-Shughur",
         "date": "10 March 2024", "perpetrators": "an unidentified armed group"},
        event_type="Violence against civilians", sub_event_type="Attack", means=["gunfire"],
        summary="Two men shot dead at a checkpoint near Jisr al-Shughur.",
        date_start=date(2024, 3, 10), date_end=date(2024, 3, 10),
        victims={"civilian": True, "description": "two men"},
        fatalities_low=2, fatalities_best=2, fatalities_high=2, reported_by=["local monitor"])
    session.add(EventPerpetratorRow(event_id=checkpoint_event.id, name="Unidentified armed group",
                                    mention="an unidentified armed group",
                                    actor_type="Unidentified", attributed_by="Witnesses"))
    session.flush()

    market_incident = IncidentRow(title="Shelling of Douma market")
    checkpoint_incident = IncidentRow(title=None)
    session.add_all([market_incident, checkpoint_incident])
    session.flush()
    market_event.incident_id = market_incident.id
    market_event_ar.incident_id = market_incident.id
    checkpoint_event.incident_id = checkpoint_incident.id
    session.flush()
    refresh_incidents(session, [market_incident.id, checkpoint_incident.id])
    for role, password in PASSWORDS.items():
        add_user_in(session, role, role, password, by="system:test")
    session.flush()
    return Sample(market_incident.id, checkpoint_incident.id, market_event.id,
                  market_event_ar.id, checkpoint_event.id, market.id, arabic.id, checkpoint.id)
