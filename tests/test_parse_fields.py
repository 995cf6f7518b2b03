"""``fastdt.parse_fields`` / ``Parser.parse_fields`` and ``required=``.

* Differential: every string of ``bench/corpora`` and the held-back
  ``bench/corpora_heldback`` under four option sets (default,
  ``dayfirst=True``, ``yearfirst=True``, ``fuzzy=True``), ``TZ=UTC``: the
  record's ten fields equal the installed dateutil's
  ``parser()._parse(...)`` fields (value and type), ``(None, None)`` is a
  ``ParserError`` with ``parse``'s "Unknown string format" message, and an
  exception ``_parse`` raises is raised the same.
* Generated bad input (hypothesis): where ``parse`` raises "Unknown string
  format", ``parse_fields`` raises the same type and message.
* parserinfo subclasses (``oracle.GermanInfo``, ``oracle.PivotInfo``), the
  ``parserinfo`` argument and ``Parser.parse_fields``, streams, bytes,
  numbers past int64 (dateutil's own exact ints).
* The record: immutable, named-tuple reading, equality, hashing, pickling.
* One allocation per call (the record), counted by memray and by the
  PyMem counter of ``test_allocations``.
* ``required=`` on ``parse``, ``Parser.parse`` and ``parse_fields``.
"""
import copy
import datetime
import io
import itertools
import json
import pathlib
import pickle

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import dateutil.parser
from dateutil.parser import parserinfo

import fastdt
from fastdt import MissingFieldsError, ParsedFields, ParserError, Parser, parse_fields

import oracle
from oracle import DU_PARSER, DU_PARSERINFO, GermanInfo, PivotInfo

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS_FILES = sorted((ROOT / "bench" / "corpora").glob("*.txt")) + sorted(
    (ROOT / "bench" / "corpora_heldback").glob("*.txt"))
FIELDS = oracle.FIELDS
OPTION_SETS = {"default": {}, "dayfirst": {"dayfirst": True},
               "yearfirst": {"yearfirst": True}, "fuzzy": {"fuzzy": True}}
DU_ParserError = dateutil.parser.ParserError
DU__PARSE = oracle.DU__PARSE
expected = oracle.fields_expected
actual = oracle.fields_actual


def _strings(path):
    return [line for line in path.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]


def _disagreements(strings, fn=parse_fields, info=None, **kw):
    found = []
    for s in strings:
        want = expected(s, info, **kw)
        got = actual(fn, s, **kw)
        if got != want:
            found.append("%r %r:\n  fastdt   %r\n  dateutil %r" % (s, kw, got, want))
    return found


# --- differential: the corpora, four option sets -------------------------------

@pytest.mark.parametrize("path", CORPUS_FILES,
                         ids=["%s/%s" % (p.parent.name, p.stem) for p in CORPUS_FILES])
def test_corpus_fields_equal_dateutil(path):
    strings = _strings(path)
    assert strings
    found = []
    with oracle.tz_env("UTC"):
        for options in OPTION_SETS.values():
            found += _disagreements(strings, **options)
    assert not found, "%d differ:\n%s" % (len(found), "\n".join(found[:10]))


def test_corpora_present():
    assert {p.parent.name for p in CORPUS_FILES} == {"corpora", "corpora_heldback"}
    assert sum(len(_strings(p)) for p in CORPUS_FILES) > 15000


# Strings that walk the less common branches: no date at all, big numbers
# (only dateutil's own ints are exact), Decimal past 28 digits, the
# parserinfo flags, zone names and offsets, AM/PM, "Jan of 01".
EDGE = [
    "", " ", "at", "of the", ",", "Thursday", "Thu 10:49", "10", "10h", "10:49 PM",
    "Jan of 01", "Jan of 99", "Sep of the", "January", "2003", "99", "1.5 h", "0.5m",
    "10h49m41.5s", "10 h 49 m 41.5 s", "12h04", "Sep 25 2003 10.5h",
    "2003-09-25T10:49:41.5Z", "2003-09-25T10:49:41z", "2003-09-25 10:49:41 UTC",
    "2003-09-25 10:49:41 GMT+3", "2003-09-25 10:49:41 BRST-0300",
    "2003-09-25 10:49:41 -0300 (BRST)", "2003-09-25T10:49:41+00:00", "10:49 +00:00",
    "2003-09-25T10:49:41 +05", "10:49 EST", "10:49 ABCDEF", "10:49 PDT+2",
    "99999999999999999999999 Sep", "Sep 99999999999999999999999",
    "99999999999999999999 10:49", "10:99999999999999999999",
    "10:49:41.123456789012345678901234567890", "10.123456789012345678901234567890h",
    "2003-09-25 10:49:41.5555555555555555555555555555555555",
    "1999999999999999999999999999999999.5 m", "0099-01-01", "01-02-03", "13/13/13",
    "2003-02-30", "Feb 30", "25 13 2003", "1A2B", "--/--/1963", "10-10", "12 am", "0 pm",
    "a.m.", "Today is 25 of September of 2003, exactly at 10:49:41 with timezone -03:00.",
    "2003-09-25\x00T10:49:41", "\x00\x00", "\u0661\u0662:\u0663\u0664", "25 ΣΕΠ 2003",
    "x" * 700 + " 2003", "1" * 5000,
]


@pytest.mark.parametrize("options", list(OPTION_SETS.values()), ids=list(OPTION_SETS))
def test_edge_strings_equal_dateutil(options):
    with oracle.tz_env("UTC"):
        found = _disagreements(EDGE, **options)
    assert not found, "\n".join(found)


def test_no_date_gives_all_none():
    """dateutil's _parse returns an empty _result where parse says "String
    does not contain a date": parse_fields returns every field None."""
    for s in ("", " ", "at", "on and at"):
        with pytest.raises(ParserError, match="String does not contain a date"):
            fastdt.parse(s)
        assert tuple(parse_fields(s)) == (None,) * 10
        assert len(DU__PARSE(DU_PARSER(), s)[0]) == 0


def test_big_numbers_are_dateutils_exact_ints():
    rec = parse_fields("99999999999999999999999 Sep")
    assert rec.year == 99999999999999999999999 and rec.month == 9
    assert pickle.loads(pickle.dumps(rec)) == rec
    assert parse_fields("10:49:41.123456789012345678901234567890") == \
        ParsedFields(**{n: getattr(DU__PARSE(DU_PARSER(), "10:49:41.123456789012345678901234567890")[0],
                                   n) for n in FIELDS})


# --- inputs other than str -------------------------------------------------------

def test_input_kinds():
    want = expected("Thu, 25 Sep 2003 10:49:41 -0300")
    assert actual(parse_fields, b"Thu, 25 Sep 2003 10:49:41 -0300") == want
    assert actual(parse_fields, bytearray(b"Thu, 25 Sep 2003 10:49:41 -0300")) == want
    assert actual(parse_fields, io.StringIO("Thu, 25 Sep 2003 10:49:41 -0300")) == want
    assert actual(parse_fields, oracle.ReadOnly("Thu, 25 Sep 2003 10:49:41 -0300")) == want
    assert actual(parse_fields, "25 Sept 2003".encode("utf-16")) == \
        expected("25 Sept 2003".encode("utf-16"))
    assert actual(parse_fields, "März 2003".encode()) == expected("März 2003".encode())
    for bad in (5, None, 2.5, ["2003"]):
        assert actual(parse_fields, bad) == expected(bad)


def test_odd_stream_is_dateutils():
    # a stream yielding bytes: dateutil's own lexer decides (and finds nothing)
    for s in (b"2003-09-25", b"Sep 25 2003", b"x"):
        stream = io.BytesIO(s)
        want = expected(stream)
        stream.seek(0)
        assert actual(parse_fields, stream) == want


# --- parserinfo ----------------------------------------------------------------------

GERMAN = ["25. September 2003 um 10:49 Uhr", "3. März 2003", "3 MÄRZ 2003", "Mai 2003",
          "Jan 25 10:49", "25.09.03", "01/02/03", "Dez", "Sep 25 2003 10:49"]


class DuckInfo:
    """A duck-typed "parserinfo" (not a parserinfo): dateutil's parser serves it."""

    def __init__(self):
        self._info = DU_PARSERINFO(dayfirst=True)

    def __getattr__(self, name):
        return getattr(self._info, name)


@pytest.mark.parametrize("factory", [GermanInfo, PivotInfo,
                                     lambda: DU_PARSERINFO(dayfirst=True, yearfirst=True),
                                     DuckInfo],
                         ids=["German", "Pivot", "flags", "duck"])
@pytest.mark.parametrize("options", list(OPTION_SETS.values()), ids=list(OPTION_SETS))
def test_parserinfo(factory, options):
    info = factory()
    strings = GERMAN + _strings(ROOT / "bench" / "corpora_heldback" / "csv_eu.txt")[:150] + EDGE
    with oracle.tz_env("UTC"):
        found = _disagreements(
            strings, fn=lambda s, **kw: parse_fields(s, parserinfo=info, **kw), info=info,
            **options)
        if isinstance(info, DU_PARSERINFO):
            found += _disagreements(strings, fn=Parser(info).parse_fields, info=info,
                                    **options)
    assert not found, "\n".join(found[:10])


def test_parserinfo_tables_shared_with_parse():
    """parse_fields(parserinfo=X) reuses the tables parse() compiled for X
    (a German word only X's tables know is read the same right after)."""
    info = GermanInfo()
    fastdt.parse("3. März 2003", parserinfo=info)
    assert parse_fields("3. März 2003", parserinfo=info).month == 3
    assert Parser(info).parse_fields("3. März 2003") == parse_fields("3. März 2003",
                                                                     parserinfo=info)


def test_parserinfo_flags_are_read_per_call():
    info = DU_PARSERINFO()
    assert parse_fields("01/05/09", parserinfo=info).month == 1
    info.dayfirst = True
    assert parse_fields("01/05/09", parserinfo=info).month == 5
    info.yearfirst = True
    assert parse_fields("01/05/09", parserinfo=info).year == 2001


# --- generated bad input -----------------------------------------------------------

_pieces = st.sampled_from(
    ["Sep", "25", "2003", "10", ":", "49", "-", "/", ".", ",", " ", "PM", "am", "of",
     "T", "Z", "+", "0300", "BRST", "GMT", "Thu", "h", "m", "s", "x", "99999999999999999999",
     "\x00", "é", "Σ", "(", ")", "th", "at", "1.5"])
_text = st.one_of(st.lists(_pieces, max_size=10).map("".join), st.text(max_size=25))


@settings(max_examples=700, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(s=_text, options=st.sampled_from(list(OPTION_SETS.values())))
def test_generated_strings(s, options):
    """Fields as dateutil's _parse; where parse says "Unknown string format"
    (or raises from _parse), parse_fields raises the same type and message."""
    with oracle.tz_env("UTC"):
        want = expected(s, **options)
        got = actual(parse_fields, s, **options)
        assert got == want
        if got[0] == "raises":
            try:
                fastdt.parse(s, default=datetime.datetime(2003, 9, 25), **options)
            except Exception as e:
                assert (type(e).__name__, str(e)) == got[1:]
            else:
                pytest.fail("parse_fields raised %r; parse did not" % (got,))


# --- the record ----------------------------------------------------------------------

def test_record_reads_like_a_named_tuple():
    rec = parse_fields("Thu, 25 Sep 2003 10:49:41.5 BRST")
    assert ParsedFields._fields == FIELDS
    assert rec._fields == FIELDS
    assert rec._asdict() == dict(zip(FIELDS, (2003, 9, 25, 3, 10, 49, 41, 500000, "BRST", None)))
    assert tuple(rec) == (2003, 9, 25, 3, 10, 49, 41, 500000, "BRST", None)
    assert len(rec) == 10 and rec[0] == 2003 and rec[-2] == "BRST" and rec[1:3] == (9, 25)
    year, month, day, *_ = rec
    assert (year, month, day) == (2003, 9, 25)
    match rec:
        case ParsedFields(y, m, d, tzname=name):
            assert (y, m, d, name) == (2003, 9, 25, "BRST")
    assert repr(rec) == ("ParsedFields(year=2003, month=9, day=25, weekday=3, hour=10, "
                         "minute=49, second=41, microsecond=500000, tzname='BRST', "
                         "tzoffset=None)")
    assert rec.tzname == rec.tzname and type(rec.tzname) is str


def test_record_is_immutable():
    rec = parse_fields("2003-09-25")
    for name in FIELDS + ("other",):
        with pytest.raises(AttributeError):
            setattr(rec, name, 1)
    with pytest.raises(TypeError, match="immutable"):
        rec.__init__(year=1999)
    assert rec.year == 2003
    made = ParsedFields(year=1999)
    with pytest.raises(TypeError, match="immutable"):
        made.__init__(year=2000)
    assert made.year == 1999
    assert tuple(ParsedFields.__new__(ParsedFields)) == (None,) * 10
    with pytest.raises(TypeError):
        rec[0] = 1


def test_record_equality_and_hash():
    a, b = parse_fields("Sep 25 2003"), parse_fields("2003-09-25")
    assert a == b and not (a != b) and hash(a) == hash(b)
    assert a == ParsedFields(year=2003, month=9, day=25)
    assert a != parse_fields("Sep 26 2003")
    assert a != tuple(a) and tuple(a) == tuple(b)       # a record, not a tuple
    assert len({a, b, parse_fields("Sep 26 2003")}) == 2
    big = ParsedFields(year=10 ** 30, tzname="Europe/Berlin")
    assert big == ParsedFields(year=10 ** 30, tzname="Europe/Berlin")
    assert hash(big) == hash(ParsedFields(year=10 ** 30, tzname="Europe/Berlin"))


def test_constructor_checks_types():
    with pytest.raises(TypeError, match="year must be an int"):
        ParsedFields(year="2003")
    with pytest.raises(TypeError, match="tzname must be a str"):
        ParsedFields(tzname=5)
    assert ParsedFields(tzoffset=-10800).tzoffset == -10800
    assert ParsedFields(year=-1).year == -1            # not mistaken for "absent"
    assert tuple(ParsedFields()) == (None,) * 10


@pytest.mark.parametrize("s", ["Thu, 25 Sep 2003 10:49:41.5 -0300", "", "10:49 BRST",
                               "99999999999999999999999 Sep", "2003-09-25T10:49Z"])
def test_record_pickles_and_copies(s):
    rec = parse_fields(s)
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        back = pickle.loads(pickle.dumps(rec, protocol))
        assert back == rec and type(back) is ParsedFields and tuple(back) == tuple(rec)
    assert copy.copy(rec) == rec and copy.deepcopy(rec) == rec


# --- one allocation per call: the record ---------------------------------------------

import test_allocations as _alloc  # noqa: E402  (its counter and loop helpers)

_GERMAN_PARSER = Parser(GermanInfo())
_GERMAN_INFO = GermanInfo()
REQ = ("year", "month", "day")
ALLOC_CASES = [
    ("iso", parse_fields, "2003-09-25T10:49:41.5Z", {}),
    ("rfc2822", parse_fields, "Thu, 25 Sep 2003 10:49:41 -0300", {}),
    ("tzname", parse_fields, "Sep 25 2003 10:49 BRST", {}),
    ("fuzzy", parse_fields, "Today is 25 of September of 2003, exactly at 10:49:41",
     {"fuzzy": True}),
    ("dayfirst", parse_fields, "10/09/2003", {"dayfirst": True}),
    ("yearfirst", parse_fields, "10/09/03", {"yearfirst": True}),
    ("no-date", parse_fields, "", {}),
    ("weekday", parse_fields, "Thursday", {}),
    ("required", parse_fields, "10/09/03", {"required": REQ}),
    ("Parser-method", _GERMAN_PARSER.parse_fields, "25. September 2003 um 10:49 Uhr", {}),
    ("parserinfo-arg", parse_fields, "3. März 2003", {"parserinfo": _GERMAN_INFO}),
]
PARSE_REQUIRED_CASES = [
    ("parse-required-tuple", fastdt.parse, "Sep 25 2003 10:49", {"required": REQ}),
    ("parse-required-str", fastdt.parse, "Sep 25 2003 10:49", {"required": "year"}),
    ("Parser.parse-required", Parser().parse, "2003-09-25T10:49Z", {"required": REQ}),
]


@pytest.mark.parametrize("case", ALLOC_CASES + PARSE_REQUIRED_CASES,
                         ids=[c[0] for c in ALLOC_CASES + PARSE_REQUIRED_CASES])
def test_one_allocation_per_call(case):
    _name, func, text, kwargs = case
    with oracle.tz_env("UTC"):
        assert per_call(func, text, kwargs) == (0, 0, 1)


def per_call(func, text, kwargs):
    return _alloc.per_call_pymem(_alloc.make_loop(func, text, kwargs))


# The record's tp_new; in a build without debug info (setup.py's default)
# that is inlined and has no frame of its own, and the one named is
# _record.record_from_result, which allocates the record and nothing else.
_RECORD_FRAMES = ("ParsedFields", "6fastdt_7_record_record_from_result")


def test_memray_one_record_allocation_per_call(tmp_path):
    """memray (native allocations too): 2N - N calls make exactly N
    allocations, each the record's own (its type's tp_new on the stack)."""
    loops = []
    with oracle.tz_env("UTC"):
        for k, (_name, func, text, kwargs) in enumerate(ALLOC_CASES):
            for n in (_alloc.MEMRAY_N, 2 * _alloc.MEMRAY_N):
                label = "alloc_loop_fields_%d_%d" % (k, n)
                loop = _alloc.make_loop(func, text, kwargs, label)
                loop(itertools.repeat(None, 5))
                loops.append((label, loop, n))
        found = _alloc.memray_counts(tmp_path, "fields", loops)
    failures = []
    for k, (name, _func, text, kwargs) in enumerate(ALLOC_CASES):
        once = found["alloc_loop_fields_%d_%d" % (k, _alloc.MEMRAY_N)]
        twice = found["alloc_loop_fields_%d_%d" % (k, 2 * _alloc.MEMRAY_N)]
        per = (len(twice) - len(once)) / _alloc.MEMRAY_N
        others = [st for st in once + twice
                  if not any(frame in f for f in st[:6] for frame in _RECORD_FRAMES)]
        if per != 1 or others:
            failures.append("%s %r %r: %s per call; not the record's: %s"
                            % (name, text, kwargs, per, others[:2]))
    assert not failures, "\n".join(failures)


# --- required= -----------------------------------------------------------------------

def _missing(fn, *args, **kw):
    with pytest.raises(MissingFieldsError) as info:
        fn(*args, **kw)
    err = info.value
    assert isinstance(err, ParserError) and isinstance(err, DU_ParserError)
    assert isinstance(err, ValueError)
    return err


ENTRIES = {"parse": fastdt.parse, "Parser.parse": Parser().parse,
           "parse_fields": parse_fields}


@pytest.mark.parametrize("fn", list(ENTRIES.values()), ids=list(ENTRIES))
def test_required_names_the_missing_fields(fn):
    err = _missing(fn, "Sep 25", required=("year", "month", "day"))
    assert err.missing == ("year",)
    assert str(err) == ("String does not contain a year, which required= asks for (leave "
                        "a field out of required= to accept strings without it): Sep 25")
    err = _missing(fn, "10:49", required=["hour", "day", "year", "tzoffset"])
    assert err.missing == ("year", "day", "tzoffset")
    assert str(err).startswith("String does not contain a year, a day or a UTC offset, ")
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is MissingFieldsError and back.missing == err.missing
    assert str(back) == str(err)


@pytest.mark.parametrize("fn", list(ENTRIES.values()), ids=list(ENTRIES))
def test_required_accepts_what_the_string_gives(fn):
    assert fn("Sep 25 2003 10:49", required=("year", "month", "day", "hour", "minute")) == \
        fn("Sep 25 2003 10:49")
    assert fn("Sep 25 2003", required="year") == fn("Sep 25 2003")   # one name
    assert fn("Sep 25 2003", required=()) == fn("Sep 25 2003")
    assert fn("Sep 25 2003", required={"day"}) == fn("Sep 25 2003")
    assert fn("Sep 25 2003", required=(n for n in ["day"])) == fn("Sep 25 2003")


@pytest.mark.parametrize("fn", list(ENTRIES.values()), ids=list(ENTRIES))
def test_required_rejects_unknown_names(fn):
    with pytest.raises(ValueError, match="year, month, day, weekday, hour, minute, second, "
                                         "microsecond, tzname, tzoffset; got 'yaer'"):
        fn("Sep 25 2003", required=("yaer",))
    with pytest.raises(TypeError, match="got 5"):
        fn("Sep 25 2003", required=("year", 5))
    with pytest.raises(TypeError, match="got bool"):
        fn("Sep 25 2003", required=True)
    with pytest.raises(ValueError, match="got 'date'"):
        fn("Sep 25 2003", required="date")


def test_required_with_default_and_weekday():
    default = datetime.datetime(2020, 1, 31, 8, 30)
    # default fills what required= leaves out
    assert fastdt.parse("Sep 25 2003", default=default, required=REQ) == \
        datetime.datetime(2003, 9, 25, 8, 30)
    assert fastdt.parse("10:49", default=default, required=("hour", "minute")) == \
        datetime.datetime(2020, 1, 31, 10, 49)
    _missing(fastdt.parse, "Feb 2003", default=default, required=REQ)
    # a weekday alone moves the default's date: it is no day
    assert _missing(fastdt.parse, "Thursday", required="day").missing == ("day",)
    assert fastdt.parse("Thursday", default=default, required="weekday") == \
        dateutil.parser.parse("Thursday", default=default)


def test_required_with_fuzzy():
    s = "Today is 25 of September, see you at 10:49"
    assert _missing(fastdt.parse, s, fuzzy=True, required=REQ).missing == ("year",)
    assert _missing(fastdt.parse, s, fuzzy_with_tokens=True, required=REQ).missing == ("year",)
    s = "Today is 25 of September 2003, see you at 10:49"
    assert fastdt.parse(s, fuzzy_with_tokens=True, required=REQ) == \
        dateutil.parser.parse(s, fuzzy_with_tokens=True)


def test_required_keeps_parses_own_errors_first():
    with pytest.raises(ParserError, match="^Unknown string format: not a date$"):
        fastdt.parse("not a date", required=REQ)
    with pytest.raises(ParserError, match="^String does not contain a date: $"):
        fastdt.parse("", required=REQ)
    assert _missing(parse_fields, "", required=REQ).missing == REQ
    with pytest.raises(ParserError, match="^day is out of range for month: Feb 30 2003$"):
        fastdt.parse("Feb 30 2003", required=REQ)
    # a missing field is reported before the default fills it into an
    # impossible date
    _missing(fastdt.parse, "Feb 30", required=REQ, default=datetime.datetime(2003, 1, 1))


def test_required_on_dateutils_own_paths():
    """A duck-typed parserinfo and a bytes stream are served by dateutil's
    parser; required= checks its _parse fields, reading the input once."""
    duck = DuckInfo()
    assert _missing(fastdt.parse, "25/09", parserinfo=duck, required=REQ).missing == ("year",)
    assert fastdt.parse("25/09/2003", parserinfo=duck, required=REQ) == \
        dateutil.parser.parse("25/09/2003", parserinfo=duck)
    assert _missing(Parser(duck).parse_fields, "25/09", required=REQ).missing == ("year",)
    # a stream is read once, for the check and the parse
    assert fastdt.parse(io.StringIO("25/09/2003"), parserinfo=duck, required=REQ) == \
        dateutil.parser.parse(io.StringIO("25/09/2003"), parserinfo=duck)
    err = _missing(fastdt.parse, io.StringIO("25/09"), parserinfo=duck, required=REQ)
    assert err.missing == ("year",)
    # dateutil's lexer finds nothing in a bytes stream: its own error stays
    stream = io.BytesIO(b"2003-09-25 10:49")
    with pytest.raises(ParserError, match="^Unknown string format: <_io.BytesIO"):
        fastdt.parse(stream, required=REQ)
    assert stream.read() == b""


def test_required_none_changes_nothing():
    for s in EDGE[:40]:
        assert oracle.outcome(fastdt.parse, s, required=None).short() == \
            oracle.outcome(fastdt.parse, s).short()


def test_required_on_a_corpus_matches_the_fields():
    """parse(s, required=R) raises exactly where parse_fields(s) lacks a field of R."""
    strings = _strings(ROOT / "bench" / "corpora_heldback" / "mixed.txt")[:400]
    default = datetime.datetime(2003, 9, 25)
    with oracle.tz_env("UTC"):
        for required in (("year", "month", "day"), ("hour", "minute"), ("tzoffset",)):
            for s in strings:
                try:
                    rec = parse_fields(s)
                except ParserError:
                    continue
                lacking = tuple(n for n in FIELDS if n in required and getattr(rec, n) is None)
                try:
                    got = fastdt.parse(s, default=default, required=required)
                except MissingFieldsError as e:
                    assert e.missing == lacking, s
                    continue
                except (ParserError, OverflowError):
                    continue
                assert not lacking, s
                assert got == fastdt.parse(s, default=default)


def test_patched_dateutil_keeps_its_signature():
    """dateutil's parse has no required=: under the patch it still refuses it."""
    with fastdt.patch_dateutil():
        with pytest.raises(TypeError):
            dateutil.parser.parse("Sep 25 2003", required=REQ)


# --- help() ---------------------------------------------------------------------------

@pytest.mark.parametrize("func", [parse_fields, Parser.parse_fields],
                         ids=["parse_fields", "Parser.parse_fields"])
def test_help_documents_each_argument_once(func):
    import inspect
    import re
    names = [n for n in inspect.signature(func).parameters if n != "self"]
    documented = re.findall(r":param (\w+):", func.__doc__)
    assert sorted(documented) == sorted(names)
    for exc in ("ParserError", "MissingFieldsError", "AmbiguousDateError", "TypeError",
                "ValueError"):
        assert ":raises %s:" % exc in func.__doc__
    assert ":returns:" in func.__doc__


def test_signatures():
    import inspect
    assert str(inspect.signature(parse_fields)) == (
        "(timestr, parserinfo=None, *, dayfirst=None, yearfirst=None, fuzzy=False, "
        "required=None, ambiguous='ignore')")
    assert str(inspect.signature(Parser.parse_fields)) == (
        "(self, timestr, *, dayfirst=None, yearfirst=None, fuzzy=False, required=None, "
        "ambiguous='ignore')")
    assert str(inspect.signature(ParsedFields)) == (
        "(year=None, month=None, day=None, weekday=None, hour=None, minute=None, "
        "second=None, microsecond=None, tzname=None, tzoffset=None)")
