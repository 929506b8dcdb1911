"""victims.identity: communal identity only where the words tie it to the people harmed."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("text", "expected"), [
    ("Gunmen killed 12 Alawite villagers in Kafr Tala on Monday.", ["Alawite"]),
    ("Eleven people, most of them Christians, were killed by a car bomb in Aleppo on Monday.",
     ["Christian"]),
    ("Six members of the Druze community were shot dead in Tell Hamra on Monday.", ["Druze"]),
    ("Ismaili farmers were shot dead at a checkpoint near Kafr Tala on Monday.", ["Ismaili"]),
    ("Shelling on Aleppo on Monday killed three Kurdish civilians and two Arab shepherds.",
     ["Kurdish", "Arab"]),
    ("Gunmen on Monday executed two Ismaili men near Kafr Tala, their relatives said.",
     ["Ismaili"]),
])
def test_identity_tied_to_the_victims(extract, text, expected) -> None:
    victims = extract(text).events[0].victims
    assert victims.identity == expected
    assert victims.civilian is not False


@pytest.mark.parametrize("text", [
    # the identity belongs to the perpetrators, a place, or a witness — not to the victims
    "Sunni rebels shelled Kafr Tala on Monday, killing four civilians.",
    "A Kurdish-led force said its fighters killed nine militants near Tell Hamra on Monday.",
    "Four shepherds were killed in Kafr Tala on Monday, an Alawite cleric living in Aleppo said.",
    "Gunmen killed seven people in Kafr Tala on Monday, the Syrian Arab News Agency reported.",
])
def test_no_identity_without_words_tying_it_to_the_victims(extract, text) -> None:
    assert extract(text).events[0].victims.identity == []


def test_identity_has_evidence(extract) -> None:
    text = "Gunmen killed 12 Alawite villagers in Kafr Tala on Monday."
    event = extract(text).events[0]
    spans = [text[e.start:e.end] for e in event.evidence if e.field == "victims"]
    assert any("Alawite" in s for s in spans)


@pytest.mark.parametrize("text", [
    "Nine Kurdish fighters were killed in clashes near Tell Hamra on Monday.",
    "Reporter Loved by Druze Community Killed in Ambush Near Kafr Tala. Gunmen killed a "
    "reporter near Kafr Tala on Monday.",
])
def test_combatants_and_headline_title_case_get_no_identity(extract, text) -> None:
    assert extract(text).events[0].victims.identity == []


@pytest.mark.parametrize("text", [
    "Arab tribesmen attacked a checkpoint in Tell Hamra on Monday, killing two soldiers.",
    "Sunni tribesmen abducted four shepherds near Kafr Tala on Monday.",
    "Druze villagers killed a soldier at a checkpoint near Tell Hamra on Monday.",
    "Alawite residents attacked the bus near Kafr Tala on Monday, killing two passengers.",
])
def test_identity_of_those_who_harm_is_not_the_victims(extract, text) -> None:
    """An identity-qualified noun as the subject of an active harm verb with an object."""
    assert extract(text).events[0].victims.identity == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Three Alawite villagers killed in shelling on Kafr Tala on Monday.", ["Alawite"]),
    ("Kurdish civilians killed by shelling in Tell Hamra on Monday numbered six.", ["Kurdish"]),
])
def test_reduced_passive_still_ties_identity_to_the_victims(extract, text, expected) -> None:
    assert extract(text).events[0].victims.identity == expected


@pytest.mark.parametrize(("text", "best", "identity"), [
    ("Seven Christians were killed when a bomb hit a church in Kafr Tala on Monday.", 7,
     ["Christian"]),
    ("Gunmen killed five Alawites near Tell Hamra on Monday.", 5, ["Alawite"]),
    ("Four Kurds died in shelling on Aleppo on Monday.", 4, ["Kurdish"]),
])
def test_a_community_counted_by_name_is_counted_and_named(extract, text, best, identity):
    event = extract(text).events[0]
    assert event.fatalities.best == best
    assert event.victims.identity == identity
    assert event.victims.civilian is None  # a community is not asserted civilian


@pytest.mark.parametrize(("text", "expected"), [
    ("Gunmen shot dead six men in Kafr Tala, a Sunni village, on Monday.", ["Sunni"]),
    ("Shelling killed four people in the Alawite-majority district of Kafr Tala on Monday.",
     ["Alawite"]),
    ("Four Druze fighters were killed in clashes in Tell Hamra on Monday.", ["Druze"]),
    ("A suicide bomber blew himself up inside a church in Aleppo on Monday, killing 12 "
     "worshippers.", ["Christian"]),
    ("Gunmen killed a student in Kafr Tala on Monday for being Alawite, his family said.",
     ["Alawite"]),
    ("Gunmen killed nine people in Kafr Tala on Monday.\n\nKafr Tala is a Druze village in "
     "the hills.", ["Druze"]),
    ("Attack on Alawite village leaves ten dead\n\nGunmen killed ten people in Kafr Tala on "
     "Monday.", ["Alawite"]),
    ("Gunmen killed five villagers in Tell Hamra, whose population is mainly Ismaili, on "
     "Monday.", ["Ismaili"]),
])
def test_words_describing_the_victims_or_the_place_attacked(extract, text, expected) -> None:
    assert extract(text).events[0].victims.identity == expected


@pytest.mark.parametrize("text", [
    "Gunmen killed nine people in Kafr Tala, near the Alawite town of Tell Hamra, on Monday.",
    "Gunmen from the Alawite villages killed nine people in Kafr Tala on Monday.",
    "Shelling killed four people in Kafr Tala on Monday. Tell Hamra is a Druze village.",
])
def test_a_community_of_another_place_is_not_the_victims(extract, text) -> None:
    assert extract(text).events[0].victims.identity == []


def test_places_attacked_counted_and_described(extract) -> None:
    text = ("Residents of three Christian villages near Kafr Tala said gunmen killed at least "
            "nine people there on Monday.")
    assert extract(text).events[0].victims.identity == ["Christian"]
