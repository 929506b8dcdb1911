"""Found by QA while using the web application as its users would."""

from __future__ import annotations

import re
import time
from pathlib import Path

from sqlalchemy import select

from tawthiq import api
from tawthiq.errors import BadInput
from tawthiq.model import IngestOutcome
from tawthiq.store.db import session_scope
from tawthiq.store.tables import DocumentRow
from tawthiq.web.ingest_jobs import FileProgress, ingest_one


def test_upload_errors_name_the_users_file_not_the_server_folder(monkeypatch, tmp_path):
    saved = tmp_path / "uploads" / "20260101-000000-abcd" / "report.txt"

    def refuse(paths, **_kwargs):
        raise BadInput("not valid UTF-8 at byte 10 (0xff)", path=str(paths[0]), line=1)

    monkeypatch.setattr(api, "ingest", refuse)
    progress = FileProgress("report.txt")
    ingest_one(progress, saved, "analyst")
    assert progress.status == "error"
    assert progress.message == "report.txt:1: not valid UTF-8 at byte 10 (0xff)"


def test_line_errors_of_a_partly_stored_file_name_the_users_file(monkeypatch, tmp_path):
    saved = tmp_path / "uploads" / "x" / "batch.jsonl"

    def partly(paths, **_kwargs):
        return [IngestOutcome(path=str(paths[0]), status="stored", document_id=3, events=1),
                IngestOutcome(path=str(paths[0]), status="error",
                              message=f"{paths[0]}:2: not valid JSON")]

    monkeypatch.setattr(api, "ingest", partly)
    progress = FileProgress("batch.jsonl")
    ingest_one(progress, saved, "analyst")
    assert progress.status == "stored" and progress.message == "batch.jsonl:2: not valid JSON"
    assert str(Path("uploads")) not in progress.message


def test_short_password_is_refused_with_a_way_back_to_the_form(signed_in, sample):
    admin = signed_in("admin")
    page = admin.client.get("/users").text
    assert 'minlength="12"' in page
    response = admin.post("/users", {"username": "newbie", "role": "viewer",
                                     "password": "short"},
                          headers={"referer": "http://testserver/users"})
    assert response.status_code == 400
    assert "at least 12 characters" in response.text
    assert '<a href="/users">Back to the form</a>' in response.text


def test_back_link_never_points_off_site(signed_in, sample):
    admin = signed_in("admin")
    response = admin.post("/users", {"username": "newbie", "role": "viewer",
                                     "password": "short"},
                          headers={"referer": "https://elsewhere.example/users"})
    assert response.status_code == 400 and "Back to the form" not in response.text


def test_reversed_date_range_is_pointed_out(signed_in, sample):
    viewer = signed_in("viewer")
    page = viewer.client.get("/incidents?date_from=2025-01-01&date_to=2024-01-01").text
    assert "No incident matches" in page and "is after" in page


def test_upload_form_options_reach_ingest(signed_in, sample, monkeypatch):
    monkeypatch.setenv("TAWTHIQ_EXTRACTOR", "support.fake_extractor:make")  # for the worker
    analyst = signed_in("analyst")
    assert 'name="csv_map"' in analyst.client.get("/ingest").text
    response = analyst.post("/ingest", {"published": "2024-06-04", "source": "Sample Wire",
                                        "csv_map": "text=body,date=reported_on"},
                            files=[("files", ("t.csv", b"body,reported_on\nx,\n",
                                              "text/csv"))])
    assert response.status_code == 303
    job_id = response.headers["location"].rsplit("/", 1)[1]
    for _ in range(600):
        if analyst.client.get(f"/api/ingest/{job_id}").json()["done"]:
            break
        time.sleep(0.1)
    with session_scope() as session:
        document = session.scalar(select(DocumentRow).where(DocumentRow.text == "x"))
    assert document.published.isoformat() == "2024-06-04" and document.source == "Sample Wire"
    assert document.ingested_by == "analyst"


def test_bad_upload_option_is_refused_before_anything_is_stored(signed_in, sample, web_home):
    analyst = signed_in("analyst")
    response = analyst.post("/ingest", {"published": "last tuesday"},
                            files=[("files", ("r.txt", b"A report.", "text/plain"))])
    assert response.status_code == 400 and "published" in response.text
    assert not (web_home / "uploads").exists() or not any((web_home / "uploads").rglob("*.txt"))


def test_wrong_password_keeps_the_username_and_focuses_the_password(app, sample):
    from tests.web.conftest import Browserish

    client = Browserish(app)
    response = client.login("viewer", "not-the-password")
    assert response.status_code == 401
    assert 'value="viewer"' in response.text
    assert re.search(r'id="password"[^>]*autofocus', response.text)
