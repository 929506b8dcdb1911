"""The word lists of ``data/actors/lexicon.yaml``, loaded once as sets."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml


class Lexicon:
    """Attribute access to the lists: ``lexicon().violence_verbs`` is a frozenset of lemmas."""

    def __init__(self, data: dict[str, Any]) -> None:
        self._data = data
        for key, values in data.items():
            setattr(self, key, frozenset(str(v).lower() for v in values))
        # Multi-word phrases, longest first, for scanning text before a name.
        self.agent_phrase_list = sorted(
            (str(p).lower() for p in data.get("agent_phrases", [])), key=len, reverse=True
        )
        self.victim_cue_list = [str(p).lower() for p in data.get("victim_list_cues", [])]

    def __getattr__(self, name: str) -> frozenset[str]:  # lists absent from the file are empty
        if name.startswith("_"):
            raise AttributeError(name)
        return frozenset()


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    path = resources.files("tawthiq") / "data" / "actors" / "lexicon.yaml"
    return Lexicon(yaml.safe_load(path.read_text(encoding="utf-8")))
