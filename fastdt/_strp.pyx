"""``fastdt.strptime``: ``datetime.datetime.strptime`` with a compiled format.

CPython's ``_strptime`` turns a format into a regular expression (one group
per directive, ``re.IGNORECASE``, a run of whitespace in the format becomes
``\\s+``), runs ``re.match`` on the string, then turns the groups into a
datetime.  Here a format is compiled once into items (``Item``, the struct
of ``parse_array``'s learned templates, fastdt/_template.pxd) and matched in
C, exactly as that regex matches:

* each item offers the ends of the text it could match, in the order the
  regex tries them: a numeric directive its alternatives (``%d`` is
  ``3[0-1]|[1-2]\\d|0[1-9]|[1-9]| [1-9]``: two digits, then one, then a space
  and a digit), a name directive the locale's names longest first
  (``__seqToRE``'s order), whitespace the longest run first (greedy), ``%z``
  its optional parts present first;
* the match is the first combination, depth first in that order, that gets
  through every item: Python's ``re`` is a backtracking matcher, so that is
  the match it returns.  The end of the string need not be reached (no
  ``$``): the rest is "unconverted data remains".

Only ASCII strings are matched here (``\\d``, ``\\s`` and case folding are
Unicode in CPython's regex); only the directives whose meaning is the
groups' values alone are compiled (``%d %m %y %Y %H %I %p %M %S %f %z %a %A
%b %B %%``).  Everything else is answered by CPython's own
``_strptime._strptime_datetime`` (saved at import, so patching it does not
loop): the week and day-of-year directives, ``%Z``, ``%c %x %X``, bad
formats, names that are not ASCII in the current locale, str subclasses,
and the errors only CPython's code words (a day out of range, second 60,
an offset of a day).  No message is made up here but CPython's two regex
ones, "time data %r does not match format %r" and "unconverted data
remains: %s", which tests/test_strptime.py compares with CPython's.

A successful call allocates one object, the datetime: the compiled format
comes from a dict, the locale check is C's ``setlocale(LC_TIME, NULL)``,
and a ``%z`` zone of whole minutes is a ``datetime.timezone`` made once per
offset.
"""
import sys
import os
import time as _time
import datetime as _datetime_module
import _strptime

from fastdt._warnings import warn_skipping

from libc.string cimport strcmp, memcpy
from libc.locale cimport setlocale, LC_TIME
from cpython.datetime cimport import_datetime, datetime_new
from cpython.ref cimport PyObject, Py_INCREF
from cpython.object cimport PyTypeObject
from cpython.dict cimport PyDict_GetItem
from cpython.unicode cimport PyUnicode_GET_LENGTH

from fastdt._tokenizer cimport ASCII_CASE_BIT, C_ZERO, C_SPACE, C_PLUS, C_MINUS, C_COLON, C_DOT
from fastdt._template cimport (Item, MAX_ITEMS, IT_LIT, IT_DIGITS, IT_NAME, IT_SPACE, IT_ZONE,
                               TG_NONE, TG_YEAR, TG_YEAR2, TG_MONTH, TG_DAY, TG_HOUR,
                               TG_HOUR12, TG_MINUTE, TG_SECOND, TG_USEC, TG_WEEKDAY,
                               TG_AMPM, TG_ZONE)
from libc.stdint cimport int64_t
from fastdt._calendar cimport days_in_month, ymd_to_ordinal
from fastdt._grammar cimport adjust_ampm
from fastdt._status cimport ST_OK, ST_STRP_NO_MATCH, ST_STRP_UNCONVERTED, ST_STRP_CPYTHON

cdef extern from "Python.h":
    bint PyUnicode_IS_ASCII(object s)
    # time.struct_time made in place: no tuple to copy it from
    object PyStructSequence_New(PyTypeObject* type)
    void PyStructSequence_SetItem(object p, Py_ssize_t pos, PyObject* o)   # steals o
    const char* PyUnicode_DATA_CHARS "PyUnicode_DATA" (object s)

import_datetime()

cdef enum:
    STEP_BUDGET = 20000       # candidate tries per match; past it CPython decides
                              # (a format such as "%f%f%f%f" on long digit runs is
                              # exponential for any backtracking matcher)
    UPPER_Z = 90
    C_LOWER_A = 97
    MINUTES_PER_DAY = 1440

# The stdlib's own, before anyone patches it (fastdt.strptime falls back to it)
_cpython_strptime_datetime = _strptime._strptime_datetime
_cpython_strptime = _strptime._strptime
_cpython_strptime_time = _strptime._strptime_time
_struct_time = _time.struct_time
_datetime = _datetime_module.datetime
_timezone = _datetime_module.timezone
_timedelta = _datetime_module.timedelta


# --- matching (no GIL, no allocation) ----------------------------------------------

cdef inline bint _is_digit(unsigned int c) noexcept nogil:
    return c - C_ZERO < 10


cdef inline bint _digit_upto(unsigned int c, unsigned int top) noexcept nogil:
    """An ASCII digit whose value is at most ``top`` (``[0-5]``, ``[1-9]``...)."""
    return c - C_ZERO <= top


cdef inline unsigned int _fold(unsigned int c) noexcept nogil:
    """ASCII case folding: re.IGNORECASE on ASCII text."""
    return c | ASCII_CASE_BIT if (c | ASCII_CASE_BIT) - C_LOWER_A < 26 else c


cdef inline bint _is_space(unsigned int c) noexcept nogil:
    """``\\s`` of a str regex, on ASCII: str.isspace() (\\t-\\r, \\x1c-\\x1f, ' ')."""
    return c == C_SPACE or 9 <= c <= 13 or 28 <= c <= 31


cdef bint _digit_range(unsigned int directive, int width, int* lo, int* hi) noexcept nogil:
    """Whether ``directive``'s regex has alternatives of ``width`` digits, and
    the values they take (each directive's are one contiguous range per width:
    ``%m`` is ``1[0-2]|0[1-9]|[1-9]``, 01-12 then 1-9)."""
    lo[0] = 0
    hi[0] = 9
    if directive == c'f':
        # the item's width (6, or 9 for strp_compiled(format, True)) caps it
        hi[0] = 999999999
        return 1 <= width <= 9
    if directive == c'Y':
        hi[0] = 9999
        return width == 4
    if directive == c'y':
        hi[0] = 99
        return width == 2
    if width == 1:
        if directive == c'd' or directive == c'm' or directive == c'I':
            lo[0] = 1
        return True
    if width != 2:
        return False
    if directive == c'd':
        lo[0] = 1
        hi[0] = 31
    elif directive == c'm' or directive == c'I':
        lo[0] = 1
        hi[0] = 12
    elif directive == c'H':
        hi[0] = 23
    elif directive == c'M':
        hi[0] = 59
    elif directive == c'S':
        hi[0] = 61
    else:
        return False
    return True


cdef inline int _read(const unsigned char* s, Py_ssize_t pos, Py_ssize_t end) noexcept nogil:
    cdef int v = 0
    while pos < end:
        v = v * 10 + <int>(s[pos] - C_ZERO)
        pos += 1
    return v


cdef bint _name_at(const NameList* lst, int j, const unsigned char* s, Py_ssize_t n,
                   Py_ssize_t pos) noexcept nogil:
    cdef int k, length = lst.length[j]
    if pos + length > n:
        return False
    for k in range(length):
        if _fold(s[pos + k]) != lst.text[j][k]:      # the text is stored folded
            return False
    return True


cdef Py_ssize_t _zone_end(const unsigned char* s, Py_ssize_t n, Py_ssize_t pos,
                          Py_ssize_t limit) noexcept nogil:
    """%z, ``[+-]\\d\\d:?[0-5]\\d(:?[0-5]\\d(\\.\\d{1,6})?)?|(?-i:Z)``: its
    longest match ending before ``limit``, or -1.  The optional parts are
    greedy, so the regex tries the ends longest first; each ``:?`` stands
    before a digit class, so it takes the colon whenever there is one (the
    other way cannot go on)."""
    cdef Py_ssize_t p, q, base_end, sec_end, frac_end
    if pos < n and s[pos] == UPPER_Z:
        return pos + 1 if pos + 1 < limit else -1
    if pos >= n or (s[pos] != C_PLUS and s[pos] != C_MINUS):
        return -1
    p = pos + 1
    if p + 2 > n or not _is_digit(s[p]) or not _is_digit(s[p + 1]):
        return -1
    p += 2
    if p < n and s[p] == C_COLON:
        p += 1
    if p + 2 > n or not _digit_upto(s[p], 5) or not _is_digit(s[p + 1]):
        return -1
    base_end = p + 2
    q = base_end
    if q < n and s[q] == C_COLON:
        q += 1
    if q + 2 <= n and _digit_upto(s[q], 5) and _is_digit(s[q + 1]):
        sec_end = q + 2
        if sec_end < n and s[sec_end] == C_DOT:
            # \.\d{1,6}, greedy: the most digits that end before limit
            frac_end = sec_end + 1
            while frac_end - sec_end <= 6 and frac_end < n and _is_digit(s[frac_end]):
                frac_end += 1
            frac_end = min(frac_end, limit - 1)
            if frac_end >= sec_end + 2:
                return frac_end
        if sec_end < limit:
            return sec_end
    return base_end if base_end < limit else -1


cdef Py_ssize_t _next_end(const Item* it, const Names* names, const unsigned char* s,
                          Py_ssize_t n, Py_ssize_t pos, Py_ssize_t limit,
                          int* value) noexcept nogil:
    """The end of the next text ``it`` can match at ``pos``, in the order the
    regex tries them: the first that ends before ``limit`` (n + 1 for the
    first try), or -1.  Every item's alternatives end earlier one after the
    other (longest first), so "before the last one tried" walks them in
    order: numeric directives' longer alternatives come first (``%d`` is
    ``3[0-1]|[1-2]\\d|0[1-9]|[1-9]| [1-9]``), names longest first (__seqToRE's
    sort; names of one length that both match are the same text), \\s+ is
    greedy.  ``value``: a number's value, or the name's (list.index), read
    on the way."""
    cdef Py_ssize_t run = 0, top
    cdef int w, j, lo, hi, v
    cdef unsigned int first
    cdef const NameList* lst
    if it.kind == IT_DIGITS:
        top = min(<Py_ssize_t>it.width, limit - 1 - pos)
        while run < top and pos + run < n and _is_digit(s[pos + run]):
            run += 1
        for w in range(<int>run, 0, -1):
            if _digit_range(it.ch, w, &lo, &hi):
                v = _read(s, pos, pos + w)
                if lo <= v <= hi:
                    value[0] = v
                    return pos + w
        # %d's last alternative, " [1-9]" (for %c's space-padded day)
        if (it.ch == c'd' and pos + 2 < limit and pos + 1 < n and s[pos] == C_SPACE
                and _digit_upto(s[pos + 1], 9) and s[pos + 1] != C_ZERO):
            value[0] = s[pos + 1] - C_ZERO         # int(" 5")
            return pos + 2
        return -1
    if it.kind == IT_SPACE:
        top = limit - 1 - pos
        while run < top and pos + run < n and _is_space(s[pos + run]):
            run += 1
        return pos + run if run > 0 else -1
    if it.kind == IT_NAME:
        lst = &names.lists[it.role]
        first = _fold(s[pos]) if pos < n else 0
        for j in range(lst.n):
            # the first letter before the rest (an empty name matches anywhere)
            if (pos + lst.length[j] < limit
                    and (lst.length[j] == 0 or lst.text[j][0] == first)
                    and _name_at(lst, j, s, n, pos)):
                value[0] = lst.value[j]
                return pos + lst.length[j]
        return -1
    if it.kind == IT_ZONE:
        return _zone_end(s, n, pos, limit)
    if pos < n and pos + 1 < limit and _fold(s[pos]) == it.ch:     # IT_LIT
        return pos + 1
    return -1


cdef bint _search(const StrpProgram* prog, const Names* names, const unsigned char* s,
                  Py_ssize_t n, int k, Py_ssize_t pos, Py_ssize_t* chosen, int* values,
                  int* budget) noexcept nogil:
    """Depth first through the items' alternatives: the first way through is
    the regex's match (``chosen[k]``: where item k ended).  A literal has
    one way and is taken in this frame; an item with alternatives recurses
    for each, so that a failure further on comes back to it."""
    cdef Py_ssize_t end, limit
    cdef const Item* it = NULL
    while k < prog.n_items:
        it = &prog.items[k]
        if it.kind == IT_LIT:
            if pos < n and _fold(s[pos]) == it.ch:     # ch is stored folded
                pos += 1
                chosen[k] = pos
                k += 1
                continue
            return False
        if not it.lo:
            break
        # committed (_commit): its first way is the only one that can go on
        budget[0] -= 1
        end = _next_end(it, names, s, n, pos, n + 1, &values[k])
        if end < 0 or budget[0] < 0:
            return False
        pos = chosen[k] = end
        k += 1
    if k == prog.n_items:
        return True
    limit = n + 1
    while True:
        budget[0] -= 1
        if budget[0] < 0:
            return False
        end = _next_end(it, names, s, n, pos, limit, &values[k])
        if end < 0:
            return False
        chosen[k] = end
        if _search(prog, names, s, n, k + 1, end, chosen, values, budget):
            return True
        limit = end


cdef int _zone(const unsigned char* s, Py_ssize_t start, Py_ssize_t end,
               StrpFields* out) noexcept nogil:
    """_strptime's %z arithmetic on a matched offset."""
    cdef Py_ssize_t p = start + 3, q
    cdef bint colon1 = False, colon2 = False
    cdef int hours, minutes, seconds = 0, fraction = 0, digits = 0, total
    out.has_offset = True
    if end - start == 1:                      # "Z"
        out.offset_seconds = out.offset_microseconds = 0
        return ST_OK
    hours = _read(s, start + 1, start + 3)
    if s[p] == C_COLON:
        colon1 = True
        p += 1
    minutes = _read(s, p, p + 2)
    q = p + 2
    if q < end:
        if s[q] == C_COLON:
            colon2 = True
            q += 1
        if colon1 != colon2:
            # "+01:3000": "Inconsistent use of : in ..."; "+0130:00":
            # int(':0') fails.  CPython's own words for both.
            return ST_STRP_CPYTHON
        seconds = _read(s, q, q + 2)
        q += 3                                # past the seconds and the '.'
        while q < end:
            fraction = fraction * 10 + <int>(s[q] - C_ZERO)
            digits += 1
            q += 1
        while digits < 6:
            fraction *= 10
            digits += 1
    total = hours * 3600 + minutes * 60 + seconds
    if total >= MINUTES_PER_DAY * 60:
        return ST_STRP_CPYTHON                # timezone() refuses a day or more
    out.offset_seconds = -total if s[start] == C_MINUS else total
    out.offset_microseconds = -fraction if s[start] == C_MINUS else fraction
    return ST_OK


cdef int strp_match(const StrpProgram* prog, const Names* names, const unsigned char* s,
                    Py_ssize_t n, StrpFields* out) noexcept nogil:
    """Match ``s`` (ASCII) and turn the groups into fields as ``_strptime``
    does, in the format's order (later directives overwrite earlier ones)."""
    cdef Py_ssize_t chosen[MAX_ITEMS]
    cdef int values[MAX_ITEMS]        # what item k read, on the way the match took
    cdef Py_ssize_t start
    cdef int budget = STEP_BUDGET, k, j, v, ampm = -1, status
    cdef bint year_set = False, leap_fix
    cdef const Item* it
    if not _search(prog, names, s, n, 0, 0, chosen, values, &budget):
        return ST_STRP_CPYTHON if budget < 0 else ST_STRP_NO_MATCH
    out.end = chosen[prog.n_items - 1] if prog.n_items > 0 else 0
    if out.end != n:
        return ST_STRP_UNCONVERTED
    out.year = 1900
    out.month = out.day = 1
    out.hour = out.minute = out.second = out.microsecond = 0
    out.fraction_digits = 0
    out.nanosecond = 0
    out.weekday = -1
    out.has_offset = False
    out.offset_seconds = out.offset_microseconds = 0
    # %I reads %p wherever it is (found_dict.get('p'))
    if prog.ampm_item >= 0:
        ampm = values[prog.ampm_item]
    for k in range(prog.n_items):
        it = &prog.items[k]
        if it.target == TG_NONE or it.target == TG_AMPM:
            continue
        start = chosen[k - 1] if k > 0 else 0
        if it.target == TG_ZONE:
            status = _zone(s, start, chosen[k], out)
            if status != ST_OK:
                return status
            continue
        v = values[k]
        if it.target == TG_YEAR:
            out.year = v
            year_set = True
        elif it.target == TG_YEAR2:
            out.year = v + (2000 if v <= 68 else 1900)
            year_set = True
        elif it.target == TG_MONTH:
            out.month = v
        elif it.target == TG_DAY:
            out.day = v
        elif it.target == TG_HOUR:
            out.hour = v
        elif it.target == TG_HOUR12:
            # %I is 1-12 here; no %p reads as AM, as in _strptime
            out.hour = <int>adjust_ampm(v, 1 if ampm == 1 else 0)
        elif it.target == TG_WEEKDAY:
            out.weekday = v
        elif it.target == TG_MINUTE:
            out.minute = v
        elif it.target == TG_SECOND:
            out.second = v
        elif it.target == TG_USEC:
            # "5" is 500000 (_strptime pads to six digits); digits 7-9 only
            # in a program of strp_compiled(format, True)
            out.fraction_digits = <int>(chosen[k] - start)
            for j in range(out.fraction_digits, 9):
                v *= 10
            out.microsecond = v // 1000
            out.nanosecond = v % 1000
    # date(year, month, day) in _strptime (Feb 29 without a year: 1904 for
    # that check, then 1900 for the datetime, which refuses it), second 60
    # and 61 in datetime(): CPython's messages
    leap_fix = not year_set and out.month == 2 and out.day == 29
    if out.year < 1 or out.day > days_in_month(1904 if leap_fix else out.year, out.month):
        return ST_STRP_CPYTHON
    if leap_fix or out.second > 59:
        return ST_STRP_CPYTHON
    return ST_OK


# --- the locale's names ----------------------------------------------------------

cdef class LocaleNames:
    """The names _strptime reads in the locale current when this was built
    (its cached ``LocaleTime``, or a new one, as its cache makes when the
    locale changes)."""
    cdef Names names
    cdef bytes locale_c           # setlocale(LC_TIME, NULL) when built
    cdef object lang              # _strptime._getlang() then (its caches' key)

    cdef void fill(self, int which, names, values):
        cdef NameList* lst = &self.names.lists[which]
        cdef int j, k
        order = sorted(range(len(names)), key=lambda j: len(names[j]), reverse=True)
        lst.n = len(names)
        lst.fast = (0 < lst.n <= MAX_NAMES and any(names)
                    and all(name.isascii() and len(name) < MAX_NAME_LEN for name in names))
        if not lst.fast:
            lst.n = 0
            return
        for j in range(lst.n):
            name = names[order[j]].encode("ascii")
            lst.length[j] = len(name)
            lst.value[j] = values[order[j]]
            for k in range(len(name)):
                lst.text[j][k] = _fold(name[k])


cdef LocaleNames _names = None


cdef LocaleNames _build_names(bytes locale_c):
    # _strptime's own LocaleTime when it is for this locale (no second
    # time.tzset(), which LocaleTime() calls), else a new one, as _strptime's
    # cache makes when the locale changed
    lt = _strptime._TimeRE_cache.locale_time
    if lt.lang != _strptime._getlang():
        lt = _strptime.LocaleTime()
    made = LocaleNames()
    made.locale_c = locale_c
    made.lang = lt.lang
    made.fill(NL_A_WEEKDAY, lt.a_weekday, [lt.a_weekday.index(x) for x in lt.a_weekday])
    made.fill(NL_F_WEEKDAY, lt.f_weekday, [lt.f_weekday.index(x) for x in lt.f_weekday])
    made.fill(NL_A_MONTH, lt.a_month[1:], [lt.a_month.index(x) for x in lt.a_month[1:]])
    made.fill(NL_F_MONTH, lt.f_month[1:], [lt.f_month.index(x) for x in lt.f_month[1:]])
    # %p: "" or am_pm[0] take the AM branch of %I, am_pm[1] the PM one
    made.fill(NL_AMPM, lt.am_pm, [0 if x in ("", lt.am_pm[0]) else 1 for x in lt.am_pm])
    return made


cdef LocaleNames _current_names():
    """The names for the current LC_TIME, rebuilt when it changed (C's own
    string for it: locale.getlocale() reads the same one, and reading it
    allocates nothing)."""
    global _names
    cdef const char* cur = setlocale(LC_TIME, NULL)
    if cur == NULL:
        return None
    if _names is not None and strcmp(cur, _names.locale_c) == 0:
        return _names
    _names = _build_names(<bytes>cur)
    return _names


# --- formats ---------------------------------------------------------------------

cdef class StrpFormat:
    """One compiled format: its items (C), shared read-only by every call."""
    cdef StrpProgram prog
    cdef StrpFormat ns            # the same with %f up to 9 digits (strp_compiled)


# What each directive compiles to: kind, target, name list, most digits
_DIRECTIVES = {
    "d": (IT_DIGITS, TG_DAY, 0, 2), "m": (IT_DIGITS, TG_MONTH, 0, 2),
    "y": (IT_DIGITS, TG_YEAR2, 0, 2), "Y": (IT_DIGITS, TG_YEAR, 0, 4),
    "H": (IT_DIGITS, TG_HOUR, 0, 2), "I": (IT_DIGITS, TG_HOUR12, 0, 2),
    "M": (IT_DIGITS, TG_MINUTE, 0, 2), "S": (IT_DIGITS, TG_SECOND, 0, 2),
    "f": (IT_DIGITS, TG_USEC, 0, 6), "z": (IT_ZONE, TG_ZONE, 0, 0),
    "a": (IT_NAME, TG_WEEKDAY, NL_A_WEEKDAY, 0), "A": (IT_NAME, TG_WEEKDAY, NL_F_WEEKDAY, 0),
    "b": (IT_NAME, TG_MONTH, NL_A_MONTH, 0), "B": (IT_NAME, TG_MONTH, NL_F_MONTH, 0),
    "p": (IT_NAME, TG_AMPM, NL_AMPM, 0),
}

CACHE_SIZE = 256
# format -> StrpFormat, or None for a format CPython answers
cdef dict _cache = {}

_DAY_WITHOUT_YEAR = """\
Parsing dates involving a day of month without a year specified is ambiguious
and fails to parse leap day. The default behavior will change in Python 3.15
to either always raise an exception or to use a different default year (TBD).
To avoid trouble, add a specific year to the input & format.
See https://github.com/python/cpython/issues/70647."""
_WARN_DAY_WITHOUT_YEAR = sys.version_info >= (3, 13)
_SKIP_PREFIXES = (os.path.dirname(_strptime.__file__), os.path.dirname(__file__))


cdef bint _add(StrpProgram* prog, int kind, int target, int role, int width,
               Py_UCS4 ch):
    cdef Item* it
    if prog.n_items == MAX_ITEMS:
        return False
    it = &prog.items[prog.n_items]
    it.kind = kind
    it.target = target
    it.role = role
    it.width = width
    it.ch = ch
    it.lo = it.hi = 0
    prog.n_items += 1
    return True


cdef void _commit(StrpProgram* prog) noexcept:
    """Mark the items whose first way through is the only one that can go on
    (``Item.lo``), so that the search takes them without keeping a way back:
    the last item (any way ends the match); ``%Y``, ``%y`` (one width); a
    digit or whitespace run followed by an item that cannot start inside the
    run (every shorter way ends inside it).  Names are never committed: a
    locale's names may be prefixes of each other and hold any character."""
    cdef int k
    cdef Item* it
    cdef const Item* nxt
    for k in range(prog.n_items):
        it = &prog.items[k]
        it.lo = 0
        if it.kind == IT_LIT:
            continue
        if k == prog.n_items - 1 or (it.kind == IT_DIGITS and (it.ch == c'Y' or it.ch == c'y')):
            it.lo = 1
            continue
        nxt = &prog.items[k + 1]
        if it.kind == IT_DIGITS:
            # a shorter way ends on a digit: what comes next cannot start there
            it.lo = ((nxt.kind == IT_LIT and not _is_digit(nxt.ch))
                     or nxt.kind == IT_SPACE or nxt.kind == IT_ZONE)
        elif it.kind == IT_SPACE:
            # a shorter way ends on whitespace (which only %d's " [1-9]" reads)
            it.lo = ((nxt.kind == IT_LIT and not _is_space(nxt.ch))
                     or (nxt.kind == IT_DIGITS and nxt.ch != c'd') or nxt.kind == IT_ZONE)


cdef object _compile(str format, bint warn):
    """A StrpFormat for ``format``, or None if CPython must answer it (what
    TimeRE.pattern would make of it, directive by directive)."""
    cdef StrpFormat made = StrpFormat()
    cdef StrpProgram* prog = &made.prog
    cdef Py_ssize_t i = 0, n = len(format)
    prog.n_items = 0
    prog.lists_used = 0
    prog.ampm_item = -1
    seen = set()
    if not format.isascii():
        return None
    while i < n:
        c = format[i]
        if c.isspace():
            while i < n and format[i].isspace():
                i += 1
            if not _add(prog, IT_SPACE, TG_NONE, 0, 0, 0):
                return None
            continue
        if c != "%":
            # re.IGNORECASE: the matcher compares folded characters
            if not _add(prog, IT_LIT, TG_NONE, 0, 1, _fold(ord(c))):
                return None
            i += 1
            continue
        if i + 1 == n:
            return None                   # "stray %": CPython says so
        d = format[i + 1]
        i += 2
        if d == "%":
            if not _add(prog, IT_LIT, TG_NONE, 0, 1, ord("%")):
                return None
            continue
        spec = _DIRECTIVES.get(d)
        if spec is None or d in seen:
            return None                   # other directives, bad ones, a group twice
        seen.add(d)
        kind, target, role, width = spec
        if kind == IT_NAME:
            prog.lists_used |= 1 << role
        if target == TG_AMPM:
            prog.ampm_item = prog.n_items
        if not _add(prog, kind, target, role, width, ord(d)):
            return None
    _commit(prog)
    if warn and _WARN_DAY_WITHOUT_YEAR and "d" in seen and not seen & {"Y", "y"}:
        # 3.13's TimeRE.pattern warns as it compiles the format
        warn_skipping(_DAY_WITHOUT_YEAR, DeprecationWarning, _SKIP_PREFIXES)
    return made


cdef object _lookup(str format, bint warn=True):
    # a borrowed look-up, no default object per call (an exact str key:
    # its hash and comparison cannot fail)
    cdef PyObject* found = PyDict_GetItem(_cache, format)
    if found != NULL:
        return <object>found
    made = _compile(format, warn)
    # the entry is whole before it is stored (a MemoryError above stores
    # nothing); a full cache starts again, as _strptime's does
    if len(_cache) >= CACHE_SIZE:
        _cache.clear()
    _cache[format] = made
    return made


cdef object strp_compiled(str format, bint ns):
    """The cached StrpFormat of ``format`` (None: CPython answers it), as
    ``strptime`` looks it up; with ``ns`` its variant whose %f takes up to
    nine digits (``pandas.to_datetime(format=)``'s %f), made once and kept on
    the entry."""
    cdef StrpFormat base, made
    cdef int k
    found = _lookup(format)
    if found is None or not ns:
        return found
    base = <StrpFormat>found
    if base.ns is None:
        made = StrpFormat()
        made.prog = base.prog          # a struct copy: the items are plain C
        for k in range(made.prog.n_items):
            if made.prog.items[k].target == TG_USEC:
                made.prog.items[k].width = 9
        base.ns = made                 # whole before it is stored
    return base.ns


cdef const StrpProgram* strp_program(object compiled):
    return &(<StrpFormat>compiled).prog


cdef object strp_names_for(object compiled):
    """The current locale's LocaleNames, or None when ``compiled`` reads a
    name list that is not on the C path (as _compiled_match decides)."""
    cdef StrpFormat f = <StrpFormat>compiled
    cdef LocaleNames names
    cdef int k
    if not f.prog.lists_used:
        return None
    names = _current_names()
    if names is None:
        return None
    for k in range(N_LISTS):
        if f.prog.lists_used & (1 << k) and not names.names.lists[k].fast:
            return None
    return names


cdef const Names* strp_names_table(object names):
    return &(<LocaleNames>names).names


def _cache_len():
    """Test aid: how many formats the cache holds."""
    return len(_cache)


def _forget(format):
    """Test aid: drop ``format`` from the cache (it is compiled again)."""
    _cache.pop(format, None)


# %z zones of whole minutes, made once each (index: minutes + 1439)
cdef PyObject* _zones[2 * MINUTES_PER_DAY - 1]


cdef object _tzinfo(const StrpFields* f):
    cdef int index
    cdef object tz
    if f.offset_microseconds == 0 and f.offset_seconds % 60 == 0:
        index = f.offset_seconds // 60 + MINUTES_PER_DAY - 1
        if _zones[index] == NULL:
            tz = _timezone(_timedelta(seconds=f.offset_seconds))
            Py_INCREF(tz)
            _zones[index] = <PyObject*>tz
        return <object>_zones[index]
    return _timezone(_timedelta(seconds=f.offset_seconds,
                                microseconds=f.offset_microseconds))


cdef enum:
    # _compiled_match's answers besides the matcher's own statuses
    NOT_COMPILED = -2         # the format or the string is CPython's (see the docstring)


cdef int _compiled_match(object date_string, object format, StrpFields* f,
                         bint warn=True) except -1:
    """The compiled matcher on exact str arguments: ST_OK (``f`` filled),
    ST_STRP_CPYTHON or NOT_COMPILED (CPython answers); the two regex errors
    are raised here, the one place they are."""
    cdef LocaleNames names = None
    cdef const Names* table = NULL
    cdef StrpFormat compiled
    cdef int status, k
    if type(date_string) is not str or type(format) is not str:
        return NOT_COMPILED
    found = _lookup(<str>format, warn)
    if found is None:
        return NOT_COMPILED
    compiled = <StrpFormat>found
    if compiled.prog.lists_used:
        names = _current_names()
        if names is None:
            return NOT_COMPILED
        for k in range(N_LISTS):
            if compiled.prog.lists_used & (1 << k) and not names.names.lists[k].fast:
                return NOT_COMPILED
        table = &names.names
    if not PyUnicode_IS_ASCII(date_string):
        return NOT_COMPILED
    status = strp_match(&compiled.prog, table,
                        <const unsigned char*>PyUnicode_DATA_CHARS(date_string),
                        PyUnicode_GET_LENGTH(date_string), f)
    if status == ST_STRP_NO_MATCH:
        raise ValueError("time data %r does not match format %r" % (date_string, format))
    if status == ST_STRP_UNCONVERTED:
        raise ValueError("unconverted data remains: %s" % date_string[f.end:])
    return status


def strptime(date_string, format, /):
    """Read ``date_string`` as ``format`` says: CPython's
    ``datetime.datetime.strptime(date_string, format)``, same value, same
    tzinfo (a ``datetime.timezone`` for ``%z``), same exceptions and
    messages, on this Python.

    The format is compiled once and cached; the log-style formats (numeric
    directives, ``%b %B %a %A %p %z``, literal text, whitespace) run in C,
    the rest (``%j %U %W %w %u %G %V %Z %c %x %X``, non-ASCII strings, names
    that are not ASCII in the current locale) on CPython's own ``_strptime``.

    :param date_string: the text to read (a ``str``).
    :param format: a ``datetime.strptime`` format, e.g. ``"%Y-%m-%d %H:%M:%S"``.
    :returns: a ``datetime.datetime``.
    :raises ValueError: where ``datetime.strptime`` raises it: the string
        does not match, "unconverted data remains", a day out of range, a
        bad directive.
    :raises TypeError: an argument is not a ``str``.
    """
    cdef StrpFields f
    if _compiled_match(date_string, format, &f) == ST_OK:
        return datetime_new(f.year, f.month, f.day, f.hour, f.minute, f.second,
                            f.microsecond, _tzinfo(&f) if f.has_offset else None)
    if not isinstance(date_string, str) or not isinstance(format, str):
        return _datetime.strptime(date_string, format)      # its TypeError
    return _cpython_strptime_datetime(_datetime, date_string, format)


def _strptime_datetime(cls, data_string, format="%a %b %d %H:%M:%S %Y"):
    """A stand-in for ``_strptime._strptime_datetime(cls, data_string, format)``
    (what ``datetime.strptime`` and a subclass's ``cls.strptime`` call; the
    seam ``fastdt.patch_strptime()`` replaces): a compiled match builds
    ``cls`` as CPython's does, anything else is CPython's own."""
    cdef StrpFields f
    if cls is _datetime:
        return strptime(data_string, format)
    if _compiled_match(data_string, format, &f) == ST_OK:
        # a subclass: what CPython's code calls, cls(*tt[:6], fraction[, tz])
        if f.has_offset:
            return cls(f.year, f.month, f.day, f.hour, f.minute, f.second,
                       f.microsecond, _tzinfo(&f))
        return cls(f.year, f.month, f.day, f.hour, f.minute, f.second, f.microsecond)
    return _cpython_strptime_datetime(cls, data_string, format)


def _keep_cpython_caches(format):
    """``_strptime._strptime``'s own cache step, for code that looks at its
    private caches (CPython's CacheTests do): the TimeRE rebuilt when the
    locale or the zone changed, the regex cache emptied past 5 entries and
    given this format's regex (compiled by CPython, which also issues 3.13's
    warning).  False if compiling fails: CPython then raises its error."""
    with _strptime._cache_lock:
        locale_time = _strptime._TimeRE_cache.locale_time
        if (_strptime._getlang() != locale_time.lang or
                _time.tzname != locale_time.tzname or _time.daylight != locale_time.daylight):
            _strptime._TimeRE_cache = _strptime.TimeRE()
            _strptime._regex_cache.clear()
        if len(_strptime._regex_cache) > _strptime._CACHE_MAX_SIZE:
            _strptime._regex_cache.clear()
        if not _strptime._regex_cache.get(format):
            try:
                _strptime._regex_cache[format] = _strptime._TimeRE_cache.compile(format)
            except Exception:
                return False
    return True


def _strptime_tuple(data_string, format="%a %b %d %H:%M:%S %Y"):
    """A stand-in for ``_strptime._strptime(data_string, format)``, the core
    that ``time.strptime`` and ``_strptime_datetime`` call: the same
    ``((year, month, day, hour, minute, second, weekday, julian, tz, tzname,
    gmtoff), fraction, gmtoff_fraction)`` from the compiled matcher, else
    CPython's own.  (CPython's Lib/test/test_strptime.py calls this core and
    ``time.strptime``, never ``datetime.strptime``: it runs on fastdt
    through this.)"""
    cdef StrpFields f
    cdef int64_t ordinal
    if type(data_string) is not str or type(format) is not str:
        return _cpython_strptime(data_string, format)
    if not _keep_cpython_caches(format):
        return _cpython_strptime(data_string, format)
    if _compiled_match(data_string, format, &f, False) != ST_OK:
        return _cpython_strptime(data_string, format)
    ordinal = ymd_to_ordinal(f.year, f.month, f.day)
    return ((f.year, f.month, f.day, f.hour, f.minute, f.second,
             f.weekday if f.weekday >= 0 else <int>((ordinal - 1) % 7),
             <int>(ordinal - ymd_to_ordinal(f.year, 1, 1) + 1), -1, None,
             f.offset_seconds if f.has_offset else None),
            f.microsecond, f.offset_microseconds)


def _match_status(date_string, format):
    """Test aid: what the compiled matcher alone says, without CPython's
    fallback: None (not compiled: the format, a non-ASCII string, names that
    are not ASCII), or ``(verdict, fields)``, verdict "ok", "no_match",
    "unconverted" or "cpython"."""
    cdef StrpFields f
    cdef int status
    try:
        status = _compiled_match(date_string, format, &f)
    except ValueError as exc:
        return ("no_match" if str(exc).startswith("time data ") else "unconverted"), None
    if status == NOT_COMPILED:
        return None
    if status == ST_OK:
        return "ok", (f.year, f.month, f.day, f.hour, f.minute, f.second, f.microsecond,
                      (f.offset_seconds, f.offset_microseconds) if f.has_offset else None)
    return "cpython", None


# --- time.strptime: _strptime._strptime_time's stand-in --------------------------

# the two modules' namespaces, read with borrowed dict look-ups (a module
# attribute read is four times dearer, and this runs on every call)
cdef dict _strptime_ns = vars(_strptime)
cdef dict _time_ns = vars(_time)


cdef inline object _borrow(dict ns, str name):
    cdef PyObject* found = PyDict_GetItem(ns, name)
    return None if found == NULL else <object>found


cdef bint _cpython_caches_current(str format):
    """True when ``_strptime._strptime`` would find its caches as they are
    (same locale, same zone, this format's regex cached, the cache not
    over-full): then its cache step would change nothing and is skipped.
    Cheap: the language is the one saved with the current names (no
    ``_getlang()`` call)."""
    cdef PyObject* regex
    names = _current_names()
    regex_cache = _borrow(_strptime_ns, "_regex_cache")
    max_size = _borrow(_strptime_ns, "_CACHE_MAX_SIZE")
    time_re = _borrow(_strptime_ns, "_TimeRE_cache")
    if (names is None or type(regex_cache) is not dict or type(max_size) is not int
            or time_re is None):
        return False            # whatever this is, CPython's step deals with it
    regex = PyDict_GetItem(regex_cache, format)
    if regex == NULL or not <object>regex or len(regex_cache) > max_size:
        return False
    locale_time = time_re.locale_time
    return (locale_time.lang == names.lang
            and _borrow(_time_ns, "tzname") == locale_time.tzname
            and _borrow(_time_ns, "daylight") == locale_time.daylight)


cdef inline void _put(object st, Py_ssize_t k, object value):
    Py_INCREF(value)                      # PyStructSequence_SetItem steals it
    PyStructSequence_SetItem(st, k, <PyObject*>value)


cdef object _struct_time_of(const StrpFields* f):
    """``time.struct_time(tt[:11])`` for ``_strptime``'s ``tt`` of these
    fields: the weekday as read (``%a``) or the date's, the day of the year,
    isdst -1, no zone name (``%Z`` is CPython's), the ``%z`` offset or None."""
    cdef int64_t ordinal = ymd_to_ordinal(f.year, f.month, f.day)
    cdef int weekday = f.weekday if f.weekday >= 0 else <int>((ordinal - 1) % 7)
    cdef int julian = <int>(ordinal - ymd_to_ordinal(f.year, 1, 1) + 1)
    st = PyStructSequence_New(<PyTypeObject*>_struct_time)
    # a field left unset (an int that could not be made) is NULL, which the
    # struct_time's dealloc skips
    _put(st, 0, f.year)
    _put(st, 1, f.month)
    _put(st, 2, f.day)
    _put(st, 3, f.hour)
    _put(st, 4, f.minute)
    _put(st, 5, f.second)
    _put(st, 6, weekday)
    _put(st, 7, julian)
    _put(st, 8, -1)
    _put(st, 9, None)
    _put(st, 10, f.offset_seconds if f.has_offset else None)
    return st


_NO_ARGUMENT = object()


def _strptime_time(data_string=_NO_ARGUMENT, format="%a %b %d %H:%M:%S %Y", *more):
    """A stand-in for ``_strptime._strptime_time(data_string, format)``,
    what C's ``time.strptime`` calls (the seam ``fastdt.patch_strptime()``
    replaces): the same ``time.struct_time`` (``tm_zone``, ``tm_gmtoff``
    included) from the compiled matcher, else CPython's own.

    ``_strptime``'s private caches are kept as its ``_strptime`` keeps
    them (CPython's test_strptime checks them through this function): a
    cheap check per call, CPython's cache step only when it would change
    something."""
    cdef StrpFields f
    if data_string is _NO_ARGUMENT:         # CPython's TypeError, word for word
        return _cpython_strptime_time()
    if more:
        return _cpython_strptime_time(data_string, format, *more)
    if type(data_string) is not str or type(format) is not str:
        return _cpython_strptime_time(data_string, format)
    if not _cpython_caches_current(format) and not _keep_cpython_caches(format):
        return _cpython_strptime_time(data_string, format)
    if _compiled_match(data_string, format, &f, False) != ST_OK:
        return _cpython_strptime_time(data_string, format)
    return _struct_time_of(&f)
