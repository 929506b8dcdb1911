"""Counts that come from words rather than figures: named dead, a singular object."""

from __future__ import annotations

from datetime import date

import pytest

from tawthiq.extract.pipeline import Extractor
from tawthiq.ingest.documents import make_document


@pytest.fixture(scope="module")
def extract(nlp, extractor):
    """The test extractor (its sample gazetteer; persons are always found)."""
    with_persons = Extractor(nlp=nlp, resolvers=extractor.resolvers)

    def run(text: str):
        return with_persons.extract(make_document("t", text, published=date(2024, 3, 13)))

    return run


def test_named_dead_are_the_count_when_no_figure_is_given(extract) -> None:
    text = ("Gunmen shot dead Sami Karim, 41, and his cousin Fadi Nasr in Kafr Tala on Monday, "
            "relatives said.")
    event = extract(text).events[0]
    assert [p.name for p in event.victims.named] == ["Sami Karim", "Fadi Nasr"]
    assert (event.fatalities.low, event.fatalities.best, event.fatalities.high) == (2, 2, None)


def test_a_named_wounded_person_is_not_counted_dead(extract) -> None:
    text = "Shelling on Kafr Tala on Monday wounded Huda Salem, 29, her neighbours said."
    event = extract(text).events[0]
    assert event.fatalities.best is None


def test_a_figure_wins_over_the_names(extract) -> None:
    text = ("Gunmen killed three men in Kafr Tala on Monday, among them Sami Karim and "
            "Fadi Nasr, relatives said.")
    assert extract(text).events[0].fatalities.best == 3


def test_a_singular_object_of_a_killing_is_counted(extract) -> None:
    event = extract("Gunmen killed a shepherd near Tell Hamra on Monday.").events[0]
    assert event.fatalities.best == 1
