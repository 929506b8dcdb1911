"""A fuzzy block scores each distinct skeleton once and gives the rows a search over every
row gives: the same scores, best first, ties in row order, the same cut. Invented names."""

from __future__ import annotations

import random

import pytest
from rapidfuzz import process
from rapidfuzz.fuzz import ratio

from tawthiq.geo.blocks import FuzzyBlock
from tawthiq.geo.names import keys

NAMES = ["Kafr Dibbeh", "Kafr Dibba", "Kufr Dibbeh", "Kafr Zayna", "Kafr Zeina", "Kafr Nadim",
         "Kafrun", "Kafr Dibbeh", "Kfar Doubbe", "Kafr Zayna", "Kafr Tibbeh", "Kafr Dibbeh"]


def _block(names: list[str]) -> FuzzyBlock:
    skels = [keys(n)[2] for n in names]
    return FuzzyBlock([f"p{i}" for i in range(len(names))], [keys(n)[1] for n in names],
                      skels, [False] * len(names))


def _every_row(block: FuzzyBlock, skel: str, limit: int, cutoff: float) -> list:
    hits = process.extract(skel, block.skels, scorer=ratio, limit=limit, score_cutoff=cutoff)
    return [(score, row) for _, score, row in hits]


@pytest.mark.parametrize("query", ["Kafr Dibbeh", "Kafr Zeyna", "Kfr Nadeem", "Qafr Tibba"])
@pytest.mark.parametrize("limit", [1, 3, 40])
def test_best_rows_equal_a_search_over_every_row(query, limit):
    block = _block(NAMES)
    skel = keys(query)[2]
    assert block.best_rows(skel, limit, 70.2) == _every_row(block, skel, limit, 70.2)


def test_best_rows_equal_a_search_over_every_row_on_many_invented_skeletons():
    rng = random.Random(7)
    skels = ["".join(rng.choice("kfrdbzn") for _ in range(rng.randint(3, 7))) for _ in range(60)]
    skels += rng.sample(skels, 40)  # repeated skeletons, as in a real block
    block = FuzzyBlock([f"p{i}" for i in range(len(skels))], skels, skels, [False] * len(skels))
    assert len(block.distinct) < len(skels)
    for query in skels[:30]:
        assert block.best_rows(query, 40, 60.0) == _every_row(block, query, 40, 60.0)
