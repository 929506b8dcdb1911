"""``tawthiq gazetteer import PATH``: Who's On First repositories (directory or .tar.gz of
GeoJSON, read as a stream), GeoNames country extracts (tab-separated .txt or a .zip of one),
OCHA community and P-code lists (the Syrian Archive's locations.json, OCHA's CSV or GeoJSON;
``ocha.py``) into the gazetteer under TAWTHIQ_HOME. Idempotent: records whose content did not
change are left alone, so a second import of the same data writes nothing.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import tarfile
import time
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path

from tawthiq.errors import BadInput
from tawthiq.geo import landmarks as extra_places
from tawthiq.geo import names, ocha
from tawthiq.geo.geometry import bbox, contains, simplify_geometry
from tawthiq.geo.merge import merge_places
from tawthiq.geo.names import block_of, is_arabic, keys
from tawthiq.geo.service import get_geocoder
from tawthiq.geo.store import PlaceRecord, connect, write_records
from tawthiq.settings import get_settings

WOF_FEATURES = {
    "country": "country", "region": "region", "macroregion": "region", "county": "district",
    "macrocounty": "district", "localadmin": "district", "locality": "locality",
    "borough": "neighbourhood", "macrohood": "neighbourhood", "neighbourhood": "neighbourhood",
    "microhood": "neighbourhood", "campus": "locality", "dependency": "region",
}
OUTLINE_LEVELS = {"country", "region", "district"}


def import_gazetteer(path: Path) -> str:
    """Import one gazetteer file or directory; returns a one-line summary."""
    path = Path(path)
    if not path.exists():
        raise BadInput("no such file or directory", path=str(path))
    started = time.perf_counter()
    records = list(read_gazetteer(path))
    if not records:
        raise BadInput("no gazetteer records found (expected WOF GeoJSON, GeoNames TSV or an "
                       "OCHA community list)", path=str(path))
    settings = get_settings()
    settings.ensure_home()
    conn = connect(settings.gazetteer_path)
    try:
        with conn:
            countries = extra_places.covered_countries(records) | stored_countries(conn)
            landmarks = extra_places.landmark_records(countries)
            outlined = stored_areas(conn)
            fill_hierarchy_from_outlines(records + landmarks + outlined)
            fill_stored_hierarchy(conn, records)
            landmarks = place_listed_areas(landmarks, records, outlined, conn)
            extra_places.place_in_hierarchy(landmarks, records)
            refreshed = refresh_name_keys(conn)
            new, changed, same = write_records(conn, records)
            extra = write_records(conn, landmarks)
            extra_places.remove_stale(conn, countries, {r.id for r in landmarks},
                                      extra_places.readable_sources())
            merged = merge_places(conn)
    finally:
        conn.close()
    get_geocoder.cache_clear()  # the process-wide geocoder reads the new gazetteer
    kinds = Counter(r.feature or "other" for r in records)
    breakdown = ", ".join(f"{n} {k}" for k, n in kinds.most_common())
    seconds = time.perf_counter() - started
    added = (f"; {len(landmarks)} landmarks and airports ({extra[0]} new, {extra[1]} changed)"
             if landmarks else "")
    rekeyed = f"; matching keys of {refreshed} stored names rebuilt" if refreshed else ""
    grouped = (f"; {merged['records']} records in all make {merged['places']} places "
               f"({merged['merged']} told by several sources)")
    return (f"{path.name}: {len(records)} places ({breakdown}); {new} new, {changed} changed, "
            f"{same} unchanged{added}{rekeyed}{grouped}; {seconds:.1f} s")


def name_rules_fingerprint() -> str:
    """Identifies the code and rules that derive matching keys from names (names.py and the
    transliteration rules): a record whose source did not change still needs new keys when
    they change, which the record's own digest cannot tell."""
    digest = hashlib.sha1(Path(names.__file__).read_bytes())
    digest.update(resources.files("tawthiq.data.geo").joinpath("transliteration.json")
                  .read_bytes())
    return digest.hexdigest()


def refresh_name_keys(conn) -> int:
    """Recompute every stored name's keys when the rules that derive them changed since the
    last import (a newer tawthiq); returns how many names were rekeyed (0 when current)."""
    current = name_rules_fingerprint()
    row = conn.execute("SELECT value FROM meta WHERE key = 'name_rules'").fetchone()
    if row is not None and row[0] == current:
        return 0
    rows = conn.execute("SELECT place_id, name, lang FROM names").fetchall()
    updates = []
    for place_id, name, lang in rows:
        folded, bared, skel = keys(name)
        updates.append((folded, bared, skel, block_of(skel), place_id, name, lang))
    conn.executemany("UPDATE names SET fold = ?, bare = ?, skel = ?, block = ? "
                     "WHERE place_id = ? AND name = ? AND lang = ?", updates)
    conn.execute("INSERT OR REPLACE INTO meta VALUES ('name_rules', ?)", (current,))
    return len(updates)


def read_gazetteer(path: Path) -> Iterator[PlaceRecord]:
    """Pick the reader by the shape of PATH."""
    name = path.name.lower()
    if path.is_dir():
        if any(path.rglob("*.geojson")):
            yield from read_wof(_wof_files_in_dir(path), str(path))
            return
        texts = sorted(path.glob("*.txt"))
        for text in texts:
            yield from read_geonames(text.open(encoding="utf-8"), str(text))
        return
    if name.endswith((".tar.gz", ".tgz", ".tar")):
        yield from read_wof(_wof_files_in_tar(path), str(path))
    elif name.endswith(".zip"):
        yield from _read_geonames_zip(path)
    elif name.endswith((".txt", ".tsv")):
        with path.open(encoding="utf-8") as handle:
            yield from read_geonames(handle, str(path))
    elif name.endswith((".geojson", ".json")):
        yield from _read_json(path)
    elif name.endswith(".csv"):
        yield from ocha.read_ocha_csv(ocha.csv_lines(path.read_bytes(), str(path)), str(path))
    else:
        raise BadInput("unknown gazetteer format (want a WOF directory/.tar.gz, GeoNames "
                       ".txt/.zip, an OCHA .csv/.geojson or the Syrian Archive's .json)",
                       path=str(path))


def _read_json(path: Path) -> Iterator[PlaceRecord]:
    """One WOF record, an OCHA FeatureCollection, or the Syrian Archive's list."""
    data = path.read_bytes()
    parsed = ocha.read_json_file(data.decode("utf-8", errors="replace"), str(path))
    if ocha.is_syrian_archive(parsed):
        yield from ocha.read_syrian_archive(parsed, str(path))
    elif ocha.is_ocha_geojson(parsed):
        yield from ocha.read_ocha_geojson(parsed, str(path))
    elif isinstance(parsed, dict):
        yield from read_wof([(str(path), data)], str(path))
    else:
        raise BadInput("JSON, but neither a WOF record, an OCHA FeatureCollection nor the "
                       "Syrian Archive's location list", path=str(path))


# --- Who's On First -------------------------------------------------------------------

def _is_wof_record(member: str) -> bool:
    return member.endswith(".geojson") and "-alt-" not in member.rsplit("/", 1)[-1]


def _wof_files_in_dir(path: Path) -> Iterator[tuple[str, bytes]]:
    for file in sorted(path.rglob("*.geojson")):
        if _is_wof_record(file.name):
            yield str(file), file.read_bytes()


def _wof_files_in_tar(path: Path) -> Iterator[tuple[str, bytes]]:
    try:
        with tarfile.open(path, mode="r|*") as archive:
            for member in archive:
                if member.isfile() and _is_wof_record(member.name):
                    handle = archive.extractfile(member)
                    if handle is not None:
                        yield member.name, handle.read()
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise BadInput(f"cannot read archive: {exc}", path=str(path)) from exc


def _wof_names(props: dict) -> list[tuple[str, str]]:
    names = [(props.get("wof:name") or "", "und")]
    for key, values in props.items():
        if not key.startswith("name:"):
            continue
        lang = key[5:].split("_x_")[0]
        for value in values if isinstance(values, list) else [values]:
            if isinstance(value, str):
                names.append((value, lang))
    for key in ("gn:name", "gn:asciiname"):
        if isinstance(props.get(key), str):
            names.append((props[key], "und"))
    return [(n, lang) for n, lang in names if n]


def _display_name(props: dict) -> str:
    """wof:name, unless it is in Arabic script: then the English or GeoNames Latin name."""
    name = props.get("wof:name") or ""
    if not is_arabic(name):
        return name
    for key in ("name:eng_x_preferred", "name:und_x_variant"):
        values = props.get(key) or []
        latin = [v for v in values if isinstance(v, str) and not is_arabic(v)]
        if latin:
            return latin[0]
    return props.get("gn:asciiname") or props.get("gn:name") or name


def _wof_current(props: dict) -> int:
    """1 current, -1 unknown, 0 Mapzen's 'not current' flag (often stale), -2 deprecated,
    superseded or ceased."""
    if props.get("edtf:deprecated") or props.get("wof:superseded_by"):
        return -2
    cessation = str(props.get("edtf:cessation") or "uuuu")
    if cessation not in ("uuuu", "", "open"):
        return -2
    return int(props.get("mz:is_current", -1))


def _country_code(value) -> str | None:
    """ISO codes as GeoNames and every other source write them: some WOF records write "sy"."""
    text = str(value).strip().upper() if value not in (None, "") else ""
    return text or None


def _int_or_none(value) -> int | None:
    try:
        return int(float(value)) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _wof_record(origin: str, data: bytes) -> tuple[PlaceRecord, dict] | None:
    try:
        feature = json.loads(data)
    except ValueError as exc:
        raise BadInput(f"not valid GeoJSON: {exc}", path=origin) from exc
    props = feature.get("properties") or {}
    if "wof:id" not in props:
        return None
    placetype = props.get("wof:placetype")
    kind = WOF_FEATURES.get(placetype)
    lat, lon = props.get("geom:latitude"), props.get("geom:longitude")
    if kind is None or lat is None or lon is None:
        return None
    try:
        lat, lon = float(lat), float(lon)
    except (TypeError, ValueError) as exc:
        raise BadInput(f"not a coordinate: {lat!r}, {lon!r}", path=origin,
                       field="geom:latitude/geom:longitude") from exc
    if not isinstance(props.get("wof:name") or "", str):
        raise BadInput(f"not a name: {props['wof:name']!r}", path=origin, field="wof:name")
    concordances = props.get("wof:concordances") or {}
    gn_id = _int_or_none(concordances.get("gn:id") or props.get("gn:geonameid"))
    outline = None
    if kind in OUTLINE_LEVELS:
        tolerance = 0.01 if kind == "country" else 0.003
        outline = simplify_geometry(feature.get("geometry"), tolerance)
    hierarchy = (props.get("wof:hierarchy") or [{}])[0]
    if not isinstance(hierarchy, dict):  # a null or odd hierarchy gives no region/district
        hierarchy = {}
    record = PlaceRecord(
        id=f"wof:{props['wof:id']}", source="wof", name=_display_name(props),
        lat=lat, lon=lon, feature=kind, kind=placetype,
        country_code=_country_code(props.get("wof:country") or props.get("iso:country")),
        population=_int_or_none(props.get("wof:population") or props.get("gn:population")),
        geonames_id=gn_id, current=_wof_current(props),
        inception=_edtf(props.get("edtf:inception")), cessation=_edtf(props.get("edtf:cessation")),
        names=_wof_names(props), outline=outline,
    )
    return record, hierarchy


def _edtf(value) -> str | None:
    return None if value in (None, "", "uuuu", "open") else str(value)


def read_wof(files: Iterable[tuple[str, bytes]], origin: str) -> Iterator[PlaceRecord]:
    """WOF GeoJSON records, with region (admin1) and county (admin2) names from the hierarchy."""
    parsed = [r for r in (_wof_record(name, data) for name, data in files) if r is not None]
    names_by_id = {record.id: record.name for record, _ in parsed}
    for record, hierarchy in parsed:
        region = _int_or_none(hierarchy.get("region_id"))
        county = _int_or_none(hierarchy.get("county_id"))
        if region and region > 0:
            record.admin1_id = f"wof:{region}"
            record.admin1 = names_by_id.get(record.admin1_id)
        if county and county > 0:
            record.admin2_id = f"wof:{county}"
            record.admin2 = names_by_id.get(record.admin2_id)
    records = [record for record, _ in parsed]
    fill_hierarchy_from_outlines(records)
    yield from records


def stored_areas(conn) -> list[PlaceRecord]:
    """The regions and districts an earlier import stored with their outlines (an OCHA
    community list names no governorate: the outline holding a community gives it)."""
    rows = conn.execute("SELECT p.id, p.name, p.feature, p.current, o.geometry FROM places p "
                        "JOIN outlines o ON o.place_id = p.id "
                        "WHERE p.feature IN ('region', 'district')").fetchall()
    return [PlaceRecord(id=r[0], source="stored", name=r[1], lat=None, lon=None, feature=r[2],
                        current=r[3], outline=json.loads(r[4])) for r in rows]


def stored_countries(conn) -> set[str]:
    """Countries an earlier import covered (``landmarks.covered_countries``): a small list
    imported later still gets their landmarks written again, and their areas placed among
    its communities too."""
    rows = conn.execute("SELECT country_code FROM places WHERE country_code IS NOT NULL "
                        "GROUP BY country_code HAVING count(*) >= ? "
                        "OR sum(feature = 'country') > 0", (extra_places.COVERED_MIN_PLACES,))
    return {r[0] for r in rows}


def fill_stored_hierarchy(conn, records: list[PlaceRecord]) -> int:
    """Records an earlier import stored without a region or district (an OCHA community list
    names no governorate, and imported before WOF it met no outline) get the ones whose
    outline this import brings: the gazetteer, and the areas placed among its communities,
    are the same whichever order the sources were imported in. Returns how many changed."""
    outlines = [r for r in records if r.outline and r.feature in ("region", "district")]
    if not outlines:
        return 0
    rows = conn.execute(
        "SELECT id, lat, lon, feature, admin1, admin1_id, admin2, admin2_id FROM places "
        "WHERE lat IS NOT NULL AND (admin1 IS NULL OR admin2 IS NULL) "
        "AND feature NOT IN ('country', 'region')").fetchall()
    stored = [PlaceRecord(id=r[0], source="stored", name=r[0], lat=r[1], lon=r[2],
                          feature=r[3], admin1=r[4], admin1_id=r[5], admin2=r[6],
                          admin2_id=r[7]) for r in rows]
    fill_hierarchy_from_outlines(stored + outlines)
    changed = [(s.admin1, s.admin1_id, s.admin2, s.admin2_id, s.id)
               for s, r in zip(stored, rows, strict=True)
               if (s.admin1, s.admin2) != (r[4], r[6])]
    conn.executemany("UPDATE places SET admin1 = ?, admin1_id = ?, admin2 = ?, admin2_id = ? "
                     "WHERE id = ?", changed)
    return len(changed)


def place_listed_areas(landmarks: list[PlaceRecord], records: list[PlaceRecord],
                       outlined: list[PlaceRecord], conn) -> list[PlaceRecord]:
    """The listed areas defined by their sub-districts placed among the communities of this
    import and the earlier ones (``landmarks.place_areas``), then in the region and district
    whose outline holds that point."""
    unplaced = {r.id for r in landmarks if r.lat is None}
    if not unplaced:
        return landmarks
    ids = {r.id for r in records}
    stored = [PlaceRecord(id=r[0], source="stored", name=r[0], lat=r[1], lon=r[2],
                          feature="locality", admin1=r[3], admin3=r[4], pcode=r[5])
              for r in conn.execute("SELECT id, lat, lon, admin1, admin3, pcode FROM places "
                                    "WHERE pcode IS NOT NULL AND admin3 IS NOT NULL")
              if r[0] not in ids]
    landmarks = extra_places.place_areas(landmarks, records + stored)
    areas = [r for r in landmarks if r.id in unplaced]
    if areas:
        fill_hierarchy_from_outlines(areas + [r for r in records + outlined if r.outline])
    return landmarks


def fill_hierarchy_from_outlines(records: list[PlaceRecord]) -> None:
    """Places whose source gives no region/district get the one whose outline holds them."""
    for level, name_field, id_field in (("region", "admin1", "admin1_id"),
                                        ("district", "admin2", "admin2_id")):
        areas = [(r, bbox(r.outline)) for r in records
                 if r.feature == level and r.outline and r.current != -2]
        if not areas:
            continue
        for record in records:
            if getattr(record, name_field) or record.feature in ("country", "region", level):
                continue
            if record.lat is None:
                continue
            for area, (west, south, east, north) in areas:
                if (west <= record.lon <= east and south <= record.lat <= north
                        and contains(area.outline, record.lat, record.lon)):
                    setattr(record, name_field, area.name)
                    setattr(record, id_field, area.id)
                    break


# --- GeoNames ---------------------------------------------------------------------------

GEONAMES_COLUMNS = 19


def geonames_feature(feature_class: str, code: str) -> str:
    """GeoNames feature class/code to the contract's feature."""
    if feature_class == "A":
        if code.startswith("PCL"):
            return "country"
        if code == "ADM1":
            return "region"
        return "district"
    if feature_class == "P":
        return "neighbourhood" if code == "PPLX" else "locality"
    if feature_class == "L":
        return "region"
    return "locality"


def _read_geonames_zip(path: Path) -> Iterator[PlaceRecord]:
    try:
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.namelist()
                       if m.lower().endswith(".txt") and "readme" not in m.lower()]
            for member in members:
                with archive.open(member) as raw:
                    text = io.TextIOWrapper(raw, encoding="utf-8")
                    yield from read_geonames(text, f"{path}:{member}")
    except zipfile.BadZipFile as exc:
        raise BadInput(f"not a zip file: {exc}", path=str(path)) from exc


def read_geonames(lines: Iterable[str], origin: str) -> Iterator[PlaceRecord]:
    """GeoNames 'geoname' table rows (19 tab-separated columns, as in SY.txt)."""
    rows = []
    reader = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    for number, row in enumerate(reader, start=1):
        if not row or row[0].startswith("#"):
            continue
        if len(row) < GEONAMES_COLUMNS - 4:
            raise BadInput(f"expected {GEONAMES_COLUMNS} tab-separated columns, got {len(row)}",
                           path=origin, line=number)
        try:
            float(row[4]), float(row[5]), int(row[0])
        except ValueError as exc:
            raise BadInput(f"bad geonameid/latitude/longitude: {exc}", path=origin,
                           line=number) from exc
        rows.append(row + [""] * (GEONAMES_COLUMNS - len(row)))
    admin1 = {(r[8], r[10]): r for r in rows if r[7] == "ADM1"}
    admin2 = {(r[8], r[10], r[11]): r for r in rows if r[7] == "ADM2"}
    for row in rows:
        yield _geonames_record(row, admin1.get((row[8], row[10])),
                               admin2.get((row[8], row[10], row[11])))


def _geonames_record(row: list[str], adm1: list[str] | None, adm2: list[str] | None) -> PlaceRecord:
    names = [(row[1], "und"), (row[2], "und")]
    names += [(n, "und") for n in row[3].split(",") if n]
    return PlaceRecord(
        id=f"geonames:{row[0]}", source="geonames", name=row[1], lat=float(row[4]),
        lon=float(row[5]), feature=geonames_feature(row[6], row[7]), kind=row[7] or row[6],
        country_code=row[8] or None, admin1_code=row[10] or None,
        admin1=adm1[1] if adm1 else None, admin1_id=f"geonames:{adm1[0]}" if adm1 else None,
        admin2=adm2[1] if adm2 else None, admin2_id=f"geonames:{adm2[0]}" if adm2 else None,
        population=_int_or_none(row[14]), geonames_id=int(row[0]),
        current=-2 if row[7].endswith("H") and row[6] == "P" else -1,
        names=names,
    )
