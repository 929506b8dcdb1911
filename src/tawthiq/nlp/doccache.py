"""Per-Doc caches shared by attribution, claims and persons, kept outside ``doc.user_data``
(which spaCy serialises) and dropped with the Doc."""

from __future__ import annotations

from typing import Any
from weakref import WeakKeyDictionary

from spacy.tokens import Doc

_CACHES: WeakKeyDictionary[Doc, dict[str, Any]] = WeakKeyDictionary()


def doc_cache(doc: Doc) -> dict[str, Any]:
    cache = _CACHES.get(doc)
    if cache is None:
        cache = _CACHES[doc] = {}
    return cache


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once (spaCy rebuilds it from the tokens on every access)."""
    cache = doc_cache(doc)
    text = cache.get("text")
    if text is None:
        text = cache["text"] = doc.text
    return text
