"""The same linkage through splink's Spark backend on a local Spark session gives the same
links as DuckDB (make java installs the runtime; pyspark comes with the dev extra)."""

from __future__ import annotations

import pytest

from tawthiq.victims.linkage import link_lists
from tawthiq.victims.lists import read_list
from victims.conftest import sample_list

pytestmark = [pytest.mark.spark, pytest.mark.slow]


def test_spark_and_duckdb_give_the_same_links() -> None:
    monitor, ministry = read_list(sample_list("monitor")), read_list(sample_list("ministry"))
    on_duckdb = link_lists(monitor, ministry, engine="duckdb")
    on_spark = link_lists(monitor, ministry, engine="spark")
    assert on_spark.engine == "spark" and on_spark.settings["sql_dialect"] == "spark"
    duck = {(p.a_row, p.b_row) for p in on_duckdb.links()}
    spark = {(p.a_row, p.b_row) for p in on_spark.links()}
    assert len(duck) > 30
    assert spark == duck
