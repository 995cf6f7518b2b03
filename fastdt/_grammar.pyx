"""dateutil's ``parser._parse`` grammar, over C tokens.

This is a line-by-line behavioural port of ``dateutil.parser._parser``'s
``_parse``, ``_parse_numeric_token``, ``_ymd`` and ``parserinfo.validate``:
the same branch order, the same look-ahead distances, and the same failure
points (every ``IndexError``/``ValueError`` that makes dateutil's ``_parse``
return ``None`` is ``ST_UNKNOWN_FORMAT`` here).  Token values are read
straight from the source buffer; numbers are kept as an integer part plus
the position of their fraction, which is all dateutil's ``Decimal``
arithmetic ever needs (``int(v)``, ``v % 1``, ``int(60 * (v % 1))``).

Everything here runs without the GIL and returns a ``Status``
(fastdt._status): ``ST_OK``, an error, or a step only Python can take
(reading ``parserinfo.dayfirst``, a Python ``convertyear``, Decimal rounding
past 28 digits), which the caller takes before resuming.
"""
cimport cython
from libc.stdint cimport int64_t, INT64_MAX

from fastdt._tokenizer cimport (src_char, Source, Token, TokenBuf, tok_char, tok_len,
                                TK_SPACE, TK_WORD, TK_NUMBER, TF_SIGN_FLIPPED,
                                TF_SKIPPED, TF_ASCII_INT, c_todecimal, c_isdigit,
                                C_DOT, C_COLON, C_PLUS, C_MINUS, C_SLASH, C_LPAREN,
                                C_RPAREN, C_UPPER_A, C_UPPER_Z, C_LOWER_Z, C_UPPER_U,
                                C_UPPER_T, C_UPPER_C, C_LOWER_I, C_UPPER_I, C_LOWER_N,
                                C_UPPER_N, ASCII_CASE_BIT, C_ZERO, C_SPACE, C_COMMA)
from fastdt._tables cimport Tables, WordEntry, in_utc_raw, tzoffset_of, convertyear
from fastdt._status cimport (ParseOptions, ST_OK, ST_UNKNOWN_FORMAT, ST_NO_DATE,
                             ST_DECIMAL_INVALID, ST_NOT_SHORTCUT, ST_NEEDS_FLAGS, ST_NEEDS_OF_YEAR,
                             ST_NEEDS_CONVERTYEAR, ST_NEEDS_DECIMAL)

from fastdt._calendar cimport days_in_month
from fastdt._isocore cimport IsoFields, iso_shortcut, ISO_OK, TZ_NONE, TZ_OFFSET

cdef enum:
    LBL_NONE = 0              # _ymd labels: which value a token names
    LBL_Y = 1
    LBL_M = 2
    LBL_D = 3
    # Decimal's default context keeps 28 digits; ``v % 1`` on a number whose
    # integer part is longer raises InvalidOperation in dateutil.
    DECIMAL_PREC = 28


cdef struct Num:
    int64_t ipart             # int(value), saturated at INT64_MAX
    int int_digits            # significant digits of the integer part
    Py_ssize_t dot            # index of '.' in the token, or -1
    bint frac_nonzero         # value % 1 != 0
    bint finite               # False for inf/nan words (Decimal not finite)


# --- small helpers on tokens --------------------------------------------

cdef inline int64_t _sat_add_digit(int64_t v, int d) noexcept nogil:
    """v * 10 + d, saturating at INT64_MAX, which then means "does not fit in
    a C long" (the builder's OverflowError message says so).  A number that
    is exactly INT64_MAX is kept one below, where every comparison the grammar
    makes gives the same answer, so the two stay apart."""
    if v > (INT64_MAX - d) // 10:
        return INT64_MAX
    v = v * 10 + d
    return v if v != INT64_MAX else INT64_MAX - 1


cdef inline int64_t _sat_mul(int64_t a, int64_t b) noexcept nogil:
    if a != 0 and b > INT64_MAX // a:
        return INT64_MAX
    return a * b


cdef inline int64_t _sat_add(int64_t a, int64_t b) noexcept nogil:
    if a > INT64_MAX - b:
        return INT64_MAX
    return a + b


cdef inline bint _is(const Source* src, const Token* t, Py_UCS4 ch) noexcept nogil:
    """``token == ch`` for a one-character string."""
    return t.end - t.start == 1 and tok_char(src, t, 0) == ch


cdef inline bint _isdigit(const Source* src, const Token* t) noexcept nogil:
    """``str.isdigit()`` of the token."""
    cdef Py_ssize_t k, n = tok_len(t)
    if n == 0:
        return False
    for k in range(n):
        if not c_isdigit(tok_char(src, t, k)):
            return False
    return True


cdef int64_t[19] _POW10 = [1, 10, 100, 1000, 10000, 100000, 1000000, 10000000,
                           100000000, 1000000000, 10000000000, 100000000000,
                           1000000000000, 10000000000000, 100000000000000,
                           1000000000000000, 10000000000000000, 100000000000000000,
                           1000000000000000000]


cdef int _int_slice(const Source* src, const Token* t, Py_ssize_t a, Py_ssize_t b,
                    const ParseOptions* opts, int64_t* out) noexcept nogil:
    """``int(token[a:b])`` (slice bounds clipped like Python's).

    ST_UNKNOWN_FORMAT where int() raises ValueError: no digits, a non-digit,
    or more digits than sys.get_int_max_str_digits() allows."""
    cdef Py_ssize_t k, n = tok_len(t)
    cdef int64_t v = 0
    cdef int d
    if b > n:
        b = n
    if a >= b:
        return ST_UNKNOWN_FORMAT
    if opts.int_max_str_digits > 0 and b - a > opts.int_max_str_digits:
        return ST_UNKNOWN_FORMAT
    if t.flags & TF_ASCII_INT:
        out[0] = (t.value // _POW10[n - b]) % _POW10[b - a]
        return ST_OK
    for k in range(a, b):
        d = c_todecimal(tok_char(src, t, k))
        if d < 0:
            return ST_UNKNOWN_FORMAT
        v = _sat_add_digit(v, d)
    out[0] = v
    return ST_OK


cdef Py_ssize_t _find_dot(const Source* src, const Token* t, Py_ssize_t a) noexcept nogil:
    cdef Py_ssize_t k
    for k in range(a, tok_len(t)):
        if tok_char(src, t, k) == C_DOT:
            return k
    return -1


cdef inline bint _word_eq(const Source* src, const Token* t, const char* w) noexcept nogil:
    """Case-insensitive ASCII comparison with a lowercase literal."""
    cdef Py_ssize_t k, n = tok_len(t)
    cdef unsigned int c       # not Py_UCS4: Cython would make "c + 32" a str
    for k in range(n):
        if w[k] == 0:
            return False
        c = tok_char(src, t, k)
        if C_UPPER_A <= c <= C_UPPER_Z:
            c |= ASCII_CASE_BIT
        if c != <unsigned char>w[k]:
            return False
    return w[n] == 0


cdef bint _float_word(const Source* src, const Token* t, Num* num) noexcept nogil:
    """float() also reads "inf", "nan" and "infinity", in any case."""
    cdef Py_ssize_t n = tok_len(t)
    cdef Py_UCS4 c
    if n != 3 and n != 8:
        return False
    c = tok_char(src, t, 0)
    if c != C_LOWER_I and c != C_UPPER_I and c != C_LOWER_N and c != C_UPPER_N:
        return False
    if (_word_eq(src, t, b"inf") or _word_eq(src, t, b"nan")
            or _word_eq(src, t, b"infinity")):
        num.finite = False
        return True
    return False


cdef bint _number(const Source* src, const Token* t, Num* num) noexcept nogil:
    """Whether ``float(token)`` succeeds, and the value as Decimal sees it."""
    cdef Py_ssize_t k, n = tok_len(t)
    cdef int d, digits = 0
    cdef Py_UCS4 c
    cdef bint seen_nonzero = False
    num.ipart = 0
    num.int_digits = 0
    num.dot = -1
    num.frac_nonzero = False
    num.finite = True
    if t.kind == TK_WORD:
        return _float_word(src, t, num)
    if t.kind != TK_NUMBER:
        return False
    if t.flags & TF_ASCII_INT:
        num.ipart = t.value
        num.int_digits = <int>n     # <= 18: only "more than 28" matters
        return True
    for k in range(n):
        c = tok_char(src, t, k)
        if c == C_DOT:
            if num.dot >= 0:
                return False
            num.dot = k
            continue
        d = c_todecimal(c)
        if d < 0:
            return False
        digits += 1
        if num.dot < 0:
            num.ipart = _sat_add_digit(num.ipart, d)
            if d != 0 or seen_nonzero:
                seen_nonzero = True
                num.int_digits += 1
        elif d != 0:
            num.frac_nonzero = True
    return digits > 0


cdef inline bint _number_of(const Source* src, const Token* t, Num* num) noexcept nogil:
    """``_number``, with its two common answers inline: the lexer already
    has the value of a plain ASCII digit run, and a word is a float only
    if it is "inf", "nan" or "infinity" (3 or 8 letters)."""
    cdef Py_ssize_t n
    if t.flags & TF_ASCII_INT:
        num.ipart = t.value
        num.int_digits = <int>tok_len(t)     # <= 18: only "more than 28" matters
        num.dot = -1
        num.frac_nonzero = False
        num.finite = True
        return True
    if t.kind == TK_WORD:
        n = tok_len(t)
        if n != 3 and n != 8:
            return False
    elif t.kind != TK_NUMBER:
        return False
    return _number(src, t, num)


cdef inline int _check_mod1(const Num* num) noexcept nogil:
    """``Decimal % 1`` raises InvalidOperation when the integer part exceeds
    the precision."""
    return ST_DECIMAL_INVALID if num.int_digits > DECIMAL_PREC else ST_OK


cdef void _sixty_times_fraction(const Source* src, const Token* t, const Num* num,
                                int64_t* field, Py_ssize_t* span_start,
                                Py_ssize_t* span_end) noexcept nogil:
    """``field = int(60 * (value % 1))`` as dateutil's Decimal arithmetic gives it.

    Exact carry arithmetic over the fraction's digits while no step can
    round.  Decimal's 28-digit context rounds ``value % 1`` and the product
    once the fraction has that many significant digits; for those rare
    tokens the field is DEFERRED, with the token's span, and the caller has
    Decimal itself do the arithmetic (ST_NEEDS_DECIMAL).
    """
    cdef Py_ssize_t k, n = tok_len(t), significant = 0
    cdef int64_t carry = 0
    if num.dot < 0:
        field[0] = 0
        return
    for k in range(num.dot + 1, n):
        if significant > 0 or c_todecimal(tok_char(src, t, k)) != 0:
            significant += 1
    if significant > DECIMAL_PREC - 3:
        field[0] = DEFERRED
        span_start[0] = t.start
        span_end[0] = t.end
        return
    k = n - 1
    while k > num.dot:
        carry = (c_todecimal(tok_char(src, t, k)) * 60 + carry) // 10
        k -= 1
    field[0] = carry


cdef int _parsems(const Source* src, const Token* t, Py_ssize_t a, const ParseOptions* opts,
                  int64_t* sec, int64_t* usec) noexcept nogil:
    """dateutil's ``_parsems(token[a:])``: "S[.F]" to seconds, microseconds."""
    cdef Py_ssize_t dot = _find_dot(src, t, a), n = tok_len(t), k
    cdef int64_t f = 0
    cdef int d
    if dot < 0:
        usec[0] = 0
        return _int_slice(src, t, a, n, opts, sec)
    if _find_dot(src, t, dot + 1) >= 0:
        return ST_UNKNOWN_FORMAT     # "i, f = value.split('.')" cannot unpack
    if _int_slice(src, t, a, dot, opts, sec) != ST_OK:
        return ST_UNKNOWN_FORMAT
    # int(f.ljust(6, "0")[:6])
    for k in range(dot + 1, dot + 7):
        if k < n:
            d = c_todecimal(tok_char(src, t, k))
            if d < 0:
                return ST_UNKNOWN_FORMAT
        else:
            d = 0
        f = f * 10 + d
    usec[0] = f
    return ST_OK


cdef inline const WordEntry* _word(const Tables* tables, const Token* t) noexcept nogil:
    if t.word < 0:
        return NULL
    return &tables.words[t.word]


cdef inline bint _jump(const Tables* tables, const Token* t) noexcept nogil:
    cdef const WordEntry* w = _word(tables, t)
    return w is not NULL and w.jump


cdef inline int _hms(const Tables* tables, const Token* t) noexcept nogil:
    cdef const WordEntry* w = _word(tables, t)
    return -1 if w is NULL else w.hms


cdef inline int _ampm(const Tables* tables, const Token* t) noexcept nogil:
    cdef const WordEntry* w = _word(tables, t)
    return -1 if w is NULL else w.ampm


cdef inline int _month(const Tables* tables, const Token* t) noexcept nogil:
    cdef const WordEntry* w = _word(tables, t)
    return 0 if w is NULL else w.month


# --- dateutil's _ymd --------------------------------------------------------

cdef inline int _month_days(int64_t year, int64_t month) noexcept nogil:
    """calendar.monthrange(year, month)[1]; -1 for a bad month."""
    if month < 1 or month > 12:
        return -1
    return days_in_month(year, month)


cdef void _ymd_init(YMD* ymd) noexcept nogil:
    ymd.n = 0
    ymd.ystr = ymd.mstr = ymd.dstr = -1
    ymd.century = False


cdef int _ymd_label(YMD* ymd, int label) noexcept nogil:
    """Record that the last value is the year/month/day; a second label of
    the same kind is dateutil's ValueError."""
    cdef int idx = <int>(ymd.n - 1)
    if label == LBL_M:
        if ymd.mstr >= 0:
            return ST_UNKNOWN_FORMAT
        ymd.mstr = idx
    elif label == LBL_D:
        if ymd.dstr >= 0:
            return ST_UNKNOWN_FORMAT
        ymd.dstr = idx
    elif label == LBL_Y:
        if ymd.ystr >= 0:
            return ST_UNKNOWN_FORMAT
        ymd.ystr = idx
    return ST_OK


cdef int _ymd_push(YMD* ymd, int64_t value, int label) noexcept nogil:
    if label == LBL_M:
        ymd.mval = value
    elif label == LBL_Y:
        ymd.yval = value
    if ymd.n < 4:
        ymd.v[ymd.n] = value
        if ymd.n >= 0 and value < INT64_MAX - 1:
            ymd.src_start[ymd.n] = ymd.src_end[ymd.n] = 0
    ymd.n += 1
    return _ymd_label(ymd, label)


cdef int _ymd_push_at(YMD* ymd, int64_t value, int label, Py_ssize_t start,
                      Py_ssize_t end) noexcept nogil:
    """``_ymd_push``, remembering where the value's digits are."""
    if ymd.n < 4:
        ymd.src_start[ymd.n] = start
        ymd.src_end[ymd.n] = end
    return _ymd_push(ymd, value, label)


cdef int _ymd_append_int(YMD* ymd, int64_t value, int label) noexcept nogil:
    """``ymd.append(int_or_decimal)``: values over 100 are years."""
    if value > 100:
        ymd.century = True
        if label != LBL_NONE and label != LBL_Y:
            return ST_UNKNOWN_FORMAT
        label = LBL_Y
    return _ymd_push(ymd, value, label)


cdef int _ymd_append_num(YMD* ymd, const Token* t, const Num* num, int label) noexcept nogil:
    """``ymd.append(value)`` for a number token (its Decimal value)."""
    if num.ipart > 100 or (num.ipart == 100 and num.frac_nonzero):
        ymd.century = True
        if label != LBL_NONE and label != LBL_Y:
            return ST_UNKNOWN_FORMAT
        label = LBL_Y
    return _ymd_push_at(ymd, num.ipart, label, t.start,
                        t.start + (num.dot if num.dot >= 0 else tok_len(t)))


cdef int _ymd_append_str(YMD* ymd, const Source* src, const Token* t,
                         Py_ssize_t a, Py_ssize_t b, int label,
                         const ParseOptions* opts) noexcept nogil:
    """``ymd.append(token[a:b])``: more than two digits means a year."""
    cdef int64_t value
    cdef Py_ssize_t k, n = tok_len(t)
    cdef bint digits = True
    if b > n:
        b = n
    if b - a > 2:
        for k in range(a, b):
            if not c_isdigit(tok_char(src, t, k)):
                digits = False
                break
        if digits:
            ymd.century = True
            if label != LBL_NONE and label != LBL_Y:
                return ST_UNKNOWN_FORMAT
            label = LBL_Y
    if _int_slice(src, t, a, b, opts, &value) != ST_OK:
        return ST_UNKNOWN_FORMAT
    return _ymd_push_at(ymd, value, label, t.start + a, t.start + b)


cdef int _ymd_append_token(YMD* ymd, const Source* src, const Token* t, int label,
                           const ParseOptions* opts) noexcept nogil:
    """``ymd.append(token)``: the whole token as a string."""
    return _ymd_append_str(ymd, src, t, 0, tok_len(t), label, opts)


cdef int _ymd_could_be_day(YMD* ymd, const Num* num) noexcept nogil:
    """1 if the number could be the day, 0 if not, -1 on a bad month."""
    cdef int last
    if ymd.dstr >= 0:
        return 0
    if ymd.mstr < 0:
        last = 31
    elif ymd.ystr < 0:
        last = _month_days(2000, ymd.mval)
    else:
        last = _month_days(ymd.yval, ymd.mval)
    if last < 0:
        return -1
    if num.ipart < 1:
        return 0
    return num.ipart < last or (num.ipart == last and not num.frac_nonzero)


cdef inline bint _ask(int flag, int which, int* missing) noexcept nogil:
    """dayfirst/yearfirst: the caller's value.  If the caller left it to the
    parserinfo (-1), note which one is missing and answer anything: the
    caller reads the parserinfo (ST_NEEDS_FLAGS) and resolves again."""
    if flag < 0:
        missing[0] |= which
        return False
    return flag


cdef void _resolve_labelled(const YMD* ymd, int* year, int* month, int* day) noexcept nogil:
    """Every value labelled, or three values with two labels: the third is
    the one position no label claimed."""
    cdef int ys = ymd.ystr, ms = ymd.mstr, ds = ymd.dstr
    if ymd.n == 3 and ((ys >= 0) + (ms >= 0) + (ds >= 0)) == 2:
        if ys < 0:
            ys = 3 - ms - ds
        elif ms < 0:
            ms = 3 - ys - ds
        else:
            ds = 3 - ys - ms
    year[0] = ys
    month[0] = ms
    day[0] = ds


cdef int _resolve_two(const YMD* ymd, const ParseOptions* opts,
                      int* year, int* month, int* day) noexcept nogil:
    """Two unlabelled values: which is the year, month or day.  Returns the
    FLAG_* bits of the flags it needed and the options did not give."""
    cdef const int64_t* v = &ymd.v[0]
    cdef int missing = 0
    if v[0] > 31:
        year[0] = 0; month[0] = 1
    elif v[1] > 31:
        month[0] = 0; year[0] = 1
    elif v[1] <= 12 and _ask(opts.dayfirst, FLAG_DAYFIRST, &missing):
        day[0] = 0; month[0] = 1
    else:
        month[0] = 0; day[0] = 1
    return missing


cdef int _resolve_three(const YMD* ymd, const ParseOptions* opts,
                        int* year, int* month, int* day) noexcept nogil:
    """Three values, the month perhaps labelled (a month name); returns
    the missing FLAG_* bits, as ``_resolve_two``."""
    cdef const int64_t* v = &ymd.v[0]
    cdef int ms = ymd.mstr
    cdef int missing = 0
    if ms == 0:
        if v[1] > 31:
            month[0] = 0; year[0] = 1; day[0] = 2
        else:
            month[0] = 0; day[0] = 1; year[0] = 2
    elif ms == 1:
        if v[0] > 31 or (v[2] <= 31 and _ask(opts.yearfirst, FLAG_YEARFIRST, &missing)):
            year[0] = 0; month[0] = 1; day[0] = 2
        else:
            day[0] = 0; month[0] = 1; year[0] = 2
    elif ms == 2:
        if v[1] > 31:
            day[0] = 0; year[0] = 1; month[0] = 2
        else:
            year[0] = 0; day[0] = 1; month[0] = 2
    else:
        if (v[0] > 31 or ymd.ystr == 0
                or (v[1] <= 12 and v[2] <= 31 and _ask(opts.yearfirst, FLAG_YEARFIRST, &missing))):
            if v[2] <= 12 and _ask(opts.dayfirst, FLAG_DAYFIRST, &missing):
                year[0] = 0; day[0] = 1; month[0] = 2
            else:
                year[0] = 0; month[0] = 1; day[0] = 2
        elif v[0] > 12 or (v[1] <= 12 and _ask(opts.dayfirst, FLAG_DAYFIRST, &missing)):
            day[0] = 0; month[0] = 1; year[0] = 2
        else:
            month[0] = 0; day[0] = 1; year[0] = 2
    return missing


cdef int _ymd_resolve(const YMD* ymd, const ParseOptions* opts,
                      int* year, int* month, int* day, int* missing) noexcept nogil:
    """dateutil's ``_ymd.resolve_ymd``.

    Answers with positions in ``ymd.v`` (-1 for None) rather than values, so
    the caller can also say where in the source a value came from.
    ST_UNKNOWN_FORMAT where it raises, ST_NEEDS_FLAGS where it needs the
    parserinfo's dayfirst/yearfirst (``missing`` says which: FLAG_* bits).
    """
    cdef Py_ssize_t n = ymd.n
    cdef int nstr = (ymd.ystr >= 0) + (ymd.mstr >= 0) + (ymd.dstr >= 0)
    cdef int ms = ymd.mstr
    cdef int other
    year[0] = -1
    month[0] = -1
    day[0] = -1
    if (n == nstr and n > 0) or (n == 3 and nstr == 2):
        _resolve_labelled(ymd, year, month, day)
        return ST_OK
    if n > 3:
        return ST_UNKNOWN_FORMAT
    if n == 1 or (ms >= 0 and n == 2):
        if ms >= 0:
            month[0] = ms
            other = 1 - ms      # self[mstridx - 1] with mstridx in {0, 1}
        else:
            other = 0
        if n > 1 or ms < 0:
            if ymd.v[other] > 31:
                year[0] = other
            else:
                day[0] = other
        return ST_OK
    if n == 2:
        missing[0] = _resolve_two(ymd, opts, year, month, day)
    elif n == 3:
        missing[0] = _resolve_three(ymd, opts, year, month, day)
    return ST_NEEDS_FLAGS if missing[0] else ST_OK


# --- the grammar ----------------------------------------------------------

cdef inline void _result_clear(Result* res) noexcept nogil:
    """Every field None, as a fresh dateutil ``_result``."""
    res.year = res.month = res.day = UNSET
    res.hour = res.minute = res.second = res.microsecond = UNSET
    res.weekday = UNSET
    res.ampm = UNSET
    res.has_tzoffset = False
    res.tzoffset = 0
    res.tzname_len = UNSET
    res.century_specified = False
    res.month_src_start = res.month_src_end = 0
    res.minute_src_start = res.minute_src_end = 0
    res.second_src_start = res.second_src_end = 0
    res.tzword = -1
    _ymd_init(&res.ymd)


cdef bint _could_be_tzname(const Source* src, const Token* t, const Tables* tables,
                           const Result* res, bint tzoffset_set) noexcept nogil:
    """dateutil's ``_could_be_tzname``: upper-case ASCII, or a UTC name."""
    cdef Py_ssize_t k, n = tok_len(t)
    cdef Py_UCS4 c
    cdef bint upper = True
    if res.hour == UNSET or res.tzname_len != UNSET or tzoffset_set or n > 5:
        return False
    for k in range(n):
        c = tok_char(src, t, k)
        if c < C_UPPER_A or c > C_UPPER_Z:
            upper = False
            break
    return upper or in_utc_raw(tables, src, t)


cdef void _set_tzname(const Source* src, const Token* t, Result* res) noexcept nogil:
    cdef Py_ssize_t k, n = tok_len(t)
    for k in range(n):
        res.tzname[k] = tok_char(src, t, k)
    res.tzname_len = n


cdef inline void _set_tzname_utc(Result* res) noexcept nogil:
    res.tzname[0] = C_UPPER_U
    res.tzname[1] = C_UPPER_T
    res.tzname[2] = C_UPPER_C
    res.tzname_len = 3


cdef Py_ssize_t _find_hms_idx(const Source* src, TokenBuf* toks, Py_ssize_t idx,
                              const Tables* tables) noexcept nogil:
    cdef Token* tk = toks.items
    cdef Py_ssize_t n = toks.count
    if idx + 1 < n and _hms(tables, &tk[idx + 1]) >= 0:
        return idx + 1            # "12h"
    if idx + 2 < n and tk[idx + 1].kind == TK_SPACE and _hms(tables, &tk[idx + 2]) >= 0:
        return idx + 2            # "12 h"
    if idx > 0 and _hms(tables, &tk[idx - 1]) >= 0:
        return idx - 1            # the "04" of "12h04"
    if (1 < idx and idx == n - 1 and tk[idx - 1].kind == TK_SPACE
            and _hms(tables, &tk[idx - 2]) >= 0):
        return idx - 2
    return -1


cdef int _assign_hms(const Source* src, const Token* t, const Num* num, int hms,
                     const ParseOptions* opts, Result* res) noexcept nogil:
    """dateutil's ``_assign_hms``: the number is the hour, minute or second."""
    if hms == 0:
        res.hour = num.ipart
        if _check_mod1(num) != ST_OK:
            return ST_DECIMAL_INVALID
        if num.frac_nonzero:
            _sixty_times_fraction(src, t, num, &res.minute,
                                  &res.minute_src_start, &res.minute_src_end)
    elif hms == 1:
        res.minute = num.ipart
        if _check_mod1(num) != ST_OK:
            return ST_DECIMAL_INVALID
        res.second = UNSET
        if num.frac_nonzero:
            _sixty_times_fraction(src, t, num, &res.second,
                                  &res.second_src_start, &res.second_src_end)
    elif hms == 2:
        return _parsems(src, t, 0, opts, &res.second, &res.microsecond)
    return ST_OK


# --- dateutil's _parse_numeric_token, one format per function ------------------

cdef int _numeric_time_after_date(const Source* src, const Token* t,
                                  const ParseOptions* opts, Result* res) noexcept nogil:
    """19990101T23[59]: the hour (and minute) after a complete date."""
    if _int_slice(src, t, 0, 2, opts, &res.hour) != ST_OK:
        return ST_UNKNOWN_FORMAT
    if tok_len(t) == 4 and _int_slice(src, t, 2, 4, opts, &res.minute) != ST_OK:
        return ST_UNKNOWN_FORMAT
    return ST_OK


cdef int _numeric_six_digits(const Source* src, const Token* t,
                             const ParseOptions* opts, Result* res) noexcept nogil:
    """YYMMDD, or HHMMSS[.ss]."""
    cdef YMD* ymd = &res.ymd
    cdef Py_ssize_t n = tok_len(t)
    if ymd.n == 0 and _find_dot(src, t, 0) < 0:
        if (_ymd_append_str(ymd, src, t, 0, 2, LBL_NONE, opts) != ST_OK or
                _ymd_append_str(ymd, src, t, 2, 4, LBL_NONE, opts) != ST_OK or
                _ymd_append_str(ymd, src, t, 4, n, LBL_NONE, opts) != ST_OK):
            return ST_UNKNOWN_FORMAT
        return ST_OK
    if (_int_slice(src, t, 0, 2, opts, &res.hour) != ST_OK or
            _int_slice(src, t, 2, 4, opts, &res.minute) != ST_OK or
            _parsems(src, t, 4, opts, &res.second, &res.microsecond) != ST_OK):
        return ST_UNKNOWN_FORMAT
    return ST_OK


cdef int _numeric_compact_date(const Source* src, const Token* t,
                               const ParseOptions* opts, Result* res) noexcept nogil:
    """YYYYMMDD[hhmm[ss]]."""
    cdef YMD* ymd = &res.ymd
    cdef Py_ssize_t n = tok_len(t)
    if (_ymd_append_str(ymd, src, t, 0, 4, LBL_Y, opts) != ST_OK or
            _ymd_append_str(ymd, src, t, 4, 6, LBL_NONE, opts) != ST_OK or
            _ymd_append_str(ymd, src, t, 6, 8, LBL_NONE, opts) != ST_OK):
        return ST_UNKNOWN_FORMAT
    if n > 8:
        if (_int_slice(src, t, 8, 10, opts, &res.hour) != ST_OK or
                _int_slice(src, t, 10, 12, opts, &res.minute) != ST_OK):
            return ST_UNKNOWN_FORMAT
        if n > 12 and _int_slice(src, t, 12, n, opts, &res.second) != ST_OK:
            return ST_UNKNOWN_FORMAT
    return ST_OK


cdef int _numeric_with_unit(const Source* src, TokenBuf* toks, Py_ssize_t* idx,
                            Py_ssize_t hms_idx, const Tables* tables,
                            const ParseOptions* opts, Result* res,
                            const Num* value) noexcept nogil:
    """HH[ ]h or MM[ ]m or SS[.ss][ ]s: the unit word after (or before) it."""
    cdef int hms
    cdef Py_ssize_t new_idx
    if hms_idx > idx[0]:
        hms = _hms(tables, &toks.items[hms_idx])
        new_idx = hms_idx
    else:
        # "12h04": the unit before names the value before this one
        hms = _hms(tables, &toks.items[hms_idx]) + 1
        new_idx = idx[0]
    cdef int status = _assign_hms(src, &toks.items[idx[0]], value, hms, opts, res)
    idx[0] = new_idx
    return status


cdef int _numeric_colon_time(const Source* src, TokenBuf* toks, Py_ssize_t* idx,
                             const ParseOptions* opts, Result* res,
                             const Num* value) noexcept nogil:
    """HH:MM[:SS[.ss]]."""
    cdef Token* tk = toks.items
    cdef Py_ssize_t i = idx[0], n = toks.count
    cdef Num minute_value
    res.hour = value.ipart
    if not _number_of(src, &tk[i + 2], &minute_value) or not minute_value.finite:
        return ST_UNKNOWN_FORMAT
    res.minute = minute_value.ipart
    if _check_mod1(&minute_value) != ST_OK:
        return ST_DECIMAL_INVALID
    res.second = UNSET
    if minute_value.frac_nonzero:
        _sixty_times_fraction(src, &tk[i + 2], &minute_value, &res.second,
                              &res.second_src_start, &res.second_src_end)
    if i + 4 < n and _is(src, &tk[i + 3], C_COLON):
        if _parsems(src, &tk[i + 4], 0, opts, &res.second, &res.microsecond) != ST_OK:
            return ST_UNKNOWN_FORMAT
        i += 2
    idx[0] = i + 2
    return ST_OK


cdef int _numeric_separated_date(const Source* src, TokenBuf* toks, Py_ssize_t* idx,
                                 const Tables* tables, const ParseOptions* opts,
                                 Result* res) noexcept nogil:
    """01-01[-01], 01-Jan[-01] (or with '/' or '.')."""
    cdef Token* tk = toks.items
    cdef Py_ssize_t i = idx[0], n = toks.count
    cdef YMD* ymd = &res.ymd
    cdef Py_UCS4 sep = tok_char(src, &tk[i + 1], 0)
    cdef int month
    if _ymd_append_token(ymd, src, &tk[i], LBL_NONE, opts) != ST_OK:
        return ST_UNKNOWN_FORMAT
    if i + 2 < n and not _jump(tables, &tk[i + 2]):
        if _isdigit(src, &tk[i + 2]):
            # 01-01[-01]
            if _ymd_append_token(ymd, src, &tk[i + 2], LBL_NONE, opts) != ST_OK:
                return ST_UNKNOWN_FORMAT
        else:
            # 01-Jan[-01]
            month = _month(tables, &tk[i + 2])
            if month == 0 or _ymd_append_int(ymd, month, LBL_M) != ST_OK:
                return ST_UNKNOWN_FORMAT
        if i + 3 < n and _is(src, &tk[i + 3], sep):
            # three members
            if i + 4 >= n:
                return ST_UNKNOWN_FORMAT
            month = _month(tables, &tk[i + 4])
            if month != 0:
                if _ymd_append_int(ymd, month, LBL_M) != ST_OK:
                    return ST_UNKNOWN_FORMAT
            elif _ymd_append_token(ymd, src, &tk[i + 4], LBL_NONE, opts) != ST_OK:
                return ST_UNKNOWN_FORMAT
            i += 2
        i += 1
    idx[0] = i + 1
    return ST_OK


@cython.boundscheck(False)
@cython.wraparound(False)
cdef int _parse_numeric_token(const Source* src, TokenBuf* toks, Py_ssize_t* idx,
                              const Tables* tables, const ParseOptions* opts, Result* res,
                              const Num* value) noexcept nogil:
    """dateutil's ``_parse_numeric_token``: ``idx[0]`` becomes the index of
    the last token it used."""
    cdef Token* tk = toks.items
    cdef Py_ssize_t i = idx[0], n = toks.count
    cdef const Token* t = &tk[i]
    cdef Py_ssize_t len_li = tok_len(t), hms_idx
    cdef int could
    if not value.finite:
        return ST_UNKNOWN_FORMAT      # _to_decimal rejects inf/nan
    if (res.ymd.n == 3 and (len_li == 2 or len_li == 4) and res.hour == UNSET and
            (i + 1 >= n or (not _is(src, &tk[i + 1], C_COLON) and
                            _hms(tables, &tk[i + 1]) < 0))):
        return _numeric_time_after_date(src, t, opts, res)
    if len_li == 6 or (len_li > 6 and _find_dot(src, t, 0) == 6):
        return _numeric_six_digits(src, t, opts, res)
    if len_li == 8 or len_li == 12 or len_li == 14:
        return _numeric_compact_date(src, t, opts, res)
    hms_idx = _find_hms_idx(src, toks, i, tables)
    if hms_idx >= 0:
        return _numeric_with_unit(src, toks, idx, hms_idx, tables, opts, res, value)
    if i + 2 < n and _is(src, &tk[i + 1], C_COLON):
        return _numeric_colon_time(src, toks, idx, opts, res, value)
    if i + 1 < n and (_is(src, &tk[i + 1], C_MINUS) or _is(src, &tk[i + 1], C_SLASH) or
                      _is(src, &tk[i + 1], C_DOT)):
        return _numeric_separated_date(src, toks, idx, tables, opts, res)
    if i + 1 >= n or _jump(tables, &tk[i + 1]):
        if i + 2 < n and _ampm(tables, &tk[i + 2]) >= 0:
            # 12 am
            res.hour = adjust_ampm(value.ipart, _ampm(tables, &tk[i + 2]))
            idx[0] = i + 2
            return ST_OK
        # year, month or day
        idx[0] = i + 1
        return _ymd_append_num(&res.ymd, t, value, LBL_NONE)
    if _ampm(tables, &tk[i + 1]) >= 0 and value.ipart < 24:
        # 12am
        res.hour = adjust_ampm(value.ipart, _ampm(tables, &tk[i + 1]))
        idx[0] = i + 1
        return ST_OK
    could = _ymd_could_be_day(&res.ymd, value)
    if could < 0:
        return ST_UNKNOWN_FORMAT
    if could:
        return _ymd_append_num(&res.ymd, t, value, LBL_NONE)
    if not opts.fuzzy:
        return ST_UNKNOWN_FORMAT
    return ST_OK


# --- dateutil's _parse: the branches of its token loop ----------------------

cdef int _month_word(const Source* src, TokenBuf* toks, Py_ssize_t* idx,
                     const Tables* tables, const ParseOptions* opts, Result* res,
                     int month) noexcept nogil:
    """A month name, and the date parts that hang on it."""
    cdef Token* tk = toks.items
    cdef Py_ssize_t i = idx[0], n = toks.count
    cdef YMD* ymd = &res.ymd
    cdef Py_UCS4 sep
    cdef const WordEntry* w
    if _ymd_append_int(ymd, month, LBL_M) != ST_OK:
        return ST_UNKNOWN_FORMAT
    if i + 1 >= n:
        return ST_OK
    if _is(src, &tk[i + 1], C_MINUS) or _is(src, &tk[i + 1], C_SLASH):
        # Jan-01[-99]
        sep = tok_char(src, &tk[i + 1], 0)
        if i + 2 >= n or _ymd_append_token(ymd, src, &tk[i + 2], LBL_NONE, opts) != ST_OK:
            return ST_UNKNOWN_FORMAT
        if i + 3 < n and _is(src, &tk[i + 3], sep):
            # Jan-01-99
            if i + 4 >= n or _ymd_append_token(ymd, src, &tk[i + 4], LBL_NONE, opts) != ST_OK:
                return ST_UNKNOWN_FORMAT
            i += 2
        idx[0] = i + 2
        return ST_OK
    w = _word(tables, &tk[i + 2]) if i + 2 < n else NULL
    if (i + 4 < n and tk[i + 1].kind == TK_SPACE and tk[i + 3].kind == TK_SPACE
            and w is not NULL and w.pertain):
        # Jan of 01: 01 is clearly the year
        idx[0] = i + 4
        if _isdigit(src, &tk[i + 4]):
            return _year_of(src, &tk[i + 4], tables, opts, res)
    return ST_OK


cdef int _year_of(const Source* src, const Token* t, const Tables* tables,
                  const ParseOptions* opts, Result* res) noexcept nogil:
    """The year of "Jan of 01": convertyear(int(token)), appended as str(year)."""
    cdef int64_t year_value, converted
    if _int_slice(src, t, 0, tok_len(t), opts, &year_value) != ST_OK:
        return ST_UNKNOWN_FORMAT
    if not tables.py_convertyear:
        converted = convertyear(tables, year_value, False)
    elif opts.has_of_year and opts.of_year_input == year_value:
        converted = opts.of_year
    else:
        res.year = year_value
        return ST_NEEDS_OF_YEAR
    # appended as str(year): a century when > 2 digits
    if converted >= 100:
        res.ymd.century = True
    return _ymd_push(&res.ymd, converted, LBL_Y)


cdef int _ampm_word(Token* t, int value, const ParseOptions* opts, Result* res) noexcept nogil:
    """AM/PM: applies to the hour already read (skipped when fuzzy and not valid)."""
    cdef bint valid = True
    if opts.fuzzy and res.ampm != UNSET:
        valid = False
    if res.hour == UNSET or res.hour > 12:
        if not opts.fuzzy:
            return ST_UNKNOWN_FORMAT
        valid = False
    if valid:
        res.hour = adjust_ampm(res.hour, value)
        res.ampm = value
    else:
        t.flags |= TF_SKIPPED
    return ST_OK


cdef void _tzname_word(const Source* src, TokenBuf* toks, Py_ssize_t i,
                       const Tables* tables, Result* res) noexcept nogil:
    """A time-zone name ("BRST", "UTC"), and its offset if the tables know it."""
    cdef Token* tk = toks.items
    cdef Token* t = &tk[i]
    cdef const WordEntry* w = _word(tables, t)
    cdef long tzoff
    _set_tzname(src, t, res)
    res.tzword = t.word
    res.has_tzoffset = tzoffset_of(tables, res.tzname, res.tzname_len, &tzoff)
    res.tzoffset = tzoff if res.has_tzoffset else 0
    # "GMT+3" means "my time +3 is GMT": flip the sign so the offset
    # code reads it the other way round.
    if i + 1 < toks.count and (_is(src, &tk[i + 1], C_PLUS) or _is(src, &tk[i + 1], C_MINUS)):
        tk[i + 1].flags ^= TF_SIGN_FLIPPED
        res.has_tzoffset = False
        res.tzoffset = 0
        if w is not NULL and w.utczone:
            res.tzname_len = UNSET


cdef int _tzoffset_sign(const Source* src, TokenBuf* toks, Py_ssize_t* idx,
                        const Tables* tables, const ParseOptions* opts,
                        Result* res) noexcept nogil:
    """A numeric offset after the time: -0300, -03:00, -[0]3, perhaps with a
    name in parentheses after it ("-0300 (BRST)")."""
    cdef Token* tk = toks.items
    cdef Py_ssize_t i = idx[0], n = toks.count, len_li
    cdef int64_t hour_offset, min_offset
    cdef int signal = 1 if tok_char(src, &tk[i], 0) == C_PLUS else -1
    if i + 1 >= n:
        return ST_UNKNOWN_FORMAT
    len_li = tok_len(&tk[i + 1])
    if len_li == 4:
        # -0300
        if (_int_slice(src, &tk[i + 1], 0, 2, opts, &hour_offset) != ST_OK or
                _int_slice(src, &tk[i + 1], 2, 4, opts, &min_offset) != ST_OK):
            return ST_UNKNOWN_FORMAT
    elif i + 2 < n and _is(src, &tk[i + 2], C_COLON):
        # -03:00
        if (i + 3 >= n or
                _int_slice(src, &tk[i + 1], 0, len_li, opts, &hour_offset) != ST_OK or
                _int_slice(src, &tk[i + 3], 0, tok_len(&tk[i + 3]), opts,
                           &min_offset) != ST_OK):
            return ST_UNKNOWN_FORMAT
        i += 2
    elif len_li <= 2:
        # -[0]3
        if _int_slice(src, &tk[i + 1], 0, 2, opts, &hour_offset) != ST_OK:
            return ST_UNKNOWN_FORMAT
        min_offset = 0
    else:
        return ST_UNKNOWN_FORMAT
    res.has_tzoffset = True
    res.tzoffset = signal * _sat_add(_sat_mul(hour_offset, 3600), _sat_mul(min_offset, 60))
    # a time zone name between parentheses: "-0300 (BRST)"
    if (i + 5 < n and _jump(tables, &tk[i + 2]) and _is(src, &tk[i + 3], C_LPAREN)
            and _is(src, &tk[i + 5], C_RPAREN) and tok_len(&tk[i + 4]) >= 3
            and _could_be_tzname(src, &tk[i + 4], tables, res, False)):
        _set_tzname(src, &tk[i + 4], res)
        res.tzword = tk[i + 4].word
        i += 4
    idx[0] = i + 1
    return ST_OK


cdef inline bint _plain_jump_space(const Tables* tables, const WordEntry* w) noexcept nogil:
    """A space token (its text is " ", word ``w``) that every branch of
    _scan_tokens before the last passes by: a jump word and nothing else
    (no weekday, month or AM/PM role; no UTCZONE name starts with " ", so
    not a zone name; not a number or a sign).  True for dateutil's
    parserinfo; a parserinfo that gives " " another role walks the chain."""
    return (w is not NULL and w.jump and w.weekday < 0 and w.month == 0 and w.ampm < 0
            and not tables.utc_raw_first[<int>C_SPACE])


@cython.boundscheck(False)
@cython.wraparound(False)
cdef int _scan_tokens(const Source* src, TokenBuf* toks, const Tables* tables,
                      const ParseOptions* opts, Result* res) noexcept nogil:
    """dateutil's ``_parse`` token loop: every token to the Result or the YMD."""
    cdef Token* tk = toks.items
    cdef Py_ssize_t n = toks.count, i = 0
    cdef Token* t
    cdef const WordEntry* w
    cdef Num num
    cdef int status = ST_OK
    _result_clear(res)
    while i < n:
        t = &tk[i]
        w = _word(tables, t)
        if t.kind == TK_SPACE and _plain_jump_space(tables, w):
            # the branch chain's answer for a space, without walking it
            # (2.4 spaces a string, ~99 instructions each: issue 18)
            t.flags |= TF_SKIPPED
            i += 1
            continue
        if _number_of(src, t, &num):
            status = _parse_numeric_token(src, toks, &i, tables, opts, res, &num)
        elif w is not NULL and w.weekday >= 0:
            res.weekday = w.weekday
        elif w is not NULL and w.month > 0:
            status = _month_word(src, toks, &i, tables, opts, res, w.month)
        elif w is not NULL and w.ampm >= 0:
            status = _ampm_word(t, w.ampm, opts, res)
        elif _could_be_tzname(src, t, tables, res, res.has_tzoffset):
            _tzname_word(src, toks, i, tables, res)
        elif res.hour != UNSET and (_is(src, t, C_PLUS) or _is(src, t, C_MINUS)):
            status = _tzoffset_sign(src, toks, &i, tables, opts, res)
        elif not ((w is not NULL and w.jump) or opts.fuzzy):
            return ST_UNKNOWN_FORMAT
        else:
            t.flags |= TF_SKIPPED
        if status != ST_OK:
            return status
        i += 1
    return ST_OK


# --- after the loop: the date's order and parserinfo.validate ------------------

cdef void _validate_utc(const Tables* tables, Result* res) noexcept nogil:
    """parserinfo.validate's time-zone part: offset 0 or "Z" reads as UTC."""
    if ((res.has_tzoffset and res.tzoffset == 0 and res.tzname_len == UNSET) or
            (res.tzname_len == 1 and (res.tzname[0] == C_UPPER_Z
                                      or res.tzname[0] == C_LOWER_Z))):
        _set_tzname_utc(res)
        res.has_tzoffset = True
        res.tzoffset = 0
    elif ((not res.has_tzoffset or res.tzoffset != 0) and res.tzname_len > 0
            and res.tzword >= 0 and tables.words[res.tzword].utczone):
        res.has_tzoffset = True
        res.tzoffset = 0


cdef int resolve_result(const Tables* tables, const ParseOptions* opts,
                        Result* res) noexcept nogil:
    """The rest of dateutil's ``_parse`` after its token loop, and the
    ``len(res) == 0`` check of ``parse``.  Safe to call again after
    ST_NEEDS_FLAGS (it starts from the YMD the loop left)."""
    cdef int yi, mi, di
    cdef int status
    res.flags_missing = 0
    status = _ymd_resolve(&res.ymd, opts, &yi, &mi, &di, &res.flags_missing)
    if status != ST_OK:
        return status
    res.year = res.ymd.v[yi] if yi >= 0 else UNSET
    res.day = res.ymd.v[di] if di >= 0 else UNSET
    res.month = UNSET
    res.month_src_start = res.month_src_end = 0
    if mi >= 0:
        res.month = res.ymd.v[mi]
        res.month_src_start = res.ymd.src_start[mi]
        res.month_src_end = res.ymd.src_end[mi]
    res.century_specified = res.ymd.century
    _validate_utc(tables, res)
    if result_len(res) == 0:
        return ST_NO_DATE
    if res.year != UNSET:
        if tables.py_convertyear:
            return ST_NEEDS_CONVERTYEAR
        res.year = convertyear(tables, res.year, res.century_specified)
    if res.minute == DEFERRED or res.second == DEFERRED:
        return ST_NEEDS_DECIMAL
    return ST_OK


cdef void result_clear(Result* res) noexcept nogil:
    _result_clear(res)


cdef int parse_tokens(const Source* src, TokenBuf* toks, const Tables* tables,
                      const ParseOptions* opts, Result* res) noexcept nogil:
    """dateutil's ``_parse`` + ``parserinfo.validate`` on classified tokens."""
    cdef int status = _scan_tokens(src, toks, tables, opts, res)
    if status != ST_OK:
        return status
    return resolve_result(tables, opts, res)


cdef Py_ssize_t result_len(const Result* res) noexcept nogil:
    """``len(res)``: how many fields dateutil would hold as not None."""
    return ((res.year != UNSET) + (res.month != UNSET) + (res.day != UNSET)
            + (res.weekday != UNSET) + (res.hour != UNSET) + (res.minute != UNSET)
            + (res.second != UNSET) + (res.microsecond != UNSET)
            + (res.tzname_len != UNSET) + res.has_tzoffset + (res.ampm != UNSET))


# --- the ISO 8601 shortcut ------------------------------------------------------

cdef int parse_iso_fast(const unsigned char* s, Py_ssize_t n, Result* res) noexcept nogil:
    """The ``Result`` the grammar would produce for one of parse()'s exact
    ISO forms (``fastdt._isocore.iso_shortcut`` reads them): ST_OK, or
    ST_NOT_SHORTCUT for any other string (the grammar then decides).

    For exactly these strings the general grammar takes one fixed path (the
    year has a century, the ``T``/space is a jump word, the offset is read
    as "-03:00"/"-0300"/"-03", "Z" is a UTC name), so this fills the same
    ``Result`` it would.  Used only with the default tables and without
    dayfirst or fuzzy_with_tokens, which would change that path.  Reads a
    one-byte-per-character (Latin-1 kind) buffer: an ISO string is ASCII.
    """
    cdef IsoFields f
    if iso_shortcut(s, n, &f) != ISO_OK:
        return ST_NOT_SHORTCUT
    result_from_iso(&f, res)
    return ST_OK


cdef void result_from_iso(const IsoFields* f, Result* res) noexcept nogil:
    """The ``Result`` the grammar would produce for ``iso_shortcut``'s fields."""
    _result_clear(res)
    res.year = f.year
    res.month = f.month
    res.day = f.day
    res.century_specified = True
    if f.has_time:
        res.hour = f.hour
        res.minute = f.minute
        if f.time_parts == 3:
            res.second = f.second
            res.microsecond = f.microsecond
    if f.tz_kind != TZ_NONE:
        res.has_tzoffset = True
        res.tzoffset = f.tz_seconds if f.tz_kind == TZ_OFFSET else 0
        if res.tzoffset == 0:
            # "Z" is in UTCZONE, and a zero offset is named "UTC" as well
            res.tzname[0] = c'U'
            res.tzname[1] = c'T'
            res.tzname[2] = c'C'
            res.tzname_len = 3
