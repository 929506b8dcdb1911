"""The actor registry: loading, time-aware resolution, aliases in every script, user files."""

from __future__ import annotations

import json
from datetime import date

import pytest

from tawthiq.actors import VDC_CLASSES, get_registry
from tawthiq.actors.normalise import normalise
from tawthiq.actors.registry import load_registry, shipped_files
from tawthiq.errors import BadInput
from tawthiq.model import Perpetrator

BEFORE_FALL = date(2016, 7, 5)
AFTER_FALL = date(2025, 3, 8)


@pytest.fixture(scope="module")
def registry():
    return load_registry(shipped_files())


def name_on(registry, mention: str, on: date | None) -> str | None:
    found = registry.resolve(mention, on)
    return found.name if found else None


# ---------------------------------------------------------------- the shipped data


def test_every_entry_has_a_source_a_contract_type_and_a_known_vdc_class(registry):
    assert len(registry) >= 80
    for entry in registry.entries.values():
        assert entry.source.strip(), entry.id
        Perpetrator(name=entry.name, mention=entry.name, actor_type=entry.actor_type)
        assert entry.vdc_class is None or entry.vdc_class in VDC_CLASSES
        assert entry.vdc_class != "unknown"


def test_every_vdc_class_is_used_by_some_entry(registry):
    used = {e.vdc_class for e in registry.entries.values()}
    assert set(VDC_CLASSES) <= used


def test_parent_ids_and_successors_point_at_entries(registry):
    for entry in registry.entries.values():
        for link in entry.affiliation:
            if "-" in link.parent and link.parent.islower():
                assert link.parent in registry.entries, (entry.id, link.parent)
        if entry.successor:
            assert entry.successor in registry.entries


# ---------------------------------------------------------------- time-aware resolution


def test_government_forces_in_2016_are_the_assad_governments(registry):
    found = registry.resolve("government forces", BEFORE_FALL)
    assert found.name == "Syrian government forces (2000-2024)"
    assert found.actor_type == "State forces"
    assert found.vdc_class == "syrian government or russian troops"


def test_government_forces_in_2025_are_the_transitional_governments(registry):
    found = registry.resolve("government forces", AFTER_FALL)
    assert found.name == "Syrian government forces (2024-)"
    assert found.affiliation == ["Syrian transitional government (2024-)"]
    assert found.vdc_class is None


def test_the_day_damascus_fell_belongs_to_the_new_authorities(registry):
    assert (
        name_on(registry, "security forces", date(2024, 12, 7))
        == "Syrian government forces (2000-2024)"
    )
    assert (
        name_on(registry, "security forces", date(2024, 12, 8))
        == "Syrian government forces (2024-)"
    )


def test_hts_lineage_follows_the_report_date(registry):
    assert registry.resolve("Jabhat al-Nusra", date(2014, 5, 1)).affiliation == ["al-Qaeda"]
    assert registry.resolve("Jabhat al-Nusra", date(2012, 6, 1)).affiliation == [
        "Islamic State of Iraq"
    ]
    # a 2018 report that still says "Nusra" means the group under its name then
    assert name_on(registry, "al-Nusra Front", date(2018, 3, 1)) == "Hayat Tahrir al-Sham"
    hts = registry.resolve("HTS", date(2019, 1, 1))
    assert hts.affiliation == []
    assert hts.vdc_class == "al-nusra front"


def test_sna_factions_join_the_ministry_of_defence_in_2025(registry):
    in_2020 = registry.resolve("al-Hamzat", date(2020, 1, 1))
    in_2025 = registry.resolve("al-Hamzat", date(2025, 6, 1))
    assert in_2020.name == in_2025.name == "Hamza Division"
    assert in_2020.affiliation[0] == "Syrian National Army"
    assert in_2025.affiliation == [
        "Syrian Ministry of Defence forces (2024-)",
        "Syrian transitional government (2024-)",
    ]


def test_generic_phrases_are_not_resolved_outside_their_period(registry):
    assert name_on(registry, "rebels", BEFORE_FALL) == "Syrian armed opposition (unspecified)"
    assert registry.resolve("rebels", AFTER_FALL) is None
    assert registry.resolve("GSS", BEFORE_FALL) is None
    assert name_on(registry, "GSS", AFTER_FALL) == "General Security Service (Syria, 2024-)"


def test_loyalists_change_meaning_with_the_fall_of_the_government(registry):
    assert name_on(registry, "loyalists", BEFORE_FALL) == "Syrian government forces (2000-2024)"
    assert (
        name_on(registry, "Assad loyalists", AFTER_FALL)
        == "Former Assad government loyalists (2024-)"
    )
    assert (
        name_on(registry, "former regime remnants", AFTER_FALL)
        == "Former Assad government loyalists (2024-)"
    )


def test_without_a_date_only_open_affiliations_are_given(registry):
    found = registry.resolve("Hayat Tahrir al-Sham", None)
    assert "al-Qaeda" not in found.affiliation


def test_unresolvable_mentions_return_none(registry):
    assert registry.resolve("men in military uniform", AFTER_FALL) is None
    assert registry.resolve("Turkish government", BEFORE_FALL) is None
    assert registry.resolve("", None) is None


# ---------------------------------------------------------------- spellings and scripts


@pytest.mark.parametrize(
    "mention, expected",
    [
        ("ISIS", "Islamic State"),
        ("Daesh", "Islamic State"),
        ("Da'ish", "Islamic State"),
        ("IS militants", "Islamic State"),
        ("داعش", "Islamic State"),
        ("تنظيم الدولة الإسلامية", "Islamic State"),
        ("الدولة الاسلامية", "Islamic State"),
        ("Hay'at Tahrir al-Sham", "Hayat Tahrir al-Sham"),
        ("Hayat Tahrir al Sham", "Hayat Tahrir al-Sham"),
        ("هيئة تحرير الشام", "Hayat Tahrir al-Sham"),
        ("Jaish al-Islam", "Jaysh al-Islam"),
        ("Jeish al Islam", "Jaysh al-Islam"),
        ("Failaq al-Rahman", "Faylaq al-Rahman"),
        ("Zaynabiyun", "Liwa Zainabiyoun"),
        ("Fatemiyoun Brigade", "Liwa Fatemiyoun"),
        ("Nour al-Din al-Zinki", "Nour al-Din al-Zenki Movement"),
        ("Hizbollah", "Hezbollah"),
        ("al-Amshat", "Sultan Suleiman Shah Brigade"),
        ("العمشات", "Sultan Suleiman Shah Brigade"),
        ("قوات سوريا الديمقراطية", "Syrian Democratic Forces"),
        ("قسد", "Syrian Democratic Forces"),
        ("Saraya Ansar as-Sunna", "Saraya Ansar al-Sunnah"),
        ("U.S.-led coalition", "US-led coalition (Operation Inherent Resolve)"),
        ("Hayat Tahrir al-Shaam", "Hayat Tahrir al-Sham"),  # a near spelling, by the skeleton key
    ],
)
def test_spellings_resolve(registry, mention, expected):
    assert name_on(registry, mention, date(2025, 2, 1)) == expected


def test_normalisation_drops_case_punctuation_articles_and_arabic_variants():
    assert normalise("Hay'at Tahrir al-Sham") == normalise("HAYAT TAHRIR AL SHAM")
    assert normalise("Ansar as-Sunna") == normalise("Ansar Sunna")
    assert normalise("الأمن العام") == normalise("الامن العام") == normalise("أمن عام")
    assert normalise("هيئة") == normalise("هيئه")
    assert normalise("rebels") == normalise("rebel")


def test_fuzzy_matching_is_strict(registry):
    assert registry.resolve("Hayat Tahrir al-Shamm", None).score < 1.0
    assert registry.resolve("Harakat Hazm", None) is None
    assert registry.resolve("Syrian Orthodox Church", None) is None


# ---------------------------------------------------------------- mentions in text


def test_find_mentions_in_english_and_arabic_text(registry):
    text = (
        "Residents said Russian warplanes and regime helicopters struck the town, while "
        "U.S.-led coalition aircraft hit IS positions; قوات النظام advanced."
    )
    found = {(m.text, tuple(m.candidates)) for m in registry.find_mentions(text)}
    assert ("Russian warplanes", ("ru-forces",)) in found
    assert ("regime helicopters", ("sy-air-force",)) in found
    assert ("U.S.-led coalition aircraft", ("coalition",)) in found
    assert ("IS", ("isis",)) in found
    assert ("قوات النظام", ("sy-gov-forces-assad",)) in found
    for mention in registry.find_mentions(text):
        assert text[mention.start : mention.end] == mention.text


def test_find_mentions_respects_case_sensitive_acronyms_and_qualifiers(registry):
    text = "It is unclear. The Turkish government and anti-government protesters met; IS denied it."
    found = [m.text for m in registry.find_mentions(text)]
    assert found == ["IS"]


def test_mentions_do_not_cross_punctuation(registry):
    assert [m.text for m in registry.find_mentions("the army, units of police")] == ["army"]


def test_resolve_mention_uses_the_found_candidates(registry):
    mention = registry.find_mentions("government forces shelled the town")[0]
    assert (
        registry.resolve_mention(mention, BEFORE_FALL).name
        == "Syrian government forces (2000-2024)"
    )
    assert registry.resolve_mention(mention, AFTER_FALL).name == "Syrian government forces (2024-)"


# ---------------------------------------------------------------- user additions


def test_user_files_under_tawthiq_home_are_merged_over_the_shipped_registry(tmp_home):
    actors = tmp_home / "actors"
    actors.mkdir()
    (actors / "local.yaml").write_text(
        "- id: coastal-shield\n"
        "  name: Coastal Shield Brigade\n"
        "  actor_type: Rebel group\n"
        "  from: 2025-01\n"
        "  aliases: [Liwa Dir al-Sahel, درع الساحل]\n"
        "  affiliation: [{parent: sy-assad-loyalists-2024, from: 2025-01}]\n"
        "  source: analyst's note, 2025\n"
        "- id: hts\n"
        "  aliases: [Tahrir al-Sham Commission]\n",
        encoding="utf-8",
    )
    registry = get_registry()
    added = registry.resolve("درع الساحل", AFTER_FALL)
    assert added.name == "Coastal Shield Brigade"
    assert added.affiliation == ["Former Assad government loyalists (2024-)"]
    # the shipped entry keeps its fields and gains the alias
    hts = registry.resolve("Tahrir al-Sham Commission", date(2019, 1, 1))
    assert hts.name == "Hayat Tahrir al-Sham"
    assert registry.resolve("HTS", date(2019, 1, 1)).name == "Hayat Tahrir al-Sham"
    assert registry.find_mentions("fighters of Liwa Dir al-Sahel")[0].candidates == [
        "coastal-shield"
    ]


def test_user_json_file_can_override_a_field(tmp_home):
    actors = tmp_home / "actors"
    actors.mkdir()
    (actors / "override.json").write_text(
        json.dumps([{"id": "ypg", "note": "local reading", "aliases": ["Kurdish units"]}]),
        encoding="utf-8",
    )
    registry = get_registry()
    assert registry.get("ypg").note == "local reading"
    assert registry.resolve("Kurdish units", BEFORE_FALL).name == "People's Protection Units (YPG)"


@pytest.mark.parametrize(
    "content, field",
    [
        ("- id: x\n  name: X\n  actor_type: Warlords\n  source: s\n", "actor_type"),
        ("- id: x\n  name: X\n  actor_type: Rebel group\n", "source"),
        (
            "- id: x\n  name: X\n  actor_type: Rebel group\n  source: s\n  vdc_class: unknown\n",
            "vdc_class",
        ),
        (
            "- id: x\n  name: X\n  actor_type: Rebel group\n  source: s\n  from: last spring\n",
            "from",
        ),
        ("- id: x\n  name: X\n  actor_type: Rebel group\n  source: s\n  colour: red\n", "colour"),
    ],
)
def test_bad_user_entries_name_the_file_entry_and_field(tmp_home, content, field):
    actors = tmp_home / "actors"
    actors.mkdir()
    (actors / "bad.yaml").write_text(content, encoding="utf-8")
    with pytest.raises(BadInput) as caught:
        get_registry()
    assert caught.value.field == field
    assert "bad.yaml#1" in caught.value.one_line()


def test_unreadable_user_file_is_bad_input(tmp_home):
    actors = tmp_home / "actors"
    actors.mkdir()
    (actors / "broken.yaml").write_text("- id: [unclosed\n", encoding="utf-8")
    with pytest.raises(BadInput, match="cannot read"):
        get_registry()
