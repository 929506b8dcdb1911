"""Log-linear models of capture patterns (Fienberg 1972; Bishop, Fienberg and Holland 1975).

The expected count of each capture pattern is modelled as a Poisson GLM with a main effect
per list and interaction terms for lists that depend on each other; the intercept is the log
of the expected count of people on no list, so N = documented + exp(intercept). As in R's
Rcapture (``closedpMS.t``), every hierarchical model with all main effects and interactions
up to order J - 1 is fitted (up to 5 lists) and one is chosen by BIC (or AIC); with more lists,
two-list terms are added stepwise as in SparseMSE (Chan, Silverman and Vincent 2021).

Intervals are Rcapture's (``closedpCI.t``): the multinomial profile likelihood of N, obtained
from a Poisson fit with the unobserved cell set to N - n plus Cormack's (1992) correction,
cut at half the 95 % chi-square quantile; or, on request, a parametric bootstrap.
A model whose maximum likelihood estimate does not exist (a term over lists that share no
one, or the sufficient statistics on the boundary of their cone, checked by the linear
programme of Fienberg and Rinaldo 2012) is skipped with a warning.
"""

from __future__ import annotations

import itertools
import math
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import statsmodels.api as sm
from scipy.optimize import brentq, linprog, minimize_scalar
from scipy.special import gammaln, xlogy
from scipy.stats import chi2, poisson

from tawthiq.estimate.captures import CaptureTable, all_patterns

Term = tuple[int, ...]
MAX_LISTS_ALL_MODELS = 5
STEPWISE_P = 0.02  # SparseMSE's default threshold for adding a two-list term
UPPER_SEARCH = 3.0  # Rcapture's fmaxSupCL: the upper end is sought below 3 x the estimate
TOP_MODELS = 10


@dataclass(frozen=True)
class Model:
    """A hierarchical model: its interaction terms (order >= 2; all main effects are in)."""

    lists: int
    terms: tuple[Term, ...] = ()

    def generators(self) -> list[Term]:
        """The terms not implied by a larger one, highest order first (Rcapture's names)."""
        everything = [(j,) for j in range(self.lists)] + list(self.terms)
        top = [t for t in everything
               if not any(set(t) < set(other) for other in everything)]
        return sorted(top, key=lambda t: (-len(t), t))

    def name(self) -> str:
        """Rcapture's notation: ``[123,14,34]`` over lists numbered from 1."""
        def one(term: Term) -> str:
            if self.lists <= 9:
                return "".join(str(j + 1) for j in term)
            return ":".join(str(j + 1) for j in term)
        return "[" + ",".join(one(t) for t in self.generators()) + "]"

    def columns(self) -> list[Term]:
        return [(j,) for j in range(self.lists)] + list(self.terms)


def hierarchical_models(lists: int, max_order: int | None = None) -> list[Model]:
    """Every hierarchical model with all main effects and interactions up to ``max_order``
    (default and at most lists - 1: the J-way term would leave no degree of freedom to
    estimate the unobserved cell)."""
    top = lists - 1 if max_order is None else min(max_order, lists - 1)
    chosen: list[tuple[Term, ...]] = [()]
    for order in range(2, top + 1):
        candidates = list(itertools.combinations(range(lists), order))
        grown = []
        for terms in chosen:
            present = set(terms)
            allowed = [c for c in candidates
                       if order == 2 or all(s in present
                                            for s in itertools.combinations(c, order - 1))]
            for size in range(len(allowed) + 1):
                grown.extend(terms + extra for extra in itertools.combinations(allowed, size))
        chosen = grown
    return [Model(lists, terms) for terms in chosen]


def design_matrix(model: Model, patterns: np.ndarray) -> np.ndarray:
    """Intercept, main effects and interaction columns for the given patterns."""
    cols = [np.ones(len(patterns))] + [patterns[:, list(t)].prod(axis=1)
                                       for t in model.columns()]
    return np.column_stack(cols).astype(float)


@dataclass(frozen=True)
class ModelFit:
    """One model fitted to one capture table (Rcapture's columns)."""

    model: Model
    abundance: float
    stderr: float
    deviance: float
    df: int
    aic: float
    bic: float
    intercept: float
    fitted: np.ndarray  # expected counts of the observable patterns
    notes: tuple[str, ...] = ()

    def criterion(self, name: str) -> float:
        return self.aic if name == "aic" else self.bic


@dataclass(frozen=True)
class Skipped:
    model: Model
    reason: str


@dataclass
class LoglinearResult:
    table: CaptureTable
    criterion: str
    fits: list[ModelFit]  # fitted models, best first by the criterion
    skipped: list[Skipped]
    selection: str  # how the model was chosen, in words
    interval: tuple[float, float | None] = (math.nan, None)
    interval_kind: str = "profile likelihood"
    profile_maximum: float = math.nan
    draws: np.ndarray | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def selected(self) -> ModelFit:
        return self.fits[0]


class NoEstimate(Exception):  # noqa: N818 - a state of the data, not a program error
    """The data support no log-linear estimate at all; the message says why."""


def estimate_loglinear(table: CaptureTable, *, criterion: str = "bic",
                       max_order: int | None = None, bootstrap: int = 0,
                       rng: np.random.Generator | None = None, level: float = 0.95,
                       bootstrap_interval: bool = True) -> LoglinearResult:
    """Fit the candidate models, choose one by ``criterion``, and give its interval: the
    profile likelihood one, or with ``bootstrap`` resamples (kept as ``draws``) their
    percentiles unless ``bootstrap_interval`` is false."""
    lists = len(table.lists)
    if lists <= MAX_LISTS_ALL_MODELS:
        fits, skipped = fit_all(table, hierarchical_models(lists, max_order))
        fits.sort(key=lambda f: f.criterion(criterion))
        selection = (f"{criterion.upper()} among {len(fits) + len(skipped)} hierarchical "
                     f"models with interactions up to order "
                     f"{min(max_order or lists - 1, lists - 1)}")
    else:
        fits, skipped = stepwise(table)
        selection = (f"forward stepwise over two-list terms (Poisson p < {STEPWISE_P}, as "
                     f"SparseMSE), {len(fits)} models on the path")
    if not fits:
        reasons = "; ".join(sorted({s.reason for s in skipped}))
        raise NoEstimate(f"no log-linear model has a finite estimate ({reasons})")
    result = LoglinearResult(table=table, criterion=criterion, fits=fits, skipped=skipped,
                             selection=selection)
    result.warnings.extend(_skip_warnings(skipped, table))
    result.warnings.extend(result.selected.notes)
    low, high, peak = profile_interval(table, result.selected.model, level=level,
                                       estimate=result.selected.abundance)
    result.interval, result.profile_maximum = (low, high), peak
    if high is None:
        result.warnings.append(f"the profile likelihood stays above its cut-off up to "
                               f"{UPPER_SEARCH:g} x the estimate: the upper end is unbounded "
                               "by these data")
    if bootstrap:
        draws, failed = bootstrap_draws(table, result.selected, bootstrap,
                                        rng or np.random.default_rng())
        result.draws = draws
        if failed:
            result.warnings.append(f"{failed} of {bootstrap} bootstrap resamples had no finite "
                                   "estimate and were left out")
    if bootstrap and bootstrap_interval:
        tail = (1 - level) / 2
        result.interval = tuple(float(v) for v in np.quantile(draws, [tail, 1 - tail]))
        result.interval_kind = (f"parametric bootstrap, {draws.size} resamples of the "
                                "selected model (model selection not repeated)")
    return result


def fit_all(table: CaptureTable, models: Sequence[Model]) -> tuple[list[ModelFit], list[Skipped]]:
    fits, skipped = [], []
    cells = all_patterns(len(table.lists))
    counts = table.full_counts()
    for model in models:
        outcome = fit_model(model, cells, counts, table.documented)
        (fits if isinstance(outcome, ModelFit) else skipped).append(outcome)
    return fits, skipped


def fit_model(model: Model, cells: np.ndarray, counts: np.ndarray,
              documented: int) -> ModelFit | Skipped:
    """Fit one model, or say why its estimate does not exist."""
    for term in model.columns():
        if counts[cells[:, list(term)].all(axis=1)].sum() == 0:
            return Skipped(model, _empty_term_reason(term))
    design = design_matrix(model, cells)
    if np.linalg.matrix_rank(design) < design.shape[1]:
        return Skipped(model, "more parameters than the patterns can identify")
    if (counts == 0).any() and not mle_exists(design, counts):
        return Skipped(model, "the maximum likelihood estimate does not exist for these "
                              "counts (Fienberg-Rinaldo linear programme)")
    result, notes = _poisson_fit(counts, design)
    if result is None:
        return Skipped(model, notes[0])
    intercept = float(result.params[0])
    variance = float(result.cov_params()[0, 0])
    unseen = math.exp(intercept)
    rank = design.shape[1]
    aic = float(-2 * result.llf + 2 * rank)
    return ModelFit(model=model, abundance=documented + unseen,
                    stderr=math.sqrt(unseen + unseen ** 2 * variance),
                    deviance=float(result.deviance), df=int(round(result.df_resid)),
                    aic=aic, bic=aic + (math.log(documented) - 2) * rank, intercept=intercept,
                    fitted=np.asarray(result.fittedvalues), notes=tuple(notes))


def mle_exists(design: np.ndarray, counts: np.ndarray) -> bool:
    """Fienberg and Rinaldo (2012): the MLE exists iff some strictly positive table has the
    same sufficient statistics, i.e. max s subject to A'x = A'y, x >= s, s >= 0 is positive.
    (With no zero count the table itself is one, so callers check only tables with zeros.)"""
    cells, params = design.shape
    objective = np.r_[np.zeros(cells), -1.0]
    equalities = np.hstack([design.T, np.zeros((params, 1))])
    below = np.hstack([-np.eye(cells), np.ones((cells, 1))])  # s - x_i <= 0
    bounds = [(0, None)] * cells + [(0, float(counts.sum()))]
    solution = linprog(objective, A_ub=below, b_ub=np.zeros(cells), A_eq=equalities,
                       b_eq=design.T @ counts, bounds=bounds, method="highs")
    return bool(solution.status == 0 and -solution.fun > 1e-7 * max(1.0, counts.sum()))


def _poisson_fit(counts: np.ndarray, design: np.ndarray):
    """statsmodels' Poisson GLM, its warnings turned into notes; None when it fails."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = sm.GLM(counts, design, family=sm.families.Poisson()).fit()
        except (np.linalg.LinAlgError, ValueError) as exc:
            return None, [f"the fit failed ({exc})"]
    notes = [f"the fit warned: {w.message}" for w in caught
             if not issubclass(w.category, RuntimeWarning)]
    if not result.converged or not np.isfinite(result.params).all():
        return None, ["the fit did not converge (the estimate may be infinite)"]
    return result, notes


def _empty_term_reason(term: Term) -> str:
    return f"no one is on lists {'+'.join(str(j + 1) for j in term)} together"


def _skip_warnings(skipped: list[Skipped], table: CaptureTable) -> list[str]:
    if not skipped:
        return []
    by_reason: dict[str, int] = {}
    for s in skipped:
        by_reason[s.reason] = by_reason.get(s.reason, 0) + 1
    key = ", ".join(f"{j + 1}={name}" for j, name in enumerate(table.lists))
    return [f"{count} model(s) skipped: {reason} ({key}), so their estimates do not exist"
            for reason, count in sorted(by_reason.items())]


def profile_interval(table: CaptureTable, model: Model, *, level: float = 0.95,
                     estimate: float) -> tuple[float, float | None, float]:
    """Rcapture's profile-likelihood interval of N: (low, high or None, maximiser)."""
    cells = all_patterns(len(table.lists))
    counts = table.full_counts().astype(float)
    documented = table.documented
    design = np.vstack([design_matrix(model, cells),
                        np.r_[1.0, np.zeros(len(model.columns()))]])
    loglik = _profile_loglik(counts, design, documented)
    peak = minimize_scalar(lambda n: -loglik(n), bounds=(documented, UPPER_SEARCH * estimate),
                           method="bounded", options={"xatol": 1e-4})
    cut = -peak.fun - chi2.ppf(level, 1) / 2
    low = _root(lambda n: loglik(n) - cut, documented, peak.x)
    high = _root(lambda n: loglik(n) - cut, peak.x, UPPER_SEARCH * estimate)
    return (documented if low is None else low), high, float(peak.x)


def _profile_loglik(counts: np.ndarray, design: np.ndarray,
                    documented: int) -> Callable[[float], float]:
    """Multinomial profile log likelihood of N: the Poisson deviance with the unobserved cell
    set to N - n, corrected as Cormack (1992) and Rcapture do."""
    def loglik(total: float) -> float:
        unseen = total - documented
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            deviance = sm.GLM(np.r_[counts, unseen], design,
                              family=sm.families.Poisson()).fit().deviance
        return (deviance - 2 * _cormack(unseen, total)) / -2
    return loglik


def _cormack(unseen: float, total: float) -> float:
    """log(n0^n0 N! / (N^N n0!)), by Stirling above N = 100 as Rcapture computes it."""
    if total > 100:
        if unseen in (0, 1):
            return -total + 0.5 * math.log(2 * math.pi * total)
        return unseen - total - 0.5 * math.log(unseen / total)
    return float(xlogy(unseen, unseen) + gammaln(total + 1) - xlogy(total, total)
                 - gammaln(unseen + 1))


def _root(f: Callable[[float], float], a: float, b: float) -> float | None:
    try:
        return float(brentq(f, a, b, xtol=1e-4))
    except ValueError:  # no sign change: the likelihood does not cross the cut-off here
        return None


def bootstrap_draws(table: CaptureTable, fit: ModelFit, replicates: int,
                    rng: np.random.Generator) -> tuple[np.ndarray, int]:
    """Parametric bootstrap: whole tables drawn from the fitted model (the unobserved cell
    included), the model refitted to each. Returns the draws of N and how many failed."""
    cells = all_patterns(len(table.lists))
    design = design_matrix(fit.model, cells)
    expected = np.r_[math.exp(fit.intercept), fit.fitted]
    total = int(round(expected.sum()))
    tables = rng.multinomial(total, expected / expected.sum(), size=replicates)[:, 1:]
    draws = []
    for counts in tables:
        if counts.sum() == 0:
            continue
        result, _notes = _poisson_fit(counts, design)
        if result is not None:
            draws.append(counts.sum() + math.exp(result.params[0]))
    return np.array(draws), replicates - len(draws)


def stepwise(table: CaptureTable, threshold: float = STEPWISE_P
             ) -> tuple[list[ModelFit], list[Skipped]]:
    """SparseMSE's forward stepwise fit: from main effects, add the two-list term whose
    overlap is least likely under the current model (two-sided Poisson p-value), while that
    p-value is below ``threshold`` and the larger model's estimate exists."""
    lists = len(table.lists)
    cells = all_patterns(lists)
    counts = table.full_counts()
    current = fit_model(Model(lists), cells, counts, table.documented)
    if isinstance(current, Skipped):
        return [], [current]
    path, skipped = [current], []
    remaining = list(itertools.combinations(range(lists), 2))
    while remaining:
        ranked = sorted((_overlap_p(pair, cells, counts, current.fitted), pair)
                        for pair in remaining)
        chosen = None
        for p, pair in ranked:
            if p >= threshold:
                break
            candidate = fit_model(Model(lists, current.model.terms + (pair,)), cells, counts,
                                  table.documented)
            if isinstance(candidate, ModelFit):
                chosen = (pair, candidate)
                break
            skipped.append(candidate)
        if chosen is None:
            break
        pair, current = chosen
        remaining.remove(pair)
        path.append(current)
    return path[::-1], skipped


def _overlap_p(pair: Term, cells: np.ndarray, counts: np.ndarray, fitted: np.ndarray) -> float:
    """Two-sided Poisson p-value of the pair's observed overlap under the current model."""
    on_both = cells[:, list(pair)].all(axis=1)
    seen, expected = counts[on_both].sum(), fitted[on_both].sum()
    return float(min(poisson.cdf(seen, expected), poisson.sf(seen - 1, expected)))
