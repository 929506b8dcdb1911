"""re-check the language of stored Latin-script reports

Reports stored before tawthiq identified Latin-script languages (py3langid) were all taken
for English, so a French or Turkish report was shown to viewers unredacted. This marks each
stored report whose text is surely in another language with that language, so viewers get it
withheld like any report the extractor cannot read. Only the ``language`` column changes;
events extracted from such a report earlier stay for analysts to review.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 02:30:00
"""
from collections.abc import Sequence

from alembic import op
from sqlalchemy import text

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    from tawthiq.ingest.documents import detected_language

    connection = op.get_bind()
    rows = connection.execute(
        text("SELECT id, text FROM documents WHERE language IS NULL OR language = 'en'"))
    changes = [(row.id, language) for row in rows
               if (language := detected_language(row.text or "")) not in (None, "en")]
    for document_id, language in changes:
        connection.execute(text("UPDATE documents SET language = :language WHERE id = :id"),
                           {"language": language, "id": document_id})


def downgrade() -> None:
    """Nothing to undo safely: the languages found are facts about the texts."""
