"""The review workflow: edits write revisions, nothing is deleted, every change is audited."""

from __future__ import annotations

from sqlalchemy import select

from tawthiq.store.db import session_scope
from tawthiq.store.tables import AuditEntryRow, EventRow, EvidenceRow, IncidentRow


def test_an_inconsistent_edit_is_refused_and_nothing_changes(signed_in, sample):
    analyst = signed_in("analyst")
    response = analyst.post(f"/events/{sample.checkpoint_event}/edit",
                            {"field": "fatalities_best", "value": "3"})
    # low and high stay 2: 2 <= 3 <= 2 does not hold, so the edit is refused
    assert response.status_code == 400 and "low &lt;= best &lt;= high" in response.text
    with session_scope() as session:
        event = session.get(EventRow, sample.checkpoint_event)
        assert event.superseded_by is None and event.fatalities_best == 2


def test_edit_history_before_and_after(signed_in, sample):
    analyst = signed_in("analyst")
    for field, value in (("fatalities_high", "4"), ("fatalities_best", "3")):
        event_id = current_event(sample.checkpoint_incident)
        assert analyst.post(f"/events/{event_id}/edit",
                            {"field": field, "value": value}).status_code == 303
    with session_scope() as session:
        rows = session.scalars(select(EventRow).where(
            EventRow.document_id == sample.checkpoint_document).order_by(EventRow.revision)).all()
        assert [r.revision for r in rows] == [0, 1, 2]
        assert [r.status for r in rows[:2]] == ["superseded", "superseded"]
        assert rows[0].superseded_by == rows[1].id and rows[2].fatalities_best == 3
        assert len(session.scalars(select(EvidenceRow).where(
            EvidenceRow.event_id == rows[2].id)).all()) == 4
        incident = session.get(IncidentRow, sample.checkpoint_incident)
        assert (incident.fatalities_best, incident.fatalities_high) == (3, 4)
        entries = session.scalars(select(AuditEntryRow).where(
            AuditEntryRow.action == "edit")).all()
        assert [(e.actor, e.field, e.before, e.after) for e in entries] == [
            ("analyst", "fatalities_high", 2, 4), ("analyst", "fatalities_best", 2, 3)]
    page = analyst.client.get(f"/incidents/{sample.checkpoint_incident}").text
    assert "fatalities_best" in page and "History" in page


def current_event(incident_id: int) -> int:
    with session_scope() as session:
        return session.scalar(select(EventRow.id).where(EventRow.incident_id == incident_id,
                                                        EventRow.superseded_by.is_(None)))


def test_editing_a_superseded_revision_is_a_conflict(signed_in, sample):
    analyst = signed_in("analyst")
    url = f"/api/events/{sample.checkpoint_event}"
    assert analyst.json("PATCH", url, {"field": "summary", "value": "first"}).status_code == 200
    second = analyst.json("PATCH", url, {"field": "summary", "value": "second"})
    assert second.status_code == 409 and "superseded" in second.json()["message"]


def test_bad_edits_are_refused_with_the_field_named(signed_in, sample):
    analyst = signed_in("analyst")
    url = f"/api/events/{sample.checkpoint_event}"
    for body, field in (({"field": "event_type", "value": "Picnic"}, "event_type"),
                        ({"field": "date_start", "value": "yesterday"}, "date_start"),
                        ({"field": "fatalities_best", "value": -1}, "fatalities_best"),
                        ({"field": "id", "value": 5}, "field"),
                        ({"field": "means", "value": ["laser"]}, "means")):
        response = analyst.json("PATCH", url, body)
        assert response.status_code == 400 and field in response.json()["message"], body


def test_reject_and_accept_events(signed_in, sample):
    analyst = signed_in("analyst")
    response = analyst.json("POST", f"/api/events/{sample.market_event_ar}/status",
                            {"status": "rejected"})
    assert response.status_code == 200
    with session_scope() as session:
        incident = session.get(IncidentRow, sample.market_incident)
        assert incident.fatalities_best == 7  # the rejected report's 6 no longer counts
        assert session.get(EventRow, sample.market_event_ar) is not None


def test_merge_and_split_keep_everything(signed_in, sample):
    analyst = signed_in("analyst")
    merged = analyst.json("POST", f"/api/incidents/{sample.market_incident}/merge",
                          {"other": sample.checkpoint_incident})
    assert merged.status_code == 200
    with session_scope() as session:
        source = session.get(IncidentRow, sample.checkpoint_incident)
        assert source.superseded_by == sample.market_incident and source.status == "merged"
        assert session.get(EventRow, sample.checkpoint_event).incident_id == sample.market_incident
    again = analyst.json("POST", f"/api/incidents/{sample.checkpoint_incident}/merge",
                         {"other": sample.market_incident})
    assert again.status_code == 409
    split = analyst.post(f"/incidents/{sample.market_incident}/split",
                         {"event_ids": [str(sample.checkpoint_event)]})
    assert split.status_code == 303
    new_id = int(split.headers["location"].split("/")[2].split("#")[0])
    with session_scope() as session:
        assert session.get(EventRow, sample.checkpoint_event).incident_id == new_id
        assert session.get(IncidentRow, new_id).fatalities_best == 2
    history = analyst.client.get(f"/api/incidents/{sample.market_incident}/history").json()
    assert {h["action"] for h in history} >= {"merge", "split"}
    everything = analyst.json("POST", f"/api/incidents/{sample.market_incident}/split",
                              {"event_ids": [sample.market_event, sample.market_event_ar]})
    assert everything.status_code == 400


def test_viewer_cannot_review(signed_in, sample):
    viewer = signed_in("viewer")
    response = viewer.post(f"/events/{sample.market_event}/edit",
                           {"field": "summary", "value": "x"})
    assert response.status_code == 403
    page = viewer.client.get(f"/incidents/{sample.market_incident}").text
    assert "Save correction" not in page
    with session_scope() as session:
        assert session.scalar(select(AuditEntryRow).where(AuditEntryRow.action == "edit")) is None
