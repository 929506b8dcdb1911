"""The extractors of each language, registered by name (``tawthiq.plugins.extractors``).

The settings map a document's language to one of these names (``TAWTHIQ_EXTRACTORS``,
default ``{"en": "spacy-en"}``); each factory is given the place and actor resolvers.
"""

from __future__ import annotations

from tawthiq.extract.pipeline import Extractor
from tawthiq.plugins import extractors
from tawthiq.resolve import Resolvers


@extractors.register("spacy-en")
def english(resolvers: Resolvers) -> Extractor:
    """English: spaCy's en_core_web_sm with the tawthiq components and rules."""
    return Extractor(resolvers=resolvers)


@extractors.register("rules-ar")
def arabic(resolvers: Resolvers):
    """Arabic: spacy.blank("ar") tokens and the rules and word lists of data/ar."""
    from tawthiq.extract.ar.pipeline import ArabicExtractor

    return ArabicExtractor(resolvers=resolvers)
