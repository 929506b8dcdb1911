"""The incident page's "unlinked but similar" list: two reports of one village a week apart
with very different tolls stay two incidents; each page lists the other with the comparison;
an analyst keeps them apart (labels and audit) or merges them (labels)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from support.rows import report
from tawthiq.pipeline import link_stored_events
from tawthiq.store.db import session_scope
from tawthiq.store.tables import AuditEntryRow, LinkLabelRow


def near_misses() -> tuple[int, int]:
    with session_scope() as s:
        a = report(s, source="Wire A", text="Shelling hit the bakery queue in Kafr Nabl; four "
                   "died.", day=date(2019, 6, 3), low=4, best=4, high=4, reported_by=[])
        b = report(s, source="Wire B", text="Barrel bombs on Kafr Nabl bakery district killed "
                   "sixty.", day=date(2019, 6, 11), low=60, best=60, high=60, reported_by=[])
        link_stored_events(s, [a.id])
        link_stored_events(s, [b.id])
        assert a.incident_id != b.incident_id
        return a.incident_id, b.incident_id


def test_similar_incidents_are_listed_and_kept_apart(signed_in, sample):
    first, second = near_misses()
    analyst = signed_in("analyst")
    page = analyst.client.get(f"/incidents/{first}").text
    assert "Unlinked but similar" in page and f'href="/incidents/{second}"' in page
    assert "same village or town" in page and "Keep apart" in page
    answer = analyst.post(f"/incidents/{first}/keep-apart", {"other": str(second)})
    assert answer.status_code == 303
    with session_scope() as s:
        labels = s.scalars(select(LinkLabelRow)).all()
        assert [(lb.same, lb.action, lb.by) for lb in labels] == [
            (False, "keep apart", "analyst")]
        audit = s.scalars(select(AuditEntryRow).where(
            AuditEntryRow.action == "keep apart")).all()
        assert {a.entity_id for a in audit} == {first, second}
    page = analyst.client.get(f"/incidents/{first}").text
    assert "kept apart: an analyst kept them apart" in page


def test_a_merge_from_the_list_is_a_label_too(signed_in, sample):
    first, second = near_misses()
    analyst = signed_in("analyst")
    assert analyst.post(f"/incidents/{first}/merge", {"other": str(second)}).status_code == 303
    with session_scope() as s:
        labels = s.scalars(select(LinkLabelRow)).all()
        assert [(lb.same, lb.action) for lb in labels] == [(True, "merge")]
    assert "Unlinked but similar" not in analyst.client.get(f"/incidents/{first}").text


def test_a_viewer_sees_the_list_without_buttons(signed_in, sample):
    first, second = near_misses()
    viewer = signed_in("viewer")
    page = viewer.client.get(f"/incidents/{first}").text
    assert f'href="/incidents/{second}"' in page and "Keep apart" not in page
    assert viewer.post(f"/incidents/{first}/keep-apart",
                       {"other": str(second)}).status_code == 403
