"""The command line: each command is a thin wrapper over one library function: of
``tawthiq.api`` (the front door), or of ``tawthiq.web`` (serve) and ``tawthiq.demo`` (demo),
which sit above it.

Bad input -> one line on stderr naming the file/line/field, exit status 2; internal fault ->
exit 1. Commands import their stage lazily so ``tawthiq --help`` stays instant.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from tawthiq.errors import BadInput, TawthiqError
from tawthiq.settings import Settings, use_settings

app = typer.Typer(help="tawthiq: document violence against civilians from open sources.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)
gazetteer_app = typer.Typer(help="Import and inspect gazetteers.", no_args_is_help=True)
users_app = typer.Typer(help="Manage web application users.", no_args_is_help=True)
evaluate_app = typer.Typer(help="Score tawthiq against public data sets.", no_args_is_help=True)
app.add_typer(gazetteer_app, name="gazetteer")
app.add_typer(users_app, name="users")
app.add_typer(evaluate_app, name="evaluate")
victims_app = typer.Typer(help="Victim lists: import, link, deduplicate.", no_args_is_help=True)
app.add_typer(victims_app, name="victims")
audit_app = typer.Typer(help="The hash-chained audit log.", no_args_is_help=True)
app.add_typer(audit_app, name="audit")
custody_app = typer.Typer(help="Chain of custody of the stored reports.", no_args_is_help=True)
app.add_typer(custody_app, name="custody")

CSV_MAP_HELP = ("FIELD=COLUMN pairs, comma-separated; fields: text, title, date, source, id, "
                "url, date_format. E.g. text=body,date=reported_on")
HomeOption = Annotated[Path | None, typer.Option("--home", help="State directory "
                       "(default: $TAWTHIQ_HOME or the user data directory).")]


@app.callback()
def _root(home: HomeOption = None) -> None:
    if home is not None:
        use_settings(Settings(home=home))


def _published(value: str | None) -> date | None:
    from tawthiq.ingest.documents import parse_published

    return parse_published(value, field="--published")


def _emit(obj: dict) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


@app.command()
def extract(
    files: Annotated[list[Path] | None, typer.Argument(help=".txt, .html, .jsonl")] = None,
    input: Annotated[Path | None, typer.Option("--input", help="JSON Lines of documents")] = None,
    published: Annotated[str | None, typer.Option(help="YYYY-MM-DD; anchors dates")] = None,
    source: Annotated[str | None, typer.Option(help="Outlet name")] = None,
    lang: Annotated[str, typer.Option(help="Language of the reports")] = "en",
) -> None:
    """Extract incidents from reports, one JSON line per document (stateless)."""
    from tawthiq import api

    paths = list(files or []) + ([input] if input else [])
    if not paths:
        raise BadInput("give report files or --input DOCS.jsonl")
    failed = False
    for line in api.extract_files(paths, published=_published(published), source=source,
                                  language=lang):
        failed = failed or "error" in line
        _emit(line)
    if failed:
        raise typer.Exit(2)


@app.command()
def ingest(
    files: Annotated[list[Path] | None, typer.Argument(help=".txt .html .jsonl .csv")] = None,
    input: Annotated[Path | None, typer.Option("--input", help="JSON Lines of documents")] = None,
    published: Annotated[str | None, typer.Option(help="YYYY-MM-DD")] = None,
    source: Annotated[str | None, typer.Option(help="Outlet name")] = None,
    csv_map: Annotated[str | None, typer.Option("--csv-map", help=CSV_MAP_HELP)] = None,
) -> None:
    """Store reports (original bytes and SHA-256) and their extracted events."""
    from tawthiq import api

    paths = list(files or []) + ([input] if input else [])
    if not paths:
        raise BadInput("give report files or --input DOCS.jsonl")
    outcomes = api.ingest(paths, published=_published(published), source=source,
                          csv_map=csv_map, echo=lambda s: typer.echo(s),
                          echo_error=lambda s: typer.echo(s, err=True))
    if any(o.status == "error" for o in outcomes):
        raise typer.Exit(2)


@app.command()
def export(
    format: Annotated[str, typer.Option("--format", help="acled|ucdp|geojson|jsonl")] = "acled",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Default: stdout")] = None,
    unredacted: Annotated[bool, typer.Option(
        help="Include witness names; recorded in the audit log")] = False,
) -> None:
    """Export stored events in a format that ACLED/UCDP users can load."""
    from tawthiq import api

    api.export(format, output, unredacted=unredacted)


@app.command()
def geocode(
    name: Annotated[str | None, typer.Argument(help="A place name, any spelling or script")] = None,
    input: Annotated[Path | None, typer.Option("--input", help="JSON Lines of names")] = None,
    country: Annotated[str | None, typer.Option(help="ISO country code hint, e.g. SY")] = None,
    admin1: Annotated[str | None, typer.Option(help="Region/governorate hint")] = None,
) -> None:
    """Resolve place names to the gazetteer."""
    from tawthiq import api

    if not name and not input:
        raise BadInput("give a NAME or --input NAMES.jsonl")
    for line in api.geocode_lines(name=name, input=input, country=country, admin1=admin1):
        _emit(line)


@gazetteer_app.command("import")
def gazetteer_import(
    path: Annotated[Path, typer.Argument(help="WOF dir or .tar.gz, GeoNames .txt or .zip")],
) -> None:
    """Import a Who's On First or GeoNames gazetteer into TAWTHIQ_HOME (idempotent)."""
    from tawthiq import api

    summary = api.import_gazetteer(path)
    typer.echo(summary)


@users_app.command("add")
def users_add(
    name: str, role: Annotated[str, typer.Option(help="admin | analyst | viewer")] = "viewer",
) -> None:
    """Add a user; the password is read twice from stdin."""
    from tawthiq import api

    first, second = _read_password_twice()
    if first != second:
        raise BadInput("the two passwords differ", field="password")
    api.add_user(name, role, first)
    typer.echo(f"added {name} ({role})")


def _read_password_twice() -> tuple[str, str]:
    """Two lines from stdin; at a terminal, prompted and not echoed (scripts pipe them)."""
    if sys.stdin.isatty():
        from getpass import getpass

        return getpass("Password: "), getpass("Password again: ")
    return sys.stdin.readline().rstrip("\r\n"), sys.stdin.readline().rstrip("\r\n")


@users_app.command("password")
def users_password(name: str) -> None:
    """Set a user's password; the new password is read twice from stdin."""
    from tawthiq import api

    first, second = _read_password_twice()
    if first != second:
        raise BadInput("the two passwords differ", field="password")
    api.set_password(name, first)
    typer.echo(f"password of {name} changed; sessions opened with the old one have ended")


@users_app.command("list")
def users_list() -> None:
    """List users with their roles."""
    from tawthiq import api

    for user in api.list_users():
        state = "disabled" if user["disabled"] else "active"
        typer.echo(f"{user['username']}\t{user['role']}\t{state}")


@users_app.command("disable")
def users_disable(name: str) -> None:
    """Disable a user (nothing is deleted)."""
    from tawthiq import api

    api.disable_user(name)
    typer.echo(f"disabled {name}")


@app.command()
def serve(host: str = "127.0.0.1", port: int = 8000,
          workers: Annotated[int | None, typer.Option(
              help="server processes (default: setting web_workers, 1)", min=1, max=16)] = None,
          ) -> None:
    """Serve the web application and its JSON API."""
    from tawthiq.web.app import serve as run

    run(host=host, port=port, workers=workers)


@evaluate_app.command("fakes")
def evaluate_fakes(
    path: Annotated[Path, typer.Argument(help="FA-KES CSV, e.g. ../shared/data/fakes/dev.csv")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="JSON scores")] = None,
    errors: Annotated[Path | None, typer.Option("--errors", help="Misses, JSONL")] = None,
) -> None:
    """Per-field scores of the main incident against FA-KES gold."""
    from tawthiq import api

    api.evaluate_fakes(path, output=output, errors=errors, echo=typer.echo)


@evaluate_app.command("reports")
def evaluate_reports(
    gold: Annotated[Path, typer.Argument(help="gold.jsonl, e.g. ../shared/data/reports-dev/")],
    docs: Annotated[Path, typer.Argument(help="docs.jsonl (tawthiq extract --input lines)")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="JSON scores")] = None,
    errors: Annotated[Path | None, typer.Option(
        "--errors", help="Every miss, field by field, as JSON lines")] = None,
    extracted: Annotated[Path | None, typer.Option(
        "--extracted", help="The extract output lines")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", help="List spurious events")] = False,
) -> None:
    """Extract real reports and score them as score_reports.py does (main incident, recall,
    spurious events, aggregates, linking readiness)."""
    from tawthiq import api

    api.evaluate_reports(gold, docs, output=output, errors=errors, extracted=extracted,
                         verbose=verbose, echo=typer.echo)


@evaluate_app.command("ucdp-places")
def evaluate_ucdp_places(
    path: Annotated[Path, typer.Argument(help="UCDP GED CSV")],
    output: Annotated[Path | None, typer.Option("--output", "-o")] = None,
    misses: Annotated[Path | None, typer.Option(
        "--misses", help="Write every row missed at 5 km, with its cause, as JSON lines")] = None,
) -> None:
    """Share of UCDP place names resolved within 5 km and 25 km (and misses by cause)."""
    from tawthiq import api

    api.evaluate_ucdp_places(path, output=output, echo=typer.echo, misses=misses)


@evaluate_app.command("geoparsing")
def evaluate_geoparsing(
    paths: Annotated[list[Path], typer.Argument(help="GWN.xml, lgl.xml, TR-News.xml")],
    output: Annotated[Path | None, typer.Option("--output", "-o")] = None,
    misses: Annotated[Path | None, typer.Option(
        "--misses", help="Write every miss, with its kind, as JSON lines")] = None,
) -> None:
    """Toponym resolution accuracy on the geoparsing benchmarks (and misses by kind)."""
    from tawthiq import api

    api.evaluate_geoparsing(paths, output=output, echo=typer.echo, misses=misses)


@evaluate_app.command("linking")
def evaluate_linking(
    gold: Annotated[Path, typer.Argument(help="gold.jsonl, e.g. ../shared/data/reports-dev")],
    docs: Annotated[Path, typer.Argument(help="docs.jsonl of the same set")],
    more: Annotated[list[Path] | None, typer.Argument(
        help="more GOLD DOCS pairs sharing incident keys (reports-dev-ar): cross-language "
             "pairs are scored too")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="JSON scores")] = None,
    oracle: Annotated[bool, typer.Option(
        "--oracle", help="also relink with gold dates and places put in (the ceiling)")] = False,
) -> None:
    """Ingest DOCS into a fresh home; pairwise and B-cubed scores of the incidents."""
    from tawthiq import api

    more = more or []
    if len(more) % 2:
        raise BadInput("more sets come as GOLD DOCS pairs", field="more")
    api.evaluate_linking(gold, docs, output=output, echo=typer.echo, oracle=oracle,
                         more=list(zip(more[::2], more[1::2], strict=True)))


@evaluate_app.command("linking-fakes")
def evaluate_linking_fakes(
    path: Annotated[Path, typer.Argument(help="FA-KES CSV, e.g. ../shared/data/fakes/dev.csv")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="JSON scores")] = None,
) -> None:
    """Linking scored on FA-KES article pairs of one event told by different outlets."""
    from tawthiq import api

    api.evaluate_linking_fakes(path, output=output, echo=typer.echo)


@evaluate_app.command("link-weights")
def evaluate_link_weights(
    path: Annotated[Path, typer.Argument(help="UCDP GED CSV, e.g. ../shared/data/ucdp-ged-syria")],
    output: Annotated[Path | None, typer.Option("--output", "-o",
                                                help="settings with the counted u")] = None,
) -> None:
    """u-probabilities of the linking settings counted on UCDP GED events' blocked pairs."""
    from tawthiq import api

    api.evaluate_link_weights(path, output=output, echo=typer.echo)


@app.command()
def relink() -> None:
    """Link every stored event report again (analysts' merges and splits are kept)."""
    from tawthiq import api

    api.relink(echo=typer.echo)


@app.command()
def demo(
    serve_after: Annotated[bool, typer.Option("--serve/--no-serve", help="Then serve")] = False,
    port: int = 8000,
) -> None:
    """The main job on the embedded default: ingest the bundled sample reports, print incidents."""
    from tawthiq.demo import run_demo

    run_demo(serve_after=serve_after, port=port, echo=typer.echo)


COLUMNS_HELP = ("FIELD=COLUMN pairs, comma-separated; fields: name, en_name, age, sex, dob, "
                "date_of_death, place")
EngineOption = Annotated[str, typer.Option("--engine", help="duckdb | spark")]
ModelOption = Annotated[Path | None, typer.Option(
    "--model", help="Where to save splink's settings of the run (default: beside -o, else "
    "under TAWTHIQ_HOME/victims/runs)")]


@victims_app.command("link")
def victims_link(
    a: Annotated[Path, typer.Argument(help="List A (.csv or .xlsx)")],
    b: Annotated[Path, typer.Argument(help="List B (.csv or .xlsx)")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Default: stdout")] = None,
    columns: Annotated[str | None, typer.Option(help=COLUMNS_HELP)] = None,
    engine: EngineOption = "duckdb",
    model: ModelOption = None,
) -> None:
    """Link two victim lists: a_row,b_row,probability per accepted link (1-based rows)."""
    from tawthiq import api

    api.victims_link(a, b, output=output, columns=columns, engine=engine, model=model,
                     echo=typer.echo, echo_error=lambda s: typer.echo(s, err=True))


@victims_app.command("dedupe")
def victims_dedupe(
    a: Annotated[Path, typer.Argument(help="A list (.csv or .xlsx)")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Default: stdout")] = None,
    columns: Annotated[str | None, typer.Option(help=COLUMNS_HELP)] = None,
    engine: EngineOption = "duckdb",
    model: ModelOption = None,
) -> None:
    """Rows of one list that are one person: a_row,b_row,probability."""
    from tawthiq import api

    api.victims_dedupe(a, output=output, columns=columns, engine=engine, model=model,
                       echo=typer.echo, echo_error=lambda s: typer.echo(s, err=True))


@victims_app.command("import")
def victims_import(
    path: Annotated[Path, typer.Argument(help="The list (.csv or .xlsx)")],
    list_name: Annotated[str, typer.Option("--list", help="The list's name, e.g. monitor-2015")],
    columns: Annotated[str | None, typer.Option(help=COLUMNS_HELP)] = None,
    publisher: Annotated[str | None, typer.Option(help="Who published the list")] = None,
    published: Annotated[str | None, typer.Option(help="YYYY-MM-DD")] = None,
    licence: Annotated[str | None, typer.Option(help="The list's licence")] = None,
    visibility: Annotated[str, typer.Option(help="viewer | analyst | admin")] = "viewer",
    engine: EngineOption = "duckdb",
) -> None:
    """Store a victim list (idempotent) and relink every stored list into unique persons."""
    from tawthiq import api

    outcome = api.victims_import(path, list_name=list_name, columns=columns,
                                 publisher=publisher, published=_published(published),
                                 licence=licence, visibility=visibility, engine=engine,
                                 echo_error=lambda s: typer.echo(s, err=True))
    if outcome.status == "duplicate":
        typer.echo(f"{path}: already stored as list {outcome.list_name!r}; nothing changed")
        return
    typer.echo(f"{path}: {outcome.records} records stored as {outcome.list_name!r} "
               f"({outcome.problems} unreadable values kept verbatim); {outcome.persons} "
               f"unique persons, {outcome.review} pairs for review")


@victims_app.command("captures")
def victims_captures(
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Default: stdout")] = None,
    stratum: Annotated[str | None, typer.Option(help="governorate | year | sex")] = None,
) -> None:
    """Capture histories of the stored lists (one 0/1 column per list, a row per person)."""
    from tawthiq import api

    api.victims_captures(output, stratum=stratum, echo=typer.echo)


@evaluate_app.command("linkage")
def evaluate_linkage(
    a: Annotated[Path, typer.Argument(help="List A, e.g. the older release")],
    b: Annotated[Path, typer.Argument(help="List B")],
    truth_column: Annotated[str, typer.Option(
        "--truth-column", help="Identifier column, hidden from the linker")] = "id",
    columns: Annotated[str | None, typer.Option(help=COLUMNS_HELP)] = None,
    engine: EngineOption = "duckdb",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="JSON scores")] = None,
    errors: Annotated[Path | None, typer.Option("--errors", help="False and missed links, "
                                                "JSONL")] = None,
) -> None:
    """Pairwise precision/recall/F1 of victim-list linkage (rows with 9-digit national ids)."""
    from tawthiq import api

    api.evaluate_linkage(a, b, truth_column=truth_column, columns=columns, engine=engine,
                         output=output, errors=errors, echo=typer.echo)


@app.command()
def estimate(
    captures: Annotated[Path | None, typer.Argument(
        help="CSV: one 0/1 column per list, optional count and stratum columns")] = None,
    method: Annotated[str, typer.Option(help="lcmcr | loglinear")] = "lcmcr",
    seed: Annotated[int | None, typer.Option(help="Random seed (printed when not given)")] = None,
    format: Annotated[str, typer.Option("--format", help="table | json")] = "table",
    criterion: Annotated[str, typer.Option(help="Log-linear model choice: bic | aic")] = "bic",
    max_order: Annotated[int | None, typer.Option(
        help="Log-linear: highest interaction order (default: lists - 1)")] = None,
    bootstrap: Annotated[int, typer.Option(
        help="Log-linear: parametric bootstrap resamples for the interval (0: profile "
             "likelihood)")] = 0,
    chains: Annotated[int, typer.Option(help="LCMCR chains")] = 4,
    burnin: Annotated[int, typer.Option(help="LCMCR burn-in sweeps per chain")] = 10_000,
    samples: Annotated[int, typer.Option(help="LCMCR draws kept per chain")] = 1_000,
    thinning: Annotated[int, typer.Option(help="LCMCR sweeps per kept draw")] = 100,
    classes: Annotated[int, typer.Option(help="LCMCR latent classes K")] = 10,
    from_store: Annotated[bool, typer.Option(
        "--from-store", help="Estimate from the unique victims of the stored lists (and keep "
                             "the estimate for the estimates page)")] = False,
    lists: Annotated[str | None, typer.Option(
        help="With --from-store: the stored lists to use, comma-separated (default: all)")
    ] = None,
    by: Annotated[str | None, typer.Option(
        help="With --from-store: strata, governorate | year | sex")] = None,
) -> None:
    """Estimate how many people no list recorded (multiple systems estimation)."""
    from tawthiq import api
    from tawthiq.estimate.lcmcr import LcmcrSettings

    if format not in ("table", "json"):
        raise BadInput(f"unknown format {format!r}; choose table or json", field="--format")
    if (captures is None) == (not from_store):
        raise BadInput("give CAPTURES.csv or --from-store (one of them)")
    if not from_store and (lists or by):
        raise BadInput("--lists and --by go with --from-store (a CSV file has its own list "
                       "columns and stratum column)", field="--lists" if lists else "--by")
    options = {"method": method, "seed": seed, "criterion": criterion, "max_order": max_order,
               "bootstrap": bootstrap, "progress": _console_progress,
               "lcmcr": LcmcrSettings(classes=classes, burnin=burnin, samples=samples,
                                      thinning=thinning, chains=chains)}
    stored = None
    if from_store:
        chosen = [name.strip() for name in lists.split(",") if name.strip()] if lists else None
        found, stored = api.estimate_from_store(lists=chosen, by=by, **options)
    else:
        found = api.estimate_file(captures, **options)
    if format == "json":
        _emit({**found.to_json(), **({"stored_id": stored} if stored else {})})
    else:
        from tawthiq.estimate.report import format_table

        typer.echo(format_table(found), nl=False)
        if stored:
            typer.echo(f"Kept as estimate {stored} (the web app's /estimates?id={stored})")


@audit_app.command("verify")
def audit_verify(
    head: Annotated[str | None, typer.Option(
        help="A head hash printed by an earlier check: it must still be in the log")] = None,
) -> None:
    """Re-hash the audit log; exit status 2 names the first edited, deleted or moved entry."""
    from tawthiq import api

    check = api.verify_audit_log(expected_head=head)
    typer.echo(f"audit log intact: {check.entries} entries; head {check.head}")


@custody_app.command("verify")
def custody_verify() -> None:
    """Re-hash every stored original; exit status 2 names the first that changed."""
    from tawthiq import api

    typer.echo(f"custody intact: {api.verify_custody()} documents hash to their SHA-256")


def _console_progress(label: str, total: int):
    from tawthiq.estimate.report import console_progress

    return console_progress(label, total)


def main() -> None:
    """Entry point: maps TawthiqError to one stderr line and its exit status."""
    try:
        status = app(standalone_mode=False)  # click returns, not raises, typer.Exit's code here
        if isinstance(status, int) and status:
            sys.exit(status)
    except TawthiqError as exc:
        sys.stderr.write(f"Error: {exc.one_line()}\n")
        sys.exit(exc.exit_status)
    except OSError as exc:  # a full disk, a read-only file system: one line, not a traceback
        where = f"{exc.filename}: " if exc.filename else ""
        sys.stderr.write(f"Error: {where}{exc.strerror or exc}\n")
        sys.exit(1)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        sys.stderr.write("Aborted.\n")
        sys.exit(1)
    except KeyboardInterrupt:
        sys.stderr.write("Interrupted.\n")
        sys.exit(130)
    except Exception as exc:  # click usage errors come through here in non-standalone mode
        if isinstance(exc, _usage_error_types()):
            _show_usage_error(exc)
            sys.exit(2)
        raise


def _usage_error_types() -> tuple[type[Exception], ...]:
    """Click's usage errors: recent typer raises its own vendored copy of click's classes,
    older typer raises click's; both are bad usage (exit 2), never a traceback."""
    types: list[type[Exception]] = []
    try:
        from typer._click.exceptions import ClickException as Vendored

        types.append(Vendored)
    except ImportError:
        pass
    try:
        import click

        types.append(click.ClickException)
    except ImportError:
        pass
    return tuple(types)


def _show_usage_error(exc: Exception) -> None:
    if type(exc).__name__ == "NoArgsIsHelpError":
        return  # typer has already printed the command's help
    try:
        from typer import rich_utils

        rich_utils.rich_format_error(exc)
    except (ImportError, AttributeError):
        exc.show()


if __name__ == "__main__":
    main()
