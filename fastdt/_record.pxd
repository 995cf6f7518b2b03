"""``fastdt.ParsedFields`` (what ``parse_fields`` returns) and the field
bits behind ``required=`` (shared by ``parse``, ``Parser.parse`` and
``parse_fields``)."""
cimport cython
from libc.stdint cimport int64_t
from fastdt._grammar cimport Result, MAX_TZNAME

cdef enum:
    # One bit per field, in dateutil's _result order (ParsedFields._fields).
    F_YEAR = 1 << 0
    F_MONTH = 1 << 1
    F_DAY = 1 << 2
    F_WEEKDAY = 1 << 3
    F_HOUR = 1 << 4
    F_MINUTE = 1 << 5
    F_SECOND = 1 << 6
    F_MICROSECOND = 1 << 7
    F_TZNAME = 1 << 8
    F_TZOFFSET = 1 << 9
    N_FIELDS = 10


# No reference cycle can go through a record (it holds C numbers, or a tuple
# of ints, str and None), so it stays out of the cyclic GC: one plain
# allocation per record.
@cython.final
@cython.no_gc
cdef class ParsedFields:
    # year, month, day, hour, minute, second, microsecond; UNSET (-1) is None
    cdef int64_t _num[7]
    cdef int _weekday                 # UNSET is None
    cdef bint _has_tzoffset
    cdef int64_t _tzoffset
    cdef Py_ssize_t _tzname_len       # UNSET is None
    cdef Py_UCS4 _tzname[MAX_TZNAME]  # the name's code points (<= 5 from the grammar)
    # None, or the ten values where the C fields above cannot hold one (a
    # number past int64 from dateutil's own _parse, a long tzname given to
    # the constructor); the C fields are then unused
    cdef tuple _exact
    # set once the fields are (by the constructor, or by the functions
    # below); a record is never changed afterwards
    cdef bint _ready

    cdef int _store(self, tuple values, bint strict) except -1
    cdef object _value(self, int k)
    cdef tuple _values(self)


# The record of a grammar Result whose fields are final (no DEFERRED) and
# within int64 (the caller checks; dateutil's _parse has the others).
cdef ParsedFields record_from_result(const Result* res)

# The record of dateutil's own ``_result`` (its ten fields, whatever size).
cdef ParsedFields record_from_dateutil(object res)

# ``required=`` as field bits: 0 for None; raises TypeError/ValueError
# naming the valid names for anything else that is not field names.
cdef int required_bits(object required) except -1

# The bits of the fields a Result / a record holds (not None).
cdef int result_bits(const Result* res) noexcept nogil
cdef int record_bits(ParsedFields rec)

# required= against the ``_result`` of dateutil's own _parse (None, or no
# field at all: nothing to check, parse raises its own error).
cdef int check_dateutil_fields(object res, int required, object timestr) except -1

# Raise fastdt's ParserError naming the fields of ``missing`` (bits).
cdef int raise_missing(int missing, object timestr) except -1
# the same MissingFieldsError, made and returned (the caller raises it)
cdef object missing_error(int missing, object timestr)
