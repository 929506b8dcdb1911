"""Reports <-> lists: the victims a report names are found on the lists that hold them; the
incident counts them per list and a person's page lists the incident."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from tawthiq.store.db import session_scope
from tawthiq.store.tables import (
    DocumentRow,
    EventRow,
    IncidentRow,
    PersonRow,
    VictimMentionRow,
    VictimRecordRow,
)
from tawthiq.victims.mentions import incident_coverage, link_report_victims, person_detail
from tawthiq.victims.store import import_list
from victims.conftest import sample_list

# Two people the monitor sample list holds (as a report would write them: three-part names,
# one with a spelling variant) and one it does not (all invented).
NAMED = (("رنا علي الحموي", 39, "f"), ("حسين ابراهيم محمد الدرويش", 56, "m"),
         ("ياسمين عمار الخطيب", 30, "f"))


def _incident_naming(session) -> int:
    text = "An invented report. " + " ".join(n for n, _, _ in NAMED)
    document = DocumentRow(sha256="f" * 64, raw=text.encode(), text=text, title="test",
                           media_type="text/plain")
    incident = IncidentRow(title="Invented shelling")
    session.add_all([document, incident])
    session.flush()
    event = EventRow(document_id=document.id, incident_id=incident.id, event_type="x",
                     sub_event_type="y")
    session.add(event)
    session.flush()
    session.add_all(PersonRow(document_id=document.id, event_id=event.id, role="victim",
                              name=name, age=age, sex=sex) for name, age, sex in NAMED)
    session.add(PersonRow(document_id=document.id, event_id=event.id, role="witness",
                          name="سعاد حسين محمد العلي"))  # a witness is never linked
    session.flush()
    return incident.id


def test_report_victims_are_found_on_the_list(tmp_home: Path) -> None:
    with session_scope() as session:
        incident_id = _incident_naming(session)
    import_list(sample_list("monitor"), list_name="monitor")  # relinking links the mentions
    with session_scope() as session:
        assert link_report_victims(session) == 2
        linked = session.scalars(select(VictimMentionRow)).all()
        names = {session.get(VictimRecordRow, m.record_id).name for m in linked}
        assert names == {"رنا علي عادل الحموي", "حسين إبراهيم محمد الدرويش"}
        [coverage] = incident_coverage(session, incident_id)
        assert (coverage.list_name, coverage.found, coverage.named) == ("monitor", 2, 3)
        record = session.get(VictimRecordRow, linked[0].record_id)
        detail = person_detail(session, record.person_id)
        assert [i.id for i in detail.incidents] == [incident_id]
        assert incident_coverage(session, incident_id + 1) == []
