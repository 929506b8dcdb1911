from __future__ import annotations

import pytest

from tawthiq.nlp.numbers import NUMBER_RE, parse_number


@pytest.mark.parametrize(("words", "value"), [
    ("16", 16), ("1,000", 1000), ("5000", 5000), ("six", 6), ("twenty-five", 25),
    ("two hundred", 200), ("one hundred and twelve", 112), ("a dozen", 12), ("two dozen", 24),
    ("three thousand", 3000),
])
def test_parse_number(words: str, value: int) -> None:
    assert parse_number(words) == value


def test_numbers_found_in_text_skip_clock_times_and_dates() -> None:
    text = "At 18:20 on 28.05.2017 two dozen people and 1,000 others and six and eight"
    assert [m.group() for m in NUMBER_RE.finditer(text)] == ["two dozen", "1,000", "six", "eight"]
