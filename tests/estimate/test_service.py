"""Estimates with their honesty attached, per stratum and summed, as the CLI prints them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from estimate.tables import three_lists
from tawthiq.errors import BadInput
from tawthiq.estimate.captures import table_from_rows
from tawthiq.estimate.lcmcr import LcmcrSettings
from tawthiq.estimate.report import format_table
from tawthiq.estimate.service import estimate_strata

QUICK = LcmcrSettings(burnin=500, samples=200, thinning=5, chains=2, warmup=100)
CONTRACT_KEYS = {"method", "lists", "documented", "estimate", "interval", "level"}


def busy_table(scale: int = 1):
    """Three overlapping lists, invented counts."""
    return three_lists({"100": 300 * scale, "010": 250 * scale, "001": 200 * scale,
                        "110": 90 * scale, "101": 70 * scale, "011": 60 * scale,
                        "111": 25 * scale})


def test_lcmcr_estimate_states_documented_interval_model_and_assumptions():
    found = estimate_strata({"all": busy_table()}, method="lcmcr", seed=3, lcmcr=QUICK)
    data = found.to_json()
    assert set(data) >= CONTRACT_KEYS
    assert data["documented"] == 995 and data["level"] == 0.95
    low, high = data["interval"]
    assert data["documented"] <= low <= data["estimate"] <= high
    assert data["undocumented"] == pytest.approx(data["estimate"] - 995)
    assert "K = 10" in data["model"] and data["assumptions"]
    assert data["seed"] == 3 and data["diagnostics"]["chains"] == 2
    assert sum(data["posterior"]["histogram"]["counts"]) > 0
    text = format_table(found)
    assert "Documented" in text and "Assumptions:" in text and "R-hat" in text


def test_lcmcr_refuses_two_lists_and_lists_that_overlap_no_other():
    two = table_from_rows(["A", "B"], [(1, 0), (0, 1), (1, 1)], [40, 30, 20])
    found = estimate_strata({"all": two}, method="lcmcr", seed=1, lcmcr=QUICK)
    assert found.estimate is None and "at least 3 lists" in found.warnings[-1]
    assert found.to_json()["interval"] is None
    lonely = three_lists({"100": 40, "010": 30, "110": 20, "001": 15})
    found = estimate_strata({"all": lonely}, method="loglinear", seed=1)
    assert found.estimate is None and "C appears on any other list" in found.warnings[-1]
    assert "no estimate" in format_table(found)


def test_thin_overlaps_are_warned_about():
    thin = three_lists({"100": 40, "010": 30, "001": 25, "110": 2, "011": 2, "101": 1})
    found = estimate_strata({"all": thin}, method="loglinear", seed=1)
    assert any("only 5 people appear on two lists or more" in w for w in found.warnings)


def test_strata_are_summed_with_the_interval_of_the_sum_from_the_draws():
    tables = {"north": busy_table(), "south": busy_table(2)}
    found = estimate_strata(tables, method="lcmcr", seed=4, lcmcr=QUICK)
    north, south = found.strata
    assert (north.stratum, south.stratum) == ("north", "south")
    assert found.documented == north.documented + south.documented
    assert found.draws.shape == (2, 200)
    assert np.array_equal(found.draws, north.draws + south.draws)
    low, high = found.interval
    assert north.interval[0] + south.interval[0] < low  # narrower than adding the ends
    assert high < north.interval[1] + south.interval[1]
    assert [s["stratum"] for s in found.to_json()["strata"]] == ["north", "south"]


def test_loglinear_strata_are_summed_from_bootstrap_resamples():
    found = estimate_strata({"a": busy_table(), "b": busy_table(3)}, method="loglinear",
                            seed=2)
    assert found.estimate == pytest.approx(sum(s.estimate for s in found.strata))
    assert "bootstrap" in found.interval_kind
    assert found.interval[0] < found.estimate < found.interval[1]
    assert all("profile likelihood" in s.interval_kind for s in found.strata)


def test_a_stratum_without_estimate_leaves_the_total_unestimated():
    lonely = three_lists({"100": 40, "010": 30, "110": 20, "001": 15})
    found = estimate_strata({"ok": busy_table(), "thin": lonely}, method="loglinear", seed=1)
    assert found.estimate is None and "stratum thin has no estimate" in found.warnings[0]
    assert found.strata[0].estimate is not None


def test_unknown_options_are_refused():
    with pytest.raises(BadInput, match="method"):
        estimate_strata({"all": busy_table()}, method="petersen")
    with pytest.raises(BadInput, match="criterion"):
        estimate_strata({"all": busy_table()}, method="loglinear", criterion="dic")


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tawthiq.cli", "estimate", *args],
                          capture_output=True, text=True, timeout=300)


def test_cli_prints_the_contract_json(tmp_path: Path):
    path = tmp_path / "captures.csv"
    rows = ["A,B,C,count"] + [f"{k[0]},{k[1]},{k[2]},{v}" for k, v in
                              {"100": 300, "010": 250, "001": 200, "110": 90, "101": 70,
                               "011": 60, "111": 25}.items()]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    done = run_cli(str(path), "--method", "loglinear", "--format", "json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert set(data) >= CONTRACT_KEYS and data["method"] == "loglinear"
    assert data["models"][0]["model"] == data["model"].split()[0]


def test_cli_refuses_bad_input_with_one_line_and_status_2(tmp_path: Path):
    path = tmp_path / "bad.csv"
    path.write_text("A,B\n1,0\n1,x\n", encoding="utf-8")
    done = run_cli(str(path))
    assert done.returncode == 2
    assert done.stderr.strip() == f"Error: {path}:3, field 'B': expected 0 or 1, got 'x'"
    done = run_cli(str(path), "--format", "xml")
    assert done.returncode == 2 and "--format" in done.stderr


@pytest.mark.data
def test_cli_prints_rcapture_s_table_for_kosovo(kosovo_path):
    done = run_cli(str(kosovo_path), "--method", "loglinear")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    head = lines.index("Models with the smallest BIC (1=EXH 2=ABA 3=OSCE 4=HRW; 113 fitted, "
                       "0 skipped):")
    assert lines[head + 1].split() == ["model", "abundance", "stderr", "deviance", "df", "AIC",
                                       "BIC", "infoFit"]
    assert lines[head + 2].split()[:2] == ["[123,14,34]", "10356.5"]
    assert len(lines) == head + 12  # the ten best models
    assert "Estimated total         10,357   95% interval 8,994 - 12,110" in done.stdout


def test_cli_wants_a_file_or_the_store_and_store_options_only_with_the_store(tmp_path: Path):
    done = run_cli()
    assert done.returncode == 2 and "CAPTURES.csv or --from-store" in done.stderr
    path = tmp_path / "c.csv"
    path.write_text("A,B\n1,1\n1,0\n", encoding="utf-8")
    done = run_cli(str(path), "--by", "sex")
    assert done.returncode == 2 and "field '--by'" in done.stderr
    done = run_cli(str(path), "--from-store")
    assert done.returncode == 2
