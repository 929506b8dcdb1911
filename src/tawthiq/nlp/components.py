"""spaCy components of the tawthiq pipeline, one per extraction stage.

Each finds its mentions in the Doc's text and stores them on a Doc extension; the
extractor (``tawthiq.extract``) turns mentions into contract events.
"""

from __future__ import annotations

from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

try:  # the per-Doc text cache the other stages read (spaCy rebuilds Doc.text on each access)
    from tawthiq.nlp.doccache import doc_text
except ImportError:  # pragma: no cover - extraction without the actors package
    def doc_text(doc: Doc) -> str:
        return doc.text

from tawthiq import knowledge
from tawthiq.nlp.casualties import find_casualties
from tawthiq.nlp.dates import find_dates
from tawthiq.nlp.means import find_means

for _name in ("tawthiq_means", "tawthiq_casualties", "tawthiq_dates", "tawthiq_sentences"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """Character spans of the sentences (the parser's), cached on the Doc."""
    if doc._.tawthiq_sentences is None:
        doc._.tawthiq_sentences = [(s.start_char, s.end_char) for s in doc.sents]
    return doc._.tawthiq_sentences


class MeansFinder:
    def __call__(self, doc: Doc) -> Doc:
        doc._.tawthiq_means = find_means(doc_text(doc))
        return doc


class CasualtyFinder:
    def __call__(self, doc: Doc) -> Doc:
        doc._.tawthiq_casualties = find_casualties(doc_text(doc), sentence_bounds(doc))
        return doc


class DateFinder:
    def __call__(self, doc: Doc) -> Doc:
        doc._.tawthiq_dates = find_dates(doc_text(doc))
        return doc


@cache
def _line_break() -> tuple[int, str, frozenset[str]]:
    """What makes a line a title or a menu line (``data/en/page_furniture.json``)."""
    rules = knowledge.load("page_furniture.json", "en")["line_break"]
    return rules["short_line_chars"], rules["closing"], frozenset(rules["run_on_words"])


class ParagraphBreaks:
    """A blank line ends a sentence: a headline, a dateline line or a caption is never run
    into the first sentence of the body (the parser alone often joins them). So does the end
    of a short line without a full stop before a capitalised word ("Share on Facebook" /
    "Gunmen killed ..."): a menu or title line; a text wrapped at its width has long lines."""

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        short, closing, run_on = _line_break()
        for token in doc[1:]:
            previous = doc[token.i - 1]
            if previous.is_space and previous.text.count("\n") >= 2:
                token.is_sent_start = True
            elif previous.is_space and "\n" in previous.text and token.text[:1].isupper():
                line = text[text.rfind("\n", 0, previous.idx) + 1:previous.idx].strip()
                if (line and len(line) <= short and line[-1] not in closing
                        and line.split()[-1] not in run_on):
                    token.is_sent_start = True
        return doc


@Language.factory("tawthiq_paragraphs")
def make_paragraphs(nlp: Language, name: str) -> ParagraphBreaks:
    """Sentence starts after blank lines, set before the parser (which keeps them)."""
    return ParagraphBreaks()


@Language.factory("tawthiq_means", assigns=["doc._.tawthiq_means"])
def make_means(nlp: Language, name: str) -> MeansFinder:
    """Means of violence (contract vocabulary) with ACLED event types, from the lexicon."""
    return MeansFinder()


@Language.factory("tawthiq_casualties", assigns=["doc._.tawthiq_casualties"],
                  requires=["token.is_sent_start"])
def make_casualties(nlp: Language, name: str) -> CasualtyFinder:
    """Casualty counts: killed / injured / missing, by group, with breakdowns."""
    return CasualtyFinder()


@Language.factory("tawthiq_dates", assigns=["doc._.tawthiq_dates"])
def make_dates(nlp: Language, name: str) -> DateFinder:
    """Date expressions, resolved later against the report's anchor date."""
    return DateFinder()
