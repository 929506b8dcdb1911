"""Splink's Spark backend made fit for a local session (imported only when pyspark is).

Measured on 10,000 synthetic records (``benchmarks/bench_victims.py``), splink 5's Spark
backend spent its time on two things, neither of them the data:

- EM with term frequencies: each iteration is one query whose ``__splink__df_predict`` CTE
  (every comparison's SQL, the term-frequency joins) feeds a union of one group-by per
  comparison. Spark inlines a CTE that is deterministic, so the prediction was planned,
  code-generated and computed once per comparison, eleven times an iteration (30-60 s each).
  Here the pipeline is cut after the prediction: it is computed once, only the gamma columns
  and the probability kept, and the group-bys read that.
- A table registered from Python (an arrow table) is a LocalRelation: its rows live in the
  query plan, and Spark's optimizer (ConvertToLocalRelation) evaluated projections over all of
  them row by row on the driver's one thread, in every query that read the input (minutes at
  100,000 records). Here the input is written to parquet once and read back.
- Tables splink persists are never unpersisted (its ``drop`` is a no-op for ``persist``), so
  a run kept every intermediate table on the heap; ``spark.py`` has them written to parquet
  files in the session's checkpoint folder instead (splink's own default outside Databricks).
"""

from __future__ import annotations

import os
import re

import pyarrow as pa
from splink.backends.spark import SparkAPI
from splink.internals.pipeline import CTE, CTEPipeline
from splink.internals.splink_dataframe import SplinkDataFrame

PREDICT = "__splink__df_predict"
COUNTS = "__splink__m_u_counts"


class LocalSparkAPI(SparkAPI):
    """Splink's SparkAPI with the EM/u-estimation prediction computed once per iteration."""

    def sql_pipeline_to_splink_dataframe(self, pipeline: CTEPipeline) -> SplinkDataFrame:
        names = [cte.output_table_name for cte in pipeline.queue]
        if PREDICT not in names or names[-1] != COUNTS:
            return super().sql_pipeline_to_splink_dataframe(pipeline)
        cut = names.index(PREDICT) + 1
        predicted = super().sql_pipeline_to_splink_dataframe(
            _pipeline(pipeline.input_dataframes, _narrowed(pipeline.queue, cut)))
        pipeline.spent = True
        try:
            return super().sql_pipeline_to_splink_dataframe(
                _pipeline([predicted], pipeline.queue[cut:]))
        finally:
            predicted.drop_table_from_database_and_remove_from_cache()

    def _table_registration(self, input, table_name: str) -> None:
        """Register the table; an arrow table (the records) as parquet files, not rows in
        the plan."""
        super()._table_registration(input, table_name)
        if not isinstance(input, pa.Table):
            return
        frame = self.spark.table(table_name)
        path = os.path.join(self._get_checkpoint_dir_path(frame), f"input-{table_name}")
        frame.write.mode("overwrite").parquet(path)
        self.spark.read.parquet(path).createOrReplaceTempView(table_name)


def _pipeline(inputs: list[SplinkDataFrame], queue: list[CTE]) -> CTEPipeline:
    pipeline = CTEPipeline(input_dataframes=list(inputs))
    for cte in queue:
        pipeline.enqueue_sql(cte.sql, cte.output_table_name)
    return pipeline


def _narrowed(queue: list[CTE], cut: int) -> list[CTE]:
    """The CTEs up to the prediction, which keeps only what the counts after it read (the
    gamma columns and the match probability), so the table written is narrow."""
    wanted = sorted({m for cte in queue[cut:] for m in re.findall(r"\bgamma_\w+", cte.sql)})
    full = f"{PREDICT}_full"
    return [*queue[:cut - 1], CTE(queue[cut - 1].sql, full),
            CTE(f"select {', '.join([*wanted, 'match_probability'])} from {full}", PREDICT)]
