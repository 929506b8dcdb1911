"""The server as several processes (``tawthiq serve --workers N``): what each process keeps
for itself must not loosen sign-in throttling or run two ingest workers. (Sessions ended in
one process end in the others: ``test_concurrency.py``.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from tawthiq.settings import Settings
from tawthiq.web.ingest_jobs import IngestJobs
from tawthiq.web.throttle import LoginLimiter


def test_several_processes_together_allow_no_more_guesses_than_one():
    """An attacker whose attempts are spread over both processes, as new connections are."""
    processes = [LoginLimiter.for_workers(2) for _ in range(2)]
    allowed = 0
    for attempt in range(40):
        process = processes[attempt % 2]
        if process.retry_after("203.0.113.9", "admin") == 0:
            allowed += 1
            process.failed("203.0.113.9", "admin")
    assert 1 <= allowed <= LoginLimiter().pair_attempts


def test_each_process_keeps_at_least_one_attempt_of_every_limit():
    share = LoginLimiter.for_workers(16)
    assert min(share.pair_attempts, share.address_attempts, share.name_attempts) >= 1


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
