"""Shared fixtures for the fastdt conformance suite.

Everything compares fastdt against python-dateutil 2.9.0.post0 computed live;
see ``oracle.py``.
"""
import os
import sys
import time

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
# The repository root, for the ``bench`` package (tests/test_bench_smoke.py).
# Appended, not prepended: the fastdt under test is the installed one, which
# must win over the uncompiled sources in ./fastdt (a non-editable install
# leaves no extension modules there).
_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if _ROOT not in sys.path:
    sys.path.append(_ROOT)

import oracle  # noqa: E402


def _check_zone_database():
    # If the zone files were missing, TZ=America/New_York would silently
    # behave like UTC and the TZ-parametrised tests would prove nothing.
    with oracle.tz_env("America/New_York"):
        if time.tzname != ("EST", "EDT"):
            raise RuntimeError(
                "the system tz database is unusable (TZ=America/New_York "
                "gives time.tzname=%r); install tzdata" % (time.tzname,))


_check_zone_database()


@pytest.fixture(params=oracle.TZ_NAMES)
def tz_name(request):
    """Run the test under each of several process time zones (TZ + tzset)."""
    with oracle.tz_env(request.param):
        yield request.param


def pytest_report_header(config):
    import dateutil
    import fastdt
    return ["fastdt from %s; dateutil %s (oracle)"
            % (os.path.dirname(fastdt.__file__), dateutil.__version__)]


def pytest_addoption(parser):
    parser.addoption(
        "--fault-sweep", choices=("short", "long"), default="short",
        help="the allocation-failure sweep of tests/test_faults.py: 'short' (the default, "
             "seconds) fails each call's first 150 allocations, once per kind of call; "
             "'long' (minutes) fails every allocation of every call, three rounds")
