"""Fixtures of the Arabic extraction tests: a small gazetteer of invented villages with Arabic
and English names (two villages share a name in two governorates), imported into a test home,
and one Arabic extractor per session reading through it and the shipped actor registry."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.gazetteer_fixtures import SQUARE, _wof, write_wof_tar
from tawthiq.settings import Settings, use_settings


def _region(wid, name, arabic, lat, lon):
    return _wof(wid, name, "region", lat, lon, region=wid,
                names={"eng_x_preferred": [name], "ara_x_preferred": [arabic]},
                geometry=SQUARE(lon - 0.4, lat - 0.4, lon + 0.4, lat + 0.4))


def _town(wid, name, arabic, lat, lon, region, placetype="locality", population=None):
    extra = {"wof:population": population} if population else {}
    return _wof(wid, name, placetype, lat, lon, region=region,
                names={"eng_x_preferred": [name], "ara_x_preferred": [arabic]}, **extra)


RECORDS = [
    _wof(900, "Syria", "country", 35.0, 38.5, names={"eng_x_preferred": ["Syria"],
                                                     "ara_x_preferred": ["سوريا"]}),
    _region(801, "Idlib", "إدلب", 35.8, 36.6),
    _region(802, "Hamah", "حماة", 35.2, 36.9),
    _region(803, "Aleppo", "حلب", 36.3, 37.3),
    _region(804, "Lattakia", "اللاذقية", 35.6, 35.9),
    _region(805, "Dar`a", "درعا", 32.8, 36.1),
    _region(806, "Dayr Az Zawr", "دير الزور", 35.2, 40.2),
    _region(807, "Rif Dimashq", "ريف دمشق", 33.6, 36.6),
    _region(808, "Homs (Hims)", "حمص", 34.7, 37.3),
    _region(809, "Damascus", "دمشق", 33.51, 36.29),
    _town(811, "Idlib", "إدلب", 35.93, 36.63, 801, population=165000),
    _town(812, "Kafr Salem", "كفر سالم", 35.62, 36.55, 801),
    _town(813, "Maarat al-Safa", "معرة الصفا", 35.70, 36.70, 801),
    _town(821, "Kafr Salem", "كفر سالم", 35.35, 36.75, 802),   # a twin in Hama
    _town(822, "Khirbet al-Nahr", "خربة النهر", 35.30, 36.95, 802),
    _town(823, "Hama", "حماة", 35.13, 36.75, 802, population=700000),
    _town(831, "Aleppo", "حلب", 36.20, 37.15, 803, population=2000000),
    _town(832, "Tell al-Ward", "تل الورد", 36.30, 37.60, 803),
    _town(833, "Al Rawda", "الروضة", 36.21, 37.13, 803, placetype="neighbourhood"),
    _town(841, "Ain al-Zeitoun", "عين الزيتون", 35.75, 35.95, 804),
    _town(851, "Al Mzeiraa", "المزيرعة", 32.75, 35.95, 805),
    _town(861, "Deir al-Burj", "دير البرج", 35.10, 40.40, 806),
    _town(871, "Beit Naim", "بيت نعيم", 33.55, 36.45, 807),
    _town(881, "As Sindiyana", "السنديانة", 34.85, 36.75, 808),
    _town(891, "Damascus", "دمشق", 33.51, 36.29, 809, population=1700000),
]


@pytest.fixture(scope="session")
def contract_problems():
    """The schema problems of one output line (the contract's extract.schema.json)."""
    import json

    import jsonschema
    from tests.conftest import require_file

    from tawthiq.settings import PROJECT_ROOT

    schema_path = PROJECT_ROOT.parent / "shared" / "contract" / "extract.schema.json"
    schema = json.loads(require_file(schema_path).read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)

    def problems(line: dict) -> list[str]:
        return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(line)]

    return problems


@pytest.fixture(scope="session")
def arabic_home(tmp_path_factory) -> Path:
    from tawthiq.geo.importer import import_gazetteer

    home = tmp_path_factory.mktemp("arabic-home")
    source = tmp_path_factory.mktemp("arabic-src")
    use_settings(Settings(home=home))
    try:
        import_gazetteer(write_wof_tar(source / "wof.tar.gz", RECORDS))
    finally:
        use_settings(None)
    return home


@pytest.fixture(scope="session")
def arabic_geocoder(arabic_home):
    from tawthiq.geo.service import Geocoder

    return Geocoder(arabic_home / "gazetteer.sqlite", None)


@pytest.fixture(scope="session")
def arabic_extractor(arabic_geocoder):
    from tawthiq.actors import get_registry
    from tawthiq.extract.ar.pipeline import ArabicExtractor, Tools

    return ArabicExtractor(tools=Tools(geocoder=arabic_geocoder, registry=get_registry()))


@pytest.fixture(scope="session")
def extract_ar(arabic_extractor):
    """Extract one Arabic text (published date optional)."""
    from tawthiq.ingest.documents import make_document

    def run(text: str, published=None, doc_id: str = "t", source: str | None = None):
        document = make_document(doc_id, text, published=published, source=source)
        assert document.language == "ar"
        return arabic_extractor.extract(document)

    return run
