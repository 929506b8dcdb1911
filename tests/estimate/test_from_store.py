"""Capture histories from the victims store become capture tables; estimates are kept."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from estimate.tables import three_lists
from tawthiq.errors import BadInput, NotFound
from tawthiq.estimate.from_store import (
    capture_tables,
    save_estimate,
    stored_estimate,
    stored_estimates,
)
from tawthiq.estimate.service import estimate_strata
from tawthiq.store.db import session_scope

LISTS = ["committee", "ministry", "monitor"]


@dataclass(frozen=True)
class Person:
    lists: tuple[str, ...]
    governorate: str | None = None
    year: int | None = None
    sex: str | None = None


PEOPLE = [Person(("committee", "ministry"), "Homs", 2013, "m"),
          Person(("committee",), "Homs", 2014, "f"),
          Person(("monitor",), None, 2013, None),
          Person(("ministry", "monitor"), "Idlib", None, "m")]


def test_histories_become_tables_over_the_chosen_lists_and_strata():
    tables = capture_tables(PEOPLE, known_lists=LISTS)
    assert list(tables) == ["all"] and tables["all"].lists == tuple(LISTS)
    assert tables["all"].documented == 4
    by_year = capture_tables(PEOPLE, known_lists=LISTS, by="year")
    assert sorted(by_year) == ["2013", "2014", "unknown"]
    two = capture_tables(PEOPLE, known_lists=LISTS, lists=["committee", "monitor"], by="sex")
    assert {k: t.documented for k, t in two.items()} == {"f": 1, "m": 2, "unknown": 1}


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"by": "religion"}, "--by"),
    ({"lists": ["committee", "police"]}, "--lists"),
    ({"lists": ["committee"]}, "--lists"),
])
def test_bad_choices_name_the_option(kwargs, field):
    with pytest.raises(BadInput) as caught:
        capture_tables(PEOPLE, known_lists=LISTS, **kwargs)
    assert caught.value.field == field


def test_estimates_are_kept_and_read_back_latest_first(tmp_home):
    table = three_lists({"100": 60, "010": 50, "001": 40, "110": 20, "101": 15, "011": 12,
                         "111": 5})
    found = estimate_strata({"all": table}, method="loglinear", seed=1)
    with session_scope() as session:
        first = save_estimate(session, found, strata_by=None, actor="system:cli")
        second = save_estimate(session, found, strata_by="year", actor="analyst")
    with session_scope() as session:
        runs = stored_estimates(session)
        assert [r.id for r in runs] == [second, first]
        kept = stored_estimate(session, first)
        assert kept.result == found.to_json() and kept.by == "system:cli"
        with pytest.raises(NotFound):
            stored_estimate(session, 12345)


def test_the_stored_sample_lists_are_estimated_and_kept(tmp_home):
    from tawthiq import api
    from tawthiq.estimate.lcmcr import LcmcrSettings
    from tawthiq.victims.store import import_list
    from victims.conftest import KEEPERS, sample_list

    for keeper in KEEPERS:
        import_list(sample_list(keeper), list_name=keeper)
    quick = LcmcrSettings(burnin=1000, samples=300, thinning=5, chains=2)
    found, kept = api.estimate_from_store(by="sex", seed=2, lcmcr=quick)
    assert found.documented == 200 and found.lists == list(KEEPERS)
    assert [s.stratum for s in found.strata] == ["f", "m"]
    low, high = found.interval
    assert 200 < low < 240 < high  # the generator drew the lists from 240 invented people
    two, _ = api.estimate_from_store(lists=["monitor", "ministry"], method="loglinear")
    assert two.lists == ["monitor", "ministry"] and two.documented < 200
    with session_scope() as session:
        assert [r.id for r in stored_estimates(session)][-1] == kept
        assert stored_estimate(session, kept).strata_by == "sex"
