"""Speed of multiple systems estimation on the Kosovo table, against R and a numpy baseline.

Prints, for LCMCR with the R package's documented schedule (burn-in 10,000 sweeps, then 1,000
draws kept every 100: 110,500 sweeps with the 500-sweep warm-up): the seconds of one chain
with tawthiq's numba kernel (best of --repeat runs; wall and CPU), the same schedule run by
numpy-vectorised code (the baseline the kernel replaced), and both as ratios to R LCMCR's
2.3-3.7 s per run (measured on this machine, README of ../shared/data/mse). Then the default
CLI run (4 chains in threads) and the log-linear search (113 models + profile interval).
Figures only, no assertions.

Run: .venv/bin/python benchmarks/bench_estimate.py [--repeat 3] [--baseline-sweeps N]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

from tawthiq.estimate.captures import CaptureTable, read_captures
from tawthiq.estimate.lcmcr import LcmcrSettings, run_chain, sample_posterior
from tawthiq.estimate.loglinear import estimate_loglinear
from tawthiq.settings import get_settings

R_SECONDS = (2.3, 3.7)  # R LCMCR 0.4.14, same schedule, per run (one chain)
SCHEDULE = LcmcrSettings(chains=1)


def timed(function) -> tuple[float, float, object]:
    wall, cpu = time.perf_counter(), time.process_time()
    value = function()
    return time.perf_counter() - wall, time.process_time() - cpu, value


def numpy_sweeps(table: CaptureTable, sweeps: int, seed: int, classes: int = 10,
                 a_alpha: float = 0.25, b_alpha: float = 0.25) -> np.ndarray:
    """The baseline: the same Gibbs steps as the kernel, written with numpy array operations
    over classes and cells (alpha updated throughout; the trace is N after every sweep)."""
    rng = np.random.default_rng(seed)
    x, f = table.patterns.astype(float), table.counts
    n = int(f.sum())
    lam = np.repeat(((x * f[:, None]).sum(0) / n)[:, None], classes, axis=1)
    log_nu = np.log(np.r_[np.full(4, 0.225), np.full(classes - 4, 0.1 / (classes - 4))])
    alpha, n0, count0 = 0.3 / classes, 0, np.zeros(classes, dtype=np.int64)
    trace = np.empty(sweeps, dtype=np.int64)
    for sweep in range(sweeps):
        logp = log_nu + x @ np.log(lam) + (1 - x) @ np.log1p(-lam)
        p = np.exp(logp - logp.max(axis=1, keepdims=True))
        z = rng.multinomial(f, p / p.sum(axis=1, keepdims=True))
        sizes = z.sum(axis=0) + count0
        recorded = x.T @ z
        lam = rng.beta(1 + recorded, 1 + sizes - recorded)
        tail = n0 + n - np.cumsum(sizes)[:-1]
        take, leave = log_gamma(rng, 1.0 + sizes[:-1]), log_gamma(rng, alpha + tail)
        both = np.logaddexp(take, leave)
        rest = np.r_[0.0, np.cumsum(leave - both)]
        log_nu = np.r_[take - both, 0.0] + rest
        q = np.exp(log_nu + np.log1p(-lam).sum(axis=0))
        n0 = rng.negative_binomial(n, 1.0 - q.sum())
        count0 = rng.multinomial(n0, q / q.sum())
        alpha = rng.gamma(a_alpha + classes - 1, 1.0 / (b_alpha - log_nu[-1]))
        trace[sweep] = n0 + n
    return trace


def log_gamma(rng: np.random.Generator, shape: np.ndarray) -> np.ndarray:
    return np.log(rng.standard_gamma(shape + 1.0)) + np.log(rng.random(shape.shape)) / shape


def lcmcr_figures(table: CaptureTable, repeat: int, baseline_sweeps: int) -> None:
    sweeps = SCHEDULE.sweeps_per_chain()
    wall, _cpu, _ = timed(lambda: run_chain(table, LcmcrSettings(
        chains=1, burnin=10, samples=10, thinning=1, warmup=10), np.random.default_rng(0)))
    print(f"numba kernel load (compiled or read from cache): {wall:.2f} s")
    runs = [timed(lambda s=seed: run_chain(table, SCHEDULE, np.random.default_rng(s)))
            for seed in range(1, repeat + 1)]
    best_wall = min(r[0] for r in runs)
    best_cpu = min(r[1] for r in runs)
    medians = [float(np.median(r[2])) for r in runs]
    print(f"LCMCR, 1 chain, {sweeps:,} sweeps (burn-in 10,000, 1,000 x thinning 100):")
    shown = ", ".join(f"{m:,.0f}" for m in medians)
    print(f"  tawthiq numba   best of {repeat}: {best_wall:6.2f} s wall, {best_cpu:6.2f} s CPU "
          f"({best_wall / sweeps * 1e6:.1f} us/sweep); medians {shown}")
    print(f"  R LCMCR         {R_SECONDS[0]:.1f}-{R_SECONDS[1]:.1f} s -> tawthiq / R = "
          f"{best_wall / R_SECONDS[1]:.2f}-{best_wall / R_SECONDS[0]:.2f} "
          f"(bar: within 2x, i.e. <= {2 * R_SECONDS[0]:.1f}-{2 * R_SECONDS[1]:.1f} s)")
    wall, cpu, trace = timed(lambda: numpy_sweeps(table, baseline_sweeps, seed=1))
    projected = wall / baseline_sweeps * sweeps
    print(f"  numpy baseline  {baseline_sweeps:,} sweeps in {wall:.2f} s wall, {cpu:.2f} s CPU "
          f"({wall / baseline_sweeps * 1e6:.1f} us/sweep) -> {projected:.1f} s for the schedule"
          f"{'' if baseline_sweeps == sweeps else ' (projected)'}; numba is "
          f"{projected / best_wall:.1f}x faster; baseline median N "
          f"{np.median(trace[len(trace) // 10:]):,.0f}")
    wall, cpu, posterior = timed(lambda: sample_posterior(table, LcmcrSettings(seed=1)))
    print(f"  default run (4 chains, threads): {wall:.2f} s wall, {cpu:.2f} s CPU; median "
          f"{np.median(posterior.draws):,.0f}")


def loglinear_figures(table: CaptureTable) -> None:
    wall, cpu, result = timed(lambda: estimate_loglinear(table))
    print(f"log-linear, {len(result.fits)} models by BIC + profile interval: {wall:.2f} s wall, "
          f"{cpu:.2f} s CPU -> {result.selected.model.name()} {result.selected.abundance:,.0f} "
          f"[{result.interval[0]:,.0f} - {result.interval[1]:,.0f}]")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--baseline-sweeps", type=int, default=SCHEDULE.sweeps_per_chain(),
                        help="sweeps of the numpy baseline (default: the whole schedule)")
    parser.add_argument("--captures", type=Path,
                        default=get_settings().data / "mse" / "kosovo_aggregate.csv")
    args = parser.parse_args()
    table = read_captures(args.captures)["all"]
    print(f"{args.captures}: {table.documented:,} documented, {len(table.lists)} lists")
    lcmcr_figures(table, args.repeat, args.baseline_sweeps)
    loglinear_figures(table)


if __name__ == "__main__":
    main()
