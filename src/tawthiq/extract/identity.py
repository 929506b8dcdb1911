"""Communal identity of the people harmed (victims.identity), from the report's own words.

An identity is recorded only when the words tie it to the victims: inside the counted phrase
("12 Alawite villagers were killed"), as a group phrase in a sentence that counts the harmed
("... most of them Christians", "members of the Druze community"), or as an identity-qualified
person noun next to a harm word ("Ismaili farmers were shot"). Never from a place, a name or a
perpetrator ("a Kurdish-led force", "Sunni rebels" are not victims). Vocabulary and sources:
data/en/identity_groups.json.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from tawthiq import knowledge
from tawthiq.extract.unlisted import at_top_level
from tawthiq.nlp.casualties import CasualtyMention
from tawthiq.nlp.numbers import NUMBER

HARM = re.compile(
    r"\b(?:killed|killing|kills|dead|died|executed|executing|massacred|massacre|slaughtered|"
    r"murdered|shot|gunned down|wounded|injured|abducted|kidnapped|targeted|targeting|"
    r"attacked|attacking|victims?)\b",
    re.IGNORECASE,
)
# The harm word must be in the same clause as the qualified noun: "killed two Ismaili farmers",
# "Ismaili farmers were shot" — not across a comma ("..., an Alawite cleric said").
HARM_BEFORE = re.compile(rf"(?:{HARM.pattern})(?:\s+[\w'-]+){{0,3}}\s+$", re.IGNORECASE)
HARM_AFTER = re.compile(rf"^(?:\s+[\w'-]+){{0,3}}?\s+(?:{HARM.pattern})", re.IGNORECASE)
CLAUSE_REACH = 50
# The qualified noun as the subject of an active harm verb with an object ("Arab tribesmen
# attacked a checkpoint", "Druze villagers killed a soldier") is the one who harms, not the
# harmed; a passive or reduced passive ("were shot", "killed in shelling") is not matched.
HARM_VERB = (r"killed|kills|killing|executed|executing|massacred|slaughtered|murdered|shot|"
             r"gunned down|wounded|injured|abducted|kidnapped|targeted|targeting|attacked|"
             r"attacking")
OBJECT_START = (rf"(?:a|an|the|this|that|these|those|his|her|their|its|several|dozens|"
                rf"scores|hundreds|many|some|at least|{NUMBER})")
AGENT_AFTER = re.compile(rf"^\s+(?:[a-z]+ly\s+)?(?:{HARM_VERB})\s+{OBJECT_START}\b",
                         re.IGNORECASE)


REFERENCE_BEFORE = re.compile(r"\b(?:near|outside|from|around|beyond|towards?|homeland of)\s+"
                              r"(?:the\s+)?$", re.IGNORECASE)


@dataclass(frozen=True)
class _Vocabulary:
    canonical: dict[str, str]          # form -> group name
    qualified: re.Pattern[str]         # identity form + person noun
    phrases: list[re.Pattern[str]]     # group phrases with a named 'form' group
    form: re.Pattern[str]
    described: list[re.Pattern[str]]   # phrases describing the victims or the place attacked
    loose: re.Pattern[str] | None      # a form as the descriptions take it, when each needs one
    worship: list[tuple[re.Pattern[str], str]]  # a place of worship attacked -> its community
    fighters: frozenset[str]           # identities that fighters counted with keep


@cache
def vocabulary() -> _Vocabulary:
    raw = knowledge.load("identity_groups.json", "en")
    canonical = {form: group["name"] for group in raw["groups"] for form in group["forms"]}
    forms = "|".join(re.escape(f) for f in sorted(canonical, key=len, reverse=True))
    nouns = "|".join(raw["person_nouns"])
    # Forms are proper adjectives: matched case-sensitively so "arab" in a URL is not one.
    form = rf"(?<![\w-])(?:{forms})(?![\w-])"
    # Lower-case person nouns only: "Loved by Kurdish Community" in a title-case headline is
    # not a statement about victims.
    qualified = re.compile(rf"(?<!\bby )(?P<form>{form})(?:\s+(?:[a-z]+\s+)?)(?:{nouns})\b")
    phrases = [re.compile(p.replace("(?P<form>{form})", rf"(?P<form>{form})"), re.IGNORECASE)
               for p in raw["group_phrases"]]
    loose = rf"(?<![\w-])(?:{forms})(?!\w)"  # "Alawite-majority": the form before a hyphen
    described = [re.compile(p.replace("(?P<form>{form})", rf"(?P<form>{loose})"))
                 for p in raw["description_phrases"]]
    worship = [(re.compile(w["pattern"], re.IGNORECASE), w["identity"])
               for w in raw["worship_places"]]
    # a sentence without a form has no description to look for (when each phrase needs one)
    each_needs_form = all(_needs_form(p) for p in raw["description_phrases"])
    return _Vocabulary(canonical, qualified, phrases, re.compile(form), described,
                       re.compile(loose) if each_needs_form else None, worship,
                       frozenset(raw["fighter_identities"]))


def _needs_form(phrase: str) -> bool:
    """The phrase's form group stands outside any group or alternative, unquantified: every
    match holds a form."""
    group = "(?P<form>{form})"
    at = phrase.find(group)
    return (at >= 0 and at_top_level(phrase, at)
            and phrase[at + len(group):at + len(group) + 1] not in ("?", "*", "{"))


@cache
def anaphora_pattern() -> re.Pattern[str]:
    """ "the village", "the Sunni town": words pointing back at the place just told."""
    return re.compile(knowledge.load("identity_groups.json", "en")["anaphora"], re.IGNORECASE)


def identities_of(
    text: str, sentences: list[tuple[int, int]], casualties: list[CasualtyMention],
    described: list[tuple[int, int]] | None = None,
) -> tuple[list[str], list[tuple[int, int]]]:
    """Identity names, first-tied first, and the spans that support them. ``described``: more
    sentences about the incident (its lead, those naming its place) where the words that
    describe the victims or the place attacked count ("the Sunni village")."""
    vocab = vocabulary()
    found: dict[str, tuple[int, int]] = {}

    def add(form: str, start: int, end: int) -> None:
        name = _canonical(form, vocab)
        if name and name not in found:
            found[name] = (start, end)

    harmed = [c for c in casualties if c.outcome in ("killed", "injured", "missing")]
    # "30 Kurdish fighters": an armed group's affiliation, not a communal identity of victims;
    # "four Druze fighters": a religious community's men, killed as such
    for c in harmed:
        for match in vocab.form.finditer(text, c.number_end, c.end):
            if c.group != "combatants" or _canonical(match.group(0), vocab) in vocab.fighters:
                add(match.group(0), match.start(), match.end())
    for start, end in sentences:
        sentence = text[start:end]
        if any(start <= c.start < end for c in harmed):
            for pattern in vocab.phrases:
                for match in pattern.finditer(sentence):
                    add(match.group("form"), start + match.start(), start + match.end())
        for match in vocab.qualified.finditer(sentence):
            if _near_harm(sentence, match.start(), match.end()):
                add(match.group("form"), start + match.start(), start + match.end())
    for start, end in dict.fromkeys(list(sentences) + list(described or [])):
        for form, (a, b) in _descriptions(text[start:end], vocab):
            add(form, start + a, start + b)
    return list(found), list(found.values())


ATTACKED = re.compile(rf"{HARM.pattern}|\b(?:attack\w*|bomb\w*|blast|explosion|blew|struck|"
                      r"hit|shell\w*|stormed|opened fire)\b", re.IGNORECASE)


def _descriptions(sentence: str, vocab: _Vocabulary) -> list[tuple[str, tuple[int, int]]]:
    """Identities the words give the victims or the place attacked: "the Sunni village",
    "an Alawite-majority district", "killed for being Alawite", a church attacked."""
    found = []
    wanted = vocab.loose is None or vocab.loose.search(sentence)
    for pattern in vocab.described if wanted else ():
        for match in pattern.finditer(sentence):
            if not REFERENCE_BEFORE.search(sentence[max(0, match.start() - 25):match.start()]):
                found.append((match.group("form"), match.span()))
    if ATTACKED.search(sentence):
        for pattern, identity in vocab.worship:
            match = pattern.search(sentence)
            if match:
                found.append((identity, match.span()))
    return found


def _near_harm(sentence: str, start: int, end: int) -> bool:
    before = sentence[max(0, start - CLAUSE_REACH): start]
    after = sentence[end: end + CLAUSE_REACH]
    if AGENT_AFTER.match(after):
        return False
    return bool(HARM_BEFORE.search(before) or HARM_AFTER.match(after))


def _canonical(form: str, vocab: _Vocabulary) -> str | None:
    if form in vocab.canonical:
        return vocab.canonical[form]
    lowered = {k.lower(): v for k, v in vocab.canonical.items()}
    return lowered.get(form.lower())

