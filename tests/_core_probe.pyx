"""Test-only Python entry points into fastdt's C core (not part of fastdt).

Each function runs one stage of the core on its own -- the lexer, the table
lookup, the grammar, the result resolution -- and returns plain Python data,
so tests/test_core_units.py can check each stage against the piece of
dateutil it ports.  Compiled on first use by tests/alloc_counter_build.py
against fastdt's .pxd declarations; it calls the same C functions
``fastdt.parse`` calls (through the modules' exported C-API).
"""
from libc.stdint cimport int64_t
from cpython.unicode cimport PyUnicode_KIND, PyUnicode_DATA, PyUnicode_GET_LENGTH

from fastdt._tokenizer cimport (Source, TokenBuf, CharBuf, Token, tokenize,
                                tokenize_classified, tokenbuf_init,
                                tokenbuf_free, source_strip_nuls, charbuf_free, tok_char,
                                tok_len, TK_SPACE, TK_WORD, TK_NUMBER, TK_OTHER)
from fastdt._tables cimport (CompiledTables, WordEntry, classify, classify_pending,
                             tzoffset_of, convertyear, name_in_utc_raw)
from fastdt._grammar cimport Result, UNSET, DEFERRED, FLAG_DAYFIRST, FLAG_YEARFIRST
from fastdt._status cimport ParseOptions, options_init, ST_NEEDS_PYTHON
from fastdt._core cimport (parse_source, Fields, resolve_fields, resolve_tz, TZ_DEFAULT,
                           TZ_UTC, TZ_OFFSET)
from fastdt._tzcache cimport LocalNames

cdef extern from "Python.h":
    int PyUnicode_READY(object) except -1

# every Status by name, read from fastdt/_status.pxd so that the tests name
# statuses, not numbers
cdef dict _STATUS_NAMES = {}
from fastdt cimport _status as st
_STATUS_NAMES.update({
    st.ST_OK: "OK", st.ST_UNKNOWN_FORMAT: "UNKNOWN_FORMAT", st.ST_NO_DATE: "NO_DATE",
    st.ST_DECIMAL_INVALID: "DECIMAL_INVALID", st.ST_NO_MEMORY: "NO_MEMORY",
    st.ST_BAD_MONTH_NUMBER: "BAD_MONTH_NUMBER", st.ST_C_LONG_OVERFLOW: "C_LONG_OVERFLOW",
    st.ST_C_INT_OVERFLOW: "C_INT_OVERFLOW", st.ST_YEAR_RANGE: "YEAR_RANGE",
    st.ST_MONTH_RANGE: "MONTH_RANGE", st.ST_DAY_RANGE: "DAY_RANGE",
    st.ST_HOUR_RANGE: "HOUR_RANGE", st.ST_MINUTE_RANGE: "MINUTE_RANGE",
    st.ST_SECOND_RANGE: "SECOND_RANGE", st.ST_MICROSECOND_RANGE: "MICROSECOND_RANGE",
    st.ST_WEEKDAY_INDEX: "WEEKDAY_INDEX", st.ST_DATE_OVERFLOW: "DATE_OVERFLOW",
    st.ST_NEEDS_LOWER: "NEEDS_LOWER", st.ST_NEEDS_FLAGS: "NEEDS_FLAGS",
    st.ST_NEEDS_OF_YEAR: "NEEDS_OF_YEAR", st.ST_NEEDS_CONVERTYEAR: "NEEDS_CONVERTYEAR",
    st.ST_NEEDS_DECIMAL: "NEEDS_DECIMAL", st.ST_TZ_LOCAL: "TZ_LOCAL",
    st.ST_UNKNOWN_TZNAME: "UNKNOWN_TZNAME", st.ST_LOCAL_NAMES: "LOCAL_NAMES",
})
NEEDS_PYTHON = ST_NEEDS_PYTHON
STATUS_NAMES = dict(_STATUS_NAMES)

_KINDS = {TK_SPACE: "space", TK_WORD: "word", TK_NUMBER: "number", TK_OTHER: "other"}


cdef void _source(str text, Source* src):
    PyUnicode_READY(text)
    src.kind = PyUnicode_KIND(text)
    src.data = PyUnicode_DATA(text)
    src.length = PyUnicode_GET_LENGTH(text)


cdef str _token_text(const Source* src, const Token* t):
    return "".join([chr(tok_char(src, t, k)) for k in range(tok_len(t))])


def tokens(str text):
    """The lexer's tokens: [(kind, text as dateutil sees it), ...]."""
    cdef Source src
    cdef CharBuf chars
    cdef TokenBuf toks
    cdef Py_ssize_t i
    _source(text, &src)
    tokenbuf_init(&toks)
    chars.items = chars.inline_items
    try:
        if source_strip_nuls(&src, &chars) < 0 or tokenize(&src, &toks) < 0:
            raise MemoryError()
        return [(_KINDS[toks.items[i].kind], _token_text(&src, &toks.items[i]))
                for i in range(toks.count)]
    finally:
        tokenbuf_free(&toks)
        charbuf_free(&chars)


cdef dict _roles(const WordEntry* w):
    return {"jump": bool(w.jump), "pertain": bool(w.pertain), "utczone": bool(w.utczone),
            "weekday": None if w.weekday < 0 else w.weekday,
            "month": None if w.month == 0 else w.month,
            "hms": None if w.hms < 0 else w.hms, "ampm": None if w.ampm < 0 else w.ampm}


def lookup(CompiledTables tables, str text):
    """``classify`` on the tokens of ``text``: [(token, roles or None), ...]
    and the status (NEEDS_LOWER when a token needs Python's str.lower())."""
    cdef Source src
    cdef CharBuf chars
    cdef TokenBuf toks
    cdef Py_ssize_t i
    cdef int status
    _source(text, &src)
    tokenbuf_init(&toks)
    chars.items = chars.inline_items
    try:
        if source_strip_nuls(&src, &chars) < 0 or tokenize(&src, &toks) < 0:
            raise MemoryError()
        status = classify(&tables.c, &src, &toks)
        return [(_token_text(&src, &toks.items[i]),
                 None if toks.items[i].word < 0 else _roles(&tables.c.words[toks.items[i].word]))
                for i in range(toks.count)], _STATUS_NAMES[status]
    finally:
        tokenbuf_free(&toks)
        charbuf_free(&chars)


def lookup_fused(CompiledTables tables, str text):
    """``lookup`` through the parse path's lexer, which looks words up as it
    reads them (``tokenize_classified``, then ``classify_pending``): the
    same answer as ``lookup``."""
    cdef Source src
    cdef CharBuf chars
    cdef TokenBuf toks
    cdef Py_ssize_t i
    cdef int status = 0
    _source(text, &src)
    tokenbuf_init(&toks)
    chars.items = chars.inline_items
    try:
        if (source_strip_nuls(&src, &chars) < 0
                or tokenize_classified(&src, &tables.c, &toks, False) < 0):
            raise MemoryError()
        if toks.pending:
            status = classify_pending(&tables.c, &src, &toks)
        return [(_token_text(&src, &toks.items[i]),
                 None if toks.items[i].word < 0 else _roles(&tables.c.words[toks.items[i].word]))
                for i in range(toks.count)], _STATUS_NAMES[status]
    finally:
        tokenbuf_free(&toks)
        charbuf_free(&chars)


def tzoffset(CompiledTables tables, str name):
    """``parserinfo.tzoffset(name)`` from the compiled tables."""
    cdef long out = 0
    cdef Py_UCS4 chars[16]
    if len(name) > 16:
        return None
    for k in range(len(name)):
        chars[k] = ord(name[k])
    return out if tzoffset_of(&tables.c, chars, len(name), &out) else None


def in_utc_raw(CompiledTables tables, str name):
    """``name in parserinfo.UTCZONE`` from the compiled tables."""
    cdef Py_UCS4 chars[16]
    if len(name) > 16:
        return False
    for k in range(len(name)):
        chars[k] = ord(name[k])
    return bool(name_in_utc_raw(&tables.c, chars, len(name)))


def c_convertyear(CompiledTables tables, int64_t year, bint century_specified):
    """The C ``parserinfo.convertyear`` (tables without a Python override)."""
    return convertyear(&tables.c, year, century_specified)


cdef object _field(int64_t v):
    if v == UNSET:
        return None
    if v == DEFERRED:
        return "DEFERRED"
    return v


cdef dict _result_dict(const Result* res):
    return {
        "year": _field(res.year), "month": _field(res.month), "day": _field(res.day),
        "weekday": None if res.weekday == UNSET else res.weekday,
        "hour": _field(res.hour), "minute": _field(res.minute),
        "second": _field(res.second), "microsecond": _field(res.microsecond),
        "tzname": None if res.tzname_len == UNSET else
                  "".join([chr(res.tzname[k]) for k in range(res.tzname_len)]),
        "tzoffset": res.tzoffset if res.has_tzoffset else None,
        "ampm": None if res.ampm == UNSET else res.ampm,
        "century_specified": bool(res.century_specified),
    }


def grammar(CompiledTables tables, str text, dayfirst=None, yearfirst=None,
            bint fuzzy=False, Py_ssize_t int_max_str_digits=0):
    """``parse_source`` alone, as a C caller without the GIL would run it:
    (status name, the Result's fields, the flags it asked for)."""
    cdef Source src
    cdef CharBuf chars
    cdef TokenBuf toks
    cdef ParseOptions opts
    cdef Result res
    cdef int status
    options_init(&opts, -1 if dayfirst is None else bool(dayfirst),
                 -1 if yearfirst is None else bool(yearfirst), fuzzy, int_max_str_digits)
    _source(text, &src)
    tokenbuf_init(&toks)
    chars.items = chars.inline_items
    try:
        if source_strip_nuls(&src, &chars) < 0:
            raise MemoryError()
        with nogil:
            status = parse_source(&src, &toks, &tables.c, &opts, &res)
        asked = set()
        if status == st.ST_NEEDS_FLAGS:
            if res.flags_missing & FLAG_DAYFIRST:
                asked.add("dayfirst")
            if res.flags_missing & FLAG_YEARFIRST:
                asked.add("yearfirst")
        return _STATUS_NAMES[status], _result_dict(&res), asked
    finally:
        tokenbuf_free(&toks)
        charbuf_free(&chars)


def resolve(dict fields, tuple default, local_names=("UTC", "UTC"), bint ignoretz=False):
    """``resolve_fields`` then ``resolve_tz`` on a Result built from
    ``fields`` (as ``grammar`` returns them) over the default's
    ``(y, m, d, h, mi, s, us, fold)``: (status name, answer fields)."""
    cdef Result res
    cdef Fields f
    cdef LocalNames names
    cdef int status
    res.year = UNSET if fields["year"] is None else fields["year"]
    res.month = UNSET if fields["month"] is None else fields["month"]
    res.day = UNSET if fields["day"] is None else fields["day"]
    res.weekday = UNSET if fields["weekday"] is None else fields["weekday"]
    res.hour = UNSET if fields["hour"] is None else fields["hour"]
    res.minute = UNSET if fields["minute"] is None else fields["minute"]
    res.second = UNSET if fields["second"] is None else fields["second"]
    res.microsecond = UNSET if fields["microsecond"] is None else fields["microsecond"]
    res.has_tzoffset = fields["tzoffset"] is not None
    res.tzoffset = fields["tzoffset"] or 0
    name = fields["tzname"]
    res.tzname_len = UNSET if name is None else len(name)
    for k in range(0 if name is None else len(name)):
        res.tzname[k] = ord(name[k])
    (f.year, f.month, f.day, f.hour, f.minute, f.second, f.microsecond, f.fold) = default
    f.tz = TZ_DEFAULT
    f.utcoffset = 0
    names.exotic = local_names is None
    for k in range(2):
        names.len[k] = -1 if local_names is None else len(local_names[k])
        for i in range(0 if local_names is None else len(local_names[k])):
            names.name[k][i] = ord(local_names[k][i])
    with nogil:
        status = resolve_fields(&res, &f)
        if status == st.ST_OK and not ignoretz:
            status = resolve_tz(&res, &names, &f)
    tz = {TZ_DEFAULT: "default", TZ_UTC: "utc", TZ_OFFSET: "offset"}[f.tz]
    return _STATUS_NAMES[status], {
        "fields": (f.year, f.month, f.day, f.hour, f.minute, f.second, f.microsecond),
        "fold": f.fold, "tz": tz, "utcoffset": f.utcoffset}
