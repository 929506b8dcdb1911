"""Episodes: proposed from reports' aggregate tolls over the ingest pipeline (a stand-in
extractor gives invented reports), created and changed by analysts (audited), read with
every source's toll beside the sum of the incidents."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from tawthiq.errors import BadInput
from tawthiq.model import (
    Aggregate,
    AggregateArea,
    DateRange,
    Document,
    Event,
    ExtractResult,
    Fatalities,
    Location,
)
from tawthiq.pipeline import ingest_paths, read_episode
from tawthiq.review import episodes as review
from tawthiq.store import session_scope
from tawthiq.store.tables import AuditEntryRow, EpisodeRow, EventRow

VILLAGES = {"Alpha": (35.50, 35.90, "Latakia"), "Beta": (35.10, 35.95, "Tartus"),
            "Gamma": (35.60, 35.80, "Latakia")}


def event(village: str, day: date, toll: int) -> Event:
    lat, lon, governorate = VILLAGES[village]
    return Event(event_type="Violence against civilians", sub_event_type="Attack",
                 means=["gunfire"], summary=f"Gunmen killed {toll} people in {village}.",
                 date=DateRange(start=day, end=day, precision="day"),
                 location=Location(mention=village, name=village, gazetteer_id=f"t:{village}",
                                   latitude=lat, longitude=lon, country_code="SY",
                                   admin1=governorate, feature="locality"),
                 fatalities=Fatalities(low=toll, best=toll, high=toll))


def toll(low: int, start: date, end: date, by: str, *areas: str, events=()) -> Aggregate:
    return Aggregate(area=[AggregateArea(mention=a, name=a, admin1=a, country_code="SY")
                           for a in areas] or [AggregateArea(mention="Syria", name="Syria",
                                                             country_code="SY")],
                     date=DateRange(start=start, end=end, precision="days"),
                     fatalities=Fatalities(low=low, best=low), reported_by=[by],
                     events=list(events))


MARCH = date(2025, 3, 6)
REPORTS = {
    "gamma.txt": ([event("Gamma", date(2025, 3, 8), 10)], []),
    "roundup.txt": ([event("Alpha", date(2025, 3, 7), 20), event("Beta", date(2025, 3, 8), 15)],
                    [toll(300, MARCH, date(2025, 3, 9), "Monitor M", "Latakia", "Tartus",
                          events=(0, 1))]),
    "ministry.txt": ([], [toll(1500, MARCH, date(2025, 3, 10), "the Ministry", "Latakia",
                               "Tartus")]),
    "war.txt": ([], [toll(70000, date(2011, 3, 15), date(2025, 3, 1), "Monitor M")]),
}


class StandIn:
    """Gives each invented report its events and aggregate tolls (by file name)."""

    def extract(self, doc: Document) -> ExtractResult:
        events, aggregates = REPORTS[doc.text.split()[0]]
        return ExtractResult(document=doc, events=events, aggregates=aggregates)


@pytest.fixture
def ingested(tmp_home: Path, tmp_path: Path) -> dict[str, int]:
    paths = []
    for name in REPORTS:   # gamma first: the roundup's wave finds its incident in the store
        path = tmp_path / name
        path.write_text(f"{name} invented words about the wave.", encoding="utf-8")
        paths.append(path)
    ingest_paths(paths, extractor=StandIn())
    with session_scope() as s:
        rows = s.execute(select(EventRow.location, EventRow.incident_id)).all()
        return {location["name"]: incident for location, incident in rows}


def test_aggregates_propose_one_episode_with_every_source_toll(ingested):
    with session_scope() as s:
        episodes = s.scalars(select(EpisodeRow)).all()
        assert len(episodes) == 1 and episodes[0].status == "proposed"
        episode = read_episode(s, episodes[0].id)
    assert sorted(episode.incidents) == sorted(ingested.values())   # Gamma too: in the wave
    assert [(t.original_sources, t.low) for t in episode.tolls] == [
        (["Monitor M"], 300), (["the Ministry"], 1500)]   # the war-wide total frames no wave
    assert episode.incidents_toll.low == 45 and episode.incidents_toll.high == 45
    assert episode.date.start == MARCH and episode.date.end == date(2025, 3, 10)
    assert episode.areas == ["Latakia", "Tartus"]
    assert "Latakia, Tartus" in episode.title


def test_an_analyst_creates_and_changes_an_episode_audited(ingested):
    alpha, gamma = ingested["Alpha"], ingested["Gamma"]
    with session_scope() as s:
        row = review.create_episode(s, "analyst", "Coastal killings", [alpha])
        review.add_incident(s, "analyst", row.id, gamma)
        review.remove_incident(s, "analyst", row.id, alpha)
        review.set_episode_status(s, "analyst", row.id, "accepted")
        episode_id = row.id
    with session_scope() as s:
        episode = read_episode(s, episode_id)
        assert episode.incidents == [gamma] and episode.origin == "analyst"
        actions = [(a.action, a.field, a.before, a.after) for a in s.scalars(
            select(AuditEntryRow).where(AuditEntryRow.entity == "episode",
                                        AuditEntryRow.entity_id == episode_id)
            .order_by(AuditEntryRow.id))]
    assert actions[0][0] == "create" and actions[0][3] == {"title": "Coastal killings",
                                                          "incidents": [alpha]}
    assert actions[1:] == [("add", "incidents", None, gamma),
                           ("remove", "incidents", alpha, None)]


def test_bad_episode_changes_are_refused(ingested):
    with session_scope() as s, pytest.raises(BadInput, match="title"):
        review.create_episode(s, "analyst", "  ", [])
    with session_scope() as s, pytest.raises(BadInput, match="no live incident 999"):
        review.create_episode(s, "analyst", "Wave", [999])
    with session_scope() as s, pytest.raises(BadInput, match="unknown status"):
        review.set_episode_status(s, "analyst", 1, "maybe")


def test_jsonl_export_rows_carry_their_episode_and_its_tolls(ingested):
    import io
    import json

    from tawthiq.export.collect import collect_incidents
    from tawthiq.export.writers import write_jsonl

    out = io.StringIO()
    with session_scope() as s:
        write_jsonl(collect_incidents(s), out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(rows) == 3 and all(len(r["episodes"]) == 1 for r in rows)
    episode = rows[0]["episodes"][0]
    assert sorted(episode["incidents"]) == sorted(ingested.values())
    assert [t["low"] for t in episode["tolls"]] == [300, 1500]
    assert episode["incidents_toll"]["low"] == 45


def test_an_aggregate_without_a_figure_proposes_nothing():
    from tawthiq.link.episodes import propose

    figureless = toll(0, MARCH, date(2025, 3, 9), "Monitor M", "Latakia")
    figureless = figureless.model_copy(update={"fatalities": Fatalities()})
    assert propose(figureless, [1, 2], [], [], []) is None
    assert propose(toll(9, MARCH, date(2025, 3, 9), "Monitor M", "Latakia"), [1, 2], [], [],
                   []).incidents == [1, 2]
