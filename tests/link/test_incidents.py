from datetime import date

from support.rows import report
from tawthiq.link.incidents import assign_incidents
from tawthiq.store import session_scope
from tawthiq.store.tables import IncidentRow


def test_two_outlets_same_place_and_day_make_one_incident(tmp_home):
    with session_scope() as s:
        a = report(s, source="Wire A", text="Strikes hit Kafr Nabl market. Twelve died.",
                   day=date(2019, 5, 13), low=12, best=12, high=12, reported_by=["SOHR"])
        b = report(s, source="Broadcaster B", text="Market strike in Kafr Nabl kills 15.",
                   day=date(2019, 5, 14), low=15, best=15, high=15,
                   reported_by=["Syria Civil Defence"])
        assign_incidents(s, [a])
        assign_incidents(s, [b])
        assert a.incident_id == b.incident_id
        incident = s.get(IncidentRow, a.incident_id)
        assert (incident.fatalities_low, incident.fatalities_high) == (12, 15)
        assert incident.corroboration == "two sources"


def test_different_place_or_far_dates_stay_apart(tmp_home):
    with session_scope() as s:
        a = report(s, source="Wire A", text="Strike on Kafr Nabl.", day=date(2019, 5, 13),
                   low=3, best=3, high=3, reported_by=[])
        b = report(s, source="Wire B", text="Strike on Ariha.", day=date(2019, 5, 13), low=2,
                   best=2, high=2, reported_by=[], gid="wof:2")
        c = report(s, source="Wire C", text="Strike on Kafr Nabl again.",
                   day=date(2019, 5, 20), low=1, best=1, high=1, reported_by=[])
        assign_incidents(s, [a, b, c])
        assert len({a.incident_id, b.incident_id, c.incident_id}) == 3


def test_relayed_single_monitor_is_one_original_source(tmp_home):
    with session_scope() as s:
        a = report(s, source="Outlet A", text="Shelling kills four, monitor says.",
                   day=date(2016, 8, 2), low=4, best=4, high=4, reported_by=["SOHR"])
        b = report(s, source="Outlet B", text="Four killed in shelling, SOHR says.",
                   day=date(2016, 8, 2), low=4, best=4, high=4, reported_by=["SOHR"])
        assign_incidents(s, [a, b])
        assert s.get(IncidentRow, a.incident_id).corroboration == "one original source, relayed"
