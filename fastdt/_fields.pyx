"""``fastdt.parse_fields``, and the methods ``fastdt.patch_dateutil()``
puts on dateutil's classes.

``parse_fields`` (and ``Parser.parse_fields``, registered into
``fastdt._parser`` at import) returns the fields of dateutil's ``_parse`` as
a ``fastdt.ParsedFields`` record, from the same grammar run as the patch's
``_parse`` below (``grammar_fields``).

``parser.parse`` and ``parser._parse`` replacements, and the function the
``_takes_ascii`` wrapper of ``isoparser.isoparse`` calls.  Each one takes
the fastdt path only where fastdt's answer is dateutil's by construction
(a plain ``parser``/``isoparser``, a ``parserinfo`` whose lookup methods
are the stock ones, a str or bytes input) and otherwise calls the original
dateutil function it replaced, so the patch never changes an answer.

``_parse`` mirrors ``dateutil.parser._parser.parser._parse``: it runs
fastdt's lexer and grammar (``_core.parse_source``, which includes
``parserinfo.validate``) and returns dateutil's own ``_result`` object
without building a datetime, for pandas, which reads the fields itself.
"""
from libc.stdint cimport int64_t
from cpython.unicode cimport (PyUnicode_Check, PyUnicode_GET_LENGTH, PyUnicode_KIND,
                              PyUnicode_DATA, PyUnicode_FromKindAndData,
                              PyUnicode_4BYTE_KIND)
from cpython.bytes cimport PyBytes_Check
from cpython.bytearray cimport PyByteArray_Check

from fastdt._tokenizer cimport (Source, TokenBuf, CharBuf, tokenize, tokenbuf_init,
                                tokenbuf_free, source_strip_nuls, charbuf_free)
from fastdt._tables cimport CompiledTables
from fastdt._grammar cimport UNSET, Result, parse_iso_fast
from fastdt._status cimport (ParseOptions, options_init, ST_OK, ST_UNKNOWN_FORMAT,
                             ST_NO_DATE, ST_NO_MEMORY, ST_NEEDS_PYTHON)
from fastdt._core cimport parse_source
from fastdt._parser cimport (finish_in_python, tables_for, default_tables,
                             register_fields_entry)
from fastdt._onearg cimport install_one_arg_entry
from fastdt._record cimport (ParsedFields, record_from_result, record_from_dateutil,
                             required_bits, result_bits, record_bits, raise_missing)

import sys as _sys
from dateutil.parser import parserinfo as _parserinfo
from dateutil.parser import ParserError as _DateutilParserError
from dateutil.parser import isoparser as _du_isoparser
from dateutil.parser._parser import parser as _du_parser
from fastdt._fallback import DateutilParser as _FallbackParser, OutOfMemory as _OutOfMemory

from fastdt._parser import Parser as _Parser, ParserError as _ParserError
from fastdt._isoparser import isoparser as _isoparser, DEFAULT_ISOPARSER as _DEFAULT_ISO

cdef extern from "Python.h":
    int PyUnicode_READY(object) except -1

_get_int_max_str_digits = getattr(_sys, "get_int_max_str_digits", lambda: 0)

# Fields past this were saturated by the grammar (int64 overflow): only
# dateutil's own _parse has the exact big int.
cdef int64_t _EXACT_LIMIT = 1000000000000000000

# The lookup methods fastdt answers from compiled tables (fastdt._tables):
# an info overriding one is served by dateutil itself under the patch.
_TABLE_METHODS = ("jump", "weekday", "month", "hms", "ampm", "pertain",
                  "utczone", "tzoffset", "validate")
_KNOWN_KWARGS = frozenset(("dayfirst", "yearfirst", "fuzzy", "fuzzy_with_tokens"))
_INHERITABLE = frozenset(("__module__", "__qualname__", "__doc__", "__dict__",
                          "__weakref__", "__init__", "__firstlineno__",
                          "__static_attributes__", "__annotations__", "parse"))

# dateutil's functions the patch replaced, set by fastdt._patch.install().
cdef object _orig_parse = None
cdef object _orig__parse = None
cdef object _orig_isoparse = None

# dateutil's own parser._parse, captured before any patch can replace it:
# parse_fields hands it what only dateutil can answer.
cdef object _dateutil__parse = _du_parser._parse

cdef enum:
    # grammar_fields: only dateutil's own _parse has the exact answer
    FIELDS_ASK_DATEUTIL = 100


def install(orig_parse, orig__parse, orig_isoparse):
    """Record the dateutil functions the replacements fall back to."""
    global _orig_parse, _orig__parse, _orig_isoparse
    _orig_parse = orig_parse
    _orig__parse = orig__parse
    _orig_isoparse = orig_isoparse


def _originals():
    """The dateutil functions recorded by install() (for tests)."""
    return (_orig_parse, _orig__parse, _orig_isoparse)


# --- which dateutil objects fastdt may serve ---------------------------------

# type -> bool: a dateutil parser/isoparser subclass that overrides none of
# the methods parse() runs through behaves as the base class.
cdef dict _plain_types = {}


cdef bint _is_plain(object cls, object base):
    cdef object known = _plain_types.get(cls)
    if known is not None:
        return known
    plain = True
    for klass in cls.__mro__:
        if klass is base:
            break
        if klass is object:   # not a subclass of base at all
            plain = False
            break
        if not set(klass.__dict__) <= _INHERITABLE:
            plain = False
            break
    _plain_types[cls] = plain
    return plain


cdef class _Served:
    """What serves one parserinfo: a fastdt Parser and its compiled tables,
    or (``parser`` None) dateutil itself."""
    cdef readonly object info
    cdef readonly object parser
    cdef CompiledTables compiled


# id(info) -> _Served.  The entries hold their info, so an id is not reused
# while it is a key; the dict is cleared when it grows past a bound (a new
# parserinfo per call must not pile up).
cdef dict _served = {}
cdef enum:
    SERVED_MAX = 64


cdef _Served _served_for(object self):
    """How a dateutil parser's call is served (None: by dateutil)."""
    cdef object cls = type(self)
    cdef _Served served
    if cls is not _du_parser and not _is_plain(cls, _du_parser):
        return None
    info = self.info
    entry = _served.get(id(info))
    if entry is None or (<_Served>entry).info is not info:
        entry = _serve(info)
    served = <_Served>entry
    return served if served.parser is not None else None


cdef _Served _serve(object info):
    cdef _Served served = _Served.__new__(_Served)
    served.info = info
    info_cls = type(info)
    if (isinstance(info, _parserinfo) and
            all(getattr(info_cls, name) is getattr(_parserinfo, name)
                for name in _TABLE_METHODS)):
        served.parser = _Parser(info)
        served.compiled = CompiledTables(info)
    if len(_served) >= SERVED_MAX:
        _served.clear()
    _served[id(info)] = served
    return served


# --- parser.parse ------------------------------------------------------------

def parse(self, timestr, default=None, ignoretz=False, tzinfos=None, **kwargs):
    """``dateutil.parser.parser.parse`` on fastdt (patched in by
    ``fastdt.patch_dateutil()``); the same arguments and answers."""
    cdef _Served served = _served_for(self)
    if (served is None or
            not (PyUnicode_Check(timestr) or PyBytes_Check(timestr)
                 or PyByteArray_Check(timestr)) or
            (kwargs and not _KNOWN_KWARGS.issuperset(kwargs))):
        return _orig_parse(self, timestr, default, ignoretz, tzinfos, **kwargs)
    try:
        return served.parser.parse(timestr, default, ignoretz, tzinfos, **kwargs)
    except _ParserError as e:
        err = e
    raise _as_dateutil_error(err)


cdef object _as_dateutil_error(object err):
    """fastdt's ParserError as dateutil's own class, cause and all."""
    new = _DateutilParserError(*err.args)
    new.__cause__ = err.__cause__
    new.__context__ = err.__context__
    new.__suppress_context__ = err.__suppress_context__
    return new


# --- parser._parse -----------------------------------------------------------

def _parse(self, timestr, dayfirst=None, yearfirst=None, fuzzy=False,
           fuzzy_with_tokens=False):
    """``dateutil.parser.parser._parse`` on fastdt: ``(res, None)`` with
    dateutil's ``_result`` fields, or ``(None, None)`` for an unknown format."""
    cdef _Served served = _served_for(self)
    if served is None or fuzzy_with_tokens:
        return _orig__parse(self, timestr, dayfirst, yearfirst, fuzzy, fuzzy_with_tokens)
    if PyUnicode_Check(timestr):
        text = timestr
    elif PyBytes_Check(timestr) or PyByteArray_Check(timestr):
        text = timestr.decode()    # as dateutil's _timelex
    else:
        return _orig__parse(self, timestr, dayfirst, yearfirst, fuzzy, fuzzy_with_tokens)
    try:
        res = _fields(served.compiled, text, dayfirst, yearfirst,
                      True if fuzzy else False, type(self)._result)
    except MemoryError:
        raise                   # no verdict on the string: not dateutil's to redo
    except Exception:
        # Only inputs whose parse raises reach here; dateutil's _parse
        # decides which of those it turns into (None, None).
        res = None
    if res is None:
        return _orig__parse(self, timestr, dayfirst, yearfirst, fuzzy, fuzzy_with_tokens)
    return res


cdef object _fields(CompiledTables compiled, str text, object dayfirst, object yearfirst,
                    bint fuzzy, object result_cls):
    """The grammar's fields for ``text`` as ``(res, None)``, ``(None, None)``
    for dateutil's unknown format, or None when only dateutil can say."""
    cdef Result res
    cdef int status = grammar_fields(compiled, text, dayfirst, yearfirst, fuzzy, &res)
    if status == ST_UNKNOWN_FORMAT:
        return (None, None)
    if status == FIELDS_ASK_DATEUTIL:
        return None
    return (_result_object(&res, result_cls), None)


# --- the grammar's fields, shared by the patch's _parse and parse_fields -------

cdef int grammar_fields(CompiledTables tables, str text, object dayfirst, object yearfirst,
                        bint fuzzy, Result* res) except -1:
    """dateutil's ``parser._parse(text, dayfirst, yearfirst, fuzzy)`` on the
    compiled tables, into ``res``.

    Returns ST_OK or ST_NO_DATE (``res`` holds the fields of the ``_result``
    dateutil returns; all UNSET for ST_NO_DATE, which ``parse`` rejects),
    ST_UNKNOWN_FORMAT (``_parse`` returns ``(None, None)``), or
    FIELDS_ASK_DATEUTIL: only dateutil's own ``_parse`` has the answer (a
    number past int64, Decimal's InvalidOperation).
    """
    cdef ParseOptions opts
    options_init(&opts, -1 if dayfirst is None else bool(dayfirst),
                 -1 if yearfirst is None else bool(yearfirst), fuzzy, 0)
    PyUnicode_READY(text)
    # The ISO shortcut, on the str as it is (a string it takes has no NUL to
    # strip) and before any buffer is set up: most of an ISO column's cost.
    if (tables.c.iso_shortcut and PyUnicode_KIND(text) == 1
            and PyUnicode_GET_LENGTH(text) <= 64
            and parse_iso_fast(<const unsigned char*>PyUnicode_DATA(text),
                               PyUnicode_GET_LENGTH(text), res) == ST_OK):
        # dayfirst would read YYYY-MM-DD with DD <= 12 as YYYY-DD-MM
        if res.day > 12:
            return ST_OK
        if opts.dayfirst < 0 and not tables.fill_flags(&opts):
            opts.dayfirst = tables.read_dayfirst()
        if not opts.dayfirst:
            return ST_OK
    return _grammar_general(tables, text, &opts, res)


cdef int _grammar_general(CompiledTables tables, str text, ParseOptions* opts,
                          Result* res) except -1:
    """grammar_fields past the ISO shortcut: lexer, tables, grammar."""
    cdef Source src
    cdef CharBuf chars
    cdef TokenBuf toks
    cdef int status
    src.kind = PyUnicode_KIND(text)
    src.data = PyUnicode_DATA(text)
    src.length = PyUnicode_GET_LENGTH(text)
    tokenbuf_init(&toks)
    chars.items = chars.inline_items
    try:
        if source_strip_nuls(&src, &chars) < 0:
            raise MemoryError()
        if src.length > 640:
            opts.int_max_str_digits = _get_int_max_str_digits()
        if opts.dayfirst < 0 or opts.yearfirst < 0:
            # the parserinfo's flags, known for its dict's version (as
            # parse() does): a date needing them takes one grammar pass
            tables.fill_flags(opts)
        status = parse_source(&src, &toks, &tables.c, opts, res)
        if status >= ST_NEEDS_PYTHON:
            status = finish_in_python(tables, &src, &toks, opts, res, status)
        if status == ST_UNKNOWN_FORMAT:
            return ST_UNKNOWN_FORMAT
        if status == ST_NO_MEMORY:
            raise MemoryError()
        if status != ST_OK and status != ST_NO_DATE:
            return FIELDS_ASK_DATEUTIL
    finally:
        tokenbuf_free(&toks)
        charbuf_free(&chars)
    if not _exact(res):
        return FIELDS_ASK_DATEUTIL
    return status


cdef bint _exact(const Result* res) noexcept:
    return (res.year < _EXACT_LIMIT and res.month < _EXACT_LIMIT
            and res.day < _EXACT_LIMIT and res.hour < _EXACT_LIMIT
            and res.minute < _EXACT_LIMIT and res.second < _EXACT_LIMIT
            and res.microsecond < _EXACT_LIMIT
            and -_EXACT_LIMIT < res.tzoffset < _EXACT_LIMIT)


cdef inline object _field(int64_t v):
    return None if v == UNSET else v


cdef object _result_object(const Result* res, object result_cls):
    """dateutil's ``parser._result`` holding the grammar's fields."""
    obj = result_cls.__new__(result_cls)
    obj.year = _field(res.year)
    obj.month = _field(res.month)
    obj.day = _field(res.day)
    obj.weekday = None if res.weekday == UNSET else res.weekday
    obj.hour = _field(res.hour)
    obj.minute = _field(res.minute)
    obj.second = _field(res.second)
    obj.microsecond = _field(res.microsecond)
    obj.tzname = (None if res.tzname_len == UNSET else
                  PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, res.tzname,
                                            res.tzname_len))
    obj.tzoffset = res.tzoffset if res.has_tzoffset else None
    obj.ampm = None if res.ampm == UNSET else res.ampm
    obj.any_unused_tokens = None
    obj.century_specified = True if res.century_specified else False
    return obj


# --- isoparser.isoparse ------------------------------------------------------

# dateutil's isoparser._sep (None or one ASCII byte) -> fastdt isoparser
cdef dict _isoparsers = {None: _DEFAULT_ISO}


def isoparse(self, dt_str):
    """The function dateutil's ``_takes_ascii`` wrapper of
    ``isoparser.isoparse`` calls, on fastdt: ``dt_str`` is what the wrapper
    made of the input (ASCII bytes for a str or a stream of str)."""
    if type(dt_str) is bytes and (type(self) is _du_isoparser or
                                  _is_plain(type(self), _du_isoparser)):
        sep = getattr(self, "_sep", False)
        fast = _isoparsers.get(sep)
        if fast is None and type(sep) is bytes and len(sep) == 1 and sep[0] < 128:
            fast = _isoparsers[sep] = _isoparser(sep.decode("ascii"))
        if fast is not None:
            return fast.isoparse(dt_str)
    return _orig_isoparse(self, dt_str)


# --- fastdt.parse_fields -------------------------------------------------------

def parse_fields(timestr, parserinfo=None, *, dayfirst=None, yearfirst=None, fuzzy=False,
                 required=None, ambiguous="ignore"):
    """The fields a date string gives, without filling in any from a default.

    What ``dateutil.parser.parser(parserinfo)._parse(timestr, ...)`` finds,
    as an immutable ``fastdt.ParsedFields`` record; a field the string does
    not give is None.  Same grammar, options and errors as ``fastdt.parse``,
    which builds its datetime from exactly these fields.

    :param timestr: a ``str``, ``bytes``/``bytearray`` (UTF-8, as dateutil
        reads them) or a character stream with ``read()``.
    :param parserinfo: a ``dateutil.parser.parserinfo`` (or subclass) for
        other month and weekday names, jump words, zone offsets; ``None``
        for dateutil's English defaults.  Its tables are compiled on first
        use and shared with ``fastdt.parse``.
    :param dayfirst: ``True`` reads ``01/05/09`` day first (1 May); ``None``
        takes the parserinfo's ``dayfirst``.
    :param yearfirst: ``True`` reads ``01/05/09`` year first (2001-05-09);
        ``None`` takes the parserinfo's ``yearfirst``.
    :param fuzzy: ``True`` skips words that are not part of a date
        (``"Today is 25 of September of 2003"``).
    :param required: field names the string must give, e.g.
        ``("year", "month", "day")`` (a single name may be a str); ``None``
        requires nothing.  Names: year, month, day, weekday, hour, minute,
        second, microsecond, tzname, tzoffset.
    :param ambiguous: ``"ignore"`` (the default) answers for the settings
        given; ``"raise"`` raises ``AmbiguousDateError`` instead when the
        string reads another way under a ``dayfirst`` or ``yearfirst`` left
        None (``01/05/09``), naming each reading: pass both to choose.
        ``fastdt.readings`` lists them.
    :returns: a ``fastdt.ParsedFields``.  A string that holds no date field
        at all (``""``, or only jump words), for which ``parse`` raises
        "String does not contain a date", gives a record with every field
        None, as dateutil's ``_parse`` does.
    :raises ParserError: (a ``ValueError``; ``except
        dateutil.parser.ParserError`` catches it) where ``parse`` raises
        "Unknown string format", with the same message.
    :raises MissingFieldsError: (a ``ParserError``) when the string lacks a
        field named in ``required``; its ``missing`` attribute names them.
    :raises TypeError: when ``timestr`` is not a str, bytes, bytearray or
        character stream, or ``required`` holds something other than names.
    :raises AmbiguousDateError: (a ``ParserError``) with
        ``ambiguous="raise"``, as above; its ``readings`` holds them.
    :raises ValueError: when ``required`` holds an unknown field name, or
        ``ambiguous`` is neither ``"ignore"`` nor ``"raise"``.
    """
    if ambiguous != "ignore":
        return _parse_fields_unambiguous(timestr, parserinfo, dayfirst, yearfirst, fuzzy,
                                         required, ambiguous)
    if not parserinfo:
        return _parse_fields(default_tables(), None, timestr, dayfirst, yearfirst, fuzzy,
                             required)
    if not isinstance(parserinfo, _parserinfo):
        # a duck-typed "parserinfo": dateutil's own parser serves it
        return _parse_fields(None, parserinfo, timestr, dayfirst, yearfirst, fuzzy, required)
    return _parse_fields(tables_for(parserinfo), parserinfo, timestr, dayfirst, yearfirst,
                         fuzzy, required)


cdef object _parse_fields_unambiguous(object timestr, object parserinfo, object dayfirst,
                                      object yearfirst, object fuzzy, object required,
                                      object ambiguous):
    """``parse_fields`` with ``ambiguous`` other than "ignore"."""
    from fastdt._format import refuse_ambiguous, _refuses_ambiguity, read_once
    if not _refuses_ambiguity(ambiguous):
        ambiguous = "ignore"
    else:
        timestr = read_once(timestr)
    rec = parse_fields(timestr, parserinfo, dayfirst=dayfirst, yearfirst=yearfirst,
                       fuzzy=fuzzy, required=required)
    if ambiguous != "ignore":
        refuse_ambiguous(rec, timestr, parserinfo, dayfirst, yearfirst, fuzzy, False)
    return rec


cdef object _parse_fields(CompiledTables tables, object info, object timestr,
                          object dayfirst, object yearfirst, object fuzzy, object required):
    """``parse_fields`` on ``tables`` (None: dateutil's parser for ``info``)."""
    cdef int bits = 0 if required is None else required_bits(required)
    cdef Result res
    cdef int status
    cdef ParsedFields rec
    if tables is not None:
        text = None
        if PyUnicode_Check(timestr):
            text = timestr
        elif PyBytes_Check(timestr) or PyByteArray_Check(timestr):
            text = timestr.decode()        # as dateutil's _timelex
        if text is not None:
            status = grammar_fields(tables, text, dayfirst, yearfirst,
                                    True if fuzzy else False, &res)
            if status == ST_UNKNOWN_FORMAT:
                raise _ParserError("Unknown string format: %s", timestr)
            if status != FIELDS_ASK_DATEUTIL:
                if bits and (bits & ~result_bits(&res)):
                    raise_missing(bits & ~result_bits(&res), timestr)
                return record_from_result(&res)
        info = tables.parserinfo
    # streams, a duck-typed parserinfo, numbers past int64: dateutil's own
    # _parse, so the answer (or exception) is dateutil's by construction
    try:
        du_res = _dateutil__parse(_FallbackParser(info), timestr, dayfirst, yearfirst,
                                  fuzzy)[0]
    except _OutOfMemory:
        raise MemoryError() from None      # fastdt/_fallback.py: never "no date"
    if du_res is None:
        raise _ParserError("Unknown string format: %s", timestr)
    rec = record_from_dateutil(du_res)
    if bits and (bits & ~record_bits(rec)):
        raise_missing(bits & ~record_bits(rec), timestr)
    return rec


cdef object _parse_fields_one(object timestr):
    """``parse_fields(timestr)``, the bare call (fastdt/_onearg.pxd)."""
    return _parse_fields(default_tables(), None, timestr, None, None, False, None)


install_one_arg_entry(parse_fields, _parse_fields_one)

# Parser.parse_fields (fastdt._parser cannot import this module, which
# imports it)
register_fields_entry(_parse_fields)
