"""The one-sentence summary reads as English: nouns agree with their counts."""

from __future__ import annotations

from datetime import date

from tawthiq.extract.summary import summarise
from tawthiq.model import DateRange, Event, Fatalities


def event(**tolls) -> Event:
    return Event(
        event_type="Violence against civilians",
        sub_event_type="Attack",
        means=["shelling"],
        date=DateRange(start=date(2020, 1, 2), end=date(2020, 1, 2), precision="day"),
        fatalities=Fatalities(**tolls),
    )


def test_one_of_a_group_is_singular() -> None:
    text = summarise(event(low=1, best=1, high=1, civilians=1, women=1))
    assert "1 civilian," in text and "1 woman)" in text
    assert "civilians" not in text and "women" not in text


def test_several_of_a_group_are_plural() -> None:
    text = summarise(event(low=5, best=5, high=5, civilians=5, children=2, combatants=0))
    assert "5 civilians" in text and "2 children" in text and "0 combatants" in text


def test_one_child_and_one_combatant() -> None:
    text = summarise(event(low=2, best=2, high=2, children=1, combatants=1))
    assert "1 child," in text and "1 combatant)" in text
