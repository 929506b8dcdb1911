"""tawthiq.nlp: the English spaCy pipeline and its components (named ``tawthiq_<stage>``:
means, casualties, dates), with the helpers the extract stage shares (per-Doc caches, lemmas,
the compiled word lists of ``data/en``)."""

from tawthiq.nlp.pipeline import get_nlp

__all__ = ["get_nlp"]
