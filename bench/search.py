"""search(line) against parse(the bare timestamp), per log system (issue 17).

    python -m bench.search [--held-back] [--rounds N]

For each system of bench/search_corpora.py, the median time per line of
``fastdt.search(line)`` and of ``fastdt.parse(line[start:end])`` (the
timestamp already cut out), measured in one process, interleaved round by
round so that both see the same machine load; the target is a ratio of at
most 3.  ``datefinder.find_dates`` and ``dateparser.search.search_dates``
are timed too when installed (they are not, on the project's machine).
"""
import argparse
import statistics
import time
import warnings

import fastdt
from bench import search_corpora

TARGET = 3.0


def _per_line(fn, items, repeat):
    """Best-of-``repeat`` ns per item of ``fn`` over ``items``."""
    best = None
    for _ in range(repeat):
        t0 = time.perf_counter_ns()
        for item in items:
            fn(item)
        took = (time.perf_counter_ns() - t0) / len(items)
        best = took if best is None else min(best, took)
    return best


def _peers():
    peers = {}
    try:
        import datefinder
        peers["datefinder"] = lambda line: next(datefinder.find_dates(line), None)
    except ImportError:
        pass
    try:
        from dateparser.search import search_dates
        peers["dateparser"] = search_dates
    except ImportError:
        pass
    return peers


def measure(held_back=False, rounds=7, repeat=3):
    """{system: (search ns, parse ns, ratio, {peer: ns})}."""
    out = {}
    peers = _peers()
    default = fastdt.parse("2005-01-01")
    search = lambda line: fastdt.search(line, default=default)   # noqa: E731
    parse = lambda stamp: fastdt.parse(stamp, default=default)   # noqa: E731
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for system in search_corpora.SYSTEMS:
            rows = search_corpora.load(system, held_back=held_back)
            lines = [line for _, _, line in rows]
            stamps = [line[s:e] for s, e, line in rows]
            s_times, p_times = [], []
            for _ in range(rounds):
                s_times.append(_per_line(search, lines, repeat))
                p_times.append(_per_line(parse, stamps, repeat))
            s_ns, p_ns = statistics.median(s_times), statistics.median(p_times)
            peer_ns = {name: _per_line(fn, lines[:20], 1) for name, fn in peers.items()}
            out[system] = (s_ns, p_ns, s_ns / p_ns, peer_ns)
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--held-back", action="store_true")
    ap.add_argument("--rounds", type=int, default=7)
    args = ap.parse_args(argv)
    rows = measure(args.held_back, args.rounds)
    print("%-15s %10s %10s %7s  %s" % ("system", "search ns", "parse ns", "ratio", "peers ns"))
    for system, (s_ns, p_ns, ratio, peer_ns) in rows.items():
        print("%-15s %10.0f %10.0f %6.2fx%s  %s" % (
            system, s_ns, p_ns, ratio, "" if ratio <= TARGET else " (> %.0fx)" % TARGET,
            " ".join("%s=%.0f" % kv for kv in sorted(peer_ns.items()))))


if __name__ == "__main__":
    main()
