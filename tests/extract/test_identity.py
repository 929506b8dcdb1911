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
