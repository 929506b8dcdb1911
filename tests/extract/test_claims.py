"""Claims (speaker, outlet, words) and reporters (monitors/outlets). Sentences are our own."""

from __future__ import annotations

import pytest

from tawthiq.extract.claims import find_claims, find_reporters


@pytest.fixture(scope="module")
def claims(nlp):
    def run(text: str):
        found = find_claims(nlp(text))
        for claim in found:
            assert text[claim.start : claim.end] == claim.text
            assert claim.event is None
        return [(c.speaker, c.via, c.text) for c in found]

    return run


@pytest.fixture(scope="module")
def reporters(nlp):
    def run(text: str):
        found = find_reporters(nlp(text))
        for _, start, end in found:
            assert start < end and text[start:end]
        return [(name, text[start:end]) for name, start, end in found]

    return run


def test_a_quote_told_to_an_outlet(claims):
    text = '"They came at dawn and shot everyone," Abu Omar, 45, told Reuters by phone.'
    assert claims(text) == [("Abu Omar", "Reuters", "They came at dawn and shot everyone")]


def test_a_quote_with_the_speaker_after_said(claims):
    text = '"We hid in the basement for two days," said Umm Khaled, a resident of the village.'
    assert claims(text) == [("Umm Khaled", None, "We hid in the basement for two days")]


def test_a_quote_introduced_before_the_quotation_marks(claims):
    text = 'The governor said: "The road to the town is closed."'
    assert claims(text) == [("the governor", None, "The road to the town is closed.")]


def test_according_to_a_monitor(claims):
    text = (
        "At least 12 people were killed in the shelling, according to the Syrian Network "
        "for Human Rights."
    )
    assert claims(text) == [
        ("Syrian Network for Human Rights", None, "At least 12 people were killed in the shelling")
    ]


def test_a_ministry_statement(claims):
    text = "The ministry said in a statement that an investigation had been opened."
    assert claims(text) == [("the ministry", None, "an investigation had been opened")]


def test_blame_and_denial_are_claims_of_their_speakers(claims):
    text = (
        "The government blamed foreign fighters for the killings. The Interior Ministry "
        "denied its forces were involved."
    )
    assert claims(text) == [
        ("the government", None, "blamed foreign fighters for the killings"),
        ("Interior Ministry", None, "denied its forces were involved"),
    ]


def test_speaker_is_given_the_full_name_used_earlier(claims):
    text = (
        "Rami Abdel Rahman, who heads the Observatory, spoke by phone. "
        '"We counted the bodies ourselves," Abdel Rahman told AFP.'
    )
    assert (
        "Rami Abdel Rahman",
        "Agence France-Presse",
        "We counted the bodies ourselves",
    ) in claims(text)


def test_a_pronoun_speaker_is_the_person_named_before(claims):
    text = "Mohammed Saleh lives near the market. He said the shells fell at noon."
    assert claims(text) == [("Mohammed Saleh", None, "the shells fell at noon")]


def test_a_statement_without_a_known_speaker_is_not_a_claim(claims):
    assert claims("He said the road was closed.") == []


def test_reporters_are_canonical_and_in_reporting_context(reporters):
    text = (
        "BEIRUT (AFP) - Five civilians were killed, the Syrian Observatory for Human Rights "
        "said. The White Helmets said rescuers pulled three people from the rubble. SANA "
        "reported that the attack was repelled. Reuters could not verify the reports."
    )
    assert reporters(text) == [
        ("Agence France-Presse", "AFP"),
        ("Syrian Observatory for Human Rights", "Syrian Observatory for Human Rights"),
        ("Syria Civil Defence (White Helmets)", "White Helmets"),
        ("Syrian Arab News Agency (SANA)", "SANA"),
    ]


def test_an_outlet_mentioned_outside_a_report_is_not_a_reporter(reporters):
    assert reporters("The journalist once worked for Reuters in Cairo.") == []


def test_reporters_are_listed_once(reporters):
    text = (
        "Eight people were killed, SOHR said. The death toll may rise, the Britain-based "
        "Observatory said."
    )
    assert reporters(text) == [("Syrian Observatory for Human Rights", "SOHR")]


def test_a_passive_report_counts(reporters):
    text = "The killings were documented by the Syrian Network for Human Rights."
    assert reporters(text) == [
        ("Syrian Network for Human Rights", "Syrian Network for Human Rights")
    ]


def test_a_headline_without_a_full_stop_does_not_join_the_claim(claims):
    text = (
        "Gunmen kill five in village, monitor says\n\nBEIRUT (Reuters) - Gunmen shot dead "
        "five farmers, survivors told Reuters."
    )
    assert ("survivors", "Reuters", "Gunmen shot dead five farmers") in claims(text)
    assert all("\n" not in said for _, _, said in claims(text))


def test_a_statement_carried_by_an_outlet_is_the_authors_claim_via_the_outlet(claims, reporters):
    text = (
        "The interior ministry denied its forces were involved, according to a statement "
        "carried by SANA."
    )
    assert claims(text) == [
        (
            "the interior ministry",
            "Syrian Arab News Agency (SANA)",
            "denied its forces were involved",
        )
    ]
    assert reporters(text) == [("Syrian Arab News Agency (SANA)", "SANA")]


@pytest.mark.parametrize(
    "text, speaker",
    [
        (
            "According to SOHR figures, 40 people died in the shelling.",
            "Syrian Observatory for Human Rights",
        ),
        ("Five people were killed, according to the ministry's statement.", "the ministry"),
    ],
)
def test_the_author_of_a_document_is_the_speaker(claims, text, speaker):
    assert [c[0] for c in claims(text)] == [speaker]
    assert not claims(text)[0][2].endswith(".")


# ---------------------------------------------------------------- QA pass on the samples


def test_a_reporting_verb_joined_to_the_reported_clause_is_the_reporters(claims):
    text = 'A news agency said that insurgents had fired the rounds and accused "gangs" of it.'
    assert [c[0] for c in claims(text)] == ["a news agency", "a news agency"]


def test_a_possessive_organisation_is_part_of_the_speaker(claims):
    text = "Turkey's foreign ministry denied that its jets had hit the village."
    assert claims(text)[0][0] == "Turkey's foreign ministry"


def test_the_outlet_told_is_not_the_antecedent_of_he(claims):
    text = (
        "Omar Haddad, 52, a farmer who survived the raid, told Evening Courier that the jets "
        'came at dawn. "We ran to the cellar," he said.'
    )
    assert [c[0] for c in claims(text)] == ["Omar Haddad", "Omar Haddad"]


def test_who_in_a_reported_clause_is_not_a_speaker(claims):
    text = "His brother said they did not know who was holding him."
    assert [c[0] for c in claims(text)] == ["his brother"]


def test_held_responsible_is_a_claim(claims):
    text = "The council held the militia responsible for the shelling."
    assert claims(text)[0][0] == "the council"


def test_the_group_named_again_keeps_its_fuller_name(claims):
    text = "Two men died, a rights group said. The group said the shells came from the west."
    assert [c[0] for c in claims(text)] == ["a rights group", "the rights group"]


def test_joint_sources_are_all_kept(claims):
    text = "Gunmen killed four farmers, according to survivors and a local rights group."
    assert claims(text)[0][0] == "survivors and a local rights group"


def test_a_documentation_group_the_outlet_list_lacks_reports_under_its_own_name(reporters):
    text = (
        "Six civilians were killed when shells hit the village on Tuesday, the Tell Sample "
        "Documentation Office said. A second toll came from the Sample Valley Martyrs Database, "
        "according to the Union of Sample Human Rights Monitors."
    )
    assert reporters(text) == [
        ("Tell Sample Documentation Office", "Tell Sample Documentation Office"),
        ("Union of Sample Human Rights Monitors", "Union of Sample Human Rights Monitors"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Local activists said the shelling lasted for hours.",               # no proper name
        "The Sample Army said its units had repelled an attack.",            # no documenting word
        "The Ministry of Justice said the case was under review.",           # head is no body
        "The Sample Human Rights Office, a local group, did not say more.",  # no speech
        "Sample Rights said nothing.",                                       # head is no body
    ],
)
def test_other_speakers_are_no_documenting_body(reporters, text):
    assert reporters(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Rights Group Says Ten Killed In Sample Village Raid\n\nTen people were killed.",
        "Ten people were killed, the Syria Monitor said.",   # a description: no word but its head
    ],
)
def test_a_headline_or_a_description_is_no_documenting_body(reporters, text):
    assert reporters(text) == []
