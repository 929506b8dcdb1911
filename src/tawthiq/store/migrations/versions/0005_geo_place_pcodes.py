"""places: the OCHA sub-district (admin3) and P-code of a gazetteer place

Revision ID: 0005_geo
Revises: 0004_link
Create Date: 2026-12-03 06:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_geo"
down_revision: str | None = "0004_link"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("places") as batch:
        batch.add_column(sa.Column("admin3", sa.String(255), nullable=True))
        batch.add_column(sa.Column("pcode", sa.String(32), nullable=True))
        batch.create_index("ix_places_pcode", ["pcode"])


def downgrade() -> None:
    with op.batch_alter_table("places") as batch:
        batch.drop_index("ix_places_pcode")
        batch.drop_column("pcode")
        batch.drop_column("admin3")
