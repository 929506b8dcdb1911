import re

import pytest

from tawthiq.caseless import Caseless, lowered

TEXTS = [
    "Shelling hit the MARKET of Tell Sample on Friday; SHELLING resumed at dawn.",
    "Two Barrel-Bombs fell near the bakery, and a barrel bomb hit the school.",
    "Ştefan said the shelling of Kafr Sample killed 3 people.",  # not ASCII: the slow path
    "",
]


@pytest.mark.parametrize("pattern", [
    r"\b(?:shelling|barrel[- ]bombs?)\b",
    r"\b(?P<word>[A-Z][a-z]+)\s+(?:of|near)\b",
    r"(?<![\d:])\b(?P<n>\d+|two|three)\s+(?P<what>people|barrel-bombs)\b",
    r"\bthe\s+\S+\s+of\b",
])
def test_same_spans_as_the_case_insensitive_pattern(pattern):
    caseless = Caseless(pattern)
    regex = re.compile(pattern, re.IGNORECASE)
    assert caseless.twin is not None
    for text in TEXTS:
        assert [m.span() for m in caseless.finditer(text)] == [
            m.span() for m in regex.finditer(text)]
        assert [m.span() for m in caseless.finditer(text, lowered(text))] == [
            m.span() for m in regex.finditer(text)]


def test_groups_are_read_lower_cased_on_ascii_text_only():
    caseless = Caseless(r"\b(?P<place>tell \w+)")
    assert [m.group("place") for m in caseless.finditer(TEXTS[0])] == ["tell sample"]
    assert [m.group("place") for m in caseless.finditer("Ştefan left Tell Sample")] == [
        "Tell Sample"]


@pytest.mark.parametrize("pattern", [
    r"\x41bu",                 # an escape spelling a capital letter
    r"(?-i:Aleppo) city",      # a case-sensitive part
    r"[A-z]+",                 # a range from a capital to a small letter
    "\u212a\u00e9rak",         # a letter whose case is not plain ASCII (Kelvin sign)
])
def test_patterns_that_lower_casing_would_change_keep_the_slow_path(pattern):
    caseless = Caseless(pattern)
    assert caseless.twin is None
    text = "Abu said: ALEPPO city, and kérak ^_^"
    assert [m.span() for m in caseless.finditer(text)] == [
        m.span() for m in re.compile(pattern, re.IGNORECASE).finditer(text)]


def test_lowered_keeps_offsets_only_for_ascii():
    assert lowered("Tell SAMPLE") == "tell sample"
    assert lowered("İdlib") is None
