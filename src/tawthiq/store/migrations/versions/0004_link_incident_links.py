"""incident linking: consolidated incidents, link explanations, settings, analysts' labels

Revision ID: 0004_link
Revises: 0003
Create Date: 2026-12-03 05:15:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_link"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("incidents") as batch:
        batch.add_column(sa.Column("consolidated", sa.JSON(), nullable=True))
    op.create_table(
        "link_settings",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("settings", sa.JSON(), nullable=False),
        sa.Column("first_used", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "incident_links",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("event_id", sa.Integer(), sa.ForeignKey("events.id"), nullable=False),
        sa.Column("incident_id", sa.Integer(), sa.ForeignKey("incidents.id"), nullable=False),
        sa.Column("settings_sha256", sa.String(64), sa.ForeignKey("link_settings.sha256"),
                  nullable=False),
        sa.Column("probability", sa.Float(), nullable=False),
        sa.Column("explanation", sa.JSON(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_incident_links_event_id", "incident_links", ["event_id"])
    op.create_index("ix_incident_links_incident_id", "incident_links", ["incident_id"])
    op.create_table(
        "link_labels",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("a_document", sa.Integer(), sa.ForeignKey("documents.id"), nullable=False),
        sa.Column("a_ordinal", sa.Integer(), nullable=False),
        sa.Column("b_document", sa.Integer(), sa.ForeignKey("documents.id"), nullable=False),
        sa.Column("b_ordinal", sa.Integer(), nullable=False),
        sa.Column("same", sa.Boolean(), nullable=False),
        sa.Column("by", sa.String(128), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_link_labels_a_document", "link_labels", ["a_document"])
    op.create_index("ix_link_labels_b_document", "link_labels", ["b_document"])


def downgrade() -> None:
    op.drop_table("link_labels")
    op.drop_table("incident_links")
    op.drop_table("link_settings")
    with op.batch_alter_table("incidents") as batch:
        batch.drop_column("consolidated")
