"""``fastdt.strptime`` against the running CPython's ``datetime.strptime``.

* Differential: (string, format) pairs generated from random datetimes and
  random combinations of directives, separators and whitespace, plus
  mutations of each string (a digit changed, a character dropped, inserted
  or doubled, whitespace varied, case flipped, text appended).  The outcome
  (value, tzinfo's offset and type, or the exception's type and message)
  must be CPython's.  Seeds DEV_SEEDS were used while writing fastdt/_strp;
  HELD_BACK_SEEDS were not looked at until the matcher was finished, and
  are checked here unchanged.
* The compiled matcher alone (``fastdt._strp._match_status``, no fallback to
  CPython) must accept exactly what CPython accepts, with the same fields,
  on every generated pair it compiles: the fallback cannot hide a
  wrong match.
* CPython's own Lib/test/test_strptime.py, run in a subprocess with
  fastdt in place of ``_strptime._strptime_datetime``: every test that
  passes without fastdt passes with it.
"""
import datetime
import json
import os
import random
import subprocess
import sys
import warnings

import _strptime
import pytest

import fastdt
from fastdt import _strp

HERE = os.path.dirname(os.path.abspath(__file__))

DEV_SEEDS = range(0, 40)
HELD_BACK_SEEDS = range(7000, 7040)

# What the compiled path reads, and what falls back to CPython
FAST = ["%d", "%m", "%y", "%Y", "%H", "%I", "%p", "%M", "%S", "%f", "%z",
        "%a", "%A", "%b", "%B"]
SLOW = ["%j", "%U", "%W", "%w", "%u", "%Z", "%c", "%x", "%X", "%G", "%V"]
SEPARATORS = ["-", "/", ":", ".", ",", " ", "  ", "\t", "T", "", "%%", "at", " [", "]"]

LOG_FORMATS = [
    "%Y-%m-%d %H:%M:%S,%f", "%d/%b/%Y:%H:%M:%S %z", "%b %d %H:%M:%S",
    "%Y%m%d-%H:%M:%S:%f", "%Y-%m-%d-%H.%M.%S.%f", "%Y-%m-%dT%H:%M:%S%z",
    "%Y-%m-%dT%H:%M:%S.%f%z", "%Y-%m-%d %H:%M:%S", "%m/%d/%Y %I:%M:%S %p",
    "%a, %d %b %Y %H:%M:%S %z", "%A %B %d %Y", "%y%m%d %H%M%S", "%d.%m.%Y",
    "%Y-%m-%d", "%H:%M", "%Y%m%d%H%M%S%f", "%I%p", "%d%m%y",
]


def outcome(func, s, fmt):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            value = func(s, fmt)
        except Exception as exc:        # the exception is the outcome compared
            return ("raise", type(exc), str(exc))
    tz = value.tzinfo
    return ("value", type(value), value.replace(tzinfo=None), type(tz),
            None if tz is None else tz.utcoffset(None), None if tz is None else tz.tzname(None))


def random_datetime(rng):
    dt = datetime.datetime(rng.randint(1, 9999), rng.randint(1, 12), rng.randint(1, 28),
                           rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59),
                           rng.choice([0, rng.randint(0, 999999)]))
    if rng.random() < 0.6:
        minutes = rng.randint(-1439, 1439)
        extra = rng.choice([0, 0, 0, rng.randint(0, 59)])
        delta = datetime.timedelta(minutes=minutes, seconds=extra if minutes >= 0 else -extra)
        dt = dt.replace(tzinfo=datetime.timezone(delta))
    return dt


def random_format(rng):
    if rng.random() < 0.3:
        return rng.choice(LOG_FORMATS)
    pool = FAST * 3 + (SLOW if rng.random() < 0.2 else [])
    parts = []
    used = set()
    for _ in range(rng.randint(1, 7)):
        d = rng.choice(pool)
        if d in used and rng.random() < 0.9:
            continue
        used.add(d)
        parts.append(d)
        parts.append(rng.choice(SEPARATORS))
    return "".join(parts)


def render(rng, dt, fmt):
    """The string strftime writes, sometimes with %z's other spellings and
    unpadded numbers (which strptime also reads)."""
    s = dt.strftime(fmt.replace("%z", "\x00z")) if "%z" in fmt else dt.strftime(fmt)
    if "%z" in fmt:
        off = dt.utcoffset() or datetime.timedelta(0)
        z = dt.strftime("%z") or "+0000"
        spelled = rng.choice([z, z[:3] + ":" + z[3:5] + (":" + z[5:] if len(z) > 5 else ""),
                              "Z" if not off else z, z])
        s = s.replace("\x00z", spelled)
    if rng.random() < 0.2:
        s = s.replace(" 0", " ").replace("-0", "-")
    return s


def mutations(rng, s):
    out = []
    if not s:
        return ["0", " "]
    digits = [i for i, c in enumerate(s) if c.isdigit()]
    for _ in range(3):
        if digits:
            i = rng.choice(digits)
            out.append(s[:i] + str(rng.randint(0, 9)) + s[i + 1:])
        i = rng.randrange(len(s))
        out.append(s[:i] + s[i + 1:])                       # dropped
        out.append(s[:i] + rng.choice("0 9:-+.Za\t") + s[i:])  # inserted
        out.append(s[:i] + s[i] + s[i:])                    # doubled
    out.append(s.replace(" ", "  "))
    out.append(s.replace(" ", "\t"))
    out.append(s.swapcase())
    out.append(" " + s)
    out.append(s + rng.choice(["0", " ", "Z", "x", "00"]))
    out.append(s[: len(s) // 2])
    return out


def generate(seeds, per_seed=60):
    pairs = []
    for seed in seeds:
        rng = random.Random(seed)
        for _ in range(per_seed):
            fmt = random_format(rng)
            dt = random_datetime(rng)
            try:
                s = render(rng, dt, fmt)
            except ValueError:
                continue
            pairs.append((s, fmt))
            for m in mutations(rng, s):
                pairs.append((m, fmt))
    return pairs


def tuple_outcome(func, s, fmt):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return ("value", func(s, fmt))
        except Exception as exc:        # the exception is the outcome compared
            return ("raise", type(exc), str(exc))


def _check(pairs):
    """fastdt.strptime against datetime.strptime, and the core's stand-in
    (_strptime_tuple, what time.strptime reads) against _strptime._strptime."""
    bad = []
    for s, fmt in pairs:
        want = outcome(datetime.datetime.strptime, s, fmt)
        got = outcome(fastdt.strptime, s, fmt)
        if got != want:
            bad.append((s, fmt, want, got))
        want = tuple_outcome(_strptime._strptime, s, fmt)
        got = tuple_outcome(_strp._strptime_tuple, s, fmt)
        if got != want:
            bad.append((s, fmt, want, got))
    return bad


def _check_matcher(pairs):
    """The compiled path's own verdict, without the fallback."""
    bad = []
    compiled = 0
    for s, fmt in pairs:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            status = _strp._match_status(s, fmt)
        if status is None:
            continue
        compiled += 1
        want = outcome(datetime.datetime.strptime, s, fmt)
        verdict, fields = status
        if want[0] == "value":
            _, _, naive, _, offset, _ = want
            expect = (naive.year, naive.month, naive.day, naive.hour, naive.minute,
                      naive.second, naive.microsecond)
            got_off = None if fields is None or fields[7] is None else datetime.timedelta(
                seconds=fields[7][0], microseconds=fields[7][1])
            if verdict != "ok" or fields[:7] != expect or got_off != offset:
                bad.append((s, fmt, want, status))
        else:
            message = want[2]
            expect = ("no_match" if message.startswith("time data ") else
                      "unconverted" if message.startswith("unconverted data remains") else
                      "cpython")
            if verdict != expect:
                bad.append((s, fmt, want, status))
    return bad, compiled


@pytest.mark.parametrize("seeds", [DEV_SEEDS, HELD_BACK_SEEDS], ids=["dev", "held_back"])
def test_differential(seeds):
    pairs = generate(seeds)
    assert len(pairs) > 20000
    bad = _check(pairs)
    assert not bad, "%d of %d differ, e.g. %r" % (len(bad), len(pairs), bad[:5])


@pytest.mark.parametrize("seeds", [DEV_SEEDS, HELD_BACK_SEEDS], ids=["dev", "held_back"])
def test_compiled_matcher_alone(seeds):
    pairs = generate(seeds)
    bad, compiled = _check_matcher(pairs)
    assert compiled > len(pairs) // 2           # most pairs run on the compiled path
    assert not bad, "%d differ, e.g. %r" % (len(bad), bad[:5])


EDGE = [
    ("2003-09-25 10:49:41,5", "%Y-%m-%d %H:%M:%S,%f"),
    ("2003-09-25 10:49:41,1234567", "%Y-%m-%d %H:%M:%S,%f"),
    ("10/Oct/2000:13:55:36 -0700", "%d/%b/%Y:%H:%M:%S %z"),
    ("10/oct/2000:13:55:36 +2400", "%d/%b/%Y:%H:%M:%S %z"),
    ("10/OCT/2000:13:55:36 +23:59:59.999999", "%d/%b/%Y:%H:%M:%S %z"),
    ("10/Oct/2000:13:55:36 +01:3000", "%d/%b/%Y:%H:%M:%S %z"),
    ("10/Oct/2000:13:55:36 +0130:00", "%d/%b/%Y:%H:%M:%S %z"),
    ("10/Oct/2000:13:55:36 z", "%d/%b/%Y:%H:%M:%S %z"),
    ("10/Oct/2000:13:55:36 Z", "%d/%b/%Y:%H:%M:%S %z"),
    ("Feb 29 10:00:00", "%b %d %H:%M:%S"),
    ("Feb 30 10:00:00", "%b %d %H:%M:%S"),
    ("Jun  9 06:06:20", "%b %d %H:%M:%S"),
    ("Jun 9 06:06:20", "%b  %d %H:%M:%S"),
    ("Jun\t\n 9 06:06:20", "%b %d %H:%M:%S"),
    ("Jun\x1c9 06:06:20", "%b %d %H:%M:%S"),
    ("Jun9 06:06:20", "%b %d %H:%M:%S"),
    ("2003-09-25 10:49:60", "%Y-%m-%d %H:%M:%S"),
    ("2003-09-25 10:49:61", "%Y-%m-%d %H:%M:%S"),
    ("0000-09-25", "%Y-%m-%d"),
    ("2003-02-29", "%Y-%m-%d"),
    ("2004-02-29", "%Y-%m-%d"),
    ("312", "%d%m"), ("3112", "%d%m"), ("1234", "%H%M"), ("123", "%H%M"),
    ("20171223221529606", "%Y%m%d%H%M%S%f"),
    ("12 AM", "%I %p"), ("12 pm", "%I %p"), ("1 PM", "%I %p"), ("12", "%I"),
    ("PM 7", "%p %I"), ("13 PM", "%I %p"), ("7", "%p%I"),
    ("2003-09-25T10:49:41", "%Y-%m-%dt%H:%M:%S"),
    ("", ""), ("x", ""), ("", "%Y"), ("%2003", "%%%Y"),
    ("2003", "%Y%"), ("2003", "%Q"), ("2003 2003", "%Y %Y"), ("2003", "%:z"),
    ("2003", "% Y"), ("２００３", "%Y"), ("2003\u00a0", "%Y "),
    ("Thursday September 25 2003", "%A %B %d %Y"),
    ("thu sep 25 2003", "%a %b %d %Y"),
    ("Thurs Sep 25 2003", "%a %b %d %Y"),
    ("2003 268", "%Y %j"), ("2003 38 4", "%Y %U %w"), ("2003 38 4", "%G %V %u"),
    ("Thu Sep 25 10:49:41 2003", "%c"), ("09/25/03", "%x"), ("10:49:41", "%X"),
    ("10:49:41 UTC", "%H:%M:%S %Z"), ("10:49:41 GMT", "%H:%M:%S %Z"),
    ("1" * 40, "%f" * 12),
]


@pytest.mark.parametrize("s, fmt", EDGE)
def test_edges(s, fmt):
    assert outcome(fastdt.strptime, s, fmt) == outcome(datetime.datetime.strptime, s, fmt)


@pytest.mark.parametrize("s, fmt", [("2003", 2003), (2003, "%Y"), (b"2003", "%Y"),
                                    ("2003", b"%Y"), (None, None)])
def test_argument_types(s, fmt):
    assert outcome(fastdt.strptime, s, fmt) == outcome(datetime.datetime.strptime, s, fmt)


def test_str_subclasses():
    class S(str):
        pass
    for s, fmt in [(S("2003-09-25"), "%Y-%m-%d"), ("2003-09-25", S("%Y-%m-%d")),
                   (S("2003-09-2x"), "%Y-%m-%d")]:
        assert outcome(fastdt.strptime, s, fmt) == outcome(datetime.datetime.strptime, s, fmt)


def test_positional_only():
    with pytest.raises(TypeError):
        fastdt.strptime(date_string="2003", format="%Y")


def test_log_formats_are_compiled():
    """The log-style formats run on the compiled path, not CPython's."""
    for s, fmt in [("2003-09-25 10:49:41,502", "%Y-%m-%d %H:%M:%S,%f"),
                   ("10/Oct/2000:13:55:36 -0700", "%d/%b/%Y:%H:%M:%S %z"),
                   ("Jun  9 06:06:20", "%b %d %H:%M:%S"),
                   ("20171223-22:15:29:606", "%Y%m%d-%H:%M:%S:%f"),
                   ("2005-06-03-15.42.50.675872", "%Y-%m-%d-%H.%M.%S.%f"),
                   ("2003-09-25T10:49:41+05:30", "%Y-%m-%dT%H:%M:%S%z")]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            status = _strp._match_status(s, fmt)
        assert status is not None and status[0] == "ok", (s, fmt, status)


def test_zone_objects_are_cached_and_equal_to_cpythons():
    a = fastdt.strptime("2003-09-25T10:49:41+0530", "%Y-%m-%dT%H:%M:%S%z")
    b = fastdt.strptime("2004-01-01T00:00:00+05:30", "%Y-%m-%dT%H:%M:%S%z")
    assert a.tzinfo is b.tzinfo
    assert a.tzinfo == datetime.datetime.strptime("+0530", "%z").tzinfo
    utc = fastdt.strptime("2003-09-25T10:49:41Z", "%Y-%m-%dT%H:%M:%S%z")
    assert utc.tzinfo is datetime.timezone.utc


def test_cache_is_bounded():
    for k in range(_strp.CACHE_SIZE + 10):
        fmt = "%Y-%m-%d" + "x" * k
        assert fastdt.strptime("2003-09-25" + "x" * k, fmt) == datetime.datetime(2003, 9, 25)
    assert _strp._cache_len() <= _strp.CACHE_SIZE


@pytest.mark.skipif(sys.version_info < (3, 13), reason="3.13's DeprecationWarning")
def test_day_without_year_warns_as_cpython():
    fmt = "%b %d %H:%M:%S uniq-warning-check"
    _strp._forget(fmt)
    with warnings.catch_warnings(record=True) as got:
        warnings.simplefilter("always")
        fastdt.strptime("Jun  9 06:06:20 uniq-warning-check", fmt)
    with warnings.catch_warnings(record=True) as want:
        warnings.simplefilter("always")
        datetime.datetime.strptime("Jun  9 06:06:20 uniq-warning-check", fmt)
    assert [(w.category, str(w.message)) for w in got] == \
        [(w.category, str(w.message)) for w in want]
    assert got and got[0].filename == __file__


def _suite(mode, zone):
    env = dict(os.environ)
    if zone:
        env["TZ"] = zone        # test_bad_timezone needs a zone other than UTC/GMT
    proc = subprocess.run([sys.executable, os.path.join(HERE, "strptime_suite.py"), mode],
                          capture_output=True, text=True, env=env, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("zone", [None, "America/New_York"])
def test_cpython_test_strptime_passes_with_fastdt(zone):
    plain = _suite("plain", zone)
    if "error" in plain:
        pytest.skip(plain["error"])
    patched = _suite("fastdt", zone)
    assert patched["patched_at_end"] is True
    # the suite's calls reached fastdt; ~52 of its ~740 are formats the
    # compiled path reads (the rest are %j, %U/%W, %G/%V, %Z, %c: CPython's)
    assert patched["answered"]["calls"] > 500
    assert patched["answered"]["compiled"] > 40
    passed = [t for t, o in plain["outcomes"].items() if o == "pass"]
    assert len(passed) > 30
    lost = {t: patched["outcomes"].get(t) for t in passed
            if patched["outcomes"].get(t) != "pass"}
    assert not lost, lost


def test_threads_share_the_caches():
    """8 threads, formats new and old (the cache fills and starts again under
    them) and new offsets: each answer is datetime.strptime's."""
    import threading
    errors = []

    def work(t):
        try:
            for k in range(400):
                fmt = "%Y-%m-%d %H:%M:%S %z" + (" #%d-%d" % (t, k) if k % 3 else "")
                minutes = (t * 400 + k) % 2879 - 1439
                z = "%s%02d%02d" % ("-" if minutes < 0 else "+", abs(minutes) // 60,
                                    abs(minutes) % 60)
                s = "2003-09-25 10:49:41 " + z + (" #%d-%d" % (t, k) if k % 3 else "")
                if fastdt.strptime(s, fmt) != datetime.datetime.strptime(s, fmt):
                    errors.append((s, fmt))
        except Exception as exc:        # reported below, not lost in the thread
            errors.append(repr(exc))

    threads = [threading.Thread(target=work, args=(t,)) for t in range(8)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert not errors, errors[:5]
    assert _strp._cache_len() <= _strp.CACHE_SIZE
