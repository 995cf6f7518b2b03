"""fastdt._isoparser against dateutil.parser.isoparser (the oracle).

Every check compares *outcomes*: the value, ``type(tzinfo)``, ``utcoffset()``
and the tzinfo's identity for a result; the exception type and message for
a failure.  dateutil's messages are all deterministic for these inputs.
"""
import io
import pickle
from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import dateutil
import dateutil.parser as du_parser
from dateutil import tz

from fastdt._isoparser import FIELD_RULES, isoparse, isoparser

# dateutil 4.0 reads each numeric field as exactly N ASCII digits; 2.9 and
# 3.0 call int() on a slice.  The tables below say what each rule gives.
DIGITS_RULE = int(dateutil.__version__.split(".")[0]) >= 4

du_isoparse = du_parser.isoparse
du_isoparser = du_parser.isoparser


def outcome(func, *args, **kwargs):
    """A comparable summary of calling ``func``."""
    try:
        value = func(*args, **kwargs)
    except Exception as e:  # noqa: BLE001 - the type is part of the outcome
        return ("raise", type(e), str(e))
    if isinstance(value, (datetime, time)):
        tzi = value.tzinfo
        return ("ok", type(value), value.replace(tzinfo=None), type(tzi),
                None if tzi is None else tzi.utcoffset(None), id(tzi))
    if isinstance(value, date):
        return ("ok", type(value), value)
    # a tzinfo (parse_tzstr)
    return ("ok", type(value), value.utcoffset(None), id(value))


def assert_same(ours, theirs, *args, **kwargs):
    expected = outcome(theirs, *args, **kwargs)
    got = outcome(ours, *args, **kwargs)
    assert got == expected, (args, kwargs)


# ---------------------------------------------------------------------------
# Table of cases

VALID = [
    # common dates
    ("2014", datetime(2014, 1, 1)),
    ("2014-02", datetime(2014, 2, 1)),
    ("2014-02-28", datetime(2014, 2, 28)),
    ("20140228", datetime(2014, 2, 28)),
    ("0001-01-01", datetime(1, 1, 1)),
    ("9999-12-31", datetime(9999, 12, 31)),
    # week dates
    ("2017-W10", datetime(2017, 3, 6)),
    ("2017W10", datetime(2017, 3, 6)),
    ("2020-W01", datetime(2019, 12, 30)),
    ("2004-W53-7", datetime(2005, 1, 2)),
    ("2004W537", datetime(2005, 1, 2)),
    ("2009-W01-2", datetime(2008, 12, 30)),
    ("2009-W53-6", datetime(2010, 1, 2)),
    ("0001-W01-1", datetime(1, 1, 1)),
    # ordinal dates
    ("2016-060", datetime(2016, 2, 29)),
    ("2017060", datetime(2017, 3, 1)),
    ("2016-366", datetime(2016, 12, 31)),
    ("2017-365", datetime(2017, 12, 31)),
    # times
    ("2014-02-04T12", datetime(2014, 2, 4, 12)),
    ("2014-02-04T12:30", datetime(2014, 2, 4, 12, 30)),
    ("2014-02-04T1230", datetime(2014, 2, 4, 12, 30)),
    ("2014-02-04T12:30:15", datetime(2014, 2, 4, 12, 30, 15)),
    ("20140204T123015", datetime(2014, 2, 4, 12, 30, 15)),
    ("2014-02-04T12:30:15.224", datetime(2014, 2, 4, 12, 30, 15, 224000)),
    ("2014-02-04T12:30:15,224", datetime(2014, 2, 4, 12, 30, 15, 224000)),
    ("2014-02-04T12:30:15.1234567890", datetime(2014, 2, 4, 12, 30, 15, 123456)),
    ("2014-02-04 12:30:15", datetime(2014, 2, 4, 12, 30, 15)),
    ("2014-02-04_12:30:15", datetime(2014, 2, 4, 12, 30, 15)),
    ("2016-060T10", datetime(2016, 2, 29, 10)),
    ("2004-W53-7T10:00", datetime(2005, 1, 2, 10)),
    # 24:00 is midnight of the next day
    ("2014-04-10T24", datetime(2014, 4, 11)),
    ("2014-04-10T24:00:00.000000", datetime(2014, 4, 11)),
    ("2014-12-31T24:00", datetime(2015, 1, 1)),
    ("2016-02-28T24:00", datetime(2016, 2, 29)),
    ("2016-02-29T24:00", datetime(2016, 3, 1)),
    # time zones
    ("2014-02-04T12:30Z", datetime(2014, 2, 4, 12, 30, tzinfo=tz.UTC)),
    ("2014-02-04T12:30z", datetime(2014, 2, 4, 12, 30, tzinfo=tz.UTC)),
    ("2014-02-04T12:30+00:00", datetime(2014, 2, 4, 12, 30, tzinfo=tz.UTC)),
    ("2014-02-04T12:30-00:00", datetime(2014, 2, 4, 12, 30, tzinfo=tz.UTC)),
    ("2014-02-04T12:30-0000", datetime(2014, 2, 4, 12, 30, tzinfo=tz.UTC)),
    ("2014-02-04T12:30+00", datetime(2014, 2, 4, 12, 30, tzinfo=tz.UTC)),
    ("2014-02-04T12:30+05:30",
     datetime(2014, 2, 4, 12, 30, tzinfo=tz.tzoffset(None, 19800))),
    ("2014-02-04T12:30-0530",
     datetime(2014, 2, 4, 12, 30, tzinfo=tz.tzoffset(None, -19800))),
    ("2014-02-04T12:30-05",
     datetime(2014, 2, 4, 12, 30, tzinfo=tz.tzoffset(None, -18000))),
    ("2014-02-04T12:30:15.5+23:59",
     datetime(2014, 2, 4, 12, 30, 15, 500000, tzinfo=tz.tzoffset(None, 86340))),
    ("2014-12-31T24:00+01:00",
     datetime(2015, 1, 1, tzinfo=tz.tzoffset(None, 3600))),
    ("2014-01-01T+05", datetime(2014, 1, 1, tzinfo=tz.tzoffset(None, 18000))),
]

# dateutil < 4: int()'s quirks on a slice (kept for drop-in fidelity);
# dateutil 4: each of these raises.
INT_RULE_ONLY = [
    ("2014-W1", datetime(2013, 12, 30), "Expected 2 digits, got '1'"),
    ("2014-01-01T123", datetime(2014, 1, 1, 12, 3), "Expected 2 digits, got '3'"),
    ("2014- 1-01", datetime(2014, 1, 1), "Expected 3 digits, got ' 1-'"),
    ("2014-+1-01", datetime(2014, 1, 1), "Expected 3 digits, got '+1-'"),
    ("2014-01-01T10:00+01030", datetime(2014, 1, 1, 10, tzinfo=tz.tzoffset(None, 5400)),
     "Invalid minutes in time zone offset"),
    ("2014-01-01T10:00+01:5", datetime(2014, 1, 1, 10, tzinfo=tz.tzoffset(None, 3900)),
     "Invalid minutes in time zone offset"),
    ("1_23", datetime(123, 1, 1), "Expected 4 digits, got '1_23'"),
    ("2014- 4-21", datetime(2014, 4, 21), "Expected 3 digits, got ' 4-'"),
    ("2_14-04-21", datetime(214, 4, 21), "Expected 4 digits, got '2_14'"),
    # date, any separator ('1'), then 21:24 and int(b'0') seconds
    ("20200728121240", datetime(2020, 7, 28, 21, 24), "Expected 2 digits, got '0'"),
    ("2014-01-01T10:00+-1:00", datetime(2014, 1, 1, 10, tzinfo=tz.tzoffset(None, -3600)),
     "Expected 2 digits, got '-1'"),
]


def _msg(int_rule, digits_rule):
    return digits_rule if DIGITS_RULE else int_rule


INVALID = [
    ("", ValueError, "ISO string too short"),
    ("201", ValueError, "ISO string too short"),
    ("2012-0425", ValueError, "ISO time too short"),     # 2012-042 + sep '5'
    ("201204-25", ValueError, _msg("ISO time too short", "Expected 3 digits, got '04-'")),     # 2012-042 + sep '-'
    ("20120425T0120:00", ValueError, _msg("invalid literal for int() with base 10: b':0'",
                                          "Expected 2 digits, got ':0'")),
    ("20120425T01:2000", ValueError, "Inconsistent use of colon separator"),
    ("2001-1", ValueError, "Invalid ordinal day"),
    ("201204", ValueError, "Invalid ordinal day"),
    ("2014-13", ValueError, "month must be in 1..12"),
    ("2014-02-30", ValueError, "day is out of range for month"),
    ("2014-02-30T24:00", ValueError, "day is out of range for month"),
    ("0000-01-01", ValueError, "year 0 is out of range"),
    ("0000-001", ValueError, "year 0 is out of range"),
    ("0000-W01", ValueError, "year 0 is out of range"),
    ("-999-01-01", ValueError, _msg("year -999 is out of range",
                                    "Expected 4 digits, got '-999'")),
    ("9999-12-31T24:00", OverflowError, "date value out of range"),
    ("9999-W52-6", OverflowError, "date value out of range"),
    ("2012-W00", ValueError, "Invalid week: 0"),
    ("2012-W55", ValueError, "Invalid week: 55"),
    ("2012-W01-0", ValueError, "Invalid weekday: 0"),
    ("2012-W01-8", ValueError, "Invalid weekday: 8"),
    ("2014W01-1", ValueError, "Inconsistent use of dash separator"),
    ("2014-W011", ValueError, "Inconsistent use of dash separator"),
    ("2014-W", ValueError, _msg("invalid literal for int() with base 10: b''",
                                "Expected 2 digits, got ''")),
    ("2013-000", ValueError, "Invalid ordinal day 0 for year 2013"),
    ("2013-366", ValueError, "Invalid ordinal day 366 for year 2013"),
    ("2014-03-12\u042212:30:14", ValueError,
     "ISO-8601 strings should contain only ASCII characters"),
    ("2014-04-21T24:00:01", ValueError, "Hour may only be 24 at 24:00:00.000"),
    ("2014-04-21T24:01", ValueError, "Hour may only be 24 at 24:00:00.000"),
    ("2014-04-21T25", ValueError, "hour must be in 0..23"),
    ("2014-04-21T12:60", ValueError, "minute must be in 0..59"),
    ("2014-04-21T12:30:-1", ValueError, _msg("second must be in 0..59",
                                             "Expected 2 digits, got '-1'")),
    ("2014-04-21T", ValueError, "ISO time too short"),
    ("2014-04-21T1", ValueError, "ISO time too short"),
    ("2014-04-21T12:", ValueError, _msg("invalid literal for int() with base 10: b''",
                                        "Expected 2 digits, got ''")),
    ("2014-04-21T12:30:15_344583", ValueError, "Unused components in ISO string"),
    ("20120411T03:30+", ValueError,
     "Time zone offset must be 1, 3, 5 or 6 characters"),
    ("20120411T03:30+1234567", ValueError,
     "Time zone offset must be 1, 3, 5 or 6 characters"),
    ("20120411T03:30-25:40", ValueError, "Invalid hours in time zone offset"),
    ("20120411T03:30+00:60", ValueError, "Invalid minutes in time zone offset"),
    ("20120411T033030.123456012:00", ValueError, "Unused components in ISO string"),
    ("2014-01-01T10Zx", ValueError,
     "Time zone offset must be 1, 3, 5 or 6 characters"),
    ("2014_W01-1", ValueError, _msg("invalid literal for int() with base 10: b'_W0'",
                                    "Expected 3 digits, got '_W0'")),
    ("2014-01-01\x0010:00", None, None),   # NUL separator: any char is fine
    ("2014-01\x00", ValueError, _msg("invalid literal for int() with base 10: b'01\\x00'",
                                    "Expected 3 digits, got '01\\x00'")),
    ("2014\x00", ValueError, "Invalid ordinal day"),
    ("20\x0014", ValueError, _msg("invalid literal for int() with base 10: b'20\\x001'",
                                 "Expected 4 digits, got '20\\x001'")),
]


@pytest.mark.parametrize("s,expected", VALID)
@pytest.mark.parametrize("as_bytes", [False, True])
def test_valid_table(s, expected, as_bytes):
    arg = s.encode("ascii") if as_bytes else s
    got = isoparse(arg)
    assert got == expected
    assert type(got) is datetime
    assert type(got.tzinfo) is type(expected.tzinfo)
    assert got.utcoffset() == expected.utcoffset()
    assert_same(isoparse, du_isoparse, arg)


@pytest.mark.parametrize("s,int_value,digits_message", INT_RULE_ONLY)
@pytest.mark.parametrize("as_bytes", [False, True])
def test_field_rule_table(s, int_value, digits_message, as_bytes):
    """The inputs on which dateutil 4.0's exact-digits rule and the older
    int() rule disagree: the installed dateutil's answer, and the oracle's."""
    arg = s.encode("ascii") if as_bytes else s
    assert_same(isoparse, du_isoparse, arg)
    if DIGITS_RULE:
        with pytest.raises(ValueError) as info:
            isoparse(arg)
        assert str(info.value) == digits_message
    else:
        got = isoparse(arg)
        assert got == int_value and type(got.tzinfo) is type(int_value.tzinfo)


def test_field_rules_probed_from_installed_dateutil():
    # RULE_DIGITS | RULE_TZ_MINUTES_LEN under 4.0, neither before
    assert FIELD_RULES == (3 if DIGITS_RULE else 0), (FIELD_RULES, dateutil.__version__)


def test_non_ascii_bytes_field_under_digits_rule():
    # 4.0's message decodes the slice: non-ASCII bytes give dateutil's
    # UnicodeDecodeError (a ValueError); int() quotes the bytes
    for s in (b"2014-\xff1-01", b"\xff014", b"2014-01-01T1\xff:00"):
        assert_same(isoparse, du_isoparse, s)
        assert_same(isoparser().parse_isodate, du_isoparser().parse_isodate, s)


@pytest.mark.parametrize("s,exc,msg", INVALID)
def test_invalid_table(s, exc, msg):
    assert_same(isoparse, du_isoparse, s)
    if exc is not None:
        with pytest.raises(exc) as info:
            isoparse(s)
        assert str(info.value) == msg


@pytest.mark.parametrize("year", [2015, 2016, 1900, 2000, 1, 9999])
@pytest.mark.parametrize("month", range(1, 13))
def test_24_00_rollover_every_month_end(year, month):
    for day in (27, 28, 29, 30, 31):
        for t in ("T24", "T24:00Z", "T2400+0100"):
            s = "%04d-%02d-%02d%s" % (year, month, day, t)
            assert_same(isoparse, du_isoparse, s)


@pytest.mark.parametrize("ws", [" ", "\t", "\n", "\r", "\x0b", "\x0c", "\x1c", "\x1f",
                                "\x00", "\x85", "\xa0"])
@pytest.mark.parametrize("template", [
    "{0}014-01-01", "2014-{0}1-01", "2014-01-{0}1", "2014-01-1{0}", "2014-W{0}1",
    "2014-{0}01", "2014-01-01T{0}1:00", "2014-01-01T10:{0}1", "2014-01-01T10:00+{0}1",
    "2014-01-01T10:00+01:{0}1", "2014-01-01T10:00+01{0}30", "1{0}14",
])
def test_int_whitespace_rules(ws, template):
    s = template.format(ws)
    assert_same(isoparse, du_isoparse, s)
    assert_same(isoparse, du_isoparse, s.encode("latin-1"))


def test_utc_is_dateutil_singleton():
    assert isoparse("2014-01-01T00:00Z").tzinfo is tz.UTC
    assert isoparse("2014-01-01T00:00+00:00").tzinfo is tz.UTC
    a = isoparse("2014-01-01T00:00+05:00").tzinfo
    b = isoparse("2015-01-01T00:00+0500").tzinfo
    assert a is b
    assert a is du_isoparse("2014-01-01T00:00+05:00").tzinfo
    assert type(a) is tz.tzoffset and a._name is None  # noqa: SLF001


def test_non_ascii_error_chains_cause():
    with pytest.raises(ValueError) as info:
        isoparse("2014-01-01T10:00\u00e9")
    assert isinstance(info.value.__cause__, UnicodeEncodeError)


@pytest.mark.parametrize("make", [
    lambda s: io.StringIO(s),
    lambda s: io.BytesIO(s.encode("ascii")),
    lambda s: bytearray(s.encode("ascii")),
    lambda s: memoryview(s.encode("ascii")),
    lambda s: type("S", (str,), {})(s),
    lambda s: type("B", (bytes,), {})(s.encode("ascii")),
])
@pytest.mark.parametrize("s", ["2014-01-02T10:00+01:00", "2014-0x", "20140101T1:",
                               "2014-01-01T\u00e9"])
def test_other_input_types(make, s):
    try:
        make(s)
    except UnicodeEncodeError:
        pytest.skip("not representable")
    # a fresh object per call: a stream is consumed by the first read()
    pairs = [(isoparse, du_isoparse),
             (isoparser().parse_isodate, du_isoparser().parse_isodate),
             (isoparser().parse_isotime, du_isoparser().parse_isotime),
             (isoparser().parse_tzstr, du_isoparser().parse_tzstr)]
    for ours, theirs in pairs:
        assert outcome(ours, make(s)) == outcome(theirs, make(s))


@pytest.mark.parametrize("obj", [None, 2014, 20.14, ["2", "0", "1", "4"], object()])
def test_wrong_types(obj):
    assert_same(isoparse, du_isoparse, obj)
    assert_same(isoparser().parse_tzstr, du_isoparser().parse_tzstr, obj)


# ---------------------------------------------------------------------------
# isoparser(sep=...)

@pytest.mark.parametrize("sep", [None, "T", " ", "_", "-", "a", "\x00"])
@pytest.mark.parametrize("s", ["2014-01-01T10:00", "2014-01-01 10:00", "20140101_1000",
                               "2014-01-01-10", "2014-01-01a10", "2014-01-01\x0010",
                               "2014-01-01", "2014-01-01T"])
def test_sep_behaviour(sep, s):
    assert_same(isoparser(sep=sep).isoparse, du_isoparser(sep=sep).isoparse, s)


@pytest.mark.parametrize("sep", ["", "  ", "9", "0", "\U0001f35b", "\u00e9", b"T", b"",
                                 b"TT", 5, ["T"], bytearray(b"T")])
def test_invalid_sep(sep):
    assert_same(isoparser, du_isoparser, sep=sep)


def test_byte_sep_raises_typeerror_like_dateutil():
    # dateutil 2.9 on Python 3: ``b'T' in '0123456789'`` raises TypeError.
    with pytest.raises(TypeError):
        isoparser(sep=b"T")


def test_sep_attribute_and_pickle():
    p = isoparser(sep="T")
    assert p._sep == du_isoparser(sep="T")._sep == b"T"  # noqa: SLF001
    assert isoparser()._sep is None  # noqa: SLF001
    q = pickle.loads(pickle.dumps(p))
    assert q.isoparse("2014-01-01T10") == datetime(2014, 1, 1, 10)
    with pytest.raises(ValueError):
        q.isoparse("2014-01-01 10")


# ---------------------------------------------------------------------------
# parse_isodate / parse_isotime / parse_tzstr

@pytest.mark.parametrize("s", [
    "2014", "2014-02", "2014-02-04", "20140204", "2014-W05", "2014W053", "2014-035",
    "2014035", "243", "2014-0423", "201404-23", "2014-02-29", "2014/12/03",
    "2014-04-19T", "201202", "2014-13-01", "2014-02-04x", b"2014-02-04\xff",
    b"2014-02-04T", "\u65e5\u672c", "2014-W1",
])
def test_parse_isodate(s):
    assert_same(isoparser().parse_isodate, du_isoparser().parse_isodate, s)


def test_parse_isodate_error_text():
    with pytest.raises(ValueError) as info:
        isoparser().parse_isodate("2014-0423")
    assert str(info.value) == "String contains unknown ISO components: '2014-0423'"


@pytest.mark.parametrize("s", [
    "14", "1430", "14:30", "143015", "14:30:15", "14:30:15.5", "14:30:15,123456789",
    "24:00", "2400", "24:00:00.000000", "24:00:00.000001", "24:01", "25", "14:60",
    "14:59:61", "3", "", "14_30_15", "1430:15", "14:3015", "14:30:15+", "14:30:15Z",
    "14:30:15z", "14:30:15-05:00", "14:30:15+0530", "14:30:15+12:62", "Z1", "+05",
    "14:30:15.", "14:30.5", "1430.5", "14:30:15.5.5", "14:30:15_5", "14 30",
])
def test_parse_isotime(s):
    assert_same(isoparser().parse_isotime, du_isoparser().parse_isotime, s)


@pytest.mark.parametrize("s", [
    "Z", "z", "+00", "-00", "+00:00", "-00:00", "+0000", "-0000", "+05", "-0530",
    "+05:30", "+23:59", "+24:00", "+00:60", "05:00", "_00:00", "00:0000", "", "ZZ",
    "+", "+1234567", "+-1", "+-0", "+01030", "+01:5", "+ 1", "+0a",
])
@pytest.mark.parametrize("zero_as_utc", [True, False, 0, 1, None])
def test_parse_tzstr(s, zero_as_utc):
    assert_same(isoparser().parse_tzstr, du_isoparser().parse_tzstr, s,
                zero_as_utc=zero_as_utc)
    assert_same(isoparser().parse_tzstr, du_isoparser().parse_tzstr, s)


def test_parse_tzstr_zero_as_utc_types():
    assert isoparser().parse_tzstr("+00:00") is tz.UTC
    z = isoparser().parse_tzstr("-00:00", zero_as_utc=False)
    assert type(z) is tz.tzoffset and z.utcoffset(None) == timedelta(0)
    assert z is du_isoparser().parse_tzstr("-00:00", zero_as_utc=False)


def test_long_strings_are_safe():
    for s in ["2014-01-01T10:00:00." + "9" * 100000,
              "2014-01-01T10:00:00." + "9" * 100000 + "Z",
              "2" * 100000, "2014-01-01T" + "1" * 100000, "\x00" * 1000]:
        assert_same(isoparse, du_isoparse, s)


# ---------------------------------------------------------------------------
# Differential (hypothesis)

def _digits(lo, hi):
    return st.text("0123456789", min_size=lo, max_size=hi)


_noise = st.sampled_from(["", "", "", "-", ":", " ", "+", "_", ".", ",", "W", "Z", "z",
                          "T", "\x00", "\t", "\n", "\r", "\x0b", "\x0c", "\x1c", "a",
                          "\u00e9", "0", "-1", "+1"])


@st.composite
def _date_part(draw):
    y = draw(st.one_of(_digits(4, 4), _digits(0, 5),
                       st.sampled_from(["0000", "9999", "0001", "2016", "2017", "2004"])))
    form = draw(st.integers(0, 8))
    sep = draw(st.sampled_from(["-", "-", "", "/", "_"]))
    two = st.one_of(_digits(2, 2), _digits(0, 3),
                    st.sampled_from(["00", "01", "12", "13", "28", "29", "30", "31", "53"]))
    if form == 0:
        return y
    if form == 1:
        return y + sep + draw(two)
    if form == 2:
        return y + sep + draw(two) + sep + draw(two)
    if form == 3:
        return y + draw(two) + draw(two)
    if form in (4, 5):
        w = y + sep + "W" + draw(two)
        if form == 5:
            w += draw(st.sampled_from(["-", ""])) + draw(_digits(0, 2))
        return w
    if form == 6:
        return y + sep + draw(st.one_of(_digits(3, 3), _digits(0, 4),
                                        st.sampled_from(["000", "001", "365", "366", "367"])))
    return y + draw(_noise) + draw(_digits(0, 4))


@st.composite
def _time_part(draw):
    hh = draw(st.one_of(_digits(2, 2), st.sampled_from(["00", "23", "24", "25"]),
                        _digits(0, 3)))
    colon = draw(st.sampled_from([":", ":", "", ";"]))
    parts = [hh]
    n = draw(st.integers(0, 2))
    for _ in range(n):
        parts.append(draw(st.sampled_from([colon, colon, "", ":"])))
        parts.append(draw(st.one_of(_digits(2, 2), st.sampled_from(["00", "59", "60"]),
                                    _digits(0, 3))))
    t = "".join(parts)
    if draw(st.booleans()):
        t += draw(st.sampled_from([".", ",", "", "_"])) + draw(
            st.one_of(_digits(1, 9), st.just("0" * 7), _digits(0, 2)))
    return t


@st.composite
def _tz_part(draw):
    kind = draw(st.integers(0, 5))
    if kind == 0:
        return ""
    if kind == 1:
        return draw(st.sampled_from(["Z", "z", "ZZ", "Zz"]))
    sign = draw(st.sampled_from(["+", "-", "+", "-", ""]))
    hh = draw(st.one_of(_digits(2, 2), st.sampled_from(["00", "23", "24", "-1", " 1"]),
                        _digits(0, 3)))
    if kind == 2:
        return sign + hh
    mm = draw(st.one_of(_digits(2, 2), st.sampled_from(["00", "59", "60"]), _digits(0, 3)))
    return sign + hh + draw(st.sampled_from([":", "", ";"])) + mm


@st.composite
def iso_strings(draw):
    s = draw(_date_part())
    if draw(st.integers(0, 3)):
        s += draw(st.sampled_from(["T", "T", " ", "t", "", "x", "\x00", "\u00e9", "TT"]))
        s += draw(_time_part()) + draw(_tz_part())
    # occasional mutation: insert, delete or replace one character
    if draw(st.integers(0, 4)) == 0 and s:
        i = draw(st.integers(0, len(s)))
        op = draw(st.integers(0, 2))
        ch = draw(_noise)
        if op == 0:
            s = s[:i] + ch + s[i:]
        elif op == 1:
            s = s[:i] + s[i + 1:]
        else:
            s = s[:i] + ch + s[i + 1:]
    return s


@st.composite
def valid_iso(draw):
    """A well-formed ISO string built from a real datetime, sometimes mutated."""
    d = draw(st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31, 23, 59)))
    form = draw(st.integers(0, 7))
    if form == 0:
        ds = d.strftime("%Y-%m-%d")
    elif form == 1:
        ds = d.strftime("%Y%m%d")
    elif form == 2:
        ds = d.strftime("%Y-%m")
    elif form == 3:
        ds = "%04d" % d.year
    elif form == 4:
        y, w, wd = d.isocalendar()
        ds = draw(st.sampled_from(["%04d-W%02d-%d", "%04dW%02d%d"])) % (y, w, wd)
    elif form == 5:
        y, w, _ = d.isocalendar()
        ds = draw(st.sampled_from(["%04d-W%02d", "%04dW%02d"])) % (y, w)
    else:
        ds = draw(st.sampled_from(["%04d-%03d", "%04d%03d"])) % (
            d.year, d.timetuple().tm_yday)
    ds = ds.rjust(4, "0")
    if form in (2, 3) or draw(st.integers(0, 4)) == 0:
        return ds
    c = draw(st.sampled_from([":", ""]))
    tform = draw(st.integers(0, 4))
    if draw(st.integers(0, 15)) == 0:
        ts = draw(st.sampled_from(["24", "24:00", "2400", "24:00:00", "24:00:00.000",
                                   "24:00:00,0"]))
    elif tform == 0:
        ts = "%02d" % d.hour
    elif tform == 1:
        ts = "%02d%s%02d" % (d.hour, c, d.minute)
    elif tform == 2:
        ts = "%02d%s%02d%s%02d" % (d.hour, c, d.minute, c, d.second)
    else:
        digits = draw(st.integers(1, 9))
        frac = ("%06d" % d.microsecond + "%03d" % draw(st.integers(0, 999)))[:digits]
        ts = "%02d%s%02d%s%02d%s%s" % (d.hour, c, d.minute, c, d.second,
                                       draw(st.sampled_from([".", ","])), frac)
    z = draw(st.integers(0, 3))
    if z == 1:
        ts += draw(st.sampled_from(["Z", "z", "+00:00", "-00:00", "+00", "-0000"]))
    elif z >= 2:
        off = draw(st.integers(-23 * 60 - 59, 23 * 60 + 59))
        h, m = divmod(abs(off), 60)
        sign = "-" if off < 0 else "+"
        ts += draw(st.sampled_from(["%s%02d:%02d" % (sign, h, m),
                                    "%s%02d%02d" % (sign, h, m), "%s%02d" % (sign, h)]))
    s = ds + draw(st.sampled_from(["T", "T", "T", " ", "_"])) + ts
    if draw(st.integers(0, 5)) == 0:
        i = draw(st.integers(0, len(s)))
        ch = draw(_noise)
        op = draw(st.integers(0, 2))
        s = (s[:i] + ch + s[i:]) if op == 0 else (s[:i] + s[i + 1:]) if op == 1 else (
            s[:i] + ch + s[i + 1:])
    return s


_FREE = st.text(st.sampled_from(list("0123456789-:+.,TWZz _\t\r\x0c\x1c\x00\u00e9")),
                max_size=30)
ANY_ISO = st.one_of(valid_iso(), valid_iso(), iso_strings(), _FREE)


def _maybe_bytes(s, as_bytes):
    if as_bytes:
        return s.encode("utf-8")   # non-ASCII becomes non-ASCII bytes
    return s


_settings = settings(max_examples=1000, deadline=None,
                     suppress_health_check=[HealthCheck.too_slow])


@settings(_settings, max_examples=3000)
@given(ANY_ISO, st.booleans())
@example("2014-01-01T24:00", False)
@example("9999-12-31T24:00Z", True)
def test_differential_isoparse(s, as_bytes):
    assert_same(isoparse, du_isoparse, _maybe_bytes(s, as_bytes))


@_settings
@given(ANY_ISO, st.sampled_from([None, "T", " ", "-", "W", "Z", "\x00"]), st.booleans())
def test_differential_isoparser_sep(s, sep, as_bytes):
    assert_same(isoparser(sep=sep).isoparse, du_isoparser(sep=sep).isoparse,
                _maybe_bytes(s, as_bytes))


@_settings
@given(st.one_of(_date_part(), _FREE), st.booleans())
def test_differential_parse_isodate(s, as_bytes):
    assert_same(isoparser().parse_isodate, du_isoparser().parse_isodate,
                _maybe_bytes(s, as_bytes))


@_settings
@given(st.one_of(st.builds(lambda t, z: t + z, _time_part(), _tz_part()), _FREE),
       st.booleans())
def test_differential_parse_isotime(s, as_bytes):
    assert_same(isoparser().parse_isotime, du_isoparser().parse_isotime,
                _maybe_bytes(s, as_bytes))


@_settings
@given(st.one_of(_tz_part(), _FREE), st.booleans(), st.booleans())
def test_differential_parse_tzstr(s, zero_as_utc, as_bytes):
    assert_same(isoparser().parse_tzstr, du_isoparser().parse_tzstr,
                _maybe_bytes(s, as_bytes), zero_as_utc=zero_as_utc)
