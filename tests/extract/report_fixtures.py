"""A small gazetteer of the Syrian coast and centre for the extraction tests on whole reports
(real place names, invented record ids, rounded coordinates), with namesake villages in other
governorates where reports trip (Al Bayda, Al Qusayr), and the reports written for these tests
(``fixtures/reports``: docs.jsonl and gold.jsonl in the reports-dev format)."""

from __future__ import annotations

from pathlib import Path

from geo.gazetteer_fixtures import SQUARE, WORLD_SOURCES, _wof, write_wof_tar

REPORTS = Path(__file__).parent / "fixtures" / "reports"
LATAKIA, TARTUS, HAMA, HOMS, IDLIB, ALEPPO, DAMASCUS, RIF = range(1001, 1009)

RECORDS = [
    _wof(900, "Syria", "country", 35.0, 38.5, names={"eng_x_preferred": ["Syria"]}),
    _wof(LATAKIA, "Lattakia", "region", 35.6, 36.0, region=LATAKIA,
         names={"eng_x_variant": ["Latakia"]}, geometry=SQUARE(35.7, 35.35, 36.3, 36.0)),
    _wof(TARTUS, "Tartus", "region", 34.95, 36.0, region=TARTUS,
         geometry=SQUARE(35.8, 34.6, 36.3, 35.35)),
    _wof(HAMA, "Hamah", "region", 35.2, 36.9, region=HAMA, names={"eng_x_variant": ["Hama"]},
         geometry=SQUARE(36.3, 34.9, 37.6, 35.6)),
    _wof(HOMS, "Homs (Hims)", "region", 34.5, 37.4, region=HOMS,
         geometry=SQUARE(36.3, 33.9, 38.6, 34.9)),
    _wof(IDLIB, "Idlib", "region", 35.8, 36.6, region=IDLIB,
         geometry=SQUARE(36.3, 35.6, 36.9, 36.3)),
    _wof(ALEPPO, "Aleppo", "region", 36.2, 37.4, region=ALEPPO,
         geometry=SQUARE(36.9, 35.8, 38.5, 36.8)),
    _wof(DAMASCUS, "Damascus", "region", 33.51, 36.29, region=DAMASCUS,
         geometry=SQUARE(36.22, 33.45, 36.35, 33.56)),
    _wof(RIF, "Rif Dimashq", "region", 33.6, 36.6, region=RIF,
         geometry=SQUARE(36.35, 33.0, 37.5, 33.9)),
    _wof(1101, "Baniyas", "locality", 35.1819, 35.9487, region=TARTUS,
         names={"eng_x_variant": ["Banias", "Banyas"]}, **{"wof:population": 45000}),
    _wof(1102, "Jablah", "locality", 35.3614, 35.9256, region=LATAKIA,
         names={"eng_x_variant": ["Jableh"]}, **{"wof:population": 65000}),
    _wof(1103, "Latakia", "locality", 35.5167, 35.7833, region=LATAKIA,
         **{"wof:population": 380000}),
    _wof(1104, "Tartus", "locality", 34.889, 35.886, region=TARTUS, **{"wof:population": 115000}),
    _wof(1105, "Al Bayda", "locality", 35.1247, 35.9482, region=TARTUS),
    _wof(1106, "Al Bayda", "locality", 34.5124, 37.9573, region=HOMS),
    _wof(1107, "Mukhtariyah", "locality", 35.5816, 35.9378, region=LATAKIA),
    _wof(1108, "Snobar", "locality", 35.3300, 35.9550, region=LATAKIA,
         names={"eng_x_variant": ["Al Sanobar"]}),
    _wof(1109, "Hama", "locality", 35.1318, 36.7578, region=HAMA, **{"wof:population": 700000}),
    _wof(1110, "Homs", "locality", 34.7268, 36.7234, region=HOMS, **{"wof:population": 775000}),
    _wof(1111, "Tremseh", "locality", 35.2718, 36.5040, region=HAMA),
    _wof(1112, "`Aqrab", "locality", 34.9368, 36.4572, region=HAMA),
    _wof(1113, "Halfaya", "locality", 35.2603, 36.6056, region=HAMA),
    _wof(1114, "Taybat al Imam", "locality", 35.2647, 36.7117, region=HAMA),
    _wof(1115, "Ariha", "locality", 35.8137, 36.6096, region=IDLIB),
    _wof(1116, "Sarmin", "locality", 35.9040, 36.7250, region=IDLIB),
    _wof(1117, "Idlib", "locality", 35.9306, 36.6339, region=IDLIB, **{"wof:population": 165000}),
    _wof(1118, "Aleppo", "locality", 36.2021, 37.1343, region=ALEPPO,
         **{"wof:population": 1800000}),
    _wof(1119, "Damascus", "locality", 33.5138, 36.2765, region=DAMASCUS,
         **{"wof:population": 1700000}),
    _wof(1120, "Douma", "locality", 33.5718, 36.4027, region=RIF),
    _wof(1121, "Al Qusayr", "locality", 34.5091, 36.5798, region=HOMS),
]


def build_report_home(home: Path, source: Path) -> Path:
    """A TAWTHIQ_HOME with this gazetteer imported and the geo tests' tiny worldwide index."""
    from tawthiq.geo.importer import import_gazetteer
    from tawthiq.geo.world import ensure_world
    from tawthiq.settings import Settings, use_settings

    use_settings(Settings(home=home))
    try:
        import_gazetteer(write_wof_tar(source / "coast.tar.gz", RECORDS))
        ensure_world(home, WORLD_SOURCES)
    finally:
        use_settings(None)
    return home
