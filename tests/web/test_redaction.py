"""Redaction primitives: spans replaced once, names found wherever they recur."""

from tawthiq.redaction import Redactor, can_see_witnesses, merge_spans, name_parts, redact_text


def test_only_analysts_and_admins_see_witnesses():
    assert can_see_witnesses("admin") and can_see_witnesses("analyst")
    assert not any(can_see_witnesses(r) for r in ("viewer", None, "", "guest"))


def test_redact_text_replaces_each_span_and_merges_overlaps():
    text = "Samir Haddad said it."
    assert redact_text(text, [(0, 5), (3, 12)]) == "[witness] said it."
    assert redact_text(text, [(0, 12)], mark="█") == "█ said it."
    assert redact_text(text, []) == text


def test_redact_text_clips_spans_outside_the_text():
    assert redact_text("abc", [(2, 99), (-4, 1)]) == "[witness]b[witness]"


def test_merge_spans_sorts_and_joins_touching_spans():
    assert merge_spans([(5, 7), (0, 2), (2, 3), (6, 9), (4, 4)]) == [(0, 3), (5, 9)]


def test_name_parts_leave_out_particles():
    assert name_parts("Abu Ahmad al-Sayed") == ["Abu Ahmad al-Sayed", "Ahmad", "Sayed"]


def test_redactor_finds_repeated_surnames_and_arabic_names_but_not_substrings():
    redactor = Redactor(["Samir Haddad", "يوسف العلي"])
    text = "Haddad said so. Haddadi is another family. قال يوسف العلي"
    out = redactor.text(text)
    assert "Haddad said" not in out and "Haddadi" in out
    assert "يوسف" not in out and "العلي" not in out
    assert redactor.is_name_part("haddad") and not redactor.is_name_part("said")


def test_empty_redactor_changes_nothing():
    assert Redactor([]).text("Samir Haddad") == "Samir Haddad"
