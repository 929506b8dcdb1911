"""The gazetteers a geocoder reads: the imported one (a country's worth, held in memory once
loaded: names by key, places by id, name cores) and the worldwide default (read from SQLite per
key). Look-ups here find the places one of whose names shares a key with the words, resembles
them within a fuzzy block, or holds them as a part; ranking them is ``ranking.py``'s job.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path

from rapidfuzz.fuzz import ratio

from tawthiq.geo.blocks import FuzzyBlock
from tawthiq.geo.candidates import Candidate, Facts, Query, keep, make_query, place_facts
from tawthiq.geo.names import block_of, bridge, is_arabic, is_latin, keys
from tawthiq.geo.readings import name_cores
from tawthiq.geo.similarity import name_row, read_name_rows, score_names, similarity_of_name
from tawthiq.geo.store import connect
from tawthiq.geo.weights import W

MAX_CANDIDATES = 40               # best-named places read per look-up
KEY_ROWS_LIMIT = 3000             # worldwide name rows read per key ("San Jose")
COVERED_MIN_PLACES = 1000         # an imported country with this many places replaces the world's
PRELOAD_MAX_PLACES = 150_000      # imported places held in memory (a country's worth)
FACTS_KEPT = 350_000              # places whose facts are remembered (imported + world)
GROUP_COLUMNS = ("pcode", "admin3", "admin1_pcode", "admin2_pcode", "admin3_pcode")


class GazetteerIndex:
    """The gazetteers a geocoder reads, and what it keeps of them in memory."""

    def __init__(self, imported: Path | None, world: Path | None) -> None:
        self.dbs: list[tuple[sqlite3.Connection, bool]] = []
        if imported is not None and imported.exists():
            self.dbs.append((connect(imported, readonly=True), True))
        if world is not None and world.exists():
            self.dbs.append((connect(world, readonly=True), False))
        self.covered = self._imported_countries()
        self._imported_dbs = [(conn, imported) for conn, imported in self.dbs if imported]
        self.imported = self._imported_countries(1)
        self._blocks: dict[tuple, FuzzyBlock] = {}
        self._memory: dict[int, dict[str, dict[str, list[tuple]]]] = {}
        self._parts: dict[int, dict[str, list[tuple]]] = {}   # see _part_index
        self._place_rows: dict[str, dict] = {}
        self._facts: dict[int, tuple[dict, Facts]] = {}        # id(row) -> (row, facts)
        self._preloaded: dict[int, dict[str, dict]] = {}        # imported places by id
        self._group_of: dict[int, dict[str, str]] = {}           # merged record -> group
        self._bridges: dict[str, str] = {}   # spelling-bridge keys of the names met (bare ->)
        self._group_facts: dict[int, dict[str, dict]] = {}       # group -> what it adds

    def load_imported(self) -> None:
        """The imported gazetteers' names and places in memory (a batch's first step)."""
        for conn, imported in self.dbs:
            if imported:
                self.memory_index(conn)

    def forget_rows(self) -> None:
        """Forget the worldwide place rows met so far and their facts (the imported
        gazetteers' in-memory indexes stay)."""
        self._place_rows.clear()
        self._facts.clear()
        self._bridges.clear()

    def close(self) -> None:
        for conn, _ in self.dbs:
            conn.close()
        self.dbs = []
        self._imported_dbs = []

    def points(self, country: str) -> list[tuple[str, float, float]]:
        """(source, lat, lon) of every imported record of a country with a point, merged or
        not (what each source alone could offer)."""
        out = []
        for conn, imported in self.dbs:
            if imported:
                out += conn.execute("SELECT source, lat, lon FROM places WHERE country_code = ? "
                                    "AND lat IS NOT NULL", (country,)).fetchall()
        return [tuple(row) for row in out]

    def region_outlines(self, level: str = "region") -> dict:
        """Simplified outlines of imported regions ("region" = governorates, "district")."""
        features = []
        for conn, imported in self.dbs:
            if not imported:
                continue
            rows = conn.execute(
                "SELECT p.id, p.name, p.country_code, p.admin1, p.current, o.geometry "
                "FROM outlines o JOIN places p ON p.id = o.place_id WHERE o.level = ?", (level,))
            for row in rows:
                if row["current"] == -2:  # deprecated or superseded
                    continue
                features.append({"type": "Feature", "id": row["id"],
                                 "properties": {"name": row["name"], "gazetteer_id": row["id"],
                                                "country_code": row["country_code"],
                                                "admin1": row["admin1"], "level": level},
                                 "geometry": json.loads(row["geometry"])})
        return {"type": "FeatureCollection", "features": features}

    def lookup_exact(self, folded_keys: list[str]) -> dict[str, list[sqlite3.Row]]:
        """Places whose fold or bare key equals one of the given keys (for text scanning)."""
        out: dict[str, list[sqlite3.Row]] = {}
        if not folded_keys:
            return out
        marks = ",".join("?" * len(folded_keys))
        for conn, _ in self.dbs:
            for sql_key in ("fold", "bare"):
                rows = conn.execute(
                    f"SELECT n.{sql_key} AS key, n.name AS matched, n.lang AS lang, p.* "
                    f"FROM names n JOIN places p "
                    f"ON p.id = n.place_id WHERE n.{sql_key} IN ({marks})", folded_keys)
                for row in rows:
                    out.setdefault(row["key"], []).append(row)
        return out


    def may_match_exactly(self, text: str, country: str | None) -> bool:
        """False when no place's name has the fold or bare key of ``text`` (then no candidate
        reaches ``W.exact``): answered from the in-memory indexes without ranking the look-alikes
        that share only its skeleton. True whenever a source is not in memory."""
        query = make_query(text)
        for conn, imported in self.sources(country):
            if not imported:
                return True
            memory = self.memory_index(conn)
            if query.fold in memory["fold"] or query.bare in memory["bare"]:
                return True
        return False

    def _imported_countries(self, at_least: int = COVERED_MIN_PLACES) -> frozenset[str]:
        """Countries an imported gazetteer covers in depth (a country repository or extract):
        for them the worldwide default, a thinner copy of the same GeoNames places, is not
        searched, which keeps batch geocoding fast."""
        covered = set()
        for conn, imported in self.dbs:
            if imported:
                rows = conn.execute("SELECT country_code FROM places GROUP BY country_code "
                                    "HAVING count(*) >= ?", (at_least,))
                covered.update(r[0] for r in rows if r[0])
        return frozenset(covered)

    def sources(self, country: str | None) -> list[tuple[sqlite3.Connection, bool]]:
        if country and country in self.covered:
            return self._imported_dbs
        return self.dbs

    def lookup(self, query: Query, country: str | None) -> dict[str, Candidate]:
        """Places one of whose names shares a key with the query. Names are scored from the
        names table alone; only the best few places are then read."""
        found: dict[str, Candidate] = {}
        lookups = [("fold", query.fold), ("bare", query.bare)]
        if len(query.skel) >= 3 or (country and query.skel):
            lookups.append(("skel", query.skel))
        # "+country_code" keeps SQLite on the key indexes instead of scanning a country
        country_clause = " AND +country_code = ?" if country else ""
        for conn, imported in self.sources(country):
            passes = self._key_rows(conn, imported, lookups, country_clause, country)
            if not any(rows for rows, _ in passes):
                continue
            scored = score_names(query, country, passes, self._bridges, latin_first=imported)
            self._keep_places(found, conn, self._best_ids(conn, scored), scored, imported)
        return found

    def _best_ids(self, conn: sqlite3.Connection, scored: dict[str, float]) -> list[str]:
        """The MAX_CANDIDATES best-named places; among the many places that share a common
        name ("San Antonio", "Springfield") areas and the most populous first, so that the
        cut does not drop the city most reports mean."""
        ranked = sorted(scored, key=scored.get, reverse=True)
        if len(ranked) <= MAX_CANDIDATES:
            return ranked
        # the order below is by rounded score first: only places scored as high as the last
        # one kept can make the cut, and only their rows are read
        last, end = round(scored[ranked[MAX_CANDIDATES - 1]], 2), MAX_CANDIDATES
        while end < len(ranked) and round(scored[ranked[end]], 2) >= last:
            end += 1  # (scores fall along ``ranked``)
        ranked = ranked[:end]
        rows = {row["id"]: row for row in self.places(conn, ranked)}
        def weight(place_id: str) -> tuple:
            row = rows.get(place_id)
            area = row is not None and row["feature"] in ("country", "region", "district")
            return (-round(scored[place_id], 2), not area,
                    -((row["population"] or 0) if row is not None else 0))
        return sorted(ranked, key=weight)[:MAX_CANDIDATES]

    def _key_rows(self, conn, imported: bool, lookups, country_clause: str,
                  country) -> list[tuple[list[tuple], bool]]:
        """Per key, the name rows sharing it (``_NameRow`` tuples) and whether they are all
        of them: from memory for imported gazetteers (small, hit often), from SQLite for the
        worldwide one (at most ``KEY_ROWS_LIMIT`` per key)."""
        if imported:
            memory = self.memory_index(conn)
            return [(memory[column].get(value, ()), True) for column, value in lookups]
        cursor = conn.cursor()
        cursor.row_factory = None
        out = []
        for column, value in lookups:
            sql = (f"SELECT place_id, name, fold, bare, skel, country_code FROM names "
                   f"WHERE {column} = ?{country_clause} LIMIT {KEY_ROWS_LIMIT}")
            rows = cursor.execute(sql, (value, country) if country else (value,)).fetchall()
            out.append((read_name_rows(rows), len(rows) < KEY_ROWS_LIMIT))
        return out

    def memory_index(self, conn: sqlite3.Connection) -> dict[str, dict[str, list[tuple]]]:
        memory = self._memory.get(id(conn))
        if memory is None:
            memory = {"fold": {}, "bare": {}, "skel": {}}
            group_of = self._load_groups(conn)
            cursor = conn.cursor()
            cursor.row_factory = None
            for raw in cursor.execute("SELECT place_id, name, fold, bare, skel, country_code "
                                      "FROM names"):
                if raw[0] in group_of:  # a name of a merged record names its group's place
                    raw = (group_of[raw[0]], *raw[1:])
                row = name_row(_shared(raw))
                for column, value in (("fold", row[2]), ("bare", row[3]), ("skel", row[4])):
                    memory[column].setdefault(value, []).append(row)
            self._memory[id(conn)] = memory
            self._preload_places(conn)
        return memory

    def _preload_places(self, conn: sqlite3.Connection) -> None:
        """An imported gazetteer's places, read once with its names (a country's worth: a
        batch then never waits on SQLite for them); their facts are worked out when met."""
        if conn.execute("SELECT count(*) FROM places").fetchone()[0] > PRELOAD_MAX_PLACES:
            return
        cursor = conn.cursor()
        cursor.row_factory = None
        cursor.execute("SELECT * FROM places")
        facts = self._group_facts.get(id(conn), {})
        preloaded = {}
        for row in _dict_rows(cursor):
            row["id"] = sys.intern(row["id"])  # the very string object of its name rows
            preloaded[row["id"]] = self._with_group_facts(conn, row, facts)
        self._preloaded[id(conn)] = preloaded

    def _load_groups(self, conn: sqlite3.Connection) -> dict[str, str]:
        """Merged records -> the record standing for their place (``merge.py``), and the
        facts of places told by several records; none for a gazetteer without groups (the
        worldwide one, or one imported by an older tawthiq)."""
        try:
            links = dict(conn.execute("SELECT place_id, group_id FROM place_groups "
                                      "WHERE place_id != group_id"))
            cursor = conn.execute("SELECT * FROM group_facts")
            facts = {row["group_id"]: row for row in _dict_rows(cursor)}
        except sqlite3.OperationalError:  # no such table
            links, facts = {}, {}
        self._group_of[id(conn)], self._group_facts[id(conn)] = links, facts
        return links

    def _with_group_facts(self, conn: sqlite3.Connection, row: dict,
                          facts_of: dict | None = None) -> dict:
        """The row with its other ids (``same_as``: its merged records' and its GeoNames id)
        and, for a record standing for a place told by several records, what the others add:
        the OCHA P-codes and sub-district, the largest population, their own names."""
        facts = (self._group_facts.get(id(conn), {}) if facts_of is None else facts_of).get(
            row["id"])
        geonames_id = row["geonames_id"]
        if facts is None:
            row["same_as"] = [f"geonames:{geonames_id}"] if geonames_id and \
                not row["id"].startswith("geonames:") else []
            return row
        row.update({column: facts[column] or row.get(column) for column in GROUP_COLUMNS})
        row["population"] = max(row["population"] or 0, facts["population"] or 0) or None
        row["own_names"] = json.loads(facts["names"])
        ids = json.loads(facts["ids"])[1:]
        if geonames_id and f"geonames:{geonames_id}" not in ids:
            ids.append(f"geonames:{geonames_id}")
        row["same_as"] = ids
        return row

    def part_readings(self, query: Query, country: str | None) -> dict[str, Candidate]:
        """Imported places one of whose names holds the words as its part that reports use
        alone (``_name_cores``: "Umm Nour" for "Umm Nour Dam", "Sawsana" for "As Sawsana al
        Janubiyah", "Az Zaytun" for "Mukhayyam az Zaytun"), scored below the whole name."""
        found: dict[str, Candidate] = {}
        for conn, imported in self.sources(country):
            if not imported:
                continue
            parts = self._part_index(conn)
            rows = parts.get(query.bare, []) + (parts.get("#" + query.skel, [])
                                                if len(query.skel) >= 3 else [])
            if not query.arabic and query.bare:  # "Al Ashari" in "Hosh Al-Ashary"
                rows = rows + parts.get("=" + bridge(query.bare), [])
            scored: dict[str, float] = {}
            for place_id, core, nfold, nbare, nskel, cc, factor in rows:
                if country and cc != country:
                    continue
                similarity = factor * similarity_of_name(query, core, nfold, nbare, nskel)
                if similarity > scored.get(place_id, 0.0):
                    scored[place_id] = similarity
            self._keep_places(found, conn, list(scored), scored, imported)
        return found

    def _part_index(self, conn: sqlite3.Connection) -> dict[str, list[tuple]]:
        """The cores of an imported gazetteer's names (``_name_cores``) by bare key, by
        "#" + skeleton and (Latin cores) by "=" + spelling-bridge key, built once from the
        in-memory name index."""
        parts = self._parts.get(id(conn))
        if parts is None:
            parts = {}
            for rows in self.memory_index(conn)["fold"].values():
                for place_id, _, folded, _, _, cc, *_ in rows:
                    for core, factor in name_cores(folded):
                        nfold, nbare, nskel = keys(core)
                        if not nbare:
                            continue
                        entry = (place_id, core, nfold, nbare, nskel, cc, factor)
                        parts.setdefault(nbare, []).append(entry)
                        if len(nskel) >= 3:
                            parts.setdefault("#" + nskel, []).append(entry)
                        if is_latin(core):
                            parts.setdefault("=" + bridge(nbare), []).append(entry)
            self._parts[id(conn)] = parts
        return parts

    def fuzzy(self, query: Query, country: str | None) -> dict[str, Candidate]:
        """Fuzzy search within one block (same country, skeletons starting alike): a worldwide
        fuzzy search would be slow and mostly wrong, so it needs a country."""
        found: dict[str, Candidate] = {}
        if len(query.skel) < 3 or not country:
            return found
        sources = self.sources(country)
        for index, (conn, imported) in enumerate(self.dbs):
            if (conn, imported) not in sources:
                continue
            block = self._block(index, country, block_of(query.skel))
            if not block.ids:
                continue
            ids, bares, arabic = block.ids, block.bares, block.arabic
            hits = block.best_rows(query.skel, 40,
                                   100 * W.min_name_similarity * W.fuzzy_prefilter_share)
            scored: dict[str, float] = {}
            for skel_score, i in hits:
                if query.arabic != arabic[i]:
                    similarity = W.cross_script_fuzzy_share * skel_score / 100
                else:
                    similarity = W.fuzzy_share * (0.5 * ratio(query.bare, bares[i])
                                                  + 0.5 * skel_score) / 100
                if similarity >= W.min_name_similarity and similarity > scored.get(ids[i], 0.0):
                    scored[ids[i]] = similarity
            self._keep_places(found, conn, list(scored), scored, imported)
        return found

    def _block(self, index: int, country: str, block: str) -> FuzzyBlock:
        key = (index, country, block)
        cached = self._blocks.get(key)
        if cached is None:
            conn = self.dbs[index][0]
            rows = conn.execute("SELECT place_id, bare, skel, name FROM names "
                                "WHERE country_code = ? AND block = ?", (country, block)).fetchall()
            group_of = self._group_of.get(id(conn), {})
            cached = FuzzyBlock([sys.intern(group_of.get(r[0], r[0])) for r in rows],
                                [r[1] for r in rows],
                                [r[2] for r in rows], [is_arabic(r[3]) for r in rows])
            self._blocks[key] = cached
        return cached

    def places(self, conn: sqlite3.Connection, ids: list[str]) -> list[dict]:
        """Place rows by id, remembered (a batch meets the same places again and again)."""
        preloaded = self._preloaded.get(id(conn))
        if preloaded is not None:
            return [preloaded[i] for i in ids if i in preloaded]
        missing = [i for i in ids if i not in self._place_rows]
        if missing:
            marks = ",".join("?" * len(missing))
            cursor = conn.cursor()
            cursor.row_factory = None
            cursor.execute(f"SELECT * FROM places p WHERE p.id IN ({marks})", missing)
            for row in _dict_rows(cursor):
                row = self._with_group_facts(conn, row)
                if len(self._place_rows) < 200_000:
                    self._place_rows[row["id"]] = row
                else:
                    cursor.execute(f"SELECT * FROM places WHERE id IN "
                                   f"({','.join('?' * len(ids))})", ids)
                    return [self._with_group_facts(conn, r) for r in _dict_rows(cursor)]
        return [self._place_rows[i] for i in ids if i in self._place_rows]

    def _keep_places(self, found: dict[str, Candidate], conn: sqlite3.Connection,
                     ids: list[str], scored: dict[str, float], imported: bool) -> None:
        """The places of ``ids`` as candidates with their scores (``candidates.keep``), in
        the order of ``ids``; an imported gazetteer's places are read from memory in the
        same loop (the look-ups of a batch make thousands of candidates)."""
        preloaded = self._preloaded.get(id(conn))
        at_least = W.min_name_similarity
        if preloaded is None:
            for row in self.places(conn, ids):
                similarity = scored[row["id"]]
                if similarity >= at_least:  # (``keep`` would drop it: no facts worked out)
                    keep(found, row, similarity, imported, self.facts_of(row))
            return
        remembered = self._facts
        for place_id in ids:
            row = preloaded.get(place_id)
            if row is None:
                continue
            similarity = scored[place_id]
            if similarity < at_least:
                continue
            previous = found.get(place_id)
            if previous is None or previous.similarity < similarity:
                kept = remembered.get(id(row))
                found[place_id] = Candidate(row=row, similarity=similarity, imported=imported,
                                            facts=kept[1] if kept is not None
                                            else self.facts_of(row))

    def facts_of(self, row) -> Facts:
        """A place row's facts, worked out once per row (the row is kept with them, so that
        its identity stays its own while they are remembered)."""
        kept = self._facts.get(id(row))
        if kept is not None:
            return kept[1]
        facts = place_facts(row)
        if len(self._facts) < FACTS_KEPT:
            self._facts[id(row)] = (row, facts)
        return facts


def _shared(values: tuple) -> tuple:
    """A name row's strings as one shared object per distinct string (``sys.intern``): the
    rows of a look-up, the place ids they score and the places read for them are then
    compared and looked up by identity, without reading the characters of thousands of
    copies of "SY", of a place id or of a name key spread over memory."""
    return tuple(sys.intern(v) if isinstance(v, str) else v for v in values)


def _dict_rows(cursor: sqlite3.Cursor) -> Iterator[dict]:
    """The rows of an executed query as dicts (read by column name often: a dict answers
    faster than ``sqlite3.Row``), the column names read once per query."""
    columns = [d[0] for d in cursor.description]
    return (dict(zip(columns, values, strict=True)) for values in cursor)
