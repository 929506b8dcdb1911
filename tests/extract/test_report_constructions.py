"""Constructions of long reports found failing on our held-out reports (issue #11), each on
sentences of our own over the coast gazetteer: where aircraft came from, "in nearby X",
"later the same day", a background incident at "the same market"."""

from __future__ import annotations

from datetime import date


def _events(result) -> list[tuple[str | None, int | None, date | None]]:
    return [(e.location.name if e.location else None, e.fatalities.best,
             e.date.start if e.date else None) for e in result.events]


def test_where_the_jets_took_off_from_is_no_event_place(coast) -> None:
    result = coast("Jets that took off from an air base in Latakia province struck a market "
                   "in Ariha on Monday, killing 12 people. Monitors said the planes flew "
                   "from Hama.")
    assert [name for name, _, _ in _events(result)] == ["Ariha"]


def test_in_nearby_x_is_where_it_happened(coast) -> None:
    result = coast("A shell killed five people in Tremseh on Sunday. Later that day, in nearby "
                   "Halfaya, a second shell killed three children.", published=date(2012, 9, 3))
    assert _events(result) == [("Tremseh", 5, date(2012, 9, 2)),
                               ("Halfaya", 3, date(2012, 9, 2))]


def test_later_the_same_day_dates_the_next_incident(coast) -> None:
    result = coast("Gunmen shot dead 18 men in Mukhtariyah on Saturday. Later the same day, "
                   "in Al Sanobar, attackers killed seven more. In 2013, a car bomb killed 60 "
                   "people.")
    found = _events(result)
    assert found[:2] == [("Mukhtariyah", 18, date(2025, 3, 8)), ("Snobar", 7, date(2025, 3, 8))]
    assert [(toll, day.year) for _, toll, day in found[2:]] == [(60, 2013)]


def test_a_background_incident_at_the_same_market(coast) -> None:
    result = coast("An air strike killed 14 people at the vegetable market in Ariha on Monday. "
                   "The same market was bombed in 2016, when some 30 people died.")
    assert _events(result) == [("Ariha", 14, date(2025, 3, 10)), ("Ariha", 30, date(2016, 1, 1))]


def test_the_nearby_hospital_the_wounded_were_taken_to_is_no_event_place(coast) -> None:
    result = coast("A car bomb killed nine people in Al Sanobar on Friday. Rescuers rushed dozens "
                   "of wounded to the nearby Jableh hospital.")
    assert [name for name, _, _ in _events(result)] == ["Snobar"]


def test_residents_of_x_said_killed_there_is_at_x(coast) -> None:
    result = coast("Residents of Mukhtariyah said gunmen killed nine people there on Friday, "
                   "a witness told us by phone from Latakia.")
    assert [(name, toll) for name, toll, _ in _events(result)] == [("Mukhtariyah", 9)]


def test_community_names_begin_no_place() -> None:
    from tawthiq import knowledge

    stop = set(knowledge.load("place_stop_words.json", "en")["words"])
    assert {"bedouin", "druze", "alawite", "sunni", "shia", "yazidi"} <= stop

