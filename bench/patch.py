"""What ``fastdt.patch_dateutil()`` buys code that only knows dateutil.

    python -m bench.patch [--rounds 5] [--corpus mixed,rfc2822]

For each corpus: ``pd.to_datetime(col, format="mixed", utc=True,
errors="coerce")`` (pandas calls dateutil's private ``DEFAULTPARSER._parse``
per element), a ``dateutil.parser.parse`` loop, ``DEFAULTPARSER._parse``
alone and ``dateutil.parser.isoparse``, each unpatched and patched, in
interleaved rounds; the ratio is the median of per-round ratios.  Writes
Markdown to stdout and ``bench/results/patch.md``.  Results are checked
equal before anything is timed.
"""
import argparse
import os
import statistics
import sys
import time
import warnings

import dateutil.parser
from dateutil.parser import _parser as du_parser_mod

import fastdt

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from bench.corpora import read_corpus  # noqa: E402

NAMES = ["mixed", "rfc2822", "spelled", "syslog", "clf", "http", "csv_us", "csv_eu",
         "iso8601"]


def _timed(fn):
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def compare(fn, rounds):
    """(unpatched s, patched s, median ratio) over interleaved rounds."""
    plain, fast, ratios = [], [], []
    for _ in range(rounds):
        fastdt.unpatch_dateutil()
        a = _timed(fn)
        with fastdt.patch_dateutil():
            b = _timed(fn)
        plain.append(a)
        fast.append(b)
        ratios.append(a / b)
    return min(plain), min(fast), statistics.median(ratios)


def cases(corpus):
    import pandas as pd
    strings = corpus.strings
    col = pd.Series(strings)
    kw = {k: v for k, v in corpus.options.items() if k in ("dayfirst", "yearfirst")}
    parser = du_parser_mod.DEFAULTPARSER
    parse = dateutil.parser.parse
    yield ("pd.to_datetime(format='mixed')",
           lambda: pd.to_datetime(col, format="mixed", utc=True, errors="coerce", **kw))
    yield ("dateutil.parser.parse loop",
           lambda: [parse(s, **corpus.options) for s in strings])
    yield ("DEFAULTPARSER._parse loop", lambda: [parser._parse(s, **kw) for s in strings])
    if corpus.name == "iso8601":
        iso = dateutil.parser.isoparse
        yield ("dateutil.parser.isoparse loop", lambda: [iso(s) for s in strings])


def check_equal(name, fn):
    import pandas as pd
    fastdt.unpatch_dateutil()
    want = fn()
    with fastdt.patch_dateutil():
        got = fn()
    if isinstance(want, pd.Series):
        pd.testing.assert_series_equal(got, want)
    elif name.startswith("DEFAULTPARSER._parse"):
        assert [repr(r) for r in got] == [repr(r) for r in want]
    else:
        assert got == want, name


def main(argv=None):
    ap = argparse.ArgumentParser(prog="python -m bench.patch", description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--corpus", default=",".join(NAMES))
    ap.add_argument("--out", default=os.path.join(HERE, "results", "patch.md"))
    args = ap.parse_args(argv)
    warnings.simplefilter("ignore")
    rows = []
    for name in args.corpus.split(","):
        corpus = read_corpus(os.path.join(HERE, "corpora", name + ".txt"))
        for label, fn in cases(corpus):
            check_equal(label, fn)
            plain, fast, ratio = compare(fn, args.rounds)
            n = len(corpus.strings)
            rows.append((name, label, plain / n * 1e6, fast / n * 1e6, ratio))
            print("%-9s %-32s %8.2f us -> %6.2f us  %5.1fx" % rows[-1], file=sys.stderr)
    import pandas as pd
    lines = ["# fastdt.patch_dateutil(): dateutil's callers, unpatched vs patched", "",
             "python %s, pandas %s, python-dateutil %s; %d rounds, interleaved; "
             "µs per string (min over rounds); ratio = median of per-round ratios."
             % (sys.version.split()[0], pd.__version__, dateutil.__version__, args.rounds),
             "", "| corpus | call | unpatched µs | patched µs | × faster |",
             "|---|---|---:|---:|---:|"]
    for name, label, a, b, r in rows:
        lines.append("| %s | `%s` | %.2f | %.2f | %.1f× |" % (name, label, a, b, r))
    text = "\n".join(lines) + "\n"
    sys.stdout.write(text)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    main()
