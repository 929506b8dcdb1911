"""The whole store round trip on a real PostgreSQL server (the code that SQLite runs, on the
other database it claims to support): migrations, ingest (with a duplicate and a report only
PostgreSQL refuses), incident linking, the four exports, and the web API's list, full-text
search, map, timeline, review edit with its audit entry, merge and split.

The reports are ingested once into a template database; every test works on its own copy.
"""

from __future__ import annotations

import csv
import io
import json
import threading
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from fastapi.testclient import TestClient
from sqlalchemy import func, inspect, make_url, select, text

from support.postgres import new_database, store_at
from tawthiq.export import export_events
from tawthiq.pipeline import ingest_paths
from tawthiq.review.users import add_user_in, issue_api_token
from tawthiq.settings import get_settings
from tawthiq.store import session_scope
from tawthiq.store.db import (
    MIGRATION_LOCK_KEY,
    alembic_config,
    get_engine,
    ready_engine,
    upgrade,
)
from tawthiq.store.tables import AuditEntryRow, DocumentRow, EventRow, IncidentRow
from tawthiq.web.app import create_app

pytestmark = pytest.mark.postgres

WITNESS = "Hana"
MARKET = ("Market attack. At least 12 killed in Kafrnabl by Test Forces, witness Hana said. "
          "Shops stayed shut.")
MOURNING = "Kafrnabl mourns. Residents counted 15 killed in Kafrnabl after the raid."
HAMA = "A separate raid near Ḥamā. 3 killed in Ariha."
JSONL = [
    {"id": "nul", "text": "A stray \u0000 character. 2 killed in Binnish."},
    {"id": "rare", "text": "Zyxquux quarter hit. 2 killed in Sarmin.", "published": "2024-03-07"},
]
DAY = date(2024, 3, 5)
FAR_ZONE = "Pacific/Kiritimati"  # UTC+14: any timestamp read in it would show another day


def write(folder: Path, name: str, content: str) -> Path:
    path = folder / name
    path.write_text(content, encoding="utf-8")
    return path


def ingest_reports(folder: Path) -> list:
    """Four reports from three outlets, a byte-identical copy, and a JSONL file whose first
    line holds a NUL character (PostgreSQL cannot store it: an error outcome, not a crash)."""
    market = write(folder, "market.txt", MARKET)
    copy = write(folder, "market-copy.txt", MARKET)
    mourning = write(folder, "mourning.txt", MOURNING)
    hama = write(folder, "hama.txt", HAMA)
    jsonl = write(folder, "wire.jsonl", "".join(json.dumps(r) + "\n" for r in JSONL))
    return [*ingest_paths([market, copy], published=DAY, source="Wire A"),
            *ingest_paths([mourning], published=DAY, source="Broadcaster B"),
            *ingest_paths([hama], published=date(2024, 3, 9), source="Wire A"),
            *ingest_paths([jsonl], published=DAY, source="Wire C")]


@pytest.fixture(scope="module")
def template(postgres_server, tmp_path_factory) -> tuple[str, list]:
    """The migrated, ingested database (name, ingest outcomes), copied by every test."""
    folder = tmp_path_factory.mktemp("pg-reports")
    with pytest.MonkeyPatch.context() as monkeypatch, \
            store_at(new_database(postgres_server), folder / "home", monkeypatch) as url:
        ready_engine(url)
        outcomes = ingest_reports(folder)
    return make_url(url).database, outcomes


@pytest.fixture
def store(postgres_server, template, tmp_path, monkeypatch) -> str:
    """A copy of the template whose sessions default to a time zone far from UTC."""
    url = new_database(postgres_server, template=template[0])
    postgres_server.execute(f"ALTER DATABASE \"{make_url(url).database}\" "
                            f"SET timezone TO '{FAR_ZONE}'")
    with store_at(url, tmp_path / "home", monkeypatch):
        yield url


@pytest.fixture
def api(store):
    """A client per role, authenticated with API tokens."""
    with session_scope() as session:
        tokens = {}
        for role in ("viewer", "analyst"):
            add_user_in(session, role, role, f"{role}-password-1")
            tokens[role] = issue_api_token(session, role, by="test")
    client = TestClient(create_app(get_settings()))

    def call(role: str, method: str, url: str, expect: int = 200, **kwargs):
        response = client.request(method, url, headers={"Authorization": f"Bearer {tokens[role]}"},
                                  **kwargs)
        assert response.status_code == expect, response.text
        return response.json()

    return call


def incidents_by_place(call) -> dict[str, dict]:
    items = call("analyst", "GET", "/api/incidents")["items"]
    return {item["place"]: item for item in items}


# ---------------------------------------------------------------- store


def test_migrations_create_the_schema_and_the_search_index(store):
    engine = get_engine(store)
    assert engine.dialect.name == "postgresql"
    inspector = inspect(engine)
    assert {"documents", "events", "incidents", "evidence", "persons", "claims",
            "audit_log", "alembic_version"} <= set(inspector.get_table_names())
    assert "ix_documents_fts" in {i["name"] for i in inspector.get_indexes("documents")}
    head = ScriptDirectory.from_config(alembic_config(store)).get_current_head()
    with engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() \
            == head
    ready_engine(store)  # upgrading a current database again is a no-op


def test_the_store_version_moves_with_every_change_on_postgres(store):
    from tawthiq.store.tables import PlaceRow
    from tawthiq.store.version import store_version

    with session_scope() as session:
        before = store_version(session)
    with session_scope() as session:
        session.add(PlaceRow(name="Test Place"))
    with session_scope() as session:
        assert store_version(session) > before


def test_upgrade_waits_for_another_process_upgrading(postgres_url):
    """The web app and an ingest starting together on an empty database both run the
    migrations; on PostgreSQL (unlike SQLite) they would collide, so an upgrade first takes
    an advisory lock. Held here, it keeps an upgrade waiting until it is released."""
    engine = get_engine(postgres_url)
    done = threading.Event()
    with engine.connect() as holder:
        holder.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
        holder.commit()  # a session lock: held across transactions until unlocked
        worker = threading.Thread(target=lambda: (upgrade(postgres_url), done.set()))
        worker.start()
        waiting = text("SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'advisory'")
        for _ in range(600):  # until the upgrade is seen waiting for the lock (at most 60 s)
            seen = holder.execute(waiting).scalar()
            holder.commit()  # the next look gets a fresh pg_stat_activity snapshot
            if seen:
                break
            time.sleep(0.1)
        else:
            pytest.fail("the upgrade never waited for the migration lock")
        assert not done.is_set()
        assert "documents" not in inspect(engine).get_table_names()
        holder.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_LOCK_KEY})
        holder.commit()
    worker.join(timeout=120)
    assert done.is_set()
    assert "documents" in inspect(engine).get_table_names()


def test_timestamps_come_back_in_utc_whatever_the_server_zone(store):
    with session_scope() as session:
        assert session.execute(text("SHOW timezone")).scalar() == "UTC"
        ingested = session.scalar(select(DocumentRow.ingested_at))
    assert ingested.utcoffset() == timedelta(0)


def test_ingest_stores_links_and_refuses_what_postgres_cannot_hold(template, store):
    outcomes = template[1]
    assert [o.status for o in outcomes] == ["stored", "duplicate", "stored", "stored",
                                           "error", "stored"]
    assert outcomes[1].document_id == outcomes[0].document_id
    assert "wire.jsonl:1" in outcomes[4].message and "NUL" in outcomes[4].message
    with session_scope() as session:
        incidents = session.scalars(select(IncidentRow).order_by(IncidentRow.id)).all()
        assert len(incidents) == 3
        kafrnabl = incidents[0]
        assert len(kafrnabl.events) == 2
        assert (kafrnabl.fatalities_low, kafrnabl.fatalities_high) == (12, 15)
        assert kafrnabl.corroboration == "fair"   # two independent outlets (data/link/grades.json)
        assert session.scalar(select(func.count()).select_from(AuditEntryRow)
                              .where(AuditEntryRow.action == "ingest")) == 4


# ---------------------------------------------------------------- exports


@pytest.mark.parametrize("fmt", ["acled", "ucdp", "geojson", "jsonl"])
def test_every_export_has_one_redacted_record_per_incident(store, tmp_path, fmt):
    out = tmp_path / f"export.{fmt}"
    assert export_events(fmt, out) == 3
    written = out.read_text(encoding="utf-8")
    assert WITNESS not in written
    if fmt in ("acled", "ucdp"):
        rows = list(csv.DictReader(io.StringIO(written)))
        assert len(rows) == 3
    elif fmt == "geojson":
        assert len(json.loads(written)["features"]) == 3
    else:
        records = [json.loads(line) for line in written.splitlines()]
        assert len(records) == 3
    if fmt == "acled":
        kafrnabl = next(r for r in rows if r["location"] == "Kafrnabl")
        assert kafrnabl["fatalities"] == "12"
        assert len(kafrnabl["tawthiq_documents"].split(";")) == 2


# ---------------------------------------------------------------- web API


def test_list_search_map_and_timeline(api):
    listed = api("viewer", "GET", "/api/incidents")
    assert listed["total"] == 3
    assert [i["place"] for i in api("viewer", "GET", "/api/incidents?sort=fatalities")
            ["items"]] == ["Kafrnabl", "Ariha", "Sarmin"]

    def found(query: str) -> list[str]:
        return sorted(i["place"] for i in api("viewer", "GET", "/api/incidents",
                                              params={"q": query})["items"])

    assert found("zyxquux") == ["Sarmin"]
    assert found("KAFRNAB*") == ["Kafrnabl"]            # prefix, any case
    assert found("hama") == ["Ariha"]                   # accents folded, as FTS5 does
    assert found("mourns counted") == ["Kafrnabl"]      # every word, across reports
    assert found("mourns zyxquux") == []
    assert found(WITNESS) == []                         # a viewer cannot search for witnesses
    assert found(WITNESS[:3] + "*") == []               # nor for a prefix of their names
    assert api("viewer", "GET", "/api/incidents", params={"perpetrator": "test forces"}
               )["total"] == 1
    assert api("viewer", "GET", "/api/incidents", params={"means": "gunfire"})["total"] == 3
    assert api("viewer", "GET", "/api/incidents", params={"fatalities_min": 10,
                                                          "date_from": "2024-03-05"})["total"] == 1

    points = api("viewer", "GET", "/api/map")
    assert len(points["rows"]) == 3
    row = dict(zip(points["fields"], points["rows"][0], strict=True))
    assert (row["lat"], row["lon"]) == (35.0, 36.0) and len(row["date"]) == 10

    timeline = api("viewer", "GET", "/api/timeline")
    assert timeline["days"] == ["2024-03-05", "2024-03-07", "2024-03-09"]
    assert timeline["deaths"] == [12, 2, 3]


def test_review_edit_writes_a_revision_and_its_audit_entry(api):
    kafrnabl = incidents_by_place(api)["Kafrnabl"]
    detail = api("analyst", "GET", f"/api/incidents/{kafrnabl['id']}")
    event = detail["reports"][0]["events"][0]
    assert event["fatalities"]["best"] == 12
    changed = api("analyst", "PATCH", f"/api/events/{event['id']}",
                  json={"field": "fatalities_low", "value": 10})
    assert changed["revision"] == 1 and changed["event_id"] != event["id"]
    history = api("analyst", "GET", f"/api/incidents/{kafrnabl['id']}/history")
    edit = next(h for h in history if h["action"] == "edit")
    assert (edit["entity_id"], edit["field"], edit["before"], edit["after"]) == \
        (event["id"], "fatalities_low", 12, 10)
    assert edit["actor"] == "analyst"
    with session_scope() as session:
        old = session.get(EventRow, event["id"])
        assert old.superseded_by == changed["event_id"] and old.status == "superseded"
    assert incidents_by_place(api)["Kafrnabl"]["fatalities_low"] == 10


def test_merge_and_split_move_reports_with_history(api):
    places = incidents_by_place(api)
    target, source = places["Kafrnabl"]["id"], places["Ariha"]["id"]
    api("analyst", "POST", f"/api/incidents/{target}/merge", json={"other": source})
    assert incidents_by_place(api).keys() == {"Kafrnabl", "Sarmin"}
    merged = api("analyst", "GET", f"/api/incidents/{target}")
    assert merged["merged_from"] == [source]
    assert len([e for r in merged["reports"] for e in r["events"]]) == 3
    moved = [h for h in api("analyst", "GET", f"/api/incidents/{target}/history")
             if h["field"] == "incident_id"]
    assert [(h["before"], h["after"]) for h in moved] == [(source, target)]

    ariha_event = next(e["id"] for r in merged["reports"] for e in r["events"]
                       if e["place"]["name"] == "Ariha")
    split = api("analyst", "POST", f"/api/incidents/{target}/split",
                json={"event_ids": [ariha_event]})
    assert split["new_incident_id"] not in (target, source)
    assert api("viewer", "GET", "/api/incidents")["total"] == 3


def test_numbers_beyond_postgres_integers_are_refused_not_crashes(api):
    """SQLite holds 64-bit integers, PostgreSQL's INTEGER columns 32: an id, page or count
    beyond them is 'not found' or bad input, never an internal error."""
    huge = 2**31
    incident = incidents_by_place(api)["Sarmin"]["id"]
    api("viewer", "GET", f"/api/incidents/{huge}", expect=404)
    api("viewer", "GET", f"/api/incidents/{huge}/history", expect=404)
    api("viewer", "GET", f"/api/documents/{huge}", expect=404)
    api("analyst", "PATCH", f"/api/events/{huge}", json={"field": "summary", "value": "x"},
        expect=404)
    api("analyst", "POST", f"/api/incidents/{incident}/merge", json={"other": huge},
        expect=404)
    for params in ({"fatalities_min": huge}, {"page": huge}, {"page": huge // 10}):
        api("viewer", "GET", "/api/incidents", params=params, expect=400)
    detail = api("analyst", "GET", f"/api/incidents/{incident}")
    event = detail["reports"][0]["events"][0]["id"]
    api("analyst", "PATCH", f"/api/events/{event}", json={"field": "women", "value": huge},
        expect=400)


def test_the_audit_chain_holds_and_breaks_on_postgres(api):
    from tawthiq.store.audit import verify_chain
    from tawthiq.store.custody import iter_custody

    kafrnabl = incidents_by_place(api)["Kafrnabl"]
    event = api("analyst", "GET", f"/api/incidents/{kafrnabl['id']}")["reports"][0]["events"][0]
    api("analyst", "PATCH", f"/api/events/{event['id']}",
        json={"field": "fatalities_low", "value": 10})
    with session_scope() as session:
        check = verify_chain(session)
        assert check.intact and check.entries >= 4
        assert all(c.problem is None for c in iter_custody(session))
        second = session.scalars(select(AuditEntryRow.id).order_by(AuditEntryRow.id)
                                 .offset(1).limit(1)).one()
        session.execute(text("UPDATE audit_log SET actor = 'someone' WHERE id = :id"),
                        {"id": second})
    with session_scope() as session:
        assert verify_chain(session).broken_at == second
