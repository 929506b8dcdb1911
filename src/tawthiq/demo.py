"""The README's main job: ingest the bundled sample reports into the embedded default store
(SQLite under TAWTHIQ_HOME), link them into incidents, export them, print a table of
incidents and, with ``--serve``, serve the web application on them. It composes the front
door (``tawthiq.api``) and the web application, so it sits above both."""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources
from pathlib import Path

from rich.console import Console
from rich.table import Table

from tawthiq import api
from tawthiq.export.collect import IncidentView, collect_incidents
from tawthiq.review.users import ensure_admin
from tawthiq.settings import get_settings
from tawthiq.store import session_scope
from tawthiq.web.app import check_can_listen, serve

SAMPLE_CSV_MAP = "id=record,title=headline,text=body,date=reported_on,source=outlet"
EXPORTS = {"acled": "acled.csv", "ucdp": "ucdp-ged.csv", "geojson": "incidents.geojson",
           "jsonl": "incidents.jsonl"}


def sample_paths() -> tuple[list[Path], list[Path]]:
    """(reports, CSV tables) shipped in the package's samples folder."""
    folder = Path(str(resources.files("tawthiq").joinpath("samples")))
    files = sorted(p for p in folder.iterdir() if p.suffix in {".txt", ".html", ".jsonl", ".csv"})
    return [p for p in files if p.suffix != ".csv"], [p for p in files if p.suffix == ".csv"]


def run_demo(*, serve_after: bool = False, port: int = 8000,
             echo: Callable[[str], None] = print) -> None:
    if serve_after:  # a port in use is said before minutes of ingest, not after
        check_can_listen("127.0.0.1", port)
    settings = get_settings()
    settings.ensure_home()
    echo(f"tawthiq home: {settings.home}")
    reports, tables = sample_paths()
    api.ingest(reports, echo=echo)
    if tables:
        api.ingest(tables, csv_map=SAMPLE_CSV_MAP, echo=echo)
    out_dir = settings.home / "exports"
    out_dir.mkdir(exist_ok=True)
    for fmt, name in EXPORTS.items():
        api.export(fmt, out_dir / name)
    echo(f"exports written to {out_dir}: {', '.join(EXPORTS.values())}")
    with session_scope() as session:
        print_incidents(collect_incidents(session))
    if serve_after:
        ensure_admin(echo)  # prints the first admin's login once, when it creates it
        echo(f"web application: http://127.0.0.1:{port}/  (stop with Ctrl-C)")
        serve(host="127.0.0.1", port=port)


def print_incidents(views: list[IncidentView]) -> None:
    table = Table(title=f"{len(views)} incidents", show_lines=False)
    for column in ("date", "place", "governorate", "type", "perpetrator (attributed by)",
                   "killed", "reports", "corroboration"):
        table.add_column(column, no_wrap=column in ("date", "killed", "reports"))
    for view in views:
        table.add_row(*incident_cells(view))
    console = Console()
    if not console.is_terminal:  # a log or a pipe: wide enough to read each row on one line
        console = Console(width=180)
    console.print(table)


def incident_cells(view: IncidentView) -> list[str]:
    inc, main = view.incident, view.main
    place = inc.place or main.place
    location = (place.name if place else (main.location or {}).get("mention")) or "unknown"
    perps = ", ".join(f"{p.name}" + (f" ({p.attributed_by})" if p.attributed_by else "")
                      for p in main.perpetrators) or "unknown"
    low, high, best = inc.fatalities_low, inc.fatalities_high, inc.fatalities_best
    killed = ("unknown" if best is None and low is None else
              f"{low}-{high}" if low is not None and high is not None and low != high
              else str(best if best is not None else low))
    return [
        inc.date_start.isoformat() if inc.date_start else "unknown",
        location,
        (place.admin1 if place else None) or "",
        main.sub_event_type,
        perps,
        killed,
        str(len(view.documents)),
        inc.corroboration or "single source",
    ]
