"""The real Arabic reports of reports-dev-ar (read through TAWTHIQ_DATA, never copied here):
every output line validates against the contract schema, every location and perpetrator span
quotes the report's own words, and the reports' incidents come out as events."""

from __future__ import annotations

import json

import pytest
from tests.conftest import require_file

from tawthiq.settings import Settings, use_settings

WOF = "gazetteer/wof-sy/whosonfirst-data-admin-sy-2db0f03.tar.gz"


@pytest.fixture(scope="module")
def dev_results(shared_data, tmp_path_factory):
    from tawthiq.actors import get_registry
    from tawthiq.extract.ar.pipeline import ArabicExtractor, Tools
    from tawthiq.geo.importer import import_gazetteer
    from tawthiq.geo.service import Geocoder
    from tawthiq.ingest.documents import make_document

    home = tmp_path_factory.mktemp("wof-home")
    use_settings(Settings(home=home))
    try:
        import_gazetteer(require_file(shared_data / WOF))
    finally:
        use_settings(None)
    extractor = ArabicExtractor(tools=Tools(geocoder=Geocoder(home / "gazetteer.sqlite", None),
                                            registry=get_registry()))
    lines = require_file(shared_data / "reports-dev-ar" / "docs.jsonl").read_text("utf-8")
    docs = [json.loads(line) for line in lines.splitlines() if line.strip()]
    documents = [make_document(d["id"], d["text"], title=d.get("title"), source=d.get("source"),
                               published=d.get("published")) for d in docs]
    return list(zip(docs, extractor.extract_many(documents), strict=True))


@pytest.mark.data
def test_every_arabic_output_validates_and_quotes_its_words(dev_results,
                                                           contract_problems) -> None:
    for doc, result in dev_results:
        problems = contract_problems(result.to_json())
        assert not problems, (doc["id"], problems[:3])
        text = doc["text"]
        for event in result.events:
            for evidence in event.evidence:
                assert 0 <= evidence.start < evidence.end <= len(text)
                words = text[evidence.start:evidence.end]
                if evidence.field == "location":
                    assert words == event.location.mention
                if evidence.field == "perpetrators":
                    assert words in {p.mention for p in event.perpetrators}
        for claim in result.claims:
            assert text[claim.start:claim.end] == claim.text


@pytest.mark.data
def test_most_reports_give_their_incidents(dev_results) -> None:
    with_events = [doc["id"] for doc, result in dev_results if result.events]
    assert len(with_events) == len(dev_results)
    assert sum(len(result.aggregates) for _, result in dev_results) >= 5
