"""``fastdt.parse_array`` against ``fastdt.parse``, element by element.

Every input kind (sequences, numpy U/S/object, pandas object/string[python]/
string[pyarrow], pyarrow string/large_string/string_view and chunked, polars)
is parsed with several option sets, and each element must be what
``parse`` gives for it (``parse`` itself is checked against dateutil by the
rest of the suite): the same instant (UTC with ``utc=True``), NaT for missing
values and, with ``errors="coerce"``, for failures; ``errors="raise"`` raises
``parse``'s error type naming the first failing position.

The corpus is generated here, with a seed the benchmarks do not use, from
the bench's format generators plus rows that fail, missing values, aware and
naive values mixed, fuzzy sentences and tz names.
"""
import datetime as dt
import os
import random
import subprocess
import sys
import warnings

import pytest
from hypothesis import given, settings, strategies as st

import fastdt
from fastdt import UnknownTimezoneWarning
from dateutil import tz

np = pytest.importorskip("numpy")
pd = pytest.importorskip("pandas")
pa = pytest.importorskip("pyarrow")
pl = pytest.importorskip("polars")

import oracle  # noqa: E402

SEED = 4_2_2026      # not bench/make_corpora.py's seed

MONTHS = ["Jan", "February", "Mar", "April", "May", "Jun", "July", "Aug", "Sep",
          "October", "Nov", "December"]
BAD = ["", "garbage", "2003-02-30", "13/13/2003", "25:61", "99999999999999999999",
       "Feb 30 2003", "10:49 +144:00", "16h44m16s +144:00", "abc 2003", " ",
       "2003-09-25T10:49:41+99:99", "Sep 32", "\x00", "2003-13-01 10:00"]
# non-ASCII text, digits and spaces, NULs, long inputs
ODD = ["2003-09-25\u00a010:49", "\u0662\u0660\u0660\u0663-09-25", "25 d\u00e9c 2003",
       "2003-09-25 10:49 \u00e9t\u00e9", "Sep 25 2003 \U0001F600", "2003\x00-09-25",
       "1\x002:30 Sep 25 2003", "Sep 25 " + "x " * 40 + "2003 10:00",
       "2003-09-25T10:49:41." + "1" * 700, "\u00c9t\u00e9 2003", "Σep 25 2003"]
ZONES = ["UTC", "GMT", "Z", "EST", "PDT", "CET", "BRST", "XYZ", "+05:30", "-0800",
         "+14:00", "-12", "UTC+3", "GMT-2"]


def _when(rng):
    return dt.datetime(rng.randrange(1, 10000) if rng.random() < 0.05 else rng.randrange(1900, 2100),
                       rng.randrange(1, 13), rng.randrange(1, 29), rng.randrange(24),
                       rng.randrange(60), rng.randrange(60), rng.randrange(1000000))


def _one(rng):
    w = _when(rng)
    k = rng.randrange(16)
    if k == 0:
        return w.isoformat()
    if k == 1:
        return w.isoformat(sep=" ", timespec=rng.choice(["seconds", "minutes", "milliseconds"]))
    if k == 2:
        return w.strftime("%Y-%m-%dT%H:%M:%S") + "." + "".join(
            rng.choice("0123456789") for _ in range(rng.randrange(1, 12)))
    if k == 3:
        return w.isoformat() + rng.choice(ZONES[8:] + ["Z", "z"])
    if k == 4:
        return f"{w:%a, %d %b %Y %H:%M:%S} {rng.choice(ZONES)}"
    if k == 5:
        return f"{w.month}/{w.day}/{w.year} {w:%I:%M %p}"
    if k == 6:
        return f"{w.day:02d}.{w.month:02d}.{w.year} {w:%H:%M}"
    if k == 7:
        return f"{MONTHS[w.month - 1]} {w.day}, {w.year} {w:%H:%M:%S} {rng.choice(ZONES)}"
    if k == 8:
        return f"{w:%b} {w.day:2d} {w:%H:%M:%S}"
    if k == 9:
        return f"Meeting on {MONTHS[w.month - 1]} {w.day} {w.year} at {w:%H:%M} sharp"
    if k == 10:
        return f"{w:%d/%b/%Y:%H:%M:%S} {rng.choice(['+0200', '-0700', '+0000'])}"
    if k == 11:
        return rng.choice(BAD if rng.random() < 0.7 else ODD)
    if k == 12:
        return f"{w:%A}"            # a weekday alone: rolls today forward
    if k == 13:
        return f"{w:%Y%m%d}T{w:%H%M%S}"
    if k == 14:
        return f"{w.year}-{w.month}-{w.day} {w.hour}h{w.minute}m"
    return f"{w:%H:%M:%S}.{w.microsecond:06d}{rng.randrange(1000):03d} {w:%d %B %Y}"


def make_corpus(n, seed=SEED, missing=True):
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        if missing and rng.random() < 0.04:
            out.append(None)
        else:
            out.append(_one(rng))
    return out


CORPUS = make_corpus(1500)
TEXTS = [s if s is not None else "" for s in CORPUS]


def expected(values, unit="us", utc=False, **kw):
    """What parse_array must give: int64 per element, NaT = INT64_MIN, or
    "fail" / "aware" markers."""
    out = []
    for v in values:
        if v is None:
            out.append(None)
            continue
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                d = fastdt.parse(v, **kw)
            off = d.utcoffset()
        except Exception:
            out.append("fail")
            continue
        if d.tzinfo is not None and off is None:
            out.append("fail")
            continue
        if off is not None and not utc:
            out.append("aware")
            continue
        if unit == "ns" and not (1678 <= d.year <= 2261):
            out.append("fail")
            continue
        # in numpy: the UTC instant may lie past datetime's year 9999
        value = np.datetime64(d.replace(tzinfo=None), "us")
        if off is not None:
            value = value - np.timedelta64(off // dt.timedelta(microseconds=1), "us")
        out.append(value.astype(f"datetime64[{unit}]").astype("int64").item())
    return out


def as_int64(result):
    if isinstance(result, pa.ChunkedArray):
        result = result.combine_chunks()
    if isinstance(result, pa.Array):
        ints = result.cast(pa.int64()).to_pylist()
        return [np.iinfo(np.int64).min if x is None else x for x in ints]
    if isinstance(result, pl.Series):
        return as_int64(result.to_arrow())
    if isinstance(result, (pd.Series, pd.Index)):
        return [int(x) for x in np.asarray(result.array.asi8 if hasattr(result.array, "asi8")
                                           else result.to_numpy()).view("int64")]
    return [int(x) for x in np.asarray(result).view("int64").ravel()]


NAT = np.iinfo(np.int64).min


def check_against(result, values, coerce=True, **kw):
    want = expected(values, **kw)
    got = as_int64(result)
    assert len(got) == len(want)
    bad = []
    ns = kw.get("unit") == "ns"
    for i, (g, w) in enumerate(zip(got, want)):
        w_val = NAT if w in (None, "fail") else w
        if ns and g != NAT and w_val != NAT:
            # parse drops fraction digits 7-9; parse_array keeps them
            # (test_unit_ns_keeps_digits_seven_to_nine checks them)
            g, w_val = g // 1000, w_val // 1000
        if g != w_val:
            bad.append((i, values[i], g, w))
    assert not bad, bad[:10]


# input kinds: values -> column of that kind
KINDS = {
    "list": lambda v: list(v),
    "tuple": lambda v: tuple(v),
    "generator": lambda v: (x for x in v),
    "bytes-list": lambda v: [None if x is None else x.encode() for x in v],
    "numpy-U": lambda v: np.array([x or "" for x in v]),
    "numpy-S": lambda v: np.array([(x or "").encode() for x in v]),
    "numpy-object": lambda v: np.array(v, dtype=object),
    "pandas-object": lambda v: pd.Series(v, dtype=object),
    "pandas-string-python": lambda v: pd.Series(v, dtype="string[python]"),
    "pandas-string-pyarrow": lambda v: pd.Series(v, dtype="string[pyarrow]"),
    "pandas-index": lambda v: pd.Index(v, dtype=object),
    "pandas-default": lambda v: pd.Series(v),          # pandas 3: str (pyarrow)
    "arrow-string": lambda v: pa.array(v, type=pa.string()),
    "arrow-large": lambda v: pa.array(v, type=pa.large_string()),
    "arrow-view": lambda v: pa.array(v, type=pa.string_view()),
    "arrow-chunked": lambda v: pa.chunked_array([v[:7], v[7:500], [], v[500:]],
                                                type=pa.string()),
    "arrow-sliced": lambda v: pa.array(["x"] * 3 + list(v) + ["y"], type=pa.string())[3:-1],
    "polars": lambda v: pl.Series("ts", v, dtype=pl.String),
}
if hasattr(getattr(np, "dtypes", None), "StringDType"):       # numpy >= 2
    KINDS["numpy-T"] = lambda v: np.array(v, dtype=np.dtypes.StringDType(na_object=None))
# values the kind turns missing into: numpy U/S hold "" for None
NO_NONE = {"numpy-U", "numpy-S"}

OPTION_SETS = [
    dict(utc=True),
    dict(utc=True, unit="ns"),
    dict(utc=True, unit="ms", dayfirst=True),
    dict(ignoretz=True, unit="s"),
    dict(utc=True, fuzzy=True, tzinfos={"BRST": -10800, "CET": tz.tzoffset("CET", 3600),
                                        "PDT": tz.gettz("America/Los_Angeles"),
                                        "XYZ": "EST5EDT"}),
    dict(utc=True, default=dt.datetime(2001, 2, 3, 4, 5, 6, 7), yearfirst=True),
    dict(utc=True, tzinfos=lambda name, offset: tz.tzoffset(name, 7200) if name else None),
]


def _values_for(kind, values):
    return [("" if v is None else v) for v in values] if kind in NO_NONE else values


def test_bytes_that_are_not_utf8():
    values = [b"2003-09-25", b"\xff2003-09-25", "2003-09-25".encode("utf-16"),
              "25 d\u00e9c 2003".encode(), b"\xc3", bytearray(b"2003-09-26")]
    out = fastdt.parse_array(values, errors="coerce")
    check_against(out, values)
    with pytest.raises(UnicodeDecodeError):
        fastdt.parse(values[1])
    with pytest.raises(UnicodeDecodeError, match="at position 1"):
        fastdt.parse_array(values)
    out = fastdt.parse_array(np.array(values[:5]), errors="coerce")
    check_against(out, values[:5])


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_agrees_with_parse_every_kind(kind):
    values = _values_for(kind, CORPUS)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UnknownTimezoneWarning)
        result = fastdt.parse_array(KINDS[kind](values), utc=True, errors="coerce")
    check_against(result, values, utc=True)


@pytest.mark.parametrize("options", OPTION_SETS, ids=lambda o: ",".join(sorted(o)))
@pytest.mark.parametrize("kind", ["list", "numpy-U", "arrow-string", "arrow-view"])
def test_agrees_with_parse_options(kind, options):
    values = _values_for(kind, CORPUS)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UnknownTimezoneWarning)
        result = fastdt.parse_array(KINDS[kind](values), errors="coerce", **options)
    check_against(result, values, **options)


def test_local_zone_names(tz_name):
    """Names of the process's zone (time.tzname) mean tzlocal(), per value."""
    import time
    values = [f"2003-{m:02d}-15 10:30 {name}" for m in range(1, 13) for name in time.tzname]
    # every half hour around the DST changes of both hemispheres, both names
    for day in ("2003-03-09", "2003-03-30", "2003-04-06", "2003-10-05", "2003-10-26",
                "2003-11-02", "2003-02-16", "2003-10-19"):
        for minutes in range(0, 24 * 60, 30):
            for name in set(time.tzname) | {"UTC", "GMT", "Z"}:
                values.append(f"{day} {minutes // 60:02d}:{minutes % 60:02d} {name}")
    values += ["0001-01-01 00:10 " + time.tzname[0], "9999-12-31 23:50 " + time.tzname[1]]
    for kind in ("list", "arrow-string"):
        result = fastdt.parse_array(KINDS[kind](values), utc=True, errors="coerce")
        check_against(result, values, utc=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UnknownTimezoneWarning)
        result = fastdt.parse_array(CORPUS, utc=True, errors="coerce")
    check_against(result, CORPUS, utc=True)


def test_threads_give_the_serial_answer():
    # (smaller under the sanitizer build, which is ~10x slower)
    values = make_corpus(3000 if os.environ.get("FASTDT_SANITIZE_RUN") else 30000,
                         seed=SEED + 1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UnknownTimezoneWarning)
        for kind in ("list", "arrow-string"):
            col = KINDS[kind](values)
            one = as_int64(fastdt.parse_array(col, utc=True, errors="coerce", threads=1))
            for threads in (2, 3, 7):
                assert as_int64(fastdt.parse_array(col, utc=True, errors="coerce",
                                                   threads=threads)) == one


@pytest.mark.parametrize("kind", ["list", "numpy-U", "arrow-string"])
def test_gil_released_during_the_loop(kind):
    """Another Python thread runs while parse_array's C loop works.

    With a switch interval far longer than the test, a thread holding the
    GIL is never preempted: a second thread (waking from short sleeps) can
    run only while the GIL is released.  It counts how often it ran during
    the call; with the GIL held throughout it could not run at all.  No
    timing assumption: a slow or loaded machine only makes the call longer.
    """
    import threading
    import time
    mix = ["Sep 25 2003 10:49:41 +02:00", "2003-09-25T10:49:41.5Z", "25/12/2003 10:00"]
    # a column the loop needs about 0.5 s for on this build and machine
    t0 = time.perf_counter()
    fastdt.parse_array(KINDS[kind](mix * 2000), utc=True, threads=1)
    per_value = (time.perf_counter() - t0) / 6000
    n = max(30_000, min(3_000_000, int(0.5 / per_value)))
    column = KINDS[kind]((mix * (n // 3 + 1))[:n])
    ticks = []
    done = threading.Event()

    def ticker():
        while not done.is_set():
            time.sleep(0.001)           # releases the GIL, then wants it back
            ticks.append(time.perf_counter())

    old = sys.getswitchinterval()
    sys.setswitchinterval(1000.0)
    try:
        other = threading.Thread(target=ticker)
        other.start()
        time.sleep(0.02)                # the ticker is running
        start = time.perf_counter()
        fastdt.parse_array(column, utc=True, threads=1)
        end = time.perf_counter()
        done.set()
        other.join()
    finally:
        sys.setswitchinterval(old)
    during = [t for t in ticks if start < t < end]
    assert len(during) >= 5, (len(during), end - start)


def test_raise_names_the_first_failure_across_threads():
    values = ["2003-09-25"] * 50000
    values[41000] = "bad one"
    values[45000] = "2003-09-25 10:00 +02:00"
    with pytest.raises(fastdt.ParserError, match="at position 41000"):
        fastdt.parse_array(values, utc=True, threads=2)
    values[40000] = "2003-09-25 10:00 +02:00"
    with pytest.raises(ValueError, match="position 40000.*utc=True"):
        fastdt.parse_array(values, threads=2)
    values[100] = "\x00"
    with pytest.raises(fastdt.ParserError, match="at position 100"):
        fastdt.parse_array(pa.array(values), threads=2)


_DATEISH = st.text(alphabet=st.sampled_from(list("0123456789 -/:.,+TZapmAPMJanSepFebUTCESDT\u00e9\u0663")),
                   max_size=30)


@settings(max_examples=150, deadline=None, derandomize=True)
@given(st.lists(st.one_of(st.none(), _DATEISH), max_size=20), st.booleans(), st.booleans())
def test_hypothesis_agrees_with_parse(values, dayfirst, fuzzy):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UnknownTimezoneWarning)
        for kind in ("list", "arrow-string"):
            out = fastdt.parse_array(KINDS[kind](values), utc=True, errors="coerce",
                                     dayfirst=dayfirst, fuzzy=fuzzy)
            check_against(out, values, utc=True, dayfirst=dayfirst, fuzzy=fuzzy)


def test_output_kinds():
    values = ["2003-09-25 10:49:41", None, "Sep 25 2003 10:00 +02:00"]
    s = pd.Series(values, index=[10, 20, 30], name="when")
    out = fastdt.parse_array(s, utc=True)
    assert isinstance(out, pd.Series) and out.name == "when"
    assert list(out.index) == [10, 20, 30]
    assert str(out.dtype) == "datetime64[us, UTC]"
    out = fastdt.parse_array(s.iloc[:2])
    assert str(out.dtype) == "datetime64[us]"
    idx = fastdt.parse_array(pd.Index(values, name="i"), utc=True, unit="ns")
    assert isinstance(idx, pd.DatetimeIndex) and idx.name == "i"
    assert str(idx.dtype) == "datetime64[ns, UTC]"
    arr = fastdt.parse_array(values, utc=True, unit="ms")
    assert arr.dtype == np.dtype("datetime64[ms]")
    a = fastdt.parse_array(pa.array(values), utc=True)
    assert a.type == pa.timestamp("us", tz="UTC") and a.null_count == 1
    a = fastdt.parse_array(pa.array(values[:2]))
    assert a.type == pa.timestamp("us")
    c = fastdt.parse_array(pa.chunked_array([values[:1], values[1:]]), utc=True)
    assert isinstance(c, pa.ChunkedArray) and c.num_chunks == 2
    p = fastdt.parse_array(pl.Series("x", values), utc=True)
    assert isinstance(p, pl.Series) and p.name == "x"
    assert p.dtype == pl.Datetime("us", "UTC") and p.null_count() == 1
    m = fastdt.parse_array(np.array([["2003-09-25", "2004-01-01"], ["1999-12-31", "x"]]),
                           errors="coerce")
    assert m.shape == (2, 2) and np.isnat(m[1, 1])


def test_missing_values():
    values = [None, float("nan"), np.nan, pd.NaT, pd.NA, np.datetime64("NaT", "us"), "2003-09-25"]
    out = fastdt.parse_array(values)
    assert np.isnat(out[:-1]).all() and out[-1] == np.datetime64("2003-09-25")
    out = fastdt.parse_array(pd.Series(values, dtype=object))
    assert out.isna().sum() == 6


def test_empty_values_first_in_a_range():
    """An empty value read before any other in its range (found by
    fuzz/fuzz_native.py: numpy "U" ["JST a", ""] on two threads): it has no
    storage, and the lexer searched it for NULs with memchr(NULL, 0, 0),
    undefined behaviour that UBSan reports (scripts/sanitize.sh runs this
    under it).  Empty is not a date: NaT, as dateutil raises."""
    values = ["", "2003-09-25", ""]
    for kind in ("numpy-U", "numpy-S", "arrow-string", "arrow-view", "list"):
        check_against(fastdt.parse_array(KINDS[kind](values), utc=True, errors="coerce"),
                      values, utc=True)
    for threads in (1, 2):
        out = fastdt.parse_array(np.array(["JST a", ""]), utc=True, errors="coerce",
                                 threads=threads)
        check_against(out, ["JST a", ""], utc=True)


def test_errors_raise_names_position_and_value():
    values = ["2003-09-25", "2003-09-26", "not a date", "also bad"]
    for kind in ("list", "numpy-U", "arrow-string", "pandas-string-pyarrow", "polars"):
        with pytest.raises(fastdt.ParserError) as info:
            fastdt.parse_array(KINDS[kind](values))
        assert "at position 2" in str(info.value)
        assert "not a date" in str(info.value)
        assert isinstance(info.value.__cause__, fastdt.ParserError)
    # not a ParserError: parse's own type, with the position
    with pytest.raises(TypeError, match="at position 1"):
        fastdt.parse_array(["2003-09-25", 17])
    with pytest.raises(OverflowError, match="at position 0"):
        fastdt.parse_array(["99999999999999999999"])
    # a tzinfo without an offset fails (errors=raise) or is NaT (coerce)
    with pytest.raises(ValueError, match="at position 1"):
        fastdt.parse_array(["2003-09-25", "16h44m16s +144:00"], utc=True)
    assert np.isnat(fastdt.parse_array(["16h44m16s +144:00"], utc=True, errors="coerce")[0])


def test_aware_needs_utc_or_ignoretz():
    values = ["2003-09-25 10:00", "2003-09-25 10:00 +02:00"]
    for kind in ("list", "arrow-string"):
        with pytest.raises(ValueError, match="utc=True.*ignoretz=True") as info:
            fastdt.parse_array(KINDS[kind](values), errors="coerce")
        assert "position 1" in str(info.value)
    out = fastdt.parse_array(values, ignoretz=True)
    assert out[1] == np.datetime64("2003-09-25T10:00")
    out = fastdt.parse_array(values, utc=True)
    assert out[1] == np.datetime64("2003-09-25T08:00")


def test_unknown_timezone_warned_once():
    values = ["Sep 25 2003 10:00 BRST", "Sep 25 2003 10:00 XYZ", "2003-09-25", "10:00 BRST"]
    for kind in ("list", "arrow-string"):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            fastdt.parse_array(KINDS[kind](values))
        assert len(caught) == 1
        w = caught[0]
        assert w.category is UnknownTimezoneWarning
        assert "BRST" in str(w.message) and "3 values" in str(w.message)
        assert w.filename == __file__


def test_unknown_timezone_warned_once_when_values_go_through_parse():
    """Values answered by parse() itself (unusual options, a parserinfo whose
    convertyear is Python) still give one warning per call, counted."""
    class MyDatetime(dt.datetime):
        pass

    class PivotInfo(fastdt.parserinfo):
        def convertyear(self, year, century_specified=False):
            return year + 1900 if year < 100 else year

    values = ["Sep 25 03 10:00 BRST", "2003-09-25", "Sep 26 03 11:00 XYZ", None]
    for kw in (dict(default=MyDatetime(2000, 1, 1)), dict(parserinfo=PivotInfo())):
        for threads in (1, 2):
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                out = fastdt.parse_array(values, threads=threads, **kw)
            check_against(out, values, **kw)
            assert [w.category for w in caught] == [UnknownTimezoneWarning], caught
            assert "BRST" in str(caught[0].message) and "2 values" in str(caught[0].message)


def test_unit_ns_keeps_digits_seven_to_nine():
    values = ["2003-09-25T10:49:41.123456789", "2003-09-25 10:49:41,1234567",
              "10:49:41.12345678 Sep 25 2003", "2003-09-25T10:49:41.5",
              "2003-09-25T10:49:41.123456789123", "2003-09-25T10:49:41.123456789+01:00"]
    out = fastdt.parse_array(values, unit="ns", utc=True)
    assert [int(x) % 1_000_000_000 for x in out.view("int64")] == [
        123456789, 123456700, 123456780, 500000000, 123456789, 123456789]
    with pytest.raises(ValueError, match="at position 1.*datetime64\\[ns\\]"):
        fastdt.parse_array(["2003-09-25", "1500-01-01"], unit="ns")
    assert np.isnat(fastdt.parse_array(["3000-01-01"], unit="ns", errors="coerce")[0])


def test_bad_arguments():
    with pytest.raises(ValueError, match="errors"):
        fastdt.parse_array(["2003"], errors="ignore")
    with pytest.raises(ValueError, match="unit"):
        fastdt.parse_array(["2003"], unit="D")
    with pytest.raises(ValueError, match="threads"):
        fastdt.parse_array(["2003"], threads=0)
    with pytest.raises(TypeError, match="one string"):
        fastdt.parse_array("2003-09-25")


def test_unusual_options_go_through_parse():
    """A duck-typed parserinfo, a datetime subclass default, an aware default."""
    class MyDatetime(dt.datetime):
        pass
    values = TEXTS[:300]
    for kw in (dict(default=MyDatetime(2000, 1, 1)),
               dict(default=dt.datetime(2000, 1, 1, tzinfo=tz.UTC)),
               dict(parserinfo=fastdt.parserinfo(dayfirst=True))):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UnknownTimezoneWarning)
            out = fastdt.parse_array(values, utc=True, errors="coerce", **kw)
        check_against(out, values, utc=True, **kw)


def test_imports_only_what_it_needs():
    code = ("import sys, fastdt; fastdt.parse_array(['2003-09-25', None]);"
            "print(sorted(m for m in ('pandas', 'pyarrow', 'polars') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=os.path.dirname(os.path.dirname(fastdt.__file__)))
    assert out.stdout.strip() == "[]"
