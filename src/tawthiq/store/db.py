"""Engine, sessions and schema upgrades. SQLite by default, any SQLAlchemy URL (PostgreSQL)
through the same code; the schema is always created by Alembic so both stay in step."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, inspect, make_url, text
from sqlalchemy.orm import Session, sessionmaker

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
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # Two processes starting at once (web app and ingest) would both create the
            # tables and one would fail; SQLite's write lock already serialises them.
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"),
                               {"key": MIGRATION_LOCK_KEY})
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "head")
    return engine


_ready: set[str] = set()


def ready_engine(url: str | None = None) -> Engine:
    """An engine whose schema is current (upgraded once per process per URL)."""
    url = url or get_settings().db_url
    if url not in _ready:
        if url.startswith("sqlite:///"):
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
    """One transaction: committed when the block ends, rolled back on any exception."""
    session = _session_factory(ready_engine(url))()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def table_names(url: str | None = None) -> list[str]:
    return sorted(inspect(ready_engine(url)).get_table_names())


def row_by_id(session: Session, model, row_id: int):
    """``session.get``, but None for an id no row can have: PostgreSQL refuses to compare its
    INTEGER keys with a number beyond them (an error, where SQLite finds nothing)."""
    return session.get(model, row_id) if 0 < row_id <= INT_MAX else None
