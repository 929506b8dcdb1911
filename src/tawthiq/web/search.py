"""Full-text search over reports: SQLite FTS5 or PostgreSQL tsvector (migration 0002; the
expression below is the one its GIN index is built on, so that the index is used).

The user's words are matched as words (every word must occur; ``word*`` matches a prefix),
never passed through as query syntax, so a stray quote or operator cannot break the query.
Readers not cleared for witness names search a second index holding the reports as they may
read them, names redacted (``tawthiq.store.redacted``): nothing they search for can match a
word they are not shown.
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


def matching_document_ids(session: Session, words: list[str], *,
                          redacted: bool = False) -> Select:
    """A SELECT of the ids of documents containing every word (dialect-specific), in the
    reports as ingested or, with ``redacted``, as readers not cleared may read them."""
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        table = "documents_fts_viewer" if redacted else "documents_fts"
        return (select(literal_column("rowid"))
                .select_from(text(table))
                .where(text(f"{table} MATCH :fts").bindparams(fts=fts5_expression(words))))
    if dialect == "postgresql":
        query = func.to_tsquery(PG_SEARCH_CONFIG, " & ".join(
            w.rstrip("*") + (":*" if w.endswith("*") else "") for w in words))
        if redacted:
            return (select(literal_column("document_id"))
                    .select_from(text("documents_viewer_search"))
                    .where(literal_column("tsv").op("@@")(query)))
        document = func.to_tsvector(PG_SEARCH_CONFIG, func.coalesce(DocumentRow.title, "")
                                    + " " + DocumentRow.text)
        return select(DocumentRow.id).where(document.op("@@")(query))
    if redacted:  # no redacted index on other databases: no search for uncleared readers
        return select(DocumentRow.id).where(False)
    # Any other database: a plain substring match on each word (slow, but correct).
    condition = [DocumentRow.text.ilike(f"%{w.rstrip('*')}%") for w in words]
    return select(DocumentRow.id).where(*condition)
