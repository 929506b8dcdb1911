"""A place's Arabic name from the gazetteers, shown beside its English name for readers
(issue #13 item 8: "the gazetteer's name and Arabic beside them on the incident page").

Read straight from the gazetteer files (the imported one, then the worldwide default where it
is already built), so a page never loads the geocoder's indexes nor builds the world index."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from tawthiq.geo.store import connect
from tawthiq.geo.world import shared_cache_path, world_path
from tawthiq.settings import Settings

ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF\u0750-\u077F]")
# A name tagged with one of these is Arabic; "und" (undetermined, as the worldwide default
# tags GeoNames' alternate names) counts when no tagged Arabic name is there. A name in
# Arabic script tagged Persian, Urdu, Kurdish... is not Arabic.
ARABIC_LANGS = ("ara", "ar")
UNTAGGED = "und"
# Letters of Persian and Urdu spelling that Arabic does not use (pe, che, zhe, gaf, keheh,
# Farsi yeh; Unicode Standard, Arabic block chart): an untagged name with one is not Arabic.
NOT_ARABIC_LETTERS = re.compile("[\u067E\u0686\u0698\u06AF\u06A9\u06CC]")


def gazetteer_files(settings: Settings) -> list[Path]:
    """The gazetteer files that exist, the imported one first."""
    files = [settings.gazetteer_path, world_path(settings.home), shared_cache_path()]
    return [path for path in files if path.exists()]


def arabic_name(gazetteer_id: str | None, settings: Settings) -> str | None:
    """The place's Arabic name, or None: a tagged Arabic name before an untagged one in
    Arabic script, the shortest first (``حلب`` before ``محافظة حلب``)."""
    if not gazetteer_id:
        return None
    for path in gazetteer_files(settings):
        found = _arabic_in(path, gazetteer_id)
        if found:
            return found
    return None


def _arabic_in(path: Path, gazetteer_id: str) -> str | None:
    try:
        conn = connect(path, readonly=True)
    except sqlite3.Error:
        return None
    try:
        rows = conn.execute("SELECT name, lang FROM names WHERE place_id = ?",
                            (gazetteer_id,)).fetchall()
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    ranked = []
    for name, lang in rows:
        langs = set(lang.split(","))
        if not ARABIC_SCRIPT.search(name):
            continue
        if langs & set(ARABIC_LANGS):
            ranked.append((0, len(name), name))
        elif UNTAGGED in langs and not NOT_ARABIC_LETTERS.search(name):
            ranked.append((1, len(name), name))
    return min(ranked)[2] if ranked else None
