"""The allocation-failure sweep behind tests/test_faults.py (issue 15).

    python tests/fault_sweep.py run LIMIT ROUNDS [SCENARIO ...]  # both, JSON
    python tests/fault_sweep.py reference SCENARIO LIMIT ROUNDS  # no fault
    python tests/fault_sweep.py sweep SCENARIO LIMIT ROUNDS      # reads the
                                                                 # reference on stdin

A scenario is a function ``scenario(i)`` giving the ``i``-th call of a
family (``parse`` with tzinfos=, ``parse_array`` on a pandas Series, ...).
Each ``i`` brings state of its own where the call fills a cache: a UTC
offset, an unknown zone name, a parserinfo, a column format not seen before,
so that the fault lands on the path that fills the cache, not on a hit.

``reference`` runs calls 0..N-1 with no fault (in a process of its own) and
prints their answers and how many allocations each makes.  ``sweep`` runs
each call ``j`` with its ``k``-th allocation failing
(``_testcapi.set_nomemory(k, k + 1)``), where ``j`` = kind + KINDS * (k +
width * round): every kind of call the scenario has meets every ``k`` from 0
to past its last allocation (or to LIMIT), each time with fresh state, and
the sweep demands:

* the faulted call raises MemoryError (or an accepted SystemError, see
  _CPYTHON_SYSTEMERROR and _third_party) or gives the reference answer;
* call ``j`` again, with no fault, gives the reference answer (the cache
  the fault interrupted was not left half-filled);
* calls 0..3 with no fault still give their reference answers.

Only the call itself runs under the fault: recording its answer (and the
warnings it issued) happens after the hook is removed.
"""
import datetime
import operator
import os
import pickle
import re
import sys
import warnings
from functools import partial

import _testcapi

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import oracle  # noqa: E402
import fastdt  # noqa: E402
from dateutil import parser as du_parser  # noqa: E402
from dateutil.tz import tzoffset  # noqa: E402

# SystemError is CPython's own answer in a few places under injection (see
# _CPYTHON_SYSTEMERROR), and numpy's and polars' in theirs (see
# _third_party); each is accepted by its message, counted and printed.
ACCEPTED = (MemoryError, SystemError)


# --- what a call gave -----------------------------------------------------------

def _describe(value):
    """oracle.describe, plus the column kinds parse_array answers."""
    mod = type(value).__module__.split(".")[0]
    if mod == "numpy" and hasattr(value, "dtype"):
        return ("ndarray", str(value.dtype), value.shape, value.astype("i8").tolist()
                if value.dtype.kind == "M" else value.tolist())
    if mod == "pandas":
        return ("pandas", type(value).__name__, str(value.dtype),
                [None if v != v else str(v) for v in value.tolist()],
                getattr(value, "name", None))
    if mod == "pyarrow":
        return ("pyarrow", type(value).__name__, str(value.type),
                [None if v is None else str(v) for v in value.to_pylist()])
    if mod == "polars":
        return ("polars", str(value.dtype), [None if v is None else str(v)
                                            for v in value.to_list()])
    if type(value) is dict:
        return ("dict", sorted((k, _describe(v)) for k, v in value.items()))
    if type(value) is list:
        return ("list", [_describe(v) for v in value])
    if type(value) is tuple:
        return ("tuple", tuple(_describe(v) for v in value))
    return oracle.describe(value)


def _record(fn, fault=None, post=None):
    """(kind, what) of ``fn()``: ("value", description) or ("raise", (type,
    str)), and the warnings; the fault (k) is armed around the call only,
    and ``post`` (what is read of the value, e.g. a Parser's answer) runs
    after it."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        err = None
        if fault is not None:
            _testcapi.set_nomemory(fault, fault + 1)
        try:
            value = fn()
        except BaseException as e:  # noqa: BLE001 -- recording it is the point
            if fault is not None:
                _testcapi.remove_mem_hooks()
            err = e
        else:
            if fault is not None:
                _testcapi.remove_mem_hooks()
        if err is None and post is not None:
            try:
                value = post(value)
            except Exception as e:  # noqa: BLE001
                err = e
    if err is not None:
        return ("raise", (type(err).__name__, str(err)), err), ()
    return ("value", _describe(value), None), tuple(
        (w.category.__name__, str(w.message)) for w in caught)


# --- the scenarios ------------------------------------------------------------------

def _offset(i):
    """A UTC offset string no other i gives (fills a new tz cache slot)."""
    minutes = (i * 7) % (24 * 60 - 1) + 1
    sign = "+" if i % 2 else "-"
    return "%s%02d:%02d" % (sign, minutes // 60, minutes % 60)


def _zone(i):
    """An unknown zone name no other i gives (a new warning message)."""
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return "Q" + letters[i % 26] + letters[(i // 26) % 26] + letters[(i // 676) % 26]


_STRINGS = [
    "Sep 25 2003 10:49 PM", "2003-09-25T10:49:41", "Thu, 25 Sep 2003 10:49:41 -0300",
    "25/09/2003", "10:49:41.5", "1974.Aug.10 at 5 p.m.", "09-25-2003",
    "20030925T104941", "Wed, July 10, '96", "3rd of May 2001",
]
_BAD = ["", "abc", "2024-13-45", "Feb 30 2024", "10:00 999999999999999999999",
        "Thursday 99", "12:61", "0000-00-00", "25 Sep 20031", "\x00\xff"]


def s_parse(i):
    kind = i % 4
    if kind == 0:
        s = "2003-09-25T10:49:41" + _offset(i)
    elif kind == 1:
        s = "Thu Sep 25 10:36:28 %s 2003" % _zone(i)
    elif kind == 2:
        s = "Sep 25 2003 10:49 PM " + _offset(i).replace(":", "")
    else:
        s = _STRINGS[i // 4 % len(_STRINGS)]
    return partial(fastdt.parse, s), partial(du_parser.parse, s)


def s_parse_keywords(i):
    s = _STRINGS[i % len(_STRINGS)]
    z = _zone(i)
    kws = [
        dict(tzinfos={z: -10800 + i}),
        # a callable with no Python frame (dict.get(name, offset))
        dict(tzinfos={z: tzoffset(z, 3600 * (i % 12))}.get),
        dict(default=datetime.datetime(1990 + i % 30, 1 + i % 12, 1 + i % 28)),
        dict(fuzzy_with_tokens=True),
        dict(dayfirst=True, yearfirst=bool(i % 2)),
        dict(ignoretz=True),
        dict(fuzzy=True),
    ]
    kw = kws[i % len(kws)]
    text = ("%s %s" % (s, z)) if "tzinfos" in kw else (
        "Today is %s, at 5" % s if kw.get("fuzzy") or kw.get("fuzzy_with_tokens") else s)
    return partial(fastdt.parse, text, **kw), partial(du_parser.parse, text, **kw)


def s_parse_required(i):
    s = (_STRINGS + ["2003", "10:49"])[i % (len(_STRINGS) + 2)]
    req = [("year",), ("year", "hour"), "day", ("tzoffset",)][i % 4]
    return partial(fastdt.parse, s, required=req), None


def s_parse_bad(i):
    s = _BAD[i % len(_BAD)] + ("" if i < len(_BAD) else " " * (i % 3))
    return partial(fastdt.parse, s), partial(du_parser.parse, s)


class _Info(du_parser.parserinfo):
    JUMP = du_parser.parserinfo.JUMP + ["um"]


def s_parser(i):
    # a parserinfo no other i gives: a new Parser compiles its tables
    info = _Info(dayfirst=bool(i % 2))
    info.TZOFFSET = {_zone(i): 3600 * (i % 5)}
    s = "%s %s" % (_STRINGS[i % len(_STRINGS)], _zone(i))
    # the faulted call compiles the tables; the answer is read after it
    return (partial(fastdt.Parser, info), partial(du_parser.parse, s, info),
            lambda p: p.parse(s))


def s_parser_pickle(i):
    p = fastdt.Parser(_Info(yearfirst=bool(i % 2)))
    s = _STRINGS[i % len(_STRINGS)]
    if i % 2:       # pickling faulted; its bytes read after
        return partial(pickle.dumps, p), None, lambda b: pickle.loads(b).parse(s)
    return partial(pickle.loads, pickle.dumps(p)), None, lambda q: q.parse(s)


def s_isoparse(i):
    s = ["2003-09-25T10:49:41.5", "2003-W39-4", "20030925T1049", "2003-09-25 10:49:41Z",
         "2003-09-25T10:49:41" + _offset(i), "2003-13-01", "2003-09-25T25:00"][i % 7]
    sep = [None, "T", " "][i % 3]
    if i % 2:
        return partial(fastdt.isoparse, s), partial(du_parser.isoparse, s)
    return (partial(fastdt.isoparser, sep=sep), partial(du_parser.isoparse, s),
            lambda p: p.isoparse(s)) if sep is None else (
        partial(fastdt.isoparser(sep=sep).isoparse, s),
        partial(du_parser.isoparser(sep=sep).isoparse, s))


def s_parse_fields(i):
    s = (_STRINGS + _BAD)[i % (len(_STRINGS) + len(_BAD))]
    s = s + " " + (_zone(i) if i % 3 == 0 else _offset(i) if i % 3 == 1 else "")
    return partial(fastdt.parse_fields, s.strip(), dayfirst=bool(i % 2)), None


_A = None


def s_fields_methods(i):
    global _A
    if _A is None:
        _A = (fastdt.parse_fields("Sep 25 2003 10:49 PM QZT"),
              fastdt.parse_fields("Sep 25 2003 10:49 PM QZT"),
              fastdt.ParsedFields(year=2003, tzname="x" * 40))
    a, b, c = _A
    # C calls only (operator's and the type's own): no Python frame between
    # the fault and the record
    calls = [
        partial(operator.eq, a, b), partial(operator.ne, a, c), partial(hash, a),
        a._asdict, partial(tuple, a), partial(list, c), partial(repr, a), partial(repr, c),
        partial(operator.getitem, a, 8), partial(operator.getitem, a, slice(2, 5)),
        partial(len, a), a.__reduce__,
        partial(fastdt.ParsedFields, year=2000 + i, tzname="Z%d" % i),
        operator.attrgetter("year", "tzname", "tzoffset", "weekday"),
    ]
    if i % len(calls) == len(calls) - 1:
        return partial(calls[-1], a), None
    if i % len(calls) == 2:
        # hash(None) is its address before 3.12: compare, not the number
        return calls[2], None, lambda h: h == hash(tuple(a))
    return calls[i % len(calls)], None


def s_guess_format(i):
    s = ["2003-09-25T10:49:41", "Sep 25 2003 10:49 PM", "25/09/2003 10:49",
         "Thu, 25 Sep 2003 10:49:41 -0300", "20030925", "10:49:41.123456",
         "2003-09-25 10:49:41" + _offset(i), "abc", "1974.Aug.10"][i % 9]
    return partial(fastdt.guess_format, s, dayfirst=bool(i % 2) or None), None


def s_readings(i):
    # the ambiguity answers (issue 21 item 10): readings(), and the
    # AmbiguousDateError that ambiguous="raise" makes, with its readings
    s = ["01/05/09", "2003-05-01", "Sep 25 2003", "25/09/03 10:49", "abc", "10/11/12"][i % 6]
    if i % 3 == 0:
        return partial(fastdt.readings, s), None
    if i % 3 == 1:
        return partial(fastdt.guess_format, s, ambiguous="raise"), None
    return partial(fastdt.parse_fields, s, ambiguous="raise"), None


def s_strptime(i):
    """fastdt.strptime: a format not seen before (the format cache fills), an
    offset not seen before (the zone cache fills), the two regex errors,
    CPython's own path (%j, a non-ASCII string), %p names, the core's
    stand-in (_strptime_tuple)."""
    from fastdt import _strp
    minutes = (i * 7) % 2879 - 1439
    z = "%s%02d%02d" % ("-" if minutes < 0 else "+", abs(minutes) // 60, abs(minutes) % 60)
    calls = [
        ("2003-09-25 10:49:41,502 #%d" % i, "%%Y-%%m-%%d %%H:%%M:%%S,%%f #%d" % i),
        ("10/Oct/2000:13:55:36 " + z, "%d/%b/%Y:%H:%M:%S %z"),
        ("2003-09-25 10:49", "%Y-%m-%d %H:%M:%S"),
        ("2003-09-25 10:49:41 tail", "%Y-%m-%d %H:%M:%S"),
        ("2003 268 #%d" % i, "%%Y %%j #%d" % i),
        ("2003-09-25 10:49:41 \u00e9", "%Y-%m-%d %H:%M:%S \u00e9"),
        ("09/25/2003 10:49:41 PM", "%m/%d/%Y %I:%M:%S %p"),
    ]
    if i % 8 == 7:
        return partial(_strp._strptime_tuple, "2003-09-25 10:49:41 " + z,
                       "%Y-%m-%d %H:%M:%S %z"), None
    return partial(fastdt.strptime, *calls[i % 8]), None


def s_patch_strptime(i):
    """fastdt.patch_strptime(): patched and undone around a call of
    datetime.strptime, time.strptime (a struct_time built in place), a
    subclass's strptime, each on a format and an offset not seen before
    (fastdt's caches and _strptime's own fill under the fault); after it,
    _strptime's two functions are CPython's again."""
    import time
    minutes = (i * 11) % 2879 - 1439
    z = "%s%02d%02d" % ("-" if minutes < 0 else "+", abs(minutes) // 60, abs(minutes) % 60)
    s, fmt = "2003-09-25 10:49:41 " + z + " #%d" % i, "%%Y-%%m-%%d %%H:%%M:%%S %%z #%d" % i

    class Stamp(datetime.datetime):
        pass
    read = [datetime.datetime.strptime, time.strptime, Stamp.strptime][i % 3]

    def call():
        with fastdt.patch_strptime():
            return read(s, fmt)

    def post(value):
        if isinstance(value, time.struct_time):
            value = (tuple(value), value.tm_zone, value.tm_gmtoff)
        return (value, _strptime_module._strptime_datetime is _STRPTIME_OBJECTS[0],
                _strptime_module._strptime_time is _STRPTIME_OBJECTS[1],
                read(s, fmt) == read(s, fmt))
    return call, None, post


import _strptime as _strptime_module  # noqa: E402
# what patch_strptime replaces, as CPython has them
_STRPTIME_OBJECTS = (_strptime_module._strptime_datetime, _strptime_module._strptime_time)


def _column(i, n=12):
    """A short column: one format with a planted outlier, a bad value, a None."""
    base = ["2003-09-%02d 10:%02d:41" % (1 + (i + j) % 28, j) for j in range(n)]
    base[3] = "Sep 25 2003 10:49 PM"
    base[5] = None
    base[7] = "2003-09-25 10:49:41 " + _zone(i)
    base[9] = "not a date" if i % 2 else "2003-09-25 10:49:41.5"
    return base


def _array_call(values, **kw):
    return partial(fastdt.parse_array, values, **kw)


def s_parse_array_list(i):
    col = _column(i)
    errors = "coerce" if i % 3 else "raise"
    return _array_call(col, errors=errors, unit=["us", "ns", "s"][i % 3]), None


def s_parse_array_numpy(i):
    import numpy as np
    col = _column(i)
    arrs = [np.array(col, dtype=object), np.array([c or "" for c in col]),
            np.array([(c or "").encode() for c in col])]
    arr = arrs[i % 3]
    return _array_call(arr, errors="coerce", utc=bool(i % 2)), None


def s_parse_array_pandas(i):
    import pandas as pd
    col = _column(i)
    ser = [pd.Series(col, name="t"), pd.Series(col, dtype="string"), pd.Index(col)][i % 3]
    return _array_call(ser, errors="coerce"), None


def s_parse_array_arrow(i):
    import pyarrow as pa
    col = _column(i)
    arr = [pa.array(col), pa.array(col, pa.large_string()), pa.chunked_array([col[:5], col[5:]]),
           pa.array(col, pa.string_view())][i % 4]
    return _array_call(arr, errors="coerce", utc=bool(i % 2)), None


def s_parse_array_polars(i):
    import polars as pl
    ser = pl.Series("t", _column(i))
    return _array_call(ser, errors="coerce"), None


def s_parse_array_datetimes(i):
    # elements already parsed (issue 21 item 8), aware and naive, among
    # strings: their offsets are read in Python, as a slow element's are
    tz = datetime.timezone(datetime.timedelta(minutes=(i * 7) % 600 - 300))
    col = [datetime.datetime(2003, 9, 1 + i % 28, 10, 49, tzinfo=tz),
           datetime.datetime(2003, 9, 25, 10, 49), datetime.date(2003, 9, 1 + i % 28),
           "2003-09-25 10:49:41 " + _zone(i), "Sep 25 2003", None, "not a date"]
    kind = i % 3
    if kind == 1:
        import numpy as np
        col = np.array(col, dtype=object)
    return _array_call(col, errors="coerce", utc=True, unit=["us", "ns"][i % 2]), None


def s_parse_array_format(i):
    # a single-format column long enough for the fast path to learn it, and
    # a format per i (the separators change), with outliers
    sep = "-/."[i % 3]
    col = ["%02d%s%02d%s%04d %02d:%02d" % (1 + j % 12, sep, 1 + j % 28, sep, 1990 + i % 30,
                                          j % 24, j % 60) for j in range(60)]
    col[17] = "Sep 25 2003"
    col[31] = "13%s45%s2003" % (sep, sep)
    return _array_call(col, errors="coerce"), None


def s_parse_array_strptime(i):
    # parse_array(format=): a format not seen before (the strptime cache
    # fills, and its unit="ns" variant), an offset, a bad value, a None, an
    # element CPython answers (non-ASCII), a list of formats, each container
    import pyarrow as pa
    fmt = "%%Y-%%m-%%d-%%H.%%M.%%S.%%f #%d" % (i // 4)
    col = ["2005-06-%02d-15.42.%02d.675872 #%d" % (1 + j % 28, j % 60, i // 4)
           for j in range(12)]
    col[3] = None
    col[5] = "2005-06-03-15.42.50 #%d" % (i // 4)
    col[7] = "2005-06-03-15.42.50.675872 #%d \u00e9" % (i // 4)
    if i % 4 == 0:
        return _array_call(col, format=fmt, errors="coerce", unit="ns"), None
    if i % 4 == 1:
        return _array_call(pa.array(col), format=[fmt, "%Y-%m-%d-%H.%M.%S #" + str(i // 4)],
                           errors="coerce"), None
    if i % 4 == 2:
        apache = ["10/Oct/2000:13:55:%02d %s" % (j, _offset(i)) for j in range(6)] + [None]
        return _array_call(apache, format="%d/%b/%Y:%H:%M:%S %z", utc=True), None
    return _array_call(col, format=fmt), None


def s_patch(i):
    s = _STRINGS[i % len(_STRINGS)]

    def call():
        with fastdt.patch_dateutil():
            a = du_parser.parse(s)
        fastdt.patch_dateutil()
        try:
            b = du_parser.parse(s)
        finally:
            fastdt.unpatch_dateutil()
        return a, b

    def post(value):
        # after the fault: dateutil is itself again (its own parse under a
        # fault is not fastdt's to judge: it reads MemoryError as "no date")
        return value + (du_parser.parse(s), _dateutil_objects() == _DATEUTIL_OBJECTS)
    return call, None, post


def _dateutil_objects():
    """What patch_dateutil replaces: the parser's methods, isoparse's cell."""
    cls = du_parser.parser
    wrapper = vars(du_parser.isoparser)["isoparse"]
    return (vars(cls).get("parse"), vars(cls).get("_parse"),
            tuple(c.cell_contents for c in wrapper.__closure__ or ()))


_DATEUTIL_OBJECTS = _dateutil_objects()


def s_cli_chunk(i):
    from fastdt import __main__ as cli
    args = cli._build_argparser("fastdt").parse_args(
        [["--utc"], [], ["--dayfirst"], ["--ignoretz"]][i % 4])
    texts = [t or "" for t in _column(i)] + ["Jun  9 06:06:20 host sshd[1]: x"[:15]]
    return partial(cli._Converter(args).chunk, texts), None


def _matches(text, **kw):
    """fastdt.finditer's matches, as (span, datetime) pairs."""
    return [(m.span(), m.datetime) for m in fastdt.finditer(text, **kw)]


def _match_answer(m):
    return None if m is None else (m.span(), m.datetime)


def s_search(i):
    """fastdt.search / finditer (issue 17): an offset not seen before (the
    zone cache fills), a line past the lexer's inline tokens, an unknown
    zone name (a warning), tzinfos, no timestamp, a new parserinfo (its
    tables compile)."""
    from dateutil.parser import parserinfo
    kind = i % 8
    if kind == 3:
        return partial(_matches, "Date: Tue, 1 Jul 2003 10:52:37 %s (was 10:49:41 UTC)"
                       % _offset(i).replace(":", "")), None, None
    calls = [
        ("<34>1 2003-09-25T10:49:41%s host su - x" % _offset(i), {}),
        ("Jun 14 15:16:01 combo sshd[1]: x", {"default": datetime.datetime(2005, 1, 1)}),
        ("x " * 40 + "[Sun Dec 04 04:47:44 2005] [error] state 6", {}),
        None,
        ("x 10:52:37 %s y" % _zone(i)[:3], {}),
        ("at 10:52:37 XYZ ok", {"tzinfos": {"XYZ": 3600 + i}}),
        ("no timestamp, 12 of 3", {}),
        ("x 04/05/06 15:16:01 y", {"parserinfo": parserinfo(dayfirst=bool(i % 2))}),
    ]
    text, kw = calls[kind]
    # the answers are checked against parse()/dateutil in tests/test_search.py
    return partial(fastdt.search, text, **kw), None, _match_answer


SCENARIOS = {name[2:]: fn for name, fn in globals().items() if name.startswith("s_")}


# --- running --------------------------------------------------------------------------

# How many kinds of call each scenario cycles through (make(j) gives kind
# j % K): the sweep fails allocation k of call j = kind + K * (k + C * round).
KINDS = {"parse": 4, "parse_keywords": 7, "parse_required": 12, "parse_bad": 10,
         "parser": 10, "parser_pickle": 10, "isoparse": 42, "parse_fields": 20,
         "fields_methods": 14, "guess_format": 18, "readings": 6, "parse_array_list": 6,
         "parse_array_numpy": 6, "parse_array_pandas": 3, "parse_array_arrow": 4,
         "parse_array_polars": 2, "parse_array_datetimes": 6, "parse_array_format": 3,
         "parse_array_strptime": 4,
         "patch": 10, "cli_chunk": 4, "strptime": 8,
         "search": 8, "patch_strptime": 3}


# CPython itself raises SystemError under injection in three places, all
# of them outside fastdt:
# - "error return without exception set", when the failing allocation is
#   the traceback entry of a Python frame (seen with a bare ``raise
#   ValueError`` in a lambda);
# - "<function f at 0x...> returned NULL without setting an exception" for
#   a Python function (f is then dateutil's, where fastdt hands a string
#   to dateutil's own code), or "<cyfunction f ...>" for a compiled one
#   that called Python code: popping a Python frame whose frame object
#   exists, _PyFrame_Clear's take_ownership cannot make its caller's frame
#   object and calls PyErr_Clear ("nothing we can do about it"), wiping the
#   exception the frame was raising (gdb, 3.11.7: _PyFrame_New_NoTrack <-
#   take_ownership <- _PyFrame_Clear <- _PyEvalFrameClearAndPop);
# - "<class 'W'> returned a result with an exception set" from
#   ``warnings.warn(text, W, stacklevel=n)``: walking up the stack,
#   _warnings.c's next_external_frame calls PyFrame_GetBack, which cannot
#   make a frame object, returns NULL with MemoryError set, and is read as
#   "no more frames"; warn_explicit then calls W(text) with the error still
#   set (gdb, 3.11.7: _PyFrame_MakeAndSetFrameObject <- PyFrame_GetBack <-
#   next_external_frame <- setup_context <- do_warn).
# A SystemError naming a built-in or Cython function is fastdt's bug.
_CPYTHON_SYSTEMERROR = re.compile(
    r"error return without exception set$"
    r"|<(cy)?function [\w.<>]+ at 0x[0-9a-f]+> returned NULL without setting an exception$"
    r"|<class '[\w.]*Warning'> returned a result with an exception set$")


# CPython's _pickle reports a MemoryError inside PyImport_Import of the
# pickled class's module as PicklingError (gdb, 3.11.7: _PyUnicode_FromASCII
# <- PyImport_ImportModuleLevelObject <- PyImport_Import <- save_global).
_PICKLE_IMPORT_FAILED = re.compile(r"Can't pickle .*: import of module '[\w.]+' failed$")


def _pickle_import_failed(exc):
    return isinstance(exc, pickle.PicklingError) and \
        bool(_PICKLE_IMPORT_FAILED.match(str(exc)))


# numpy's C functions, under injection, can lose an error or leave one set
# (seen: datetime_as_string, where, called by fastdt's CLI on the column
# it made; datetime_data, called by pandas; gdb puts the failing allocation
# inside numpy).  numpy also prints "Reference count error detected ...
# dtype 21 (M)" on stderr when making a datetime64 dtype fails
# (PyArray_DescrNew's error path resurrects the dtype: a leak, no crash).
_BUILTIN_SYSTEMERROR = re.compile(
    r"<built-in function (\w+)> returned (NULL without setting an exception"
    r"|a result with an exception set)$")


def _third_party(exc):
    """True for a failure that is numpy's or polars' own answer to the
    injected fault, not fastdt's: a SystemError naming one of numpy's
    built-in functions (fastdt's compiled functions are ``cyfunction``s,
    never ``built-in``), or polars' PanicException (its Rust layer's answer
    to a NULL from CPython, a BaseException: the process lives, and the
    sweep checks that later calls answer normally)."""
    if isinstance(exc, SystemError):
        m = _BUILTIN_SYSTEMERROR.match(str(exc))
        np = sys.modules.get("numpy")
        fn = getattr(np, m.group(1), None) if m and np is not None else None
        return fn is not None and \
            type(fn).__name__ in ("builtin_function_or_method", "_ArrayFunctionDispatcher") and \
            (getattr(fn, "__module__", None) or "").split(".")[0] == "numpy"
    return type(exc).__name__ == "PanicException" and \
        type(exc).__module__.split(".")[0] in ("polars", "pyo3_runtime")


def _call(make, j):
    made = make(j)
    return made if len(made) == 3 else (made[0], made[1], None)


def _allocations(fn):
    import alloc_counter_build
    counter = alloc_counter_build.load()
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        counter.start()
        try:
            fn()
        except Exception:  # noqa: BLE001 -- counted either way
            pass
        finally:
            counts = counter.stop()
    return sum(counts)


def _plan(name, count_limit, rounds):
    """The (call j, allocation k) pairs of the sweep, and how many calls."""
    kinds = KINDS[name]
    width = count_limit + 2
    pairs = [(kind + kinds * (k + width * r), k)
             for r in range(rounds) for kind in range(kinds) for k in range(width)]
    return pairs, kinds * width * rounds


def reference(name, count_limit, rounds):
    """Each call's answer with no fault, and its allocations (cold)."""
    make = SCENARIOS[name]
    out = []
    for j in range(_plan(name, count_limit, rounds)[1]):
        fast, ref, post = _call(make, j)
        allocations = _allocations(fast)
        got, warns = _record(fast, post=post)
        if ref is not None:
            # the reference is itself checked against dateutil
            want = oracle.outcome(ref)
            mine = oracle.outcome(lambda: post(fast()) if post else fast())
            diffs = oracle.mismatch(mine, want)
            assert not diffs, (name, j, diffs, mine.short(), want.short())
        out.append(((got[:2], warns), allocations))
    return out


def sweep(name, reference, count_limit, rounds):
    make = SCENARIOS[name]
    stats = {"faults": 0, "memoryerror": 0, "systemerror": 0, "third_party": 0, "normal": 0,
             "allocations": max(a for _, a in reference), "skipped": 0}
    systemerrors = set()
    for j, k in _plan(name, count_limit, rounds)[0]:
        want, allocations = reference[j]
        if k > allocations:
            continue
        if k >= count_limit:
            stats["skipped"] += 1       # a call with more allocations than the bound
            continue
        fast, _, post = _call(make, j)
        got, warns = _record(fast, fault=k, post=post)
        stats["faults"] += 1
        if got[0] == "raise" and got[1] != want[0][1] and _third_party(got[2]):
            stats["third_party"] += 1
            systemerrors.add("call %d allocation %d: %s: %s"
                             % (j, k, got[1][0], got[1][1][:200]))
        elif got[0] == "raise" and got[1] != want[0][1] and _pickle_import_failed(got[2]):
            stats["systemerror"] += 1
            systemerrors.add("call %d allocation %d: %s: %s"
                             % (j, k, got[1][0], got[1][1][:200]))
        elif got[0] == "raise" and isinstance(got[2], ACCEPTED) and got[1] != want[0][1]:
            key = "memoryerror" if isinstance(got[2], MemoryError) else "systemerror"
            if key == "systemerror" and not _CPYTHON_SYSTEMERROR.match(got[1][1]):
                import traceback
                traceback.print_exception(got[2])
                raise AssertionError("%s call %d, allocation %d failing: SystemError %s (a C "
                                     "function returned NULL with no exception set)"
                                     % (name, j, k, got[1][1]))
            stats[key] += 1
            if key == "systemerror":
                systemerrors.add("call %d allocation %d: %s" % (j, k, got[1][1][:200]))
                if os.environ.get("FAULT_SWEEP_TRACEBACKS"):
                    import traceback
                    traceback.print_exception(got[2])
        elif (got[:2], warns) != want:
            if got[2] is not None:
                import traceback
                traceback.print_exception(got[2])
            raise AssertionError("%s call %d, allocation %d failing: %r\nreference: %r"
                                 % (name, j, k, (got[:2], warns), want))
        else:
            stats["normal"] += 1
        again = _record(fast, post=post)
        if (again[0][:2], again[1]) != want:
            raise AssertionError("%s call %d after a fault at allocation %d, no fault: %r"
                                 "\nreference: %r" % (name, j, k, again, want))
        for p in range(min(4, len(reference))):
            fast, _, post = _call(make, p)
            probe = _record(fast, post=post)
            if (probe[0][:2], probe[1]) != reference[p][0]:
                raise AssertionError("%s call %d after a fault in call %d: %r\nreference: %r"
                                     % (name, p, j, probe, reference[p][0]))
    return stats, sorted(systemerrors)


def _import_libraries():
    """Import the column libraries first, in both processes: a call's first
    use would otherwise import numpy or pandas under the fault (100,000s of
    allocations of theirs, none of fastdt's)."""
    for module in ("numpy", "pandas", "pyarrow", "polars"):
        try:
            __import__(module)
        except ImportError:
            pass


def _in_child(fn):
    """``fn()`` in a forked child: ("ok", its value), ("error", traceback) or
    ("died", how).  A fork starts from this process's state, as a fresh
    process would after the same imports, at no start-up cost; and a crash
    is reported, not suffered."""
    sys.stdout.flush()
    sys.stderr.flush()
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:                            # the child
        os.close(r)
        code = 0
        try:
            payload = pickle.dumps(("ok", fn()))
        except BaseException:  # noqa: BLE001 -- reported to the parent
            import traceback
            payload = pickle.dumps(("error", traceback.format_exc()))
            code = 1
        with os.fdopen(w, "wb") as out:
            out.write(payload)
        os._exit(code)
    os.close(w)
    with os.fdopen(r, "rb") as inp:
        data = inp.read()
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        return ("died", "killed by signal %d" % os.WTERMSIG(status))
    if not data:
        return ("died", "exit status %d, no answer" % os.WEXITSTATUS(status))
    return pickle.loads(data)


def run(name, count_limit, rounds):
    """The reference (in a child of its own) and the sweep of one scenario."""
    outcome, ref = _in_child(partial(reference, name, count_limit, rounds))
    if outcome != "ok":
        raise AssertionError("the reference run %s: %s" % (outcome, ref))
    stats, systemerrors = sweep(name, ref, count_limit, rounds)
    return {"stats": stats, "systemerrors": systemerrors}


def main():
    _import_libraries()
    mode = sys.argv[1]
    if mode == "run":
        # run LIMIT ROUNDS [SCENARIO ...]: one JSON line per scenario, each
        # swept in a child process of its own
        import json
        count_limit, rounds = int(sys.argv[2]), int(sys.argv[3])
        for name in sys.argv[4:] or SCENARIOS:
            outcome, detail = _in_child(partial(run, name, count_limit, rounds))
            print(json.dumps({"scenario": name, "outcome": outcome, "detail": detail}),
                  flush=True)
        return
    name, count_limit, rounds = sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    if mode == "reference":
        sys.stdout.buffer.write(pickle.dumps(reference(name, count_limit, rounds)))
        return
    stats, systemerrors = sweep(name, pickle.loads(sys.stdin.buffer.read()), count_limit,
                                rounds)
    print(repr((stats, systemerrors)))


if __name__ == "__main__":
    main()
