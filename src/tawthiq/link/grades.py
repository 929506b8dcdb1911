"""Corroboration grades (``data/link/grades.json``, after Airwars' public grading), each
given with the reason, and the independence rule: a report's original sources are the
monitors it cites (``reported_by``) or, citing none, its outlet; many outlets relaying one
monitor are one source."""

from __future__ import annotations

from tawthiq.geo.names import fold
from tawthiq.link.settings import grades
from tawthiq.model import Attribution, EventReport, Grade


def original_sources(report: EventReport) -> list[str]:
    cited = [r.strip() for r in report.event.reported_by if r and r.strip()]
    return cited or [(report.source or f"document {report.document_id}").strip()]


def independent_sources(reports: list[EventReport]) -> list[str]:
    seen: dict[str, str] = {}
    for report in reports:
        for name in original_sources(report):
            seen.setdefault(fold(name), name)
    return list(seen.values())


def admitted(attributions: list[Attribution]) -> Attribution | None:
    """An actor named by itself (a claim or an admission)."""
    for entry in attributions:
        names = {fold(entry.actor), fold(entry.family)}
        if any(any(n and n in fold(by) for n in names) for by in entry.attributed_by):
            return entry
    return None


def grade_incident(reports: list[EventReport], attributions: list[Attribution]) -> Grade:
    sources = independent_sources(reports)
    outlets = {(r.source or f"document {r.document_id}").strip().lower() for r in reports}
    families: dict[str, list[str]] = {}
    for entry in attributions:
        families.setdefault(entry.family, []).extend(entry.attributed_by)
    confirmed = admitted(attributions)
    for rule in grades()["grades"]:
        when = rule["when"]
        if when == "admitted" and confirmed is not None:
            reason = f"{confirmed.actor} is named by itself ({'; '.join(confirmed.attributed_by)})"
        elif when == "contested" and len(families) > 1:
            reason = "sources name different sides: " + " against ".join(
                f"{family} (by {', '.join(dict.fromkeys(by))})" for family, by in families.items())
        elif when == "independent>=2" and len(sources) >= 2:
            reason = f"{len(sources)} independent sources: {', '.join(sources)}"
        elif when == "otherwise":
            relayed = f", relayed by {len(outlets)} outlets" if len(outlets) > 1 else ""
            reason = f"a single source ({', '.join(sources) or 'unnamed'}){relayed}"
        else:
            continue
        return Grade(grade=rule["grade"], reason=reason, independent_sources=sources)
    raise AssertionError("grades.json must end with an 'otherwise' grade")
