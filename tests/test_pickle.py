"""Pickling, copying and shipping fastdt's objects to other processes.

``Parser`` (any parserinfo, subclasses included), its bound ``parse``,
``isoparser`` and ``ParserError`` pickle and deep-copy by rebuilding from
their ``info``/``sep``/``args``; a ``multiprocessing`` pool and a
``ProcessPoolExecutor`` give the answers computed in this process.
"""
import concurrent.futures
import copy
import datetime
import multiprocessing
import pickle

import pytest
from dateutil.parser import parserinfo

import fastdt
from test_conformance import ALL_STRINGS
from oracle import GermanInfo, PivotInfo, outcome

STRINGS = ["Sep 25 2003 10:49:41", "25. Oktober 2003 um 10:49 Uhr", "3 März 99",
           "01/02/03", "Thu, 25 Sep 2003 10:49:41 -0300", "garbage"] + ALL_STRINGS[::40]
ISO = ["2003-09-25T10:49:41.5-03:00", "2003-W39-4", "2003-09-25T10:49", "2003-09-25 10:49",
       "2003-13-01"]






class TaggedParser(fastdt.Parser):
    """A subclass with state of its own, which travels with it."""

    def __init__(self, info=None, tag="t"):
        super().__init__(info)
        self.tag = tag


PARSERS = [fastdt.Parser(), fastdt.DEFAULT_PARSER, fastdt.Parser(parserinfo(dayfirst=True)),
           fastdt.Parser(GermanInfo()), fastdt.Parser(PivotInfo(yearfirst=True)),
           TaggedParser(GermanInfo(), tag="x")]


def outcomes(parse, strings):
    return [_work(parse, s) for s in strings]


def iso_outcomes(iso, strings):
    out = []
    for s in strings:
        try:
            out.append(iso.isoparse(s))
        except ValueError as e:
            out.append(("raises", type(e), str(e)))
    return out


@pytest.mark.parametrize("p", PARSERS, ids=lambda p: "%s(%s)" % (type(p).__name__,
                                                                type(p.info).__name__))
@pytest.mark.parametrize("how", ["pickle", "deepcopy", "copy"])
def test_parser_roundtrip(p, how):
    if how == "pickle":
        q = pickle.loads(pickle.dumps(p, protocol=pickle.HIGHEST_PROTOCOL))
        assert type(q.info) is type(p.info) and q.info is not p.info
    elif how == "deepcopy":
        q = copy.deepcopy(p)
        assert q.info is not p.info
    else:
        q = copy.copy(p)
        assert q.info is p.info
    assert type(q) is type(p) and q is not p
    assert vars(q.info) == vars(p.info)
    if isinstance(p, TaggedParser):
        assert q.tag == p.tag == "x"
    assert outcomes(q.parse, STRINGS) == outcomes(p.parse, STRINGS)


def test_bound_parse_pickles():
    p = fastdt.Parser(GermanInfo())
    q = pickle.loads(pickle.dumps(p.parse))
    assert q("25. Oktober 2003 um 10:49 Uhr") == datetime.datetime(2003, 10, 25, 10, 49)
    assert pickle.loads(pickle.dumps(fastdt.parse)) is fastdt.parse
    assert pickle.loads(pickle.dumps(fastdt.isoparse)) is fastdt.isoparse


@pytest.mark.parametrize("sep", [None, "T", " "])
def test_isoparser_roundtrip(sep):
    iso = fastdt.isoparser(sep=sep)
    for q in (pickle.loads(pickle.dumps(iso)), copy.deepcopy(iso)):
        assert type(q) is fastdt.isoparser and repr(q) == repr(iso)
        assert iso_outcomes(q, ISO) == iso_outcomes(iso, ISO)
    q = pickle.loads(pickle.dumps(iso.isoparse))
    assert q("2003-09-25") == datetime.datetime(2003, 9, 25)


def test_parser_error_roundtrip():
    with pytest.raises(fastdt.ParserError) as info:
        fastdt.parse("garbage")
    err = info.value
    for q in (pickle.loads(pickle.dumps(err)), copy.deepcopy(err)):
        assert type(q) is fastdt.ParserError
        assert q.args == err.args and str(q) == str(err) == "Unknown string format: garbage"


def _work(parse, s):
    # value (described field by field: an aware result with an offset of 24h
    # or more cannot be compared), exception, and the warnings it gave (an
    # unknown zone name), here or in a worker alike
    return outcome(parse, s, default=datetime.datetime(2003, 1, 1))


# Python >= 3.12 warns when it forks a process that runs threads, as pytest's
# may by then (threads that earlier tests' libraries leave running); forking
# is what this test checks, and the workers only parse.
@pytest.mark.filterwarnings(
    r"ignore:This process \(pid=\d+\) is multi-threaded, use of fork\(\):DeprecationWarning")
@pytest.mark.parametrize("start", ["fork", "spawn"])
def test_multiprocessing_pool_gives_local_answers(start):
    ctx = multiprocessing.get_context(start)
    p = fastdt.Parser(GermanInfo())
    with ctx.Pool(2) as pool:
        remote = pool.starmap(_work, [(p.parse, s) for s in STRINGS])
        remote_iso = pool.map(fastdt.isoparser("T").isoparse, ISO[:3])
    assert remote == outcomes(p.parse, STRINGS)
    assert remote_iso == [fastdt.isoparser("T").isoparse(s) for s in ISO[:3]]


def test_process_pool_executor_gives_local_answers():
    ctx = multiprocessing.get_context("spawn")
    parsers = [fastdt.Parser(PivotInfo()), TaggedParser(GermanInfo())]
    with concurrent.futures.ProcessPoolExecutor(2, mp_context=ctx) as ex:
        for p in parsers:
            remote = list(ex.map(_work, [p.parse] * len(STRINGS), STRINGS))
            assert remote == outcomes(p.parse, STRINGS)
        # a ParserError raised in a worker arrives as the same error
        fut = ex.submit(fastdt.parse, "garbage")
        with pytest.raises(fastdt.ParserError, match="Unknown string format: garbage"):
            fut.result()
