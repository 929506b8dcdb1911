"""tawthiq.nlp: the spaCy pipeline and its components (named ``tawthiq_<stage>``)."""

from tawthiq.nlp.pipeline import get_nlp

__all__ = ["get_nlp"]
