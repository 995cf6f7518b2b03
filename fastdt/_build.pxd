"""Turn a grammar ``Result`` into the datetime dateutil would return."""
from libc.stdint cimport int64_t
from fastdt._grammar cimport Result
from fastdt._tables cimport CompiledTables
from fastdt._tzcache cimport LocalNames
from fastdt._isocore cimport IsoFields

cdef enum TzKind:
    TZ_DEFAULT = 0       # no zone in the string: the default's tzinfo (none
                         # for a naive default)
    TZ_UTC = 1           # dateutil's tz.tzutc()
    TZ_OFFSET = 2        # tz.tzoffset(res.tzname or None, utcoffset); the
                         # offset may lie outside +-24h (then utcoffset() of
                         # dateutil's answer raises)

cdef struct Fields:
    # In: the default datetime's fields.  Out: the answer's.
    int64_t year
    int64_t month
    int64_t day
    int64_t hour
    int64_t minute
    int64_t second
    int64_t microsecond
    int fold
    int tz               # TzKind, set by resolve_fields/resolve_tz
    int64_t utcoffset    # seconds east of UTC, for TZ_OFFSET

# dateutil's _build_naive for a default that is an exact datetime (see
# _core.pxd): ST_OK or ST_BAD_MONTH_NUMBER..ST_DATE_OVERFLOW.
cdef int resolve_fields(const Result* res, Fields* f) noexcept nogil
# dateutil's _build_tzaware without tzinfos (see _core.pxd).
cdef int resolve_tz(const Result* res, const LocalNames* names, Fields* f) noexcept nogil


# dateutil's _build_naive + _build_tzaware: the datetime, or None with
# *status set to an error status (``f`` holding the fields its message names)
cdef object build_datetime(Result* res, object default, bint ignoretz, object tzinfos,
                           CompiledTables tables, object timestr, Fields* f, int* status)
# build_datetime(res, None, False, None, ...) for a Result of the ISO shortcut
# The shortcut's fields straight to the datetime, or None: take the Result path
cdef object build_iso(const IsoFields* iso)
cdef object build_iso_datetime(Result* res, CompiledTables tables, object timestr,
                               Fields* f, int* status)
# The fields of an exact datetime ``default`` (None: today at midnight, local
# time); returns its tzinfo.  Needs the GIL; once per default is enough.
cdef object fields_from_default(object default, Fields* f)
cdef int today(int* year, int* month, int* day) except -1
