"""Leak and peak-memory guards, run by plain ``pytest`` (no ``--memray``).

pytest-memray turns tracking on for a test that carries one of its markers,
whether or not ``--memray`` is given.  ``limit_leaks`` also switches on
native and Python-allocator tracing by itself, so every object still alive
at the end of the test is seen, per allocating call stack.
"""
import itertools

import pytest

import fastdt

# The inputs and cycles of bench/longrun.py, the ten-million-call version.
from bench.longrun import ENTRY_POINTS, OK, Workload, growth, parse_array_cases, sample

try:
    import pytest_memray  # noqa: F401
except ImportError:         # the block counts below need no memray
    pytest_memray = None
needs_memray = pytest.mark.skipif(pytest_memray is None, reason="needs pytest-memray")

N = 100_000


@pytest.fixture
def warm(request):
    """A warmed-up Workload for the test's entry point (parse if none).

    Fixtures run before pytest-memray starts tracking, so the one-off caches
    (tz objects, messages per zone name, Cython's per-raise-site code objects
    for tracebacks, interned strings) are filled outside the tracked test
    body.  Without this they are reported as (bounded, one-off) "leaks".
    """
    entry = getattr(request, "param", "parse")
    cases = parse_array_cases(kinds=("list", "numpy")) if entry == "parse_array" else None
    work = Workload(entry, cases)
    work.warm_up()
    return work


@pytest.fixture
def trace_python_allocators(request):
    """Make pytest-memray count Python objects for this test's limit_memory.

    Without Python-allocator tracing memray sees pymalloc only as 1 MiB arena
    mmaps, so objects retained in free space of existing arenas would not
    raise the peak.  pytest-memray 1.11 reads this setting per test from the
    option (the ini key ``trace_python_allocators`` is ignored: the option's
    default False always wins over it), so set the option for this test only.
    """
    option = request.config.option
    saved = getattr(option, "trace_python_allocators", False)
    option.trace_python_allocators = True
    yield
    option.trace_python_allocators = saved


# Not parse_array: under memray's tracing, the first traced call of each of
# its Python functions builds the code object's line table (1 KB for
# _parse_array), a one-off memray reports as a leak.  Its block count below
# stands in.
@needs_memray
@pytest.mark.limit_leaks("1 KB")
@pytest.mark.parametrize("warm", ["parse", "parse_fields", "isoparse"], indirect=True)
def test_no_leaks_over_100k_calls(warm):
    """100k calls of bench/longrun.py's cycle (errors, warnings under each
    action, fuzzy_with_tokens, tzinfos, default=) leave < 1 KB per stack."""
    warm.run(N)


@needs_memray
@pytest.mark.limit_memory("64 KB")
def test_peak_memory_flat_over_100k_parses(warm, trace_python_allocators):
    """Results discarded: live memory stays flat over 100k parses.

    Retaining anything per call (even one 32-byte int) would hold > 3 MB at
    the end; 100k retained datetimes ~ 4.8 MB.
    """
    parse = fastdt.parse
    for text in itertools.islice(itertools.cycle(OK), N):
        parse(text)


# --- allocated blocks over a bounded run (no memray) ----------------------------

# Calls (parse_array: elements, 250 calls of 200) per measurement, and what
# a measurement may leave live: more than one block per 5,000 calls (per 25
# parse_array calls) fails, and so does a small malloc'd buffer per 30 calls.
RUN = 50_000
BLOCKS_BOUND = 10
MALLOC_BOUND = 16 << 10


def _least_growth(work, tries=3):
    """Growth of each measure over RUN more calls, the least of a few runs.

    What other code does meanwhile (the interpreter's caches, a thread some
    earlier test left) can add blocks to one run; a leak adds them to every
    run, so the least growth is the calls' own."""
    least = None
    for _ in range(tries):
        before = sample()
        work.run(RUN)
        grown = growth(before, sample())
        least = grown if least is None else {
            k: None if v is None else min(v, least[k]) for k, v in grown.items()}
        if least["blocks"] <= BLOCKS_BOUND and (least["malloc"] or 0) <= MALLOC_BOUND:
            break
    return least


@pytest.mark.parametrize("warm", list(ENTRY_POINTS), indirect=True)
def test_allocated_blocks_do_not_grow_with_calls(warm):
    """bench/longrun.py's cycle for one entry point -- successes, errors
    caught, UnknownTimezoneWarning ignored, shown and raised, tzinfos,
    default=, fuzzy_with_tokens, required= -- leaves the live pymalloc
    blocks (sys.getallocatedblocks) and glibc's malloc'd bytes where the
    warm-up left them.

    parse_array runs on lists and numpy arrays here: on pandas Series it
    leaves 100-400 blocks over the first thousands of calls, then no more
    (bench/results/longrun*.txt), and the pandas calls it makes leave
    blocks without fastdt too."""
    entry = warm.entry
    least = _least_growth(warm)
    assert least["blocks"] <= BLOCKS_BOUND, (
        "%s: %d more pymalloc blocks live after %d more calls" % (entry, least["blocks"], RUN))
    assert (least["malloc"] or 0) <= MALLOC_BOUND, (
        "%s: %d more malloc'd bytes live after %d more calls" % (entry, least["malloc"], RUN))
