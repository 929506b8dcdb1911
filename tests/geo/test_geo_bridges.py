"""Spelling bridges between OCHA-style and GeoNames-style transliterations, and Arabic-script
readings (data/geo/bridges.json). All names are invented."""

from __future__ import annotations

import pytest

from tawthiq.geo.candidates import make_query
from tawthiq.geo.features import arabic_readings, feature_of_word
from tawthiq.geo.names import _bridge_rules, bridge, keys
from tawthiq.geo.similarity import name_similarity
from tawthiq.geo.weights import W


def _bridge(name: str) -> str:
    return bridge(keys(name)[1])


@pytest.mark.parametrize("ocha, geonames", [
    ("Tal Zaroubeh", "Tall Zarubah"),              # Tal/Tall, ou/u, -eh/-ah
    ("El Tell Zaroubeh", "Tall Zarubah"),          # El/Al (an article goes)
    ("Oum Kharaseh", "Umm Kharasah"),              # Oum/Umm
    ("Jebel Nasreen", "Jabal Nasrin"),             # Jebel/Jabal, ee/i
    ("Kherbet Dalleh", "Khirbat Dallah"),          # Kherbet/Khirbat, doubled letters
    ("Qaddousiyeh", "Qadusiyah"),                  # doubled letters, ou/u, the nisba ending
    ("Sheikh Zeitoun", "Shaykh Zaytun"),           # Sheikh/Shaykh, ei/ay, ou/u
    ("Deir Samoul", "Dayr Samul"),                 # Deir/Dayr
    ("Ein Fawwar", "Ayn Fawar"),                   # Ein/Ayn, doubled letters
])
def test_one_name_in_two_conventions_gets_one_bridge_key(ocha, geonames):
    assert _bridge(ocha) == _bridge(geonames)


@pytest.mark.parametrize("one, other", [
    ("Tall Zamra", "Tall Azmar"),       # same consonants, other names
    ("Kafr Zaynoun", "Kafr Zanun"),
    ("Umm Dabus", "Umm Dibs"),
])
def test_names_sharing_only_a_skeleton_stay_apart(one, other):
    assert keys(one)[2] == keys(other)[2]
    assert _bridge(one) != _bridge(other)


def test_a_bridged_spelling_ranks_between_the_same_name_and_a_look_alike():
    query = make_query("Tal Zaroubeh")
    bridged = name_similarity(query, False, *keys("Tall Zarubah")[1:])
    look_alike = name_similarity(query, False, *keys("Tall Zirbeh")[1:])
    assert bridged == W.same_bridge
    assert look_alike < bridged < W.exact


def test_arabic_kind_words_and_proclitics():
    assert arabic_readings("قرية زهرة الورد") == [("زهرة الورد", "قرية", 0.0)]
    assert feature_of_word("قرية") == "locality" and feature_of_word("حي") == "neighbourhood"
    assert arabic_readings("وزهرة الورد") == [("زهرة الورد", None, W.arabic_proclitic_penalty)]
    assert arabic_readings("بحلب") == [("حلب", None, W.arabic_proclitic_penalty)]  # in Aleppo
    assert arabic_readings("ولد") == []       # too short a rest: the word itself


def test_a_bridge_key_has_as_many_words_as_its_name():
    """score_names leaves unbridged a name of another number of words than the query's: no
    rule may write a space or take a word away."""
    words, patterns = _bridge_rules()
    replacements = [*words.values(), *(replacement for _, replacement in patterns)]
    assert all(r and not any(c.isspace() for c in r) for r in replacements)
    for name in ("Tal Zaroubeh", "Oum el Kherbeh", "Ain", "Deir Mazraet Ayyoub", "e a"):
        bare = keys(name)[1]
        assert len(bridge(bare).split(" ")) == len(bare.split())
