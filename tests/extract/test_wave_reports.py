"""Reports of a wave of killings over several days and villages, told from a lead that names
the days and a town the villages lie near: the day told with each toll dates its incident, the
lead's perpetrators stand for the incidents of its days, a village the lead puts near a town is
never a namesake far away, a community word is no place name, and a toll over several villages
is an aggregate. Sentences are our own."""

from __future__ import annotations

from datetime import date

import pytest


def _event_at(result, mention: str):
    return next(e for e in result.events if e.location and e.location.mention == mention)


def test_the_day_told_with_the_main_toll_dates_the_incident(extract) -> None:
    result = extract("Militiamen raided farms over Friday and Saturday, survivors said. In Kafr "
                     "Tala, at least 17 men were shot dead on Saturday, a resident said.",
                     published="2024-03-13")
    when = result.events[0].date
    assert (when.start, when.end) == (date(2024, 3, 9), date(2024, 3, 9))


def test_the_lead_perpetrators_stand_for_the_incidents_of_its_days(coast) -> None:
    result = coast("Gunmen of the General Security killed dozens of villagers over Friday and "
                   "Saturday, survivors said. In Snobar, 17 men were shot dead on Friday. On "
                   "Saturday, 9 people were killed in Mukhtariyah. In 2016, shelling killed 30 "
                   "people in Douma.")
    snobar, village = _event_at(result, "Snobar"), _event_at(result, "Mukhtariyah")
    assert snobar.date.start == snobar.date.end == date(2025, 3, 7)
    assert village.date.start == date(2025, 3, 8)
    assert [p.name for p in village.perpetrators] == [p.name for p in snobar.perpetrators]
    assert "General Security" in village.perpetrators[0].name
    assert _event_at(result, "Douma").perpetrators == []  # another year: not the lead's


def test_a_village_the_lead_puts_near_a_town_is_not_a_namesake_far_away(coast) -> None:
    # the gazetteer's only Al Qusayr lies in Homs province, 80 km from Baniyas
    result = coast("Gunmen killed dozens of people in two villages near the coastal city of "
                   "Baniyas on Friday, residents said. In the village of Al Qusayr, 9 men were "
                   "shot dead, a survivor said.")
    location = result.events[0].location
    assert (location.mention, location.name, location.admin1) == ("Al Qusayr", "Baniyas", "Tartus")
    assert location.geo_precision == 2  # the village's words, located at the town


def test_a_village_the_lead_puts_near_a_town_takes_its_namesake_there(coast) -> None:
    result = coast("Gunmen killed dozens of people in two villages near the coastal city of "
                   "Baniyas on Friday, residents said. In the village of Al Bayda, 11 men were "
                   "shot dead, a survivor said.")
    location = result.events[0].location
    assert (location.name, location.admin1, location.geo_precision) == ("Al Bayda", "Tartus", 1)


def test_a_village_named_without_a_reference_keeps_its_reading(coast) -> None:
    result = coast("In the village of Al Qusayr, 9 men were shot dead on Friday, a survivor "
                   "said.")
    assert result.events[0].location.admin1 == "Homs (Hims)"


def test_a_community_word_before_village_is_no_place_name(coast) -> None:
    result = coast("Gunmen stormed the Sunni village on Monday and killed six men near Tremseh "
                   "in Hama province, residents said.", published=date(2012, 9, 3))
    assert [e.location.mention for e in result.events] == ["Tremseh"]
    assert result.events[0].victims.identity == ["Sunni"]


def test_an_unlisted_village_lies_in_the_one_governorate_of_the_report_s_towns(coast) -> None:
    result = coast("Shelling killed 5 people in Tremseh on Sunday. In the village of Zahrat "
                   "al-Ward, 7 people were killed by shells, residents said.",
                   published=date(2012, 9, 3))
    village = _event_at(result, "Zahrat al-Ward")
    assert (village.location.admin1, village.fatalities.best) == ("Hamah", 7)
    assert _event_at(result, "Tremseh").fatalities.best == 5


def test_an_unlisted_village_among_towns_of_several_governorates_is_not_guessed(coast) -> None:
    result = coast("Shelling killed 5 people in Tremseh and 4 in Douma on Sunday. In the "
                   "village of Zahrat al-Ward, 7 people were killed by shells, residents said.",
                   published=date(2012, 9, 3))
    assert all(e.location is None or e.location.mention != "Zahrat al-Ward"
               or e.location.admin1 is None for e in result.events)


def test_a_toll_over_several_villages_is_an_aggregate(coast) -> None:
    result = coast("Gunmen killed more than 60 people in seven villages of the Jablah "
                   "countryside over three days, the monitor said. In Snobar, 14 men were shot "
                   "dead on Saturday, a survivor said.")
    assert [a.fatalities.low for a in result.aggregates] == [60]
    assert all(e.fatalities.best != 60 for e in result.events)
    assert _event_at(result, "Snobar").fatalities.best == 14


def test_a_toll_over_parts_of_one_city_is_the_city_s(extract) -> None:
    result = extract("Shelling killed 9 people in several neighbourhoods of Aleppo on Sunday.")
    assert [(e.location.name, e.fatalities.best) for e in result.events] == [("Aleppo", 9)]
    assert result.aggregates == []


def test_an_aggregate_toll_gives_no_event_beside_the_report_s_incident(coast) -> None:
    result = coast("Gunmen killed more than 60 people in seven villages of the Jablah "
                   "countryside over three days, the monitor said. In Snobar, 14 men were shot "
                   "dead on Saturday, a survivor said.")
    assert [(e.location.name, e.fatalities.best) for e in result.events] == [("Snobar", 14)]


def test_a_report_of_an_aggregate_alone_keeps_its_place(coast) -> None:
    result = coast("Air strikes have killed 84 civilians in Aleppo in the past six days, the "
                   "monitor said.")
    assert [a.fatalities.best for a in result.aggregates] == [84]
    assert [e.location.name for e in result.events] == ["Aleppo"]


def test_the_deadliest_attack_since_a_year_is_the_incident_s_own_toll(extract) -> None:
    result = extract("A car bomb exploded in Douma on Monday, killing at least 13 people in the "
                     "deadliest attack on the town since 2019.")
    assert [(e.location.name, e.fatalities.low) for e in result.events] == [("Douma", 13)]
    assert result.aggregates == []


def test_a_toll_since_a_day_after_a_superlative_stays_an_aggregate(extract) -> None:
    result = extract("Shells killed 4 people in Douma on Monday. It was the worst shelling of "
                     "the town, where 90 people have been killed since Thursday.")
    assert [a.fatalities.best for a in result.aggregates] == [90]
    assert [e.fatalities.best for e in result.events] == [4]


def test_the_day_a_toll_was_reported_neither_splits_nor_dates_the_incident(extract) -> None:
    result = extract("Gunmen opened fire on farmers in Kafr Tala on Friday, residents said. At "
                     "least 12 people were killed in the shooting, the monitor said on Monday.",
                     published="2024-03-13")
    assert [(e.location.name, e.date.start, e.fatalities.best) for e in result.events] == [
        ("Kafr Tala", date(2024, 3, 8), 12)]


def test_a_toll_reported_first_is_dated_by_the_incident_day_told_after(extract) -> None:
    result = extract("At least 12 people were killed in Kafr Tala, the monitor said on Monday. "
                     "The gunmen opened fire on farmers on Friday, residents said.",
                     published="2024-03-13")
    assert [(e.location.name, e.date.start) for e in result.events] == [
        ("Kafr Tala", date(2024, 3, 8))]


def test_a_reported_day_alone_still_dates_the_incident(extract) -> None:
    result = extract("At least 12 people were killed in Kafr Tala, the monitor said on Monday.",
                     published="2024-03-13")
    assert result.events[0].date.start == date(2024, 3, 11)


@pytest.mark.parametrize("words", ["More than twenty (20) people",
                                   "At least twenty-five (25) people"])
def test_a_figure_in_brackets_restates_the_number_word(extract, words) -> None:
    result = extract(f"Gunmen stormed Kafr Tala on Friday. {words} were killed, residents said.")
    low = int(words.split("(")[1].split(")")[0])
    assert result.events[0].fatalities.low == low


def test_a_family_name_is_no_witness(coast) -> None:
    result = coast("The elders of the Haddad family said that 6 men were shot dead in Snobar on "
                   "Friday.")
    assert "Haddad" not in {w.name for w in result.mentions.witnesses}
    assert result.events[0].fatalities.best == 6


def test_a_named_resident_is_still_a_witness(coast) -> None:
    result = coast("Samir Haddad, a resident, said that 6 men were shot dead in Snobar on Friday.")
    assert "Samir Haddad" in {w.name for w in result.mentions.witnesses}


def test_a_background_raid_on_the_village_is_at_the_main_incident_s_place(coast) -> None:
    result = coast("Gunmen killed 9 people in Tremseh on Sunday. In 2016 a similar raid on the "
                   "village killed 30.", published=date(2018, 9, 3))
    assert [(e.location.name, e.fatalities.best) for e in result.events] == [
        ("Tremseh", 9), ("Tremseh", 30)]
    assert result.events[1].date.start.year == 2016


def test_menu_lines_without_a_full_stop_are_not_run_into_the_report(coast) -> None:
    result = coast("Share on Facebook\nRead this in Arabic\nGunmen killed 7 people in Snobar on "
                   "Friday, survivors said.")
    (event,) = result.events
    assert (event.location.name, event.fatalities.best) == ("Snobar", 7)
    assert [p.mention for p in event.perpetrators] == ["Gunmen"]


def test_a_line_wrapped_after_a_preposition_goes_on(nlp) -> None:
    doc = nlp("Gunmen killed 7 people in the village of\nSnobar on Friday, survivors said.")
    assert len(list(doc.sents)) == 1
