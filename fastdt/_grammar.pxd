"""dateutil's date grammar over C tokens, producing a C ``Result``."""
from libc.stdint cimport int64_t
from fastdt._tokenizer cimport Source, TokenBuf
from fastdt._tables cimport CompiledInfo

cdef enum:
    UNSET = -1               # a Result field dateutil leaves as None
    MAX_TZNAME = 8           # tz names the grammar keeps are <= 5 chars

cdef enum ParseStatus:
    PARSE_OK = 0
    PARSE_UNKNOWN_FORMAT = 1     # dateutil's _parse returned None
    PARSE_ERROR = -3             # a Python exception is set (parse_tokens' except value)

cdef struct Result:
    # Numeric fields are >= 0 or UNSET; values too large for int64 saturate
    # at INT64_MAX (the builder reports them as dateutil's OverflowError).
    int64_t year
    int64_t month
    int64_t day
    int64_t hour
    int64_t minute
    int64_t second
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

# dayfirst/yearfirst: 0/1, or -1 to read the parserinfo's only if needed
cdef int parse_tokens(const Source* src, TokenBuf* toks, CompiledInfo info,
                      int dayfirst, int yearfirst, bint fuzzy,
                      Result* res) except -3
cdef Py_ssize_t result_len(const Result* res) noexcept
cdef int parse_iso_fast(const unsigned char* s, Py_ssize_t n, Result* res) noexcept nogil
cdef void set_int_max_str_digits(Py_ssize_t limit) noexcept
