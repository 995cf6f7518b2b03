"""``parse_array``'s format fast path (fastdt/_template.pyx) changes no answer.

Each column is parsed three ways and all three must agree exactly:

* with the fast path (``parse_array``: learned formats read what matches);
* without it (``fastdt._array._FORMAT_TEMPLATES = False``: every element
  through the grammar, as before the fast path);
* element by element with ``fastdt.parse`` (checked against dateutil by the
  rest of the suite).

The columns mix formats on purpose: runs of one format with outliers in
between, values that send dateutil's ``resolve_ymd`` down another branch
(13/02 after 01/02, a year-like first value), two-digit years on both sides
of the century window, 12 AM / 12 PM, fractions of 1 to 9 digits (``unit``
"us" and "ns"), numeric offsets and zone names, month and weekday names in
any case, ``dayfirst``/``yearfirst``, a parserinfo with other names.  Each
check also asserts that the fast path did answer most elements of a
single-format run, so a template that accepts a wrong element shows up as a
difference (not as a path never taken).
"""
import contextlib
import datetime as dt
import random
import warnings

import pytest
from hypothesis import given, settings, strategies as st

import fastdt
from fastdt import _array

np = pytest.importorskip("numpy")
pa = pytest.importorskip("pyarrow")

import oracle  # noqa: E402

NAT = np.iinfo(np.int64).min
SEED = 11_2026


@contextlib.contextmanager
def templates(enabled):
    saved = _array._FORMAT_TEMPLATES
    _array._FORMAT_TEMPLATES = enabled
    try:
        yield
    finally:
        _array._FORMAT_TEMPLATES = saved


def _ints(result):
    return [int(x) for x in np.asarray(result).view("int64")]


def _outcome(values, enabled, arrow=False, **kw):
    """(int64 values or the exception (type, message), template hits)."""
    column = pa.array(values, type=pa.string()) if arrow else list(values)
    with templates(enabled), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result, counts = _array.parse_array_counted(column, **kw)
        except Exception as exc:  # compared, not hidden
            return (type(exc), str(exc)), 0, [str(w.message) for w in caught]
    return _ints(result), counts["template"], [str(w.message) for w in caught]


def _reference(values, unit="us", utc=True, **kw):
    """Element by element with fastdt.parse: int64 in ``unit`` or NAT."""
    return oracle.datetime64_reference(values, fastdt.parse, unit=unit, utc=utc, **kw)


def check(values, min_share=0.0, unit="us", **kw):
    """The three ways agree (coerced, then raising); returns the hit count.

    ``min_share``: the share of elements the fast path must have answered."""
    kw.setdefault("utc", True)
    on, hits, warned_on = _outcome(values, True, errors="coerce", unit=unit, **kw)
    off, none, warned_off = _outcome(values, False, errors="coerce", unit=unit, **kw)
    assert none == 0
    assert on == off, _first_difference(values, on, off)
    assert warned_on == warned_off
    if isinstance(on, tuple):
        # an aware value with utc=False raises even with errors="coerce"
        assert on[0] is ValueError and "utc=True" in on[1]
        return hits
    ref = _reference(values, unit=unit, **kw)
    if unit == "ns":
        # parse drops fraction digits 7-9, parse_array keeps them
        got = [v if v == NAT else v // 1000 for v in on]
        ref = [v if v == NAT else v // 1000 for v in ref]
    else:
        got = on
    assert got == ref, _first_difference(values, got, ref)
    assert hits >= min_share * len(values), (hits, len(values), values[:3])
    # errors="raise": the same exception, type and message (position included)
    raised_on = _outcome(values, True, arrow=True, unit=unit, **kw)[0]
    raised_off = _outcome(values, False, arrow=True, unit=unit, **kw)[0]
    assert raised_on == raised_off
    return hits


def _first_difference(values, a, b):
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return f"position {i}: {values[i]!r}: {x} != {y}"
    return "lengths differ"


def _moments(rng, n, years=(1900, 2100)):
    return [dt.datetime(rng.randrange(*years), rng.randrange(1, 13), rng.randrange(1, 29),
                        rng.randrange(24), rng.randrange(60), rng.randrange(60),
                        rng.randrange(1000000)) for _ in range(n)]


FORMATS = [
    "%m/%d/%Y %H:%M:%S",
    "%a, %d %b %Y %H:%M:%S +0000",
    "%a, %d %b %Y %H:%M:%S -0530",
    "%d %b %Y %H:%M:%S GMT",
    "%b %d %H:%M:%S",
    "%b %d %Y %I:%M %p",
    "%A, %B %d, %Y %I:%M:%S %p",
    "%d.%m.%Y %H:%M",
    "%d-%b-%Y %H:%M:%S",
    "%Y/%m/%d %H:%M:%S +05:30",
    "%Y/%m/%d %H:%M:%S -03",
    "%m/%d/%y %I:%M%p",
    "%d/%m/%y",
    "%y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y-%m-%dT%H:%M:%S",
    "%B %d, %Y",
    "%d %B %Y %H:%M UTC",
    "%H:%M:%S %m/%d/%Y",
    "%Y%m%d %H:%M",
    "%m-%d-%Y %H:%M:%S EST",
    "%d/%m/%Y %H.%M",
]

NOT_TEMPLATED = {"%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S.%f", "%Y%m%d %H:%M", "%d/%m/%Y %H.%M"}

OUTLIERS = ["garbage", "", None, "2003-02-30", "13/13/2003", "Sep 25 2003 25:00",
            "Thu, 25 Sep 2003 10:49:41 +0000", "2003-09-25T10:49:41.5Z", "10:49",
            "Sep 31 2003", "01/02/2003 12:00 AM", "1/2/3", "2003", "Sep", "12h30",
            "10:49:41 +99:99", "25 Sept 2003", "JAN 01 2003", "february 29 2001 10:00"]

OPTIONS = [{}, {"dayfirst": True}, {"yearfirst": True}, {"dayfirst": True, "yearfirst": True}]


@pytest.mark.parametrize("fmt", FORMATS)
def test_single_format_runs_with_outliers(fmt):
    rng = random.Random(f"{SEED}{fmt}")
    values = [m.strftime(fmt) for m in _moments(rng, 300)]
    # the column is one format, so the fast path answers most of it (not:
    # ISO, which parse()'s own shortcut takes first; "20030925", a digit run
    # the grammar slices; "23.16", which dateutil does not parse)
    share = 0.0 if fmt in NOT_TEMPLATED else 0.9
    check(values, min_share=share)
    for k in range(0, 300, 7):
        values.insert(k, rng.choice(OUTLIERS))
    for options in OPTIONS:
        check(values, **options)


@pytest.mark.parametrize("options", OPTIONS)
def test_resolve_ymd_branches(options):
    """Values that flip dateutil's order after a template was learned."""
    values = []
    for first in (1, 2, 12, 13, 31, 32, 99, 100, 101, 2003):
        for second in (1, 12, 13, 31, 32):
            for third in (3, 12, 13, 31, 32, 99, 100, 2003):
                for sep in "/-.":
                    values.append(f"{first:02d}{sep}{second:02d}{sep}{third:02d}")
                    values.append(f"{first:02d}{sep}{second:02d}{sep}{third:02d} 10:49:41")
    values = ["01/02/2003 10:49:41"] * 5 + values     # learned first, then varied
    check(values, **options)
    names = [f"{d:02d} {m} {y:02d}" for d in (1, 12, 13, 31, 32, 99, 100)
             for m in ("Jan", "SEP", "december") for y in (1, 12, 13, 31, 32, 99, 100, 2003)]
    names += [f"{m} {d:02d} {y:02d}" for d in (1, 12, 13, 31, 32, 99, 100)
              for m in ("Jan", "oct") for y in (1, 12, 13, 31, 32, 99, 2003)]
    check(["01 Jan 2003"] * 3 + names, **options)


def test_two_digit_years_around_the_century_window():
    this_year = dt.date.today().year
    values = []
    for year in range(this_year - 60, this_year + 60):
        values.append(dt.date(year, 3, 4).strftime("%m/%d/%y"))
        values.append(dt.date(year, 3, 14).strftime("%d/%m/%y 10:00"))
        values.append(dt.date(year, 3, 4).strftime("%b %d %y"))
    assert check(values, min_share=0.8) > 0
    check(values, dayfirst=True)
    check(values, yearfirst=True)


def test_twelve_am_and_pm():
    """Every hour with each AM/PM spelling, one shape at a time (so the shape
    is learned): 12 AM is 0, 12 PM is 12, 13-23 with "PM" is dateutil's own
    business (an error after "HH:MM", the hour itself after "HH")."""
    values = []
    for shape in ("03/04/2003 {h:02d}:30 {p}", "03/04/2003 {h:02d}{p}", "Mar 4 2003 {h} {p}"):
        for ampm in ("AM", "PM", "am", "pm", "a.m.", "P.M."):
            for hour in [1, 2, 11, 12, 0, 3, 12, 13, 23, 24, 99, 12, 11, 0, 14, 1]:
                values.append(shape.format(h=hour, p=ampm))
    assert check(values, min_share=0.3) > 0


@pytest.mark.parametrize("unit", ["us", "ns"])
def test_fractions_of_one_to_nine_digits(unit):
    rng = random.Random(SEED)
    values = []
    for width in range(1, 10):
        for _ in range(30):
            digits = "".join(rng.choice("0123456789") for _ in range(width))
            values.append(f"03/04/2003 10:49:41.{digits}")
            values.append(f"Mar 04 2003 10:49:41,{digits} +0100")
    values += ["03/04/2003 10:49.5", "03/04/2003 10.5", "03/04/2003 10:49:41.",
               "03/04/2003 10:49:41.1.2"]
    assert check(values, min_share=0.8, unit=unit) > 0


def test_offsets_and_zone_names():
    values = []
    for sign in "+-":
        for off in ("0000", "0530", "1400", "9999", "05:30", "00:00", "05", "5", "00"):
            values.append(f"03/04/2003 10:49:41 {sign}{off}")
            values.append(f"03/04/2003 10:49:41{sign}{off}")
    for name in ("UTC", "GMT", "Z", "z", "EST", "PDT", "BRST", "XYZ", "utc", "GMT+3",
                 "UTC-0100", "T"):
        values.append(f"03/04/2003 10:49:41 {name}")
    check(values)
    check(values, utc=False)
    check(values, ignoretz=True)
    check(values, tzinfos={"EST": -18000, "XYZ": dt.timezone(dt.timedelta(hours=3))})


def test_names_in_any_case_and_look_alikes():
    values = []
    for month in ("Jan", "JAN", "jan", "January", "JANUARY", "Sept", "Sep", "sep",
                  "Jam", "Ju", "Mayo", "mar", "March", "Marc"):
        for day in ("Mon", "MONDAY", "tue", "Thurs", "Moon", ""):
            values.append(f"{day} {month} 05 2003 10:49".strip())
    check(["Mon Jan 05 2003 10:49"] * 3 + values)


def test_other_parserinfo_learns_its_own_names():
    info = oracle.GermanInfo()
    values = ["25 Sep 2003 10:49", "25 Dezember 2003 10:49", "03 Mai 2003 10:49",
              "03 May 2003 10:49", "12 Okt 2003 10:49", "12 Oct 2003 10:49"] * 5
    values += [f"{d:02d} Dez 2003 10:49" for d in range(1, 32)]
    rng = random.Random(SEED)
    rng.shuffle(values)
    on, _, _ = _outcome(values, True, errors="coerce", parserinfo=info)
    off, _, _ = _outcome(values, False, errors="coerce", parserinfo=info)
    assert on == off
    want = []
    for v in values:
        try:
            want.append(int(np.datetime64(fastdt.parse(v, info), "us").astype("int64")))
        except Exception:
            want.append(NAT)
    assert on == want


def test_fuzzy_and_default_keep_their_behaviour():
    values = [f"on {m:%b %d %Y} at {m:%H:%M}" for m in _moments(random.Random(SEED), 50)]
    check(values, fuzzy=True)
    check(["10:49:41"] * 10 + ["Sep 25", "25", "2003"],
          default=dt.datetime(2001, 2, 3, 4, 5, 6))


def test_mixed_formats_alternating():
    """More formats than a range keeps: templates are replaced, never wrong."""
    rng = random.Random(SEED)
    moments = _moments(rng, 600)
    values = [m.strftime(FORMATS[k % 9]) for k, m in enumerate(moments)]
    check(values)
    values = [m.strftime(rng.choice(FORMATS)) for m in moments]
    check(values)


_PIECES = st.sampled_from(["%d", "%m", "%y", "%Y", "%H", "%M", "%S", "%I", "%p", "%b", "%B",
                           "%a", "%f", "/", "-", ".", ":", " ", ", ", "T", "+", "GMT",
                           "UTC", "at", "Z"])


@st.composite
def _column(draw):
    """A column from one random format (often not a date at all), some rows
    with field values out of range, and a few rows of another format."""
    fmt = "".join(draw(st.lists(_PIECES, min_size=1, max_size=9)))
    rng = random.Random(draw(st.integers(0, 2**32)))
    rows = []
    for m in _moments(rng, 40, years=(1, 10000)):
        text = m.strftime(fmt)
        if rng.random() < 0.15:
            # a digit changed: month 13, day 32, hour 24, ...
            digits = [i for i, c in enumerate(text) if c.isdigit()]
            if digits:
                i = rng.choice(digits)
                text = text[:i] + str(rng.randrange(10)) + text[i + 1:]
        rows.append(text)
    other = "".join(draw(st.lists(_PIECES, min_size=1, max_size=6)))
    for k in range(0, 40, 9):
        rows.insert(k, _moments(rng, 1)[0].strftime(other))
    return rows


@settings(max_examples=60, deadline=None)
@given(_column(), st.sampled_from(OPTIONS))
def test_hypothesis_columns(values, options):
    check(values, **options)
