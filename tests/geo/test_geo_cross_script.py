"""A Latin query and a place's Arabic name of one consonant skeleton (invented names)."""

from __future__ import annotations

from tawthiq.geo.candidates import make_query
from tawthiq.geo.names import keys
from tawthiq.geo.similarity import name_row, score_names
from tawthiq.geo.weights import W


def _name_rows(place_id: str, *names: str) -> list[tuple]:
    return [name_row((place_id, name, *keys(name), "SY")) for name in names]


def test_an_arabic_name_is_no_second_witness_beside_a_latin_name_of_one_skeleton():
    """"Al Dabari" (skeleton d-b-r) meets Dubra by its Latin name, spelt unlike it, and by its
    Arabic name دبرة: in an imported gazetteer the Latin spelling decides; a place known
    only by its Arabic name keeps the cross-script reading; the worldwide index is as was."""
    rows = _name_rows("dubra", "Dubra", "دبرة") + _name_rows("only-arabic", "دبري")
    passes = [([], True), ([], True), (rows, True)]
    query = make_query("Al Dabari")
    imported = score_names(query, "SY", passes, latin_first=True)
    assert imported["only-arabic"] == W.cross_script_same_skeleton
    assert imported["dubra"] < W.cross_script_same_skeleton
    worldwide = score_names(query, "SY", passes)
    assert worldwide["dubra"] == W.cross_script_same_skeleton
