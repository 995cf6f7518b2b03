"""Columns: ``fastdt.parse_array`` on whole columns, against what people use today.

    python -m bench.columns [--quick] [--rounds 5] [--corpus-dir DIR]

Also run as a section of ``python -m bench``.  Three ratios (issue 9),
reported, not asserted:

* ``pd.to_datetime(col, format="mixed", utc=True, errors="coerce")`` over
  ``fastdt.parse_array(col, utc=True, errors="coerce")`` on the mixed corpus
  as a pandas Series (target >= 200x);
* ``pd.to_datetime([fastdt.parse(s) for s in col], utc=True)`` over
  ``parse_array`` (target >= 2x);
* ``parse_array`` on a pyarrow string array with ``threads=1`` over
  ``threads=2`` (target >= 1.6x), on the mixed corpus and the ISO corpus.

And single-format columns (issue 11: the format fast path,
fastdt/_template.pyx): US ``%m/%d/%Y %H:%M:%S``, RFC 2822, ISO 8601 and
syslog, generated here (seeded), as pyarrow strings, ``parse_array(utc=True,
threads=1)`` against ``pd.to_datetime(col, format=<exact>, utc=True)``
(targets: >= 5x for US and RFC 2822, >= 1.5x for ISO), polars
``str.to_datetime(format=...)`` and ``pyarrow.compute.strptime(format=...,
unit="us")``, plus ``parse_array`` with the fast path switched off (the
"before") and the share of elements the fast path answered.

Every answer is checked equal to the reference's before anything is timed.
Each figure is the best of interleaved rounds; the ratio is the median of the
per-round ratios.  Writes Markdown to stdout and ``bench/results/columns.md``.
"""
import argparse
import os
import statistics
import sys
import time
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
if __package__ in (None, ""):
    sys.path.insert(0, os.path.dirname(HERE))

from bench.corpora import read_corpus  # noqa: E402

DEFAULT_CORPUS_DIR = os.path.join(HERE, "corpora_heldback")
TARGET_VS_MIXED = 200.0
TARGET_VS_LIST = 2.0
TARGET_THREADS = 1.6
SINGLE_FORMAT_SEED = 20_111
# name, the strings' strftime format, the exact format given to the peers,
# the goal over pandas (None: reported only), whether the date is complete
# (syslog has no year: dateutil takes today's, pandas/pyarrow 1900, polars 1)
SINGLE_FORMATS = [
    ("US", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M:%S", 5.0, True),
    ("RFC 2822", "%a, %d %b %Y %H:%M:%S +0000", "%a, %d %b %Y %H:%M:%S %z", 5.0, True),
    ("ISO 8601", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M:%S", 1.5, True),
    ("syslog", "%b %d %H:%M:%S", "%b %d %H:%M:%S", None, False),
]


def _timed(fn):
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def _compare(slow, fast, rounds):
    """(best slow s, best fast s, median of per-round slow/fast)."""
    a_times, b_times, ratios = [], [], []
    for _ in range(rounds):
        a = _timed(slow)
        b = _timed(fast)
        a_times.append(a)
        b_times.append(b)
        ratios.append(a / b)
    return min(a_times), min(b_times), statistics.median(ratios)


def _load(corpus_dir, name):
    return read_corpus(os.path.join(corpus_dir, name + ".txt")).strings


def _check_equal(got, want, what):
    import numpy as np
    g = np.asarray(got, dtype="datetime64[us]").view("int64")
    w = np.asarray(want, dtype="datetime64[us]").view("int64")
    if not (g == w).all():
        bad = int(np.argmax(g != w))
        raise AssertionError(f"{what}: parse_array differs at position {bad}")


def _single_format_strings(fmt, n):
    import datetime as dt
    import random
    rng = random.Random(SINGLE_FORMAT_SEED)
    start = dt.datetime(2000, 1, 1)
    out = []
    while len(out) < n:
        moment = start + dt.timedelta(seconds=rng.randrange(10**9))
        if (moment.month, moment.day) != (2, 29):     # syslog's year is this one
            out.append(moment.strftime(fmt))
    return out


def _best(fn, rounds):
    return min(_timed(fn) for _ in range(rounds))


def measure_single_format(quick=False, rounds=None, log=print):
    """Single-format columns: parse_array (fast path on and off) and the peers
    given the exact format; ns per string (best of ``rounds``), ratios."""
    with warnings.catch_warnings():
        # Python 3.13's strptime (under pandas' exact format) warns on a day
        # of month without a year: syslog's format has none by design (its
        # stamps carry none), and the peers are timed on it as they are
        warnings.filterwarnings("ignore", "Parsing dates involving a day of month without "
                                "a year", DeprecationWarning)
        return _measure_single_format(quick, rounds, log)


def _measure_single_format(quick, rounds, log):
    import fastdt
    import numpy as np
    import pandas as pd
    import polars as pl
    import pyarrow as pa
    import pyarrow.compute as pc
    from fastdt import _array

    rounds = rounds or (2 if quick else 5)
    n = 2_000 if quick else 200_000
    rows = []
    for name, strftime, exact, goal, complete in SINGLE_FORMATS:
        strings = _single_format_strings(strftime, n)
        arrow = pa.array(strings, type=pa.string())
        series = pd.Series(strings, dtype=object)
        polars = pl.Series("ts", strings, dtype=pl.String)

        def fast():
            return fastdt.parse_array(arrow, utc=True, threads=1)

        def fast_series():
            return fastdt.parse_array(series, utc=True, threads=1)

        def fast_off():
            saved = _array._FORMAT_TEMPLATES
            _array._FORMAT_TEMPLATES = False
            try:
                return fastdt.parse_array(arrow, utc=True, threads=1)
            finally:
                _array._FORMAT_TEMPLATES = saved

        peers = {
            "pandas": lambda: pd.to_datetime(series, format=exact, utc=True),
            "polars": lambda: polars.str.to_datetime(format=exact, time_unit="us"),
            "pyarrow": lambda: pc.strptime(arrow, format=exact, unit="us"),
        }
        got = fast().cast(pa.int64()).to_numpy()
        _, counts = _array.parse_array_counted(arrow, utc=True, threads=1)
        if not (fast_off().cast(pa.int64()).to_numpy() == got).all():
            raise AssertionError(f"{name}: the fast path changed an answer")
        want = [np.datetime64(fastdt.parse(s).replace(tzinfo=None), "us").astype("int64")
                for s in strings[:2000]]
        if list(got[:2000]) != want:
            raise AssertionError(f"{name}: parse_array differs from parse")
        if complete:
            ref = peers["pandas"]().dt.tz_localize(None).dt.as_unit("us")
            _check_equal(got.view("datetime64[us]"), ref.to_numpy(), f"{name} vs pandas")
        log(f"columns: single format {name} ({n} strings)", flush=True)
        times = {"fastdt": [], "fastdt_series": [], "fastdt_off": []}
        times.update({k: [] for k in peers})
        for _ in range(rounds):                  # interleaved
            times["fastdt"].append(_timed(fast))
            times["fastdt_series"].append(_timed(fast_series))
            times["fastdt_off"].append(_timed(fast_off))
            for k, fn in peers.items():
                times[k].append(_timed(fn))
        ns = {k: min(v) / n * 1e9 for k, v in times.items()}
        ratio = statistics.median(p / f for p, f in zip(times["pandas"], times["fastdt"]))
        rows.append(dict(name=name, format=strftime, n=n, ns=ns, ratio_pandas=ratio,
                         ratio_polars=ns["polars"] / ns["fastdt"],
                         ratio_pyarrow=ns["pyarrow"] / ns["fastdt"],
                         goal=goal, met=None if goal is None else ratio >= goal,
                         hit_rate=counts["template"] / counts["elements"],
                         complete=complete))
    return {"rows": rows, "rounds": rounds}


def render_single_format(result):
    lines = ["### Single-format columns: the format fast path (issue 11; reported, not "
             "asserted)", "",
             "| column | strings | parse_array ns (Arrow) | fast path off | parse_array "
             "(pandas Series) | pandas exact | polars | pyarrow strptime | × pandas | "
             "× polars | × pyarrow | goal | met | fast-path share |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---:|"]
    for r in result["rows"]:
        ns = r["ns"]
        goal = "—" if r["goal"] is None else f"≥ {r['goal']}× pandas"
        met = "—" if r["met"] is None else ("yes" if r["met"] else "no")
        lines.append(
            f"| {r['name']} `{r['format']}` | {r['n']:,} | {ns['fastdt']:,.0f} "
            f"| {ns['fastdt_off']:,.0f} | {ns['fastdt_series']:,.0f} | {ns['pandas']:,.0f} "
            f"| {ns['polars']:,.0f} | {ns['pyarrow']:,.0f} | {r['ratio_pandas']:.2f}× "
            f"| {r['ratio_polars']:.2f}× | {r['ratio_pyarrow']:.2f}× | {goal} | {met} "
            f"| {r['hit_rate']:.1%} |")
    lines += ["", f"`parse_array(col, utc=True, threads=1)`; peers given the exact format "
              "(`%z` for the RFC 2822 offset); best of "
              f"{result['rounds']} interleaved rounds, ns per string; × pandas is the median "
              "of per-round ratios.  \"fast path off\" is parse_array with every element "
              "through the grammar (the path before issue 11).  ISO strings take parse()'s "
              "own ISO shortcut, not a learned format (share 0%).  Answers checked: the fast "
              "path equals the path off, parse_array equals `fastdt.parse`, and equals "
              "pandas where the date is complete (syslog has no year: dateutil takes the "
              "current one, pandas and pyarrow 1900, polars 1).", ""]
    return "\n".join(lines)


def measure(quick=False, rounds=None, corpus_dir=DEFAULT_CORPUS_DIR, log=print):
    import fastdt
    import pandas as pd
    import pyarrow as pa

    rounds = rounds or (2 if quick else 5)
    mixed = _load(corpus_dir, "mixed")
    iso = _load(corpus_dir, "iso8601")
    if quick:
        mixed = mixed[:300]
        iso = iso[:300]
    col = pd.Series(mixed, name="ts")
    rows = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")

        def fast():
            return fastdt.parse_array(col, utc=True, errors="coerce")

        def pandas_mixed():
            return pd.to_datetime(col, format="mixed", utc=True, errors="coerce")

        def via_parse():
            return pd.to_datetime([fastdt.parse(s) for s in col], utc=True)

        import numpy as np
        got = fast().dt.tz_localize(None).to_numpy().view("int64")
        want = pandas_mixed().dt.tz_localize(None).dt.as_unit("us").to_numpy().view("int64")
        differ_from_pandas = int((got != want).sum())
        _check_equal(fast().dt.tz_localize(None),
                     via_parse().tz_localize(None).as_unit("us"), "vs [parse(s) for s]")
        log(f"columns: pd.to_datetime(format='mixed') vs parse_array ({len(col)} strings)",
            flush=True)
        a, b, r = _compare(pandas_mixed, fast, max(2, rounds // 2))
        rows.append(("pd.to_datetime(col, format='mixed', utc=True)", "mixed", len(col),
                     a, b, r, f"≥ {TARGET_VS_MIXED:.0f}×", r >= TARGET_VS_MIXED))
        log("columns: pd.to_datetime([fastdt.parse(s) for s in col]) vs parse_array",
            flush=True)
        a, b, r = _compare(via_parse, fast, rounds * 2)
        rows.append(("pd.to_datetime([fastdt.parse(s) for s in col], utc=True)", "mixed",
                     len(col), a, b, r, f"≥ {TARGET_VS_LIST:.0f}×", r >= TARGET_VS_LIST))

        repeat = 10 if quick else 100
        parallelism = {}
        for name, strings in (("mixed", mixed), ("iso8601", iso)):
            arrow = pa.array(strings * repeat, type=pa.string())
            one = fastdt.parse_array(arrow, utc=True, errors="coerce", threads=1)
            two = fastdt.parse_array(arrow, utc=True, errors="coerce", threads=2)
            if not one.equals(two):
                raise AssertionError("threads=2 differs from threads=1")
            log(f"columns: threads=1 vs threads=2 on Arrow ({name}, {len(arrow)} strings)",
                flush=True)
            a, b, r = _compare(
                lambda: fastdt.parse_array(arrow, utc=True, errors="coerce", threads=1),
                lambda: fastdt.parse_array(arrow, utc=True, errors="coerce", threads=2),
                rounds)
            rows.append((f"parse_array(pyarrow, threads=1) / threads=2", name, len(arrow),
                         a, b, r, f"≥ {TARGET_THREADS}×", r >= TARGET_THREADS))
            # CPU time over wall time of a threads=2 run: above 1 means the
            # two threads ran at once (the GIL was not held), whatever the
            # machine's load did to the wall-clock ratio
            best = 0.0
            for _ in range(rounds):
                wall, cpu = time.perf_counter(), time.process_time()
                fastdt.parse_array(arrow, utc=True, errors="coerce", threads=2)
                best = max(best, (time.process_time() - cpu) / (time.perf_counter() - wall))
            parallelism[name] = best
    return {"rows": [dict(baseline=base, corpus=corpus, n=n, baseline_ns=a / n * 1e9,
                          parse_array_ns=b / n * 1e9, ratio=r, goal=goal, met=met)
                     for base, corpus, n, a, b, r, goal, met in rows],
            "cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
            else os.cpu_count(),
            "load_average": list(os.getloadavg()) if hasattr(os, "getloadavg") else None,
            "rounds": rounds, "differ_from_pandas": differ_from_pandas,
            "parallelism": parallelism,
            "mixed_size": len(col),
            "single_format": measure_single_format(quick, rounds, log)}


def render(result):
    lines = ["### Columns: `fastdt.parse_array` (issue 9; ratios reported, not asserted)", "",
             "| baseline (over parse_array) | corpus | strings | baseline ns/string "
             "| parse_array ns/string | ratio | goal | met |",
             "|---|---|---:|---:|---:|---:|---|---|"]
    for row in result["rows"]:
        lines.append(f"| `{row['baseline']}` | {row['corpus']} | {row['n']:,} "
                     f"| {row['baseline_ns']:,.0f} | {row['parse_array_ns']:,.0f} "
                     f"| {row['ratio']:.2f}× | {row['goal']} | {'yes' if row['met'] else 'no'} |")
    load = result.get("load_average")
    lines += ["", f"{result['cores']} cores; load average {load} at the end; "
              f"{result['rounds']} interleaved rounds, median of per-round ratios; "
              "for the threads rows the baseline is threads=1 and the ratio its time over "
              "threads=2's.", "",
              "CPU time / wall time of a threads=2 run (best round; 2.0 = both threads ran "
              "the whole time; over 1 shows they ran at once, with the GIL released): "
              + ", ".join(f"{k} {v:.2f}" for k, v in result.get("parallelism", {}).items())
              + ".", "",
              f"parse_array equals `[fastdt.parse(s) for s in col]` on every string; "
              f"`pd.to_datetime(format='mixed')` answers {result['differ_from_pandas']} of "
              f"the {result['mixed_size']} mixed strings differently (pandas fills a missing "
              "year with 1, dateutil and fastdt with the current year).", ""]
    if result.get("single_format"):
        lines.append(render_single_format(result["single_format"]))
    return "\n".join(lines)


def main(argv=None):
    ap = argparse.ArgumentParser(prog="python -m bench.columns",
                                 description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--rounds", type=int)
    ap.add_argument("--corpus-dir", default=DEFAULT_CORPUS_DIR)
    ap.add_argument("--out", default=os.path.join(HERE, "results"))
    args = ap.parse_args(argv)
    result = measure(args.quick, args.rounds, args.corpus_dir)
    markdown = render(result)
    print(markdown)
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "columns.md"), "w") as fh:
        fh.write(markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
