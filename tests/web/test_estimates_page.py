"""The estimates page: documented vs estimated per stratum, intervals, the posterior plot."""

from __future__ import annotations

from estimate.tables import three_lists
from tawthiq.estimate.from_store import save_estimate
from tawthiq.estimate.lcmcr import LcmcrSettings
from tawthiq.estimate.service import estimate_strata
from tawthiq.store.db import session_scope

QUICK = LcmcrSettings(burnin=300, samples=200, thinning=2, chains=2, warmup=100)


def stored_run(strata_by: str | None = "governorate") -> int:
    north = three_lists({"100": 300, "010": 250, "001": 200, "110": 90, "101": 70, "011": 60,
                         "111": 25})
    south = three_lists({"100": 120, "010": 90, "001": 80, "110": 30, "101": 20, "011": 15,
                         "111": 6})
    found = estimate_strata({"Homs": north, "Idlib": south}, method="lcmcr", seed=1,
                            lcmcr=QUICK)
    with session_scope() as session:
        return save_estimate(session, found, strata_by=strata_by, actor="analyst")


def test_the_page_says_so_when_there_is_no_estimate(signed_in):
    page = signed_in("viewer").client.get("/estimates")
    assert page.status_code == 200 and "No estimate yet." in page.text


def test_a_stored_estimate_is_shown_per_stratum_with_its_plots(signed_in):
    run = stored_run()
    page = signed_in("viewer").client.get("/estimates")
    assert page.status_code == 200
    text = page.text
    for words in ("Homs", "Idlib", "total", "Documented", "Never documented",
                  "Posterior of the total", "Assumptions and warnings", "R-hat"):
        assert words in text
    assert text.count("<circle") == 3  # two strata and the total
    assert text.count('fill="#9bb7d4"/>') == 40  # the histogram's columns
    assert f"Estimate {run}" in text
    assert signed_in("viewer").client.get("/estimates?id=999").status_code == 404


def test_estimates_are_listed_as_json(signed_in):
    run = stored_run(strata_by=None)
    client = signed_in("viewer").client
    data = client.get("/api/estimates").json()
    assert [d["id"] for d in data] == [run]
    assert {"method", "documented", "estimate", "interval", "strata"} <= set(data[0])
    client.cookies.clear()
    assert client.get("/api/estimates").status_code == 401
