"""Resolving date mentions against the report's anchor, with honest precision.

The anchor is the document's ``published`` date or, when that is unknown, the dateline at
the head of the text ("Sun 16 Apr 2017 ..."). Weekdays resolve to the latest such day on or
before the anchor; "last week" to a week; "in March 2013" to a month.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache

from tawthiq.model import DateRange
from tawthiq.nlp.dates import DateMention

DATELINE_REACH = 160
# Wire copy often puts "AFP Friday 23 Aug 2013" after a long headline and standfirst: a full
# date right after a weekday name is a dateline even this far in.
WEEKDAY_DATELINE_REACH = 300
REPORTING_VERB = re.compile(
    r"\b(?:said|says|told|reported|announced|stated|added|confirmed|"
    r"published|reports|quoted|cited)\b[\w\s,]{0,25}$"
    # "the death toll reached 246 on Thursday", "as of Thursday": the day of a toll's report
    r"|\btoll\b(?:[\w\s,]{0,30})\b(?:reached|rose|climbed|stood|stands|hit|neared)\b[\w\s,]{0,20}$"
    r"|\bas of\s*$",
    re.IGNORECASE,
)
DATELINE_CUE = re.compile(r"\b(?:posted|published|updated|publication|released)\b[\w\s:]{0,12}$",
                          re.IGNORECASE)
EVENT_PREPOSITION = re.compile(r"\b(?:on|in|during|since|of|until|by|from)\s*$", re.IGNORECASE)
SINCE = re.compile(
    r"\b(?:since|until|till|before|from|(?:began|started|erupted|broke out|outbreak|"
    r"beginning|start|uprising) in)\s*(?:early |late |mid-?)?$",
    re.IGNORECASE,
)


@dataclass
class Anchor:
    day: date
    mention: DateMention | None  # the dateline at the report's head, if it has one
    # every date that dates the page or the report (datelines, a page header, a bureau line
    # "JABLEH, March 10 (Agency)"): none of them dates an incident
    datelines: list[DateMention] = field(default_factory=list)
    inferred: bool = False  # no published date or dateline: the latest full date of the text


HEAD_REACH = 600   # page headers, bylines and standfirsts before the body
LINE_FURNITURE = re.compile(
    r"(?i)\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|rsday|urday)?\b"
    r"|\b(?:published|updated|last updated|posted|date of publication|gmt|utc|am|pm|a\.m\.|"
    r"p\.m\.|min read|mins read|read|min)\b|\d{1,2}[:.]\d{2}|[^A-Za-z]")
BUREAU_BEFORE = re.compile(r"(?:^|\n)\s*[A-Z][A-Z .'’-]{2,40}(?:,\s*[A-Z][a-z]+)?,?\s*$")
BUREAU_AFTER = re.compile(r"^\s*(?:,?\s*(?:19|20)\d\d)?\s*(?:\([^)]{2,40}\)|[-—–:]|\s[A-Z])")


def find_anchor(published: date | None, mentions: list[DateMention],
                text: str | None = None) -> Anchor | None:
    """``published`` when known, else the report's dateline (with ``text``: a date on a line
    of its own, a bureau line "BEIRUT, May 4", a "Friday 23 Aug 2013" after the headline;
    of several, the one that agrees with the weekdays the body gives its dates, else the last
    in the head), else, as an inferred anchor, the latest full date the text gives."""
    datelines = [m for m in mentions if _dateline_candidate(m, mentions, text)]
    dated = [m for m in datelines if m.year and _safe_date(m.year, m.month, m.day)]
    if published is not None:
        # the datelines still date the report, not an incident (sentence_date skips them)
        return Anchor(published, dated[0] if dated else None, datelines)
    if dated:
        chosen = _agreeing_dateline(dated, mentions)
        return Anchor(_safe_date(chosen.year, chosen.month, chosen.day), chosen, datelines)
    body = [_safe_date(m.year, m.month, m.day) for m in mentions
            if m.kind == "date" and m.year and (text is None or not is_boundary_date(text, m))]
    body = [d for d in body if d is not None]
    if body:
        return Anchor(max(body), None, datelines, inferred=True)
    return None


def _agreeing_dateline(dated: list[DateMention], mentions: list[DateMention]) -> DateMention:
    """Of several datelines (a page header and a byline), the one under which the body's
    "Wednesday July 25th" falls on a Wednesday; else the last one before the body."""
    told = [m for m in mentions if m.kind == "date" and m.year is None and m.weekday is not None]
    if told:
        agreeing = [d for d in dated if all(
            _weekday_year(m, _safe_date(d.year, d.month, d.day)) is not None for m in told)]
        if len(agreeing) == 1:
            return agreeing[0]
    return dated[-1]


def _dateline_candidate(mention: DateMention, mentions: list[DateMention],
                        text: str | None) -> bool:
    """A date that dates the page or the report, not an event."""
    if mention.kind != "date":
        return False
    if text is not None and mention.start < HEAD_REACH and (
            _alone_on_its_line(text, mention) or _bureau_line(text, mention)):
        return True
    if not mention.year:
        return False
    if mention.start < DATELINE_REACH:
        return True
    if text is None or mention.start >= WEEKDAY_DATELINE_REACH:
        return False
    if mention.weekday is not None:
        return is_dateline(text, mention)
    weekday = next((m for m in mentions if m.kind == "weekday" and not m.last
                    and 0 <= mention.start - m.end <= 2), None)
    return weekday is not None and is_dateline(text, weekday)


def _alone_on_its_line(text: str, mention: DateMention) -> bool:
    """"9 May 2025", "Sat, 28 Jul 2018 21:25 GMT", "2019/08/18 | 10:05": a line that holds
    nothing but the date, a weekday, a time and page words."""
    if mention.year is None:
        return False
    start = text.rfind("\n", 0, mention.start) + 1
    end = text.find("\n", mention.end)
    end = len(text) if end < 0 else end
    rest = text[start:mention.start] + " " + text[mention.end:end]
    # nothing left once the furniture is taken out: the furniture, match after match, is
    # the whole rest of the line (the first other word ends it, not the end of a long line)
    position = 0
    while position < len(rest):
        furniture = LINE_FURNITURE.match(rest, position)
        if furniture is None:
            return False
        position = furniture.end()
    return True


def _bureau_line(text: str, mention: DateMention) -> bool:
    """"BEIRUT, May 4 (Reuters) -", "JABLEH, March 10 (Coastal Ledger) -", "BEIRUT Oct 26 The":
    the date of a wire dateline after the bureau's city in capitals."""
    return bool(BUREAU_BEFORE.search(text[max(0, mention.start - 60):mention.start])
                and BUREAU_AFTER.match(text[mention.end:mention.end + 60]))


def resolve(mention: DateMention, anchor: date | None, around: bool = False
            ) -> DateRange | None:
    """The span of days a mention denotes, or None when it cannot be placed. ``around``: the
    anchor is a date the text tells of, not the report's own day, so a weekday is the nearest
    such day on either side of it ("July 25, 2018 ... on Thursday" is July 26)."""
    if mention.kind == "date":
        return _resolve_day(mention, anchor, around)
    if mention.kind == "month":
        return _month_range(mention.year, mention.month)
    if mention.kind == "year" and mention.year:
        return DateRange(
            start=date(mention.year, 1, 1), end=date(mention.year, 12, 31), precision="year"
        )
    if anchor is None:
        return None
    if mention.kind == "weekday":
        if mention.until_weekday is not None:
            return _weekday_span(mention, anchor)
        back = (anchor.weekday() - mention.weekday) % 7
        if mention.last and back == 0:
            back = 7
        if around and not mention.last and back > 3:
            back -= 7
        return _day_range(anchor - timedelta(days=back), mention.overnight)
    if mention.kind == "relative" and mention.relative:
        return _resolve_relative(mention.relative, anchor)
    return None


def _weekday_span(mention: DateMention, anchor: date) -> DateRange:
    """"Friday and Saturday": the span ends on the latest such last day on or before the
    anchor and starts on the first day before it."""
    end = anchor - timedelta(days=(anchor.weekday() - mention.until_weekday) % 7)
    start = end - timedelta(days=(mention.until_weekday - mention.weekday) % 7)
    if mention.overnight:
        start -= timedelta(days=1)
    return DateRange(start=start, end=end, precision="day" if start == end else "days")


def _weekday_year(mention: DateMention, anchor: date | None) -> int | None:
    """The year near the anchor in which "Wednesday July 25th" is a Wednesday, or None."""
    if anchor is None or mention.weekday is None:
        return None
    for year in (anchor.year, anchor.year - 1, anchor.year + 1):
        day = _safe_date(year, mention.month, mention.day)
        if day and day.weekday() == mention.weekday and day <= anchor + timedelta(days=1):
            return year
    return None


def _resolve_day(mention: DateMention, anchor: date | None, around: bool = False
                 ) -> DateRange | None:
    year = mention.year
    if year is None:
        if anchor is None:
            return None
        year = _weekday_year(mention, anchor) or anchor.year
        candidate = _safe_date(year, mention.month, mention.day)
        # a report's day bounds the dates it tells; a date the text tells does not (the
        # nearest year then: "March 28" after "March 22, 2017" is in 2017)
        if candidate and candidate > anchor + timedelta(days=1 if not around else 183):
            year -= 1
    day = _safe_date(year, mention.month, mention.day)
    return _day_range(day, mention.overnight) if day else None


def _day_range(day: date, overnight: bool) -> DateRange:
    if overnight:
        return DateRange(start=day - timedelta(days=1), end=day, precision="days")
    return DateRange(start=day, end=day, precision="day")


def _resolve_relative(entry: dict, anchor: date) -> DateRange:
    if entry.get("weekend"):
        return _weekend_before(anchor)
    if entry["precision"] == "month":
        month, year = anchor.month - entry.get("month_offset", 0), anchor.year
        if month < 1:
            month, year = month + 12, year - 1
        found = _month_range(year, month)
        if entry.get("month_offset", 0) == 0:
            return DateRange(start=found.start, end=anchor, precision="month")
        return found
    start = anchor - timedelta(days=entry["offset"])
    end = start + timedelta(days=max(entry["length"], 1) - 1)
    return DateRange(start=start, end=min(end, anchor), precision=entry["precision"])


def _weekend_before(anchor: date) -> DateRange:
    """Friday to Sunday of the weekend in progress (anchor on Saturday or Sunday) or else the
    last one before the anchor."""
    days_since_friday = (anchor.weekday() - 4) % 7
    if anchor.weekday() in (5, 6):
        return DateRange(start=anchor - timedelta(days=days_since_friday), end=anchor,
                         precision="days")
    friday = anchor - timedelta(days=days_since_friday or 7)
    return DateRange(start=friday, end=friday + timedelta(days=2), precision="days")


def _month_range(year: int | None, month: int | None) -> DateRange | None:
    if not year or not month:
        return None
    last = calendar.monthrange(year, month)[1]
    return DateRange(start=date(year, month, 1), end=date(year, month, last), precision="month")


def _safe_date(year: int | None, month: int | None, day: int | None) -> date | None:
    try:
        return date(year, month, day) if year and month and day else None
    except ValueError:
        return None


def is_reporting_date(text: str, mention: DateMention) -> bool:
    """ "the monitor said on Sunday": the day of the report, not necessarily of the event."""
    return bool(REPORTING_VERB.search(text[max(0, mention.start - 40) : mention.start]))


def is_dateline(text: str, mention: DateMention) -> bool:
    """The report's own date at its head ("Sun 16 Apr 2017 ...", "Published March 4 2024"),
    not an incident's day told in the first sentence ("On 12 March 2016, gunmen ...")."""
    before = text[max(0, mention.start - 25): mention.start]
    return bool(DATELINE_CUE.search(before)) or not EVENT_PREPOSITION.search(before)


@cache
def _not_incident() -> re.Pattern[str]:
    from tawthiq import knowledge

    return re.compile(knowledge.load("date_words.json", "en")["not_incident"]["pattern"],
                      re.IGNORECASE)


def dates_no_incident(text: str, mention: DateMention) -> bool:
    """ "the truce deal brokered in March 2020", "a speech on Sunday": the date of something
    that is not an incident of violence (``date_words.json`` ``not_incident``)."""
    return bool(_not_incident().search(text[max(0, mention.start - 60):mention.start]))


def is_boundary_date(text: str, mention: DateMention) -> bool:
    """ "since March 2011", "until 2015": the edge of a period, not an event's day."""
    return bool(SINCE.search(text[max(0, mention.start - 30) : mention.start]))
