"""Coverage of the 95 % intervals on simulated lists with heterogeneous capture.

A known population of 10,000 people falls in two latent classes (60 % / 40 %); four lists
record each person independently given the class, the first class far more often than the
second (capture probabilities 0.60, 0.50, 0.55, 0.45 vs 0.25, 0.30, 0.20, 0.35). Lists
therefore depend on each other through the classes, as real lists do when some victims are
easier to document than others. For each of --datasets simulated tables, LCMCR (2 chains,
burn-in 5,000, 500 draws x thinning 20; --documented-schedule for 10,000 / 1,000 x 100) and
the BIC-selected log-linear model give a 95 % interval; the script prints how many intervals
cover 10,000 (the bar for LCMCR: at least 90 of 100), the median estimates and the runtime.
Figures only, no assertions; it takes a few minutes, so it is not part of the test suite.

Run: .venv/bin/python benchmarks/bench_estimate_coverage.py [--datasets 100] [--seed 2024]
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from tawthiq.estimate.captures import CaptureTable, all_patterns, table_from_rows
from tawthiq.estimate.lcmcr import LcmcrSettings, sample_posterior
from tawthiq.estimate.loglinear import estimate_loglinear

POPULATION = 10_000
CLASS_SHARES = np.array([0.6, 0.4])
CAPTURE = np.array([[0.60, 0.50, 0.55, 0.45],
                    [0.25, 0.30, 0.20, 0.35]])
SHORT = LcmcrSettings(burnin=5_000, samples=500, thinning=20, chains=2)
DOCUMENTED = LcmcrSettings(chains=1)


def simulate(rng: np.random.Generator) -> CaptureTable:
    lists = CAPTURE.shape[1]
    classes = rng.choice(len(CLASS_SHARES), size=POPULATION, p=CLASS_SHARES)
    recorded = rng.random((POPULATION, lists)) < CAPTURE[classes]
    cell = recorded @ (1 << np.arange(lists - 1, -1, -1))  # pattern as a binary number
    counts = np.bincount(cell, minlength=2 ** lists)[1:]
    return table_from_rows([f"list{j + 1}" for j in range(lists)], all_patterns(lists), counts)


def covers(interval: tuple[float, float | None]) -> bool:
    low, high = interval
    return low <= POPULATION and (high is None or high >= POPULATION)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", type=int, default=100)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--documented-schedule", action="store_true")
    args = parser.parse_args()
    schedule = DOCUMENTED if args.documented_schedule else SHORT
    rng = np.random.default_rng(args.seed)
    hits = {"lcmcr": 0, "loglinear": 0}
    medians: dict[str, list[float]] = {"lcmcr": [], "loglinear": []}
    started = time.perf_counter()
    for number in range(1, args.datasets + 1):
        table = simulate(rng)
        draws = sample_posterior(table, LcmcrSettings(**{**schedule.__dict__,
                                                         "seed": number})).draws
        low, median, high = np.quantile(draws, [0.025, 0.5, 0.975])
        hits["lcmcr"] += covers((low, high))
        medians["lcmcr"].append(median)
        loglinear = estimate_loglinear(table)
        hits["loglinear"] += covers(loglinear.interval)
        medians["loglinear"].append(loglinear.selected.abundance)
        if number % 10 == 0:
            print(f"  {number:4} data sets: LCMCR covers {hits['lcmcr']}, log-linear "
                  f"{hits['loglinear']}  ({time.perf_counter() - started:.0f} s)", flush=True)
    took = time.perf_counter() - started
    print(f"truth {POPULATION:,}; {args.datasets} data sets; LCMCR {schedule.chains} chain(s), "
          f"burn-in {schedule.burnin:,}, {schedule.samples:,} x thinning {schedule.thinning}")
    for method in ("lcmcr", "loglinear"):
        print(f"  {method:9}: 95 % interval covers the truth in {hits[method]} of "
              f"{args.datasets}; median estimate {np.median(medians[method]):,.0f}")
    print(f"  runtime {took:.0f} s ({took / args.datasets:.2f} s per data set)")


if __name__ == "__main__":
    main()
