"""fastdt's parse core for C callers: string in, C fields out, no GIL.

What a caller cimports to parse many strings in one GIL-released loop (say,
``fastdt.parse_array``) with exactly the answers ``Parser.parse`` gives.
``Parser.parse`` itself runs through these same two steps.

Per string::

    cdef Source src            # the str's own buffer: PyUnicode_KIND/DATA/GET_LENGTH
    cdef CharBuf chars         # scratch for source_strip_nuls
    cdef TokenBuf toks         # tokenbuf_init once; tokenbuf_free at the end
    cdef ParseOptions opts     # options_init(&opts, dayfirst, yearfirst, fuzzy, digits)
    cdef Result res
    cdef Fields f

    if source_strip_nuls(&src, &chars) < 0: status = ST_NO_MEMORY
    status = parse_source(&src, &toks, &tables.c, &opts, &res)      # 1. the grammar
    if status == ST_OK:
        fields_from_default(&f, ...)      # the default datetime's fields
        status = resolve_fields(&res, &f) # 2. default-day clamp, ranges, weekday
    if status == ST_OK and not ignoretz:
        status = resolve_tz(&res, &names, &f)   # 3. UTC / fixed offset / naive
    charbuf_free(&chars)

then ``f`` holds the answer when ``status == ST_OK``.  Any other status:

* ``ST_UNKNOWN_FORMAT`` ... ``ST_DATE_OVERFLOW`` (< ST_NEEDS_PYTHON): the
  string fails; ``Parser.parse`` raises dateutil's exception for it.
* ``>= ST_NEEDS_PYTHON``: C cannot finish (a step needs Python, see
  fastdt/_status.pxd for each one); call ``Parser.parse`` on that string,
  with the GIL, for the answer or the exception.

The tables (``CompiledTables.c``) are immutable: share them across threads.
``tzinfos`` is not seen here: with ``tzinfos``, dateutil's tzinfos lookup
comes first (Python), and only when it does not name the zone is
``resolve_tz`` right.
"""
from libc.stdint cimport int64_t

from fastdt._status cimport (Status, ParseOptions, options_init, ST_OK, ST_UNKNOWN_FORMAT,
                             ST_NO_DATE, ST_DECIMAL_INVALID, ST_NO_MEMORY, ST_NOT_SHORTCUT,
                             ST_BAD_MONTH_NUMBER, ST_C_LONG_OVERFLOW, ST_C_INT_OVERFLOW,
                             ST_YEAR_RANGE, ST_MONTH_RANGE, ST_DAY_RANGE, ST_HOUR_RANGE,
                             ST_MINUTE_RANGE, ST_SECOND_RANGE, ST_MICROSECOND_RANGE,
                             ST_WEEKDAY_INDEX, ST_DATE_OVERFLOW, ST_NEEDS_PYTHON,
                             ST_NEEDS_LOWER, ST_NEEDS_FLAGS, ST_NEEDS_OF_YEAR,
                             ST_NEEDS_CONVERTYEAR, ST_NEEDS_DECIMAL, ST_TZ_LOCAL,
                             ST_UNKNOWN_TZNAME, ST_LOCAL_NAMES)
from fastdt._tokenizer cimport (Source, TokenBuf, CharBuf, tokenbuf_init, tokenbuf_free,
                                source_strip_nuls, charbuf_free)
from fastdt._tables cimport Tables, CompiledTables
from fastdt._grammar cimport Result, UNSET, DEFERRED, parse_iso_fast, result_len
from fastdt._tzcache cimport LocalNames, LocalZone, local_zone
from fastdt._build cimport (Fields, TzKind, TZ_DEFAULT, TZ_UTC, TZ_OFFSET, resolve_fields,
                            resolve_tz, fields_from_default)

# 1. The grammar: lex ``src`` into ``toks`` (reset first), look every token
#    up in ``tables``, run dateutil's _parse with ``opts``, fill ``res``.
#    ``src`` must be NUL-free (source_strip_nuls).  ST_OK or any status of
#    fastdt/_status.pxd up to ST_NEEDS_DECIMAL.
#    (The ISO shortcut, parse_iso_fast, is for the caller to try first:
#    ST_OK with ``res`` filled, or ST_NOT_SHORTCUT; exact only when
#    tables.iso_shortcut, without fuzzy_with_tokens, and with dayfirst false
#    or a day > 12.)
cdef int parse_source(const Source* src, TokenBuf* toks, const Tables* tables,
                      const ParseOptions* opts, Result* res) noexcept nogil

# 2. resolve_fields(res, f) (from _build): dateutil's _build_naive for a
#    default that is an exact datetime.  ``f`` comes in with the default's
#    fields (fields_from_default, with the GIL) and leaves with the string's
#    fields over them, the default day clamped to the month's end,
#    datetime.replace's range checks, the weekday roll-forward (which clears
#    fold), f.tz = TZ_DEFAULT.  ST_OK or ST_BAD_MONTH_NUMBER..ST_DATE_OVERFLOW.
#
# 3. resolve_tz(res, names, f) (from _build): dateutil's _build_tzaware
#    without tzinfos: sets f.tz (TzKind) and f.utcoffset.  ``names`` is
#    time.tzname (LocalZone.names from _tzcache.local_zone, read with the
#    GIL, again whenever the zone may have changed).  ST_OK, or ST_TZ_LOCAL /
#    ST_UNKNOWN_TZNAME / ST_LOCAL_NAMES: the fields are complete, but the
#    zone or a warning needs Python.
#    Skip it for ignoretz (the answer keeps the default's tzinfo).
