"""Viewers search the reports as they may read them (issue #13 item 4): over the text with
witness names redacted, so that no prefix, phrase or other form of a name can tell which
reports name a witness. Analysts search the whole text."""

from __future__ import annotations

from datetime import date

import pytest
from tests.web.sample import WITNESS

from tawthiq.ingest.documents import sha256_hex
from tawthiq.store.db import session_scope
from tawthiq.store.tables import DocumentRow, EventRow, PersonRow

SURNAME = WITNESS.split()[1]  # "Haddad"


def total(client, q: str) -> int:
    return client.client.get("/api/incidents", params={"q": q}).json()["total"]


@pytest.mark.parametrize("q", [f"{SURNAME[:4]}*", f"{SURNAME[:-1]}*", f"{WITNESS.split()[0]}*",
                               f"{SURNAME.lower()[:3]}*", "Sami* Hadd*", f'"{WITNESS}"',
                               f'"{SURNAME[:3]}*"', f"{WITNESS.split()[0]} {SURNAME[:2]}*"])
def test_a_prefix_of_a_witness_name_finds_nothing_for_a_viewer(signed_in, sample, q):
    viewer, analyst = signed_in("viewer"), signed_in("analyst")
    assert total(viewer, q) == 0
    assert total(analyst, q) == 1


@pytest.mark.parametrize("q", [f"NEAR({WITNESS})", f"NEAR({SURNAME[:3]}* shopkeeper)",
                               f"{SURNAME} OR shopkeeper", f"shopkeeper NOT {SURNAME}"])
def test_query_syntax_cannot_reach_a_witness_name(signed_in, sample, q):
    """NEAR, OR and NOT are words like any other (never FTS5 syntax): a viewer's query that
    names the witness finds nothing, whatever operators surround the name."""
    viewer = signed_in("viewer")
    assert total(viewer, q) == 0


def test_words_beside_the_name_are_still_found(signed_in, sample):
    viewer = signed_in("viewer")
    assert total(viewer, "shopkeeper") == 1
    assert total(viewer, "shopk*") == 1


def test_a_witness_named_later_is_redacted_from_earlier_reports(signed_in, sample):
    """The victim "Rana Khalil" of the market report becomes a witness's name in a new
    report: from then on a viewer's search cannot find the market report by it."""
    viewer = signed_in("viewer")
    assert total(viewer, "Khal*") == 1
    text = "Khalil Rana, a teacher, said she saw the convoy pass at dawn."
    with session_scope() as session:
        document = DocumentRow(sha256=sha256_hex(text.encode()), raw=text.encode(), text=text,
                               title="Convoy seen at dawn", source="Example Wire",
                               published=date(2024, 3, 5), language="en")
        session.add(document)
        session.flush()
        session.add(PersonRow(document_id=document.id, role="witness", name="Khalil Rana",
                              start=0, end=11))
        session.flush()
        assert session.get(EventRow, sample.market_event) is not None
    assert total(viewer, "Khal*") == 0
    assert total(viewer, "Ran*") == 0
    assert total(signed_in("analyst"), "Khal*") == 1


def test_many_reports_waiting_are_indexed_in_the_background(signed_in, sample, monkeypatch):
    """A viewer's search never waits for thousands of reports to be indexed: it is told to
    come back, and the index is brought up to date meanwhile."""
    from tawthiq.store import redacted
    from tawthiq.web import queries

    monkeypatch.setattr(queries, "INLINE_INDEXING_MOST", 0)
    viewer = signed_in("viewer")
    text = "A second report about the vegetable market, by a monitor."
    with session_scope() as session:
        session.add(DocumentRow(sha256=sha256_hex(text.encode()), raw=text.encode(), text=text,
                                title="Market again", source="Monitor", language="en"))
    answer = viewer.client.get("/api/incidents", params={"q": "vegetable"})
    assert answer.status_code == 503 and "search index" in answer.json()["message"]
    for worker in list(redacted._background.values()):
        worker.join(timeout=10)
    assert total(viewer, "vegetable") == 1
    assert total(viewer, "Hadd*") == 0
