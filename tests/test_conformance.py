"""Table-driven conformance: fastdt.parse vs dateutil 2.9.0 computed live.

No expected value is written down here: for every input the oracle
(dateutil) is called with the same arguments and fastdt must produce the
same value, tzinfo, exception and warnings (see ``oracle.py``).

Every string runs under several option sets and under several process time
zones (``TZ`` + ``time.tzset()``), because dateutil's answer for a tz name
depends on ``time.tzname`` and it builds ``tzlocal()`` for local names.
"""
import io
import itertools
from datetime import datetime, timedelta, timezone

import pytest
from dateutil import tz

import fastdt
import oracle
from oracle import DU_PARSERINFO, Fresh, ReadOnly, assert_same, assert_same_parser

# Fixed defaults, so results do not drift with today's date.
D0 = datetime(2003, 9, 25)
D1 = datetime(2024, 1, 31, 13, 14, 15, 161718)     # day 31, time set
D2 = datetime(2004, 2, 29)                         # leap day


class UserTZ(timezone.__base__):  # a user tzinfo with an identity repr
    def utcoffset(self, dt):
        return timedelta(hours=5, minutes=45)

    def dst(self, dt):
        return timedelta(0)

    def tzname(self, dt):
        return "NPT-ish"


USER_TZ = UserTZ()
CHICAGO = tz.gettz("America/Chicago")
assert CHICAGO is not None

TZINFOS_DICT = {
    "BRST": -10800,                      # int seconds
    "BRT": tz.tzoffset("BRT", -10800),   # tzinfo
    "EST": "EST5EDT",                    # str -> tzstr
    "CST": CHICAGO,                      # tzfile
    "XYZ": 3600,
    "NONE": None,                        # maps to a naive result
    "UTC": 7200,                         # overriding a UTC name
    "AEST": tz.UTC,
    "NPT": USER_TZ,
}
TZINFOS_BAD = {"BRST": 1.5, "EST": b"EST5EDT", "XYZ": [1]}


def tzinfos_callable(name, offset):
    if name == "BRST":
        return -10800
    if name == "EST":
        return "EST5EDT"
    if name == "CST":
        return CHICAGO
    if name == "NPT":
        return USER_TZ
    if name is None and offset is None:
        return None
    if offset is not None:
        return tz.tzoffset(name, offset)
    return None


def tzinfos_callable_raises(name, offset):
    if name == "XYZ":
        raise KeyError("no zone %s" % name)
    return None


# Option sets every string is checked with (fixed defaults).
OPTION_SETS = [
    dict(default=D0),
    dict(default=D1),
    dict(default=D0, dayfirst=True),
    dict(default=D0, yearfirst=True),
    dict(default=D0, dayfirst=True, yearfirst=True),
    dict(default=D0, dayfirst=False, yearfirst=False),
    dict(default=D0, fuzzy=True),
    dict(default=D0, fuzzy_with_tokens=True),
    dict(default=D1, fuzzy_with_tokens=True, dayfirst=True),
    dict(default=D0, ignoretz=True),
    dict(default=D0, tzinfos=TZINFOS_DICT),
    dict(default=D0, tzinfos=tzinfos_callable),
    dict(default=D0, tzinfos=TZINFOS_DICT, ignoretz=True),
    dict(default=D2, fuzzy=True, tzinfos=tzinfos_callable, yearfirst=True),
]

# --------------------------------------------------------------------------
# Input families
# --------------------------------------------------------------------------

MONTH_NAMES = ["Jan", "January", "Feb", "February", "Mar", "March", "Apr",
               "April", "May", "Jun", "June", "Jul", "July", "Aug", "August",
               "Sep", "Sept", "September", "Oct", "October", "Nov",
               "November", "Dec", "December"]
WEEKDAY_NAMES = ["Mon", "Monday", "Tue", "Tuesday", "Wed", "Wednesday", "Thu",
                 "Thursday", "Fri", "Friday", "Sat", "Saturday", "Sun",
                 "Sunday", "Tues", "Thurs"]


def casings(word):
    return sorted({word, word.lower(), word.upper(), word.title(),
                   word[0].lower() + word[1:].upper()})


ISO = [
    "2003-09-25T10:49:41", "2003-09-25T10:49", "2003-09-25T10", "2003-09-25",
    "20030925T104941", "20030925T1049", "20030925T10", "20030925",
    "2003-09-25 10:49:41,502", "2003-09-25T10:49:41.5-03:00",
    "2003-09-25T10:49:41.123456Z", "2003-09-25T10:49:41.1234567Z",
    "2003-09-25T10:49:41,123456789+05:30", "2003-09-25T10:49:41-0300",
    "2003-09-25T10:49:41+00:00", "2003-09-25T10:49:41-00:00",
    "2003-09-25T10:49:41 UTC", "2003-09-25T10:49:41 GMT",
    "2003-09-25t10:49:41z", "2003-09", "2003-9-5", "2003-W39", "2003-268",
    "20030925T104941-0300", "20030925T104941Z", "20030925104941",
    "199709020908", "19970902090807", "1997090209", "2003-09-25T104941",
    "2003-09-25T10:49:41.", "2003-09-25T10:49:41.000000",
    "2003-09-25T24:00", "2003-09-25 10:49:41.5 +0530",
    "2003-09-25T10:49:41.5+05:30:00", "--09-25", "T10:49",
    "10:49:41.5", "2016-12-31T23:59:60", "1970-01-01T00:00:00Z",
    "0001-01-01", "9999-12-31T23:59:59.999999",
]

RFC_CTIME_SYSLOG_CLF = [
    "Thu, 25 Sep 2003 10:49:41 -0300", "Wed, 02 Oct 2002 08:00:00 EST",
    "Wed, 02 Oct 2002 13:00:00 GMT", "Wed, 02 Oct 2002 15:00:00 +0200",
    "Tue, 1 Jul 2003 10:52:37 +0200", "Thu, 25 Sep 2003 10:49:41 BRST",
    "25 Sep 2003 10:49:41 -0300 (BRT)", "Thu, 25 Sep 03 10:49:41 -0300",
    "Thu Sep 25 10:36:28 2003", "Thu Sep 25 2003", "Thu Sep  5 10:36:28 2003",
    "Thu Sep 25 10:36:28 BRST 2003", "Thu Sep 25 10:36:28 UTC 2003",
    "Thu Sep 25 10:36:28 EST 2003", "Thu Sep 25 10:36:28 -03 2003",
    "Thu 25 Sep 2003 10:36:28 AM BRST", "Thu 25 Sep 2003 10:36:28 PM -03",
    "Thu Sep 25 10:36:28 AEST 2003", "Thu Sep 25 10:36:28 BST 2003",
    "Thu Sep 25 10:36:28 EDT 2003", "Thu Sep 25 10:36:28 CET 2003",
    "Sep 25 10:36:28", "Sep  5 10:36:28 myhost sshd[123]: Accepted",
    "Sep 25 10:36:28 2003", "Sep 25 10:36:28.123",
    "10/Oct/2000:13:55:36 -0700", "[10/Oct/2000:13:55:36 -0700]",
    "10/Oct/2000:13:55:36", "Thu Sep 25 10:36:28 BRST 2003 extra",
    "Wed, 02 Oct 2002 08:00:00 EST5EDT",
    "Mon Jan  2 04:24:27 1995", "Mon Jan 02 04:24:27 MST 1995",
    "Tuesday, April 12, 1952 AD 3:30:42pm PST",
    "November 5, 1994, 8:15:30 am EST", "1994-11-05T08:15:30-05:00",
    "1994-11-05T08:15:30Z", "1976-07-04T00:01:02Z",
    "Tue Apr 4 00:22:12 PDT 1995", "Thu, 01 Jan 1970 00:00:00 +0000",
]

SLASH_DASH_DOT = [
    "09-25-2003", "25-09-2003", "10-09-2003", "10-09-03", "2003.09.25",
    "09.25.2003", "25.09.2003", "10.09.2003", "10.09.03", "2003/09/25",
    "09/25/2003", "25/09/2003", "10/09/2003", "10/09/03", "2003 09 25",
    "09 25 2003", "25 09 2003", "10 09 2003", "10 09 03", "25 09 03",
    "03 25 Sep", "25 03 Sep", "01/05/09", "01-05-09", "01.05.09",
    "2009/05/01", "09/05/2001", "31/12/2003", "12/31/2003", "13/12/03",
    "03/13/12", "12/13/03", "32/12/03", "12/32/03", "1/2/3", "1-2-3",
    "1.2.3", "1 2 3", "99/12/31", "31/12/99", "12/31/99", "0/0/0",
    "2003/9/25", "9/25", "25/9", "9/2003", "2003/9", "9-2003", "2003-9",
    "9.25", "25.9", "10/09/2003 10:36", "10.09.2003 10:36:28",
    "2003-09-25-10", "10-Sep-2003", "10/Sep/2003", "10.Sep.2003",
    "Sep-10-2003", "Sep/10/2003", "Sep.10.2003", "2003-Sep-10",
    "10-09-Sep", "1/2/3/4", "1-2-3-4", "3rd/Sep/2003", "01/02/2003 03:04",
]

NUMERIC = [
    "1", "12", "123", "1234", "12345", "123456", "1234567", "12345678",
    "123456789", "1234567890", "12345678901", "123456789012",
    "1234567890123", "12345678901234", "030925", "0925", "2003", "99", "100",
    "0", "00", "000", "0000", "00000", "000000", "00000000", "31", "32",
    "13", "24", "25", "60", "61", "1.5", "10.5", "2003.5", "25.5",
    "20030925.5", "104941", "1049", "10 49", "10:49", "10:49:41",
    "10:49:41.5", "10:49:41,5", "10:49.5", "10.49.41", "0:0", "0:0:0",
    "23:59:59.999999", "23:59:59.9999999", "24:00", "10:60", "10:36:60",
    "10:36:61", "-1", "+1", "-2003", "1 2", "1 2 3 4", "2003 2003",
    "1999 10 25 10", "10:36:28 2003", "2003 10:36:28", "19 Sep 12",
]

MONTH_FORMS = []
for _m in MONTH_NAMES:
    for _c in casings(_m):
        MONTH_FORMS += ["%s 25 2003" % _c, "25 %s 2003" % _c]
    MONTH_FORMS += ["%s" % _m, "%s 2003" % _m, "2003 %s" % _m,
                    "%s 25" % _m, "25 %s" % _m, "%s 10" % _m, "%s 03" % _m,
                    "%s. 25, 2003" % _m, "%s-25" % _m]

WEEKDAY_FORMS = []
for _w in WEEKDAY_NAMES:
    for _c in casings(_w):
        WEEKDAY_FORMS.append(_c)
    WEEKDAY_FORMS += ["%s 10:00" % _w, "%s, Sep 25 2003" % _w,
                      "%s 25" % _w, "%s Sep" % _w, "next %s" % _w,
                      "%s %s" % (_w, _w)]

ORDINALS_OF_WORDS = [
    "1st Sep 2003", "2nd of September 2003", "3rd September, 2003",
    "4th Sep", "Sep 1st", "Sep 22nd, 2003", "September 23rd 2003",
    "the 25th of September of 2003", "25 of Sep", "Sep of 2003",
    "25th of September", "11th", "21st", "0th Sep", "32nd Sep",
    "1ST SEP 2003", "2Nd Sep", "Sep 25 at 10:36", "Sep 25 on 2003",
    "Sep 25 and 2003", "Sep 25 ad 2003", "on Sep 25 at 10am",
    "25 Sep 2003 AD", "10 of 2003", "of", "at", "on", "and", "st", "th",
    "Sep 25th 2003 at 10:36:28 PM", "Sep 25, 2003, 10:36",
    "25 Sep; 2003", "Sep 25 '03", "'03", "25 Sep '03 10:36",
    "Sep 2003 25th", "Septembre 25 2003", "Sept. 25 2003",
]

AMPM = [
    "12am", "12 am", "12 a.m.", "12 AM", "12 A.M.", "12pm", "12 pm",
    "12 p.m.", "12:30 p.m.", "12:30 PM", "10 pm", "10pm", "10 p.m.",
    "10 PM", "10p", "10 a", "10 p", "10a", "0 am", "0am", "13 pm", "13pm",
    "am", "pm", "a.m.", "Sep 25 2003 12:00 am", "Sep 25 2003 12:00 pm",
    "Sep 25 2003 12:00:00 a.m.", "10:00 A.M.", "10:00 a. m.", "10:00 am pm",
    "10 am 11 pm", "10:36:28 PM 2003", "10:36:28.5 pm", "10h pm", "10h am",
    "10 hours pm", "Sep 25 am", "25 am", "2003 pm", "11:59 pm",
    "12:00:00 AM", "9:30am EST", "9:30 a.m. (BRST)", "10 PM on Sep 25",
    "12 m", "12 mm", "10 AM BRST", "3 a.m. on Sep 25 2003",
]

UNITS = [
    "10h36m28s", "10h", "10h36m", "10h 36m", "10h 36m 28s",
    "10 hours 36 minutes 28 seconds", "10 hour 1 minute 1 second",
    "5 minutes", "36m", "28s", "10h36m28.5s", "1.5h", "10.5h", "10 h",
    "10 m", "10 s", "10h36", "36m28s", "10h28s", "10.5 hours",
    "10h36.5m", "10h36m28,5s", "5 min", "5 mins", "5 sec", "5 hrs",
    "2 hours ago", "Sep 25 2003 10h36m28s", "10h36m28s Sep 25 2003",
    "25h", "61m", "61s", "10h61m", "10 HOURS", "10 Minutes", "10H36M28S",
    "h", "m", "s", "10 h 20", "10h 20", "10:36m", "10:36 h", "1h2h",
]

TZ_SUFFIXES = [
    "-0300", "-03:00", "-3", "-03", "+0530", "+05:30", "+5", "+05", "+0",
    "-0", "+00:00", "-00:00", "+1400", "-1200", "+2400", "-2500", "+9999",
    "+03:60", "+123", "+12345", "+1:30", "GMT+3", "GMT-3", "UTC-5",
    "UTC+05:30", "UTC-0530", "GMT+0", "BRST", "(BRST)", "( BRST )", "Z",
    "z", "UTC", "utc", "GMT", "gmt", "UT", "EST", "EDT", "AEST", "AEDT",
    "BST", "CET", "CEST", "MSK", "XYZ", "NONE", "NPT", "BRT", "CST",
    "ABCDEF", "AB", "A", "EST+3", "EST-0500", "BRST-0300", "BRST -03:00",
    "-03 BRST", "+03 (BRST)", "GMT+03:00", "Z+3", "-3 BRST", "EST EDT",
    "-0300 -0200", "-0300 BRST UTC",
]

TZ_FORMS = []
for _o in TZ_SUFFIXES:
    TZ_FORMS += ["2003-09-25 10:36:28 %s" % _o, "10:36 %s" % _o,
                 "Sep 25 2003 10:36%s" % _o]
TZ_FORMS += ["BRST", "-0300", "Sep 25 2003 BRST", "2003-09-25 BRST",
             "BRST 10:36", "10:36 BRST 2003-09-25", "Sep 25 2003 EST 10:00"]

FRACTIONS = [
    "10:36:28.5", "10:36:28,5", "10:36:28.1234567", "10:36:28.123456789",
    "10:36:28.000001", "10:36:28.9999995", "10:36:28.", "10:36:28,",
    "10:36:28.5.5", "10:36:28,5,5", "10:36:28.0000000000000000001",
    "10:36:28." + "9" * 30, "10:36.5", "10:36,5", "10.5:36", "28.5s",
    "2003-09-25 10:36:28.5Z", ".5", ",5", "0.5", "10:36:28 .5",
]

TWO_DIGIT_YEARS = []
for _y in (0, 1, 9, 10, 25, 49, 50, 51, 68, 69, 70, 74, 75, 76, 77, 99):
    TWO_DIGIT_YEARS += ["Sep 25 %02d" % _y, "%02d-09-25" % _y,
                        "25/09/%02d" % _y, "09/25/%02d" % _y,
                        "'%02d" % _y, "Sep %02d" % _y, "%d Sep 25" % _y]

FUZZY = [
    "Today is 25 of September of 2003, exactly at 10:49:41 with timezone "
    "-03:00.",
    "I have a meeting on March 1, 1974",
    "On June 8th, 2020, I am going to be the first man on Mars",
    "Meet me at the AM/PM on Sunset at 3:00 AM on December 3rd, 2003",
    "Meet me at 3:00AM on December 3rd, 2003 at the AM/PM on Sunset",
    "Jan 29, 1945 14:45 AM I going to see you there?",
    "2017-07-17 06:15:", "foo 2003 bar", "xx 10h yy", "the 3rd of May 2001",
    "a b c d", "Sep 25 2003 is a Thursday", "I was born at 10 pm",
    "log: [2003-09-25 10:36:28,123] INFO started",
    "It happened at 10:36 on a Thursday in Sep", "10 apples and 3 pears",
    "abc 25 def Sep ghi 2003 jkl", "Sep-25-2003-foo", "foo-bar-baz",
    "It costs $12.50", "version 1.2.3 released", "call 555-1234 now",
    "x 10:36 y 11:37 z", "hello, world", "BRST", "Sep 25 BRST 2003 foo",
    "The year 1999 BC", "at 5 past 10", "25-Sep-2003T10:36:28",
]

ERRORS = [
    "", " ", "   \t\n", "\t", "\n", "garbage", "Hello", "a", "-", ".", ",",
    ":", "/", "T", "2003-09-25 garbage", "Sep Oct 2003", "Sep 25 Oct 2003",
    "32 Sep 2003", "Sep 32", "2003-13-01", "2003-00-01", "2003-09-00",
    "2003-09-31", "Feb 29 2003", "Feb 30 2004", "Feb 29 2004", "0 Sep 2003",
    "Sep 25 10000", "99999 Sep", "10000-01-01", "0000-01-01",
    "2003-09-25 25:00", "1e10", "inf", "nan", "Infinity", "-inf",
    "10:36:nan", "Sep 25 1e5", "9" * 20, "9" * 30, "Sep 25 " + "9" * 20,
    "10:" + "9" * 20, "9" * 20 + ":00", "Sep " + "9" * 20, "9" * 20 + "h",
    "9" * 10 + " minutes", "9" * 10 + " seconds", "9" * 10 + " hours",
    "Sep 25 2003 +" + "9" * 20, "Sep 25 2003 999999", "1" * 19,
    "2003-09-25T10:49:41.5-03:00:00:00", "Thu Fri", "Sep 25 2003 Sep",
    "1 2 3 4 5", "10:36:28:15", "10::36", "::", "--", "2003--09--25",
    "25 Sep 2003 10:36:28 +03:00 +04:00", "12 13 14", "2003 2004 2005",
    "Mon 32", "13 pm Sep 25", "99 am", "1/1/1/1/1", "The", "of of of",
    "\u00a0", "\u3000", "Sep\u00a025 2003", "Sep\u200b25 2003",
]

NUL = [
    "2003-09-25\x00", "\x002003-09-25", "Sep\x0025 2003", "\x00",
    "\x00\x00", "10:36\x0028", "2003-09-25 10:36:28\x00BRST",
]

ALL_STRINGS = []
for _fam in (ISO, RFC_CTIME_SYSLOG_CLF, SLASH_DASH_DOT, NUMERIC, MONTH_FORMS,
             WEEKDAY_FORMS, ORDINALS_OF_WORDS, AMPM, UNITS, TZ_FORMS,
             FRACTIONS, TWO_DIGIT_YEARS, FUZZY, ERRORS, NUL):
    for _s in _fam:
        if _s not in ALL_STRINGS:
            ALL_STRINGS.append(_s)

assert len(ALL_STRINGS) > 700, len(ALL_STRINGS)


def _check_many(s, option_sets, parse_fn=assert_same):
    failures = []
    for kw in option_sets:
        try:
            parse_fn(s, **kw)
        except AssertionError as e:
            failures.append(str(e))
    if failures:
        raise AssertionError("%d of %d option sets differ:\n%s"
                             % (len(failures), len(option_sets),
                                "\n".join(failures)))


@pytest.mark.parametrize("s", ALL_STRINGS)
def test_string_all_options(s):
    """Every string x every option set, TZ=UTC."""
    with oracle.tz_env("UTC"):
        _check_many(s, OPTION_SETS)


# TZ-sensitive subset: everything with a tz-ish or time-ish token.
TZ_SENSITIVE = [s for s in ALL_STRINGS
                if any(c.isupper() for c in s) or ":" in s or "+" in s
                or "-" in s]
TZ_OPTION_SETS = [
    dict(default=D0),
    dict(default=D0, fuzzy_with_tokens=True),
    dict(default=D0, ignoretz=True),
    dict(default=D0, tzinfos=TZINFOS_DICT),
    dict(default=D0, tzinfos=tzinfos_callable),
    # Summer/winter defaults: tzlocal results differ by DST on both sides.
    dict(default=datetime(2003, 1, 15, 12)),
    dict(default=datetime(2003, 7, 15, 12)),
]


@pytest.mark.parametrize("s", TZ_SENSITIVE)
def test_string_under_tz(s, tz_name):
    _check_many(s, TZ_OPTION_SETS)


LOCAL_NAME_CASES = [
    # time.tzname hits for each zone: dateutil answers tzlocal() (or UTC for
    # a UTCZONE name in winter in London).
    "%s %s" % (d, z)
    for d in ("2003-01-15 12:00", "2003-07-15 12:00", "2003-03-30 01:30",
              "2003-10-26 01:30", "2003-11-02 01:30", "2003-04-06 02:30",
              "2003-04-06 01:30", "2003-10-19 00:30", "2003-02-16 00:30")
    for z in ("EST", "EDT", "GMT", "BST", "UTC", "AEST", "AEDT", "-03",
              "Z", "CET")
]


@pytest.mark.parametrize("s", LOCAL_NAME_CASES)
def test_local_zone_names(s, tz_name):
    """Names in time.tzname give tzlocal(), with fold for ambiguous times."""
    _check_many(s, [dict(default=D0), dict(default=D0, fuzzy=True),
                    dict(default=D0, tzinfos={"EST": -18000}),
                    dict(default=D0, tzinfos=tzinfos_callable)])


# ---- default= -------------------------------------------------------------

DEFAULTS = [
    datetime(2003, 1, 31), datetime(2003, 3, 31, 10, 11, 12, 13),
    datetime(2004, 2, 29), datetime(2004, 1, 30), datetime(2003, 12, 31),
    datetime(1, 1, 1), datetime(9999, 12, 31, 23, 59, 59, 999999),
    datetime(2003, 9, 25, tzinfo=tz.UTC),
    datetime(2003, 9, 25, 8, tzinfo=tz.tzoffset("BRST", -10800)),
    datetime(2003, 9, 25, tzinfo=CHICAGO),
    datetime(2003, 9, 25, 1, 30, fold=1),
]
DEFAULT_STRINGS = [
    "Feb", "Feb 2003", "Feb 2004", "Feb 2100", "Apr", "Apr 2003", "2003-04",
    "2003", "2005", "2000", "1900", "Mar", "Sep", "Nov 2004", "10:00",
    "10:00 BRST", "10:00 +03:00", "10:00 UTC", "25", "30", "31", "29",
    "Thu", "Mon 10:00", "Fri Feb", "Sat 2004", "Sun 31", "Wed 30",
    "", "10:00 EST", "2003-09-25", "Feb 29", "29 Feb", "31 Apr",
    "12am", "10 pm", "5 minutes", "Dec", "Jan 9999", "9999", "0001",
]


@pytest.mark.parametrize("default", DEFAULTS, ids=repr)
@pytest.mark.parametrize("s", DEFAULT_STRINGS)
def test_default(s, default):
    with oracle.tz_env("America/New_York"):
        _check_many(s, [dict(default=default),
                        dict(default=default, ignoretz=True),
                        dict(default=default, fuzzy_with_tokens=True),
                        dict(default=default, tzinfos=TZINFOS_DICT)])


TODAY_STRINGS = ["10:36", "Sep", "25", "Thu", "2003", "Feb", "31",
                 "10 pm BRST", "Sep 25", "Mon", "Feb 29", "5 minutes",
                 "garbage", ""]


@pytest.mark.parametrize("s", TODAY_STRINGS)
def test_default_none_today(s, tz_name):
    """default=None (today's date on both sides, retried across midnight)."""
    _check_many(s, [dict(), dict(default=None), dict(dayfirst=True),
                    dict(fuzzy_with_tokens=True),
                    dict(tzinfos=tzinfos_callable)])


# ---- input types ---------------------------------------------------------


class MyStr(str):
    pass


INPUT_TYPE_CASES = [
    b"2003-09-25", b"Sep 25 2003 10:36 BRST", bytearray(b"Sep 25 2003"),
    bytearray(b"garbage"), b"", bytearray(),
    Fresh(lambda: io.StringIO("Thu Sep 25 10:36:28 2003"), "StringIO(ctime)"),
    Fresh(lambda: io.StringIO(""), "StringIO('')"),
    Fresh(lambda: io.StringIO("garbage"), "StringIO('garbage')"),
    Fresh(lambda: ReadOnly("Sep 25 2003 10:36"), "ReadOnly(...)"),
    MyStr("Sep 25 2003"), MyStr("10:36 BRST"), MyStr(""),
]


@pytest.mark.parametrize("s", INPUT_TYPE_CASES, ids=repr)
def test_input_types(s):
    _check_many(s, [dict(default=D0), dict(default=D0, fuzzy=True),
                    dict(default=D0, fuzzy_with_tokens=True),
                    dict(default=D0, tzinfos=TZINFOS_DICT)])


def test_stream_partially_consumed():
    def make():
        f = io.StringIO("junk Sep 25 2003")
        f.read(5)
        return f
    _check_many(Fresh(make, "partly-read StringIO"), [dict(default=D0)])


# ---- tzinfos variants ----------------------------------------------------

TZINFOS_VARIANTS = [
    TZINFOS_DICT, TZINFOS_BAD, tzinfos_callable, tzinfos_callable_raises,
    {}, {"BRST": 0}, {"BRST": -10800.0}, {"BRST": True},
    {"BRST": tz.tzstr("EST5EDT")}, {"BRST": "garbage zone"},
    {"BRST": "UTC"}, {"BRST": ""}, {None: 3600}, {"brst": 3600},
    lambda name, offset: 3600, lambda name, offset: None,
    lambda name, offset: "EST5EDT", lambda name, offset: 1.5,
    lambda name, offset: tz.UTC, lambda name, offset: offset,
]
TZINFOS_STRINGS = ["2003-09-25 10:36 BRST", "2003-09-25 10:36 -0300",
                   "2003-09-25 10:36 BRST-0300", "2003-09-25 10:36",
                   "2003-09-25 10:36 UTC", "2003-09-25 10:36 XYZ",
                   "2003-09-25 10:36 EST", "2003-09-25 10:36 Z",
                   "2003-09-25 10:36 brst", "BRST"]


@pytest.mark.parametrize("tzinfos", TZINFOS_VARIANTS,
                         ids=lambda t: getattr(t, "__name__", None) or repr(t))
@pytest.mark.parametrize("s", TZINFOS_STRINGS)
def test_tzinfos_variants(s, tzinfos):
    with oracle.tz_env("America/New_York"):
        _check_many(s, [dict(default=D0, tzinfos=tzinfos),
                        dict(default=D0, tzinfos=tzinfos, fuzzy=True),
                        dict(default=D0, tzinfos=tzinfos, ignoretz=True)])


def test_tzinfos_callable_call_log():
    """The callable is called with the same arguments, the same times."""
    def run(fn):
        log = []

        def cb(name, offset):
            log.append((name, offset))
            return offset

        for s in TZINFOS_STRINGS:
            try:
                fn(s, default=D0, tzinfos=cb)
            except Exception:  # noqa: BLE001 -- outcomes compared elsewhere
                pass
        return log

    assert run(fastdt.parse) == run(oracle.DU_PARSE)


# ---- custom parserinfo -----------------------------------------------------

class GermanInfo(DU_PARSERINFO):
    MONTHS = [("Jan", "Januar"), ("Feb", "Februar"), ("Mär", "März"),
              ("Apr", "April"), ("Mai",), ("Jun", "Juni"), ("Jul", "Juli"),
              ("Aug", "August"), ("Sep", "September"), ("Okt", "Oktober"),
              ("Nov", "November"), ("Dez", "Dezember")]
    WEEKDAYS = [("Mo", "Montag"), ("Di", "Dienstag"), ("Mi", "Mittwoch"),
                ("Do", "Donnerstag"), ("Fr", "Freitag"), ("Sa", "Samstag"),
                ("So", "Sonntag")]
    JUMP = DU_PARSERINFO.JUMP + ["um", "den", "uhr", "am"]
    HMS = [("h", "stunde", "stunden"), ("m", "minute", "minuten"),
           ("s", "sekunde", "sekunden")]
    AMPM = [("vorm",), ("nachm",)]
    PERTAIN = ["des"]


class RussianInfo(DU_PARSERINFO):
    MONTHS = [("Янв", "Январь"), ("Фев", "Февраль"), ("Мар", "Март"),
              ("Апр", "Апрель"), ("Май", "Май"), ("Июн", "Июнь"),
              ("Июл", "Июль"), ("Авг", "Август"), ("Сен", "Сентябрь"),
              ("Окт", "Октябрь"), ("Ноя", "Ноябрь"), ("Дек", "Декабрь")]


class SpanishJumpInfo(DU_PARSERINFO):
    JUMP = DU_PARSERINFO.JUMP + ["de", "del", "a", "las"]
    PERTAIN = ["of", "de"]


class TzOffsetInfo(DU_PARSERINFO):
    TZOFFSET = {"BRST": -10800, "CEST": 7200, "XYZ": 0}


class UtcZoneInfo(DU_PARSERINFO):
    UTCZONE = ["UTC", "GMT", "Z", "z", "UT", "ZULU", "zulu"]


class NoJumpInfo(DU_PARSERINFO):
    JUMP = [" "]


class Century1900Info(DU_PARSERINFO):
    def convertyear(self, year, century_specified=False):
        if year < 100 and not century_specified:
            year += 1900
        return year


class StrictValidateInfo(DU_PARSERINFO):
    def validate(self, res):
        ok = super().validate(res)
        if res.year is not None and res.year < 1950:
            return False
        return ok


class ExtraMonthMethodInfo(DU_PARSERINFO):
    def month(self, name):
        if name.lower() == "sember":
            return 9
        return super().month(name)


class ExtraJumpMethodInfo(DU_PARSERINFO):
    def jump(self, name):
        return name.lower() == "xx" or super().jump(name)


# fastdt's README lists method overrides (as opposed to table overrides) as
# a deliberate difference: it answers from compiled tables and warns.  Those
# cases are strict xfails -- reported as xfailed, never as passing, and an
# XPASS (fastdt starting to match dateutil) fails the run so the mark goes.
METHOD_OVERRIDE = pytest.mark.xfail(
    strict=True, reason="deliberate difference (README): parserinfo method "
    "overrides are not called; fastdt warns")

PARSERINFOS = [
    Fresh(lambda: DU_PARSERINFO(), "parserinfo()"),
    Fresh(lambda: DU_PARSERINFO(dayfirst=True), "parserinfo(dayfirst)"),
    Fresh(lambda: DU_PARSERINFO(yearfirst=True), "parserinfo(yearfirst)"),
    Fresh(lambda: DU_PARSERINFO(True, True), "parserinfo(True, True)"),
    Fresh(GermanInfo, "GermanInfo()"), Fresh(RussianInfo, "RussianInfo()"),
    Fresh(SpanishJumpInfo, "SpanishJumpInfo()"),
    Fresh(TzOffsetInfo, "TzOffsetInfo()"), Fresh(UtcZoneInfo, "UtcZoneInfo()"),
    Fresh(NoJumpInfo, "NoJumpInfo()"),
    Fresh(Century1900Info, "Century1900Info()"),
    pytest.param(Fresh(StrictValidateInfo, "StrictValidateInfo()"),
                 marks=METHOD_OVERRIDE),
    pytest.param(Fresh(ExtraMonthMethodInfo, "ExtraMonthMethodInfo()"),
                 marks=METHOD_OVERRIDE),
    pytest.param(Fresh(ExtraJumpMethodInfo, "ExtraJumpMethodInfo()"),
                 marks=METHOD_OVERRIDE),
    Fresh(lambda: GermanInfo(dayfirst=True), "GermanInfo(dayfirst)"),
]
PARSERINFO_STRINGS = [
    "25 März 2003", "25. März 2003 um 10:36 Uhr", "Donnerstag, 25. Sep 2003",
    "25 september 2003", "25 Dezember 2003 10h", "25 MÄRZ 2003", "mär 25",
    "10 Сентябрь 2015 10:20", "10 сентябрь 2015", "10 СЕН 2015",
    "25 de septiembre de 2003", "25 de Sep de 2003 a las 10:36",
    "Sep 25 2003 10:36 BRST", "Sep 25 2003 10:36 CEST", "10:36 XYZ",
    "10:36 UT", "10:36 ZULU", "10:36 zulu", "10:36 Z", "10:36 GMT",
    "01/05/09", "01-05-09", "2009.05.01", "10 09 03", "25 Sep 03",
    "Sep 25 49", "Sep 25 99", "Sep 25 1949", "Sep 25 1951", "03-09-25",
    "25 sember 2003", "25 xx Sep xx 2003", "Sep 25, 2003 at 10:36",
    "Sep 25 of 2003", "10 vorm", "10 nachm", "10 am", "10 stunden 5 minuten",
    "Thu Sep 25 10:36:28 BRST 2003", "2003-09-25T10:36:28", "garbage",
    "Sep,25,2003", "Sep.25.2003", "Sep-25-2003",
]


@pytest.mark.parametrize("info", PARSERINFOS, ids=repr)
@pytest.mark.parametrize("s", PARSERINFO_STRINGS)
def test_custom_parserinfo(s, info):
    opts = [dict(default=D0), dict(default=D0, fuzzy_with_tokens=True),
            dict(default=D0, dayfirst=False), dict(default=D0, yearfirst=False),
            dict(default=D0, tzinfos=TZINFOS_DICT)]
    with oracle.tz_env("Europe/London"):
        # module-level parse(s, parserinfo=...) and Parser(info).parse(...)
        _check_many(s, [dict(kw, parserinfo=info.factory()) for kw in opts])
        _check_many(s, opts, parse_fn=lambda s, **kw: assert_same_parser(
            info, s, **kw))


def test_parser_class_default_info():
    assert fastdt.parser is fastdt.Parser
    for s in ["Sep 25 2003", "garbage", "10:36 BRST", "01/05/09"]:
        assert_same_parser(None, s, default=D0)
        assert_same_parser(None, s, default=D0, dayfirst=True)


# ---- combinations of the boolean options ------------------------------------

COMBO_STRINGS = ["01/05/09", "10 09 03", "25 Sep 03 10am BRST foo",
                 "2003 10 09", "09 10 2003 bar 10:36", "Sep 03 10",
                 "foo 01.05.09 bar", "12 13 14"]


@pytest.mark.parametrize("s", COMBO_STRINGS)
def test_boolean_option_product(s):
    opts = []
    for df, yf, fz, fwt, it in itertools.product(
            (None, False, True), (None, False, True), (False, True),
            (False, True), (False, True)):
        kw = dict(default=D0, fuzzy=fz, fuzzy_with_tokens=fwt, ignoretz=it)
        if df is not None:
            kw["dayfirst"] = df
        if yf is not None:
            kw["yearfirst"] = yf
        opts.append(kw)
    with oracle.tz_env("UTC"):
        _check_many(s, opts)


def test_bad_default():
    _check_many("Sep 25 2003", [dict(default="2003-09-25"),
                                dict(default=datetime(2003, 9, 25).date()),
                                dict(default=0)])


@pytest.mark.xfail(strict=True, reason="deliberate difference (README): "
                   "the TypeError names parse() instead of parser._parse()")
def test_unknown_kwarg():
    _check_many("Sep 25 2003", [dict(default=D0, foo=1),
                                dict(default=D0, tzinfo={})])


def test_parserinfo_identity_reuse():
    """Short-lived parserinfo objects (ids get reused) never share tables."""
    classes = [DU_PARSERINFO, GermanInfo, SpanishJumpInfo, Century1900Info,
               UtcZoneInfo, NoJumpInfo]
    strings = ["01/05/09", "25 März 2003", "25 de Sep de 2003", "Sep 25 49",
               "10:36 UT", "Sep,25,2003"]
    for i in range(120):
        cls = classes[i % len(classes)]
        info = cls(dayfirst=bool(i % 4 < 2), yearfirst=bool(i % 3 == 0))
        for s in strings:
            assert_same(s, default=D0, parserinfo=info)
        del info


def test_parserinfo_dayfirst_mutated_after_use():
    info = DU_PARSERINFO()
    assert_same("01/05/09", default=D0, parserinfo=info)
    info.dayfirst = True
    assert_same("01/05/09", default=D0, parserinfo=info)
    info.yearfirst = True
    assert_same("01/05/09", default=D0, parserinfo=info)
    p_fast, p_ref = fastdt.Parser(info), oracle.DU_PARSER(info)
    info.dayfirst = False
    check = oracle.check(p_fast.parse, p_ref.parse, ("01/05/09",),
                         dict(default=D0), what="Parser(info).parse")
    assert check.kind == "value"


@pytest.mark.xfail(strict=True, reason="deliberate difference (README): "
                   "UTCZONE/TZOFFSET tables are read when the Parser is built")
def test_parserinfo_tables_mutated_after_use():
    info = DU_PARSERINFO()
    assert_same("10:36 ZULU", default=D0, parserinfo=info)
    info.UTCZONE = info.UTCZONE + ["ZULU"]
    info.TZOFFSET = {"BRST": -10800}
    _check_many("10:36 ZULU", [dict(default=D0, parserinfo=info)])
    _check_many("10:36 BRST", [dict(default=D0, parserinfo=info)])


# ---- re-entrancy and duck-typed arguments ----------------------------------

def _reentrant_tzinfos(parse_fn):
    def cb(name, offset):
        # Parse something else from inside the callback: a parser with
        # static scratch state would corrupt the outer parse.
        inner = parse_fn("Thu Dec 31 23:59:58 1998 EST5EDT foo",
                         default=D1, fuzzy_with_tokens=True,
                         tzinfos=lambda n, o: None)
        return inner[0].second * 60 + (offset or 0)
    return cb


@pytest.mark.parametrize("s", ["2003-09-25 10:36:28.5 BRST", "garbage BRST",
                               "Sep 25 2003 10:36 -03:00", "10:36 XYZ foo"])
def test_reentrant_tzinfos_callable(s):
    for fuzzy in (False, True):
        fast, ref, diffs = oracle.compare(
            lambda s, **kw: fastdt.parse(
                s, tzinfos=_reentrant_tzinfos(fastdt.parse), **kw),
            lambda s, **kw: oracle.DU_PARSE(
                s, tzinfos=_reentrant_tzinfos(oracle.DU_PARSE), **kw),
            (s,), dict(default=D0, fuzzy_with_tokens=fuzzy))
        assert not diffs, oracle._fail_message("parse", (s,), {}, fast, ref,
                                               diffs)


class ReentrantYearInfo(DU_PARSERINFO):
    """convertyear is documented as called by fastdt: re-enter from it."""
    parse_fn = None

    def convertyear(self, year, century_specified=False):
        inner = self.parse_fn("1999-12-31T23:59:59", default=D0)
        return super().convertyear(year, century_specified) + (
            inner.year - 1999)


def test_reentrant_convertyear():
    for s in ["Sep 25 03 10:36", "25/09/03", "Sep 25 2003", "garbage 03"]:
        for fuzzy in (False, True):
            def fast(s, **kw):
                info = type("I", (ReentrantYearInfo,),
                            {"parse_fn": staticmethod(fastdt.parse)})()
                return fastdt.parse(s, parserinfo=info, **kw)

            def ref(s, **kw):
                info = type("I", (ReentrantYearInfo,),
                            {"parse_fn": staticmethod(oracle.DU_PARSE)})()
                return oracle.DU_PARSE(s, parserinfo=info, **kw)
            oracle.check(fast, ref, (s,), dict(default=D0, fuzzy=fuzzy))


class ReentrantStream:
    def __init__(self, s, parse_fn):
        self._s, self._parse = s, parse_fn

    def read(self, n=-1):
        self._parse("Sep 26 2004 11:37 BRST", default=D1, tzinfos={})
        if n is None or n < 0:
            out, self._s = self._s, ""
        else:
            out, self._s = self._s[:n], self._s[n:]
        return out


def test_reentrant_stream():
    for s in ["Sep 25 2003 10:36", "garbage", ""]:
        oracle.check(
            lambda x, **kw: fastdt.parse(ReentrantStream(x, fastdt.parse),
                                         **kw),
            lambda x, **kw: oracle.DU_PARSE(
                ReentrantStream(x, oracle.DU_PARSE), **kw),
            (s,), dict(default=D0, fuzzy_with_tokens=True))


class MinimalMapping:
    """Only __contains__ and get, as dateutil uses."""

    def __init__(self, d):
        self._d = d

    def __contains__(self, k):
        return k in self._d

    def get(self, k, default=None):
        return self._d.get(k, default)

    def __bool__(self):
        return bool(self._d)


class GetOverridingDict(dict):
    def get(self, k, default=None):
        return 3600 if k == "BRST" else dict.get(self, k, default)

    def __contains__(self, k):
        return k == "BRST" or dict.__contains__(self, k)


class Falsy(dict):
    def __bool__(self):
        return False


def test_tzinfos_duck_types():
    import types
    variants = [types.MappingProxyType({"BRST": -10800}),
                MinimalMapping({"BRST": -10800, "XYZ": "EST5EDT"}),
                GetOverridingDict(), GetOverridingDict({"XYZ": 60}),
                Falsy({"BRST": -10800}), ["BRST"], ("XYZ",), "BRST", 0, 1,
                __import__("collections").defaultdict(lambda: 7200),
                __import__("collections").OrderedDict(BRST=-10800)]
    failures = []
    for tzinfos in variants:
        for s in ["2003-09-25 10:36 BRST", "2003-09-25 10:36 XYZ",
                  "2003-09-25 10:36"]:
            try:
                assert_same(s, default=D0, tzinfos=tzinfos)
            except AssertionError as e:
                failures.append(str(e))
    assert not failures, "\n".join(failures)


class MyDatetime(datetime):
    pass


def test_default_subclass_and_aware():
    for default in (MyDatetime(2003, 9, 25, 1, 2, 3),
                    MyDatetime(2003, 9, 25, tzinfo=tz.UTC)):
        _check_many("10:36", [dict(default=default)])
        _check_many("Feb", [dict(default=default)])
        _check_many("Thu", [dict(default=default)])
        _check_many("10:36 BRST", [dict(default=default,
                                        tzinfos=TZINFOS_DICT)])
        _check_many("10:36 +03:00", [dict(default=default)])


class FalsyInfo(GermanInfo):
    def __bool__(self):
        return False


def test_call_signatures():
    """Positional/keyword spellings of dateutil's signatures."""
    s = "25 März 2003 10:36 BRST"
    tzi = {"BRST": -10800}
    cases = [
        (lambda p: p.parse(s, GermanInfo(), default=D0), "parse(s, info)"),
        (lambda p: p.parse(timestr=s, default=D0), "parse(timestr=s)"),
        (lambda p: p.parse(s, parserinfo=FalsyInfo(), default=D0),
         "parse(s, parserinfo=<falsy>)"),
        (lambda p: p.parse("Sep 25 2003 10:36 BRST", None, default=D0,
                           tzinfos=tzi, fuzzy_with_tokens=1),
         "parse(s, None, fuzzy_with_tokens=1)"),
        (lambda p: p.parse("01/05/09", default=D0, dayfirst=1, yearfirst=0),
         "dayfirst=1"),
    ]
    fast_mod, ref_mod = fastdt, __import__("dateutil.parser").parser
    for fn, label in cases:
        oracle.check(lambda: fn(fast_mod), lambda: fn(ref_mod), (), {},
                     what=label)

    pcases = [
        (lambda P: P(GermanInfo()).parse(s, D0), "Parser(info).parse(s, D0)"),
        (lambda P: P(GermanInfo()).parse(s, D0, True), "positional ignoretz"),
        (lambda P: P(GermanInfo()).parse(s, D0, False, tzi),
         "positional tzinfos"),
        (lambda P: P(FalsyInfo()).parse(s, default=D0), "Parser(<falsy>)"),
        (lambda P: P().parse(timestr="Sep 25 2003", default=D0),
         "Parser().parse(timestr=)"),
        (lambda P: P(info=GermanInfo()).parse(s, default=D0), "Parser(info=)"),
    ]
    for fn, label in pcases:
        oracle.check(lambda: fn(fastdt.Parser), lambda: fn(oracle.DU_PARSER),
                     (), {}, what=label)


class DuckInfo:
    """Not a parserinfo subclass: delegates every attribute to one."""

    def __init__(self, **kw):
        self._pi = DU_PARSERINFO(**kw)

    def __getattr__(self, name):
        return getattr(self._pi, name)


def test_duck_typed_parserinfo():
    """dateutil never type-checks ``info``; it only uses its attributes."""
    _check_many("01/05/09 10:36 UTC",
                [dict(default=D0, parserinfo=DuckInfo(dayfirst=True)),
                 dict(default=D0, parserinfo=DuckInfo(yearfirst=True),
                      fuzzy_with_tokens=True)])
    assert_same_parser(Fresh(lambda: DuckInfo(dayfirst=True), "DuckInfo"),
                       "01/05/09 10:36 UTC", default=D0)


def test_default_none_follows_patched_now(monkeypatch):
    """freezegun-style patching of ``datetime.datetime`` (dateutil calls
    ``datetime.datetime.now()`` on every parse with default=None)."""
    import datetime as dt_mod
    real = dt_mod.datetime

    class FrozenDatetime(real):
        @classmethod
        def now(cls, tz=None):
            return cls(2012, 2, 29, 13, 14, 15, 161718, tzinfo=tz)

    monkeypatch.setattr(dt_mod, "datetime", FrozenDatetime)
    _check_many("10:36", [dict(), dict(fuzzy_with_tokens=True)])
    _check_many("Feb", [dict()])
    _check_many("Thu 10 pm BRST", [dict(tzinfos=TZINFOS_DICT)])
