"""Result building: dateutil's ``_build_naive`` and ``_build_tzaware``.

For the usual ``default`` (an exact ``datetime``) every field, the
default-day clamp to the month's end, the weekday roll-forward and the
time zone are worked out in C (``resolve_fields``/``resolve_tz`` below,
without the GIL), and the answer is built here with one ``datetime_new``
call: that datetime is the only allocation of a parse.  A field out of
range comes back as a status, which the edge (``_parser``) raises as
dateutil's error.

Anything unusual (a ``datetime`` subclass or non-datetime ``default``,
``tzinfos`` values that are tzinfo objects or tz strings, a ``tzinfos``
callable) takes a plain Python path that does what dateutil does.
"""
from libc.stdint cimport int64_t, INT64_MAX
from libc.limits cimport INT_MAX
from libc.time cimport time_t, tm, time as c_time
from cpython.datetime cimport (import_datetime, datetime_new, PyDateTime_CheckExact,
                               datetime, tzinfo as tzinfo_type,
                               PyDateTime_GET_YEAR, PyDateTime_GET_MONTH, PyDateTime_GET_DAY,
                               PyDateTime_DATE_GET_HOUR, PyDateTime_DATE_GET_MINUTE,
                               PyDateTime_DATE_GET_SECOND, PyDateTime_DATE_GET_MICROSECOND,
                               PyDateTime_DATE_GET_FOLD, datetime_tzinfo)
from cpython.dict cimport PyDict_Next, PyDict_CheckExact
from cpython.unicode cimport (PyUnicode_GET_LENGTH, PyUnicode_READ_CHAR, PyUnicode_Check,
                              PyUnicode_FromKindAndData, PyUnicode_4BYTE_KIND)
from cpython.tuple cimport PyTuple_CheckExact, PyTuple_GET_SIZE, PyTuple_GET_ITEM
from cpython.list cimport PyList_GET_ITEM, PyList_GET_SIZE
from cpython.long cimport PyLong_CheckExact
from cpython.ref cimport PyObject, Py_INCREF, Py_XDECREF
cdef extern from "Python.h":
    # NULL with no exception set means "not there" (unlike PyDict_GetItem it
    # does not save and restore the error state on every call)
    PyObject* PyDict_GetItemWithError(object d, object key) except? NULL
    PyObject* PyImport_GetModuleDict()      # borrowed: sys.modules as the import system has it
    int PyErr_WarnExplicitObject(object category, object message, object filename,
                                 int lineno, object module, object registry) except -1

from fastdt._grammar cimport Result, UNSET, MAX_TZNAME
from fastdt._tokenizer cimport word_hash_init, word_hash_mix
from fastdt._tables cimport CompiledTables, name_in_utc_raw
from fastdt._dictversion cimport HAVE_DICT_VERSION, dict_version
from fastdt._calendar cimport days_in_month, ymd_to_ordinal, ordinal_to_ymd
from fastdt._tzcache cimport (tz_utc, tz_offset, tz_local, local_zone, LocalZone, zone_generation,
                              utc_name_zone)
from fastdt._isocore cimport IsoFields, TZ_NONE as ISO_TZ_NONE, TZ_OFFSET as ISO_TZ_OFFSET
from fastdt._status cimport (ST_OK, ST_TZ_LOCAL, ST_UNKNOWN_TZNAME, ST_LOCAL_NAMES,
                             ST_BAD_MONTH_NUMBER, ST_C_LONG_OVERFLOW, ST_C_INT_OVERFLOW,
                             ST_YEAR_RANGE, ST_MONTH_RANGE, ST_DAY_RANGE, ST_HOUR_RANGE,
                             ST_MINUTE_RANGE, ST_SECOND_RANGE, ST_MICROSECOND_RANGE,
                             ST_WEEKDAY_INDEX, ST_DATE_OVERFLOW)

import calendar as _calendar
import datetime as _datetime_mod
import time as _time
import warnings as _warnings_module
from fastdt import _warnings as _fastdt_warnings
from dateutil.parser import UnknownTimezoneWarning as _UnknownTimezoneWarning
from dateutil import tz as _tz
from dateutil.relativedelta import relativedelta as _relativedelta
from fastdt._errors import ParserError as _ParserError
from fastdt._messages import DATE_VALUE_OUT_OF_RANGE as _DATE_OVERFLOW

import_datetime()

cdef extern from "time.h" nogil:
    tm* localtime_r(const time_t* timep, tm* result)

cdef object _time_module = _time
cdef object _datetime_module = _datetime_mod
cdef dict _datetime_module_dict = _datetime_mod.__dict__
cdef object _real_datetime = _datetime_mod.datetime
cdef dict _warnings_module_dict = _warnings_module.__dict__

# datetime.datetime replaced or not, known for one version of the datetime
# module's dict: one compare per parse instead of a dict lookup.
cdef unsigned long long _datetime_dict_version = 0    # 0: never looked
cdef bint _datetime_was_replaced = False


cdef inline bint _datetime_replaced() except -1:
    """``datetime.datetime`` is not the real class (freezegun and friends)."""
    global _datetime_dict_version, _datetime_was_replaced
    cdef unsigned long long version = dict_version(_datetime_module_dict)
    cdef bint replaced
    if HAVE_DICT_VERSION and version != 0 and version == _datetime_dict_version:
        return _datetime_was_replaced
    replaced = (PyDict_GetItemWithError(_datetime_module_dict, "datetime")
                is not <PyObject*>_real_datetime)
    _datetime_was_replaced = replaced
    _datetime_dict_version = version
    return replaced
cdef object _tzstr_type = _tz.tzstr

# Local today for default=None, kept until the next local midnight (at most a
# minute, so a DST change can never stretch a day) or until the zone changes.
cdef time_t _today_valid_until = 0
cdef unsigned long _today_generation = 0
cdef int _today_y = 0, _today_m = 0, _today_d = 0


cdef int today(int* year, int* month, int* day) except -1:
    """Local today, as ``datetime.now()`` sees it, without allocating."""
    global _today_valid_until, _today_generation, _today_y, _today_m, _today_d
    cdef time_t now = c_time(NULL)
    cdef unsigned long generation = zone_generation()
    cdef tm local
    cdef long to_midnight
    if not (now < _today_valid_until and generation == _today_generation):
        if localtime_r(&now, &local) is NULL:
            raise OSError("localtime failed")
        _today_y = local.tm_year + 1900
        _today_m = local.tm_mon + 1
        _today_d = local.tm_mday
        to_midnight = 86400 - (local.tm_hour * 3600 + local.tm_min * 60 + local.tm_sec)
        _today_valid_until = now + (to_midnight if to_midnight < 60 else 60)
        _today_generation = generation
    year[0] = _today_y
    month[0] = _today_m
    day[0] = _today_d
    return 0




cdef inline bint _str_equals(object s, const Py_UCS4* chars, Py_ssize_t n) noexcept:
    cdef Py_ssize_t k
    if not PyUnicode_Check(s) or PyUnicode_GET_LENGTH(s) != n:
        return False
    for k in range(n):
        if PyUnicode_READ_CHAR(s, k) != chars[k]:
            return False
    return True


cdef object _tzname_str(const Result* res):
    if res.tzname_len == UNSET:
        return None
    return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, res.tzname, res.tzname_len)


cdef object _tzoffset_obj(const Result* res):
    return res.tzoffset if res.has_tzoffset else None


# --- tzlocal, computed the way dateutil.tz.tzlocal does -------------------

cdef int _naive_is_dst(int64_t y, int64_t m, int64_t d, int64_t hh, int64_t mi,
                       int64_t ss, long timezone) except -1:
    """tzlocal._naive_is_dst: localtime(naive-as-UTC timestamp + timezone)."""
    cdef time_t ts = <time_t>((ymd_to_ordinal(y, m, d) - 719163) * 86400
                              + hh * 3600 + mi * 60 + ss + timezone)
    cdef tm local
    if localtime_r(&ts, &local) is NULL:
        raise OverflowError("timestamp out of range for platform time_t")
    return local.tm_isdst > 0


cdef int _tzlocal_isdst(int64_t y, int64_t m, int64_t d, int64_t hh, int64_t mi,
                        int64_t ss, int fold) except -1:
    """dateutil.tz.tzlocal._isdst(dt) for a wall time and fold."""
    cdef LocalZone zone
    local_zone(&zone)
    cdef long timezone = zone.timezone
    cdef long dst_saved = (zone.timezone - zone.altzone) if zone.daylight else 0
    cdef int dstval, shifted
    cdef int64_t secs, day_ord
    if dst_saved == 0:
        return 0
    dstval = _naive_is_dst(y, m, d, hh, mi, ss, timezone)
    # is_ambiguous: not dst now, but dst one dst_saved earlier
    secs = hh * 3600 + mi * 60 + ss - dst_saved
    day_ord = ymd_to_ordinal(y, m, d)
    while secs < 0:
        secs += 86400
        day_ord -= 1
    while secs >= 86400:
        secs -= 86400
        day_ord += 1
    if day_ord < 1 or day_ord > 3652059:
        raise OverflowError(_DATE_OVERFLOW)
    cdef int64_t sy, sm, sd
    ordinal_to_ymd(day_ord, &sy, &sm, &sd)
    shifted = _naive_is_dst(sy, sm, sd, secs // 3600, (secs // 60) % 60, secs % 60, timezone)
    if not dstval and dstval != shifted:
        return not fold
    return dstval


cdef bint _tzlocal_name_is(int64_t y, int64_t m, int64_t d, int64_t hh, int64_t mi,
                           int64_t ss, int fold, object tznames,
                           const Result* res) except -1:
    cdef int isdst = _tzlocal_isdst(y, m, d, hh, mi, ss, fold)
    return _str_equals(tznames[isdst], res.tzname, res.tzname_len)


# --- tzinfos ------------------------------------------------------------------

cdef int _tzinfos_lookup(object tzinfos, const Result* res, PyObject** found) except -1:
    """``res.tzname in tzinfos`` and ``tzinfos.get(res.tzname)``.

    For a plain dict the keys are compared with the name's code points, so no
    str is built for the name.  Returns 1 when present.
    """
    cdef Py_ssize_t pos = 0
    cdef PyObject* key
    cdef PyObject* value
    if PyDict_CheckExact(tzinfos):
        while PyDict_Next(tzinfos, &pos, &key, &value):
            if res.tzname_len == UNSET:
                if <object>key is None:
                    found[0] = value
                    return 1
            elif PyUnicode_Check(<object>key):
                if _str_equals(<object>key, res.tzname, res.tzname_len):
                    found[0] = value
                    return 1
            else:
                break       # exotic keys: let Python decide equality
        else:
            return 0
    name = _tzname_str(res)
    if name in tzinfos:
        found[0] = NULL
        return 2
    return 0


cdef object _assign_tzname(object dt, object tzname):
    if dt.tzname() != tzname:
        new_dt = dt.replace(fold=1)
        if new_dt.tzname() == tzname:
            return new_dt
    return dt


cdef object _build_tzinfo_py(object tzinfos, const Result* res, PyObject* found,
                             bint* name_matches):
    """dateutil's ``_build_tzinfo``; ``name_matches`` if its tzname() is ours."""
    cdef long offset
    name_matches[0] = False
    if callable(tzinfos):
        tzdata = tzinfos(_tzname_str(res), _tzoffset_obj(res))
    elif found is not NULL:
        tzdata = <object>found
    else:
        tzdata = tzinfos.get(_tzname_str(res))
    if tzdata is None or isinstance(tzdata, tzinfo_type):
        return tzdata
    if isinstance(tzdata, str):
        return _tzstr_type(tzdata)
    if isinstance(tzdata, int):
        if -(1 << 62) < tzdata < (1 << 62):
            offset = tzdata
            name_matches[0] = True
            return tz_offset(res.tzname, res.tzname_len, offset)
        return _tz.tzoffset(_tzname_str(res), tzdata)
    raise TypeError("Offset must be tzinfo subclass, tz string, or int offset.")


# --- the builder ----------------------------------------------------------------

cdef object _build_naive_py(Result* res, object default, object timestr):
    """dateutil's ``_build_naive`` for an unusual ``default`` object."""
    repl = {}
    for name, value in (("year", res.year), ("month", res.month), ("day", res.day),
                        ("hour", res.hour), ("minute", res.minute),
                        ("second", res.second), ("microsecond", res.microsecond)):
        if value != UNSET:
            repl[name] = value
    try:
        if "day" not in repl:
            cyear = default.year if res.year == UNSET else res.year
            cmonth = default.month if res.month == UNSET else res.month
            cday = default.day if res.day == UNSET else res.day
            last = _calendar.monthrange(cyear, cmonth)[1]
            if cday > last:
                repl["day"] = last
        naive = default.replace(**repl)
    except ValueError as e:
        raise _ParserError(str(e) + ": %s", timestr) from e
    if res.weekday != UNSET and not (res.day != UNSET and res.day != 0):
        naive = naive + _relativedelta(weekday=res.weekday)
    return naive


cdef object _build_tzaware_py(object naive, Result* res, object tzinfos, CompiledTables tables):
    cdef PyObject* found = NULL
    cdef bint name_matches
    cdef int present = 0
    tzname = _tzname_str(res)
    if not callable(tzinfos) and tzinfos:
        present = _tzinfos_lookup(tzinfos, res, &found)
    if callable(tzinfos) or present:
        tzobj = _build_tzinfo_py(tzinfos, res, found, &name_matches)
        return _assign_tzname(naive.replace(tzinfo=tzobj), tzname)
    if tzname and tzname in _time_module.tzname:
        aware = _assign_tzname(naive.replace(tzinfo=tz_local()), tzname)
        if aware.tzname() != tzname and tzname in tables.parserinfo.UTCZONE:
            aware = aware.replace(tzinfo=tz_utc())
        return aware
    if res.has_tzoffset and res.tzoffset == 0:
        return naive.replace(tzinfo=tz_utc())
    if res.has_tzoffset:
        return naive.replace(tzinfo=tz_offset(res.tzname, res.tzname_len, res.tzoffset))
    if tzname:
        _warn_unknown(res)
    return naive


# dateutil's UnknownTimezoneWarning message, kept per zone name: formatting
# it (and PyErr_WarnEx's decode of a char*) cost more than the parse.  Keyed
# by the name's code points, so a hit builds no str.  An open-addressing
# table (a name's home slot from its FNV hash, then the next slots): each
# name keeps its entry until the table is full, so a corpus with more names
# than a round-robin ring held (issue 18: 18 names thrashed 16 entries at
# ~18,600 instructions a miss) hits every time.  Bounded: past WARN_CACHE_SIZE
# names a new one takes its home slot.  Entries are never emptied, so a
# probe that meets an empty slot has seen every entry its name could have.
# An entry is written only once its message exists (MemoryError leaves the
# table as it was) and all in one go under the GIL, after the last call that
# could run Python code, so a concurrent reader sees a whole entry.
cdef enum:
    WARN_CACHE_SIZE = 64     # a power of two: the probe wraps with a mask

cdef struct WarnEntry:
    PyObject* message        # owned reference, NULL when the slot is empty
    # What makes warn_explicit ignore this message (see _still_ignored):
    PyObject* ignored        # owned (filters list, its head up to the matching
                             #   "ignore" filter, dateutil's registry), or NULL
    Py_ssize_t filters_len   # len(filters) then
    unsigned long long dict_versions[4]   # of sys.modules, the warnings module,
                             #   dateutil's module and the registry (0: unknown)
    Py_hash_t hash           # word_hash of the name's code points
    Py_ssize_t name_len
    Py_UCS4 name[MAX_TZNAME]

cdef WarnEntry _warn_cache[WARN_CACHE_SIZE]
# The warning is attributed to dateutil's module, file and line, with its
# registry, as dateutil's own is (fastdt/_warnings.py says why); issued here
# with the C API that _warnings.warn_explicit wraps, so no Python frame and
# no argument parsing per warning.
cdef dict _dateutil_globals = _fastdt_warnings._MODULE_GLOBALS
cdef object _dateutil_module = _fastdt_warnings._MODULE
cdef object _warn_filename = None     # dateutil's warn call, found on first use
cdef int _warn_lineno = 0


cdef inline Py_hash_t _tzname_hash(const Result* res) noexcept nogil:
    cdef Py_hash_t h = word_hash_init()
    cdef Py_ssize_t k
    for k in range(res.tzname_len):
        h = word_hash_mix(h, res.tzname[k])
    return h


cdef inline bint _entry_is(const WarnEntry* e, const Result* res, Py_hash_t h) noexcept nogil:
    cdef Py_ssize_t k
    if e.hash != h or e.name_len != res.tzname_len:
        return False
    for k in range(res.tzname_len):
        if e.name[k] != res.tzname[k]:
            return False
    return True


cdef WarnEntry* _warn_probe(const Result* res, Py_hash_t h) noexcept:
    """The entry holding this name, else the empty slot where it belongs,
    else (the table full) the name's home slot, to be replaced."""
    cdef size_t mask = WARN_CACHE_SIZE - 1
    cdef size_t home = <size_t>h & mask
    cdef size_t k
    cdef WarnEntry* e
    for k in range(WARN_CACHE_SIZE):
        e = &_warn_cache[(home + k) & mask]
        if e.message is NULL or _entry_is(e, res, h):
            return e
    return &_warn_cache[home]


cdef WarnEntry* _warn_entry(const Result* res):
    """The cache entry holding this result's zone name's message."""
    cdef Py_hash_t h = _tzname_hash(res)
    cdef Py_ssize_t k
    cdef WarnEntry* e = _warn_probe(res, h)
    if e.message is not NULL and _entry_is(e, res, h):
        return e
    message = ("tzname {tzname} identified but not understood.  Pass `tzinfos` "
               "argument in order to correctly return a timezone-aware datetime.  "
               "In a future version, this will raise an exception.").format(
                   tzname=_tzname_str(res))
    # probed again: making the message may have run Python code (a GC
    # finalizer), and another thread may have filled a slot meanwhile
    e = _warn_probe(res, h)
    if e.message is not NULL and _entry_is(e, res, h):
        return e
    cdef PyObject* old = e.message
    cdef PyObject* old_ignored = e.ignored
    e.message = NULL
    e.ignored = NULL
    e.hash = h
    e.name_len = res.tzname_len
    for k in range(res.tzname_len):
        e.name[k] = res.tzname[k]
    Py_INCREF(message)
    e.message = <PyObject*>message
    Py_XDECREF(old)
    Py_XDECREF(old_ignored)
    return e


def _warn_cache_names():
    """The zone names the warning cache holds (for tests: one entry per
    name, none half-filled)."""
    cdef Py_ssize_t i
    names = []
    for i in range(WARN_CACHE_SIZE):
        if _warn_cache[i].message is not NULL:
            names.append("".join([chr(_warn_cache[i].name[k])
                                  for k in range(_warn_cache[i].name_len)]))
    return names


cdef inline object _warnings_filters():
    """``sys.modules["warnings"].filters``, the list warn_explicit walks
    (None when there is none)."""
    cdef PyObject* module = PyDict_GetItemWithError(<object>PyImport_GetModuleDict(),
                                                    "warnings")
    if module is NULL:
        return None
    return getattr(<object>module, "filters", None)


cdef inline object _dateutil_registry():
    """dateutil's module's ``__warningregistry__`` (made if missing, as
    dateutil's own warnings.warn does)."""
    cdef PyObject* found = PyDict_GetItemWithError(_dateutil_globals, "__warningregistry__")
    if found is NULL:
        return _dateutil_globals.setdefault("__warningregistry__", {})
    return <object>found


cdef inline void _read_dict_versions(object registry, unsigned long long* out) noexcept:
    out[0] = dict_version(<object>PyImport_GetModuleDict())
    out[1] = dict_version(_warnings_module_dict)
    out[2] = dict_version(_dateutil_globals)
    out[3] = dict_version(registry) if PyDict_CheckExact(registry) else 0


cdef bint _still_ignored(const WarnEntry* e) except -1:
    """Whether warn_explicit would still ignore ``e``'s message, known
    without calling it (CPython < 3.13, where dict versions are read):

    * sys.modules, the warnings module, dateutil's module and its registry
      unchanged: the same filters list and registry, the registry still at
      the filters' version that warn_explicit gave it (else it would clear
      it first).  catch_warnings, which replaces the filters list and later
      restores it, writes the warnings module; so do the filter functions;
    * the list as long, with the same filters up to the "ignore" one that
      matched: immutable tuples, the same answer (the list may change
      without any dict changing)."""
    cdef tuple ignored = <tuple>e.ignored
    cdef tuple head = <tuple>ignored[1]
    cdef unsigned long long now[4]
    cdef Py_ssize_t k
    cdef PyObject* filters = PyTuple_GET_ITEM(ignored, 0)
    _read_dict_versions(<object>PyTuple_GET_ITEM(ignored, 2), now)
    if (now[0] == 0 or now[0] != e.dict_versions[0] or now[1] != e.dict_versions[1]
            or now[2] != e.dict_versions[2] or now[3] != e.dict_versions[3]):
        return False
    if PyList_GET_SIZE(<object>filters) != e.filters_len:
        return False
    for k in range(PyTuple_GET_SIZE(head)):
        if PyList_GET_ITEM(<object>filters, k) is not PyTuple_GET_ITEM(head, k):
            return False
    return True


cdef int _remember_ignored(WarnEntry* e, object snapshot, object registry) except -1:
    """Record (or, for a None snapshot, forget) what makes warn_explicit
    ignore ``e``'s message, as it stands after warn_explicit ran."""
    cdef PyObject* found
    cdef PyObject* old = e.ignored
    ignored = None
    if HAVE_DICT_VERSION and snapshot is not None and PyDict_CheckExact(registry):
        found = PyDict_GetItemWithError(registry, "version")
        if found is not NULL and PyLong_CheckExact(<object>found):
            filters, head = snapshot
            ignored = (filters, head, registry)
            e.filters_len = len(filters)
            _read_dict_versions(registry, e.dict_versions)
    e.ignored = NULL
    if ignored is not None:
        Py_INCREF(ignored)
        e.ignored = <PyObject*>ignored
    Py_XDECREF(old)
    return 0


cdef int _warn_unknown(const Result* res) except -1:
    """``fastdt._warnings.warn_unknown_timezone`` for this result's name.

    When warn_explicit is known to ignore it (``_still_ignored``) it is not
    called: under an "ignore" filter it has no effect but its cost (most of
    the parse's).  Filters, catch_warnings, -W and the registry's
    deduplication see what dateutil's own warning gives them."""
    global _warn_filename, _warn_lineno
    cdef WarnEntry* e = _warn_entry(res)
    if e.ignored is not NULL and _still_ignored(e):
        return 0
    message = <object>e.message
    if _warn_filename is None:
        filename, lineno = _fastdt_warnings._dateutil_warn_site()
        _warn_lineno = lineno
        _warn_filename = filename
    registry = _dateutil_registry()
    # what warn_explicit will answer, read before it runs: an "ignore" runs no
    # user code, so the filters are still those afterwards
    snapshot = (_fastdt_warnings.ignore_snapshot(message, _warn_lineno)
                if HAVE_DICT_VERSION else None)
    PyErr_WarnExplicitObject(_UnknownTimezoneWarning, message, _warn_filename, _warn_lineno,
                             _dateutil_module, registry)
    if e.message is not <PyObject*>message:
        return 0                     # the entry was reused meanwhile
    return _remember_ignored(e, snapshot, registry)


# --- the nogil steps: _build_naive and _build_tzaware on C fields ---------------

cdef enum:
    MAX_ORDINAL = 3652059      # date(9999, 12, 31).toordinal()


cdef inline void _overlay(int64_t value, int64_t* field) noexcept nogil:
    if value != UNSET:
        field[0] = value


cdef int _c_int_overflow(const Fields* f) noexcept nogil:
    """datetime.replace converts each field to a C int first, in order.

    (A field that saturated at INT64_MAX did not fit a C long; on Python
    3.13 the message differs: see _parser._raise_status.)"""
    cdef int64_t values[7]
    cdef int k
    values[0] = f.year; values[1] = f.month; values[2] = f.day; values[3] = f.hour
    values[4] = f.minute; values[5] = f.second; values[6] = f.microsecond
    for k in range(7):
        if values[k] == INT64_MAX:
            return ST_C_LONG_OVERFLOW
        if values[k] > INT_MAX:
            return ST_C_INT_OVERFLOW
    return ST_OK


cdef int _range_error(const Fields* f) noexcept nogil:
    """datetime.replace's range checks, in its order."""
    if f.year < 1 or f.year > 9999:
        return ST_YEAR_RANGE
    if f.month < 1 or f.month > 12:
        return ST_MONTH_RANGE
    if f.day < 1 or f.day > days_in_month(f.year, f.month):
        return ST_DAY_RANGE
    if f.hour > 23:
        return ST_HOUR_RANGE
    if f.minute > 59:
        return ST_MINUTE_RANGE
    if f.second > 59:
        return ST_SECOND_RANGE
    if f.microsecond > 999999:
        return ST_MICROSECOND_RANGE
    return ST_OK


cdef int _roll_to_weekday(int weekday, Fields* f) noexcept nogil:
    """``+ relativedelta(weekday=N)``: forward to the next such weekday."""
    cdef int64_t ordinal
    if weekday > 6:
        return ST_WEEKDAY_INDEX
    ordinal = ymd_to_ordinal(f.year, f.month, f.day)
    ordinal += (weekday - (ordinal + 6) % 7 + 7) % 7   # C % keeps the sign
    if ordinal > MAX_ORDINAL:
        return ST_DATE_OVERFLOW
    ordinal_to_ymd(ordinal, &f.year, &f.month, &f.day)
    f.fold = 0          # datetime + timedelta does not carry fold
    return ST_OK


cdef int resolve_fields(const Result* res, Fields* f) noexcept nogil:
    """The exported ``_resolve_fields`` (see _core.pxd)."""
    return _resolve_fields(res, f)


cdef int resolve_tz(const Result* res, const LocalNames* names, Fields* f) noexcept nogil:
    """The exported ``_resolve_tz`` (see _core.pxd)."""
    return _resolve_tz(res, names, f)


cdef inline int _resolve_fields(const Result* res, Fields* f) noexcept nogil:
    """dateutil's ``_build_naive`` (``default.replace(**repl)`` and the
    weekday's relativedelta) on C fields."""
    cdef int64_t last
    cdef int status
    _overlay(res.year, &f.year)
    _overlay(res.month, &f.month)
    if res.day != UNSET:
        f.day = res.day
    else:
        # a default day past the month's end falls back to the last day
        if f.month < 1 or f.month > 12:
            return ST_BAD_MONTH_NUMBER
        last = days_in_month(f.year, f.month)
        if f.day > last:
            f.day = last
    _overlay(res.hour, &f.hour)
    _overlay(res.minute, &f.minute)
    _overlay(res.second, &f.second)
    _overlay(res.microsecond, &f.microsecond)
    status = _range_error(f)
    if status != ST_OK:
        # the C-int conversion only matters once some field is out of range
        if _c_int_overflow(f) != ST_OK:
            return _c_int_overflow(f)
        return status
    f.tz = TZ_DEFAULT
    f.utcoffset = 0
    if res.weekday != UNSET and res.day == UNSET:
        return _roll_to_weekday(res.weekday, f)
    return ST_OK


cdef bint _is_local_name(const Result* res, const LocalNames* names) noexcept nogil:
    """``res.tzname in time.tzname``."""
    cdef Py_ssize_t k, i
    for k in range(2):
        if names.len[k] != res.tzname_len:
            continue
        for i in range(res.tzname_len):
            if names.name[k][i] != res.tzname[i]:
                break
        else:
            return True
    return False


cdef inline int _resolve_tz(const Result* res, const LocalNames* names,
                            Fields* f) noexcept nogil:
    """dateutil's ``_build_tzaware`` when tzinfos does not name the zone."""
    f.tz = TZ_DEFAULT
    f.utcoffset = 0
    if res.tzname_len > 0:
        if names.exotic:
            return ST_LOCAL_NAMES
        if _is_local_name(res, names):
            return ST_TZ_LOCAL
    if res.has_tzoffset and res.tzoffset == 0:
        f.tz = TZ_UTC
    elif res.has_tzoffset:
        f.tz = TZ_OFFSET
        f.utcoffset = res.tzoffset
    elif res.tzname_len > 0:
        return ST_UNKNOWN_TZNAME
    return ST_OK


# --- the datetime -----------------------------------------------------------

cdef object fields_from_default(object default, Fields* f):
    """The exported ``_fields_from_default`` (see _build.pxd)."""
    return _fields_from_default(default, f)


cdef inline object _fields_from_default(object default, Fields* f):
    """The fields of ``default`` (an exact datetime, or None for today at
    midnight); returns its tzinfo."""
    cdef int dy, dm, dd
    f.fold = 0
    if default is None:
        today(&dy, &dm, &dd)
        f.year, f.month, f.day = dy, dm, dd
        f.hour = f.minute = f.second = f.microsecond = 0
        return None
    f.year = PyDateTime_GET_YEAR(default)
    f.month = PyDateTime_GET_MONTH(default)
    f.day = PyDateTime_GET_DAY(default)
    f.hour = PyDateTime_DATE_GET_HOUR(default)
    f.minute = PyDateTime_DATE_GET_MINUTE(default)
    f.second = PyDateTime_DATE_GET_SECOND(default)
    f.microsecond = PyDateTime_DATE_GET_MICROSECOND(default)
    f.fold = PyDateTime_DATE_GET_FOLD(default)
    return datetime_tzinfo(default)


cdef inline object _new(const Fields* f, object tzobj):
    return datetime_new(f.year, f.month, f.day, f.hour, f.minute, f.second,
                        f.microsecond, tzobj, f.fold)


cdef object _with_tzinfos(Result* res, const Fields* f, object tzinfos, PyObject* found):
    """dateutil's tzinfos branch: the zone its tzinfos gives for the name."""
    cdef bint name_matches
    tzobj = _build_tzinfo_py(tzinfos, res, found, &name_matches)
    if name_matches:
        return _new(f, tzobj)
    return _assign_tzname(_new(f, tzobj), _tzname_str(res))


cdef object _with_tzlocal(Result* res, Fields* f, object tznames, CompiledTables tables):
    """The name is one of time.tzname: dateutil's tzlocal(), unless neither
    fold gives that name and it is a UTC name (then tz.UTC)."""
    if not _tzlocal_name_is(f.year, f.month, f.day, f.hour, f.minute, f.second, f.fold,
                            tznames, res):
        if f.fold == 0 and _tzlocal_name_is(f.year, f.month, f.day, f.hour, f.minute,
                                            f.second, 1, tznames, res):
            f.fold = 1
        elif name_in_utc_raw(&tables.c, res.tzname, res.tzname_len):
            return _new(f, tz_utc())
    return _new(f, tz_local())


cdef object build_datetime(Result* res, object default, bint ignoretz, object tzinfos,
                           CompiledTables tables, object timestr, Fields* f, int* status):
    """dateutil's ``_build_naive`` then (unless ignoretz) ``_build_tzaware``.

    Returns the datetime; or None with ``status`` set to the error (``f``
    then holds the fields the message names), for the edge to raise.
    """
    cdef int present = 0
    cdef PyObject* found = NULL
    cdef LocalZone zone
    cdef int tz_status
    status[0] = ST_OK
    if default is None and _datetime_replaced():
        # datetime.datetime was replaced (freezegun and friends): dateutil's
        # datetime.datetime.now() sees the replacement, so do what it does.
        default = _datetime_module.datetime.now().replace(hour=0, minute=0, second=0,
                                                         microsecond=0)
    if default is not None and not PyDateTime_CheckExact(default):
        naive = _build_naive_py(res, default, timestr)
        if ignoretz:
            return naive
        return _build_tzaware_py(naive, res, tzinfos, tables)

    if default is None and res.year != UNSET and res.month != UNSET and res.day != UNSET:
        # today's date would be overwritten field for field: skip the clock
        f.year = f.month = f.day = f.hour = f.minute = f.second = f.microsecond = 0
        f.fold = 0
        tzobj = None
    else:
        tzobj = _fields_from_default(default, f)
    status[0] = _resolve_fields(res, f)
    if status[0] != ST_OK:
        return None
    if ignoretz:
        return _new(f, tzobj)

    # _build_tzaware
    if tzinfos is not None:
        if callable(tzinfos):
            present = 1
        elif tzinfos:
            present = _tzinfos_lookup(tzinfos, res, &found)
        if present:
            return _with_tzinfos(res, f, tzinfos, found)
    if res.tzname_len > 0:
        local_zone(&zone)
    tz_status = _resolve_tz(res, &zone.names, f)
    if tz_status == ST_OK:
        if f.tz == TZ_UTC:
            return _new(f, tz_utc())
        if f.tz == TZ_OFFSET:
            return _new(f, tz_offset(res.tzname, res.tzname_len, f.utcoffset))
        return _new(f, tzobj)
    if tz_status == ST_UNKNOWN_TZNAME:
        _warn_unknown(res)
        return _new(f, tzobj)
    if tz_status == ST_TZ_LOCAL:
        return _with_tzlocal(res, f, <object>zone.tzname, tables)
    # ST_LOCAL_NAMES: time.tzname is not two str; dateutil's own comparison
    return _build_tzaware_py(_new(f, tzobj), res, None, tables)


cdef object build_iso_datetime(Result* res, CompiledTables tables, object timestr,
                               Fields* f, int* status):
    """``build_datetime(res, None, False, None, ...)`` for a ``Result`` of the
    ISO shortcut (the whole date given; no weekday): an answer in range is
    built here directly; anything else (a field out of range, for dateutil's
    message; datetime.datetime replaced) goes to ``build_datetime``."""
    cdef int64_t y = res.year, mo = res.month, d = res.day
    cdef int64_t h = 0, mi = 0, s = 0, us = 0
    if res.hour != UNSET:
        h = res.hour
    if res.minute != UNSET:
        mi = res.minute
    if res.second != UNSET:
        s = res.second
    if res.microsecond != UNSET:
        us = res.microsecond
    if (y < 1 or y > 9999 or mo < 1 or mo > 12 or d < 1
            or d > days_in_month(y, mo) or h > 23 or mi > 59 or s > 59 or us > 999999
            or _datetime_replaced()):
        return build_datetime(res, None, False, None, tables, timestr, f, status)
    status[0] = ST_OK
    if res.tzname_len > 0:
        return _iso_named_zone(res, y, mo, d, h, mi, s, us, tables, timestr, f, status)
    if res.has_tzoffset:
        return datetime_new(y, mo, d, h, mi, s, us,
                            tz_offset(res.tzname, res.tzname_len, res.tzoffset), 0)
    return datetime_new(y, mo, d, h, mi, s, us, None, 0)


cdef object _iso_named_zone(Result* res, int64_t y, int64_t mo, int64_t d, int64_t h,
                            int64_t mi, int64_t s, int64_t us, CompiledTables tables,
                            object timestr, Fields* f, int* status):
    """build_datetime's zone step for the shortcut's "UTC" (offset 0), fold 0:
    the local zone when the name is one of time.tzname, else tz.UTC."""
    cdef LocalZone zone
    local_zone(&zone)
    if zone.names.exotic:
        return build_datetime(res, None, False, None, tables, timestr, f, status)
    if not _is_local_name(res, &zone.names):
        return datetime_new(y, mo, d, h, mi, s, us, tz_utc(), 0)
    if not zone.daylight and _same_name(res, &zone.names, 0):
        # a zone without DST: tzlocal's isdst is 0 at every time, so the
        # name tzlocal gives is time.tzname[0] (what _with_tzlocal finds)
        return datetime_new(y, mo, d, h, mi, s, us, tz_local(), 0)
    f.year, f.month, f.day, f.hour, f.minute, f.second, f.microsecond = y, mo, d, h, mi, s, us
    f.fold = 0
    return _with_tzlocal(res, f, <object>zone.tzname, tables)


cdef inline bint _same_name(const Result* res, const LocalNames* names, int k) noexcept nogil:
    """``res.tzname == time.tzname[k]``."""
    cdef Py_ssize_t i
    if names.len[k] != res.tzname_len:
        return False
    for i in range(res.tzname_len):
        if names.name[k][i] != res.tzname[i]:
            return False
    return True


cdef object build_iso(const IsoFields* iso):
    """The answer for the ISO shortcut's fields, built without a ``Result``:
    what ``build_iso_datetime`` gives for them.  None when it cannot be
    built here (a field out of range, for dateutil's message; a "UTC" whose
    zone depends on the time; datetime.datetime replaced): the caller then
    takes the ``Result`` path."""
    cdef int64_t h = 0, mi = 0, s = 0, us = 0
    cdef int64_t y = iso.year, mo = iso.month, d = iso.day
    if iso.has_time:
        h = iso.hour
        mi = iso.minute
        if iso.time_parts == 3:
            s = iso.second
            us = iso.microsecond
    if (y < 1 or mo < 1 or mo > 12 or d < 1 or d > days_in_month(y, mo) or h > 23
            or mi > 59 or s > 59):
        return None
    if iso.tz_kind == ISO_TZ_NONE:
        tzobj = None
    elif iso.tz_kind == ISO_TZ_OFFSET and iso.tz_seconds != 0:
        # no name: a name length of UNSET is the name None (not read)
        tzobj = tz_offset(NULL, UNSET, iso.tz_seconds)
    else:
        # "Z" or a zero offset: the grammar names it "UTC"
        tzobj = utc_name_zone()
        if tzobj is None:
            return None
    if _datetime_replaced():
        return None
    return datetime_new(y, mo, d, h, mi, s, us, tzobj, 0)
