"""An incident's title is short (issue #13 item 8: titles ran to three lines): the first
clause of its main report's summary - what, where, when and the toll - not who is blamed by
whom and who reported it, which the incident page shows in rows of their own."""

from __future__ import annotations

from datetime import date

from tawthiq.extract.summary import summarise
from tawthiq.link.consolidate import consolidate, title_of
from tawthiq.model import (
    DateRange,
    Event,
    EventReport,
    Fatalities,
    Injuries,
    Location,
    Perpetrator,
)


def event(**extra) -> Event:
    base = Event(event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
                 means=["air strike"],
                 date=DateRange(start=date(2019, 5, 13), end=date(2019, 5, 13),
                                precision="day"),
                 location=Location(mention="Kafr Nabl", name="Kafranbel", admin1="Idlib"),
                 fatalities=Fatalities(low=15, best=15, high=15), injuries=Injuries(best=25),
                 **extra)
    return base.model_copy(update={"summary": summarise(base)})


def report(e: Event, sha: str = "a" * 64) -> EventReport:
    return EventReport(id=1, key=(1, 0), sha256=sha, event=e)


def test_the_title_leaves_the_attribution_and_the_reporter_to_the_page():
    blamed = event(perpetrators=[Perpetrator(
        name="Syrian government (2000-2024)", mention="government", actor_type="State forces",
        attributed_by="residents")], reported_by=["Syria Civil Defence (White Helmets)"])
    assert "attributed to" in blamed.summary and "(reported by" in blamed.summary
    title = "Air strike in Kafranbel (Idlib) on 2019-05-13: 15 killed, 25 injured"
    assert title_of(report(blamed)) == title
    assert consolidate(7, [report(blamed)]).title == title
    reported = event(reported_by=["Syrian Observatory for Human Rights"])
    assert title_of(report(reported)) == title


def test_an_arabic_reports_generated_note_stays_out_of_the_title():
    plain = event()
    noted = plain.model_copy(update={
        "summary": plain.summary + " (Summary generated from the Arabic report's extracted "
                                   "fields.)"})
    assert title_of(report(noted)) == title_of(report(plain))


def test_a_report_without_a_summary_is_titled_by_its_headline():
    bare = EventReport(id=1, key=(1, 0), sha256="b" * 64, title="Shelling of a market",
                       event=Event(event_type="Explosions/Remote violence",
                                   sub_event_type="Shelling/artillery/missile attack"))
    assert title_of(bare) == "Shelling of a market"
