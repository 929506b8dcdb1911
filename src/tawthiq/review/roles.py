"""Roles and the signed-in user as every layer sees it (never the password hash)."""

from __future__ import annotations

from dataclasses import dataclass

ROLES = ("viewer", "analyst", "admin")
ROLE_RANK = {role: rank for rank, role in enumerate(ROLES)}


@dataclass(frozen=True)
class CurrentUser:
    """A signed-in user as the web layer sees it (never the password hash)."""

    id: int
    username: str
    role: str

    def at_least(self, role: str) -> bool:
        return ROLE_RANK[self.role] >= ROLE_RANK[role]
