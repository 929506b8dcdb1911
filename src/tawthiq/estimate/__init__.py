"""Multiple systems estimation: how many people no list recorded, from how lists overlap.

A pure library over numpy, scipy, statsmodels and numba: capture tables (``captures``),
the Bayesian latent-class model LCMCR (``lcmcr``) with its convergence checks
(``diagnostics``), log-linear models as Rcapture fits them (``loglinear``), estimates with
their assumptions and warnings, summed over strata (``service``), and the text report
(``report``). Nothing here reads the database or serves pages.
"""
