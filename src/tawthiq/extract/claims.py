"""Claims: who says what, and through which outlet; and which monitors/outlets report.

A claim is a quoted or reported statement: ``"...", said Abu Omar, a resident``; ``X told
Reuters ...``; ``according to the Syrian Observatory ...``; ``the ministry said in a
statement ...``; ``the government blamed ...``; ``the ministry denied ...``. The speech frames
found here are reused by perpetrator attribution (``attributed_by``).

Speakers named once in full ("Rami Abdel Rahman") and later in part ("Abdel Rahman") are
given their full name; "he"/"she" is given the most recent named person before it (never the
outlet or person spoken to: "told X"); "the group" is the group named just before. A
reporting verb joined to a reported clause ("the agency said rebels fired and accused X")
is said by the reporter. A claim whose speaker stays a bare pronoun is dropped (the text says
nothing about who spoke).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy
from spacy.attrs import LOWER, POS
from spacy.symbols import AUX, VERB
from spacy.tokens import Doc, Span, Token

from tawthiq import knowledge
from tawthiq.actors.outlets import OutletList, get_outlets
from tawthiq.model import Claim
from tawthiq.nlp.doccache import doc_cache, doc_text
from tawthiq.nlp.lemmas import ensure_lemmas
from tawthiq.nlp.lexicon import doc_lexicon, lexicon

_QUOTE = re.compile(r"[\"“”]([^\"“”]{2,}?)[\"“”]")
_PRONOUNS = {"he", "she", "they", "we", "i", "him", "her"}
_DATELINE = re.compile(r"[A-Z][A-Z .,'-]{1,40}\([^()\n]{1,40}\)\s*[-–—]+\s*")
_NEAR = 6  # tokens between a closing quote and its reporting verb


@dataclass
class SpeechFrame:
    """One act of saying: speaker, the words said (offsets), the outlet it went through."""

    speaker: str | None
    speaker_span: tuple[int, int] | None
    content: tuple[int, int]
    via: str | None = None
    verb: Token | None = None
    kind: str = "reported"  # "quote", "reported", "according"
    denial: bool = False
    blame: bool = False
    speaker_tokens: list[Token] = field(default_factory=list)
    outlet_spans: list[tuple[str, int, int]] = field(default_factory=list)

    def covers(self, start: int, end: int) -> bool:
        return self.content[0] <= start and end <= self.content[1]


# ---------------------------------------------------------------- public functions


def find_claims(doc: Doc) -> list[Claim]:
    """Statements with a known speaker, in text order; ``event`` is left to the caller."""
    claims = []
    seen: set[tuple[int, int]] = set()
    for frame in speech_frames(doc):
        if not frame.speaker or frame.content in seen:
            continue
        start, end = _trim(doc_text(doc), *frame.content, keep_stop=frame.kind == "quote")
        if end - start < 2:
            continue
        seen.add(frame.content)
        claims.append(
            Claim(
                speaker=frame.speaker,
                via=frame.via,
                text=doc_text(doc)[start:end],
                start=start,
                end=end,
            )
        )
    return claims


def find_reporters(doc: Doc) -> list[tuple[str, int, int]]:
    """Outlets and monitors that report in this text, one per outlet, first occurrence first.

    An outlet counts when it speaks (subject of a reporting verb), is the source of
    "according to", carries someone's words ("told Reuters"), or heads a dateline "(AFP)".
    """
    return _first_per_name(reporter_mentions(doc))


def reporter_mentions(doc: Doc) -> list[tuple[str, int, int]]:
    """Every reporting-context occurrence of an outlet, in text order."""
    found: list[tuple[str, int, int]] = []
    for frame in speech_frames(doc):
        found.extend(frame.outlet_spans)
    found.extend(_dateline_outlets(doc))
    found.extend(_passive_report_outlets(doc))
    return sorted(set(found), key=lambda item: (item[1], item[2]))


def speech_frames(doc: Doc) -> list[SpeechFrame]:
    """All speech frames of the document (cached on the Doc: claims and attribution share it)."""
    cached = doc_cache(doc).get("tawthiq_speech_frames")
    if cached is not None:
        return cached
    ensure_lemmas(doc)
    people = _person_names(doc)
    frames = _quote_frames(doc, people)
    quoted_verbs = {f.verb.i for f in frames if f.verb is not None}
    for token in _frame_heads(doc):
        if token.i in quoted_verbs:
            continue
        frame = _verb_frame(doc, token, people) or _according_frame(doc, token, people)
        if frame is not None:
            frames.append(frame)
    frames.sort(key=lambda f: f.content)
    _resolve_pronoun_speakers(doc, frames)
    _resolve_definite_speakers(doc, frames)
    doc_cache(doc)["tawthiq_speech_frames"] = frames
    return frames


def _frame_heads(doc: Doc) -> Iterator[Token]:
    """The tokens that can head a frame, in text order: verbs (``_verb_frame``) and
    "according" (``_according_frame``). Read from the Doc's arrays: making a Token object
    for every word of a report cost more than the checks themselves."""
    if not len(doc):
        return
    array = doc.to_array([POS, LOWER])
    heads = (array[:, 0] == VERB) | (array[:, 0] == AUX) | (
        array[:, 1] == doc.vocab.strings["according"])
    for i in numpy.flatnonzero(heads):
        yield doc[int(i)]


def _resolve_pronoun_speakers(doc: Doc, frames: list[SpeechFrame]) -> None:
    """ "The Observatory said ... It added ...": "it"/"they" take the previous named speaker."""
    named = sorted(
        (f for f in frames if f.speaker and f.speaker_span), key=lambda f: f.speaker_span
    )
    for frame in frames:
        if frame.speaker or not frame.speaker_tokens or frame.speaker_span is None:
            continue
        if len(frame.speaker_tokens) != 1 or frame.speaker_tokens[0].lower_ not in {"it", "they"}:
            continue
        earlier = [f for f in named if f.speaker_span[1] <= frame.speaker_span[0]]
        if (
            earlier
            and _sentences_between(doc, earlier[-1].speaker_span[1], frame.speaker_span[0]) <= 3
        ):
            frame.speaker = earlier[-1].speaker


def _resolve_definite_speakers(doc: Doc, frames: list[SpeechFrame]) -> None:
    """ "A documentation group said ... The group said ...": "the group" is the group named
    just before (same head noun, within 3 sentences), so one source keeps one name."""
    for frame in frames:
        if not frame.speaker or not frame.speaker_tokens or frame.speaker_span is None:
            continue
        head = _head_of(frame.speaker_tokens)
        if head.pos_ != "NOUN" or frame.speaker.lower() != f"the {head.lower_}":
            continue
        earlier = [
            f
            for f in frames
            if f.speaker
            and f.speaker_span
            and f.speaker_tokens
            and f.speaker_span[1] <= frame.speaker_span[0]
            and f.speaker.lower() != frame.speaker.lower()
            and _head_of(f.speaker_tokens).lower_ == head.lower_
            and _sentences_between(doc, f.speaker_span[1], frame.speaker_span[0]) <= 3
        ]
        if earlier:
            named = max(earlier, key=lambda f: f.speaker_span)
            frame.speaker = re.sub(r"^(a|an)\s+", "the ", named.speaker, flags=re.IGNORECASE)


def _sentences_between(doc: Doc, start: int, end: int) -> int:
    return sum(1 for s in doc.sents if start <= s.start_char < end)


def entities(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents``, built once per Doc (spaCy rebuilds the tuple on every access)."""
    cached = doc_cache(doc).get("tawthiq_ents")
    if cached is None:
        cached = doc_cache(doc)["tawthiq_ents"] = tuple(doc.ents)
    return cached


def outlets_of(doc: Doc) -> OutletList:
    """The outlet list, looked up once per Doc (it checks the user's files for changes)."""
    cached = doc_cache(doc).get("tawthiq_outlets")
    if cached is None:
        cached = doc_cache(doc)["tawthiq_outlets"] = get_outlets()
    return cached


def document_outlets(doc: Doc) -> list:
    """Outlet names in the whole text, scanned once per Doc (the reporters and the extractor's
    places that are no place both ask): (alias match, outlet) pairs."""
    cache = doc_cache(doc)
    if "tawthiq_document_outlets" not in cache:
        cache["tawthiq_document_outlets"] = outlets_of(doc).find(doc_text(doc))
    return cache["tawthiq_document_outlets"]


# ---------------------------------------------------------------- frames


def _verb_frame(doc: Doc, verb: Token, people: list[Span]) -> SpeechFrame | None:
    if verb.pos_ not in {"VERB", "AUX"}:  # checked first: most tokens stop here, unloaded
        return None
    lex = doc_lexicon(doc)
    if verb.lemma_.lower() not in lex.reporting_verbs:
        return None
    if verb.lemma_.lower() in lex.responsibility_verbs and not _of_responsibility(verb):
        return None  # "who was holding him" reports nothing; "held X responsible" does
    if any(c.dep_ == "nsubjpass" for c in verb.children):  # "was reported" has no speaker here
        return None
    speaker_tokens = _speaker_tokens(doc, verb)
    if speaker_tokens is None:
        return None
    content = _content_span(doc, verb, speaker_tokens)
    if content is None:
        return None
    frame = _frame_for(doc, speaker_tokens, content, people, verb)
    frame.denial = verb.lemma_.lower() in lex.denial_verbs or _negated(verb)
    frame.blame = verb.lemma_.lower() in lex.blame_verbs
    return frame


def _according_frame(doc: Doc, token: Token, people: list[Span]) -> SpeechFrame | None:
    """``according to X``: X is the speaker of the clause the phrase hangs on."""
    if token.lower_ != "according":
        return None
    to = next((c for c in token.children if c.lower_ == "to"), None)
    if to is None and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
        to = doc[token.i + 1]
    if to is None:
        return None
    objects = [c for c in to.children if c.dep_ == "pobj"]
    if not objects:
        return None
    speaker_tokens = list(objects[0].subtree)
    sent = token.sent
    phrase_start, phrase_end = token.idx, speaker_tokens[-1].idx + len(speaker_tokens[-1])
    if phrase_start - sent.start_char > sent.end_char - phrase_end:
        content = (sent.start_char, phrase_start)
    else:
        content = (phrase_end, sent.end_char)
    frame = _frame_for(doc, speaker_tokens, content, people, None)
    frame.kind = "according"
    _carried_statement(objects[0], frame)
    return frame


def _carried_statement(document: Token, frame: SpeechFrame) -> None:
    """ "according to a statement carried by SANA": SANA is the outlet, not the speaker.

    A document noun ("statement", "report", "figures") names its author by a possessive or
    a modifier ("the ministry's statement", "SOHR figures"); an outlet elsewhere in the
    phrase only carried it. With no author named, the claim has no speaker.
    """
    if document.lemma_.lower() not in lexicon().document_nouns:
        return
    author = [
        c
        for c in document.children
        if c.dep_ in {"poss", "compound", "nmod", "amod"}
        and (c.pos_ in {"PROPN", "NOUN"} or c.text.isupper())
    ]
    if not author:
        frame.via = frame.outlet_spans[0][0] if frame.outlet_spans else None
        frame.speaker = None
        return
    doc = document.doc
    tokens = sorted((t for a in author for t in a.subtree if t.dep_ != "case"), key=lambda t: t.i)
    frame.speaker = speaker_name(doc, tokens, _person_names(doc)) or frame.speaker


def _quote_frames(doc: Doc, people: list[Span]) -> list[SpeechFrame]:
    """Quoted words with the reporting verb right after the closing quote or before the opening."""
    frames = []
    for match in _QUOTE.finditer(doc_text(doc)):
        verb = _verb_after(doc, match.end()) or _verb_before(doc, match.start())
        if verb is None:
            continue
        speaker_tokens = _speaker_tokens(doc, verb)
        if speaker_tokens is None:
            continue
        frame = _frame_for(doc, speaker_tokens, (match.start(1), match.end(1)), people, verb)
        frame.kind = "quote"
        frames.append(frame)
    return frames


def _verb_after(doc: Doc, char: int) -> Token | None:
    first = _token_at_or_after(doc, char)
    if first is None:
        return None
    for token in doc[first.i : min(len(doc), first.i + _NEAR)]:
        if token.is_sent_start and token.i != first.i and token.i > first.i + 1:
            break
        if token.lemma_.lower() in doc_lexicon(doc).say_verbs and token.pos_ in {"VERB", "AUX"}:
            return token
    return None


def _verb_before(doc: Doc, char: int) -> Token | None:
    after = _token_at_or_after(doc, char)
    if after is None:
        return None
    window = doc[max(0, after.i - _NEAR) : after.i]
    for token in reversed(list(window)):
        if token.lemma_.lower() in doc_lexicon(doc).say_verbs and token.pos_ in {"VERB", "AUX"}:
            return token
        if token.text in {".", "!", "?"}:
            break
    return None


def _token_at_or_after(doc: Doc, char: int) -> Token | None:
    for token in doc:
        if token.idx >= char:
            return token
    return None


def _of_responsibility(verb: Token) -> bool:
    """ "held the army responsible", "holds X accountable for": a responsibility word follows."""
    words = lexicon().responsibility_words
    return any(t.lower_ in words for t in verb.subtree if t.i > verb.i)


def _speaker_tokens(doc: Doc, verb: Token) -> list[Token] | None:
    """The subject of a reporting verb; for a verb with no parsed subject, the name beside it."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None and verb.dep_ in {"conj", "advcl", "xcomp"}:
        holder = _subject_holder(verb)
        subject = next((c for c in holder.children if c.dep_ == "nsubj"), None)
    if subject is not None and subject.tag_ in {"WP", "WDT"}:
        # "the monitor, which said ...": the noun the clause describes; "who was ..." alone
        # names nobody
        if verb.dep_ != "relcl":
            return None
        subject = verb.head
    if subject is not None:
        return [
            t for t in subject.subtree if t.dep_ not in {"relcl"} and not _inside_relcl(t, subject)
        ]
    return _adjacent_name(doc, verb)


def _subject_holder(verb: Token) -> Token:
    """The verb whose subject a subjectless reporting verb shares.

    "The agency said that rebels had fired the shells and accused X": the parse joins
    "accused" to "fired", but a reporting verb joined to the reported clause is said by the
    one who reports it ("the agency"), not by the clause's subject ("rebels").
    """
    head = verb.head
    reporting = lexicon().reporting_verbs
    if verb.dep_ == "conj" and head.lemma_.lower() not in reporting:
        while head.dep_ == "conj" and head.head.i != head.i:
            head = head.head
        if head.dep_ == "ccomp" and head.head.lemma_.lower() in reporting:
            return head.head
    return verb.head


def _inside_relcl(token: Token, root: Token) -> bool:
    while token.i != root.i:
        if token.dep_ in {"relcl", "acl"}:
            return True
        token = token.head
    return False


def _adjacent_name(doc: Doc, verb: Token) -> list[Token] | None:
    """``..., the Syrian Observatory for Human Rights said``: an entity ending right before."""
    for ent in entities(doc):
        if ent.end == verb.i and ent.label_ in {"ORG", "PERSON", "NORP", "GPE"}:
            return list(ent)
    for match in _sentence_outlets(doc, verb.sent):
        start = verb.sent.start_char + match.start
        end = verb.sent.start_char + match.end
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and span.end == verb.i:
            return list(span)
    return None


def _sentence_outlets(doc: Doc, sent: Span) -> list:
    """Outlet names in one sentence, scanned once per sentence (cached on the Doc): every
    reporting verb of the sentence asks, and the alias scan is the costly part."""
    found = doc_cache(doc).setdefault("tawthiq_sentence_outlets", {})
    if sent.start_char not in found:
        found[sent.start_char] = [m for m, _ in outlets_of(doc).find(sent.text)]
    return found[sent.start_char]


def _content_span(doc: Doc, verb: Token, speaker_tokens: list[Token]) -> tuple[int, int] | None:
    """What was said: the complement clause for "say"; the verb phrase for blame/deny/accuse."""
    lemma = verb.lemma_.lower()
    complement = [c for c in verb.children if c.dep_ in {"ccomp", "xcomp"}]
    speaker_ids = {t.i for t in speaker_tokens}
    if lemma in lexicon().say_verbs - {"claim", "allege"} and complement:
        tokens = [t for c in complement for t in c.subtree]
    elif lemma in lexicon().say_verbs and not complement:
        return None
    else:
        tokens = [
            t
            for t in verb.subtree
            if t.i >= verb.i
            and t.i not in speaker_ids
            and not (t.dep_ == "punct" and t.head.i == verb.i)
        ]
        tokens = _cut_at_clause(tokens, verb)
    tokens = [t for t in tokens if t.i not in speaker_ids]
    if not tokens:
        return None
    first, last = min(tokens, key=lambda t: t.i), max(tokens, key=lambda t: t.i)
    return first.idx, last.idx + len(last)


def _cut_at_clause(tokens: list[Token], verb: Token) -> list[Token]:
    """Stop a blame/deny phrase at the next clause ("..., saying ...", "but residents said")."""
    ordered = sorted(tokens, key=lambda t: t.i)
    kept = []
    for token in ordered:
        if (
            token.i > verb.i
            and token.head.i == verb.i
            and (token.dep_ in {"advcl", "conj", "cc"} or token.lower_ == "according")
        ):
            break
        kept.append(token)
    return kept


def _frame_for(
    doc: Doc,
    speaker_tokens: list[Token],
    content: tuple[int, int],
    people: list[Span],
    verb: Token | None,
) -> SpeechFrame:
    speaker_tokens = sorted(speaker_tokens, key=lambda t: t.i)
    while len(speaker_tokens) > 1 and speaker_tokens[-1].is_punct:
        speaker_tokens = speaker_tokens[:-1]
    span = (speaker_tokens[0].idx, speaker_tokens[-1].idx + len(speaker_tokens[-1]))
    content = _within_line(doc_text(doc), content, verb.idx if verb is not None else span[0])
    outlet_spans = _outlets_in(doc, span) or _documenting_body(doc, speaker_tokens)
    via_spans = _via_outlets(doc, verb, content) if verb is not None else []
    frame = SpeechFrame(
        speaker=speaker_name(doc, speaker_tokens, people),
        speaker_span=span,
        content=content,
        via=via_spans[0][0] if via_spans else None,
        verb=verb,
        speaker_tokens=speaker_tokens,
        outlet_spans=outlet_spans + via_spans,
    )
    return frame


def _within_line(text: str, content: tuple[int, int], anchor: int) -> tuple[int, int]:
    """Words said never cross a line break: keep the line next to the reporting verb.

    (A headline without a full stop is parsed into the first sentence of the body.)
    """
    start, end = content
    piece = text[start:end]
    if "\n" not in piece:
        return content
    if anchor >= end:
        return start + piece.rindex("\n") + 1, end
    if anchor <= start:
        return start, start + piece.index("\n")
    return content


def _via_outlets(doc: Doc, verb: Token, content: tuple[int, int]) -> list[tuple[str, int, int]]:
    """Outlets in the reporting verb's own phrase ("told Reuters", "in an interview with AFP")."""
    found = []
    for child in verb.children:
        if child.dep_ in {"nsubj", "ccomp", "xcomp", "punct", "advcl"}:
            continue
        for start, end in [(child.left_edge.idx, child.right_edge.idx + len(child.right_edge))]:
            if content[0] <= start and end <= content[1]:
                continue
            found.extend(
                o for o in _outlets_in(doc, (start, end)) if _same_line(doc_text(doc), verb, o)
            )
    return found


def _documenting_body(doc: Doc, tokens: list[Token]) -> list[tuple[str, int, int]]:
    """A documenting body the outlet list lacks, speaking under its proper name ("the Kafr
    Sample Documentation Office said"): a reporter under the name the text gives it (rules and
    sources in data/en/documenting_bodies.json)."""
    words = knowledge.load("documenting_bodies.json", "en")
    joining = frozenset(words["joining_words"])
    name = list(itertools.takewhile(lambda t: not t.is_punct and not t.is_space, tokens))
    while name and name[0].lower_ in {"the", "a", "an"}:
        name = name[1:]
    while name and name[-1].lower_ in joining:
        name = name[:-1]
    content = [t for t in name if t.lower_ not in joining]
    if len(content) < 2 or not all(t.text[:1].isupper() for t in content):
        return []
    lowered = [t.lower_ for t in name]
    cut = next((i for i, w in enumerate(lowered) if w in {"for", "of"}), len(lowered))
    if cut == 0 or lowered[cut - 1] not in words["heads"]:
        return []
    if not (set(lowered[: cut - 1]) | set(lowered[cut:])) & set(words["markers"]):
        return []  # "Syria Monitor", "Rights Group": a description, not a name
    start, end = name[0].idx, name[-1].idx + len(name[-1])
    if _title_case_line(doc_text(doc), start):
        return []  # a headline capitalises every word: "Rights Group Says Ten Killed"
    return [(doc_text(doc)[start:end], start, end)]


def _title_case_line(text: str, at: int) -> bool:
    """The line holding ``at`` capitalises (nearly) every longer word, as headlines do."""
    line = text[text.rfind("\n", 0, at) + 1 : (text.find("\n", at) + 1 or len(text) + 1) - 1]
    longer = [w for w in re.findall(r"[^\W\d_]{4,}", line)]
    return len(longer) >= 4 and sum(w[0].isupper() for w in longer) >= 0.8 * len(longer)


def _same_line(text: str, verb: Token, outlet: tuple[str, int, int]) -> bool:
    low, high = sorted((verb.idx, outlet[1]))
    return "\n" not in text[low:high]


def _outlets_in(doc: Doc, span: tuple[int, int]) -> list[tuple[str, int, int]]:
    text = doc_text(doc)[span[0] : span[1]]
    return [
        (outlet.name, span[0] + m.start, span[0] + m.end)
        for m, outlet in outlets_of(doc).find(text)
    ]


# ---------------------------------------------------------------- speakers


def speaker_name(doc: Doc, tokens: list[Token], people: list[Span]) -> str | None:
    """A person's full name, an outlet's canonical name, an organisation, or the noun phrase."""
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    for ent in entities(doc):
        if ent.label_ == "PERSON" and start <= ent.start_char and ent.end_char <= end:
            return full_name(ent.text, people)
    outlets = _outlets_in(doc, (start, end)) or _based_outlet(doc, end)
    if outlets:
        return outlets[0][0]
    head = _head_of(tokens)
    if head.lower_ in {"it", "they"} and len(tokens) == 1:
        return None  # the previous named speaker, filled in by _resolve_pronoun_speakers
    if head.lower_ in _PRONOUNS:
        return _antecedent(doc, head, people)
    for ent in entities(doc):
        if (
            ent.label_ in {"ORG", "NORP", "GPE"}
            and start <= ent.start_char
            and ent.end_char <= end
            and any(t.pos_ == "PROPN" for t in ent)
            and ent.start <= head.i < ent.end  # "Russia's defence ministry" is not "Russia"
        ):
            return _strip_article(ent.text)
    if any(c.dep_ == "conj" and c.i in {t.i for t in tokens} for c in head.children):
        return _coordinated_phrase(tokens)
    return _noun_phrase(head)


def _coordinated_phrase(tokens: list[Token]) -> str:
    """ "survivors and a local documentation group": every speaker, as written."""
    doc = tokens[0].doc
    phrase = doc_text(doc)[tokens[0].idx : tokens[-1].idx + len(tokens[-1])].strip(" ,")
    if tokens[0].pos_ != "PROPN" and phrase[:1].isupper() and not phrase[1:2].isupper():
        phrase = phrase[0].lower() + phrase[1:]
    return phrase


def _based_outlet(doc: Doc, end: int) -> list[tuple[str, int, int]]:
    """ "the Britain-based Syrian Observatory ... said" parsed with "Britain" as the subject."""
    after = doc_text(doc)[end : end + 60]
    match = re.match(r"-based\s+(?:war\s+)?(?:the\s+)?", after)
    if match is None:
        return []
    found = _outlets_in(doc, (end + match.end(), end + 60))
    return [o for o in found if o[1] == end + match.end()]


def _head_of(tokens: list[Token]) -> Token:
    ids = {t.i for t in tokens}
    return next((t for t in tokens if t.head.i not in ids or t.head.i == t.i), tokens[0])


def _noun_phrase(head: Token) -> str:
    """The head with its pre-modifiers ("a local resident", "survivors", "the ministry")."""
    left = [
        t for t in head.lefts if t.dep_ in {"det", "amod", "compound", "nummod", "poss", "nmod"}
    ]
    words = [*left, head]
    start, end = words[0].idx, head.idx + len(head)
    phrase = doc_text(head.doc)[start:end]
    if head.pos_ != "PROPN" and phrase[:1].isupper() and not phrase[1:2].isupper():
        phrase = phrase[0].lower() + phrase[1:]  # "Survivors said" -> "survivors"
    return phrase


def _antecedent(doc: Doc, pronoun: Token, people: list[Span]) -> str | None:
    """The most recent named person before a pronoun, in the same or the previous 3 sentences."""
    earlier = [p for p in people if p.end_char <= pronoun.idx and not _listener(p)]
    if not earlier:
        return None
    last = earlier[-1]
    sentences_between = sum(1 for s in doc.sents if last.end_char <= s.start_char < pronoun.idx)
    return full_name(last.text, people) if sentences_between <= 3 else None


def _listener(name: Span) -> bool:
    """ "told Sample Wire", "in an interview with X": the one spoken to, never the speaker."""
    root = name.root
    listening = lexicon().listening_verbs
    if root.dep_ in {"dobj", "dative"} and root.head.lemma_.lower() in listening:
        return True
    if root.dep_ == "pobj" and root.head.lower_ in {"to", "with"}:
        governor = root.head.head
        return governor.lemma_.lower() in listening | {"interview", "speak", "talk", "say"}
    return False


def full_name(name: str, people: list[Span]) -> str:
    """The longest mention of the same person in the document ("Abdel Rahman" -> full name)."""
    honorifics = lexicon().honorifics
    words = _name_words(name, honorifics)
    if not words:
        return name
    best = " ".join(words)
    for person in people:
        other = _name_words(person.text, honorifics)
        if len(other) > max(len(words), len(best.split())) and _contains(other, words):
            best = " ".join(other)
    return best


def _name_words(name: str, honorifics: frozenset[str]) -> list[str]:
    words = name.split()
    while words and words[0].lower().strip(".") in honorifics:
        words = words[1:]
    return [w.strip(",;:") for w in words]


def _contains(longer: list[str], shorter: list[str]) -> bool:
    n = len(shorter)
    return any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1))


def _person_names(doc: Doc) -> list[Span]:
    return [ent for ent in entities(doc) if ent.label_ == "PERSON"]


def _negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" for c in verb.children)


def _strip_article(text: str) -> str:
    return re.sub(r"^(the|a|an)\s+", "", text, flags=re.IGNORECASE)


def _trim(text: str, start: int, end: int, keep_stop: bool = False) -> tuple[int, int]:
    """Drop surrounding spaces, quotes, trailing commas and (outside a quotation) the stop."""
    while start < end and text[start] in " \t\n\"“”',:":
        start += 1
    if text[start : start + 5].lower() == "that ":
        start += 5
    dateline = _DATELINE.match(text, start, end)
    if dateline:
        start = dateline.end()
    trailing = " \t\n\"“”',:;" if keep_stop else " \t\n\"“”',:;."
    while end > start and text[end - 1] in trailing:
        end -= 1
    return start, end


# ---------------------------------------------------------------- reporters


def _dateline_outlets(doc: Doc) -> list[tuple[str, int, int]]:
    """``BEIRUT (Reuters) -``: an outlet in parentheses in the first line of the report."""
    head = doc_text(doc)[:200]
    found = []
    for match in re.finditer(r"\(([^()]{2,40})\)", head):
        name = outlets_of(doc).canonical(match.group(1))
        if name:
            found.append((name, match.start(1), match.end(1)))
    return found


def _passive_report_outlets(doc: Doc) -> list[tuple[str, int, int]]:
    """``reported by X``, ``cited by X``, ``quoted by X``, ``X's correspondent``."""
    found = []
    for match, outlet in document_outlets(doc):
        before = doc_text(doc)[max(0, match.start - 25) : match.start].lower()
        after = doc_text(doc)[match.end : match.end + 16].lower()
        if (
            re.search(
                r"(reported|cited|quoted|documented|published|broadcast|aired) by (the )?$", before
            )
            or re.match(r"['’]s? (correspondent|reporter|journalist)", after)
            or re.search(r"\b(monitor|monitoring group|war monitor|observatory),? (the )?$", before)
        ):
            found.append((outlet.name, match.start, match.end))
    return found


def _first_per_name(items: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    seen: set[str] = set()
    result = []
    for name, start, end in items:
        if name not in seen:
            seen.add(name)
            result.append((name, start, end))
    return result
