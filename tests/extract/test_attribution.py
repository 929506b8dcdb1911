"""Perpetrator attribution: who did it according to whom. Sentences are our own."""

from __future__ import annotations

from datetime import date

import pytest

from tawthiq.actors.registry import load_registry, shipped_files
from tawthiq.extract.attribution import find_perpetrators

OLD = date(2016, 7, 5)
NEW = date(2025, 3, 8)


@pytest.fixture(scope="module")
def registry():
    return load_registry(shipped_files())


@pytest.fixture(scope="module")
def perpetrators(nlp, registry):
    """Attribution over all sentences: [(name, mention, type, attributed_by, evidence words)]."""

    def run(text: str, on: date | None):
        doc = nlp(text)
        found = find_perpetrators(doc, list(doc.sents), on, registry)
        return [
            (p.name, p.mention, p.actor_type, p.attributed_by, [text[a:b] for a, b in ev])
            for p, ev in found
        ]

    return run


def names(found) -> list[str]:
    return [f[0] for f in found]


# ---------------------------------------------------------------- attributed by whom


def test_survivors_attribute_by_the_patches_the_fighters_wore(perpetrators):
    found = perpetrators(
        "Survivors of the raid on the village said the fighters wore GSS patches.", NEW
    )
    assert len(found) == 1
    name, mention, actor_type, by, evidence = found[0]
    assert name == "General Security Service (Syria, 2024-)"
    assert (mention, actor_type, by) == ("GSS", "State forces", "survivors")
    assert "GSS" in evidence and "patches" in evidence


def test_a_denial_by_the_government_is_not_an_attribution(perpetrators):
    assert (
        perpetrators("The defence ministry denied that government forces killed the farmers.", NEW)
        == []
    )
    assert (
        perpetrators("Security forces did not shoot the protesters, the ministry said.", NEW) == []
    )


def test_survivors_attribution_stands_beside_a_government_denial(perpetrators):
    text = (
        "Survivors said the fighters wore GSS patches. The interior ministry denied that "
        "its General Security forces were involved in the killings."
    )
    found = perpetrators(text, NEW)
    assert [(f[0], f[3]) for f in found] == [
        ("General Security Service (Syria, 2024-)", "survivors")
    ]


def test_the_government_blaming_foreign_fighters_is_attributed_to_the_government(perpetrators):
    found = perpetrators(
        "The government blamed foreign fighters for the killings in the village.", NEW
    )
    assert found[0][0] == "Foreign fighters (unspecified)"
    assert found[0][3] == "Syrian transitional government (2024-)"
    assert "blamed" in found[0][4]


def test_a_monitor_named_after_the_clause_is_the_attribution(perpetrators):
    found = perpetrators(
        "Six civilians were shot dead by regime forces in Douma, the Syrian "
        "Observatory for Human Rights said.",
        OLD,
    )
    assert found == [
        (
            "Syrian government forces (2000-2024)",
            "regime forces",
            "State forces",
            "Syrian Observatory for Human Rights",
            ["regime forces", "shot dead by", "the Syrian Observatory for Human Rights"],
        )
    ]


def test_according_to_gives_the_attribution(perpetrators):
    found = perpetrators(
        "At least 20 civilians died in US-led coalition strikes on the town, "
        "according to the Syrian Network for Human Rights.",
        date(2017, 6, 1),
    )
    assert names(found) == ["US-led coalition (Operation Inherent Resolve)"]
    assert found[0][3] == "Syrian Network for Human Rights"


def test_the_report_itself_stating_it_leaves_attributed_by_null(perpetrators):
    found = perpetrators(
        "Government forces shelled the market on Tuesday, killing nine people.", OLD
    )
    assert [(f[0], f[3]) for f in found] == [("Syrian government forces (2000-2024)", None)]


def test_a_named_resident_is_the_attribution(perpetrators):
    found = perpetrators(
        "Ahmad Khalil, a resident, said government forces and allied militias shelled the town.",
        date(2014, 3, 8),
    )
    assert [(f[0], f[3]) for f in found] == [
        ("Syrian government forces (2000-2024)", "Ahmad Khalil"),
        ("Pro-government militias (Syria, 2011-2024)", "Ahmad Khalil"),
    ]


def test_a_group_claiming_responsibility_attributes_to_itself(perpetrators):
    found = perpetrators(
        "Islamic State claimed responsibility for the bombing, which killed 12.", OLD
    )
    assert [(f[0], f[3]) for f in found] == [("Islamic State", "Islamic State")]


def test_a_denial_does_not_cancel_residents_account_in_the_same_sentence(perpetrators):
    found = perpetrators(
        "Moscow denied that its planes struck the hospital, but residents said "
        "Russian jets bombed it twice.",
        OLD,
    )
    assert [(f[0], f[1], f[3]) for f in found] == [
        ("Russian armed forces", "Russian jets", "residents")
    ]


# ---------------------------------------------------------------- time-aware resolution


def test_government_forces_in_2016_and_in_2025_are_different_actors(perpetrators):
    sentence = "Five men were shot dead by government forces at a checkpoint."
    assert names(perpetrators(sentence, OLD)) == ["Syrian government forces (2000-2024)"]
    assert names(perpetrators(sentence, NEW)) == ["Syrian government forces (2024-)"]


# ---------------------------------------------------------------- constructions


@pytest.mark.parametrize(
    "text, on, name, trigger",
    [
        (
            "The family was executed at the hands of Islamic State militants.",
            OLD,
            "Islamic State",
            "at the hands of",
        ),
        (
            "The attack was carried out by Hay'at Tahrir al-Sham.",
            date(2019, 3, 8),
            "Hayat Tahrir al-Sham",
            "carried out by",
        ),
        ("The massacre was blamed on the Shabiha.", date(2012, 6, 1), "Shabiha", "blamed"),
        (
            "Jaish al-Islam fighters executed two prisoners.",
            date(2014, 3, 8),
            "Jaysh al-Islam",
            "executed",
        ),
        (
            "Russian warplanes bombed a market, killing 40 people.",
            OLD,
            "Russian armed forces",
            "bombed",
        ),
        (
            "Regime helicopters dropped barrel bombs on the district.",
            OLD,
            "Syrian Arab Air Force",
            "dropped",
        ),
        (
            "Three children were killed by a barrel bomb dropped by regime helicopters.",
            OLD,
            "Syrian Arab Air Force",
            "dropped by",
        ),
        (
            "Gunmen belonging to the 4th Division abducted two men.",
            date(2015, 3, 8),
            "4th Armoured Division (Syrian Arab Army)",
            "abducted",
        ),
        (
            "The regime's bombardment of the hospital killed two nurses.",
            OLD,
            "Syrian government (2000-2024)",
            "bombardment",
        ),
        (
            "قوات النظام shelled the town, killing five.",
            date(2014, 3, 8),
            "Syrian government forces (2000-2024)",
            "shelled",
        ),
        ("Daesh gunmen killed the shepherds near the village.", OLD, "Islamic State", "killed"),
    ],
)
def test_agent_constructions(perpetrators, text, on, name, trigger):
    found = perpetrators(text, on)
    assert names(found) == [name]
    assert trigger in found[0][4]


def test_mentions_that_are_not_agents_are_not_perpetrators(perpetrators):
    assert perpetrators("Rebels held the town while displaced families returned.", OLD) == []
    assert perpetrators("Five members of the Free Syrian Army were killed in the blast.", OLD) == []
    assert (
        perpetrators("The village is controlled by the Syrian Democratic Forces.", date(2018, 1, 1))
        == []
    )


def test_an_unknown_group_stays_as_written_and_unidentified(perpetrators):
    found = perpetrators("Men in military uniform killed three shepherds near the village.", NEW)
    assert found[0][0] == found[0][1] == "Men in military uniform"
    assert found[0][2] == "Unidentified"
    assert found[0][3] is None


def test_a_named_group_replaces_the_vague_gunmen_it_qualifies(perpetrators):
    found = perpetrators("Gunmen belonging to the 4th Division abducted two men.", date(2015, 3, 8))
    assert "Unidentified Armed Group (Syria)" not in names(found)


def test_only_the_given_sentences_are_read(nlp, registry):
    doc = nlp("Rebels shelled the market. Government forces shelled the school.")
    sentences = list(doc.sents)
    found = find_perpetrators(doc, sentences[1:], OLD, registry)
    assert [p.name for p, _ in found] == ["Syrian government forces (2000-2024)"]
    assert find_perpetrators(doc, [], OLD, registry) == []


def test_evidence_offsets_point_at_the_words(nlp, registry):
    text = "Witnesses said the gunmen were shot dead by GSS members near the bakery."
    doc = nlp(text)
    ((perpetrator, evidence),) = find_perpetrators(doc, list(doc.sents), NEW, registry)
    assert perpetrator.attributed_by == "witnesses"
    assert perpetrator.affiliation == [
        "Syrian Ministry of Interior (2024-)",
        "Syrian transitional government (2024-)",
    ]
    assert [text[a:b] for a, b in evidence] == ["GSS", "shot dead by", "Witnesses"]


def test_a_competing_vague_account_from_another_source_is_kept(perpetrators):
    found = perpetrators(
        "Survivors said the fighters wore GSS patches. The government blamed "
        "foreign fighters for the killings.",
        NEW,
    )
    assert [(f[0], f[3]) for f in found] == [
        ("General Security Service (Syria, 2024-)", "survivors"),
        ("Foreign fighters (unspecified)", "Syrian transitional government (2024-)"),
    ]


def test_rebels_after_the_fall_stay_as_written(perpetrators):
    found = perpetrators("Rebels shelled the village, killing two children.", NEW)
    assert [(f[0], f[1], f[2]) for f in found] == [("Rebels", "Rebels", "Unidentified")]


def test_a_name_before_a_weapon_word_is_the_agent_whatever_the_parse(perpetrators):
    found = perpetrators(
        "At least seven children died in regime shelling of a rebel-held town.", OLD
    )
    assert names(found) == ["Syrian government forces (2000-2024)"]
    found = perpetrators("Seven children died in Assad regime bombardment of the town.", OLD)
    assert names(found) == ["Syrian government (2000-2024)"]
    assert "bombardment" in found[0][4]


def test_it_said_takes_the_previously_named_monitor(perpetrators):
    text = (
        "The Britain-based Syrian Observatory for Human Rights said 40 people died. It said "
        "Russian warplanes bombed the market."
    )
    found = perpetrators(text, OLD)
    assert [(f[0], f[3]) for f in found] == [
        ("Russian armed forces", "Syrian Observatory for Human Rights")
    ]


def test_a_speaker_never_identified_is_an_unnamed_source(perpetrators):
    found = perpetrators("It said Russian warplanes bombed the market.", OLD)
    assert [(f[0], f[3]) for f in found] == [("Russian armed forces", "unnamed source")]


def test_lemmas_are_filled_when_the_pipeline_has_none(nlp):
    from tawthiq.nlp.lemmas import ensure_lemmas

    doc = ensure_lemmas(nlp("Regime forces shelled the houses."))
    assert [t.lemma_ for t in doc][:3] == ["regime", "force", "shell"]


def test_the_target_of_an_attack_is_not_its_perpetrator(perpetrators):
    assert perpetrators("Dozens were killed in a car bomb attack on Syrian rebels.", OLD) == []
    found = perpetrators("Russian strikes on IS positions killed 12 fighters.", OLD)
    assert names(found) == ["Russian armed forces"]


# ---------------------------------------------------------------- QA pass on the samples


def test_an_agency_attribution_stands_beside_a_monitors(perpetrators):
    found = perpetrators(
        "Mortar rounds hit a bakery queue in the old city, a rights group said. The group said "
        "the rounds were fired by government forces. An official news agency said that "
        'insurgents had fired the rounds and accused "armed gangs" of shelling the district.',
        OLD,
    )
    by = {f[3]: f[0] for f in found}
    assert by["the rights group"] == "Syrian government forces (2000-2024)"
    assert by["an official news agency"] == "Syrian armed opposition (unspecified)"


def test_a_blamed_unknown_group_is_kept_as_written_without_quotes(perpetrators):
    found = perpetrators('The agency accused "criminal gangs" of shelling the district.', OLD)
    assert [(f[0], f[2], f[3]) for f in found] == [("criminal gangs", "Unidentified", "the agency")]


def test_blaming_an_attack_on_a_group(perpetrators):
    found = perpetrators("The governor blamed the bombing on the army.", OLD)
    assert [(f[0], f[3]) for f in found] == [("Syrian Arab Army", "the governor")]


def test_blame_for_what_the_speaker_only_calls_violations_is_not_an_attribution(perpetrators):
    assert perpetrators('Officials blamed what they termed "excesses" on rogue units.', NEW) == []


def test_a_group_that_ambushed_in_a_relative_clause_is_the_agent(perpetrators):
    found = perpetrators(
        'The ministry said troops were chasing "remnants of the former regime" who had '
        "ambushed a convoy.",
        NEW,
    )
    assert [(f[0], f[1]) for f in found] == [
        ("Former Assad government loyalists (2024-)", "remnants of the former regime")
    ]


def test_the_pursued_group_is_not_a_perpetrator(perpetrators):
    assert perpetrators("Troops entered the hills to hunt down regime remnants.", NEW) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "The monitor said the rockets came from government positions east of the town.",
            "Syrian government (2000-2024)",
        ),
        (
            "The monitor said the drone belonged to the US-led coalition.",
            "US-led coalition (Operation Inherent Resolve)",
        ),
    ],
)
def test_the_owner_or_origin_of_the_weapon(perpetrators, text, name):
    assert [(f[0], f[3]) for f in perpetrators(text, date(2019, 2, 1))] == [(name, "the monitor")]


def test_positions_named_as_a_target_are_not_an_origin(perpetrators):
    assert perpetrators("The army said rebels lost positions near the town.", OLD) == []


def test_vague_gunmen_give_way_to_a_group_named_by_one_of_the_joint_sources(perpetrators):
    found = perpetrators(
        "Gunmen killed nine farmers, according to survivors and a rights group. Survivors "
        "said the gunmen wore GSS patches.",
        NEW,
    )
    assert [(f[0], f[3]) for f in found] == [
        ("General Security Service (Syria, 2024-)", "survivors")
    ]


@pytest.mark.parametrize("text", [
    "Masked men took a teacher from his home and shot him dead, his brother said.",
    "Gunmen stormed the farm and executed three shepherds, his brother said.",
])
def test_the_subject_of_a_joined_violent_verb_is_the_perpetrator(perpetrators, text):
    found = perpetrators(text, NEW)
    assert [(f[1].lower(), f[3]) for f in found][:1] in (
        [("masked men", "his brother")], [("gunmen", "his brother")])


def test_an_unnamed_group_that_carried_out_the_massacre_is_its_perpetrator(perpetrators):
    found = perpetrators("Footage of the massacre, carried out by a group of young men from the "
                         "next village, emerged only last month.", date(2013, 6, 1))
    assert [f[1] for f in found] == ["group of young men"]


def test_both_sides_of_a_clash_are_its_parties(perpetrators):
    found = perpetrators("Heavy clashes between security forces and Druze fighters left four "
                         "dead in the suburb, a monitor said.", NEW)
    assert {(f[1], f[3]) for f in found} == {("security forces", "a monitor"),
                                             ("Druze fighters", "a monitor")}
    assert any(f[0] == "Syrian government forces (2024-)" for f in found)  # the 2025 actor


@pytest.mark.parametrize("text", [
    "Security forces clashed with Druze gunmen in the suburb, killing three.",
    "Security forces engaged in confrontations with Druze gunmen in the suburb.",
])
def test_the_sides_of_a_clash_told_with_a_verb(perpetrators, text):
    assert {f[1].lower() for f in perpetrators(text, NEW)} == {"security forces", "druze gunmen"}


def test_armed_residents_are_a_side_of_the_fighting(perpetrators):
    found = perpetrators("The fighting broke out between armed villagers and the police.", NEW)
    assert "armed villagers" in {f[1] for f in found}


@pytest.mark.parametrize(("text", "name"), [
    ("DEIR EZ-ZOR, Syria, Sept. 14, 2014 (Euphrates Wire) - Islamic State fighters beheaded "
     "twelve men in the main square of the town on Friday, residents said.", "Islamic State"),
    ("AFRIN, Syria, March 2, 2018 (Northern Wire) - Turkish-backed Syrian fighters shot dead "
     "five farmers near the village on Thursday, a local council said.", "Syrian National Army"),
])
def test_the_agent_after_a_wire_dateline(perpetrators, text, name):
    found = perpetrators(text, date(2018, 1, 1))
    assert [f[0] for f in found] == [name], found
