"""Date expressions in a report: explicit dates, weekdays, relative words ("last week").

Finding is separate from resolving: a mention keeps what the words say (day, month, year,
weekday, a relative span); ``tawthiq.extract.dates`` resolves it against the report's anchor
(its published date or dateline).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from tawthiq.caseless import Caseless, lowered
from tawthiq.nlp.lexicon import date_words
from tawthiq.nlp.numbers import parse_number


@dataclass
class DateMention:
    start: int
    end: int
    kind: str                      # date | month | year | weekday | relative | referenced
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None     # 0 = Monday
    last: bool = False             # "last Tuesday": strictly before the anchor's week day
    relative: dict | None = None   # an entry of date_words.json "relative"
    overnight: bool = False        # "overnight and in the early hours of March 7"
    shift: int = 0                 # "a day after the ambush": days from the referent's date
    referent: str | None = None    # "ambush"
    until_weekday: int | None = None  # "over Friday and Saturday": the span's last day


@dataclass(frozen=True)
class _Patterns:
    explicit: list[Caseless]
    month_year: Caseless
    year: Caseless
    weekday: Caseless
    relative: list[tuple[Caseless, dict]]
    overnight: re.Pattern[str]
    referenced: Caseless
    months: dict[str, int]


@cache
def patterns() -> _Patterns:
    words = date_words()
    months = words["months"]
    month = "|".join(sorted(months, key=len, reverse=True))
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    year = r"(?P<year>(?:19|20)\d\d)"
    explicit = [  # case-insensitive (``Caseless``): the digit-only ones are the same either way
        Caseless(rf"\b(?P<month>{month})\.?\s*(?P<day>[0-3]\d){year}\b"),   # "Apr 092017"
        Caseless(rf"\b{day}\s+(?:of\s+)?(?P<month>{month})\b\.?,?(?:\s+{year}\b)?"),
        Caseless(rf"\b(?P<month>{month})\.?\s+{day}\b(?!:)(?:\s*,?\s*{year}\b)?"),
        # "21.08.2013Get short URL": a dateline glued to the page's next words
        Caseless(r"\b(?P<day>[0-3]?\d)[./-](?P<nmonth>[01]?\d)[./-](?P<year>(?:19|20)\d\d)(?!\d)"),
        Caseless(r"\b(?P<year>(?:19|20)\d\d)[-/.](?P<nmonth>[01]?\d)[-/.](?P<day>[0-3]?\d)\b"),
    ]
    weekday_names = "|".join(words["weekdays"])
    return _Patterns(
        explicit=explicit,
        month_year=Caseless(rf"\b(?P<month>{month})\.?,?\s+{year}\b"),
        year=Caseless(rf"\b(?:in|during|early|late|since|of)\s+{year}\b"),
        weekday=Caseless(rf"\b(?:(?P<last>last|past|previous)\s+)?(?P<name>{weekday_names})"
                         r"(?:'?s)?\b"),
        relative=[(Caseless(r["pattern"]), r) for r in words["relative"]],
        overnight=re.compile(r"\b(?:overnight|night of|late (?:on )?\w+ night)\b",
                             re.IGNORECASE),
        referenced=Caseless(r"\b(?P<n>a|an|one|two|three|four|five|six|seven|\d{1,2})\s+"
                            r"(?P<unit>days?|weeks?)\s+(?P<dir>after|before)\s+(?:the|an?|this|"
                            r"that|last|its|their)\s+(?:\w+\s+)?(?P<noun>[a-z][a-z-]+)\b"),
        months=months,
    )


def find_dates(text: str) -> list[DateMention]:
    """Every date expression in ``text``, in text order, without overlaps (the groups'
    words are read lower-cased: ``Caseless``)."""
    p = patterns()
    lower = lowered(text)
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def add(mention: DateMention) -> None:
        if any(mention.start < e and s < mention.end for s, e in taken):
            return
        taken.append((mention.start, mention.end))
        found.append(mention)

    for regex in p.explicit:
        for match in regex.finditer(text, lower):
            mention = _explicit(match)
            if mention:
                add(mention)
    for match in p.referenced.finditer(text, lower):
        count = parse_number(match.group("n")) or 1
        days = count * (7 if match.group("unit").lower().startswith("week") else 1)
        add(DateMention(match.start(), match.end(), "referenced",
                        shift=days if match.group("dir").lower() == "after" else -days,
                        referent=match.group("noun").lower()))
    for match in p.month_year.finditer(text, lower):
        add(DateMention(match.start(), match.end(), "month", year=int(match.group("year")),
                        month=p.months[match.group("month").lower().rstrip(".")]))
    for match in p.year.finditer(text, lower):
        add(DateMention(match.start("year"), match.end(), "year", year=int(match.group("year"))))
    for regex, entry in p.relative:
        for match in regex.finditer(text, lower):
            add(DateMention(match.start(), match.end(), "relative", relative=entry))
    for match in p.weekday.finditer(text, lower):
        add(DateMention(match.start(), match.end(), "weekday",
                        weekday=date_words()["weekdays"].index(match.group("name").lower()),
                        last=bool(match.group("last"))))
    found.sort(key=lambda m: m.start)
    found = _join_weekday_spans(text, found)
    found = _join_weekday_dates(text, found)
    _mark_overnight(text, found)
    return found


WEEKDAY_JOIN = re.compile(r"^\s*(?:and|to|through|till|until|or|-|–)\s*$", re.IGNORECASE)


def _join_weekday_spans(text: str, mentions: list[DateMention]) -> list[DateMention]:
    """"over Friday and Saturday", "from Monday to Wednesday": one span of days, not the
    first day alone."""
    out: list[DateMention] = []
    for m in mentions:
        previous = out[-1] if out else None
        if (
            previous is not None
            and m.kind == previous.kind == "weekday"
            and previous.until_weekday is None
            and not m.last
            and WEEKDAY_JOIN.match(text[previous.end : m.start])
        ):
            previous.end, previous.until_weekday = m.end, m.weekday
            continue
        out.append(m)
    return out


WEEKDAY_DATE_GAP = re.compile(r"^\s*,?\s*(?:the\s+)?$")


def _join_weekday_dates(text: str, mentions: list[DateMention]) -> list[DateMention]:
    """"Wednesday July 25th", "Tuesday, 25 March": one date whose weekday tells its year."""
    out: list[DateMention] = []
    for m in mentions:
        previous = out[-1] if out else None
        if (previous is not None and previous.kind == "weekday" and m.kind == "date"
                and previous.until_weekday is None and not previous.last
                and WEEKDAY_DATE_GAP.match(text[previous.end:m.start])):
            m.start, m.weekday = previous.start, previous.weekday
            out[-1] = m
            continue
        out.append(m)
    return out


def _explicit(match: re.Match[str]) -> DateMention | None:
    groups = match.groupdict()
    month = (int(groups["nmonth"]) if groups.get("nmonth")
             else patterns().months.get(groups["month"].lower().rstrip(".")))
    day = int(groups["day"])
    year = int(groups["year"]) if groups.get("year") else None
    if not month or not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    return DateMention(match.start(), match.end(), "date", year=year, month=month, day=day)


def _mark_overnight(text: str, mentions: list[DateMention]) -> None:
    """A day named together with "overnight" covers the night before it too."""
    for m in mentions:
        if m.kind in ("date", "weekday"):
            window = text[max(0, m.start - 60): m.start]
            m.overnight = bool(patterns().overnight.search(window))
