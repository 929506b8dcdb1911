"""Actors, sources, claims and witnesses in Arabic reports.

Actors are found by the shared registry (its Arabic aliases) in the original text with the
proclitics و ف ب ل ك blanked out where they hide an alias word ("وقوات النظام" -> " قوات
النظام"), so offsets stay those of the original. The words before an actor say its role
(data/ar/actors.json): the doer of an attack, or the controller or target of a place. Sources
come from the outlet list (its Arabic names) and the generic sources of data/ar/reporting.json
(activists, a security source); a reporting verb before a source makes its sentence a claim,
and the perpetrators of that sentence are attributed to it."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from tawthiq.knowledge import load
from tawthiq.nlp.ar.text import ArabicText, fold
from tawthiq.nlp.ar.words import Phrases, Token

ARABIC_WORD = re.compile(r"[\u0621-\u064a\u064b-\u065f\u0670\u0640]+")
PROCLITICS = ("وبال", "وب", "ول", "لل", "فب", "فل", "و", "ف", "ب", "ل", "ك")
SOURCE_WINDOW = 5      # tokens after a reporting verb searched for its source


@dataclass
class ActorSpan:
    start: int          # original offsets
    end: int
    mention: Any        # the registry's ActorMention (offsets into the original text)
    agent: bool = False
    excluded: bool = False
    speaker: int | None = None   # original offset of the verb it speaks with (denies, says)
    denial: bool = False


@dataclass
class Source:
    start: int          # original offsets of the source's words
    end: int
    name: str           # canonical (outlet list) or English generic name
    verb_start: int | None = None   # original offset of the reporting verb, when one stands before
    denial: bool = False
    actor: bool = False             # an armed actor or government speaking (not a reporter)


@cache
def _data() -> dict:
    return load("actors.json", "ar")


@cache
def _reporting() -> dict:
    return load("reporting.json", "ar")


@cache
def _agent_words() -> tuple[Phrases, Phrases, Phrases, Phrases]:
    data = _data()
    return (Phrases((w, True) for w in data["agent_before"]),
            Phrases((w, True) for w in data["not_agent_before"]),
            Phrases((w, True) for w in data["agent_chain"]["words"]),
            Phrases((w, w) for w in data["speaker_before"]["words"]))


@cache
def _nationalities() -> dict[str, str]:
    return {fold(w): entry for w, entry in _data()["nationality_adjectives"]["words"].items()}


@cache
def _verbs() -> Phrases:
    data = _reporting()
    entries = [(w, "report") for w in data["reporting_verbs"]]
    entries += [(w, "denial") for w in data["denial_verbs"]]
    entries += [(w, "accusation") for w in data["accusation_verbs"]]
    return Phrases(entries)


@cache
def _generic_sources() -> Phrases:
    return Phrases((w, e["name"]) for e in _reporting()["generic_sources"]["entries"]
                   for w in e["words"])


def _alias_words(registry) -> frozenset[str]:
    """The first words of the registry's aliases (normalised): where an alias can start."""
    index = getattr(registry, "index", None)   # a resolver other than the registry: none
    return frozenset(key[0] for key in index.exact if key) if index is not None else frozenset()


_WORDS_CACHE: dict[int, frozenset[str]] = {}


def neutralised(text: str, registry) -> str:
    """``text`` with the proclitics before an alias's first word replaced by spaces (same
    length): "لقوات النظام" -> " قوات النظام"."""
    from tawthiq.actors.normalise import normalise_word

    words = _WORDS_CACHE.get(id(registry))
    if words is None:
        words = _WORDS_CACHE.setdefault(id(registry), _alias_words(registry))
    pieces, cursor = [], 0
    for match in ARABIC_WORD.finditer(text):
        word = match.group()
        if normalise_word(word) in words:
            continue
        for prefix in PROCLITICS:
            if word.startswith(prefix) and len(word) - len(prefix) >= 3 and \
                    normalise_word(word[len(prefix):]) in words:
                pieces.append(text[cursor:match.start()])
                pieces.append(" " * len(prefix))
                cursor = match.start() + len(prefix)
                break
    pieces.append(text[cursor:])
    return "".join(pieces)


def find_actors(text: ArabicText, tokens: list[Token], registry) -> list[ActorSpan]:
    """Registry actors named in the report, with the role the words before them give."""
    if registry is None:
        return []
    plain = neutralised(text.original, registry)
    agent_before, not_agent_before, chain, speaking = _agent_words()
    out = []
    for mention in _longest(registry.find_mentions(text.original) +
                            registry.find_mentions(plain)):
        span = ActorSpan(mention.start, mention.end, mention)
        index = _token_at(tokens, _folded_of(text, mention.start))
        if index is not None:
            span.agent = _preceded_by(tokens, index, agent_before, 3) or \
                _preceded_by(tokens, index, chain, 4)
            span.excluded = not span.agent and _preceded_by(tokens, index, not_agent_before, 3)
            verb = _phrase_before(tokens, index, speaking, 3)
            if verb is not None and not span.agent:
                span.excluded = True
                span.speaker = text.original_span(tokens[verb[0]].start, tokens[verb[0]].end)[0]
                span.denial = fold(verb[1]).startswith(("نف", "ينف", "انكر"))
        _requalify_occupation(span, text, registry)
        out.append(span)
    out += _nationality_actors(text, tokens, registry, out)
    return sorted(out, key=lambda a: a.start)


def _longest(mentions: list) -> list:
    """Leftmost-longest, without overlaps (the same text scanned with and without proclitics)."""
    out: list = []
    for mention in sorted(mentions, key=lambda m: (m.start, -(m.end - m.start))):
        if out and mention.start < out[-1].end:
            continue
        out.append(mention)
    return out


def _phrase_before(tokens: list[Token], index: int, phrases: Phrases, window: int):
    for start in range(max(0, index - window), index):
        found = phrases.match(tokens, start)
        if found and start + found[0] == index:
            return start, found[1]
    return None


def _nationality_actors(text: ArabicText, tokens: list[Token], registry,
                        known: list[ActorSpan]) -> list[ActorSpan]:
    """"غارات جوية روسية", "قصف إسرائيلي": an attack word then a nationality adjective names
    that state's forces (the doer of the attack)."""
    from tawthiq.actors import ActorMention
    from tawthiq.nlp.ar.means import find_means

    nationalities = _nationalities()
    out = []
    for means in find_means(tokens):
        for k in range(means.last, min(len(tokens), means.last + 2)):
            entry = nationalities.get(tokens[k].text) or nationalities.get(
                tokens[k].text[1:] if tokens[k].text[:1] in "وب" else "")
            if entry is None or not _known(registry, entry):
                continue
            start, end = text.original_span(tokens[means.first].start, tokens[k].end)
            if any(a.start <= start < a.end or start <= a.start < end for a in known):
                break
            mention = ActorMention(start, end, text.original[start:end], [entry])
            out.append(ActorSpan(start, end, mention, agent=True))
            break
    return out


def _known(registry, entry_id: str) -> bool:
    """Whether the actor resolver has this registry entry (only the registry can say)."""
    get = getattr(registry, "get", None)
    return get is not None and get(entry_id) is not None


def _token_at(tokens: list[Token], folded: int | None) -> int | None:
    """The token at (or first after) a folded offset."""
    if folded is None:
        return None
    ends = [token.end for token in tokens]
    index = bisect.bisect_right(ends, folded)
    return index if index < len(tokens) else None


def _preceded_by(tokens: list[Token], index: int, phrases: Phrases, window: int) -> bool:
    for start in range(max(0, index - window), index):
        found = phrases.match(tokens, start)
        if found and start + found[0] >= index - 1 and start + found[0] <= index:
            return True
    # the actor's own first token may carry the word glued ("لسيطرة" + "المعارضة" is two)
    return False


def _requalify_occupation(span: ActorSpan, text: ArabicText, registry) -> None:
    """"الاحتلال" then a nationality adjective ("الاحتلال الروسي", misspelled or not) is that
    nation's forces, not Israel's."""
    if fold(span.mention.text.strip()) not in {fold(w) for w in _data()["occupation_words"]}:
        return
    after = ARABIC_WORD.match(text.original[span.end:].lstrip())
    if after is None:
        return
    word = fold(after.group())
    word = word[2:] if word.startswith("ال") else word
    for stem, entry_id in _data()["occupation_qualifiers"].items():
        if word.startswith(fold(stem)) and _known(registry, entry_id):
            span.mention.candidates = [entry_id]
            offset = text.original.index(after.group(), span.end)
            span.end = offset + len(after.group())
            span.mention.text = text.original[span.start:span.end]
            return


def find_sources(text: ArabicText, tokens: list[Token]) -> list[Source]:
    """Who the report says speaks: outlets and monitors (outlet list, Arabic names) and
    generic sources (activists, a security source), each with the reporting verb before it."""
    out = []
    try:
        from tawthiq.actors.outlets import get_outlets

        outlets = get_outlets()
    except Exception:   # noqa: BLE001 - a broken outlet file costs the sources, not the report
        outlets = None
    if outlets is not None:
        for match, outlet in outlets.find(text.original):
            out.append(Source(match.start, match.end, outlet.name))
    for start, end, name in _generic_sources().find(tokens):
        s, e = text.original_span(tokens[start].start, tokens[end - 1].end)
        if not any(o.start <= s < o.end for o in out):
            out.append(Source(s, e, name))
    out.sort(key=lambda s: s.start)
    verbs = _verbs().find(tokens)
    for source in out:
        token = _token_at(tokens, _folded_of(text, source.start))
        if token is None:
            continue
        for v_start, v_end, kind in verbs:
            if v_end <= token and token - v_end <= SOURCE_WINDOW:
                source.verb_start = text.original_span(tokens[v_start].start,
                                                       tokens[v_start].end)[0]
                source.denial = kind == "denial"
    return out


def _folded_of(text: ArabicText, original: int) -> int | None:
    i = bisect.bisect_left(text.starts, original)
    return i if i < len(text.starts) - 1 else None

