"""The core's one error convention, and the per-call options (header only).

Every C routine of the core (lexer, tables, grammar, resolver) returns a
``Status``: ``ST_OK`` or the reason it stopped.  None of them raises; the
Python edge (``fastdt._parser``) turns a status into the one exception
dateutil raises there (see ``_parser._raise_status``).
"""
from libc.stdint cimport int64_t

cdef enum Status:
    ST_OK = 0

    # --- the string is not a date: dateutil's parser raises ------------------
    ST_UNKNOWN_FORMAT = 1      # ParserError("Unknown string format: %s", timestr)
    ST_NO_DATE = 2             # ParserError("String does not contain a date: %s", timestr)
    ST_DECIMAL_INVALID = 3     # decimal.InvalidOperation([decimal.DivisionImpossible]):
                               # dateutil's ``Decimal % 1`` on > 28 integer digits
    ST_NO_MEMORY = 4           # MemoryError() (a token/char buffer could not grow)
    ST_NOT_SHORTCUT = 5        # parse_iso_fast: not one of its exact ISO forms
                               # (no error: the grammar decides)

    # --- resolve_fields: datetime.replace / calendar / relativedelta raise ----
    ST_BAD_MONTH_NUMBER = 10   # ParserError(str(calendar.IllegalMonthError(m)) + ": %s")
                               # from it; m is the month (all its digits if it
                               # saturated: Result.month_src_start/end)
    ST_C_LONG_OVERFLOW = 11    # OverflowError: a field does not fit a C long
    ST_C_INT_OVERFLOW = 12     # OverflowError: a field does not fit a C int
    ST_YEAR_RANGE = 13         # ParserError("year %d is out of range: %s") from ValueError
    ST_MONTH_RANGE = 14        # ... "month must be in 1..12"
    ST_DAY_RANGE = 15          # ... "day is out of range for month"
    ST_HOUR_RANGE = 16         # ... "hour must be in 0..23"
    ST_MINUTE_RANGE = 17       # ... "minute must be in 0..59"
    ST_SECOND_RANGE = 18       # ... "second must be in 0..59"
    ST_MICROSECOND_RANGE = 19  # ... "microsecond must be in 0..999999"
    ST_WEEKDAY_INDEX = 20      # IndexError("tuple index out of range") (relativedelta)
    ST_DATE_OVERFLOW = 21      # OverflowError("date value out of range")
    ST_MISSING_FIELDS = 22     # MissingFieldsError: the string lacks a field
                               # required= asks for (the Python edge's check)

    # --- strptime (fastdt._strp): CPython's _strptime raises ----------------
    ST_STRP_NO_MATCH = 22      # ValueError("time data %r does not match format %r")
    ST_STRP_UNCONVERTED = 23   # ValueError("unconverted data remains: %s"), the rest
                               # of the string from StrpFields.end
    ST_STRP_CPYTHON = 24       # the string matched, but the answer is an error only
                               # CPython's own code words exactly (a date or second
                               # out of range, an offset of 24 h or more, "+01:3000"):
                               # _strptime._strptime_datetime answers

    # --- needs Python: C cannot finish; the caller, holding the GIL, does ------
    # Every status >= ST_NEEDS_PYTHON.  A caller that cannot do the step
    # itself (a nogil loop) hands that element to the single-call path
    # (``Parser.parse``), which does them all and gives dateutil's answer.
    ST_NEEDS_PYTHON = 32
    ST_NEEDS_LOWER = 32        # classify: a token only str.lower() lowercases (a
                               # capital sigma outside an all-Greek word):
                               # CompiledTables.classify_python, then the grammar
    ST_NEEDS_FLAGS = 33        # the date needs parserinfo.dayfirst/yearfirst (the
                               # options said -1): read them into the options,
                               # then resolve_result again
    ST_NEEDS_OF_YEAR = 34      # "Jan of 01" and convertyear is Python: set
                               # options.of_year = convertyear(res.year, False)
                               # (for options.of_year_input = res.year) and run
                               # the grammar again on freshly lexed tokens
    ST_NEEDS_CONVERTYEAR = 35  # validate with a Python convertyear: res.year =
                               # convertyear(res.year, res.century_specified),
                               # then fill_deferred if res has DEFERRED fields
    ST_NEEDS_DECIMAL = 36      # res.minute/second is DEFERRED: int(60 * (Decimal(
                               # token) % 1)) of the token at res.*_frac_start/end
    ST_TZ_LOCAL = 40           # resolve_tz: fields hold the wall time; the zone
                               # name is one of time.tzname: dateutil's tzlocal()
                               # path (fold, the UTC fallback) in Python
    ST_UNKNOWN_TZNAME = 41     # resolve_tz: fields are complete and naive, but
                               # dateutil warns UnknownTimezoneWarning
    ST_LOCAL_NAMES = 42        # resolve_tz: time.tzname is not two short str
                               # (LocalNames.exotic): Python compares the name


cdef struct ParseOptions:
    # Everything one call may change, passed down by pointer: the core reads
    # no module globals.
    int dayfirst               # 0/1, or -1: dateutil's None, "ask the
    int yearfirst              #   parserinfo"; read only if the date needs it
                               #   (ST_NEEDS_FLAGS)
    bint fuzzy                 # fuzzy or fuzzy_with_tokens
    Py_ssize_t int_max_str_digits   # sys.get_int_max_str_digits(): int() of a
                               # longer digit run fails in dateutil.  0 means
                               # no limit, exact for inputs of <= 640 code
                               # points (the limit cannot be set below 640)
    bint has_of_year           # after ST_NEEDS_OF_YEAR: convertyear's answer
    int64_t of_year_input      #   for this raw year of "Jan of YY"
    int64_t of_year


cdef inline void options_init(ParseOptions* opts, int dayfirst, int yearfirst,
                              bint fuzzy, Py_ssize_t int_max_str_digits) noexcept nogil:
    opts.dayfirst = dayfirst
    opts.yearfirst = yearfirst
    opts.fuzzy = fuzzy
    opts.int_max_str_digits = int_max_str_digits
    opts.has_of_year = False
    opts.of_year_input = 0
    opts.of_year = 0
