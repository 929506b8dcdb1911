"""A throwaway PostgreSQL cluster for tests: ``initdb`` into a temporary directory, a server on
127.0.0.1 and a free port, gone when the block ends.

The server binaries come from Debian's ``postgresql`` package (``make postgres-server``
installs it). ``initdb`` refuses to run as root, so as root the cluster is created and run by
the ``postgres`` OS user (the package creates it). Durability is switched off: a test cluster
is thrown away, and fsync would only slow it down.
"""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tawthiq.settings import Settings, use_settings
from tawthiq.store.db import get_engine

BIN_GLOB = "/usr/lib/postgresql/*/bin"
SERVER_OPTIONS = ("-c listen_addresses=127.0.0.1 -c unix_socket_directories='' "
                  "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
                  "-c autovacuum=off -c max_connections=40")
MISSING = ("PostgreSQL server binaries (initdb, pg_ctl) not found under {where}; "
           "install them with `make postgres-server` (apt-get install postgresql)")


_names = itertools.count(1)


class PostgresUnavailable(RuntimeError):
    """The server binaries are missing or the cluster would not start."""


@dataclass
class PostgresCluster:
    port: int
    superuser: str = "postgres"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{self.superuser}@127.0.0.1:{self.port}/{database}"

    def execute(self, statement: str) -> None:
        """Run one statement as the superuser, outside a transaction (CREATE DATABASE...)."""
        import psycopg

        with psycopg.connect(host="127.0.0.1", port=self.port, user=self.superuser,
                             dbname="postgres", autocommit=True) as conn:
            conn.execute(statement)

    def create_database(self, name: str, template: str = "template0") -> str:
        """A new empty database (or a copy of ``template``); returns its SQLAlchemy URL."""
        self.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}" ENCODING \'UTF8\'')
        return self.url(name)


def find_bin_dir() -> Path:
    """The newest installed server's bin directory (``TAWTHIQ_PG_BIN`` overrides)."""
    override = os.environ.get("TAWTHIQ_PG_BIN")
    candidates = [override] if override else sorted(
        glob.glob(BIN_GLOB), key=lambda p: int(Path(p).parent.name.split(".")[0]))
    for candidate in reversed(candidates):
        if (Path(candidate) / "initdb").is_file() and (Path(candidate) / "pg_ctl").is_file():
            return Path(candidate)
    raise PostgresUnavailable(MISSING.format(where=override or BIN_GLOB))


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _server_user() -> pwd.struct_passwd | None:
    """The OS user to run the server as: ``postgres`` when we are root, else ourselves."""
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam("postgres")
    except KeyError:
        raise PostgresUnavailable("running as root, but there is no `postgres` OS user to run "
                                  "the server as (apt-get install postgresql creates it)") from None


def _run(args: list[str], user: pwd.struct_passwd | None) -> None:
    kwargs = {}
    if user is not None:
        kwargs = {"user": user.pw_uid, "group": user.pw_gid, "extra_groups": [],
                  "env": {**os.environ, "HOME": user.pw_dir, "USER": user.pw_name}}
    done = subprocess.run(args, capture_output=True, text=True, cwd="/", **kwargs)
    if done.returncode != 0:
        raise PostgresUnavailable(f"{Path(args[0]).name} failed ({done.returncode}): "
                                  f"{(done.stderr or done.stdout).strip()[-800:]}")


@contextlib.contextmanager
def postgres_cluster() -> Iterator[PostgresCluster]:
    """Start a cluster; stop it and delete its files when the block ends."""
    bin_dir = find_bin_dir()
    user = _server_user()
    root = Path(tempfile.mkdtemp(prefix="tawthiq-pg-"))
    if user is not None:
        os.chown(root, user.pw_uid, user.pw_gid)
    data, log = root / "data", root / "server.log"
    port = free_port()
    try:
        _run([str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust",
              "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync", "--no-instructions"], user)
        _run([str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-t", "30",
              "-o", f"-p {port} {SERVER_OPTIONS}", "start"], user)
    except PostgresUnavailable as exc:
        server_log = log.read_text(errors="replace")[-800:] if log.exists() else ""
        shutil.rmtree(root, ignore_errors=True)
        raise PostgresUnavailable(f"{exc}\n{server_log}".strip()) from None
    try:
        yield PostgresCluster(port=port)
    finally:
        with contextlib.suppress(PostgresUnavailable):
            _run([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
                 user)
        shutil.rmtree(root, ignore_errors=True)


def new_database(server: PostgresCluster, template: str = "template0") -> str:
    """A new database on ``server`` (empty, or a copy of ``template``); its SQLAlchemy URL."""
    return server.create_database(f"tawthiq_{os.getpid()}_{next(_names)}", template=template)


@contextlib.contextmanager
def store_at(url: str, home: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Make ``url`` the store of the library and of subprocesses (env), with the fake
    extractor; the engine is disposed afterwards so that the database can be copied."""
    extractor = "support.fake_extractor:make"
    home.mkdir(parents=True, exist_ok=True)
    monkeypatch.setenv("TAWTHIQ_HOME", str(home))
    monkeypatch.setenv("TAWTHIQ_DATABASE_URL", url)
    monkeypatch.setenv("TAWTHIQ_EXTRACTOR", extractor)
    use_settings(Settings(home=home, database_url=url, extractor=extractor))
    try:
        yield url
    finally:
        use_settings(None)
        get_engine(url).dispose()
