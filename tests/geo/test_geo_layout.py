"""The geo package's layout: ranking weights come from their cited data file, and no geo
module imports one that imports it back (the geocoder is a thin class over its modules)."""

from __future__ import annotations

import ast
from dataclasses import fields
from importlib import resources
from pathlib import Path

import pytest

import tawthiq.geo
from tawthiq.geo.datafiles import load_json
from tawthiq.geo.weights import RANKING_FILE, RankingWeights, W, load_weights


def test_every_weight_has_a_note_and_a_cited_source():
    data = load_json(RANKING_FILE)
    assert {f.name for f in fields(RankingWeights)} == set(data["weights"])
    for name, entry in data["weights"].items():
        assert entry["note"].strip(), name
        assert entry["source"] in data["sources"], name


def test_weights_are_read_from_the_file():
    assert W.exact == load_json(RANKING_FILE)["weights"]["exact"]["value"]
    assert W.not_current_penalty[-2] == 0.15   # JSON keys become the currency codes


@pytest.mark.parametrize("change, message", [
    (lambda w: w.pop("capital_bonus"), "missing weights ['capital_bonus']"),
    (lambda w: w.update(capitol_bonus={"value": 0.2}), "unknown weights ['capitol_bonus']"),
    (lambda w: w.update(exact={"value": "0.97"}), "weight 'exact' is not a number"),
])
def test_a_wrong_weights_file_names_the_weight(change, message):
    data = {"weights": {k: dict(v) for k, v in load_json(RANKING_FILE)["weights"].items()}}
    change(data["weights"])
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("]", r"\]")):
        load_weights(data)


def _geo_imports() -> dict[str, set[str]]:
    """Module -> the geo modules it imports (anywhere in it, functions included)."""
    graph = {}
    for path in Path(tawthiq.geo.__file__).parent.glob("*.py"):
        deps = set()
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("tawthiq.geo"):
                parts = node.module.split(".")
                deps.update([parts[2]] if len(parts) > 2 else [a.name for a in node.names])
            elif isinstance(node, ast.Import):
                deps.update(a.name.split(".")[2] for a in node.names
                            if a.name.startswith("tawthiq.geo."))
        graph[path.stem] = deps - {path.stem}
    return graph


def test_no_geo_module_imports_one_that_imports_it_back():
    graph = _geo_imports()

    def reachable(start: str) -> set[str]:
        seen, todo = set(), [start]
        while todo:
            for dep in graph.get(todo.pop(), ()):
                if dep not in seen:
                    seen.add(dep)
                    todo.append(dep)
        return seen

    assert [m for m in sorted(graph) if m in reachable(m)] == []
    assert "geocoder" not in reachable("toponyms")   # text resolution sits on the geocoder
    assert resources.files("tawthiq.data.geo").joinpath(RANKING_FILE).is_file()
