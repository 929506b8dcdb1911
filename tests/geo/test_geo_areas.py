"""Areas a source defines by their sub-districts are placed among their communities, and a
cited area is one place with a list's record of its very name (invented names throughout)."""

from __future__ import annotations

import pytest

from tawthiq.geo import landmarks
from tawthiq.geo.merge import _merge_distance, _Record, rules
from tawthiq.geo.store import PlaceRecord

AREA = "landmark:xx-wadi-nakhla"


def _community(place_id, lat, lon, admin1, admin3, pcode="C1"):
    return PlaceRecord(id=place_id, source="ocha", name=place_id, lat=lat, lon=lon,
                       feature="locality", admin1=admin1, admin3=admin3, pcode=pcode)


def _area():
    return PlaceRecord(id=AREA, source="landmark", name="Wadi Nakhla", lat=None, lon=None,
                       feature="district", kind="area", country_code="SY")


@pytest.fixture
def wadi_nakhla(monkeypatch):
    monkeypatch.setattr(landmarks, "_area_members", lambda: {
        AREA: {"admin1": "Homs", "admin3": ["Qasr Ward", "Bir Tin"]}})


def test_an_area_sits_at_the_mean_point_of_its_sub_districts_communities(wadi_nakhla):
    communities = [
        _community("a", 34.0, 36.0, "Homs Governorate", "Qasr Ward"),
        _community("b", 34.2, 36.4, "Homs", "Bir Tin"),
        _community("c", 34.1, 36.2, "Homs", "Qasr  Ward"),
        _community("other-district", 35.0, 37.0, "Homs", "Tall Shams"),
        _community("namesake-elsewhere", 33.0, 38.0, "Hama", "Bir Tin"),
        _community("no-pcode", 36.0, 36.0, "Homs", "Bir Tin", pcode=None),
    ]
    placed = landmarks.place_areas([_area()], communities)
    assert [(r.id, r.lat, r.lon) for r in placed] == [(AREA, 34.1, 36.2)]


def test_an_area_none_of_whose_communities_is_imported_is_left_out(wadi_nakhla):
    other = PlaceRecord(id="landmark:xx-dam", source="landmark", name="Sadd Azraq", lat=34.5,
                        lon=36.5, feature="locality", kind="dam")
    placed = landmarks.place_areas([_area(), other], [
        _community("x", 34.0, 36.0, "Homs", "Tall Shams")])
    assert [r.id for r in placed] == ["landmark:xx-dam"]


def test_the_listed_areas_defined_by_members_carry_no_point_of_their_own():
    for entry in landmarks.landmark_data()["landmarks"]:
        if "members" in entry:
            assert "lat" not in entry and entry["members"]["admin3"], entry["id"]
            assert "source" in entry, entry["id"]


def _record(place_id, source, feature):
    return _Record(id=place_id, source=source, lat=34.0, lon=36.0, feature=feature,
                   country="SY", geonames_id=None, pcode=None, facts={})


def test_a_cited_area_and_a_lists_neighbourhood_of_its_very_name_are_one_place():
    spec = rules()["by_name"]
    area = (_record("landmark:xx-wadi-nakhla", "landmark", "district"), "landmark")
    spot = (_record("sa:1", "syrian-archive", "neighbourhood"), "ocha")
    assert _merge_distance(area, spot, 0, spec) == spec["max_km"]["district"]
    assert _merge_distance(spot, area, 0, spec) == spec["max_km"]["district"]
    assert _merge_distance(area, spot, 1, spec) is None  # a shared skeleton is not enough


def test_a_district_and_a_neighbourhood_of_two_lists_stay_apart():
    spec = rules()["by_name"]
    district = (_record("wof:1", "wof", "district"), "geonames")
    spot = (_record("sa:1", "syrian-archive", "neighbourhood"), "ocha")
    assert _merge_distance(district, spot, 0, spec) is None
    village = (_record("wof:2", "wof", "locality"), "geonames")
    assert _merge_distance(village, spot, 0, spec) == spec["max_km"]["neighbourhood"]

