"""Scoring linking against gold incident keys (invented gold): pairwise scores, the
cross-language pairs of two sets sharing keys, and the oracle's gold fields."""

from __future__ import annotations

from datetime import date

from tawthiq.evaluate.linking import gold_date, gold_location, score_linking
from tawthiq.model import DateRange, Event, Location

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
