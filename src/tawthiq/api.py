"""The library's front door. Tests, the CLI and the web app call these functions; each one
delegates to the module of its pipeline stage (imported lazily: spaCy and the gazetteer are
loaded only by the commands that need them).

Owners of the stages: ingest/ + store/ (ingest), nlp/ + extract/ + actors/ (extract,
evaluate_fakes), geo/ (geocode, gazetteer import, place evaluations), export/ (export),
web/ (users, serve), demo.py (the README's main job).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path

from tawthiq.model import IngestOutcome

Echo = Callable[[str], None]


def extract_files(paths: Iterable[Path], *, published: date | None = None,
                  source: str | None = None, language: str = "en") -> Iterator[dict]:
    """Contract ``tawthiq extract``: one JSON-ready dict per input document, in input order."""
    from tawthiq.extract.pipeline import extract_paths

    return extract_paths(paths, published=published, source=source, language=language)


def ingest(paths: Iterable[Path], *, published: date | None = None, source: str | None = None,
           csv_map: str | None = None, echo: Echo | None = None,
           echo_error: Echo | None = None, actor: str | None = None) -> list[IngestOutcome]:
    """Contract ``tawthiq ingest``: store each file in its own transaction; skip duplicates."""
    from tawthiq.ingest.service import SYSTEM_ACTOR, ingest_paths

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


def add_user(username: str, role: str, password: str) -> None:
    from tawthiq.web.users import add_user as run

    run(username, role, password)


def set_password(username: str, password: str, *, by: str = "system:cli") -> None:
    """Change a password; every session opened with the old one ends."""
    from tawthiq.store.db import session_scope
    from tawthiq.web.users import set_password as run

    with session_scope() as session:  # the audit log says it changed, never to what
        run(session, username, password, by=by)


def list_users() -> list[dict]:
    from tawthiq.web.users import list_users as run

    return run()


def disable_user(username: str) -> None:
    from tawthiq.web.users import disable_user as run

    run(username)


def serve(*, host: str = "127.0.0.1", port: int = 8000) -> None:
    from tawthiq.web.app import serve as run

    run(host=host, port=port)


def evaluate_fakes(path: Path, *, output: Path | None = None, errors: Path | None = None,
                   echo: Echo = print) -> dict:
    from tawthiq.evaluate.fakes import evaluate_fakes as run

    return run(path, output=output, errors=errors, echo=echo)


def evaluate_ucdp_places(path: Path, *, output: Path | None = None, echo: Echo = print,
                         misses: Path | None = None) -> dict:
    from tawthiq.evaluate.ucdp_places import evaluate_ucdp_places as run

    return run(path, output=output, echo=echo, misses=misses)


def evaluate_geoparsing(paths: list[Path], *, output: Path | None = None,
                        echo: Echo = print, misses: Path | None = None) -> dict:
    from tawthiq.evaluate.geoparsing import evaluate_geoparsing as run

    return run(paths, output=output, echo=echo, misses=misses)


def demo(*, serve_after: bool = False, port: int = 8000, echo: Echo = print) -> None:
    from tawthiq.demo import run_demo

    run_demo(serve_after=serve_after, port=port, echo=echo)


# --- linking (issue #12): read the store -> link (pure, over model types) -> store ---------

def link_stored_events(session, event_ids: Iterable[int]) -> set[int]:
    """Link newly stored event reports into incidents (the store's candidates found by
    blocking, analysts' labels as constraints); returns the incidents that changed."""
    from tawthiq.link.cluster import link_reports
    from tawthiq.link.settings import default_settings
    from tawthiq.store import incidents as stored
    from tawthiq.store import read

    settings = default_settings()
    new = [r for r in read.live_event_reports(session, event_ids=list(event_ids))
           if r.incident_id is None]
    if not new:
        return set()
    candidates = read.candidate_reports(session, new, settings.date_window_days)
    result = link_reports(new, candidates, settings=settings, labels=read.link_labels(session))
    ids = {tuple(r.key): r.id for r in [*new, *candidates]}
    changed = stored.apply_links(session, event_ids=ids, assignments=result.assignments,
                                 merges=result.merges, explanations=result.explanations,
                                 settings=settings.to_json())
    refresh_incidents(session, changed)
    return changed


def refresh_incidents(session, incident_ids: Iterable[int]) -> None:
    """Recompute each incident's consolidated view from its live reports."""
    from tawthiq.link.consolidate import consolidate
    from tawthiq.model import LinkExplanation
    from tawthiq.store import incidents as stored
    from tawthiq.store import read

    session.flush()
    for incident_id in sorted(set(incident_ids)):
        reports = read.live_event_reports(session, incident_ids=[incident_id])
        if not reports:
            continue
        explanations = stored.latest_explanations(session, [r.id for r in reports])
        links = [LinkExplanation.model_validate(explanations[r.id]) for r in reports
                 if r.id in explanations]
        stored.save_incident(session, consolidate(incident_id, reports, links))


def relink(*, echo: Echo | None = None) -> dict:
    """Link every live event report again from scratch (analysts' merges and splits kept as
    constraints); clusters keep the ids of the incidents most of their reports were in."""
    from tawthiq.link.cluster import link_reports
    from tawthiq.link.settings import default_settings
    from tawthiq.store import incidents as stored
    from tawthiq.store import read, session_scope

    settings = default_settings()
    with session_scope() as session:
        reports = read.live_event_reports(session)
        result = link_reports(reports, settings=settings, labels=read.link_labels(session))
        assignments = stored.keep_incident_ids(
            {tuple(r.key): r.incident_id for r in reports}, result.assignments)
        ids = {tuple(r.key): r.id for r in reports}
        changed = stored.apply_links(session, event_ids=ids, assignments=assignments,
                                     merges=[], explanations=result.explanations,
                                     settings=settings.to_json())
        emptied = stored.retire_empty_incidents(session)
        refresh_incidents(session, changed)
        summary = {"reports": len(reports), "incidents": len(set(assignments.values())),
                   "changed": len(changed), "retired": len(emptied)}
    if echo:
        echo(f"relinked {summary['reports']} event reports into {summary['incidents']} "
             f"incidents ({summary['changed']} changed, {summary['retired']} retired)")
    return summary


def evaluate_linking(gold: Path, docs: Path, *, output: Path | None = None,
                     echo: Echo = print) -> dict:
    from tawthiq.evaluate.linking import evaluate_linking as run

    return run(gold, docs, output=output, echo=echo)
