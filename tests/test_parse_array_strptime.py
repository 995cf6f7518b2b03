"""``parse_array(values, format=F)`` equals ``datetime.strptime`` element by element.

(tests/test_parse_array_format.py is the learned-format fast path of
``parse_array`` without ``format=``; this module is ``format=``.)

Columns are generated from seeded random datetimes in real log formats (DB2's
``2005-06-03-15.42.50.675872``, ``20171223-22:15:29:606``, syslog, Apache's
``%d/%b/%Y:%H:%M:%S %z``, ISO with an offset, US with AM/PM) and mutated
(a digit changed, a character dropped, doubled or inserted, text appended,
case swapped, whitespace varied, a non-ASCII letter, empty strings, None).
The reference is computed from ``datetime.datetime.strptime`` on each
element, the first format of a list that reads it; every input container,
``errors`` mode, ``unit``, ``utc`` and ``ignoretz`` is compared with it.
"""
import datetime as dt
import random
import sys
import threading
import time
import warnings

import pytest

import fastdt

np = pytest.importorskip("numpy")
pd = pytest.importorskip("pandas")
pa = pytest.importorskip("pyarrow")
pl = pytest.importorskip("polars")

NAT = np.iinfo(np.int64).min
SEED = 16_2026

DB2 = "%Y-%m-%d-%H.%M.%S.%f"
COMPACT = "%Y%m%d-%H:%M:%S:%f"
SYSLOG = "%b %d %H:%M:%S"
APACHE = "%d/%b/%Y:%H:%M:%S %z"
ISO_Z = "%Y-%m-%dT%H:%M:%S%z"
US_AMPM = "%m/%d/%Y %I:%M:%S %p"
FORMATS = [DB2, COMPACT, SYSLOG, APACHE, ISO_Z, US_AMPM]

KINDS = {
    "list": lambda v: list(v),
    "bytes-list": lambda v: [None if x is None else x.encode() for x in v],
    "numpy-U": lambda v: np.array([x or "" for x in v]),
    "numpy-S": lambda v: np.array([(x or "").encode() for x in v]),
    "numpy-object": lambda v: np.array(v, dtype=object),
    "pandas-object": lambda v: pd.Series(v, dtype=object),
    "pandas-string-pyarrow": lambda v: pd.Series(v, dtype="string[pyarrow]"),
    "arrow-string": lambda v: pa.array(v, type=pa.string()),
    "arrow-large": lambda v: pa.array(v, type=pa.large_string()),
    "arrow-view": lambda v: pa.array(v, type=pa.string_view()),
    "arrow-chunked": lambda v: pa.chunked_array([v[:7], v[7:]], type=pa.string()),
    "polars": lambda v: pl.Series("ts", v, dtype=pl.String),
}
NO_NONE = {"numpy-U", "numpy-S"}       # None is "" there


# --- generators ---------------------------------------------------------------------

def _moment(rng):
    return dt.datetime(rng.randint(1971, 2037), rng.randint(1, 12), rng.randint(1, 28),
                       rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59),
                       rng.randint(0, 999999))


def _offset_text(rng):
    minutes = rng.randint(-14 * 60, 14 * 60)
    sign = "-" if minutes < 0 else "+"
    text = "%s%02d%02d" % (sign, abs(minutes) // 60, abs(minutes) % 60)
    return rng.choice([text, text[:3] + ":" + text[3:], "Z"]) if rng.random() < 0.3 else text


def log_line(fmt, rng):
    """A line as the system writing ``fmt`` would (CPython's strftime, then
    the format's own quirks: milliseconds for COMPACT, offsets)."""
    d = _moment(rng)
    if fmt == COMPACT:
        return d.strftime("%Y%m%d-%H:%M:%S:") + "%03d" % (d.microsecond // 1000)
    if fmt == SYSLOG:
        return d.strftime("%b ") + ("%2d" % d.day if rng.random() < 0.5 else "%02d" % d.day) \
            + d.strftime(" %H:%M:%S")
    if fmt in (APACHE, ISO_Z):
        return d.strftime(fmt.replace("%z", "")) + _offset_text(rng)
    return d.strftime(fmt)


def mutate(s, rng):
    """One of the ways a real log line goes wrong."""
    if not s:
        return s
    k = rng.randrange(len(s))
    how = rng.randrange(10)
    if how == 0:
        return s[:k] + rng.choice("0123456789") + s[k + 1:]
    if how == 1:
        return s[:k] + s[k + 1:]
    if how == 2:
        return s[:k] + s[k] + s[k:]
    if how == 3:
        return s[:k] + rng.choice(" x:-./+\t") + s[k:]
    if how == 4:
        return s + rng.choice([" ", "x", "0", "123", " tail", "\n"])
    if how == 5:
        return s.swapcase()
    if how == 6:
        return s.replace(" ", rng.choice(["  ", "\t", " \u2003"]), 1)
    if how == 7:
        return s[:k] + "\u00e9" + s[k:]
    if how == 8:
        return "  " + s
    return s[:k] + "9" * rng.randint(2, 4) + s[k:]


def column(formats, n, seed, bad=0.25):
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        r = rng.random()
        if r < 0.03:
            out.append(None)
        elif r < 0.05:
            out.append("")
        else:
            line = log_line(rng.choice(formats), rng)
            out.append(mutate(line, rng) if r < 0.05 + bad else line)
    return out


# --- the reference -------------------------------------------------------------------

def _strptime_first(value, formats):
    """datetime.strptime with the first format that reads ``value``, or the
    first format's exception."""
    first = None
    if isinstance(value, bytes):
        value = value.decode("utf-8")
    for f in formats:
        try:
            with warnings.catch_warnings():
                # 3.13: a %d format without a year warns (CPython's own warning)
                warnings.simplefilter("ignore", DeprecationWarning)
                return dt.datetime.strptime(value, f)
        except ValueError as exc:
            first = first or exc
    raise first


def _ns_strptime(value, fmt):
    """strptime with pandas' %f of 1-9 digits: CPython's own TimeRE with %f
    widened to 9 digits finds the digits; strptime reads the string with
    digits 7-9 cut out.  (datetime, nanoseconds), or strptime's error."""
    import _strptime
    time_re = _strptime.TimeRE()
    time_re["f"] = r"(?P<f>[0-9]{1,9})"
    m = time_re.compile(fmt).match(value) if isinstance(value, str) else None
    if m is None or m.end() != len(value) or "f" not in m.groupdict() \
            or len(m.group("f")) <= 6:
        return dt.datetime.strptime(value, fmt), 0
    a, b = m.span("f")
    return dt.datetime.strptime(value[:a + 6] + value[b:], fmt), int(value[a + 6:b].ljust(3, "0"))


def _strptime_first(value, formats, ns=False):
    """datetime.strptime with the first format that reads ``value``, or the
    first format's exception: (datetime, nanoseconds past its microsecond)."""
    first = None
    if isinstance(value, bytes):
        value = value.decode("utf-8")
    for f in formats:
        try:
            with warnings.catch_warnings():
                # 3.13: a %d format without a year warns (CPython's own warning)
                warnings.simplefilter("ignore", DeprecationWarning)
                return _ns_strptime(value, f) if ns else (dt.datetime.strptime(value, f), 0)
        except ValueError as exc:
            first = first or exc
    raise first


_EPOCH = dt.datetime(1970, 1, 1)
_DIVISOR = {"s": 10**6, "ms": 10**3, "us": 1}


def reference(values, formats, unit="us", utc=False, ignoretz=False):
    """Per element: an int64 in ``unit``, NaT, ("fail", exc) or ("aware",);
    a value outside datetime64[ns] is NaT with unit="ns"."""
    out = []
    for v in values:
        if v is None:
            out.append(NAT)
            continue
        try:
            d, nanos = _strptime_first(v, formats, unit == "ns")
        except ValueError as exc:
            out.append(("fail", exc))
            continue
        off = d.utcoffset()
        if off is not None and ignoretz:
            off = None
        elif off is not None and not utc:
            out.append(("aware",))
            continue
        us = (d.replace(tzinfo=None) - _EPOCH - (off or dt.timedelta(0))) \
            // dt.timedelta(microseconds=1)
        if unit == "ns":
            ns = us * 1000 + nanos
            out.append(ns if -2**63 < ns - 999 and ns + 999 < 2**63 else NAT)
        else:
            out.append(us // _DIVISOR[unit])
    return out


def as_int64(result):
    if isinstance(result, (pa.Array, pa.ChunkedArray)):
        return [NAT if x is None else x for x in result.cast(pa.int64()).to_pylist()]
    if isinstance(result, pl.Series):
        return as_int64(result.to_arrow())
    if isinstance(result, (pd.Series, pd.Index)):
        values = result.array
        if isinstance(result.dtype, pd.DatetimeTZDtype):
            values = result.dt.tz_localize(None).array if isinstance(result, pd.Series) \
                else result.tz_localize(None).array
        return [int(x) for x in np.asarray(values).view("int64")]
    return [int(x) for x in np.asarray(result).view("int64")]


def _values_for(kind, values):
    return [("" if v is None else v) for v in values] if kind in NO_NONE else values


def check(values, formats, kind="list", errors="coerce", **kw):
    """parse_array(KINDS[kind](values), format=formats, ...) against the
    reference: values, or the first failure's exception type and message."""
    values = _values_for(kind, values)
    want = reference(values, formats if isinstance(formats, (list, tuple)) else [formats],
                     unit=kw.get("unit", "us"), utc=kw.get("utc", False),
                     ignoretz=kw.get("ignoretz", False))
    col = KINDS[kind](values)
    first_bad = next((i for i, w in enumerate(want) if isinstance(w, tuple)
                      and (errors == "raise" or w[0] == "aware")), None)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)     # 3.13, as above
        if first_bad is not None:
            w = want[first_bad]
            if w[0] == "aware":
                with pytest.raises(ValueError, match=f"at position {first_bad} .*time zone"):
                    fastdt.parse_array(col, format=formats, errors=errors, **kw)
            else:
                with pytest.raises(type(w[1])) as info:
                    fastdt.parse_array(col, format=formats, errors=errors, **kw)
                assert str(info.value).startswith(str(w[1])), (str(info.value), str(w[1]))
                assert str(info.value).endswith(f"at position {first_bad}"), str(info.value)
            return None
        result = fastdt.parse_array(col, format=formats, errors=errors, **kw)
    got = as_int64(result)
    expected = [NAT if isinstance(w, tuple) else w for w in want]
    bad = [(i, values[i], g, e) for i, (g, e) in enumerate(zip(got, expected)) if g != e]
    assert not bad, bad[:10]
    return result


# --- the tests ---------------------------------------------------------------------

@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("seed", range(3))
def test_log_columns_against_strptime(fmt, seed):
    values = column([fmt], 3000, SEED + seed)
    kw = {"utc": True} if "%z" in fmt else {}
    check(values, fmt, **kw)
    check(values, fmt, ignoretz=True)


@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize("fmt", [DB2, COMPACT, APACHE])
def test_every_container(kind, fmt):
    values = column([fmt], 400, SEED + 10)
    result = check(values, fmt, kind=kind, utc=True)
    if kind.startswith("arrow"):
        assert isinstance(result, (pa.Array, pa.ChunkedArray))
    elif kind == "polars":
        assert isinstance(result, pl.Series)
    elif kind.startswith("pandas"):
        assert isinstance(result, pd.Series)


@pytest.mark.parametrize("errors", ["raise", "coerce"])
@pytest.mark.parametrize("kind", ["list", "arrow-string", "numpy-U"])
def test_errors_modes(errors, kind):
    for seed in range(20):
        check(column([DB2], 50, SEED + 100 + seed, bad=0.05), DB2, kind=kind, errors=errors)
    # an all-good column raises nothing either way
    check(column([DB2], 200, SEED + 99, bad=0), DB2, kind=kind, errors=errors)


def test_errors_other_than_raise_and_coerce_are_refused():
    with pytest.raises(ValueError, match="errors must be"):
        fastdt.parse_array(["2005-06-03-15.42.50.1"], format=DB2, errors="ignore")


@pytest.mark.parametrize("unit", ["s", "ms", "us", "ns"])
@pytest.mark.parametrize("utc", [False, True])
def test_units_and_utc(unit, utc):
    values = column([DB2, COMPACT, APACHE], 1000, SEED + 200 + len(unit))
    check(values, [DB2, COMPACT, APACHE], unit=unit, utc=utc, errors="coerce")


def test_aware_without_utc_raises_even_when_coercing():
    values = ["2005-06-03T10:00:00+0100"]
    with pytest.raises(ValueError, match="has a time zone"):
        fastdt.parse_array(values, format=ISO_Z, errors="coerce")


@pytest.mark.parametrize("seed", range(3))
def test_list_of_formats_first_that_reads_wins(seed):
    # "%Y-%m-%d-%H.%M.%S" reads a DB2 line up to its fraction ("unconverted
    # data remains"), so the order matters and both orders are checked
    formats = [DB2, "%Y-%m-%d-%H.%M.%S", COMPACT, "%Y%m%d-%H:%M:%S", APACHE]
    values = column(formats, 2000, SEED + 300 + seed)
    check(values, formats, utc=True)
    check(values, tuple(reversed(formats)), utc=True)


@pytest.mark.parametrize("fmt", [DB2, "%Y-%m-%d %H:%M:%S.%f", "%H:%M:%S.%f %Y-%m-%d"])
def test_unit_ns_reads_nine_fraction_digits(fmt):
    """With unit="ns", %f reads 1 to 9 digits, as pandas.to_datetime(format=)
    does for a format that is not ISO 8601; 10 digits still fail."""
    rng = random.Random(SEED + 400)
    values, want = [], []
    for _ in range(500):
        d = _moment(rng).replace(microsecond=0)
        digits = rng.randint(1, 10)
        frac = "".join(rng.choice("0123456789") for _ in range(digits))
        values.append(d.strftime(fmt.replace("%f", frac)))
        if digits > 9:
            want.append(NAT)
            continue
        nanos = int(frac.ljust(9, "0"))
        base = int(np.datetime64(d, "ns").astype("int64"))
        want.append(base + nanos)
    got = as_int64(fastdt.parse_array(values, format=fmt, unit="ns", errors="coerce"))
    assert got == want
    # pandas agrees on the format that is not ISO-like (pandas reads an ISO-like
    # format with its ISO parser, which truncates any number of digits)
    if fmt == DB2:
        ref = pd.to_datetime([v for v, w in zip(values, want) if w != NAT], format=fmt)
        assert [int(x) for x in ref.asi8] == [w for w in want if w != NAT]
    # other units: strptime's six digits
    check(values, fmt, unit="us")


def test_missing_values():
    values = [None, float("nan"), pd.NA, pd.NaT, "2005-06-03-15.42.50.675872"]
    got = as_int64(fastdt.parse_array(values, format=DB2))
    assert got[:4] == [NAT] * 4
    assert got[4] == int(np.datetime64("2005-06-03T15:42:50.675872", "us").astype("int64"))


def test_elements_python_answers():
    """Elements CPython's code judges, checked against the reference:
    non-ASCII text (a Unicode digit, a non-ASCII space; \\s is Unicode
    there), %j, Feb 30 and Feb 29 (CPython's day checks), second 60/61."""
    values = ["2005-06-03-15.42.50.675872", "2005-06-03-15.42.50.67587\u0662",
              "2005-06-03-15.42.50.675872\u00e9", "2005-02-30-15.42.50.1",
              "2004-02-29-15.42.50.1", "2005-02-29-15.42.50.1", "2005-06-03-15.42.60.1",
              "2005-06-03-15.42.61.1", "\uff12005-06-03-15.42.50.1"]
    for errors in ("coerce", "raise"):
        for k in range(len(values)):
            check(values[k:] + values[:k], DB2, errors=errors)
    check(["2005-06-03\u200310:00", "2005-06-03\u00a010:00", "2005-06-03 10:00"],
          "%Y-%m-%d %H:%M")
    check(["2005 154 10:00", "2005 366 10:00", "x", "2004 366 23:59"], "%Y %j %H:%M",
          errors="coerce")


def test_element_types():
    """A datetime element is its own answer (as without format=); bytes are
    read as their UTF-8 text; another type raises strptime's TypeError."""
    d = dt.datetime(2001, 2, 3, 4, 5, 6)
    got = as_int64(fastdt.parse_array([d, b"2005-06-03-15.42.50.1"], format=DB2))
    assert got == [int(np.datetime64(d, "us").astype("int64")),
                   int(np.datetime64(dt.datetime.strptime("2005-06-03-15.42.50.1", DB2),
                                     "us").astype("int64"))]
    with pytest.raises(TypeError) as theirs:
        dt.datetime.strptime(12345, DB2)
    with pytest.raises(TypeError, match="at position 1") as ours:
        fastdt.parse_array([None, 12345], format=DB2)
    assert str(ours.value).startswith(str(theirs.value))
    assert as_int64(fastdt.parse_array([12345], format=DB2, errors="coerce")) == [NAT]


@pytest.mark.parametrize("bad, what", [
    (dict(dayfirst=True), "dayfirst"), (dict(yearfirst=False), "yearfirst"),
    (dict(fuzzy=True), "fuzzy"), (dict(tzinfos={"X": 3600}), "tzinfos"),
    (dict(default=dt.datetime(2000, 1, 1)), "default"),
    (dict(parserinfo=fastdt.parserinfo()), "parserinfo"),
])
def test_options_strptime_has_not_are_refused(bad, what):
    with pytest.raises(TypeError, match=f"format= reads each value with strptime.*{what}"):
        fastdt.parse_array(["2005-06-03-15.42.50.1"], format=DB2, **bad)


@pytest.mark.parametrize("fmt", [5, [], [DB2, 5], {DB2}, b"%Y"])
def test_bad_format_arguments(fmt):
    with pytest.raises(TypeError, match="format must be"):
        fastdt.parse_array(["2005"], format=fmt)


def test_pandas_special_formats():
    values = ["2003-09-25 10:49:41", "Sep 25 2003 10:49 PM", None]
    assert as_int64(fastdt.parse_array(values, format="mixed")) == \
        as_int64(fastdt.parse_array(values))
    with pytest.raises(ValueError, match="ISO8601.*leave format out"):
        fastdt.parse_array(values, format="ISO8601")
    with pytest.raises(ValueError, match="mixed"):
        fastdt.parse_array(values, format=[DB2, "mixed"])


def test_bad_directive_is_strptimes_error():
    with pytest.raises(ValueError) as ours:
        fastdt.parse_array(["2005"], format="%Y %Q")
    with pytest.raises(ValueError) as theirs:
        dt.datetime.strptime("2005", "%Y %Q")
    assert str(ours.value).startswith(str(theirs.value))


def test_threads_split_the_column():
    values = column([DB2, APACHE], 50_000, SEED + 500, bad=0.01)
    one = fastdt.parse_array(values, format=[DB2, APACHE], utc=True, errors="coerce",
                             threads=1)
    two = fastdt.parse_array(values, format=[DB2, APACHE], utc=True, errors="coerce",
                             threads=2)
    assert as_int64(one) == as_int64(two)
    check(values, [DB2, APACHE], utc=True)
    values = [v or None for v in column([DB2, APACHE], 50_000, SEED + 501, bad=0)]
    values[30_000] = "bad"
    values[40_000] = "worse"
    with pytest.raises(ValueError, match="at position 30000"):
        fastdt.parse_array(values, format=[DB2, APACHE], utc=True, threads=2)


def test_no_python_object_per_element():
    """The C loop answers ASCII elements with no allocation: the number of
    allocations of a call does not grow with the column (PyMem counter via
    tracemalloc's count of live blocks would miss freed ones; memray counts
    all, when installed)."""
    memray = pytest.importorskip("memray")
    import tempfile
    import os

    def count(col):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "m.bin")
            with memray.Tracker(path, trace_python_allocators=True):
                fastdt.parse_array(col, format=[DB2, APACHE], utc=True, errors="coerce",
                                   threads=1)
            return sum(r.n_allocations
                       for r in memray.FileReader(path).get_allocation_records())

    base = column([DB2, APACHE], 2000, SEED + 600, bad=0.1)
    base = [v for v in base if v is None or v.isascii()]
    small = base
    large = (base * 10)[:len(base) * 10]
    for make in (list, lambda v: pa.array(v, type=pa.string())):
        s, lg = make(small), make(large)
        fastdt.parse_array(s, format=[DB2, APACHE], utc=True, errors="coerce")   # warm-up
        per_extra = (count(lg) - count(s)) / (len(large) - len(small))
        assert per_extra <= 0.01, per_extra


def test_gil_released_during_the_loop():
    """Another Python thread runs while the format= loop works (the pattern
    of tests/test_parse_array.py: a switch interval of 1000 s, so a thread
    holding the GIL is never preempted)."""
    line = "2005-06-03-15.42.50.675872"
    t0 = time.perf_counter()
    fastdt.parse_array([line] * 20_000, format=DB2, threads=1)
    per_value = (time.perf_counter() - t0) / 20_000
    n = max(100_000, min(10_000_000, int(0.5 / per_value)))
    col = pa.array([line] * n)
    ticks = []
    done = threading.Event()

    def ticker():
        while not done.is_set():
            time.sleep(0.001)
            ticks.append(time.perf_counter())

    old = sys.getswitchinterval()
    sys.setswitchinterval(1000.0)
    try:
        other = threading.Thread(target=ticker)
        other.start()
        time.sleep(0.02)
        start = time.perf_counter()
        fastdt.parse_array(col, format=DB2, threads=1)
        end = time.perf_counter()
        done.set()
        other.join()
    finally:
        sys.setswitchinterval(old)
    during = [t for t in ticks if start < t < end]
    assert len(during) >= 5, (len(during), end - start)
