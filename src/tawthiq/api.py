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


def demo(*, serve_after: bool = False, port: int = 8000, echo: Echo = print) -> None:
    from tawthiq.demo import run_demo

    run_demo(serve_after=serve_after, port=port, echo=echo)
