"""From casualty mentions to an event's fatalities and injuries (low / best / high).

Conventions (ACLED and UCDP, see ``data/en/vague_quantities.json``): counts joined by
"and" under one verb add up ("31 fighters and eight civilians"); "including four children"
breaks a total down without adding to it; when a report states different totals of the same
toll, ``low`` is the smallest, ``high`` the largest and ``best`` the first precise one (the
report's lead). "Dozens" gives way to a figure of the same toll: it sets neither ``low``
nor ``high`` when the report also states the number ("at least 23": low = 23). A running
total since the war began is not the event's toll. What the report does not say is null.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from tawthiq.model import Fatalities, Injuries
from tawthiq.nlp.casualties import CasualtyMention

CIVILIAN_GROUPS = ("civilians", "children", "women")
CIVILIAN_NOUN = re.compile(r"^civilians?$", re.IGNORECASE)


@dataclass
class Total:
    parts: list[CasualtyMention]
    breakdowns: list[CasualtyMention] = field(default_factory=list)

    def _sum(self, attr: str) -> int | None:
        values = [getattr(p, attr) for p in self.parts]
        return None if any(v is None for v in values) else sum(values)

    @property
    def low(self) -> int | None:
        return self._sum("low")

    @property
    def best(self) -> int | None:
        return self._sum("best")

    @property
    def high(self) -> int | None:
        return self._sum("high")

    def count(self, groups: tuple[str, ...]) -> int | None:
        """People of these groups: counted parts, else the largest breakdown naming them."""
        parts = [p.best for p in self.parts if p.group in groups and p.best is not None]
        if parts:
            return sum(parts)
        broken = [b.best for b in self.breakdowns if b.group in groups and b.best is not None]
        return max(broken) if broken else None

    def enumerated(self, attr: str) -> int | None:
        values = [getattr(p, attr) for p in self.parts + self.breakdowns if getattr(p, attr)]
        return sum(values) if values else None

    @property
    def vague(self) -> bool:
        """ "dozens": a word, not a figure; it gives way to a figure of the same toll."""
        return any(p.vague for p in self.parts)

    @property
    def mentions(self) -> list[CasualtyMention]:
        return self.parts + self.breakdowns


def totals(mentions: list[CasualtyMention], outcome: str) -> list[Total]:
    """Group one outcome's mentions into totals, in text order."""
    found: list[Total] = []
    for m in mentions:
        if m.outcome != outcome or m.cumulative:
            continue
        if m.breakdown and found:
            found[-1].breakdowns.append(m)
        elif m.coordinated and found and found[-1].parts[-1].outcome == outcome:
            found[-1].parts.append(m)
        else:
            found.append(Total([m]))
    return found


def fatalities_of(mentions: list[CasualtyMention]) -> tuple[Fatalities, list[CasualtyMention]]:
    """The event's fatalities and the mentions that support them."""
    found = totals(mentions, "killed")
    if not found:
        return Fatalities(), []
    lead = next((t for t in found if not t.vague), found[0])
    figures = [t for t in found if _same_toll(t, lead) and (lead.vague or not t.vague)]
    lows = [t.low for t in figures if t.low is not None]
    highs = [t.high if t.high is not None else t.best for t in figures]
    fatalities = Fatalities(
        low=min(lows) if lows else None,
        best=lead.best,
        # "at least 26" leaves the top open, unless the report also states a figure: the
        # highest stated one is then the high ("at least 26" ... "put the toll at 31")
        high=max(highs) if highs and any(t.high is not None for t in figures) else None,
        civilians=_first_count(found, CIVILIAN_GROUPS, lead, civilians=True),
        combatants=_first_count(found, ("combatants",), lead),
        children=_first_enumerated(found, "children", lead.best),
        women=_first_enumerated(found, "women", lead.best),
    )
    if fatalities.high is not None and fatalities.best is not None:
        fatalities.high = max(fatalities.high, fatalities.best)
    if fatalities.low is not None and fatalities.best is not None:
        fatalities.low = min(fatalities.low, fatalities.best)
    support = [m for t in found for m in t.mentions]
    return fatalities, support


def _same_toll(total: Total, lead: Total) -> bool:
    """Another statement of the lead's toll, not a part of it: conflicting tolls of one
    incident differ, but rarely by more than half ("a child was killed" is a story within)."""
    if total.best is None or lead.best is None:
        return total is lead
    return lead.best / 2 <= total.best <= lead.best * 2


def _first_count(found: list[Total], groups: tuple[str, ...], lead: Total,
                 civilians: bool = False) -> int | None:
    """From the lead total, else from another statement of the same toll ("12 killed" ...
    "the 12 civilians killed"): a count from a different total is another statement."""
    for total in [lead] + [t for t in found if t is not lead and t.best == lead.best]:
        value = _civilians_of(total) if civilians else total.count(groups)
        if value is not None and (lead.best is None or value <= lead.best):
            return value
    return None


def _civilians_of(total: Total) -> int | None:
    """Counted civilians (children and women among them); of a breakdown, only one that says
    "civilians": "including two medics" is not the civilian toll."""
    parts = [p.best for p in total.parts if p.group in CIVILIAN_GROUPS and p.best is not None]
    if parts:
        return sum(parts)
    broken = [
        b.best
        for b in total.breakdowns
        if b.best is not None and b.noun and CIVILIAN_NOUN.match(b.noun)
    ]
    return max(broken) if broken else None


def _first_enumerated(found: list[Total], group: str, ceiling: int | None) -> int | None:
    for total in found:
        value = total.enumerated(group) or total.count((group,))
        if value is not None and (ceiling is None or value <= ceiling):
            return value
    return None


def injuries_of(mentions: list[CasualtyMention]) -> tuple[Injuries, list[CasualtyMention]]:
    found = totals(mentions, "injured")
    if not found:
        return Injuries(), []
    support = [m for t in found for m in t.mentions]
    found = [t for t in found if not t.vague] or found
    lows = [t.low for t in found if t.low is not None]
    highs = [t.high for t in found if t.high is not None]
    best = found[0].best
    injuries = Injuries(
        low=min(lows) if lows else None,
        best=best,
        high=max(highs) if highs and len(highs) == len(found) else None,
    )
    if injuries.high is not None and best is not None:
        injuries.high = max(injuries.high, best)
    if injuries.low is not None and best is not None:
        injuries.low = min(injuries.low, best)
    return injuries, support


def victims_are_civilian(mentions: list[CasualtyMention]) -> bool | None:
    """True when the killed are described as civilians, False when only as combatants."""
    groups = {m.group for m in mentions if m.outcome == "killed" and not m.cumulative}
    if groups & set(CIVILIAN_GROUPS):
        return True
    if "combatants" in groups and not groups - {"combatants", None}:
        return False
    return None


def named_killed(text: str, named: list, sentences: list[tuple[int, int]]) -> int | None:
    """How many named victims the words say were killed, when the report gives no figure
    ("Gunmen shot dead Ahmad Khalil and his neighbour Rami Saleh" is two): each name is
    judged by the nearest harm word of its sentence, killed or injured. None when no named
    person is said to be killed."""
    killed = 0
    for person in named:
        if person.start is None:
            continue
        span = next(((s, e) for s, e in sentences if s <= person.start < e), None)
        if span is not None and _nearest_outcome(text, span, person.start) == "killed":
            killed += 1
    return killed or None


def _nearest_outcome(text: str, span: tuple[int, int], at: int) -> str | None:
    best: tuple[int, str] | None = None
    for outcome, regex in _outcome_words().items():
        for match in regex.finditer(text, span[0], span[1]):
            distance = min(abs(match.start() - at), abs(match.end() - at))
            if best is None or distance < best[0]:
                best = (distance, outcome)
    return best[1] if best else None


@cache
def _outcome_words() -> dict[str, re.Pattern[str]]:
    """Killed and injured words of data/en/casualty_terms.json, before or after a noun."""
    from tawthiq.nlp.lexicon import alternation, casualty_terms

    outcomes = casualty_terms()["outcomes"]
    return {outcome: re.compile(rf"\b(?:{alternation(outcomes[outcome]['before'])}|"
                                rf"{alternation(outcomes[outcome]['after'])})\b", re.IGNORECASE)
            for outcome in ("killed", "injured")}
