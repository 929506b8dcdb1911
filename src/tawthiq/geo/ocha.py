"""OCHA community and P-code lists as gazetteer records: the Syrian Archive's ``locations.json``
(OCHA/HNAP communities with their P-codes and Arabic names, plus places the Syrian Archive
added) and OCHA's own common operational datasets as downloaded from the Humanitarian Data
Exchange (CSV or GeoJSON; ``ADM<n>_EN``/``ADM<n>_AR``/``ADM<n>_PCODE`` columns or
``admin<n>Name_en``/``admin<n>Pcode``). The layouts are data: ``tawthiq/data/geo/ocha.json``.

The files are read on import and never copied: the Syrian Archive's list is GPL-3.0 data.
Every record keeps its own P-code (``pcode``) and those of its hierarchy where the source gives
them; merging with the places of other gazetteers is ``merge.py``'s job.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from tawthiq.errors import BadInput
from tawthiq.geo.datafiles import load_json
from tawthiq.geo.geometry import main_centroid
from tawthiq.geo.names import is_arabic, keys, split_glued_article
from tawthiq.geo.store import PlaceRecord

SYRIAN_ARCHIVE = "syrian-archive"
OCHA = "ocha"
LEVELS = range(0, 6)


def rules() -> dict:
    """``ocha.json``: column names, levels, the Syrian Archive's fields."""
    return load_json("ocha.json")


# --- detecting a layout ---------------------------------------------------------------

def is_syrian_archive(data: object) -> bool:
    """A JSON array of objects with the Syrian Archive's own fields (the reader then asks
    each entry for all of them)."""
    if not isinstance(data, list) or not data or not isinstance(data[0], dict):
        return False
    own = set(rules()["syrian_archive"]["required"]) - {"id", "lat", "lon"}
    return bool(own & data[0].keys())


def is_ocha_table(columns: Iterable[str]) -> bool:
    """A header with at least one admin P-code column and one name column."""
    found = _columns(columns)
    return any(level in found["pcode"] for level in LEVELS) and any(
        level in found["name_en"] or level in found["name_ar"] for level in LEVELS)


def is_ocha_geojson(data: object) -> bool:
    """A FeatureCollection whose first feature has OCHA admin properties."""
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        return False
    features = data.get("features") or []
    if not features or not isinstance(features[0], dict):
        return False
    return is_ocha_table((features[0].get("properties") or {}).keys())


# --- the Syrian Archive's locations.json -----------------------------------------------

def read_syrian_archive(data: list, origin: str) -> Iterator[PlaceRecord]:
    """Records of the Syrian Archive's list; entries without a point are left out (they name
    nothing a map can show)."""
    required = rules()["syrian_archive"]["required"]
    for number, entry in enumerate(data):
        if not isinstance(entry, dict):
            raise BadInput(f"entry {number} is not an object", path=origin)
        missing = [key for key in required if key not in entry]
        if missing:
            raise BadInput(f"entry {number} lacks {', '.join(missing)}", path=origin,
                           field=missing[0])
        point = _point(entry.get("lat"), entry.get("lon"), origin, f"entry {number}")
        if point is None:
            continue
        yield _syrian_archive_record(entry, point)


def _syrian_archive_record(entry: dict, point: tuple[float, float]) -> PlaceRecord:
    english = _without_id(str(entry["search_name_en"]))
    arabic = _arabic_place(_without_id(str(entry["search_name_ar_short"])))
    code = str(entry["closest_geonames_post_code"] or "").strip()
    if str(entry["sa_loc_only"]).upper() == "TRUE":  # "ALEPPO : Akramiyah": SA's addition
        _, _, place = english.partition(" : ")
        place = place or english
        # (its governorate comes from the outline holding it: the list files places of Rural
        # Damascus under DAMASCUS)
        record = PlaceRecord(
            id=f"sa:{entry['id']}", source=SYRIAN_ARCHIVE, name=place.strip(),
            lat=point[0], lon=point[1], feature="neighbourhood", kind="sa-addition",
            country_code="SY")
        _set_parent_code(record, code)  # SA's code is the admin unit the place lies in
        record.names = _names([place.strip()], [arabic])
        return record
    parts = [p.strip() for p in english.split(" - ")]
    community = " - ".join(parts[:-2]) if len(parts) >= 3 else parts[0]
    subdistrict = parts[-2] if len(parts) >= 3 else None
    district = parts[-1] if len(parts) >= 2 else None
    own, alternates = community_names(community, [subdistrict, district])
    return PlaceRecord(
        id=f"sa:{entry['id']}", source=SYRIAN_ARCHIVE, name=own, lat=point[0], lon=point[1],
        feature="locality", kind="community", country_code="SY", admin2=district,
        admin3=subdistrict, pcode=code or None, names=_names([own, *alternates], [arabic]))


@lru_cache(maxsize=1)
def _id_suffix() -> re.Pattern:
    return re.compile(rules()["syrian_archive"]["id_suffix"])


def _without_id(text: str) -> str:
    return " ".join(_id_suffix().sub("", text).split())


def _arabic_place(text: str) -> str:
    """"مدينة حلب : الأكرمية" -> "الأكرمية": the place after its city."""
    return text.rsplit(":", 1)[-1].strip()


def _without_kind_word(arabic: str) -> str | None:
    """"قرية الجابرية" -> "الجابرية" (a leading Arabic kind word, ocha.json)."""
    words = arabic.split()
    if len(words) >= 2 and words[0] in rules()["syrian_archive"]["arabic_kind_words"]:
        return " ".join(words[1:])
    return None


def community_names(name: str, admin_names: list[str | None]) -> tuple[str, list[str]]:
    """A community's own name and its other names: "Tal Tawil (Afrin)" -> ("Tal Tawil", []),
    "Ghazawiyet Afrin" -> ("Ghazawiyet Afrin", ["Ghazawiyet"]) when Afrin is the row's
    sub-district or district (OCHA's way of telling same-named communities apart);
    "Mjeidel (Tal Ahmar)" -> ("Mjeidel", ["Tal Ahmar"]) when it is not; "Abin - Efrin" ->
    ("Abin - Efrin", ["Abin"]) in Afrin (the part naming its district, spelt otherwise, is
    no name of the place), "Kharab - Qizilkoy" -> (..., ["Kharab", "Qizilkoy"]): OCHA writes
    a community's two names (Arabic and Kurdish or Turkmen) so."""
    admins = {keys(a)[1] for a in admin_names if a}
    admin_skeletons = {keys(a)[2] for a in admin_names if a}
    alternates: list[str] = []
    inner = re.findall(r"\(([^)]+)\)", name)
    own = " ".join(re.sub(r"\([^)]*\)", " ", name).split()) or name
    alternates += [i.strip() for i in inner if keys(i)[1] not in admins]
    for separator in (" - ", "/"):
        if separator in own:
            first, *others = [p.strip() for p in own.split(separator)]
            alternates += [first] + [p for p in others
                                     if p and keys(p)[2] not in admin_skeletons]
    words = own.split()
    for size in (2, 1):  # "Ghazawiyet Afrin", "Mreimin Jebel Saman"
        if len(words) > size and keys(" ".join(words[-size:]))[1] in admins:
            alternates.append(" ".join(words[:-size]))
            break
    return own, list(dict.fromkeys(a for a in alternates if a and a != own))


def _names(latin: list[str], arabic: list[str]) -> list[tuple[str, str]]:
    """Latin names, each also with a glued article split ("Hamadi Elomr" -> "Hamadi El
    omr"); Arabic names, each also without a leading kind word."""
    out = []
    for name in latin:
        if name:
            out += [(name, "eng"), (split_glued_article(name), "eng")]
    for name in arabic:
        if name and is_arabic(name):
            out.append((name, "ara"))
            bare_name = _without_kind_word(name)
            if bare_name:
                out.append((bare_name, "ara"))
    return list(dict.fromkeys(out))


def _set_parent_code(record: PlaceRecord, code: str) -> None:
    level = pcode_level(code)
    if level in (1, 2, 3):
        setattr(record, f"admin{level}_pcode", code)


@lru_cache(maxsize=1)
def _pcode_patterns() -> list[tuple[int, re.Pattern]]:
    patterns = rules()["pcode_levels"]["patterns"]
    return [(int(level), re.compile(p)) for level, p in patterns.items()]


def pcode_level(code: str | None) -> int | None:
    """The admin level of a Syrian P-code ("SY0200" -> 2, "C1353" -> 4); None if unknown."""
    if not code:
        return None
    for level, pattern in _pcode_patterns():
        if pattern.match(code):
            return level
    return None


# --- OCHA tables (CSV) and GeoJSON ------------------------------------------------------

def read_ocha_csv(lines: Iterable[str], origin: str) -> Iterator[PlaceRecord]:
    """Rows of an OCHA P-code table; an HXL hashtag row under the header is skipped."""
    reader = csv.DictReader(lines)
    if not reader.fieldnames or not is_ocha_table(reader.fieldnames):
        raise BadInput("no OCHA P-code and name columns (ADM<n>_PCODE / admin<n>Pcode with "
                       "ADM<n>_EN / admin<n>Name_en)", path=origin, line=1)
    found = _columns(reader.fieldnames)
    for row in reader:
        if reader.line_num == 2 and any(str(v).startswith("#") for v in row.values() if v):
            continue  # the HXL hashtags under the header
        if None in row:
            raise BadInput("the row has more fields than the header", path=origin,
                           line=reader.line_num)
        point = _point(_first(row, found["latitude"]), _first(row, found["longitude"]),
                       origin, f"line {reader.line_num}", line=reader.line_num)
        record = _ocha_record(row, found, point, origin, reader.line_num)
        if record is not None:
            yield record


def read_ocha_geojson(data: dict, origin: str) -> Iterator[PlaceRecord]:
    """Features of an OCHA GeoJSON: a point's own coordinates, else the centroid of the
    largest polygon."""
    for number, feature in enumerate(data.get("features") or []):
        props = (feature or {}).get("properties") or {}
        found = _columns(props.keys())
        point = _point(_first(props, found["latitude"]), _first(props, found["longitude"]),
                       origin, f"feature {number}")
        geometry = (feature or {}).get("geometry") or {}
        if point is None and geometry.get("type") == "Point":
            lon, lat, *_ = geometry.get("coordinates") or [None, None]
            point = _point(lat, lon, origin, f"feature {number}")
        elif point is None:
            point = main_centroid(geometry)
        record = _ocha_record(props, found, point, origin, None, feature=number)
        if record is not None:
            yield record


@lru_cache(maxsize=1)
def _column_names() -> dict[str, dict[str, int]]:
    """Field -> {lower-case column name: level} (level -1 for coordinates)."""
    columns = rules()["columns"]
    out: dict[str, dict[str, int]] = {}
    for field in ("pcode", "name_en", "name_ar", "alternates"):
        out[field] = {template.format(n=n).lower(): n for template in columns[field]
                      for n in LEVELS}
    for field in ("latitude", "longitude"):
        out[field] = {name.lower(): -1 for name in columns[field]}
    return out


def _columns(names: Iterable[str]) -> dict[str, dict]:
    """The columns present, by field: level -> column name (coordinates: a list)."""
    known = _column_names()
    found: dict[str, dict | list] = {"pcode": {}, "name_en": {}, "name_ar": {},
                                     "alternates": {}, "latitude": [], "longitude": []}
    for name in names:
        low = str(name).strip().lower()
        for field, table in known.items():
            if low not in table:
                continue
            if field in ("latitude", "longitude"):
                found[field].append(name)
            elif field == "alternates":
                found[field].setdefault(table[low], []).append(name)
            else:
                found[field].setdefault(table[low], name)
    return found


def _first(row: dict, columns: list[str]):
    for column in columns:
        value = row.get(column)
        if value not in (None, ""):
            return value
    return None


def _text(row: dict, column: str | None) -> str | None:
    value = row.get(column) if column else None
    text = " ".join(str(value).split()) if value not in (None, "") else ""
    return text or None


def _ocha_record(row: dict, found: dict, point: tuple[float, float] | None, origin: str,
                 line: int | None, feature: int | None = None) -> PlaceRecord | None:
    """The row's own place: its deepest level with a P-code; None for a row with no P-code
    or no point (a table of codes without coordinates names nothing a map can show)."""
    levels = [n for n in LEVELS if _text(row, found["pcode"].get(n))]
    if not levels or point is None:
        return None
    level = max(levels)
    if level == 0:
        return None  # the country itself: every gazetteer has it
    spec = rules()["levels"].get(str(level))
    if spec is None:
        return None
    code = _text(row, found["pcode"][level])
    english = _text(row, found["name_en"].get(level))
    arabic = _text(row, found["name_ar"].get(level))
    if not english and not arabic:
        where = f"feature {feature}" if feature is not None else None
        raise BadInput(f"P-code {code} has no name{' (' + where + ')' if where else ''}",
                       path=origin, line=line, field=found["pcode"][level])
    admin = {n: _text(row, found["name_en"].get(n)) or _text(row, found["name_ar"].get(n))
             for n in (1, 2, 3)}
    own, alternates = community_names(english or arabic, [admin[3], admin[2]]) \
        if level >= 4 else (english or arabic, [])
    others = [_text(row, c) for c in found["alternates"].get(level, [])]
    latin = [own, *alternates, *(o for o in others if o and not is_arabic(o))]
    scripts = [arabic, *(o for o in others if o and is_arabic(o))]
    record = PlaceRecord(
        id=f"ocha:{code}", source=OCHA, name=own, lat=point[0], lon=point[1],
        feature=spec["feature"], kind=spec["kind"], country_code=_country(row, found, code),
        admin1=admin[1] if level > 1 else None, admin2=admin[2] if level > 2 else None,
        admin3=admin[3] if level > 3 else None, pcode=code, names=_names(latin, scripts))
    for n in (1, 2, 3):
        if n < level:
            setattr(record, f"admin{n}_pcode", _text(row, found["pcode"].get(n)))
    return record


def _country(row: dict, found: dict, code: str) -> str | None:
    """ISO alpha-2: the admin0 P-code ("SY"), else the letters a P-code starts with."""
    country = _text(row, found["pcode"].get(0))
    if country and len(country) == 2 and country.isalpha():
        return country.upper()
    return code[:2].upper() if code[:2].isalpha() and code[:2].isupper() else "SY"


def _point(lat, lon, origin: str, where: str,
           line: int | None = None) -> tuple[float, float] | None:
    """(lat, lon) as numbers; None when both are empty; bad input when not numbers or off
    the globe."""
    if lat in (None, "") and lon in (None, ""):
        return None
    try:
        point = float(lat), float(lon)
    except (TypeError, ValueError):
        raise BadInput(f"{where}: not a coordinate: {lat!r}, {lon!r}", path=origin, line=line,
                       field="lat/lon") from None
    if not (-90 <= point[0] <= 90 and -180 <= point[1] <= 180):
        raise BadInput(f"{where}: coordinate off the globe: {lat}, {lon}", path=origin,
                       line=line, field="lat/lon")
    return point


def read_json_file(text: str, origin: str) -> object:
    try:
        return json.loads(text)
    except ValueError as exc:
        raise BadInput(f"not valid JSON: {exc}", path=origin) from exc


def csv_lines(data: bytes, origin: str) -> io.StringIO:
    """The text of a CSV file (UTF-8, with or without a byte-order mark)."""
    try:
        return io.StringIO(data.decode("utf-8-sig"), newline="")
    except UnicodeDecodeError as exc:
        raise BadInput("not UTF-8 text", path=origin,
                       line=data.count(b"\n", 0, exc.start) + 1) from exc
