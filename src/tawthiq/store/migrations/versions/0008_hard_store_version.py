"""a store version that grows with every change to what pages show

One row, ``store_version.version``, raised by triggers on every insert, update or delete in
the tables the incident list, map, timeline and filters are read from. A process can then tell
with one tiny query whether a view it derived from the store is still current, whoever made
the change (the web app, ``tawthiq ingest`` in another process, another server). SQLite: a
row trigger per table and operation; PostgreSQL: one statement trigger per table. The update
is part of the writer's transaction, so the number and the data it stands for commit together.

Revision ID: 0008_hard_store_version
Revises: 0007_mse
Create Date: 2026-11-27 05:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_hard_store_version"
down_revision: str | None = "0007_mse"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

WATCHED = ("documents", "events", "evidence", "event_perpetrators", "incidents", "places",
           "actors", "persons", "claims")
OPERATIONS = ("INSERT", "UPDATE", "DELETE")
BUMP = "UPDATE store_version SET version = version + 1 WHERE id = 1"


def upgrade() -> None:
    op.create_table("store_version",
                    sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("version", sa.BigInteger(), nullable=False))
    op.execute("INSERT INTO store_version (id, version) VALUES (1, 1)")
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for table in WATCHED:
            for operation in OPERATIONS:
                op.execute(f"CREATE TRIGGER store_version_{table}_{operation.lower()} "
                           f"AFTER {operation} ON {table} BEGIN {BUMP}; END")
    elif dialect == "postgresql":
        op.execute("CREATE FUNCTION tawthiq_bump_store_version() RETURNS trigger AS $$ "
                   f"BEGIN {BUMP}; RETURN NULL; END $$ LANGUAGE plpgsql")
        for table in WATCHED:
            op.execute(f"CREATE TRIGGER store_version_{table} AFTER INSERT OR UPDATE OR DELETE "
                       f"OR TRUNCATE ON {table} FOR EACH STATEMENT "
                       "EXECUTE FUNCTION tawthiq_bump_store_version()")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for table in WATCHED:
            for operation in OPERATIONS:
                op.execute(f"DROP TRIGGER IF EXISTS store_version_{table}_{operation.lower()}")
    elif dialect == "postgresql":
        for table in WATCHED:
            op.execute(f"DROP TRIGGER IF EXISTS store_version_{table} ON {table}")
        op.execute("DROP FUNCTION IF EXISTS tawthiq_bump_store_version()")
    op.drop_table("store_version")
