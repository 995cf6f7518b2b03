"""``fastdt.guess_format`` against the installed dateutil, and against pandas.

The judge is written here, apart from fastdt's own check: a format is
*right* for a string when ``datetime.strptime(string, format)`` gives what
the installed dateutil's ``parse`` gives on every field its ``_parse``
record says the string gave (year ... microsecond), and the same UTC offset
(aware where dateutil is aware, naive where it is naive); a weekday without
a day cannot be right (dateutil moves to it, strptime ignores it).  A
format that is not right is *wrong*.

* Over every line of ``bench/corpora_heldback/*.txt`` and
  ``bench/corpora/*.txt`` (TZ=UTC, dayfirst False and True): fastdt gives 0
  wrong formats and at least as many right ones as pandas'
  ``guess_datetime_format``, per corpus and overall.  The counts are
  printed (``pytest -s``) and quoted in the README.
* Every conformance string under four option sets, four parserinfos
  (German month names, a century pivot of its own) and two zones: 0 wrong.
* Strings written by ``strftime`` from random formats (hypothesis): 0 wrong.
* No warning escapes (an unknown zone name, Python 3.13's strptime
  deprecation of a day without a year).

Run by the nox matrix under dateutil 2.9.0.post0, 3.0.0 and 4.0.0.
"""
import datetime
import inspect
import json
import pathlib
import re
import sys
import warnings

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import dateutil.parser
from dateutil.parser import parserinfo

import fastdt
import oracle

BENCH = pathlib.Path(__file__).resolve().parent.parent / "bench"
CORPUS_DIRS = ("corpora_heldback", "corpora")
_quiet = oracle.quiet
dateutil_reading = oracle.dateutil_reading
judge = oracle.format_judge


def _lines(path):
    return [line for line in path.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]


def _corpora():
    return [(d, p) for d in CORPUS_DIRS for p in sorted((BENCH / d).glob("*.txt"))]


# --- the corpora, against pandas -------------------------------------------------

def score(strings, dayfirst):
    """Right and wrong counts for fastdt and pandas, and fastdt's wrong ones."""
    from pandas.tseries.api import guess_datetime_format
    counts = dict(lines=0, fastdt_right=0, fastdt_wrong=0, fastdt_none=0,
                  pandas_right=0, pandas_wrong=0, pandas_none=0)
    wrong = []
    for s in strings:
        counts["lines"] += 1
        reading = dateutil_reading(s, dayfirst=dayfirst)
        with warnings.catch_warnings():
            # fastdt's answer with warnings as errors: none may escape
            warnings.simplefilter("error")
            fmt = fastdt.guess_format(s, dayfirst=dayfirst)
        theirs = _quiet(guess_datetime_format, s, dayfirst=dayfirst)
        for who, f in (("fastdt", fmt), ("pandas", theirs)):
            if f is None:
                counts[who + "_none"] += 1
            elif judge(s, f, reading) is None:
                counts[who + "_right"] += 1
            else:
                counts[who + "_wrong"] += 1
                if who == "fastdt":
                    wrong.append((s, f, judge(s, f, reading)))
    return counts, wrong


@pytest.fixture(scope="module")
def corpus_scores():
    pytest.importorskip("pandas")   # in the test extra; needed for the comparison
    scores = {}
    with oracle.tz_env("UTC"):
        for d, path in _corpora():
            strings = _lines(path)
            for dayfirst in (False, True):
                scores[(d, path.stem, dayfirst)] = score(strings, dayfirst)
    return scores


def test_corpora_are_there():
    found = _corpora()
    assert {d for d, _ in found} == set(CORPUS_DIRS)
    assert len(found) >= 20
    assert sum(len(_lines(p)) for _, p in found) > 15000


def test_no_wrong_format_on_the_corpora(corpus_scores):
    wrong = [(key, w) for key, (_, ws) in corpus_scores.items() for w in ws]
    assert not wrong, "%d wrong formats, e.g. %s" % (len(wrong), wrong[:10])


def test_at_least_as_many_right_as_pandas(corpus_scores):
    total = dict.fromkeys(("lines", "fastdt_right", "pandas_right", "pandas_wrong",
                           "fastdt_none", "pandas_none"), 0)
    print("\nguess_format vs pandas.guess_datetime_format (TZ=UTC): right/wrong/none")
    for (d, name, dayfirst), (counts, _) in sorted(corpus_scores.items()):
        print("  %-16s %-13s dayfirst=%-5s %5d lines  fastdt %4d/%d/%-4d  pandas %4d/%d/%d" % (
            d, name, dayfirst, counts["lines"], counts["fastdt_right"], counts["fastdt_wrong"],
            counts["fastdt_none"], counts["pandas_right"], counts["pandas_wrong"],
            counts["pandas_none"]))
        for key in total:
            total[key] += counts[key]
        # per corpus: never fewer right than pandas
        assert counts["fastdt_right"] >= counts["pandas_right"], (d, name, dayfirst, counts)
    print("  total %d lines: fastdt %d right, pandas %d right (%d wrong)" % (
        total["lines"], total["fastdt_right"], total["pandas_right"], total["pandas_wrong"]))
    assert total["fastdt_right"] > total["pandas_right"]


def test_the_scoring_can_tell_right_from_wrong():
    # the judge itself: pandas' %Z for an aware parse is wrong, a swapped
    # day and month is wrong, a format that does not match is wrong
    reading = dateutil_reading("Sun, 06 Nov 1994 08:49:37 GMT")
    assert judge("Sun, 06 Nov 1994 08:49:37 GMT", "%a, %d %b %Y %H:%M:%S %Z", reading)
    reading = dateutil_reading("03/04/2005")
    assert judge("03/04/2005", "%d/%m/%Y", reading)
    assert judge("03/04/2005", "%m/%d/%Y", reading) is None
    assert judge("03/04/2005", "%Y", reading)
    reading = dateutil_reading("Mon 10:00")
    assert judge("Mon 10:00", "%a %H:%M", reading)


# --- the example -----------------------------------------------------------

def test_gmt_gets_no_format():
    """``Sun, 06 Nov 1994 08:49:37 GMT`` (issue 11): dateutil's answer is aware
    (UTC).  strptime reads zone names only with ``%Z``, and ``%Z`` gives a
    naive datetime (pandas' ``%Z`` guess is wrong for that reason); a literal
    ``GMT`` also gives a naive one; ``%z`` reads ``Z`` and numeric offsets
    only.  No format reproduces the parse, so the answer is None."""
    s = "Sun, 06 Nov 1994 08:49:37 GMT"
    assert fastdt.parse(s).utcoffset() == datetime.timedelta(0)
    for fmt in ("%a, %d %b %Y %H:%M:%S %Z", "%a, %d %b %Y %H:%M:%S GMT"):
        assert datetime.datetime.strptime(s, fmt).tzinfo is None
    with pytest.raises(ValueError):
        datetime.datetime.strptime(s, "%a, %d %b %Y %H:%M:%S %z")
    assert fastdt.guess_format(s) is None
    # the same stamp with a numeric offset or Z has a format
    assert fastdt.guess_format("Sun, 06 Nov 1994 08:49:37 +0000") == "%a, %d %b %Y %H:%M:%S %z"
    assert fastdt.guess_format("1994-11-06T08:49:37Z") == "%Y-%m-%dT%H:%M:%S%z"


# --- examples ---------------------------------------------------------------------

EXAMPLES = [
    # (string, options, format)
    ("2003-09-25T10:49:41", {}, "%Y-%m-%dT%H:%M:%S"),
    ("2003-09-25 10:49:41.502", {}, "%Y-%m-%d %H:%M:%S.%f"),
    ("2003-09-25 10:49:41,502", {}, "%Y-%m-%d %H:%M:%S,%f"),
    ("2003-09-25T10:49:41.5-03:00", {}, "%Y-%m-%dT%H:%M:%S.%f%z"),
    ("2003-09-25T10:49:41-0300", {}, "%Y-%m-%dT%H:%M:%S%z"),
    ("2005-10-24T22:24:37.585934Z", {}, "%Y-%m-%dT%H:%M:%S.%f%z"),
    ("20030925T104941", {}, "%Y%m%dT%H%M%S"),
    ("20030925", {}, "%Y%m%d"),
    ("Sat, 13 Dec 1997 04:19:51 -0930", {}, "%a, %d %b %Y %H:%M:%S %z"),
    ("Thu Oct  9 21:13:13 2031", {}, "%a %b  %d %H:%M:%S %Y"),
    ("Saturday, September 25, 2003", {}, "%A, %B %d, %Y"),
    ("Nov 14 20:35:00", {}, "%b %d %H:%M:%S"),          # syslog: no year
    ("10:49", {}, "%H:%M"),
    ("04/20/2019 8:32 PM", {}, "%m/%d/%Y %I:%M %p"),
    ("12 AM", {}, "%I %p"),
    ("4/25/2002", {}, "%m/%d/%Y"),
    ("25.09.2003", {}, "%d.%m.%Y"),
    ("01/02/2003", {}, "%m/%d/%Y"),
    ("01/02/2003", {"dayfirst": True}, "%d/%m/%Y"),
    ("01/01/2001", {"dayfirst": True}, "%d/%m/%Y"),     # equal values: dayfirst's order
    ("01/02/03", {}, "%m/%d/%y"),
    ("01/02/03", {"dayfirst": True}, "%d/%m/%y"),
    ("01/02/03", {"yearfirst": True}, "%y/%m/%d"),
    ("16-Jun-86", {}, "%d-%b-%y"),
    ("30th of June, 2012", {}, "%dth of %B, %Y"),      # the suffix as literal text
    ("March 25th, 2028 at 11:20 am", {}, "%B %dth, %Y at %I:%M %p"),
    ("10h36m28s", {}, "%Hh%Mm%Ss"),
    ("100% 2003", {}, None),
    ("2003-09-25 10:49 50%", {}, None),
]


@pytest.mark.parametrize("s, options, fmt", EXAMPLES)
def test_examples(s, options, fmt):
    assert fastdt.guess_format(s, **options) == fmt
    if fmt is not None:
        assert judge(s, fmt, dateutil_reading(s, **options)) is None


NO_FORMAT = [
    "Sun, 06 Nov 1994 08:49:37 GMT",       # aware, from a name strptime reads naive
    "2003-09-25T10:49:41 UTC",
    "Thu, 04 Jan 2001 09:28:24 CET",       # a name dateutil drops with a warning
    "Sep 25 2003 10:36 BRST -0300",
    "10:36 GMT+3",                         # dateutil's reversed sign
    "Sept 25 2003",                        # strptime reads Sep or September
    "Sep 25 2003 10:00 a.m.",
    "2003-09-25T10:49:41.1234567",         # 7 fraction digits: %f takes 6
    "2003-09-25 10:49:41 -03",             # %z needs the minutes
    "Sep 25 2003 10:36z",                  # %z reads a capital Z only
    "Monday 10:00",                        # a weekday without a day
    "Tuesday",
    "0:30 AM",                             # %I has no hour 0
    "1/2/3",                               # %y takes two digits
    "garbage",
    "",
    "The meeting is on 2003-09-25 at noon",   # fuzzy would skip the words
    "٢٠٠٣-09-25",                          # digits strptime does not read
    "2003-09-25 10:36:28 +2400",           # an offset datetime cannot hold
    "10:" + "9" * 300,                     # dateutil raises decimal.InvalidOperation
]


@pytest.mark.parametrize("s", NO_FORMAT)
def test_no_format(s):
    assert fastdt.guess_format(s) is None


def test_two_digit_years_follow_both_pivots():
    # dateutil puts a two-digit year within 50 years of today; strptime's %y
    # pivots at 1969.  Where they disagree there is no format.
    this_year = datetime.date.today().year
    for yy in range(100):
        s = "Sep 25 %02d" % yy
        fmt = fastdt.guess_format(s)
        agree = dateutil.parser.parse(s).year == datetime.datetime.strptime(s, "%b %d %y").year
        assert fmt == ("%b %d %y" if agree else None), (s, this_year)


def test_a_parserinfo_of_other_words():
    german = oracle.GermanInfo()
    # Mai is no month strptime reads (C locale): no format
    assert fastdt.guess_format("25. Mai 2003", german) is None
    assert fastdt.guess_format("25 Mai 2003 um 10:00", german) is None
    # Aug is the same in both: a format, and it is right
    fmt = fastdt.guess_format("25 Aug 2003 um 10:00", german)
    assert fmt == "%d %b %Y um %H:%M"
    assert judge("25 Aug 2003 um 10:00", fmt, dateutil_reading("25 Aug 2003 um 10:00", german)) is None
    # a century pivot of its own: 74 is 1974 for it, 2074 for dateutil's default
    pivot = oracle.PivotInfo()
    assert fastdt.guess_format("Sep 25 74", pivot) == "%b %d %y"
    assert fastdt.guess_format("Sep 25 60", pivot) is None     # 1960, strptime 2060
    # the info's own dayfirst orders equal values
    assert fastdt.guess_format("01/01/2001", parserinfo(dayfirst=True)) == "%d/%m/%Y"
    assert fastdt.guess_format("01/01/2001", parserinfo(dayfirst=True),
                               dayfirst=False) == "%m/%d/%Y"


def test_percent_signs_are_escaped():
    # dateutil skips no '%', so a string with one does not parse; the escape
    # is checked where a literal would need it, through the search itself
    from fastdt import _format
    assert _format._TOKEN.findall("10%") == ["10", "%"]
    assert fastdt.guess_format("100%") is None


def test_takes_a_str_only():
    with pytest.raises(TypeError, match="decode bytes first"):
        fastdt.guess_format(b"2003-09-25")
    with pytest.raises(TypeError, match="takes a str"):
        fastdt.guess_format(20030925)


# --- many strings, judged against dateutil ---------------------------------------

OPTION_SETS = [{}, {"dayfirst": True}, {"yearfirst": True}, {"dayfirst": True, "yearfirst": True}]


def _conformance_strings():
    from test_conformance import ALL_STRINGS
    return sorted({s for s in ALL_STRINGS if isinstance(s, str)})


@pytest.mark.parametrize("zone", ["UTC", "America/New_York"])
@pytest.mark.parametrize("info_name", ["default", "german", "pivot", "dayfirst"])
def test_no_wrong_format_on_the_conformance_strings(zone, info_name):
    info = {"default": None, "german": oracle.GermanInfo(), "pivot": oracle.PivotInfo(),
            "dayfirst": parserinfo(dayfirst=True)}[info_name]
    strings = _conformance_strings() + [s for s, _, _ in EXAMPLES] + NO_FORMAT
    wrong, formats = [], 0
    with oracle.tz_env(zone):
        for s in strings:
            for options in OPTION_SETS:
                with warnings.catch_warnings():
                    warnings.simplefilter("error")
                    fmt = fastdt.guess_format(s, info, **options)
                if fmt is None:
                    continue
                formats += 1
                why = judge(s, fmt, dateutil_reading(s, info, **options))
                if why is not None:
                    wrong.append((s, options, fmt, why))
    assert not wrong, wrong[:10]
    assert formats > 1000      # formats were given, so the judge had work


# strftime pieces: what a column writer might use
_PIECES = ["%Y", "%y", "%m", "%d", "%b", "%B", "%a", "%A", "%H", "%I", "%p", "%M",
           "%S", "%f", "%z", "-", "/", ".", ":", " ", ", ", "T", "%%"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pieces=st.lists(st.sampled_from(_PIECES), min_size=1, max_size=9),
       when=st.datetimes(min_value=datetime.datetime(1900, 1, 1),
                         max_value=datetime.datetime(2099, 12, 31)),
       offset=st.one_of(st.none(), st.integers(-23 * 60 - 59, 23 * 60 + 59)),
       dayfirst=st.booleans(), yearfirst=st.booleans())
def test_strftime_output_never_gets_a_wrong_format(pieces, when, offset, dayfirst, yearfirst):
    if offset is not None:
        when = when.replace(tzinfo=datetime.timezone(datetime.timedelta(minutes=offset)))
    s = when.strftime("".join(pieces))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fmt = fastdt.guess_format(s, dayfirst=dayfirst, yearfirst=yearfirst)
    if fmt is not None:
        assert judge(s, fmt, dateutil_reading(s, dayfirst=dayfirst, yearfirst=yearfirst)) is None


def test_common_formats_round_trip():
    # strings strftime writes from the formats columns use get that format back
    when = datetime.datetime(2003, 9, 25, 14, 49, 41, 502000)
    aware = when.replace(tzinfo=datetime.timezone(datetime.timedelta(hours=-3)))
    for fmt, value in [("%Y-%m-%d %H:%M:%S", when), ("%Y-%m-%dT%H:%M:%S.%f", when),
                       ("%Y-%m-%dT%H:%M:%S%z", aware), ("%d/%m/%Y %H:%M", when),
                       ("%m/%d/%Y %I:%M %p", when), ("%a, %d %b %Y %H:%M:%S %z", aware),
                       ("%B %d, %Y", when), ("%d-%b-%Y", when), ("%b %d %H:%M:%S", when),
                       ("%Y%m%d", when), ("%H:%M:%S.%f", when)]:
        s = value.strftime(fmt)
        assert fastdt.guess_format(s, dayfirst=fmt.startswith("%d")) == fmt, s


# --- the function's face ------------------------------------------------------------

def test_signature_and_help():
    assert str(inspect.signature(fastdt.guess_format)) == \
        "(timestr, parserinfo=None, *, dayfirst=None, yearfirst=None, ambiguous='ignore')"
    doc = fastdt.guess_format.__doc__
    for name in inspect.signature(fastdt.guess_format).parameters:
        assert len(re.findall(r":param %s:" % name, doc)) == 1, name
    assert sorted(re.findall(r":param (\w+):", doc)) == sorted(
        inspect.signature(fastdt.guess_format).parameters)
    assert "#125" in doc and ":returns:" in doc and ":raises TypeError:" in doc
    assert ":raises AmbiguousDateError:" in doc
    assert "guess_format" in fastdt.__all__


def test_no_deprecation_warning_for_a_day_without_a_year():
    # Python 3.13's strptime warns when a format has %d and no year; the
    # check inside guess_format must not (its format has no year either)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert fastdt.guess_format("Feb 14 10:00") == "%b %d %H:%M"


def test_long_strings_are_answered():
    # thousands of jump words: the first choice only (no deep recursion)
    assert fastdt.guess_format("2003-09-25" + ", " * 3000) == "%Y-%m-%d" + ", " * 3000
    long_and_odd = "Thu, 01 Jan 1970 00:00:00 +0000" + " ," * 3000
    fmt = fastdt.guess_format(long_and_odd, yearfirst=True)
    assert fmt is None or judge(long_and_odd, fmt, dateutil_reading(long_and_odd, yearfirst=True)) is None
    assert fastdt.guess_format("1" * 5000) is None
    assert fastdt.guess_format("x" * 100000) is None


def test_the_full_walk_finds_what_the_first_choice_finds(monkeypatch):
    # the walk over every combination, behind the first choice, on its own
    from fastdt import _format
    firsts = {(s, tuple(sorted(o.items()))): fastdt.guess_format(s, **o) for s, o, _ in EXAMPLES}
    monkeypatch.setattr(_format._Search, "_greedy", lambda self: None)
    for (s, options), fmt in firsts.items():
        walked = fastdt.guess_format(s, **dict(options))
        if fmt is None:
            assert walked is None, s
        else:
            # the walk may order equal values otherwise, never read them wrong
            assert walked is not None, s
            assert judge(s, walked, dateutil_reading(s, **dict(options))) is None, (s, walked)
