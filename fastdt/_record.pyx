"""``fastdt.ParsedFields`` and the ``required=`` field names.

A ``ParsedFields`` holds the ten fields of dateutil's ``parser._result``
(what ``dateutil.parser.parser()._parse`` returns) as C numbers and the
zone name's code points, so building one is one allocation; the Python
ints and the ``tzname`` str are made when a field is read.
"""
from libc.stdint cimport int64_t, INT64_MAX
from libc.string cimport memcpy
from cpython.unicode cimport (PyUnicode_Check, PyUnicode_GET_LENGTH, PyUnicode_READ_CHAR,
                              PyUnicode_FromKindAndData, PyUnicode_4BYTE_KIND)
from cpython.long cimport PyLong_Check
from cpython.tuple cimport PyTuple_Check
from cpython.list cimport PyList_Check

from fastdt._grammar cimport UNSET

from fastdt._errors import MissingFieldsError

# dateutil's parser._result slots, less its two private ones (ampm,
# any_unused_tokens): the record's fields, in this order
_FIELDS = ("year", "month", "day", "weekday", "hour", "minute", "second",
           "microsecond", "tzname", "tzoffset")
cdef dict _FIELD_BITS = {name: 1 << k for k, name in enumerate(_FIELDS)}

# The article each name takes in "String does not contain a year or an hour"
_SPOKEN = ("a year", "a month", "a day", "a weekday", "an hour", "a minute",
           "a second", "a microsecond", "a time zone name", "a UTC offset")

cdef enum:
    K_WEEKDAY = 3
    K_TZNAME = 8
    K_TZOFFSET = 9


cdef inline object _num_or_none(int64_t v):
    return None if v == UNSET else v


cdef inline int _num_index(int k) noexcept:
    """ParsedFields._num's index of field ``k`` (year..day, hour..microsecond)."""
    return k if k < K_WEEKDAY else k - 1


cdef class ParsedFields:
    """ParsedFields(year=None, month=None, day=None, weekday=None, hour=None, minute=None, second=None, microsecond=None, tzname=None, tzoffset=None)
--

    The fields a date string gave, as ``fastdt.parse_fields`` returns them.

    Each field is None where the string did not give it, and otherwise has
    the value of the same-named field of dateutil's
    ``parser()._parse(timestr)[0]``: ``year`` (a two-digit year already
    resolved to a century), ``month``, ``day``, ``weekday`` (0 = Monday),
    ``hour`` (AM/PM applied), ``minute``, ``second``, ``microsecond``,
    ``tzname`` (the zone name as written, or ``"UTC"`` for ``Z`` and zero
    offsets) and ``tzoffset`` (seconds east of UTC, from a numeric offset or
    a name the parserinfo knows).

    Immutable, hashable, comparable and picklable; it reads like a named
    tuple: ``_fields``, ``_asdict()``, iteration, ``len()`` (always 10) and
    indexing follow the field order above.
    """

    _fields = _FIELDS
    __match_args__ = _FIELDS

    # No __cinit__: records made here come from tp_alloc alone (Cython's
    # argument handling for ten parameters would cost more than the parse
    # of an ISO string); the constructor below runs only for Python callers.
    def __init__(self, year=None, month=None, day=None, weekday=None, hour=None,
                 minute=None, second=None, microsecond=None, tzname=None, tzoffset=None):
        if self._ready:
            raise TypeError("ParsedFields is immutable")
        _clear(self)
        self._store((year, month, day, weekday, hour, minute, second, microsecond,
                     tzname, tzoffset), True)
        self._ready = True

    cdef int _store(self, tuple values, bint strict) except -1:
        """Take the ten values: the constructor's (``strict``: ints, a str
        and None only) or those of dateutil's ``_result`` (kept as they are
        where they are not plain ints / str)."""
        cdef int k
        cdef bint plain = True
        for k in range(N_FIELDS):
            v = values[k]
            if v is None or (PyUnicode_Check(v) if k == K_TZNAME else PyLong_Check(v)):
                continue
            if not strict:
                plain = False
                break
            raise TypeError("ParsedFields.%s must be %s or None, not %s"
                            % (_FIELDS[k], "a str" if k == K_TZNAME else "an int",
                               type(v).__name__))
        if not (plain and _fits_c(values)):
            self._exact = values
            return 0
        for k in range(N_FIELDS):
            v = values[k]
            if v is None:
                continue
            if k == K_WEEKDAY:
                self._weekday = v
            elif k == K_TZNAME:
                self._tzname_len = PyUnicode_GET_LENGTH(v)
                for j in range(self._tzname_len):
                    self._tzname[j] = PyUnicode_READ_CHAR(v, j)
            elif k == K_TZOFFSET:
                self._has_tzoffset = True
                self._tzoffset = v
            else:
                self._num[_num_index(k)] = v
        return 0

    cdef object _value(self, int k):
        """Field ``k`` (in ``_fields`` order) as a Python object."""
        if not self._ready:             # ParsedFields.__new__(ParsedFields)
            return None
        if self._exact is not None:
            return self._exact[k]
        if k == K_WEEKDAY:
            return None if self._weekday == UNSET else self._weekday
        if k == K_TZNAME:
            if self._tzname_len == UNSET:
                return None
            return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, self._tzname,
                                             self._tzname_len)
        if k == K_TZOFFSET:
            return self._tzoffset if self._has_tzoffset else None
        return _num_or_none(self._num[_num_index(k)])

    @property
    def year(self):
        """The year (a two-digit one resolved by the parserinfo), or None."""
        return self._value(0)

    @property
    def month(self):
        """The month, 1..12 for a valid date, or None."""
        return self._value(1)

    @property
    def day(self):
        """The day of the month, or None."""
        return self._value(2)

    @property
    def weekday(self):
        """The weekday the string names, 0 (Monday) .. 6 (Sunday), or None."""
        return self._value(3)

    @property
    def hour(self):
        """The hour, AM/PM applied, or None."""
        return self._value(4)

    @property
    def minute(self):
        """The minute, or None."""
        return self._value(5)

    @property
    def second(self):
        """The second, or None."""
        return self._value(6)

    @property
    def microsecond(self):
        """The microsecond, or None."""
        return self._value(7)

    @property
    def tzname(self):
        """The zone name as written (``"UTC"`` for ``Z`` or a zero offset), or None."""
        return self._value(8)

    @property
    def tzoffset(self):
        """The UTC offset in seconds east of UTC, or None (a name it does not know)."""
        return self._value(9)

    def _asdict(self):
        """The fields as a new ``{name: value}`` dict, in field order."""
        return {name: self._value(k) for k, name in enumerate(_FIELDS)}

    def __iter__(self):
        return iter(self._values())

    def __len__(self):
        return N_FIELDS

    def __getitem__(self, index):
        return self._values()[index]

    cdef tuple _values(self):
        if self._exact is not None:
            return self._exact
        return tuple([self._value(k) for k in range(N_FIELDS)])

    def __eq__(self, other):
        if not isinstance(other, ParsedFields):
            return NotImplemented
        return self._values() == (<ParsedFields>other)._values()

    def __ne__(self, other):
        if not isinstance(other, ParsedFields):
            return NotImplemented
        return self._values() != (<ParsedFields>other)._values()

    def __hash__(self):
        return hash(self._values())

    def __repr__(self):
        return "ParsedFields(%s)" % ", ".join(
            ["%s=%r" % (name, self._value(k)) for k, name in enumerate(_FIELDS)])

    def __reduce__(self):
        return (ParsedFields, self._values())


cdef void _clear(ParsedFields rec) noexcept:
    """Every field None."""
    cdef int k
    for k in range(7):
        rec._num[k] = UNSET
    rec._weekday = UNSET
    rec._has_tzoffset = False
    rec._tzoffset = 0
    rec._tzname_len = UNSET


cdef bint _fits_c(tuple values):
    """Whether the C fields hold all ten values (else ParsedFields._exact)."""
    cdef int k
    for k in range(N_FIELDS):
        v = values[k]
        if v is None:
            continue
        if k == K_TZNAME:
            if PyUnicode_GET_LENGTH(v) > MAX_TZNAME:
                return False
        elif k == K_TZOFFSET:
            if not (-INT64_MAX <= v <= INT64_MAX):
                return False
        elif k == K_WEEKDAY:
            if not (0 <= v <= 0x7FFFFFFF):
                return False
        elif not (0 <= v <= INT64_MAX):
            return False
    return True


cdef ParsedFields record_from_result(const Result* res):
    cdef ParsedFields rec = ParsedFields.__new__(ParsedFields)
    rec._num[0] = res.year
    rec._num[1] = res.month
    rec._num[2] = res.day
    rec._num[3] = res.hour
    rec._num[4] = res.minute
    rec._num[5] = res.second
    rec._num[6] = res.microsecond
    rec._weekday = res.weekday
    rec._has_tzoffset = res.has_tzoffset
    rec._tzoffset = res.tzoffset
    rec._tzname_len = res.tzname_len
    if res.tzname_len > 0:
        memcpy(rec._tzname, res.tzname, res.tzname_len * sizeof(Py_UCS4))
    rec._ready = True
    return rec


cdef ParsedFields record_from_dateutil(object res):
    cdef ParsedFields rec = ParsedFields.__new__(ParsedFields)
    _clear(rec)
    rec._store((res.year, res.month, res.day, res.weekday, res.hour, res.minute,
                res.second, res.microsecond, res.tzname, res.tzoffset), False)
    rec._ready = True
    return rec


# --- required= ----------------------------------------------------------------

cdef int required_bits(object required) except -1:
    cdef int bits = 0
    if required is None:
        return 0
    if PyUnicode_Check(required):
        return _bit_of(required)           # one name, not its letters
    if not (PyTuple_Check(required) or PyList_Check(required)):
        # (a tuple or list is read in place: no iterator object per call)
        try:
            required = tuple(required)
        except TypeError:
            raise TypeError("required= takes field names (a str, or an iterable of str) "
                            "from %s; got %s" % (", ".join(_FIELDS), type(required).__name__)
                            ) from None
    for name in required:
        bits |= _bit_of(name)
    return bits


cdef int _bit_of(object name) except -1:
    if not PyUnicode_Check(name):
        raise TypeError("required= takes field names (str) from %s; got %r"
                        % (", ".join(_FIELDS), name))
    bit = _FIELD_BITS.get(name)
    if bit is None:
        raise ValueError("required= takes field names from %s; got %r"
                         % (", ".join(_FIELDS), name))
    return bit


cdef int result_bits(const Result* res) noexcept nogil:
    return ((F_YEAR if res.year != UNSET else 0)
            | (F_MONTH if res.month != UNSET else 0)
            | (F_DAY if res.day != UNSET else 0)
            | (F_WEEKDAY if res.weekday != UNSET else 0)
            | (F_HOUR if res.hour != UNSET else 0)
            | (F_MINUTE if res.minute != UNSET else 0)
            | (F_SECOND if res.second != UNSET else 0)
            | (F_MICROSECOND if res.microsecond != UNSET else 0)
            | (F_TZNAME if res.tzname_len != UNSET else 0)
            | (F_TZOFFSET if res.has_tzoffset else 0))


cdef int record_bits(ParsedFields rec):
    cdef int bits = 0, k
    for k in range(N_FIELDS):
        if rec._value(k) is not None:
            bits |= 1 << k
    return bits


cdef int check_dateutil_fields(object res, int required, object timestr) except -1:
    cdef int bits
    if res is None or not required:
        return 0
    bits = record_bits(record_from_dateutil(res))
    if bits and (required & ~bits):
        raise_missing(required & ~bits, timestr)
    return 0


cdef int raise_missing(int missing, object timestr) except -1:
    raise missing_error(missing, timestr)


cdef object missing_error(int missing, object timestr):
    """The MissingFieldsError for the ``missing`` bits (made, not raised)."""
    names = tuple([name for k, name in enumerate(_FIELDS) if missing & (1 << k)])
    spoken = [_SPOKEN[k] for k in range(N_FIELDS) if missing & (1 << k)]
    listed = (spoken[0] if len(spoken) == 1
              else ", ".join(spoken[:-1]) + " or " + spoken[-1])
    err = MissingFieldsError(
        "String does not contain %s, which required= asks for (leave a field out of "
        "required= to accept strings without it): %%s" % listed, timestr)
    err.missing = names
    return err
