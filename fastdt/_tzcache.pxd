"""Cached dateutil tzinfo objects, shared by the parser and the isoparser.

Every tz object fastdt returns is built once and reused: a second parse of
the same offset returns the identical object without allocating.
"""

cdef object tz_utc()
cdef object tz_offset(const Py_UCS4* name, Py_ssize_t name_len, long offset)
cdef object tz_local()

cdef struct LocalZone:
    # the ``time`` module's view of the local zone (set by time.tzset())
    long timezone
    long altzone
    int daylight
    void* tzname             # borrowed: the time.tzname tuple

cdef int local_zone(LocalZone* out) except -1
cdef unsigned long zone_generation() noexcept
