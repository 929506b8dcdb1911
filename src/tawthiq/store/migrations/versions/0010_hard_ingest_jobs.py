"""ingest jobs kept in the store

Files uploaded on the ingest page are read by a worker process; their job and each file's
progress (waiting, running, stored, duplicate, error, with the documents made) are rows, so
the page can show them after the server restarts and the worker can resume what was left.

Revision ID: 0010_hard_ingest_jobs
Revises: 0009_hard_web_sessions
Create Date: 2026-11-27 09:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010_hard_ingest_jobs"
down_revision: str | None = "0009_hard_web_sessions"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "ingest_jobs",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("user", sa.String(128), nullable=False),
        sa.Column("options", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_table(
        "ingest_job_files",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("job_id", sa.String(32), sa.ForeignKey("ingest_jobs.id"), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(1024), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("message", sa.Text(), nullable=True),
        sa.Column("documents", sa.Integer(), nullable=False),
        sa.Column("events", sa.Integer(), nullable=False),
        sa.Column("document_ids", sa.JSON(), nullable=False),
    )
    op.create_index("ix_ingest_job_files_job_id", "ingest_job_files", ["job_id"])
    op.create_index("ix_ingest_job_files_status", "ingest_job_files", ["status", "job_id"])


def downgrade() -> None:
    op.drop_index("ix_ingest_job_files_status", table_name="ingest_job_files")
    op.drop_index("ix_ingest_job_files_job_id", table_name="ingest_job_files")
    op.drop_table("ingest_job_files")
    op.drop_table("ingest_jobs")
