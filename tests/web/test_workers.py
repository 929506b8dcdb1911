"""The server as several processes (``tawthiq serve --workers N``): what each process keeps
for itself must not loosen sign-in throttling or run two ingest workers. (Sessions ended in
one process end in the others: ``test_concurrency.py``.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from tawthiq.settings import Settings
from tawthiq.web.ingest_jobs import IngestJobs
from tawthiq.web.throttle import LoginLimiter, SharedLoginLimiter


def _guesses_allowed(processes: list, address: str, name: str, tries: int = 40) -> int:
    allowed = 0
    for attempt in range(tries):
        process = processes[attempt % len(processes)]
        if process.retry_after(address, name) == 0:
            allowed += 1
            process.failed(address, name)
    return allowed


def test_several_processes_together_allow_exactly_the_guesses_of_one(tmp_path: Path):
    """An attacker whose attempts are spread over both processes, as new connections are:
    the two limiters (one per process) share their counts through the home's file."""
    path = tmp_path / "signin-limits.sqlite3"
    processes = [SharedLoginLimiter(path), SharedLoginLimiter(path)]
    assert _guesses_allowed(processes, "203.0.113.9", "admin") == LoginLimiter().pair_attempts
    assert processes[1].retry_after("203.0.113.9", "admin") > 0


def test_a_user_mistyping_is_held_back_after_the_same_failures_in_either_process(
        tmp_path: Path):
    path = tmp_path / "signin-limits.sqlite3"
    first, second = SharedLoginLimiter(path), SharedLoginLimiter(path)
    for _ in range(LoginLimiter().pair_attempts - 1):
        first.failed("198.51.100.4", "Analyst")
    assert second.retry_after("198.51.100.4", "analyst") == 0   # one attempt left
    second.succeeded("198.51.100.4", "analyst")                 # ... and it was right
    assert first.retry_after("198.51.100.4", "analyst") == 0
    for _ in range(LoginLimiter().name_attempts):               # guessing from elsewhere
        first.failed(f"192.0.2.{_}", "analyst")
    assert second.retry_after("192.0.2.200", "analyst") > 0     # a stranger is held back
    assert second.retry_after("198.51.100.4", "analyst") == 0   # the owner's address is not


def test_a_server_of_several_processes_shares_its_limits_through_the_home(web_home: Path):
    from tawthiq.web.app import create_app

    one = create_app(Settings(home=web_home)).state.login_limiter
    two = create_app(Settings(home=web_home, web_workers=2)).state.login_limiter
    assert type(one) is LoginLimiter
    assert isinstance(two, SharedLoginLimiter) and two.path.parent == web_home


@pytest.fixture
def worker_starts(monkeypatch: pytest.MonkeyPatch) -> list[IngestJobs]:
    """Which IngestJobs started an ingest worker (none is really started)."""
    started: list[IngestJobs] = []
    monkeypatch.setattr(IngestJobs, "ensure_worker", lambda self: started.append(self))
    return started


def test_only_one_of_several_server_processes_runs_the_ingest_worker(
        sample, web_home: Path, worker_starts):
    settings = Settings(home=web_home, web_workers=2)
    first, second = IngestJobs(settings), IngestJobs(settings)
    first.resume()
    second.resume()
    assert worker_starts == [first]
    assert first.runs_worker and not second.runs_worker
    upload = web_home / "invented.txt"
    upload.write_text("An invented report.", encoding="utf-8")
    assert second.start("analyst", [("invented.txt", upload)])  # recorded for first's worker
    assert worker_starts == [first]
    first.close()  # the process holding ingest stops: another may take it over
    third = IngestJobs(settings)
    third.resume()
    assert third.runs_worker and worker_starts == [first, third]
    third.close()
    second.close()


def test_a_single_process_starts_its_worker_only_for_work_left(sample, web_home: Path,
                                                               worker_starts):
    jobs = IngestJobs(Settings(home=web_home))
    jobs.resume()
    assert jobs.runs_worker and worker_starts == []
    jobs.close()


def test_a_home_where_the_shared_counts_cannot_be_written_stops_the_server_at_start(
        tmp_path: Path):
    """A read-only home: one line naming the file before any process starts, not a fault at
    the first sign-in (a directory stands where the file should be, which fails even as root)."""
    from tawthiq.errors import StoreUnwritable
    from tawthiq.web.app import shared_login_limiter

    (tmp_path / "signin-limits.sqlite3").mkdir()
    with pytest.raises(StoreUnwritable) as caught:
        shared_login_limiter(Settings(home=tmp_path, web_workers=2)).check_writable()
    assert "signin-limits.sqlite3" in caught.value.one_line()


def test_the_memory_and_the_shared_limiter_follow_the_same_rules(tmp_path: Path):
    """One set of rules over two stores: the same attempts give the same answers."""
    limiters = [LoginLimiter(), SharedLoginLimiter(tmp_path / "signin-limits.sqlite3")]
    answers = []
    for limiter in limiters:
        seen = []
        limiter.succeeded("198.51.100.4", "Owner")
        for attempt in range(14):
            limiter.failed(f"192.0.2.{attempt % 3}", "owner")
            seen.append((limiter.retry_after(f"192.0.2.{attempt % 3}", "owner") > 0,
                         limiter.retry_after("198.51.100.4", "OWNER") > 0,
                         limiter.retry_after("203.0.113.1", "owner") > 0))
        answers.append(seen)
    assert answers[0] == answers[1]
    assert answers[0][-1] == (True, False, True)
