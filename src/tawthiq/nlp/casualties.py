"""Casualty numbers in a sentence: how many, what happened to them, who they were.

Works on plain text within one sentence so that it stays fast and predictable on run-on
news text where the parser is unreliable. Every mention keeps its character offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from tawthiq.caseless import Caseless, lowered
from tawthiq.nlp.lexicon import (
    alternation,
    casualty_terms,
    date_words,
    qualifiers,
    vague_quantities,
)
from tawthiq.nlp.numbers import NUMBER, parse_number

GROUP_ORDER = ("children", "women", "combatants", "civilians", "people")
# the kinds of data/en/casualty_terms.json "relatives": kin by sex and age, and one adult by trade
RELATIVE_KINDS = ("child", "woman", "man", "person")
PROPER_NAME = re.compile(r"\b[A-Z][a-z]")                 # "killed Ahmad Khalil, 34": an age
AGE_AFTER_NAME = re.compile(r"\b[A-Z][\w'’-]+,\s*$")


def _any(words: list[str]) -> str:
    """An alternation in the file's order (the lists are regular expressions)."""
    return "|".join(words)


def _month_abbreviations() -> str:
    """Month words as abbreviations: "Nov." or "November" before a day is a date."""
    names = sorted(date_words()["months"], key=len, reverse=True)
    return rf"(?:{_any(names)})\b\.?"  # "martyred 29" is no month


# "in 2011 security forces shot dead ...": a year after its preposition, not a count
YEAR_PREPOSITION = re.compile(r"\b(?:in|since|during|until|till|before|after|by|of|from|"
                              r"early|late|mid)\s*$", re.IGNORECASE)


@dataclass
class CasualtyMention:
    """One counted group of people: "at least 16 civilians were killed"."""

    start: int
    end: int
    number_start: int
    number_end: int
    low: int | None
    best: int | None
    high: int | None
    outcome: str | None = None          # "killed" | "injured" | "missing"
    group: str | None = None            # children | women | combatants | civilians | people
    noun: str | None = None
    breakdown: bool = False             # part of a larger total ("including four children")
    coordinated: bool = False           # added to the previous count ("9 fighters and 4 civilians")
    cumulative: bool = False            # a running total since the war began
    vague: bool = False
    children: int | None = None         # carried by enumerations ("a man and his two sons")
    women: int | None = None
    outcome_after: bool = False         # "men shot dead ...": the outcome word follows the count


@dataclass(frozen=True)
class _Patterns:
    quantity: Caseless
    group_after: re.Pattern[str]
    of_them: re.Pattern[str]
    after: dict[str, re.Pattern[str]]
    before: dict[str, re.Pattern[str]]
    not_a_count: re.Pattern[str]
    month_before: re.Pattern[str]
    day_month_before: re.Pattern[str]
    gap_break: re.Pattern[str]
    aside: re.Pattern[str]
    used_as_modifier: re.Pattern[str]
    breakdown_cue: re.Pattern[str]
    coordination: re.Pattern[str]
    cumulative: re.Pattern[str]
    comparison: re.Pattern[str]
    total: re.Pattern[str]
    share_after: re.Pattern[str]
    family_of: re.Pattern[str]
    relatives: Caseless
    singular: re.Pattern[str]
    groups: dict[str, re.Pattern[str]]
    relative_kind: dict[str, str]


@cache
def patterns() -> _Patterns:
    terms = casualty_terms()
    context = terms["count_context"]
    months = _month_abbreviations()
    quals = alternation(list(qualifiers()))
    vague = alternation([re.escape(w) for w in vague_quantities()])
    quantity = Caseless(
        rf"(?:\b(?P<qual>{quals})\s+)?(?:(?P<num>{NUMBER})|\b(?P<vague>{vague})\b)")
    all_groups = [w for g in GROUP_ORDER for w in terms["victim_groups"][g]]
    group_alt = alternation(all_groups)
    group_after = re.compile(
        rf"^\s+(?:of\s+(?:the\s+)?)?(?P<mods>(?:(?!(?:{_any(context['group_gap_stops'])}|"
        rf"{NUMBER})\b)[A-Za-z'’-]+\s+){{0,4}})"  # greedy: "Druze fighters" counts fighters
        rf"(?P<noun>{group_alt})\b",
        re.IGNORECASE)
    of_them = re.compile(rf"^\s+of\s+(?:{_any(context['of_them'])})\b"
                         rf"(?:\s+(?:were\s+|are\s+)?(?P<noun>{group_alt})\b)?", re.IGNORECASE)
    after = {k: re.compile(rf"^[\s,]*(?:(?:{_any(context['totalisers'])})[\s,]+)?"
                         rf"(?:(?:{_any(context['more_words'])})\s+)?"
                         rf"(?:{alternation(v['after'])})\b", re.IGNORECASE)
             for k, v in terms["outcomes"].items()}
    before = {k: re.compile(rf"\b(?:{alternation(v['before'])})\b"
                            r"(?P<gap>(?:[\s,]+[A-Za-z'’-]+){0,5}?)[\s,]*$", re.IGNORECASE)
              for k, v in terms["outcomes"].items()}
    relatives = terms["relatives"]
    rel_words = [w for k in RELATIVE_KINDS for w in relatives[k]]
    rel_alt = alternation([rf"{w}(?:s|ren)?" for w in rel_words])
    item = rf"(?:(?:a|an|one|his|her|their|its|the|{NUMBER})\s+)?(?:(?:{NUMBER})\s+)?(?:{rel_alt})"
    return _Patterns(
        quantity=quantity,
        group_after=group_after,
        of_them=of_them,
        after=after,
        before=before,
        not_a_count=re.compile(rf"^\s*(?:-|–)?\s*(?:[A-Za-z-]+\s+){{0,2}}?"
                               rf"(?:{_any(context['not_people_units'])})\b", re.IGNORECASE),
        month_before=re.compile(rf"\b{months}\s*$", re.IGNORECASE),
        # "March 12, 2024 - Gunmen shot dead ...": the year of a dateline, never a count.
        day_month_before=re.compile(rf"(?:\b{months}\s+[0-3]?\d(?:st|nd|rd|th)?|"
                                    rf"\b[0-3]?\d\s+{months}),?\s*$", re.IGNORECASE),
        gap_break=re.compile(rf"\d|\b(?:{_any(context['gap_breaks'])})\b", re.IGNORECASE),
        # "11 people, most of them women, were killed": an aside between the counted group
        # and what happened to it (no number inside: a counted aside is a mention of its own).
        aside=re.compile(rf"^\s*,\s*(?:{_any(context['aside_openers'])})\b[^,.;:\d]{{1,60}},",
                         re.IGNORECASE),
        # "a terrorist attack", "a militia commander": the noun qualifies another.
        used_as_modifier=re.compile(rf"\s+(?:{_any(context['modifier_heads'])})\b",
                                    re.IGNORECASE),
        breakdown_cue=re.compile(rf"\b(?:{alternation(terms['breakdown_cues'])})\b[\s,:]*$",
                                 re.IGNORECASE),
        coordination=re.compile(rf"^\s*(?:,|,?\s*(?:{_any(context['coordinators'])}))\s*$",
                                re.IGNORECASE),
        cumulative=re.compile(rf"\b(?:{alternation(terms['cumulative_cues'])})\b", re.IGNORECASE),
        comparison=re.compile(terms["comparisons"], re.IGNORECASE),
        total=re.compile(rf"\b(?:{alternation(terms['total_cues'])})\b", re.IGNORECASE),
        share_after=re.compile(terms["share_after"], re.IGNORECASE),
        family_of=re.compile(rf"\b{terms['family_of']}\b", re.IGNORECASE),
        relatives=Caseless(rf"\b{item}(?:(?:\s*,\s*|\s*,?\s+and\s+){item})+\b"),
        singular=re.compile(rf"\b(?:a|an|one)\s+(?:(?:{_any(context['singular_modifiers'])})\s+)?"
                            rf"(?P<noun>{group_alt})\b", re.IGNORECASE),
        groups={g: re.compile(rf"^(?:{alternation(terms['victim_groups'][g])})$", re.IGNORECASE)
                for g in GROUP_ORDER},
        relative_kind={w.lower(): k for k in RELATIVE_KINDS for w in relatives[k]},
    )


def group_of(noun: str | None) -> str | None:
    if not noun:
        return None
    for name, regex in patterns().groups.items():
        if regex.match(noun):
            return name
    return None


def find_casualties(text: str, sentences: list[tuple[int, int]]) -> list[CasualtyMention]:
    """All casualty mentions of ``text``, sentence by sentence (char offsets into ``text``)."""
    found: list[CasualtyMention] = []
    for start, end in sentences:
        found.extend(_in_sentence(text, start, end))
    return found


RESTATED = re.compile(r"(?P<word>[A-Za-z][A-Za-z-]*)(?P<figure>\s*\(\s*\d[\d,]*\s*\))")


def without_restated_figures(sentence: str) -> str:
    """ "more than twenty (20) people": the figure in brackets restates the number word
    before it (a legal and NGO habit); blanked (offsets kept) so the words count once."""
    def blank(match: re.Match[str]) -> str:
        if parse_number(match.group("word")) is None:
            return match.group(0)
        return match.group("word") + " " * len(match.group("figure"))

    return RESTATED.sub(blank, sentence)


def _in_sentence(text: str, s_start: int, s_end: int) -> list[CasualtyMention]:
    p = patterns()
    sentence = without_restated_figures(text[s_start:s_end])
    lower = lowered(sentence)
    mentions = _enumerations(sentence, lower) + _family_of(sentence)
    mentions += _quantities(sentence, taken=[(m.start, m.end) for m in mentions], lower=lower)
    mentions += _singulars(sentence, taken=[(m.start, m.end) for m in mentions])
    mentions.sort(key=lambda m: m.number_start)
    for m in mentions:
        _attach_outcome(sentence, m)
    for m, following in pairwise(mentions):
        if _subject_of_the_killing(sentence, m, following):
            m.outcome = None
    _link_parts(sentence, mentions)
    totals = [m for m in mentions if m.outcome == "killed" and _is_total(sentence, m)]
    shared = set()
    for m in mentions:
        total = next((t for t in totals if t.number_start < m.number_start), None)
        if m.outcome is None and total is not None \
                and p.share_after.match(sentence[m.number_end:]):
            m.outcome = "killed"  # "of some 500 dead, about 80 were in X": X's share
            shared.add(id(total))
    # "the recovery of 15 bodies" is no total: only one a share is told of, or "one of N"
    totals = [t for t in totals if id(t) in shared
              or re.search(r"\bone of\b", sentence[max(0, t.number_start - 20):t.number_start],
                           re.IGNORECASE)]
    kept = [m for m in mentions if m.outcome]
    for m in kept:
        # "the deadliest attack since 2017": a comparison, no period the count covers
        window = p.comparison.sub(" ", sentence[max(0, m.start - 80): m.end + 60])
        m.cumulative = bool(p.cumulative.search(window)) or m in totals
    _share_cumulative(kept)
    for m in kept:
        for attr in ("start", "end", "number_start", "number_end"):
            setattr(m, attr, getattr(m, attr) + s_start)
    return kept


def _share_cumulative(mentions: list[CasualtyMention]) -> None:
    """A total and its breakdown ("116 civilians, including 18 children and 23 women, had been
    killed ... in the past two weeks") are one toll: aggregate together or not at all."""
    group: list[CasualtyMention] = []
    for m in mentions + [None]:
        if m is None or not (m.breakdown or m.coordinated):
            if any(g.cumulative for g in group):
                for g in group:
                    g.cumulative = True
            group = []
        if m is not None:
            group.append(m)


def _is_total(sentence: str, m: CasualtyMention) -> bool:
    """The count is the total a share is told of ("of some 500 dead", "one of at least 20
    killed"): a total cue that holds the count itself."""
    window_start = max(0, m.number_start - 40)
    return any(match.start() + window_start <= m.number_start < match.end() + window_start
               for match in patterns().total.finditer(sentence[window_start:m.end + 20]))


def _overlaps(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return any(start < t_end and t_start < end for t_start, t_end in taken)


def _quantities(sentence: str, taken: list[tuple[int, int]],
                lower: str | None = None) -> list[CasualtyMention]:
    """Numbers and vague quantities (their words read lower-cased: ``Caseless``)."""
    p = patterns()
    out = []
    for match in p.quantity.finditer(sentence, lower):
        if _overlaps(match.start(), match.end(), taken):
            continue
        rest = sentence[match.end():]
        if p.not_a_count.match(rest) or p.month_before.search(sentence[:match.start()]):
            continue
        if AGE_AFTER_NAME.search(sentence[:match.start()]) and re.match(r"\s*[,)]", rest):
            continue
        if match.group("num"):
            value = parse_number(match.group("num"))
            year_like = 1900 <= value <= 2100 if value is not None else False
            if value is None or (year_like and not match.group("num").isalpha()
                                 and (not p.group_after.match(rest)
                                      or p.day_month_before.search(sentence[:match.start()])
                                      or YEAR_PREPOSITION.search(sentence[:match.start()]))):
                continue
            low, best, high = _qualified(value, match.group("qual"))
            vague = False
        else:
            low, best, high = vague_quantities()[match.group("vague").lower()]
            vague = True
        out.append(CasualtyMention(match.start(), match.end(), match.start(), match.end(),
                                   low, best, high, vague=vague))
    return out


def _qualified(value: int, qualifier: str | None) -> tuple[int | None, int | None, int | None]:
    kind = qualifiers().get((qualifier or "").lower())
    if kind == "lower":
        return value, value, None
    if kind == "upper":
        return None, value, value
    return value, value, value


def _singulars(sentence: str, taken: list[tuple[int, int]]) -> list[CasualtyMention]:
    out = []
    for match in patterns().singular.finditer(sentence):
        if _overlaps(match.start(), match.end(), taken):
            continue
        noun = match.group("noun")
        if noun.lower().endswith("s") and noun.lower() not in ("boss",):
            continue
        if patterns().used_as_modifier.match(sentence[match.end():]):
            continue
        m = CasualtyMention(match.start(), match.end(), match.start(), match.end(), 1, 1, 1,
                            group=group_of(noun), noun=noun)
        if _outcome_after(sentence[match.end():]) or _harm_verb_just_before(sentence,
                                                                              match.start()):
            out.append(m)
    return out


def _harm_verb_just_before(sentence: str, start: int) -> bool:
    """"gunmen killed a shepherd", "shot dead an elderly man": the singular is the object."""
    before = sentence[max(0, start - 40): start]
    for regex in patterns().before.values():
        match = regex.search(before)
        if match and not match.group("gap").strip(" ,"):
            return True
    return False


def _family_of(sentence: str) -> list[CasualtyMention]:
    out = []
    for match in patterns().family_of.finditer(sentence):
        value = parse_number(match.group("n"))
        if value:
            out.append(CasualtyMention(match.start(), match.end(), match.start(), match.end(),
                                       value, value, value, group="civilians", noun="family"))
    return out


def _enumerations(sentence: str, lower: str | None = None) -> list[CasualtyMention]:
    """"a man, his wife and their three children" -> 5 people, 3 children, 1 woman; "a farmer
    and his two sons" -> 3 people, 2 children (the words read lower-cased: ``Caseless``)."""
    p = patterns()
    out = []
    for match in p.relatives.finditer(sentence, lower):
        counts = dict.fromkeys(RELATIVE_KINDS, 0)
        for item in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", match.group()):
            words = item.split()
            noun = words[-1].lower()
            kind = p.relative_kind.get(noun) or p.relative_kind.get(noun.rstrip("s")) \
                or p.relative_kind.get(noun.removesuffix("ren"))
            if kind is None:
                continue
            numbers = [parse_number(w) for w in words[:-1]]
            numbers = [n for n in numbers if n]
            plural = noun.endswith("s") or noun.endswith("ren")
            # a trade heads a family ("a farmer and his two sons"), it does not list colleagues
            if plural and (not numbers or kind == "person"):
                counts = {}
                break
            counts[kind] += numbers[-1] if numbers else 1
        total = sum(counts.values())
        if total >= 2:
            out.append(CasualtyMention(match.start(), match.end(), match.start(), match.end(),
                                       total, total, total, group="civilians", noun="family",
                                       children=counts["child"] or None,
                                       women=counts["woman"] or None))
    return out


def _outcome_after(rest: str) -> str | None:
    for outcome, regex in patterns().after.items():
        match = regex.match(rest)
        if match:
            return outcome
    return None


def _attach_outcome(sentence: str, m: CasualtyMention) -> None:
    """Group noun after the number, then the outcome word after it or before the number."""
    p = patterns()
    cursor = m.number_end
    rest = sentence[cursor:]
    of_them = p.of_them.match(rest)
    if of_them:
        m.noun, m.breakdown = of_them.group("noun"), True
        cursor += of_them.end()
    elif m.noun is None:
        group = p.group_after.match(rest)
        if group:
            m.noun = group.group("noun")
            cursor += group.end()
    m.group = m.group or group_of(m.noun)
    outcome = _outcome_after(sentence[cursor:])
    aside = None if outcome else p.aside.match(sentence[cursor:])
    if aside and _outcome_after(sentence[cursor + aside.end():]):
        cursor += aside.end()
        outcome = _outcome_after(sentence[cursor:])
    if outcome:
        after = patterns().after[outcome].match(sentence[cursor:])
        m.outcome, m.end = outcome, cursor + (after.end() if after else 0)
        m.outcome_after = True
        return
    m.end = max(m.end, cursor)
    before_text = sentence[max(0, m.start - 130): m.start]
    best: tuple[int, str] | None = None
    for outcome, regex in p.before.items():
        match = regex.search(before_text)
        gap = match.group("gap") if match else ""
        if match and not p.gap_break.search(gap) and not PROPER_NAME.search(gap):
            gap = len(match.group("gap").split())
            if best is None or gap < best[0]:
                best = (gap, outcome)
                start = m.start - len(before_text) + match.start()
    if best is not None:
        m.outcome, m.start = best[1], start


ACTIVE_OBJECT_GAP = re.compile(r"^\s+(?:(?:at least|more than|some|about|nearly|over)\s+)?$",
                               re.IGNORECASE)
PASSIVE = re.compile(r"\b(?:were|was|is|are|been|being|got|have|has|had)\b", re.IGNORECASE)
CLAUSE_VERB = re.compile(r"^\s+(?:were|was|is|are|had|have|has|remain|remained)\b", re.IGNORECASE)


def _subject_of_the_killing(sentence: str, m: CasualtyMention,
                            following: CasualtyMention) -> bool:
    """ "three masked men shot dead a farmer and his two sons": the count before an active
    killing verb whose object is the next count is of the killers, not the killed."""
    if m.outcome is None or m.outcome != following.outcome or following.breakdown:
        return False
    verb = sentence[m.number_end:m.end]
    shares_the_verb = m.number_end <= following.start < m.end <= following.number_start
    # "among at least 25 injured eight were critical": the next count is a subject itself
    object_ = not CLAUSE_VERB.match(sentence[following.end:])
    return m.outcome_after and shares_the_verb and object_ and not PASSIVE.search(verb) \
        and bool(ACTIVE_OBJECT_GAP.match(sentence[m.end:following.number_start]))


def _link_parts(sentence: str, mentions: list[CasualtyMention]) -> None:
    """Breakdowns ("including four children") and coordinated counts share their outcome."""
    p = patterns()
    parent: CasualtyMention | None = None
    previous: CasualtyMention | None = None
    for m in mentions:
        between = sentence[previous.end if previous else 0: m.number_start]
        if previous is not None and p.breakdown_cue.search(sentence[max(0, m.number_start - 40):
                                                                    m.number_start]):
            m.breakdown = True
        if previous is not None and previous.breakdown and p.coordination.match(between):
            m.breakdown = True
        if m.breakdown and parent is not None:
            if m.outcome is None:
                m.outcome = parent.outcome
            elif parent.outcome is None:
                parent.outcome = m.outcome
        elif previous is not None and p.coordination.match(between):
            m.coordinated = True
            base = parent if parent is not None else previous
            if m.outcome is None:
                m.outcome = base.outcome
            elif base.outcome is None:
                base.outcome = m.outcome
        if not m.breakdown and not m.coordinated:
            parent = m
        previous = m
