"""The fast paths of matching and geocoding give what the plain ones give: the whole-name
skeleton pass against a word-by-word reference, the ASCII fold against the Unicode one, the
feature-word pre-test against the patterns alone, batch geocoding against one name at a time,
and key look-ups served from covering indexes."""

from __future__ import annotations

import re
import sqlite3

import pytest

from tawthiq.geo import names
from tawthiq.geo.features import _feature_word_re, split_feature_word
from tawthiq.geo.store import SCHEMA

# invented names and spellings, chosen for the rules they exercise
NAMES = [
    "Tall Tchoukkah", "Kafr Dibbeh", "Ain Ghazzal", "Shaykh Khoddour", "Zahret Ardh",
    "Dhahr al Qusseir", "Bab Tchaarat", "Kilo 11", "Qarya 44 Jadida", "Ouyoun el Thaalab",
    "Beit Jinn el Kabireh", "Mazraat Beit Jann", "Tell Abiadiyeh", "Ckhourra", "Ph Deir",
    "Iyyah", "Ah", "Umm Shershouh", "Sfireh", "Al Lajat", "el", "Tall ed Dhahab",
]


def _reference_skeleton(bare_name: str) -> str:
    """The word-by-word skeleton, written as plainly as the rules read."""
    rules = names.rules()
    digraphs = sorted(rules["latin_digraphs"], key=lambda pair: -len(pair[0]))
    digraph_re = re.compile("|".join(re.escape(a) for a, _ in digraphs))
    table = dict(digraphs)
    letters = str.maketrans(rules["latin_letters"])
    out = []
    for word in bare_name.split():
        for ending, replacement in rules["latin_endings"]:
            if word.endswith(ending) and len(word) > len(ending) + 1:
                word = word[: -len(ending)] + replacement
                break
        word = re.sub(r"([a-z])\1+", r"\1", word)
        word = digraph_re.sub(lambda m: table[m.group(0)], word)
        word = re.sub(r"([a-z])\1+", r"\1", word)
        out.append(word.translate(letters))
    return "".join(out)


@pytest.mark.parametrize("name", NAMES)
def test_whole_name_skeleton_equals_word_by_word(name):
    bared = names.bare(names.fold(name))
    assert names.skeleton_of_bare(bared) == _reference_skeleton(bared)


def test_doubled_digits_are_not_collapsed():
    assert names.skeleton("Kilo 11") != names.skeleton("Kilo 1")


@pytest.mark.parametrize("ascii_name,marked", [
    ("Ma'arrat Tall", "Maʼarrat Tall"), ("Sa`ad", "Saʿad"), ("BAB AL-HAWA", "BĀB AL-HAWA"),
])
def test_ascii_fold_matches_the_unicode_fold(ascii_name, marked):
    assert names.fold(ascii_name) == names.fold(marked)


def _patterns_only(name: str) -> tuple[str, str | None]:
    text = " ".join(name.split()).strip(" ,.;:")
    after, before = _feature_word_re()
    found = None
    for _ in range(2):
        for pattern in (before, after):
            match = pattern.match(text)
            if match and match.group("core").strip():
                text = match.group("core").strip(" ,")
                found = found or match.group("word").lower()
                break
        else:
            break
    return text, found


@pytest.mark.parametrize("name", [
    "Kafr Dibbeh village", "Kafr Dibbeh VILLAGE.", "the Town of Sfireh", "Sfireh, town",
    "Tall Tchoukkah military airbase", "Ain Ghazzal", "Villageton", "Ain Ghazzal villages",
    "Mazraat Beit Jann Dam Reservoir", "Zahret Ardh camp", "Qarya de la Town", "Sfirehcity",
    "قرية عين غزال", "Bab Tchaarat ville", "Kilo 11 hill.", "Sfireh , , air base.",
    "Ain Ghazzal Village Town", "Tall Hawash,village", "Camp", "Base base", "Sfireh.village",
    "The Village of Kafr Dibbeh farm", "Zahret refugee camp", "Zahret  Ardh\tcamp",
])
def test_feature_word_pretest_changes_nothing(name):
    assert split_feature_word(name) == _patterns_only(name)


def test_batch_equals_one_name_at_a_time(geocoder):
    requests = ["Teir Maaleh", {"name": "Teir Maaleh", "admin1": "Hama province", "id": 7},
                {"name": "Kafr Nabl", "country": "SY"}, "Paris", "Xyzzyville", "Teir Maaleh",
                {"name": "تير معلة", "admin1": "حماة", "admin2": None}]
    batch = geocoder.geocode_many(requests)
    assert [r.name for r in batch] == [r if isinstance(r, str) else r["name"] for r in requests]
    for request, result in zip(requests, batch, strict=True):
        item = {"name": request} if isinstance(request, str) else request
        one = geocoder.geocode(item["name"], country=item.get("country"),
                               admin1=item.get("admin1"))
        assert result.match == one.match and result.alternatives == one.alternatives
    assert batch[1].id == "7" and batch[0].id is None
    assert batch[0] is not batch[5]           # a repeated request gets its own result
    assert batch[0].match is not batch[5].match and batch[0].match == batch[5].match
    assert batch[0].alternatives is not batch[5].alternatives


def test_batch_resolves_each_distinct_request_once(geocoder):
    geocoder._cached.cache_clear()
    geocoder.geocode_many(["Homs", "Homs", {"name": "Homs"}, "Hama", "Homs"])
    assert geocoder._cached.cache_info().misses == 2


@pytest.mark.parametrize("column", ["fold", "bare", "skel"])
def test_key_lookups_read_the_covering_index_in_key_then_row_order(column):
    conn = sqlite3.connect(":memory:")
    conn.executescript(SCHEMA)
    rows = [(f"p{i % 3}", f"Name {i}", "und", "k" if i % 2 else "j", "k", "k", "k", "SY")
            for i in range(12)]
    conn.executemany("INSERT INTO names VALUES (?,?,?,?,?,?,?,?)", rows)
    sql = (f"SELECT place_id, name, fold, bare, skel, country_code FROM names "
           f"WHERE {column} = ? AND +country_code = ?")
    plan = " ".join(str(r) for r in conn.execute("EXPLAIN QUERY PLAN " + sql, ("k", "SY")))
    assert "COVERING INDEX" in plan
    got = conn.execute(sql, ("k", "SY")).fetchall()
    assert [(r[0], r[1]) for r in got] == sorted((r[0], r[1]) for r in rows
                                                 if r[{"fold": 3, "bare": 4, "skel": 5}[column]]
                                                 == "k")


def test_imported_places_are_preloaded_with_the_rows_sqlite_gives(geocoder):
    conn = next(c for c, imported in geocoder.index.dbs if imported)
    geocoder.index.memory_index(conn)
    ids = ["wof:911", "wof:nope", "wof:910"]
    rows = geocoder.index.places(conn, ids)
    expected = {r["id"]: dict(r) for r in conn.execute("SELECT * FROM places WHERE id IN "
                                                        "('wof:911', 'wof:910')")}
    assert [r["id"] for r in rows] == ["wof:911", "wof:910"]
    columns = [{k: v for k, v in r.items() if k in expected[r["id"]]} for r in rows]
    assert columns == [expected["wof:911"], expected["wof:910"]]
    assert rows[0]["same_as"] == ["geonames:162040"]   # its other ids, worked out once
