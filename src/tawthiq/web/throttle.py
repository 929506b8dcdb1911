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
server runs as several processes (``web_workers``), each counts only the attempts it
answered, so each allows its share of every limit (``for_workers``): all together never allow
more attempts than one process would, though attempts that all reach one process are held
back sooner.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque

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

    @classmethod
    def for_workers(cls, workers: int) -> LoginLimiter:
        """The limiter of one of ``workers`` server processes: its share of each limit."""
        whole = cls()
        return cls(*(max(1, limit // workers) for limit in (
            whole.pair_attempts, whole.address_attempts, whole.name_attempts)))

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
