"""The web app over rows written the way ingest writes them (``save_extract_result`` and
``link_stored_events``), from a hand-made extract result: no extractor needed."""

from __future__ import annotations

from datetime import date

from tawthiq.ingest.documents import make_document
from tawthiq.model import (
    Claim,
    DateRange,
    Event,
    Evidence,
    ExtractResult,
    Fatalities,
    Location,
    Mentions,
    Person,
)
from tawthiq.pipeline import link_stored_events
from tawthiq.store.db import session_scope
from tawthiq.store.repository import save_extract_result
from tawthiq.store.tables import DocumentRow

TEXT = ("An air strike hit a school in Sarmin on 5 May 2024, killing four children, a rescue "
        "group said. Layla Mansour, a teacher, said the planes came twice.")


def stored_report() -> int:
    doc = make_document("r1", TEXT, title="School hit in Sarmin", source="Wire",
                        published="2024-05-05")
    witness = TEXT.index("Layla Mansour")
    said = TEXT.index("the planes came twice")
    result = ExtractResult(
        document=doc,
        events=[Event(event_type="Explosions/Remote violence",
                      sub_event_type="Air/drone strike", means=["air strike"],
                      summary="Air strike on a school in Sarmin kills four children.",
                      date=DateRange(start=date(2024, 5, 5), end=date(2024, 5, 5),
                                     precision="day"),
                      location=Location(mention="Sarmin", name="Sarmin", gazetteer_id="t:1",
                                        latitude=35.9, longitude=36.72, country_code="SY",
                                        admin1="Idlib", feature="locality", geo_precision=1),
                      fatalities=Fatalities(low=4, best=4, high=4, children=4),
                      evidence=[Evidence(field="fatalities", start=TEXT.index("killing"),
                                         end=TEXT.index("children,") + 8)])],
        claims=[Claim(speaker="Layla Mansour", text="the planes came twice", start=said,
                      end=said + len("the planes came twice"), event=0)],
        mentions=Mentions(witnesses=[Person(name="Layla Mansour", start=witness,
                                            end=witness + len("Layla Mansour"))]))
    with session_scope() as session:
        row = DocumentRow(sha256=doc.sha256, raw=TEXT.encode(), text=TEXT, title=doc.title,
                          source=doc.source, published=doc.published)
        session.add(row)
        session.flush()
        events = save_extract_result(session, row, result)
        link_stored_events(session, [e.id for e in events])
        return events[0].incident_id


def test_ingested_rows_show_evidence_and_hide_the_witness(signed_in, sample):
    incident_id = stored_report()
    viewer = signed_in("viewer").client
    page = viewer.get(f"/incidents/{incident_id}").text
    assert "killing four children" in page and "<mark" in page
    assert "Layla" not in page and "Mansour" not in page and "came twice" not in page
    assert viewer.get("/api/incidents?q=school").json()["total"] == 1
    analyst = signed_in("analyst").client
    assert "Layla Mansour" in analyst.get(f"/incidents/{incident_id}").text
