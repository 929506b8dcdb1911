"""A Latin-script report in another language, ingested the ordinary way (the default language
is English), is withheld whole from a viewer on its page, in the JSON API and in search, and
the extractor draws no events from it: a witness named in it could not have been recorded."""

from __future__ import annotations

from sqlalchemy import select
from tests.web.test_witness_protection import without_echo

from tawthiq import api
from tawthiq.settings import Settings
from tawthiq.store.db import session_scope
from tawthiq.store.tables import DocumentRow, EventRow

WITNESS_FR = "Mireille Vautrin"
REPORT_FR = (f"Des hommes armés ont tué quatre bergers lundi près du village de Kafr Zeitoun, "
             f"selon les habitants. {WITNESS_FR}, une voisine, a déclaré qu'elle avait entendu "
             f"des tirs pendant une heure avant l'aube, puis que les secours étaient arrivés "
             f"trop tard pour les blessés du marché.")


def _ingest_french(tmp_path, home) -> int:
    path = tmp_path / "rapport.txt"
    path.write_text(REPORT_FR + "\n", encoding="utf-8")
    outcomes = api.ingest([path])
    assert len(outcomes) == 1
    with session_scope(Settings(home=home).db_url) as session:
        row = session.execute(select(DocumentRow)
                              .where(DocumentRow.language == "fr")).scalar_one()
        events = session.execute(select(EventRow).where(EventRow.document_id == row.id)).all()
        assert events == []  # the extractor reads English only: no events, no misreading
        return row.id


def test_a_french_report_is_withheld_from_a_viewer_everywhere(tmp_path, web_home, signed_in):
    document_id = _ingest_french(tmp_path, web_home)
    viewer = signed_in("viewer").client
    page = viewer.get(f"/documents/{document_id}")
    data = viewer.get(f"/api/documents/{document_id}")
    assert page.status_code == 200 and data.status_code == 200
    for body in (page.text, data.text):
        assert "not yet analysed for witness names" in body
        assert "Vautrin" not in body and "bergers" not in body
    assert data.json()["withheld"] is True
    for query in ("Vautrin", "bergers"):
        assert viewer.get(f"/api/incidents?q={query}").json()["total"] == 0
        url = f"/incidents?q={query}"
        assert "Vautrin" not in without_echo(url, viewer.get(url).text)
    assert viewer.get(f"/documents/{document_id}/raw").status_code == 403
    analyst = signed_in("analyst").client
    assert WITNESS_FR in analyst.get(f"/api/documents/{document_id}").json()["text"]
