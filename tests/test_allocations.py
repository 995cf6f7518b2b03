"""fastdt allocates exactly one object per successful parse: the datetime.

Two independent exact counters check a corpus that walks every grammar
branch and option:

* ``_alloc_counter`` (a test aid in ``tests/``, compiled on first use by
  ``alloc_counter_build``; not part of the package) wraps the RAW, MEM and
  OBJ allocator domains
  (``PyMem_SetAllocator``) and counts every call: cheap, parametrized per
  corpus entry so a failure names the string and the branch.
* ``memray.Tracker`` with Python-allocator and native tracing counts every
  allocation including direct ``malloc`` from C, and names the C function
  that made it, so the test checks that the single allocation is the
  datetime's own.

Both count 2N calls minus N calls after a warm-up, call the compiled
function directly from a generated loop (no lambda: a Python frame per call
would allocate under memray) and pass keyword arguments as literal keywords
(``f(s, **kw)`` builds a kwnames tuple per call).

Notes for whoever extends the corpus: keep each entry a *successful* parse
returning a plain datetime; calls that are allowed to allocate (errors,
fuzzy_with_tokens, a tzinfos callable, tzinfos values that are str/tzinfo)
are measured in ``test_allowed_to_allocate`` and only reported.
"""
import datetime
import sys
import warnings
import itertools
from contextlib import contextmanager

import pytest
import dateutil.parser
from dateutil import tz
from dateutil.parser import parserinfo

import fastdt
from fastdt import Parser, ParserError

import oracle
import alloc_counter_build

# Built on first use; a failed build is an error, not a skip.
counter = alloc_counter_build.load()

# --- custom parserinfos ---------------------------------------------------


class GermanInfo(parserinfo):
    WEEKDAYS = [("Mo", "Montag"), ("Di", "Dienstag"), ("Mi", "Mittwoch"),
                ("Do", "Donnerstag"), ("Fr", "Freitag"), ("Sa", "Samstag"),
                ("So", "Sonntag")]
    MONTHS = [("Jan", "Januar"), ("Feb", "Februar"), ("Mär", "März"),
              ("Apr", "April"), ("Mai",), ("Jun", "Juni"), ("Jul", "Juli"),
              ("Aug", "August"), ("Sep", "Sept", "September"), ("Okt", "Oktober"),
              ("Nov", "November"), ("Dez", "Dezember")]
    JUMP = parserinfo.JUMP + ["um", "uhr", "der", "den"]


class RussianInfo(parserinfo):
    MONTHS = [("янв", "января", "январь"), ("фев", "февраля", "февраль"),
              ("мар", "марта", "март"), ("апр", "апреля", "апрель"),
              ("мая", "май"), ("июн", "июня", "июнь"), ("июл", "июля", "июль"),
              ("авг", "августа", "август"), ("сен", "сентября", "сентябрь"),
              ("окт", "октября", "октябрь"), ("ноя", "ноября", "ноябрь"),
              ("дек", "декабря", "декабрь")]
    WEEKDAYS = [("пн", "понедельник"), ("вт", "вторник"), ("ср", "среда"),
                ("чт", "четверг"), ("пт", "пятница"), ("сб", "суббота"),
                ("вс", "воскресенье")]
    JUMP = parserinfo.JUMP + ["г", "в"]


GERMAN = GermanInfo()
RUSSIAN = RussianInfo()
DAYFIRST_INFO = parserinfo(dayfirst=True, yearfirst=False)

PARSERS = {
    "parse": fastdt.parse,
    "de": Parser(GERMAN).parse,           # bound once: no bound method per call
    "ru": Parser(RUSSIAN).parse,
    "dayfirst-info": Parser(DAYFIRST_INFO).parse,
}
DATEUTIL_PARSERS = {
    "parse": dateutil.parser.parser().parse,
    "de": dateutil.parser.parser(GERMAN).parse,
    "ru": dateutil.parser.parser(RUSSIAN).parse,
    "dayfirst-info": dateutil.parser.parser(DAYFIRST_INFO).parse,
}

DEFAULT = datetime.datetime(2003, 9, 25, 1, 2, 3, 4)
DEFAULT_31 = datetime.datetime(2003, 1, 31)
DEFAULT_AWARE = datetime.datetime(2003, 9, 25, tzinfo=tz.tzoffset(None, 3600))
TZINFOS_INT = {"BRST": -10800, "CEST": 7200}

# --- corpus -----------------------------------------------------------------
# (id, parser, text, kwargs, TZ or None)
CORPUS = [
    # ISO and compact forms
    ("iso-frac", "parse", "2003-09-25T10:49:41.5", {}, None),
    ("iso-us", "parse", "2003-09-25T10:49:41.123456", {}, None),
    ("iso-seconds", "parse", "2003-09-25T10:49:41", {}, None),
    ("iso-space-hm", "parse", "2003-09-25 10:49", {}, None),
    ("iso-date", "parse", "2003-09-25", {}, None),
    ("iso-comma-frac", "parse", "2003-09-25 10:49:41,5", {}, None),
    ("compact-datetime", "parse", "20030925T104941", {}, None),
    ("compact-datetime-hm", "parse", "20030925T1049", {}, None),
    ("compact-date", "parse", "20030925", {}, None),
    ("compact-yymmdd", "parse", "990101", {}, None),
    ("compact-yyyymmddhhmm", "parse", "200309251049", {}, None),
    ("compact-yyyymmddhhmmss", "parse", "20030925104941", {}, None),
    ("compact-hhmmss-frac", "parse", "2003-09-25 104941.5", {}, None),
    ("compact-19990101T23", "parse", "19990101T23", {}, None),
    ("slashes-mdy", "parse", "09/25/2003", {}, None),
    ("dots-dmy", "parse", "25.09.2003", {}, None),
    ("two-members", "parse", "09-25", {}, None),
    ("time-only", "parse", "10:49:41", {}, None),
    ("time-hm", "parse", "10:49", {}, None),
    ("year-only", "parse", "2003", {}, None),
    # month and weekday names
    ("month-day-year", "parse", "Sep 25 2003", {}, None),
    ("day-month-year", "parse", "25 September 2003", {}, None),
    ("month-year", "parse", "September 2003", {}, None),
    ("month-dash", "parse", "Sep-25-2003", {}, None),
    ("day-month-dash", "parse", "25-Sep-2003", {}, None),
    ("year-month-dash", "parse", "2003-Sep-25", {}, None),
    ("month-slash", "parse", "Sep/25/2003", {}, None),
    ("month-of-year", "parse", "Jan of 01", {}, None),
    ("month-only", "parse", "September", {}, None),
    ("ctime", "parse", "Thu Sep 25 10:49:41 2003", {}, None),
    ("weekday-only", "parse", "Thursday", {}, None),
    ("weekday-time", "parse", "Thu 10:49", {}, None),
    ("rfc2822", "parse", "Thu, 25 Sep 2003 10:49:41 -0300", {}, None),
    ("upper-month", "parse", "25 SEPTEMBER 2003", {}, None),
    # AM/PM
    ("pm-hm", "parse", "10:49 PM", {}, None),
    ("pm-glued", "parse", "10pm", {}, None),
    ("am-spaced", "parse", "10 am Sep 25 2003", {}, None),
    ("twelve-am", "parse", "Sep 25 2003 12 am", {}, None),
    ("twelve-pm", "parse", "Sep 25 2003 12:30 pm", {}, None),
    ("a.m.", "parse", "Sep 25 2003 10:49 a.m.", {}, None),
    # jump words and pertain
    ("jump-at", "parse", "Sep 25 2003 at 10:49", {}, None),
    ("jump-ordinal-of", "parse", "25th of September, 2003", {}, None),
    ("jump-sentence", "parse", "on Thursday, September 25th, 2003 at 10:49", {}, None),
    # h/m/s units
    ("hms-glued", "parse", "10h49m41s", {}, None),
    ("hms-spaced", "parse", "10 h 49 m 41.5 s", {}, None),
    ("hms-12h04", "parse", "12h04", {}, None),
    ("hms-decimal-hour", "parse", "Sep 25 2003 10.5h", {}, None),
    ("hms-decimal-minute", "parse", "Sep 25 2003 10h 49.5m", {}, None),
    # default=
    ("default-time", "parse", "10:49", {"default": DEFAULT}, None),
    ("default-month", "parse", "Feb", {"default": DEFAULT_31}, None),
    ("default-weekday", "parse", "Thu", {"default": DEFAULT}, None),
    ("default-aware", "parse", "10:49", {"default": DEFAULT_AWARE}, None),
    # dayfirst / yearfirst
    ("dayfirst", "parse", "10/09/2003", {"dayfirst": True}, None),
    ("dayfirst-13", "parse", "25/09/2003", {"dayfirst": True}, None),
    ("yearfirst", "parse", "03/09/25", {"yearfirst": True}, None),
    ("dayfirst-yearfirst", "parse", "03/09/25", {"dayfirst": True, "yearfirst": True}, None),
    ("dayfirst-false", "parse", "10/09/2003", {"dayfirst": False}, None),
    ("dayfirst-parserinfo", "dayfirst-info", "10/09/2003", {}, None),
    # ignoretz
    ("ignoretz-offset", "parse", "2003-09-25T10:49:41-03:00", {"ignoretz": True}, None),
    ("ignoretz-name", "parse", "2003-09-25T10:49:41 BRST", {"ignoretz": True}, None),
    # fuzzy (without tokens)
    ("fuzzy", "parse", "Today is 25 of September of 2003, exactly at 10:49:41 "
     "with timezone -03:00.", {"fuzzy": True}, None),
    ("fuzzy-nonascii-2byte", "parse", "Sep 25 2003 10:49 \u2014 ok", {"fuzzy": True}, None),
    ("fuzzy-nonascii-4byte", "parse", "Sep 25 2003 10:49 \U0001F642", {"fuzzy": True}, None),
    ("fuzzy-clean", "parse", "2003-09-25T10:49:41", {"fuzzy": True}, None),
    # aware: UTC names, numeric offsets, named offsets
    ("utc-Z", "parse", "2003-09-25T10:49:41Z", {}, None),
    ("utc-name", "parse", "2003-09-25 10:49:41 UTC", {}, None),
    ("utc-GMT", "parse", "Thu, 25 Sep 2003 10:49:41 GMT", {}, None),
    ("utc-z-lower", "parse", "2003-09-25T10:49:41z", {}, None),
    ("offset-hhmm", "parse", "2003-09-25T10:49:41-0300", {}, None),
    ("offset-hh:mm", "parse", "2003-09-25T10:49:41+05:30", {}, None),
    ("offset-hh", "parse", "2003-09-25T10:49:41 +05", {}, None),
    ("offset-zero", "parse", "2003-09-25T10:49:41+00:00", {}, None),
    ("offset-GMT+3", "parse", "2003-09-25 10:49:41 GMT+3", {}, None),
    ("offset-named", "parse", "2003-09-25 10:49:41 BRST-0300", {}, None),
    ("offset-named-paren", "parse", "2003-09-25 10:49:41 -0300 (BRST)", {}, None),
    ("tzinfos-int", "parse", "2003-09-25 10:49:41 BRST", {"tzinfos": TZINFOS_INT}, None),
    ("tzinfos-int-2", "parse", "2003-09-25 10:49:41 CEST", {"tzinfos": TZINFOS_INT}, None),
    ("tzinfos-miss", "parse", "2003-09-25T10:49:41Z", {"tzinfos": TZINFOS_INT}, None),
    ("tzinfos-empty", "parse", "2003-09-25T10:49:41-0300", {"tzinfos": {}}, None),
    ("ignoretz-tzinfos", "parse", "2003-09-25 10:49:41 BRST",
     {"tzinfos": TZINFOS_INT, "ignoretz": True}, None),
    # tzlocal(): a name in time.tzname
    ("tzlocal-EST", "parse", "Jan 25 2003 10:49 EST", {}, "America/New_York"),
    ("tzlocal-EDT", "parse", "Sep 25 2003 10:49 EDT", {}, "America/New_York"),
    ("tzlocal-EST-in-summer", "parse", "Sep 25 2003 10:49 EST", {}, "America/New_York"),
    ("tzlocal-utc-UTC", "parse", "2003-09-25 10:49 UTC", {}, "UTC"),
    ("tzlocal-utc-Z", "parse", "2003-09-25T10:49Z", {}, "UTC"),
    ("tzlocal-offset", "parse", "2003-09-25T10:49-0500", {}, "America/New_York"),
    # custom parserinfo Parsers
    ("de-weekday-month", "de", "Donnerstag, 25. September 2003 um 10:49 Uhr", {}, None),
    ("de-nonascii-month", "de", "3. März 2003", {}, None),
    ("de-upper-nonascii", "de", "3 MÄRZ 2003", {}, None),
    ("de-abbr", "de", "Do 25 Sept 2003", {}, None),
    ("ru-month", "ru", "25 сентября 2003", {}, None),
    ("ru-weekday", "ru", "четверг 25 сентября 2003 г в 10:49", {}, None),
    ("ru-upper", "ru", "25 СЕНТЯБРЯ 2003", {}, None),
    ("ru-fuzzy", "ru", "Встреча 25 сентября 2003 в 10:49", {"fuzzy": True}, None),
    ("parserinfo-arg", "parse", "10/09/2003", {"parserinfo": DAYFIRST_INFO}, None),
    ("parserinfo-arg-de", "parse", "25. September 2003", {"parserinfo": GERMAN}, None),
    # input kinds
    ("bytes", "parse", b"2003-09-25T10:49:41", {}, None),
    ("bytes-offset", "parse", b"Thu, 25 Sep 2003 10:49:41 -0300", {}, None),
    ("bytearray", "parse", bytearray(b"2003-09-25T10:49:41"), {}, None),
    ("nul-inside", "parse", "2003-09-25\x00T10:49:41", {}, None),
    ("nul-edges", "parse", "\x002003-09-25 10:49\x00", {}, None),
    ("nul-bytes", "parse", b"2003-09-25\x00 10:49", {}, None),
    ("whitespace", "parse", "  \t2003-09-25   10:49\n", {}, None),
]


class GreekInfo(parserinfo):
    MONTHS = [("ιαν", "ιανουαριος"), ("φεβ",), ("μαρ",), ("απρ",), ("μαι",), ("ιουν",),
              ("ιουλ",), ("αυγ",), ("σεπ", "σεπτεμβριος"), ("οκτ",), ("νοε",), ("δεκ",)]


class TurkishInfo(parserinfo):
    MONTHS = [("ocak",), ("şubat",), ("mart",), ("nisan",), ("mayıs",), ("haziran",),
              ("temmuz",), ("ağustos",), ("eylül",), ("ekim",), ("kasım",), ("aralık",)]


PARSERS["el"] = Parser(GreekInfo()).parse
PARSERS["tr"] = Parser(TurkishInfo()).parse
DATEUTIL_PARSERS["el"] = dateutil.parser.parser(GreekInfo()).parse
DATEUTIL_PARSERS["tr"] = dateutil.parser.parser(TurkishInfo()).parse
CORPUS += [
    ("el-lower", "el", "25 σεπτεμβριος 2003", {}, None),
    ("el-upper-no-sigma", "el", "25 ΙΑΝ 2003", {}, None),
    ("tr-upper", "tr", "25 EYLÜL 2003", {}, None),
]
# Tokens holding U+03A3 (capital sigma: final-sigma rule) or U+0130 (lowers
# to two code points) are lowered in C too (CompiledInfo.classify); a sigma in
# a token that mixes Greek with other scripts still goes through str.lower().
CORPUS += [
    ("el-upper-sigma", "el", "25 ΣΕΠΤΕΜΒΡΙΟΣ 2003", {}, None),
    ("tr-dotted-I", "tr", "25 EYLÜL 2003 İ", {"fuzzy": True}, None),
]
KNOWN_EXTRA = [
    pytest.param(("el-mixed-sigma", "el", "25 ΣΕΠ 2003 xΣ", {"fuzzy": True}, None),
                 marks=pytest.mark.xfail(strict=True, reason="sigma in a mixed-script token lowered by Python"),
                 id="el-mixed-sigma"),
]
IDS = [c[0] for c in CORPUS]
assert len(set(IDS)) == len(IDS)
# Entries without a zone run with TZ=DEFAULT_ZONE, so that "UTC"/"Z" mean
# tz.UTC (not tzlocal()) whatever the machine's zone is.
DEFAULT_ZONE = "Asia/Kolkata"
# Groups of the corpus that share a TZ setting.
TZ_GROUPS = sorted({c[4] for c in CORPUS}, key=lambda z: z or "")


@contextmanager
def local_zone(name):
    """Run with TZ=name (None: unchanged); restore TZ and tzset() after."""
    if name is None:
        yield
        return
    with oracle.tz_env(name):
        yield


def make_loop(func, text, kwargs, name="alloc_loop", args=()):
    """A function ``loop(it)`` calling ``func(text, *args, k=v...)`` once per item.

    Keywords are spelled literally in the generated source, so each call is a
    vectorcall with a constant kwnames tuple: the loop itself allocates
    nothing.  ``name`` names the generated function, so memray records can
    be attributed to the loop that made them.
    """
    names = sorted(kwargs)
    params = "".join(", _a%d" % i for i in range(len(args)))
    params += "".join(", _k%d" % i for i in range(len(names)))
    call = "".join(", _a%d" % i for i in range(len(args)))
    call += "".join(", %s=_k%d" % (kw, i) for i, kw in enumerate(names))
    src = ("def %s(it, _f, _s%s):\n"
           "    for _ in it:\n"
           "        _f(_s%s)\n") % (name, params, call)
    ns = {}
    exec(compile(src, "<alloc-loop>", "exec"), ns)
    loop = ns[name]
    values = [kwargs[kw] for kw in names]
    return lambda it: loop(it, func, text, *args, *values)


def count_pymem(loop, n):
    """Allocations (raw, mem, obj) made by ``loop`` over n items."""
    it = itertools.repeat(None, n)
    counter.start()
    try:
        loop(it)
    finally:
        counts = counter.stop()
    return counts


def per_call_pymem(loop, n=200, tries=3):
    """Allocation counts per call: (2n calls - n calls) / n, per domain.

    The hooks count every thread's allocations, so a thread some earlier
    test left behind (or the interpreter's own housekeeping) can add one
    allocation to one run: CI saw obj=1.005 once, never reproduced alone.
    Noise only ever adds, so the lowest of a few measurements is the
    call's own cost; an allocation the call really makes, even one in
    every n calls, shows in every measurement."""
    loop(itertools.repeat(None, 20))           # warm-up
    best = None
    for _ in range(tries):
        once = count_pymem(loop, n)
        twice = count_pymem(loop, 2 * n)
        counts = tuple((b - a) / n for a, b in zip(once, twice))
        if best is None or sum(counts) < sum(best):
            best = counts
        if all(c == int(c) for c in best):
            break
    return best


def test_counter_sees_allocations():
    """The counter counts: 1 per new object, 0 for the loop machinery."""
    assert per_call_pymem(make_loop(int, "1000000", {})) == (0, 0, 1)
    assert per_call_pymem(make_loop(len, "abc", {})) == (0, 0, 0)   # small int
    assert per_call_pymem(make_loop(int, "1000000", {"base": 16})) == (0, 0, 1)


@pytest.mark.parametrize("case", CORPUS + KNOWN_EXTRA, ids=IDS + [p.id for p in KNOWN_EXTRA])
def test_one_allocation_per_call(case):
    name, parser, text, kwargs, zone = case
    func = PARSERS[parser]
    with local_zone(zone or DEFAULT_ZONE):
        first = func(text, **kwargs)
        second = func(text, **kwargs)
        # a plain datetime, the same answer dateutil gives, and cached tzinfo
        assert type(first) is datetime.datetime
        expected = DATEUTIL_PARSERS[parser](
            text, **{k: v for k, v in kwargs.items() if k != "parserinfo"}) \
            if "parserinfo" not in kwargs else \
            dateutil.parser.parse(text, **kwargs)
        if "default" not in kwargs and expected.date() != first.date():
            # dateutil's default is today: retry once across midnight
            first = func(text, **kwargs)
        assert first == expected
        assert repr(first.tzinfo) == repr(expected.tzinfo)
        assert second.tzinfo is first.tzinfo
        raw, mem, obj = per_call_pymem(make_loop(func, text, kwargs))
    assert (raw, mem, obj) == (0, 0, 1), (
        "%s: %r %r made raw=%s mem=%s obj=%s allocations per call"
        % (name, text, kwargs, raw, mem, obj))



# --- cached tzinfo objects ----------------------------------------------------

@pytest.mark.parametrize("text, kwargs", [
    ("2003-09-25T10:49:41-0300", {}),
    ("2003-09-25T10:49:41+05:30", {}),
    ("2003-09-25 10:49:41 BRST-0300", {}),
    ("2003-09-25 10:49:41 BRST", {"tzinfos": TZINFOS_INT}),
    ("2003-09-25T10:49:41Z", {}),
    ("2003-09-25 10:49:41 UTC", {}),
], ids=["-0300", "+05:30", "BRST-0300", "tzinfos-int", "Z", "UTC"])
def test_tzinfo_is_cached(text, kwargs):
    with local_zone(DEFAULT_ZONE):
        first = fastdt.parse(text, **kwargs)
        second = fastdt.parse(text, **kwargs)
        assert first.tzinfo is not None
        assert second.tzinfo is first.tzinfo
        assert first.tzinfo == dateutil.parser.parse(text, **kwargs).tzinfo
        if first.utcoffset() == datetime.timedelta(0):
            assert first.tzinfo is tz.UTC


def test_offset_cache_past_its_size():
    """More distinct (name, offset) pairs than the offset cache holds (64),
    named and unnamed, in rounds: every answer is dateutil's, and a pair
    asked for again while still cached gives the same object."""
    texts = ["2003-09-25T10:49:41%s%02d:%02d" % (sign, h, m)
             for sign in "+-" for h in range(0, 24) for m in (0, 30) if h or m]
    texts += ["2003-09-25 10:49:41 %s%s%02d00" % (name, sign, h)
              for name in ("BRST", "CET") for sign in "+-" for h in range(1, 13)]
    for _ in range(2):
        for text in texts:
            got = fastdt.parse(text)
            expected = dateutil.parser.parse(text)
            assert got == expected and repr(got.tzinfo) == repr(expected.tzinfo), text
    for text in texts[:40]:
        assert fastdt.parse(text).tzinfo is fastdt.parse(text).tzinfo


def test_tzlocal_cache_follows_tzset():
    """After TZ changes and time.tzset(), tzlocal() is rebuilt, as dateutil's is."""
    text_ny = "Jan 25 2003 10:49 EST"
    with local_zone("America/New_York"):
        ny1 = fastdt.parse(text_ny)
        ny2 = fastdt.parse(text_ny)
        expected = dateutil.parser.parse(text_ny)
        assert isinstance(ny1.tzinfo, tz.tzlocal)
        assert ny2.tzinfo is ny1.tzinfo
        assert ny1.utcoffset() == expected.utcoffset() == datetime.timedelta(hours=-5)
        assert ny1.tzname() == expected.tzname() == "EST"
    with local_zone("Asia/Tokyo"):
        text_jp = "Jan 25 2003 10:49 JST"
        jp = fastdt.parse(text_jp)
        expected = dateutil.parser.parse(text_jp)
        assert isinstance(jp.tzinfo, tz.tzlocal)
        assert jp.tzinfo is not ny1.tzinfo
        assert jp.tzinfo == tz.tzlocal()
        assert jp.utcoffset() == expected.utcoffset() == datetime.timedelta(hours=9)
        assert jp.tzname() == expected.tzname() == "JST"
        assert fastdt.parse(text_jp).tzinfo is jp.tzinfo
        # EST is no longer a local name: unknown tz name, naive with a warning
        with pytest.warns(dateutil.parser.UnknownTimezoneWarning):
            assert fastdt.parse(text_ny).tzinfo is None
    with local_zone("UTC"):
        utc = fastdt.parse("2003-09-25 10:49 UTC")
        expected = dateutil.parser.parse("2003-09-25 10:49 UTC")
        assert repr(utc.tzinfo) == repr(expected.tzinfo) == "tzlocal()"
        assert utc.tzinfo is not jp.tzinfo
        assert utc.utcoffset() == datetime.timedelta(0)
    with local_zone("America/New_York"):
        again = fastdt.parse(text_ny)
        assert again.tzinfo is not ny1.tzinfo          # rebuilt for the new zone
        assert again.utcoffset() == datetime.timedelta(hours=-5)


# --- calls that may allocate: measured and reported, not held to 1 ------------

def _raising_loop(func, text, exc):
    def alloc_loop_err(it, _f=func, _s=text, _e=exc):
        for _ in it:
            try:
                _f(_s)
            except _e:
                pass
    return alloc_loop_err


FUZZY_TEXT = "Today is 25 of September of 2003, exactly at 10:49:41 with timezone -03:00."
ALLOWED = [
    ("fuzzy_with_tokens", make_loop(fastdt.parse, FUZZY_TEXT, {"fuzzy_with_tokens": True})),
    ("error: unknown format", _raising_loop(fastdt.parse, "not a date", ParserError)),
    ("error: day out of range", _raising_loop(fastdt.parse, "2003-02-30", ParserError)),
    ("tzinfos callable", make_loop(fastdt.parse, "2003-09-25 10:49:41 BRST",
                                   {"tzinfos": lambda name, offset: -10800})),
    ("tzinfos str value", make_loop(fastdt.parse, "2003-09-25 10:49:41 BRST",
                                    {"tzinfos": {"BRST": "BRST+3"}})),
    ("tzinfos tzinfo value", make_loop(fastdt.parse, "2003-09-25 10:49:41 BRST",
                                       {"tzinfos": {"BRST": tz.tzoffset("BRST", -10800)}})),
    ("dateutil.parser.parse ISO", make_loop(dateutil.parser.parse, "2003-09-25T10:49:41.5", {})),
    ("dateutil.parser.parse ctime", make_loop(dateutil.parser.parse,
                                              "Thu Sep 25 10:49:41 2003", {})),
    ("dateutil.parser.parse -0300", make_loop(dateutil.parser.parse,
                                              "2003-09-25T10:49:41-0300", {})),
    ("datetime.datetime(2003, 9, 25, hour=10)", make_loop(datetime.datetime, 2003,
                                                          {"month": 9, "day": 25, "hour": 10})),
]


def test_allowed_to_allocate(record_property, capsys):
    """Report allocations per call where more than one is allowed."""
    import warnings
    rows = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name, loop in ALLOWED:
            raw, mem, obj = per_call_pymem(loop, n=100)
            rows.append((name, raw + mem + obj))
            record_property(name, raw + mem + obj)
    with capsys.disabled():
        print("\nallocations per call (PyMem RAW+MEM+OBJ):")
        for name, total in rows:
            print("  %-45s %6.1f" % (name, total))
    # fastdt's allowed paths stay far below dateutil's
    fastdt_rows = [total for name, total in rows if not name.startswith(("dateutil", "datetime"))]
    dateutil_rows = [total for name, total in rows if name.startswith("dateutil")]
    assert max(fastdt_rows) < min(dateutil_rows)


# --- memray: every allocation, native ones included, and who made it --------

# memray AllocatorType names that allocate (frees and munmap do not)
_ALLOCATING = {"PYMALLOC_MALLOC", "PYMALLOC_CALLOC", "PYMALLOC_REALLOC", "MALLOC",
               "CALLOC", "REALLOC", "POSIX_MEMALIGN", "ALIGNED_ALLOC", "MEMALIGN",
               "VALLOC", "PVALLOC", "MMAP"}
# CPython's datetime constructor as the datetime C API reaches it:
# datetime_new (Cython's cpython.datetime) -> new_datetime_ex2 -> datetime_alloc
_DATETIME_FRAMES = {"new_datetime_ex2", "new_datetime_ex", "datetime_alloc"}
MEMRAY_N = 100


def memray_counts(tmp_path, tag, loops):
    """Run each ``(name, loop, n)`` under one memray Tracker.

    Returns ``{name: [native stack of each allocation made inside it]}``,
    attributing a record to the generated loop function (named ``name``)
    found in its Python stack.
    """
    memray = pytest.importorskip("memray")
    path = tmp_path / ("memray-%s.bin" % tag)
    with memray.Tracker(str(path), trace_python_allocators=True, native_traces=True):
        for _name, loop, n in loops:
            loop(itertools.repeat(None, n))
    names = {name for name, _loop, _n in loops}
    found = {name: [] for name in names}
    for record in memray.FileReader(str(path)).get_allocation_records():
        if memray.AllocatorType(record.allocator).name not in _ALLOCATING:
            continue
        owner = next((fn for fn, _file, _line in record.stack_trace() if fn in names), None)
        if owner is None:
            continue            # the Tracker's own start/stop, not a parse
        stack = [frame[0] for frame in record.hybrid_stack_trace()]
        found[owner].extend([stack] * record.n_allocations)
    return found


def _is_datetime_alloc(stack):
    return bool(_DATETIME_FRAMES.intersection(stack[:4]))


def _not_one_datetime(found, prefix):
    """None if the loops ``prefix_N`` and ``prefix_2N`` differ by exactly N
    allocations, each the datetime's own; else what was seen."""
    once = found["%s_%d" % (prefix, MEMRAY_N)]
    twice = found["%s_%d" % (prefix, 2 * MEMRAY_N)]
    per_call = (len(twice) - len(once)) / MEMRAY_N
    others = [st for st in once + twice if not _is_datetime_alloc(st)]
    if per_call != 1 or others:
        return "%s allocations per call; not the datetime's: %s" % (per_call, others[:2])
    return None


def test_memray_one_datetime_allocation_per_call(tmp_path):
    """Exact count with memray (sees direct malloc too), per corpus entry.

    2N - N calls after a warm-up must show exactly N allocations, and each
    must be the datetime's own (CPython's new_datetime_ex2/datetime_alloc on
    the native stack).
    """
    failures = []
    for zone in TZ_GROUPS:
        cases = [c for c in CORPUS if c[4] == zone]
        loops = []
        with local_zone(zone or DEFAULT_ZONE):
            for k, (name, parser, text, kwargs, _zone) in enumerate(cases):
                func = PARSERS[parser]
                for n in (MEMRAY_N, 2 * MEMRAY_N):
                    loop = make_loop(func, text, kwargs, "alloc_loop_%d_%d" % (k, n))
                    loop(itertools.repeat(None, 5))             # warm-up
                    loops.append(("alloc_loop_%d_%d" % (k, n), loop, n))
            found = memray_counts(tmp_path, (zone or "default").replace("/", "_"), loops)
        for k, (name, parser, text, kwargs, _zone) in enumerate(cases):
            wrong = _not_one_datetime(found, "alloc_loop_%d" % k)
            if wrong:
                failures.append("%s %r %r: %s" % (name, text, kwargs, wrong))
    assert not failures, "\n".join(failures)


@pytest.mark.xfail(strict=True, reason="more than INLINE_TOKENS (48) tokens: the token "
                   "array grows on the heap (fastdt/_tokenizer.pyx _push), 1 malloc per call")
def test_memray_long_input(tmp_path):
    text = "log entry: " + "x " * 30 + "at 2003-09-25 10:49:41 done"
    loops = []
    for n in (MEMRAY_N, 2 * MEMRAY_N):
        loop = make_loop(fastdt.parse, text, {"fuzzy": True}, "alloc_loop_long_%d" % n)
        loop(itertools.repeat(None, 5))
        loops.append(("alloc_loop_long_%d" % n, loop, n))
    found = memray_counts(tmp_path, "long", loops)
    once, twice = found["alloc_loop_long_%d" % MEMRAY_N], found["alloc_loop_long_%d" % (2 * MEMRAY_N)]
    assert (len(twice) - len(once)) / MEMRAY_N == 1


@pytest.mark.skipif(sys.version_info >= (3, 13),
                    reason="the known-ignore check reads dict versions (CPython < 3.13)")
def test_an_ignored_unknown_zone_name_allocates_only_the_datetime():
    """Under an "ignore" filter warn_explicit (a Warning, its registry key, the
    line number object, and other libraries' message patterns matched) is
    skipped once its answer is known: fastdt/_build.pyx _still_ignored."""
    loop = make_loop(fastdt.parse, "Sep 25 2003 10:49:41 XYZT", {})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # a library's filters before it (pandas, pendulum install such)
        warnings.filterwarnings("ignore", message="some library's message", append=True)
        assert _steady_pymem(loop) == (0, 0, 1)
        warnings.filterwarnings("default", message="unrelated .* pattern")
        warnings.simplefilter("ignore")
        assert _steady_pymem(loop) == (0, 0, 1)


def _steady_pymem(loop):
    """per_call_pymem, measured again once if the first count is off: the
    known-ignore answer is rebuilt (a few objects, once) whenever sys.modules
    changes, which an import in a thread left over from another test can do
    mid-count -- 1.005 per call was seen once in the full suite.  A real
    per-call allocation shows in both counts."""
    counts = per_call_pymem(loop)
    return counts if counts == (0, 0, 1) else per_call_pymem(loop)


# --- fastdt.strptime ----------------------------------------------------------

# The log-style formats: each runs on the compiled path (fastdt/_strp.pyx)
STRPTIME_CASES = [
    ("2003-09-25 10:49:41,502", "%Y-%m-%d %H:%M:%S,%f"),
    ("10/Oct/2000:13:55:36 -0700", "%d/%b/%Y:%H:%M:%S %z"),
    ("Jun  9 06:06:20", "%b %d %H:%M:%S"),
    ("20171223-22:15:29:606", "%Y%m%d-%H:%M:%S:%f"),
    ("2005-06-03-15.42.50.675872", "%Y-%m-%d-%H.%M.%S.%f"),
    ("2003-09-25T10:49:41+05:30", "%Y-%m-%dT%H:%M:%S%z"),
    ("2003-09-25T10:49:41.5Z", "%Y-%m-%dT%H:%M:%S.%f%z"),
    ("Thu, 25 Sep 2003 10:49:41 +0000", "%a, %d %b %Y %H:%M:%S %z"),
    ("09/25/2003 10:49:41 PM", "%m/%d/%Y %I:%M:%S %p"),
]


@pytest.mark.parametrize("text, fmt", STRPTIME_CASES)
def test_strptime_one_allocation_per_call(text, fmt):
    """One allocation, the datetime: the format from the cache, the locale
    checked in C, the %z zone made once per offset."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)   # 3.13: %d without a year
        assert fastdt.strptime(text, fmt) == datetime.datetime.strptime(text, fmt)
        assert fastdt._strp._match_status(text, fmt)[0] == "ok"
        assert per_call_pymem(make_loop(fastdt.strptime, text, {}, args=(fmt,))) == (0, 0, 1)
        # CPython's own, for scale: the counter sees its allocations
        assert sum(per_call_pymem(make_loop(datetime.datetime.strptime, text, {},
                                            args=(fmt,)))) > 5


def test_strptime_memray_one_datetime_allocation_per_call(tmp_path):
    loops = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        for k, (text, fmt) in enumerate(STRPTIME_CASES):
            for n in (MEMRAY_N, 2 * MEMRAY_N):
                name = "alloc_loop_strptime_%d_%d" % (k, n)
                loop = make_loop(fastdt.strptime, text, {}, name, args=(fmt,))
                loop(itertools.repeat(None, 5))             # warm-up
                loops.append((name, loop, n))
        found = memray_counts(tmp_path, "strptime", loops)
    failures = []
    for k, (text, fmt) in enumerate(STRPTIME_CASES):
        wrong = _not_one_datetime(found, "alloc_loop_strptime_%d" % k)
        if wrong:
            failures.append("%r %r: %s" % (text, fmt, wrong))
    assert not failures, "\n".join(failures)


# --- fastdt.search (issue 17) ---------------------------------------------------

SEARCH_CASES = [
    ("2015-10-18 18:01:47,978 INFO [main] x", {}),
    ("Jun 14 15:16:01 combo sshd[1]: x", {"default": datetime.datetime(2005, 1, 1)}),
    ("[Sun Dec 04 04:47:44 2005] [error] state 6", {}),
    ("<34>1 2003-10-11T22:14:15.003Z host su - x", {}),
    ("Date: Tue, 1 Jul 2003 10:52:37 +0200", {}),
    ("03-17 16:13:38.811  1702  2395 D x", {"default": datetime.datetime(2005, 1, 1)}),
]


@pytest.mark.parametrize("text, kwargs", SEARCH_CASES)
def test_search_one_match_and_its_datetime_per_call(text, kwargs):
    """A match is two objects: the Match and its datetime (the zone cached);
    no line, no token or substring object per call."""
    m = fastdt.search(text, **kwargs)
    assert m is not None and m.datetime == fastdt.parse(m.group(), **kwargs)
    assert per_call_pymem(make_loop(fastdt.search, text, kwargs)) == (0, 0, 2)


def test_search_without_a_match_allocates_nothing():
    assert per_call_pymem(make_loop(fastdt.search, "no timestamp, 12 of 3", {})) == (0, 0, 0)
