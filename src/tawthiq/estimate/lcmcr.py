"""LCMCR: Bayesian population size from a Dirichlet-process mixture of latent classes.

The model of Manrique-Vallier (2016), "Bayesian population size estimation using Dirichlet
process mixtures", Biometrics 72(4): every person, documented or not, belongs to one of K
latent classes; within a class the lists record people independently, list j with probability
lambda[j, k]. Class weights nu come from a truncated stick-breaking prior with concentration
alpha ~ Gamma(a_alpha, b_alpha). Heterogeneity between classes is what lets the lists depend on
each other without any log-linear interaction being chosen.

The Gibbs sampler follows the published algorithm and the R package LCMCR 0.4.14 step by step
(`NPLCM_CR_Basic_Freq::Update`): (1) the classes of the documented people, cell by cell, as
multinomial counts; (2) lambda from Beta(1 + recorded, 1 + not recorded), counting the
augmented undocumented people as recorded by no list; (3) the stick-breaking weights
V_k ~ Beta(1 + n_k, alpha + sum_{h>k} n_h), drawn in log space; (4) the number of undocumented
people n0 ~ NegBin(n, 1 - p0), p0 the probability of being on no list (this is the prior
p(N) proportional to 1/N); (5) their classes, multinomially; (6) alpha ~ Gamma(a_alpha + K - 1,
b_alpha - log nu_K). The start is the package's: lambda at each list's share of the documented,
nu = (0.225 x 4, 0.1 / (K - 4) ...), alpha = 0.3 / K, then 500 sweeps with alpha held fixed
and the classes put in decreasing order of weight.

The sweeps run in a numba kernel (``gibbs``, imported when sampling starts): the same steps as
numpy-vectorised code are ~10x slower per sweep (benchmarks/bench_estimate.py measures both).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from tawthiq.errors import BadInput
from tawthiq.estimate.captures import CaptureTable

Progress = Callable[[int], None]  # called with the number of sweeps just done
CHUNK_SWEEPS = 2_000  # sweeps per kernel call between progress reports


@dataclass(frozen=True)
class LcmcrSettings:
    """The R package's priors (K = 10 as its documented Kosovo example; a_alpha = b_alpha =
    0.25 its defaults) and the sampling schedule of that example: burn-in 10,000 sweeps, then
    1,000 samples kept one every 100 sweeps, in each of ``chains`` chains."""

    classes: int = 10
    a_alpha: float = 0.25
    b_alpha: float = 0.25
    burnin: int = 10_000
    samples: int = 1_000
    thinning: int = 100
    chains: int = 4
    warmup: int = 500
    seed: int | None = None

    def sweeps_per_chain(self) -> int:
        return self.warmup + self.burnin + self.samples * self.thinning

    def check(self) -> None:
        for name in ("classes", "samples", "thinning", "chains"):
            if getattr(self, name) < 1:
                raise BadInput(f"must be at least 1, got {getattr(self, name)}",
                               field=f"--{name}")
        if self.classes < 2:
            raise BadInput("LCMCR needs at least 2 latent classes", field="--classes")
        if self.burnin < 0 or self.warmup < 0:
            raise BadInput("burn-in cannot be negative", field="--burnin")
        if self.a_alpha <= 0 or self.b_alpha <= 0:
            raise BadInput("the Gamma prior of alpha needs positive a_alpha and b_alpha")


@dataclass(frozen=True)
class Posterior:
    """Draws of the total population N = documented + undocumented, one row per chain."""

    draws: np.ndarray
    seed: int
    settings: LcmcrSettings


def sample_posterior(table: CaptureTable, settings: LcmcrSettings = LcmcrSettings(), *,
                     progress: Progress | None = None,
                     threads: int | None = None) -> Posterior:
    """Run ``settings.chains`` independent chains (in parallel threads: the kernel releases
    the GIL) and return their thinned draws of N."""
    settings.check()
    seed = settings.seed if settings.seed is not None else secrets.randbits(32)
    streams = np.random.SeedSequence(seed).spawn(settings.chains)
    workers = max(1, min(settings.chains, threads or os.cpu_count() or 1))

    def one_chain(stream: np.random.SeedSequence) -> np.ndarray:
        return run_chain(table, settings, np.random.Generator(np.random.PCG64(stream)),
                         progress=progress)

    with ThreadPoolExecutor(max_workers=workers) as pool:
        draws = np.stack(list(pool.map(one_chain, streams)))
    return Posterior(draws=draws, seed=seed, settings=settings)


def run_chain(table: CaptureTable, settings: LcmcrSettings, rng: np.random.Generator, *,
              progress: Progress | None = None) -> np.ndarray:
    """One chain: warm-up with alpha fixed, reorder classes, burn-in, then thinned samples."""
    from tawthiq.estimate.gibbs import run_sweeps

    patterns = np.ascontiguousarray(table.patterns, dtype=np.int8)
    counts = np.ascontiguousarray(table.counts, dtype=np.int64)
    chain = ChainState.start(patterns, counts, settings.classes)
    nothing = np.empty(0, dtype=np.int64)
    chain.advance(run_sweeps, rng, patterns, counts, settings, settings.warmup, 1, False, nothing,
                  progress)
    chain.order_classes_by_weight()
    chain.advance(run_sweeps, rng, patterns, counts, settings, settings.burnin, 1, True, nothing,
                  progress)
    trace = np.empty(settings.samples, dtype=np.int64)
    chain.advance(run_sweeps, rng, patterns, counts, settings, settings.samples * settings.thinning,
                  settings.thinning, True, trace, progress)
    return trace


@dataclass
class ChainState:
    """The sampler's state: lambda (J x K), log class weights, the augmented undocumented
    people's class counts, and [alpha] and [n0] as one-element arrays the kernel updates."""

    lam: np.ndarray
    log_nu: np.ndarray
    count0: np.ndarray
    alpha: np.ndarray
    n0: np.ndarray

    @classmethod
    def start(cls, patterns: np.ndarray, counts: np.ndarray, classes: int) -> ChainState:
        shares = (patterns * counts[:, None]).sum(axis=0) / counts.sum()
        lam = np.repeat(shares[:, None].astype(float), classes, axis=1)
        if classes > 4:
            nu = np.r_[np.full(4, 0.225), np.full(classes - 4, 0.1 / (classes - 4))]
        else:
            nu = np.full(classes, 1.0 / classes)
        return cls(lam=lam, log_nu=np.log(nu), count0=np.zeros(classes, dtype=np.int64),
                   alpha=np.array([0.3 / classes]), n0=np.zeros(1, dtype=np.int64))

    def order_classes_by_weight(self) -> None:
        order = np.argsort(-self.log_nu, kind="stable")
        self.lam = np.ascontiguousarray(self.lam[:, order])
        self.log_nu = self.log_nu[order]
        self.count0 = self.count0[order]

    def advance(self, kernel: Callable, rng: np.random.Generator, patterns: np.ndarray,
                counts: np.ndarray, settings: LcmcrSettings, sweeps: int, thinning: int,
                update_alpha: bool, trace: np.ndarray, progress: Progress | None) -> None:
        """``sweeps`` Gibbs sweeps in chunks (between which progress is reported), recording
        N into ``trace`` every ``thinning`` sweeps when ``trace`` is not empty."""
        done = 0
        step = max(thinning, (CHUNK_SWEEPS // thinning) * thinning)
        while done < sweeps:
            now = min(step, sweeps - done)
            record = trace[done // thinning: (done + now) // thinning] if trace.size \
                else trace
            kernel(rng, patterns, counts, self.lam, self.log_nu, self.count0, self.alpha,
                    self.n0, now, thinning, update_alpha, settings.a_alpha, settings.b_alpha,
                    record)
            done += now
            if progress is not None:
                progress(now)
