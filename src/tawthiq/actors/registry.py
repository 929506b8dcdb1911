"""The actor registry: shipped data files plus the user's additions, resolved by date.

Entries live in ``tawthiq/data/actors/*.yaml`` (one list of entries per file, each with a
cited source) and in YAML/JSON files under ``settings.actors_dir``, merged over the shipped
ones by ``id``. Resolution is time-aware: a phrase shared by several entries ("government
forces") picks the entry whose period covers the report's date; a generic entry is never
used outside its period, so an unmatched date leaves the mention unresolved rather than
guessed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any, get_args

import yaml

from tawthiq import knowledge
from tawthiq.actors.aliases import AliasIndex, build_index
from tawthiq.actors.normalise import normalise_word, tokenize
from tawthiq.errors import BadInput
from tawthiq.model import ActorType

ACTOR_TYPES: tuple[str, ...] = get_args(ActorType)
VDC_CLASSES = (
    "syrian government or russian troops",
    "the organization of the islamic state in iraq and the levant - isis",
    "international coalition forces",
    "armed opposition groups",
    "self administration forces",
    "al-nusra front",
)
_ENTRY_FIELDS = {
    "id",
    "name",
    "actor_type",
    "aliases",
    "case_sensitive",
    "affiliation",
    "vdc_class",
    "source",
    "note",
    "from",
    "to",
    "generic",
    "strict",
    "successor",
    "country",
    "replace_aliases",
}
_MAX_DEPTH = 6
_YAML = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_RESOLVE_CACHE_SIZE = 4096


@dataclass(frozen=True, slots=True)
class Period:
    """A closed date interval; an open end is None."""

    start: date | None = None
    end: date | None = None

    def covers(self, on: date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)


@dataclass(frozen=True, slots=True)
class Affiliation:
    parent: str  # an entry id, or a plain name when the parent is not in the registry
    period: Period = Period()
    note: str | None = None


@dataclass(slots=True)
class ActorEntry:
    id: str
    name: str
    actor_type: str
    source: str
    aliases: list[str] = field(default_factory=list)
    case_sensitive: list[str] = field(default_factory=list)
    affiliation: list[Affiliation] = field(default_factory=list)
    vdc_class: str | None = None
    period: Period = Period()
    generic: bool = False
    strict: bool = False
    successor: str | None = None
    note: str | None = None
    origin: str = ""

    @property
    def only_in_period(self) -> bool:
        """Generic phrases and era-bound institutions never resolve outside their period."""
        return self.generic or self.strict


@dataclass(frozen=True, slots=True)
class ResolvedActor:
    """A registry entry as it stood on a date."""

    name: str
    actor_type: str
    affiliation: list[str]
    vdc_class: str | None
    source: str
    id: str = ""
    generic: bool = False
    score: float = 1.0


@dataclass(slots=True)
class ActorMention:
    """Registry words found in a text: (start, end, text, candidate entry ids)."""

    start: int
    end: int
    text: str
    candidates: list[str]
    exact: bool = True


class ActorRegistry:
    def __init__(self, entries: Iterable[ActorEntry]) -> None:
        self.entries: dict[str, ActorEntry] = {}
        self._cache: dict[tuple[str, date | None], ResolvedActor | None] = {}
        for entry in entries:
            self.entries[entry.id] = entry
        self._check_references()

    @cached_property
    def index(self) -> AliasIndex:
        pairs: list[tuple[str, str, bool]] = []
        for entry in self.entries.values():
            pairs.append((entry.name, entry.id, False))
            pairs.extend((alias, entry.id, False) for alias in entry.aliases)
            pairs.extend((alias, entry.id, True) for alias in entry.case_sensitive)
        return build_index(pairs)

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, entry_id: str) -> ActorEntry | None:
        return self.entries.get(entry_id)

    def resolve(self, mention: str, on: date | None = None) -> ResolvedActor | None:
        """The entry a mention stands for on ``on``, or None when nothing fits that date.

        "IS militants" falls back to "IS": trailing member nouns are dropped one at a time.
        """
        key = (mention, on)
        if key not in self._cache:
            if len(self._cache) >= _RESOLVE_CACHE_SIZE:
                self._cache.clear()
            self._cache[key] = self._resolve_uncached(mention, on)
        found = self._cache[key]
        return None if found is None else replace(found, affiliation=list(found.affiliation))

    def _resolve_uncached(self, mention: str, on: date | None) -> ResolvedActor | None:
        for candidate in _shortenings(mention):
            ids, score = self.index.lookup(candidate)
            if ids:
                return self.resolve_ids(ids, on, score)
        return None

    def resolve_mention(
        self, mention: ActorMention, on: date | None = None
    ) -> ResolvedActor | None:
        return self.resolve_ids(mention.candidates, on, 1.0 if mention.exact else 0.95)

    def resolve_ids(
        self, ids: list[str], on: date | None, score: float = 1.0
    ) -> ResolvedActor | None:
        entry = self._choose([self.entries[i] for i in ids if i in self.entries], on)
        if entry is None:
            return None
        return ResolvedActor(
            name=entry.name,
            actor_type=entry.actor_type,
            affiliation=self.parents(entry, on),
            vdc_class=entry.vdc_class,
            source=entry.source,
            id=entry.id,
            generic=entry.generic,
            score=score,
        )

    def find_mentions(self, text: str) -> list[ActorMention]:
        """Registry aliases in ``text``, leftmost-longest, with their candidate entries.

        A phrase right after a foreign qualifier ("Turkish government", "anti-government")
        is someone else's and is skipped.
        """
        return [
            ActorMention(m.start, m.end, m.text, m.ids, m.exact)
            for m in self.index.scan(text)
            if not _qualified_away(m.before)
        ]

    def parents(self, entry: ActorEntry, on: date | None) -> list[str]:
        """Parent names valid on ``on``, nearest first, then their own parents (grandparents).

        With no date, only the links that are still open (no end date) are given.
        """
        names: list[str] = []
        seen = {entry.id}
        frontier = [entry]
        for _ in range(_MAX_DEPTH):
            following: list[ActorEntry] = []
            for child in frontier:
                for link in child.affiliation:
                    if not _link_holds(link, on):
                        continue
                    parent = self.entries.get(link.parent)
                    if parent is None:
                        if link.parent not in names:
                            names.append(link.parent)
                        continue
                    if parent.id in seen:
                        continue
                    seen.add(parent.id)
                    names.append(parent.name)
                    following.append(parent)
            if not following:
                break
            frontier = following
        return names

    def _choose(self, candidates: list[ActorEntry], on: date | None) -> ActorEntry | None:
        """Priority order, restricted to the date: generic entries only within their period."""
        if not candidates:
            return None
        if on is None:
            return candidates[0]
        for entry in candidates:
            if entry.period.covers(on):
                return entry
        for entry in candidates:
            if entry.only_in_period:
                continue
            return self._successor_on(entry, on)
        return None

    def _successor_on(self, entry: ActorEntry, on: date) -> ActorEntry:
        """A named group reported after it was renamed resolves to the group it became."""
        current = entry
        for _ in range(_MAX_DEPTH):
            if current.period.end is None or on <= current.period.end or not current.successor:
                return current
            following = self.entries.get(current.successor)
            if following is None:
                return current
            current = following
        return current

    def _check_references(self) -> None:
        for entry in self.entries.values():
            if entry.successor and entry.successor not in self.entries:
                raise BadInput(
                    f"successor '{entry.successor}' of '{entry.id}' is not a registry id",
                    path=entry.origin,
                    field="successor",
                )


def _link_holds(link: Affiliation, on: date | None) -> bool:
    """A link counts on a date inside its period; with no date, only links still open count."""
    if on is None:
        return link.period.end is None
    return link.period.covers(on)


def _words() -> knowledge.WordLists:
    """English member nouns and foreign qualifiers (``data/en/attribution.yaml``)."""
    return knowledge.word_lists("attribution.yaml", "en")


def _shortenings(mention: str) -> list[str]:
    """The mention, then the mention without trailing member nouns ("IS militants" -> "IS")."""
    forms = [mention]
    tokens = tokenize(mention)
    members = _words().member_nouns
    while len(tokens) > 1 and (tokens[-1].key in members or tokens[-1].raw.lower() in members):
        tokens = tokens[:-1]
        forms.append(mention[tokens[0].start : tokens[-1].end])
    return forms


def _qualified_away(before: str) -> bool:
    """Whether the word right before a phrase is a foreign qualifier ("Turkish", "anti")."""
    if not before:
        return False
    qualifiers = _words().foreign_qualifiers
    return before.lower() in qualifiers or normalise_word(before) in qualifiers


# ---------------------------------------------------------------- loading


def shipped_files() -> list[Path]:
    folder = resources.files("tawthiq") / "data" / "actors"
    return sorted(
        Path(str(p))
        for p in folder.iterdir()
        if p.name.endswith((".yaml", ".yml")) and p.name.startswith("registry")
    )


def user_files(actors_dir: Path) -> list[Path]:
    if not actors_dir.is_dir():
        return []
    return sorted(
        p
        for p in actors_dir.iterdir()
        if p.is_file()
        and p.suffix.lower() in {".yaml", ".yml", ".json"}
        and not p.name.startswith("outlets")
    )


def load_registry(shipped: Iterable[Path], extra: Iterable[Path] = ()) -> ActorRegistry:
    """Shipped entries in file order, then user entries merged over them by id."""
    merged: dict[str, dict[str, Any]] = {}
    origins: dict[str, str] = {}
    for path in [*shipped, *extra]:
        for position, raw in enumerate(read_entries(path), start=1):
            where = f"{path}#{position}"
            raw = dict(raw)
            entry_id = str(raw.get("id") or _slug(str(raw.get("name", ""))))
            if not entry_id:
                raise BadInput("entry needs an 'id' or a 'name'", path=where, field="id")
            raw["id"] = entry_id
            merged[entry_id] = _merge(merged.get(entry_id), raw)
            origins[entry_id] = where
    return ActorRegistry(parse_entry(raw, origins[i]) for i, raw in merged.items())


def read_entries(path: Path, *, what: str = "actor",
                 keys: tuple[str, ...] = ("actors", "entries")) -> list[dict[str, Any]]:
    """The entry list of a YAML or JSON file (a list, or a mapping with one of ``keys``).
    Shared by the actor registry and the outlet list (``what`` names it in messages)."""
    try:
        text = path.read_text(encoding="utf-8")
        data = json.loads(text) if path.suffix.lower() == ".json" else yaml.load(text, Loader=_YAML)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, yaml.YAMLError) as exc:
        label = "actor registry" if what == "actor" else what
        raise BadInput(f"cannot read {label} file: {_first_line(exc)}", path=str(path)) from exc
    if isinstance(data, dict):
        data = next((data[k] for k in keys if k in data), None)
    if data is None:
        return []
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise BadInput(f"expected a list of {what} entries (mappings)", path=str(path))
    return data


def _merge(base: dict[str, Any] | None, update: dict[str, Any]) -> dict[str, Any]:
    """A user entry with a known id replaces the fields it gives; aliases are added to."""
    if base is None:
        return update
    result = dict(base)
    for key, value in update.items():
        if key in {"aliases", "case_sensitive"} and not update.get("replace_aliases"):
            result[key] = [
                *base.get(key, []),
                *[v for v in value or [] if v not in base.get(key, [])],
            ]
        else:
            result[key] = value
    return result


def parse_entry(raw: dict[str, Any], where: str) -> ActorEntry:
    """Validate one entry, naming the file, entry number and field of the first problem."""
    unknown = set(raw) - _ENTRY_FIELDS
    if unknown:
        raise BadInput(
            f"unknown field(s): {', '.join(sorted(unknown))}", path=where, field=sorted(unknown)[0]
        )
    name = _required_text(raw, "name", where)
    actor_type = _required_text(raw, "actor_type", where)
    if actor_type not in ACTOR_TYPES:
        raise BadInput(
            f"actor_type must be one of {', '.join(ACTOR_TYPES)}", path=where, field="actor_type"
        )
    vdc_class = raw.get("vdc_class")
    if vdc_class is not None and vdc_class not in VDC_CLASSES:
        raise BadInput(
            f"vdc_class '{vdc_class}' is not one of the VDC classes", path=where, field="vdc_class"
        )
    return ActorEntry(
        id=str(raw["id"]),
        name=name,
        actor_type=actor_type,
        source=_required_text(raw, "source", where),
        aliases=_text_list(raw, "aliases", where),
        case_sensitive=_text_list(raw, "case_sensitive", where),
        affiliation=[_affiliation(item, where) for item in raw.get("affiliation") or []],
        vdc_class=vdc_class,
        period=Period(_date(raw.get("from"), where, "from"), _date(raw.get("to"), where, "to")),
        generic=bool(raw.get("generic", False)),
        strict=bool(raw.get("strict", False)),
        successor=raw.get("successor"),
        note=raw.get("note"),
        origin=where,
    )


def _affiliation(item: Any, where: str) -> Affiliation:
    if isinstance(item, str):
        return Affiliation(item)
    if not isinstance(item, dict) or not item.get("parent"):
        raise BadInput("each affiliation needs a 'parent'", path=where, field="affiliation")
    period = Period(
        _date(item.get("from"), where, "affiliation.from"),
        _date(item.get("to"), where, "affiliation.to"),
    )
    return Affiliation(str(item["parent"]), period, item.get("note"))


def _date(value: Any, where: str, field_name: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    text = str(value)
    try:
        if re.fullmatch(r"\d{4}", text):
            return date(int(text), 1, 1)
        if re.fullmatch(r"\d{4}-\d{2}", text):
            return date(int(text[:4]), int(text[5:]), 1)
        return date.fromisoformat(text)
    except ValueError as exc:
        raise BadInput(
            f"'{text}' is not a date (YYYY-MM-DD)", path=where, field=field_name
        ) from exc


def _required_text(raw: dict[str, Any], key: str, where: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise BadInput(f"'{key}' is required (text)", path=where, field=key)
    return value.strip()


def _text_list(raw: dict[str, Any], key: str, where: str) -> list[str]:
    value = raw.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise BadInput(f"'{key}' must be a list of text", path=where, field=key)
    return value


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def _first_line(exc: Exception) -> str:
    return " ".join(str(exc).split())[:200]
