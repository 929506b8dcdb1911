"""Linking in the store: incidents from reports, grades with reasons, analysts' decisions
kept through relinking, re-ingest changing nothing."""

from datetime import date

from sqlalchemy import select

from support.rows import place, report
from tawthiq import api
from tawthiq.pipeline import link_candidates, link_stored_events
from tawthiq.review.actions import split_incident
from tawthiq.store import session_scope
from tawthiq.store.read import event_report
from tawthiq.store.tables import EventRow, IncidentLinkRow, IncidentRow, LinkSettingsRow

ANALYST = "analyst"


def test_two_outlets_same_place_and_day_make_one_incident(tmp_home):
    with session_scope() as s:
        a = report(s, source="Wire A", text="Strikes hit Kafr Nabl market. Twelve died.",
                   day=date(2019, 5, 13), low=12, best=12, high=12, reported_by=["SOHR"])
        b = report(s, source="Broadcaster B", text="Market strike in Kafr Nabl kills 15.",
                   day=date(2019, 5, 14), low=15, best=15, high=15,
                   reported_by=["Syria Civil Defence"])
        link_stored_events(s, [a.id])
        link_stored_events(s, [b.id])
        assert a.incident_id == b.incident_id
        incident = s.get(IncidentRow, a.incident_id)
        assert (incident.fatalities_low, incident.fatalities_high) == (12, 15)
        assert incident.corroboration == "fair"
        assert "2 independent sources: SOHR, Syria Civil Defence" in (
            incident.consolidated["grade"]["reason"])
        figures = {f["outlet"]: f["best"] for f in incident.consolidated["figures"]}
        assert figures == {"Wire A": 12, "Broadcaster B": 15}
        link = s.scalars(select(IncidentLinkRow).where(IncidentLinkRow.event_id == b.id)).one()
        assert link.explanation["matched"] == a.id
        levels = {c["comparison"]: c["level"] for c in link.explanation["comparisons"]}
        assert levels["place"] == "same village or town" and levels["date"] == "within a day"
        assert s.get(LinkSettingsRow, link.settings_sha256).settings["comparisons"]


def test_different_place_or_far_dates_stay_apart(tmp_home):
    with session_scope() as s:
        a = report(s, source="Wire A", text="Strike on Kafr Nabl.", day=date(2019, 5, 13),
                   low=3, best=3, high=3, reported_by=[])
        b = report(s, source="Wire B", text="Strike on Ariha.", day=date(2019, 5, 13), low=2,
                   best=2, high=2, reported_by=[], gid="wof:2", name="Ariha", lat=35.81,
                   lon=36.61)
        c = report(s, source="Wire C", text="Shelling of the bakery in Kafr Nabl.",
                   day=date(2019, 8, 20), low=1, best=1, high=1, reported_by=[])
        link_stored_events(s, [a.id, b.id, c.id])
        assert len({a.incident_id, b.incident_id, c.incident_id}) == 3


def test_relayed_single_monitor_is_one_original_source(tmp_home):
    with session_scope() as s:
        a = report(s, source="Outlet A", text="Shelling kills four, monitor says.",
                   day=date(2016, 8, 2), low=4, best=4, high=4, reported_by=["SOHR"])
        b = report(s, source="Outlet B", text="Four killed in shelling, SOHR says.",
                   day=date(2016, 8, 2), low=4, best=4, high=4, reported_by=["SOHR"])
        link_stored_events(s, [a.id, b.id])
        incident = s.get(IncidentRow, a.incident_id)
        assert b.incident_id == a.incident_id
        assert incident.corroboration == "weak"
        assert incident.consolidated["grade"]["reason"] == (
            "a single source (SOHR), relayed by 2 outlets")


def test_an_analysts_split_survives_relinking(tmp_home):
    with session_scope() as s:
        a = report(s, source="Wire A", text="Strikes hit Kafr Nabl market. Twelve died.",
                   day=date(2019, 5, 13), low=12, best=12, high=12, reported_by=["SOHR"])
        b = report(s, source="Broadcaster B", text="Market strike in Kafr Nabl kills 12.",
                   day=date(2019, 5, 13), low=12, best=12, high=12, reported_by=["SOHR"])
        link_stored_events(s, [a.id, b.id])
        assert a.incident_id == b.incident_id
        new = split_incident(s, ANALYST, a.incident_id, [b.id])
        a_id, b_id, kept = a.id, b.id, a.incident_id
        assert new.id != kept
    api.relink()
    api.relink()
    with session_scope() as s:
        assert s.get(EventRow, a_id).incident_id == kept
        assert s.get(EventRow, b_id).incident_id == new.id


def test_relinking_unchanged_reports_changes_no_incident(tmp_home):
    with session_scope() as s:
        events = [report(s, source=f"Outlet {n}", text=f"Strike on Kafr Nabl, report {n}.",
                         day=date(2019, 5, 13), low=5, best=5, high=5, reported_by=[])
                  for n in range(3)]
        link_stored_events(s, [e.id for e in events])
        before = {e.id: e.incident_id for e in events}
        incidents_before = s.scalars(select(IncidentRow.id)).all()
    api.relink()
    with session_scope() as s:
        assert {i: s.get(EventRow, i).incident_id for i in before} == before
        assert s.scalars(select(IncidentRow.id)).all() == incidents_before


def test_a_governorate_spelled_two_ways_is_one_area_for_the_stores_blocking(tmp_home):
    """Two gazetteers spell one governorate differently ('Idlib', 'Idleb'): the store's
    candidates must still meet, as the linker's own blocking does."""
    with session_scope() as s:
        a = report(s, source="Wire A", text="Jets struck the market of Kafr Nabl.",
                   day=date(2019, 5, 13), low=7, best=7, high=7, reported_by=["SOHR"])
        link_stored_events(s, [a.id])
        place(s, gid="geonames:2", name="Hass", lat=35.59, lon=36.60).admin1 = "Idleb"
        b = report(s, source="Wire B", text="Jets struck the market of Hass.",
                   day=date(2019, 5, 13), low=7, best=7, high=7, reported_by=["SOHR"],
                   gid="geonames:2", name="Hass", lat=35.59, lon=36.60)
        assert [r.id for r in link_candidates(s, [event_report(b)], 10)] == [a.id]
        link_stored_events(s, [b.id])
        assert b.incident_id == a.incident_id


def test_the_stores_blocking_finds_a_province_named_report_at_any_date(tmp_home):
    with session_scope() as s:
        a = report(s, source="Wire A", text="Shelling of Idlib province.",
                   day=date(2019, 5, 13), low=7, best=7, high=7, reported_by=["SOHR"],
                   gid="wof:province", name="Idlib", lat=35.8, lon=36.6)
        link_stored_events(s, [a.id])
        b = report(s, source="Wire B", text="Shelling of Idleb city.",
                   day=date(2019, 9, 1), low=7, best=7, high=7, reported_by=["SOHR"],
                   gid="geonames:city", name="Idleb", lat=35.93, lon=36.63)
        c = report(s, source="Wire C", text="Shelling of Kafr Nabl.",
                   day=date(2019, 9, 1), low=7, best=7, high=7, reported_by=["SOHR"])
        assert [r.id for r in link_candidates(s, [event_report(b)], 10)] == [a.id]
        assert link_candidates(s, [event_report(c)], 10) == []
