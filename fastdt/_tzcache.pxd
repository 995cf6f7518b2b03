"""Cached dateutil tzinfo objects, shared by the parser and the isoparser.

Every tz object fastdt returns is built once and reused: a second parse of
the same offset returns the identical object without allocating.
"""

cdef object tz_utc()
cdef object tz_offset(const Py_UCS4* name, Py_ssize_t name_len, long offset)
cdef object tz_local()
# the zone of the name "UTC" at fold 0, or None when it depends on the time
cdef object utc_name_zone()

cdef enum:
    MAX_LOCAL_NAME = 8         # longer time.tzname entries match no parsed name

cdef struct LocalNames:
    # time.tzname as code points, for comparing a parsed zone name without
    # the GIL.  len[k] is -1 for a name that is longer than MAX_LOCAL_NAME
    # (no name the grammar keeps can equal it).
    bint exotic                # time.tzname is not a tuple of two str: compare in Python
    Py_ssize_t len[2]
    Py_UCS4 name[2][MAX_LOCAL_NAME]

cdef struct LocalZone:
    # the ``time`` module's view of the local zone (set by time.tzset())
    long timezone
    long altzone
    int daylight
    void* tzname             # borrowed: the time.tzname tuple
    LocalNames names         # the same names, as C code points

cdef int local_zone(LocalZone* out) except -1
cdef unsigned long zone_generation() noexcept
