"""Result building: dateutil's ``_build_naive`` and ``_build_tzaware``.

For the usual ``default`` (an exact ``datetime``) every field, the
default-day clamp to the month's end, the weekday roll-forward and the
time zone are worked out in C, and the answer is built with one
``datetime_new`` call: that datetime is the only allocation of a parse.
The error messages are dateutil's (which are ``datetime.replace``'s,
``calendar.monthrange``'s and ``relativedelta``'s), raised here once.

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
from cpython.ref cimport PyObject, Py_INCREF, Py_XDECREF
cdef extern from "Python.h":
    # NULL with no exception set means "not there" (unlike PyDict_GetItem it
    # does not save and restore the error state on every call)
    PyObject* PyDict_GetItemWithError(object d, object key) except? NULL

from fastdt._grammar cimport Result, UNSET, MAX_TZNAME
from fastdt._tables cimport CompiledInfo
from fastdt._dictversion cimport HAVE_DICT_VERSION, dict_version
from fastdt._calendar cimport days_in_month, ymd_to_ordinal, ordinal_to_ymd
from fastdt._tzcache cimport tz_utc, tz_offset, tz_local, local_zone, LocalZone, zone_generation

import calendar as _calendar
import datetime as _datetime_mod
import time as _time
import _warnings as _warnings_mod
from dateutil import tz as _tz
from dateutil.parser import UnknownTimezoneWarning as _UnknownTimezoneWarning
from dateutil.relativedelta import relativedelta as _relativedelta
from fastdt._messages import (REPLACE_OVERFLOW_C_LONG as _OVERFLOW_C_LONG,
                              REPLACE_OVERFLOW_C_INT as _OVERFLOW_C_INT,
                              DATE_VALUE_OUT_OF_RANGE as _DATE_OVERFLOW)

import_datetime()

cdef extern from "time.h" nogil:
    tm* localtime_r(const time_t* timep, tm* result)

cdef object _time_module = _time
cdef object _datetime_module = _datetime_mod
cdef dict _datetime_module_dict = _datetime_mod.__dict__
cdef object _real_datetime = _datetime_mod.datetime

# datetime.datetime replaced or not, known for one version of the datetime
# module's dict: one compare per parse instead of a dict lookup.
cdef unsigned long long _datetime_dict_version = 0    # 0: never looked
cdef bint _datetime_was_replaced = False


cdef bint _datetime_replaced() except -1:
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
cdef object _ParserError = None     # bound by fastdt._parser at import


def _bind_parser_error(cls):
    global _ParserError
    _ParserError = cls


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




cdef int _raise_error(str message, object timestr) except -1:
    """dateutil's ``six.raise_from(ParserError(str(e) + ": %s", timestr), e)``:
    the ParserError carries datetime's ValueError as its __cause__."""
    raise _ParserError(message + ": %s", timestr) from ValueError(message)


cdef int _raise_bad_month(object month, object timestr) except -1:
    cause = _calendar.IllegalMonthError(month)
    raise _ParserError(str(cause) + ": %s", timestr) from cause


cdef int _check_c_int(int64_t value) except -1:
    """datetime.replace converts each field to a C int first (its messages
    differ by Python version: fastdt._messages takes this one's)."""
    if value == INT64_MAX:
        raise OverflowError(_OVERFLOW_C_LONG)
    if value > INT_MAX:
        raise OverflowError(_OVERFLOW_C_INT)
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


cdef object _build_tzaware_py(object naive, Result* res, object tzinfos, CompiledInfo info):
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
        if aware.tzname() != tzname and tzname in info.info.UTCZONE:
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
# by the name's code points, so a hit builds no str; an entry is replaced
# only once its message exists, so a concurrent reader sees a whole entry.
cdef enum:
    WARN_CACHE_SIZE = 16

cdef struct WarnEntry:
    PyObject* message        # owned reference, NULL when the slot is empty
    Py_ssize_t name_len
    Py_UCS4 name[MAX_TZNAME]

cdef WarnEntry _warn_cache[WARN_CACHE_SIZE]
cdef Py_ssize_t _warn_next = 0
# the C warnings.warn: it takes the message str as is (PyErr_WarnEx would
# decode a char* into a new str on every call); stacklevel 1 as before
cdef object _c_warn = _warnings_mod.warn


cdef object _unknown_tz_message(const Result* res):
    global _warn_next
    cdef Py_ssize_t i, k
    cdef WarnEntry* e
    for i in range(WARN_CACHE_SIZE):
        e = &_warn_cache[i]
        if e.message is not NULL and e.name_len == res.tzname_len:
            for k in range(res.tzname_len):
                if e.name[k] != res.tzname[k]:
                    break
            else:
                return <object>e.message
    message = ("tzname {tzname} identified but not understood.  Pass `tzinfos` "
               "argument in order to correctly return a timezone-aware datetime.  "
               "In a future version, this will raise an exception.").format(
                   tzname=_tzname_str(res))
    e = &_warn_cache[_warn_next]
    _warn_next = (_warn_next + 1) % WARN_CACHE_SIZE
    cdef PyObject* old = e.message
    e.message = NULL
    e.name_len = res.tzname_len
    for k in range(res.tzname_len):
        e.name[k] = res.tzname[k]
    Py_INCREF(message)
    e.message = <PyObject*>message
    Py_XDECREF(old)
    return message


cdef int _warn_unknown(const Result* res) except -1:
    _c_warn(_unknown_tz_message(res), _UnknownTimezoneWarning)
    return 0


cdef int _in_names(const Result* res, object names) except -1:
    """``res.tzname in time.tzname`` (read per call: time.tzset() changes it)."""
    if PyTuple_CheckExact(names):
        for k in range(PyTuple_GET_SIZE(names)):
            if _str_equals(<object>PyTuple_GET_ITEM(names, k), res.tzname, res.tzname_len):
                return 1
        return 0
    return _tzname_str(res) in names


cdef object build_datetime(Result* res, object default, bint ignoretz,
                           object tzinfos, CompiledInfo info, object timestr,
                           object month_value):
    """dateutil's ``_build_naive`` then (unless ignoretz) ``_build_tzaware``."""
    cdef int64_t y, mo, d, h, mi, s, us, last, ordinal
    cdef int dy, dm, dd, fold = 0, present = 0
    cdef object tzobj = None
    cdef PyObject* found = NULL
    cdef bint name_matches
    cdef object tznames
    cdef LocalZone zone

    if default is None and _datetime_replaced():
        # datetime.datetime was replaced (freezegun and friends): dateutil's
        # datetime.datetime.now() sees the replacement, so do what it does.
        default = _datetime_module.datetime.now().replace(hour=0, minute=0, second=0,
                                                         microsecond=0)
    if default is not None and not PyDateTime_CheckExact(default):
        naive = _build_naive_py(res, default, timestr)
        if ignoretz:
            return naive
        return _build_tzaware_py(naive, res, tzinfos, info)

    if default is None:
        if res.year != UNSET and res.month != UNSET and res.day != UNSET:
            # today's date would be overwritten field for field: skip the clock
            dy = dm = dd = 0
        else:
            today(&dy, &dm, &dd)
        y, mo, d, h, mi, s, us = dy, dm, dd, 0, 0, 0, 0
    else:
        y = PyDateTime_GET_YEAR(default)
        mo = PyDateTime_GET_MONTH(default)
        d = PyDateTime_GET_DAY(default)
        h = PyDateTime_DATE_GET_HOUR(default)
        mi = PyDateTime_DATE_GET_MINUTE(default)
        s = PyDateTime_DATE_GET_SECOND(default)
        us = PyDateTime_DATE_GET_MICROSECOND(default)
        fold = PyDateTime_DATE_GET_FOLD(default)
        tzobj = datetime_tzinfo(default)
    if res.year != UNSET:
        y = res.year
    if res.month != UNSET:
        mo = res.month
    if res.day != UNSET:
        d = res.day
    else:
        # a default day past the month's end falls back to the last day
        if mo < 1 or mo > 12:
            _raise_bad_month(month_value if month_value is not None else mo, timestr)
        last = days_in_month(y, mo)
        if d > last:
            d = last
    if res.hour != UNSET:
        h = res.hour
    if res.minute != UNSET:
        mi = res.minute
    if res.second != UNSET:
        s = res.second
    if res.microsecond != UNSET:
        us = res.microsecond
    # datetime.replace: every given field to a C int, then the range checks
    # (the C-int conversion only matters once some field is out of range)
    if (y < 1 or y > 9999 or mo < 1 or mo > 12 or d < 1 or d > 31 or h > 23
            or mi > 59 or s > 59 or us > 999999):
        _check_c_int(y); _check_c_int(mo); _check_c_int(d); _check_c_int(h)
        _check_c_int(mi); _check_c_int(s); _check_c_int(us)
    if y < 1 or y > 9999:
        _raise_error("year %d is out of range" % y, timestr)
    if mo < 1 or mo > 12:
        _raise_error("month must be in 1..12", timestr)
    if d < 1 or d > days_in_month(y, mo):
        _raise_error("day is out of range for month", timestr)
    if h > 23:
        _raise_error("hour must be in 0..23", timestr)
    if mi > 59:
        _raise_error("minute must be in 0..59", timestr)
    if s > 59:
        _raise_error("second must be in 0..59", timestr)
    if us > 999999:
        _raise_error("microsecond must be in 0..999999", timestr)

    if res.weekday != UNSET and res.day == UNSET:
        # + relativedelta(weekday=N): forward to the next such weekday
        if res.weekday > 6:
            raise IndexError("tuple index out of range")
        ordinal = ymd_to_ordinal(y, mo, d)
        ordinal += (res.weekday - (ordinal + 6) % 7 + 7) % 7   # C % keeps the sign
        if ordinal > 3652059:
            raise OverflowError(_DATE_OVERFLOW)
        ordinal_to_ymd(ordinal, &y, &mo, &d)
        fold = 0          # datetime + timedelta does not carry fold

    if ignoretz:
        return datetime_new(y, mo, d, h, mi, s, us, tzobj, fold)

    # _build_tzaware
    if tzinfos is not None:
        if callable(tzinfos):
            present = 1
        elif tzinfos:
            present = _tzinfos_lookup(tzinfos, res, &found)
        if present:
            tzobj = _build_tzinfo_py(tzinfos, res, found, &name_matches)
            if name_matches:
                return datetime_new(y, mo, d, h, mi, s, us, tzobj, fold)
            return _assign_tzname(datetime_new(y, mo, d, h, mi, s, us, tzobj, fold),
                                  _tzname_str(res))
    if res.tzname_len > 0:
        local_zone(&zone)
        tznames = <object>zone.tzname
    if res.tzname_len > 0 and _in_names(res, tznames):
        if PyTuple_CheckExact(tznames) and PyTuple_GET_SIZE(tznames) == 2:
            if not _tzlocal_name_is(y, mo, d, h, mi, s, fold, tznames, res):
                if fold == 0 and _tzlocal_name_is(y, mo, d, h, mi, s, 1, tznames, res):
                    fold = 1
                elif info.name_in_utc_raw(res.tzname, res.tzname_len):
                    return datetime_new(y, mo, d, h, mi, s, us, tz_utc(), fold)
            return datetime_new(y, mo, d, h, mi, s, us, tz_local(), fold)
        naive = datetime_new(y, mo, d, h, mi, s, us, tzobj, fold)
        return _build_tzaware_py(naive, res, None, info)
    if res.has_tzoffset and res.tzoffset == 0:
        return datetime_new(y, mo, d, h, mi, s, us, tz_utc(), fold)
    if res.has_tzoffset:
        return datetime_new(y, mo, d, h, mi, s, us,
                            tz_offset(res.tzname, res.tzname_len, res.tzoffset), fold)
    if res.tzname_len > 0:
        _warn_unknown(res)
    return datetime_new(y, mo, d, h, mi, s, us, tzobj, fold)


cdef object build_iso_datetime(Result* res, CompiledInfo info, object timestr):
    """``build_datetime(res, None, False, None, ...)`` for a ``Result`` of the
    ISO shortcut (the whole date given; no weekday): a naive or fixed-offset
    answer in range is built here directly; anything else (a zone name, which
    may be the local zone's; a field out of range, for dateutil's message;
    datetime.datetime replaced) goes to ``build_datetime``."""
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
    if (res.tzname_len > 0 or y < 1 or y > 9999 or mo < 1 or mo > 12 or d < 1
            or d > days_in_month(y, mo) or h > 23 or mi > 59 or s > 59 or us > 999999
            or _datetime_replaced()):
        return build_datetime(res, None, False, None, info, timestr, None)
    if res.has_tzoffset:
        return datetime_new(y, mo, d, h, mi, s, us,
                            tz_offset(res.tzname, res.tzname_len, res.tzoffset), 0)
    return datetime_new(y, mo, d, h, mi, s, us, None, 0)
