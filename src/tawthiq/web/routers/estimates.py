"""The estimates page and its JSON: documented vs estimated per stratum, with intervals, the
posterior as a histogram, the model, its assumptions and warnings. Estimates are computed by
``tawthiq estimate --from-store`` (seconds of sampling, not a page request) and read here.

The charts are inline SVG drawn from the stored figures: no script, nothing fetched.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from sqlalchemy.orm import Session

from tawthiq.estimate.from_store import stored_estimate, stored_estimates
from tawthiq.review.users import CurrentUser
from tawthiq.web.routers.common import render
from tawthiq.web.security import StoreSession, api_viewer, page_viewer

router = APIRouter(include_in_schema=False)
api_router = APIRouter(prefix="/api", tags=["api"])
DB = Annotated[Session, StoreSession]
CHART_WIDTH, ROW_HEIGHT, LABEL_WIDTH = 640, 34, 150
HIST_WIDTH, HIST_HEIGHT = 640, 180


@router.get("/estimates")
def estimates_page(request: Request, session: DB, id: int | None = None,
                   user: CurrentUser = Depends(page_viewer)):
    runs = stored_estimates(session)
    chosen = stored_estimate(session, id) if id is not None else (runs[0] if runs else None)
    return render(request, "estimates.html", {
        "runs": runs, "chosen": chosen,
        "rows": stratum_rows(chosen.result) if chosen else [],
        "bars": interval_chart(chosen.result) if chosen else None,
        "histogram": histogram_chart(chosen.result.get("posterior")) if chosen else None})


@api_router.get("/estimates")
def estimates_json(session: DB, user: CurrentUser = Depends(api_viewer)) -> list[dict]:
    """Stored estimates, latest first, as ``tawthiq estimate --format json`` prints them."""
    return [{"id": run.id, "at": run.at.isoformat(), "by": run.by, "strata_by": run.strata_by,
             **run.result} for run in stored_estimates(session)]


@dataclass(frozen=True)
class Row:
    name: str
    documented: int
    estimate: float | None
    low: float | None
    high: float | None
    warnings: list[str]


def stratum_rows(result: dict) -> list[Row]:
    """One row per stratum and one for the total (or the single population)."""
    def row(name: str, part: dict) -> Row:
        low, high = part.get("interval") or (None, None)
        return Row(name, part["documented"], part.get("estimate"), low, high,
                   part.get("warnings", []))
    strata = [row(str(s.get("stratum")), s) for s in result.get("strata", [])]
    return [*strata, row("total" if strata else "all", result)]


def interval_chart(result: dict) -> dict:
    """Bars of documented people, dots of estimates with interval whiskers, one shared scale."""
    rows = stratum_rows(result)
    top = max([r.high or r.estimate or r.documented for r in rows] + [1])
    scale = (CHART_WIDTH - LABEL_WIDTH - 20) / top
    drawn = []
    for i, r in enumerate(rows):
        y = i * ROW_HEIGHT + ROW_HEIGHT / 2
        drawn.append({
            "label": r.name, "y": y, "documented": r.documented,
            "bar": r.documented * scale,
            "dot": None if r.estimate is None else LABEL_WIDTH + r.estimate * scale,
            "low": None if r.low is None else LABEL_WIDTH + r.low * scale,
            "high": LABEL_WIDTH + (r.high if r.high is not None else top) * scale,
            "estimate": r.estimate})
    return {"width": CHART_WIDTH, "height": len(rows) * ROW_HEIGHT + 24,
            "left": LABEL_WIDTH, "rows": drawn, "axis_y": len(rows) * ROW_HEIGHT + 14,
            "top": top}


def histogram_chart(posterior: dict | None) -> dict | None:
    """Columns of the stored histogram of draws, with the median and interval marked."""
    if not posterior:
        return None
    edges = posterior["histogram"]["edges"]
    counts = posterior["histogram"]["counts"]
    tallest = max(counts) or 1
    span = (edges[-1] - edges[0]) or 1.0
    width = HIST_WIDTH / len(counts)

    def x(value: float) -> float:
        return (value - edges[0]) / span * HIST_WIDTH

    quantiles = posterior["quantiles"]
    return {"width": HIST_WIDTH, "height": HIST_HEIGHT + 20,
            "bars": [{"x": i * width, "w": max(width - 1, 1),
                      "h": c / tallest * HIST_HEIGHT, "y": HIST_HEIGHT - c / tallest * HIST_HEIGHT}
                     for i, c in enumerate(counts)],
            "marks": [{"x": x(quantiles[q]), "label": q} for q in ("2.5%", "50%", "97.5%")],
            "first": edges[0], "last": edges[-1], "draws": posterior["draws"]}
