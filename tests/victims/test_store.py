"""Victim lists in the store: import is one transaction and idempotent; unique persons and
capture histories come out of relinking; analysts' decisions are labels and audit entries."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from tawthiq.errors import BadInput, Conflict
from tawthiq.store.db import session_scope
from tawthiq.store.tables import (
    AuditEntryRow,
    VictimListRow,
    VictimPairRow,
    VictimRecordRow,
)
from tawthiq.victims import review
from tawthiq.victims.store import capture_histories, import_list, write_captures
from victims.conftest import sample_list


def _count(model) -> int:
    with session_scope() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_import_keeps_rows_verbatim_and_is_idempotent(tmp_home: Path) -> None:
    first = import_list(sample_list("monitor"), list_name="monitor", publisher="A monitor",
                        licence="CC BY 4.0")
    assert first.status == "imported" and first.records == _count(VictimRecordRow) > 100
    again = import_list(sample_list("monitor"), list_name="monitor-again")
    assert again.status == "duplicate" and again.list_name == "monitor"
    with session_scope() as session:
        record = session.scalar(select(VictimRecordRow).where(VictimRecordRow.row == 1))
        assert set(record.raw) == {"name", "age", "sex", "dob", "date_of_death", "place"}
        assert record.name == " ".join(record.raw["name"].split())
        assert session.scalar(select(VictimListRow.licence)) == "CC BY 4.0"
    with pytest.raises(Conflict):
        import_list(sample_list("ministry"), list_name="monitor")


def test_a_malformed_file_stores_nothing(tmp_home: Path, tmp_path: Path) -> None:
    import_list(sample_list("monitor"), list_name="monitor")
    before = _count(VictimRecordRow)
    broken = tmp_path / "broken.csv"
    broken.write_text('name,age\n"يوسف علي,30\nمحمد,4\n', encoding="utf-8")
    with pytest.raises(BadInput) as error:
        import_list(broken, list_name="broken")
    assert "broken.csv" in error.value.one_line()
    no_name = tmp_path / "no-name.csv"
    no_name.write_text("age,sex\n30,m\n", encoding="utf-8")
    with pytest.raises(BadInput, match="no name column"):
        import_list(no_name, list_name="no-name")
    assert _count(VictimRecordRow) == before and _count(VictimListRow) == 1


def test_unreadable_values_are_kept_verbatim_and_reported(tmp_home: Path,
                                                          tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_text("name,age,date_of_death\nيوسف علي حسن,abc,2014-02-30\n"
                    "محمد خالد عمر,4,2014-02-03\n", encoding="utf-8")
    said: list[str] = []
    outcome = import_list(path, list_name="odd", echo=said.append)
    assert outcome.records == 2 and outcome.problems == 2
    assert any("odd.csv:2" in line and "'age'" in line for line in said)
    with session_scope() as session:
        record = session.scalar(select(VictimRecordRow).where(VictimRecordRow.row == 1))
        assert record.age is None and record.raw["age"] == "abc" and len(record.problems) == 2


def test_three_lists_give_unique_persons_with_capture_histories(imported: Path) -> None:
    histories = capture_histories()
    records = _count(VictimRecordRow)
    assert len(histories) < records  # people on several lists are counted once
    on_all = [h for h in histories if len(h.lists) == 3]
    assert on_all and all(h.governorate and h.year and h.sex for h in on_all)
    lines: list[str] = []
    write_captures(None, stratum="governorate", echo=lines.append)
    rows = lines[0].splitlines()
    assert rows[0] == "monitor,ministry,committee,stratum"
    assert len(rows) == len(histories) + 1


def test_review_decisions_are_labels_and_audit_entries(imported: Path) -> None:
    with session_scope() as session:
        queue = review.review_queue(session)
        assert len(queue) >= 2
        first, second = queue[0], queue[1]
        assert {w.comparison for w in first.weights} >= {"first", "family", "age"}
        review.decide_pair(session, "analyst", first.pair.id, "accept")
        review.decide_pair(session, "analyst", second.pair.id, "reject", "two sisters")
        a, b = session.get(VictimRecordRow, first.a.id), session.get(VictimRecordRow,
                                                                     first.b.id)
        assert a.person_id == b.person_id
        c, d = session.get(VictimRecordRow, second.a.id), session.get(VictimRecordRow,
                                                                      second.b.id)
        assert c.person_id != d.person_id
        actions = [e.action for e in session.scalars(select(AuditEntryRow).where(
            AuditEntryRow.entity == "victim_pair"))]
        assert actions == ["accept", "reject"]
        with pytest.raises(BadInput):
            review.decide_pair(session, "analyst", first.pair.id, "maybe")
    # a later import relinks, and the labels survive it
    import_list(sample_list("committee").with_name("victims-committee.csv"),
                list_name="committee")  # duplicate file: nothing changes
    with session_scope() as session:
        statuses = {p.id: p.status for p in session.scalars(select(VictimPairRow))}
        assert statuses[first.pair.id] == "accepted" and statuses[second.pair.id] == "rejected"


def test_split_and_merge_persons(imported: Path) -> None:
    with session_scope() as session:
        person = next(h for h in capture_histories(session) if len(h.lists) >= 2)
        records = list(session.scalars(select(VictimRecordRow).where(
            VictimRecordRow.person_id == person.person_id)))
        new = review.split_person(session, "analyst", person.person_id, [records[-1].id])
        assert new != person.person_id
        kept = review.merge_persons(session, "analyst", person.person_id, new)
        assert {session.get(VictimRecordRow, r.id).person_id for r in records} == {kept}
        assert [e.action for e in review.recent_decisions(session)][:2] == ["merge", "split"]
