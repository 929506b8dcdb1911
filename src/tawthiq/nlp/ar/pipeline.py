"""The Arabic spaCy pipeline: ``spacy.blank("ar")`` (tokenizer only; no Arabic model installs
offline) with digits split from glued letters ("53آخرين", "٢٠١٢توجهت", "ل14"), and one
component that reads a report's sentences, counts, casualties, dates and means into
``doc._.tawthiq_ar``. It runs over the folded text (``text.fold_text``); the extractor maps
offsets back to the original."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, cached_property

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

from tawthiq.nlp.ar.casualties import Casualty, find_casualties
from tawthiq.nlp.ar.dates import DateMention, find_dates
from tawthiq.nlp.ar.means import MeansMention, find_means
from tawthiq.nlp.ar.words import Token, tokens_of

GLUED_DIGITS = (r"(?<=[0-9])(?=[\u0621-\u064a])", r"(?<=[\u0621-\u064a])(?=[0-9])")
SENTENCE_END = frozenset({".", "!", "؟", "?", "…", "؛"})

if not Doc.has_extension("tawthiq_ar"):
    Doc.set_extension("tawthiq_ar", default=None)


@dataclass
class Reading:
    """What the Arabic component found in one report (folded offsets, token indexes)."""

    tokens: list[Token]
    sentences: list[tuple[int, int]]                 # token ranges
    casualties: list[list[Casualty]] = field(default_factory=list)   # per sentence
    dates: list[DateMention] = field(default_factory=list)
    means: list[MeansMention] = field(default_factory=list)

    @cached_property
    def token_ends(self) -> list[int]:
        """Folded end offset of each token (to find the token of an offset by bisection)."""
        return [token.end for token in self.tokens]


def make_doc(nlp: Language, folded: str) -> Doc:
    """A Doc of the folded text that remembers its text (spaCy rebuilds ``Doc.text`` from the
    tokens on every access, a cost per token the reader would pay several times)."""
    doc = nlp.make_doc(folded)
    doc.user_data["tawthiq_text"] = folded
    return doc


def doc_text(doc: Doc) -> str:
    return doc.user_data.get("tawthiq_text") or doc.text


def sentence_ranges(doc: Doc, tokens: list[Token]) -> list[tuple[int, int]]:
    """Token ranges of sentences: a full stop or question mark ends one, and so does a line
    break (headlines, datelines, bulletin items stand on their own lines)."""
    breaks = []
    lines = [m.start() for m in re.finditer("\n", doc_text(doc))]
    line_index = 0
    start = 0
    for i, token in enumerate(tokens):
        while line_index < len(lines) and lines[line_index] < token.start:
            line_index += 1
            if i > start:
                breaks.append((start, i))
                start = i
        if token.text in SENTENCE_END and i + 1 > start:
            breaks.append((start, i + 1))
            start = i + 1
    if start < len(tokens):
        breaks.append((start, len(tokens)))
    return breaks


class ArabicReader:
    def __call__(self, doc: Doc) -> Doc:
        tokens = tokens_of(doc)
        sentences = sentence_ranges(doc, tokens)
        reading = Reading(tokens, sentences)
        reading.casualties = [find_casualties(tokens, lo, hi) for lo, hi in sentences]
        reading.dates = find_dates(tokens, doc_text(doc))
        reading.means = find_means(tokens)
        doc._.tawthiq_ar = reading
        return doc


@Language.factory("tawthiq_ar_reader", assigns=["doc._.tawthiq_ar"])
def make_reader(nlp: Language, name: str) -> ArabicReader:
    """Sentences, casualty counts, dates and means of an Arabic report."""
    return ArabicReader()


def build_nlp() -> Language:
    nlp = spacy.blank("ar")
    infixes = list(nlp.Defaults.infixes or []) + list(GLUED_DIGITS)
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    nlp.add_pipe("tawthiq_ar_reader")
    return nlp


@cache
def get_nlp() -> Language:
    return build_nlp()
