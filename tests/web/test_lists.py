"""Incident filters, sorting, paging, full-text search, map and timeline data."""

from __future__ import annotations

import pytest


def ids(client, query: str) -> list[int]:
    response = client.get(f"/api/incidents?{query}")
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["items"]]


@pytest.fixture
def viewer(signed_in):
    return signed_in("viewer").client


def test_filters(viewer, sample):
    market, checkpoint = sample.market_incident, sample.checkpoint_incident
    assert set(ids(viewer, "")) == {market, checkpoint}
    assert ids(viewer, "date_from=2024-03-05") == [checkpoint]
    assert ids(viewer, "date_to=2024-03-04") == [market]
    assert ids(viewer, "admin1=Idlib") == [checkpoint]
    assert ids(viewer, "admin2=Douma") == [market]
    assert ids(viewer, "perpetrator=syrian arab") == [market]
    assert ids(viewer, "event_type=Violence against civilians") == [checkpoint]
    assert ids(viewer, "means=gunfire") == [checkpoint]
    assert ids(viewer, "fatalities_min=5") == [market]
    assert ids(viewer, "fatalities_max=5") == [checkpoint]
    assert ids(viewer, "status=accepted") == []


def test_full_text_search_over_reports(viewer, sample):
    assert ids(viewer, "q=vegetable market") == [sample.market_incident]
    assert ids(viewer, "q=checkpoint") == [sample.checkpoint_incident]
    assert ids(viewer, "q=veget*") == [sample.market_incident]
    assert ids(viewer, "q=سوق") == [sample.market_incident]
    assert ids(viewer, 'q=" OR 1=1 --') == []
    assert ids(viewer, "q=nothing-like-this") == []


def test_sorting_and_paging(viewer, sample):
    assert ids(viewer, "sort=fatalities&order=desc") == [sample.market_incident,
                                                         sample.checkpoint_incident]
    assert ids(viewer, "sort=date&order=asc") == [sample.market_incident,
                                                  sample.checkpoint_incident]
    page = viewer.get("/api/incidents?per_page=1&page=2&sort=date&order=asc").json()
    assert page["total"] == 2 and page["pages"] == 2
    assert [i["id"] for i in page["items"]] == [sample.checkpoint_incident]
    html = viewer.get("/incidents?per_page=1").text
    assert 'rel="next"' in html and "aria-sort" in html


@pytest.mark.parametrize("query", ["date_from=March", "sort=colour", "per_page=0",
                                   "fatalities_min=-3", "event_type=Picnic", "page=x"])
def test_bad_filters_are_400_with_the_parameter_named(viewer, sample, query):
    response = viewer.get(f"/api/incidents?{query}")
    assert response.status_code == 400 and query.split("=")[0] in response.json()["message"]
    assert viewer.get(f"/incidents?{query}").status_code == 400


def test_map_points_and_timeline(viewer, sample):
    points = viewer.get("/api/map").json()
    assert points["fields"][:3] == ["id", "lat", "lon"]
    assert {row[0] for row in points["rows"]} == {sample.market_incident,
                                                  sample.checkpoint_incident}
    assert viewer.get("/api/map?admin1=Idlib").json()["rows"][0][0] == sample.checkpoint_incident
    series = viewer.get("/api/timeline").json()
    assert series == {"days": ["2024-03-03", "2024-03-10"], "incidents": [1, 1],
                      "deaths": [6, 2]}  # median of the sources: 7 and 6


def test_regions_without_a_gazetteer_are_natural_earths_then_the_homes_file(viewer, sample,
                                                                           web_home):
    regions = viewer.get("/api/regions").json()
    assert (regions["source"], len(regions["features"])) == ("Natural Earth", 14)
    (web_home / "regions.geojson").write_text(
        '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": '
        '{"name": "Idlib"}, "geometry": {"type": "Polygon", "coordinates": '
        '[[[36, 35], [37, 35], [37, 36], [36, 35]]]}}]}')
    assert len(viewer.get("/api/regions").json()["features"]) == 1


def test_pages_render_arabic_right_to_left(signed_in, sample):
    analyst = signed_in("analyst").client
    page = analyst.get(f"/documents/{sample.arabic_document}").text
    assert 'class="report-text" dir="rtl" lang="ar"' in page
    assert '<bdi dir="auto">قصف سوق دوما</bdi>' in page


def test_an_arabic_report_is_shown_to_viewers_with_its_witness_redacted(viewer, sample):
    """Arabic reports are read by the Arabic extractor, witnesses included, so a viewer gets
    the report with the witness's name and testimony removed, as in an English one."""
    page = viewer.get(f"/documents/{sample.arabic_document}").text
    data = viewer.get(f"/api/documents/{sample.arabic_document}").text
    for body in (page, data):
        assert "not yet analysed for witness names" not in body
        assert "سوق" in body
        assert "يوسف" not in body and "العلي" not in body and "قرب الفرن" not in body
