"""The library's front door. Tests, the CLI and the web app call these functions.

``extract_files`` and ``ingest`` run the pipeline composed in ``tawthiq.pipeline``
(read -> extract -> resolve -> store -> link); the others call one library each: geo/
(geocode, gazetteer import), export/, evaluate/, and review/ (users, review actions, audit).
Each imports its stage when called, so that spaCy and the gazetteer load only for the
commands that need them.
The web application and the demo sit above this module (``tawthiq.web``, ``tawthiq.demo``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from tawthiq.model import IngestOutcome

if TYPE_CHECKING:
    from tawthiq.estimate.lcmcr import LcmcrSettings
    from tawthiq.estimate.service import Estimate, ProgressFactory
    from tawthiq.store.audit import ChainCheck

Echo = Callable[[str], None]


def extract_files(paths: Iterable[Path], *, published: date | None = None,
                  source: str | None = None, language: str = "en") -> Iterator[dict]:
    """Contract ``tawthiq extract``: one JSON-ready dict per input document, in input order."""
    from tawthiq.pipeline import extract_paths

    return extract_paths(paths, published=published, source=source, language=language)


def ingest(paths: Iterable[Path], *, published: date | None = None, source: str | None = None,
           csv_map: str | None = None, echo: Echo | None = None,
           echo_error: Echo | None = None, actor: str | None = None) -> list[IngestOutcome]:
    """Contract ``tawthiq ingest``: store each file in its own transaction; skip duplicates."""
    from tawthiq.pipeline import SYSTEM_ACTOR, ingest_paths

    return ingest_paths(paths, published=published, source=source, csv_map=csv_map, echo=echo,
                        echo_error=echo_error, actor=actor or SYSTEM_ACTOR)


def export(fmt: str, output: Path | None = None, *, unredacted: bool = False) -> None:
    from tawthiq.export import export_events

    export_events(fmt, output, unredacted=unredacted)


def geocode_lines(*, name: str | None = None, input: Path | None = None,
                  country: str | None = None, admin1: str | None = None) -> Iterator[dict]:
    from tawthiq.geo.service import geocode_lines as run

    return run(name=name, input=input, country=country, admin1=admin1)


def import_gazetteer(path: Path) -> str:
    from tawthiq.geo.importer import import_gazetteer as run

    return run(path)


# --- review: users, the analyst's review actions, the audit log (tawthiq.review) -----------

def add_user(username: str, role: str, password: str) -> None:
    from tawthiq.review.users import add_user as run

    run(username, role, password)


def set_password(username: str, password: str, *, by: str = "system:cli") -> None:
    """Change a password; every session opened with the old one ends."""
    from tawthiq.review.users import set_password as run
    from tawthiq.store.db import session_scope

    with session_scope() as session:  # the audit log says it changed, never to what
        run(session, username, password, by=by)


def list_users() -> list[dict]:
    from tawthiq.review.users import list_users as run

    return run()


def disable_user(username: str) -> None:
    from tawthiq.review.users import disable_user as run

    run(username)


def edit_event(event_id: int, field: str, value, *, actor: str) -> int:
    """Correct one field of an event report; returns the id of the new revision."""
    from tawthiq.review import actions
    from tawthiq.store.db import session_scope

    with session_scope() as session:
        return actions.edit_event(session, actor, event_id, field, value).id


def set_event_status(event_id: int, status: str, *, actor: str) -> None:
    """Accept (``accepted``), reject (``rejected``) or reopen (``proposed``) an event report."""
    from tawthiq.review import actions
    from tawthiq.store.db import session_scope

    with session_scope() as session:
        actions.set_event_status(session, actor, event_id, status)


def set_incident_status(incident_id: int, status: str, *, actor: str) -> None:
    from tawthiq.review import actions
    from tawthiq.store.db import session_scope

    with session_scope() as session:
        actions.set_incident_status(session, actor, incident_id, status)


def merge_incidents(target_id: int, source_id: int, *, actor: str) -> None:
    """Move every report of ``source_id`` into ``target_id`` (the source is superseded)."""
    from tawthiq.review import actions
    from tawthiq.store.db import session_scope

    with session_scope() as session:
        actions.merge_incidents(session, actor, target_id, source_id)


def split_incident(incident_id: int, event_ids: list[int], *, actor: str) -> int:
    """Move the chosen reports into a new incident; returns its id."""
    from tawthiq.review import actions
    from tawthiq.store.db import session_scope

    with session_scope() as session:
        return actions.split_incident(session, actor, incident_id, event_ids).id


def evaluate_fakes(path: Path, *, output: Path | None = None, errors: Path | None = None,
                   echo: Echo = print) -> dict:
    from tawthiq.evaluate.fakes import evaluate_fakes as run

    return run(path, output=output, errors=errors, echo=echo)


def evaluate_reports(gold: Path, docs: Path, *, output: Path | None = None,
                     errors: Path | None = None, extracted: Path | None = None,
                     verbose: bool = False, echo: Echo = print) -> dict:
    from tawthiq.evaluate.reports import evaluate_reports as run

    return run(gold, docs, output=output, errors=errors, extracted=extracted, verbose=verbose,
               echo=echo)


def evaluate_ucdp_places(path: Path, *, output: Path | None = None, echo: Echo = print,
                         misses: Path | None = None) -> dict:
    from tawthiq.evaluate.ucdp_places import evaluate_ucdp_places as run

    return run(path, output=output, echo=echo, misses=misses)


def evaluate_geoparsing(paths: list[Path], *, output: Path | None = None,
                        echo: Echo = print, misses: Path | None = None) -> dict:
    from tawthiq.evaluate.geoparsing import evaluate_geoparsing as run

    return run(paths, output=output, echo=echo, misses=misses)


# --- chain of custody: the audit log's hash chain, the reports' hashes (issue #13) ----------

def verify_audit_log(*, expected_head: str | None = None) -> ChainCheck:
    """Re-hash the audit log; ``IntegrityBroken`` names the first entry that does not hold."""
    from tawthiq.errors import IntegrityBroken
    from tawthiq.store import session_scope
    from tawthiq.store.audit import verify_chain

    with session_scope() as session:
        check = verify_chain(session, expected_head=expected_head)
    if not check.intact:
        where = f"entry {check.broken_at}" if check.broken_at is not None else "head"
        raise IntegrityBroken(f"audit log broken at {where}: {check.reason}; "
                              f"{check.entries} entries before it hold")
    return check


def verify_custody() -> int:
    """Re-hash every stored original against its SHA-256 and its ingest audit entry; the
    number of documents checked, or ``IntegrityBroken`` naming the first that fails."""
    from tawthiq.errors import IntegrityBroken
    from tawthiq.store import session_scope
    from tawthiq.store.custody import iter_custody

    checked, failed = 0, []
    with session_scope() as session:
        for check in iter_custody(session):
            checked += 1
            if check.problem is not None:
                failed.append(check)
    if failed:
        first = failed[0]
        raise IntegrityBroken(f"document {first.document_id}: {first.problem}; "
                              f"{len(failed)} of {checked} documents fail")
    return checked


# --- linking (issue #12) -------------------------------------------------------------------

def relink(*, echo: Echo | None = None) -> dict:
    """Link every stored event report again (analysts' merges and splits are kept)."""
    from tawthiq.pipeline import relink as run

    return run(echo=echo)


def evaluate_linking(gold: Path, docs: Path, *, output: Path | None = None,
                     echo: Echo = print, oracle: bool = False,
                     more: list[tuple[Path, Path]] | None = None) -> dict:
    from tawthiq.evaluate.linking import evaluate_linking as run

    return run(gold, docs, output=output, echo=echo, oracle=oracle, more=more or ())


def evaluate_linking_fakes(path: Path, *, output: Path | None = None,
                           echo: Echo = print) -> dict:
    from tawthiq.evaluate.linking_fakes import evaluate_linking_fakes as run

    return run(path, output=output, echo=echo)


def evaluate_link_weights(path: Path, *, output: Path | None = None,
                          echo: Echo = print) -> dict:
    from tawthiq.evaluate.link_weights import evaluate_link_weights as run

    return run(path, output=output, echo=echo)


# --- Victim lists (tawthiq.victims) ------------------------------------------------------


def victims_link(a: Path, b: Path, *, output: Path | None = None, columns: str | None = None,
                 engine: str = "duckdb", model: Path | None = None,
                 echo: Echo = print, echo_error: Echo = print) -> int:
    """Contract ``tawthiq victims link``: accepted links between two lists as CSV."""
    from tawthiq.victims.commands import link_command

    return link_command(a, b, output=output, columns=columns, engine=engine, model=model,
                        echo=echo, echo_error=echo_error)


def victims_dedupe(a: Path, *, output: Path | None = None, columns: str | None = None,
                   engine: str = "duckdb", model: Path | None = None,
                   echo: Echo = print, echo_error: Echo = print) -> int:
    """Contract ``tawthiq victims dedupe``: pairs of rows of one list that are one person."""
    from tawthiq.victims.commands import dedupe_command

    return dedupe_command(a, output=output, columns=columns, engine=engine, model=model,
                          echo=echo, echo_error=echo_error)


def victims_import(path: Path, *, list_name: str, columns: str | None = None,
                   publisher: str | None = None, published: date | None = None,
                   licence: str | None = None, visibility: str = "viewer",
                   engine: str = "duckdb", actor: str = "system:cli",
                   echo_error: Echo = print):
    """Store a victim list (one transaction, idempotent) and relink every stored list."""
    from tawthiq.victims.store import import_list

    return import_list(path, list_name=list_name, columns=columns, publisher=publisher,
                       published=published, licence=licence, visibility=visibility,
                       engine=engine, actor=actor, echo=echo_error)


def victims_captures(output: Path | None = None, *, stratum: str | None = None,
                     echo: Echo = print) -> int:
    """Capture histories of the stored lists as the ``estimate`` contract's CSV."""
    from tawthiq.victims.store import write_captures

    return write_captures(output, stratum=stratum, echo=echo)


def capture_histories() -> list:
    """Per unique victim in the store: the lists holding them, governorate, year, sex
    (``tawthiq.victims.store.CaptureHistory``); what ``estimate --from-store`` reads."""
    from tawthiq.victims.store import capture_histories as run

    return run()


def evaluate_linkage(a: Path, b: Path, *, truth_column: str = "id", columns: str | None = None,
                     engine: str = "duckdb", output: Path | None = None,
                     errors: Path | None = None, echo: Echo = print) -> dict:
    from tawthiq.victims.evaluation import evaluate_linkage as run

    return run(a, b, truth_column=truth_column, columns=columns, engine=engine, output=output,
               errors=errors, echo=echo)


# --- Multiple systems estimation (estimate/) -------------------------------------------------

def estimate_file(path: Path, *, method: str = "lcmcr", seed: int | None = None,
                  criterion: str = "bic", max_order: int | None = None, bootstrap: int = 0,
                  lcmcr: LcmcrSettings | None = None,
                  progress: ProgressFactory | None = None) -> Estimate:
    """Contract ``tawthiq estimate CAPTURES.csv``: per stratum and summed."""
    from tawthiq.estimate.captures import read_captures

    tables = read_captures(path)  # bad input is refused before the statistics load
    from tawthiq.estimate.service import estimate_strata

    return estimate_strata(tables, method=method, seed=seed, criterion=criterion,
                           max_order=max_order, bootstrap=bootstrap, lcmcr=lcmcr,
                           progress=progress)


def estimate_from_store(*, lists: list[str] | None = None, by: str | None = None,
                        actor: str = "system:cli", **options) -> tuple[Estimate, int]:
    """Contract ``tawthiq estimate --from-store``: the unique victims of the stored lists
    (their capture histories), per stratum of ``by`` and summed; the estimate is kept in the
    store for the estimates page. ``options`` are those of ``estimate_file``. Returns the
    estimate and its id."""
    from tawthiq.estimate.from_store import capture_tables, save_estimate, stored_list_names
    from tawthiq.store.db import session_scope
    from tawthiq.victims.store import capture_histories

    with session_scope() as session:
        known = stored_list_names(session)
        histories = capture_histories(session)
    tables = capture_tables(histories, known_lists=known, lists=lists, by=by)
    from tawthiq.estimate.service import estimate_strata

    found = estimate_strata(tables, **options)
    with session_scope() as session:
        return found, save_estimate(session, found, strata_by=by, actor=actor)
