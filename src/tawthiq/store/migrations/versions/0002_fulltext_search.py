"""full-text search over reports

SQLite: an FTS5 index (external content: the ``documents`` table) kept in step by triggers.
PostgreSQL: a GIN index on the tsvector of title and text under the ``tawthiq_search`` text
search configuration: ``simple`` (no stemming, so Arabic and English words match as written),
behind ``unaccent`` when the server has it (contrib), so that "Hama" finds "Ḥamā" as FTS5's
``remove_diacritics`` does on SQLite. ``tawthiq.web.search`` queries the same expression.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 22:45:00
"""
from collections.abc import Sequence

from alembic import op
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQLITE_UP = [
    """CREATE VIRTUAL TABLE documents_fts USING fts5(
        title, text, content='documents', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
        INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
    END""",
    """CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
    END""",
    """CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
        INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
    END""",
    "INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS documents_fts_update",
    "DROP TRIGGER IF EXISTS documents_fts_delete",
    "DROP TRIGGER IF EXISTS documents_fts_insert",
    "DROP TABLE IF EXISTS documents_fts",
]
POSTGRES_UP = [
    "CREATE TEXT SEARCH CONFIGURATION tawthiq_search (COPY = pg_catalog.simple)",
    """CREATE INDEX ix_documents_fts ON documents USING gin (
        to_tsvector('tawthiq_search', coalesce(title, '') || ' ' || text))""",
]
POSTGRES_UNACCENT = """ALTER TEXT SEARCH CONFIGURATION tawthiq_search
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple"""
POSTGRES_DOWN = ["DROP INDEX IF EXISTS ix_documents_fts",
                 "DROP TEXT SEARCH CONFIGURATION IF EXISTS tawthiq_search"]


def _statements(up: bool) -> list[str]:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        return SQLITE_UP if up else SQLITE_DOWN
    if dialect == "postgresql":
        if not up:
            return POSTGRES_DOWN
        unaccent = [POSTGRES_UNACCENT] if _have_unaccent() else []
        return POSTGRES_UP[:1] + unaccent + POSTGRES_UP[1:]
    return []


def _have_unaccent() -> bool:
    """Whether the ``unaccent`` extension is (or can be made) available in this database. A
    server without contrib, or a role that may not create it, gets search without it."""
    bind = op.get_bind()
    if not bind.execute(text("SELECT 1 FROM pg_available_extensions "
                             "WHERE name = 'unaccent'")).first():
        return False
    try:
        with bind.begin_nested():  # a refusal must not abort the migration's transaction
            bind.execute(text("CREATE EXTENSION IF NOT EXISTS unaccent"))
    except DBAPIError:
        return False
    return True


def upgrade() -> None:
    for statement in _statements(up=True):
        op.execute(statement)


def downgrade() -> None:
    for statement in _statements(up=False):
        op.execute(statement)
