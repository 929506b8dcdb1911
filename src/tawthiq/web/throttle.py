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
from collections.abc import Callable
from pathlib import Path

from tawthiq.errors import StoreUnwritable

MAX_KEYS = 100_000  # invented names must not grow the counts without end


def _normal(username: str | None) -> str:
    return (username or "").strip().lower()


class LoginLimiter:
    """The limits, with their counts in this process's memory.

    The rules (``retry_after``, ``failed``, ``succeeded``) are written once here; where the
    counts live is a handful of storage methods (``_last_success``, ``_failures_since``,
    ``_add_failures``, ``_mark_success``) that ``SharedLoginLimiter`` keeps in a file instead.
    """

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

    # The rules.

    def retry_after(self, address: str, username: str) -> int:
        """Seconds to wait before another attempt is allowed (0: go ahead)."""
        now = self._clock()
        name = _normal(username)
        with self._lock:
            self._open()
            for key, limit in self._limits(address, name, now):
                count, first = self._failures_since(key, now - self.window)
                if count >= limit:
                    return max(1, int(self.window - (now - first)) + 1)
        return 0

    def failed(self, address: str, username: str) -> None:
        now = self._clock()
        name = _normal(username)
        with self._lock:
            self._open()
            self._add_failures([(address, name), (address, ""), ("", name)], now)

    def succeeded(self, address: str, username: str) -> None:
        now = self._clock()
        with self._lock:
            self._open()
            self._mark_success((address, _normal(username)), now)

    def _limits(self, address: str, name: str,
                now: float) -> list[tuple[tuple[str, str], int]]:
        """The counts that apply to this attempt and their limits: the name's own count only
        from an address where that user has not signed in lately (so guessers from elsewhere
        cannot lock the owner out)."""
        limits = [((address, name), self.pair_attempts), ((address, ""), self.address_attempts)]
        known = self._last_success(address, name)
        if known is None or now - known > self.known_for:
            limits.append((("", name), self.name_attempts))
        return limits

    # Where the counts live: this process's memory.

    @staticmethod
    def _clock() -> float:
        return time.monotonic()

    def _open(self) -> None:
        """Ready the storage (nothing to do in memory)."""

    def _last_success(self, address: str, name: str) -> float | None:
        return self._known.get((address, name))

    def _failures_since(self, key: tuple[str, str], since: float) -> tuple[int, float]:
        """How many failures of ``key`` after ``since``, and when the first of them was."""
        times = self._failures.get(key)
        if times is None:
            return 0, since
        while times and times[0] < since:
            times.popleft()
        return len(times), (times[0] if times else since)

    def _add_failures(self, keys: list[tuple[str, str]], now: float) -> None:
        for key in keys:
            times = self._failures.get(key)
            if times is None:
                times = self._failures[key] = deque()
                while len(self._failures) > MAX_KEYS:
                    self._failures.popitem(last=False)
            while times and times[0] < now - self.window:
                times.popleft()
            times.append(now)

    def _mark_success(self, key: tuple[str, str], now: float) -> None:
        self._failures.pop(key, None)
        self._known[key] = now
        self._known.move_to_end(key)
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

    def check_writable(self) -> None:
        """Open the file now, so that a home the server cannot write stops it at start-up
        (naming the file) rather than at the first sign-in."""
        try:
            with self._lock:
                self._open()
                self._write(lambda db: db.execute("DELETE FROM known WHERE at < 0"))
        except (sqlite3.Error, OSError) as exc:
            raise StoreUnwritable(f"cannot keep the shared sign-in counts: {exc}",
                                  path=str(self.path)) from exc

    @staticmethod
    def _clock() -> float:
        return time.time()

    def _open(self) -> None:
        if self._db is not None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=10, check_same_thread=False,
                             isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("CREATE TABLE IF NOT EXISTS failures (key TEXT NOT NULL, at REAL NOT NULL)")
        db.execute("CREATE INDEX IF NOT EXISTS failures_key_at ON failures (key, at)")
        db.execute("CREATE INDEX IF NOT EXISTS failures_at ON failures (at)")
        db.execute("CREATE TABLE IF NOT EXISTS known (key TEXT PRIMARY KEY, at REAL NOT NULL)")
        self._db = db

    @staticmethod
    def _key(key: tuple[str, str]) -> str:
        return "\x1f".join(key)

    def _write(self, change: Callable[[sqlite3.Connection], None]) -> None:
        """``change`` in one transaction that other processes see whole or not at all."""
        db = self._db
        assert db is not None
        db.execute("BEGIN IMMEDIATE")
        try:
            change(db)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def _last_success(self, address: str, name: str) -> float | None:
        row = self._db.execute("SELECT at FROM known WHERE key = ?",
                               (self._key((address, name)),)).fetchone()
        return None if row is None else row[0]

    def _failures_since(self, key: tuple[str, str], since: float) -> tuple[int, float]:
        count, first = self._db.execute(
            "SELECT COUNT(*), MIN(at) FROM failures WHERE key = ? AND at > ?",
            (self._key(key), since)).fetchone()
        return count, since if first is None else first

    def _add_failures(self, keys: list[tuple[str, str]], now: float) -> None:
        def add(db: sqlite3.Connection) -> None:
            db.execute("DELETE FROM failures WHERE at <= ?", (now - self.window,))
            db.executemany("INSERT INTO failures (key, at) VALUES (?, ?)",
                           [(self._key(key), now) for key in keys])
        self._write(add)

    def _mark_success(self, key: tuple[str, str], now: float) -> None:
        def mark(db: sqlite3.Connection) -> None:
            db.execute("DELETE FROM failures WHERE key = ?", (self._key(key),))
            db.execute("INSERT OR REPLACE INTO known (key, at) VALUES (?, ?)",
                       (self._key(key), now))
            db.execute("DELETE FROM known WHERE at <= ?", (now - self.known_for,))
        self._write(mark)
