"""The geoparsing evaluation's misses, each told apart by kind (diagnostics only: the scores
do not depend on them). Gold records are the test's own, on the tiny worldwide fixture."""

import json

from geo.gazetteer_fixtures import WORLD_SOURCES
from tawthiq.evaluate import geoparsing
from tawthiq.settings import Settings, use_settings

TEXT = ("Storm damage in Geneva, Atlantis, Paris, France, London and Orange was reported.")


def _toponym(words: str, gid: int, lat: float, lon: float) -> str:
    start = TEXT.index(words)
    return (f"<toponym><extractedName>{words}</extractedName><start>{start}</start>"
            f"<end>{start + len(words)}</end><geonamesID>{gid}</geonamesID>"
            f"<latitude>{lat}</latitude><longitude>{lon}</longitude></toponym>")


GOLD = [
    _toponym("Geneva", 2660646, 46.2, 6.15),          # right
    _toponym("Atlantis", 1234567, 30.0, -30.0),       # no reading at all
    _toponym("Paris", 7654321, 0.0, 0.0),             # a record the index lacks
    _toponym("France", 3017382, -40.0, 100.0),        # right record, point far off
    _toponym("London", 6058560, 42.98, -81.23),       # London, Ontario: among the readings
    _toponym("Orange", 169577, 34.73, 36.72),         # in the index, not a reading of it
]
GWN = (f'<?xml version="1.0" ?><articles><article file="0"><text>{TEXT}</text><toponyms>'
       f'{"".join(GOLD)}</toponyms></article></articles>')


def test_misses_are_written_and_counted_by_kind(tmp_path, monkeypatch):
    (tmp_path / "GWN.xml").write_text(GWN, "utf-8")
    use_settings(Settings(home=tmp_path / "home"))
    real_ensure = geoparsing.ensure_world
    monkeypatch.setattr(geoparsing, "ensure_world",
                        lambda home: real_ensure(home, WORLD_SOURCES))
    printed = []
    try:
        report = geoparsing.evaluate_geoparsing([tmp_path / "GWN.xml"], None, printed.append,
                                                misses=tmp_path / "misses.jsonl")
    finally:
        use_settings(None)
    assert report["gwn"]["misses"] == {"unresolved": 1, "same_id_far": 1, "ranked_wrong": 1,
                                       "gold_in_index": 1, "not_in_index": 1}
    lines = [json.loads(line) for line in (tmp_path / "misses.jsonl").read_text().splitlines()]
    kinds = {line["text"]: line["kind"] for line in lines}
    assert kinds == {"Atlantis": "unresolved", "Paris": "not_in_index",
                     "France": "same_id_far", "London": "ranked_wrong",
                     "Orange": "gold_in_index"}
    assert all(line["corpus"] == "gwn" for line in lines)
    assert [line["gold_indexed"] for line in lines if line["text"] == "Orange"] == [True]
    assert [line["gold_indexed"] for line in lines if line["text"] == "Paris"] == [False]
    assert any(line.startswith("Misses") for line in printed)
