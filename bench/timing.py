"""Interleaved wall-clock timing of parser calls.

Every job is timed once per round and the rounds cycle through all jobs
(A B C A B C ...), so slow drift of the machine (frequency, a noisy
neighbour) hits every job alike and per-round ratios stay meaningful.
Standard library only: the dateutil_rs worker uses it in its own venv.
"""
import gc
import itertools
import statistics
import time
from dataclasses import dataclass, field

_LOOP_TEMPLATE = """\
def timed_loop(f, items, reps, _timer=_timer):
    t0 = _timer()
    for _ in reps:
        for s in items:
            {call}
    return _timer() - t0
"""


def compile_loop(call_src):
    """A loop calling ``call_src`` (e.g. ``f(s, dayfirst=True)``) on every item.

    The call is compiled in, not wrapped in a lambda or ``**kwargs``: a
    wrapper would add a Python frame per call (its own cost, and an extra
    allocation under memray) and ``**kwargs`` builds a dict per call.
    """
    namespace = {"_timer": time.perf_counter_ns}
    exec(_LOOP_TEMPLATE.format(call=call_src), namespace)
    return namespace["timed_loop"]


def call_source(options):
    """``f(s, k=v, ...)`` with the options as literals."""
    args = "".join(f", {key}={value!r}" for key, value in options.items())
    return f"f(s{args})"


def catching_call_source(options):
    """``call_source``'s call inside ``try``, a refusal caught as a type
    sniffer catches it (for the rejection corpus; the second line is
    indented as ``_LOOP_TEMPLATE``'s call)."""
    return f"try: {call_source(options)}\n            except Exception: pass"


@dataclass
class Job:
    """One timed thing: a function called on each of ``items``.

    ``parses_per_pass`` is how many strings one pass over ``items`` parses
    (``len(items)``, or the list length for a batch call that gets the
    whole list as one item).
    """
    key: str
    func: object
    call_src: str
    items: list
    parses_per_pass: int
    reps: int = 1
    samples_ns: list = field(default_factory=list)  # ns per parse, one per round

    def run(self, reps):
        loop = compile_loop(self.call_src)
        return loop(self.func, self.items, itertools.repeat(None, reps))


def calibrate(job, target_ns):
    """Warm the job up and pick how many passes make one sample ~target_ns."""
    elapsed = job.run(1)  # first calls fill caches
    if elapsed < target_ns:  # cheap enough to time again, warm
        elapsed = job.run(1)
    elapsed = max(elapsed, 1)
    job.reps = max(1, min(10_000, round(target_ns / elapsed)))


def run_interleaved(jobs, rounds, target_ns):
    """Fill ``job.samples_ns`` for every job, ``rounds`` samples each."""
    loops = {id(job): compile_loop(job.call_src) for job in jobs}
    gc_was_enabled = gc.isenabled()
    gc.disable()  # a collection landing in one job's sample is noise
    try:
        for job in jobs:
            calibrate(job, target_ns)
        for round_no in range(rounds):
            # Rotate the order so no job is always first after a pause.
            shift = round_no % len(jobs)
            for job in jobs[shift:] + jobs[:shift]:
                reps = itertools.repeat(None, job.reps)
                elapsed = loops[id(job)](job.func, job.items, reps)
                job.samples_ns.append(elapsed / (job.reps * job.parses_per_pass))
    finally:
        if gc_was_enabled:
            gc.enable()


def summarize(samples):
    return {"min_ns": min(samples), "median_ns": statistics.median(samples),
            "rounds": len(samples)}


def median_ratio(numerator_samples, denominator_samples):
    """Median over rounds of numerator/denominator, round by round."""
    return statistics.median(a / b for a, b in zip(numerator_samples, denominator_samples))
