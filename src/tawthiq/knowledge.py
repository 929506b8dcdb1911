"""Domain knowledge files: one loader for everything under ``tawthiq/data/``.

Word lists and rules are data, not code. Language-specific knowledge sits under
``data/<lang>/`` (``data/en/casualty_terms.json``, ``data/ar/...``); knowledge that serves every
language (the actor registry, gazetteer rules, export codes) sits under its topic
(``data/actors/``, ``data/geo/``). A user extends or overrides any file by placing a file of
the same relative path under ``$TAWTHIQ_HOME/data/`` (e.g.
``$TAWTHIQ_HOME/data/en/casualty_terms.json``): mappings are merged key by key
(recursively), lists are extended with the user's new items, other values are replaced.
The actor registry keeps its own richer merge
(``$TAWTHIQ_HOME/actors/``, see ``data/actors/README.md``).

A missing or malformed file is an error that names the file; nothing is skipped silently.
"""

from __future__ import annotations

import json
import os
import stat
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from tawthiq.errors import BadInput, TawthiqError
from tawthiq.settings import get_settings

LANGUAGES = ("en", "ar")


def shipped_path(name: str, lang: str | None = None) -> Path:
    """The shipped file ``data/<lang>/<name>`` (or ``data/<name>`` without a language)."""
    root = resources.files("tawthiq") / "data"
    path = root / lang / name if lang else root / name
    return Path(str(path))


def user_path(name: str, lang: str | None = None) -> Path:
    """Where a user's override of that file lives, under ``$TAWTHIQ_HOME/data``."""
    root = Path(get_settings().home) / "data"
    return root / lang / name if lang else root / name


def load(name: str, lang: str | None = None) -> Any:
    """The parsed file (JSON or YAML), with the user's override merged over it."""
    user = _user_path_text(str(get_settings().home), name, lang)
    return _load_cached(name, lang, user, _stamp(user))


@lru_cache(maxsize=256)
def _user_path_text(home: str, name: str, lang: str | None) -> str:
    """``user_path`` as text, remembered: extraction asks for the same files many thousand
    times per run and building the ``Path`` each time cost seconds."""
    return str(Path(home) / "data" / lang / name if lang else Path(home) / "data" / name)


def _stamp(path: str) -> int | None:
    """The user file's modification time, None when there is no such file (re-checked on
    every load so an override written meanwhile is seen)."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_mtime_ns if stat.S_ISREG(status.st_mode) else None


@lru_cache(maxsize=256)
def _load_cached(name: str, lang: str | None, user: str, stamp: int | None) -> Any:
    shipped = shipped_path(name, lang)
    if not shipped.is_file():
        raise TawthiqError(f"tawthiq's data file is missing: {shipped}")
    data = read_file(shipped)
    if stamp is not None:
        data = merge(data, read_file(Path(user)))
    return data


def read_file(path: Path) -> Any:
    """JSON or YAML by suffix; a parse error names the file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInput(f"cannot read: {exc}", path=str(path)) from None
    try:
        if path.suffix.lower() == ".json":
            return json.loads(text)
        return yaml.safe_load(text)
    except json.JSONDecodeError as exc:
        raise BadInput(f"not valid JSON: {exc.msg}", path=str(path), line=exc.lineno) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise BadInput("not valid YAML", path=str(path), line=line) from None


def merge(base: Any, update: Any) -> Any:
    """A user's file over a shipped one: mappings key by key, lists extended, else replaced."""
    if isinstance(base, dict) and isinstance(update, dict):
        merged = dict(base)
        for key, value in update.items():
            merged[key] = merge(base[key], value) if key in base else value
        return merged
    if isinstance(base, list) and isinstance(update, list):
        return base + [item for item in update if item not in base]
    return update


class WordLists:
    """Attribute access to a file of word lists: ``words.violence_verbs`` is a frozenset of
    lower-cased entries; a list the file does not have is empty."""

    def __init__(self, data: dict[str, Any]) -> None:
        self._data = data
        for key, values in data.items():
            if isinstance(values, list):
                setattr(self, key, frozenset(str(v).lower() for v in values))
        # Multi-word phrases, longest first, for scanning text before a name.
        self.agent_phrase_list = sorted(
            (str(p).lower() for p in data.get("agent_phrases", [])), key=len, reverse=True
        )
        self.victim_cue_list = [str(p).lower() for p in data.get("victim_list_cues", [])]

    def __getattr__(self, name: str) -> frozenset[str]:
        if name.startswith("_"):
            raise AttributeError(name)
        return frozenset()

    def raw(self, name: str) -> Any:
        """The list or value as written in the file (order kept)."""
        return self._data.get(name)


def word_lists(name: str, lang: str) -> WordLists:
    """A word-list file of one language (cached with its user override)."""
    return _word_lists(load(name, lang), name, lang)


_WORD_LISTS: dict[tuple[str, str], tuple[int, WordLists]] = {}


def _word_lists(data: dict[str, Any], name: str, lang: str) -> WordLists:
    cached = _WORD_LISTS.get((name, lang))
    if cached is not None and cached[0] == id(data):
        return cached[1]
    lists = WordLists(data)
    _WORD_LISTS[(name, lang)] = (id(data), lists)
    return lists


def clear_cache() -> None:
    """Forget loaded files (tests that write user overrides)."""
    _load_cached.cache_clear()
    _WORD_LISTS.clear()
