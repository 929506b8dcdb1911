"""Named victims and witnesses, with age and sex where the words give them. Our own sentences."""

from __future__ import annotations

import pytest

from tawthiq.extract.persons import find_persons


@pytest.fixture(scope="module")
def persons(nlp):
    def run(text: str):
        victims, witnesses = find_persons(nlp(text))
        for person in victims + witnesses:
            assert text[person.start : person.end] in person.name or person.name.endswith(
                text[person.start : person.end]
            )
        return (
            [(p.name, p.age, p.sex) for p in victims],
            [(p.name, p.age, p.sex) for p in witnesses],
        )

    return run


def test_victims_with_age_and_kinship_sex(persons):
    victims, witnesses = persons(
        "Among the dead were Ahmad al-Hassan, 34, and his wife Fatima, 29."
    )
    assert victims == [("Ahmad al-Hassan", 34, None), ("Fatima", 29, "f")]
    assert witnesses == []


def test_a_girl_named_after_her_age(persons):
    victims, witnesses = persons(
        "A 12-year-old girl named Rana Youssef was shot dead by a sniper. "
        "Her father, Omar Youssef, said she was walking to school."
    )
    assert victims == [("Rana Youssef", 12, "f")]
    assert witnesses == [("Omar Youssef", None, "m")]


def test_a_witness_who_is_not_a_victim(persons):
    victims, witnesses = persons(
        '"We hid in the basement," said Abu Hussein, a resident of the '
        "village. Abu Hussein's son was killed in the shelling."
    )
    assert victims == []
    assert witnesses == [("Abu Hussein", None, "m")]


def test_a_wounded_survivor_is_both_witness_and_victim(persons):
    victims, witnesses = persons(
        "Umm Khaled, a survivor who was wounded in the attack, said the gunmen came at night."
    )
    assert victims == [("Umm Khaled", None, "f")]
    assert witnesses == [("Umm Khaled", None, "f")]


def test_an_interviewee_and_the_victim_he_saw(persons):
    victims, witnesses = persons(
        "Mohammed Saleh, a 40-year-old farmer, told Reuters he saw the "
        "soldiers execute his neighbour, Khaled Ali."
    )
    assert victims == [("Khaled Ali", None, None)]
    assert witnesses == [("Mohammed Saleh", 40, None)]


def test_officials_and_monitors_are_not_witnesses(persons):
    victims, witnesses = persons(
        "Rami Abdel Rahman, who heads the Observatory, said the toll could "
        "rise. Abdel Rahman added that 12 children died. Interior Ministry "
        "spokesman Noureddine al-Baba said the attackers were arrested."
    )
    assert victims == witnesses == []


def test_age_in_parentheses_and_passive_harm(persons):
    victims, _ = persons("Hassan Darwish (17) was killed by a sniper on Tuesday.")
    assert victims == [("Hassan Darwish", 17, None)]


def test_offsets_point_at_the_first_mention(nlp):
    text = "Among the dead was Samir Nasser, 52. Relatives buried Samir Nasser on Friday."
    victims, _ = find_persons(nlp(text))
    assert [(p.start, p.end) for p in victims] == [(19, 31)]


def test_an_outlet_the_recogniser_calls_a_person_is_not_a_witness(persons):
    text = (
        "The ministry denied its forces were involved, according to a statement carried by "
        "SANA. Samer, a resident who hid in his bathroom, said the gunmen came at dawn."
    )
    victims, witnesses = persons(text)
    assert victims == []
    assert witnesses == [("Samer", None, None)]


def test_an_institution_tagged_as_a_proper_noun_is_not_a_witness(nlp):
    doc = nlp("Jordan's interior ministry denied that its guards had shot the smugglers.")
    ministry = next(t for t in doc if t.lower_ == "ministry")
    ministry.pos_ = "PROPN"  # as the tagger sometimes does
    assert find_persons(doc) == ([], [])


def test_an_outlet_the_recogniser_calls_a_person_is_never_a_witness(persons):
    _, witnesses = persons(
        "Leila Nassar, a teacher, told Morning Herald that the shells fell. Morning Herald "
        "said it could not verify the account."
    )
    assert [w[0] for w in witnesses] == ["Leila Nassar"]


def test_a_name_with_a_particle_is_still_a_witness(persons):
    _, witnesses = persons("Samir bin Khalil, a resident, said the shells hit his street.")
    assert [w[0] for w in witnesses] == ["Samir bin Khalil"]


def test_a_place_named_beside_a_speaker_is_no_witness(persons):
    _, witnesses = persons("\u201cWe heard the shots all night,\u201d Rami Haddad, a baker from "
                           "the Qadam neighbourhood, told the paper.")
    assert [w[0] for w in witnesses] == ["Rami Haddad"]


def test_a_named_man_taken_and_then_shot_is_a_victim(persons):
    victims, _ = persons("Masked men took Yousef Khalil, 31, from his home and shot him dead, "
                         "his cousin said.")
    assert victims == [("Yousef Khalil", 31, None)]
