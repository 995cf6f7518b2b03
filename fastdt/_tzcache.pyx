"""Cached dateutil tzinfo objects.

dateutil's parser returns ``tz.UTC``, ``tz.tzoffset(name, seconds)`` and
``tz.tzlocal()``.  Building one per call is most of the cost of an aware
parse, so this module keeps them:

* ``tz_offset`` looks a (name, offset) pair up in a small fixed table keyed by
  the name's code points, so the caller never has to build a ``str`` for the
  name on a hit.  On a miss it asks ``dateutil.tz.tzoffset`` (which has its own
  instance cache) and stores the answer, replacing the oldest entry.
* ``tz_local`` keeps one ``tzlocal()`` and rebuilds it when the process's
  zone changes (``time.tzset()`` after changing ``TZ``), detected by the
  identity of ``time.tzname`` and the values of ``time.timezone``/``altzone``.

All of this runs with the GIL held; an entry is replaced only after the
replacement object exists, so a concurrent reader sees either the old or the
new complete entry.
"""
from cpython.ref cimport PyObject, Py_INCREF, Py_XDECREF
from cpython.unicode cimport PyUnicode_FromKindAndData, PyUnicode_4BYTE_KIND

import time as _time
from dateutil import tz as _tz

cdef object _UTC = _tz.UTC
cdef object _tzoffset_type = _tz.tzoffset
cdef object _tzlocal_type = _tz.tzlocal
cdef object _time_module = _time

cdef enum:
    OFFSET_CACHE_SIZE = 64
    # tz names the parser produces are at most 5 characters (dateutil's
    # _could_be_tzname); names up to this length are cached by code points.
    MAX_CACHED_NAME = 16

cdef struct OffsetEntry:
    PyObject* tzobj          # owned reference, NULL when the slot is empty
    long offset
    Py_ssize_t name_len      # -1 means the name is None
    Py_UCS4 name[MAX_CACHED_NAME]

cdef OffsetEntry _offset_cache[OFFSET_CACHE_SIZE]
# Once the table is full, new pairs replace entries in turn (oldest first),
# so fewer than OFFSET_CACHE_SIZE pairs in use never evict each other: an
# evicted pair comes back from dateutil's weak cache, which need not hold
# the object this cache handed out (its setdefault is not atomic), and a
# pair must keep one object while it is in use.
cdef Py_ssize_t _next_victim = 0


cdef object tz_utc():
    return _UTC


cdef inline bint _entry_matches(OffsetEntry* e, const Py_UCS4* name,
                                Py_ssize_t name_len, long offset) noexcept:
    cdef Py_ssize_t k
    if e.tzobj is NULL or e.offset != offset or e.name_len != name_len:
        return False
    for k in range(name_len):
        if e.name[k] != name[k]:
            return False
    return True


cdef extern from *:
    """
    /* Fibonacci hashing: the top bits of the product spread nearby keys */
    #define FASTDT_FIB_MULT 0x9E3779B97F4A7C15ULL
    #define FASTDT_MIX_MULT 0xBF58476D1CE4E5B9ULL
    """
    unsigned long long FIB_MULT "FASTDT_FIB_MULT"
    unsigned long long MIX_MULT "FASTDT_MIX_MULT"


cdef inline Py_ssize_t _offset_slot(Py_ssize_t name_len, long offset) noexcept:
    """Where a (name, offset) pair's probe starts (OFFSET_CACHE_SIZE is 64:
    the product's top 6 bits)."""
    return <Py_ssize_t>((<unsigned long long>offset * FIB_MULT
                         + <unsigned long long>name_len * MIX_MULT) >> 58)


cdef inline OffsetEntry* _probe(const Py_UCS4* name, Py_ssize_t name_len, long offset,
                                Py_ssize_t start, bint* found) noexcept:
    """Linear probing from ``start``: the pair's entry (``found``), else the
    first empty slot, else NULL (the table is full).  Slots are never
    emptied again, so no entry lies past an empty slot of its probe."""
    cdef Py_ssize_t i
    cdef OffsetEntry* e
    found[0] = False
    for i in range(OFFSET_CACHE_SIZE):
        e = &_offset_cache[(start + i) % OFFSET_CACHE_SIZE]
        if e.tzobj is NULL:
            return e
        if _entry_matches(e, name, name_len, offset):
            found[0] = True
            return e
    return NULL


cdef object tz_offset(const Py_UCS4* name, Py_ssize_t name_len, long offset):
    """Return ``tz.tzoffset(name, offset)``; ``name_len < 0`` means None.

    Looked up by the pair's own slot (``_offset_slot``) with linear probing;
    a new pair takes the first empty slot of its probe, or, once the table
    is full, the slot ``_next_victim`` points at, taken in turn (a full
    table has no empty slot, so any slot may hold any pair)."""
    global _next_victim
    cdef Py_ssize_t k, start
    cdef OffsetEntry* e
    cdef bint found
    if name_len > MAX_CACHED_NAME:
        return _tzoffset_type(_ucs4_to_str(name, name_len), offset)
    start = _offset_slot(name_len, offset)
    e = _probe(name, name_len, offset, start, &found)
    if found:
        return <object>e.tzobj
    pyname = None if name_len < 0 else _ucs4_to_str(name, name_len)
    obj = _tzoffset_type(pyname, offset)
    # Another thread may have filled a slot meanwhile: probe again.
    e = _probe(name, name_len, offset, start, &found)
    if found:
        return <object>e.tzobj
    if e is NULL:
        e = &_offset_cache[_next_victim]
        _next_victim = (_next_victim + 1) % OFFSET_CACHE_SIZE
    cdef PyObject* old = e.tzobj
    Py_INCREF(obj)
    e.tzobj = <PyObject*>obj
    e.offset = offset
    e.name_len = name_len
    for k in range(name_len if name_len > 0 else 0):
        e.name[k] = name[k]
    Py_XDECREF(old)
    return obj


cdef object _ucs4_to_str(const Py_UCS4* name, Py_ssize_t n):
    return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, name, n)


# --- the local zone --------------------------------------------------------
cdef extern from "time.h" nogil:
    # libc's zone state: time.tzset() calls tzset(3), which replaces it
    char* c_tzname "tzname"[2]
    long c_timezone "timezone"
    int c_daylight "daylight"

cdef char* _key_tzname0 = NULL
cdef char* _key_tzname1 = NULL
cdef long _key_timezone = 0
cdef int _key_daylight = -1
cdef unsigned long _generation = 0


cdef unsigned long zone_generation() noexcept:
    """A number that changes whenever libc's zone state does (tzset(3), which
    time.tzset() calls): the key of every cache that depends on the zone."""
    global _key_tzname0, _key_tzname1, _key_timezone, _key_daylight, _generation
    if not (c_tzname[0] == _key_tzname0 and c_tzname[1] == _key_tzname1
            and c_timezone == _key_timezone and c_daylight == _key_daylight):
        _key_tzname0 = c_tzname[0]
        _key_tzname1 = c_tzname[1]
        _key_timezone = c_timezone
        _key_daylight = c_daylight
        _generation += 1
    return _generation


# time.tzname/timezone/altzone/daylight, re-read only when the zone changes;
# reading four module attributes per parse would cost more than the rest of
# an ISO parse.
cdef LocalZone _zone
cdef object _zone_tzname = None     # keeps _zone.tzname alive
cdef object _local_obj = None
cdef unsigned long _zone_generation = 0


cdef int _fill_names(LocalNames* names, object tzname) except -1:
    cdef Py_ssize_t k, i, n
    names.exotic = not (type(tzname) is tuple and len(tzname) == 2
                        and isinstance(tzname[0], str) and isinstance(tzname[1], str))
    names.len[0] = names.len[1] = -1
    if names.exotic:
        return 0
    for k in range(2):
        n = len(tzname[k])
        if n <= MAX_LOCAL_NAME:
            for i in range(n):
                names.name[k][i] = ord(tzname[k][i])
            names.len[k] = n
    return 0


cdef int local_zone(LocalZone* out) except -1:
    global _zone_tzname, _local_obj, _zone_generation
    cdef unsigned long generation = zone_generation()
    if generation != _zone_generation:
        tzname = _time_module.tzname
        _zone.timezone = _time_module.timezone
        _zone.altzone = _time_module.altzone
        _zone.daylight = bool(_time_module.daylight)
        _zone_tzname = tzname
        _zone.tzname = <void*>tzname
        _fill_names(&_zone.names, tzname)
        _local_obj = None         # tzlocal() captured the old values
        _zone_generation = generation
    out[0] = _zone
    return 0


cdef object tz_local():
    """A cached ``tz.tzlocal()``, rebuilt when the local zone changes."""
    global _local_obj
    cdef LocalZone zone
    local_zone(&zone)
    if _local_obj is None:
        _local_obj = _tzlocal_type()
    return _local_obj


# The zone of the name "UTC" at fold 0, per zone generation (see utc_name_zone)
cdef object _utc_name_obj = None
cdef unsigned long _utc_name_generation = 0
cdef bint _utc_name_known = False


cdef inline bint _names_utc(const LocalNames* names, int k) noexcept:
    return (names.len[k] == 3 and names.name[k][0] == c'U' and names.name[k][1] == c'T'
            and names.name[k][2] == c'C')


cdef object utc_name_zone():
    """The tzinfo dateutil's parse gives a time whose zone is named "UTC"
    (an ISO "Z" or zero offset) at fold 0, when that does not depend on the
    time: ``tz.UTC`` when "UTC" is not one of time.tzname; ``tzlocal()``
    when it is time.tzname[0] of a zone without DST (tzlocal then names
    every time "UTC").  None otherwise: the caller takes the full path
    (``_build.build_datetime``).  Worked out once per zone generation."""
    global _utc_name_obj, _utc_name_generation, _utc_name_known
    cdef unsigned long generation = zone_generation()
    cdef LocalZone zone
    if _utc_name_known and generation == _utc_name_generation:
        return _utc_name_obj
    local_zone(&zone)
    if zone.names.exotic:
        obj = None
    elif not (_names_utc(&zone.names, 0) or _names_utc(&zone.names, 1)):
        obj = tz_utc()
    elif not zone.daylight and _names_utc(&zone.names, 0):
        obj = tz_local()
    else:
        obj = None
    _utc_name_obj = obj
    _utc_name_generation = generation
    _utc_name_known = True
    return obj
