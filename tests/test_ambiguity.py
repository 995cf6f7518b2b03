"""Strings whose reading depends on ``dayfirst``/``yearfirst`` (issue 21,
item 10): ``fastdt.readings`` lists each reading, ``ambiguous="raise"`` on
``guess_format``/``parse_fields``/``Parser.parse_fields`` refuses to pick one.

The readings are judged against dateutil itself: for every string, the
distinct answers of ``dateutil.parser.parse`` under the settings left None
must be exactly the readings, in the documented order.
"""
import datetime as dt
import io
import itertools
import pickle
import random

import pytest
import dateutil.parser

import fastdt

SETTINGS = [(False, False), (True, False), (False, True), (True, True)]


def _dateutil_readings(s, dayfirst=None, yearfirst=None, info=None):
    """[(dayfirst, yearfirst, year, month, day)] from dateutil: one per
    distinct answer, in the order readings() documents."""
    info = info or dateutil.parser.parserinfo()
    given = (info.dayfirst if dayfirst is None else dayfirst,
             info.yearfirst if yearfirst is None else yearfirst)
    out, seen = [], set()
    for flip_day, flip_year in SETTINGS:
        if (flip_day and dayfirst is not None) or (flip_year and yearfirst is not None):
            continue
        d, y = given[0] ^ flip_day, given[1] ^ flip_year
        res, _ = dateutil.parser.parser(info)._parse(s, dayfirst=d, yearfirst=y)
        if res is None:              # "Unknown string format"
            if not out:
                raise ValueError(s)
            continue
        ymd = (res.year, res.month, res.day)
        if out:
            try:
                # today's date fills what the string lacks, as in readings()
                dateutil.parser.parse(s, parserinfo=info, dayfirst=d, yearfirst=y)
            except (ValueError, OverflowError):
                continue
        if ymd not in seen:
            seen.add(ymd)
            out.append((d, y) + ymd)
    return out


def _ours(readings):
    return [(r.dayfirst, r.yearfirst, r.fields.year, r.fields.month, r.fields.day)
            for r in readings]


def test_three_ways_and_a_fourth():
    got = fastdt.readings("01/05/09")
    assert [(r.dayfirst, r.yearfirst, r.format) for r in got] == [
        (False, False, "%m/%d/%y"), (True, False, "%d/%m/%y"),
        (False, True, "%y/%m/%d"), (True, True, "%y/%d/%m")]
    assert _ours(got) == _dateutil_readings("01/05/09")
    for r in got:
        # each one is what the other functions answer with its settings
        assert r.fields == fastdt.parse_fields("01/05/09", dayfirst=r.dayfirst,
                                               yearfirst=r.yearfirst)
        assert r.format == fastdt.guess_format("01/05/09", dayfirst=r.dayfirst,
                                               yearfirst=r.yearfirst)
        assert dt.datetime.strptime("01/05/09", r.format).date() == dt.date(
            r.fields.year, r.fields.month, r.fields.day)


@pytest.mark.parametrize("s", ["2003-09-25", "Sep 25 2003 10:49", "25/09/2003",
                               "Thu, 25 Sep 2003 10:49:41 -0300", "10:49", "2003",
                               "September 2003", "20030925T104941"])
def test_one_reading_when_the_settings_change_nothing(s):
    got = fastdt.readings(s)
    assert len(got) == 1 and (got[0].dayfirst, got[0].yearfirst) == (False, False)
    assert _ours(got) == _dateutil_readings(s)
    # so ambiguous="raise" answers as "ignore" does
    assert fastdt.guess_format(s, ambiguous="raise") == fastdt.guess_format(s)
    assert fastdt.parse_fields(s, ambiguous="raise") == fastdt.parse_fields(s)


def _numeric_dates(n, seed=21):
    rng = random.Random(seed)
    for _ in range(n):
        parts = [str(rng.choice([rng.randrange(1, 13), rng.randrange(1, 32),
                                 rng.randrange(0, 100), rng.randrange(1900, 2100)]))
                 for _ in range(rng.choice([2, 3, 3, 3]))]
        if rng.random() < 0.5:
            parts = [p.zfill(2) for p in parts]
        yield rng.choice("/-. ").join(parts) + rng.choice(["", " 10:49", " 10:49:41 +0200"])


@pytest.mark.parametrize("dayfirst, yearfirst", [(None, None), (True, None), (None, False),
                                                 (True, True)])
def test_readings_are_dateutils_answers(dayfirst, yearfirst):
    checked = ambiguous = 0
    for s in itertools.chain(_numeric_dates(600), ["2003-05-01", "01/05", "13/05/09"]):
        try:
            want = _dateutil_readings(s, dayfirst, yearfirst)
        except (ValueError, OverflowError, TypeError):
            with pytest.raises((ValueError, OverflowError, TypeError)):
                fastdt.readings(s, dayfirst=dayfirst, yearfirst=yearfirst)
            continue
        got = fastdt.readings(s, dayfirst=dayfirst, yearfirst=yearfirst)
        assert _ours(got) == want, s
        checked += 1
        ambiguous += len(got) > 1
    assert checked > 300
    if dayfirst is not None and yearfirst is not None:
        assert ambiguous == 0                   # nothing left to vary
    else:
        assert ambiguous > 40                   # the test exercised both kinds


def test_a_parserinfo_gives_the_first_setting():
    info = fastdt.parserinfo(dayfirst=True)
    got = fastdt.readings("01/05/09", info)
    assert (got[0].dayfirst, got[0].format) == (True, "%d/%m/%y")
    assert _ours(got) == _dateutil_readings("01/05/09", info=info)


def test_a_stream_is_read_once():
    assert fastdt.readings(io.StringIO("01/05/09")) == fastdt.readings("01/05/09")
    assert len(fastdt.readings(io.StringIO("2003-09-25"))) == 1


def test_fixed_settings_do_not_vary():
    got = fastdt.readings("01/05/09", dayfirst=True)
    assert [(r.dayfirst, r.yearfirst) for r in got] == [(True, False), (True, True)]
    assert len(fastdt.readings("01/05/09", dayfirst=False, yearfirst=False)) == 1


def test_an_alternative_that_is_no_date_is_left_out():
    # "31/04/09": yearfirst gives 2031-04-09; day first gives April 31, no date
    got = fastdt.readings("31/04/09")
    assert _ours(got) == _dateutil_readings("31/04/09")
    assert all(r.fields.day != 31 or r.fields.month != 4 for r in got[1:])


def test_guess_format_ambiguous_raise():
    with pytest.raises(fastdt.AmbiguousDateError) as info:
        fastdt.guess_format("01/05/09", ambiguous="raise")
    e = info.value
    assert e.readings == fastdt.readings("01/05/09")
    message = str(e)
    assert message.startswith("'01/05/09' reads 4 ways, depending on dayfirst and yearfirst: ")
    for fmt in ("%m/%d/%y", "%d/%m/%y", "%y/%m/%d", "%y/%d/%m"):
        assert fmt in message
    assert "dayfirst=True, yearfirst=False" in message
    assert "Pass dayfirst= and yearfirst= to choose one" in message
    # one setting left free: only it is named
    with pytest.raises(fastdt.AmbiguousDateError, match="depending on yearfirst: .*"
                       "Pass yearfirst= to choose"):
        fastdt.guess_format("01/05/09", dayfirst=True, ambiguous="raise")
    # both chosen: the answer
    assert fastdt.guess_format("01/05/09", dayfirst=True, yearfirst=False,
                               ambiguous="raise") == "%d/%m/%y"
    # the default is unchanged: a str, no hint
    out = fastdt.guess_format("01/05/09")
    assert out == "%m/%d/%y" and type(out) is str
    # a string that does not parse still answers None; one that parses with
    # no format (a zone name) still reads four ways
    assert fastdt.guess_format("not a date", ambiguous="raise") is None
    assert fastdt.guess_format("01/05/09 10:49 GMT") is None
    with pytest.raises(fastdt.AmbiguousDateError, match="reads 4 ways.*no strptime format"):
        fastdt.guess_format("01/05/09 10:49 GMT", ambiguous="raise")


@pytest.mark.parametrize("entry", ["parse_fields", "Parser.parse_fields"])
def test_parse_fields_ambiguous_raise(entry):
    call = fastdt.parse_fields if entry == "parse_fields" else fastdt.Parser().parse_fields
    for value in ("01/05/09", b"01/05/09", bytearray(b"01/05/09"), io.StringIO("01/05/09")):
        with pytest.raises(fastdt.AmbiguousDateError) as info:
            call(value, ambiguous="raise")
        assert _ours(info.value.readings) == _dateutil_readings("01/05/09")
        assert "year 2009, month 1, day 5 (dayfirst=False, yearfirst=False)" in str(info.value)
        assert all(r.format is None for r in info.value.readings)  # fields, not formats
    assert call("01/05/09", dayfirst=False, yearfirst=True, ambiguous="raise") == \
        fastdt.parse_fields("01/05/09", yearfirst=True)
    assert call("01/05/09", fuzzy=True, dayfirst=True, yearfirst=True,
                ambiguous="raise").month == 9
    # the errors that come first stay first
    with pytest.raises(fastdt.MissingFieldsError):
        call("01/05", required="year", ambiguous="raise")
    with pytest.raises(fastdt.ParserError, match="Unknown string format"):
        call("not a date", ambiguous="raise")
    # default unchanged
    assert call("01/05/09") == fastdt.ParsedFields(year=2009, month=1, day=5)


def test_bad_ambiguous_values():
    for bad in ("warn", "RAISE", True, None):
        for f in (fastdt.guess_format, fastdt.parse_fields, fastdt.Parser().parse_fields):
            with pytest.raises(ValueError, match="ambiguous must be 'ignore' or 'raise'"):
                f("not a date", ambiguous=bad)


def test_the_error_and_the_record():
    assert issubclass(fastdt.AmbiguousDateError, fastdt.ParserError)
    assert issubclass(fastdt.AmbiguousDateError, dateutil.parser.ParserError)
    try:
        fastdt.parse_fields("01/05/09", ambiguous="raise")
    except ValueError as e:        # what `except ValueError` code catches
        err = e
    assert type(err).__module__ == "fastdt" and str(err).count("%") == 0
    r = fastdt.readings("01/05/09")[1]
    assert r == (True, False, r.fields, "%d/%m/%y") and r._fields == (
        "dayfirst", "yearfirst", "fields", "format")
    assert pickle.loads(pickle.dumps(r)) == r
    assert repr(r).startswith("Reading(dayfirst=True, yearfirst=False, fields=ParsedFields(")
