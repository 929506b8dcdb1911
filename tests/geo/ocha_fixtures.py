"""Small OCHA-shaped community lists written by the tests (invented P-codes, points near the
villages of gazetteer_fixtures.py, names spelt the OCHA way): the Syrian Archive's
locations.json layout, OCHA's CSV in both column conventions, and an OCHA GeoJSON."""

from __future__ import annotations

import csv
import json
from pathlib import Path

SYRIAN_ARCHIVE = [
    # the WOF fixture's Tayr Ma`lah (wof:911), spelt the OCHA way, 150 m away
    {"id": 0, "search_name_en": "Teir Maaleh - Taldu Nord - Homs --- (((0)))",
     "search_name_ar_short": "تير معلة (((0)))",
     "search_name_ar": "تير معلة - تلدو الشمالية - حمص --- (((0)))",
     "closest_geonames_post_code": "C9001", "old_sa_name": "", "lat": 34.8036,
     "lon": 36.7081, "sa_loc_only": "FALSE"},
    # Kafr Nubudah (wof:915) with the district written after the name, OCHA's way of
    # telling same-named communities apart
    {"id": 1, "search_name_en": "Kafr Nboudeh Hama - Kafr Hud - Hama --- (((1)))",
     "search_name_ar_short": "كفرنبودة (((1)))",
     "search_name_ar": "كفرنبودة - كفرهود - حماة --- (((1)))",
     "closest_geonames_post_code": "C9002", "old_sa_name": "", "lat": 35.4112,
     "lon": 36.5131, "sa_loc_only": "FALSE"},
    # a hamlet no other gazetteer has, with a disambiguating sub-district in parentheses
    {"id": 2, "search_name_en": "Zahret Elward (Taldu Nord) - Taldu Nord - Homs --- (((2)))",
     "search_name_ar_short": "زهرة الورد (((2)))",
     "search_name_ar": "زهرة الورد - تلدو الشمالية - حمص --- (((2)))",
     "closest_geonames_post_code": "C9003", "old_sa_name": "", "lat": 34.8502,
     "lon": 36.6603, "sa_loc_only": "FALSE"},
    # the Syrian Archive's own addition: a roundabout in Homs city
    {"id": 3, "search_name_en": "HOMS : Qalaa roundabout --- (((3)))",
     "search_name_ar_short": "مدينة حمص : دوار القلعة (((3)))",
     "search_name_ar": "حمص : دوار القلعة --- (((3)))",
     "closest_geonames_post_code": "SY040100", "old_sa_name": "حمص : دوار القلعة",
     "lat": 34.7301, "lon": 36.7188, "sa_loc_only": "TRUE"},
    # an addition without a point: left out
    {"id": 4, "search_name_en": "HOMS : Nowhere Street --- (((4)))",
     "search_name_ar_short": "حمص : شارع (((4)))", "search_name_ar": "حمص : شارع --- (((4)))",
     "closest_geonames_post_code": "SY040100", "old_sa_name": "", "lat": "", "lon": "",
     "sa_loc_only": "TRUE"},
]


def write_syrian_archive(path: Path, entries: list[dict] | None = None) -> Path:
    path.write_text(json.dumps(SYRIAN_ARCHIVE if entries is None else entries,
                               ensure_ascii=False, indent=1), "utf-8")
    return path


COD_HEADER = ["ADM0_EN", "ADM0_PCODE", "ADM1_EN", "ADM1_AR", "ADM1_PCODE", "ADM2_EN",
              "ADM2_AR", "ADM2_PCODE", "ADM3_EN", "ADM3_AR", "ADM3_PCODE", "ADM4_EN",
              "ADM4_AR", "ADM4_PCODE", "ADM4ALT1EN", "Latitude", "Longitude"]
COD_ROWS = [
    ["Syria", "SY", "Homs", "حمص", "SY04", "Homs", "حمص", "SY0400", "Taldu Nord",
     "تلدو الشمالية", "SY040002", "Teir Maaleh", "تير معلة", "C9001", "Ter Maala", "34.8036",
     "36.7081"],
    ["Syria", "SY", "Hama", "حماة", "SY05", "Hama", "حماة", "SY0500", "Kafr Hud", "كفرهود",
     "SY050003", "Oum Sharshouh", "ام شرشوح", "C9004", "", "35.2001", "36.8102"],
]


def write_ocha_csv(path: Path, header: list[str] | None = None,
                   rows: list[list[str]] | None = None) -> Path:
    """OCHA's COD layout (``ADM<n>_EN``, ``ADM<n>_PCODE``)."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header or COD_HEADER)
        writer.writerows(COD_ROWS if rows is None else rows)
    return path


HXL_HEADER = ["admin1Name_en", "admin1Name_ar", "admin1Pcode", "admin2Name_en", "admin2Pcode",
              "admin3Name_en", "admin3Pcode", "admin4Name_en", "admin4Name_ar", "admin4Pcode",
              "latitude", "longitude"]
HXL_TAGS = ["#adm1+name", "#adm1+name+i_ar", "#adm1+code", "#adm2+name", "#adm2+code",
            "#adm3+name", "#adm3+code", "#loc+name", "#loc+name+i_ar", "#loc+code",
            "#geo+lat", "#geo+lon"]
HXL_ROWS = [
    ["Hama", "حماة", "SY05", "Hama", "SY0500", "Kafr Hud", "SY050003", "Oum Sharshouh",
     "ام شرشوح", "C9004", "35.2001", "36.8102"],
    # a sub-district on its own row: the deepest P-code is its admin3 code
    ["Hama", "حماة", "SY05", "Hama", "SY0500", "Kafr Hud", "SY050003", "", "", "", "35.25",
     "36.75"],
]


def write_hxl_csv(path: Path) -> Path:
    """The HXL/iTOS P-code list layout (``admin<n>Name_en``, ``admin<n>Pcode``, a row of
    hashtags under the header)."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerows([HXL_HEADER, HXL_TAGS, *HXL_ROWS])
    return path


def write_ocha_geojson(path: Path) -> Path:
    """Two communities, one a point, one a small built-up-area polygon."""
    props = [{"ADM1_EN": "Homs", "ADM1_PCODE": "SY04", "ADM2_EN": "Homs", "ADM2_PCODE": "SY0400",
              "ADM3_EN": "Taldu Nord", "ADM3_PCODE": "SY040002", "ADM4_EN": "Teir Maaleh",
              "ADM4_AR": "تير معلة", "ADM4_PCODE": "C9001"},
             {"ADM1_EN": "Homs", "ADM1_PCODE": "SY04", "ADM2_EN": "Homs", "ADM2_PCODE": "SY0400",
              "ADM3_EN": "Taldu Nord", "ADM3_PCODE": "SY040002", "ADM4_EN": "Zahret Elward",
              "ADM4_AR": "زهرة الورد", "ADM4_PCODE": "C9003"}]
    geometries = [{"type": "Point", "coordinates": [36.7081, 34.8036]},
                  {"type": "Polygon", "coordinates": [[[36.655, 34.845], [36.665, 34.845],
                                                       [36.665, 34.855], [36.655, 34.855],
                                                       [36.655, 34.845]]]}]
    features = [{"type": "Feature", "properties": p, "geometry": g}
                for p, g in zip(props, geometries, strict=True)]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features},
                               ensure_ascii=False), "utf-8")
    return path
