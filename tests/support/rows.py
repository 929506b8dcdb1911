"""Rows for link/export tests, written straight into the store (no extractor needed)."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from tawthiq.ingest.documents import sha256_hex
from tawthiq.store.tables import (
    ClaimRow,
    DocumentRow,
    EventPerpetratorRow,
    EventRow,
    EvidenceRow,
    PersonRow,
    PlaceRow,
)

WITNESS = "Yusuf Qaddour"


def place(session: Session, gid: str = "wof:1", name: str = "Kafr Nabl", lat: float = 35.61,
          lon: float = 36.56) -> PlaceRow:
    row = session.query(PlaceRow).filter_by(gazetteer_id=gid).one_or_none()
    if row is None:
        row = PlaceRow(gazetteer_id=gid, name=name, latitude=lat, longitude=lon,
                       country_code="SY", admin1="Idlib", admin2="Maarrat an Nu'man",
                       feature="locality")
        session.add(row)
        session.flush()
    return row


def report(session: Session, *, source: str, text: str, day: date, low: int | None,
           best: int | None, high: int | None, reported_by: list[str], gid: str = "wof:1",
           witness: bool = False, event_type: str = "Explosions/Remote violence",
           sub_event_type: str = "Air/drone strike",
           identity: list[str] | None = None, name: str = "Kafr Nabl", lat: float = 35.61,
           lon: float = 36.56) -> EventRow:
    doc = DocumentRow(sha256=sha256_hex(text.encode()), raw=text.encode(), text=text,
                      title=text.split(".")[0], source=source, published=day, language="en")
    session.add(doc)
    session.flush()
    where = place(session, gid, name, lat, lon)
    event = EventRow(document_id=doc.id, ordinal=0, event_type=event_type,
                     sub_event_type=sub_event_type, means=["air strike"],
                     summary=text.split(".")[0] + ".", date_start=day, date_end=day,
                     date_precision="day", place_id=where.id,
                     location={"mention": where.name, "name": where.name, "geo_precision": 1,
                               "feature": "locality", "gazetteer_id": where.gazetteer_id,
                               "latitude": where.latitude, "longitude": where.longitude,
                               "admin1": where.admin1, "country_code": "SY"},
                     victims={"civilian": True, "identity": identity or []},
                     fatalities_low=low, fatalities_best=best,
                     fatalities_high=high, civilians=low, reported_by=reported_by,
                     confidence=0.8)
    session.add(event)
    session.flush()
    session.add(EvidenceRow(event_id=event.id, field="fatalities", start=0, end=10,
                            quote=text[:10]))
    session.add(EventPerpetratorRow(event_id=event.id, name="Russian Armed Forces",
                                    mention="Russian warplanes",
                                    actor_type="External/Other forces",
                                    attributed_by=reported_by[0] if reported_by else None))
    if witness:
        start = text.index(WITNESS)
        session.add(PersonRow(document_id=doc.id, role="witness", name=WITNESS, start=start,
                              end=start + len(WITNESS)))
        session.add(ClaimRow(document_id=doc.id, event_id=event.id, speaker=WITNESS,
                             via=source, text=f"{WITNESS} said the plane circled twice.",
                             start=start, end=start + 40))
    session.flush()
    return event
