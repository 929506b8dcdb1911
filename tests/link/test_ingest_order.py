"""Incident grouping does not depend on ingest order (issue #13 item 7): the same reports
ingested in different orders into fresh homes, with the real extractor and linker, give the
same incidents: the same sets of reports per incident and the same key facts per incident.
Two corpora: the bundled sample (the demo's), and invented reports of one air strike told by
four outlets beside a shelling the same day in a nearby town."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest
from sqlalchemy import select

from tawthiq import api
from tawthiq.demo import SAMPLE_CSV_MAP, sample_paths
from tawthiq.settings import Settings, use_settings
from tawthiq.store.db import session_scope
from tawthiq.store.read import live_event_condition
from tawthiq.store.tables import DocumentRow, EventRow, IncidentRow, PlaceRow

pytestmark = pytest.mark.slow

# Invented reports (our own words): four of one strike on a bakery in Saraqib, one of a
# shelling of Maarat al-Numan on the same day.
ONE_STRIKE = [
    {"id": "order-1", "title": "Air strike on Saraqib bakery", "published": "2019-02-12",
     "source": "Invented Wire", "text": "An air strike hit a bakery in the town of Saraqib in "
     "Idlib province on Tuesday morning, killing eight civilians who were queuing for bread, "
     "a local rescue team said. Witnesses said the strike was carried out by a Russian "
     "warplane."},
    {"id": "order-2", "title": "Nine killed at Saraqib bakery", "published": "2019-02-12",
     "source": "Invented Monitor", "text": "At least nine people, among them three children, "
     "were killed when warplanes bombed a bakery in Saraqib, in the Idlib countryside, on "
     "Tuesday, the monitoring group said. It blamed Russian aircraft for the raid."},
    {"id": "order-3", "title": "Bakery bombed in Saraqib", "published": "2019-02-13",
     "source": "Invented Daily", "text": "Rescuers were still searching the rubble of a "
     "bakery in Saraqib on Wednesday after an air strike on Tuesday killed eight people, "
     "residents said. The town in Idlib province has been bombed several times this month."},
    {"id": "order-4", "title": "Saraqib: strike kills civilians at bakery",
     "published": "2019-02-14", "source": "Invented Broadcaster", "text": "Eight civilians "
     "died on Tuesday when a bakery in Saraqib, Idlib, was struck from the air, according to "
     "the civil defence. The government denied that its aircraft had flown over the town."},
    {"id": "order-5", "title": "Shelling of Maarat al-Numan", "published": "2019-02-12",
     "source": "Invented Monitor", "text": "Two women were killed on Tuesday when artillery "
     "shells fell on a residential street in Maarat al-Numan in southern Idlib, the "
     "monitoring group said. It said the shells were fired from government positions."},
]


def grouping(home: Path) -> dict[frozenset, tuple]:
    """Each live incident of the home: the set of its reports (document identity, event
    ordinal) -> its key facts."""
    out: dict[frozenset, tuple] = {}
    with session_scope(Settings(home=home).db_url) as session:
        rows = session.execute(
            select(EventRow.incident_id, DocumentRow.external_id, DocumentRow.filename,
                   EventRow.ordinal)
            .join(DocumentRow, DocumentRow.id == EventRow.document_id)
            .where(live_event_condition())).all()
        members: dict[int, set] = {}
        for incident_id, external_id, filename, ordinal in rows:
            name = external_id or Path(filename or "").name
            members.setdefault(incident_id, set()).add((name, ordinal))
        for incident_id, reports in members.items():
            incident = session.get(IncidentRow, incident_id)
            place = session.get(PlaceRow, incident.place_id) if incident.place_id else None
            out[frozenset(reports)] = (
                incident.title, incident.event_type, incident.sub_event_type,
                incident.date_start, incident.date_end,
                place.gazetteer_id if place else None, incident.fatalities_low,
                incident.fatalities_best, incident.fatalities_high, incident.corroboration,
                attributed(incident.consolidated or {}))
    return out


def attributed(consolidated: dict) -> tuple:
    """The incident's perpetrators as attributed: actor, and who and which outlets name it
    (not the event or document ids, which follow ingest order by nature: an outlet left
    unnamed is shown as "document N")."""
    return tuple(sorted((a["actor"], tuple(sorted(a.get("attributed_by") or [])),
                         tuple(sorted(re.sub(r"^document \d+$", "document", o)
                                      for o in a.get("outlets") or [])))
                        for a in consolidated.get("attributions") or []))


def ingest_into(home: Path, steps: list[tuple[list[Path], str | None]]) -> dict:
    use_settings(Settings(home=home))
    try:
        for paths, csv_map in steps:
            api.ingest(paths, csv_map=csv_map)
        return grouping(home)
    finally:
        use_settings(None)


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def reversed_lines(path: Path, folder: Path) -> Path:
    """The same JSONL records in the opposite order, under the same file name."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    target = folder / path.name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("".join(reversed(lines)), encoding="utf-8")
    return target


def differences(first: dict, other: dict) -> list[str]:
    """What one grouping has that the other has not, readably."""
    return ([f"only in the first order: {sorted(k)} {first[k]}" for k in first.keys() - other]
            + [f"only in this order: {sorted(k)} {other[k]}" for k in other.keys() - first]
            + [f"facts differ for {sorted(k)}: {first[k]} != {other[k]}"
               for k in first.keys() & other if first[k] != other[k]])


def test_the_sample_corpus_groups_the_same_in_three_orders(tmp_path):
    reports, tables = sample_paths()
    jsonl = [p for p in reports if p.suffix == ".jsonl"]
    shuffled = reports[:]
    random.Random(13).shuffle(shuffled)
    orders = {
        "as sorted": [(reports, None), (tables, SAMPLE_CSV_MAP)],
        "tables first, reports reversed, lines reversed": [
            (tables, SAMPLE_CSV_MAP),
            ([reversed_lines(p, tmp_path / "reversed") if p in jsonl else p
              for p in reversed(reports)], None)],
        "one file at a time, shuffled": [([p], None) for p in shuffled[:3]]
        + [(tables, SAMPLE_CSV_MAP)] + [([p], None) for p in shuffled[3:]],
    }
    results = {name: ingest_into(tmp_path / f"home-{i}", steps)
               for i, (name, steps) in enumerate(orders.items())}
    first_name, first = next(iter(results.items()))
    assert len(first) >= 8, first
    assert any(len(k) >= 2 for k in first), "no sample incident is told by two reports"
    for name, other in results.items():
        assert not differences(first, other), (first_name, name, differences(first, other))


def test_reports_of_one_strike_group_the_same_in_any_order(tmp_path):
    orders = [[0, 1, 2, 3, 4], [4, 3, 2, 1, 0], [2, 4, 0, 3, 1]]
    results = []
    for i, order in enumerate(orders):
        path = write_jsonl(tmp_path / f"in-{i}" / "strike.jsonl", [ONE_STRIKE[j] for j in order])
        results.append(ingest_into(tmp_path / f"home-{i}", [([path], None)]))
    one_by_one = [ingest_into(tmp_path / "home-single", [
        ([write_jsonl(tmp_path / "single" / f"{r['id']}.jsonl", [r])], None)
        for r in reversed(ONE_STRIKE)])]
    for other in results[1:] + one_by_one:
        assert not differences(results[0], other), differences(results[0], other)
    strike = max(results[0], key=len)
    assert {name for name, _ in strike} >= {"order-1", "order-2"}, results[0]
    assert not any("order-5" in {n for n, _ in k} and "order-1" in {n for n, _ in k}
                   for k in results[0]), "the shelling is not the strike"


def test_an_analysts_title_stays_when_a_report_joins_the_incident(tmp_path):
    """The machine's title follows the main report, an analyst's edited title is kept."""
    from tawthiq.review.actions import edit_incident_title

    home = tmp_path / "home"
    first = write_jsonl(tmp_path / "a" / "first.jsonl", ONE_STRIKE[2:4])
    ingest_into(home, [([first], None)])
    with session_scope(Settings(home=home).db_url) as session:
        incident = session.scalars(select(IncidentRow)).one()
        edit_incident_title(session, "analyst", incident.id, "Saraqib bakery strike")
    later = write_jsonl(tmp_path / "b" / "later.jsonl", ONE_STRIKE[:2])
    ingest_into(home, [([later], None)])
    with session_scope(Settings(home=home).db_url) as session:
        titles = session.scalars(select(IncidentRow.title).where(
            IncidentRow.status != "retired")).all()
    assert "Saraqib bakery strike" in titles, titles
