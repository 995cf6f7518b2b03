"""dateutil's date grammar over C tokens, producing a C ``Result``.

Every routine here returns a ``Status`` (fastdt._status) and runs without
the GIL; the caller raises.
"""
from libc.stdint cimport int64_t
from fastdt._tokenizer cimport Source, TokenBuf
from fastdt._tables cimport Tables
from fastdt._status cimport ParseOptions
from fastdt._isocore cimport IsoFields

cdef enum:
    UNSET = -1               # a Result field dateutil leaves as None
    DEFERRED = -2            # minute/second: int(60 * (Decimal % 1)) past
                             # Decimal's 28 digits: ST_NEEDS_DECIMAL
    MAX_TZNAME = 8           # tz names the grammar keeps are <= 5 chars

cdef enum:
    # Result.flags_missing after ST_NEEDS_FLAGS: which parserinfo flag to read
    FLAG_DAYFIRST = 1
    FLAG_YEARFIRST = 2

cdef struct YMD:
    # dateutil's _ymd: the date values seen so far, and which are labelled
    int64_t v[4]
    int64_t mval              # the labelled month's and year's values: their
    int64_t yval              # positions may lie past the four kept in v
    Py_ssize_t src_start[4]   # source span of each value's digits
    Py_ssize_t src_end[4]
    Py_ssize_t n              # may exceed 4; dateutil then fails to resolve
    int ystr
    int mstr
    int dstr
    bint century

cdef struct Result:
    # Numeric fields are >= 0 or UNSET; values too large for int64 saturate
    # at INT64_MAX (the builder reports them as dateutil's OverflowError).
    int64_t year
    int64_t month
    int64_t day
    int64_t hour
    int64_t minute            # or DEFERRED
    int64_t second            # or DEFERRED
    int64_t microsecond
    int weekday
    int ampm
    bint has_tzoffset
    int64_t tzoffset
    Py_ssize_t tzname_len        # UNSET means tzname is None
    Py_UCS4 tzname[MAX_TZNAME]
    bint century_specified
    # where the month's digits are in the source, for the message of a month
    # too large for int64 ("bad month number <all its digits>")
    Py_ssize_t month_src_start
    Py_ssize_t month_src_end
    # the source span of a DEFERRED minute's / second's number token
    Py_ssize_t minute_src_start
    Py_ssize_t minute_src_end
    Py_ssize_t second_src_start
    Py_ssize_t second_src_end
    # the grammar's state between scan_tokens and resolve_result
    YMD ymd
    int tzword                # word record of the tz name token, or -1
    int flags_missing         # ST_NEEDS_FLAGS: FLAG_* bits of the flags to read

# dateutil's _parse: scan_tokens (the token loop) then resolve_result (the
# date's order, parserinfo.validate, the "does it contain a date" check).
# The Result cleared, every field unset (as the token loop starts it): for a
# caller that stops before the grammar runs.
cdef void result_clear(Result* res) noexcept nogil
cdef int parse_tokens(const Source* src, TokenBuf* toks, const Tables* tables,
                      const ParseOptions* opts, Result* res) noexcept nogil
cdef int resolve_result(const Tables* tables, const ParseOptions* opts,
                        Result* res) noexcept nogil
cdef Py_ssize_t result_len(const Result* res) noexcept nogil
cdef int parse_iso_fast(const unsigned char* s, Py_ssize_t n, Result* res) noexcept nogil
cdef void result_from_iso(const IsoFields* f, Result* res) noexcept nogil


cdef inline int64_t adjust_ampm(int64_t hour, int ampm) noexcept nogil:
    """dateutil's ``parser._adjust_ampm``: ``ampm`` 0 is AM, 1 is PM (the
    grammar and the column fast path, fastdt._template, share it)."""
    if hour < 12 and ampm == 1:
        return hour + 12
    if hour == 12 and ampm == 0:
        return 0
    return hour
