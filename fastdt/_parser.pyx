"""The Python edge: ``Parser``, ``parse`` and ``ParserError``.

One call reads the input's own buffer (a ``str``'s code points, or an ASCII
``bytes``'s bytes), lexes it into a token array on the C stack, looks every
token up once in the compiled tables, runs the grammar and builds the
datetime.  Failures inside travel as C status codes and become one Python
exception here, with dateutil's type and message.
"""
from libc.stdlib cimport malloc, free
from cpython.ref cimport PyObject, Py_INCREF
from libc.stdint cimport int64_t, INT64_MAX
from cpython.unicode cimport (PyUnicode_Check, PyUnicode_GET_LENGTH,
                              PyUnicode_KIND, PyUnicode_DATA, PyUnicode_FromKindAndData,
                              PyUnicode_4BYTE_KIND)
from cpython.bytes cimport PyBytes_Check, PyBytes_AS_STRING, PyBytes_GET_SIZE
from cpython.bytearray cimport PyByteArray_Check, PyByteArray_AS_STRING, PyByteArray_GET_SIZE

from fastdt._tokenizer cimport (Source, TokenBuf, CharBuf, Token, tokenbuf_init,
                                tokenbuf_free, source_strip_nuls, charbuf_free,
                                tok_char, tok_len, TF_SKIPPED, src_char, c_todecimal,
                                C_COMMA, C_DOT)
from fastdt._tables cimport CompiledTables
from fastdt._grammar cimport result_from_iso
from fastdt._grammar cimport (UNSET, DEFERRED, Result, parse_tokens, resolve_result,
                              parse_iso_fast, FLAG_DAYFIRST, FLAG_YEARFIRST)
from fastdt._status cimport (ParseOptions, options_init, ST_OK, ST_UNKNOWN_FORMAT,
                             ST_NO_DATE, ST_DECIMAL_INVALID, ST_NO_MEMORY,
                             ST_BAD_MONTH_NUMBER, ST_C_LONG_OVERFLOW, ST_C_INT_OVERFLOW,
                             ST_YEAR_RANGE, ST_MONTH_RANGE, ST_DAY_RANGE, ST_HOUR_RANGE,
                             ST_MINUTE_RANGE, ST_SECOND_RANGE, ST_MICROSECOND_RANGE,
                             ST_WEEKDAY_INDEX, ST_DATE_OVERFLOW, ST_NEEDS_PYTHON,
                             ST_NEEDS_LOWER, ST_NEEDS_FLAGS, ST_NEEDS_OF_YEAR,
                             ST_NEEDS_CONVERTYEAR, ST_NEEDS_DECIMAL, ST_MISSING_FIELDS)
from fastdt._core cimport Fields, parse_source
from fastdt._build cimport build_datetime, build_iso_datetime, build_iso
from fastdt._isocore cimport IsoFields, iso_shortcut, ISO_OK
from fastdt._dictversion cimport HAVE_DICT_VERSION, dict_version
from fastdt._record cimport required_bits, result_bits, missing_error, check_dateutil_fields

from dateutil.parser import ParserError as _DateutilParserError
from dateutil.parser import parserinfo as _parserinfo
from fastdt._fallback import DateutilParser as _FallbackParser, OutOfMemory as _OutOfMemory
from fastdt._errors import ParserError
from fastdt._messages import (REPLACE_OVERFLOW_C_LONG as _OVERFLOW_C_LONG,
                              REPLACE_OVERFLOW_C_INT as _OVERFLOW_C_INT,
                              DATE_VALUE_OUT_OF_RANGE as _DATE_OVERFLOW)
import calendar as _calendar
import decimal as _decimal
import inspect as _inspect
import sys as _sys

_get_int_max_str_digits = getattr(_sys, "get_int_max_str_digits", lambda: 0)

cdef extern from "Python.h":
    int PyUnicode_READY(object) except -1
    bint PyUnicode_IS_COMPACT_ASCII(object)

# The bare call ``parse(s)`` is most calls.  Cython's argument handling for
# parse()'s parameters costs more than an ISO parse itself, so the module's
# ``parse`` is a builtin function (fastdt/_onearg.pxd) whose one-argument
# call goes straight to _parse_one; every other call goes to Cython's entry.
from fastdt._onearg cimport one_arg_builtin

cdef enum:
    # int(str)'s digit limit cannot be set below 640: a shorter input cannot
    # hold a digit run it refuses, so only longer ones ask for the limit.
    MIN_INT_MAX_STR_DIGITS = 640


cdef bint _is_ascii(const char* data, Py_ssize_t n) noexcept nogil:
    cdef Py_ssize_t k
    for k in range(n):
        if <unsigned char>data[k] >= 0x80:
            return False
    return True


# --- a status to dateutil's exception ---------------------------------------

# datetime.replace's messages, which dateutil's ParserError repeats, and
# its format with them (message + ": %s"), built once; by status, from
# ST_MONTH_RANGE on (the statuses run on in this order)
cdef tuple _RANGE_MESSAGES = ("month must be in 1..12", "day is out of range for month",
                              "hour must be in 0..23", "minute must be in 0..59",
                              "second must be in 0..59", "microsecond must be in 0..999999")
cdef tuple _RANGE_FORMATS = tuple([message + ": %s" for message in _RANGE_MESSAGES])
assert ST_MICROSECOND_RANGE - ST_MONTH_RANGE == len(_RANGE_MESSAGES) - 1


cdef struct Rejection:
    # Why a parse gave no answer, and what dateutil's message for it names.
    # The routines below fill it instead of raising: the caller decides
    # whether it becomes dateutil's exception (parse) or None (try_parse).
    int status             # ST_OK, or the status dateutil's exception is made from
    int missing            # ST_MISSING_FIELDS: the required= bits the string lacks
    Fields fields          # the year / month the range messages quote


cdef inline void _rejection_init(Rejection* rej) noexcept:
    rej.status = ST_OK         # (``missing`` and ``fields`` are read only
                               # for the statuses that set them)


cdef inline bint _none_for(int status) noexcept:
    """The string is refused with ParserError, ValueError or OverflowError:
    try_parse answers None.  (InvalidOperation, IndexError and MemoryError
    are raised by try_parse too, as by dateutil.)"""
    return (status != ST_OK and status != ST_DECIMAL_INVALID and status != ST_NO_MEMORY
            and status != ST_WEEKDAY_INDEX)


cdef extern from "Python.h":
    void PyException_SetCause(object exc, PyObject* cause)


cdef extern from *:
    """
    /* type(*args) for an exception type, as type_call does it, without
       its generic steps: tp_new, then tp_init unless it is BaseException's
       own (which only stores args again, as tp_new already did). */
    static PyObject *fastdt_new_error(PyObject *type, PyObject *args) {
        PyTypeObject *tp = (PyTypeObject *)type;
        PyObject *self = tp->tp_new(tp, args, NULL);
        if (self == NULL || !PyObject_TypeCheck(self, tp))
            return self;
        if (Py_TYPE(self)->tp_init != ((PyTypeObject *)PyExc_BaseException)->tp_init
                && Py_TYPE(self)->tp_init(self, args, NULL) < 0) {
            Py_DECREF(self);
            return NULL;
        }
        return self;
    }
    """
    # a ParserError is made once per refusal: the generic call (a tuple
    # from the argument vector, type_call) cost as much as the rest of it
    object new_error "fastdt_new_error" (object type, tuple args)


cdef object _rejection_error(const Rejection* rej, object timestr, object month_value):
    """The exception dateutil raises where the core stopped with
    ``rej.status`` (made, not raised; its ``__cause__`` set as dateutil's
    ``raise ... from e`` sets it).  ``month_value``: the month's exact value
    when it does not fit int64 (see _month_value), else None.

    dateutil's ParserError formats its message from ``args`` only when
    ``str()`` is called, so this builds no message for it either."""
    cdef int status = rej.status
    cdef const Fields* f = &rej.fields
    if status == ST_UNKNOWN_FORMAT:
        return new_error(ParserError, ("Unknown string format: %s", timestr))
    if status == ST_NO_DATE:
        return new_error(ParserError, ("String does not contain a date: %s", timestr))
    if status == ST_MISSING_FIELDS:
        return missing_error(rej.missing, timestr)
    if status == ST_DECIMAL_INVALID:
        return _decimal.InvalidOperation([_decimal.DivisionImpossible])
    if status == ST_NO_MEMORY:
        return MemoryError()
    if status == ST_BAD_MONTH_NUMBER:
        cause = _calendar.IllegalMonthError(
            month_value if month_value is not None else f.month)
        err = ParserError(str(cause) + ": %s", timestr)
        err.__cause__ = cause
        return err     # (rare: a month number > 12 with no day)
    # datetime.replace converting a field to a C int: the messages differ by
    # Python version, fastdt._messages has this interpreter's
    if status == ST_C_LONG_OVERFLOW:
        return OverflowError(_OVERFLOW_C_LONG)
    if status == ST_C_INT_OVERFLOW:
        return OverflowError(_OVERFLOW_C_INT)
    if status == ST_YEAR_RANGE or ST_MONTH_RANGE <= status <= ST_MICROSECOND_RANGE:
        # dateutil's six.raise_from(ParserError(str(e) + ": %s", timestr), e)
        if status == ST_YEAR_RANGE:
            message = "year %d is out of range" % f.year
            err = ParserError(message + ": %s", timestr)
        else:
            message = _RANGE_MESSAGES[status - ST_MONTH_RANGE]
            err = new_error(ParserError, (_RANGE_FORMATS[status - ST_MONTH_RANGE], timestr))
        # err.__cause__ = ValueError(message) (it sets __suppress_context__
        # too), without the attribute lookup
        cause = new_error(ValueError, (message,))
        Py_INCREF(cause)
        PyException_SetCause(err, <PyObject*>cause)      # (steals the reference)
        return err
    if status == ST_WEEKDAY_INDEX:
        return IndexError("tuple index out of range")
    if status == ST_DATE_OVERFLOW:
        return OverflowError(_DATE_OVERFLOW)
    return SystemError("fastdt: the core stopped with status %d" % status)


cdef int _raise_status(const Rejection* rej, object timestr, object month_value) except -1:
    """Raise what dateutil raises where the core stopped with ``rej.status``."""
    raise _rejection_error(rej, timestr, month_value)


cdef object _digits_value(const Source* src, Py_ssize_t start, Py_ssize_t end):
    """The int value of a digit run too large for int64 (for a message).

    Built through Decimal, which, unlike int(str), has no digit limit: the
    limit then bites where it bites in dateutil, when the message formats
    the number."""
    return int(_decimal.Decimal("".join([str(c_todecimal(src_char(src, k)))
                                         for k in range(start, end)])))


# --- the steps of a parse only Python can take ----------------------------------

cdef int64_t _sixty_times_fraction(const Source* src, Py_ssize_t start, Py_ssize_t end) except? -1:
    """``int(60 * (Decimal(token) % 1))`` for a DEFERRED minute/second: past
    Decimal's 28 digits its rounding is Decimal's own."""
    text = "".join([chr(src_char(src, k)) for k in range(start, end)])
    # a token with a comma read as a dot has no dot of its own
    return int(60 * (_decimal.Decimal(text.replace(",", ".")) % 1))


cdef int _fill_deferred(const Source* src, Result* res) except -1:
    if res.minute == DEFERRED:
        res.minute = _sixty_times_fraction(src, res.minute_src_start, res.minute_src_end)
    if res.second == DEFERRED:
        res.second = _sixty_times_fraction(src, res.second_src_start, res.second_src_end)
    return 0


cdef int finish_in_python(CompiledTables tables, const Source* src, TokenBuf* toks,
                           ParseOptions* opts, Result* res, int status) except -1:
    """Take the steps the core left to Python (``status >= ST_NEEDS_PYTHON``)
    and resume it, until it answers ST_OK or an error status."""
    cdef int64_t year
    while status >= ST_NEEDS_PYTHON:
        if status == ST_NEEDS_LOWER:
            tables.classify_python(src, toks)
            status = parse_tokens(src, toks, &tables.c, opts, res)
        elif status == ST_NEEDS_FLAGS:
            if res.flags_missing & FLAG_DAYFIRST:
                opts.dayfirst = tables.read_dayfirst()
            if res.flags_missing & FLAG_YEARFIRST:
                opts.yearfirst = tables.read_yearfirst()
            status = resolve_result(&tables.c, opts, res)
        elif status == ST_NEEDS_OF_YEAR:
            year = res.year
            try:
                opts.of_year = tables.convertyear_python(year, False)
            except (ValueError, IndexError):
                return ST_UNKNOWN_FORMAT      # inside dateutil's _parse try
            opts.of_year_input = year
            opts.has_of_year = True
            # again from the lexer: the loop marks tokens as it reads them
            status = parse_source(src, toks, &tables.c, opts, res)
        elif status == ST_NEEDS_CONVERTYEAR:
            res.year = tables.convertyear_python(res.year, res.century_specified)
            status = (ST_NEEDS_DECIMAL if res.minute == DEFERRED or res.second == DEFERRED
                      else ST_OK)
        elif status == ST_NEEDS_DECIMAL:
            _fill_deferred(src, res)
            status = ST_OK
        else:
            raise SystemError("fastdt: the grammar stopped with status %d" % status)
    return status


cdef object _skipped_tokens(const Source* src, TokenBuf* toks):
    """fuzzy_with_tokens: adjacent skipped tokens joined, as a tuple."""
    cdef Py_ssize_t i, j, k, total = 0, pos
    cdef Py_UCS4* buf
    cdef Token* t
    for i in range(toks.count):
        if toks.items[i].flags & TF_SKIPPED:
            total += tok_len(&toks.items[i])
    buf = <Py_UCS4*>malloc((total + 1) * sizeof(Py_UCS4))
    if buf is NULL:
        raise MemoryError()
    pieces = []
    try:
        i = 0
        while i < toks.count:
            if not (toks.items[i].flags & TF_SKIPPED):
                i += 1
                continue
            pos = 0
            j = i
            while j < toks.count and (toks.items[j].flags & TF_SKIPPED):
                t = &toks.items[j]
                for k in range(tok_len(t)):
                    buf[pos] = tok_char(src, t, k)
                    pos += 1
                j += 1
            pieces.append(PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, buf, pos))
            i = j
    finally:
        free(buf)
    return tuple(pieces)


cdef inline void _source_of(object text, Source* src):
    """The code points of a str, or the bytes of ASCII bytes/bytearray."""
    if PyUnicode_Check(text):
        PyUnicode_READY(text)
        src.kind = PyUnicode_KIND(text)
        src.data = PyUnicode_DATA(text)
        src.length = PyUnicode_GET_LENGTH(text)
    elif PyBytes_Check(text):
        src.kind = 1
        src.data = PyBytes_AS_STRING(text)
        src.length = PyBytes_GET_SIZE(text)
    else:
        src.kind = 1
        src.data = PyByteArray_AS_STRING(text)
        src.length = PyByteArray_GET_SIZE(text)


cdef inline bint _iso_shortcut(CompiledTables tables, const Source* src, ParseOptions* opts,
                        Result* res) except -1:
    """The ISO 8601 shortcut, where it gives the grammar's answer."""
    if not (tables.c.iso_shortcut and src.kind == 1 and
            parse_iso_fast(<const unsigned char*>src.data, src.length, res) == ST_OK):
        return False
    # dayfirst would read YYYY-MM-DD with DD <= 12 as YYYY-DD-MM
    if res.day <= 12:
        if opts.dayfirst < 0:
            opts.dayfirst = tables.read_dayfirst()
        return not opts.dayfirst
    return True


cdef inline int _fill_flags(CompiledTables tables, ParseOptions* opts) except -1:
    """``tables.fill_flags(opts)``, its common case (the parserinfo's dict
    unchanged since the flags were read) inline."""
    if (HAVE_DICT_VERSION and tables.flags_version != 0 and tables.info_dict is not None
            and dict_version(tables.info_dict) == tables.flags_version):
        if opts.dayfirst < 0:
            opts.dayfirst = tables.known_dayfirst
        if opts.yearfirst < 0:
            opts.yearfirst = tables.known_yearfirst
        return 0
    tables.fill_flags(opts)
    return 0


cdef int _grammar(CompiledTables tables, Source* src, TokenBuf* toks, ParseOptions* opts,
                  Result* res, bint try_iso) except -1:
    """The grammar's ``Result`` for NUL-free ``src``, with the steps only
    Python can take: ST_OK or the status to raise.  ``try_iso``: try the ISO
    shortcut first (False when the caller already has)."""
    cdef int status
    if src.length > MIN_INT_MAX_STR_DIGITS:
        opts.int_max_str_digits = _get_int_max_str_digits()
    if try_iso and _iso_shortcut(tables, src, opts, res):
        return ST_OK
    if opts.dayfirst < 0 or opts.yearfirst < 0:
        _fill_flags(tables, opts)
    status = parse_source(src, toks, &tables.c, opts, res)
    if status >= ST_NEEDS_PYTHON:
        status = finish_in_python(tables, src, toks, opts, res, status)
    return status


cdef inline object _month_value(const Source* src, const Result* res):
    """All the digits of a month too large for int64, for the "bad month
    number N" message; None for any other result."""
    if (res.month >= INT64_MAX - 1 and res.day == UNSET
            and res.month_src_end > res.month_src_start):
        return _digits_value(src, res.month_src_start, res.month_src_end)
    return None


cdef object _run(CompiledTables tables, object timestr, object text,
                 object default, object ignoretz, object tzinfos, object dayfirst,
                 object yearfirst, object fuzzy, object fuzzy_with_tokens, int required,
                 Rejection* rej):
    """Parse ``text`` (a str, or ASCII bytes/bytearray) on behalf of ``timestr``;
    ``required``: the fields (fastdt._record bits) the string must give.

    The answer, or (``rej.status`` set) the month value the message needs
    (``_rejection_error``'s ``month_value``): a refused string raises
    nothing here.  Raises only what is not a verdict on the string
    (MemoryError, a user's parserinfo, tzinfos or stream)."""
    cdef Source src
    cdef CharBuf chars
    cdef TokenBuf toks
    cdef ParseOptions opts
    cdef Result res
    cdef int missing
    cdef bint with_tokens = fuzzy_with_tokens
    month_value = None
    skipped = None
    # -1: dateutil's "None: ask the parserinfo", done only if the date needs it
    options_init(&opts, -1 if dayfirst is None else bool(dayfirst),
                 -1 if yearfirst is None else bool(yearfirst),
                 with_tokens or fuzzy, 0)
    _source_of(text, &src)
    tokenbuf_init(&toks)
    chars.items = chars.inline_items
    try:
        if source_strip_nuls(&src, &chars) < 0:
            raise MemoryError()
        rej.status = _grammar(tables, &src, &toks, &opts, &res, not with_tokens)
        if rej.status != ST_OK:
            return None
        missing = required & ~result_bits(&res)
        if missing:
            rej.status = ST_MISSING_FIELDS
            rej.missing = missing
            return None
        if with_tokens:
            skipped = _skipped_tokens(&src, &toks)
        month_value = _month_value(&src, &res)
    finally:
        tokenbuf_free(&toks)
        charbuf_free(&chars)
    ret = build_datetime(&res, default, ignoretz, tzinfos, tables, timestr, &rej.fields,
                         &rej.status)
    if rej.status != ST_OK:
        return month_value
    if with_tokens:
        return (ret, skipped)
    return ret


cdef object _run_plain(CompiledTables tables, object timestr, bint try_iso, Rejection* rej):
    """``_run`` for the bare call ``parse(timestr)`` of a str: every option
    at its default, so there are no option objects to read.  Kept apart from
    ``_run`` on purpose: calling ``_run`` with the defaults instead costs
    40-57 more instructions a call (callgrind, held-back mixed / csv_us /
    syslog: 2,753 -> 2,794, 2,940 -> 2,997, 2,727 -> 2,784).  Answers as
    ``_run`` does (``rej.status`` set: the month value, or None)."""
    cdef Source src
    cdef CharBuf chars
    cdef TokenBuf toks
    cdef ParseOptions opts
    cdef Result res
    month_value = None
    options_init(&opts, -1, -1, False, 0)
    _source_of(timestr, &src)
    tokenbuf_init(&toks)
    chars.items = chars.inline_items
    try:
        if source_strip_nuls(&src, &chars) < 0:
            raise MemoryError()
        rej.status = _grammar(tables, &src, &toks, &opts, &res, try_iso)
        if rej.status != ST_OK:
            return None
        month_value = _month_value(&src, &res)
    finally:
        tokenbuf_free(&toks)
        charbuf_free(&chars)
    ret = build_datetime(&res, None, False, None, tables, timestr, &rej.fields, &rej.status)
    if rej.status != ST_OK:
        return month_value
    return ret


cdef object _parse(CompiledTables tables, object timestr, object default,
                   object ignoretz, object tzinfos, object dayfirst, object yearfirst,
                   object fuzzy, object fuzzy_with_tokens, int required, Rejection* rej):
    """Input handling as dateutil's ``_timelex``, then ``_run`` (answering
    as it does).  A stream yielding non-str pieces is dateutil's to parse,
    and raises as dateutil does."""
    text = timestr
    if PyUnicode_Check(timestr):
        pass
    elif PyBytes_Check(timestr):
        if not _is_ascii(PyBytes_AS_STRING(timestr), PyBytes_GET_SIZE(timestr)):
            text = timestr.decode()
    elif PyByteArray_Check(timestr):
        if not _is_ascii(PyByteArray_AS_STRING(timestr), PyByteArray_GET_SIZE(timestr)):
            text = timestr.decode()
    elif getattr(timestr, "read", None) is None:
        raise TypeError("Parser must be a string or character stream, not "
                        "{itype}".format(itype=timestr.__class__.__name__))
    else:
        text = _read_stream(timestr)
        if not PyUnicode_Check(text):
            return _parse_odd_stream(tables, timestr, text, default, ignoretz, tzinfos,
                                     dayfirst, yearfirst, fuzzy, fuzzy_with_tokens,
                                     required)
    return _run(tables, timestr, text, default, ignoretz, tzinfos, dayfirst,
                yearfirst, fuzzy, fuzzy_with_tokens, required, rej)


cdef object _parse_or_raise(CompiledTables tables, object timestr, object default,
                            object ignoretz, object tzinfos, object dayfirst,
                            object yearfirst, object fuzzy, object fuzzy_with_tokens,
                            int required):
    """``_parse``, a refusal raised as dateutil's exception."""
    cdef Rejection rej
    _rejection_init(&rej)
    ret = _parse(tables, timestr, default, ignoretz, tzinfos, dayfirst, yearfirst, fuzzy,
                 fuzzy_with_tokens, required, &rej)
    if rej.status != ST_OK:
        _raise_status(&rej, timestr, ret)
    return ret


cdef object _read_stream(object stream):
    """The stream's text, read as dateutil does: read(1) until it is empty.

    A str, or (for a stream yielding something else, e.g. bytes) the list of
    pieces it gave.
    """
    pieces = []
    all_str = True
    while True:
        ch = stream.read(1)
        if not ch:
            break
        if not PyUnicode_Check(ch):
            all_str = False
        pieces.append(ch)
    return "".join(pieces) if all_str else pieces


class _Replay:
    """Gives a consumed stream's pieces again, one per read()."""

    def __init__(self, pieces):
        self._pieces = iter(pieces)

    def read(self, size=-1):
        return next(self._pieces, "")


cdef object _parse_odd_stream(CompiledTables tables, object timestr, list pieces,
                              object default, object ignoretz, object tzinfos,
                              object dayfirst, object yearfirst, object fuzzy,
                              object fuzzy_with_tokens, int required):
    """A stream whose read(1) yields non-str pieces (say, a BytesIO).

    dateutil then lexes bytes objects with str methods, with results that
    follow from no date grammar; this rare case is handed to dateutil's own
    public parser so the answer is its answer by construction, and its
    ParserError names the caller's stream.
    """
    replay = _Replay(pieces)
    try:
        return _dateutil_parse(tables.parserinfo, replay, default, ignoretz, tzinfos,
                               dayfirst, yearfirst, fuzzy, fuzzy_with_tokens, required,
                               timestr)
    except _DateutilParserError as e:
        if isinstance(e, ParserError):      # required=: already names timestr
            raise
        args = tuple(timestr if a is replay else a for a in e.args)
        raise ParserError(*args) from e.__cause__


cdef object _foreign_info_parse(object info, object timestr, object default,
                                object ignoretz, object tzinfos, object dayfirst,
                                object yearfirst, object fuzzy, object fuzzy_with_tokens,
                                int required):
    """A duck-typed "parserinfo" (not a parserinfo instance): dateutil's parser."""
    try:
        return _dateutil_parse(info, timestr, default, ignoretz, tzinfos, dayfirst,
                               yearfirst, fuzzy, fuzzy_with_tokens, required, timestr)
    except _DateutilParserError as e:
        if type(e) is _DateutilParserError:
            raise ParserError(*e.args) from e.__cause__
        raise


class _Prefetched(_FallbackParser):
    """dateutil's parser, its ``_parse`` answer already known (required=
    looked at those fields first; the input, maybe a stream, is read once)."""

    def __init__(self, info, found):
        super().__init__(info)
        self._found = found

    def _parse(self, timestr, **kwargs):
        return self._found


cdef object _dateutil_parse(object info, object source, object default, object ignoretz,
                            object tzinfos, object dayfirst, object yearfirst, object fuzzy,
                            object fuzzy_with_tokens, int required, object timestr):
    """dateutil's own ``parser(info).parse(source, ...)``; with ``required``,
    its ``_parse`` fields are checked first (MissingFieldsError names
    ``timestr``)."""
    try:
        return _dateutil_parse_as_is(info, source, default, ignoretz, tzinfos, dayfirst,
                                     yearfirst, fuzzy, fuzzy_with_tokens, required, timestr)
    except _OutOfMemory:
        raise MemoryError() from None      # fastdt/_fallback.py: never "no date"


cdef object _dateutil_parse_as_is(object info, object source, object default,
                                  object ignoretz, object tzinfos, object dayfirst,
                                  object yearfirst, object fuzzy, object fuzzy_with_tokens,
                                  int required, object timestr):
    du = _FallbackParser(info)
    if required:
        found = du._parse(source, dayfirst=dayfirst, yearfirst=yearfirst, fuzzy=fuzzy,
                          fuzzy_with_tokens=fuzzy_with_tokens)
        check_dateutil_fields(found[0], required, timestr)
        du = _Prefetched(info, found)
    return du.parse(source, default=default, ignoretz=ignoretz, tzinfos=tzinfos,
                    dayfirst=dayfirst, yearfirst=yearfirst, fuzzy=fuzzy,
                    fuzzy_with_tokens=fuzzy_with_tokens)


# The docstring's first two lines are CPython's signature convention for
# classes written in C: they give inspect.signature(Parser), and help() does
# not show them.
cdef class Parser:
    """Parser(info=None)
--

    A compiled, immutable, thread-safe ``dateutil.parser.parser``.

    ``Parser(info)`` compiles a ``dateutil.parser.parserinfo`` (or subclass:
    other languages, jump words, tz offsets, a two-digit-year pivot) into C
    tables once; every ``parse`` call then reads only those tables.

    :param info: the ``parserinfo``; ``None`` for dateutil's English
        defaults.  An object that is not a ``parserinfo`` is handed to
        dateutil's own parser.
    """
    cdef readonly object info
    cdef CompiledTables _tables

    def __init__(self, info=None):
        self.info = info or _parserinfo()
        # An object that is not a parserinfo has no tables to compile; it is
        # served by dateutil's own parser (so its errors are dateutil's too).
        self._tables = CompiledTables(self.info) if isinstance(self.info, _parserinfo) else None

    def __reduce__(self):
        # Pickle, copy and deepcopy rebuild from ``info`` (a subclass's
        # instance dict travels too); the C tables are compiled again.
        return (type(self), (self.info,), getattr(self, "__dict__", None) or None)

    def parse(self, timestr, default=None, ignoretz=False, tzinfos=None, *,
              dayfirst=None, yearfirst=None, fuzzy=False, fuzzy_with_tokens=False,
              required=None):
        """Parse a date/time string exactly as ``dateutil.parser.parser.parse``.

        :param timestr: a ``str``, ``bytes``/``bytearray`` (UTF-8, as dateutil
            reads them) or a character stream with ``read()``.
        :param default: a datetime whose fields fill in what the string leaves
            out; ``None`` means today at midnight.
        :param ignoretz: ``True`` drops any time zone the string gives and
            returns a naive datetime.
        :param tzinfos: what zone names mean: a mapping from name to a tzinfo,
            an offset in seconds east of UTC or a TZ string (``"EST5EDT"``), or
            a callable ``tzinfos(name, offset)`` returning one of those.
        :param dayfirst: ``True`` reads ``01/05/09`` day first (1 May); ``None``
            takes the parserinfo's ``dayfirst``.
        :param yearfirst: ``True`` reads ``01/05/09`` year first (2001-05-09);
            ``None`` takes the parserinfo's ``yearfirst``.
        :param fuzzy: ``True`` skips words that are not part of a date
            (``"Today is 25 of September of 2003"``).
        :param fuzzy_with_tokens: as ``fuzzy``, and return ``(datetime,
            skipped)``, ``skipped`` being a tuple of the parts of the string
            that were skipped.
        :param required: field names the string itself must give, e.g.
            ``("year", "month", "day")`` (a single name may be a str), so that
            ``default`` fills in only the others; ``None`` requires nothing.
            Names: year, month, day, weekday, hour, minute, second,
            microsecond, tzname, tzoffset (``fastdt.parse_fields`` shows them).
        :returns: a ``datetime.datetime``, aware when the string gives a zone
            that is known (dateutil's ``tzutc``, ``tzoffset``, ``tzlocal`` or
            what ``tzinfos`` gives); with ``fuzzy_with_tokens``, the tuple above.
        :raises ParserError: (a ``ValueError``; ``except
            dateutil.parser.ParserError`` catches it) when the string is not a
            date, or names an impossible one; the message says which and quotes
            the string.
        :raises MissingFieldsError: (a ``ParserError``) when the string
            lacks a field named in ``required``; its ``missing`` attribute
            names them.
        :raises OverflowError: when a number is too large for a date field.
        :raises TypeError: when ``timestr`` is not a str, bytes, bytearray or
            character stream, ``tzinfos`` gives something that is not a zone,
            or ``required`` holds something other than field names.
        :raises ValueError: when ``required`` names an unknown field.
        :warns UnknownTimezoneWarning: when the string names a zone that neither
            ``tzinfos`` nor the local zone knows: the answer is then naive.
            Filter it by category or with ``module="dateutil"``, as dateutil's.
        """
        cdef int bits = 0 if required is None else required_bits(required)
        if self._tables is None:
            return _foreign_info_parse(self.info, timestr, default, ignoretz, tzinfos,
                                       dayfirst, yearfirst, fuzzy, fuzzy_with_tokens, bits)
        return _parse_or_raise(self._tables, timestr, default, ignoretz, tzinfos,
                               dayfirst, yearfirst, fuzzy, fuzzy_with_tokens, bits)

    def parse_fields(self, timestr, *, dayfirst=None, yearfirst=None, fuzzy=False,
                     required=None, ambiguous="ignore"):
        """The fields a date string gives, without filling in any from a default.

        ``fastdt.parse_fields`` on this parser's compiled tables: what
        ``dateutil.parser.parser(info)._parse(timestr, ...)`` finds, as an
        immutable ``fastdt.ParsedFields`` record; a field the string does
        not give is None.

        :param timestr: a ``str``, ``bytes``/``bytearray`` (UTF-8, as dateutil
            reads them) or a character stream with ``read()``.
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
            string reads another way under a ``dayfirst`` or ``yearfirst``
            left None (``01/05/09``), naming each reading.
        :returns: a ``fastdt.ParsedFields``; every field None for a string
            holding no date field (where ``parse`` raises "String does not
            contain a date"), as dateutil's ``_parse`` gives.
        :raises ParserError: where ``parse`` raises "Unknown string format",
            with the same message.
        :raises MissingFieldsError: (a ``ParserError``) when the string lacks
            a field named in ``required``; its ``missing`` attribute names them.
        :raises TypeError: when ``timestr`` is not a str, bytes, bytearray or
            character stream, or ``required`` holds something other than names.
        :raises AmbiguousDateError: (a ``ParserError``) with
            ``ambiguous="raise"``, as above; its ``readings`` holds them.
        :raises ValueError: when ``required`` holds an unknown field name, or
            ``ambiguous`` is neither ``"ignore"`` nor ``"raise"``.
        """
        if ambiguous != "ignore":
            from fastdt._fields import parse_fields
            return parse_fields(timestr, self.info, dayfirst=dayfirst, yearfirst=yearfirst,
                                fuzzy=fuzzy, required=required, ambiguous=ambiguous)
        if _fields_entry is NULL:
            import fastdt._fields       # registers its entry
        return _fields_entry(self._tables, self.info, timestr, dayfirst, yearfirst, fuzzy,
                             required)


DEFAULT_PARSER = Parser()
cdef CompiledTables _default_tables = (<Parser>DEFAULT_PARSER)._tables

# Tables compiled for parserinfo objects passed to parse(): the last few,
# newest first, in a tuple replaced as a whole (safe for concurrent readers).
# Found by identity without allocating (an ``id(info)`` key is a new int per
# call), and bounded: a new parserinfo per call must not pile up (each
# CompiledTables holds its parserinfo strongly).
cdef enum:
    RECENT_INFOS = 8
cdef tuple _recent_tables = ()


cdef CompiledTables _tables_for(object info):
    global _recent_tables
    cdef tuple recent = _recent_tables
    cdef CompiledTables tables
    cdef Py_ssize_t k
    for k in range(len(recent)):
        tables = <CompiledTables>recent[k]
        if tables.parserinfo is info:
            return tables
    tables = CompiledTables(info)
    _recent_tables = (tables,) + recent[:RECENT_INFOS - 1]
    return tables


def parse(timestr, parserinfo=None, *, default=None, ignoretz=False, tzinfos=None,
          dayfirst=None, yearfirst=None, fuzzy=False, fuzzy_with_tokens=False,
          required=None):
    """Parse a date/time string exactly as ``dateutil.parser.parse``.

    Same arguments, answers, tzinfo objects, exceptions and warnings as the
    python-dateutil that is installed.

    :param timestr: a ``str``, ``bytes``/``bytearray`` (UTF-8, as dateutil
        reads them) or a character stream with ``read()``.
    :param parserinfo: a ``dateutil.parser.parserinfo`` (or subclass) for
        other month and weekday names, jump words, zone offsets; ``None``
        for dateutil's English defaults.  Its tables are compiled on first
        use and kept for the last few objects passed.
    :param default: a datetime whose fields fill in what the string leaves
        out; ``None`` means today at midnight.
    :param ignoretz: ``True`` drops any time zone the string gives and
        returns a naive datetime.
    :param tzinfos: what zone names mean: a mapping from name to a tzinfo,
        an offset in seconds east of UTC or a TZ string (``"EST5EDT"``), or
        a callable ``tzinfos(name, offset)`` returning one of those.
    :param dayfirst: ``True`` reads ``01/05/09`` day first (1 May); ``None``
        takes the parserinfo's ``dayfirst``.
    :param yearfirst: ``True`` reads ``01/05/09`` year first (2001-05-09);
        ``None`` takes the parserinfo's ``yearfirst``.
    :param fuzzy: ``True`` skips words that are not part of a date
        (``"Today is 25 of September of 2003"``).
    :param fuzzy_with_tokens: as ``fuzzy``, and return ``(datetime,
        skipped)``, ``skipped`` being a tuple of the parts of the string
        that were skipped.
    :param required: field names the string itself must give, e.g.
        ``("year", "month", "day")`` (a single name may be a str), so that
        ``default`` fills in only the others; ``None`` requires nothing.
        Names: year, month, day, weekday, hour, minute, second,
        microsecond, tzname, tzoffset (``fastdt.parse_fields`` shows them).
    :returns: a ``datetime.datetime``, aware when the string gives a zone
        that is known (dateutil's ``tzutc``, ``tzoffset``, ``tzlocal`` or
        what ``tzinfos`` gives); with ``fuzzy_with_tokens``, the tuple above.
    :raises ParserError: (a ``ValueError``; ``except
        dateutil.parser.ParserError`` catches it) when the string is not a
        date, or names an impossible one; the message says which and quotes
        the string.
    :raises MissingFieldsError: (a ``ParserError``) when the string
        lacks a field named in ``required``; its ``missing`` attribute
        names them.
    :raises OverflowError: when a number is too large for a date field.
    :raises TypeError: when ``timestr`` is not a str, bytes, bytearray or
        character stream, ``tzinfos`` gives something that is not a zone,
        or ``required`` holds something other than field names.
    :raises ValueError: when ``required`` names an unknown field.
    :warns UnknownTimezoneWarning: when the string names a zone that neither
        ``tzinfos`` nor the local zone knows: the answer is then naive.
        Filter it by category or with ``module="dateutil"``, as dateutil's.
    """
    cdef CompiledTables tables = _default_tables
    cdef int bits = 0 if required is None else required_bits(required)
    if parserinfo:
        if not isinstance(parserinfo, _parserinfo):
            return _foreign_info_parse(parserinfo, timestr, default, ignoretz, tzinfos,
                                       dayfirst, yearfirst, fuzzy, fuzzy_with_tokens, bits)
        tables = _tables_for(parserinfo)
    return _parse_or_raise(tables, timestr, default, ignoretz, tzinfos, dayfirst,
                           yearfirst, fuzzy, fuzzy_with_tokens, bits)


def try_parse(timestr, parserinfo=None, *, default=None, ignoretz=False, tzinfos=None,
              dayfirst=None, yearfirst=None, fuzzy=False, fuzzy_with_tokens=False,
              required=None):
    """``parse``, but None where it raises ParserError, ValueError, OverflowError.

    Same arguments and answers as ``fastdt.parse`` (``dateutil.parser.parse``)
    wherever that returns: for a type sniffer or validator, "is this a
    date?" without an exception per string that is not one.  A value that
    is not a string still raises TypeError, as ``parse`` does.  A string
    the core refuses ("Unknown string format", a day out of range for its
    month, ...) gives None without any exception object being made, and
    without allocating anything.

    PARSE_PARAMETERS
    :returns: what ``parse`` returns (a ``datetime.datetime``, or with
        ``fuzzy_with_tokens`` the ``(datetime, skipped)`` tuple), or None
        where ``parse`` raises ``ParserError``, ``MissingFieldsError``,
        another ``ValueError`` (a parserinfo's ``convertyear`` or a
        ``tzinfos`` callable raising it included) or ``OverflowError``.
    :raises TypeError: as ``parse`` does: when ``timestr`` is not a str,
        bytes, bytearray or character stream, ``tzinfos`` gives something
        that is not a zone, or ``required`` holds something other than
        field names.
    :raises ValueError: when ``required`` names an unknown field (a
        mistake in the call, not a verdict on the string).
    :raises: whatever else ``parse`` raises that is not a verdict on the
        string: ``decimal.InvalidOperation`` (a number of more than 28
        digits with a fraction, as dateutil), ``IndexError``,
        ``MemoryError``, a stream's own errors.
    :warns UnknownTimezoneWarning: as ``parse``.
    """
    cdef CompiledTables tables = _default_tables
    cdef int bits = 0 if required is None else required_bits(required)
    cdef Rejection rej
    if parserinfo and not isinstance(parserinfo, _parserinfo):
        try:
            return _foreign_info_parse(parserinfo, timestr, default, ignoretz, tzinfos,
                                       dayfirst, yearfirst, fuzzy, fuzzy_with_tokens, bits)
        except (ValueError, OverflowError):
            return None
    if parserinfo:
        tables = _tables_for(parserinfo)
    _rejection_init(&rej)
    try:
        ret = _parse(tables, timestr, default, ignoretz, tzinfos, dayfirst, yearfirst,
                     fuzzy, fuzzy_with_tokens, bits, &rej)
    except (ValueError, OverflowError):
        # raised by Python code on the way (a parserinfo's convertyear, a
        # tzinfos callable, dateutil's own parser for a stream of bytes),
        # where parse raises the same
        return None
    if rej.status == ST_OK:
        return ret
    if _none_for(rej.status):
        return None
    _raise_status(&rej, timestr, ret)


cdef CompiledTables tables_for(object info):
    return _tables_for(info)


cdef CompiledTables default_tables():
    return _default_tables


# fastdt._fields's parse_fields, for Parser.parse_fields (see _parser.pxd)
cdef FieldsEntry _fields_entry = NULL


cdef void register_fields_entry(FieldsEntry entry) noexcept:
    global _fields_entry
    _fields_entry = entry


# The default parserinfo's dayfirst, known for one version of its __dict__
# (written only when that dict changes).
cdef unsigned long long _dayfirst_version = 0
cdef int _dayfirst_value = 0


cdef int _default_dayfirst(CompiledTables tables) except -1:
    global _dayfirst_version, _dayfirst_value
    cdef unsigned long long version
    if not HAVE_DICT_VERSION or tables.info_dict is None:
        return tables.read_dayfirst()
    version = dict_version(tables.info_dict)
    if version != 0 and version == _dayfirst_version:
        return _dayfirst_value
    _dayfirst_value = tables.read_dayfirst()
    _dayfirst_version = version
    return _dayfirst_value


cdef object _one(object timestr, Rejection* rej):
    """``parse(timestr)``, answering as ``_run`` does: an ASCII ISO string
    goes from the shortcut straight to the builder; anything else takes
    the general path."""
    cdef CompiledTables tables = _default_tables
    cdef Result res
    cdef IsoFields iso
    cdef Py_ssize_t n
    cdef const unsigned char* data
    if not PyUnicode_Check(timestr):
        return _parse(tables, timestr, None, False, None, None, None, False, False, 0, rej)
    if PyUnicode_IS_COMPACT_ASCII(timestr) and tables.c.iso_shortcut:
        n = PyUnicode_GET_LENGTH(timestr)
        data = <const unsigned char*>PyUnicode_DATA(timestr)
        # (long strings: the general path sets the int digit limit first)
        if (n <= 64 and iso_shortcut(data, n, &iso) == ISO_OK
                # dayfirst would read YYYY-MM-DD with DD <= 12 as YYYY-DD-MM
                and (iso.day > 12 or not _default_dayfirst(tables))):
            # straight from the fields (no Result) ...
            ret = build_iso(&iso)
            if ret is not None:
                return ret
            # ... or, for a field out of range or a "UTC" (a "Z" or a zero
            # offset) whose zone depends on the time, the Result the grammar
            # would fill
            result_from_iso(&iso, &res)
            ret = build_iso_datetime(&res, tables, timestr, &rej.fields, &rej.status)
            return None if rej.status != ST_OK else ret
        # the shortcut was tried (a long string: not yet, see above)
        return _run_plain(tables, timestr, n > 64, rej)
    return _run_plain(tables, timestr, True, rej)


cdef extern from *:
    """
    /* The exception ``err`` (new, no traceback yet) raised, as
       PyErr_SetObject raises it: that also chains it to an exception being
       handled (its __context__), and when none is, what is left of it is
       PyErr_Restore's (type, value, no traceback), without its checks. */
    static void fastdt_set_new_error(PyObject *err) {
        PyObject *handled = PyErr_GetHandledException();
        if (handled != NULL) {
            Py_DECREF(handled);
            PyErr_SetObject((PyObject *)Py_TYPE(err), err);
            return;
        }
        Py_INCREF(Py_TYPE(err));
        Py_INCREF(err);
        PyErr_Restore((PyObject *)Py_TYPE(err), err, NULL);
    }
    """
    void set_new_error "fastdt_set_new_error" (object err)


cdef PyObject* _one_arg(object timestr, int quiet) except NULL:
    """The builtins' one-argument call: ``parse(timestr)`` (``quiet`` 0) or
    ``try_parse(timestr)`` (1).  A new reference to the answer; for a
    refused string, None (try_parse) or NULL with dateutil's exception set.

    The exception is set here, at the C edge, instead of raised: raised,
    it would pass up through every Cython function on the way, and each
    adds a frame and a traceback entry (about a third of a rejection's
    cost, callgrind); the caller's traceback shows the call line as for
    any builtin."""
    cdef Rejection rej
    if quiet and not PyUnicode_Check(timestr):
        # bytes and streams: the Cython entry, which also answers None for
        # what Python code on the way (a stream, dateutil's parser) raises
        ret = _try_parse_general(timestr)
        Py_INCREF(ret)
        return <PyObject*>ret
    _rejection_init(&rej)
    ret = _one(timestr, &rej)
    if rej.status != ST_OK:
        if quiet and _none_for(rej.status):
            ret = None
        else:
            err = _rejection_error(&rej, timestr, ret)
            set_new_error(err)
            return NULL
    Py_INCREF(ret)
    return <PyObject*>ret


# ``fastdt.parse`` and ``fastdt.try_parse`` are builtin functions over the
# Cython ones (see fastdt/_onearg.pxd, one_arg_builtin): CPython calls them
# directly, without the generic call path, and the bare call goes straight
# to _one_arg.  Pickling finds them as fastdt._parser.parse / try_parse.
cdef bytes _parse_name = b"parse"
cdef bytes _parse_doc = ("parse%s\n--\n\n%s" % (
    _inspect.signature(parse), parse.__doc__)).encode("utf-8")
parse = one_arg_builtin(parse, _one_arg, 0, _parse_name, _parse_doc, __name__)
cdef object _try_parse_general = try_parse
cdef bytes _try_parse_name = b"try_parse"
# try_parse's parameters are parse's: its help() lists them from parse's
# docstring (the ``:param`` entries, up to ``:returns:``), not a copy
_parse_params = parse.__doc__[parse.__doc__.index(":param timestr:"):
                              parse.__doc__.index(":returns:")].rstrip() + "\n"
cdef bytes _try_parse_doc = ("try_parse%s\n--\n\n%s" % (
    _inspect.signature(try_parse),
    try_parse.__doc__.replace("PARSE_PARAMETERS\n    ", _parse_params + "    "))).encode("utf-8")
try_parse = one_arg_builtin(try_parse, _one_arg, 1, _try_parse_name, _try_parse_doc,
                            __name__)
