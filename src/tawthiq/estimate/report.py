"""An estimate as a reader sees it: the plain-text report (``--format table``) and the
progress bar shown while LCMCR samples."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from tawthiq.estimate.service import Estimate, method_facts


def format_table(found: Estimate) -> str:
    """The report: figures first, then the model, its assumptions and every warning."""
    facts = method_facts(found.method)
    lines = [f"Multiple systems estimation: {facts['name']}",
             f"Lists ({len(found.lists)}): {', '.join(found.lists)}"]
    lines += _figures(found)
    lines.append(f"Model: {found.model}")
    lines += _diagnostics(found)
    if "seed" in found.details:
        lines.append(f"Seed: {found.details['seed']} (repeat the run with --seed)")
    lines.append("Assumptions:")
    lines += [f"  - {a}" for a in found.assumptions]
    lines.append("Warnings:" if found.warnings else "Warnings: none")
    lines += [f"  - {w}" for w in found.warnings]
    if found.strata:
        lines += ["", "Strata:"] + _strata_table(found.strata)
    models = found.details.get("models")
    if models:
        lines += ["", *model_table(found)]
    return "\n".join(lines) + "\n"


def _figures(found: Estimate) -> list[str]:
    rows = [f"Documented          {found.documented:>10,}"]
    if found.estimate is None:
        return rows + ["Estimated total     no estimate (see the warnings)"]
    low, high = found.interval or (None, None)
    share = int(found.level * 100)
    rows.append(f"Estimated total     {found.estimate:>10,.0f}   {share}% interval "
                f"{_n(low)} - {_n(high)}")
    rows.append(f"Never documented    {found.estimate - found.documented:>10,.0f}   "
                f"({_n(None if low is None else low - found.documented)} - "
                f"{_n(None if high is None else high - found.documented)})")
    rows.append(f"Interval: {found.interval_kind}")
    return rows


def _diagnostics(found: Estimate) -> list[str]:
    checks = found.details.get("diagnostics")
    if not checks:
        return []
    return [f"Convergence: {checks['chains']} chains x {checks['draws_per_chain']:,} draws; "
            f"R-hat {_f(checks['rhat'], '.3f')}; effective sample size bulk "
            f"{_f(checks['ess_bulk'], ',.0f')}, tail {_f(checks['ess_tail'], ',.0f')}"]


def _strata_table(strata: list[Estimate]) -> list[str]:
    width = max(8, *(len(str(s.stratum)) for s in strata))
    rows = [f"  {'stratum':<{width}}  {'documented':>10}  {'estimate':>10}  interval"]
    for s in strata:
        if s.estimate is None:
            rows.append(f"  {s.stratum:<{width}}  {s.documented:>10,}  {'none':>10}  -")
            continue
        low, high = s.interval or (None, None)
        rows.append(f"  {s.stratum:<{width}}  {s.documented:>10,}  {s.estimate:>10,.0f}  "
                    f"{_n(low)} - {_n(high)}")
    return rows


def model_table(found: Estimate) -> list[str]:
    """Rcapture's table of the models with the smallest criterion."""
    title = found.details["models_title"]
    key = " ".join(f"{k}={v}" for k, v in found.details["list_numbers"].items())
    fitted, skipped = found.details["models_fitted"], found.details["models_skipped"]
    rows = [f"{title} ({key}; {fitted} fitted, {skipped} skipped):"]
    models = found.details["models"]
    width = max(5, *(len(m["model"]) for m in models))
    rows.append(f"  {'model':<{width}} {'abundance':>10} {'stderr':>8} {'deviance':>9} "
                f"{'df':>3} {'AIC':>9} {'BIC':>9}  infoFit")
    for m in models:
        rows.append(f"  {m['model']:<{width}} {m['abundance']:>10.1f} {m['stderr']:>8.1f} "
                    f"{m['deviance']:>9.3f} {m['df']:>3} {m['aic']:>9.3f} {m['bic']:>9.3f}  "
                    f"{m['info']}")
    return rows


def _n(value: float | None) -> str:
    return "unbounded" if value is None else f"{value:,.0f}"


def _f(value: float | None, spec: str) -> str:
    return "n/a" if value is None else format(value, spec)


@contextmanager
def console_progress(label: str, total: int) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr while sampling (silent when stderr is not a terminal)."""
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    console = Console(stderr=True)
    if not sys.stderr.isatty():
        yield lambda _done: None
        return
    with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn(
            "{task.percentage:>3.0f}%"), TimeRemainingColumn(), console=console,
            transient=True) as bar:
        task = bar.add_task(label, total=total)
        yield lambda done: bar.advance(task, done)
