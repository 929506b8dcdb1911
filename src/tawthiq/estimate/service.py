"""Estimates with their honesty attached: documented, estimated, interval, model,
assumptions, and a warning whenever the data cannot carry the estimate.

``estimate_strata`` runs one method over capture tables per stratum and sums the strata: the
interval of the sum comes from summing draws (posterior draws for LCMCR, bootstrap resamples
for log-linear models), never from adding interval ends.
"""

from __future__ import annotations

import math
import secrets
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field, replace

import numpy as np

from tawthiq import knowledge
from tawthiq.errors import BadInput
from tawthiq.estimate.captures import CaptureTable
from tawthiq.estimate.diagnostics import diagnose
from tawthiq.estimate.lcmcr import LcmcrSettings, sample_posterior
from tawthiq.estimate.loglinear import TOP_MODELS, NoEstimate, estimate_loglinear

METHODS = ("lcmcr", "loglinear")
CRITERIA = ("bic", "aic")
LEVEL = 0.95
STRATA_BOOTSTRAP = 1000  # resamples per stratum when log-linear strata are summed
# (label, total sweeps) -> a context whose value is called with each chunk of sweeps done
ProgressFactory = Callable[[str, int], AbstractContextManager[Callable[[int], None]]]


@dataclass
class Estimate:
    """One estimate (of a stratum, or of the sum of strata)."""

    method: str
    lists: list[str]
    documented: int
    estimate: float | None
    interval: tuple[float, float | None] | None
    interval_kind: str
    model: str
    level: float = LEVEL
    warnings: list[str] = field(default_factory=list)
    stratum: str | None = None
    strata: list[Estimate] = field(default_factory=list)
    draws: np.ndarray | None = None  # draws of N (chains x samples for LCMCR), for sums/plots
    details: dict = field(default_factory=dict)  # diagnostics, top models, seed

    @property
    def assumptions(self) -> list[str]:
        return method_facts(self.method)["assumptions"]

    def to_json(self) -> dict:
        """The contract's shape: method, lists, documented, estimate, interval, level, ..."""
        low, high = self.interval if self.interval else (None, None)
        out = {"method": self.method, "lists": self.lists, "documented": self.documented,
               "estimate": _number(self.estimate),
               "undocumented": None if self.estimate is None
               else _number(self.estimate - self.documented),
               "interval": None if self.interval is None else [_number(low), _number(high)],
               "level": self.level, "interval_kind": self.interval_kind, "model": self.model,
               "assumptions": self.assumptions, "warnings": self.warnings}
        if self.stratum is not None:
            out["stratum"] = self.stratum
        out.update(self.details)
        if self.draws is not None:
            out["posterior"] = draw_summary(self.draws)
        if self.strata:
            out["strata"] = [s.to_json() for s in self.strata]
        return out


def estimate_strata(tables: dict[str, CaptureTable], *, method: str = "lcmcr",
                    seed: int | None = None, criterion: str = "bic",
                    max_order: int | None = None, bootstrap: int = 0,
                    lcmcr: LcmcrSettings | None = None,
                    progress: ProgressFactory | None = None) -> Estimate:
    """Estimate each stratum of ``tables`` and, when there are several, their sum."""
    check_options(method, criterion, bootstrap, max_order)
    lcmcr = lcmcr or LcmcrSettings()
    if not tables:
        raise BadInput("no capture table to estimate from")
    seed = secrets.randbits(32) if seed is None else seed
    summing = len(tables) > 1
    seeds = _stratum_seeds(seed, len(tables)) if summing else [seed]
    parts = [estimate_table(table, method=method, seed=stratum_seed, criterion=criterion,
                            max_order=max_order, bootstrap=bootstrap, lcmcr=lcmcr,
                            progress=progress, stratum=name if summing else None,
                            draws_for_sum=summing)
             for (name, table), stratum_seed in zip(tables.items(), seeds, strict=True)]
    if not summing:
        return parts[0]
    total = sum_strata(parts, method)
    total.details["seed"] = seed
    return total


def check_options(method: str, criterion: str, bootstrap: int,
                  max_order: int | None = None) -> None:
    if method not in METHODS:
        raise BadInput(f"unknown method {method!r}; choose {' or '.join(METHODS)}",
                       field="--method")
    if criterion not in CRITERIA:
        raise BadInput(f"unknown criterion {criterion!r}; choose bic or aic",
                       field="--criterion")
    if bootstrap < 0:
        raise BadInput("the number of bootstrap resamples cannot be negative",
                       field="--bootstrap")
    if max_order is not None and max_order < 1:
        raise BadInput("the highest interaction order must be at least 1 (main effects only)",
                       field="--max-order")


def estimate_table(table: CaptureTable, *, method: str, seed: int, criterion: str = "bic",
                   max_order: int | None = None, bootstrap: int = 0,
                   lcmcr: LcmcrSettings = LcmcrSettings(),
                   progress: ProgressFactory | None = None,
                   stratum: str | None = None, draws_for_sum: bool = False) -> Estimate:
    """One population: the data checks first, then the method. ``draws_for_sum`` makes a
    log-linear estimate keep bootstrap draws (for the interval of a sum of strata) even when
    its own interval is the profile likelihood one."""
    used = table.without_empty_lists()
    notes = [f"list {name} recorded no one here and is left out"
             for name in table.lists if name not in used.lists]
    refusal, cautions = data_problems(used, method)
    if refusal:
        return Estimate(method=method, lists=list(used.lists), documented=used.documented,
                        estimate=None, interval=None, interval_kind="none", model="none",
                        warnings=notes + cautions + [refusal], stratum=stratum)
    if method == "lcmcr":
        found = _lcmcr(used, replace(lcmcr, seed=seed), progress, stratum)
    else:
        found = _loglinear(used, criterion, max_order, bootstrap, seed, draws_for_sum)
    found.stratum = stratum
    found.warnings[:0] = notes + cautions
    return found


def data_problems(table: CaptureTable, method: str) -> tuple[str | None, list[str]]:
    """(why no estimate can be made, or None; warnings that weaken the estimate)."""
    limits = method_limits()
    lists = len(table.lists)
    if lists < 2:
        return "no estimate: fewer than two lists recorded anyone", []
    if method == "lcmcr" and lists < limits["min_lists_lcmcr"]["value"]:
        return (f"no estimate: LCMCR needs at least {limits['min_lists_lcmcr']['value']} "
                f"lists ({limits['min_lists_lcmcr']['why']}); {lists} here; try --method "
                "loglinear"), []
    isolated = table.isolated_lists()
    if isolated:
        return (f"no estimate: no one on list(s) {', '.join(isolated)} appears on any other "
                "list, so nothing tells how many such people were missed"), []
    cautions = []
    several = table.on_several_lists()
    least = limits["min_on_several_lists"]["value"]
    if several < least:
        cautions.append(f"only {several} people appear on two lists or more (fewer than "
                        f"{least}: {limits['min_on_several_lists']['why']})")
    cautions.extend(f"lists {a} and {b} share no one: their dependence cannot be estimated"
                    for a, b in table.zero_overlap_pairs())
    return None, cautions


def _lcmcr(table: CaptureTable, settings: LcmcrSettings, progress: ProgressFactory | None,
           stratum: str | None) -> Estimate:
    label = f"LCMCR {stratum}" if stratum else "LCMCR"
    bar = progress(label, settings.chains * settings.sweeps_per_chain()) if progress \
        else nullcontext(None)
    with bar as advance:
        posterior = sample_posterior(table, settings, progress=advance)
    draws = posterior.draws
    low, high = np.quantile(draws, [(1 - LEVEL) / 2, 1 - (1 - LEVEL) / 2])
    checks = diagnose(draws) if settings.chains > 1 else None
    warnings = checks.warnings() if checks else ["one chain only: convergence is not checked"]
    return Estimate(method="lcmcr", lists=list(table.lists), documented=table.documented,
                    estimate=float(np.median(draws)), interval=(float(low), float(high)),
                    interval_kind=method_facts("lcmcr")["interval"],
                    model=(f"LCMCR with K = {settings.classes} latent classes, a_alpha = "
                           f"{settings.a_alpha:g}, b_alpha = {settings.b_alpha:g}; "
                           f"{settings.chains} chain(s) x {settings.samples:,} draws "
                           f"(burn-in {settings.burnin:,}, thinning {settings.thinning})"),
                    warnings=warnings, draws=draws,
                    details={"seed": posterior.seed,
                             "diagnostics": _diagnostics_json(checks)})


def _loglinear(table: CaptureTable, criterion: str, max_order: int | None, bootstrap: int,
               seed: int, draws_for_sum: bool) -> Estimate:
    resamples = bootstrap or (STRATA_BOOTSTRAP if draws_for_sum else 0)
    try:
        result = estimate_loglinear(table, criterion=criterion, max_order=max_order,
                                    bootstrap=resamples, rng=np.random.default_rng(seed),
                                    level=LEVEL, bootstrap_interval=bool(bootstrap))
    except NoEstimate as exc:
        return Estimate(method="loglinear", lists=list(table.lists),
                        documented=table.documented, estimate=None, interval=None,
                        interval_kind="none", model="none", warnings=[f"no estimate: {exc}"])
    chosen = result.selected
    kind = result.interval_kind if bootstrap else method_facts("loglinear")["interval"]
    return Estimate(method="loglinear", lists=list(table.lists), documented=table.documented,
                    estimate=chosen.abundance, interval=result.interval, interval_kind=kind,
                    model=f"{chosen.model.name()} chosen by {result.selection}",
                    warnings=result.warnings, draws=result.draws,
                    details={**({"seed": seed} if resamples else {}), "criterion": criterion,
                             "list_numbers": {str(j + 1): name
                                              for j, name in enumerate(table.lists)},
                             "models": [_model_row(f) for f in result.fits[:TOP_MODELS]],
                             "models_title": ("Models on the stepwise path, the chosen first"
                                              if "stepwise" in result.selection else
                                              f"Models with the smallest {criterion.upper()}"),
                             "models_fitted": len(result.fits),
                             "models_skipped": len(result.skipped)})


def sum_strata(parts: list[Estimate], method: str) -> Estimate:
    """The total over strata; its interval from the sums of the strata's draws."""
    lists = list(dict.fromkeys(name for p in parts for name in p.lists))
    documented = sum(p.documented for p in parts)
    missing = [p.stratum for p in parts if p.estimate is None]
    if missing:
        return Estimate(method=method, lists=lists, documented=documented, estimate=None,
                        interval=None, interval_kind="none", model="sum of strata",
                        warnings=[f"no total: stratum {', '.join(map(str, missing))} has no "
                                  "estimate; merge small strata or estimate without strata"],
                        strata=parts)
    draws = _summed_draws([p.draws for p in parts])
    low, high = np.quantile(draws, [(1 - LEVEL) / 2, 1 - (1 - LEVEL) / 2])
    if method == "lcmcr":
        point = float(np.median(draws))
        kind = "credible interval of the sum: quantiles of the summed posterior draws"
        checks = diagnose(draws) if draws.ndim == 2 and draws.shape[0] > 1 else None
        details = {"diagnostics": _diagnostics_json(checks)}
        totals = [f"total: {w}" for w in checks.warnings()] if checks else []
    else:
        point = float(sum(p.estimate for p in parts))
        kind = (f"bootstrap interval of the sum: quantiles of {draws.size} summed resamples "
                "(model selection not repeated)")
        details, totals = {}, []
    warnings = totals + [f"stratum {p.stratum}: {w}" for p in parts for w in p.warnings]
    return Estimate(method=method, lists=lists, documented=documented, estimate=point,
                    interval=(float(low), float(high)), interval_kind=kind,
                    model=f"sum of {len(parts)} strata, each estimated separately",
                    warnings=warnings, strata=parts, draws=draws, details=details)


def _summed_draws(all_draws: list[np.ndarray | None]) -> np.ndarray:
    """Element-wise sum: draw i of each stratum together (independent strata, so their sum
    is a draw of the total). Bootstrap draws may differ in number: the shortest sets it."""
    arrays = [np.asarray(d, dtype=float) for d in all_draws if d is not None]
    if arrays and all(a.shape == arrays[0].shape for a in arrays):
        return np.sum(arrays, axis=0)
    shortest = min(a.size for a in arrays)
    return np.sum([a.ravel()[:shortest] for a in arrays], axis=0)


def draw_summary(draws: np.ndarray, bins: int = 40) -> dict:
    """Quantiles and a histogram of the draws (the middle 99 %), for plots and JSON."""
    flat = np.asarray(draws, dtype=float).ravel()
    q = np.quantile(flat, [0.005, 0.025, 0.25, 0.5, 0.75, 0.975, 0.995])
    counts, edges = np.histogram(flat, bins=bins, range=(q[0], q[-1]))
    return {"draws": int(flat.size), "mean": float(flat.mean()),
            "quantiles": {"2.5%": float(q[1]), "25%": float(q[2]), "50%": float(q[3]),
                          "75%": float(q[4]), "97.5%": float(q[5])},
            "histogram": {"edges": [float(e) for e in edges],
                          "counts": [int(c) for c in counts]}}


def _model_row(fit) -> dict:
    return {"model": fit.model.name(), "abundance": fit.abundance, "stderr": fit.stderr,
            "deviance": fit.deviance, "df": fit.df, "aic": fit.aic, "bic": fit.bic,
            "info": "; ".join(fit.notes) or "OK"}


def _diagnostics_json(checks) -> dict | None:
    if checks is None:
        return None
    return {"chains": checks.chains, "draws_per_chain": checks.draws_per_chain,
            "rhat": _number(checks.rhat, 4), "ess_bulk": _number(checks.ess_bulk, 0),
            "ess_tail": _number(checks.ess_tail, 0)}


def _stratum_seeds(seed: int, count: int) -> Iterator[int]:
    """One seed per stratum, derived from the run's seed."""
    for child in np.random.SeedSequence(seed).spawn(count):
        yield int(child.generate_state(1)[0])


def _number(value: float | None, digits: int = 1) -> float | None:
    if value is None or not math.isfinite(value):
        return None
    return round(float(value), digits)


def method_facts(method: str) -> dict:
    """Name, interval reading and assumptions of a method (``data/estimate/methods.json``)."""
    return knowledge.load("estimate/methods.json")["methods"][method]


def method_limits() -> dict:
    return knowledge.load("estimate/methods.json")["limits"]
