"""Casualty constructions of issue #3: digits and words, killed/injured/missing, groups,
breakdowns, vague quantities, enumerated relatives, conflicting tolls."""

from __future__ import annotations

import pytest

from tawthiq.extract.fatalities import fatalities_of, injuries_of
from tawthiq.nlp.casualties import find_casualties


def mentions(text: str):
    return find_casualties(text, [(0, len(text))])


def fatalities(text: str):
    return fatalities_of(mentions(text))[0]


def test_digits_with_lower_bound_qualifier() -> None:
    f = fatalities("At least 16 villagers were killed when the market was hit.")
    assert (f.low, f.best, f.high, f.civilians) == (16, 16, None, 16)


def test_words_and_thousands() -> None:
    assert fatalities("The raids killed more than 1,000 people in a month.").best == 1000
    assert fatalities("Twenty-three soldiers died in the ambush.").combatants == 23


def test_two_dozen_and_vague_quantities_follow_acled() -> None:
    assert fatalities("Two dozen farmers were killed near the mill.").best == 24
    dozens = fatalities("Dozens of residents were killed overnight.")
    assert (dozens.low, dozens.best, dozens.high) == (12, 12, None)
    assert fatalities("Hundreds of people were killed in the siege.").best == 100


def test_killed_injured_and_missing_are_kept_apart() -> None:
    found = mentions("A bomb killed four people and wounded 19, and two more are missing.")
    outcomes = {(m.best, m.outcome) for m in found}
    assert (4, "killed") in outcomes and (19, "injured") in outcomes and (2, "missing") in outcomes
    text = "A bomb killed four people and wounded 19."
    assert fatalities(text).best == 4
    assert injuries_of(mentions(text))[0].best == 19


def test_breakdown_of_children_and_women_does_not_add_to_total() -> None:
    f = fatalities("Shelling killed 12 civilians, including five children and three women.")
    assert (f.best, f.civilians, f.children, f.women) == (12, 12, 5, 3)


def test_coordinated_groups_add_up() -> None:
    f = fatalities("The jets killed 9 fighters and four civilians on the road.")
    assert (f.best, f.combatants, f.civilians) == (13, 9, 4)


def test_of_them_breakdown() -> None:
    f = fatalities("The blast killed 20 people, 7 of them children.")
    assert (f.best, f.children) == (20, 7)


def test_a_family_of_six() -> None:
    f = fatalities("A family of six was killed when the roof collapsed on them.")
    assert (f.best, f.civilians) == (6, 6)


def test_enumerated_relatives() -> None:
    f = fatalities("A man, his wife and their three daughters were killed in the strike.")
    assert (f.best, f.civilians, f.children, f.women) == (5, 5, 3, 1)


def test_single_victim() -> None:
    f = fatalities("A girl was killed by a sniper near the bakery.")
    assert (f.best, f.children) == (1, 1)


def test_conflicting_tolls_give_low_best_high() -> None:
    text = ("The attack killed 30 people, the monitor said. Local medics said 26 people were "
            "killed, while activists said 41 people were killed.")
    f = fatalities_of(find_casualties(text, [(0, 47), (47, len(text))]))[0]
    assert (f.low, f.best, f.high) == (26, 30, 41)


def test_unsupported_numbers_are_null_not_zero() -> None:
    f = fatalities("Heavy shelling hit the town on Monday, residents said.")
    assert (f.low, f.best, f.high, f.civilians, f.children) == (None,) * 5
    f = fatalities("Eleven people were killed.")
    assert f.civilians is None and f.combatants is None


def test_running_totals_since_the_war_began_are_not_the_toll() -> None:
    assert fatalities("The conflict has killed more than 300,000 people since 2011.").best is None


def test_years_times_and_distances_are_not_counts() -> None:
    text = "In 2016 at 10:30, 30 km from the city, the school with 400 pupils was closed."
    assert mentions(text) == []


def test_mention_offsets_cover_number_and_outcome() -> None:
    text = "Officials said 8 civilians were killed."
    m = mentions(text)[0]
    assert text[m.number_start:m.number_end] == "8"
    assert text[m.start:m.end] == "8 civilians were killed"


def test_ages_after_names_are_not_counts() -> None:
    text = "The blast killed Samir Nasser, 41, and his son Karim, 9, on the bridge."
    assert [m.best for m in mentions(text)] == []


def sentences_of(text: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for end in [i + 1 for i, ch in enumerate(text) if ch == "."]:
        bounds.append((start, end))
        start = end + 1
    return bounds


def test_a_figure_outranks_a_vague_word_for_the_same_toll() -> None:
    text = ("Militiamen killed dozens of farmers near the dam. "
            "At least 31 men were shot dead in the square.")
    f = fatalities_of(find_casualties(text, sentences_of(text)))[0]
    assert (f.low, f.best, f.high) == (31, 31, None)


def test_a_vague_word_alone_keeps_its_acled_figure() -> None:
    f = fatalities("Scores of shepherds were killed in the hills.")
    assert (f.low, f.best, f.high) == (10, 10, None)


def test_a_figure_outranks_a_vague_word_for_injuries_too() -> None:
    text = "Dozens of pupils were hurt in the blast. Some 18 were wounded by glass."
    injuries = injuries_of(find_casualties(text, sentences_of(text)))[0]
    assert (injuries.low, injuries.best, injuries.high) == (18, 18, 18)


def test_of_them_without_a_noun_is_a_subset_not_an_addition() -> None:
    text = "A shell hit the bakery queue. Nine more were wounded, two of them critically."
    injuries = injuries_of(find_casualties(text, sentences_of(text)))[0]
    assert (injuries.low, injuries.best, injuries.high) == (9, 9, 9)
    killed = fatalities("The raid killed 12 people, five of whom were children.")
    assert (killed.best, killed.children) == (12, 5)


@pytest.mark.parametrize(("text", "best"), [
    ("Eleven people, most of them women, were killed when the shelter collapsed.", 11),
    ("14 villagers, mostly farmers, were shot dead at the crossroads.", 14),
    ("Nine fighters, all of them from one clan, died in the clashes.", 9),
])
def test_an_aside_between_the_group_and_its_fate(text, best) -> None:
    counted = [c for c in mentions(text) if c.outcome]
    assert counted and counted[0].best == best
    assert counted[0].outcome == "killed"


def test_a_dateline_year_is_not_a_count() -> None:
    text = "DOUMA, March 12, 2024 - Gunmen shot dead two men at a bakery on Monday."
    assert fatalities(text).best == 2
    assert fatalities("Kafr Tala, 12 March 2024 - Gunmen killed a shepherd.").best == 1


def test_a_singular_noun_qualifying_another_counts_no_one() -> None:
    assert fatalities("The death toll of a terrorist attack on the market rose to 40.").best == 40
    assert fatalities("Gunmen opened fire on a soldier checkpoint; no one was hurt.").best is None


def test_had_died_is_killed() -> None:
    assert fatalities("The monitor said at least 26 people had died.").low == 26


def test_an_open_lower_bound_and_a_stated_figure_give_a_range() -> None:
    f = fatalities("At least 26 people were killed, the monitor said. A doctor put the toll "
                   "at 31.")
    assert (f.low, f.best, f.high) == (26, 26, 31)
    assert fatalities("At least 26 people were killed.").high is None


def test_comrades_and_colleagues_are_counted() -> None:
    assert fatalities("A commander and nine of his comrades were killed in the battle.").best \
        is not None
    assert mentions("Two of her colleagues were wounded.")[0].outcome == "injured"


@pytest.mark.parametrize(("text", "best", "group"), [
    ("About 200 people are reported to have been killed in the village.", 200, "people"),
    ("Up to 40 villagers are feared dead after the raid.", 40, "civilians"),
    ("The blast martyred 29 people at the door of the church.", 29, "people"),
    ("The shelling caused at least 18 deaths of civilians in the market.", 18, None),
    ("The group compiled 167 names of people who were killed that day.", 167, "people"),
    ("Forty-one civilians in all were murdered at the pit.", 41, "civilians"),
    ("Four Druze fighters were killed at the checkpoint.", 4, "combatants"),
])
def test_what_happened_to_a_count_told_at_a_distance(text, best, group) -> None:
    (found,) = [m for m in mentions(text) if m.outcome == "killed"]
    assert (found.best, found.group) == (best, group)


@pytest.mark.parametrize("text", [
    "In 2011 security forces shot dead four protesters there.",
    "On Nov. 14 gunmen stormed the village.",
])
def test_a_year_or_a_day_is_no_count(text) -> None:
    assert all(m.best not in (2011, 14) for m in mentions(text))


def test_a_share_of_a_total_and_the_total() -> None:
    found = mentions("Of some 500 dead identified by Sunday, about 80 were in the port city.")
    assert [(m.best, m.outcome, m.cumulative) for m in found] == [
        (500, "killed", True), (80, "killed", False)]


@pytest.mark.parametrize("text, best, children", [
    ("Gunmen shot dead a farmer and his two sons at the edge of the orchard.", 3, 2),
    ("A shepherd and his brother were killed when a mine went off.", 2, None),
    ("The shell killed a teacher and her daughter in their kitchen.", 2, 1),
])
def test_a_person_by_trade_heads_a_list_of_relatives(text, best, children) -> None:
    f = fatalities(text)
    assert (f.best, f.children) == (best, children)


@pytest.mark.parametrize("text, best", [
    ("Three masked men shot dead a farmer and his two sons near the well.", 3),
    ("Two gunmen killed four villagers at a checkpoint on Friday.", 4),
    ("Four men on motorcycles shot dead a driver outside his house.", 1),
])
def test_the_count_of_the_killers_is_not_the_toll(text, best) -> None:
    f = fatalities(text)
    assert (f.low, f.best) == (best, best)


def test_a_passive_count_before_the_next_is_still_killed() -> None:
    found = mentions("Five men were killed and two women were wounded in the raid.")
    assert {(m.best, m.outcome) for m in found} == {(5, "killed"), (2, "injured")}


@pytest.mark.parametrize("text, best", [
    ("Nine men were dragged from their homes and shot behind the mosque.", 9),
    ("Twelve farmers were lined up against a wall and shot at dawn.", 12),
])
def test_taken_away_and_shot_is_an_execution(text, best) -> None:
    assert fatalities(text).best == best


def test_shot_and_wounded_is_no_death() -> None:
    assert fatalities("Four men were taken to the square and shot and wounded.").best is None


def test_a_count_that_is_a_subject_itself_is_no_object() -> None:
    found = mentions("Among at least 25 injured eight were in critical condition.")
    assert injuries_of(found)[0].best == 25


def test_a_trade_in_the_plural_lists_colleagues_not_a_family() -> None:
    found = mentions("The raid hit a school, killing 22 children and six teachers.")
    assert fatalities_of(found)[0].best == 28
    assert all(m.noun != "family" for m in found)
