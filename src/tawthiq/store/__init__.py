"""The store: SQLAlchemy tables, sessions and Alembic migrations."""

from tawthiq.store.db import get_engine, ready_engine, session_scope, upgrade

__all__ = ["get_engine", "ready_engine", "session_scope", "upgrade"]
