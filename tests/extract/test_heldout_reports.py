"""Held-out reports (``fixtures/heldout``): ten reports written for issue #11 before the
extraction rules were read closely (nine English, one Arabic), never fitted together with
``fixtures/reports``. Extracted as ``tawthiq extract`` does, over the real Who's On First Syria
gazetteer (read through TAWTHIQ_DATA), and scored by the report scorer. The floors are the
figures reached, not perfect: what is still missed is a namesake neighbourhood in another city
(Aleppo's Midan read as Damascus's), perpetrators of a misparsed lead, a community told only of
the witnesses ("Druze residents of X said ..."), a bomb "near" another town the same week merged
into the main incident."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import require_file
from tawthiq import api
from tawthiq.evaluate.reports import read_gold, read_outputs, score

HELDOUT = Path(__file__).parent / "fixtures" / "heldout"
WOF = "gazetteer/wof-sy/whosonfirst-data-admin-sy-2db0f03.tar.gz"

pytestmark = [pytest.mark.data, pytest.mark.slow]


def test_scores_of_the_heldout_reports(tmp_home, shared_data, monkeypatch) -> None:
    monkeypatch.setenv("TAWTHIQ_WORLD_GAZETTEER", "off")
    api.import_gazetteer(require_file(shared_data / WOF))
    lines = [json.dumps(o) for o in api.extract_files([HELDOUT / "docs.jsonl"])]
    texts = {row["id"]: row["text"] for row in map(
        json.loads, (HELDOUT / "docs.jsonl").read_text("utf-8").splitlines())}
    outputs, problems = read_outputs(lines)
    figures, _ = score(read_gold(HELDOUT / "gold.jsonl"), outputs, problems, texts=texts)
    main = {k: (v["pass"], v["applicable"]) for k, v in figures["main_incident"].items()}
    print(main, figures["incident_recall"], figures["spurious_events"],
          figures["aggregate_on_local_event"])
    assert not problems
    # first shot (before the fixes of issue #11's held-out check): gov 10/10, 5km 6/7,
    # d-ov 10/10, perp 7/10, attr 7/10, f-ov 8/10, vict 1/3, recall 17/20, spurious 2/19
    floors = {"gov": 10, "5km": 7, "25km": 7, "d-ov": 10, "d-ex": 8, "perp": 9, "attr": 9,
              "f-ov": 10, "f-best": 10, "vict": 2, "ev0": 10}
    for key, floor in floors.items():
        assert main[key][0] >= floor, (key, main[key])
    assert figures["incident_recall"]["found"] >= 18
    assert figures["spurious_events"]["spurious"] <= 1
    assert figures["aggregate_on_local_event"] == 0
