"""Cost against input length, 10 B to 1 MB, for fastdt and dateutil.

Two input shapes, both realistic for a log line or free text:
- ``fuzzy_words``: a date followed by filler words, parsed with fuzzy=True
  (every word is a token the parser has to look at and skip);
- ``trailing_space``: a date followed by whitespace, no options.
A parser that is linear shows a flat ns-per-byte once the fixed per-call
cost is amortised; growth of that figure with size is flagged.
"""
import math

from bench.answers import answer_key
from bench.timing import Job, call_source, run_interleaved, summarize

SIZES_FULL = [10, 100, 1_000, 10_000, 100_000, 1_000_000]
SIZES_QUICK = [10, 100, 1_000, 10_000]
# Words with no month, weekday, am/pm, jump word or zone name in them.
FILLER = "lorem ipsum dolor amet consectetur adipiscing elit sed eiusmod tempor "
# Per-byte cost at the largest size more than this times the cost at 1 kB
# (where the fixed per-call cost is already small) is called non-linear.
NONLINEAR_FACTOR = 2.0
REFERENCE_SIZE = 1_000


def build_input(shape, size):
    core = "1976-07-04" if size < 20 else "1976-07-04 12:01:02"
    pad = size - len(core)
    if shape == "fuzzy_words":
        text = core + " " + (FILLER * (pad // len(FILLER) + 1))[: max(pad - 1, 0)]
        return text[:size], {"fuzzy": True}
    return core + " " * pad, {}


SHAPES = ["fuzzy_words", "trailing_space"]


def _accepts(func, text, options):
    try:
        return answer_key(func(text, **options))
    except Exception:
        return None


def measure_scaling(parsers, sizes, rounds, target_ns, log=print):
    """``parsers``: {name: callable}.  Returns {shape: {name: [row per size]}}."""
    results = {}
    for shape in SHAPES:
        per_parser = {name: [] for name in parsers}
        for size in sizes:
            text, options = build_input(shape, size)
            answers = {name: _accepts(func, text, options) for name, func in parsers.items()}
            jobs = [Job(name, func, call_source(options), [text], 1)
                    for name, func in parsers.items() if answers[name] is not None]
            run_interleaved(jobs, rounds, target_ns)
            reference = answers.get("dateutil")
            timed = {job.key: job for job in jobs}
            for name in parsers:
                row = {"bytes": len(text), "accepted": answers[name] is not None,
                       "same_as_dateutil": answers[name] == reference}
                if name in timed:
                    stats = summarize(timed[name].samples_ns)
                    row.update(stats, ns_per_byte=stats["min_ns"] / len(text))
                per_parser[name].append(row)
            log(f"  scaling {shape:14s} {size:>9,d} B  " + "  ".join(
                f"{name} {row.get('min_ns', float('nan')) / 1000:,.1f} us"
                for name, row in ((n, per_parser[n][-1]) for n in parsers)), flush=True)
        for name, rows in per_parser.items():
            _flag_nonlinear(rows)
        results[shape] = per_parser
    return results


def _flag_nonlinear(rows):
    """Mark the rows of one parser/shape with the growth of ns per byte."""
    timed = [r for r in rows if "ns_per_byte" in r]
    base = next((r for r in timed if r["bytes"] >= REFERENCE_SIZE), None)
    for previous, row in zip(timed, timed[1:]):
        # log-log slope: 1.0 is linear, 2.0 quadratic.
        row["slope"] = (math.log(row["min_ns"] / previous["min_ns"])
                        / math.log(row["bytes"] / previous["bytes"]))
    if base and timed:
        growth = timed[-1]["ns_per_byte"] / base["ns_per_byte"]
        timed[-1]["growth_vs_1kB"] = growth
        timed[-1]["nonlinear"] = growth > NONLINEAR_FACTOR
