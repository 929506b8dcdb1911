"""the viewers' search index: report text with witness names redacted

Viewers must not find a report by a witness's name in any form (a prefix, a phrase), so their
searches run over a second index holding each report as they may read it (witness names
replaced; a report in a language no witness could be looked for in, not at all). SQLite: an
FTS5 table with the same tokenizer as ``documents_fts``; PostgreSQL: a tsvector per document
under the same text search configuration. ``viewer_search_state`` says how far it is brought;
``tawthiq.store.redacted.refresh_viewer_search`` fills it (the first time: every report).

Revision ID: 0012_hard_viewer_search
Revises: 0011_hard_username_case
Create Date: 2026-11-27 12:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012_hard_viewer_search"
down_revision: str | None = "0011_hard_username_case"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table("viewer_search_state",
                    sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("witness_parts", sa.JSON(), nullable=False),
                    sa.Column("last_document_id", sa.Integer(), nullable=False))
    op.execute("INSERT INTO viewer_search_state (id, witness_parts, last_document_id) "
               "VALUES (1, '[]', 0)")
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("CREATE VIRTUAL TABLE documents_fts_viewer USING fts5(title, text, "
                   "tokenize='unicode61 remove_diacritics 2')")
    elif dialect == "postgresql":
        op.execute("CREATE TABLE documents_viewer_search (document_id INTEGER PRIMARY KEY "
                   "REFERENCES documents (id), tsv tsvector NOT NULL)")
        op.execute("CREATE INDEX ix_documents_viewer_search ON documents_viewer_search "
                   "USING gin (tsv)")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TABLE IF EXISTS documents_fts_viewer")
    elif dialect == "postgresql":
        op.execute("DROP TABLE IF EXISTS documents_viewer_search")
    op.drop_table("viewer_search_state")
