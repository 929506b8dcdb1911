"""Alembic: one head; the full-text index follows inserts."""

from __future__ import annotations

from alembic.script import ScriptDirectory
from sqlalchemy import text

from tawthiq.settings import get_settings
from tawthiq.store.db import alembic_config, session_scope
from tawthiq.store.tables import DocumentRow


def test_single_head():
    script = ScriptDirectory.from_config(alembic_config(get_settings().db_url))
    assert len(script.get_heads()) == 1


def test_fts_index_follows_new_documents(web_home):
    with session_scope() as session:
        session.add(DocumentRow(sha256="a" * 64, raw=b"x", text="A rare word: zyxquux.",
                                title="t"))
    with session_scope() as session:
        found = session.execute(text("SELECT rowid FROM documents_fts WHERE documents_fts "
                                     "MATCH 'zyxquux'")).all()
        assert len(found) == 1
