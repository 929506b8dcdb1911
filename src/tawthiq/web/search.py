"""Full-text search over reports: SQLite FTS5 or PostgreSQL tsvector (migration 0002; the
expression below is the one its GIN index is built on, so that the index is used).

The user's words are matched as words (every word must occur; ``word*`` matches a prefix),
never passed through as query syntax, so a stray quote or operator cannot break the query.
"""

from __future__ import annotations

import re

from sqlalchemy import Select, func, literal_column, select, text
from sqlalchemy.orm import Session

from tawthiq.store.tables import DocumentRow

PG_SEARCH_CONFIG = "tawthiq_search"  # created by migration 0002: simple + unaccent
WORD = re.compile(r"[\w\u0600-\u06FF]+\*?", re.UNICODE)
MAX_WORDS = 12


def query_words(q: str | None) -> list[str]:
    """The words of a search box entry, at most ``MAX_WORDS``."""
    return WORD.findall(q or "")[:MAX_WORDS]


def fts5_expression(words: list[str]) -> str:
    """An FTS5 MATCH string: each word quoted (a trailing ``*`` kept as a prefix search)."""
    parts = []
    for word in words:
        prefix = word.endswith("*")
        bare = word.rstrip("*").replace('"', '""')
        if bare:
            parts.append(f'"{bare}"' + ("*" if prefix else ""))
    return " ".join(parts)


def matching_document_ids(session: Session, words: list[str]) -> Select:
    """A SELECT of the ids of documents containing every word (dialect-specific)."""
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        expression = fts5_expression(words)
        return (select(literal_column("rowid"))
                .select_from(text("documents_fts"))
                .where(text("documents_fts MATCH :fts").bindparams(fts=expression)))
    if dialect == "postgresql":
        document = func.to_tsvector(PG_SEARCH_CONFIG, func.coalesce(DocumentRow.title, "")
                                    + " " + DocumentRow.text)
        query = " & ".join(w.rstrip("*") + (":*" if w.endswith("*") else "") for w in words)
        return select(DocumentRow.id).where(
            document.op("@@")(func.to_tsquery(PG_SEARCH_CONFIG, query)))
    # Any other database: a plain substring match on each word (slow, but correct).
    condition = [DocumentRow.text.ilike(f"%{w.rstrip('*')}%") for w in words]
    return select(DocumentRow.id).where(*condition)
