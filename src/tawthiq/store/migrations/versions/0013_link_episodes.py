"""episodes: waves of incidents, and the reports' aggregate tolls they carry

Revision ID: 0013_link_episodes
Revises: 0012_hard_viewer_search
Create Date: 2026-12-03 05:40:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013_link_episodes"
down_revision: str | None = "0012_hard_viewer_search"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "episodes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("origin", sa.String(16), nullable=False),
        sa.Column("created_by", sa.String(128), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "episode_incidents",
        sa.Column("episode_id", sa.Integer(), sa.ForeignKey("episodes.id"), primary_key=True),
        sa.Column("incident_id", sa.Integer(), sa.ForeignKey("incidents.id"), primary_key=True),
        sa.Column("added_by", sa.String(128), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_episode_incidents_incident_id", "episode_incidents", ["incident_id"])
    op.create_table(
        "aggregates",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("document_id", sa.Integer(), sa.ForeignKey("documents.id"), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("area", sa.JSON(), nullable=False),
        sa.Column("date_start", sa.Date(), nullable=True),
        sa.Column("date_end", sa.Date(), nullable=True),
        sa.Column("date_precision", sa.String(8), nullable=True),
        sa.Column("fatalities_low", sa.Integer(), nullable=True),
        sa.Column("fatalities_best", sa.Integer(), nullable=True),
        sa.Column("fatalities_high", sa.Integer(), nullable=True),
        sa.Column("victims", sa.JSON(), nullable=False),
        sa.Column("reported_by", sa.JSON(), nullable=False),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("events", sa.JSON(), nullable=False),
        sa.Column("episode_id", sa.Integer(), sa.ForeignKey("episodes.id"), nullable=True),
    )
    op.create_index("ix_aggregates_document_id", "aggregates", ["document_id"])
    op.create_index("ix_aggregates_episode_id", "aggregates", ["episode_id"])


def downgrade() -> None:
    op.drop_table("aggregates")
    op.drop_table("episode_incidents")
    op.drop_table("episodes")
