"""The one loader of domain knowledge: shipped files by language, user overrides merged."""

from __future__ import annotations

import json

import pytest

from tawthiq import knowledge
from tawthiq.errors import BadInput, TawthiqError


@pytest.fixture(autouse=True)
def _fresh_cache():
    knowledge.clear_cache()
    yield
    knowledge.clear_cache()


def test_shipped_english_file_is_read(tmp_home):
    data = knowledge.load("vague_quantities.json", "en")
    words = {w for entry in data["quantities"] for w in entry["words"]}
    assert "dozens" in words


def test_user_file_extends_lists_and_replaces_values(tmp_home):
    user = tmp_home / "data" / "en" / "attribution.yaml"
    user.parent.mkdir(parents=True)
    user.write_text("say_verbs: [proclaim]\nname_particles: [al]\n", encoding="utf-8")
    words = knowledge.word_lists("attribution.yaml", "en")
    assert "proclaim" in words.say_verbs
    assert "say" in words.say_verbs          # the shipped words stay
    assert words.name_particles >= {"al", "bin"}


def test_merge_is_recursive_for_mappings():
    base = {"a": {"x": 1, "y": [1, 2]}, "b": "keep"}
    update = {"a": {"y": [2, 3], "z": True}, "c": 0}
    assert knowledge.merge(base, update) == {
        "a": {"x": 1, "y": [1, 2, 3], "z": True}, "b": "keep", "c": 0}


def test_malformed_user_file_names_file_and_line(tmp_home):
    user = tmp_home / "data" / "en" / "vague_quantities.json"
    user.parent.mkdir(parents=True)
    user.write_text('{"quantities": [\n  {"words": ["heaps"],}\n]}\n', encoding="utf-8")
    with pytest.raises(BadInput) as caught:
        knowledge.load("vague_quantities.json", "en")
    line = caught.value.one_line()
    assert str(user) in line and ":2" in line


def test_missing_shipped_file_is_an_error_not_a_silent_skip(tmp_home):
    with pytest.raises(TawthiqError, match="missing"):
        knowledge.load("no_such_words.json", "en")


def test_every_language_file_parses_and_cites_a_source():
    """Language-keyed knowledge: each file parses and says where its entries come from."""
    for lang in knowledge.LANGUAGES:
        folder = knowledge.shipped_path("", lang)
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            if path.suffix not in {".json", ".yaml", ".yml"}:
                continue
            text = path.read_text(encoding="utf-8")
            data = knowledge.read_file(path)
            assert data, path
            assert "source" in text.lower(), f"{path} cites no source"
            if path.suffix == ".json":
                json.loads(text)
