"""The served web app under load: signed-in clients on loopback, latency per endpoint.

Builds a throw-away TAWTHIQ_HOME with 10,000 synthetic incidents (``synthetic.py``), starts
``tawthiq serve`` on a free loopback port, signs in 50 viewers (one session each) and lets
every one of them ask for the incidents list (``/incidents``, with varying filters, sorts and
pages) or the map data (``/api/map``, all incidents or a filtered subset), one request after
another with ``--think`` seconds between, for 60 seconds. Then it checks that the server still
answers ``/login`` and that SIGTERM stops it.

Prints p50/p95/max per endpoint, errors (any answer but 200, or a refused connection) and hangs
(no answer within ``--hang-after`` seconds). The clients sign in with httpx, then each asks
over one keep-alive HTTP/1.1 connection of its own, read with httptools' C parser (the one
uvicorn uses): the clock runs from sending a request to the last byte of its answer, as
before, but the clients, which share the machine's cores with the server, take a fraction
of httpx's CPU per request (``--client httpx`` measures with httpx as before). Bounded: every
wait has a timeout and the server is killed if SIGTERM does not stop it. ``--baseline SRC``
first runs the same load against another checkout's ``src`` directory (e.g. ``git archive main
| tar -x -C /tmp/base``) and prints both side by side.

    .venv/bin/python benchmarks/bench_load.py [--clients 50] [--duration 60] [--think 0]
        [--incidents 10000] [--baseline /tmp/base/src] [--client keepalive|httpx]
        [--workers 1]

Targets (issue #13): 0 errors, 0 hangs, /incidents p95 <= 300 ms, /api/map p95 <= 500 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import functools
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httptools
import httpx

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
PASSWORD = "bench-load-password"
CSRF = re.compile(r'name="csrf-token" content="([^"]+)"')
TARGETS_MS = {"/incidents": 300, "/api/map": 500}
GOVERNORATES = ["Aleppo", "Idlib", "Hama", "Homs", "Damascus", "Daraa", "Raqqa"]
LIST_VARIANTS = ["", "sort=fatalities&order=desc", "admin1={gov}", "page={page}",
                 "admin1={gov}&date_from=2014-01-01&date_to=2020-12-31&fatalities_min=1",
                 "q=bakery", "perpetrator=Islamic&means=gunfire", "sort=place&order=asc"]
MAP_VARIANTS = ["", "", "admin1={gov}", "date_from=2015-01-01&date_to=2016-12-31"]


@dataclass
class Stats:
    """What the clients saw, per endpoint."""

    times: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    hangs: dict[str, int] = field(default_factory=dict)
    error_kinds: dict[str, int] = field(default_factory=dict)
    signed_in: int = 0
    after_load: dict[str, str] = field(default_factory=dict)
    server_cpu: float = 0.0  # CPU seconds the server used during the load
    client_cpu: float = 0.0  # and this process, the clients
    load_average: tuple[float, float, float] = (0.0, 0.0, 0.0)  # the machine's, at the end

    def record(self, endpoint: str, seconds: float | None, problem: str | None) -> None:
        self.times.setdefault(endpoint, [])
        self.errors.setdefault(endpoint, 0)
        self.hangs.setdefault(endpoint, 0)
        if problem == "hang":
            self.hangs[endpoint] += 1
        elif problem:
            self.errors[endpoint] += 1
            self.error_kinds[problem] = self.error_kinds.get(problem, 0) + 1
        else:
            self.times[endpoint].append(seconds * 1000)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of process ``pid`` and its live children, theirs included
    (server worker processes, the ingest worker) (Linux /proc)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:  # gone meanwhile
        return 0.0
    own = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return own + sum(cpu_seconds(int(child)) for child in children)


def own_cpu_seconds() -> float:
    times = os.times()
    return times.user + times.system


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def environment(home: Path, src: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TAWTHIQ_")}
    env.update(TAWTHIQ_HOME=str(home), PYTHONPATH=str(src), TAWTHIQ_WORLD_GAZETTEER="off")
    return env


def prepare_home(home: Path, src: Path, incidents: int, users: int) -> None:
    """Synthetic incidents and ``users`` viewer accounts, written by ``src``'s own code."""
    subprocess.run([sys.executable, __file__, "--generate", str(home), "--incidents",
                    str(incidents), "--clients", str(users)], env=environment(home, src),
                   check=True, timeout=600)


def generate(home: Path, incidents: int, users: int) -> None:
    """Run by ``prepare_home`` in a process importing the checkout under test."""
    sys.path.insert(0, str(HERE))
    from synthetic import generate as incidents_into

    from tawthiq.settings import Settings
    from tawthiq.store.db import session_scope
    try:
        from tawthiq.review.users import add_user_in
    except ImportError:  # a checkout from before the review/ package
        from tawthiq.web.users import add_user_in

    url = Settings(home=home).db_url
    incidents_into(url, incidents)
    with session_scope(url) as session:
        for i in range(users):
            add_user_in(session, f"viewer{i}", "viewer", PASSWORD)
    try:  # what ingest does after storing reports: the viewers' search index
        from tawthiq.store.redacted import refresh_viewer_search
    except ImportError:  # a checkout without one
        return
    with session_scope(url) as session:
        refresh_viewer_search(session)


def start_server(home: Path, src: Path, port: int, workers: int = 1) -> subprocess.Popen:
    log = (home / "server.log").open("wb")
    more = ["--workers", str(workers)] if workers > 1 else []  # older checkouts have no option
    return subprocess.Popen([sys.executable, "-m", "tawthiq.cli", "serve", "--port", str(port),
                             *more], env=environment(home, src), stdout=log,
                            stderr=subprocess.STDOUT)


def wait_until_up(base: str, server: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"server exited with status {server.returncode} before answering")
        try:
            if httpx.get(base + "/login", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"server did not answer /login within {timeout:.0f} s")


async def sign_in(base: str, username: str) -> httpx.Cookies | None:
    """The session cookie of ``username``, signed in on a connection of its own (so that the
    client's connection is fresh when the load begins, not closed by the server meanwhile for
    being idle)."""
    async with httpx.AsyncClient(base_url=base, timeout=30) as http:
        page = await http.get("/login")
        token = CSRF.search(page.text)
        if token is None:
            return None
        answer = await http.post("/login", data={"username": username, "password": PASSWORD,
                                                 "csrf_token": token.group(1)})
        return http.cookies if answer.status_code == 303 else None


def pick_request(rng: random.Random) -> tuple[str, str]:
    endpoint = rng.choice(("/incidents", "/api/map"))
    variants = LIST_VARIANTS if endpoint == "/incidents" else MAP_VARIANTS
    query = rng.choice(variants).format(gov=rng.choice(GOVERNORATES), page=rng.randint(2, 150))
    return endpoint, endpoint + (f"?{query}" if query else "")


class Answer:
    """httptools' callbacks for one answer: done when its last byte has been read."""

    def __init__(self) -> None:
        self.complete = False

    def on_message_complete(self) -> None:
        self.complete = True


class KeepAlive:
    """One client's keep-alive HTTP/1.1 connection, one request at a time, every answer read
    whole (as sent: gzip is asked for as httpx and browsers do, and not unzipped - a browser
    has its own CPU for that). A connection the server closed while idle is opened again
    before the next request (as httpx does); any failure during a request is the caller's."""

    def __init__(self, host: str, port: int, cookie: str, timeout: float) -> None:
        self.host, self.port, self.timeout = host, port, timeout
        self.head = (f"Host: {host}:{port}\r\nAccept: */*\r\nAccept-Encoding: gzip, deflate"
                     f"\r\nConnection: keep-alive\r\nCookie: {cookie}\r\n\r\n").encode()
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, url: str) -> int:
        """The status of ``url``'s answer, read to its end."""
        if self.reader is None or self.reader.at_eof():
            await self.close()
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        answer = Answer()
        parser = httptools.HttpResponseParser(answer)
        self.writer.write(f"GET {url} HTTP/1.1\r\n".encode() + self.head)
        while not answer.complete:
            data = await self.reader.read(65536)
            if not data:
                raise ConnectionResetError("the server closed the connection mid-answer")
            parser.feed_data(data)
        if not parser.should_keep_alive():
            await self.close()
        return parser.get_status_code()

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(OSError):
                await self.writer.wait_closed()
        self.reader = self.writer = None


async def fetch_keepalive(connection: KeepAlive, url: str) -> str | None:
    """None for a 200, else what went wrong ("hang" for no whole answer in time)."""
    try:
        async with asyncio.timeout(connection.timeout):
            status = await connection.get(url)
    except TimeoutError:
        await connection.close()  # mid-answer: the connection cannot be reused
        return "hang"
    except (OSError, httptools.HttpParserError) as error:
        await connection.close()
        return type(error).__name__
    return None if status == 200 else f"HTTP {status}"


async def fetch_httpx(http: httpx.AsyncClient, url: str) -> str | None:
    try:
        async with http.stream("GET", url) as answer:
            async for _chunk in answer.aiter_raw():  # as sent, not unzipped
                pass
    except httpx.TimeoutException:
        return "hang"
    except httpx.HTTPError as error:
        return type(error).__name__
    return None if answer.status_code == 200 else f"HTTP {answer.status_code}"


async def one_client(fetch, rng: random.Random, deadline: float, think: float,
                     stats: Stats) -> None:
    """Ask, one request after another, until ``deadline``; ``fetch(url)`` says what went
    wrong, if anything."""
    while time.monotonic() < deadline:
        endpoint, url = pick_request(rng)
        began = time.perf_counter()
        problem = await fetch(url)
        stats.record(endpoint, time.perf_counter() - began, problem)
        if problem and problem != "hang":
            await asyncio.sleep(0.5)  # a refused connection must not spin
        if think:
            await asyncio.sleep(rng.uniform(0, 2 * think))


def fetchers(base: str, cookies: list[httpx.Cookies], hang_after: float,
             client: str) -> tuple[list, list]:
    """One ``fetch(url)`` per signed-in client, and what to close afterwards."""
    if client == "httpx":
        limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
        https = [httpx.AsyncClient(base_url=base, timeout=hang_after, limits=limits, cookies=c)
                 for c in cookies]
        return [functools.partial(fetch_httpx, http) for http in https], \
            [http.aclose for http in https]
    host, port = base.removeprefix("http://").rsplit(":", 1)
    connections = [KeepAlive(host, int(port), "; ".join(f"{k}={v}" for k, v in c.items()),
                             hang_after) for c in cookies]
    return [functools.partial(fetch_keepalive, c) for c in connections], \
        [c.close for c in connections]


async def load(base: str, server_pid: int, clients: int, duration: float, think: float,
               hang_after: float, seed: int, client: str = "keepalive") -> Stats:
    stats = Stats()
    cookies = []
    for i in range(clients):  # one after another: the load is what is measured
        with contextlib.suppress(httpx.HTTPError):
            cookies.append(await sign_in(base, f"viewer{i}"))
    cookies = [c for c in cookies if c is not None]
    stats.signed_in = len(cookies)
    fetches, closers = fetchers(base, cookies, hang_after, client)
    try:
        print(f"{stats.signed_in} clients signed in; load for {duration:.0f} s", flush=True)
        deadline = time.monotonic() + duration
        server_before, client_before = cpu_seconds(server_pid), own_cpu_seconds()
        await asyncio.gather(*(one_client(fetch, random.Random(seed + i), deadline, think,
                                          stats) for i, fetch in enumerate(fetches)))
        stats.server_cpu = cpu_seconds(server_pid) - server_before
        stats.client_cpu = own_cpu_seconds() - client_before
        stats.load_average = os.getloadavg()
    finally:
        await asyncio.gather(*(close() for close in closers))
    return stats


def after_load(base: str, server: subprocess.Popen, stats: Stats) -> None:
    """Does /login still answer, and does SIGTERM stop the server?"""
    began = time.perf_counter()
    try:
        status = httpx.get(base + "/login", timeout=5).status_code
        stats.after_load["/login"] = f"{status} in {(time.perf_counter() - began) * 1000:.0f} ms"
    except httpx.HTTPError as error:
        stats.after_load["/login"] = f"no answer ({type(error).__name__})"
    began = time.perf_counter()
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=15)
        stats.after_load["SIGTERM"] = f"stopped in {time.perf_counter() - began:.1f} s"
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=15)
        stats.after_load["SIGTERM"] = "still running after 15 s (killed)"


def run(label: str, src: Path, args: argparse.Namespace) -> Stats:
    with tempfile.TemporaryDirectory(prefix="bench-load-") as tmp:
        home = args.keep or Path(tmp)
        if not (home / "tawthiq.db").exists():
            print(f"[{label}] {src}: writing {args.incidents:,} incidents and {args.clients} "
                  "users", flush=True)
            home.mkdir(parents=True, exist_ok=True)
            prepare_home(home, src, args.incidents, args.clients)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = start_server(home, src, port, args.workers)
        try:
            wait_until_up(base, server)
            print(f"[{label}] signing in {args.clients} clients", flush=True)
            stats = asyncio.run(load(base, server.pid, args.clients, args.duration, args.think,
                                     args.hang_after, args.seed, args.client))
            after_load(base, server, stats)
        finally:
            if server.poll() is None:
                server.kill()
                server.wait(timeout=15)
        if args.show_log:
            print((home / "server.log").read_text(errors="replace")[-3000:])
        return stats


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(share * 100) - 1]


def report(label: str, stats: Stats, duration: float) -> dict[str, tuple[float, float, float]]:
    print(f"\n{label}: {stats.signed_in} clients signed in")
    print(f"{'endpoint':12} {'answers':>8} {'per s':>7} {'p50 ms':>8} {'p95 ms':>8} "
          f"{'max ms':>8} {'errors':>7} {'hangs':>6}  target p95")
    figures = {}
    for endpoint in sorted(stats.times):
        times = stats.times[endpoint]
        p50, p95 = percentile(times, 0.50), percentile(times, 0.95)
        top = max(times) if times else float("nan")
        target = TARGETS_MS.get(endpoint)
        verdict = "" if target is None else (f"<= {target}: " + ("met" if p95 <= target
                                                                  else "not met"))
        print(f"{endpoint:12} {len(times):8d} {len(times) / duration:7.1f} {p50:8.0f} "
              f"{p95:8.0f} {top:8.0f} {stats.errors[endpoint]:7d} {stats.hangs[endpoint]:6d}"
              f"  {verdict}")
        figures[endpoint] = (p50, p95, top)
    answers = sum(len(t) for t in stats.times.values()) or 1
    print(f"server CPU {stats.server_cpu:.1f} s ({stats.server_cpu / answers * 1000:.1f} ms per "
          f"answer), clients' CPU {stats.client_cpu:.1f} s, machine load average at the end "
          f"{stats.load_average[0]:.1f} on {os.cpu_count()} cores")
    if stats.error_kinds:
        print("errors: " + ", ".join(f"{k} x{n}" for k, n in sorted(stats.error_kinds.items())))
    for check, outcome in stats.after_load.items():
        print(f"after the load, {check}: {outcome}")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load")
    parser.add_argument("--think", type=float, default=0.0,
                        help="mean seconds a client waits between requests (0: none)")
    parser.add_argument("--incidents", type=int, default=10_000)
    parser.add_argument("--hang-after", type=float, default=10.0,
                        help="seconds without an answer that count as a hang")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--workers", type=int, default=1,
                        help="server processes (tawthiq serve --workers)")
    parser.add_argument("--client", choices=("keepalive", "httpx"), default="keepalive",
                        help="the clients' HTTP code: light asyncio + httptools, or httpx")
    parser.add_argument("--baseline", type=Path, help="another checkout's src/ to run first")
    parser.add_argument("--show-log", action="store_true", help="print each server log's tail")
    parser.add_argument("--keep", type=Path, help="serve this home (made if missing) and keep it")
    parser.add_argument("--generate", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate:
        generate(args.generate, args.incidents, args.clients)
        return
    runs = ([("baseline", args.baseline.resolve())] if args.baseline else []) + [("this", SRC)]
    results = {label: run(label, src, args) for label, src in runs}
    figures = {label: report(label, stats, args.duration) for label, stats in results.items()}
    if args.baseline:
        print("\np95 ratio, baseline / this:")
        for endpoint, (_p50, p95, _top) in figures["this"].items():
            before = figures["baseline"].get(endpoint, (0, float("nan"), 0))[1]
            print(f"  {endpoint:12} {before:8.0f} ms / {p95:6.0f} ms = {before / p95:6.1f}x")


if __name__ == "__main__":
    main()
