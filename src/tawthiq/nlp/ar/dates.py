"""Date expressions of Arabic reports and their resolution against the report's date.

Found: full dates ("12 تموز/يوليو 2012", "٢٢ حزيران ٢٠٢٥", "16/10/2021", "2017/11/14",
English "April 8, 2018" inside embedded posts), month and year ("حزيران 2012"), day and month
without a year ("8 يونيو/حزيران", "20 تشرين", "17 مارس الجاري"), weekdays ("يوم الجمعة",
"مساء الأربعاء"), relative days ("أمس", "أول أمس", "اليوم"), Hijri dates ("21 رمضان 1439")
and years ("عام 2011"). Syrian and Egyptian month names are mapped to the international
Arabic name before dateparser reads the date. Anything short of a year resolves only against
the published date or the dateline, never against today."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, lru_cache

from tawthiq.knowledge import load
from tawthiq.nlp.ar.text import fold
from tawthiq.nlp.ar.words import Phrases, Token, bases

ENGLISH_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
ENGLISH_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
NUMERIC = re.compile(r"^(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})$")
TIME = re.compile(r"^\d{1,2}:\d{2}$")


@dataclass
class DateMention:
    start: int                  # folded offsets
    end: int
    kind: str                   # full | month | daymonth | weekday | relative | year | hijri
    year: int | None = None
    month: int | None = None
    months: tuple[int, ...] = ()   # candidates when the month name is ambiguous ("تشرين")
    day: int | None = None
    weekday: int | None = None
    days_before: int | None = None
    relative_month: int = 0     # 0 this month ("الجاري"), -1 last month ("الماضي"), None unknown
    dateline: bool = False


@cache
def _data() -> dict:
    return load("dates.json", "ar")


@cache
def _months() -> Phrases:
    data = _data()
    entries = [(name, (int(number),)) for number, spec in data["months"].items()
               for name in spec["names"]]
    entries += [(stem, tuple(months)) for stem, months in data["ambiguous_month_stems"].items()
                if stem != "about"]
    return Phrases(entries)


@cache
def _hijri_months() -> Phrases:
    return Phrases((name, int(n)) for n, names in _data()["hijri_months"].items() for name in names)


@cache
def _weekdays() -> Phrases:
    return Phrases((name, int(n)) for n, names in _data()["weekdays"].items() for name in names)


@cache
def _relative() -> Phrases:
    return Phrases((w, n) for w, n in _data()["relative_days"]["words"].items())


@cache
def _ordinals() -> Phrases:
    return Phrases((w, n) for w, n in _data()["ordinal_days"]["words"].items())


@cache
def _international() -> dict[int, str]:
    return {int(n): spec["international"] for n, spec in _data()["months"].items()}


@cache
def _words(key: str) -> frozenset[str]:
    return frozenset(fold(w) for w in _data()[key])


@cache
def _dateline_cues() -> Phrases:
    return Phrases((w, True) for w in _data()["dateline_cues"])


def is_month_word(word: str) -> bool:
    first = _months().first
    return any(b in first for b in bases(word)[:2])


def _int(text: str) -> int | None:
    return int(text) if text.isdigit() else None


def _year_at(tokens: list[Token], i: int) -> tuple[int | None, int]:
    """A year at token ``i`` (skipping a "م" era mark after it): (year, next token)."""
    if i < len(tokens):
        value = _int(tokens[i].text)
        if value is not None and 1900 <= value <= 2100:
            end = i + 1
            if end < len(tokens) and tokens[end].text in ("م", "ميلادي"):
                end += 1
            return value, end
    return None, i


def _month_at(tokens: list[Token], i: int) -> tuple[tuple[int, ...], int] | None:
    """Month candidates at ``i`` and the token after the name and its gloss ("تموز/يوليو")."""
    found = _months().match(tokens, i)
    if not found:
        return None
    n, months = found
    end = i + n
    glossed = end + 1 < len(tokens) and tokens[end].text in ("/", "-", "(")
    if glossed and _months().match(tokens, end + 1):
        gloss = _months().match(tokens, end + 1)
        end = end + 1 + gloss[0]
        months = tuple(m for m in months if m in gloss[1]) or gloss[1]
        if end < len(tokens) and tokens[end].text == ")":
            end += 1
    elif end < len(tokens) and _months().match(tokens, end):   # "نيسان إبريل"
        gloss = _months().match(tokens, end)
        if set(gloss[1]) & set(months):
            end += gloss[0]
            months = tuple(m for m in months if m in gloss[1])
    return months, end


def find_dates(tokens: list[Token], text: str) -> list[DateMention]:
    """Date expressions in a report's folded tokens, in text order."""
    out: list[DateMention] = []
    i = 0
    while i < len(tokens):
        mention = _date_at(tokens, i)
        if mention is None:
            i += 1
            continue
        mention.dateline = _is_dateline(tokens, i, mention, text)
        out.append(mention)
        i = max(i + 1, next(k for k in range(i, len(tokens) + 1)
                            if k == len(tokens) or tokens[k].start >= mention.end))
    return out


def _date_at(tokens: list[Token], i: int) -> DateMention | None:
    return (_numeric_at(tokens, i) or _day_month_at(tokens, i) or _month_year_at(tokens, i)
            or _english_at(tokens, i) or _weekday_at(tokens, i) or _relative_at(tokens, i)
            or _year_only_at(tokens, i))


def _numeric_at(tokens, i) -> DateMention | None:
    match = NUMERIC.match(tokens[i].text)
    if not match:
        return None
    a, b, c = (int(g) for g in match.groups())
    day, month, year = (c, b, a) if a > 31 else (a, b, c)
    if not (1900 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31):
        return None
    return DateMention(tokens[i].start, tokens[i].end, "full", year, month, (month,), day)


def _day_month_at(tokens, i) -> DateMention | None:
    day = _int(tokens[i].text)
    n_day = 1
    if day is None:
        ordinal = _ordinals().match(tokens, i)
        if not ordinal:
            return None
        n_day, day = ordinal
        if i + n_day < len(tokens) and tokens[i + n_day].text == "من":
            n_day += 1
    if not 1 <= day <= 31:
        return None
    hijri = _hijri_months().match(tokens, i + n_day)
    if hijri:
        end = i + n_day + hijri[0]
        year, end = _hijri_year_at(tokens, end)
        return DateMention(tokens[i].start, tokens[end - 1].end, "hijri", year, hijri[1],
                           (hijri[1],), day)
    month = _month_at(tokens, i + n_day)
    if month is None:
        return None
    months, end = month
    year, end = _year_at(tokens, end)
    relative = 0
    if year is None and end < len(tokens):
        if tokens[end].text in _words("current_month"):
            end += 1
        elif tokens[end].text in _words("last_month"):
            relative, end = -1, end + 1
    kind = "full" if year is not None else "daymonth"
    return DateMention(tokens[i].start, tokens[end - 1].end, kind, year, months[0], months, day,
                       relative_month=relative)


def _hijri_year_at(tokens, i) -> tuple[int | None, int]:
    if i < len(tokens):
        value = _int(tokens[i].text)
        if value is not None and 1300 <= value <= 1500:
            end = i + 1
            if end < len(tokens) and tokens[end].text in _words("hijri_year_marks"):
                end += 1
            return value, end
    return None, i


def _month_year_at(tokens, i) -> DateMention | None:
    month = _month_at(tokens, i)
    if month is None:
        return None
    months, end = month
    if end < len(tokens) and tokens[end].text in _words("last_month") and len(months) == 1:
        return DateMention(tokens[i].start, tokens[end].end, "month", None, months[0], months,
                           relative_month=-1)
    year, end = _year_at(tokens, end)
    if year is None:
        return None
    return DateMention(tokens[i].start, tokens[end - 1].end, "month", year, months[0], months)


def _english_at(tokens, i) -> DateMention | None:
    """"April 8, 2018" (the date line of an embedded post)."""
    month = ENGLISH_MONTHS.get(tokens[i].text.lower())
    if month is None or i + 2 >= len(tokens):
        return None
    day = _int(tokens[i + 1].text) if i + 1 < len(tokens) else None
    k = i + 2
    if k < len(tokens) and tokens[k].text == ",":
        k += 1
    year, end = _year_at(tokens, k)
    if day is None or year is None or not 1 <= day <= 31:
        return None
    return DateMention(tokens[i].start, tokens[end - 1].end, "full", year, month, (month,), day)


def _weekday_at(tokens, i) -> DateMention | None:
    found = _weekdays().match(tokens, i)
    if not found:
        return None
    n, weekday = found
    start = i
    days_before = None
    relative = _relative().match(tokens, i - 1) if i > 0 else None
    if relative and relative[0] == 1:
        start, days_before = i - 1, relative[1]
    elif i > 1 and _relative().match(tokens, i - 2) and _relative().match(tokens, i - 2)[0] == 2:
        start, days_before = i - 2, _relative().match(tokens, i - 2)[1]
    # "الجمعة 8 يونيو": the weekday of a date that follows is part of it
    following = _day_month_at(tokens, i + n) if i + n < len(tokens) else None
    if following is not None:
        following.start = tokens[start].start
        following.weekday = weekday
        return following
    numeric = _numeric_at(tokens, i + n) if i + n < len(tokens) else None
    if numeric is None and i + n + 1 < len(tokens) and tokens[i + n].text == "(":
        numeric = _numeric_at(tokens, i + n + 1)
    if numeric is not None:
        numeric.start, numeric.weekday = tokens[start].start, weekday
        return numeric
    return DateMention(tokens[start].start, tokens[i + n - 1].end, "weekday", weekday=weekday,
                       days_before=days_before)


def _relative_at(tokens, i) -> DateMention | None:
    found = _relative().match(tokens, i)
    if not found or (found[1] == 0 and found[0] == 1):
        return None   # a bare "اليوم" is as often "today's Syria" as a date; "صباح اليوم" is one
    n, days = found
    return DateMention(tokens[i].start, tokens[i + n - 1].end, "relative", days_before=days)


def _year_only_at(tokens, i) -> DateMention | None:
    if not any(b in _words("year_words") for b in bases(tokens[i].text)[:2]):
        return None
    year, end = _year_at(tokens, i + 1)
    if year is None:
        return None
    return DateMention(tokens[i].start, tokens[end - 1].end, "year", year)


def _is_dateline(tokens, i, mention: DateMention, text: str) -> bool:
    """A date that dates the report itself: a full date standing on a line of its own (with
    at most a weekday or a time beside it), after a dateline cue ("نشر بتاريخ"), or followed
    by a time of day."""
    if mention.kind != "full":
        return False
    line_start = text.rfind("\n", 0, mention.start) + 1
    line_end = text.find("\n", mention.end)
    line_end = len(text) if line_end < 0 else line_end
    rest = (text[line_start:mention.start] + " " + text[mention.end:line_end]).split()
    if len([w for w in rest if any(c.isalpha() for c in w)]) <= 2:
        return True
    for back in range(max(0, i - 4), i):
        found = _dateline_cues().match(tokens, back)
        if found and back + found[0] >= i - 1:
            return True
    after = next((t for t in tokens if t.start >= mention.end), None)
    return after is not None and bool(TIME.match(after.text))


# --- resolution -----------------------------------------------------------------------------

@lru_cache(maxsize=4096)
def parse_day(day: int, month: int, year: int) -> date | None:
    """The date of a day: the month's international Arabic name read by dateparser (the
    Syrian/Egyptian name was mapped to it), checked against the calendar."""
    import dateparser

    parsed = dateparser.parse(f"{day} {_international()[month]} {year}", languages=["ar"],
                              settings={"STRICT_PARSING": True, "PREFER_DAY_OF_MONTH": "first"})
    if parsed is not None:
        return parsed.date()
    try:
        return date(year, month, day)
    except ValueError:
        return None


def resolve(mention: DateMention, anchor: date | None) -> tuple[date, date, str] | None:
    """(start, end, precision) of a mention; None when it cannot be fixed from the words and
    the anchor (the published date or the dateline)."""
    kind = mention.kind
    if kind == "full":
        day = parse_day(mention.day, mention.month, mention.year)
        return (day, day, "day") if day else None
    if kind == "month":
        year = mention.year
        month = mention.month
        if year is None:
            if anchor is None:
                return None
            year = anchor.year if month <= anchor.month else anchor.year - 1
        last = calendar.monthrange(year, month)[1]
        return date(year, month, 1), date(year, month, last), "month"
    if kind == "year":
        return date(mention.year, 1, 1), date(mention.year, 12, 31), "year"
    if kind == "hijri":
        if mention.year is None:
            return None
        from hijridate import Hijri

        try:
            day = Hijri(mention.year, mention.month, mention.day).to_gregorian()
        except (ValueError, OverflowError):
            return None
        return day, day, "day"
    if anchor is None:
        return None
    if kind == "daymonth":
        return _day_month_near(mention, anchor)
    if kind == "relative":
        day = anchor - timedelta(days=mention.days_before or 0)
        return day, day, "day"
    if kind == "weekday":
        if mention.days_before is not None:
            day = anchor - timedelta(days=mention.days_before)
        else:
            day = anchor - timedelta(days=(anchor.weekday() - mention.weekday) % 7)
        return day, day, "day"
    return None


def _day_month_near(mention: DateMention, anchor: date) -> tuple[date, date, str] | None:
    """A day and month with no year: the latest such day not after the anchor ("الماضي":
    in the month before the anchor's)."""
    options = []
    for month in mention.months or (mention.month,):
        for year in (anchor.year, anchor.year - 1):
            if mention.relative_month == -1:
                wanted = (anchor.month - 2) % 12 + 1
                if month != wanted:
                    continue
            day = parse_day(mention.day, month, year)
            if day is not None and day <= anchor + timedelta(days=1):
                options.append(day)
    if not options:
        return None
    best = max(options)
    return best, best, "day"
