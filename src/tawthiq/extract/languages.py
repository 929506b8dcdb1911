"""Which extractor reads a report: one per language, chosen by the document's language.

This is the one place where extraction dispatches on language. A report in a language that
no extractor reads gives no events (it is stored, and withheld from viewers by
``tawthiq.redaction``), never words misread as another language.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from tawthiq.model import Document, ExtractResult

# language -> "module:factory" of its extractor (loaded on first use: the English spaCy model
# is not loaded for a batch of Arabic reports, nor the Arabic pipeline for English ones)
EXTRACTORS = {
    "en": "tawthiq.extract.pipeline:Extractor",
    "ar": "tawthiq.extract.ar.pipeline:ArabicExtractor",
}


def language_of(document: Document) -> str:
    return document.language or "en"


def _factory(spec: str) -> Callable[[], Any]:
    module, name = spec.split(":")
    return getattr(importlib.import_module(module), name)


class LanguageDispatch:
    """``extract``/``extract_many`` over reports in any language, in input order."""

    def __init__(self, extractors: dict[str, Any] | None = None) -> None:
        self._extractors: dict[str, Any] = dict(extractors or {})

    def extractor_for(self, language: str) -> Any | None:
        if language not in self._extractors and language in EXTRACTORS:
            self._extractors[language] = _factory(EXTRACTORS[language])()
        return self._extractors.get(language)

    def extract(self, document: Document) -> ExtractResult:
        return next(self.extract_many([document]))

    def extract_many(self, documents: Iterable[Document], batch_size: int = 32
                     ) -> Iterator[ExtractResult]:
        batch: list[Document] = []
        for document in documents:
            batch.append(document)
            if len(batch) >= batch_size:
                yield from self._batch(batch, batch_size)
                batch = []
        if batch:
            yield from self._batch(batch, batch_size)

    def _batch(self, documents: list[Document], batch_size: int) -> Iterator[ExtractResult]:
        results: dict[int, ExtractResult] = {}
        by_language: dict[str, list[int]] = {}
        for index, document in enumerate(documents):
            by_language.setdefault(language_of(document), []).append(index)
        for language, indexes in by_language.items():
            extractor = self.extractor_for(language)
            if extractor is None:
                results.update({i: ExtractResult(document=documents[i]) for i in indexes})
                continue
            done = extractor.extract_many([documents[i] for i in indexes],
                                          batch_size=batch_size)
            results.update(zip(indexes, done, strict=True))
        yield from (results[i] for i in range(len(documents)))
