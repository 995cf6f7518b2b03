"""The bare call ``parse(s)`` and the caches that keep it fast.

``parse(s)`` with one positional argument enters through its own vectorcall
slot and, for an ASCII ISO string, goes from the shortcut straight to the
builder.  These tests hold that entry to dateutil's answers where its
shortcuts could go stale: the default parserinfo's ``dayfirst`` changed
after use, ``datetime.datetime`` replaced after use (freezegun), fields out
of range, and the unknown-zone-name warning whose message is cached per name.
"""
import datetime
import sys
import warnings

import pytest
from dateutil import parser as du_parser

import fastdt


class StrSub(str):
    pass


BARE_CASES = [
    "2003-09-25", "2003-09-05", "2003-09-25T10:49:41", "2003-09-25 10:49:41.5",
    "2003-09-25T10:49:41,123456", "2003-09-25T10:49:41Z", "2003-09-25T10:49:41+00:00",
    "2003-09-25T10:49:41-03:00", "2003-09-25T10:49:41+0530", "2003-09-25T10:49+05",
    "2003-02-29", "2004-02-29T00:00", "0000-01-01", "2003-13-01", "2003-00-10",
    "2003-09-31", "2003-09-25T24:00", "2003-09-25T23:60", "2003-09-25T23:59:60",
    "2003-09-25T10:49:41+99:99", "2003-09-25\x00", "Sep 25 2003", "", "x",
]


def _outcome(func, *args, **kwargs):
    try:
        value = func(*args, **kwargs)
    except Exception as exc:  # the type and message are what is compared
        return ("raise", type(exc).__name__, str(exc))
    return ("value", type(value), value.replace(tzinfo=None), repr(value.tzinfo))


@pytest.mark.parametrize("text", BARE_CASES + [StrSub("2003-09-25T10:49:41")])
def test_bare_call_matches_dateutil_and_the_keyword_spellings(text):
    expected = _outcome(du_parser.parse, text)
    assert _outcome(fastdt.parse, text) == expected
    # the same call through Cython's argument handling
    assert _outcome(fastdt.parse, text, None) == expected
    assert _outcome(fastdt.parse, timestr=text) == expected
    assert _outcome(fastdt.parse, text, default=None) == expected


def test_bare_call_argument_errors_unchanged():
    with pytest.raises(TypeError):
        fastdt.parse()
    with pytest.raises(TypeError):
        fastdt.parse("2003-09-25", bogus=1)
    with pytest.raises(TypeError):
        fastdt.parse(12345)


def test_default_dayfirst_changed_after_use():
    info = fastdt.DEFAULT_PARSER.info
    reference = du_parser.parser(info)
    text = "2003-01-05T10:00"
    before = info.dayfirst
    try:
        for value in (False, True, False, True):
            info.dayfirst = value
            for _ in range(3):  # the second call uses what the first cached
                assert fastdt.parse(text) == reference.parse(text)
        assert fastdt.parse(text) == datetime.datetime(2003, 5, 1, 10, 0)
    finally:
        info.dayfirst = before
    assert fastdt.parse(text) == datetime.datetime(2003, 1, 5, 10, 0)


def test_datetime_replaced_after_use(monkeypatch):
    text = "2003-09-25T10:49:41"
    assert type(fastdt.parse(text)) is datetime.datetime   # warm the cache
    real = datetime.datetime

    class FrozenDatetime(real):
        @classmethod
        def now(cls, tz=None):
            return cls(2012, 2, 29, 13, 14, 15, tzinfo=tz)

    monkeypatch.setattr(datetime, "datetime", FrozenDatetime)
    for _ in range(2):
        got, expected = fastdt.parse(text), du_parser.parse(text)
        assert type(got) is type(expected) is FrozenDatetime
        assert got == expected
    monkeypatch.undo()
    assert type(fastdt.parse(text)) is datetime.datetime


def test_unknown_zone_name_warnings_match_dateutil_past_the_cache():
    # more distinct names than the message cache holds, each twice, so
    # entries are both reused and replaced
    names = ["PDT", "CET", "BRST", "MSK", "JST", "HKT", "AEST", "ABC", "XYZ", "QQ",
             "EST", "EDT", "CEST", "IST", "NZDT", "WAT", "ART", "BST", "ICT"]
    for name in names + names:
        text = f"Thu, 04 Jan 2001 09:28:24 {name}"
        with warnings.catch_warnings(record=True) as ours:
            warnings.simplefilter("always")
            got = fastdt.parse(text)
        with warnings.catch_warnings(record=True) as theirs:
            warnings.simplefilter("always")
            expected = du_parser.parse(text)
        assert got == expected and got.tzinfo is expected.tzinfo is None
        assert [(w.category, str(w.message)) for w in ours] == \
            [(w.category, str(w.message)) for w in theirs]
        # attributed where dateutil's own is (fastdt/_warnings.py)
        assert [(w.filename, w.lineno) for w in ours] == \
            [(w.filename, w.lineno) for w in theirs]


def test_unknown_zone_name_warning_as_error():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for _ in range(2):
            with pytest.raises(du_parser.UnknownTimezoneWarning, match="tzname PDT identified"):
                fastdt.parse("Thu, 04 Jan 2001 09:28:24 PDT")


ZONE_CASES = ["2003-09-25T10:49:41Z", "2003-09-25 10:49:41.25+00:00", "2003-01-25T10:49Z",
              "2003-03-30T01:30:00Z", "2003-10-26T01:30:00Z", "2003-09-25T10:49:41-0300"]


@pytest.mark.parametrize("zone", ["UTC", "Etc/UTC", "America/New_York", "Europe/London",
                                  "Australia/Sydney", "UTC0", "UTC0UTC,M3.5.0,M10.5.0"])
def test_bare_iso_with_utc_name_follows_the_local_zone(zone):
    # "Z" and "+00:00" name the zone "UTC": dateutil answers tzlocal() when
    # that is one of time.tzname, tz.UTC otherwise
    from oracle import tz_env
    with tz_env(zone):
        for text in ZONE_CASES:
            for _ in range(2):
                got, expected = fastdt.parse(text), du_parser.parse(text)
                # (aware == across two tzlocal objects is always False for an
                # ambiguous time, PEP 495: compare wall time, zone, fold)
                assert (got.replace(tzinfo=None), repr(got.tzinfo), got.fold) == \
                    (expected.replace(tzinfo=None), repr(expected.tzinfo), expected.fold), text
                assert got.utcoffset() == expected.utcoffset()
