"""``tawthiq evaluate fakes``: per-field scores of the main incident (events[0]) against the
FA-KES gold annotations, plus a per-article listing of misses so errors can be read.

FA-KES gives no publication date: the text is given as is (it usually opens with a
dateline, which the extractor uses as its anchor). Gold counts of 0 can mean "not reported",
so a null prediction is compared as 0.

FA-KES mostly gives the report's date (its dateline), tawthiq the incident's date as the
words tell it ("killed on Tuesday" in a Wednesday report is Tuesday). ``date_exact`` is kept
as the plain comparison; the notes count the rows whose gold is the dateline and sort every
date miss by its kind (DATE_MISSES), so the score can be read without bending the extractor.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from tawthiq.errors import BadInput
from tawthiq.evaluate import check_output_path, write_output
from tawthiq.model import Event, ExtractResult

Echo = Callable[[str], None]
REQUIRED = ("unit_id", "article_title", "article_content", "date", "location", "actor",
            "cause_of_death", "nb_civilians")
TARGETS = {"governorate": 0.90, "date_exact": 0.80, "cause_of_death": 0.75,
           "perpetrator_class": 0.70, "civilians_exact": 0.65}
FIELDS = ("governorate", "date_exact", "date_in_range", "date_within_1_day", "cause_of_death",
          "perpetrator_class", "civilians_exact",
          "civilians_within_20pct", "children_exact", "women_exact")


@dataclass
class GoldRow:
    id: str
    title: str
    text: str
    source: str | None
    day: date | None
    governorate: str
    actor: str
    cause: str
    civilians: int
    children: int
    women: int


DATE_MISSES = {
    "no_date": "no date given (no dateline and no date words)",
    "dateline_words_say_earlier": "gold = dateline; the words date the incident earlier "
                                  "(\"on Tuesday\" in a Wednesday report)",
    "dateline_undated_range": "gold = dateline; no date words: range [dateline - 1, dateline]",
    "dateline_other": "gold = dateline; another date or range",
    "gold_in_range": "gold not the dateline; inside the predicted range",
    "gold_near_dateline": "gold not the dateline but within 7 days of it; outside our range",
    "gold_far_from_dateline": "gold more than 7 days from the dateline; outside our range",
    "gold_elsewhere": "gold outside our range; the report has no dateline",
}
NEAR_DATELINE_DAYS = 7


@dataclass
class Scores:
    correct: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    total: int = 0
    on_dateline: int = 0           # rows whose gold date is the report's dateline
    exact_on_dateline: int = 0     # ... and whose predicted date (start) equals it
    gold_named_in_article: int = 0  # rows whose gold date is a day the article names at all
    date_misses: dict[str, int] = field(default_factory=lambda: dict.fromkeys(DATE_MISSES, 0))

    def as_dict(self) -> dict[str, Any]:
        n = self.total or 1
        return {name: {"correct": c, "total": self.total, "accuracy": round(c / n, 4),
                       **({"target": TARGETS[name]} if name in TARGETS else {})}
                for name, c in self.correct.items()}


def evaluate_fakes(path: Path, *, output: Path | None = None, errors: Path | None = None,
                   echo: Echo = print) -> dict:
    output = check_output_path(output, "--output")
    errors = check_output_path(errors, "--errors")
    rows = read_gold(Path(path))
    from tawthiq.extract.pipeline import get_extractor
    from tawthiq.ingest.documents import make_document

    extractor = get_extractor()
    documents = (make_document(r.id, r.text, title=r.title, source=r.source) for r in rows)
    scores = Scores()
    listing = []
    for row, result in zip(rows, extractor.extract_many(documents), strict=True):
        misses = score_row(row, result, scores, extractor)
        if misses:
            listing.append({"id": row.id, "title": row.title, "misses": misses})
    report = {"data": str(path), "articles": scores.total, "fields": scores.as_dict(),
              "notes": {"gold_date_is_report_dateline": scores.on_dateline,
                        "date_exact_where_gold_is_dateline": scores.exact_on_dateline,
                        "gold_date_named_in_article": scores.gold_named_in_article,
                        "date_misses": dict(scores.date_misses)}}
    _print_table(report, echo)
    if output:
        write_output(output, json.dumps(report, indent=2) + "\n", "--output")
    if errors:
        write_output(errors, "".join(json.dumps(line, ensure_ascii=False, default=str) + "\n"
                                     for line in listing), "--errors")
    return report


def read_gold(path: Path) -> list[GoldRow]:
    if not path.is_file():
        raise BadInput("no such file", path=str(path))
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
        if missing:
            raise BadInput(f"not a FA-KES file: missing column(s) {', '.join(missing)}",
                           path=str(path), line=1)
        return [_gold_row(path, number, row) for number, row in enumerate(reader, start=2)]


def _gold_row(path: Path, number: int, row: dict[str, str]) -> GoldRow:
    def count(name: str) -> int:
        value = (row.get(name) or "0").strip() or "0"
        try:
            return int(float(value))
        except ValueError:
            raise BadInput(f"not a number: {value!r}", path=str(path), line=number,
                           field=name) from None

    return GoldRow(id=row["unit_id"], title=row["article_title"], text=row["article_content"],
                   source=row.get("source") or None, day=_gold_date(row["date"]),
                   governorate=normalise_governorate(row["location"]) or row["location"],
                   actor=row["actor"].strip().lower(), cause=row["cause_of_death"].strip().lower(),
                   civilians=count("nb_civilians"), children=count("nb_children"),
                   women=count("nb_women"))


def _gold_date(value: str) -> date | None:
    try:
        return datetime.strptime(value.strip(), "%m/%d/%y").date()
    except ValueError:
        return None


@cache
def _classes() -> dict[str, Any]:
    from tawthiq.nlp.lexicon import fakes_classes

    return fakes_classes()


@cache
def _governorate_index() -> dict[str, str]:
    names = _classes()["governorates"]["names"]
    return {_key(v): k for k, values in names.items() for v in [k, *values]}


def _key(name: str) -> str:
    from unidecode import unidecode

    return re.sub(r"[^a-z]+", " ", unidecode(name).lower()).strip()


def normalise_governorate(name: str | None) -> str | None:
    """Any spelling of a Syrian governorate -> FA-KES key ("Dayr az Zawr" -> "deir ezzor")."""
    if not name:
        return None
    key = _key(name)
    index = _governorate_index()
    if key in index:
        return index[key]
    key = re.sub(r"\b(?:governorate|province|muhafazat|mohafazat)\b", "", key).strip()
    if key in index:
        return index[key]
    for part in re.split(r"[()/,]", name):          # "Homs (Hims)"
        found = index.get(_key(part)) if part.strip() else None
        if found:
            return found
    return None


def governorate_of(event: Event | None) -> str | None:
    """The event's governorate: its location's admin1, or the location itself when it is a
    governorate."""
    if event is None or event.location is None:
        return None
    location = event.location
    names = [location.admin1, location.name, location.mention]
    if location.feature == "region":
        names = [location.name, location.mention, location.admin1]
    return next((g for g in map(normalise_governorate, names) if g), None)


def cause_of(event: Event | None) -> str:
    table = _classes()["causes_of_death"]
    if event is None or not event.means:
        return table["default"]
    return table["map"].get(event.means[0], table["default"])


def perpetrator_class(event: Event | None, registry: Any) -> str:
    """VDC class of the first perpetrator: the registry's ``vdc_class``, else keywords."""
    table = _classes()["perpetrator_classes"]
    if event is None or not event.perpetrators:
        return table["default"]
    first = event.perpetrators[0]
    when = event.date.start if event.date else None
    resolved = None
    if registry is not None:
        try:
            resolved = registry.resolve(first.name, when)
        except Exception:
            resolved = None
    if resolved is not None and getattr(resolved, "vdc_class", None):
        return resolved.vdc_class
    words = " ".join([first.name, *first.affiliation]).lower()
    for cls, keywords in table["fallback_keywords"].items():
        if any(k in words for k in keywords):
            return cls
    return table["default"]


def civilians_of(event: Event | None) -> int:
    """Civilian deaths as FA-KES counts them: the civilian count the report gives, else the
    toll when the dead are not described as combatants. Null counts as 0."""
    if event is None:
        return 0
    f = event.fatalities
    if f.civilians is not None:
        return f.civilians
    if f.best is None or event.victims.civilian is False:
        return 0
    return max(f.best - (f.combatants or 0), 0)


def score_row(row: GoldRow, result: ExtractResult, scores: Scores, extractor: Any) -> dict:
    event = result.events[0] if result.events else None
    text = row.text
    registry = getattr(getattr(extractor, "resolvers", None), "actors", None)
    predicted_civilians = civilians_of(event)
    checks = {
        "governorate": (row.governorate, governorate_of(event), "location"),
        "date_exact": (row.day, event.date.start if event and event.date else None, "date"),
        "cause_of_death": (row.cause, cause_of(event), "means"),
        "perpetrator_class": (row.actor, perpetrator_class(event, registry), "perpetrators"),
        "civilians_exact": (row.civilians, predicted_civilians, "fatalities"),
        "children_exact": (row.children, (event.fatalities.children or 0) if event else 0,
                           "fatalities"),
        "women_exact": (row.women, (event.fatalities.women or 0) if event else 0, "fatalities"),
    }
    scores.total += 1
    misses = {}
    for name, (gold, predicted, evidence_field) in checks.items():
        if gold == predicted:
            scores.correct[name] += 1
        else:
            misses[name] = {"gold": gold, "predicted": predicted,
                            "evidence": _evidence(event, evidence_field, text)}
    when = event.date if event else None
    if when is not None and row.day is not None:
        scores.correct["date_in_range"] += when.start <= row.day <= when.end
        scores.correct["date_within_1_day"] += abs((when.start - row.day).days) <= 1
    _score_dateline(row, when, dateline_of(text), scores)
    scores.gold_named_in_article += row.day is not None and row.day in days_named_in(text)
    if _within(row.civilians, predicted_civilians, 0.2):
        scores.correct["civilians_within_20pct"] += 1
    if event is not None and misses:
        misses["_event"] = {"summary": event.summary, "events": len(result.events)}
    return misses


def dateline_of(text: str) -> date | None:
    """The report's own date at its head, as the extractor reads it."""
    from tawthiq.extract.dates import find_anchor
    from tawthiq.nlp.dates import find_dates

    anchor = find_anchor(None, find_dates(text[:400]), text[:400])
    return anchor.day if anchor is not None else None


def days_named_in(text: str) -> set[date]:
    """Every day the article names: its dateline and each date mention resolved against it
    (spans up to a week, day by day). A gold date outside this set cannot be reached by an
    extractor that dates only what the words say: it bounds date_exact from above."""
    from tawthiq.extract.dates import find_anchor, resolve
    from tawthiq.nlp.dates import find_dates

    mentions = find_dates(text)
    anchor = find_anchor(None, mentions, text)
    days = {anchor.day} if anchor else set()
    for mention in mentions:
        span = resolve(mention, anchor.day if anchor else None)
        if span is not None and (span.end - span.start).days <= NEAR_DATELINE_DAYS:
            days.update(span.start + timedelta(days=i)
                        for i in range((span.end - span.start).days + 1))
    return days


def _score_dateline(row: GoldRow, when: Any, dateline: date | None, scores: Scores) -> None:
    """FA-KES annotators mostly gave the report's date, tawthiq dates the incident: count the
    rows whose gold is the dateline, and sort each date miss by its kind so the date score
    can be read (see DATE_MISSES)."""
    gold_is_dateline = row.day is not None and row.day == dateline
    scores.on_dateline += gold_is_dateline
    exact = when is not None and when.start == row.day
    scores.exact_on_dateline += gold_is_dateline and exact
    if exact or row.day is None:
        return
    scores.date_misses[_date_miss_kind(row.day, when, dateline)] += 1


def _date_miss_kind(gold: date, when: Any, dateline: date | None) -> str:
    gold_is_dateline = gold == dateline
    if when is None:
        return "no_date"
    if gold_is_dateline:
        if when.precision == "day" and when.end < gold:
            return "dateline_words_say_earlier"
        if when.precision == "days" and when.end == gold and (gold - when.start).days == 1:
            return "dateline_undated_range"
        return "dateline_other"
    if when.start <= gold <= when.end:
        return "gold_in_range"
    if dateline is None:
        return "gold_elsewhere"
    near = abs((gold - dateline).days) <= NEAR_DATELINE_DAYS
    return "gold_near_dateline" if near else "gold_far_from_dateline"


def _within(gold: int, predicted: int, share: float) -> bool:
    return abs(gold - predicted) <= share * gold if gold else predicted == 0


def _evidence(event: Event | None, name: str, text: str) -> list[str]:
    if event is None:
        return []
    return [text[e.start:e.end] for e in event.evidence if e.field == name][:4]


def _print_table(report: dict, echo: Echo) -> None:
    from io import StringIO

    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"FA-KES, events[0] of {report['articles']} articles")
    for column in ("field", "correct", "accuracy", "target"):
        table.add_column(column, justify="left" if column == "field" else "right")
    for name, value in report["fields"].items():
        target = value.get("target")
        mark = "" if target is None else (" ok" if value["accuracy"] >= target else " below")
        table.add_row(name, f"{value['correct']}/{value['total']}", f"{value['accuracy']:.3f}",
                      "" if target is None else f"{target:.2f}{mark}")
    buffer = StringIO()
    Console(file=buffer, width=100, force_terminal=False).print(table)
    echo(buffer.getvalue().rstrip("\n"))
    notes = report.get("notes", {})
    on_dateline = notes.get("gold_date_is_report_dateline")
    if on_dateline is not None:
        echo(f"note: the gold date is the article's dateline in {on_dateline} of "
             f"{report['articles']} articles (FA-KES dates reports, tawthiq dates incidents); "
             f"date_exact on those: {notes.get('date_exact_where_gold_is_dateline', 0)}"
             f"/{on_dateline}")
    named = notes.get("gold_date_named_in_article")
    if named is not None:
        echo(f"note: the gold date is a day the article names (dateline or any date words) in "
             f"{named} of {report['articles']}: no extractor that dates only what the article "
             f"says can exceed date_exact {named / (report['articles'] or 1):.3f}")
    misses = notes.get("date_misses") or {}
    if any(misses.values()):
        echo("date_exact misses by kind:")
        for kind, count in misses.items():
            echo(f"  {count:>4}  {DATE_MISSES[kind]}")
