"""The geo package's data files (``tawthiq/data/geo/*.json``), read through the one knowledge
loader (``tawthiq.knowledge``), so a user's file of the same name under
``$TAWTHIQ_HOME/data/geo/`` extends or overrides them."""

from __future__ import annotations

from tawthiq import knowledge


def load_json(name: str) -> dict:
    """A data file of ``tawthiq/data/geo`` with the user's override merged over it (treat the
    result as read-only: it is shared)."""
    return knowledge.load(f"geo/{name}")
