"""The faster forms of name matching and ranking give what the plain forms give: the ASCII
fold against the regular-expression fold, the trailing feature word found by its separators
against the pattern, skeletons joined word by word against one pass over the name, the name
scoring of key look-ups against a plain loop over every row, and a place's remembered facts
against the row they come from. All names are invented."""

from __future__ import annotations

import re

import pytest

from tawthiq.geo import names
from tawthiq.geo.admin import admin_key
from tawthiq.geo.candidates import Query, place_facts
from tawthiq.geo.features import _trailing_word_ascii, trailing_feature_word_re
from tawthiq.geo.similarity import score_names

SPELLINGS = [
    "Kafr Dibbeh", "KAFR_DIBBEH", "Ma'arrat  Tall", "Sa`ad-Abad", "Tall (Tchoukkah)",
    "Ain Ghazzal, Qarya 44", "Beit#Jinn/el Kabireh", "  Zahret\tArdh  ", "Dhahr--al--Qusseir",
    "Ouyoun.el.Thaalab", "", "___", "x\x1fy", "Ckhourra!", "Tell Abiadiyeh?!",
]


def _regex_fold(name: str) -> str:
    """The ASCII fold as the rules read: marks dropped, lowered, non-word runs and spaces
    made single spaces."""
    text = name.replace("'", "").replace("`", "").lower()
    text = re.sub(r"[^\w\s]+", " ", text.replace("_", " "))
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize("name", SPELLINGS)
def test_ascii_fold_equals_the_regular_expression_fold(name):
    assert names.fold(name) == _regex_fold(name)


@pytest.mark.parametrize("text", [
    "Kafr Dibbeh village", "Kafr Dibbeh VILLAGE.", "Sfireh, town", "Sfireh , ,air base",
    "Tall Tchoukkah military airbase", "Villageton", "Camp", "Base base", "Sfireh.village",
    "Zahret refugee camp", "Zahret camp x", "Ain Ghazzal village town", "A dam.", "A, dam",
    "Kilo 11 hill.", "village", "X border crossing.", "Bab Tchaarat ville",
])
def test_trailing_word_by_separators_equals_the_pattern(text):
    match = trailing_feature_word_re().match(text)
    expected = (match.group("core"), match.group("word")) if match else None
    assert _trailing_word_ascii(text) == expected


@pytest.mark.parametrize("name", ["Tall Tchoukkah", "Kafr Dibbeh Shaykh Khoddour",
                                  "Bab Tchaarat Bab", "Qarya 44 Jadida", "Ss Ss", "Ah Ha"])
def test_skeleton_joined_word_by_word_equals_one_pass(name):
    words = names.bare(names.fold(name)).split()
    assert names._latin_skeleton(words) == names._latin_skeleton_of(words)


def _row(place_id: str, name: str, country: str = "SY") -> tuple:
    folded, bared, skel = names.keys(name)
    arabic = names.is_arabic(name)
    upper = name.replace(".", "") if name.isupper() else None
    return (place_id, name, folded, bared, skel, country, arabic, upper, len(bared.split()))


def _plain_scores(query: Query, country: str | None, rows: list[tuple]) -> dict[str, float]:
    """Every row scored, the best per place kept, in the order places are met."""
    from rapidfuzz.fuzz import ratio

    scored: dict[str, float] = {}
    for place_id, _, nfold, nbare, _, cc, arabic, upper, words in rows:
        if country and cc != country:
            continue
        if nfold == query.fold:
            similarity = 1.0
        elif nbare == query.bare:
            similarity = 0.97
        elif query.arabic != arabic:
            similarity = 0.9
        else:
            penalty = 0.03 if words != len(query.bare.split()) else 0.0
            similarity = 0.8 + 0.15 * ratio(query.bare, nbare) / 100 - penalty
        if upper is not None and upper != query.text.replace(".", "").strip():
            similarity *= 0.8
        scored[place_id] = max(similarity, scored.get(place_id, 0.0))
    return {place_id: scored[place_id] for place_id in dict.fromkeys(r[0] for r in rows)
            if place_id in scored}


@pytest.mark.parametrize("complete", [True, False])
def test_name_scoring_skips_only_rows_already_scored(complete):
    rows = [_row("p1", "Kafr Dibbeh"), _row("p2", "Kafr Dibbe"), _row("p2", "Al Kafr Dibbeh"),
            _row("p3", "Kufr Dibba"), _row("p4", "KAFR DIBBEH"), _row("p5", "Kafr Dibbeh", "LB"),
            _row("p6", "Kafr el Dibbeh"), _row("p1", "Kafr Dibbe")]
    query = Query(text="Kafr Dibbeh", fold="kafr dibbeh", bare="kafr dibbeh",
                   skel=names.keys("Kafr Dibbeh")[2], arabic=False)
    by_key = [[r for r in rows if r[2] == query.fold], [r for r in rows if r[3] == query.bare],
              [r for r in rows if r[4] == query.skel]]
    passes = [(found, complete) for found in by_key]
    got = score_names(query, "SY", passes)
    assert got == _plain_scores(query, "SY", [r for found in by_key for r in found])
    assert list(got) == list(_plain_scores(query, "SY", [r for found in by_key for r in found]))
    assert got["p4"] == pytest.approx(0.8) and "p5" not in got


def test_place_facts_read_the_row_and_work_out_region_keys_when_asked():
    row = {"name": "Tall Tchoukkah", "feature": "locality", "kind": "PPL", "current": 0,
           "source": "wof", "admin1": "Hamah Governorate", "admin2": "", "country_code": "SY"}
    facts = place_facts(row)
    assert (facts.own_bares, facts.own_skels) == tuple(
        frozenset([k]) for k in names.keys("Tall Tchoukkah")[1:])
    assert facts.prior == 0.02 and facts.not_current == 0.03 and not facts.landmark
    assert facts.has_admin1 and facts.admin1_key == admin_key("Hamah Governorate")
    assert not facts.has_admin2 and facts.admin2_key is None and facts.name_key is None
    region = place_facts({**row, "name": "Hama Governorate", "feature": "region"})
    assert region.name_key == admin_key("Hama Governorate")
    assert place_facts({"feature": "locality"}).own_bares == frozenset()  # a partial row
