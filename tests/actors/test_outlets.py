"""The outlet list: canonical names of monitors and outlets, extended by user files."""

from __future__ import annotations

import pytest

from tawthiq.actors.outlets import get_outlets
from tawthiq.errors import BadInput


@pytest.mark.parametrize(
    "mention, name",
    [
        ("SOHR", "Syrian Observatory for Human Rights"),
        ("the Britain-based monitor", "Syrian Observatory for Human Rights"),
        ("المرصد السوري لحقوق الإنسان", "Syrian Observatory for Human Rights"),
        ("Syria Civil Defence", "Syria Civil Defence (White Helmets)"),
        ("الخوذ البيضاء", "Syria Civil Defence (White Helmets)"),
        ("Agence France Presse", "Agence France-Presse"),
        ("The Associated Press", "Associated Press"),
        ("SNHR", "Syrian Network for Human Rights"),
    ],
)
def test_canonical_names(tmp_home, mention, name):
    assert get_outlets().canonical(mention) == name


def test_ap_matches_only_in_capitals(tmp_home):
    outlets = get_outlets()
    assert [o.name for _, o in outlets.find("AP reported it")] == ["Associated Press"]
    assert outlets.find("an ap of the town") == []


def test_user_outlet_files_extend_the_list(tmp_home):
    folder = tmp_home / "actors"
    folder.mkdir()
    (folder / "outlets-local.yaml").write_text(
        "- id: sohr\n  name: Syrian Observatory for Human Rights\n  source: s\n"
        "  aliases: [the Coventry-based monitor]\n"
        "- id: local-radio\n  name: Radio Fresh\n  source: https://example.org\n"
        "  aliases: [Radio Fresh FM]\n",
        encoding="utf-8",
    )
    outlets = get_outlets()
    assert outlets.canonical("the Coventry-based monitor") == "Syrian Observatory for Human Rights"
    assert outlets.canonical("SOHR") == "Syrian Observatory for Human Rights"
    assert outlets.canonical("Radio Fresh FM") == "Radio Fresh"


def test_a_bad_user_outlet_entry_is_bad_input(tmp_home):
    folder = tmp_home / "actors"
    folder.mkdir()
    (folder / "outlets.json").write_text('[{"name": "No Source"}]', encoding="utf-8")
    with pytest.raises(BadInput) as caught:
        get_outlets()
    assert caught.value.field == "source"
