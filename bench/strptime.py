"""``fastdt.strptime`` against ``datetime.datetime.strptime`` on log formats.

    python -m bench.strptime [--rounds 9] [--quick] [--instructions]

For each log-style format, 1,000 strings written by ``strftime`` from
seeded random datetimes (the same strings for both), both functions timed
in interleaved rounds in this one process (bench/timing.py); the ratio is
the median of per-round ratios.  Answers are checked equal before anything
is timed.  Also a section of ``python -m bench``.  Writes Markdown to
stdout and ``bench/results/strptime.md``.

``--instructions`` adds instructions per call under callgrind (needs
valgrind): each function called on one string of each format in a child
process, N/10 and N times, the difference divided by the extra calls (start-up
cancelled out; PYTHONHASHSEED=0 so both runs hash alike).  Load-independent,
where the wall-clock ratios on a shared machine are not.
"""
import argparse
import datetime
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
if os.path.dirname(HERE) not in sys.path:
    sys.path.insert(0, os.path.dirname(HERE))

import fastdt  # noqa: E402
from bench.timing import Job, run_interleaved, summarize, median_ratio  # noqa: E402

GOAL = 20.0
SEED = 16

# (name, format, how a written string is cut: some logs keep 3 fraction digits)
FORMATS = [
    ("python logging", "%Y-%m-%d %H:%M:%S,%f", -3),
    ("CLF (Apache)", "%d/%b/%Y:%H:%M:%S %z", None),
    ("syslog", "%b %d %H:%M:%S", None),
    ("compact, ms", "%Y%m%d-%H:%M:%S:%f", -3),
    ("DB2", "%Y-%m-%d-%H.%M.%S.%f", None),
    ("ISO 8601 with offset", "%Y-%m-%dT%H:%M:%S%z", None),
    ("ISO 8601 with fraction and offset", "%Y-%m-%dT%H:%M:%S.%f%z", None),
    ("plain", "%Y-%m-%d %H:%M:%S", None),
]


def strings(fmt, cut, n, rng):
    out = []
    for _ in range(n):
        dt = datetime.datetime(rng.randint(1970, 2030), rng.randint(1, 12), rng.randint(1, 28),
                               rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59),
                               rng.randint(0, 999999),
                               datetime.timezone(datetime.timedelta(
                                   minutes=rng.choice([0, 60, -300, 330, -420, 120]))))
        s = dt.strftime(fmt)
        out.append(s[:cut] if cut else s)
    return out


def measure(quick=False, rounds=None, log=print):
    rounds = rounds or (3 if quick else 9)
    n = 200 if quick else 1000
    rng = random.Random(SEED)
    rows = []
    with warnings.catch_warnings():
        # 3.13: "%d without a year" warns when a format is compiled (both do)
        warnings.simplefilter("ignore", DeprecationWarning)
        for name, fmt, cut in FORMATS:
            items = strings(fmt, cut, n, rng)
            for s in items:
                if fastdt.strptime(s, fmt) != datetime.datetime.strptime(s, fmt):
                    raise AssertionError("answers differ on %r %r" % (s, fmt))
            pairs = [(s, fmt) for s in items]
            jobs = [Job("fastdt", fastdt.strptime, "f(s[0], s[1])", pairs, len(pairs)),
                    Job("cpython", datetime.datetime.strptime, "f(s[0], s[1])", pairs,
                        len(pairs))]
            log("strptime: %s" % fmt, flush=True)
            run_interleaved(jobs, rounds, target_ns=20_000_000 if quick else 60_000_000)
            fast, slow = jobs[0].samples_ns, jobs[1].samples_ns
            rows.append({"name": name, "format": fmt, "example": items[0],
                         "fastdt": summarize(fast), "cpython": summarize(slow),
                         "ratio": median_ratio(slow, fast)})
    return {"rows": rows, "rounds": rounds, "strings": n, "python": sys.version.split()[0],
            "goal": GOAL}


_CHILD = """\
import datetime, gc, itertools, sys, warnings
warnings.simplefilter("ignore")
peer, fmt, s, calls = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
if peer == "fastdt":
    from fastdt import strptime as f
else:
    f = datetime.datetime.strptime
f(s, fmt)
gc.disable()
def loop(n, f=f, s=s, fmt=fmt):
    for _ in itertools.repeat(None, n):
        f(s, fmt)
loop(calls)
"""


def _callgrind(script, peer, fmt, s, calls):
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "cg.out")
        proc = subprocess.run(
            ["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out, sys.executable,
             script, peer, fmt, s, str(calls)],
            capture_output=True, text=True, env=dict(os.environ, PYTHONHASHSEED="0"))
        found = re.search(r"Collected : (\d+)", proc.stderr)
        if not found:
            raise RuntimeError(proc.stderr[-2000:])
        return int(found.group(1))


def instructions(calls=10_000, log=print):
    """{format: (fastdt instructions per call, datetime.strptime's)}."""
    if not shutil.which("valgrind"):
        raise RuntimeError("valgrind is not installed")
    rng = random.Random(SEED)
    found = {}
    with tempfile.TemporaryDirectory() as tmp:
        script = os.path.join(tmp, "child.py")
        with open(script, "w") as f:
            f.write(_CHILD)
        for _name, fmt, cut in FORMATS:
            s = strings(fmt, cut, 1, rng)[0]
            per = []
            for peer in ("fastdt", "cpython"):
                few = _callgrind(script, peer, fmt, s, calls // 10)
                many = _callgrind(script, peer, fmt, s, calls)
                per.append((many - few) / (calls - calls // 10))
            log("instructions: %s %s" % (fmt, per), flush=True)
            found[fmt] = tuple(per)
    return found


# parse_array(format=) against the peers' strptime on one column (issue 16)
COLUMN_GOAL_PANDAS = 5.0
COLUMN_FORMATS = [
    ("DB2", "%Y-%m-%d-%H.%M.%S.%f", None),
    ("compact, ms", "%Y%m%d-%H:%M:%S:%f", -3),
    ("CLF (Apache)", "%d/%b/%Y:%H:%M:%S %z", None),
    ("python logging", "%Y-%m-%d %H:%M:%S,%f", -3),
    ("ISO 8601 with fraction and offset", "%Y-%m-%dT%H:%M:%S.%f%z", None),
]


def _best_of(times):
    return min(times)


def measure_columns(quick=False, rounds=None, log=print):
    """``parse_array(arrow, format=F, utc=True, threads=1)`` against
    ``pd.to_datetime(series, format=F, utc=True)``, polars'
    ``str.strptime(pl.Datetime("us", "UTC"), F)`` and
    ``pyarrow.compute.strptime(arrow, F, "us")`` on the same strings, in
    interleaved rounds in this process: ns per string (best round), × the
    median of per-round ratios.  Answers checked against datetime.strptime
    (and pandas) before timing; a peer that refuses the format is "n/a"."""
    import statistics
    import time
    import numpy as np
    import pandas as pd
    import polars as pl
    import pyarrow as pa
    import pyarrow.compute as pc
    rounds = rounds or (3 if quick else 7)
    n = 2_000 if quick else 200_000
    rng = random.Random(SEED + 1)
    rows = []
    # polars warns that chrono's %f is not Python's; its answers are not
    # compared (it is timed as a user calling it with the same format would)
    warnings.filterwarnings("ignore", "Detected the pattern `%f`")
    for name, fmt, cut in COLUMN_FORMATS:
        items = strings(fmt, cut, n, rng)
        arrow = pa.array(items, type=pa.string())
        series = pd.Series(items, dtype=object)
        polars = pl.Series("ts", items, dtype=pl.String)
        jobs = {
            "fastdt": lambda: fastdt.parse_array(arrow, format=fmt, utc=True, threads=1),
            "pandas": lambda: pd.to_datetime(series, format=fmt, utc=True),
            "polars": lambda: polars.str.strptime(pl.Datetime("us", "UTC"), fmt),
            "pyarrow": lambda: pc.strptime(arrow, format=fmt, unit="us"),
        }
        got = jobs["fastdt"]().cast(pa.int64()).to_numpy()
        for s, g in zip(items[:2000], got[:2000]):
            d = datetime.datetime.strptime(s, fmt)
            want = np.datetime64(d.replace(tzinfo=None) - (d.utcoffset()
                                 or datetime.timedelta(0)), "us").astype("int64")
            if g != want:
                raise AssertionError("parse_array(format=) differs from strptime on %r" % s)
        ref = jobs["pandas"]().dt.tz_localize(None).dt.as_unit("us").to_numpy()
        if not (ref.view("int64") == got).all():
            raise AssertionError("%s: parse_array(format=) differs from pandas" % name)
        working = {}
        for peer, fn in jobs.items():
            try:
                fn()
                working[peer] = fn
            except Exception as exc:  # noqa: BLE001 -- reported as n/a
                log("columns(format=): %s refuses %s: %s" % (peer, fmt, str(exc)[:80]))
        log("columns(format=): %s (%d strings)" % (fmt, n), flush=True)
        times = {k: [] for k in working}
        for _ in range(rounds):                  # interleaved
            for k, fn in working.items():
                t0 = time.perf_counter()
                fn()
                times[k].append(time.perf_counter() - t0)
        ns = {k: _best_of(v) / n * 1e9 for k, v in times.items()}
        ratios = {k: statistics.median(p / f for p, f in zip(times[k], times["fastdt"]))
                  for k in times if k != "fastdt"}
        rows.append(dict(name=name, format=fmt, n=n, ns=ns, ratios=ratios))
    return {"rows": rows, "rounds": rounds, "python": sys.version.split()[0],
            "goal": COLUMN_GOAL_PANDAS}


def render_columns(result):
    lines = ["## Columns of one known format: `parse_array(col, format=F)` (issue 16)", "",
             "`parse_array(arrow, format=F, utc=True, threads=1)` vs `pd.to_datetime(series, "
             "format=F, utc=True)`, polars `str.strptime(pl.Datetime('us', 'UTC'), F)` (its "
             "own thread pool) and `pyarrow.compute.strptime(arrow, F, 'us')`; %d strings, "
             "%d interleaved rounds, ns per string (best round); × is the median of "
             "per-round ratios; goal ≥ %.0f× pandas and faster than polars and pyarrow."
             % (result["rows"][0]["n"], result["rounds"], result["goal"]), "",
             "| format | fastdt ns | pandas ns | polars ns | pyarrow ns | × pandas | "
             "× polars | × pyarrow |", "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for r in result["rows"]:
        ns, ratios = r["ns"], r["ratios"]
        cell = lambda k: "n/a" if k not in ns else "%.0f" % ns[k]  # noqa: E731
        ratio = lambda k: "n/a" if k not in ratios else "%.2f×" % ratios[k]  # noqa: E731
        lines.append("| `%s` | %s | %s | %s | %s | %s | %s | %s |" % (
            r["format"], cell("fastdt"), cell("pandas"), cell("polars"), cell("pyarrow"),
            ratio("pandas"), ratio("polars"), ratio("pyarrow")))
    return "\n".join(lines) + "\n"


def render(result):
    lines = ["## strptime: `fastdt.strptime` vs `datetime.strptime`", "",
             "Python %s; %d strings per format, %d interleaved rounds in one process; "
             "ns per call (min of rounds); × is the median of per-round ratios."
             % (result["python"], result["strings"], result["rounds"]), "",
             "| format | example | fastdt ns | datetime.strptime ns | × | goal |",
             "|---|---|---:|---:|---:|---|"]
    for row in result["rows"]:
        met = "met" if row["ratio"] >= result["goal"] else "NOT met"
        lines.append("| `%s` | `%s` | %.0f | %.0f | %.1f× | ≥ %.0f× (%s) |" % (
            row["format"], row["example"], row["fastdt"]["min_ns"],
            row["cpython"]["min_ns"], row["ratio"], result["goal"], met))
    if result.get("instructions"):
        lines += ["", "Instructions per call (callgrind, one string per format, start-up "
                  "cancelled out):", "",
                  "| format | fastdt | datetime.strptime | × |", "|---|---:|---:|---:|"]
        for fmt, (fast, slow) in result["instructions"].items():
            lines.append("| `%s` | %.0f | %.0f | %.1f× |" % (fmt, fast, slow, slow / fast))
    return "\n".join(lines) + "\n"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=None)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--instructions", action="store_true",
                    help="also instructions per call under callgrind (needs valgrind)")
    ap.add_argument("--columns", action="store_true",
                    help="only parse_array(format=) against pandas, polars and pyarrow")
    ap.add_argument("--out", default=os.path.join(HERE, "results", "strptime.md"))
    args = ap.parse_args(argv)
    log = lambda *a, **k: print(*a, file=sys.stderr)  # noqa: E731
    if args.columns:
        text = render_columns(measure_columns(args.quick, args.rounds, log))
        print(text)
        with open(os.path.join(HERE, "results", "strptime-columns.md"), "w") as f:
            f.write(text)
        return 0
    result = measure(args.quick, args.rounds, log)
    if args.instructions:
        result["instructions"] = instructions(1000 if args.quick else 10_000, log)
    text = render(result)
    print(text)
    with open(args.out, "w") as f:
        f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
