"""Smaller defects found trying the app as an attacker would (issue #13 item 7), each with the
test that failed before its fix."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update

from tawthiq.errors import BadInput
from tawthiq.review.users import add_user
from tawthiq.store.db import session_scope
from tawthiq.store.tables import DocumentRow, EventPerpetratorRow


def counting_body_reads(app) -> list[int]:
    """Wrap the app so that the bytes of request body it reads are counted."""
    inner = app.middleware_stack or app.build_middleware_stack()
    read: list[int] = [0]

    async def counted(scope, receive, send):
        async def receive_counted():
            message = await receive()
            read[0] += len(message.get("body", b""))
            return message
        await inner(scope, receive_counted, send)

    app.middleware_stack = counted
    return read


def test_an_anonymous_upload_is_refused_before_its_body_is_read(app, sample):
    read = counting_body_reads(app)
    big = b"x" * (20 * 1024 * 1024)
    boundary = "tawthiqboundary"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; "
            f"filename=\"big.txt\"\r\nContent-Type: text/plain\r\n\r\n").encode() + big + \
        f"\r\n--{boundary}--\r\n".encode()

    def chunks():
        for start in range(0, len(body), 64 * 1024):
            yield body[start:start + 64 * 1024]

    client = TestClient(app)
    for url in ("/ingest", "/api/ingest"):
        read[0] = 0
        answer = client.post(url, content=chunks(), headers={
            "content-type": f"multipart/form-data; boundary={boundary}",
            "content-length": str(len(body))})
        assert answer.status_code == 401
        assert read[0] < 1024 * 1024, f"{url} read {read[0]:,} bytes before refusing"


def test_an_upload_larger_than_the_limit_is_refused_at_once(signed_in, sample):
    analyst = signed_in("analyst")
    answer = analyst.client.post("/ingest", content=b"", headers={
        "content-type": "multipart/form-data; boundary=x",
        "content-length": str(400 * 1024 * 1024), "x-csrf-token": analyst.csrf})
    assert answer.status_code == 413


def test_a_file_too_large_is_named_once(tmp_path):
    from tawthiq.web.ingest_jobs import MAX_UPLOAD_BYTES, check_size

    with pytest.raises(BadInput) as refused:
        check_size(b"x" * (MAX_UPLOAD_BYTES + 1), "report.txt")
    assert refused.value.one_line() == "report.txt: larger than 50 MiB"


def test_a_javascript_source_url_is_not_a_link(signed_in, sample):
    with session_scope() as session:
        session.execute(update(DocumentRow).where(DocumentRow.id == sample.market_document)
                        .values(url="javascript:alert(document.cookie)"))
    page = signed_in("analyst").client.get(f"/documents/{sample.market_document}").text
    assert 'href="javascript:' not in page
    assert "javascript:alert(document.cookie)" in page  # still shown, as text


def test_an_admin_cannot_disable_their_own_account_through_the_api(signed_in, sample):
    admin = signed_in("admin")
    answer = admin.json("POST", "/api/users/admin/disable")
    assert answer.status_code == 400
    assert admin.client.get("/api/me").status_code == 200


def test_user_names_differing_only_in_case_are_one_name(web_home):
    add_user("Rana", "viewer", "a-long-enough-password")
    with pytest.raises(BadInput, match="already exists"):
        add_user("rana", "admin", "a-long-enough-password")


def test_percent_and_underscore_match_themselves_in_the_perpetrator_filter(signed_in, sample):
    viewer = signed_in("viewer")
    for wildcard in ("%", "_", "Syrian_Arab"):
        answer = viewer.client.get("/api/incidents", params={"perpetrator": wildcard})
        assert answer.json()["total"] == 0, wildcard
    with session_scope() as session:
        session.execute(update(EventPerpetratorRow).where(
            EventPerpetratorRow.event_id == sample.checkpoint_event).values(name="Group 100%"))
    assert viewer.client.get("/api/incidents", params={"perpetrator": "100%"}).json()[
        "total"] == 1
