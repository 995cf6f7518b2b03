"""fastdt.search / fastdt.finditer: the timestamp in a line (issue 17).

The corpora's expected spans are known by construction (bench/search_corpora.py
puts the timestamp there); every value is checked against ``fastdt.parse``
of the matched text, itself differential-tested against dateutil (and the
expected text is checked against dateutil directly).
"""
import datetime as dt
import random
import warnings

import pytest
from dateutil import tz
from dateutil.parser import parse as dateutil_parse, parserinfo, UnknownTimezoneWarning

import fastdt
from bench import search_corpora

SYSTEMS = sorted(search_corpora.SYSTEMS)
DEFAULT = dt.datetime(2005, 1, 1)


def _quiet(fn, *args, **kwargs):
    """Call fn with UnknownTimezoneWarning silenced, and say whether it warned."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        value = fn(*args, **kwargs)
    return value, [w.category for w in caught]


def _check_match(m, text, **options):
    """The invariants of every match: it is text[start:end], and its value
    (and warnings) are parse()'s of that text."""
    assert m.string is text
    assert m.group() == text[m.start():m.end()]
    assert m.span() == (m.start(), m.end())
    assert m.group() == m.group().strip()
    found, found_warned = _quiet(lambda: m.datetime)
    want, want_warned = _quiet(fastdt.parse, m.group(), **options)
    assert found == want and type(found.tzinfo) is type(want.tzinfo), (text, m)
    oracle, _ = _quiet(dateutil_parse, m.group(), **options)
    assert found == oracle and found.utcoffset() == oracle.utcoffset(), (text, m)


@pytest.mark.parametrize("held_back", [False, True], ids=["tuning", "held_back"])
@pytest.mark.parametrize("system", SYSTEMS)
def test_corpus_spans(system, held_back):
    """At least 99% of each system's lines: exactly the expected span, and
    its value; every match obeys the invariants."""
    rows = search_corpora.load(system, held_back=held_back)
    assert len(rows) >= 100
    exact = 0
    for start, end, line in rows:
        m, _ = _quiet(fastdt.search, line, default=DEFAULT)
        if m is None:
            continue
        _check_match(m, line, default=DEFAULT)
        want, _ = _quiet(dateutil_parse, line[start:end], default=DEFAULT)
        exact += m.span() == (start, end) and m.datetime == want
    assert exact >= 0.99 * len(rows), (system, exact, len(rows))


@pytest.mark.parametrize("system", SYSTEMS)
def test_finditer_in_order_without_overlaps(system):
    """finditer's first match is search's; matches are in order, disjoint,
    and each one is parse()'s of its text."""
    for _, _, line in search_corpora.load(system)[:150]:
        matches, _ = _quiet(lambda: list(fastdt.finditer(line, default=DEFAULT)))
        first, _ = _quiet(fastdt.search, line, default=DEFAULT)
        assert (first is None) == (not matches)
        if first is not None:
            assert first.span() == matches[0].span()
        for a, b in zip(matches, matches[1:]):
            assert a.end() <= b.start()
        for m in matches:
            _check_match(m, line, default=DEFAULT)


ISSUE_EXAMPLES = [
    ("2015-10-18 18:01:47,978 INFO [main] org.apache.hadoop.mapreduce", "2015-10-18 18:01:47,978"),
    ("Jun 14 15:16:01 combo sshd(pam_unix)[19939]: check pass; user unknown", "Jun 14 15:16:01"),
    ("[Sun Dec 04 04:47:44 2005] [notice] workerEnv.init() ok", "Sun Dec 04 04:47:44 2005"),
    ("[Sun Dec 04 04:47:44 2005] [error] mod_jk child workerEnv in error state 6",
     "Sun Dec 04 04:47:44 2005"),
    ("081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1", "081109 203615"),
    ("2016-09-28 04:30:30, Info  CBS    Loaded Servicing Stack", "2016-09-28 04:30:30"),
    ("17/06/09 20:10:40 INFO executor.CoarseGrainedExecutorBackend: Registered",
     "17/06/09 20:10:40"),
    ("03-17 16:13:38.811  1702  2395 D WindowManager: printFreezingDisplayLogs",
     "03-17 16:13:38.811"),
    ("<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - BOM'su root'",
     "2003-10-11T22:14:15.003Z"),
    ("<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick", "Oct 11 22:14:15"),
    ("I1025 00:15:15.525108       1 controller.go:123] Starting", "00:15:15.525108"),
    ("Information\t9/28/2016 4:30:30 AM\tService Control Manager\t7036", "9/28/2016 4:30:30 AM"),
    ("Date: Tue, 1 Jul 2003 10:52:37 +0200", "Tue, 1 Jul 2003 10:52:37 +0200"),
    ("127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /a.gif HTTP/1.0\" 200 2326",
     "10/Oct/2000"),
    ("2015-07-29 17:41:44,747 - INFO  [QuorumPeer[myid=1]/0:0:0:0:0:0:0:0:2181:Fast",
     "2015-07-29 17:41:44,747"),
    ("2009/11/10 23:00:00 hello world", "2009/11/10 23:00:00"),
    ("2009/11/10 23:00:00.123456 hello world", "2009/11/10 23:00:00.123456"),
    ("Sun Dec 04 04:47:44 UTC 2005 something", "Sun Dec 04 04:47:44 UTC 2005"),
    ("at 2003-08-24T05:14:15.000003-07:00 it", "2003-08-24T05:14:15.000003-07:00"),
    ("login at 10:49:41 GMT+3 ok", "10:49:41 GMT+3"),
    ("ts=2015-10-18 18:01:47 level=info", "2015-10-18 18:01:47"),
    ("time:2015-10-18T18:01:47Z msg", "2015-10-18T18:01:47Z"),
    ("Dec  4 22:19:36 host systemd[1]: Started", "Dec  4 22:19:36"),
    ("meeting Jul 1, 2003 in Paris", "Jul 1, 2003"),
    ("backup done 10:00 PM yesterday", "10:00 PM"),
]


@pytest.mark.parametrize("line, stamp", ISSUE_EXAMPLES)
def test_examples(line, stamp):
    m = fastdt.search(line, default=DEFAULT)
    assert m is not None and m.group() == stamp, (line, m)
    _check_match(m, line, default=DEFAULT)
    assert repr(m) == "<fastdt.Match object; span=%r, match=%r>" % (m.span(), stamp)


NO_TIMESTAMP = [
    "", " ", "12", "INFO", "Sun", "May", "this may 5 times", "version 1.2.3 and 10.0.0.1",
    "listening on 10.0.1.2:33317", "fe80:0:0:0:0:0:0:2181 up", "score 12:30 final",
    "retries 12 of 3", "pid 1702 2395", "2015-02-30 10:00:00 bad day",
    "a sun 14 day", "[error] mod_jk child workerEnv in error state 6",
]


@pytest.mark.parametrize("line", NO_TIMESTAMP)
def test_no_timestamp(line):
    assert fastdt.search(line) is None
    assert list(fastdt.finditer(line)) == []


@pytest.mark.parametrize("line, stamp", [
    # log levels never extend a match (dateutil would read them as zones)
    ("2015-10-18 18:01:47,978 INFO x", "2015-10-18 18:01:47,978"),
    ("17/06/09 20:10:40 INFO x", "17/06/09 20:10:40"),
    ("2015-10-18 18:01:47 WARN x", "2015-10-18 18:01:47"),
    ("2015-10-18 18:01:47 NOTICE x", "2015-10-18 18:01:47"),
    ("2015-10-18 18:01:47 E x", "2015-10-18 18:01:47"),
    # a number after a numeric date's time is not a year
    ("03-17 16:13:38.811  1702  2395 D x", "03-17 16:13:38.811"),
    ("03-17 16:13:38.811 1702 x", "03-17 16:13:38.811"),
    ("2015-10-18 18:01:47 2005 x", "2015-10-18 18:01:47"),
    # nor after a named date that has its year
    ("Dec 04 2005 04:47:44 2006 x", "Dec 04 2005 04:47:44"),
    # a lowercase "a" after a time is prose
    ("at 10:00:00 a user logged in", "10:00:00"),
    # a trailing comma or bracket stays out
    ("(2016-09-28 04:30:30), x", "2016-09-28 04:30:30"),
    ("\"2016-09-28 04:30:30\"", "2016-09-28 04:30:30"),
    # a wide gap ends it
    ("2016-09-28 04:30:30   +0200", "2016-09-28 04:30:30"),
])
def test_over_reach(line, stamp):
    m = fastdt.search(line)
    assert m is not None and m.group() == stamp, (line, m)
    _check_match(m, line)


def test_unknown_zone_warns_as_parse_does():
    line = "Tue, 1 Jul 2003 10:52:37 PDT (x)"
    with pytest.warns(UnknownTimezoneWarning):
        m = fastdt.search(line)
    assert m.group() == "Tue, 1 Jul 2003 10:52:37 PDT"
    with pytest.warns(UnknownTimezoneWarning):
        assert m.datetime == fastdt.parse(m.group())


@pytest.mark.parametrize("options", [
    {"dayfirst": True}, {"yearfirst": True}, {"dayfirst": True, "yearfirst": True},
    {"default": dt.datetime(1999, 12, 31, 5, tzinfo=tz.tzutc())},
    {"ignoretz": True}, {"tzinfos": {"PDT": -25200, "XYZ": tz.gettz("UTC")}},
    {"tzinfos": lambda name, offset: tz.tzoffset(name, 3600)},
    {"parserinfo": parserinfo(dayfirst=True)},
])
def test_options_are_parse_options(options):
    lines = ["04/05/06 10:11:12 x", "Tue, 1 Jul 2003 10:52:37 PDT (x)",
             "mail at 10:52:37 XYZ ok", "2003-10-11T22:14:15.003Z INFO",
             "Jun 14 15:16:01 combo sshd[1]: x"]
    for line in lines:
        for m in _quiet(lambda: list(fastdt.finditer(line, **options)))[0]:
            _check_match(m, line, **options)


def test_tzinfos_keys_extend_a_match():
    m = fastdt.search("at 10:52:37 XYZ ok", tzinfos={"XYZ": 3600})
    assert m.group() == "10:52:37 XYZ" and m.datetime.utcoffset() == dt.timedelta(hours=1)
    assert fastdt.search("at 10:52:37 XYZ ok").group() == "10:52:37"


def test_fields():
    m = fastdt.search("x 2015-10-18 18:01:47,978 INFO", dayfirst=True)
    assert m.fields == fastdt.parse_fields(m.group(), dayfirst=True)


@pytest.mark.parametrize("bad", [b"2015-10-18 18:01:47", 12, None, ["x"]])
def test_text_must_be_str(bad):
    with pytest.raises(TypeError):
        fastdt.search(bad)
    with pytest.raises(TypeError):
        fastdt.finditer(bad)


def test_parserinfo_must_be_a_parserinfo():
    with pytest.raises(TypeError):
        fastdt.search("2015-10-18 18:01:47", parserinfo=object())


PIECES = ["2015", "-", "10", "/", "18", " ", "  ", "T", "18", ":", "01", ":", "47", ",978",
          ".811", "Z", "+", "0200", "-07:00", "Jun", "Sun", "May", "INFO", "AM", "pm", "UTC",
          "GMT", "PDT", "[", "]", "(", ")", ",", "1702", "081109", "203615", "\t", ".",
          "\x00", "é", "Σ", "日", "٣", "\u2028", "12", "3", "99", "0", "of", "a", "\n"]


def _random_lines(seed, count):
    """Corpus lines of every system, mutated near their timestamp: pieces
    inserted, characters deleted or replaced; and lines of pieces alone."""
    rng = random.Random(seed)
    rows = [row for system in SYSTEMS for row in search_corpora.load(system)[:40]]
    for _ in range(count):
        if rng.random() < 0.2:
            yield "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 30)))
            continue
        start, end, line = rng.choice(rows)
        chars = list(line[:end + 12])
        for _ in range(rng.randint(1, 4)):
            at = rng.randint(max(0, start - 3), min(len(chars), end + 8))
            pick = rng.random()
            if pick < 0.4:
                chars[at:at] = list(rng.choice(PIECES))
            elif pick < 0.7:
                del chars[at:at + rng.randint(1, 3)]
            else:
                chars[at:at + 1] = [rng.choice(PIECES)[:1]]
        yield "".join(chars)


@pytest.mark.parametrize("seed", range(4))
def test_generated_lines_differential(seed):
    """Lines built from date-like pieces, NULs, non-ASCII digits and
    letters: every match is parse()'s (and dateutil's) of its text."""
    for line in _random_lines(seed, 1500):
        matches, _ = _quiet(lambda: list(fastdt.finditer(line)))
        for a, b in zip(matches, matches[1:]):
            assert a.end() <= b.start()
        for m in matches:
            _check_match(m, line)


@pytest.mark.parametrize("seed", range(3))
def test_random_unicode_never_crashes(seed):
    rng = random.Random(seed)
    for _ in range(2000):
        line = "".join(chr(rng.choice([rng.randint(0, 0x7f), rng.randint(0, 0x10ffff)]))
                       for _ in range(rng.randint(0, 60)))
        for m in _quiet(lambda: list(fastdt.finditer(line)))[0]:
            _check_match(m, line)


def test_long_line():
    """A line of many tokens (past the lexer's inline buffer)."""
    line = "x " * 500 + "2015-10-18 18:01:47 " + "y " * 500 + "Jun 14 15:16:01"
    assert [m.group() for m in fastdt.finditer(line)] == ["2015-10-18 18:01:47",
                                                          "Jun 14 15:16:01"]
