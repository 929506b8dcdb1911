"""One Settings object: where state lives and where the shared data sets are read from."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from platformdirs import user_data_dir
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def _default_home() -> Path:
    return Path(user_data_dir("tawthiq", appauthor=False))


def _default_data_dir() -> Path:
    """``../shared/data`` beside the project's root (a source checkout), else beside the cwd."""
    beside_project = PROJECT_ROOT.parent / "shared" / "data"
    if beside_project.exists():
        return beside_project
    return Path.cwd().parent / "shared" / "data"


class Settings(BaseSettings):
    """Read from the environment (``TAWTHIQ_*``); ``--home`` on the CLI overrides ``home``."""

    model_config = SettingsConfigDict(env_prefix="TAWTHIQ_", extra="ignore")

    home: Path = Field(default_factory=_default_home)
    database_url: str | None = None
    data: Path = Field(default_factory=_default_data_dir)
    tile_url: str | None = None
    # Served behind TLS (a reverse proxy): the session cookie is marked Secure, so a browser
    # never sends it over plain HTTP.
    secure_cookies: bool = False
    # Addresses (or networks, e.g. "10.0.0.0/8") of reverse proxies whose X-Forwarded-For
    # names the client; empty: the connection's own address, whatever a request claims.
    trusted_proxies: list[str] = Field(default_factory=list)
    # The store's connection pool, per process. The web app runs as many worker threads as
    # there are connections, so a request waits for a thread rather than for a connection;
    # anything that still cannot get one within ``db_pool_timeout`` seconds is answered 503.
    db_pool_size: int = Field(default=20, ge=1, le=200)
    db_pool_timeout: float = Field(default=5.0, gt=0, le=60)
    # Open connections and requests in progress above which the server answers 503 at once.
    web_max_concurrency: int = Field(default=512, ge=1)
    # Server processes (``tawthiq serve --workers``). One process runs Python on one core at a
    # time; two use both cores of a small machine (``benchmarks/bench_load.py``). Each keeps
    # its own view cache, pool and sign-in counts (see ``tawthiq.web.throttle``); one of them
    # runs the ingest worker.
    web_workers: int = Field(default=1, ge=1, le=16)
    # A report longer than this many characters is read in sections of at most this size
    # (cut at paragraph breaks), so that extraction time and memory stay bounded (about
    # 0.5 GB for 50,000 characters); one longer than max_report_chars is refused.
    section_chars: int = Field(default=50_000, ge=1_000)
    max_report_chars: int = Field(default=1_000_000, ge=1_000)
    # Ingest refuses larger files before reading them (a report is a few hundred kB at most).
    max_file_mb: float = 20.0
    # The extractor of each document language: a name registered in
    # ``tawthiq.plugins.extractors`` (``tawthiq.extract.languages``). A language not listed is
    # stored and withheld from readers not cleared, and gives no events.
    extractors: dict[str, str] = Field(
        default_factory=lambda: {"en": "spacy-en", "ar": "rules-ar"})
    # "module:callable" returning an object with ``extract(doc)`` (and optionally
    # ``extract_many``): one extractor for every language in place of the registered ones
    # (a remote model, a test double).
    extractor: str | None = None
    # Registered parts (``tawthiq.plugins``) that resolve places and actors.
    place_resolver: str = "gazetteer"
    actor_resolver: str = "registry"

    @property
    def db_url(self) -> str:
        """The SQLAlchemy URL; SQLite under ``home`` unless ``TAWTHIQ_DATABASE_URL`` is set."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.home / 'tawthiq.db'}"

    @property
    def gazetteer_path(self) -> Path:
        return self.home / "gazetteer.sqlite"

    @property
    def actors_dir(self) -> Path:
        """User additions to the actor registry (YAML/JSON files), merged over the shipped one."""
        return self.home / "actors"

    def ensure_home(self) -> Path:
        self.home.mkdir(parents=True, exist_ok=True)
        return self.home


@lru_cache(maxsize=1)
def _cached() -> Settings:
    return Settings()


_override: Settings | None = None


def get_settings() -> Settings:
    """The process-wide settings; ``use_settings`` replaces them (CLI ``--home``, tests)."""
    return _override or _cached()


def use_settings(settings: Settings | None) -> None:
    global _override
    _override = settings
