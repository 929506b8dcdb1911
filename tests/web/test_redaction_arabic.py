"""Witness names in Arabic script are redacted whatever their spelling in the text: hamza and
alef forms, ya and ta marbuta, diacritics and tatweel, a proclitic glued before the name, and
in Latin-script texts as before. Names of others that merely contain a part are left alone."""

from tawthiq.redaction import Redactor, name_parts


def test_arabic_particles_are_not_name_parts() -> None:
    assert name_parts("أبو أحمد العلي") == ["أبو أحمد العلي", "أحمد", "العلي"]


def test_an_arabic_witness_name_is_redacted_in_any_spelling() -> None:
    redactor = Redactor(["أحمد العلي"], uncleared=True)
    for text in ("وقال أحمد العلي إن القصف بدأ فجراً", "وقال احمد العليّ إن القصف بدأ فجراً",
                 "وقال أحـمـد العلي إن القصف بدأ فجراً", "ونقل عن لأحمد العلي قوله"):
        redacted = redactor.text(text)
        assert "أحمد" not in redacted and "احمد" not in redacted and "العلي" not in redacted
        assert "[witness]" in redacted
    assert redactor.text("جاء أحمدي إلى السوق") == "جاء أحمدي إلى السوق"  # another word


def test_a_name_in_both_scripts_is_redacted_in_each() -> None:
    redactor = Redactor(["Mahmoud Hallak", "محمود الحلاق"], uncleared=True)
    assert "Hallak" not in redactor.text("Hallak said the missile hit first")
    assert "الحلاق" not in redactor.text("وأكد الحلاق أن الصاروخ سقط أولاً")
