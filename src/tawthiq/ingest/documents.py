"""Building ``Document``s: the one place where a report's identity (SHA-256) is computed."""

from __future__ import annotations

import hashlib
import re
from datetime import date
from functools import cache

from tawthiq.errors import BadInput
from tawthiq.model import Document


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def parse_published(value: str | date | None, *, field: str = "published",
                    path: str | None = None, line: int | None = None) -> date | None:
    """ISO ``YYYY-MM-DD`` (a longer timestamp is cut to its date); anything else is bad input."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        raise BadInput(f"not a date (YYYY-MM-DD): {text!r}", path=path, line=line,
                       field=field) from None


ARABIC_LETTER = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
OTHER_LETTER = re.compile(r"[^\W\d_]")


def script_language(text: str) -> str | None:
    """'ar' for a text mostly in Arabic script, 'und' for one mostly in another non-Latin
    script, None for a Latin-script text (the caller's language stands). A report is never
    taken for English when it is not: witness protection depends on knowing which reports the
    extractor could analyse."""
    sample = text[:20000]
    latin = len(LATIN_LETTER.findall(sample))
    arabic = len(ARABIC_LETTER.findall(sample))
    other = len(OTHER_LETTER.findall(sample)) - latin - arabic
    if arabic > latin and arabic >= other:
        return "ar"
    if other > latin:
        return "und"
    return None


# A Latin-script report is taken for another language only when the identifier is sure of it
# on enough words: a short English report thick with Arabic names must stay English. Checked on
# 787 short English strings (FA-KES titles and first sentences, 6+ words): none misread; a
# 15-word French or 11-word Turkish report naming a witness is caught. Shorter texts keep the
# caller's language.
MIN_WORDS_TO_IDENTIFY = 8
MIN_CONFIDENCE = 0.9
WORDS = re.compile(r"[^\W\d_]+")


def latin_language(text: str) -> str | None:
    """The language of a Latin-script text when it is surely not English ('fr', 'tr', ...),
    else None. py3langid's bundled model (Lui & Baldwin's langid.py), normalised
    probabilities."""
    sample = text[:5000]
    if len(WORDS.findall(sample)) < MIN_WORDS_TO_IDENTIFY:
        return None
    language, confidence = _identifier().classify(sample)
    if language != "en" and confidence >= MIN_CONFIDENCE:
        return language
    return None


@cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detected_language(text: str) -> str | None:
    """The language the text shows on its face (script, then words), or None to keep the
    caller's."""
    return script_language(text) or latin_language(text)


def make_document(doc_id: str, text: str, *, title: str | None = None,
                  source: str | None = None, published: str | date | None = None,
                  language: str | None = "en", url: str | None = None) -> Document:
    """A Document whose ``sha256`` is that of the UTF-8 text, as the contract says."""
    return Document(id=str(doc_id), text=text, sha256=sha256_hex(text.encode("utf-8")),
                    title=title, source=source, published=parse_published(published),
                    language=detected_language(text) or language, url=url)
