"""The Python edge: ``Parser``, ``parse`` and ``ParserError``.

One call reads the input's own buffer (a ``str``'s code points, or an ASCII
``bytes``'s bytes), lexes it into a token array on the C stack, looks every
token up once in the compiled tables, runs the grammar and builds the
datetime.  Failures inside travel as C status codes and become one Python
exception here, with dateutil's type and message.
"""
from libc.stdlib cimport malloc, free
from libc.stdint cimport INT64_MAX
from cpython.unicode cimport (PyUnicode_Check, PyUnicode_GET_LENGTH,
                              PyUnicode_KIND, PyUnicode_DATA, PyUnicode_FromKindAndData,
                              PyUnicode_4BYTE_KIND)
from cpython.bytes cimport PyBytes_Check, PyBytes_AS_STRING, PyBytes_GET_SIZE
from cpython.bytearray cimport PyByteArray_Check, PyByteArray_AS_STRING, PyByteArray_GET_SIZE

from fastdt._tokenizer cimport (Source, TokenBuf, CharBuf, Token, tokenize, tokenbuf_init,
                                tokenbuf_free, source_strip_nuls, charbuf_free,
                                tok_char, tok_len, TF_SKIPPED, src_char, c_todecimal)
from fastdt._tables cimport CompiledInfo
from fastdt._grammar cimport (UNSET, Result, parse_tokens, parse_iso_fast, set_int_max_str_digits, result_len, PARSE_OK,
                              PARSE_UNKNOWN_FORMAT)
from fastdt._build cimport build_datetime, build_iso_datetime
from fastdt._dictversion cimport HAVE_DICT_VERSION, dict_version

from dateutil.parser import ParserError as _DateutilParserError
from dateutil.parser import parserinfo as _parserinfo
from dateutil.parser import parser as _DateutilParser
from fastdt import _build
import sys as _sys
from decimal import Decimal as _Decimal

_get_int_max_str_digits = getattr(_sys, "get_int_max_str_digits", lambda: 0)

cdef extern from "Python.h":
    int PyUnicode_READY(object) except -1
    bint PyUnicode_IS_COMPACT_ASCII(object)

# The bare call ``parse(s)`` is most calls.  Cython's argument handling for
# parse()'s nine parameters costs more than an ISO parse itself, so the
# function object's vectorcall slot (PEP 590: a per-object C entry point) is
# pointed at a dispatcher: one positional argument and no keywords go
# straight to _parse_one; every other call goes to Cython's entry, which
# still does all argument checking and error messages.  The function object
# itself (name, signature, docstring, pickling) is unchanged.
cdef extern from *:
    """
    static vectorcallfunc fastdt_parse_general = NULL;
    static PyObject *(*fastdt_parse_one)(PyObject *) = NULL;

    static PyObject *fastdt_parse_vectorcall(PyObject *callable, PyObject *const *args,
                                             size_t nargsf, PyObject *kwnames) {
        if (PyVectorcall_NARGS(nargsf) == 1 && (kwnames == NULL || PyTuple_GET_SIZE(kwnames) == 0))
            return fastdt_parse_one(args[0]);
        return fastdt_parse_general(callable, args, nargsf, kwnames);
    }

    /* 1 when installed; 0 (nothing changed) if the object has no vectorcall slot */
    static int fastdt_install_parse_vectorcall(PyObject *func, PyObject *(*one)(PyObject *)) {
        PyTypeObject *tp = Py_TYPE(func);
        vectorcallfunc *slot;
        if (!PyType_HasFeature(tp, Py_TPFLAGS_HAVE_VECTORCALL) || tp->tp_vectorcall_offset <= 0)
            return 0;
        slot = (vectorcallfunc *)((char *)func + tp->tp_vectorcall_offset);
        if (*slot == NULL || *slot == fastdt_parse_vectorcall)
            return *slot != NULL;
        fastdt_parse_general = *slot;
        fastdt_parse_one = one;
        *slot = fastdt_parse_vectorcall;
        return 1;
    }
    """
    int fastdt_install_parse_vectorcall(object func, object (*one)(object))


class ParserError(_DateutilParserError):
    """dateutil's ParserError: ``except dateutil.parser.ParserError`` catches it."""
    __module__ = "fastdt"


_build._bind_parser_error(ParserError)


cdef bint _is_ascii(const char* data, Py_ssize_t n) noexcept nogil:
    cdef Py_ssize_t k
    for k in range(n):
        if <unsigned char>data[k] >= 0x80:
            return False
    return True


cdef object _digits_value(const Source* src, Py_ssize_t start, Py_ssize_t end):
    """The int value of a digit run too large for int64 (for a message).

    Built through Decimal, which, unlike int(str), has no digit limit: the
    limit then bites where it bites in dateutil, when the message formats
    the number."""
    return int(_Decimal("".join([str(c_todecimal(src_char(src, k))) for k in range(start, end)])))


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


cdef object _run(CompiledInfo compiled, object timestr, object text,
                 object default, object ignoretz, object tzinfos, object dayfirst,
                 object yearfirst, object fuzzy, object fuzzy_with_tokens):
    """Parse ``text`` (a str, or ASCII bytes/bytearray) on behalf of ``timestr``."""
    cdef Source src
    cdef CharBuf chars
    cdef TokenBuf toks
    cdef Result res
    cdef int status
    cdef bint with_tokens = fuzzy_with_tokens
    cdef bint is_fuzzy = with_tokens or fuzzy
    # -1: dateutil's "None: ask the parserinfo", done only if a branch needs it
    cdef int day_first = -1 if dayfirst is None else bool(dayfirst)
    cdef int year_first = -1 if yearfirst is None else bool(yearfirst)
    cdef bint iso = False
    month_value = None
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
    tokenbuf_init(&toks)
    chars.items = chars.inline_items
    try:
        if source_strip_nuls(&src, &chars) < 0:
            raise MemoryError()
        if src.length > 640:
            set_int_max_str_digits(_get_int_max_str_digits())
        if (compiled.iso_shortcut and not with_tokens and src.kind == 1 and
                parse_iso_fast(<const unsigned char*>src.data, src.length, &res) == 0):
            iso = True
            # dayfirst would read YYYY-MM-DD with DD <= 12 as YYYY-DD-MM
            if res.day <= 12:
                if day_first < 0:
                    day_first = compiled.read_dayfirst()
                iso = not day_first
        if iso:
            status = PARSE_OK
        else:
            if tokenize(&src, &toks) < 0:
                raise MemoryError()
            compiled.classify(&src, &toks)
            status = parse_tokens(&src, &toks, compiled, day_first, year_first,
                                  is_fuzzy, &res)
        if status == PARSE_UNKNOWN_FORMAT:
            raise ParserError("Unknown string format: %s", timestr)
        if not iso and result_len(&res) == 0:
            raise ParserError("String does not contain a date: %s", timestr)
        skipped = _skipped_tokens(&src, &toks) if with_tokens else None
        if (res.month >= INT64_MAX - 1 and res.day == UNSET
                and res.month_src_end > res.month_src_start):
            # only the "bad month number N" message needs all of N's digits
            month_value = _digits_value(&src, res.month_src_start, res.month_src_end)
    finally:
        tokenbuf_free(&toks)
        charbuf_free(&chars)
    ret = build_datetime(&res, default, ignoretz, tzinfos, compiled, timestr,
                         month_value)
    if with_tokens:
        return (ret, skipped)
    return ret


cdef object _parse(CompiledInfo compiled, object timestr, object default,
                   object ignoretz, object tzinfos, object dayfirst, object yearfirst,
                   object fuzzy, object fuzzy_with_tokens):
    """Input handling as dateutil's ``_timelex``, then ``_run``."""
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
            return _parse_odd_stream(compiled, timestr, text, default, ignoretz, tzinfos,
                                     dayfirst, yearfirst, fuzzy, fuzzy_with_tokens)
    return _run(compiled, timestr, text, default, ignoretz, tzinfos, dayfirst,
                yearfirst, fuzzy, fuzzy_with_tokens)


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


cdef object _parse_odd_stream(CompiledInfo compiled, object timestr, list pieces,
                              object default, object ignoretz, object tzinfos,
                              object dayfirst, object yearfirst, object fuzzy,
                              object fuzzy_with_tokens):
    """A stream whose read(1) yields non-str pieces (say, a BytesIO).

    dateutil then lexes bytes objects with str methods, with results that
    follow from no date grammar; this rare case is handed to dateutil's own
    public parser so the answer is its answer by construction, and its
    ParserError names the caller's stream.
    """
    replay = _Replay(pieces)
    try:
        return _DateutilParser(compiled.info).parse(
            replay, default=default, ignoretz=ignoretz, tzinfos=tzinfos, dayfirst=dayfirst,
            yearfirst=yearfirst, fuzzy=fuzzy, fuzzy_with_tokens=fuzzy_with_tokens)
    except _DateutilParserError as e:
        args = tuple(timestr if a is replay else a for a in e.args)
        raise ParserError(*args) from e.__cause__


cdef object _foreign_info_parse(object info, object timestr, object default,
                                object ignoretz, object tzinfos, object dayfirst,
                                object yearfirst, object fuzzy, object fuzzy_with_tokens):
    """A duck-typed "parserinfo" (not a parserinfo instance): dateutil's parser."""
    try:
        return _DateutilParser(info).parse(
            timestr, default=default, ignoretz=ignoretz, tzinfos=tzinfos, dayfirst=dayfirst,
            yearfirst=yearfirst, fuzzy=fuzzy, fuzzy_with_tokens=fuzzy_with_tokens)
    except _DateutilParserError as e:
        if type(e) is _DateutilParserError:
            raise ParserError(*e.args) from e.__cause__
        raise


cdef class Parser:
    """A compiled, immutable, thread-safe ``dateutil.parser.parser``.

    ``Parser(info)`` compiles a ``dateutil.parser.parserinfo`` (or subclass:
    other languages, jump words, tz offsets, a two-digit-year pivot) into C
    tables once; every ``parse`` call then reads only those tables.
    """
    cdef readonly object info
    cdef CompiledInfo _compiled

    def __init__(self, info=None):
        self.info = info or _parserinfo()
        # An object that is not a parserinfo has no tables to compile; it is
        # served by dateutil's own parser (so its errors are dateutil's too).
        self._compiled = CompiledInfo(self.info) if isinstance(self.info, _parserinfo) else None

    def __reduce__(self):
        # Pickle, copy and deepcopy rebuild from ``info`` (a subclass's
        # instance dict travels too); the C tables are compiled again.
        return (type(self), (self.info,), getattr(self, "__dict__", None) or None)

    def parse(self, timestr, default=None, ignoretz=False, tzinfos=None, *,
              dayfirst=None, yearfirst=None, fuzzy=False, fuzzy_with_tokens=False):
        """Parse a date/time string exactly as ``dateutil.parser.parser.parse``."""
        if self._compiled is None:
            return _foreign_info_parse(self.info, timestr, default, ignoretz, tzinfos,
                                       dayfirst, yearfirst, fuzzy, fuzzy_with_tokens)
        return _parse(self._compiled, timestr, default, ignoretz, tzinfos,
                      dayfirst, yearfirst, fuzzy, fuzzy_with_tokens)


DEFAULT_PARSER = Parser()
cdef CompiledInfo _default_compiled = (<Parser>DEFAULT_PARSER)._compiled

# Tables compiled for parserinfo objects passed to parse(): the last few,
# newest first, in a tuple replaced as a whole (safe for concurrent readers).
# Found by identity without allocating (an ``id(info)`` key is a new int per
# call), and bounded: a new parserinfo per call must not pile up (each
# CompiledInfo holds its parserinfo strongly).
cdef enum:
    RECENT_INFOS = 8
cdef tuple _recent_compiled = ()


cdef CompiledInfo _compiled_for(object info):
    global _recent_compiled
    cdef tuple recent = _recent_compiled
    cdef CompiledInfo compiled
    cdef Py_ssize_t k
    for k in range(len(recent)):
        compiled = <CompiledInfo>recent[k]
        if compiled.info is info:
            return compiled
    compiled = CompiledInfo(info)
    _recent_compiled = (compiled,) + recent[:RECENT_INFOS - 1]
    return compiled


def parse(timestr, parserinfo=None, *, default=None, ignoretz=False, tzinfos=None,
          dayfirst=None, yearfirst=None, fuzzy=False, fuzzy_with_tokens=False):
    """Drop-in for ``dateutil.parser.parse``: same arguments, same answers."""
    cdef CompiledInfo compiled = _default_compiled
    if parserinfo:
        if not isinstance(parserinfo, _parserinfo):
            return _foreign_info_parse(parserinfo, timestr, default, ignoretz, tzinfos,
                                       dayfirst, yearfirst, fuzzy, fuzzy_with_tokens)
        compiled = _compiled_for(parserinfo)
    return _parse(compiled, timestr, default, ignoretz, tzinfos, dayfirst,
                  yearfirst, fuzzy, fuzzy_with_tokens)


# The default parserinfo's dayfirst, known for one version of its __dict__
# (written only when that dict changes).
cdef unsigned long long _dayfirst_version = 0
cdef int _dayfirst_value = 0


cdef int _default_dayfirst(CompiledInfo compiled) except -1:
    global _dayfirst_version, _dayfirst_value
    cdef unsigned long long version
    if not HAVE_DICT_VERSION or compiled.info_dict is None:
        return compiled.read_dayfirst()
    version = dict_version(compiled.info_dict)
    if version != 0 and version == _dayfirst_version:
        return _dayfirst_value
    _dayfirst_value = compiled.read_dayfirst()
    _dayfirst_version = version
    return _dayfirst_value


cdef object _parse_one(object timestr):
    """``parse(timestr)``: an ASCII ISO string goes from the shortcut
    straight to the builder; anything else takes the general path."""
    cdef CompiledInfo compiled = _default_compiled
    cdef Result res
    cdef Py_ssize_t n
    if (PyUnicode_Check(timestr) and PyUnicode_IS_COMPACT_ASCII(timestr)
            and compiled.iso_shortcut):
        n = PyUnicode_GET_LENGTH(timestr)
        # (long strings: the general path sets the int digit limit first)
        if (n <= 64 and parse_iso_fast(<const unsigned char*>PyUnicode_DATA(timestr), n,
                                       &res) == 0
                # dayfirst would read YYYY-MM-DD with DD <= 12 as YYYY-DD-MM
                and (res.day > 12 or not _default_dayfirst(compiled))):
            return build_iso_datetime(&res, compiled, timestr)
    return _parse(compiled, timestr, None, False, None, None, None, False, False)


fastdt_install_parse_vectorcall(parse, _parse_one)
