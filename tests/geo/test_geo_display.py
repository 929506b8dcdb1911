"""The Arabic name shown beside a place's English name (issue #13 item 8)."""

from __future__ import annotations

from tawthiq.geo.display import arabic_name
from tawthiq.geo.store import connect
from tawthiq.settings import Settings


def gazetteer(settings: Settings, names: list[tuple[str, str, str]]) -> None:
    conn = connect(settings.gazetteer_path)
    conn.executemany("INSERT INTO names (place_id, name, lang, fold, bare, skel, block) "
                     "VALUES (?, ?, ?, '', '', '', '')", names)
    conn.commit()
    conn.close()


def test_a_tagged_arabic_name_first_then_an_untagged_one_never_persian(tmp_path):
    settings = Settings(home=tmp_path)
    gazetteer(settings, [
        ("geonames:1", "Halab", "und"), ("geonames:1", "محافظة حلب", "ara"),
        ("geonames:1", "حلب", "und"),
        ("geonames:2", "Halab", "und"), ("geonames:2", "حلب", "und"),
        ("geonames:2", "محافظة حلب الكبرى", "und"),
        ("geonames:3", "Tehran", "eng"), ("geonames:3", "تهران", "fas"),
    ])
    assert arabic_name("geonames:1", settings) == "محافظة حلب"
    assert arabic_name("geonames:2", settings) == "حلب"
    assert arabic_name("geonames:3", settings) is None
    assert arabic_name("geonames:4", settings) is None
    assert arabic_name(None, settings) is None


def test_an_untagged_name_in_persian_spelling_is_not_taken_for_arabic(tmp_path):
    settings = Settings(home=tmp_path)
    gazetteer(settings, [("geonames:5", "دیرالزور", "und"), ("geonames:5", "دير الزور", "und"),
                         ("geonames:6", "دیرالزور", "und")])
    assert arabic_name("geonames:5", settings) == "دير الزور"
    assert arabic_name("geonames:6", settings) is None
