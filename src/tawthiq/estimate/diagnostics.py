"""Convergence diagnostics for several MCMC chains of one quantity.

Rank-normalised split R-hat and bulk/tail effective sample sizes as defined by Vehtari,
Gelman, Simpson, Carpenter and Buerkner (2021), "Rank-normalization, folding, and
localization: an improved R-hat for assessing convergence of MCMC", Bayesian Analysis 16(2).
The posterior of a population size has a long right tail, which is why the rank-normalised
versions are used rather than the classic ones. R-hat below 1.01 and an ESS above 400 are the
paper's recommended thresholds.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import ndtri
from scipy.stats import rankdata

RHAT_OK = 1.01
ESS_OK = 400


@dataclass(frozen=True)
class Diagnostics:
    chains: int
    draws_per_chain: int
    rhat: float
    ess_bulk: float
    ess_tail: float

    def warnings(self) -> list[str]:
        found = []
        if not np.isfinite(self.rhat) or self.rhat > RHAT_OK:
            found.append(f"chains disagree (R-hat {self.rhat:.3f} > {RHAT_OK}): run longer "
                         "(--burnin, --thinning) before trusting the interval")
        if min(self.ess_bulk, self.ess_tail) < ESS_OK:
            found.append(f"few effective draws (bulk ESS {self.ess_bulk:.0f}, tail ESS "
                         f"{self.ess_tail:.0f} < {ESS_OK}): the interval ends are imprecise")
        return found


def diagnose(draws: np.ndarray) -> Diagnostics:
    """``draws`` has one row per chain."""
    draws = np.asarray(draws, dtype=float)
    return Diagnostics(chains=draws.shape[0], draws_per_chain=draws.shape[1],
                       rhat=rank_rhat(draws), ess_bulk=bulk_ess(draws),
                       ess_tail=tail_ess(draws))


def rank_rhat(draws: np.ndarray) -> float:
    """max(R-hat of the rank-normalised split chains, of their folded ranks)."""
    split = _split(draws)
    folded = np.abs(split - np.median(split))
    return max(_rhat(_rank_normal(split)), _rhat(_rank_normal(folded)))


def bulk_ess(draws: np.ndarray) -> float:
    return _ess(_rank_normal(_split(draws)))


def tail_ess(draws: np.ndarray) -> float:
    """The smaller ESS of the indicators of the 5 % and 95 % quantiles."""
    split = _split(draws)
    low, high = np.quantile(split, [0.05, 0.95])
    return min(_ess((split <= low).astype(float)), _ess((split <= high).astype(float)))


def _split(draws: np.ndarray) -> np.ndarray:
    half = draws.shape[1] // 2
    return np.vstack([draws[:, :half], draws[:, draws.shape[1] - half:]])


def _rank_normal(draws: np.ndarray) -> np.ndarray:
    ranks = rankdata(draws, method="average").reshape(draws.shape)
    return ndtri((ranks - 3 / 8) / (draws.size + 1 / 4))


def _rhat(chains: np.ndarray) -> float:
    n = chains.shape[1]
    within = chains.var(axis=1, ddof=1).mean()
    between = n * chains.mean(axis=1).var(ddof=1)
    if within == 0:
        return float("nan")
    return float(np.sqrt(((n - 1) / n * within + between / n) / within))


def _ess(chains: np.ndarray) -> float:
    """Effective sample size with Geyer's initial monotone sequence over the chains' combined
    autocorrelation (as Stan computes it)."""
    m, n = chains.shape
    if n < 4:
        return float("nan")
    acov = np.array([_autocovariance(chain) for chain in chains])
    mean_var = acov[:, 0].mean() * n / (n - 1)
    var_plus = mean_var * (n - 1) / n + chains.mean(axis=1).var(ddof=1) if m > 1 else mean_var
    if var_plus == 0:
        return float("nan")
    rho = 1 - (mean_var - acov.mean(axis=0)) / var_plus
    rho[0] = 1.0
    pairs = rho[:-1:2][: (n - 1) // 2] + rho[1::2][: (n - 1) // 2]
    positive = np.argmax(pairs <= 0) if np.any(pairs <= 0) else pairs.size
    pairs = np.minimum.accumulate(pairs[:positive])
    tau = -1 + 2 * pairs.sum()
    tau = max(tau, 1 / np.log10(m * n))
    return float(m * n / tau)


def _autocovariance(chain: np.ndarray) -> np.ndarray:
    n = chain.size
    centred = chain - chain.mean()
    size = 1 << (2 * n - 1).bit_length()
    spectrum = np.fft.rfft(centred, size)
    return np.fft.irfft(spectrum * np.conj(spectrum), size)[:n] / n
