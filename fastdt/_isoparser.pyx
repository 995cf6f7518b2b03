"""The Python edge of dateutil's ``isoparser`` (``isoparse``,
``parse_isodate``, ``parse_isotime``, ``parse_tzstr``) with exactly the
installed dateutil's semantics; the parsing itself is ``fastdt._isocore``.

How it is built
---------------
dateutil encodes a ``str`` to ASCII ``bytes`` and then slices it.  How a
slice becomes a number changed in dateutil 4.0: before, ``int()`` on the
slice, so a field may carry ASCII whitespace (``b' 1'``), a sign, an
underscore between digits, and a slice running past the end is simply
shorter (``'2014-W1'`` is week 1); from 4.0, exactly N ASCII digits
(``Expected 2 digits, got ' 1'``).  ``_probe_rules`` asks the installed
dateutil which rules it follows, once at import, and every parser passes
them down to the core.

The hot path reads the ``str``'s own 1-byte-per-char buffer (ASCII strings
only: anything else is what dateutil rejects) or the ``bytes`` buffer, parses
into a C struct with ``noexcept`` routines returning error codes, and builds
the result with the datetime C API.  The only Python object it creates is
the result; the tzinfo comes from ``fastdt._tzcache``.  Python exceptions are
raised once, at the edge (``_raise``), with dateutil's exact type and text.

All indexing is on raw ``const unsigned char*`` buffers, which Cython never
bounds-checks, so no ``boundscheck``/``wraparound`` directive is needed or
used; instead every read ``s[i]`` is guarded by an explicit ``i < n`` (each
site in ``_isocore`` says why), and field slices are clamped to the buffer first.

Field-range errors that dateutil leaves to the ``datetime``/``date``/``time``
constructors (``month must be in 1..12`` ...) are left to the same
constructors here: the C API validates its arguments in the same order.

Inputs that are neither exact ``str`` nor exact ``bytes`` (streams, bytearray,
memoryview, subclasses, wrong types) first go through the same steps as
dateutil's ``_takes_ascii``; if that yields exact ``bytes`` we parse it,
otherwise the object is handed to dateutil's own undecorated method so even
odd inputs behave (and fail) identically.
"""
from cpython.bytes cimport PyBytes_AS_STRING, PyBytes_GET_SIZE, PyBytes_FromStringAndSize
from cpython.datetime cimport import_datetime, datetime_new, date_new, time_new
from cpython.unicode cimport PyUnicode_GET_LENGTH, PyUnicode_DATA

from fastdt._calendar cimport days_in_month
from fastdt._isocore cimport (
    cbuf, IsoFields, iso_date, iso_time, iso_tz_fields, iso_tz_decide, iso_datetime,
    RULE_INT, RULE_DIGITS, RULE_TZ_MINUTES_LEN, TZ_UTC, TZ_OFFSET, TZ_FIELDS,
    ISO_OK, ISO_FIELD, ISO_TOO_SHORT, ISO_ORDINAL, ISO_ORDINAL_RANGE, ISO_WEEK,
    ISO_WEEKDAY, ISO_DASH, ISO_YEAR_RANGE, ISO_OVERFLOW, ISO_UNKNOWN, ISO_TIME_SHORT,
    ISO_COLON, ISO_UNUSED, ISO_HOUR24, ISO_TZ_LEN, ISO_TZ_SIGN, ISO_TZ_MINUTES,
    ISO_TZ_HOURS)
from fastdt._tzcache cimport tz_utc, tz_offset
from fastdt._messages import DATE_VALUE_OUT_OF_RANGE, int_literal_error

# dateutil's class, for the delegated slow path only.  (Not
# ``import dateutil.parser.isoparser``: that name is the class, not the module.)
from dateutil.parser import isoparser as _du_isoparser_cls

cdef extern from "Python.h":
    # Not declared by Cython's cpython.unicode.  For a ready str (every str
    # on 3.12+, every non-legacy str on 3.11) this says the data is 1 byte
    # per char and all chars are < 128, i.e. it *is* the ASCII encoding.
    bint PyUnicode_IS_ASCII(object o)
    int PyUnicode_READY(object o) except -1

import_datetime()

__all__ = ["isoparse", "isoparser"]

cdef enum:
    SEP_ANY = -1        # isoparser(sep=None): any single character
    SEP_NEVER = -2      # a sep object that can never equal a 1-byte slice


def _probe_rules():
    """The field rules of the installed dateutil's isoparser (see
    ``fastdt._isocore``), found by asking it, not by its version number:

    * ``parse_tzstr('+ 1')`` is UTC+1 when fields are ``int()`` slices
      (dateutil < 4) and fails under 4.0's exactly-N-ASCII-digits rule;
    * ``parse_tzstr('+01:5')`` is UTC+1:05 when the minutes are ``int()`` of
      the rest and fails when they must be exactly two characters.
    """
    rules = RULE_INT
    du = _du_isoparser_cls()
    for probe, rule in (('+ 1', RULE_DIGITS), ('+01:5', RULE_TZ_MINUTES_LEN)):
        try:
            du.parse_tzstr(probe)
        except ValueError:
            rules |= rule
    return rules


# Per process: the installed dateutil cannot change under a running fastdt.
cdef int _RULES = _probe_rules()
FIELD_RULES = _RULES     # for tests and the curious: 0 before dateutil 4, 3 in 4.0


# ---------------------------------------------------------------------------
# The Python edge

cdef object _tz_object(IsoFields* p):
    if p.tz_kind == TZ_UTC:
        return tz_utc()
    if p.tz_kind == TZ_OFFSET:
        return tz_offset(NULL, -1, p.tz_seconds)
    return None


cdef int _raise_field(IsoFields* p) except -1:
    """A numeric field that failed the installed dateutil's rule."""
    cdef bytes field = PyBytes_FromStringAndSize(<const char*>p.ebuf, p.elen)
    if p.erule & RULE_DIGITS:
        # isoparser._parse_digits (dateutil 4); for non-ASCII bytes input its
        # decode raises UnicodeDecodeError, as dateutil's does
        raise ValueError("Expected {} digits, got {!r}".format(
            p.ecount, field.decode("ascii")))
    # dateutil < 4 calls int() on the slice: int() itself writes the message
    raise int_literal_error(field)


cdef int _raise(IsoFields* p) except -1:
    cdef int e = p.err
    if e == ISO_FIELD:
        _raise_field(p)
    if e == ISO_TOO_SHORT:
        raise ValueError('ISO string too short')
    if e == ISO_ORDINAL:
        raise ValueError('Invalid ordinal day')
    if e == ISO_ORDINAL_RANGE:
        raise ValueError('Invalid ordinal day {} for year {}'.format(p.ev1, p.ev2))
    if e == ISO_WEEK:
        raise ValueError('Invalid week: {}'.format(p.ev1))
    if e == ISO_WEEKDAY:
        raise ValueError('Invalid weekday: {}'.format(p.ev1))
    if e == ISO_DASH:
        raise ValueError('Inconsistent use of dash separator')
    if e == ISO_YEAR_RANGE:
        # dateutil's date(year, 1, 1): the date constructor says it
        date_new(p.ev1, 1, 1)
    if e == ISO_OVERFLOW:
        raise OverflowError(DATE_VALUE_OUT_OF_RANGE)
    if e == ISO_UNKNOWN:
        raise ValueError('String contains unknown ISO components')
    if e == ISO_TIME_SHORT:
        raise ValueError('ISO time too short')
    if e == ISO_COLON:
        raise ValueError('Inconsistent use of colon separator')
    if e == ISO_UNUSED:
        raise ValueError('Unused components in ISO string')
    if e == ISO_HOUR24:
        raise ValueError('Hour may only be 24 at 24:00:00.000')
    if e == ISO_TZ_LEN:
        raise ValueError('Time zone offset must be 1, 3, 5 or 6 characters')
    if e == ISO_TZ_SIGN:
        raise ValueError('Time zone offset requires sign')
    if e == ISO_TZ_MINUTES:
        raise ValueError('Invalid minutes in time zone offset')
    if e == ISO_TZ_HOURS:
        raise ValueError('Invalid hours in time zone offset')
    raise SystemError('fastdt._isoparser: unexpected error code %d' % e)


cdef inline bint _valid_ymd(IsoFields* p) noexcept:
    return (1 <= p.year <= 9999 and 1 <= p.month <= 12
            and 1 <= p.day <= days_in_month(p.year, p.month))


cdef object _build_datetime(IsoFields* p):
    cdef object tzinfo = _tz_object(p)
    if not p.has_time or p.hour != 24:
        # The C API checks year, month, day, hour, ... in the same order as
        # datetime(*components), so its errors are dateutil's.
        return datetime_new(p.year, p.month, p.day, p.hour, p.minute,
                            p.second, p.microsecond, tzinfo)
    # 24:00[:00[.0]]: datetime(y, m, d, 0, ...) + timedelta(days=1).
    # minute/second/microsecond are 0 (checked in iso_time).
    if not _valid_ymd(p):
        return datetime_new(p.year, p.month, p.day, 0, 0, 0, 0, tzinfo)  # raises
    if p.day < days_in_month(p.year, p.month):
        p.day += 1
    elif p.month < 12:
        p.month += 1
        p.day = 1
    elif p.year < 9999:
        p.year += 1
        p.month = 1
        p.day = 1
    else:
        raise OverflowError(DATE_VALUE_OUT_OF_RANGE)
    return datetime_new(p.year, p.month, p.day, 0, 0, 0, 0, tzinfo)


cdef object _du_parser_for(object sep):
    # dateutil's isoparser with the same sep, for the delegated slow path.
    return _du_isoparser_cls(sep=sep)


cdef object _to_ascii_slow(object obj):
    """dateutil's ``_takes_ascii`` for anything but exact str/bytes.

    Returns the (possibly read/encoded) object; the caller parses it natively
    if it is exact bytes and otherwise hands it to dateutil.
    """
    obj = getattr(obj, 'read', lambda: obj)()
    if isinstance(obj, str):
        try:
            obj = obj.encode('ascii')
        except UnicodeEncodeError as e:
            raise ValueError('ISO-8601 strings should contain only ASCII characters') from e
    return obj


cdef int _ascii_error(object s) except -1:
    # Re-run the encode to chain the real UnicodeEncodeError as the cause,
    # exactly as dateutil's six.raise_from does.  Error path only.
    try:
        s.encode('ascii')
    except UnicodeEncodeError as e:
        raise ValueError('ISO-8601 strings should contain only ASCII characters') from e
    raise SystemError('fastdt._isoparser: non-ASCII str encoded to ASCII')


cdef inline int _buffer_of(object obj, cbuf* s, Py_ssize_t* n) except -1:
    """Point ``*s``/``*n`` at the ASCII bytes of an exact str or bytes.

    Returns 1 on success, 0 if ``obj`` needs the slow path.  No allocation:
    an ASCII str's canonical data is its ASCII encoding.
    """
    if type(obj) is str:
        PyUnicode_READY(obj)          # no-op except for legacy 3.11 strings
        if not PyUnicode_IS_ASCII(obj):
            _ascii_error(obj)
        s[0] = <cbuf>PyUnicode_DATA(obj)
        n[0] = PyUnicode_GET_LENGTH(obj)
        return 1
    if type(obj) is bytes:
        s[0] = <cbuf>PyBytes_AS_STRING(obj)
        n[0] = PyBytes_GET_SIZE(obj)
        return 1
    return 0


# "isoparser(sep=None)" and "--": CPython's signature line for a C class
# (inspect.signature(isoparser)); help() does not show it.
cdef class isoparser:
    """isoparser(sep=None)
--

    Drop-in for ``dateutil.parser.isoparser``: the same accepted strings,
    results, tzinfo objects and exceptions.

    :param sep:
        A single character that separates date and time portions. If
        ``None``, the parser will accept any single character.
        For strict ISO-8601 adherence, pass ``'T'``.
    """
    cdef int _csep             # byte value, SEP_ANY or SEP_NEVER
    cdef int _rules            # the installed dateutil's field rules (_RULES)
    cdef object _sep_obj       # the sep as given (for the delegated path)
    cdef object _sep_bytes     # dateutil's self._sep

    def __init__(self, sep=None):
        self._csep = SEP_ANY
        self._rules = _RULES
        self._sep_obj = sep
        self._sep_bytes = None
        if sep is not None:
            # dateutil's exact test (so a bytes sep raises its TypeError).
            if (len(sep) != 1 or ord(sep) >= 128 or sep in '0123456789'):
                raise ValueError('Separator must be a single, non-numeric ' +
                                 'ASCII character')
            sep = sep.encode('ascii')
            self._sep_bytes = sep
            if type(sep) is bytes and PyBytes_GET_SIZE(sep) == 1:
                self._csep = (<cbuf>PyBytes_AS_STRING(sep))[0]
            else:
                self._csep = SEP_NEVER

    def __reduce__(self):
        return (type(self), (self._sep_obj,))

    def __repr__(self):
        return '%s(sep=%r)' % (type(self).__name__, self._sep_obj)

    @property
    def _sep(self):
        """The separator as dateutil stores it: ASCII bytes or None."""
        return self._sep_bytes

    def isoparse(self, dt_str):
        """
        Parse an ISO-8601 datetime string into a :class:`datetime.datetime`.

        Accepts a str (ASCII only), bytes, or a stream with ``read()``.
        Semantics are those of :meth:`dateutil.parser.isoparser.isoparse`:
        date forms YYYY, YYYY-MM, YYYY-MM-DD, YYYYMMDD, YYYY-Www[-D],
        YYYYWww[D], YYYY-DDD, YYYYDDD; time hh[:mm[:ss[.ffffff]]] (also
        without colons; ``,`` or ``.`` before the fraction; 24:00 is
        midnight of the next day); offsets Z, z, +-HH, +-HHMM, +-HH:MM.

        :raises ValueError: when the string is not one of those forms, with
            dateutil's message.
        """
        return _isoparse(self, dt_str)

    def parse_isodate(self, datestr):
        """
        Parse the date portion of an ISO string into a :class:`datetime.date`.
        """
        cdef cbuf s
        cdef Py_ssize_t n, pos = 0
        cdef IsoFields p
        if not _buffer_of(datestr, &s, &n):
            datestr = _to_ascii_slow(datestr)
            if type(datestr) is not bytes:
                du = _du_parser_for(self._sep_obj)
                return type(du).parse_isodate.__wrapped__(du, datestr)
            _buffer_of(datestr, &s, &n)
        if iso_date(s, n, self._rules, &p, &pos) != ISO_OK:
            _raise(&p)
        if pos < n:
            # dateutil quotes datestr.decode('ascii'): for a str that is the
            # str itself; for bytes the decode may itself raise.
            shown = datestr if type(datestr) is str else datestr.decode('ascii')
            raise ValueError('String contains unknown ISO ' +
                             'components: {!r}'.format(shown))
        return date_new(p.year, p.month, p.day)

    def parse_isotime(self, timestr):
        """
        Parse the time portion of an ISO string into a :class:`datetime.time`.
        """
        cdef cbuf s
        cdef Py_ssize_t n
        cdef IsoFields p
        if not _buffer_of(timestr, &s, &n):
            timestr = _to_ascii_slow(timestr)
            if type(timestr) is not bytes:
                du = _du_parser_for(self._sep_obj)
                return type(du).parse_isotime.__wrapped__(du, timestr)
            _buffer_of(timestr, &s, &n)
        if iso_time(s, n, self._rules, &p) != ISO_OK:
            _raise(&p)
        return time_new(0 if p.hour == 24 else p.hour, p.minute, p.second,
                        p.microsecond, _tz_object(&p))

    def parse_tzstr(self, tzstr, zero_as_utc=True):
        """
        Parse a valid ISO time zone string: ``tz.UTC`` for Z/z and (if
        ``zero_as_utc``) zero offsets, else a ``tz.tzoffset(None, seconds)``.
        """
        cdef cbuf s
        cdef Py_ssize_t n
        cdef IsoFields p
        if not _buffer_of(tzstr, &s, &n):
            tzstr = _to_ascii_slow(tzstr)
            if type(tzstr) is not bytes:
                du = _du_parser_for(self._sep_obj)
                return type(du).parse_tzstr.__wrapped__(du, tzstr, zero_as_utc=zero_as_utc)
            _buffer_of(tzstr, &s, &n)
        p.err = ISO_OK
        if iso_tz_fields(s, n, self._rules, &p) != ISO_OK:
            _raise(&p)
        if p.tz_kind == TZ_FIELDS:
            # bool(zero_as_utc) is evaluated here and only here, as in dateutil.
            if iso_tz_decide(&p, True if zero_as_utc else False) != ISO_OK:
                _raise(&p)
        return _tz_object(&p)


cdef object _isoparse(isoparser self, object dt_str):
    cdef cbuf s
    cdef Py_ssize_t n
    cdef IsoFields p
    if not _buffer_of(dt_str, &s, &n):
        dt_str = _to_ascii_slow(dt_str)
        if type(dt_str) is not bytes:
            du = _du_parser_for(self._sep_obj)
            return type(du).isoparse.__wrapped__(du, dt_str)
        _buffer_of(dt_str, &s, &n)
    if iso_datetime(s, n, self._csep, self._rules, &p) != ISO_OK:
        _raise(&p)
    return _build_datetime(&p)


cdef isoparser _DEFAULT = isoparser()
DEFAULT_ISOPARSER = _DEFAULT


def isoparse(dt_str):
    """``dateutil.parser.isoparse``: parse an ISO-8601 string with the default
    :class:`isoparser` (any single-character date/time separator).

    :param dt_str: a str (ASCII only), bytes, or a stream with ``read()``.
    :returns: a ``datetime.datetime``; aware (``tz.UTC`` or a ``tzoffset``)
        when the string ends in an offset.
    :raises ValueError: when the string is not an ISO-8601 date and time
        dateutil accepts, with dateutil's message.
    :raises TypeError: for input that is not a str, bytes or stream of them.
    """
    return _isoparse(_DEFAULT, dt_str)
