"""ISO 8601 in one place (header only: inline C, no module of its own).

Two callers read ISO 8601 from a byte buffer:

* ``fastdt._isoparser`` -- dateutil's ``isoparser`` (``isoparse``,
  ``parse_isodate``, ``parse_isotime``, ``parse_tzstr``);
* ``parse()``'s exact shortcut (``iso_shortcut``), for the plain ISO strings
  on which dateutil's general grammar always takes one fixed path.

Both read fields with the one set of ASCII digit helpers below and share the
steps of the date/time core: the date forms, the time loop, the fraction,
the zone offset.  Everything here is ``noexcept nogil`` over a
``const unsigned char*`` and a length, so a GIL-released column parser can
call it; routines return ``ISO_OK`` or the reason they stopped, with the
detail in ``IsoFields``, and the Python edge raises the one exception.

Field rules.  How dateutil reads a numeric field changed in 4.0:

* ``RULE_INT`` (2.9, 3.0): ``int(s[a:b])`` on a slice, so a field may carry
  ASCII whitespace, a sign or an underscore between digits, and a slice
  running past the end is merely shorter ('2014-W1' is week 1);
* ``RULE_DIGITS`` (4.0, ``isoparser._parse_digits``): exactly ``n`` ASCII
  digits, else ``ValueError("Expected {n} digits, got {slice!r}")``;
* ``RULE_TZ_MINUTES_LEN`` (4.0): the zone's minutes are exactly the two
  characters after the hours (and an optional colon), else "Invalid minutes
  in time zone offset"; before 4.0 they were ``int()`` of the rest.

``fastdt._isoparser`` picks the rules once, by probing the installed
dateutil.  ``parse()``'s shortcut always reads exact digits: it only takes
strings whose fields are plain digit runs and leaves the rest to the grammar.

Every read ``s[i]`` is guarded by ``i < n`` (each site says why), and
slices are clamped to the buffer first, so nothing reads out of bounds.
"""
from libc.stdint cimport int64_t
from fastdt._calendar cimport is_leap, days_before_year, ordinal_to_ymd

ctypedef const unsigned char* cbuf


cdef enum:
    # field rules (a bit set, see the module docstring)
    RULE_INT = 0
    RULE_DIGITS = 1
    RULE_TZ_MINUTES_LEN = 2

    MAX_ORDINAL = 3652059   # date(9999, 12, 31).toordinal()


cdef enum IsoStatus:
    ISO_OK = 0
    ISO_FIELD           # a numeric field failed its rule (ebuf/elen, ecount)
    ISO_TOO_SHORT       # 'ISO string too short'
    ISO_ORDINAL         # 'Invalid ordinal day'
    ISO_ORDINAL_RANGE   # 'Invalid ordinal day {} for year {}'
    ISO_WEEK            # 'Invalid week: {}'
    ISO_WEEKDAY         # 'Invalid weekday: {}'
    ISO_DASH            # 'Inconsistent use of dash separator'
    ISO_YEAR_RANGE      # date(year, 1, 1) raised: year ev1 is out of range
    ISO_OVERFLOW        # date + timedelta raised OverflowError
    ISO_UNKNOWN         # 'String contains unknown ISO components'
    ISO_TIME_SHORT      # 'ISO time too short'
    ISO_COLON           # 'Inconsistent use of colon separator'
    ISO_UNUSED          # 'Unused components in ISO string'
    ISO_HOUR24          # 'Hour may only be 24 at 24:00:00.000'
    ISO_TZ_LEN          # 'Time zone offset must be 1, 3, 5 or 6 characters'
    ISO_TZ_SIGN         # 'Time zone offset requires sign'
    ISO_TZ_MINUTES      # 'Invalid minutes in time zone offset'
    ISO_TZ_HOURS        # 'Invalid hours in time zone offset'
    ISO_COMMON          # internal: the common date forms did not match
    ISO_NOT_SHORTCUT    # iso_shortcut: not one of parse()'s exact ISO forms


cdef enum:
    TZ_NONE = 0
    TZ_UTC = 1          # 'Z' / 'z', or a zero offset read as UTC
    TZ_OFFSET = 2       # tz_seconds
    TZ_FIELDS = 3       # parsed sign/hours/minutes, the UTC decision pending


cdef struct IsoFields:
    int64_t year, month, day
    int64_t hour, minute, second
    int microsecond
    bint has_time
    int time_parts       # iso_shortcut: 2 = HH:MM, 3 = HH:MM:SS[.f]
    int tz_kind
    long tz_seconds
    long tz_hours, tz_minutes, tz_mult
    # error detail
    int err
    int erule            # the rule the failing field was read with
    cbuf ebuf            # ISO_FIELD: the offending slice (points into the input)
    Py_ssize_t elen
    Py_ssize_t ecount    # ISO_FIELD under RULE_DIGITS: the digits expected
    long ev1, ev2        # numbers quoted in the message


# --- the digit helpers ----------------------------------------------------

cdef inline bint iso_is_digit(unsigned char c) noexcept nogil:
    """``bytes.isdigit()`` of one byte: ASCII digits only (one unsigned
    comparison: bytes below '0' wrap around to large values)."""
    return <unsigned int>(c - c'0') < 10


cdef inline bint iso_is_space(unsigned char c) noexcept nogil:
    """Py_ISSPACE, what ``int(bytes)`` strips: these six ASCII characters."""
    return c == c' ' or c'\t' <= c <= c'\r'


cdef inline bint iso_digits(cbuf s, Py_ssize_t n, Py_ssize_t pos, Py_ssize_t count,
                            int64_t* out) noexcept nogil:
    """Exactly ``count`` ASCII digits at ``pos`` (dateutil 4.0's
    ``isoparser._parse_digits``): True and ``*out``, or False.  ``pos`` is
    never negative."""
    cdef Py_ssize_t k
    cdef int64_t v = 0
    if count > n - pos:
        return False
    for k in range(pos, pos + count):      # pos + count <= n: in bounds
        if not iso_is_digit(s[k]):
            return False
        v = v * 10 + (s[k] - c'0')
    out[0] = v
    return True


cdef inline bint iso_int(cbuf s, Py_ssize_t n, Py_ssize_t a, Py_ssize_t b,
                         int64_t* out) noexcept nogil:
    """``int(s[a:b])`` for a bytes ``s`` of length ``n``, Python slice rules
    (dateutil < 4 reads every field so).  True and ``*out``, or False.

    PyLong_FromString's grammar: leading whitespace, an optional sign, digits
    with single underscores *between* digits, trailing whitespace, the end.
    An embedded NUL is neither digit nor space, so it fails as int() does.
    Every read is at an index in [a, b) after clamping to [0, n).  Slices
    are at most 4 bytes long, so the value cannot overflow.
    """
    cdef Py_ssize_t i
    cdef int64_t v = 0
    cdef bint neg = False
    if b > n:
        b = n
    if a > b:
        a = b
    i = a
    while i < b and iso_is_space(s[i]):
        i += 1
    if i < b and (s[i] == c'+' or s[i] == c'-'):
        neg = s[i] == c'-'
        i += 1
    if i >= b or not iso_is_digit(s[i]):
        return False
    while i < b:
        if iso_is_digit(s[i]):
            v = v * 10 + (s[i] - c'0')
            i += 1
        elif s[i] == c'_' and i + 1 < b and iso_is_digit(s[i + 1]):
            i += 1
        else:
            break
    while i < b and iso_is_space(s[i]):
        i += 1
    if i != b:
        return False
    out[0] = -v if neg else v
    return True


cdef inline bint iso_field(cbuf s, Py_ssize_t n, Py_ssize_t pos, Py_ssize_t count,
                           int rules, int64_t* out, IsoFields* f) noexcept nogil:
    """One numeric field of ``count`` characters at ``pos``, read by the
    installed dateutil's rule.  On failure records ISO_FIELD with the
    slice ``s[pos:pos + count]`` (clamped) for the message."""
    cdef Py_ssize_t a = pos, b = pos + count
    if rules & RULE_DIGITS:
        if iso_digits(s, n, pos, count, out):
            return True
    elif iso_int(s, n, pos, pos + count, out):
        return True
    if b > n:
        b = n
    if a > b:
        a = b
    f.err = ISO_FIELD
    f.erule = rules & RULE_DIGITS
    f.ebuf = s + a
    f.elen = b - a
    f.ecount = count
    return False


cdef inline Py_ssize_t iso_fraction(cbuf s, Py_ssize_t n, Py_ssize_t pos,
                                    int* us) noexcept nogil:
    """``[.,][0-9]+`` at ``pos``, truncated to microseconds (both dateutil's
    ``_FRACTION_REGEX`` and parse()'s seconds fraction).  Returns the end of
    the match, or ``pos`` if there is none (``*us`` untouched)."""
    cdef Py_ssize_t j, ndig = 0
    cdef int v = 0
    if not (pos + 1 < n and (s[pos] == c'.' or s[pos] == c',')
            and iso_is_digit(s[pos + 1])):
        return pos
    j = pos + 1
    while j < n and iso_is_digit(s[j]):
        if ndig < 6:
            v = v * 10 + (s[j] - c'0')
            ndig += 1
        j += 1
    while ndig < 6:
        v *= 10
        ndig += 1
    us[0] = v
    return j


# --- the date portion -----------------------------------------------------

cdef inline int iso_date_common(cbuf s, Py_ssize_t n, int rules, IsoFields* p,
                                Py_ssize_t* pos_out) noexcept nogil:
    """``isoparser._parse_isodate_common``: YYYY, YYYY-MM, YYYY-MM-DD,
    YYYYMMDD.  ISO_OK or ISO_COMMON ("try the uncommon forms": no error
    detail is kept).  No range checks: dateutil leaves them to ``date()``."""
    cdef int64_t v
    cdef Py_ssize_t pos
    cdef bint has_sep
    if n < 4:
        return ISO_COMMON
    if not iso_field(s, n, 0, 4, rules, &v, p):
        return ISO_COMMON
    p.year = v
    p.month = 1
    p.day = 1
    pos = 4
    if pos >= n:
        pos_out[0] = pos
        return ISO_OK
    has_sep = s[4] == c'-'           # n > 4 here
    pos += has_sep
    if n - pos < 2:
        return ISO_COMMON
    if not iso_field(s, n, pos, 2, rules, &v, p):
        return ISO_COMMON
    p.month = v
    pos += 2
    if pos >= n:
        if has_sep:
            pos_out[0] = pos
            return ISO_OK
        return ISO_COMMON
    if has_sep:
        if s[pos] != c'-':            # pos < n checked just above
            return ISO_COMMON
        pos += 1
    if n - pos < 2:
        return ISO_COMMON
    if not iso_field(s, n, pos, 2, rules, &v, p):
        return ISO_COMMON
    p.day = v
    pos_out[0] = pos + 2
    return ISO_OK


cdef inline void _iso_set_ordinal(int64_t o, IsoFields* p) noexcept nogil:
    ordinal_to_ymd(o, &p.year, &p.month, &p.day)


cdef inline int iso_week_date(int64_t year, int64_t week, int64_t day,
                              IsoFields* p) noexcept nogil:
    """``isoparser._calculate_weekdate``: the checks in dateutil's order."""
    cdef int64_t jan4, result
    if not (0 < week < 54):
        p.err = ISO_WEEK
        p.ev1 = week
        return p.err
    if not (0 < day < 8):
        p.err = ISO_WEEKDAY
        p.ev1 = day
        return p.err
    if year < 1 or year > 9999:      # date(year, 1, 4)
        p.err = ISO_YEAR_RANGE
        p.ev1 = year
        return p.err
    jan4 = days_before_year(year) + 4
    # Monday of week 1: jan4 - (isoweekday - 1); never below 1, since
    # 0001-01-04 is a Thursday and 0001-01-01 a Monday.
    result = jan4 - ((jan4 - 1) % 7) + (week - 1) * 7 + (day - 1)
    if result > MAX_ORDINAL:         # week_1 + timedelta(...)
        p.err = ISO_OVERFLOW
        return p.err
    _iso_set_ordinal(result, p)
    return ISO_OK


cdef inline int iso_date_uncommon(cbuf s, Py_ssize_t n, int rules, IsoFields* p,
                                  Py_ssize_t* pos_out) noexcept nogil:
    """``isoparser._parse_isodate_uncommon``: week dates (YYYY-Www[-D],
    YYYYWww[D]) and ordinal dates (YYYY-DDD, YYYYDDD).  ISO_OK or the
    error dateutil would raise."""
    cdef int64_t year, week, day, ordinal
    cdef Py_ssize_t pos
    cdef bint has_sep
    if n < 4:
        p.err = ISO_TOO_SHORT
        return p.err
    if not iso_field(s, n, 0, 4, rules, &year, p):
        return p.err
    has_sep = n > 4 and s[4] == c'-'
    pos = 4 + has_sep
    if pos < n and s[pos] == c'W':
        pos += 1
        # Under RULE_INT the slice may be short or empty, as dt_str[pos:pos + 2].
        if not iso_field(s, n, pos, 2, rules, &week, p):
            return p.err
        pos += 2
        day = 1
        if n > pos:
            if (s[pos] == c'-') != has_sep:
                p.err = ISO_DASH
                return p.err
            pos += has_sep
            if not iso_field(s, n, pos, 1, rules, &day, p):
                return p.err
            pos += 1
        if iso_week_date(year, week, day, p) != ISO_OK:
            return p.err
    else:
        if n - pos < 3:
            p.err = ISO_ORDINAL
            return p.err
        if not iso_field(s, n, pos, 3, rules, &ordinal, p):
            return p.err
        pos += 3
        if ordinal < 1 or ordinal > 365 + is_leap(year):
            p.err = ISO_ORDINAL_RANGE
            p.ev1 = ordinal
            p.ev2 = year
            return p.err
        if year < 1 or year > 9999:      # date(year, 1, 1)
            p.err = ISO_YEAR_RANGE
            p.ev1 = year
            return p.err
        # Within the year by the check above, so no overflow is possible.
        _iso_set_ordinal(days_before_year(year) + ordinal, p)
    pos_out[0] = pos
    return ISO_OK


cdef inline int iso_date(cbuf s, Py_ssize_t n, int rules, IsoFields* p,
                         Py_ssize_t* pos_out) noexcept nogil:
    """``isoparser._parse_isodate``: the common forms; on any ValueError the
    uncommon ones, whose error (if any) is the one reported."""
    if iso_date_common(s, n, rules, p, pos_out) == ISO_OK:
        return ISO_OK
    p.err = ISO_OK
    return iso_date_uncommon(s, n, rules, p, pos_out)


# --- the zone offset ------------------------------------------------------

cdef inline int iso_tz_fields(cbuf s, Py_ssize_t n, int rules, IsoFields* p) noexcept nogil:
    """``isoparser._parse_tzstr`` up to the zero-as-UTC decision: TZ_UTC for
    'Z'/'z', else TZ_FIELDS (sign, hours, minutes)."""
    cdef int64_t hours, minutes
    cdef Py_ssize_t mstart
    if n == 1 and (s[0] == c'Z' or s[0] == c'z'):
        p.tz_kind = TZ_UTC
        return ISO_OK
    if n != 3 and n != 5 and n != 6:
        p.err = ISO_TZ_LEN
        return p.err
    if s[0] == c'-':                 # n >= 3
        p.tz_mult = -1
    elif s[0] == c'+':
        p.tz_mult = 1
    else:
        p.err = ISO_TZ_SIGN
        return p.err
    if not iso_field(s, n, 1, 2, rules, &hours, p):
        return p.err
    if n == 3:
        minutes = 0
    else:
        # n >= 5, so s[3] exists.  Minutes follow an optional colon.
        mstart = 4 if s[3] == c':' else 3
        if rules & RULE_TZ_MINUTES_LEN:
            # dateutil 4: exactly two characters
            if n != mstart + 2:
                p.err = ISO_TZ_MINUTES
                return p.err
            if not iso_field(s, n, mstart, 2, rules, &minutes, p):
                return p.err
        # before 4: int() of the rest, 1 to 3 bytes ('+01:5' is 5 minutes,
        # '+01030' 30)
        elif not iso_field(s, n, mstart, n - mstart, rules, &minutes, p):
            return p.err
    p.tz_hours = hours
    p.tz_minutes = minutes
    p.tz_kind = TZ_FIELDS
    return ISO_OK


cdef inline int iso_tz_decide(IsoFields* p, bint zero_as_utc) noexcept nogil:
    """The rest of ``_parse_tzstr``: TZ_FIELDS to TZ_UTC / TZ_OFFSET or an
    error (dateutil's order: the zero test first, so '+00:60' is an error
    but, under RULE_INT, '+-0' is UTC)."""
    if zero_as_utc and p.tz_hours == 0 and p.tz_minutes == 0:
        p.tz_kind = TZ_UTC
        return ISO_OK
    if p.tz_minutes > 59:
        p.err = ISO_TZ_MINUTES
        return p.err
    if p.tz_hours > 23:
        p.err = ISO_TZ_HOURS
        return p.err
    # hours in [-9, 23] and minutes in [-99, 59], so strictly inside a day
    p.tz_kind = TZ_OFFSET
    p.tz_seconds = p.tz_mult * (p.tz_hours * 60 + p.tz_minutes) * 60
    return ISO_OK


# --- the time portion -----------------------------------------------------

cdef inline int iso_time(cbuf s, Py_ssize_t n, int rules, IsoFields* p) noexcept nogil:
    """``isoparser._parse_isotime``: hh[[:]mm[[:]ss[(.|,)f+]]][tz]."""
    cdef Py_ssize_t pos = 0
    cdef int comp = -1
    cdef bint has_sep = False
    cdef int64_t v
    cdef unsigned char c
    p.hour = p.minute = p.second = p.microsecond = 0
    p.tz_kind = TZ_NONE
    p.has_time = True
    if n < 2:
        p.err = ISO_TIME_SHORT
        return p.err
    while pos < n and comp < 5:
        comp += 1
        c = s[pos]                   # pos < n by the loop condition
        if c == c'-' or c == c'+' or c == c'Z' or c == c'z':
            # the zone starts here and runs to the end
            if iso_tz_fields(s + pos, n - pos, rules, p) != ISO_OK:
                return p.err
            if p.tz_kind == TZ_FIELDS and iso_tz_decide(p, True) != ISO_OK:
                return p.err
            pos = n
            break
        if comp == 1 and c == c':':
            has_sep = True
            pos += 1
        elif comp == 2 and has_sep:
            if c != c':':
                p.err = ISO_COLON
                return p.err
            pos += 1
        if comp < 3:
            # pos may now equal n: the field is then empty and fails
            if not iso_field(s, n, pos, 2, rules, &v, p):
                return p.err
            if comp == 0:
                p.hour = v
            elif comp == 1:
                p.minute = v
            else:
                p.second = v
            pos += 2
        if comp == 3:
            pos = iso_fraction(s, n, pos, &p.microsecond)
    if pos < n:
        p.err = ISO_UNUSED
        return p.err
    if p.hour == 24 and (p.minute != 0 or p.second != 0 or p.microsecond != 0):
        p.err = ISO_HOUR24
        return p.err
    return ISO_OK


cdef inline int iso_datetime(cbuf s, Py_ssize_t n, int sep, int rules,
                             IsoFields* p) noexcept nogil:
    """``isoparser.isoparse`` up to building the result.  ``sep`` is the
    separator byte, or negative: any single character (``sep=None``)
    when -1, none at all when -2 (a sep no byte can equal)."""
    cdef Py_ssize_t pos = 0
    p.has_time = False
    p.tz_kind = TZ_NONE
    p.hour = p.minute = p.second = p.microsecond = 0
    if iso_date(s, n, rules, p, &pos) != ISO_OK:
        return p.err
    if n > pos:
        if sep == -1 or s[pos] == sep:
            return iso_time(s + pos + 1, n - pos - 1, rules, p)
        p.err = ISO_UNKNOWN
        return p.err
    return ISO_OK


# --- parse()'s exact ISO shortcut -------------------------------------------

cdef inline bint _shortcut_digits2(cbuf s, Py_ssize_t pos, int64_t* out) noexcept nogil:
    """Two ASCII digits at ``pos`` (the caller checked ``pos + 2 <= n``)."""
    cdef unsigned int a = s[pos] - c'0', b = s[pos + 1] - c'0'
    if a >= 10 or b >= 10:
        return False
    out[0] = a * 10 + b
    return True


cdef inline bint _shortcut_digits4(cbuf s, Py_ssize_t pos, int64_t* out) noexcept nogil:
    """Four ASCII digits at ``pos`` (the caller checked ``pos + 4 <= n``)."""
    cdef int64_t hi, lo
    if not (_shortcut_digits2(s, pos, &hi) and _shortcut_digits2(s, pos + 2, &lo)):
        return False
    out[0] = hi * 100 + lo
    return True


cdef inline int iso_shortcut(cbuf s, Py_ssize_t n, IsoFields* p) noexcept nogil:
    """``YYYY-MM-DD[(T| )HH:MM[:SS[(.|,)F+]][ ](Z|z|+-HH[[:]MM])]``: ISO_OK
    or ISO_NOT_SHORTCUT.

    For exactly these strings dateutil's general grammar (``parser._parse``)
    takes one fixed path, so the caller can fill the result it would.  Any
    other string, including one with a non-ASCII digit, goes to the general
    grammar.  The zone is read as ``_parse_tzstr`` reads it under dateutil
    4.0's rules, which accept exactly the offsets the grammar reads as
    "+HH", "+HHMM" and "+HH:MM"; no range checks (the grammar makes none).
    """
    cdef Py_ssize_t pos = 16
    # the fixed positions first: YYYY-MM-DD is 10 bytes, with a time 16
    if n < 10 or s[4] != c'-' or s[7] != c'-':
        return ISO_NOT_SHORTCUT
    if not (_shortcut_digits4(s, 0, &p.year) and _shortcut_digits2(s, 5, &p.month)
            and _shortcut_digits2(s, 8, &p.day)):
        return ISO_NOT_SHORTCUT
    p.has_time = False
    p.time_parts = 0
    p.tz_kind = TZ_NONE
    if n == 10:
        return ISO_OK
    # (T| )HH:MM
    if n < 16 or not (s[10] == c'T' or s[10] == c' ') or s[13] != c':':
        return ISO_NOT_SHORTCUT
    if not (_shortcut_digits2(s, 11, &p.hour) and _shortcut_digits2(s, 14, &p.minute)):
        return ISO_NOT_SHORTCUT
    p.has_time = True
    p.time_parts = 2
    # :SS with an optional fraction
    if pos < n and s[pos] == c':':
        if n < 19 or not _shortcut_digits2(s, 17, &p.second):
            return ISO_NOT_SHORTCUT
        p.microsecond = 0
        p.time_parts = 3
        pos = 19
        # a '.' or ',' without digits is left unread and fails below
        pos = iso_fraction(s, n, pos, &p.microsecond)
    if pos == n:
        return ISO_OK
    if s[pos] == c' ':                # pos < n
        pos += 1
    if iso_tz_fields(s + pos, n - pos, RULE_DIGITS | RULE_TZ_MINUTES_LEN, p) != ISO_OK:
        return ISO_NOT_SHORTCUT
    if p.tz_kind == TZ_FIELDS:
        p.tz_kind = TZ_OFFSET
        p.tz_seconds = p.tz_mult * (p.tz_hours * 3600 + p.tz_minutes * 60)
    return ISO_OK
