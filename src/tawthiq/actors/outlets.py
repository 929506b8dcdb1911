"""Monitors and outlets that report events: canonical names for ``reported_by`` and ``via``.

Shipped in ``data/actors/outlets.yaml``; a user's ``outlets*.yaml``/``.json`` files under
``settings.actors_dir`` are merged over it by id (aliases added to).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

from tawthiq.actors.aliases import AliasIndex, AliasMatch, build_index
from tawthiq.actors.registry import read_entries
from tawthiq.errors import BadInput
from tawthiq.settings import get_settings


@dataclass(slots=True)
class Outlet:
    id: str
    name: str
    kind: str
    source: str
    aliases: list[str] = field(default_factory=list)
    case_sensitive: list[str] = field(default_factory=list)


class OutletList:
    def __init__(self, outlets: list[Outlet]) -> None:
        self.outlets = {o.id: o for o in outlets}

    @cached_property
    def index(self) -> AliasIndex:
        pairs = []
        for outlet in self.outlets.values():
            pairs.append((outlet.name, outlet.id, False))
            pairs.extend((a, outlet.id, False) for a in outlet.aliases)
            pairs.extend((a, outlet.id, True) for a in outlet.case_sensitive)
        return build_index(pairs)

    def canonical(self, mention: str) -> str | None:
        """The outlet's canonical name for a mention, exact or near-exact only."""
        ids, score = self.index.lookup(mention)
        return self.outlets[ids[0]].name if ids and score >= 0.95 else None

    def find(self, text: str) -> list[tuple[AliasMatch, Outlet]]:
        return [(m, self.outlets[m.ids[0]]) for m in self.index.scan(text)]


def _parse(raw: dict[str, Any], where: str) -> Outlet:
    for key in ("name", "source"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise BadInput(f"'{key}' is required (text)", path=where, field=key)
    for key in ("aliases", "case_sensitive"):
        value = raw.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise BadInput(f"'{key}' must be a list of text", path=where, field=key)
    return Outlet(
        id=str(raw.get("id") or raw["name"]).lower(),
        name=raw["name"].strip(),
        kind=str(raw.get("kind") or "other"),
        source=raw["source"],
        aliases=list(raw.get("aliases") or []),
        case_sensitive=list(raw.get("case_sensitive") or []),
    )


def _read(path: Path) -> list[dict[str, Any]]:
    return read_entries(path, what="outlet", keys=("outlets",))


def user_outlet_files(actors_dir: Path) -> list[Path]:
    if not actors_dir.is_dir():
        return []
    return sorted(
        p
        for p in actors_dir.iterdir()
        if p.is_file()
        and p.name.startswith("outlets")
        and p.suffix.lower() in {".yaml", ".yml", ".json"}
    )


def load_outlets(paths: list[Path]) -> OutletList:
    merged: dict[str, Outlet] = {}
    for path in paths:
        for position, raw in enumerate(_read(path), start=1):
            outlet = _parse(raw, f"{path}#{position}")
            known = merged.get(outlet.id)
            if known is not None:
                outlet.aliases = [
                    *known.aliases,
                    *[a for a in outlet.aliases if a not in known.aliases],
                ]
                outlet.case_sensitive = [*known.case_sensitive, *outlet.case_sensitive]
            merged[outlet.id] = outlet
    return OutletList(list(merged.values()))


_cache: dict[tuple, OutletList] = {}


def get_outlets() -> OutletList:
    """The shipped outlet list merged with the user's ``outlets*`` files (cached per file set)."""
    shipped = Path(str(resources.files("tawthiq") / "data" / "actors" / "outlets.yaml"))
    extra = user_outlet_files(Path(get_settings().actors_dir))
    key = tuple((str(p), p.stat().st_mtime_ns) for p in extra)
    if key not in _cache:
        _cache.clear()
        _cache[key] = load_outlets([shipped, *extra])
    return _cache[key]
