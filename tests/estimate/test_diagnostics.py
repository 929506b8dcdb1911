"""R-hat and effective sample size on chains whose answers are known."""

from __future__ import annotations

import numpy as np
import pytest

from tawthiq.estimate.diagnostics import diagnose


def ar1(rho: float, chains: int, draws: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    out = np.empty((chains, draws))
    out[:, 0] = rng.standard_normal(chains)
    noise = rng.standard_normal((chains, draws)) * np.sqrt(1 - rho ** 2)
    for t in range(1, draws):
        out[:, t] = rho * out[:, t - 1] + noise[:, t]
    return out


def test_independent_draws_converge_with_full_sample_size():
    checks = diagnose(ar1(0.0, 4, 1000, seed=1))
    assert checks.rhat < 1.01
    assert checks.ess_bulk == pytest.approx(4000, rel=0.1)
    assert checks.warnings() == []


def test_autocorrelated_draws_have_the_theoretical_sample_size():
    rho = 0.9  # ESS of an AR(1) chain: n (1 - rho) / (1 + rho)
    checks = diagnose(ar1(rho, 4, 5000, seed=2))
    assert checks.ess_bulk == pytest.approx(20000 * (1 - rho) / (1 + rho), rel=0.2)


def test_chains_stuck_in_different_places_are_flagged():
    draws = ar1(0.5, 4, 1000, seed=3) + np.array([[0.0], [0.0], [3.0], [3.0]])
    checks = diagnose(draws)
    assert checks.rhat > 1.5
    assert any("R-hat" in w for w in checks.warnings())
