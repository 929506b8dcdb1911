"""Region keys: one comparable key for a governorate or state however it is written
("Hamah Governorate", "Hama province", "حماة" all give "SY-HM"), from the aliases of
``tawthiq/data/geo/admin1_aliases.json``, else the name's consonant skeleton.
"""

from __future__ import annotations

import re
from functools import lru_cache

from tawthiq.geo.datafiles import load_json
from tawthiq.geo.names import keys


@lru_cache(maxsize=1)
def _admin1_aliases() -> dict[str, str]:
    """bare key and skeleton of every alias -> ISO 3166-2 code."""
    out: dict[str, str] = {}
    for code, entry in load_json("admin1_aliases.json")["regions"].items():
        for alias in entry["names"]:
            _, bared, skel = keys(alias)
            out.setdefault(bared, code)
            if len(skel) >= 3:
                out.setdefault("#" + skel, code)
    return out


_ADMIN_SUFFIX = re.compile(r"\b(governorate|province|muhafazah?|region|state|countryside|rural|"
                           r"district|mintaqat|markaz|city|town)\b", re.IGNORECASE)


@lru_cache(maxsize=16_384)  # the world's regions: about 3,900 names
def admin_key(name: str | None) -> str | None:
    """A comparable key for a region name: its ISO code when an alias knows it, else its
    skeleton ("Hamah Governorate", "Hama province", "حماة" all -> "SY-HM")."""
    if not name:
        return None
    aliases = _admin1_aliases()
    full = keys(name)[1]
    if full in aliases:  # "Rural Damascus" is a governorate of its own
        return aliases[full]
    core = _ADMIN_SUFFIX.sub(" ", re.sub(r"\(.*?\)", " ", name))
    _, bared, skel = keys(core)
    if not bared:
        return None
    if bared in aliases:
        return aliases[bared]
    if len(skel) >= 3 and "#" + skel in aliases:
        return aliases["#" + skel]
    return skel or bared


def country_of_admin(key: str) -> str | None:
    """"SY-HM" -> "SY" for hints an alias file knows; None for other hints."""
    return key[:2] if len(key) > 3 and key[2] == "-" and key[:2].isupper() else None
