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


def test_reports_stored_as_english_before_language_checks_are_re_marked(tmp_path):
    """Migration 0003: a French report stored as "en" by an older tawthiq becomes "fr" (and so
    is withheld from viewers); an English one stays."""
    from alembic import command

    from tawthiq.store.db import get_engine

    url = f"sqlite:///{tmp_path / 'old.db'}"
    config = alembic_config(url)
    command.upgrade(config, "0002")
    french = ("Des hommes armés ont tué quatre bergers lundi près du village, selon Mireille "
              "Vautrin, une habitante qui a tout vu depuis sa fenêtre.")
    english = "Gunmen killed four shepherds near the village on Monday, a resident said."
    engine = get_engine(url)
    with engine.begin() as connection:
        for digest, body in (("f" * 64, french), ("e" * 64, english)):
            connection.execute(text("INSERT INTO documents (sha256, media_type, raw, text, "
                                    "language, ingested_at) VALUES (:s, 'text/plain', :r, :t, "
                                    "'en', '2024-01-01 00:00:00')"),
                               {"s": digest, "r": body.encode(), "t": body})
    command.upgrade(config, "head")
    with engine.connect() as connection:
        languages = dict(connection.execute(text("SELECT sha256, language FROM documents")).all())
    assert languages == {"f" * 64: "fr", "e" * 64: "en"}
