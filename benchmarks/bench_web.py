"""Server time of the web app's heaviest reads over 10,000 synthetic incidents.

Builds a throw-away TAWTHIQ_HOME with generated rows (places in 14 governorates, one report
and one event per incident, perpetrators, a few witnesses), then asks the app in-process and
prints the median of the server's own timing (the ``Server-Timing`` header) per request.
Target: <= 200 ms for the filtered list page and for the map data endpoint.

    .venv/bin/python benchmarks/bench_web.py [--incidents 10000] [--runs 15]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import insert

from tawthiq.settings import Settings, use_settings
from tawthiq.store.db import ready_engine, session_scope
from tawthiq.store.tables import (
    DocumentRow,
    EventPerpetratorRow,
    EventRow,
    EvidenceRow,
    IncidentRow,
    PersonRow,
    PlaceRow,
)
from tawthiq.web.app import create_app
from tawthiq.web.users import add_user_in, issue_api_token

GOVERNORATES = ["Aleppo", "Idlib", "Hama", "Homs", "Damascus", "Rif Dimashq", "Daraa",
                "Quneitra", "As-Suwayda", "Latakia", "Tartus", "Raqqa", "Deir ez-Zor",
                "Al-Hasakah"]
TYPES = [("Explosions/Remote violence", "Air/drone strike", "air strike"),
         ("Explosions/Remote violence", "Shelling/artillery/missile attack", "shelling"),
         ("Violence against civilians", "Attack", "gunfire"),
         ("Battles", "Armed clash", "gunfire")]
ACTORS = ["Syrian Arab Army", "Russian Armed Forces", "Islamic State", "Unidentified armed group",
          "Hay'at Tahrir al-Sham", "Syrian Democratic Forces"]
WORDS = ["market", "school", "bakery", "hospital", "checkpoint", "convoy", "mosque", "village",
         "farm", "camp", "bridge", "road"]


def generate(url: str, count: int, seed: int = 7) -> None:
    """Bulk-insert ``count`` incidents, each with one report, event, evidence and perpetrator."""
    rng = random.Random(seed)
    engine = ready_engine(url)
    places = []
    for i in range(280):
        gov = GOVERNORATES[i % len(GOVERNORATES)]
        places.append({"id": i + 1, "gazetteer_id": f"syn:{i}", "name": f"Place {i}",
                       "latitude": 32.5 + rng.random() * 4.5, "longitude": 35.8 + rng.random() * 6,
                       "country_code": "SY", "admin1": gov, "admin2": f"{gov} district {i % 5}",
                       "feature": "locality"})
    start = date(2012, 1, 1)
    documents, incidents, events, evidence, perpetrators, persons = [], [], [], [], [], []
    for i in range(1, count + 1):
        kind, sub, means = rng.choice(TYPES)
        day = start + timedelta(days=rng.randrange(4000))
        place = rng.choice(places)
        dead = rng.choice([0, 1, 2, 3, 5, 8, 12, 20, 40, None])
        word = rng.choice(WORDS)
        text = (f"Report {i}: {sub.lower()} hit the {word} in {place['name']} on {day}, "
                f"killing {dead if dead is not None else 'an unknown number of'} people, "
                f"a monitor said. Witness Person{i % 97} Family{i % 89} described it.")
        documents.append({"id": i, "sha256": f"{i:064x}", "raw": text.encode(), "text": text,
                          "title": f"{sub} in {place['name']}", "source": "Synthetic",
                          "published": day, "media_type": "text/plain", "language": "en"})
        incidents.append({"id": i, "title": f"{sub} at the {word} in {place['name']}",
                          "event_type": kind, "sub_event_type": sub, "date_start": day,
                          "date_end": day, "date_precision": "day", "place_id": place["id"],
                          "fatalities_low": dead, "fatalities_best": dead,
                          "fatalities_high": dead, "corroboration": "single source",
                          "status": "proposed"})
        events.append({"id": i, "document_id": i, "ordinal": 0, "revision": 0, "incident_id": i,
                       "event_type": kind, "sub_event_type": sub, "means": [means],
                       "summary": text[:80], "date_start": day, "date_end": day,
                       "date_precision": "day", "place_id": place["id"], "victims": {},
                       "fatalities_low": dead, "fatalities_best": dead, "fatalities_high": dead,
                       "reported_by": ["monitor"], "confidence": 0.7, "status": "proposed"})
        evidence.append({"event_id": i, "field": "location", "start": text.index(place["name"]),
                         "end": text.index(place["name"]) + len(place["name"]),
                         "quote": place["name"]})
        perpetrators.append({"event_id": i, "name": rng.choice(ACTORS), "mention": "forces",
                             "actor_type": "State forces", "affiliation": [],
                             "attributed_by": "monitor"})
        if i % 10 == 0:
            name = f"Person{i % 97} Family{i % 89}"
            persons.append({"document_id": i, "event_id": i, "role": "witness", "name": name,
                            "start": text.index(name), "end": text.index(name) + len(name)})
    with engine.begin() as connection:
        for table, rows in ((PlaceRow, places), (DocumentRow, documents),
                            (IncidentRow, incidents), (EventRow, events),
                            (EvidenceRow, evidence), (EventPerpetratorRow, perpetrators),
                            (PersonRow, persons)):
            connection.execute(insert(table), rows)


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
