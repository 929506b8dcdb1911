"""Sign-in throttling: failed attempts slow down the address they come from and the account
they aim at, without letting anyone lock everybody out.

- An address and a user name: ``pair_attempts`` failures per ``window`` (someone mistyping,
  or guessing one account from one place).
- An address, whatever the names: ``address_attempts`` failures (trying many accounts from one
  place). This only slows that address: behind a reverse proxy, the address is the client's
  own from ``X-Forwarded-For`` once the proxy is listed in ``TAWTHIQ_TRUSTED_PROXIES``
  (never otherwise, or anyone could claim any address).
- A user name, whatever the addresses: ``name_attempts`` failures (guessing one account from
  many places). An address where that user signed in successfully in the last
  ``known_for`` seconds is not held back by it, so a guesser cannot lock the owner out.

Counts live in this process's memory (a restart forgets them), bounded in size. When the
server runs as several processes (``web_workers``), the processes share their counts through a
small SQLite file in the home (``SharedLoginLimiter``), so every limit holds for the server as
a whole: the same number of guesses, and a mistyping user held back after the same number of
failures, whichever process answers.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections import OrderedDict, deque
from pathlib import Path

MAX_KEYS = 100_000  # invented names must not grow the counts without end


class LoginLimiter:
    def __init__(self, pair_attempts: int = 5, address_attempts: int = 20,
                 name_attempts: int = 10, window: float = 300.0,
                 known_for: float = 30 * 86400.0) -> None:
        self.pair_attempts = pair_attempts
        self.address_attempts = address_attempts
        self.name_attempts = name_attempts
        self.window = window
        self.known_for = known_for
        self._failures: OrderedDict[tuple[str, str], deque[float]] = OrderedDict()
        self._known: OrderedDict[tuple[str, str], float] = OrderedDict()
        self._lock = threading.Lock()

    def _recent(self, key: tuple[str, str], now: float) -> deque[float]:
        times = self._failures.get(key)
        if times is None:
            times = self._failures[key] = deque()
            while len(self._failures) > MAX_KEYS:
                self._failures.popitem(last=False)
        while times and now - times[0] > self.window:
            times.popleft()
        return times

    def _limits(self, address: str, name: str) -> list[tuple[tuple[str, str], int]]:
        limits = [((address, name), self.pair_attempts), ((address, ""), self.address_attempts)]
        known = self._known.get((address, name))
        if known is None or time.monotonic() - known > self.known_for:
            limits.append((("", name), self.name_attempts))
        return limits

    def retry_after(self, address: str, username: str) -> int:
        """Seconds to wait before another attempt is allowed (0: go ahead)."""
        now = time.monotonic()
        name = (username or "").strip().lower()
        with self._lock:
            for key, limit in self._limits(address, name):
                times = self._recent(key, now)
                if len(times) >= limit:
                    return max(1, int(self.window - (now - times[0])) + 1)
        return 0

    def failed(self, address: str, username: str) -> None:
        now = time.monotonic()
        name = (username or "").strip().lower()
        with self._lock:
            for key in ((address, name), (address, ""), ("", name)):
                self._recent(key, now).append(now)

    def succeeded(self, address: str, username: str) -> None:
        name = (username or "").strip().lower()
        with self._lock:
            self._failures.pop((address, name), None)
            self._known[(address, name)] = time.monotonic()
            self._known.move_to_end((address, name))
            while len(self._known) > MAX_KEYS:
                self._known.popitem(last=False)


class SharedLoginLimiter(LoginLimiter):
    """The same limits, counted in a SQLite file that every server process of a home shares.

    Times are wall-clock seconds (processes share no monotonic clock); rows older than the
    window are dropped as failures are added, so the file stays small.
    """

    def __init__(self, path: Path, **limits: float) -> None:
        super().__init__(**limits)
        self.path = path
        self._db: sqlite3.Connection | None = None

    def _connection(self) -> sqlite3.Connection:
        if self._db is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=10, check_same_thread=False,
                                 isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("CREATE TABLE IF NOT EXISTS failures (key TEXT NOT NULL, at REAL NOT NULL)")
            db.execute("CREATE INDEX IF NOT EXISTS failures_key_at ON failures (key, at)")
            db.execute("CREATE INDEX IF NOT EXISTS failures_at ON failures (at)")
            db.execute("CREATE TABLE IF NOT EXISTS known (key TEXT PRIMARY KEY, at REAL NOT NULL)")
            self._db = db
        return self._db

    @staticmethod
    def _key(address: str, name: str) -> str:
        return f"{address}\x1f{name}"

    def _limits_at(self, db: sqlite3.Connection, address: str, name: str,
                   now: float) -> list[tuple[tuple[str, str], int]]:
        limits = [((address, name), self.pair_attempts), ((address, ""), self.address_attempts)]
        known = db.execute("SELECT at FROM known WHERE key = ?",
                           (self._key(address, name),)).fetchone()
        if known is None or now - known[0] > self.known_for:
            limits.append((("", name), self.name_attempts))
        return limits

    def retry_after(self, address: str, username: str) -> int:
        now = time.time()
        name = (username or "").strip().lower()
        with self._lock:
            db = self._connection()
            for key, limit in self._limits_at(db, address, name, now):
                count, first = db.execute(
                    "SELECT COUNT(*), MIN(at) FROM failures WHERE key = ? AND at > ?",
                    (self._key(*key), now - self.window)).fetchone()
                if count >= limit:
                    return max(1, int(self.window - (now - first)) + 1)
        return 0

    def failed(self, address: str, username: str) -> None:
        now = time.time()
        name = (username or "").strip().lower()
        keys = [self._key(address, name), self._key(address, ""), self._key("", name)]
        with self._lock:
            db = self._connection()
            db.execute("BEGIN IMMEDIATE")
            try:
                db.execute("DELETE FROM failures WHERE at <= ?", (now - self.window,))
                db.executemany("INSERT INTO failures (key, at) VALUES (?, ?)",
                               [(key, now) for key in keys])
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise

    def succeeded(self, address: str, username: str) -> None:
        name = (username or "").strip().lower()
        key = self._key(address, name)
        with self._lock:
            db = self._connection()
            db.execute("BEGIN IMMEDIATE")
            try:
                db.execute("DELETE FROM failures WHERE key = ?", (key,))
                db.execute("INSERT OR REPLACE INTO known (key, at) VALUES (?, ?)",
                           (key, time.time()))
                db.execute("DELETE FROM known WHERE at <= ?", (time.time() - self.known_for,))
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
