"""``fastdt.parse_array`` on other processes: a Dask cluster, and PySpark.

The Dask test starts a real ``dask.distributed.LocalCluster`` with worker
processes; the README's recipes are the code run here.  PySpark is tested
where it is installed (it needs a JVM and is not a test dependency).
"""
import os
import sys

import pandas as pd
import pytest

import fastdt
from dateutil.parser import parserinfo

CORPORA = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                       "bench", "corpora")


def corpus(name):
    with open(os.path.join(CORPORA, name + ".txt"), encoding="utf-8") as f:
        return [line.rstrip("\n") for line in f if not line.startswith("#")]


class GermanInfo(parserinfo):
    MONTHS = [("Jan", "Januar"), ("Feb", "Februar"), ("Mär", "März"),
              ("Apr", "April"), ("Mai", "Mai"), ("Jun", "Juni"), ("Jul", "Juli"),
              ("Aug", "August"), ("Sep", "September"), ("Okt", "Oktober"),
              ("Nov", "November"), ("Dez", "Dezember")]
    JUMP = parserinfo.JUMP + ["um", "Uhr"]


def frame():
    values = (corpus("mixed") + corpus("rfc2822")[:300]
              + ["garbage", None, "", "25. Oktober 2003 um 10:49 Uhr", "16h44m16s +144:00"])
    return pd.DataFrame({"ts": values, "n": range(len(values))},
                        index=pd.RangeIndex(1000, 1000 + len(values)))


def test_dask_local_cluster_gives_the_local_answer():
    import dask.dataframe as dd
    from dask.distributed import Client, LocalCluster

    pdf = frame()
    ddf = dd.from_pandas(pdf, npartitions=6)
    meta = pd.Series(dtype="datetime64[us, UTC]", name="ts")
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None, silence_logs=40) as cluster, \
            Client(cluster) as client:
        worker_pids = set(client.run(os.getpid).values())
        assert worker_pids and os.getpid() not in worker_pids
        # the README's recipe
        got = ddf.ts.map_partitions(fastdt.parse_array, utc=True, errors="coerce",
                                    meta=meta).compute()
        german = ddf.ts.map_partitions(fastdt.parse_array, GermanInfo(), utc=True,
                                       errors="coerce", meta=meta).compute()
        # the partitions really were parsed in the workers
        pids = ddf.ts.map_partitions(lambda s: pd.Series([os.getpid()] * len(s),
                                                         index=s.index, name="pid"),
                                     meta=pd.Series(dtype="int64", name="pid")).compute()
        assert set(pids) <= worker_pids
    # dask may hand the partitions over as string[pyarrow]; the answer is the same
    want = fastdt.parse_array(pdf.ts, utc=True, errors="coerce")
    pd.testing.assert_series_equal(got, want)
    pd.testing.assert_series_equal(german, fastdt.parse_array(pdf.ts, GermanInfo(), utc=True,
                                                              errors="coerce"))
    assert got.notna().sum() > 2000 and got.isna().sum() >= 4
    oktober = pdf.index[pdf.ts == "25. Oktober 2003 um 10:49 Uhr"][0]
    assert pd.isna(got[oktober])
    assert german[oktober] == pd.Timestamp("2003-10-25 10:49", tz="UTC")


def test_arrow_buffers_at_odd_addresses():
    # Dask ships partitions as pickled Arrow buffers, which can arrive at odd
    # addresses; offsets must be read without assuming alignment (the
    # sanitizer build, scripts/sanitize.sh, reports a misaligned load).
    import pyarrow as pa
    values = ["Sep 25 2003", None, "2003-09-25T10:49:41Z", "garbage", "10:49 BRST"]
    for typ, width in ((pa.string(), 4), (pa.large_string(), 8)):
        arr = pa.array(values, type=typ)
        validity, offsets, data = arr.buffers()
        odd = pa.py_buffer(bytearray(1) + offsets.to_pybytes()).slice(1)
        assert odd.address % width != 0
        shifted = pa.Array.from_buffers(typ, len(values), [validity, odd, data])
        assert shifted.to_pylist() == values
        # "10:49 BRST": parse_array's one warning per call, from either buffer
        with pytest.warns(fastdt.UnknownTimezoneWarning, match="BRST .*first at position 4"):
            got = fastdt.parse_array(shifted, utc=True, errors="coerce")
        with pytest.warns(fastdt.UnknownTimezoneWarning, match="BRST .*first at position 4"):
            assert got.equals(fastdt.parse_array(arr, utc=True, errors="coerce"))
        assert got.null_count == 2


def test_pyspark_pandas_udf_gives_the_local_answer():
    pyspark = pytest.importorskip(
        "pyspark", reason="pyspark is not installed (it needs a JVM and is not a test "
                          "dependency); the README's PySpark recipe is tested where it is")
    from pyspark.sql import SparkSession
    from pyspark.sql.functions import pandas_udf

    pdf = frame()[["ts", "n"]]
    spark = (SparkSession.builder.master("local[2]").appName("fastdt-test")
             .config("spark.sql.session.timeZone", "UTC")
             .config("spark.sql.execution.arrow.pyspark.enabled", "true")
             .config("spark.ui.enabled", "false").getOrCreate())
    try:
        # the README's recipe
        @pandas_udf("timestamp")
        def parse_ts(col: pd.Series) -> pd.Series:
            return fastdt.parse_array(col, utc=True, errors="coerce")

        sdf = spark.createDataFrame(pdf)
        out = sdf.withColumn("parsed", parse_ts("ts")).orderBy("n").toPandas()
    finally:
        spark.stop()
    want = fastdt.parse_array(pdf.ts, utc=True, errors="coerce")
    got = pd.to_datetime(out["parsed"]).dt.tz_localize("UTC") if getattr(
        out["parsed"].dt, "tz", None) is None else out["parsed"]
    pd.testing.assert_series_equal(got.astype("datetime64[us, UTC]").reset_index(drop=True),
                                   want.reset_index(drop=True), check_names=False)
    assert want.isna().sum() >= 4 and want.notna().sum() > 2000
    assert sys.modules.get("pyspark") is pyspark
