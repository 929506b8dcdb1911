"""The ingest page saves uploads, and a worker process reads them; progress and errors per
file are kept in the store (they outlive a restart of the server)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from tawthiq.settings import Settings
from tawthiq.store.db import session_scope
from tawthiq.store.tables import DocumentRow
from tawthiq.web.app import create_app


@pytest.fixture(autouse=True)
def stand_in_extractor(monkeypatch):
    """The worker process reads its settings from the environment it is started with."""
    monkeypatch.setenv("TAWTHIQ_EXTRACTOR", "support.fake_extractor:make")


def wait_for(client, url: str, seconds: float = 60) -> dict:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job = client.get(url).json()
        if job["done"]:
            return job
        time.sleep(0.1)
    raise AssertionError(f"ingest job did not finish: {job}")


def test_upload_progress_and_errors_per_file(signed_in, sample, web_home):
    analyst = signed_in("analyst")
    files = [("files", ("a.txt", b"In Alpha 2 killed.", "text/plain")),
             ("files", ("../../evil.bin", b"\x00\x01", "application/octet-stream")),
             ("files", ("dup.txt", b"In Alpha 2 killed.", "text/plain"))]
    response = analyst.post("/ingest", files=files)
    assert response.status_code == 303, response.text
    job_id = response.headers["location"].rsplit("/", 1)[1]
    job = wait_for(analyst.client, f"/api/ingest/{job_id}")
    statuses = {f["name"]: (f["status"], f["message"]) for f in job["files"]}
    assert statuses["a.txt"] == ("stored", None)
    assert statuses["../../evil.bin"][0] == "error" and "unknown file type" in statuses[
        "../../evil.bin"][1]
    assert statuses["dup.txt"][0] == "duplicate"
    saved = sorted(p.name for p in (web_home / "uploads").rglob("*") if p.is_file())
    assert saved == ["a.txt", "dup.txt", "evil.bin"]
    page = analyst.client.get(f"/ingest/jobs/{job_id}").text
    assert "3 of 3" in page and "unknown file type" in page


def test_uploads_are_read_by_another_process(signed_in, sample):
    analyst = signed_in("analyst")
    response = analyst.post("/ingest", files=[("files", ("b.txt", b"In Beta 4 killed.",
                                                         "text/plain"))])
    wait_for(analyst.client, f"/api/ingest/{response.headers['location'].rsplit('/', 1)[1]}")
    with session_scope() as session:
        stored_by = session.scalar(select(DocumentRow.ingested_by)
                                   .where(DocumentRow.filename == "b.txt"))
    assert stored_by == "analyst"
    worker = analyst.client.app.state.jobs._worker
    assert worker is not None and worker.is_alive() and worker.pid != os.getpid()


def test_job_progress_outlives_a_restart(signed_in, sample, web_home: Path, monkeypatch):
    monkeypatch.setenv("TAWTHIQ_FAKE_DELAY", "30")  # the first server stops mid-file
    analyst = signed_in("analyst")
    response = analyst.post("/ingest", files=[("files", ("c.txt", b"In Gamma 1 killed.",
                                                         "text/plain"))])
    job_id = response.headers["location"].rsplit("/", 1)[1]
    first = analyst.client.app
    for _ in range(100):
        if analyst.client.get(f"/api/ingest/{job_id}").json()["files"][0]["status"] == \
                "running":
            break
        time.sleep(0.1)
    first.state.jobs.close()  # the server stops: its worker goes with it
    monkeypatch.setenv("TAWTHIQ_FAKE_DELAY", "0")
    restarted = create_app(Settings(home=web_home))
    try:
        restarted.state.jobs.resume()
        analyst.client.app = restarted
        job = wait_for(analyst.client, f"/api/ingest/{job_id}")
        assert job["files"][0]["status"] == "stored"
    finally:
        restarted.state.jobs.close()


def test_a_worker_that_dies_fails_its_file_and_is_replaced(signed_in, sample, monkeypatch):
    monkeypatch.setenv("TAWTHIQ_FAKE_DELAY", "30")
    analyst = signed_in("analyst")
    response = analyst.post("/ingest", files=[("files", ("d.txt", b"In Delta 1 killed.",
                                                         "text/plain"))])
    job_id = response.headers["location"].rsplit("/", 1)[1]
    jobs = analyst.client.app.state.jobs
    for _ in range(100):
        if analyst.client.get(f"/api/ingest/{job_id}").json()["files"][0]["status"] == \
                "running":
            break
        time.sleep(0.1)
    jobs._worker.kill()  # as the kernel does to a process out of memory
    jobs._worker.join(5)
    job = wait_for(analyst.client, f"/api/ingest/{job_id}")
    assert job["files"][0]["status"] == "error"
    assert "ingest worker stopped" in job["files"][0]["message"]
    assert jobs._worker.is_alive()


def test_upload_without_files_is_refused(signed_in, sample):
    analyst = signed_in("analyst")
    response = analyst.post("/ingest", files=[("files", ("", b"", "text/plain"))])
    assert response.status_code in (400, 422)
