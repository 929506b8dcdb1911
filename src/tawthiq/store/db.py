"""Engine, sessions and schema upgrades. SQLite by default, any SQLAlchemy URL (PostgreSQL)
through the same code; the schema is always created by Alembic so both stay in step."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, inspect, make_url, select, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from tawthiq.errors import StoreUnwritable
from tawthiq.settings import Settings, get_settings

MIGRATIONS = Path(__file__).with_name("migrations")
# Any fixed number: PostgreSQL advisory-lock key under which one process at a time upgrades.
MIGRATION_LOCK_KEY = 0x7A77_7471
# The store's INTEGER columns on PostgreSQL (and its LIMIT/OFFSET binds) hold at most this.
INT_MAX = 2**31 - 1
# Pooled connections beyond the web app's request places: background ingest and job progress.
BACKGROUND_CONNECTIONS = 2


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    """WAL keeps readers (the web app) going while ingest writes; foreign keys on."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def driver_url(url: str) -> str:
    """``postgresql://`` and ``postgres://`` mean psycopg 3 (the ``postgres`` extra), unless
    psycopg2, SQLAlchemy's default PostgreSQL driver, is what is installed."""
    if not url.startswith(("postgresql:", "postgres:")):
        return url
    try:
        import psycopg2  # noqa: F401
    except ModuleNotFoundError:
        return make_url(url).set(drivername="postgresql+psycopg").render_as_string(
            hide_password=False)
    return url.replace("postgres:", "postgresql:", 1) if url.startswith("postgres:") else url


def _postgres_utc(dbapi_connection, _record) -> None:
    """Timestamps come back in UTC whatever the server's or the role's time zone, as they are
    stored and as SQLite returns them (pages print them as UTC)."""
    cursor = dbapi_connection.cursor()
    cursor.execute("SET TIME ZONE 'UTC'")
    cursor.close()
    dbapi_connection.commit()  # SET is transactional: the pool's rollback would undo it


@lru_cache(maxsize=8)
def get_engine(url: str) -> Engine:
    """The process's engine for ``url``, pooled as the current settings say."""
    return make_engine(url, get_settings())


def make_engine(url: str, settings: Settings) -> Engine:
    """An engine with a fixed pool: ``db_pool_size`` connections for web requests and
    ``BACKGROUND_CONNECTIONS`` more for work beside them (ingest jobs), no overflow, and a wait
    of at most ``db_pool_timeout`` seconds for one (then ``sqlalchemy.exc.TimeoutError``, which
    the web app answers with 503) - never an unbounded queue."""
    pool = {"pool_size": settings.db_pool_size + BACKGROUND_CONNECTIONS, "max_overflow": 0,
            "pool_timeout": settings.db_pool_timeout}
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30}, **pool)
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        engine = create_engine(driver_url(url), pool_pre_ping=True, **pool)
        if engine.dialect.name == "postgresql":
            event.listen(engine, "connect", _postgres_utc)
    return engine


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade(url: str | None = None) -> Engine:
    """Bring the database at ``url`` (default: the settings') to the newest schema."""
    settings = get_settings()
    if url is None:
        settings.ensure_home()
        url = settings.db_url
    engine = get_engine(url)
    cfg = alembic_config(url)
    with translated_store_errors(url):
        if _at_head(engine, cfg):  # the common case, a plain read: a read-only store works
            return engine
        with _migration_engine(url).begin() as connection:
            if connection.dialect.name == "postgresql":
                # Two processes starting at once on a new store (web app and ingest, two
                # ingests) would both create the tables; one at a time, the second finds
                # them made.
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"),
                                   {"key": MIGRATION_LOCK_KEY})
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, "head")
    return engine


def _at_head(engine: Engine, cfg: Config) -> bool:
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    with engine.connect() as connection:
        current = set(MigrationContext.configure(connection).get_current_heads())
    return current == set(ScriptDirectory.from_config(cfg).get_heads())


def _migration_engine(url: str) -> Engine:
    """For SQLite, an engine whose transactions start with ``BEGIN IMMEDIATE``: the whole
    upgrade is one transaction (pysqlite otherwise runs each CREATE on its own, so a full disk
    midway left half a schema), and it holds the write lock from the start, so a second
    process starting on a new store waits, then finds the schema made."""
    if not url.startswith("sqlite"):
        return get_engine(url)
    engine = create_engine(url, poolclass=NullPool, connect_args={"timeout": 30})

    @event.listens_for(engine, "connect")
    def _no_implicit_transactions(dbapi_connection, record) -> None:
        _sqlite_pragmas(dbapi_connection, record)
        dbapi_connection.isolation_level = None  # SQLAlchemy's BEGIN below, not pysqlite's

    @event.listens_for(engine, "begin")
    def _begin_immediate(connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


# What SQLite says when it cannot write, in the words a user can act on.
CANNOT_WRITE = {"database or disk is full": "the disk is full",
                "attempt to write a readonly database": "the database is read-only",
                "unable to open database file": "the database file cannot be opened or made "
                                                "(a read-only or missing home?)",
                "disk i/o error": "a disk input/output error",
                "readonly database": "the database is read-only"}


# Bytes free below which a write error on the store's file system is put down to a full disk
# (SQLite itself says "disk I/O error" when a full file system refuses its write-ahead log).
NEARLY_FULL_BYTES = 1 << 20


def _disk_full(url: str) -> bool:
    if not url.startswith("sqlite:///"):
        return False
    try:
        return shutil.disk_usage(Path(_where(url)).parent).free < NEARLY_FULL_BYTES
    except OSError:
        return False


def _where(url: str) -> str:
    if url.startswith("sqlite:///"):
        return url.removeprefix("sqlite:///")
    return make_url(url).render_as_string(hide_password=True)


@contextmanager
def translated_store_errors(url: str, *, os_errors: bool = True) -> Iterator[None]:
    """A store that cannot be written (full disk, read-only file system or database) becomes
    one ``StoreUnwritable`` line naming it, instead of a driver's traceback. ``os_errors``:
    file-system errors too (only where the files touched are the store's own)."""
    try:
        yield
    except OperationalError as exc:
        reason = str(exc.orig).lower()
        said = next((words for key, words in CANNOT_WRITE.items() if key in reason), None)
        if said is None:
            raise
        if "disk i/o" in reason and _disk_full(url):
            said = CANNOT_WRITE["database or disk is full"]
        raise StoreUnwritable(f"cannot write to the store: {said}", path=_where(url)) from exc
    except OSError as exc:
        if not os_errors:
            raise
        raise StoreUnwritable(f"cannot write to the store: {exc.strerror or exc}",
                              path=exc.filename or _where(url)) from exc


_ready: set[str] = set()


def ready_engine(url: str | None = None) -> Engine:
    """An engine whose schema is current (upgraded once per process per URL)."""
    url = url or get_settings().db_url
    if url not in _ready:
        if url.startswith("sqlite:///"):
            with translated_store_errors(url):
                Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        upgrade(url)
        _ready.add(url)
    return get_engine(url)


@lru_cache(maxsize=8)
def _session_factory(engine: Engine) -> sessionmaker:
    # One factory per engine: sessionmaker makes a new Session class, whose event set-up
    # costs more than the session itself (a millisecond per web request).
    return sessionmaker(bind=engine, expire_on_commit=False)


@contextmanager
def session_scope(url: str | None = None) -> Iterator[Session]:
    """One transaction: committed when the block ends, rolled back on any exception (a store
    that cannot be written: ``StoreUnwritable``)."""
    engine = ready_engine(url)
    session = _session_factory(engine)()
    with translated_store_errors(engine.url.render_as_string(hide_password=False),
                                 os_errors=False):
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()


def batches_by_id(session: Session, row_class, size: int) -> Iterator[list]:
    """Every row of ``row_class`` in order of id, ``size`` at a time; each batch is let go of
    (expunged) before the next is read, so a whole table is walked in bounded memory."""
    last_id = 0
    while batch := session.scalars(select(row_class).where(row_class.id > last_id)
                                   .order_by(row_class.id).limit(size)).all():
        yield batch
        last_id = batch[-1].id
        session.expunge_all()


def table_names(url: str | None = None) -> list[str]:
    return sorted(inspect(ready_engine(url)).get_table_names())


def row_by_id(session: Session, model, row_id: int):
    """``session.get``, but None for an id no row can have: PostgreSQL refuses to compare its
    INTEGER keys with a number beyond them (an error, where SQLite finds nothing)."""
    return session.get(model, row_id) if 0 < row_id <= INT_MAX else None
