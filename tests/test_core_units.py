"""The core's stages on their own: lexer, tables, grammar, resolution.

Everything else in tests/ checks fastdt end to end.  Here each C stage is
called alone through the test-only probe (tests/_core_probe.pyx) and
compared with the piece of dateutil it ports, live:

* the lexer with ``dateutil.parser._parser._timelex.split``;
* the compiled tables with the parserinfo's own lookup methods;
* the grammar (``_core.parse_source``, as a GIL-free caller runs it) with
  ``parser._parse``, field by field, and each status with what dateutil
  does there;
* ``resolve_fields``/``resolve_tz`` with ``default.replace`` and dateutil's
  time-zone rules, status by status.
"""
import datetime
import decimal
import pathlib

import pytest
from dateutil.parser import parserinfo
from dateutil.parser._parser import _timelex, parser as du_parser

import alloc_counter_build
from oracle import PivotInfo
from fastdt._tables import CompiledTables

probe = alloc_counter_build.load("_core_probe")

ROOT = pathlib.Path(__file__).resolve().parents[1]


def _corpus(name, limit=400):
    lines = (ROOT / "bench" / "corpora" / (name + ".txt")).read_text("utf-8").splitlines()
    return [s for s in lines if s.strip() and not s.startswith("#")][:limit]


class GermanInfo(parserinfo):
    JUMP = parserinfo.JUMP + ["um", "uhr", "den", "der"]
    WEEKDAYS = [("Mo", "Montag"), ("Di", "Dienstag"), ("Mi", "Mittwoch"),
                ("Do", "Donnerstag"), ("Fr", "Freitag"), ("Sa", "Samstag"),
                ("So", "Sonntag")]
    MONTHS = [("Jan", "Januar"), ("Feb", "Februar"), ("Mär", "März"),
              ("Apr", "April"), ("Mai",), ("Jun", "Juni"), ("Jul", "Juli"),
              ("Aug", "August"), ("Sep", "Sept", "September"), ("Okt", "Oktober"),
              ("Nov", "November"), ("Dez", "Dezember")]
    HMS = [("h", "std", "stunde"), ("m", "min", "minute"), ("s", "sek", "sekunde")]
    AMPM = [("vm", "am"), ("nm", "pm")]
    UTCZONE = ["UTC", "GMT", "Z", "WEZ"]
    PERTAIN = ["of", "des"]
    TZOFFSET = {"BRST": -10800, "MEZ": 3600, "MESZ": 7200}




INFOS = {"default": parserinfo(), "german": GermanInfo(), "pivot": PivotInfo()}
TABLES = {name: CompiledTables(info) for name, info in INFOS.items()}

LEXER_STRINGS = [
    "", " ", "2003-09-25T10:49:41.5-03:00", "Thu Sep 25 10:36:28 BRST 2003",
    "4:30:21.447", "Sep.20.2009", "10,5", "12,5.3", "1.a", "a.1", "a.b.c", "1.2.3",
    "10.5h", "1\x002", "\x00\x00", "ab\x00cd", "3rd of May", "  \t\n ", "10:00 +03",
    "Σεπτέμβριος", "١٢:٣٠", "１２：３０", "x" * 70, "9" * 30, "2003.09.25 10.49.41",
    "Sat, 15 Feb 2003 10:11:12 GMT", "0.5.", "5,", ",5", "12,", "1,2,3", "ab.", "ab..",
    "10 a.m.", "Jan-01-99", "(BRST)", "İstanbul", "ΣΑΣ",
]


# --- the lexer ------------------------------------------------------------------


@pytest.mark.parametrize("text", LEXER_STRINGS + _corpus("mixed", 200) + _corpus("fuzzy", 100))
def test_tokens_are_timelex_split(text):
    assert [t for _, t in probe.tokens(text)] == _timelex.split(text)


def test_token_kinds():
    assert probe.tokens("Sep 25 10:36:28.5 -") == [
        ("word", "Sep"), ("space", " "), ("number", "25"), ("space", " "),
        ("number", "10"), ("other", ":"), ("number", "36"), ("other", ":"),
        ("number", "28.5"), ("space", " "), ("other", "-")]
    # a comma after two digits reads as a dot, as dateutil rewrites it
    assert probe.tokens("10,5") == [("number", "10.5")]


# --- the tables -------------------------------------------------------------------


def _expected_roles(info, word):
    roles = {"jump": info.jump(word), "pertain": info.pertain(word),
             "utczone": info.utczone(word), "weekday": info.weekday(word),
             "month": info.month(word), "hms": info.hms(word), "ampm": info.ampm(word)}
    has_role = any(v is not None and v is not False for v in roles.values())
    return roles if has_role else None


@pytest.mark.parametrize("name", INFOS)
def test_every_table_word_has_its_roles(name):
    info, tables = INFOS[name], TABLES[name]
    words = set(info._jump) | set(info._pertain) | set(info._utczone) | set(info._weekdays)
    words |= set(info._months) | set(info._hms) | set(info._ampm)
    for word in sorted(words):
        for form in {word, word.upper(), word.title()}:
            found, status = probe.lookup(tables, form)
            if len(found) != 1:      # a word the lexer splits ("a.m."): lexer's business
                continue
            assert status == "OK"
            assert found[0][1] == _expected_roles(info, form), form


@pytest.mark.parametrize("name", INFOS)
def test_non_words_have_no_roles(name):
    found, status = probe.lookup(TABLES[name], "Septembre xyz 10 Mondays janu")
    assert status == "OK"
    assert [(t, r) for t, r in found if r is not None] == [(" ", _expected_roles(INFOS[name], " "))] * 4


def test_a_sigma_outside_greek_needs_pythons_lower():
    found, status = probe.lookup(TABLES["default"], "aΣ")
    assert status == "NEEDS_LOWER" and found[0][1] is None
    # all-Greek words are lowercased in C (final sigma decided there)
    assert probe.lookup(TABLES["default"], "ΣΑΣ")[1] == "OK"


@pytest.mark.parametrize("name", INFOS)
def test_the_parse_lexer_looks_words_up_as_classify_does(name):
    # parse_source's lexer looks the plain ASCII tokens up as it reads them
    # and leaves the rest to classify_pending: word for word what lexing and
    # then classify give, with tabs, NULs, dotted runs and non-ASCII words
    info, tables = INFOS[name], TABLES[name]
    words = set(info._jump) | set(info._pertain) | set(info._utczone) | set(info._weekdays)
    words |= set(info._months) | set(info._hms) | set(info._ampm)
    texts = LEXER_STRINGS + _corpus("mixed", 200) + _corpus("fuzzy", 100) + [
        " ".join(sorted(words)), " ".join(sorted(words)).upper(), "\tJAN\u00a0feb\u2003Mär",
        "a.m. p.m. A.M.", "aΣ 10", "Jan 1 10:00 UTC\tgmt Z z"]
    for text in texts:
        assert probe.lookup_fused(tables, text) == probe.lookup(tables, text), text


@pytest.mark.parametrize("name", INFOS)
def test_tzoffset_and_utc_names(name):
    info, tables = INFOS[name], TABLES[name]
    for zone in ["UTC", "GMT", "Z", "z", "utc", "BRST", "MEZ", "MESZ", "EST", "WEZ", ""]:
        assert probe.tzoffset(tables, zone) == info.tzoffset(zone), zone
        assert probe.in_utc_raw(tables, zone) == (zone in info.UTCZONE), zone


def test_convertyear_window():
    info = INFOS["default"]
    for year in [0, 1, 49, 50, 68, 69, 70, 75, 76, 77, 99, 100, 1999, 2003]:
        for century in (False, True):
            assert probe.c_convertyear(TABLES["default"], year, century) == \
                info.convertyear(year, century)


# --- the grammar -------------------------------------------------------------------

RESULT_FIELDS = ["year", "month", "day", "weekday", "hour", "minute", "second",
                 "microsecond", "tzname", "tzoffset", "ampm", "century_specified"]

GRAMMAR_STRINGS = (
    _corpus("mixed", 300) + _corpus("spelled", 100) + _corpus("csv_eu", 50)
    + _corpus("syslog", 50) + [
        "", "garbage", "10h", "10h30", "10 h 30 m", "10.5h", "12 am", "12am", "1999",
        "19990101T2359", "990101", "101112.5", "Jan of 01", "3rd of May 2001",
        "Thu Sep 25 10:36:28 BRST 2003", "10:00 GMT+3", "10:00 UTC-3", "10:00 -0300 (BRST)",
        "Sep-25-2003", "25-Sep-2003", "2003/09/25", "09/25/03", "25.09.2003",
        "10:00 Z", "10:00 z", "Monday", "10 pm pm", "24:00", "99999999999999999999 1 1",
    ])


def _dateutil_fields(text, **kw):
    res, _ = du_parser(INFOS["default"])._parse(text, **kw)
    if res is None:
        return None
    return {name: getattr(res, name) for name in RESULT_FIELDS}


@pytest.mark.parametrize("dayfirst,yearfirst", [(False, False), (True, False), (False, True)])
@pytest.mark.parametrize("fuzzy", [False, True])
def test_grammar_fields_are_dateutils_parse(dayfirst, yearfirst, fuzzy):
    checked = 0
    for text in GRAMMAR_STRINGS:
        status, fields, _ = probe.grammar(TABLES["default"], text, dayfirst, yearfirst, fuzzy)
        try:
            expected = _dateutil_fields(text, dayfirst=dayfirst, yearfirst=yearfirst, fuzzy=fuzzy)
        except decimal.InvalidOperation:
            assert status == "DECIMAL_INVALID", text
            continue
        if expected is None:
            assert status == "UNKNOWN_FORMAT", text
            continue
        if any(isinstance(v, int) and v >= 2 ** 62 for v in expected.values()):
            continue          # saturated in C; the builder reports the overflow
        assert status in ("OK", "NO_DATE"), (text, status)
        assert (status == "NO_DATE") == all(
            expected[k] is None for k in RESULT_FIELDS if k != "century_specified"), text
        assert fields == expected, text
        checked += 1
    assert checked > len(GRAMMAR_STRINGS) // 2


def test_grammar_asks_for_the_parserinfo_flags_only_when_needed():
    tables = TABLES["default"]
    assert probe.grammar(tables, "2003-09-25")[0] == "OK"
    status, _, asked = probe.grammar(tables, "01/02/2003")
    assert status == "NEEDS_FLAGS" and asked == {"dayfirst"}
    status, _, asked = probe.grammar(tables, "01/02/03")
    assert status == "NEEDS_FLAGS" and "yearfirst" in asked
    assert probe.grammar(tables, "01/02/03", dayfirst=False, yearfirst=False)[0] == "OK"


def test_grammar_defers_decimal_rounding_past_28_digits():
    text = "10.1234567890123456789012345678h"
    status, fields, _ = probe.grammar(TABLES["default"], text)
    assert status == "NEEDS_DECIMAL" and fields["minute"] == "DEFERRED"
    assert fields["hour"] == 10
    # short fractions are exact in C
    assert probe.grammar(TABLES["default"], "10.25h")[1]["minute"] == 15


def test_grammar_decimal_invalid_where_dateutil_raises():
    text = "1" * 30 + ".5h"
    assert probe.grammar(TABLES["default"], text)[0] == "DECIMAL_INVALID"
    with pytest.raises(decimal.InvalidOperation):
        du_parser()._parse(text)


def test_grammar_leaves_a_python_convertyear_to_python():
    tables = TABLES["pivot"]
    status, fields, _ = probe.grammar(tables, "Sep 25 03", False, False)
    assert status == "NEEDS_CONVERTYEAR" and fields["year"] == 3
    status, fields, _ = probe.grammar(tables, "Jan of 01")
    assert status == "NEEDS_OF_YEAR" and fields["year"] == 1


def test_grammar_int_digit_limit():
    # int("000...01") of 701 digits: ValueError past sys.get_int_max_str_digits()
    text = "Jan-" + "0" * 700 + "1"
    assert probe.grammar(TABLES["default"], text, int_max_str_digits=640)[0] == "UNKNOWN_FORMAT"
    status, fields, _ = probe.grammar(TABLES["default"], text, int_max_str_digits=0)
    assert status == "OK" and (fields["month"], fields["year"]) == (1, 1)   # 3+ digits: a year


def test_every_status_has_a_name():
    assert len(set(probe.STATUS_NAMES.values())) == len(probe.STATUS_NAMES)
    needs = [n for s, n in probe.STATUS_NAMES.items() if s >= probe.NEEDS_PYTHON]
    assert all(n.startswith(("NEEDS_", "TZ_", "UNKNOWN_TZ", "LOCAL_")) for n in needs)


# --- resolution against the default -------------------------------------------------

DEFAULT = (2003, 9, 25, 0, 0, 0, 0, 0)


def _resolved(text, default=DEFAULT, **kw):
    status, fields, _ = probe.grammar(TABLES["default"], text, False, False)
    assert status in ("OK", "NO_DATE"), (text, status)
    return probe.resolve(fields, default, **kw)


@pytest.mark.parametrize("text", _corpus("mixed", 150) + ["Feb", "Feb 2004", "Monday",
                                                          "Sep 30", "10:00", "31"])
def test_resolved_fields_are_default_replace(text):
    dt_default = datetime.datetime(2003, 1, 31)
    default = (2003, 1, 31, 0, 0, 0, 0, 0)
    status, fields, _ = probe.grammar(TABLES["default"], text, False, False)
    if status not in ("OK",):
        return
    try:
        expected = du_parser().parse(text, default=dt_default, ignoretz=True)
    except Exception:
        assert probe.resolve(fields, default, ignoretz=True)[0] != "OK", text
        return
    status, out = probe.resolve(fields, default, ignoretz=True)
    assert status == "OK", text
    assert out["fields"] == (expected.year, expected.month, expected.day, expected.hour,
                             expected.minute, expected.second, expected.microsecond), text


def test_resolution_statuses():
    assert _resolved("Feb 30")[0] == "DAY_RANGE"
    assert _resolved("2003-13-01")[0] == "MONTH_RANGE"
    assert _resolved("25:00")[0] == "HOUR_RANGE"
    assert _resolved("10:61")[0] == "MINUTE_RANGE"
    assert _resolved("99999999999 1 1")[0] == "C_INT_OVERFLOW"
    assert _resolved("99999999999999999999 1 1")[0] == "C_LONG_OVERFLOW"
    assert _resolved("Saturday", default=(9999, 12, 31, 0, 0, 0, 0, 0))[0] == "DATE_OVERFLOW"
    assert _resolved("Feb", default=(2003, 1, 31, 0, 0, 0, 0, 1))[1]["fields"][:3] == (2003, 2, 28)


def test_weekday_roll_forward_clears_fold():
    status, out = _resolved("Monday", default=(2003, 9, 25, 1, 30, 0, 0, 1))
    assert status == "OK" and out["fields"][:3] == (2003, 9, 29) and out["fold"] == 0


def test_resolution_of_zones():
    assert _resolved("10:00 UTC", local_names=("EST", "EDT"))[1]["tz"] == "utc"
    assert _resolved("10:00 -03:00", local_names=("EST", "EDT"))[1]["utcoffset"] == -10800
    assert _resolved("10:00 EST", local_names=("EST", "EDT"))[0] == "TZ_LOCAL"
    assert _resolved("10:00 UTC", local_names=("UTC", "UTC"))[0] == "TZ_LOCAL"
    assert _resolved("10:00 XYZ", local_names=("EST", "EDT"))[0] == "UNKNOWN_TZNAME"
    assert _resolved("10:00 XYZ", local_names=None)[0] == "LOCAL_NAMES"
    assert _resolved("10:00", local_names=None)[1]["tz"] == "default"
