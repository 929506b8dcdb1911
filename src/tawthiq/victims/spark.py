"""Splink's Spark backend on a local Spark session (``--engine spark``): the same linkage,
for lists beyond one machine's DuckDB. Needs pyspark (the ``spark`` extra) and a Java 17+
runtime (Debian's headless JRE, ``make java``)."""

from __future__ import annotations

import shutil
import tempfile

from tawthiq.errors import TawthiqError

# Local mode on this project's machines: both cores, few shuffle partitions (the default 200
# are made for clusters and cost seconds per stage on small data), no web UI.
SPARK_CONFIG = {
    "spark.master": "local[2]",
    "spark.app.name": "tawthiq-victims",
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.shuffle.partitions": "4",
    "spark.default.parallelism": "4",
    "spark.driver.memory": "6g",
    "spark.sql.adaptive.enabled": "true",
}


def spark_session():
    """The process's Spark session, with splink's similarity UDF jar on its class path."""
    if shutil.which("java") is None:
        raise TawthiqError("--engine spark needs a Java runtime (make java, or apt-get "
                           "install openjdk-17-jre-headless)")
    try:
        from pyspark.sql import SparkSession
        from splink.backends.spark import similarity_jar_location
    except ImportError as exc:
        raise TawthiqError("--engine spark needs pyspark: pip install 'tawthiq[spark]'") \
            from exc
    builder = SparkSession.builder
    for key, value in SPARK_CONFIG.items():
        builder = builder.config(key, value)
    session = builder.config("spark.jars", similarity_jar_location()).getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    session.sparkContext.setCheckpointDir(tempfile.mkdtemp(prefix="tawthiq-spark-"))
    return session


def spark_api():
    from splink import SparkAPI

    return SparkAPI(spark_session=spark_session(), break_lineage_method="persist")
