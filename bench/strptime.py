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
    ap.add_argument("--out", default=os.path.join(HERE, "results", "strptime.md"))
    args = ap.parse_args(argv)
    log = lambda *a, **k: print(*a, file=sys.stderr)  # noqa: E731
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
