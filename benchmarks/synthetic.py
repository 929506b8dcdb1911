"""Synthetic incidents for the web benchmarks: places in 14 governorates, one report, event,
evidence span and perpetrator per incident, and a witness in every tenth report.

Written with plain table inserts (no extractor), so it runs against any checkout whose store
has these tables (``bench_load.py`` uses it with a baseline checkout too).
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import insert

from tawthiq.store.db import ready_engine
from tawthiq.store.tables import (
    DocumentRow,
    EventPerpetratorRow,
    EventRow,
    EvidenceRow,
    IncidentRow,
    PersonRow,
    PlaceRow,
)

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
