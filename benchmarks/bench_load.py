"""The served web app under load: signed-in clients on loopback, latency per endpoint.

Builds a throw-away TAWTHIQ_HOME with 10,000 synthetic incidents (``synthetic.py``), starts
``tawthiq serve`` on a free loopback port, signs in 50 viewers (one session each) and lets
every one of them ask for the incidents list (``/incidents``, with varying filters, sorts and
pages) or the map data (``/api/map``, all incidents or a filtered subset), one request after
another with ``--think`` seconds between, for 60 seconds. Then it checks that the server still
answers ``/login`` and that SIGTERM stops it.

Prints p50/p95/max per endpoint, errors (any answer but 200, or a refused connection) and hangs
(no answer within ``--hang-after`` seconds). Bounded: every wait has a timeout and the server is
killed if SIGTERM does not stop it. ``--baseline SRC`` first runs the same load against another
checkout's ``src`` directory (e.g. ``git archive main | tar -x -C /tmp/base``) and prints both
side by side.

    .venv/bin/python benchmarks/bench_load.py [--clients 50] [--duration 60] [--think 0]
        [--incidents 10000] [--baseline /tmp/base/src]

Targets (issue #13): 0 errors, 0 hangs, /incidents p95 <= 300 ms, /api/map p95 <= 500 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
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
    env = environment(home, src)
    subprocess.run([sys.executable, __file__, "--generate", str(home),
                    "--incidents", str(incidents)], env=env, check=True, timeout=600)
    for i in range(users):
        subprocess.run([sys.executable, "-m", "tawthiq.cli", "users", "add", f"viewer{i}",
                        "--role", "viewer"], input=f"{PASSWORD}\n{PASSWORD}\n", text=True,
                       env=env, check=True, timeout=120, stdout=subprocess.DEVNULL)


def start_server(home: Path, src: Path, port: int) -> subprocess.Popen:
    log = (home / "server.log").open("wb")
    return subprocess.Popen([sys.executable, "-m", "tawthiq.cli", "serve", "--port", str(port)],
                            env=environment(home, src), stdout=log, stderr=subprocess.STDOUT)


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


async def sign_in(http: httpx.AsyncClient, username: str) -> bool:
    page = await http.get("/login")
    token = CSRF.search(page.text)
    if token is None:
        return False
    answer = await http.post("/login", data={"username": username, "password": PASSWORD,
                                             "csrf_token": token.group(1), "next": "/incidents"})
    return answer.status_code == 303


def pick_request(rng: random.Random) -> tuple[str, str]:
    endpoint = rng.choice(("/incidents", "/api/map"))
    variants = LIST_VARIANTS if endpoint == "/incidents" else MAP_VARIANTS
    query = rng.choice(variants).format(gov=rng.choice(GOVERNORATES), page=rng.randint(2, 150))
    return endpoint, endpoint + (f"?{query}" if query else "")


async def one_client(http: httpx.AsyncClient, rng: random.Random, deadline: float,
                     think: float, stats: Stats) -> None:
    while time.monotonic() < deadline:
        endpoint, url = pick_request(rng)
        began = time.perf_counter()
        try:
            answer = await http.get(url)
            await answer.aread()
            problem = None if answer.status_code == 200 else f"HTTP {answer.status_code}"
        except httpx.TimeoutException:
            problem = "hang"
        except httpx.HTTPError as error:
            problem = type(error).__name__
        stats.record(endpoint, time.perf_counter() - began, problem)
        if problem and problem != "hang":
            await asyncio.sleep(0.5)  # a refused connection must not spin
        if think:
            await asyncio.sleep(rng.uniform(0, 2 * think))


async def load(base: str, clients: int, duration: float, think: float, hang_after: float,
               seed: int) -> Stats:
    stats = Stats()
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    https = [httpx.AsyncClient(base_url=base, timeout=hang_after, limits=limits)
             for _ in range(clients)]
    try:
        for i, http in enumerate(https):  # one after another: the load is what is measured
            with contextlib.suppress(httpx.HTTPError):
                stats.signed_in += await sign_in(http, f"viewer{i}")
        deadline = time.monotonic() + duration
        await asyncio.gather(*(one_client(http, random.Random(seed + i), deadline, think, stats)
                               for i, http in enumerate(https)))
    finally:
        await asyncio.gather(*(http.aclose() for http in https))
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
        home = Path(tmp)
        print(f"[{label}] {src}: writing {args.incidents:,} incidents and {args.clients} users",
              flush=True)
        prepare_home(home, src, args.incidents, args.clients)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = start_server(home, src, port)
        try:
            wait_until_up(base, server)
            print(f"[{label}] {args.clients} clients for {args.duration:.0f} s", flush=True)
            stats = asyncio.run(load(base, args.clients, args.duration, args.think,
                                     args.hang_after, args.seed))
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
    parser.add_argument("--baseline", type=Path, help="another checkout's src/ to run first")
    parser.add_argument("--show-log", action="store_true", help="print each server log's tail")
    parser.add_argument("--generate", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate:
        sys.path.insert(0, str(HERE))
        from synthetic import generate

        from tawthiq.settings import Settings

        generate(Settings(home=args.generate).db_url, args.incidents)
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
