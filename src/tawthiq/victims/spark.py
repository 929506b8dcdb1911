"""Splink's Spark backend on a local Spark session (``--engine spark``): the same linkage,
for lists beyond one machine's DuckDB. Needs pyspark (the ``spark`` extra) and a Java 17+
runtime (Debian's headless JRE, ``make java``)."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tawthiq import knowledge
from tawthiq.errors import TawthiqError


def spark_knobs() -> dict:
    """The ``spark`` section of ``data/victims/linkage.json`` (config, lineage, u chunks)."""
    return knowledge.load("victims/linkage.json")["spark"]


def spark_session():
    """The process's Spark session, with splink's similarity UDF jar on its class path (the
    Scala Jaro-Winkler and friends, not Python UDFs). The driver heap is
    ``TAWTHIQ_SPARK_DRIVER_MEMORY`` when set (a JVM already running keeps its own)."""
    if shutil.which("java") is None:
        raise TawthiqError("--engine spark needs a Java runtime (make java, or apt-get "
                           "install openjdk-17-jre-headless)")
    try:
        from pyspark.sql import SparkSession
        from splink.backends.spark import similarity_jar_location
    except ImportError as exc:
        raise TawthiqError("--engine spark needs pyspark: pip install 'tawthiq[spark]'") \
            from exc
    config = dict(spark_knobs()["config"])
    if os.environ.get("TAWTHIQ_SPARK_DRIVER_MEMORY"):
        config["spark.driver.memory"] = os.environ["TAWTHIQ_SPARK_DRIVER_MEMORY"]
    builder = SparkSession.builder.appName("tawthiq-victims")
    for key, value in config.items():
        builder = builder.config(key, value)
    session = builder.config("spark.jars", similarity_jar_location()).getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    if session.sparkContext.getCheckpointDir() is None:
        folder = tempfile.mkdtemp(prefix="tawthiq-spark-")
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        session.sparkContext.setCheckpointDir(folder)
    return session


def spark_api():
    """Splink's Spark API over the local session (``spark_api.LocalSparkAPI``)."""
    from tawthiq.victims.spark_api import LocalSparkAPI

    return LocalSparkAPI(spark_session=spark_session(),
                         break_lineage_method=spark_knobs()["break_lineage_method"])


@dataclass(frozen=True)
class JvmUsage:
    """What the local session's JVM used so far: peak resident memory and CPU time."""

    pid: int
    peak_rss_gb: float
    cpu_s: float


def jvm_usage() -> JvmUsage | None:
    """The local JVM's peak resident set (VmHWM) and CPU seconds (user + system), read from
    /proc before the session stops: Python's ru_maxrss does not see the JVM, which is not
    reaped when a session stops. None when no JVM of this process runs (or no /proc)."""
    pid = _jvm_pid()
    if pid is None:
        return None
    status = Path(f"/proc/{pid}/status").read_text().split("\n")
    peak_kib = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return JvmUsage(pid, peak_kib / 1024 / 1024, (int(fields[11]) + int(fields[12])) / ticks)


def _jvm_pid() -> int | None:
    try:
        from pyspark import SparkContext
    except ImportError:
        return None
    gateway = SparkContext._gateway
    process = getattr(gateway, "proc", None) if gateway is not None else None
    if process is None or not Path(f"/proc/{process.pid}").exists():
        return None
    return process.pid
