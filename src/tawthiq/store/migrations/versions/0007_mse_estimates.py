"""multiple systems estimates: one row per run, figures and the whole JSON result

Revision ID: 0007_mse
Revises: 0006_victims
Create Date: 2026-12-03 06:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_mse"
down_revision: str | None = "0006_victims"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "estimates",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("by", sa.String(128), nullable=False),
        sa.Column("method", sa.String(16), nullable=False),
        sa.Column("strata_by", sa.String(32), nullable=True),
        sa.Column("documented", sa.Integer(), nullable=False),
        sa.Column("estimate", sa.Float(), nullable=True),
        sa.Column("low", sa.Float(), nullable=True),
        sa.Column("high", sa.Float(), nullable=True),
        sa.Column("result", sa.JSON(), nullable=False),
    )
    op.create_index("ix_estimates_at", "estimates", ["at"])


def downgrade() -> None:
    op.drop_index("ix_estimates_at", table_name="estimates")
    op.drop_table("estimates")
