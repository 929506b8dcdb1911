"""The registry knows the actor names UCDP GED uses for Syria (data test: ../shared/data)."""

from __future__ import annotations

import csv
from collections import Counter
from datetime import date

import pytest
from tests.conftest import require_file

from tawthiq.actors.registry import load_registry, shipped_files

# Not actors the registry resolves: the victims' side of one-sided violence, and an acronym
# too ambiguous to index ("NSA").
NOT_ACTORS = {"Civilians", "NSA"}


@pytest.mark.data
def test_frequent_ucdp_side_names_resolve_on_their_event_dates(shared_data):
    path = require_file(shared_data / "ucdp-ged-syria" / "dev.csv")
    registry = load_registry(shipped_files())
    counts: Counter[str] = Counter()
    unresolved: Counter[str] = Counter()
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            on = date.fromisoformat(row["date_start"][:10])
            for side in (row["side_a"], row["side_b"]):
                for name in side.split(", "):
                    counts[name] += 1
                    if registry.resolve(name, on) is None:
                        unresolved[name] += 1
    frequent_missing = {
        n: k for n, k in unresolved.items() if counts[n] >= 5 and n not in NOT_ACTORS
    }
    assert frequent_missing == {}


@pytest.mark.data
def test_ucdp_government_of_syria_is_the_assad_government_in_2016_2019(shared_data):
    require_file(shared_data / "ucdp-ged-syria" / "dev.csv")
    registry = load_registry(shipped_files())
    found = registry.resolve("Government of Syria", date(2017, 4, 4))
    assert found.name == "Syrian government (2000-2024)"
    assert found.vdc_class == "syrian government or russian troops"
