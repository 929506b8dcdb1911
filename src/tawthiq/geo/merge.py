"""One place from the records several gazetteers hold of it (rules: ``data/geo/merging.json``).

After every import the imported records are grouped again, all of them: records sharing a
GeoNames id or a P-code, and records of two publishers (WOF/GeoNames, OCHA, landmarks) whose
names share a matching key and whose points lie near each other. A group is one place: the
record of the source that ranks first stands for it (its id, point and hierarchy), every
member's names lead to it, and it carries the OCHA P-code, sub-district and admin P-codes of
its OCHA member and every member's id. Two tables hold the result: ``place_groups`` (record ->
the record standing for its group) and ``group_facts`` (what the group carries beyond the
standing record's own row).
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field

from tawthiq.geo.datafiles import load_json
from tawthiq.geo.geometry import haversine_km
from tawthiq.geo.store import GROUP_SCHEMA, GROUP_TABLES

FACT_COLUMNS = ("pcode", "admin3", "admin1_pcode", "admin2_pcode", "admin3_pcode")
NAME = len(FACT_COLUMNS) + 8      # the name column of a record as ``_read_records`` reads it


def rules() -> dict:
    """``merging.json``: precedence, families, name-match distances."""
    return load_json("merging.json")


@dataclass
class _Record:
    id: str
    source: str
    lat: float | None
    lon: float | None
    feature: str | None
    country: str | None
    geonames_id: int | None
    pcode: str | None
    facts: dict
    bares: set[str] = field(default_factory=set)
    skels: set[str] = field(default_factory=set)


def merge_places(conn: sqlite3.Connection) -> dict[str, int]:
    """Group every imported record again and write ``place_groups`` and ``group_facts``;
    returns counts (records, places, merged groups)."""
    records = _read_records(conn)
    parent = {r.id: r.id for r in records}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[rb] = ra

    for key in ("geonames_id", "pcode"):
        first: dict[object, str] = {}
        for record in records:
            value = getattr(record, key)
            if value:
                union(first.setdefault(value, record.id), record.id)
    for a, b in _name_matches(records):
        union(a, b)
    members: dict[str, list[_Record]] = defaultdict(list)
    for record in records:
        members[find(record.id)].append(record)
    _write(conn, list(members.values()))
    merged = sum(1 for group in members.values() if len(group) > 1)
    return {"records": len(records), "places": len(members), "merged": merged}


def _read_records(conn: sqlite3.Connection) -> list[_Record]:
    rows = conn.execute(
        "SELECT id, source, lat, lon, feature, country_code, geonames_id, population, "
        f"{', '.join(FACT_COLUMNS)}, name FROM places").fetchall()
    by_id = {}
    for row in rows:
        facts = dict(zip(FACT_COLUMNS, row[8:NAME], strict=True))
        facts["population"], facts["name"] = row[7], row[NAME]
        by_id[row[0]] = _Record(id=row[0], source=row[1], lat=row[2], lon=row[3],
                                feature=row[4], country=row[5], geonames_id=row[6],
                                pcode=row[8], facts=facts)
    min_skeleton = rules()["by_name"]["min_skeleton"]
    for place_id, bare, skel in conn.execute("SELECT place_id, bare, skel FROM names"):
        record = by_id.get(place_id)
        if record is None:
            continue
        record.bares.add(bare)
        if len(skel) >= min_skeleton:
            record.skels.add(skel)
    return list(by_id.values())


def _name_matches(records: list[_Record]) -> list[tuple[str, str]]:
    """Pairs of records of two families that name one place: the article-free key shared
    (strength 0) or only the skeleton (strength 1), within the distance of their kind; each
    record pairs with one record of each other family at most, the strongest and nearest
    pairs first."""
    spec = rules()["by_name"]
    family = rules()["families"]["groups"]
    by_key: dict[tuple, list[_Record]] = defaultdict(list)
    for record in records:
        if record.lat is not None and record.feature in spec["max_km"]:
            for bare in record.bares:
                by_key[(0, bare)].append(record)
            for skel in record.skels:
                by_key[(1, skel)].append(record)
    best: dict[tuple[str, str], tuple] = {}
    for (strength, _), sharing in by_key.items():
        if len(sharing) < 2:
            continue
        for i, record in enumerate(sharing):
            own = family.get(record.source, record.source)
            for other in sharing[i + 1:]:
                theirs = family.get(other.source, other.source)
                if theirs == own or other.country != record.country:
                    continue
                limit = _merge_distance((record, own), (other, theirs), strength, spec)
                if limit is None:
                    continue
                km = haversine_km(record.lat, record.lon, other.lat, other.lon)
                if km > limit:
                    continue
                a, b = sorted([(record.id, own), (other.id, theirs)])
                found = (strength, km, a[0], b[0], a[1], b[1])
                best[(a[0], b[0])] = min(best.get((a[0], b[0]), found), found)
    taken: set[tuple[str, str]] = set()   # (record, the other family) already paired
    pairs = []
    for _, _, a, b, family_a, family_b in sorted(best.values()):
        if (a, family_b) in taken or (b, family_a) in taken:
            continue
        taken.update({(a, family_b), (b, family_a)})
        pairs.append((a, b))
    return pairs


def _merge_distance(first: tuple[_Record, str], second: tuple[_Record, str], strength: int,
                    spec: dict) -> float | None:
    """How far apart two records of two families (record, family) may lie and be one place:
    the smaller distance of their kinds when the kinds are compatible; a cited area's own
    distance when the other record bears its very name whatever kind its list gives it
    (``landmark_compatible_features``); None when they are never one place."""
    a, b = first[0], second[0]
    if b.feature in spec["compatible_features"][a.feature]:
        return min(spec["max_km"][a.feature], spec["max_km"][b.feature])
    if strength == 0:
        areas = spec["landmark_compatible_features"]
        for (area, family_area), other in ((first, b), (second, a)):
            if family_area == "landmark" and other.feature in areas.get(area.feature, ()):
                return spec["max_km"][area.feature]
    return None


def _write(conn: sqlite3.Connection, groups: list[list[_Record]]) -> None:
    order = {source: rank for rank, source in enumerate(rules()["precedence"]["order"])}
    for table in GROUP_TABLES:  # derived tables: written anew, in this version's layout
        conn.execute(f"DROP TABLE IF EXISTS {table}")
    for statement in GROUP_SCHEMA.split(";"):
        if statement.strip():
            conn.execute(statement)
    links, facts = [], []
    for group in groups:
        group.sort(key=lambda r: (order.get(r.source, len(order)), r.id))
        head = group[0]
        links += [(r.id, head.id) for r in group]
        if len(group) == 1:
            continue
        merged = {column: next((r.facts[column] for r in group if r.facts[column]), None)
                  for column in FACT_COLUMNS}
        population = max((r.facts["population"] or 0 for r in group), default=0) or None
        own_names = list(dict.fromkeys(r.facts["name"] for r in group[1:]))
        facts.append((head.id, *(merged[c] for c in FACT_COLUMNS), population,
                      json.dumps([r.id for r in group]),
                      json.dumps(own_names, ensure_ascii=False)))
    conn.executemany("INSERT INTO place_groups VALUES (?, ?)", links)
    marks = ",".join("?" * (len(FACT_COLUMNS) + 4))
    conn.executemany(f"INSERT INTO group_facts VALUES ({marks})", facts)
