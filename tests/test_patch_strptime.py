"""``fastdt.patch_strptime()``: ``datetime.strptime`` and ``time.strptime``
on fastdt, for code that cannot be edited.

* The seam: after the patch, C's ``datetime.datetime.strptime``, a
  subclass's ``cls.strptime``, ``time.strptime`` and names bound before the
  patch reach fastdt (a format never seen lands in fastdt's format cache),
  and unpatching restores the very objects that were there.
* Differential: generated (string, format) pairs (tests/test_fastdt_strptime's
  generator, mutations and bad input included) read by the unpatched
  originals first, then under the patch: value and tzinfo, or the
  ``struct_time`` with ``tm_zone``/``tm_gmtoff``, or the exception type and
  message, must be the same.
* CPython's own Lib/test/test_strptime.py under ``patch_strptime()``: every
  test that passes without it passes with it (tests/strptime_suite.py).
* Context manager, idempotence, rollback when patching fails half-way, and
  the patch flag under threads.
"""
import datetime
import os
import subprocess
import sys
import json
import threading
import time
import warnings

import _strptime
import pytest

import fastdt
from fastdt import _strp

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_fastdt_strptime as gen  # noqa: E402  (the pair generator)

HERE = os.path.dirname(os.path.abspath(__file__))
ORIGINALS = (_strptime._strptime_datetime, _strptime._strptime_time)


@pytest.fixture(autouse=True)
def unpatched():
    assert not fastdt.is_strptime_patched()
    yield
    fastdt.unpatch_strptime()
    assert (_strptime._strptime_datetime, _strptime._strptime_time) == ORIGINALS


def _reaches_fastdt(call, fmt):
    """True if ``call()`` compiled ``fmt`` into fastdt's format cache."""
    _strp._forget(fmt)
    before = _strp._cache_len()
    call()
    after = _strp._cache_len()
    return after == before + 1 or (before >= _strp.CACHE_SIZE and after == 1)


class Stamp(datetime.datetime):
    pass


def test_every_caller_reaches_fastdt_while_patched():
    bound_time, bound_datetime = time.strptime, datetime.datetime.strptime
    callers = [datetime.datetime.strptime, time.strptime, Stamp.strptime,
               bound_time, bound_datetime]
    with fastdt.patch_strptime():
        for k, call in enumerate(callers):
            fmt = "%Y-%m-%d %H:%M:%S seam-" + str(k)
            assert _reaches_fastdt(lambda: call("2003-09-25 10:49:41 seam-%d" % k, fmt), fmt)
        assert type(Stamp.strptime("2003", "%Y")) is Stamp
    for k, call in enumerate(callers):
        fmt = "%Y-%m-%d %H:%M:%S unpatched-" + str(k)
        assert not _reaches_fastdt(lambda: call("2003-09-25 10:49:41 unpatched-%d" % k, fmt),
                                   fmt)


def test_pure_python_datetime_reaches_fastdt():
    try:
        import _pydatetime as pydt      # 3.12+: datetime's Python code, its own module
    except ImportError:
        assert sys.version_info < (3, 12)
        return
    with fastdt.patch_strptime():
        fmt = "%Y-%m-%d pydatetime"
        assert _reaches_fastdt(lambda: pydt.datetime.strptime("2003-09-25 pydatetime", fmt),
                               fmt)
        got = pydt.datetime.strptime("2003-09-25 10:49", "%Y-%m-%d %H:%M")
    assert type(got) is pydt.datetime
    assert got == pydt.datetime.strptime("2003-09-25 10:49", "%Y-%m-%d %H:%M")


def _struct(value):
    return (type(value), tuple(value), value.tm_zone, value.tm_gmtoff)


def _outcomes(pairs):
    """What each caller answers on each pair, as compared: value (with the
    tzinfo's type, offset and name) or (exception type, message)."""
    out = []
    for s, fmt in pairs:
        out.append(gen.outcome(datetime.datetime.strptime, s, fmt))
        out.append(gen.outcome(Stamp.strptime, s, fmt))
        out.append(gen.tuple_outcome(lambda a, b: _struct(time.strptime(a, b)), s, fmt))
    return out


# what C's type checks and the one-argument form of time.strptime give
ODD_CALLS = [
    (time.strptime, ("Thu Sep 25 10:49:41 2003",)), (time.strptime, ("Sep 25 2003",)),
    (time.strptime, (5,)), (time.strptime, ("2003", 5)), (time.strptime, (b"2003", "%Y")),
    (time.strptime, ()), (datetime.datetime.strptime, (b"2003", "%Y")),
    (datetime.datetime.strptime, ("2003",)), (time.strptime, ("2003", "%Y", "x")),
    (datetime.datetime.strptime, ("2003\u00e9", "%Y\u00e9")),
    (time.strptime, ("2003 268", "%Y %j")), (time.strptime, ("+0130 UTC", "%z %Z")),
]


def _odd_outcomes():
    out = []
    for func, args in ODD_CALLS:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                value = func(*args)
            except Exception as exc:    # the exception is the outcome compared
                out.append(("raise", type(exc), str(exc)))
                continue
        out.append(_struct(value) if isinstance(value, time.struct_time) else value)
    return out


@pytest.mark.parametrize("seeds", [range(100, 112), range(7100, 7112)], ids=["dev", "held_back"])
def test_differential_patched_against_the_originals(seeds):
    pairs = gen.generate(seeds)
    assert len(pairs) > 5000
    want = _outcomes(pairs) + _odd_outcomes()
    with fastdt.patch_strptime():
        got = _outcomes(pairs) + _odd_outcomes()
    bad = [(k, w, g) for k, (w, g) in enumerate(zip(want, got)) if w != g]
    assert len(want) == len(got)
    assert not bad, "%d of %d differ, e.g. %r" % (len(bad), len(want), bad[:5])
    # both kinds of answer were compared, and most calls were compiled
    assert sum(w[0] == "raise" for w in want if isinstance(w, tuple)) > 1000


def test_struct_time_is_cpythons_with_zone_fields():
    s, fmt = "10/Oct/2000:13:55:36 -0730", "%d/%b/%Y:%H:%M:%S %z"
    want = _struct(time.strptime(s, fmt))
    with fastdt.patch_strptime():
        got = time.strptime(s, fmt)
        assert _strp._match_status(s, fmt)[0] == "ok"      # the compiled path made it
    assert _struct(got) == want
    assert got.tm_gmtoff == -27000 and got.tm_zone is None


def test_patch_is_idempotent_and_unpatch_restores_the_same_objects():
    first = fastdt.patch_strptime()
    installed = (_strptime._strptime_datetime, _strptime._strptime_time)
    assert installed == (_strp._strptime_datetime, _strp._strptime_time)
    second = fastdt.patch_strptime()
    assert (_strptime._strptime_datetime, _strptime._strptime_time) == installed
    assert fastdt.is_strptime_patched()
    assert isinstance(first, fastdt.StrptimePatch) and isinstance(second, fastdt.StrptimePatch)
    assert "(undone)" not in repr(first)
    fastdt.unpatch_strptime()
    assert (_strptime._strptime_datetime, _strptime._strptime_time) == ORIGINALS
    assert "(undone)" in repr(first)
    fastdt.unpatch_strptime()           # not patched: nothing happens
    assert not fastdt.is_strptime_patched()


def test_context_manager_restores_even_on_error():
    with pytest.raises(ZeroDivisionError):
        with fastdt.patch_strptime() as handle:
            assert isinstance(handle, fastdt.StrptimePatch)
            assert fastdt.is_strptime_patched()
            1 / 0
    assert not fastdt.is_strptime_patched()
    assert (_strptime._strptime_datetime, _strptime._strptime_time) == ORIGINALS


def test_context_manager_keeps_a_patch_made_before_it():
    fastdt.patch_strptime()
    with fastdt.patch_strptime():
        pass
    assert fastdt.is_strptime_patched()
    with fastdt.patch_strptime() as outer:
        with fastdt.patch_strptime():
            pass
        assert fastdt.is_strptime_patched()
    assert fastdt.is_strptime_patched() and outer is not None


def test_what_was_there_before_is_what_comes_back():
    # another tool's replacement (a time-freezing library, say) is restored
    def theirs(cls, data_string, format="%a %b %d %H:%M:%S %Y"):
        return "theirs"
    _strptime._strptime_datetime = theirs
    try:
        with fastdt.patch_strptime():
            assert datetime.datetime.strptime("2003", "%Y") == datetime.datetime(2003, 1, 1)
        assert datetime.datetime.strptime("2003", "%Y") == "theirs"
    finally:
        _strptime._strptime_datetime = ORIGINALS[0]


def test_rollback_when_patching_fails_half_way(monkeypatch):
    class Half:
        _strptime_datetime = _strp._strptime_datetime   # no _strptime_time
    monkeypatch.setattr(fastdt._patch_strp, "_strp", Half)
    with pytest.raises(AttributeError):
        fastdt.patch_strptime()
    assert not fastdt.is_strptime_patched()
    assert (_strptime._strptime_datetime, _strptime._strptime_time) == ORIGINALS


def test_cpython_caches_kept_under_the_patch():
    # CPython's CacheTests, in short: its regex cache and TimeRE are kept
    # as its own _strptime keeps them when time.strptime runs on fastdt
    fmt = "%Y-%m-%d cache-kept"
    with fastdt.patch_strptime():
        _strptime._regex_cache.clear()
        time.strptime("2003-09-25 cache-kept", fmt)
        assert list(_strptime._regex_cache) == [fmt]
        while len(_strptime._regex_cache) <= _strptime._CACHE_MAX_SIZE:
            _strptime._regex_cache["bogus %d" % len(_strptime._regex_cache)] = None
        time.strptime("2003-09-25 cache-kept", fmt)
        assert list(_strptime._regex_cache) == [fmt]
        old = _strptime._TimeRE_cache
        old.locale_time.lang = "Ni"
        time.strptime("2003-09-25 cache-kept", fmt)
        assert _strptime._TimeRE_cache is not old


def test_patch_flag_under_threads():
    """Threads toggling the patch while others read: every answer is
    CPython's, and when all stop the seams are wholly one state."""
    errors = []
    stop = threading.Event()
    s, fmt = "2003-09-25 10:49:41 +0130", "%Y-%m-%d %H:%M:%S %z"
    want = (datetime.datetime.strptime(s, fmt), _struct(time.strptime(s, fmt)))

    def toggle():
        for _ in range(300):
            with fastdt.patch_strptime():
                pass
            fastdt.patch_strptime()
            fastdt.unpatch_strptime()

    def read():
        try:
            while not stop.is_set():
                got = (datetime.datetime.strptime(s, fmt), _struct(time.strptime(s, fmt)))
                if got != want:
                    errors.append(got)
        except Exception as exc:        # reported below, not lost in the thread
            errors.append(repr(exc))

    readers = [threading.Thread(target=read) for _ in range(3)]
    togglers = [threading.Thread(target=toggle) for _ in range(3)]
    for t in readers + togglers:
        t.start()
    for t in togglers:
        t.join()
    stop.set()
    for t in readers:
        t.join()
    assert not errors, errors[:5]
    seams = (_strptime._strptime_datetime, _strptime._strptime_time)
    if fastdt.is_strptime_patched():
        assert seams == (_strp._strptime_datetime, _strp._strptime_time)
    else:
        assert seams == ORIGINALS


def _suite(mode, zone):
    env = dict(os.environ)
    if zone:
        env["TZ"] = zone        # test_bad_timezone needs a zone other than UTC/GMT
    proc = subprocess.run([sys.executable, os.path.join(HERE, "strptime_suite.py"), mode],
                          capture_output=True, text=True, env=env, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("zone", [None, "America/New_York"])
def test_cpython_test_strptime_passes_under_patch_strptime(zone):
    plain = _suite("plain", zone)
    if "error" in plain:
        pytest.skip(plain["error"])
    patched = _suite("patch", zone)
    assert patched["patched_at_end"] is True
    # the suite's own calls of _strptime._strptime_time (and time.strptime)
    # went through the patch; ~36 of its ~716 are formats fastdt compiles
    assert patched["answered"]["calls"] > 500
    assert patched["answered"]["compiled"] > 25
    passed = [t for t, o in plain["outcomes"].items() if o == "pass"]
    assert len(passed) > 30
    lost = {t: patched["outcomes"].get(t) for t in passed
            if patched["outcomes"].get(t) != "pass"}
    assert not lost, lost


def _big_ints(st):
    """The struct_time's ints outside CPython's small-int cache (-5..256):
    each is an object of its own, made per call by CPython's code too."""
    return sum(1 for v in (st.tm_year, st.tm_yday, st.tm_gmtoff)
               if isinstance(v, int) and not -5 <= v <= 256)


_C_DISPATCH = 1 if sys.version_info < (3, 12) else 2


def test_allocations_under_the_patch():
    """datetime.strptime under the patch: one allocation, the datetime (the
    C dispatch adds none).  time.strptime: the struct_time and its large
    ints, plus what C's time.strptime makes before it reaches the stand-in:
    one object on 3.11, two on 3.12 and 3.13 (measured; CPython's own
    pure-Python path makes 24-46 here)."""
    import test_allocations as alloc
    for text, fmt in alloc.STRPTIME_CASES:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)   # 3.13: %d without a year
            st = time.strptime(text, fmt)
            stand_in = alloc.per_call_pymem(alloc.make_loop(_strp._strptime_time, text, {},
                                                            args=(fmt,)))
            with fastdt.patch_strptime():
                dt = alloc.per_call_pymem(alloc.make_loop(datetime.datetime.strptime, text, {},
                                                          args=(fmt,)))
                tm = alloc.per_call_pymem(alloc.make_loop(time.strptime, text, {},
                                                          args=(fmt,)))
        assert dt == (0, 0, 1), (fmt, dt)
        assert stand_in == (0, 0, 1 + _big_ints(st)), (fmt, stand_in)
        assert tm[:2] == (0, 0) and tm[2] <= stand_in[2] + _C_DISPATCH, (fmt, tm)
