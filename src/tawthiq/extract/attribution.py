"""Perpetrator attribution: who did it, according to whom.

A registry actor (or an unknown armed group described in the words) is a perpetrator of the
event when the event sentences make it the agent of the harm:

- subject of a violent verb ("regime forces shelled ..."), or of a delivery verb
  ("helicopters dropped barrel bombs");
- the "by" agent of a passive ("were shot dead by GSS members"), or after a phrase such as
  "at the hands of", "blamed on", "carried out by";
- a modifier of a violent act or weapon ("Russian warplanes", "US-led coalition strikes",
  "the regime's bombardment", "an IS attack");
- a mark worn or carried by the attackers ("fighters wore GSS patches");
- the object of blame ("the government blamed foreign fighters", "accused X of",
  "blamed the attack on X"), also for a group the registry does not know (kept as written);
- the antecedent of a violent relative clause ("remnants who had ambushed a patrol");
- the owner or origin of the weapon ("the drone belonged to X", "shells came from X
  positions").

Contested attributions are kept side by side: one perpetrator per (actor, attributed_by).

``attributed_by`` is the speaker whose words contain the attribution (a person, an outlet or
monitor, "witnesses", "survivors", the government), or None when the report states it
itself. An attribution inside a denial ("the ministry denied its forces were involved") or
under a negation is not an attribution: it stays a claim (see claims.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Span, Token

from tawthiq.actors import ActorMention, ActorRegistry, ResolvedActor
from tawthiq.extract.claims import SpeechFrame, speech_frames
from tawthiq.model import Perpetrator
from tawthiq.nlp.doccache import doc_cache, doc_text
from tawthiq.nlp.lemmas import ensure_lemmas
from tawthiq.nlp.lexicon import doc_lexicon

Evidence = list[tuple[int, int]]
UNNAMED_SOURCE = "unnamed source"
_MODIFIER_DEPS = {"compound", "amod", "poss", "nmod", "npadvmod"}


@dataclass
class _Found:
    perpetrator: Perpetrator
    evidence: Evidence
    mention_span: tuple[int, int]
    subtree_span: tuple[int, int]
    unidentified: bool = False
    order: int = 0


def find_perpetrators(
    doc: Doc, sentences: list[Span], on: date | None, registry: ActorRegistry
) -> list[tuple[Perpetrator, Evidence]]:
    """Perpetrators of the event told in ``sentences`` (pass ``list(doc.sents)`` for the whole
    report), each with its evidence offsets: the mention, the words that make it the agent,
    and the speaker's words when someone says so.
    """
    sentences = list(sentences)
    if not sentences:
        return []
    ensure_lemmas(doc)
    frames = speech_frames(doc)
    mentions = actor_spans(doc, registry)
    found: list[_Found] = []
    for sent in sentences:
        in_sentence = [
            (span, m)
            for span, m in mentions
            if sent.start_char <= span.start_char and span.end_char <= sent.end_char
        ]
        for span, mention in in_sentence:
            item = _from_mention(doc, span, mention, frames, on, registry)
            if item is not None:
                found.append(item)
        found.extend(
            _unregistered_agents(doc, sent, [s for s, _ in in_sentence], frames, on, registry)
        )
    return _merge(_drop_vague(found))


def actor_spans(doc: Doc, registry: ActorRegistry) -> list[tuple[Span, ActorMention]]:
    """Registry mentions of the whole document as spaCy spans (cached on the Doc)."""
    key = f"actor_spans_{id(registry)}"
    cached = doc_cache(doc).get(key)
    if cached is not None:
        return cached
    spans = []
    for mention in registry.find_mentions(doc_text(doc)):
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None and len(span):
            spans.append((span, mention))
    doc_cache(doc)[key] = spans
    return spans


# ---------------------------------------------------------------- roles


def _from_mention(
    doc: Doc,
    span: Span,
    mention: ActorMention,
    frames: list[SpeechFrame],
    on: date | None,
    registry: ActorRegistry,
) -> _Found | None:
    claimed = _claims_responsibility(span)
    if _is_speaker(span, frames) and claimed is None:
        return None
    trigger = claimed or agent_trigger(doc, span)
    if trigger is None:
        return None
    if _denied_or_negated(doc, trigger, frames):
        return None
    resolved = registry.resolve_mention(mention, on)
    perpetrator = _perpetrator(span.text, resolved)
    speaker = _attribution(span, trigger, frames, on, registry)
    if claimed is not None:
        speaker = (perpetrator.name, (span.start_char, span.end_char))
    perpetrator.attributed_by = speaker[0] if speaker else None
    evidence = [(span.start_char, span.end_char), trigger]
    if speaker and speaker[1]:
        evidence.append(speaker[1])
    root = span.root
    return _Found(
        perpetrator,
        evidence,
        (span.start_char, span.end_char),
        (root.left_edge.idx, root.right_edge.idx + len(root.right_edge)),
        unidentified=perpetrator.actor_type == "Unidentified",
        order=span.start_char,
    )


def agent_trigger(doc: Doc, span: Span) -> tuple[int, int] | None:
    """The offsets of the words that make ``span`` the doer of harm, or None."""
    lex = doc_lexicon(doc)
    root = _effective_root(span)
    if _is_target(root, lex):
        return None
    for candidate in (root, _carrier(root, lex)):
        if candidate is None:
            continue
        party = _party_to_clash(candidate, lex)
        if party is not None:
            return party
        for check in (
            _subject_of_violence,
            _passive_agent,
            _violent_modifier,
            _means_alias,
            _identification,
            _blamed_object,
            _means_origin,
        ):
            trigger = check(candidate, span, lex)
            if trigger is not None:
                return trigger
    return _phrase_before(doc, span, lex)


def _party_to_clash(root: Token, lex) -> tuple[int, int] | None:
    """ "clashes between security forces and Druze fighters", "X clashed with Y", "X engaged
    in confrontations with Y": each side is a party to the fight."""
    token = root
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    if token.dep_ == "nsubj":  # "X clashed with ...", "X engaged in clashes with ..."
        verb = token.head
        if verb.lemma_.lower() in lex.clash_nouns:
            return _token_span(verb)
        fight = next((p for prep in verb.children if prep.dep_ == "prep" and prep.lower_ == "in"
                      for p in prep.children if p.dep_ == "pobj"
                      and p.lemma_.lower() in lex.clash_nouns), None)
        return _token_span(fight) if fight is not None else None
    if token.dep_ != "pobj" or token.head.lower_ not in {"between", "with"}:
        return None
    prep = token.head
    holder = prep.head
    nouns = [holder] + [c for c in holder.children if c.dep_ == "nsubj"]
    clash = next((n for n in nouns if n.lemma_.lower() in lex.clash_nouns), None)
    if clash is None:
        return None
    return min(clash.idx, prep.idx), max(clash.idx + len(clash), prep.idx + len(prep))


def _is_target(root: Token, lex) -> bool:
    """ "an attack on Syrian rebels", "shelled rebel positions": the one harmed, not the doer."""
    if root.dep_ == "pobj" and root.head.lower_ in {"on", "against", "upon", "targeting"}:
        governor = root.head.head
        if governor.dep_ == "dobj" and governor.head.lemma_.lower() in lex.blame_verbs:
            return root.head.lower_ != "on"  # "blamed the attack on X": X did it
        return governor.lemma_.lower() in lex.violence_nouns | lex.violence_verbs
    if root.dep_ == "dobj":
        return _violent_verb(root.head, lex)
    return False


_LINKING_WORDS = {"belong", "affiliate", "link", "loyal", "tie", "attach", "allied", "ally"}


def _carrier(root: Token, lex) -> Token | None:
    """E.g. "gunmen belonging to X", "members of X", "fighters from X": the noun X qualifies."""
    if root.dep_ != "pobj" or root.head.lower_ not in {"of", "to", "from", "with"}:
        return None
    carrier = root.head.head
    if carrier.lemma_.lower() in _LINKING_WORDS and carrier.dep_ in {"acl", "amod", "relcl"}:
        carrier = carrier.head
    if (
        carrier.lemma_.lower() in lex.agent_nouns | lex.member_nouns
        or carrier.lower_ in lex.agent_nouns
    ):
        return carrier
    return None


def _effective_root(span: Span) -> Token:
    """E.g. "GSS members", "IS militants": the member noun stands for the group in the parse."""
    root = span.root
    lex = doc_lexicon(span.doc)
    while (
        root.dep_ in _MODIFIER_DEPS
        and root.head.lemma_.lower() in lex.member_nouns | lex.agent_nouns
    ):
        root = root.head
    return root


def _subject_of_violence(root: Token, span: Span, lex) -> tuple[int, int] | None:
    token = root
    # "X and Y shelled": Y's head is X; "HOMS, May 3 (Agency) - IS fighters shot ...": the
    # parse makes the dateline's city the subject and the fighters its apposition
    while token.dep_ in ("conj", "appos") and token.head.i != token.i:
        token = token.head
    for noun in (token, *span):  # the clause may hang on the mention's last word
        relative = _violent_relative_clause(noun, lex)
        if relative is not None:
            return _token_span(relative)
    if token.dep_ != "nsubj":
        return None
    verb = token.head
    if _violent_verb(verb, lex):
        return _token_span(verb)
    joined = next((c for c in verb.children if c.dep_ == "conj" and _violent_verb(c, lex)
                   and not any(g.dep_ == "nsubj" for g in c.children)), None)
    if joined is not None:  # "gunmen stormed the village and shot ..."
        return _token_span(joined)
    # "X carried out / launched / conducted an attack"
    if verb.lemma_.lower() in lex.delivery_verbs and any(
        c.dep_ == "dobj" and c.lemma_.lower() in lex.violence_nouns for c in verb.children
    ):
        return _token_span(verb)
    return None


def _violent_relative_clause(noun: Token, lex) -> Token | None:
    """ "remnants who had ambushed patrols": the noun is the subject of its relative clause."""
    for clause in noun.children:
        if (
            clause.dep_ == "relcl"
            and _violent_verb(clause, lex)
            and any(c.dep_ == "nsubj" and c.tag_ in {"WP", "WDT"} for c in clause.children)
        ):
            return clause
    return None


def _passive_agent(root: Token, span: Span, lex) -> tuple[int, int] | None:
    token = root
    while token.dep_ == "conj":
        token = token.head
    if token.dep_ != "pobj" or token.head.lower_ != "by":
        return None
    by = token.head
    governor = by.head
    if (
        _violent_verb(governor, lex)
        or governor.lemma_.lower() in lex.delivery_verbs
        or governor.lemma_.lower() in lex.violence_nouns
    ):
        return (min(governor.idx, by.idx), max(governor.idx + len(governor), by.idx + len(by)))
    # "were shot dead by": "dead" is a predicate of the verb
    if governor.dep_ in {"oprd", "acomp"} and _violent_verb(governor.head, lex):
        return (governor.head.idx, by.idx + len(by))
    return None


def _violent_modifier(root: Token, span: Span, lex) -> tuple[int, int] | None:
    """Modifiers of harm: "Russian warplanes", "the regime's bombardment", "an IS attack".

    The word right after the name counts too, whatever the parse ("in regime shelling" is
    often parsed with "regime" as the object of "in").
    """
    doc = span.doc
    candidates = [root.head] if root.dep_ in _MODIFIER_DEPS else []
    if root.i == span.end - 1 and span.end < len(doc):
        candidates.append(doc[span.end])
    for head in candidates:
        violent = head.lemma_.lower() in lex.violence_nouns or head.lower_ in lex.violence_nouns
        if violent and (
            _sentence_has_harm(span.sent, lex, exclude=head)
            or head.lemma_.lower() in lex.violence_verbs
        ):
            return _token_span(head)
    return None


def _means_alias(root: Token, span: Span, lex) -> tuple[int, int] | None:
    """An alias that already names the weapon ("Russian warplanes", "coalition strikes")."""
    if root.i < span.start or root.i >= span.end:
        return None
    violent = root.lemma_.lower() in lex.violence_nouns or root.lower_ in lex.violence_nouns
    if violent and _sentence_has_harm(span.sent, lex, exclude=root):
        return (span.start_char, span.end_char)
    return None


def _identification(root: Token, span: Span, lex) -> tuple[int, int] | None:
    """Marks worn: "fighters wore GSS patches", "uniforms of the 4th Division"."""
    if root.dep_ in _MODIFIER_DEPS and root.head.lemma_.lower() in lex.identification_nouns:
        return _token_span(root.head)
    if (
        root.dep_ == "pobj"
        and root.head.lower_ in {"of", "with", "bearing"}
        and root.head.head.lemma_.lower() in lex.identification_nouns
    ):
        return _token_span(root.head.head)
    return None


def _blamed_object(root: Token, span: Span, lex) -> tuple[int, int] | None:
    """E.g. "the government blamed foreign fighters", "accused X of", "blamed the attack on X"."""
    token = root
    while token.dep_ == "conj":
        token = token.head
    if token.dep_ == "dobj" and token.head.lemma_.lower() in lex.blame_verbs:
        return _token_span(token.head)
    if token.dep_ != "pobj" or token.head.lower_ not in {"on", "to"}:
        return None
    governor = token.head.head
    if governor.dep_ == "dobj" and governor.head.lemma_.lower() in lex.blame_verbs:
        governor = governor.head  # "blamed the attack on X" parsed as "the attack on X"
    if governor.lemma_.lower() in lex.blame_verbs:
        return _token_span(governor)
    return None


def _means_origin(root: Token, span: Span, lex) -> tuple[int, int] | None:
    """The owner or origin of a weapon: "the aircraft belonged to X", "the shells came from
    X positions", "rockets fired from X-held areas"."""
    token = root
    if token.dep_ in _MODIFIER_DEPS and token.head.lemma_.lower() in lex.position_nouns:
        token = token.head
    if token.dep_ != "pobj" or token.head.lower_ not in {"from", "to"}:
        return None
    verb = token.head.head
    if _violent_verb(verb, lex) or verb.lemma_.lower() in lex.delivery_verbs:
        return _words_span(verb, token.head)
    if verb.lemma_.lower() not in lex.origin_verbs:
        return None
    means = lex.violence_nouns | lex.means_agent_nouns
    for subject in (c for c in verb.children if c.dep_ == "nsubj"):
        if subject.lemma_.lower() in means or subject.lower_ in means:
            return _words_span(subject, token.head)
    return None


def _words_span(first: Token, second: Token) -> tuple[int, int]:
    """From the earlier of two words to the end of the later (a parse may put either first)."""
    low, high = sorted((first, second), key=lambda t: t.i)
    return low.idx, high.idx + len(high)


def _phrase_before(doc: Doc, span: Span, lex) -> tuple[int, int] | None:
    """A surface phrase right before the name: "at the hands of", "carried out by", "by"."""
    before = doc_text(doc)[
        max(span.sent.start_char, span.start_char - 40) : span.start_char
    ].lower()
    for phrase in lex.agent_phrase_list:
        match = re.search(rf"\b{re.escape(phrase)}\s+(the\s+|a\s+|an\s+)?$", before)
        if match is None:
            continue
        start = span.start_char - (len(before) - match.start())
        if phrase == "by" and not _harm_just_before(doc, start, lex):
            continue
        return (start, start + len(phrase))
    return None


def _harm_just_before(doc: Doc, char: int, lex) -> bool:
    span = doc.char_span(max(0, char - 30), char, alignment_mode="expand")
    return span is not None and any(
        _violent_verb(t, lex) or t.lemma_.lower() in lex.violence_nouns for t in span
    )


def _violent_verb(token: Token, lex) -> bool:
    return token.pos_ in {"VERB", "AUX"} and token.lemma_.lower() in lex.violence_verbs


def _sentence_has_harm(sent: Span, lex, exclude: Token | None = None) -> bool:
    """Whether the sentence tells of harm: a violent or harm verb, or another violent noun."""
    return any(
        _violent_verb(t, lex)
        or t.lemma_.lower() in lex.harm_words
        or (t.lemma_.lower() in lex.violence_nouns and t != exclude and t.pos_ == "NOUN")
        for t in sent
    )


def _token_span(token: Token) -> tuple[int, int]:
    return token.idx, token.idx + len(token)


# ---------------------------------------------------------------- speakers, denials


def _is_speaker(span: Span, frames: list[SpeechFrame]) -> bool:
    return any(
        f.speaker_span and f.speaker_span[0] <= span.start_char < f.speaker_span[1] for f in frames
    )


def _claims_responsibility(span: Span) -> tuple[int, int] | None:
    """E.g. "IS claimed responsibility": the group is both perpetrator and the one who says so."""
    root = _effective_root(span)
    if root.dep_ != "nsubj" or root.head.lemma_.lower() not in {"claim", "admit"}:
        return None
    verb = root.head
    for child in verb.children:
        if child.dep_ == "dobj" and child.lemma_.lower() in {"responsibility", "attack", "bombing"}:
            if any(m.lower_ in _OTHER_ACTS for m in child.children if m.dep_ == "amod"):
                return None  # "has claimed previous bombings": not this one
            return verb.idx, child.idx + len(child)
    return None


_OTHER_ACTS = {"previous", "earlier", "past", "similar", "other", "former", "prior"}


def _denied_or_negated(doc: Doc, trigger: tuple[int, int], frames: list[SpeechFrame]) -> bool:
    for frame in frames:
        if frame.denial and frame.covers(*trigger):
            return True
    span = doc.char_span(trigger[0], trigger[1], alignment_mode="expand")
    return span is not None and any(c.dep_ == "neg" for t in span for c in t.children)


def _attribution(
    span: Span,
    trigger: tuple[int, int],
    frames: list[SpeechFrame],
    on: date | None,
    registry: ActorRegistry,
) -> tuple[str, tuple[int, int] | None] | None:
    """The innermost speech frame whose words contain the attribution; None if none does."""
    start = min(span.start_char, trigger[0])
    end = max(span.end_char, trigger[1])
    containing = [f for f in frames if f.covers(start, end) and not f.denial]
    if not containing:
        return None
    frame = min(containing, key=lambda f: f.content[1] - f.content[0])
    return _speaker_label(frame, on, registry), frame.speaker_span


def _speaker_label(frame: SpeechFrame, on: date | None, registry: ActorRegistry) -> str:
    """A registry actor's canonical name for an actor speaker; else the speaker as found."""
    if frame.speaker_span is not None and frame.speaker_tokens:
        doc = frame.speaker_tokens[0].doc
        text = doc_text(doc)[frame.speaker_span[0] : frame.speaker_span[1]]
        if frame.speaker and not frame.speaker[:1].islower():
            return frame.speaker
        resolved = registry.resolve(_core_phrase(text), on)
        if resolved is not None and resolved.actor_type != "Unidentified":
            return resolved.name
    # a speaker the words do not identify ("it said", with no one named before); a statement
    # carried by an outlet without its author is attributed to the outlet that carried it
    return frame.speaker or frame.via or UNNAMED_SOURCE


def _core_phrase(text: str) -> str:
    return re.split(r",|\bwho\b|\bwhich\b", text)[0].strip()


# ---------------------------------------------------------------- unknown perpetrators


def _unregistered_agents(
    doc: Doc,
    sent: Span,
    known: list[Span],
    frames: list[SpeechFrame],
    on: date | None,
    registry: ActorRegistry,
) -> list[_Found]:
    """Agents of violent verbs that the registry does not know: kept as written, Unidentified."""
    lex = doc_lexicon(doc)
    covered = {t.i for s in known for t in s}
    found = []
    for verb in sent:
        lemma = verb.lemma_.lower()
        if _violent_verb(verb, lex):
            agents = _agents_of(verb)
        elif lemma in lex.blame_verbs and _blames_an_act(verb, lex):
            agents = _blamed_of(verb)
        elif lemma in lex.clash_nouns and verb.pos_ in {"NOUN", "VERB"}:
            agents = _clash_parties(verb)
        elif lemma in lex.delivery_verbs and _delivers_violence(verb, lex):
            # "the massacre, carried out by militia members loyal to X"
            agents = [c for a in verb.children if a.dep_ == "agent"
                      for c in a.children if c.dep_ == "pobj"]
        else:
            continue
        clash = lemma in lex.clash_nouns
        for agent in agents:
            # a side of a clash is judged by its own words ("armed residents from X and Y")
            inside = [agent] if clash else list(agent.subtree)
            if any(t.i in covered for t in inside):
                continue
            if not _plausible_agent(agent, lex):
                continue
            trigger = _token_span(verb)
            if _denied_or_negated(doc, trigger, frames):
                continue
            mention_span = _agent_extent(agent)
            phrase = doc_text(doc)[mention_span[0] : mention_span[1]]
            perpetrator = Perpetrator(name=phrase, mention=phrase, actor_type="Unidentified")
            fake = doc.char_span(*mention_span, alignment_mode="expand")
            speaker = (
                _attribution(fake, trigger, frames, on, registry) if fake is not None else None
            )
            perpetrator.attributed_by = speaker[0] if speaker else None
            evidence = [mention_span, trigger]
            if speaker and speaker[1]:
                evidence.append(speaker[1])
            found.append(
                _Found(
                    perpetrator,
                    evidence,
                    mention_span,
                    mention_span,
                    unidentified=True,
                    order=mention_span[0],
                )
            )
    return found


def _clash_parties(noun: Token) -> list[Token]:
    """The sides of "clashes between X and Y" (or "fighting erupted between X and Y"), of
    "X clashed with Y" and "X engaged in confrontations with Y"."""
    holders = [noun] + ([noun.head] if noun.dep_ == "nsubj" else [])
    parties = [p for h in holders for b in h.children if b.dep_ == "prep"
               and b.lower_ in {"between", "with"} for p in b.children if p.dep_ == "pobj"]
    verb = noun if noun.pos_ == "VERB" else (
        noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "in" else None)
    if verb is not None and any(p.head.lower_ == "with" for p in parties):
        parties.extend(c for c in verb.children if c.dep_ == "nsubj")
    for party in list(parties):
        parties.extend(c for c in party.children if c.dep_ == "conj")
    return parties


def _delivers_violence(verb: Token, lex) -> bool:
    """ "the massacre, carried out by ...", "an attack committed by ...": the act delivered is
    a violent one (the verb's object, or the noun phrase the clause hangs on)."""
    if any(c.dep_ in {"dobj", "nsubjpass"} and c.lemma_.lower() in lex.violence_nouns
           for c in verb.children):
        return True
    return verb.dep_ in {"acl", "relcl"} and any(
        t.lemma_.lower() in lex.violence_nouns for t in verb.head.subtree if t.i < verb.i)


def _blames_an_act(verb: Token, lex) -> bool:
    """ "accused X of targeting the area", "blamed the killings on X", "blamed X for the
    attack": the blame names a violent act (not "what it called violations")."""
    for token in verb.subtree:
        if token.i == verb.i or token.dep_ in {"nsubj", "relcl"}:
            continue
        if _violent_verb(token, lex) or (
            token.pos_ == "NOUN" and token.lemma_.lower() in lex.violence_nouns
        ):
            return not _under_pronoun_object(token, verb)
    return False


def _under_pronoun_object(token: Token, verb: Token) -> bool:
    """ "blamed what it called 'violations' on ...": the act is only the speaker's word."""
    while token.i != verb.i and token.head.i != token.i:
        if token.head.i == verb.i:
            return token.pos_ == "PRON"
        token = token.head
    return False


def _blamed_of(verb: Token) -> list[Token]:
    """Who a blame verb lays the act on: its object, or the object of "on"/"to"."""
    blamed = [c for c in verb.children if c.dep_ == "dobj"]
    holders = [verb, *blamed]  # "blamed the attack on X" is often parsed "the attack on X"
    for prep in (
        c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in {"on", "to"}
    ):
        blamed.extend(c for c in prep.children if c.dep_ == "pobj")
    for agent in list(blamed):
        blamed.extend(c for c in agent.children if c.dep_ == "conj")
    return blamed


def _agents_of(verb: Token) -> list[Token]:
    agents = [c for c in verb.children if c.dep_ == "nsubj"]
    if not agents and verb.dep_ == "conj" and verb.head.pos_ in {"VERB", "AUX"}:
        # "masked men took him from his home and shot him": the joined verb's subject
        agents = [c for c in verb.head.children if c.dep_ == "nsubj"]
    if verb.dep_ == "relcl" and any(a.tag_ in {"WP", "WDT"} for a in agents):
        agents = [a for a in agents if a.tag_ not in {"WP", "WDT"}] + [verb.head]
    for child in verb.children:
        if child.dep_ == "agent":
            agents.extend(c for c in child.children if c.dep_ == "pobj")
    for agent in list(agents):
        agents.extend(c for c in agent.children if c.dep_ == "conj")
    return agents


def _plausible_agent(agent: Token, lex) -> bool:
    """A person-like group noun, or a weapon qualified by a nationality ("Saudi warplanes")."""
    lemma = agent.lemma_.lower()
    if agent.pos_ == "PRON":
        return False
    if lemma in lex.agent_nouns or agent.lower_ in lex.agent_nouns:
        return True
    if any(c.lower_ == "armed" for c in agent.children if c.dep_ == "amod"):
        return True  # "armed residents", "armed villagers"
    if lemma in lex.means_agent_nouns:
        return any(c.ent_type_ in {"NORP", "GPE", "ORG"} for c in agent.lefts)
    return False


def _agent_extent(agent: Token) -> tuple[int, int]:
    """The agent noun with its modifiers and a short "in military uniform" complement, as
    character offsets: no article, no relative clause, no "of targeting ..." (what the blamed
    did), no quotation marks around it."""
    tokens = [
        t
        for t in agent.subtree
        if t.dep_ != "relcl"
        and not _under(t, agent, {"relcl", "acl", "conj", "cc"})  # "X and Y": two agents
        and not (t.dep_ == "cc" and t.head == agent)
        and not _under_gerund_prep(t, agent)
    ]
    tokens = [t for t in tokens if not (t.dep_ == "det" and t.head == agent)]
    tokens.sort(key=lambda t: t.i)
    while len(tokens) > 1 and (tokens[0].is_punct or tokens[0].is_quote):
        tokens = tokens[1:]
    while len(tokens) > 1 and (tokens[-1].is_punct or tokens[-1].is_quote):
        tokens = tokens[:-1]
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


def _under_gerund_prep(token: Token, agent: Token) -> bool:
    """Inside "of targeting the area" / "for shelling ..." hanging on the agent noun."""
    while token.i != agent.i and token.head.i != token.i:
        if (
            token.head.i == agent.i
            and token.dep_ == "prep"
            and any(c.dep_ == "pcomp" for c in token.children)
        ):
            return True
        token = token.head
    return False


def _under(token: Token, root: Token, deps: set[str]) -> bool:
    while token.i != root.i and token.head.i != token.i:
        if token.dep_ in deps:
            return True
        token = token.head
    return False


# ---------------------------------------------------------------- output


def _perpetrator(mention: str, resolved: ResolvedActor | None) -> Perpetrator:
    if resolved is None:
        return Perpetrator(name=mention, mention=mention, actor_type="Unidentified")
    return Perpetrator(
        name=resolved.name,
        mention=mention,
        actor_type=resolved.actor_type,
        affiliation=list(resolved.affiliation),
    )


def _drop_vague(found: list[_Found]) -> list[_Found]:
    """A vague doer ("gunmen", "men in uniform") gives way to a named group that qualifies it
    ("gunmen belonging to the 4th Division") or that the same source names. A vague doer from
    another source stays: it is a competing account ("the government blamed foreign fighters").
    """
    named = [f for f in found if not f.unidentified]
    kept = []
    for item in found:
        if item.unidentified and any(
            _inside(n.mention_span, item.subtree_span)
            or _same_source(n.perpetrator.attributed_by, item.perpetrator.attributed_by)
            for n in named
        ):
            continue
        kept.append(item)
    return kept


def _same_source(named_by: str | None, vague_by: str | None) -> bool:
    """The same speaker, or one of the speakers of a joint account ("survivors" within
    "survivors and a local documentation group")."""
    if named_by == vague_by:
        return True
    if not named_by or not vague_by:
        return False
    return (
        re.search(rf"(^|\band\s+){re.escape(named_by.lower())}(\s+and\b|$)", vague_by.lower())
        is not None
    )


def _inside(span: tuple[int, int], outer: tuple[int, int]) -> bool:
    return outer[0] <= span[0] and span[1] <= outer[1]


def _merge(found: list[_Found]) -> list[tuple[Perpetrator, Evidence]]:
    """One perpetrator per (name, attributed_by), evidence pooled, in order of first mention."""
    merged: dict[tuple[str, str | None], tuple[Perpetrator, Evidence]] = {}
    for item in sorted(found, key=lambda f: f.order):
        key = (item.perpetrator.name, item.perpetrator.attributed_by)
        if key not in merged:
            merged[key] = (item.perpetrator, [])
        evidence = merged[key][1]
        for span in item.evidence:
            if span not in evidence:
                evidence.append(span)
    return list(merged.values())
