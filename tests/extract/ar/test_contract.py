"""Arabic results keep the output contract: every line validates against the schema, and every
span (evidence, claims, witnesses) points at the very Arabic words it claims."""

from __future__ import annotations

import re

import pytest

from extract.ar.bulletins import BULLETINS
from tawthiq.nlp.ar.text import fold

WORD_EDGE = re.compile(r"\w")


@pytest.fixture(scope="module")
def results(extract_ar):
    return [(b, extract_ar(b["ar"], b["published"], b["id"], source="Invented Monitor"))
            for b in BULLETINS]


def test_every_result_validates_against_the_contract_schema(results, contract_problems) -> None:
    for bulletin, result in results:
        line = result.to_json()
        assert not contract_problems(line), (bulletin["id"], contract_problems(line)[:3])
        assert line["document"]["language"] == "ar"


def _words(text: str, start: int, end: int) -> str:
    assert 0 <= start < end <= len(text), (start, end)
    return text[start:end]


def _on_word_edges(text: str, start: int, end: int) -> bool:
    """A span starts and ends on whole words (no letter cut off on either side)."""
    inside = text[start:end]
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    cut_before = WORD_EDGE.match(before) and WORD_EDGE.match(inside[0])
    cut_after = WORD_EDGE.match(after) and WORD_EDGE.match(inside[-1])
    return not cut_before and not cut_after


def test_evidence_spans_are_the_words_they_claim(results) -> None:
    for bulletin, result in results:
        text = bulletin["ar"]
        for event in result.events:
            for evidence in event.evidence:
                words = _words(text, evidence.start, evidence.end)
                if evidence.field == "location":
                    assert words == event.location.mention, bulletin["id"]
                elif evidence.field == "perpetrators":
                    assert words in {p.mention for p in event.perpetrators}, bulletin["id"]
                elif evidence.field == "fatalities":
                    figures = {event.fatalities.low, event.fatalities.best,
                               event.fatalities.high, event.injuries.best} - {None}
                    assert figures, (bulletin["id"], words)
                else:
                    assert _on_word_edges(text, evidence.start, evidence.end), \
                        (bulletin["id"], evidence.field, words)


def test_the_toll_quoted_is_the_one_counted(results) -> None:
    """The first fatality span of the bulletins whose toll is written in digits holds that
    number (Eastern or Western digits)."""
    checked = 0
    for bulletin, result in results:
        killed = bulletin["expect"].get("killed")
        event = result.events[0]
        spans = [e for e in event.evidence if e.field == "fatalities"]
        if not killed or not spans:
            continue
        digits = re.findall(r"\d+", fold(bulletin["ar"][spans[0].start:spans[0].end]))
        if digits:
            assert int(digits[0]) in {event.fatalities.low, event.fatalities.best,
                                      event.fatalities.high, event.injuries.best}
            checked += 1
    assert checked >= 15


def test_claims_and_witnesses_quote_the_text(results) -> None:
    seen = 0
    for bulletin, result in results:
        text = bulletin["ar"]
        for claim in result.claims:
            assert _words(text, claim.start, claim.end) == claim.text
            seen += 1
        for witness in result.mentions.witnesses:
            assert _words(text, witness.start, witness.end) == witness.name
    assert seen >= 5
