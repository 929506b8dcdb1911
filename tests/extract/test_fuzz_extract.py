"""Property-based fuzzing (hypothesis) of the English extractor's entry point (issue #13): any
text - words of casualty reports shuffled with numbers, dates, punctuation, other scripts,
control characters - is extracted without raising, into a contract line that serialises, with
every evidence span inside the text."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tawthiq.ingest.documents import make_document
from tawthiq.model import ExtractResult

WORDS = ["killed", "were", "wounded", "civilians", "children", "a", "woman", "in", "near",
         "Taybeh", "Harbel", "village", "on", "Tuesday", "March", "2019", "12", "dozens",
         "at least", "three", "airstrike", "shelling", "Test Forces", "said", "witness",
         "Nadim", "according to", "the", "Observatory", ".", ",", ";", "\n\n", "(", ")", "\"",
         "-", "%", "\u0642\u062a\u0644", "\u202e", "\t", "\u00a0", "1,000,000", "-3", "½"]
texts = st.lists(st.sampled_from(WORDS) | st.text(max_size=10), min_size=1,
                 max_size=60).map(" ".join)


@pytest.mark.slow
def test_no_text_makes_the_extractor_raise(extractor):
    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(texts, st.none() | st.dates(date(1990, 1, 1), date(2030, 12, 31)))
    def check(text, published):
        document = make_document("fuzz", text, published=published)
        result = extractor.extract(document)
        assert isinstance(result, ExtractResult)
        json.dumps(result.to_json())  # a contract line, whatever the text
        spans = [(span.start, span.end) for event in result.events for span in event.evidence]
        spans += [(claim.start, claim.end) for claim in result.claims]
        for start, end in spans:
            assert 0 <= start <= end <= len(document.text), (start, end)

    check()
