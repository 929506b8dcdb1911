"""Scoring linking against gold incident keys (invented gold): pairwise scores, the
cross-language pairs of two sets sharing keys, and the oracle's gold fields."""

from __future__ import annotations

from datetime import date

from tawthiq.evaluate.linking import (
    classify_misses,
    gold_date,
    gold_location,
    score_linking,
)
from tawthiq.model import DateRange, Event, EventReport, Location

KEY = {"key": "olive-press-2019-05-12", "main": True, "place": "Tall Sukkar",
       "governorate": "Hama", "lat": 35.2, "lon": 36.5, "date_start": "2019-05-12",
       "date_end": "2019-05-12"}
GOLD = [{"id": d, "incidents": [KEY]} for d in ("e1", "e2", "a1")]


def event() -> Event:
    return Event(event_type="Violence against civilians", sub_event_type="Attack",
                 location=Location(mention="Tall Sukkar", name="Tall Sukkar", latitude=35.2,
                                   longitude=36.5, admin1="Hama"),
                 date=DateRange(start=date(2019, 5, 12), end=date(2019, 5, 12),
                                precision="day"))


def test_cross_language_pairs_are_scored_apart():
    rows = [("e1", 0, event(), 1), ("e2", 0, event(), 1), ("a1", 0, event(), 2)]
    result = score_linking(GOLD, rows, {"e1": "en", "e2": "en", "a1": "ar"})
    assert (result["gold_pairs"], result["true_links"]) == (3, 1)
    assert result["pairwise_precision"] == 1.0 and result["pairwise_recall"] == 0.333
    crossed = result["cross_language"]
    assert (crossed["gold_pairs"], crossed["true_links"], crossed["pairwise_recall"]) == (
        2, 0, 0.0)


def test_an_unmatched_report_linked_is_a_false_link():
    stray = Event(event_type="Battles", sub_event_type="Armed clash",
                  location=Location(mention="Elsewhere", name="Elsewhere", latitude=33.0,
                                    longitude=40.0, admin1="Deir ez-Zor"))
    rows = [("e1", 0, event(), 1), ("e2", 0, event(), 1), ("e2", 1, stray, 1)]
    result = score_linking(GOLD[:2], rows)
    assert result["linked_pairs"] == 2 and result["true_links"] == 1
    assert "cross_language" not in result


def test_the_oracle_puts_gold_dates_and_points_in():
    assert gold_date({"date_start": None, "date_end": None}) is None
    opened = gold_date({"date_start": None, "date_end": "2013-05-04"})
    assert (opened.start, opened.end, opened.precision) == (date(2013, 5, 4),
                                                            date(2013, 5, 4), "day")
    located = gold_location(KEY)
    assert located.gazetteer_id == "gold:35.2,36.5" and located.admin1 == "Hama"


def stored(doc: int, event_: Event, incident: int) -> EventReport:
    return EventReport(id=doc, key=(doc, 0), document_id=doc, sha256=f"{doc:064x}",
                       source=f"outlet {doc}", language="en", event=event_,
                       incident_id=incident)


def test_every_missed_pair_gets_its_cause():
    elsewhere = event().model_copy(update={"location": Location(
        mention="Salamiyah", name="Salamiyah", latitude=35.01, longitude=37.05,
        admin1="Hama")})
    nearby_undated = event().model_copy(update={"date": None, "location": Location(
        mention="Kafr Zita", name="Kafr Zita", gazetteer_id="wof:8", latitude=35.37,
        longitude=36.6, admin1="Hama", feature="locality")})
    reports = [stored(1, event(), 1), stored(2, event(), 1), stored(3, elsewhere, 2),
               stored(5, nearby_undated, 3)]
    external = {1: "e1", 2: "e2", 3: "e3", 4: "e4", 5: "e5"}
    gold = [{"id": d, "incidents": [KEY]} for d in external.values()]
    result = score_linking(gold, [(external[r.document_id], 0, r.event, r.incident_id)
                                  for r in reports])
    counts = classify_misses(result, gold, reports, external)
    causes = {(p["a"][0], p["b"][0]): p["cause"] for p in result["pairs"] if "cause" in p}
    assert causes[("e1", "e4")] == "no event report"
    assert causes[("e1", "e3")] == "extraction: place elsewhere"
    assert causes[("e1", "e5")] == "linking: blocking never compared them"
    assert sum(counts.values()) == result["gold_pairs"] - result["true_links"]
