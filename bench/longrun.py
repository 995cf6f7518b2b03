"""Long-running use: does memory stay flat over millions of calls?

    python -m bench.longrun                         # 10M calls per entry point, 1M array elements
    python -m bench.longrun --calls 100000 --elements 100000 --entry parse,isoparse
    python -m bench.longrun --out bench/results/longrun.txt

Each entry point (``parse``, ``parse_fields``, ``isoparse``, ``parse_array``)
is driven by a cycle of calls that succeed, raise (``ParserError``,
``ValueError``, ``MissingFieldsError``, ``OverflowError``: caught) and warn
(``UnknownTimezoneWarning`` for an unknown zone name), with tzinfos (dict and
callable), ``default=``, ``fuzzy_with_tokens``, ``required=`` and a
dayfirst ``parserinfo``.  Runs of calls alternate between the warning
actions a program may set for ``UnknownTimezoneWarning`` -- "ignore" (the
path that skips ``warn_explicit``), "default" (shown once per message; the
showing is counted, not printed) and "error" (the warning raised, caught) --
so the filter caches and dateutil's warning registry are rebuilt thousands of
times over a run.

At intervals (after ``gc.collect()``) a sample records resident memory
(``/proc/self/statm``), ``sys.getallocatedblocks()`` (live pymalloc and
PyMem/PyObject blocks: a leaked object shows as blocks even while RSS hides
it in arena free space) and glibc's bytes in use (``mallinfo2``: buffers
fastdt takes straight from ``malloc``, numpy's arrays).  The verdict is
"flat" when, between the sample taken after the warm-up and the last one,
none grows past its bound (``BOUNDS``).  ``tests/test_leaks.py`` runs the
same cycles for seconds, with tighter, per-call bounds.
"""
import argparse
import ctypes
import datetime
import gc
import io
import os
import sys
import time
import warnings

import fastdt
from dateutil import tz
from dateutil.parser import UnknownTimezoneWarning, parserinfo

MB = 1 << 20

# What "flat" allows from the warm-up sample to the last.  A leak of one
# pymalloc block per 10,000 calls gives 1,000 blocks over 10M calls; one
# byte of malloc per call, 10 MB.  RSS gets more room: the allocator keeps
# pages it has freed, and imports made lazily (pandas' first Series
# operations) land after the warm-up.
BOUNDS = {"rss": 4 * MB, "blocks": 1_000, "malloc": 1 * MB}

# --- the inputs -------------------------------------------------------------

# A mix of every kind of call, successful and not (tests/test_leaks.py's
# memray guards run these too).
OK = [
    "2003-09-25T10:49:41.5", "20030925T104941", "990101", "Thu Sep 25 10:49:41 2003",
    "10:49 PM", "25th of September, 2003 at 10:49", "10h49m41s",
    "2003-09-25T10:49:41Z", "2003-09-25T10:49:41-0300", "2003-09-25T10:49:41+05:30",
    "2003-09-25 10:49:41 BRST-0300", b"2003-09-25T10:49:41", "2003-09-25\x00T10:49",
    "2003-09-25\u300010:49",
]
BAD = ["not a date", "2003-02-30", "25:61", "", "Sep 32 2003", "10:49:41 +99:99x"]
FUZZY = ["Today is 25 of September of 2003, exactly at 10:49:41 with timezone -03:00.",
         "Sep 25 2003 10:49 \u2014 ok"]
UNKNOWN_ZONE = "2003-09-25 10:49 XYZT"        # dateutil warns: UnknownTimezoneWarning
# Past the inline buffers (48 tokens, 256 characters once NULs are taken
# out), so the parse takes its token and character buffers from malloc.
HEAP_OK = "Sep 25 2003\x00 10:49 " + "x " * 150
HEAP_BAD = "\x00".join("x y z " * 50)
TZINFOS = {"BRST": -10800, "CEST": tz.tzoffset("CEST", 7200)}
DAYFIRST_INFO = parserinfo(dayfirst=True)
DAYFIRST_PARSE = fastdt.Parser(DAYFIRST_INFO).parse
DEFAULT = datetime.datetime(2003, 9, 25)
DEFAULT_AWARE = datetime.datetime(2003, 9, 25, tzinfo=tz.tzoffset(None, 3600))
ISO_OK = ["2003-09-25", "2003-09-25T10:49:41", "2003-09-25T10:49:41.123456",
          "2003-09-25T10:49:41Z", "2003-09-25T10:49:41+05:30", "2003-09-25T10:49:41-0300",
          "20030925T104941", "2003-W39-4T10", "2003-268", b"2003-09-25T10:49:41Z",
          "2003-09-25T24:00"]
ISO_BAD = ["2003-09-25 10:49 x", "2003-13-01", "2003-09-25T10:49:41+25:00", "",
           "Sep 25 2003", "2003-09-25T10:49:41.", "2003-02-30"]
ERRORS = (fastdt.ParserError, ValueError, OverflowError, UnknownTimezoneWarning)


def _zone_callable(name, offset):
    # A tzinfos callable, as dateutil documents it: (name, offset) -> tzinfo.
    return TZINFOS["CEST"] if name == "CEST" else None


def _stream(text):
    # A character stream is read by parse(): a new one per call.
    return fastdt.parse(io.StringIO(text))


def _calls(f, texts, **kwargs):
    return [(f, text, kwargs) for text in texts]


def parse_cases():
    """(callable, argument, keywords) cycled by ``fastdt.parse``'s run."""
    p = fastdt.parse
    return (_calls(p, OK) + _calls(p, BAD + [HEAP_BAD]) + _calls(p, FUZZY, fuzzy=True)
            + _calls(p, FUZZY + [HEAP_OK], fuzzy_with_tokens=True)
            + _calls(DAYFIRST_PARSE, OK[:4], default=DEFAULT, ignoretz=True)
            + _calls(p, ["25/09/2003 10:49"], parserinfo=DAYFIRST_INFO)
            + _calls(p, [UNKNOWN_ZONE, UNKNOWN_ZONE.replace("XYZT", "QQQT")])
            + _calls(p, [UNKNOWN_ZONE], fuzzy_with_tokens=True)
            + _calls(p, ["2003-09-25 10:49:41 BRST", "Sep 25 10:49 CEST", "10:49 CEST"],
                     tzinfos=TZINFOS)
            + _calls(p, ["Sep 25 10:49 CEST", UNKNOWN_ZONE], tzinfos=_zone_callable)
            + _calls(p, ["Sep 25 10:49", "10:49 PM"], default=DEFAULT_AWARE)
            + _calls(p, ["Sep 25 10:49", "2003 Sep 25"], required=("year", "month", "day"))
            + _calls(_stream, ["Sep 25 2003 10:49"]))


def parse_fields_cases():
    f = fastdt.parse_fields
    return (_calls(f, OK) + _calls(f, BAD + [HEAP_BAD]) + _calls(f, FUZZY + [HEAP_OK], fuzzy=True)
            + _calls(f, [UNKNOWN_ZONE, "2003-09-25 10:49:41 BRST"])
            + _calls(f, ["25/09/2003 10:49"], parserinfo=DAYFIRST_INFO)
            + _calls(f, ["Sep 25 10:49", "2003 Sep 25"], required=("year", "month")))


def isoparse_cases():
    space = fastdt.isoparser(sep=" ").isoparse
    return (_calls(fastdt.isoparse, ISO_OK) + _calls(fastdt.isoparse, ISO_BAD + [HEAP_BAD])
            + _calls(space, ["2003-09-25 10:49:41", "2003-09-25T10:49:41"]))


# Small columns, so that a million elements are thousands of calls.
ARRAY_CHUNK = 200


def _chunk(start, with_bad=True):
    """ARRAY_CHUNK strings cycled from every list above, from ``start``."""
    pool = OK + FUZZY + [UNKNOWN_ZONE, None, "2003-09-25 10:49:41 BRST"]
    if with_bad:       # HEAP_OK needs fuzzy=True
        pool = pool + BAD + [HEAP_BAD, HEAP_OK]
    return [pool[(start + i) % len(pool)] for i in range(ARRAY_CHUNK)]


def parse_array_cases(kinds=("list", "numpy", "pandas")):
    """Columns of ARRAY_CHUNK values: lists, numpy object arrays, pandas Series."""
    import numpy as np
    pa = fastdt.parse_array
    clean = [s for s in _chunk(0, with_bad=False) if s is None or isinstance(s, str)]
    makers = {"list": list, "numpy": lambda v: np.array(v, dtype=object),
              "pandas": lambda v: __import__("pandas").Series(v)}
    cases = []
    for i, make in enumerate(makers[kind] for kind in kinds):
        cases += [
            (pa, make(_chunk(i)), {"errors": "coerce", "utc": True, "tzinfos": TZINFOS}),
            (pa, make(_chunk(i + 7)), {"errors": "coerce", "ignoretz": True, "fuzzy": True,
                                        "default": DEFAULT, "unit": "ns"}),
            (pa, make(_chunk(i + 3)), {"utc": True}),        # raises at the first bad value
            (pa, make(clean), {"utc": True, "tzinfos": _zone_callable,
                               "dayfirst": True}),
        ]
    # Two threads share the column (asked for: by default a thread gets
    # 20,000 values at least).
    cases.append((pa, np.array(_chunk(5), dtype=object),
                  {"errors": "coerce", "utc": True, "threads": 2}))
    return cases


ENTRY_POINTS = {
    "parse": parse_cases,
    "parse_fields": parse_fields_cases,
    "isoparse": isoparse_cases,
    "parse_array": parse_array_cases,
}
WARNING_ACTIONS = ("ignore", "default", "error")


def _weight(arg):
    """Calls (scalar entry points) or elements (columns) one call makes."""
    return 1 if isinstance(arg, (str, bytes)) else len(arg)


class Workload:
    """Cycles an entry point's cases; counts calls (or elements) done.

    ``run(n)`` goes on from where the last run stopped, switching the
    warning action for UnknownTimezoneWarning every ``block`` calls.
    """

    def __init__(self, entry, cases=None):
        self.entry = entry
        cases = ENTRY_POINTS[entry]() if cases is None else cases
        self.cases = [(f, arg, kw, _weight(arg)) for f, arg, kw in cases]
        # A run of calls per action holds every case: 1,000 calls for the
        # scalars, one round of the cases for columns (a call is hundreds
        # of values).
        self.block = len(self.cases) if entry == "parse_array" else 1_000
        self.done = 0
        self.calls = 0
        self.shown = 0            # warnings "default" showed (counted, not printed)

    def _show(self, *args, **kwargs):
        self.shown += 1

    def run(self, units):
        """Make calls until ``units`` more calls (or elements) are done."""
        cases, k, block = self.cases, len(self.cases), self.block
        target = self.done + units
        with warnings.catch_warnings():
            warnings.showwarning = self._show
            while self.done < target:
                warnings.resetwarnings()
                warnings.simplefilter(WARNING_ACTIONS[(self.calls // block) % 3],
                                      UnknownTimezoneWarning)
                done = 0
                for i in range(self.calls, self.calls + block):
                    f, arg, kw, weight = cases[i % k]
                    try:
                        f(arg, **kw)
                    except ERRORS:
                        pass
                    done += weight
                    if self.done + done >= target:
                        break
                self.calls = i + 1
                self.done += done

    def warm_up(self):
        """Every case under every warning action, twice: the one-off caches
        (tz objects, messages per zone name, Cython's traceback code objects,
        lazy imports) are filled before the first sample."""
        k = len(self.cases)
        cycles = -(-2 * len(WARNING_ACTIONS) * max(self.block, k) // k)
        self.run(cycles * sum(case[3] for case in self.cases))


# --- measuring --------------------------------------------------------------

def rss_bytes():
    """Resident set size now (not the peak), from /proc/self/statm.

    Read in binary: a text-mode open leaves ~120 blocks in caches over its
    first few hundred calls, which the samples would count as growth."""
    with open("/proc/self/statm", "rb") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


class _Mallinfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in (
        "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks",
        "uordblks", "fordblks", "keepcost")]


def _malloc_in_use_fn():
    try:
        fn = ctypes.CDLL(None).mallinfo2       # glibc >= 2.33
    except (OSError, AttributeError):
        return None
    fn.restype = _Mallinfo2
    return fn


_MALLINFO2 = _malloc_in_use_fn()


def malloc_in_use():
    """Bytes glibc's malloc has handed out and not had back (None elsewhere)."""
    if _MALLINFO2 is None:
        return None
    info = _MALLINFO2()
    return info.uordblks + info.hblkhd


def sample():
    """(rss, blocks, malloc) after a full collection."""
    gc.collect()
    return rss_bytes(), sys.getallocatedblocks(), malloc_in_use()


def growth(first, last):
    """Growth of each measure from one sample to another, by name."""
    return {name: (b - a if a is not None else None)
            for name, a, b in zip(BOUNDS, first, last)}


def flat(grown):
    """The measures that grew past their bound (empty: flat)."""
    return [name for name, g in grown.items() if g is not None and g > BOUNDS[name]]


def longrun(entry, units, samples=20, out=print):
    """Run ``entry`` for ``units`` calls (elements), print a table; True if flat."""
    work = Workload(entry)
    unit = "elements" if entry == "parse_array" else "calls"
    rss0 = rss_bytes()
    t0 = time.perf_counter()
    work.warm_up()
    warm_calls, work.done = work.done, 0
    base = sample()
    out("\n%s: %s %s after a warm-up of %s (%.1f s; RSS before it %.2f MB)"
        % (entry, format(units, ","), unit, format(warm_calls, ","),
           time.perf_counter() - t0, rss0 / MB))
    t0 = time.perf_counter()
    out("%12s %9s %9s %8s %11s %8s %10s" % (unit, "seconds", "RSS MB", "ΔRSS KB",
                                           "blocks", "Δblocks", "Δmalloc KB"))

    def row(s):
        g = growth(base, s)
        out("%12s %9.1f %9.2f %8d %11s %8d %10s" % (
            format(work.done, ","), time.perf_counter() - t0, s[0] / MB, g["rss"] // 1024,
            format(s[1], ","), g["blocks"],
            "n/a" if g["malloc"] is None else g["malloc"] // 1024))
        return g

    g = row(base)
    step = max(1, units // samples)
    while work.done < units:
        work.run(min(step, units - work.done))
        g = row(sample())
    failed = flat(g)
    out("%s: %s (%s calls with the warm-up's, %s warnings shown by 'default'; bounds: RSS %d MB, "
        "%d blocks, malloc %d MB)" % (
            entry, "FLAT" if not failed else "GROWS: " + ", ".join(failed),
            format(work.calls, ","), format(work.shown, ","), BOUNDS["rss"] // MB,
            BOUNDS["blocks"], BOUNDS["malloc"] // MB))
    return not failed


def main(argv=None):
    ap = argparse.ArgumentParser(prog="python -m bench.longrun", description=__doc__.split("\n")[0])
    ap.add_argument("--calls", type=int, default=10_000_000,
                    help="calls per scalar entry point (default 10,000,000)")
    ap.add_argument("--elements", type=int, default=1_000_000,
                    help="elements through parse_array (default 1,000,000)")
    ap.add_argument("--entry", default=",".join(ENTRY_POINTS),
                    help="comma-separated entry points (default: all four)")
    ap.add_argument("--samples", type=int, default=20, help="samples per entry point")
    ap.add_argument("--out", help="also write the tables to this file")
    args = ap.parse_args(argv)
    entries = args.entry.split(",")
    unknown = set(entries) - set(ENTRY_POINTS)
    if unknown:
        ap.error("unknown entry points: %s (choose from %s)"
                 % (", ".join(sorted(unknown)), ", ".join(ENTRY_POINTS)))
    # Lines go straight out, not into a list: a kept line would be blocks
    # the next sample counts.
    log = open(args.out, "w") if args.out else None

    def out(line):
        print(line, flush=True)
        if log:
            print(line, file=log, flush=True)

    out("fastdt %s, Python %s, dateutil %s, pid %d, started %s UTC" % (
        fastdt.__version__, sys.version.split()[0], __import__("dateutil").__version__,
        os.getpid(), datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M")))
    ok = all([longrun(e, args.elements if e == "parse_array" else args.calls,
                      args.samples, out) for e in entries])
    if log:
        log.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
