"""Stretches between two places ("the road between X and Y"): placed midway when the two are
near each other, no point when they are far apart, and an article's hyphen never splits a
name. Places are the invented or fixture ones of gazetteer_fixtures.py."""

from __future__ import annotations

import pytest

from tawthiq.geo.names import inner_spans
from tawthiq.geo.routes import STRETCH_PREFIX, route_ends
from tawthiq.geo.toponyms import Toponym


@pytest.mark.parametrize("name, ends", [
    ("Road between Qaryat Sabah and Tall Nimr", ("Qaryat Sabah", "Tall Nimr")),
    ("the road from Dayr Hanna to Ayn Lubna", ("Dayr Hanna", "Ayn Lubna")),
    ("Dayr Hanna – Ayn Lubna highway", ("Dayr Hanna", "Ayn Lubna")),
    ("Kafr Zuhur-Barqa road in Barqa Subdistrict", ("Kafr Zuhur", "Barqa")),
    ("between Tall Nimr and Umm al-Tuyur", ("Tall Nimr", "Umm al-Tuyur")),
    ("Jisr an-Nahr road", None),        # an article's hyphen, not a dash between places
    ("Umm al-Tuyur", None),
    ("Tall Nimr", None),
    ("Bab al-Sahl crossing", None),
])
def test_route_ends(name, ends):
    assert route_ends(name) == ends


def test_an_article_hyphen_does_not_split_a_name_into_spans():
    spans = inner_spans("Jisr an-Nahr road")
    assert spans[0] == "Jisr an Nahr" and "Jisr an" not in spans


def test_a_stretch_between_near_places_is_placed_midway(geocoder):
    result = geocoder.geocode("road between Tayr Ma`lah and Al Ghantu", country="SY",
                              admin1="Homs")
    match = result.match
    assert match.gazetteer_id.startswith(STRETCH_PREFIX)
    assert match.latitude == pytest.approx((34.8025 + 34.8201) / 2, abs=1e-4)
    assert match.longitude == pytest.approx((36.7076 + 36.6900) / 2, abs=1e-4)
    assert [a.name for a in result.alternatives] == ["Tayr Ma`lah", "Al Ghantu"]
    assert match.admin1 == "Homs (Hims)"
    location = geocoder.to_location(Toponym(text="the road", start=0, end=8, match=match))
    assert location.geo_precision == 2


def test_a_long_road_gets_no_point_but_keeps_both_towns(geocoder):
    result = geocoder.geocode("the road between Homs and Kafr Nubudah", country="SY")
    assert result.match is None
    assert {a.name for a in result.alternatives} == {"Homs", "Kafr Nubudah"}


def test_an_end_the_gazetteer_does_not_know_reads_the_words_as_one_name(geocoder):
    result = geocoder.geocode("road between Tayr Ma`lah and Qasr Bardawil", country="SY",
                              admin1="Homs")
    assert result.match is None or not result.match.gazetteer_id.startswith(STRETCH_PREFIX)
