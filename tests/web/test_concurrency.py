"""The server under concurrent signed-in requests (issue #13 item 1): no database work on the
event loop, a bounded connection pool that answers 503 rather than hanging, and a server that
still answers and stops on SIGTERM afterwards."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from sqlalchemy import event
from tests.web.conftest import csrf_of
from tests.web.sample import PASSWORDS

from tawthiq.settings import Settings
from tawthiq.store.db import get_engine


def on_event_loop() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


def test_no_query_runs_on_the_event_loop(app, web_home: Path, signed_in, sample):
    """Every request that touches the store does so from a worker thread: a query on the
    event loop blocks every other request while it waits for a connection."""
    on_loop: list[str] = []

    def record(_conn, _cursor, statement, *_args):
        if on_event_loop():
            on_loop.append(statement.split("\n")[0][:80])

    engine = get_engine(Settings(home=web_home).db_url)
    event.listen(engine, "before_cursor_execute", record)
    try:
        viewer = signed_in("viewer")
        viewer.client.get("/incidents")
        viewer.client.get("/api/map")
        viewer.post("/logout")
        analyst = signed_in("analyst")
        analyst.json("POST", f"/api/incidents/{sample.market_incident}/status",
                     {"status": "accepted"})
        analyst.client.get("/api/me", headers={"Authorization": "Bearer tq_wrong"})
        analyst.client.post("/login", data={"username": "analyst", "password": "wrong-password",
                                            "csrf_token": analyst.csrf})
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert on_loop == []


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def served(sample, web_home: Path, request):
    """``tawthiq serve`` in its own process over the sample store, with a pool of two
    connections and a one-second wait for one; ``--workers`` from an indirect parameter
    (default 1)."""
    workers = getattr(request, "param", 1)
    env = {k: v for k, v in os.environ.items() if not k.startswith("TAWTHIQ_")}
    env.update(TAWTHIQ_HOME=str(web_home), TAWTHIQ_WORLD_GAZETTEER="off",
               TAWTHIQ_DB_POOL_SIZE="2", TAWTHIQ_DB_POOL_TIMEOUT="1")
    port = free_port()
    log = (web_home / "server.log").open("wb")
    server = subprocess.Popen([sys.executable, "-m", "tawthiq.cli", "serve", "--port", str(port),
                               "--workers", str(workers)],
                              env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(base + "/login", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            pytest.fail("server did not start: " + (web_home / "server.log").read_text())
        yield base, server
    finally:
        if server.poll() is None:
            server.kill()
        server.wait(timeout=10)
        log.close()


def sign_in(base: str) -> httpx.Client:
    client = httpx.Client(base_url=base, timeout=20)
    csrf = csrf_of(client.get("/login").text)
    answer = client.post("/login", data={"username": "viewer", "password": PASSWORDS["viewer"],
                                         "csrf_token": csrf})
    assert answer.status_code == 303, answer.text
    return client


@pytest.mark.slow
@pytest.mark.parametrize("served", [1, 2], indirect=True, ids=["1-process", "2-processes"])
def test_forty_concurrent_requests_are_answered_and_sigterm_stops_the_server(served):
    base, server = served
    client = sign_in(base)
    cookies = dict(client.cookies)

    def ask(i: int) -> int | str:
        url = "/incidents" if i % 2 else "/api/map"
        try:
            return httpx.get(base + url, cookies=cookies, timeout=20).status_code
        except httpx.TimeoutException:
            return "hang"

    began = time.monotonic()
    with ThreadPoolExecutor(40) as pool:
        statuses = list(pool.map(ask, range(40)))
    assert "hang" not in statuses
    assert set(statuses) <= {200, 503}, statuses
    assert statuses.count(200) >= 2, statuses
    assert time.monotonic() - began < 20
    assert httpx.get(base + "/login", timeout=5).status_code == 200
    assert client.get("/incidents").status_code == 200
    server.send_signal(signal.SIGTERM)
    # uvicorn shuts down, then re-raises the signal: -SIGTERM is its clean stop
    assert server.wait(timeout=10) in (0, -signal.SIGTERM)


def test_a_request_that_cannot_get_a_connection_gets_503(sample, web_home: Path, signed_in,
                                                        monkeypatch):
    """The pool's wait is bounded: when no connection comes within the timeout the request is
    answered 503 with Retry-After, never left waiting."""
    from fastapi.testclient import TestClient

    from tawthiq.store import db
    from tawthiq.web.app import create_app

    settings = Settings(home=web_home, db_pool_size=1, db_pool_timeout=0.2)
    monkeypatch.setattr(db, "BACKGROUND_CONNECTIONS", 0)
    db.get_engine.cache_clear()
    monkeypatch.setattr(db, "get_settings", lambda: settings)
    client = TestClient(create_app(settings))
    engine = get_engine(settings.db_url)
    held = engine.connect()  # the pool's only connection
    try:
        began = time.monotonic()
        answer = client.get("/api/me", headers={"Authorization": "Bearer tq_anything"})
        assert time.monotonic() - began < 5
    finally:
        held.close()
        db.get_engine.cache_clear()
    assert answer.status_code == 503, answer.text
    assert answer.headers["retry-after"]
    assert answer.json()["error"] == "busy"


def test_a_request_that_waits_too_long_for_a_store_place_gets_503(app, signed_in):
    import anyio

    viewer = signed_in("viewer")
    app.state.settings = app.state.settings.model_copy(update={"db_pool_timeout": 0.2})
    app.state.db_slots = anyio.Semaphore(0)  # every place taken
    began = time.monotonic()
    answer = viewer.client.get("/incidents")
    assert time.monotonic() - began < 5
    assert answer.status_code == 503
    assert "busy" in answer.text
    assert answer.headers["retry-after"]


def test_pool_is_sized_deliberately(web_home: Path):
    from tawthiq.store import db

    db.get_engine.cache_clear()
    try:
        settings = Settings(home=web_home)
        engine = db.make_engine(settings.db_url, settings)
        assert engine.pool.size() == settings.db_pool_size + db.BACKGROUND_CONNECTIONS
        assert engine.pool._max_overflow == 0
        assert engine.pool._timeout == settings.db_pool_timeout
    finally:
        db.get_engine.cache_clear()



def test_the_transaction_is_committed_before_the_answer_is_sent(app, signed_in, sample):
    """A redirect after a review action must not reach the browser before the change is
    committed: the browser would load the page before the change (or never see it, if the
    commit then failed)."""
    from sqlalchemy.orm import Session

    order: list[str] = []
    inner = app.middleware_stack or app.build_middleware_stack()

    async def recording(scope, receive, send):
        async def send_recorded(message):
            if message["type"] == "http.response.start":
                order.append("answer")
            await send(message)
        await inner(scope, receive, send_recorded)

    analyst = signed_in("analyst")
    app.middleware_stack = recording

    def committed(_session):
        order.append("commit")

    event.listen(Session, "after_commit", committed)
    try:
        answer = analyst.post(f"/events/{sample.checkpoint_event}/edit",
                              {"field": "summary", "value": "Two men shot at a checkpoint."})
    finally:
        event.remove(Session, "after_commit", committed)
    assert answer.status_code == 303
    assert order == ["commit", "answer"]


@pytest.mark.slow
@pytest.mark.parametrize("served", [2], indirect=True, ids=["2-processes"])
def test_signing_out_in_one_process_ends_the_session_in_every_process(served):
    """Each process remembers the sessions it has checked (``review.sessions.checked``): a
    sign-out answered by one must end the session in the others at once. Every request
    below comes on a new connection, which either process may take."""
    base, server = served
    client = sign_in(base)
    cookies = dict(client.cookies)
    for _ in range(12):  # now remembered by both processes, almost surely
        assert httpx.get(base + "/api/me", cookies=cookies, timeout=20).status_code == 200
    page = client.get("/incidents")
    assert client.post("/logout", data={"csrf_token": csrf_of(page.text)}).status_code == 303
    statuses = {httpx.get(base + "/api/me", cookies=cookies, timeout=20).status_code
                for _ in range(12)}
    assert statuses == {401}
    server.send_signal(signal.SIGTERM)
    assert server.wait(timeout=10) in (0, -signal.SIGTERM)
