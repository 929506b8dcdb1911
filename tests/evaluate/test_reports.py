"""``tawthiq evaluate reports``: the scoring rules on gold and outputs written here, bad gold
files, and (data) figures equal to the shared scorer's on reports-dev."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tawthiq.errors import BadInput
from tawthiq.evaluate.report_scoring import (
    families,
    norm_admin1,
    same_place_name,
    skeletons,
)
from tawthiq.evaluate.reports import read_gold, read_outputs, report_text, score

GOLD = {
    "a1": [
        {"key": "kafr-tala-2024-03-04", "main": True, "place": "Kafr Tala village",
         "governorate": "Hama", "lat": 35.0, "lon": 36.0, "date_start": "2024-03-04",
         "date_end": "2024-03-04", "event_type": "Violence against civilians",
         "perpetrators": [{"as_written": "gunmen", "attributed_by": "residents"}],
         "fatalities_low": 5, "fatalities_high": 7, "victim_identity": "Alawite"},
        {"key": "tell-hamra-2024-03-05", "main": False, "place": "Tell Hamra",
         "governorate": "Hama", "lat": 35.3, "lon": 36.3, "date_start": "2024-03-05",
         "date_end": "2024-03-05", "event_type": "Violence against civilians",
         "perpetrators": [], "fatalities_low": 2, "fatalities_high": 2, "victim_identity": None},
        {"key": "aggregate-hama-a1", "main": False, "place": None, "governorate": "Hama",
         "lat": None, "lon": None, "date_start": None, "date_end": None, "event_type": None,
         "perpetrators": [], "fatalities_low": 40, "fatalities_high": None,
         "victim_identity": None},
    ],
    "a2": [
        {"key": "kafr-tala-2024-03-04", "main": True, "place": "Kafr Tala",
         "governorate": "Hama", "lat": 35.0, "lon": 36.0, "date_start": None,
         "date_end": "2024-03-05", "event_type": "Violence against civilians",
         "perpetrators": [], "fatalities_low": None, "fatalities_high": None,
         "victim_identity": None},
    ],
}


def _event(name: str, lat: float, admin1: str, day: str, best: int | None,
           perps: list[dict] | None = None, identity: list[str] | None = None) -> dict:
    return {"location": {"mention": name, "name": name, "latitude": lat, "longitude": lat + 1,
                         "admin1": admin1, "feature": "locality"},
            "date": {"start": day, "end": day, "precision": "day"},
            "fatalities": {"low": best, "best": best, "high": None},
            "perpetrators": perps or [], "victims": {"identity": identity or []},
            "evidence": []}


def _output(did: str, events: list[dict]) -> str:
    return json.dumps({"document": {"id": did}, "events": events, "claims": [],
                       "mentions": {"witnesses": []}})


def test_scores_main_incident_recall_spurious_and_aggregates() -> None:
    outputs, problems = read_outputs([
        _output("a1", [
            _event("Kafr Tala", 35.0, "Hamah", "2024-03-04", 6,
                   [{"name": "Unidentified", "mention": "gunmen", "attributed_by": "residents"}],
                   ["Alawite"]),
            _event("Hama", 35.13, "Hamah", "2024-03-05", 40),       # an aggregate put locally
            _event("Ruritania", 10.0, "Elsewhere", "2024-03-05", 1),  # spurious
        ]),
        _output("a2", [_event("Kafr Tala", 35.0, "Hama", "2024-03-06", None)]),
    ])
    figures, errors = score(GOLD, outputs, problems)
    main = figures["main_incident"]
    assert main["gov"] == {"pass": 2, "applicable": 2, "pct": 100.0}
    assert main["5km"]["pass"] == 2 and main["d-ov"] == {"pass": 1, "applicable": 2, "pct": 50.0}
    assert main["attr"]["pass"] == 1 and main["vict"]["pass"] == 1
    assert figures["incident_recall"] == {"found": 2, "gold": 3, "pct": 66.7}
    assert figures["spurious_events"] == {"spurious": 1, "events": 4}
    assert figures["aggregate_on_local_event"] == 1
    assert figures["linking"]["pairs"] == 1 and figures["linking"]["strict"] == 0
    kinds = {(e["doc"], e["kind"], e.get("field")) for e in errors}
    assert ("a2", "main incident", "d-ov") in kinds
    assert ("a2", "incident not found", None) in kinds
    assert ("a1", "aggregate on local event", None) in kinds
    assert "spurious events: 1/4" in report_text(figures)


def test_names_and_actor_families_as_the_scorer_reads_them() -> None:
    assert norm_admin1("Homs (Hims)") == "homs" == norm_admin1("Hims")
    assert norm_admin1("Rif Dimashq") == "rifdimashq" != norm_admin1("Dimashq")
    assert norm_admin1("Hasaka (Al Haksa)") == "hasakah"
    assert skeletons("Al-Mukhtariya village") == skeletons("Mukhtariyah")
    assert same_place_name("the Akrama district of Homs", {"location": {"mention": "Akrama"}})
    assert families("pro-government gunmen") == {"syrian-state", "unidentified-armed"}
    assert families("regime remnants") == {"syrian-state", "former-regime"}


def test_bad_gold_line_is_named(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text('{"id": "a", "incidents": []}\n{"id": "b", "incidents"\n', encoding="utf-8")
    with pytest.raises(BadInput) as raised:
        read_gold(path)
    assert raised.value.line == 1 and "main" in str(raised.value)
    path.write_text('{"id": "b", "incidents"\n', encoding="utf-8")
    with pytest.raises(BadInput) as raised:
        read_gold(path)
    assert raised.value.one_line().startswith(f"{path}:1")


def test_command_refuses_bad_gold_with_one_line(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text("not json\n", encoding="utf-8")
    docs = tmp_path / "docs.jsonl"
    docs.write_text('{"id": "a", "text": "x"}\n', encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "tawthiq.cli", "evaluate", "reports", str(gold),
                          str(docs)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1 and "gold.jsonl:1" in run.stderr


def _shared_scorer(shared_data: Path):
    path = shared_data.parent / "tools" / "score_reports.py"
    if not path.is_file():
        pytest.fail(f"the shared scorer is missing: {path}")
    spec = importlib.util.spec_from_file_location("score_reports", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.data
def test_figures_equal_the_shared_scorer_on_reports_dev(shared_data: Path, tmp_path: Path,
                                                        capsys) -> None:
    """Same extract output, both scorers: every figure and every miss line the same."""
    from tests.conftest import require_file

    gold_path = require_file(shared_data / "reports-dev" / "gold.jsonl")
    docs_path = require_file(shared_data / "reports-dev" / "docs.jsonl")
    from tawthiq.pipeline import extract_paths

    out = tmp_path / "out.jsonl"
    out.write_text("".join(json.dumps(r) + "\n" for r in extract_paths([docs_path])), "utf-8")
    scorer = _shared_scorer(shared_data)
    figures_path = tmp_path / "ref.json"
    scorer.main([str(gold_path), str(out), "--verbose", f"--json={figures_path}"])
    reference_text = capsys.readouterr().out
    reference = json.loads(figures_path.read_text("utf-8"))
    outputs, problems = read_outputs(out.read_text("utf-8").splitlines())
    ours, _ = score(read_gold(gold_path), outputs, problems, str(gold_path), str(out),
                    verbose=True)
    assert ours == reference
    assert report_text(ours, verbose=True).strip() == reference_text.strip()
