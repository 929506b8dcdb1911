"""The LCMCR Gibbs sweeps, compiled by numba (cached on disk after the first run).

One call runs ``sweeps`` sweeps of the sampler described in ``tawthiq.estimate.lcmcr`` on one
chain's state, in place; the numbered steps match that module's docstring. The kernel
releases the GIL, so chains run in parallel threads.
"""

from __future__ import annotations

import numba
import numpy as np


@numba.njit(cache=True, nogil=True)
def log_gamma_draw(rng, shape):
    """log of a Gamma(shape, 1) draw, exact for shapes far below 1 (where the draw itself
    underflows): Gamma(a) = Gamma(a + 1) * U^(1/a)."""
    if shape < 1.0:
        return np.log(rng.standard_gamma(shape + 1.0)) + np.log(rng.random()) / shape
    return np.log(rng.standard_gamma(shape))


@numba.njit(cache=True, nogil=True)
def multinomial(rng, total, probs, out):
    """Multinomial(total, probs) by successive conditional binomials (as GSL and numpy)."""
    remaining = total
    mass_left = 1.0
    last = probs.shape[0] - 1
    for k in range(last):
        if remaining <= 0:
            out[k] = 0
            continue
        share = probs[k] / mass_left if mass_left > 0.0 else 1.0
        if share >= 1.0:
            drawn = remaining
        elif share <= 0.0:
            drawn = 0
        else:
            drawn = rng.binomial(remaining, share)
        out[k] = drawn
        remaining -= drawn
        mass_left -= probs[k]
    out[last] = remaining


@numba.njit(cache=True, nogil=True)
def run_sweeps(rng, patterns, counts, lam, log_nu, count0, alpha, n0, sweeps, thinning,
            update_alpha, a_alpha, b_alpha, trace):
    cells, lists = patterns.shape
    classes = lam.shape[1]
    documented = 0
    for m in range(cells):
        documented += counts[m]
    probs = np.empty(classes)
    drawn = np.empty(classes, np.int64)
    recorded = np.empty((lists, classes), np.int64)
    class_sizes = np.empty(classes, np.int64)
    log_lam = np.empty((lists, classes))
    log_miss = np.empty((lists, classes))
    for sweep in range(sweeps):
        for j in range(lists):
            for k in range(classes):
                log_lam[j, k] = np.log(lam[j, k])
                log_miss[j, k] = np.log1p(-lam[j, k])
        # (1) classes of the documented people, cell by cell
        recorded[:, :] = 0
        class_sizes[:] = count0
        for m in range(cells):
            top = -np.inf
            for k in range(classes):
                value = log_nu[k]
                for j in range(lists):
                    value += log_lam[j, k] if patterns[m, j] else log_miss[j, k]
                probs[k] = value
                top = max(top, value)
            total = 0.0
            for k in range(classes):
                probs[k] = np.exp(probs[k] - top)
                total += probs[k]
            for k in range(classes):
                probs[k] /= total
            multinomial(rng, counts[m], probs, drawn)
            for k in range(classes):
                class_sizes[k] += drawn[k]
                for j in range(lists):
                    if patterns[m, j]:
                        recorded[j, k] += drawn[k]
        # (2) recording probabilities; the undocumented are recorded by no list
        for j in range(lists):
            for k in range(classes):
                lam[j, k] = rng.beta(1.0 + recorded[j, k],
                                     1.0 + class_sizes[k] - recorded[j, k])
        # (3) stick-breaking weights
        tail = n0[0] + documented
        log_rest = 0.0
        for k in range(classes - 1):
            tail -= class_sizes[k]
            take = log_gamma_draw(rng, 1.0 + class_sizes[k])
            leave = log_gamma_draw(rng, alpha[0] + tail)
            both = np.logaddexp(take, leave)
            log_nu[k] = take - both + log_rest
            log_rest += leave - both
        log_nu[classes - 1] = log_rest
        # (4) how many were never documented, (5) and their classes
        p0 = 0.0
        for k in range(classes):
            value = log_nu[k]
            for j in range(lists):
                value += np.log1p(-lam[j, k])
            probs[k] = np.exp(value)
            p0 += probs[k]
        n0[0] = rng.negative_binomial(documented, 1.0 - p0) if p0 < 1.0 else n0[0]
        for k in range(classes):
            probs[k] /= p0
        multinomial(rng, n0[0], probs, count0)
        # (6) concentration of the stick-breaking prior
        if update_alpha:
            alpha[0] = rng.gamma(a_alpha + classes - 1.0, 1.0 / (b_alpha - log_nu[classes - 1]))
        if trace.shape[0] > 0 and (sweep + 1) % thinning == 0:
            trace[sweep // thinning] = n0[0] + documented
