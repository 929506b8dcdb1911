"""A synthetic damaged copy of a victim list, for linkage tests: in a share of the names, the
damage that lists scraped from PDFs show (lam-alef written alef-lam, the Allah ligature as
'هللا', a final letter cut) and a dropped ancestor (the grandfather, or the father)."""

from __future__ import annotations

import csv
import random
from pathlib import Path

LIGATURES = (("لا", "ال"), ("لأ", "أل"), ("الله", "هللا"))


def pdf_damage(name: str, rng: random.Random) -> str:
    """Lam-alef reversed and the Allah ligature broken wherever they occur; when neither
    occurs, the last letter of one word is cut."""
    damaged = name
    for sound, broken in LIGATURES:
        damaged = damaged.replace(sound, broken)
    if damaged != name:
        return damaged
    words = name.split()
    long_words = [i for i, w in enumerate(words) if len(w) > 3]
    if long_words:
        i = rng.choice(long_words)
        words[i] = words[i][:-1]
    return " ".join(words)


def drop_ancestor(name: str, rng: random.Random) -> str:
    """A four-part (or longer) name loses its grandfather (most often) or its father."""
    words = name.split()
    if len(words) < 4:
        return name
    index = 2 if rng.random() < 0.75 else 1
    return " ".join(words[:index] + words[index + 1:])


def damaged_copy(source: Path, target: Path, *, share: float = 0.3, seed: int = 7,
                 name_column: str = "name") -> int:
    """Write ``source`` to ``target`` with ``share`` of its names damaged (both kinds of
    damage, each name at random); returns how many names were changed."""
    rng = random.Random(seed)
    with source.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields = reader.fieldnames or []
        rows = list(reader)
    changed = 0
    for row in rows:
        if rng.random() >= share:
            continue
        name = pdf_damage(row[name_column], rng)
        name = drop_ancestor(name, rng)
        changed += name != row[name_column]
        row[name_column] = name
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    return changed
