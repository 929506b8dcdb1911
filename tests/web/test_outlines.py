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
