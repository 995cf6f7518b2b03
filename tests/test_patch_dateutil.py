"""``fastdt.patch_dateutil()``: dateutil's own entry points on fastdt.

Every answer under the patch is compared with the answer of the unpatched
dateutil, computed live (``oracle``); separate tests prove that the calls
really ran on fastdt (dateutil's own grammar is sabotaged and the calls
still succeed), that names bound before the patch are reached, and that
``unpatch_dateutil()`` puts back every original object.
"""
import datetime
import io
import os
import subprocess
import tempfile
import sys
import warnings

import pytest
from hypothesis import given, settings, strategies as st

import dateutil.parser
from dateutil.parser import _parser as du_parser_mod
from dateutil.parser import parserinfo

import fastdt
import oracle
from test_conformance import ALL_STRINGS
from oracle import GermanInfo, PivotInfo

DU_ISO_MOD = sys.modules["dateutil.parser.isoparser"]
PARSER = du_parser_mod.parser
ISOPARSER = DU_ISO_MOD.isoparser
ORIG_PARSE = vars(PARSER)["parse"]
ORIG__PARSE = vars(PARSER)["_parse"]
ISO_WRAPPER = vars(ISOPARSER)["isoparse"]
ORIG_ISO_INNER = ISO_WRAPPER.__wrapped__
RESULT_SLOTS = tuple(PARSER._result.__slots__)
CORPORA = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                       "bench", "corpora")


def _child():
    """A child process imports the fastdt under test: run outside the
    checkout (whose fastdt/ would shadow an installed wheel), with that
    fastdt's directory first on PYTHONPATH."""
    here = os.path.dirname(os.path.dirname(os.path.abspath(fastdt.__file__)))
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([here] + ([env["PYTHONPATH"]]
                                                  if env.get("PYTHONPATH") else []))
    return {"cwd": tempfile.gettempdir(), "env": env}


def corpus(name):
    with open(os.path.join(CORPORA, name + ".txt"), encoding="utf-8") as f:
        return [line.rstrip("\n") for line in f if not line.startswith("#")]


def iso_cell_contents():
    for cell in ISO_WRAPPER.__closure__:
        if callable(cell.cell_contents):
            return cell.cell_contents
    raise AssertionError("no function in isoparse's wrapper")


@pytest.fixture(autouse=True)
def always_unpatched():
    fastdt.unpatch_dateutil()
    yield
    fastdt.unpatch_dateutil()
    assert vars(PARSER)["parse"] is ORIG_PARSE


@pytest.fixture
def sabotaged(monkeypatch):
    """dateutil's own grammar raises: a call that succeeds ran on fastdt."""
    def boom(*args, **kwargs):
        raise AssertionError("dateutil's own parser code ran")
    monkeypatch.setattr(PARSER, "_parse_numeric_token", boom)
    monkeypatch.setattr(du_parser_mod._timelex, "split", boom)
    monkeypatch.setattr(ISOPARSER, "_parse_isodate", boom)
    monkeypatch.setattr(ISOPARSER, "_parse_isotime", boom)


def patched(fn):
    def call(*args, **kwargs):
        with fastdt.patch_dateutil():
            return fn(*args, **kwargs)
    return call


# --- _parse: the fields pandas reads ---------------------------------------

def describe_parse_result(fn, *args, **kwargs):
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            res, skipped = fn(*args, **kwargs)
    except Exception as e:  # noqa: BLE001 -- the outcome is compared
        return ("raises", type(e), str(e))
    if res is None:
        return (None, skipped, [str(w.message) for w in caught])
    fields = {name: getattr(res, name) for name in RESULT_SLOTS}
    return (type(res), fields, [type(v) for v in fields.values()],
            res.century_specified, len(res), repr(res), skipped,
            [str(w.message) for w in caught])


PARSE_OPTIONS = [{}, {"dayfirst": True}, {"yearfirst": True},
                 {"dayfirst": True, "yearfirst": True}, {"fuzzy": True},
                 {"dayfirst": False, "yearfirst": False},
                 {"fuzzy_with_tokens": True}]


def _parse_inputs():
    seen = set()
    for s in (ALL_STRINGS + corpus("mixed") + corpus("fuzzy")
              + ["Sep 25 2003 " + "9" * 25, "9" * 40, "10:" + "9" * 30]):
        if s not in seen:
            seen.add(s)
            yield s


def test_private_parse_gives_dateutils_fields():
    p = du_parser_mod.DEFAULTPARSER
    mismatches = []
    n = 0
    with fastdt.patch_dateutil():
        for s in _parse_inputs():
            for kw in PARSE_OPTIONS:
                for value in (s, s.encode("utf-8")):
                    want = describe_parse_result(ORIG__PARSE, p, value, **kw)
                    got = describe_parse_result(p._parse, value, **kw)
                    n += 1
                    if got != want:
                        mismatches.append((value, kw, want, got))
    assert n > 10000
    assert not mismatches, "%d of %d differ, e.g. %r" % (len(mismatches), n,
                                                         mismatches[:3])


PIECES = ["2003", "09", "25", "Sep", "September", "Thu", "10", ":", "49", "41", ".",
          "5", "-", "/", " ", ",", "T", "Z", "z", "+", "0300", "03:00", "BRST", "GMT",
          "UTC", "am", "PM", "of", "h", "m", "s", "1", "99", "31", "12", "2", "0",
          "\u00e9", "x", "\u0663", "\u00a0", "123456789", "Mär", "(", ")", "\x00"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12), st.sampled_from(PARSE_OPTIONS))
def test_private_parse_on_random_token_soup(pieces, kw):
    s = "".join(pieces)
    p = du_parser_mod.DEFAULTPARSER
    want = describe_parse_result(ORIG__PARSE, p, s, **kw)
    with fastdt.patch_dateutil():
        got = describe_parse_result(p._parse, s, **kw)
    assert got == want, (s, kw)


class DayFirstInfo(parserinfo):
    def __init__(self):
        super().__init__(dayfirst=True)






INFOS = [parserinfo(), parserinfo(dayfirst=True, yearfirst=True), DayFirstInfo(),
         GermanInfo(), PivotInfo()]
INFO_STRINGS = ["25. Oktober 2003 um 10:49 Uhr", "3 März 99", "01/02/03",
                "Sep 25 03", "2003-09-25T10:49:41", "10:49 GMT+3", "garbage",
                "25 Sep 2003 10:36:28 BRST", "Mai 5 5"]


@pytest.mark.parametrize("info", INFOS, ids=lambda i: type(i).__name__)
def test_private_parse_with_parserinfos(info):
    p = PARSER(info)
    with fastdt.patch_dateutil():
        for s in INFO_STRINGS + ALL_STRINGS[::7]:
            for kw in PARSE_OPTIONS[:4]:
                assert (describe_parse_result(p._parse, s, **kw)
                        == describe_parse_result(ORIG__PARSE, p, s, **kw)), (s, kw)


# --- parse and isoparse under the patch --------------------------------------

PARSE_KW = [dict(default=datetime.datetime(2003, 9, 25)), dict(dayfirst=True),
            dict(fuzzy_with_tokens=True), dict(ignoretz=True),
            dict(tzinfos={"BRST": -10800, "CST": 3600}),
            dict(yearfirst=True, fuzzy=True)]


def _check_all(fn, strings, kws):
    failures = []
    for s in strings:
        for kw in kws:
            fast, ref, diffs = oracle.compare(patched(fn), fn, (s,), kw)
            if diffs:
                failures.append(oracle._fail_message(fn.__name__, (s,), kw, fast,
                                                     ref, diffs))
    assert not failures, "%d differ:\n%s" % (len(failures), "\n".join(failures[:5]))


def test_module_parse_under_patch():
    _check_all(dateutil.parser.parse, ALL_STRINGS, PARSE_KW)


def test_parser_parse_with_any_parserinfo_under_patch():
    for info in INFOS:
        _check_all(PARSER(info).parse, INFO_STRINGS + ALL_STRINGS[::5], PARSE_KW[:3])


def test_parse_errors_are_dateutils_own_class():
    with fastdt.patch_dateutil():
        with pytest.raises(dateutil.parser.ParserError) as info:
            dateutil.parser.parse("garbage")
    assert type(info.value) is dateutil.parser.ParserError
    assert str(info.value) == "Unknown string format: garbage"


ISO_STRINGS = ["2003-09-25T10:49:41.5-03:00", "2003-09-25", "20030925T104941Z",
               "2003-W39-4", "2003-268", "2003-09-25T24:00", "2003-09-25T10:49:41+0000",
               "2003-09-25 10:49", "2003-09", "2003", "2003-13-01", "2003-09-25X10",
               "2003-09-25T10:49:41.123456789", "", "garbage", "2003-09-25T10:49:41+25:00",
               "\u0662003-09-25", b"2003-09-25T10:49", b"2003-09-25\xff"]


def test_isoparse_under_patch():
    # oracle.DU_ISOPARSE was bound when the tests were imported
    _check_all(oracle.DU_ISOPARSE, ISO_STRINGS, [{}])
    _check_all(ISOPARSER(sep="T").isoparse, ISO_STRINGS, [{}])
    _check_all(ISOPARSER(sep=" ").isoparse, ISO_STRINGS, [{}])
    _check_all(oracle.DU_ISOPARSE,
               [oracle.Fresh(lambda: io.StringIO("2003-09-25T10:49"), "StringIO"),
                oracle.Fresh(lambda: io.BytesIO(b"2003-09-25T10:49"), "BytesIO"),
                bytearray(b"2003-09-25"), memoryview(b"2003-09-25"), 20030925], [{}])


# --- it really runs on fastdt, early-bound names included --------------------

def test_early_bound_names_run_on_fastdt(sabotaged):
    from dateutil.parser import parse as early_parse, isoparse as early_isoparse
    default_parser = du_parser_mod.DEFAULTPARSER
    with pytest.raises(AssertionError, match="dateutil's own parser code ran"):
        early_parse("Sep 25 2003")           # the sabotage works unpatched
    with fastdt.patch_dateutil():
        assert early_parse("Sep 25 2003 10:49") == datetime.datetime(2003, 9, 25, 10, 49)
        assert early_isoparse("2003-09-25T10:49Z").tzinfo is dateutil.tz.UTC
        assert ISOPARSER("T").isoparse("2003-09-25T10:49") == datetime.datetime(
            2003, 9, 25, 10, 49)
        res, skipped = default_parser._parse("Thu Sep 25 10:36:28 2003")
        assert (res.year, res.month, res.day, res.weekday) == (2003, 9, 25, 3)
        assert PARSER(GermanInfo()).parse("3 März 2003") == datetime.datetime(2003, 3, 3)


def test_early_bound_names_in_a_fresh_process():
    # a module that imported dateutil's names before fastdt was even imported
    code = """if 1:
        from dateutil.parser import parse, isoparse, DEFAULTPARSER
        import dateutil.parser._parser as m
        def boom(*a, **k):
            raise SystemExit("dateutil's own parser code ran")
        import fastdt
        assert m.parser.parse.__module__ == "dateutil.parser._parser"  # import patches nothing
        fastdt.patch_dateutil()
        m.parser._parse_numeric_token = boom
        m._timelex.split = boom
        print(parse("Sep 25 2003 10:49").isoformat(), isoparse("2003-09-25T10:49").isoformat(),
              DEFAULTPARSER._parse("25 Sep 2003")[0].day)
    """
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, **_child()).stdout
    assert out.split() == ["2003-09-25T10:49:00", "2003-09-25T10:49:00", "25"]


def test_subclasses_overriding_dateutils_methods_keep_them():
    class MyParser(PARSER):
        def _build_naive(self, res, default):
            return super()._build_naive(res, default).replace(second=59)

    class OddInfo(parserinfo):
        def jump(self, name):
            return name == "!" or super().jump(name)

    with fastdt.patch_dateutil(), warnings.catch_warnings():
        warnings.simplefilter("error")     # no "method not called" warning
        assert MyParser().parse("Sep 25 2003").second == 59
        assert PARSER(OddInfo()).parse("Sep!25!2003") == datetime.datetime(2003, 9, 25)

        class MyIso(ISOPARSER):
            def _parse_tzstr(self, tzstr, zero_as_utc=True):
                return dateutil.tz.tzoffset("mine", 60)
        assert MyIso().isoparse("2003-09-25T10:49+05:00").tzname() == "mine"


def test_plain_subclasses_run_on_fastdt(sabotaged):
    class Plain(PARSER):
        def __init__(self):
            super().__init__(GermanInfo())
    with fastdt.patch_dateutil():
        assert Plain().parse("3 März 2003") == datetime.datetime(2003, 3, 3)


# --- patch / unpatch bookkeeping ---------------------------------------------

def originals():
    return (vars(PARSER)["parse"], vars(PARSER)["_parse"], vars(ISOPARSER)["isoparse"],
            iso_cell_contents(), dateutil.parser.parse, dateutil.parser.isoparse,
            du_parser_mod.parse, du_parser_mod.DEFAULTPARSER, DU_ISO_MOD.DEFAULT_ISOPARSER)


def test_unpatch_restores_every_original():
    before = originals()
    assert vars(PARSER)["parse"] is ORIG_PARSE
    assert iso_cell_contents() is ORIG_ISO_INNER
    fastdt.patch_dateutil()
    during = originals()
    assert during[0] is not ORIG_PARSE and during[1] is not ORIG__PARSE
    assert during[3] is not ORIG_ISO_INNER
    fastdt.unpatch_dateutil()
    after = originals()
    assert all(a is b for a, b in zip(after, before)), (before, after)
    fastdt.unpatch_dateutil()            # unpatching twice: nothing left to do
    assert all(a is b for a, b in zip(originals(), before))


def test_patching_twice_is_harmless():
    before = originals()
    fastdt.patch_dateutil()
    first = originals()
    fastdt.patch_dateutil()
    assert all(a is b for a, b in zip(originals(), first))
    assert dateutil.parser.parse("Sep 25 2003") == datetime.datetime(2003, 9, 25)
    fastdt.unpatch_dateutil()
    assert all(a is b for a, b in zip(originals(), before))


def test_context_manager():
    before = originals()
    with fastdt.patch_dateutil() as handle:
        assert vars(PARSER)["parse"] is not ORIG_PARSE
        assert "fastdt" in repr(handle)
        # the type the stubs name (tests/test_typing.py)
        assert type(handle) is fastdt.DateutilPatch
    assert all(a is b for a, b in zip(originals(), before))
    # a block entered while already patched leaves the patch in place
    fastdt.patch_dateutil()
    patched_state = originals()
    with fastdt.patch_dateutil():
        pass
    assert all(a is b for a, b in zip(originals(), patched_state))
    fastdt.unpatch_dateutil()
    # an exception in the block still unpatches
    with pytest.raises(KeyError):
        with fastdt.patch_dateutil():
            raise KeyError
    assert all(a is b for a, b in zip(originals(), before))


def test_importing_fastdt_patches_nothing():
    code = ("import dateutil.parser._parser as m, fastdt, sys\n"
            "assert m.parser.parse.__module__ == 'dateutil.parser._parser', m.parser.parse\n"
            "assert m.parser._parse.__module__ == 'dateutil.parser._parser'\n"
            "assert sys.modules['dateutil.parser.isoparser'].isoparser.isoparse"
            ".__closure__[0].cell_contents.__module__ == 'dateutil.parser.isoparser'\n")
    subprocess.run([sys.executable, "-c", code], check=True, **_child())
