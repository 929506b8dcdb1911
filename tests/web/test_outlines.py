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
