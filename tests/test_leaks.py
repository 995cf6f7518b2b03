"""Leak and peak-memory guards, run by plain ``pytest`` (no ``--memray``).

pytest-memray turns tracking on for a test that carries one of its markers,
whether or not ``--memray`` is given.  ``limit_leaks`` also switches on
native and Python-allocator tracing by itself, so every object still alive
at the end of the test is seen, per allocating call stack.
"""
import datetime
import itertools

import pytest

import fastdt
from fastdt import Parser, ParserError
from dateutil.parser import parserinfo

pytest.importorskip("pytest_memray")

N = 100_000

# A mix of every kind of call, successful and not.
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
TZINFOS = {"BRST": -10800}
DAYFIRST_PARSE = Parser(parserinfo(dayfirst=True)).parse
DEFAULT = datetime.datetime(2003, 9, 25)


@pytest.fixture
def warm():
    """Fill the one-off caches outside the tracked test body.

    Fixtures run before pytest-memray starts tracking: tz objects, Cython's
    per-raise-site code objects for tracebacks, interned strings.  Without
    this they are reported as (bounded, one-off) "leaks".
    """
    _run_mixed(6 * len(OK) * len(BAD) * len(FUZZY))


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


def _run_mixed(n):
    parse = fastdt.parse
    de = DAYFIRST_PARSE
    default = DEFAULT
    made = 0
    for i, (ok, bad, fz) in enumerate(zip(itertools.cycle(OK), itertools.cycle(BAD),
                                          itertools.cycle(FUZZY))):
        if i * 6 >= n:
            break
        parse(ok)
        de(ok, default=default, ignoretz=True)
        parse("2003-09-25 10:49:41 BRST", tzinfos=TZINFOS)
        parse(fz, fuzzy=True)
        parse(fz, fuzzy_with_tokens=True)
        try:
            parse(bad)
        except (ParserError, ValueError, OverflowError):
            pass
        made += 6
    return made


@pytest.mark.limit_leaks("1 KB")
def test_no_leaks_over_100k_parses(warm):
    """≥100k parses (errors and fuzzy_with_tokens included) leave < 1 KB per stack."""
    assert _run_mixed(N) >= N


@pytest.mark.limit_memory("64 KB")
def test_peak_memory_flat_over_100k_parses(warm, trace_python_allocators):
    """Results discarded: live memory stays flat over 100k parses.

    Retaining anything per call (even one 32-byte int) would hold > 3 MB at
    the end; 100k retained datetimes ~ 4.8 MB.
    """
    parse = fastdt.parse
    for text in itertools.islice(itertools.cycle(OK), N):
        parse(text)
