"""Log-linear models as Rcapture fits them: the models, the estimates, the intervals."""

from __future__ import annotations

import math

import numpy as np
import pytest

from estimate.tables import three_lists
from tawthiq.estimate.captures import all_patterns, table_from_rows
from tawthiq.estimate.loglinear import (
    Model,
    Skipped,
    estimate_loglinear,
    fit_model,
    hierarchical_models,
    mle_exists,
)


def test_the_model_counts_are_rcapture_s():
    # closedpMS.t fits 8 models for 3 lists, 113 for 4 and 6,893 for 5 (main effects forced)
    assert [len(hierarchical_models(t)) for t in (2, 3, 4, 5)] == [1, 8, 113, 6893]
    assert len(hierarchical_models(4, max_order=2)) == 64
    assert all(len(term) <= 2 for m in hierarchical_models(4, 2) for term in m.terms)


def test_models_are_named_by_their_generators():
    assert Model(4, ((0, 1), (0, 2), (1, 2), (0, 1, 2), (0, 3), (2, 3))).name() == "[123,14,34]"
    assert Model(4).name() == "[1,2,3,4]"
    assert Model(3, ((0, 2),)).name() == "[13,2]"


def test_two_lists_give_the_lincoln_petersen_estimate():
    table = table_from_rows(["A", "B"], [(1, 0), (0, 1), (1, 1)], [60, 40, 40])
    result = estimate_loglinear(table)
    assert result.selected.abundance == pytest.approx(100 * 80 / 40)
    low, high = result.interval
    assert 150 < low < 200 < high < 300
    assert result.profile_maximum == pytest.approx(200, rel=0.01)


def test_models_over_lists_that_share_no_one_are_skipped_with_a_warning():
    table = three_lists({"100": 50, "010": 40, "001": 30, "110": 12, "011": 9})
    result = estimate_loglinear(table, max_order=2)
    assert len(result.fits) + len(result.skipped) == 8
    reasons = {s.model.name(): s.reason for s in result.skipped}
    empty = "no one is on lists 1+3 together"
    assert {name for name, why in reasons.items() if why == empty} == {
        "[13,2]", "[12,13]", "[13,23]", "[12,13,23]"}
    # [12,23] has no 1+3 term, but its margins force the empty 101 cell to zero
    assert "Fienberg-Rinaldo" in reasons["[12,23]"]
    assert ("4 model(s) skipped: no one is on lists 1+3 together (1=A, 2=B, 3=C), so their "
            "estimates do not exist") in result.warnings
    assert all(math.isfinite(f.abundance) for f in result.fits)


def test_a_zero_cell_on_the_boundary_is_caught_by_the_linear_programme():
    # every pair overlaps, but with 111 empty the saturated model's estimate is infinite
    table = three_lists({"100": 50, "010": 40, "001": 30, "110": 10, "101": 8, "011": 6})
    saturated = Model(3, ((0, 1), (0, 2), (1, 2)))
    outcome = fit_model(saturated, all_patterns(3), table.full_counts(), table.documented)
    assert isinstance(outcome, Skipped) and "Fienberg-Rinaldo" in outcome.reason
    smaller = fit_model(Model(3, ((0, 1),)), all_patterns(3), table.full_counts(), 144)
    assert not isinstance(smaller, Skipped)


def test_mle_exists_for_a_positive_table():
    cells = all_patterns(3)
    from tawthiq.estimate.loglinear import design_matrix
    design = design_matrix(Model(3, ((0, 1), (0, 2), (1, 2))), cells)
    assert mle_exists(design, np.array([5, 4, 3, 2, 2, 1, 1]))


def test_the_bootstrap_interval_comes_from_refitted_resamples():
    table = table_from_rows(["A", "B"], [(1, 0), (0, 1), (1, 1)], [60, 40, 40])
    result = estimate_loglinear(table, bootstrap=300, rng=np.random.default_rng(3))
    assert result.draws is not None and result.draws.size == 300
    low, high = result.interval
    assert low < 200 < high
    assert "bootstrap" in result.interval_kind


def test_many_lists_are_fitted_stepwise_and_find_the_dependent_pair():
    lists, total = 6, 20_000
    capture = np.array([0.3, 0.25, 0.2, 0.3, 0.15, 0.2])
    cells = all_patterns(lists)
    on = np.vstack([np.zeros(lists, dtype=np.int8), cells])
    log_p = (on * np.log(capture) + (1 - on) * np.log1p(-capture)).sum(axis=1)
    log_p += 1.2 * on[:, 0] * on[:, 1]  # lists 1 and 2 record the same people more often
    p = np.exp(log_p) / np.exp(log_p).sum()
    expected = np.round(total * p).astype(int)
    table = table_from_rows([f"L{j}" for j in range(lists)], cells, expected[1:])
    result = estimate_loglinear(table)
    assert result.selected.model.terms == ((0, 1),)
    assert result.selected.abundance == pytest.approx(expected.sum(), rel=0.01)
    assert "stepwise" in result.selection


@pytest.mark.data
def test_kosovo_bic_model_matches_rcapture(kosovo):
    result = estimate_loglinear(kosovo)
    assert result.selected.model.name() == "[123,14,34]"
    assert result.selected.abundance == pytest.approx(10_356, rel=0.01)
    assert result.interval[0] == pytest.approx(8_994, rel=0.01)
    assert result.interval[1] == pytest.approx(12_110, rel=0.01)
    assert len(result.fits) == 113 and not result.skipped


@pytest.mark.data
def test_kosovo_aic_among_two_way_models_matches_rcapture(kosovo):
    result = estimate_loglinear(kosovo, criterion="aic", max_order=2)
    assert result.selected.model.name() == "[12,13,14,23,34]"
    assert result.selected.abundance == pytest.approx(14_342, rel=0.01)
    assert result.interval[0] == pytest.approx(12_525, rel=0.01)
    assert result.interval[1] == pytest.approx(16_543, rel=0.01)
    aics = [f.aic for f in result.fits]
    assert aics == sorted(aics)
