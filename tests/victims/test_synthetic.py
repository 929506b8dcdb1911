"""The invented records: the shipped sample lists are exactly what the generator writes, and
the generator's errors are the kinds the name keys are built to tolerate."""

from __future__ import annotations

import random
from pathlib import Path

from tawthiq.victims.names import name_parts
from tawthiq.victims.synthetic import (
    duplicated_records,
    misspell,
    sample_pool,
    write_sample_lists,
)
from victims.conftest import KEEPERS, sample_list


def test_shipped_sample_lists_are_the_generators_output(tmp_path: Path) -> None:
    counts = write_sample_lists(tmp_path)
    for keeper in KEEPERS:
        assert (tmp_path / f"victims-{keeper}.csv").read_bytes() == \
            sample_list(keeper).read_bytes()
    assert counts == {"monitor": 114, "ministry": 116, "committee": 60}


def test_misspellings_mostly_keep_the_first_and_family_keys() -> None:
    rng = random.Random(3)
    names = ["محمد عبد الرحمن علي أبو زيد", "فاطمة حسين محمد النجار", "خالد عمر يوسف الخطيب"]
    kept = 0
    for _ in range(300):
        name = rng.choice(names)
        wrong, right = name_parts(misspell(name, rng)), name_parts(name)
        kept += wrong.first == right.first or wrong.family == right.family
    assert kept > 280


def test_duplicated_records_hide_who_is_who() -> None:
    records = list(duplicated_records(500, sample_pool(), duplicate_share=0.2, seed=2))
    assert len(records) == 500
    assert len({r["person"] for r in records}) == 400
