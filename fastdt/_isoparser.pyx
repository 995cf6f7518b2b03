"""A strict ISO-8601 parser with exactly ``dateutil.parser.isoparser``'s
semantics (python-dateutil 2.9.0), written against raw byte buffers.

How it is built
---------------
dateutil encodes a ``str`` to ASCII ``bytes`` and then slices it, calling
``int()`` on each slice.  Those slices are what decide what is accepted, so
the quirks of ``int(bytes)`` are part of the contract: a field may carry
surrounding ASCII whitespace (``b' 1'``), a sign (``b'+1'``, ``b'-1'``) or an
underscore between digits (``b'1_2'``), and a slice running past the end of
the string is simply shorter (``'2014-W1'`` is week 1; ``'123'`` as a time is
12:03).  ``_int_field`` reproduces ``int()`` on a clamped slice exactly.

The hot path reads the ``str``'s own 1-byte-per-char buffer (ASCII strings
only: anything else is what dateutil rejects) or the ``bytes`` buffer, parses
into a C struct with ``noexcept`` routines returning error codes, and builds
the result with the datetime C API.  The only Python object it creates is
the result; the tzinfo comes from ``fastdt._tzcache``.  Python exceptions are
raised once, at the edge (``_raise``), with dateutil's exact type and text.

All indexing is on raw ``const unsigned char*`` buffers, which Cython never
bounds-checks, so no ``boundscheck``/``wraparound`` directive is needed or
used; instead every read ``s[i]`` is guarded by an explicit ``i < n`` (each
site says why), and ``int()`` slices are clamped to the buffer first.

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

from libc.stdint cimport int64_t
from fastdt._calendar cimport is_leap, days_in_month, days_before_year, ordinal_to_ymd
from fastdt._tzcache cimport tz_utc, tz_offset

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

ctypedef const unsigned char* cbuf

# ---------------------------------------------------------------------------
# Error codes.  Each maps to one dateutil exception in _raise().
cdef enum:
    E_OK = 0
    E_INT               # ValueError from int(slice)
    E_TOO_SHORT         # 'ISO string too short'
    E_ORDINAL           # 'Invalid ordinal day'
    E_ORDINAL_RANGE     # 'Invalid ordinal day {} for year {}'
    E_WEEK              # 'Invalid week: {}'
    E_WEEKDAY           # 'Invalid weekday: {}'
    E_DASH              # 'Inconsistent use of dash separator'
    E_YEAR_RANGE        # date(): 'year {} is out of range'
    E_OVERFLOW          # date arithmetic: OverflowError 'date value out of range'
    E_UNKNOWN           # 'String contains unknown ISO components'
    E_TIME_SHORT        # 'ISO time too short'
    E_COLON             # 'Inconsistent use of colon separator'
    E_UNUSED            # 'Unused components in ISO string'
    E_HOUR24            # 'Hour may only be 24 at 24:00:00.000'
    E_TZ_LEN            # 'Time zone offset must be 1, 3, 5 or 6 characters'
    E_TZ_SIGN           # 'Time zone offset requires sign'
    E_TZ_MINUTES        # 'Invalid minutes in time zone offset'
    E_TZ_HOURS          # 'Invalid hours in time zone offset'
    E_COMMON            # internal: common date form did not match

cdef enum:
    TZ_NONE = 0
    TZ_UTC = 1
    TZ_OFFSET = 2
    # parse_tzstr only: fields parsed, the zero_as_utc decision is pending
    TZ_FIELDS = 3

cdef enum:
    SEP_ANY = -1        # isoparser(sep=None): any single character
    SEP_NEVER = -2      # a sep object that can never equal a 1-byte slice

    MAX_ORDINAL = 3652059   # date(9999, 12, 31).toordinal()


cdef struct Parsed:
    int year, month, day
    int hour, minute, second, microsecond
    bint has_time
    int tz_kind
    long tz_seconds
    # for TZ_FIELDS (parse_tzstr): the raw fields, decided in Python
    long tz_hours, tz_minutes, tz_mult
    # error detail
    int err
    cbuf ebuf            # E_INT: the offending slice (points into the input)
    Py_ssize_t elen
    long ev1, ev2        # numbers quoted in the message


# ---------------------------------------------------------------------------
# int(bytes) emulation

cdef inline bint _is_space(unsigned char c) noexcept:
    # Py_ISSPACE on bytes: exactly these six ASCII characters.
    return c == 32 or (9 <= c <= 13)


cdef inline bint _is_digit(unsigned char c) noexcept:
    return 48 <= c <= 57


cdef bint _int_field(cbuf s, Py_ssize_t n, Py_ssize_t a, Py_ssize_t b,
                     long* out, Parsed* p) noexcept:
    """``int(s[a:b])`` for a bytes ``s`` of length ``n``, Python slice rules.

    Returns True and sets ``*out`` on success; otherwise records E_INT with
    the (clamped) slice for the message and returns False.  Every read is at
    an index in [a, b) after clamping to [0, n), so it is always in bounds.
    Slices here are at most 4 bytes long, so ``long`` cannot overflow.
    """
    cdef Py_ssize_t i
    cdef long v = 0
    cdef bint neg = False
    if b > n:
        b = n
    if a > b:
        a = b
    i = a
    # PyLong_FromString: leading whitespace, optional sign, digits with
    # single underscores *between* digits, trailing whitespace, then the end.
    # An embedded NUL stops it early, which _PyLong_FromBytes reports as an
    # invalid literal: NUL is neither digit nor space, so we fail the same.
    while i < b and _is_space(s[i]):
        i += 1
    if i < b and (s[i] == 43 or s[i] == 45):    # '+' / '-'
        neg = s[i] == 45
        i += 1
    if i >= b or not _is_digit(s[i]):
        p.err = E_INT
        p.ebuf = s + a
        p.elen = b - a
        return False
    while i < b:
        if _is_digit(s[i]):
            v = v * 10 + (s[i] - 48)
            i += 1
        elif s[i] == 95 and i + 1 < b and _is_digit(s[i + 1]):   # '_'
            i += 1
        else:
            break
    while i < b and _is_space(s[i]):
        i += 1
    if i != b:
        p.err = E_INT
        p.ebuf = s + a
        p.elen = b - a
        return False
    out[0] = -v if neg else v
    return True


# ---------------------------------------------------------------------------
# Calendar helpers (proleptic Gregorian, ordinal 1 = 0001-01-01, as datetime)

cdef void _ordinal_to_ymd(long o, Parsed* p) noexcept:
    """Inverse of toordinal for 1 <= o <= MAX_ORDINAL."""
    cdef int64_t y, m, d
    ordinal_to_ymd(o, &y, &m, &d)
    p.year = <int>y
    p.month = <int>m
    p.day = <int>d


# ---------------------------------------------------------------------------
# Date portion

cdef int _date_common(cbuf s, Py_ssize_t n, Parsed* p, Py_ssize_t* pos_out) noexcept:
    """YYYY, YYYY-MM, YYYY-MM-DD, YYYYMMDD.  Returns E_OK or E_COMMON.

    No range checks here: like dateutil, out-of-range months/days are left
    to the date/datetime constructor.  Failure means "try the uncommon forms",
    so no error detail is kept.
    """
    cdef long v
    cdef Py_ssize_t pos
    cdef bint has_sep
    if n < 4:
        return E_COMMON
    if not _int_field(s, n, 0, 4, &v, p):
        return E_COMMON
    p.year = <int>v
    p.month = 1
    p.day = 1
    pos = 4
    if pos >= n:
        pos_out[0] = pos
        return E_OK
    has_sep = s[4] == 45           # n > 4 here
    pos += has_sep
    if n - pos < 2:
        return E_COMMON
    if not _int_field(s, n, pos, pos + 2, &v, p):
        return E_COMMON
    p.month = <int>v
    pos += 2
    if pos >= n:
        if has_sep:
            pos_out[0] = pos
            return E_OK
        return E_COMMON
    if has_sep:
        if s[pos] != 45:          # pos < n checked just above
            return E_COMMON
        pos += 1
    if n - pos < 2:
        return E_COMMON
    if not _int_field(s, n, pos, pos + 2, &v, p):
        return E_COMMON
    p.day = <int>v
    pos_out[0] = pos + 2
    return E_OK


cdef int _date_uncommon(cbuf s, Py_ssize_t n, Parsed* p, Py_ssize_t* pos_out) noexcept:
    """ISO week dates (YYYY-Www[-D], YYYYWww[D]) and ordinals (YYYY-DDD,
    YYYYDDD).  Returns E_OK or the error dateutil would raise."""
    cdef long year, week, day, ordinal, jan4, result
    cdef Py_ssize_t pos
    cdef bint has_sep
    if n < 4:
        p.err = E_TOO_SHORT
        return p.err
    if not _int_field(s, n, 0, 4, &year, p):
        return p.err
    has_sep = n > 4 and s[4] == 45
    pos = 4 + has_sep
    if pos < n and s[pos] == 87:      # 'W'
        pos += 1
        # The slice may be short or empty, exactly as dt_str[pos:pos + 2].
        if not _int_field(s, n, pos, pos + 2, &week, p):
            return p.err
        pos += 2
        day = 1
        if n > pos:
            if (s[pos] == 45) != has_sep:
                p.err = E_DASH
                return p.err
            pos += has_sep
            if not _int_field(s, n, pos, pos + 1, &day, p):
                return p.err
            pos += 1
        if not (0 < week < 54):
            p.err = E_WEEK
            p.ev1 = week
            return p.err
        if not (0 < day < 8):
            p.err = E_WEEKDAY
            p.ev1 = day
            return p.err
        if year < 1 or year > 9999:      # date(year, 1, 4)
            p.err = E_YEAR_RANGE
            p.ev1 = year
            return p.err
        jan4 = days_before_year(year) + 4
        # Monday of week 1: jan4 - (isoweekday - 1); never below 1, since
        # 0001-01-04 is a Thursday and 0001-01-01 a Monday.
        result = jan4 - ((jan4 - 1) % 7) + (week - 1) * 7 + (day - 1)
        if result > MAX_ORDINAL:
            p.err = E_OVERFLOW
            return p.err
        _ordinal_to_ymd(result, p)
    else:
        if n - pos < 3:
            p.err = E_ORDINAL
            return p.err
        if not _int_field(s, n, pos, pos + 3, &ordinal, p):
            return p.err
        pos += 3
        if ordinal < 1 or ordinal > 365 + is_leap(year):
            p.err = E_ORDINAL_RANGE
            p.ev1 = ordinal
            p.ev2 = year
            return p.err
        if year < 1 or year > 9999:      # date(year, 1, 1)
            p.err = E_YEAR_RANGE
            p.ev1 = year
            return p.err
        # Within the year by the check above, so no overflow is possible.
        _ordinal_to_ymd(days_before_year(year) + ordinal, p)
    pos_out[0] = pos
    return E_OK


cdef int _parse_date(cbuf s, Py_ssize_t n, Parsed* p, Py_ssize_t* pos_out) noexcept:
    # dateutil: try the common forms; on any ValueError, the uncommon ones,
    # whose error (if any) is the one reported.
    if _date_common(s, n, p, pos_out) == E_OK:
        return E_OK
    p.err = E_OK
    return _date_uncommon(s, n, p, pos_out)


# ---------------------------------------------------------------------------
# Time zone and time portion

cdef int _tz_fields(cbuf s, Py_ssize_t n, Parsed* p) noexcept:
    """Parse a tz string into tz_kind TZ_UTC ('Z'/'z') or TZ_FIELDS."""
    cdef long hours, minutes
    cdef Py_ssize_t mstart
    if n == 1 and (s[0] == 90 or s[0] == 122):     # 'Z' / 'z'
        p.tz_kind = TZ_UTC
        return E_OK
    if n != 3 and n != 5 and n != 6:
        p.err = E_TZ_LEN
        return p.err
    if s[0] == 45:
        p.tz_mult = -1
    elif s[0] == 43:
        p.tz_mult = 1
    else:
        p.err = E_TZ_SIGN
        return p.err
    if not _int_field(s, n, 1, 3, &hours, p):
        return p.err
    if n == 3:
        minutes = 0
    else:
        # n >= 5 so s[3] exists.  Minutes are "the rest" after an optional
        # colon: 1 to 3 bytes ('+01:5' -> 5, '+01030' -> 30), as dateutil.
        mstart = 4 if s[3] == 58 else 3
        if not _int_field(s, n, mstart, n, &minutes, p):
            return p.err
    p.tz_hours = hours
    p.tz_minutes = minutes
    p.tz_kind = TZ_FIELDS
    return E_OK


cdef int _tz_decide(Parsed* p, bint zero_as_utc) noexcept:
    """Turn TZ_FIELDS into TZ_UTC / TZ_OFFSET or an error (dateutil order:
    zero test first, so '+00:60' is an error but '+-0' is UTC)."""
    if zero_as_utc and p.tz_hours == 0 and p.tz_minutes == 0:
        p.tz_kind = TZ_UTC
        return E_OK
    if p.tz_minutes > 59:
        p.err = E_TZ_MINUTES
        return p.err
    if p.tz_hours > 23:
        p.err = E_TZ_HOURS
        return p.err
    # hours in [-9, 23] and minutes in [-99, 59] (2- and 3-byte int slices),
    # so the offset is always strictly inside a day.
    p.tz_kind = TZ_OFFSET
    p.tz_seconds = p.tz_mult * (p.tz_hours * 60 + p.tz_minutes) * 60
    return E_OK


cdef int _parse_time(cbuf s, Py_ssize_t n, Parsed* p) noexcept:
    """The time portion: hh[[:]mm[[:]ss[(.|,)f+]]][tz], dateutil's loop."""
    cdef Py_ssize_t pos = 0, j, ndig
    cdef int comp = -1
    cdef bint has_sep = False
    cdef long v, us
    cdef unsigned char c
    p.hour = p.minute = p.second = p.microsecond = 0
    p.tz_kind = TZ_NONE
    p.has_time = True
    if n < 2:
        p.err = E_TIME_SHORT
        return p.err
    while pos < n and comp < 5:
        comp += 1
        c = s[pos]                   # pos < n by the loop condition
        if c == 45 or c == 43 or c == 90 or c == 122:     # - + Z z
            if _tz_fields(s + pos, n - pos, p) != E_OK:
                return p.err
            if p.tz_kind == TZ_FIELDS and _tz_decide(p, True) != E_OK:
                return p.err
            pos = n
            break
        if comp == 1 and c == 58:         # ':'
            has_sep = True
            pos += 1
        elif comp == 2 and has_sep:
            if c != 58:
                p.err = E_COLON
                return p.err
            pos += 1
        if comp < 3:
            # pos may now equal n: the slice is then empty and int() fails.
            if not _int_field(s, n, pos, pos + 2, &v, p):
                return p.err
            if comp == 0:
                p.hour = <int>v
            elif comp == 1:
                p.minute = <int>v
            else:
                p.second = <int>v
            pos += 2
        if comp == 3:
            # [.,][0-9]+ at pos (pos < n: nothing advanced it this round)
            if (c == 46 or c == 44) and pos + 1 < n and _is_digit(s[pos + 1]):
                j = pos + 1
                us = 0
                ndig = 0
                while j < n and _is_digit(s[j]):
                    if ndig < 6:          # truncated to microseconds
                        us = us * 10 + (s[j] - 48)
                        ndig += 1
                    j += 1
                while ndig < 6:
                    us *= 10
                    ndig += 1
                p.microsecond = <int>us
                pos = j
    if pos < n:
        p.err = E_UNUSED
        return p.err
    if p.hour == 24 and (p.minute != 0 or p.second != 0 or p.microsecond != 0):
        p.err = E_HOUR24
        return p.err
    return E_OK


cdef int _parse_datetime(cbuf s, Py_ssize_t n, int sep, Parsed* p) noexcept:
    cdef Py_ssize_t pos = 0
    p.has_time = False
    p.tz_kind = TZ_NONE
    p.hour = p.minute = p.second = p.microsecond = 0
    if _parse_date(s, n, p, &pos) != E_OK:
        return p.err
    if n > pos:
        if sep == SEP_ANY or s[pos] == sep:
            return _parse_time(s + pos + 1, n - pos - 1, p)
        p.err = E_UNKNOWN
        return p.err
    return E_OK


# ---------------------------------------------------------------------------
# The Python edge

cdef object _tz_object(Parsed* p):
    if p.tz_kind == TZ_UTC:
        return tz_utc()
    if p.tz_kind == TZ_OFFSET:
        return tz_offset(NULL, -1, p.tz_seconds)
    return None


cdef int _raise(Parsed* p) except -1:
    cdef int e = p.err
    if e == E_INT:
        raise ValueError("invalid literal for int() with base 10: %r"
                         % PyBytes_FromStringAndSize(<const char*>p.ebuf, p.elen))
    if e == E_TOO_SHORT:
        raise ValueError('ISO string too short')
    if e == E_ORDINAL:
        raise ValueError('Invalid ordinal day')
    if e == E_ORDINAL_RANGE:
        raise ValueError('Invalid ordinal day {} for year {}'.format(p.ev1, p.ev2))
    if e == E_WEEK:
        raise ValueError('Invalid week: {}'.format(p.ev1))
    if e == E_WEEKDAY:
        raise ValueError('Invalid weekday: {}'.format(p.ev1))
    if e == E_DASH:
        raise ValueError('Inconsistent use of dash separator')
    if e == E_YEAR_RANGE:
        raise ValueError('year {} is out of range'.format(p.ev1))
    if e == E_OVERFLOW:
        raise OverflowError('date value out of range')
    if e == E_UNKNOWN:
        raise ValueError('String contains unknown ISO components')
    if e == E_TIME_SHORT:
        raise ValueError('ISO time too short')
    if e == E_COLON:
        raise ValueError('Inconsistent use of colon separator')
    if e == E_UNUSED:
        raise ValueError('Unused components in ISO string')
    if e == E_HOUR24:
        raise ValueError('Hour may only be 24 at 24:00:00.000')
    if e == E_TZ_LEN:
        raise ValueError('Time zone offset must be 1, 3, 5 or 6 characters')
    if e == E_TZ_SIGN:
        raise ValueError('Time zone offset requires sign')
    if e == E_TZ_MINUTES:
        raise ValueError('Invalid minutes in time zone offset')
    if e == E_TZ_HOURS:
        raise ValueError('Invalid hours in time zone offset')
    raise SystemError('fastdt._isoparser: unexpected error code %d' % e)


cdef inline bint _valid_ymd(Parsed* p) noexcept:
    return (1 <= p.year <= 9999 and 1 <= p.month <= 12
            and 1 <= p.day <= days_in_month(p.year, p.month))


cdef object _build_datetime(Parsed* p):
    cdef object tzinfo = _tz_object(p)
    if not p.has_time or p.hour != 24:
        # The C API checks year, month, day, hour, ... in the same order as
        # datetime(*components), so its errors are dateutil's.
        return datetime_new(p.year, p.month, p.day, p.hour, p.minute,
                            p.second, p.microsecond, tzinfo)
    # 24:00[:00[.0]]: datetime(y, m, d, 0, ...) + timedelta(days=1).
    # minute/second/microsecond are 0 (checked in _parse_time).
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
        raise OverflowError('date value out of range')
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


cdef class isoparser:
    """isoparser(sep=None)

    Drop-in for ``dateutil.parser.isoparser``: the same accepted strings,
    results, tzinfo objects and exceptions.

    :param sep:
        A single character that separates date and time portions. If
        ``None``, the parser will accept any single character.
        For strict ISO-8601 adherence, pass ``'T'``.
    """
    cdef int _csep             # byte value, SEP_ANY or SEP_NEVER
    cdef object _sep_obj       # the sep as given (for the delegated path)
    cdef object _sep_bytes     # dateutil's self._sep

    def __init__(self, sep=None):
        self._csep = SEP_ANY
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
        """
        return _isoparse(self, dt_str)

    def parse_isodate(self, datestr):
        """
        Parse the date portion of an ISO string into a :class:`datetime.date`.
        """
        cdef cbuf s
        cdef Py_ssize_t n, pos = 0
        cdef Parsed p
        if not _buffer_of(datestr, &s, &n):
            datestr = _to_ascii_slow(datestr)
            if type(datestr) is not bytes:
                du = _du_parser_for(self._sep_obj)
                return type(du).parse_isodate.__wrapped__(du, datestr)
            _buffer_of(datestr, &s, &n)
        if _parse_date(s, n, &p, &pos) != E_OK:
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
        cdef Parsed p
        if not _buffer_of(timestr, &s, &n):
            timestr = _to_ascii_slow(timestr)
            if type(timestr) is not bytes:
                du = _du_parser_for(self._sep_obj)
                return type(du).parse_isotime.__wrapped__(du, timestr)
            _buffer_of(timestr, &s, &n)
        if _parse_time(s, n, &p) != E_OK:
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
        cdef Parsed p
        if not _buffer_of(tzstr, &s, &n):
            tzstr = _to_ascii_slow(tzstr)
            if type(tzstr) is not bytes:
                du = _du_parser_for(self._sep_obj)
                return type(du).parse_tzstr.__wrapped__(du, tzstr, zero_as_utc=zero_as_utc)
            _buffer_of(tzstr, &s, &n)
        p.err = E_OK
        if _tz_fields(s, n, &p) != E_OK:
            _raise(&p)
        if p.tz_kind == TZ_FIELDS:
            # bool(zero_as_utc) is evaluated here and only here, as in dateutil.
            if _tz_decide(&p, True if zero_as_utc else False) != E_OK:
                _raise(&p)
        return _tz_object(&p)


cdef object _isoparse(isoparser self, object dt_str):
    cdef cbuf s
    cdef Py_ssize_t n
    cdef Parsed p
    if not _buffer_of(dt_str, &s, &n):
        dt_str = _to_ascii_slow(dt_str)
        if type(dt_str) is not bytes:
            du = _du_parser_for(self._sep_obj)
            return type(du).isoparse.__wrapped__(du, dt_str)
        _buffer_of(dt_str, &s, &n)
    if _parse_datetime(s, n, self._csep, &p) != E_OK:
        _raise(&p)
    return _build_datetime(&p)


cdef isoparser _DEFAULT = isoparser()
DEFAULT_ISOPARSER = _DEFAULT


def isoparse(dt_str):
    """isoparse(dt_str)

    ``dateutil.parser.isoparse``: parse an ISO-8601 string with the default
    :class:`isoparser` (any single-character date/time separator).
    """
    return _isoparse(_DEFAULT, dt_str)
