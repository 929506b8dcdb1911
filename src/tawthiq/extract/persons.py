"""Named persons: victims (with age and sex where the words give them) and witnesses.

Rules (documented decisions):
- A victim is a named person the text says was harmed: the patient of a harm verb
  ("Fatima was killed", "executing Khaled Ali"), listed among the dead ("Among the dead were
  ..."), or described as harmed ("a survivor who was wounded").
- A witness is a named person who speaks as a non-official (a resident, a relative, someone
  who "told Reuters"), who is described as a witness/survivor/resident, or who saw, survived
  or fled the events. Officials, spokesmen and monitors' directors are sources, not witnesses.
  A witness's name is a person's name: capitalised words (name particles aside), none of them
  an institution noun ("ministry", "agency", an outlet's "Herald"), whatever the tagger says.
- A witness is listed as a victim too only when the text says that person was harmed.
- Age: "Ahmad, 34", "Ahmad (34)", "Ahmad, aged 34", "a 12-year-old girl named Rana",
  "Rana, a 12-year-old girl". Sex: from a kinship or person noun tied to the name ("his wife
  Fatima", "a girl named", "Mr"), or the kunya "Abu"/"Umm" (father of / mother of); never
  guessed from the name itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span, Token

from tawthiq import knowledge
from tawthiq.actors import get_registry
from tawthiq.errors import BadInput
from tawthiq.extract.claims import entities, full_name, outlets_of, speech_frames
from tawthiq.model import Person
from tawthiq.nlp.doccache import doc_cache, doc_text
from tawthiq.nlp.lemmas import ensure_lemmas
from tawthiq.nlp.lexicon import doc_lexicon, lexicon

_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
}
_AGE = r"(\d{1,3}|" + "|".join(_NUMBER_WORDS) + r")"
_AGE_AFTER = [
    re.compile(rf"^\s*,\s*{_AGE}\s*(?:,|\.|;|\)|and\b|were\b|was\b|$)", re.IGNORECASE),
    re.compile(rf"^\s*\(\s*{_AGE}\s*\)", re.IGNORECASE),
    re.compile(rf"^\s*,\s*aged\s+{_AGE}\b", re.IGNORECASE),
    re.compile(rf"^\s*,\s*{_AGE}\s+years?\s+old\b", re.IGNORECASE),
    re.compile(rf"^\s*,\s*an?\s+{_AGE}[- ]years?[- ]old\b", re.IGNORECASE),
]
_AGE_BEFORE = re.compile(
    rf"\b{_AGE}[- ]years?[- ]old\s+(?:\w+\s+){{0,2}}(?:named\s+|called\s+)?$", re.IGNORECASE
)
_KUNYA = {"abu": "m", "umm": "f", "um": "f", "om": "f"}
_HEADING_VERBS = {"head", "lead", "run", "direct", "chair", "command", "found"}


@dataclass
class _Seen:
    person: Person
    victim: bool = False
    witness: bool = False
    official: bool = False


def find_persons(doc: Doc) -> tuple[list[Person], list[Person]]:
    """(named victims, witnesses), each once, in order of first mention, with offsets."""
    ensure_lemmas(doc)
    lex = doc_lexicon(doc)
    people = [e for e in entities(doc) if e.label_ == "PERSON"]
    speakers = _speaker_heads(doc)
    seen: dict[str, _Seen] = {}
    for span in _person_spans(doc, people):
        name = full_name(span.text, people)
        item = seen.get(name)
        if item is None:
            item = _Seen(Person(name=name, start=span.start_char, end=span.end_char))
            seen[name] = item
        person = item.person
        person.age = person.age if person.age is not None else age_of(doc, span)
        person.sex = person.sex or sex_of(doc, span, lex)
        item.victim = item.victim or harmed(doc, span, lex)
        item.witness = item.witness or is_witness(doc, span, speakers, lex)
        item.official = item.official or _official(doc, span, lex)
    ordered = sorted(seen.values(), key=lambda s: s.person.start or 0)
    victims = [s.person.model_copy() for s in ordered if s.victim]
    # An official named once as such ("who heads the Observatory") stays a source throughout.
    witnesses = [s.person.model_copy() for s in ordered if s.witness and not s.official]
    return victims, witnesses


# ---------------------------------------------------------------- names


def _person_spans(doc: Doc, people: list[Span]) -> list[Span]:
    """PERSON entities, plus capitalised names right after a kinship noun ("his wife Fatima").

    Names that are an outlet or a registry actor ("SANA", "Hezbollah") are not persons,
    whatever the entity recogniser said.
    """
    spans = [p for p in people if not _organisation_name(doc, p.text) and _person_like(p)]
    covered = {t.i for s in spans for t in s}
    for span in _named_speakers(doc):
        if (
            not any(t.i in covered for t in span)
            and not _organisation_name(doc, span.text)
            and _person_like(span)
        ):
            spans.append(span)
            covered.update(t.i for t in span)
    kin = lexicon().female_nouns | lexicon().male_nouns
    for token in doc:
        if token.lower_ not in kin or token.i + 1 >= len(doc):
            continue
        start = token.i + 1
        if doc[start].lower_ in {"named", "called"}:
            start += 1
        end = start
        while (
            end < len(doc)
            and doc[end].pos_ == "PROPN"
            and doc[end].i not in covered
            and doc[end].ent_type_ not in {"GPE", "LOC", "ORG", "NORP", "FAC"}
        ):
            end += 1
        if end > start and _person_like(doc[start:end]):
            spans.append(doc[start:end])
            covered.update(range(start, end))
    return sorted(spans, key=lambda s: s.start)


def _named_speakers(doc: Doc) -> list[Span]:
    """Proper-noun speakers the recogniser missed ("Samer, a resident, said ...")."""
    found = []
    for frame in speech_frames(doc):
        tokens = frame.speaker_tokens
        if not tokens:
            continue
        ids = {t.i for t in tokens}
        head = next((t for t in tokens if t.head.i not in ids or t.head.i == t.i), tokens[0])
        if head.pos_ != "PROPN" or head.ent_type_ not in {"", "PERSON"}:
            continue
        start = head.i
        while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].pos_ == "PROPN":
            start -= 1
        found.append(doc[start : head.i + 1])
    return found


def _person_like(span: Span) -> bool:
    """A person's name: capitalised words (name particles aside), none naming an institution.

    The tagger sometimes calls a common noun a proper noun ("Russia's defence ministry
    denied ..."), and the recogniser calls an outlet a person ("told Sample Wire").
    """
    lex = doc_lexicon(span.doc)
    words = [t for t in span if not t.is_punct and t.lower_ not in {"'s", "’s"}]
    if not words:
        return False
    if any(
        t.lower_ in lex.institution_nouns or t.lemma_.lower() in lex.institution_nouns
        for t in words
    ):
        return False
    if _named_as_a_place(span) or _names_a_lineage(span, lex):
        return False
    return all(t.text[:1].isupper() or t.lower_ in lex.name_particles for t in words)


def _names_a_lineage(span: Span, lex) -> bool:
    """ "the elders of the Haddad family": a family's or a tribe's name, not a person's."""
    doc = span.doc
    return span.end < len(doc) and doc[span.end].lower_ in lex.kin_groups


def _named_as_a_place(span: Span) -> bool:
    """ "the Tadamon neighbourhood", "Nisreen Street", "the village of X": a place's name,
    whatever the recogniser said (the kind of place written beside it)."""
    doc = span.doc
    kinds = place_kinds()
    after = doc[span.end] if span.end < len(doc) else None
    before = doc[span.start - 2: span.start] if span.start >= 2 else None
    return (after is not None and after.lower_ in kinds) or (
        before is not None and before[0].lower_ in kinds and before[1].lower_ == "of")


@cache
def place_kinds() -> frozenset[str]:
    """Words naming a kind of place (``data/en/unlisted_places.json`` ``place_kinds``)."""
    return frozenset(knowledge.load("unlisted_places.json", "en")["place_kinds"])


def _organisation_name(doc: Doc, text: str) -> bool:
    """An outlet's or a registry actor's exact name (a broken user registry file is skipped
    here: it is reported where the registry itself is loaded)."""
    if outlets_of(doc).canonical(text):
        return True
    registry = doc_cache(doc).get("tawthiq_registry")
    if registry is None:
        try:
            registry = doc_cache(doc)["tawthiq_registry"] = get_registry()
        except BadInput:
            return False
    ids, score = registry.index.lookup(text)
    return bool(ids) and score == 1.0


def _head(span: Span) -> Token:
    return span.root


# ---------------------------------------------------------------- age and sex


def age_of(doc: Doc, span: Span) -> int | None:
    """The age given beside a name ("Ahmad, 34", "a 12-year-old girl named ...")."""
    after = doc_text(doc)[span.end_char : span.end_char + 30]
    for pattern in _AGE_AFTER:
        match = pattern.match(after)
        if match:
            return _number(match.group(1))
    before = doc_text(doc)[max(0, span.start_char - 50) : span.start_char]
    if "old" not in before.lower():
        return None
    match = _AGE_BEFORE.search(before)
    return _number(match.group(1)) if match else None


def _number(text: str) -> int | None:
    value = _NUMBER_WORDS.get(text.lower()) if not text.isdigit() else int(text)
    return value if value is not None and 0 <= value <= 120 else None


def sex_of(doc: Doc, span: Span, lex) -> str | None:
    """From a kinship or person noun tied to the name, an honorific, or the kunya Abu/Umm."""
    first = span[0].lower_.strip(".")
    if first in _KUNYA:
        return _KUNYA[first]
    for noun in _describing_nouns(doc, span):
        word = noun.lower_.strip(".")
        if word in lex.female_nouns:
            return "f"
        if word in lex.male_nouns:
            return "m"
    return None


def _describing_nouns(doc: Doc, span: Span) -> list[Token]:
    """Nouns naming what the person is: the appositive, or the words right before the name."""
    head = _head(span)
    nouns = [c for c in head.children if c.dep_ == "appos"]
    if head.dep_ == "appos":
        nouns.append(head.head)
    if head.dep_ in {"oprd", "attr"} and head.head.lemma_ in {"name", "call"}:
        nouns.append(head.head.head)
    # the words right before the name, back to the first verb ("his wife Fatima"; not the
    # "men" of "masked men took Yousef")
    for t in reversed(doc[max(0, span.start - 3) : span.start]):
        if t.pos_ in {"VERB", "AUX", "ADP", "SCONJ", "CCONJ"}:
            break
        if t.pos_ in {"NOUN", "PROPN"} or t.lower_ in {"mr", "mrs", "ms"}:
            nouns.append(t)
    return nouns


# ---------------------------------------------------------------- roles


def harmed(doc: Doc, span: Span, lex) -> bool:
    """Whether the words say this person was harmed."""
    head = _clause_head(_head(span))
    governor = head.head
    if (
        head.dep_ in {"nsubjpass"}
        and governor.lemma_.lower() in lex.harm_words | lex.violence_verbs
    ):
        return True
    if head.dep_ == "nsubj" and governor.lemma_.lower() in {"die", "perish", "succumb", "bleed"}:
        return True
    if head.dep_ in {"dobj"} and governor.lemma_.lower() in lex.violence_verbs | lex.harm_words:
        return True
    if head.dep_ in {"nsubj", "attr"} and governor.lemma_ == "be" and _among_dead(governor):
        return True
    if _described_as_harmed(_head(span), lex):
        return True
    if _harmed_as_pronoun(head, lex):
        return True
    if _after_victim_cue(doc, span, lex):
        return True
    return _listed_with_age_in_harm_sentence(doc, span, lex)


_OBJECT_PRONOUNS = {"him", "her"}


def _harmed_as_pronoun(head: Token, lex) -> bool:
    """ "took Yousef Khalil from his home and shot him dead": the object of the first verb is
    the "him" a joined harm verb acts on (one person named, then a pronoun in the next clause)."""
    if head.dep_ != "dobj":
        return False
    verb = head.head
    for joined in (c for c in verb.children if c.dep_ == "conj"):
        if joined.lemma_.lower() in lex.harm_words | lex.violence_verbs and any(
                c.dep_ in {"dobj", "nsubjpass"} and c.lower_ in _OBJECT_PRONOUNS
                for c in joined.children):
            return True
    return False


def _clause_head(token: Token) -> Token:
    """Up the appositive/conjunct chain to the word that holds the clause role."""
    while token.dep_ in {"conj", "appos"} and token.head.i != token.i:
        token = token.head
    return token


def _among_dead(verb: Token) -> bool:
    text = " ".join(t.lower_ for t in verb.subtree)
    return bool(
        re.search(r"\bamong (the )?(dead|killed|victims|those killed|the wounded|injured)", text)
    )


def _described_as_harmed(head: Token, lex) -> bool:
    """Harm in a description: "Umm Khaled, a survivor who was wounded"."""
    for appos in [c for c in head.children if c.dep_ in {"appos", "relcl", "acl"}]:
        for token in appos.subtree:
            harm = (
                token.lemma_.lower() in lex.harm_words
                and token.pos_ in {"VERB", "ADJ"}
                and token.lemma_.lower() not in {"see", "survive"}
            )
            if harm and (
                token.dep_ in {"relcl", "acl", "amod"}
                or any(c.dep_ in {"nsubjpass", "auxpass"} for c in token.children)
            ):
                return True
    return False


def _after_victim_cue(doc: Doc, span: Span, lex) -> bool:
    before = doc_text(doc)[span.sent.start_char : span.start_char].lower()
    return any(cue in before for cue in lex.victim_cue_list) and not _is_speaker_span(doc, span)


def _listed_with_age_in_harm_sentence(doc: Doc, span: Span, lex) -> bool:
    """E.g. "Ahmad, 34, and Fatima, 29, were killed": a name-age list in a sentence of harm."""
    if age_of(doc, span) is None or _is_speaker_span(doc, span):
        return False
    return any(t.lemma_.lower() in lex.harm_words and t.pos_ in {"VERB", "ADJ"} for t in span.sent)


def is_witness(doc: Doc, span: Span, speakers: dict[int, bool], lex) -> bool:
    """A named non-official speaker, someone described as a witness, or who saw or survived."""
    head = _head(span)
    if _official(doc, span, lex):
        return False
    if any(t.i in speakers for t in span):
        return True
    if any(
        n.lemma_.lower() in lex.witness_nouns
        for n in _describing_nouns(doc, span)
        if n.dep_ == "appos" or n.i == head.head.i
    ):
        return True
    clause = _clause_head(head)
    return clause.dep_ == "nsubj" and clause.head.lemma_.lower() in lex.witness_verbs


def _official(doc: Doc, span: Span, lex) -> bool:
    head = _head(span)
    for noun in _describing_nouns(doc, span):
        if noun.lemma_.lower() in lex.official_nouns:
            return True
    for child in head.children:
        if child.dep_ in {"relcl", "acl"} and child.lemma_.lower() in _HEADING_VERBS:
            return True
        if child.dep_ == "appos" and any(
            t.lemma_.lower() in lex.official_nouns for t in child.subtree
        ):
            return True
    return False


def _speaker_heads(doc: Doc) -> dict[int, bool]:
    """Token indices of every speaker of a speech frame (the value: spoke through an outlet)."""
    heads: dict[int, bool] = {}
    for frame in speech_frames(doc):
        for token in frame.speaker_tokens:
            if token.ent_type_ == "PERSON" or token.pos_ == "PROPN":
                heads[token.i] = frame.via is not None
    return heads


def _is_speaker_span(doc: Doc, span: Span) -> bool:
    heads = _speaker_heads(doc)
    return any(t.i in heads for t in span)
