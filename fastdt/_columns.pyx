"""The C loop behind ``fastdt.parse_array``.

A column (a tuple of str/bytes/None, a numpy ``U``/``S`` buffer, or Arrow
string buffers) is read element by element straight from its memory into a
``Source``, parsed by the same grammar as ``fastdt.parse``, resolved against
the call's ``default``/``tzinfos`` into plain fields, and written as one
int64 (``datetime64[unit]``) into an output buffer allocated once by the
caller.  No Python object is made per element.

What needs Python is confined to single elements: a ``tzinfos`` callable, a
``tzinfos`` value that is not a fixed offset, a local-zone name (``tzlocal``),
or an element that is not str/bytes.  Such an element takes the GIL and is
answered by the public ``Parser.parse`` itself, so its meaning is
``parse``'s by construction.

Failures are not raised here: each range reports the first position that
failed (and the first aware value when ``utc=False``); the Python edge
(``fastdt._array``) re-parses that one element to raise ``parse``'s own
exception with the position added.
"""
from libc.stdint cimport int64_t, int32_t, uint8_t, uint64_t, INT64_MIN, INT64_MAX
from libc.stdlib cimport malloc, realloc, free
from libc.string cimport memcpy
from libc.time cimport time_t, tm
from cpython.ref cimport PyObject, Py_INCREF, Py_XDECREF
from cpython.datetime cimport (import_datetime, PyDateTime_CheckExact, PyDateTime_Check,
                               PyDateTime_GET_YEAR, PyDateTime_GET_MONTH, PyDateTime_GET_DAY,
                               PyDateTime_DATE_GET_HOUR, PyDateTime_DATE_GET_MINUTE,
                               PyDateTime_DATE_GET_SECOND, PyDateTime_DATE_GET_MICROSECOND,
                               PyDateTime_DELTA_GET_DAYS, PyDateTime_DELTA_GET_SECONDS,
                               PyDateTime_DELTA_GET_MICROSECONDS, PyDelta_Check,
                               datetime_tzinfo)
from cpython.unicode cimport PyUnicode_FromKindAndData, PyUnicode_4BYTE_KIND, PyUnicode_Check
from cpython.bytes cimport PyBytes_FromStringAndSize
from cpython.buffer cimport PyObject_GetBuffer, PyBuffer_Release, PyBUF_SIMPLE, PyBUF_WRITABLE

from fastdt._tokenizer cimport (Source, TokenBuf, CharBuf, tokenize, tokenbuf_init,
                                tokenbuf_free, source_strip_nuls, charbuf_free, src_char,
                                c_todecimal)
from fastdt._tables cimport CompiledTables, Tables, name_in_utc_raw
from fastdt._grammar cimport UNSET, MAX_TZNAME, Result, parse_iso_fast
from fastdt._status cimport ParseOptions, options_init, ST_OK, ST_NEEDS_PYTHON
from fastdt._core cimport parse_source
from fastdt._parser cimport finish_in_python
from fastdt._build cimport today, Fields, resolve_fields
from fastdt._calendar cimport ymd_to_ordinal
from fastdt._template cimport TemplateSet, templates_init, templates_match, templates_learn
from fastdt._strp cimport (StrpProgram, StrpFields, Names, strp_match, strp_compiled,
                           strp_program, strp_names_for, strp_names_table)
from fastdt._status cimport ST_STRP_CPYTHON, ST_STRP_NO_MATCH

import datetime as _datetime_mod
import sys as _sys
import time as _time

from dateutil.parser import parserinfo as _parserinfo

import_datetime()

cdef extern from "time.h" nogil:
    tm* localtime_r(const time_t* timep, tm* result)

cdef object _real_datetime = _datetime_mod.datetime
cdef object _timezone_type = _datetime_mod.timezone
_get_int_max_str_digits = getattr(_sys, "get_int_max_str_digits", lambda: 0)


# --- C views of Python objects, readable without the GIL ----------------------
# These macros only read an object's own struct (type flags, length, data
# pointer).  A str or bytes is immutable, and the tuple being read holds a
# reference to each item for the whole call, so they are safe without the GIL.
cdef extern from "Python.h" nogil:
    bint p_unicode_check "PyUnicode_Check" (PyObject* o)
    bint p_unicode_is_ready "PyUnicode_IS_READY" (PyObject* o)
    int p_unicode_kind "PyUnicode_KIND" (PyObject* o)
    void* p_unicode_data "PyUnicode_DATA" (PyObject* o)
    Py_ssize_t p_unicode_length "PyUnicode_GET_LENGTH" (PyObject* o)
    bint p_bytes_check "PyBytes_Check" (PyObject* o)
    char* p_bytes_data "PyBytes_AS_STRING" (PyObject* o)
    Py_ssize_t p_bytes_size "PyBytes_GET_SIZE" (PyObject* o)
    bint p_float_check "PyFloat_Check" (PyObject* o)
    double p_float_value "PyFloat_AS_DOUBLE" (PyObject* o)
    PyObject* p_tuple_item "PyTuple_GET_ITEM" (PyObject* t, Py_ssize_t i)
    PyObject* Py_None_p "Py_None"


cdef int64_t NAT = INT64_MIN        # numpy's NaT

cdef enum:
    # The longest string the GIL-free path reads; dateutil's digit limit
    # (sys.get_int_max_str_digits) only matters past this (see fastdt._parser).
    LONG_SOURCE = 640
    EPOCH_ORDINAL = 719163      # date(1970, 1, 1).toordinal()

# Column kinds: how element i's text is found.
cdef enum ColumnKind:
    COL_OBJECTS = 0      # a tuple of objects
    COL_UCS4 = 1         # numpy 'U': fixed-width UCS4, trailing NULs dropped
    COL_BYTES = 2        # numpy 'S': fixed-width bytes, trailing NULs dropped
    COL_ARROW32 = 3      # Arrow string: int32 offsets + UTF-8 data
    COL_ARROW64 = 4      # Arrow large_string: int64 offsets + UTF-8 data
    COL_ARROW_VIEW = 5   # Arrow string_view: 16-byte views + data buffers

# What one element turned out to be.
cdef enum Outcome:
    V_OK = 0
    V_MISSING = 1        # None, NaN, Arrow null, ...: NaT
    V_FAIL = 2           # parse() would raise, or no UTC offset
    V_AWARE = 3          # aware, but utc=False
    V_SLOW = 4           # needs Python: ask Parser.parse
    V_ABORT = 5          # Python raised what is no verdict on the value
                         # (MemoryError, KeyboardInterrupt): Tally.abort

# How a tz name (or offset) resolves.
cdef enum TzKind:
    TZ_NAIVE = 0
    TZ_FIXED = 1
    TZ_PYTHON = 2
    TZ_FAIL = 3              # a tzinfo whose utcoffset() raises

cdef enum Unit:
    UNIT_S = 0
    UNIT_MS = 1
    UNIT_US = 2
    UNIT_NS = 3

cdef struct TzEntry:
    Py_ssize_t name_len
    Py_UCS4 name[MAX_TZNAME]
    int kind                 # TZ_FIXED or TZ_PYTHON
    int64_t offset_us

cdef struct Options:
    int unit
    bint utc
    bint ignoretz
    bint fuzzy
    bint coerce
    bint all_python          # an unusual option: every element via Parser.parse
    bint tz_callable
    bint iso_shortcut
    bint templates           # learn the column's format (fastdt._template)
    int dayfirst
    int yearfirst
    # the default's fields (an exact naive datetime, or today at midnight)
    int64_t d_year, d_month, d_day, d_hour, d_minute, d_second, d_us
    # borrowed from the Plan, which owns them; touched only with the GIL
    PyObject* info           # the CompiledTables
    const Tables* tables     # its C tables (read without the GIL)
    Py_ssize_t int_max_str_digits   # sys.get_int_max_str_digits() at the call
    PyObject* parse          # (value, position) -> parse(value, <the call's options>)
    PyObject* is_missing     # value -> bool: None/NaN/NaT/NA
    TzEntry* tzinfos
    Py_ssize_t n_tzinfos
    # time.tzname/timezone/altzone/daylight when the call started: names
    # that mean tzlocal(), and what tzlocal() makes of a wall time
    Py_ssize_t local_len[2]
    Py_UCS4 local_name[2][MAX_TZNAME]
    bint local_utc[2]        # the name is also in parserinfo.UTCZONE
    long timezone
    int64_t std_offset_s     # -time.timezone
    int64_t dst_offset_s     # -time.altzone if time.daylight else std
    # parse_array(format=): each element is strptime(value, F) for the first
    # format F that matches; the formats' compiled programs in order (NULL:
    # CPython answers that format) and the locale's names they read, owned
    # (kept alive) by the Plan.  n_strp == 0: the dateutil grammar.
    Py_ssize_t n_strp
    const StrpProgram** strp
    const Names* strp_names

cdef struct Column:
    int kind
    Py_ssize_t length
    Py_ssize_t base          # position of element 0 in the whole input (chunks)
    PyObject* objects        # COL_OBJECTS: the tuple
    const char* data         # fixed width, or Arrow value data
    Py_ssize_t itemsize
    Py_ssize_t data_size
    const uint8_t* validity  # Arrow: NULL when there are no nulls
    Py_ssize_t offset        # Arrow: the array's slice offset
    const int32_t* off32
    const int64_t* off64
    const char* views
    const char** vbufs       # string_view data buffers
    const int64_t* vbuf_sizes
    Py_ssize_t n_vbufs

cdef struct Tally:
    # per range; the Python edge merges the ranges
    Py_ssize_t first_fail
    Py_ssize_t first_aware
    Py_ssize_t n_unknown
    Py_ssize_t first_unknown
    Py_ssize_t unknown_len
    Py_UCS4 unknown_name[MAX_TZNAME]
    Py_ssize_t n_slow
    Py_ssize_t n_template    # elements the format fast path answered
    PyObject* abort          # owned: what V_ABORT stopped on, raised by run()

cdef struct Scratch:
    # per range, reused by every element: the token array (grown on the heap
    # once for long inputs, not per element), and text decoded from UTF-8 or
    # narrowed from UCS4
    TokenBuf toks
    Py_UCS4* wide
    Py_ssize_t wide_cap
    unsigned char* narrow
    Py_ssize_t narrow_cap
    # the formats this range has learned (per range: threads share nothing)
    TemplateSet templates


# --- reading one element ---------------------------------------------------------

cdef bint _utf8_decode(const unsigned char* s, Py_ssize_t n, Py_UCS4* out,
                       Py_ssize_t* out_len) noexcept nogil:
    """Strict UTF-8 (as ``bytes.decode()``); False where it would raise."""
    cdef Py_ssize_t i = 0, k = 0
    cdef unsigned int c, c1, c2, c3
    while i < n:
        c = s[i]
        if c < 0x80:
            out[k] = c
            i += 1
        elif c < 0xC2:
            return False
        elif c < 0xE0:
            if i + 1 >= n:
                return False
            c1 = s[i + 1]
            if c1 & 0xC0 != 0x80:
                return False
            out[k] = ((c & 0x1F) << 6) | (c1 & 0x3F)
            i += 2
        elif c < 0xF0:
            if i + 2 >= n:
                return False
            c1 = s[i + 1]
            c2 = s[i + 2]
            if c1 & 0xC0 != 0x80 or c2 & 0xC0 != 0x80:
                return False
            if (c == 0xE0 and c1 < 0xA0) or (c == 0xED and c1 >= 0xA0):
                return False          # overlong, or a surrogate
            out[k] = ((c & 0x0F) << 12) | ((c1 & 0x3F) << 6) | (c2 & 0x3F)
            i += 3
        elif c < 0xF5:
            if i + 3 >= n:
                return False
            c1 = s[i + 1]
            c2 = s[i + 2]
            c3 = s[i + 3]
            if c1 & 0xC0 != 0x80 or c2 & 0xC0 != 0x80 or c3 & 0xC0 != 0x80:
                return False
            if (c == 0xF0 and c1 < 0x90) or (c == 0xF4 and c1 >= 0x90):
                return False          # overlong, or past U+10FFFF
            out[k] = (((c & 0x07) << 18) | ((c1 & 0x3F) << 12) | ((c2 & 0x3F) << 6)
                      | (c3 & 0x3F))
            i += 4
        else:
            return False
        k += 1
    out_len[0] = k
    return True


cdef inline bint _is_ascii(const unsigned char* s, Py_ssize_t n) noexcept nogil:
    cdef Py_ssize_t k = 0
    cdef uint64_t word
    while k + 8 <= n:          # eight bytes at a time: any high bit is non-ASCII
        memcpy(&word, s + k, 8)
        if word & <uint64_t>0x8080808080808080:
            return False
        k += 8
    while k < n:
        if s[k] >= 0x80:
            return False
        k += 1
    return True


cdef int _grow(Scratch* sc, Py_ssize_t n) noexcept nogil:
    cdef void* p
    if n > sc.wide_cap:
        p = realloc(sc.wide, (n + 64) * sizeof(Py_UCS4))
        if p is NULL:
            return -1
        sc.wide = <Py_UCS4*>p
        sc.wide_cap = n + 64
    if n > sc.narrow_cap:
        p = realloc(sc.narrow, n + 64)
        if p is NULL:
            return -1
        sc.narrow = <unsigned char*>p
        sc.narrow_cap = n + 64
    return 0


cdef int _text_from_utf8(const unsigned char* s, Py_ssize_t n, Scratch* sc,
                         Source* src) noexcept nogil:
    """A bytes/UTF-8 value as the str it decodes to: V_OK, or V_FAIL (invalid)."""
    cdef Py_ssize_t length
    if _is_ascii(s, n):
        src.kind = 1
        src.data = s
        src.length = n
        return V_OK
    if _grow(sc, n) < 0:
        return V_SLOW
    if not _utf8_decode(s, n, sc.wide, &length):
        return V_FAIL
    src.kind = 4
    src.data = sc.wide
    src.length = length
    return V_OK


cdef int _text_from_ucs4(const Py_UCS4* s, Py_ssize_t n, Scratch* sc,
                         Source* src) noexcept nogil:
    """A numpy 'U' value; narrowed to one byte per character when ASCII (the
    kind a str of those characters has), so the ISO shortcut applies."""
    cdef Py_ssize_t k
    while n > 0 and s[n - 1] == 0:
        n -= 1
    for k in range(n):
        if s[k] >= 0x80:
            src.kind = 4
            src.data = s
            src.length = n
            return V_OK
    if _grow(sc, n) < 0:
        return V_SLOW
    for k in range(n):
        sc.narrow[k] = <unsigned char>s[k]
    src.kind = 1
    src.data = sc.narrow
    src.length = n
    return V_OK


cdef inline bint _arrow_valid(const Column* col, Py_ssize_t i) noexcept nogil:
    cdef Py_ssize_t j
    if col.validity is NULL:
        return True
    j = col.offset + i
    return (col.validity[j >> 3] >> (j & 7)) & 1


cdef inline void _arrow_offsets(const Column* col, Py_ssize_t j, int64_t* a,
                                int64_t* b) noexcept nogil:
    """Value j's start and end in an Arrow (large_)string array.  Read with
    memcpy: the offsets buffer need not be aligned (dask, for one, ships
    partitions as pickled Arrow buffers that arrive at odd addresses)."""
    cdef int32_t o32[2]
    if col.kind == COL_ARROW32:
        memcpy(o32, <const char*>col.off32 + 4 * j, 8)
        a[0] = o32[0]
        b[0] = o32[1]
    else:
        memcpy(a, <const char*>col.off64 + 8 * j, 8)
        memcpy(b, <const char*>col.off64 + 8 * (j + 1), 8)


cdef int _element(const Column* col, Py_ssize_t i, Scratch* sc, Source* src) noexcept nogil:
    """Element i's text: V_OK with ``src`` set, V_MISSING, V_FAIL or V_SLOW."""
    cdef PyObject* obj
    cdef const unsigned char* p
    cdef Py_ssize_t n, j
    cdef int64_t a, b
    cdef int32_t vlen, vbuf, voff
    cdef double f
    if col.kind == COL_OBJECTS:
        obj = p_tuple_item(col.objects, i)
        if obj == Py_None_p:
            return V_MISSING
        if p_unicode_check(obj):
            if not p_unicode_is_ready(obj):
                return V_SLOW
            src.kind = p_unicode_kind(obj)
            src.data = p_unicode_data(obj)
            src.length = p_unicode_length(obj)
            return V_OK
        if p_bytes_check(obj):
            if _text_from_utf8(<const unsigned char*>p_bytes_data(obj), p_bytes_size(obj),
                               sc, src) == V_OK:
                return V_OK
            return V_SLOW       # let bytes.decode() raise its own error
        if p_float_check(obj):
            f = p_float_value(obj)
            if f != f:
                return V_MISSING
        return V_SLOW
    if col.kind == COL_UCS4:
        return _text_from_ucs4(<const Py_UCS4*>(col.data + i * col.itemsize),
                               col.itemsize // 4, sc, src)
    if col.kind == COL_BYTES:
        p = <const unsigned char*>(col.data + i * col.itemsize)
        n = col.itemsize
        while n > 0 and p[n - 1] == 0:
            n -= 1
        if _text_from_utf8(p, n, sc, src) == V_OK:
            return V_OK
        return V_SLOW
    if not _arrow_valid(col, i):
        return V_MISSING
    j = col.offset + i
    if col.kind == COL_ARROW32 or col.kind == COL_ARROW64:
        _arrow_offsets(col, j, &a, &b)
    else:
        memcpy(&vlen, col.views + 16 * j, 4)
        if vlen < 0:
            return V_FAIL
        if vlen <= 12:
            return _text_from_utf8(<const unsigned char*>(col.views + 16 * j + 4), vlen,
                                   sc, src)
        memcpy(&vbuf, col.views + 16 * j + 8, 4)
        memcpy(&voff, col.views + 16 * j + 12, 4)
        if vbuf < 0 or vbuf >= col.n_vbufs or voff < 0 or <int64_t>voff + vlen > col.vbuf_sizes[vbuf]:
            return V_FAIL
        return _text_from_utf8(<const unsigned char*>(col.vbufs[vbuf] + voff), vlen, sc, src)
    if a < 0 or b < a or b > col.data_size:
        return V_FAIL
    return _text_from_utf8(<const unsigned char*>(col.data + a), b - a, sc, src)


# --- the grammar ------------------------------------------------------------------

cdef enum:
    G_OK = 0
    G_FAIL = 1
    G_TEMPLATE = 2       # G_OK, by a learned format
    G_SLOW = 3           # Python raised what is no verdict: redo it in Python


cdef int _grammar_core(const Source* src, const Options* o, TokenBuf* toks,
                       Result* res) noexcept nogil:
    """Tokens, tables and grammar (``fastdt._core.parse_source``) for a
    source the ISO shortcut did not take: G_OK or G_FAIL (parse raises)."""
    cdef ParseOptions opts
    cdef int status
    options_init(&opts, o.dayfirst, o.yearfirst, o.fuzzy,
                 o.int_max_str_digits if src.length > LONG_SOURCE else 0)
    status = parse_source(src, toks, o.tables, &opts, res)
    if status == ST_OK:
        return G_OK
    if status >= ST_NEEDS_PYTHON:
        return _finish_gil(src, o, toks, &opts, res, status)
    return G_FAIL


cdef int _finish_gil(const Source* src, const Options* o, TokenBuf* toks,
                     ParseOptions* opts, Result* res, int status) noexcept with gil:
    """The grammar's steps that need Python (a Python convertyear, Decimal
    past 28 digits, str.lower()), taken as ``fastdt.parse`` takes them."""
    try:
        status = finish_in_python(<CompiledTables>o.info, src, toks, opts, res, status)
    except BaseException as exc:
        # a MemoryError here says nothing of the string: the element goes
        # to _slow_element, which answers it or stops the loop with it
        return G_FAIL if _is_verdict(exc) else G_SLOW
    return G_OK if status == ST_OK else G_FAIL


cdef inline bint _is_verdict(object exc):
    """True when ``exc`` from parsing an element means "this value does not
    parse" (NaT with errors="coerce"; raised again, at its position, by the
    Python edge otherwise).  MemoryError, SystemError (CPython's own answer
    to some failed allocations) and the BaseExceptions that are not
    Exceptions (KeyboardInterrupt, SystemExit) say nothing of the value."""
    return isinstance(exc, Exception) and not isinstance(exc, (MemoryError, SystemError))


cdef int _grammar(const Source* src_in, const Options* o, TokenBuf* toks, Result* res,
                  int64_t* nanos, TemplateSet* templates) noexcept nogil:
    """``src`` into a Result as ``fastdt.parse`` would; G_OK or G_FAIL.

    With ``o.templates``, a string matching a format learned from earlier
    elements is read by ``templates_match`` (the same Result, without
    lexing); one the grammar parses may become a template."""
    cdef Source src = src_in[0]
    cdef CharBuf chars
    cdef int status = G_FAIL
    if o.templates and templates.n and templates_match(templates, &src, o.tables, res):
        if o.unit == UNIT_NS:
            nanos[0] = _fraction_nanos(&src, res.microsecond)
        return G_TEMPLATE
    chars.items = chars.inline_items
    if source_strip_nuls(&src, &chars) < 0:
        return G_FAIL
    if (o.iso_shortcut and src.kind == 1 and
            parse_iso_fast(<const unsigned char*>src.data, src.length, res) == 0 and
            not (res.day <= 12 and o.dayfirst)):
        status = G_OK
    else:
        status = _grammar_core(&src, o, toks, res)
        if status == G_OK and o.templates and src.kind == 1 and src.length == src_in.length:
            templates_learn(templates, &src, o.tables, res)
    if status == G_OK and o.unit == UNIT_NS:
        nanos[0] = _fraction_nanos(&src, res.microsecond)
    charbuf_free(&chars)
    return status


cdef int64_t _fraction_nanos(const Source* src, int64_t microsecond) noexcept nogil:
    """Digits 7-9 of the fraction that gave ``microsecond`` (dateutil drops them).

    The fraction is a digit run after '.' or ',' (dateutil reads "41,5" as
    41.5) whose first six digits are the microsecond; 0 when there is none
    or it has six digits or fewer.
    """
    cdef Py_ssize_t i, k, n = src.length
    cdef int64_t first6, extra
    cdef int d
    cdef Py_UCS4 c
    if microsecond == UNSET:
        return 0
    for i in range(1, n - 7):
        c = src_char(src, i)
        if (c != u'.' and c != u',') or c_todecimal(src_char(src, i - 1)) < 0:
            continue
        first6 = 0
        k = i + 1
        while k < n and k <= i + 6:
            d = c_todecimal(src_char(src, k))
            if d < 0:
                break
            first6 = first6 * 10 + d
            k += 1
        if k != i + 7 or first6 != microsecond:
            continue
        extra = 0
        while k < n and k <= i + 9:
            d = c_todecimal(src_char(src, k))
            if d < 0:
                break
            extra = extra * 10 + d
            k += 1
        if k == i + 7:
            continue          # exactly six digits: nothing past microseconds
        while k <= i + 9:     # fewer than three extra digits: scale up
            extra *= 10
            k += 1
        return extra
    return 0


# --- Result to a value ---------------------------------------------------------------

cdef inline bint _name_eq(const Py_UCS4* a, Py_ssize_t na, const Py_UCS4* b,
                          Py_ssize_t nb) noexcept nogil:
    cdef Py_ssize_t k
    if na != nb:
        return False
    for k in range(na):
        if a[k] != b[k]:
            return False
    return True


# --- tzlocal, as dateutil.tz.tzlocal computes it ------------------------------

cdef int _naive_is_dst(const int64_t* f, int64_t minus_s, const Options* o) noexcept nogil:
    """tzlocal._naive_is_dst(wall - minus_s): localtime(wall-as-UTC + timezone);
    -1 where dateutil would raise (date out of range, localtime failing)."""
    cdef int64_t secs = ((ymd_to_ordinal(f[0], f[1], f[2]) - EPOCH_ORDINAL) * 86400
                         + f[3] * 3600 + f[4] * 60 + f[5] - minus_s)
    cdef time_t ts
    cdef tm local
    # datetime - timedelta must stay within 0001-01-01 .. 9999-12-31
    if secs < (1 - EPOCH_ORDINAL) * <int64_t>86400 or secs >= (3652060 - EPOCH_ORDINAL) * <int64_t>86400:
        return -1
    ts = <time_t>(secs + o.timezone)
    if localtime_r(&ts, &local) is NULL:
        return -1
    return local.tm_isdst > 0


cdef int _local_isdst(const int64_t* f, int fold, const Options* o) noexcept nogil:
    """tzlocal._isdst(dt) for a wall time and fold: 0/1, or -1."""
    cdef int dstval, shifted
    cdef int64_t dst_saved = o.dst_offset_s - o.std_offset_s
    if dst_saved == 0:
        return 0
    dstval = _naive_is_dst(f, 0, o)
    if dstval != 0:
        return dstval
    # is_ambiguous: not dst now, but dst one dst_saved earlier
    shifted = _naive_is_dst(f, dst_saved, o)
    if shifted < 0:
        return -1
    if shifted != dstval:
        return not fold
    return 0


cdef int _local_offset(const int64_t* f, const Result* res, int which, const Options* o,
                       int64_t* offset_us) noexcept nogil:
    """A local-zone name: tzlocal() (with fold 1 if that matches the name),
    or UTC for a UTC name tzlocal() does not call itself, as
    ``_build_tzaware`` picks; TZ_FIXED with the offset, or TZ_PYTHON."""
    cdef int isdst = _local_isdst(f, 0, o), other
    if isdst < 0:
        return TZ_PYTHON
    if not _name_eq(o.local_name[isdst], o.local_len[isdst], res.tzname, res.tzname_len):
        other = _local_isdst(f, 1, o)
        if other < 0:
            return TZ_PYTHON
        if _name_eq(o.local_name[other], o.local_len[other], res.tzname, res.tzname_len):
            isdst = other
        elif o.local_utc[which]:
            offset_us[0] = 0
            return TZ_FIXED
    offset_us[0] = (o.dst_offset_s if isdst else o.std_offset_s) * 1000000
    return TZ_FIXED


cdef int _timezone_of(const Result* res, const int64_t* f, const Options* o,
                      int64_t* offset_us, bint* unknown) noexcept nogil:
    """dateutil's ``_build_tzaware`` decision for wall time ``f``: TZ_NAIVE,
    TZ_FIXED (``offset_us`` set), TZ_PYTHON or TZ_FAIL."""
    cdef Py_ssize_t k
    cdef const TzEntry* e
    unknown[0] = False
    if o.tz_callable:
        return TZ_PYTHON          # called for every value, with or without a name
    if res.tzname_len != UNSET:
        for k in range(o.n_tzinfos):
            e = &o.tzinfos[k]
            if _name_eq(e.name, e.name_len, res.tzname, res.tzname_len):
                offset_us[0] = e.offset_us
                return e.kind
    if res.tzname_len > 0:
        for k in range(2):
            if _name_eq(o.local_name[k], o.local_len[k], res.tzname, res.tzname_len):
                return _local_offset(f, res, k, o, offset_us)
    if res.has_tzoffset:
        if res.tzoffset <= -86400 or res.tzoffset >= 86400:
            return TZ_FAIL         # tzoffset(name, N): utcoffset() raises
        offset_us[0] = res.tzoffset * 1000000
        return TZ_FIXED
    if res.tzname_len > 0:
        unknown[0] = True
    return TZ_NAIVE


cdef int _fields(const Result* res, const Options* o, int64_t* f) noexcept nogil:
    """dateutil's ``_build_naive`` on the call's exact naive default (the
    core's ``resolve_fields``); V_OK or V_FAIL.

    f receives year, month, day, hour, minute, second, microsecond."""
    cdef Fields fields
    fields.year = o.d_year
    fields.month = o.d_month
    fields.day = o.d_day
    fields.hour = o.d_hour
    fields.minute = o.d_minute
    fields.second = o.d_second
    fields.microsecond = o.d_us
    fields.fold = 0
    if resolve_fields(res, &fields) != ST_OK:
        return V_FAIL
    f[0] = fields.year
    f[1] = fields.month
    f[2] = fields.day
    f[3] = fields.hour
    f[4] = fields.minute
    f[5] = fields.second
    f[6] = fields.microsecond
    return V_OK


cdef int _to_value(const int64_t* f, int64_t offset_us, int64_t nanos, int unit,
                   int64_t* out) noexcept nogil:
    """Wall-clock fields minus a UTC offset, in ``unit`` since the epoch."""
    cdef int64_t days = ymd_to_ordinal(f[0], f[1], f[2]) - EPOCH_ORDINAL
    cdef int64_t us = ((days * 86400 + f[3] * 3600 + f[4] * 60 + f[5]) * 1000000
                       + f[6] - offset_us)
    if unit == UNIT_US:
        out[0] = us
    elif unit == UNIT_MS:
        out[0] = us // 1000 - (1 if us % 1000 < 0 else 0)
    elif unit == UNIT_S:
        out[0] = us // 1000000 - (1 if us % 1000000 < 0 else 0)
    else:
        # datetime64[ns] spans 1677-09-21 .. 2262-04-11
        if us > (INT64_MAX - 999) // 1000 or us < (INT64_MIN + 1000) // 1000 + 1:
            return V_FAIL
        out[0] = us * 1000 + nanos
    return V_OK


# --- elements that need Python ------------------------------------------------------------

cdef object _element_object(const Column* col, Py_ssize_t i):
    """Element i as the Python value ``parse`` is given for it."""
    cdef const unsigned char* p
    cdef Py_ssize_t n, j
    cdef int64_t a, b
    cdef int32_t vlen, vbuf, voff
    if col.kind == COL_OBJECTS:
        return <object>p_tuple_item(col.objects, i)
    if col.kind == COL_UCS4:
        n = col.itemsize // 4
        while n > 0 and (<const Py_UCS4*>(col.data + i * col.itemsize))[n - 1] == 0:
            n -= 1
        return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, col.data + i * col.itemsize, n)
    if col.kind == COL_BYTES:
        p = <const unsigned char*>(col.data + i * col.itemsize)
        n = col.itemsize
        while n > 0 and p[n - 1] == 0:
            n -= 1
        return PyBytes_FromStringAndSize(<const char*>p, n)
    if not _arrow_valid(col, i):
        return None
    j = col.offset + i
    if col.kind == COL_ARROW32 or col.kind == COL_ARROW64:
        _arrow_offsets(col, j, &a, &b)
    else:
        memcpy(&vlen, col.views + 16 * j, 4)
        if vlen <= 12:
            return (<const char*>(col.views + 16 * j + 4))[:vlen].decode("utf-8")
        memcpy(&vbuf, col.views + 16 * j + 8, 4)
        memcpy(&voff, col.views + 16 * j + 12, 4)
        if vbuf < 0 or vbuf >= col.n_vbufs or voff < 0 or <int64_t>voff + vlen > col.vbuf_sizes[vbuf]:
            raise ValueError("invalid Arrow string_view at position %d" % i)
        return (col.vbufs[vbuf] + voff)[:vlen].decode("utf-8")
    if a < 0 or b < a or b > col.data_size:
        raise ValueError("invalid Arrow offsets at position %d" % i)
    return (col.data + a)[:b - a].decode("utf-8")


cdef int _datetime_value(object dt, const Options* o, int64_t* out) except -1:
    """A datetime from ``parse`` (or an element that already was one) as V_OK
    (``out`` set), V_FAIL or V_AWARE."""
    cdef int64_t f[7]
    cdef int64_t offset_us = 0, nanos = 0
    if not PyDateTime_Check(dt):
        return V_FAIL
    if o.unit == UNIT_NS and not PyDateTime_CheckExact(dt):
        # a pandas Timestamp's digits 7-9
        extra = getattr(dt, "nanosecond", 0)
        if type(extra) is int and 0 <= extra < 1000:
            nanos = extra
    f[0] = PyDateTime_GET_YEAR(dt)
    f[1] = PyDateTime_GET_MONTH(dt)
    f[2] = PyDateTime_GET_DAY(dt)
    f[3] = PyDateTime_DATE_GET_HOUR(dt)
    f[4] = PyDateTime_DATE_GET_MINUTE(dt)
    f[5] = PyDateTime_DATE_GET_SECOND(dt)
    f[6] = PyDateTime_DATE_GET_MICROSECOND(dt)
    if datetime_tzinfo(dt) is not None:
        try:
            delta = dt.utcoffset()
        except Exception as exc:
            if not _is_verdict(exc):
                raise
            return V_FAIL
        if delta is None or not PyDelta_Check(delta):
            return V_FAIL          # a tzinfo that cannot give an offset
        if not o.utc:
            return V_AWARE
        offset_us = ((<int64_t>PyDateTime_DELTA_GET_DAYS(delta) * 86400
                      + PyDateTime_DELTA_GET_SECONDS(delta)) * 1000000
                     + PyDateTime_DELTA_GET_MICROSECONDS(delta))
    return _to_value(f, offset_us, nanos, o.unit, out)


cdef int _slow_element(const Column* col, Py_ssize_t i, const Options* o,
                       int64_t* out, Tally* tally) noexcept with gil:
    """Element i through ``parse`` (its meaning by definition); with
    errors="coerce" ``o.parse`` is ``try_parse``, whose None is V_FAIL
    without an exception made.  An exception that is no verdict on the value
    is kept in ``tally.abort`` (V_ABORT: the loop stops, and run() raises
    it)."""
    try:
        value = _element_object(col, i)
        if (<object>o.is_missing)(value):
            return V_MISSING
        if PyDateTime_Check(value) and not o.ignoretz:
            # already a datetime: its own answer (as o.parse would give it)
            return _datetime_value(value, o, out)
        dt = (<object>o.parse)(value, col.base + i)
        return _datetime_value(dt, o, out)
    except BaseException as exc:
        if _is_verdict(exc):
            return V_FAIL
        if tally.abort == NULL:
            Py_INCREF(exc)
            tally.abort = <PyObject*>exc
        return V_ABORT


# --- format=: strptime's compiled programs ------------------------------------------

cdef const unsigned char* EMPTY_TEXT = b""     # an empty value's text (its data may be NULL)


cdef int _strp_source(const Source* src, const Options* o, int64_t* out) noexcept nogil:
    """One element through ``o.strp`` in order, as ``fastdt.strptime(value,
    F)`` for each F until one succeeds: V_OK (``out`` set), V_FAIL (no format
    matches), V_AWARE (a %z value, utc=False) or V_SLOW (CPython decides:
    a non-ASCII value, a format it compiles, a value only its code
    judges)."""
    cdef StrpFields f
    cdef int64_t fields[7]
    cdef int64_t offset_us = 0
    cdef Py_ssize_t k
    cdef int status = ST_STRP_NO_MATCH
    cdef const unsigned char* s = <const unsigned char*>src.data
    if src.length == 0 or s == NULL:
        s = EMPTY_TEXT
    if src.kind != 1 or not _is_ascii(s, src.length):
        return V_SLOW           # \d, \s and case folding are Unicode in CPython's regex
    for k in range(o.n_strp):
        if o.strp[k] == NULL:
            return V_SLOW
        status = strp_match(o.strp[k], o.strp_names, s, src.length, &f)
        if status == ST_OK:
            break
        if status == ST_STRP_CPYTHON:
            return V_SLOW
    if status != ST_OK:
        return V_FAIL           # each format: "does not match" / "unconverted data"
    fields[0] = f.year
    fields[1] = f.month
    fields[2] = f.day
    fields[3] = f.hour
    fields[4] = f.minute
    fields[5] = f.second
    fields[6] = f.microsecond
    if f.has_offset and not o.ignoretz:
        if not o.utc:
            return V_AWARE
        offset_us = <int64_t>f.offset_seconds * 1000000 + f.offset_microseconds
    return _to_value(fields, offset_us, f.nanosecond, o.unit, out)


cdef int _one_strp(const Column* col, Py_ssize_t i, const Options* o, Scratch* sc,
                   int64_t* out, Tally* tally) noexcept nogil:
    """``_one`` for format=: element i's text through the formats; what
    needs Python (CPython's strptime, a non-str element) takes the GIL for
    this element only."""
    cdef Source src
    cdef int v = _element(col, i, sc, &src)
    if v == V_OK:
        v = _strp_source(&src, o, out)
    if v == V_SLOW:
        tally.n_slow += 1
        v = _slow_element(col, i, o, out, tally)
    return v


# --- the loop -------------------------------------------------------------------------

cdef int _one(const Column* col, Py_ssize_t i, const Options* o, Scratch* sc,
              int64_t* out, Tally* tally) noexcept nogil:
    cdef Source src
    cdef Result res
    cdef int64_t f[7]
    cdef int64_t offset_us = 0, nanos = 0
    cdef int v, tz, g
    cdef bint unknown = False
    if o.n_strp:
        return _one_strp(col, i, o, sc, out, tally)
    v = V_SLOW if o.all_python else _element(col, i, sc, &src)
    if v == V_OK:
        if src.length > LONG_SOURCE * 64:
            v = V_SLOW
        else:
            g = _grammar(&src, o, &sc.toks, &res, &nanos, &sc.templates)
            if g == G_TEMPLATE:
                tally.n_template += 1
            elif g == G_SLOW:
                v = V_SLOW
            elif g != G_OK:
                v = V_FAIL
        if v != V_OK:
            pass
        elif _fields(&res, o, f) != V_OK:
            v = V_FAIL
        else:
            tz = TZ_NAIVE if o.ignoretz else _timezone_of(&res, f, o, &offset_us, &unknown)
            if tz == TZ_PYTHON:
                v = V_SLOW
            elif tz == TZ_FAIL:
                v = V_FAIL
            elif tz == TZ_FIXED and not o.utc:
                v = V_AWARE
            else:
                v = _to_value(f, offset_us, nanos, o.unit, out)
                if v == V_OK and unknown:
                    if tally.n_unknown == 0:
                        tally.first_unknown = i
                        tally.unknown_len = res.tzname_len
                        memcpy(tally.unknown_name, res.tzname,
                               res.tzname_len * sizeof(Py_UCS4))
                    tally.n_unknown += 1
    if v == V_SLOW:
        tally.n_slow += 1
        v = _slow_element(col, i, o, out, tally)
    return v


cdef void _run_range(const Column* col, Py_ssize_t start, Py_ssize_t stop,
                     const Options* o, int64_t* out, Tally* tally) noexcept nogil:
    cdef Scratch sc
    cdef Py_ssize_t i
    cdef int v
    sc.wide = NULL
    sc.wide_cap = 0
    sc.narrow = NULL
    sc.narrow_cap = 0
    tokenbuf_init(&sc.toks)
    templates_init(&sc.templates)
    for i in range(start, stop):
        v = _one(col, i, o, &sc, &out[i], tally)
        if v == V_OK:
            continue
        out[i] = NAT
        if v == V_FAIL:
            if tally.first_fail < 0:
                tally.first_fail = i
            if not o.coerce:
                break
        elif v == V_AWARE:
            if tally.first_aware < 0:
                tally.first_aware = i
            break
        elif v == V_ABORT:
            break
    free(sc.wide)
    free(sc.narrow)
    tokenbuf_free(&sc.toks)


# --- the Python-facing plan -----------------------------------------------------------------

cdef dict _UNITS = {"s": UNIT_S, "ms": UNIT_MS, "us": UNIT_US, "ns": UNIT_NS}

# Tables compiled for the last few parserinfo objects (as fastdt._parser keeps).
cdef tuple _recent_compiled = ()


cdef CompiledTables _compiled_for(object info):
    global _recent_compiled
    cdef tuple recent = _recent_compiled
    cdef CompiledTables compiled
    for compiled in recent:
        if compiled.parserinfo is info:
            return compiled
    compiled = CompiledTables(info)
    _recent_compiled = (compiled,) + recent[:7]
    return compiled


cdef CompiledTables _default_compiled = None


cdef int _fill_name(Py_UCS4* dest, Py_ssize_t* dest_len, object name) except -1:
    """Copy a str of at most MAX_TZNAME characters; False if it is longer."""
    cdef Py_ssize_t k, n = len(name)
    if n > MAX_TZNAME:
        return 0
    for k in range(n):
        dest[k] = ord(name[k])
    dest_len[0] = n
    return 1


cdef int _fixed_offset_us(object value, int64_t* out) except -1:
    """A tzinfos value that is one fixed offset, the way ``parse`` applies it."""
    cdef object delta
    if type(value) is int or type(value) is bool:
        if -86400 < value < 86400:
            out[0] = <int64_t>value * 1000000
            return 1
        return 0
    tz_mod = _sys.modules.get("dateutil.tz")
    if tz_mod is not None and (type(value) is tz_mod.tzutc or type(value) is tz_mod.tzoffset) \
            or type(value) is _timezone_type:
        delta = value.utcoffset(None)
        if delta is None or not PyDelta_Check(delta):
            return 0
        out[0] = ((<int64_t>PyDateTime_DELTA_GET_DAYS(delta) * 86400
                   + PyDateTime_DELTA_GET_SECONDS(delta)) * 1000000
                  + PyDateTime_DELTA_GET_MICROSECONDS(delta))
        return 1
    return 0


cdef class Plan:
    """One ``parse_array`` call's options, resolved once (then read-only)."""
    cdef Options o
    cdef CompiledTables info
    cdef readonly object parse         # Parser(parserinfo).parse with the options bound
    cdef object is_missing
    cdef readonly bint all_python
    cdef readonly bint gil_free        # no element needs Python unless it says so
    cdef list strp_keep                # format=: the StrpFormats and LocaleNames read

    def __cinit__(self):
        self.o.tzinfos = NULL
        self.o.strp = NULL
        self.o.n_strp = 0
        self.o.strp_names = NULL

    def __dealloc__(self):
        free(self.o.tzinfos)
        free(self.o.strp)

    def __init__(self, parse, is_missing, parserinfo, *, bint utc, bint coerce, str unit,
                 default, bint ignoretz, tzinfos, dayfirst, yearfirst, bint fuzzy,
                 bint templates=True, tuple formats=None):
        global _default_compiled
        cdef int dy, dm, dd
        cdef Py_ssize_t k
        cdef TzEntry* e
        self.parse = parse
        self.is_missing = is_missing
        self.o.parse = <PyObject*>parse
        self.o.is_missing = <PyObject*>is_missing
        self.o.unit = _UNITS[unit]
        self.o.utc = utc
        self.o.coerce = coerce
        self.o.ignoretz = ignoretz
        self.o.fuzzy = bool(fuzzy)
        self.o.all_python = False
        self.o.tz_callable = False
        self.o.n_tzinfos = 0
        self.o.local_len[0] = self.o.local_len[1] = -1
        if parserinfo and not isinstance(parserinfo, _parserinfo):
            self.o.all_python = True             # a duck-typed info: dateutil's parser
            self.info = None
        elif parserinfo:
            self.info = _compiled_for(parserinfo)
        else:
            if _default_compiled is None:
                _default_compiled = CompiledTables(_parserinfo())
            self.info = _default_compiled
        self.o.info = <PyObject*>self.info
        if self.info is not None:
            self.o.tables = &self.info.c
            self.o.int_max_str_digits = _get_int_max_str_digits()
            self.o.iso_shortcut = self.info.c.iso_shortcut
            self.o.dayfirst = (self.info.read_dayfirst() if dayfirst is None
                               else bool(dayfirst))
            self.o.yearfirst = (self.info.read_yearfirst() if yearfirst is None
                                else bool(yearfirst))
        # the default
        if default is None:
            if _datetime_mod.datetime is not _real_datetime:
                self.o.all_python = True          # a replaced datetime (freezegun)
            today(&dy, &dm, &dd)
            self.o.d_year, self.o.d_month, self.o.d_day = dy, dm, dd
            self.o.d_hour = self.o.d_minute = self.o.d_second = self.o.d_us = 0
        elif PyDateTime_CheckExact(default) and datetime_tzinfo(default) is None \
                and default.fold == 0:
            self.o.d_year = PyDateTime_GET_YEAR(default)
            self.o.d_month = PyDateTime_GET_MONTH(default)
            self.o.d_day = PyDateTime_GET_DAY(default)
            self.o.d_hour = PyDateTime_DATE_GET_HOUR(default)
            self.o.d_minute = PyDateTime_DATE_GET_MINUTE(default)
            self.o.d_second = PyDateTime_DATE_GET_SECOND(default)
            self.o.d_us = PyDateTime_DATE_GET_MICROSECOND(default)
        else:
            self.o.all_python = True
        # the local zone's names (tzlocal)
        names = _time.tzname
        if not ignoretz:
            if type(names) is tuple and len(names) == 2 and all(type(s) is str for s in names):
                for k in range(2):
                    if not _fill_name(self.o.local_name[k], &self.o.local_len[k], names[k]):
                        self.o.local_len[k] = -1
                    self.o.local_utc[k] = (self.info is not None and self.o.local_len[k] >= 0
                                           and name_in_utc_raw(&self.info.c,
                                                               self.o.local_name[k], self.o.local_len[k]))
                self.o.timezone = _time.timezone
                self.o.std_offset_s = -_time.timezone
                self.o.dst_offset_s = -_time.altzone if _time.daylight else -_time.timezone
            else:
                self.o.all_python = True
        # tzinfos
        if ignoretz or tzinfos is None:
            pass
        elif callable(tzinfos):
            self.o.tz_callable = True
        elif type(tzinfos) is dict:
            if tzinfos:
                self.o.tzinfos = <TzEntry*>malloc(len(tzinfos) * sizeof(TzEntry))
                if self.o.tzinfos is NULL:
                    raise MemoryError()
                for key, value in tzinfos.items():
                    if type(key) is not str:
                        self.o.all_python = True
                        break
                    e = &self.o.tzinfos[self.o.n_tzinfos]
                    if not _fill_name(e.name, &e.name_len, key):
                        continue       # longer than any tz name the grammar keeps
                    e.kind = TZ_FIXED if _fixed_offset_us(value, &e.offset_us) else TZ_PYTHON
                    self.o.n_tzinfos += 1
        elif not tzinfos:
            pass
        else:
            self.o.all_python = True                 # another mapping: its own lookup
        self.all_python = self.o.all_python
        # the format fast path: for the C grammar's plain, non-fuzzy calls
        self.o.templates = (templates and not self.o.all_python and not self.o.fuzzy
                            and self.info is not None and not self.info.c.py_convertyear
                            and not self.info.c.words_have_digits)
        self.gil_free = not (self.o.all_python or self.o.tz_callable)
        if formats:
            self._use_formats(formats, unit == "ns")

    cdef int _use_formats(self, tuple formats, bint ns) except -1:
        """format=: the formats' programs from fastdt._strp's cache (the one
        compiled representation; ``ns``: %f up to nine digits).  A format
        CPython answers, or one reading names that are not on the C path,
        gets NULL: elements that reach it take CPython's strptime."""
        cdef Py_ssize_t k, n = len(formats)
        keep = []
        names = None
        self.o.strp = <const StrpProgram**>malloc(n * sizeof(StrpProgram*))
        if self.o.strp is NULL:
            raise MemoryError()
        for k in range(n):
            compiled = strp_compiled(formats[k], ns)
            if compiled is not None and strp_program(compiled).lists_used:
                # every format's names are the one current locale's
                found = strp_names_for(compiled)
                if found is None:
                    compiled = None
                else:
                    names = found
            self.o.strp[k] = NULL if compiled is None else strp_program(compiled)
            keep.append(compiled)
        keep.append(names)
        self.strp_keep = keep
        self.o.strp_names = NULL if names is None else strp_names_table(names)
        self.o.n_strp = n
        # strptime reads no parserinfo, default or zone table: nothing sends
        # every element to Python, and no learned templates
        self.o.all_python = self.all_python = False
        self.o.templates = False
        self.gil_free = True
        return 0

    def run(self, ColumnRef column, out, Py_ssize_t start, Py_ssize_t stop):
        """Parse elements [start, stop) into ``out`` (a writable int64 buffer).

        Returns (first_fail, first_aware, n_unknown, first_unknown,
        unknown_name, n_slow, n_template), positions -1 when there is none;
        n_template counts the elements the learned formats answered.
        """
        cdef Py_buffer view
        cdef Tally tally
        tally.first_fail = -1
        tally.first_aware = -1
        tally.n_unknown = 0
        tally.first_unknown = -1
        tally.unknown_len = 0
        tally.n_slow = 0
        tally.n_template = 0
        tally.abort = NULL
        if start < 0 or stop > column.col.length or start > stop:
            raise IndexError("range outside the column")
        PyObject_GetBuffer(out, &view, PyBUF_SIMPLE | PyBUF_WRITABLE)
        try:
            if view.len < column.col.length * 8:
                raise ValueError("output buffer too small")
            with nogil:
                _run_range(&column.col, start, stop, &self.o, <int64_t*>view.buf, &tally)
        finally:
            PyBuffer_Release(&view)
        if tally.abort != NULL:
            exc = <object>tally.abort      # a reference of its own, then the tally's let go
            Py_XDECREF(tally.abort)
            raise exc
        name = None
        if tally.n_unknown:
            name = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, tally.unknown_name,
                                             tally.unknown_len)
        return (tally.first_fail, tally.first_aware, tally.n_unknown, tally.first_unknown,
                name, tally.n_slow, tally.n_template)


cdef class ColumnRef:
    """The memory of one column, and the objects that keep it alive."""
    cdef Column col
    cdef object keep
    cdef const char** vbufs
    cdef int64_t* vbuf_sizes
    cdef Py_buffer fixed
    cdef bint has_fixed

    def __cinit__(self):
        self.vbufs = NULL
        self.vbuf_sizes = NULL
        self.has_fixed = False
        self.col.objects = NULL
        self.col.validity = NULL
        self.col.base = 0

    def __dealloc__(self):
        free(self.vbufs)
        free(self.vbuf_sizes)
        if self.has_fixed:
            PyBuffer_Release(&self.fixed)

    def element(self, Py_ssize_t i):
        """Element i as the value ``parse`` is given (for error messages)."""
        if i < 0 or i >= self.col.length:
            raise IndexError(i)
        return _element_object(&self.col, i)

    def __len__(self):
        return self.col.length

    @property
    def base(self):
        """Where element 0 is in the whole input (for a chunk of a chunked array)."""
        return self.col.base

    @base.setter
    def base(self, Py_ssize_t value):
        self.col.base = value


def objects_column(tuple items):
    """A column over a tuple of objects (the tuple keeps every item alive)."""
    cdef ColumnRef c = ColumnRef.__new__(ColumnRef)
    c.keep = items
    c.col.kind = COL_OBJECTS
    c.col.length = len(items)
    c.col.objects = <PyObject*>items
    return c


def fixed_column(buffer, Py_ssize_t length, Py_ssize_t itemsize, bint ucs4):
    """A column over a C-contiguous numpy 'U' (ucs4) or 'S' buffer."""
    cdef ColumnRef c = ColumnRef.__new__(ColumnRef)
    PyObject_GetBuffer(buffer, &c.fixed, PyBUF_SIMPLE)
    c.has_fixed = True
    if c.fixed.len < length * itemsize or (ucs4 and itemsize % 4):
        raise ValueError("buffer does not hold %d items of %d bytes" % (length, itemsize))
    c.keep = buffer
    c.col.kind = COL_UCS4 if ucs4 else COL_BYTES
    c.col.length = length
    c.col.itemsize = itemsize
    c.col.data = <const char*>c.fixed.buf
    return c


def arrow_column(keep, str kind, Py_ssize_t length, Py_ssize_t offset,
                 size_t validity, size_t offsets, Py_ssize_t offsets_size,
                 size_t data, Py_ssize_t data_size, list view_buffers=None):
    """A column over Arrow string buffers, given their addresses and sizes.

    ``kind`` is "string", "large_string" or "string_view" (then ``offsets``
    is the views buffer and ``view_buffers`` the (address, size) of each data
    buffer).  Every offset is checked against the buffer sizes here, so the
    loop can trust them.  ``keep`` keeps the buffers alive.
    """
    cdef ColumnRef c = ColumnRef.__new__(ColumnRef)
    cdef Py_ssize_t k, width
    c.keep = keep
    c.col.length = length
    c.col.offset = offset
    c.col.validity = <const uint8_t*>validity
    c.col.data = <const char*>data
    c.col.data_size = data_size
    if offset < 0 or length < 0:
        raise ValueError("negative Arrow offset or length")
    if kind == "string" or kind == "large_string":
        width = 4 if kind == "string" else 8
        c.col.kind = COL_ARROW32 if width == 4 else COL_ARROW64
        if length and offsets_size < (offset + length + 1) * width:
            raise ValueError("Arrow offsets buffer too small")
        c.col.off32 = <const int32_t*>offsets
        c.col.off64 = <const int64_t*>offsets
    elif kind == "string_view":
        c.col.kind = COL_ARROW_VIEW
        if length and offsets_size < (offset + length) * 16:
            raise ValueError("Arrow views buffer too small")
        c.col.views = <const char*>offsets
        n = len(view_buffers or ())
        c.vbufs = <const char**>malloc((n + 1) * sizeof(char*))
        c.vbuf_sizes = <int64_t*>malloc((n + 1) * sizeof(int64_t))
        if c.vbufs is NULL or c.vbuf_sizes is NULL:
            raise MemoryError()
        for k in range(n):
            c.vbufs[k] = <const char*><size_t>view_buffers[k][0]
            c.vbuf_sizes[k] = view_buffers[k][1]
        c.col.vbufs = c.vbufs
        c.col.vbuf_sizes = c.vbuf_sizes
        c.col.n_vbufs = n
    else:
        raise ValueError("not an Arrow string type: %r" % kind)
    return c


def validity_from_values(values, Py_ssize_t length):
    """An Arrow validity bitmap (bytes) for an int64 buffer: NaT is null."""
    cdef Py_buffer view
    cdef Py_ssize_t i
    cdef const int64_t* v
    cdef bytearray bitmap = bytearray((length + 7) // 8)
    cdef unsigned char* bits = bitmap
    PyObject_GetBuffer(values, &view, PyBUF_SIMPLE)
    try:
        if view.len < length * 8:
            raise ValueError("buffer too small")
        v = <const int64_t*>view.buf
        with nogil:
            for i in range(length):
                if v[i] != NAT:
                    bits[i >> 3] |= <unsigned char>(1 << (i & 7))
    finally:
        PyBuffer_Release(&view)
    return bitmap
