"""Dates relative to the published date or a dateline, with honest precision."""

from __future__ import annotations

from datetime import date

import pytest

from tawthiq.extract.dates import find_anchor, resolve
from tawthiq.nlp.dates import find_dates

WEDNESDAY = date(2024, 3, 13)


def resolved(text: str, anchor: date | None = WEDNESDAY):
    return [resolve(m, anchor) for m in find_dates(text)]


def test_weekday_is_the_latest_such_day_on_or_before_the_anchor() -> None:
    (tuesday,) = resolved("Gunmen attacked the checkpoint on Tuesday.")
    assert (tuesday.start, tuesday.precision) == (date(2024, 3, 12), "day")
    (same,) = resolved("The market was shelled on Wednesday.")
    assert same.start == WEDNESDAY
    (last,) = resolved("It happened last Wednesday.")
    assert last.start == date(2024, 3, 6)


def test_last_week_is_a_week() -> None:
    (week,) = resolved("Several farms were burned last week.")
    assert week.precision == "week"
    assert (week.end - week.start).days == 6 and week.end < WEDNESDAY


def test_overnight_and_early_hours_span_two_days() -> None:
    mentions = find_dates("Raids continued overnight and in the early hours of March 7.")
    day = next(m for m in mentions if m.kind == "date")
    found = resolve(day, WEDNESDAY)
    assert (found.start, found.end, found.precision) == (date(2024, 3, 6), date(2024, 3, 7), "days")


def test_a_date_after_the_anchor_belongs_to_the_previous_year() -> None:
    (found,) = resolved("The siege began on 20 December.", date(2024, 1, 5))
    assert found.start == date(2023, 12, 20)


def test_month_and_year_precision() -> None:
    (month,) = resolved("In March 2013 a gas attack hit the suburb.")
    assert (month.start, month.end, month.precision) == (date(2013, 3, 1), date(2013, 3, 31),
                                                         "month")
    (year,) = resolved("The town was besieged in 2014.")
    assert year.precision == "year"


def test_dateline_is_the_anchor_when_published_is_unknown() -> None:
    mentions = find_dates("Mon 4 Mar 2024 Two shells hit the school on Sunday.")
    anchor = find_anchor(None, mentions)
    assert anchor.day == date(2024, 3, 4)
    sunday = next(m for m in mentions if m.kind == "weekday")
    assert resolve(sunday, anchor.day).start == date(2024, 3, 3)
    assert find_anchor(WEDNESDAY, mentions).day == WEDNESDAY


def test_numeric_and_run_together_datelines() -> None:
    for text, day in [("04.03.2024 (updated 10:15) A mortar", date(2024, 3, 4)),
                      ("Last updated Mar 042024 A mortar", date(2024, 3, 4)),
                      ("Published March 4 2024 A mortar", date(2024, 3, 4))]:
        assert find_anchor(None, find_dates(text)).day == day


def test_weekday_without_anchor_is_not_guessed() -> None:
    assert resolved("It happened on Friday.", None) == [None]


def test_a_day_after_the_ambush(extract) -> None:
    text = ("An ambush on 10 March killed three soldiers near Tell Hamra. "
            "A day after the ambush, shelling killed two civilians in Kafr Tala.")
    events = extract(text).events
    shelling = next(e for e in events if e.location and e.location.name == "Kafr Tala")
    assert shelling.date.start == date(2024, 3, 11)


def test_a_first_sentence_date_is_the_incident_day_not_a_dateline(extract) -> None:
    (event,) = extract("On 12 March 2016, gunmen shot dead four farmers in Kafr Tala.",
                       published=None).events
    assert (event.date.start, event.date.precision) == (date(2016, 3, 12), "day")


def test_two_weekdays_joined_are_one_span_of_days() -> None:
    (span,) = resolved("Militias raided the farms over Sunday and Monday.")
    assert (span.start, span.end, span.precision) == (date(2024, 3, 10), date(2024, 3, 11), "days")
    (run,) = resolved("Shelling went on from Monday to Wednesday.")
    assert (run.start, run.end) == (date(2024, 3, 11), WEDNESDAY)


def test_weekdays_in_separate_clauses_stay_apart() -> None:
    found = resolved("The convoy was hit on Monday, and on Tuesday the clinic was shelled.")
    assert [(d.start, d.precision) for d in found] == [
        (date(2024, 3, 11), "day"), (date(2024, 3, 12), "day")]


def test_a_glued_numeric_dateline_is_read() -> None:
    (dateline, *_) = find_dates("04.03.2019Share this page Rockets fell on Monday.")
    assert (dateline.year, dateline.month, dateline.day) == (2019, 3, 4)


def test_an_undated_main_incident_takes_the_date_its_lead_gives(extract) -> None:
    text = ("Dozens of shepherds were killed in strikes near Tell Hamra. "
            "At least 17 of them were killed early on Monday in Kafr Tala, medics said.")
    (first, *_) = extract(text).events
    assert (first.date.start, first.date.precision) == (date(2024, 3, 11), "day")


def test_the_weekday_of_a_dateline_dates_nothing(extract) -> None:
    text = ("Monday 11 March 2024 Two pupils killed by rockets in Kafr Tala. "
            "The rockets struck the school on Sunday, medics said.")
    (event,) = extract(text, published=None).events
    assert (event.date.start, event.date.precision) == (date(2024, 3, 10), "day")


def test_wire_dateline_after_a_long_headline_is_the_anchor() -> None:
    headline = ("Shelling kills nine in a market town, a monitor says, as talks stall in a distant "
                "capital and aid convoys wait at the crossing for a third week running with no "
                "word from either side on when the road might reopen to trucks ")
    text = headline + "AFP Friday 23 Aug 2013 Nine people were killed on Thursday."
    mentions = find_dates(text)
    assert find_anchor(None, mentions, text).day == date(2013, 8, 23)
    # without the text, only the head is trusted: the date is no dateline, only the latest
    # full date of the text (an inferred anchor)
    unchecked = find_anchor(None, mentions)
    assert unchecked.mention is None and unchecked.inferred


def test_an_event_day_told_late_in_the_first_paragraph_is_not_a_dateline() -> None:
    lead = ("Residents of the hill villages say the checkpoints have multiplied through the "
            "summer and that nobody answers their petitions about the missing young men who were "
            "taken from the road. Gunmen came back on ")
    text = lead + "Friday 12 March 2021 and burned two houses."
    anchor = find_anchor(None, find_dates(text), text)
    assert anchor.mention is None and anchor.inferred and not anchor.datelines


@pytest.mark.parametrize(("anchor", "start", "end"), [
    (date(2024, 3, 11), date(2024, 3, 8), date(2024, 3, 10)),   # Monday: the weekend just gone
    (date(2024, 3, 15), date(2024, 3, 8), date(2024, 3, 10)),   # Friday: still the last one
    (date(2024, 3, 16), date(2024, 3, 15), date(2024, 3, 16)),  # Saturday: the one in progress
])
def test_over_the_weekend_is_friday_to_sunday(anchor, start, end) -> None:
    [span] = resolved("Shelling killed four people over the weekend.", anchor)
    assert (span.start, span.end, span.precision) == (start, end, "days")


@pytest.mark.parametrize(("text", "published", "day"), [
    # a wire dateline without its year dates the report, not the incident
    ("JABLEH, March 10 (Sample Wire) - Gunmen killed 31 people in Kafr Tala on Friday.",
     "2025-03-10", date(2025, 3, 7)),
    # a date alone on its line after the headline is the report's date
    ("Men taken from their homes\n9 May 2025\nHOMS - Around 1 a.m. on April 25, gunmen shot "
     "dead three men in Kafr Tala.", None, date(2025, 4, 25)),
    # two page dates: the one under which the body's weekday agrees with its date
    ("Sun, 17 Nov 2019 14:31 GMT\n\nSat, 28 Jul 2018 21:25 GMT\n\nGunmen attacked the village "
     "on Wednesday July 25th, killing 20 people in Kafr Tala.", None, date(2018, 7, 25)),
    ("2019/08/18 | 10:05\nAn air strike killed seven people in Kafr Tala on Saturday.", None,
     date(2019, 8, 17)),
    # no dateline: the latest full date of the text gives the year of "March 21"
    ("Gunmen killed four people in Kafr Tala on March 21.\n\nA reporter wrote on March 22, "
     "2017 that the toll was rising.", None, date(2017, 3, 21)),
    # the date of a truce is not the incident's
    ("Shelling killed 10 people in Kafr Tala, the deadliest since the truce deal brokered in "
     "March 2020.", "2021-10-21", date(2021, 10, 20)),
])
def test_page_dates_and_other_events_dates_do_not_date_the_incident(extract, text, published,
                                                                    day) -> None:
    event = extract(text, published=published).events[0]
    assert event.date.start <= day <= event.date.end, event.date


def test_a_weekday_near_a_date_of_the_text_is_the_nearest_such_day(extract) -> None:
    """No published date or dateline: "July 25, 2018" told in a caption anchors the weekdays,
    on either side of it."""
    text = ("Village mourns its dead after the deadliest attack in years\n\nThe toll rose through "
            "the day as families searched the fields around the village for the missing.\n\n"
            "Mourners at the site of the attack in Kafr Tala, July 25, 2018. (Photo agency)\n\n"
            "Gunmen killed 40 people in Kafr Tala on Thursday, the monitor said.")
    event = extract(text, published=None).events[0]
    assert event.date.start == date(2018, 7, 26)
