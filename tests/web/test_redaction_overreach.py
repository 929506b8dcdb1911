"""Redaction hides witnesses, not facts (issue #13 item 4): a word wrongly taken for a witness's
name ("War" from "war monitor", a town) is not blacked out wherever it occurs. The spans the
extractor recorded for that "witness" stay redacted; only the search for the same words
elsewhere is narrowed: a name is a capitalised word, and a place of the store is not a name."""

from __future__ import annotations

from datetime import date

from tests.web.sample import WITNESS

from tawthiq.ingest.documents import sha256_hex
from tawthiq.redaction import Redactor
from tawthiq.store.db import session_scope
from tawthiq.store.tables import DocumentRow, PersonRow


def test_a_name_is_matched_where_it_is_written_as_a_name():
    redactor = Redactor(["War", "Samir Haddad"])
    assert redactor.text("A war monitor said so.") == "A war monitor said so."
    assert redactor.text("War said so. Haddad agreed.") == "[witness] said so. [witness] agreed."
    assert redactor.text("HADDAD and haddad") == "[witness] and haddad"
    assert Redactor(["يوسف العلي"]).text("قال يوسف") == "قال [witness]"  # no case in Arabic


def add_report(session, text: str, witness: str | None = None) -> DocumentRow:
    document = DocumentRow(sha256=sha256_hex(text.encode()), raw=text.encode(), text=text,
                           title="Another report", source="Example Wire", language="en",
                           published=date(2024, 3, 4))
    session.add(document)
    session.flush()
    if witness:
        start = text.index(witness)
        session.add(PersonRow(document_id=document.id, role="witness", name=witness,
                              start=start, end=start + len(witness)))
    return document


def test_a_town_taken_for_a_witness_stays_visible_elsewhere(signed_in, sample):
    with session_scope() as session:
        add_report(session, "Douma said the bakery was hit.", witness="Douma")
    viewer = signed_in("viewer")
    page = viewer.client.get(f"/incidents/{sample.market_incident}").text
    assert 'title="Evidence: Location">Douma</mark>' in page  # the town, in the market report
    assert WITNESS not in page and "Haddad" not in page  # the real witness, still hidden


def test_a_common_word_taken_for_a_witness_stays_visible_elsewhere(signed_in, sample):
    with session_scope() as session:
        add_report(session, "War, a monitor, counted the dead.", witness="War")
        report = add_report(session, "The war monitor counted seven dead at the market.")
    viewer = signed_in("viewer")
    page = viewer.client.get(f"/documents/{report.id}").text
    assert "The war monitor counted seven dead" in page
