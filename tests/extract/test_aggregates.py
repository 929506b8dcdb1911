"""Tolls over a region or a period are aggregates, never a village's or a city's toll; a
village's toll comes only from words about that village. Sentences are our own."""

from __future__ import annotations

from datetime import date

import pytest


def _tolls(result) -> list[tuple[str | None, int | None]]:
    return [(e.location.name if e.location else None, e.fatalities.best) for e in result.events]


def test_a_toll_across_provinces_since_a_day_is_an_aggregate(coast) -> None:
    result = coast("Gunmen shot dead 18 men in Mukhtariyah on Saturday, survivors said. The "
                   "monitor said more than 700 civilians had been killed across Latakia, Tartus "
                   "and Hama provinces since Thursday.")
    assert _tolls(result) == [("Mukhtariyah", 18)]
    (aggregate,) = result.aggregates
    assert aggregate.fatalities.low == 700
    assert {a.admin1 for a in aggregate.area} >= {"Lattakia", "Tartus", "Hamah"}
    assert (aggregate.date.start, aggregate.date.end) == (date(2025, 3, 6), date(2025, 3, 10))
    assert aggregate.events == [0]


def test_a_share_of_a_total_is_the_place_s_toll_not_the_total(coast) -> None:
    result = coast("Of some 500 dead the monitor had identified by Sunday, about 80 were in "
                   "Baniyas, it said.")
    assert _tolls(result) == [("Baniyas", 80)]
    assert [a.fatalities.best for a in result.aggregates] == [500]


def test_a_toll_over_villages_with_their_own_tolls_is_their_sum(coast) -> None:
    result = coast("Shelling and raids killed at least 41 people in the villages of Tremseh, "
                   "Halfaya and Taybat al Imam on Sunday. In Tremseh, 22 people were killed by "
                   "militiamen. Shells killed 12 people in Halfaya.", published=date(2012, 9, 3))
    tolls = dict(_tolls(result))
    assert tolls.get("Tremseh") == 22 and tolls.get("Halfaya") == 12 and 41 not in tolls.values()
    assert [a.fatalities.low for a in result.aggregates] == [41]


def test_villages_told_together_without_tolls_of_their_own_are_one_incident(coast) -> None:
    result = coast("Shelling killed 12 people in Tremseh and Halfaya on Sunday.",
                   published=date(2012, 9, 3))
    assert _tolls(result)[0] == ("Tremseh", 12) and not result.aggregates


@pytest.mark.parametrize(("text", "best"), [
    ("Air strikes have killed 84 civilians in Aleppo in the past six days, the monitor said.",
     84),
    ("It was one of the worst days of a conflict that has killed more than 70,000 people.",
     70000),
    ("Yousef was one of at least 20 civilians killed in Homs since April.", 20),
])
def test_period_and_running_tolls_are_aggregates(coast, text, best) -> None:
    result = coast(text)
    assert all(e.fatalities.best != best for e in result.events)
    assert [a.fatalities.best for a in result.aggregates] == [best]


def test_a_period_counts_back_from_the_report_s_day(coast) -> None:
    (aggregate,) = coast("Air strikes have killed 84 civilians in Aleppo in the past six days, "
                         "the monitor said.").aggregates
    assert (aggregate.date.start, aggregate.date.end) == (date(2025, 3, 4), date(2025, 3, 10))


def test_a_toll_over_villages_counted_not_named_is_an_aggregate(coast) -> None:
    result = coast("Relatives in three Alawite villages south of Jableh said gunmen killed at "
                   "least 40 people there on Friday. In Al Sanobar, 25 men were dragged from "
                   "their homes and shot. Gunmen killed 11 people in Mukhtariyah the same day.")
    tolls = dict(_tolls(result))
    assert tolls.get("Snobar") == 25 and tolls.get("Mukhtariyah") == 11
    assert 40 not in tolls.values()
    assert [a.fatalities.low for a in result.aggregates] == [40]


def test_villages_counted_with_one_toll_of_their_own_stay_an_incident(coast) -> None:
    result = coast("Gunmen stormed two villages south of Jableh and killed 12 people in "
                   "Al Sanobar on Friday.")
    assert _tolls(result) == [("Snobar", 12)] and not result.aggregates


def test_a_toll_since_the_offensive_began_is_an_aggregate(coast) -> None:
    result = coast("Gunmen shot dead 18 men in Mukhtariyah on Saturday, survivors said. More "
                   "than 60 civilians have been killed since the offensive began on Thursday, "
                   "the monitor said.")
    assert _tolls(result) == [("Mukhtariyah", 18)]
    assert [a.fatalities.low for a in result.aggregates] == [60]


def test_a_toll_over_parts_of_a_named_town_stays_its_toll(coast) -> None:
    result = coast("Rockets fired at two districts of Latakia killed 11 people on Friday. Gunmen "
                   "killed four people in Mukhtariyah the same day. In Al Sanobar, three men "
                   "were shot dead.")
    assert ("Latakia", 11) in _tolls(result) and not result.aggregates
