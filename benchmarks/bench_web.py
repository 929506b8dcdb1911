"""Server time of the web app's heaviest reads over 10,000 synthetic incidents.

Builds a throw-away TAWTHIQ_HOME with generated rows (places in 14 governorates, one report
and one event per incident, perpetrators, a few witnesses), then asks the app in-process and
prints the median of the server's own timing (the ``Server-Timing`` header) per request.
Target: <= 200 ms for the filtered list page and for the map data endpoint.

    .venv/bin/python benchmarks/bench_web.py [--incidents 10000] [--runs 15]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import generate  # noqa: E402

from tawthiq.review.users import add_user_in, issue_api_token  # noqa: E402
from tawthiq.settings import Settings, use_settings  # noqa: E402
from tawthiq.store.db import session_scope  # noqa: E402
from tawthiq.web.app import create_app  # noqa: E402


def server_ms(client: TestClient, url: str, headers: dict, runs: int) -> tuple[float, int]:
    """Median server time (ms) over ``runs`` requests, and the response size in bytes."""
    times, size = [], 0
    for _ in range(runs):
        response = client.get(url, headers=headers)
        assert response.status_code == 200, (url, response.text[:300])
        timing = response.headers["server-timing"]
        times.append(float(timing.split("dur=")[1]))
        size = len(response.content)
    return statistics.median(times), size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--incidents", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(home=Path(tmp))
        use_settings(settings)
        began = time.perf_counter()
        generate(settings.db_url, args.incidents)
        with session_scope(settings.db_url) as session:
            add_user_in(session, "bench-analyst", "analyst", "bench-password")
            add_user_in(session, "bench-viewer", "viewer", "bench-password")
            tokens = {role: issue_api_token(session, f"bench-{role}", by="bench")
                      for role in ("analyst", "viewer")}
        print(f"generated {args.incidents:,} incidents in {time.perf_counter() - began:.1f} s")
        client = TestClient(create_app(settings))
        cases = [
            ("list page, filtered", "/incidents?admin1=Aleppo&date_from=2014-01-01"
             "&date_to=2020-12-31&fatalities_min=1&sort=fatalities&order=desc"),
            ("list page, unfiltered", "/incidents"),
            ("list page, full-text", "/incidents?q=bakery&event_type=Battles"),
            ("list page, perpetrator+means", "/incidents?perpetrator=Islamic&means=gunfire"),
            ("map data, all incidents", "/api/map"),
            ("map data, filtered", "/api/map?admin1=Idlib&date_from=2015-01-01"),
            ("timeline data, all", "/api/timeline"),
        ]
        print(f"{'request':32} {'role':8} {'median ms':>10} {'bytes':>10}")
        for role in ("analyst", "viewer"):
            headers = {"Authorization": f"Bearer {tokens[role]}"}
            for label, url in cases:
                url = url if url.startswith("/api/") else url.replace("/incidents",
                                                                      "/api/incidents", 1)
                median, size = server_ms(client, url, headers, args.runs)
                flag = "" if median <= 200 else "  (over the 200 ms target)"
                print(f"{label:32} {role:8} {median:10.1f} {size:10,}{flag}")
        # The HTML page itself (session cookie), as an analyst sees it.
        page = TestClient(create_app(settings))
        csrf = page.get("/login").text.split('name="csrf-token" content="')[1].split('"')[0]
        page.post("/login", data={"username": "bench-analyst", "password": "bench-password",
                                  "csrf_token": csrf})
        median, size = server_ms(page, cases[0][1], {}, args.runs)
        print(f"{'HTML list page, filtered':32} {'analyst':8} {median:10.1f} {size:10,}")
        use_settings(None)


if __name__ == "__main__":
    main()
