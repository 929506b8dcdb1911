"""The ingest page saves uploads and reports progress and errors per file."""

from __future__ import annotations

import time

from tawthiq import api
from tawthiq.errors import BadInput
from tawthiq.model import IngestOutcome


def fake_ingest(paths, **_kwargs):
    path = paths[0]
    if path.name.endswith(".bin"):
        raise BadInput("unsupported file type", path=path.name)
    if "dup" in path.name:
        return [IngestOutcome(path=str(path), status="duplicate")]
    return [IngestOutcome(path=str(path), status="stored", document_id=1, events=2)]


def wait_for(client, url: str) -> dict:
    for _ in range(100):
        job = client.get(url).json()
        if job["done"]:
            return job
        time.sleep(0.05)
    raise AssertionError("ingest job did not finish")


def test_upload_progress_and_errors_per_file(signed_in, sample, monkeypatch, web_home):
    monkeypatch.setattr(api, "ingest", fake_ingest)
    analyst = signed_in("analyst")
    files = [("files", ("a.txt", b"One report.", "text/plain")),
             ("files", ("../../evil.bin", b"\x00\x01", "application/octet-stream")),
             ("files", ("dup.txt", b"Again.", "text/plain"))]
    response = analyst.post("/ingest", files=files)
    assert response.status_code == 303
    job_id = response.headers["location"].rsplit("/", 1)[1]
    job = wait_for(analyst.client, f"/api/ingest/{job_id}")
    statuses = {f["name"]: (f["status"], f["message"]) for f in job["files"]}
    assert statuses["a.txt"] == ("stored", None)
    assert statuses["../../evil.bin"][0] == "error" and "unsupported" in statuses[
        "../../evil.bin"][1]
    assert statuses["dup.txt"][0] == "duplicate"
    saved = sorted(p.name for p in (web_home / "uploads").rglob("*") if p.is_file())
    assert saved == ["a.txt", "dup.txt", "evil.bin"]
    page = analyst.client.get(f"/ingest/jobs/{job_id}").text
    assert "3 of 3" in page and "unsupported file type" in page


def test_upload_without_files_is_refused(signed_in, sample):
    analyst = signed_in("analyst")
    response = analyst.post("/ingest", files=[("files", ("", b"", "text/plain"))])
    assert response.status_code in (400, 422)
