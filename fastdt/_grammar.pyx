"""dateutil's ``parser._parse`` grammar, over C tokens.

This is a line-by-line behavioural port of ``dateutil.parser._parser``'s
``_parse``, ``_parse_numeric_token``, ``_ymd`` and ``parserinfo.validate``:
the same branch order, the same look-ahead distances, and the same failure
points (every ``IndexError``/``ValueError`` that makes dateutil's ``_parse``
return ``None`` is a ``PARSE_UNKNOWN_FORMAT`` here).  Token values are read
straight from the source buffer; numbers are kept as an integer part plus
the position of their fraction, which is all dateutil's ``Decimal``
arithmetic ever needs (``int(v)``, ``v % 1``, ``int(60 * (v % 1))``).
"""
cimport cython
from libc.stdint cimport int64_t, INT64_MAX

from fastdt._tokenizer cimport (src_char, Source, Token, TokenBuf, tok_char, tok_len,
                                TK_SPACE, TK_WORD, TK_NUMBER, TF_SIGN_FLIPPED,
                                TF_SKIPPED, TF_ASCII_INT, c_todecimal, c_isdigit)
from fastdt._tables cimport CompiledInfo, WordEntry

from fastdt._calendar cimport days_in_month

import decimal as _decimal

cdef object _InvalidOperation = _decimal.InvalidOperation
cdef object _Decimal = _decimal.Decimal
cdef object _DivisionImpossible = _decimal.DivisionImpossible

cdef enum:
    FAIL = -1                 # a step dateutil would end with ValueError
    LBL_NONE = 0
    LBL_Y = 1
    LBL_M = 2
    LBL_D = 3
    # Decimal's default context keeps 28 digits; ``v % 1`` on a number whose
    # integer part is longer raises InvalidOperation in dateutil.
    DECIMAL_PREC = 28
    C_DOT = 46
    C_COLON = 58
    C_PLUS = 43
    C_MINUS = 45
    C_SLASH = 47
    C_SPACE = 32
    C_LPAREN = 40
    C_RPAREN = 41


cdef struct Num:
    int64_t ipart             # int(value), saturated at INT64_MAX
    int int_digits            # significant digits of the integer part
    Py_ssize_t dot            # index of '.' in the token, or -1
    bint frac_nonzero         # value % 1 != 0
    bint finite               # False for inf/nan words (Decimal not finite)


cdef struct YMD:
    int64_t v[4]
    int64_t mval              # the labelled month's and year's values: their
    int64_t yval              # positions may lie past the four kept in v
    Py_ssize_t src_start[4]   # source span of each value's digits
    Py_ssize_t src_end[4]
    Py_ssize_t n              # may exceed 4; dateutil then fails to resolve
    int ystr
    int mstr
    int dstr
    bint century


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


# sys.get_int_max_str_digits(): int() of a longer digit string raises
# ValueError in dateutil.  Refreshed by the parser edge for inputs long enough
# to hold such a string (the limit cannot be set below 640).
cdef Py_ssize_t int_max_str_digits = 4300


cdef void set_int_max_str_digits(Py_ssize_t limit) noexcept:
    global int_max_str_digits
    int_max_str_digits = limit


cdef int _int_slice(const Source* src, const Token* t, Py_ssize_t a,
                    Py_ssize_t b, int64_t* out) noexcept nogil:
    """``int(token[a:b])`` (slice bounds clipped like Python's); FAIL if not."""
    cdef Py_ssize_t k, n = tok_len(t)
    cdef int64_t v = 0
    cdef int d
    if b > n:
        b = n
    if a >= b:
        return FAIL
    if int_max_str_digits > 0 and b - a > int_max_str_digits:
        return FAIL
    if t.flags & TF_ASCII_INT:
        out[0] = (t.value // _POW10[n - b]) % _POW10[b - a]
        return 0
    for k in range(a, b):
        d = c_todecimal(tok_char(src, t, k))
        if d < 0:
            return FAIL
        v = _sat_add_digit(v, d)
    out[0] = v
    return 0


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
        if 65 <= c <= 90:
            c += 32
        if c != <unsigned char>w[k]:
            return False
    return w[n] == 0


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
        # float() also reads "inf", "nan" and "infinity", in any case
        if n != 3 and n != 8:
            return False
        c = tok_char(src, t, 0)
        if c != 105 and c != 73 and c != 110 and c != 78:
            return False
        if (_word_eq(src, t, b"inf") or _word_eq(src, t, b"nan")
                or _word_eq(src, t, b"infinity")):
            num.finite = False
            return True
        return False
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


cdef int _check_mod1(const Num* num) except -1:
    """``Decimal % 1`` raises when the integer part exceeds the precision."""
    if num.int_digits > DECIMAL_PREC:
        raise _InvalidOperation([_DivisionImpossible])
    return 0


cdef int64_t _sixty_times_fraction(const Source* src, const Token* t,
                                   const Num* num) except -1:
    """``int(60 * (value % 1))`` as dateutil's Decimal arithmetic gives it.

    Exact carry arithmetic over the fraction's digits while no step can
    round; Decimal's 28-digit context rounds ``value % 1`` and the product
    once the fraction has that many significant digits, and for those rare
    tokens Decimal itself does the arithmetic.
    """
    cdef Py_ssize_t k, n = tok_len(t), significant = 0
    cdef int64_t carry = 0
    cdef int d
    if num.dot < 0:
        return 0
    for k in range(num.dot + 1, n):
        if significant > 0 or c_todecimal(tok_char(src, t, k)) != 0:
            significant += 1
    if significant > DECIMAL_PREC - 3:
        text = "".join([chr(tok_char(src, t, k)) for k in range(n)])
        return int(60 * (_Decimal(text) % 1))
    k = n - 1
    while k > num.dot:
        carry = (c_todecimal(tok_char(src, t, k)) * 60 + carry) // 10
        k -= 1
    return carry


cdef int _parsems(const Source* src, const Token* t, Py_ssize_t a,
                  int64_t* sec, int64_t* usec) noexcept nogil:
    """dateutil's ``_parsems(token[a:])``: "S[.F]" to seconds, microseconds."""
    cdef Py_ssize_t dot = _find_dot(src, t, a), n = tok_len(t), k
    cdef int64_t f = 0
    cdef int d
    if dot < 0:
        usec[0] = 0
        return _int_slice(src, t, a, n, sec)
    if _find_dot(src, t, dot + 1) >= 0:
        return FAIL           # "i, f = value.split('.')" cannot unpack
    if _int_slice(src, t, a, dot, sec) < 0:
        return FAIL
    # int(f.ljust(6, "0")[:6])
    for k in range(dot + 1, dot + 7):
        if k < n:
            d = c_todecimal(tok_char(src, t, k))
            if d < 0:
                return FAIL
        else:
            d = 0
        f = f * 10 + d
    usec[0] = f
    return 0


cdef inline const WordEntry* _word(CompiledInfo info, const Token* t) noexcept:
    if t.word < 0:
        return NULL
    return &info.words[t.word]


cdef inline bint _jump(CompiledInfo info, const Token* t) noexcept:
    cdef const WordEntry* w = _word(info, t)
    return w is not NULL and w.jump


cdef inline int _hms(CompiledInfo info, const Token* t) noexcept:
    cdef const WordEntry* w = _word(info, t)
    return -1 if w is NULL else w.hms


cdef inline int _ampm(CompiledInfo info, const Token* t) noexcept:
    cdef const WordEntry* w = _word(info, t)
    return -1 if w is NULL else w.ampm


cdef inline int _month(CompiledInfo info, const Token* t) noexcept:
    cdef const WordEntry* w = _word(info, t)
    return 0 if w is NULL else w.month


# --- dateutil's _ymd --------------------------------------------------------

cdef int64_t[19] _POW10 = [1, 10, 100, 1000, 10000, 100000, 1000000, 10000000,
                           100000000, 1000000000, 10000000000, 100000000000,
                           1000000000000, 10000000000000, 100000000000000,
                           1000000000000000, 10000000000000000, 100000000000000000,
                           1000000000000000000]
cdef inline int _month_days(int64_t year, int64_t month) noexcept nogil:
    """calendar.monthrange(year, month)[1]; FAIL for a bad month."""
    if month < 1 or month > 12:
        return FAIL
    return days_in_month(year, month)


cdef int _ymd_label(YMD* ymd, int label) noexcept nogil:
    cdef int idx = <int>(ymd.n - 1)
    if label == LBL_M:
        if ymd.mstr >= 0:
            return FAIL
        ymd.mstr = idx
    elif label == LBL_D:
        if ymd.dstr >= 0:
            return FAIL
        ymd.dstr = idx
    elif label == LBL_Y:
        if ymd.ystr >= 0:
            return FAIL
        ymd.ystr = idx
    return 0


cdef int _ymd_push_at(YMD* ymd, int64_t value, int label, Py_ssize_t start,
                     Py_ssize_t end) noexcept nogil:
    if ymd.n < 4:
        ymd.src_start[ymd.n] = start
        ymd.src_end[ymd.n] = end
    return _ymd_push(ymd, value, label)


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


cdef int _ymd_append_int(YMD* ymd, int64_t value, int label) noexcept nogil:
    """``ymd.append(int_or_decimal)``: values over 100 are years."""
    if value > 100:
        ymd.century = True
        if label != LBL_NONE and label != LBL_Y:
            return FAIL
        label = LBL_Y
    return _ymd_push(ymd, value, label)


cdef int _ymd_append_num(YMD* ymd, const Token* t, const Num* num, int label) noexcept nogil:
    if num.ipart > 100 or (num.ipart == 100 and num.frac_nonzero):
        ymd.century = True
        if label != LBL_NONE and label != LBL_Y:
            return FAIL
        label = LBL_Y
    return _ymd_push_at(ymd, num.ipart, label, t.start,
                        t.start + (num.dot if num.dot >= 0 else tok_len(t)))


cdef int _ymd_append_str(YMD* ymd, const Source* src, const Token* t,
                         Py_ssize_t a, Py_ssize_t b, int label) noexcept nogil:
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
                return FAIL
            label = LBL_Y
    if _int_slice(src, t, a, b, &value) < 0:
        return FAIL
    return _ymd_push_at(ymd, value, label, t.start + a, t.start + b)


cdef int _ymd_could_be_day(YMD* ymd, const Num* num) noexcept nogil:
    """1 if the number could be the day, 0 if not, FAIL on a bad month."""
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
        return FAIL
    if num.ipart < 1:
        return 0
    return num.ipart < last or (num.ipart == last and not num.frac_nonzero)


cdef inline int _flag(int* flag, CompiledInfo info, bint day) except -1:
    """dayfirst/yearfirst: the caller's value, or the parserinfo's, read
    (once) only when a branch actually asks."""
    if flag[0] < 0:
        flag[0] = info.read_dayfirst() if day else info.read_yearfirst()
    return flag[0]


cdef int _ymd_resolve(YMD* ymd, int yearfirst, int dayfirst, CompiledInfo info,
                      int* year, int* month, int* day) except -2:
    """dateutil's ``_ymd.resolve_ymd``; FAIL where it raises.

    Answers with positions in ``ymd.v`` (-1 for None) rather than values, so
    the caller can also say where in the source a value came from.
    """
    cdef Py_ssize_t n = ymd.n
    cdef int nstr = (ymd.ystr >= 0) + (ymd.mstr >= 0) + (ymd.dstr >= 0)
    cdef int64_t* v = ymd.v
    cdef int other
    cdef int ys = ymd.ystr, ms = ymd.mstr, ds = ymd.dstr
    year[0] = -1
    month[0] = -1
    day[0] = -1
    if (n == nstr and n > 0) or (n == 3 and nstr == 2):
        if n == 3 and nstr == 2:
            # back out the one position no label claimed
            if ys < 0:
                ys = 3 - ms - ds
            elif ms < 0:
                ms = 3 - ys - ds
            else:
                ds = 3 - ys - ms
        year[0] = ys
        month[0] = ms
        day[0] = ds
        return 0
    if n > 3:
        return FAIL
    if n == 1 or (ms >= 0 and n == 2):
        if ms >= 0:
            month[0] = ms
            other = 1 - ms      # self[mstridx - 1] with mstridx in {0, 1}
        else:
            other = 0
        if n > 1 or ms < 0:
            if v[other] > 31:
                year[0] = other
            else:
                day[0] = other
    elif n == 2:
        if v[0] > 31:
            year[0] = 0; month[0] = 1
        elif v[1] > 31:
            month[0] = 0; year[0] = 1
        elif v[1] <= 12 and _flag(&dayfirst, info, True):
            day[0] = 0; month[0] = 1
        else:
            month[0] = 0; day[0] = 1
    elif n == 3:
        if ms == 0:
            if v[1] > 31:
                month[0] = 0; year[0] = 1; day[0] = 2
            else:
                month[0] = 0; day[0] = 1; year[0] = 2
        elif ms == 1:
            if v[0] > 31 or (v[2] <= 31 and _flag(&yearfirst, info, False)):
                year[0] = 0; month[0] = 1; day[0] = 2
            else:
                day[0] = 0; month[0] = 1; year[0] = 2
        elif ms == 2:
            if v[1] > 31:
                day[0] = 0; year[0] = 1; month[0] = 2
            else:
                year[0] = 0; day[0] = 1; month[0] = 2
        else:
            if v[0] > 31 or ys == 0 or (v[1] <= 12 and v[2] <= 31 and _flag(&yearfirst, info, False)):
                if v[2] <= 12 and _flag(&dayfirst, info, True):
                    year[0] = 0; day[0] = 1; month[0] = 2
                else:
                    year[0] = 0; month[0] = 1; day[0] = 2
            elif v[0] > 12 or (v[1] <= 12 and _flag(&dayfirst, info, True)):
                day[0] = 0; month[0] = 1; year[0] = 2
            else:
                month[0] = 0; day[0] = 1; year[0] = 2
    return 0


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



cdef bint _could_be_tzname(const Source* src, const Token* t, CompiledInfo info,
                           const Result* res, bint tzoffset_set) noexcept:
    cdef Py_ssize_t k, n = tok_len(t)
    cdef Py_UCS4 c
    cdef bint upper = True
    if res.hour == UNSET or res.tzname_len != UNSET or tzoffset_set or n > 5:
        return False
    for k in range(n):
        c = tok_char(src, t, k)
        if c < 65 or c > 90:
            upper = False
            break
    return upper or info.in_utc_raw(src, t)


cdef void _set_tzname(const Source* src, const Token* t, Result* res) noexcept:
    cdef Py_ssize_t k, n = tok_len(t)
    for k in range(n):
        res.tzname[k] = tok_char(src, t, k)
    res.tzname_len = n


cdef inline int64_t _adjust_ampm(int64_t hour, int ampm) noexcept nogil:
    if hour < 12 and ampm == 1:
        return hour + 12
    if hour == 12 and ampm == 0:
        return 0
    return hour


cdef Py_ssize_t _find_hms_idx(const Source* src, TokenBuf* toks, Py_ssize_t idx,
                              CompiledInfo info) noexcept:
    cdef Token* tk = toks.items
    cdef Py_ssize_t n = toks.count
    if idx + 1 < n and _hms(info, &tk[idx + 1]) >= 0:
        return idx + 1            # "12h"
    if idx + 2 < n and tk[idx + 1].kind == TK_SPACE and _hms(info, &tk[idx + 2]) >= 0:
        return idx + 2            # "12 h"
    if idx > 0 and _hms(info, &tk[idx - 1]) >= 0:
        return idx - 1            # the "04" of "12h04"
    if 1 < idx and idx == n - 1 and tk[idx - 1].kind == TK_SPACE and _hms(info, &tk[idx - 2]) >= 0:
        return idx - 2
    return -1


cdef int _assign_hms(const Source* src, const Token* t, const Num* num, int hms,
                     Result* res) except -2:
    if hms == 0:
        res.hour = num.ipart
        _check_mod1(num)
        if num.frac_nonzero:
            res.minute = _sixty_times_fraction(src, t, num)
    elif hms == 1:
        res.minute = num.ipart
        _check_mod1(num)
        res.second = _sixty_times_fraction(src, t, num) if num.frac_nonzero else UNSET
    elif hms == 2:
        if _parsems(src, t, 0, &res.second, &res.microsecond) < 0:
            return FAIL
    return 0


@cython.boundscheck(False)
@cython.wraparound(False)
cdef Py_ssize_t _parse_numeric_token(const Source* src, TokenBuf* toks, Py_ssize_t idx,
                                     CompiledInfo info, YMD* ymd, Result* res,
                                     bint fuzzy, const Num* value) except -3:
    """dateutil's ``_parse_numeric_token``: returns the new index or FAIL."""
    cdef Token* tk = toks.items
    cdef Py_ssize_t n = toks.count
    cdef const Token* t = &tk[idx]
    cdef Py_ssize_t len_li = tok_len(t), hms_idx
    cdef int hms, month, ampm, could
    cdef Py_UCS4 sep
    cdef Num minute_value
    if not value.finite:
        return FAIL               # _to_decimal rejects inf/nan
    if (ymd.n == 3 and (len_li == 2 or len_li == 4) and res.hour == UNSET and
            (idx + 1 >= n or (not _is(src, &tk[idx + 1], C_COLON) and
                              _hms(info, &tk[idx + 1]) < 0))):
        # 19990101T23[59]
        if _int_slice(src, t, 0, 2, &res.hour) < 0:
            return FAIL
        if len_li == 4 and _int_slice(src, t, 2, 4, &res.minute) < 0:
            return FAIL
    elif len_li == 6 or (len_li > 6 and _find_dot(src, t, 0) == 6):
        # YYMMDD or HHMMSS[.ss]
        if ymd.n == 0 and _find_dot(src, t, 0) < 0:
            if (_ymd_append_str(ymd, src, t, 0, 2, LBL_NONE) < 0 or
                    _ymd_append_str(ymd, src, t, 2, 4, LBL_NONE) < 0 or
                    _ymd_append_str(ymd, src, t, 4, len_li, LBL_NONE) < 0):
                return FAIL
        else:
            if (_int_slice(src, t, 0, 2, &res.hour) < 0 or
                    _int_slice(src, t, 2, 4, &res.minute) < 0 or
                    _parsems(src, t, 4, &res.second, &res.microsecond) < 0):
                return FAIL
    elif len_li == 8 or len_li == 12 or len_li == 14:
        # YYYYMMDD[hhmm[ss]]
        if (_ymd_append_str(ymd, src, t, 0, 4, LBL_Y) < 0 or
                _ymd_append_str(ymd, src, t, 4, 6, LBL_NONE) < 0 or
                _ymd_append_str(ymd, src, t, 6, 8, LBL_NONE) < 0):
            return FAIL
        if len_li > 8:
            if (_int_slice(src, t, 8, 10, &res.hour) < 0 or
                    _int_slice(src, t, 10, 12, &res.minute) < 0):
                return FAIL
            if len_li > 12 and _int_slice(src, t, 12, len_li, &res.second) < 0:
                return FAIL
    else:
        hms_idx = _find_hms_idx(src, toks, idx, info)
        if hms_idx >= 0:
            # HH[ ]h or MM[ ]m or SS[.ss][ ]s
            if hms_idx > idx:
                hms = _hms(info, &tk[hms_idx])
                new_idx = hms_idx
            else:
                hms = _hms(info, &tk[hms_idx]) + 1
                new_idx = idx
            if _assign_hms(src, t, value, hms, res) < 0:
                return FAIL
            idx = new_idx
        elif idx + 2 < n and _is(src, &tk[idx + 1], C_COLON):
            # HH:MM[:SS[.ss]]
            res.hour = value.ipart
            if not _number(src, &tk[idx + 2], &minute_value) or not minute_value.finite:
                return FAIL
            res.minute = minute_value.ipart
            _check_mod1(&minute_value)
            if minute_value.frac_nonzero:
                res.second = _sixty_times_fraction(src, &tk[idx + 2], &minute_value)
            else:
                res.second = UNSET
            if idx + 4 < n and _is(src, &tk[idx + 3], C_COLON):
                if _parsems(src, &tk[idx + 4], 0, &res.second, &res.microsecond) < 0:
                    return FAIL
                idx += 2
            idx += 2
        elif idx + 1 < n and (_is(src, &tk[idx + 1], C_MINUS) or
                              _is(src, &tk[idx + 1], C_SLASH) or
                              _is(src, &tk[idx + 1], C_DOT)):
            sep = tok_char(src, &tk[idx + 1], 0)
            if _ymd_append_str(ymd, src, t, 0, len_li, LBL_NONE) < 0:
                return FAIL
            if idx + 2 < n and not _jump(info, &tk[idx + 2]):
                if _isdigit(src, &tk[idx + 2]):
                    # 01-01[-01]
                    if _ymd_append_str(ymd, src, &tk[idx + 2], 0, tok_len(&tk[idx + 2]), LBL_NONE) < 0:
                        return FAIL
                else:
                    # 01-Jan[-01]
                    month = _month(info, &tk[idx + 2])
                    if month == 0 or _ymd_append_int(ymd, month, LBL_M) < 0:
                        return FAIL
                if idx + 3 < n and _is(src, &tk[idx + 3], sep):
                    # three members
                    if idx + 4 >= n:
                        return FAIL
                    month = _month(info, &tk[idx + 4])
                    if month != 0:
                        if _ymd_append_int(ymd, month, LBL_M) < 0:
                            return FAIL
                    elif _ymd_append_str(ymd, src, &tk[idx + 4], 0, tok_len(&tk[idx + 4]), LBL_NONE) < 0:
                        return FAIL
                    idx += 2
                idx += 1
            idx += 1
        elif idx + 1 >= n or _jump(info, &tk[idx + 1]):
            if idx + 2 < n and _ampm(info, &tk[idx + 2]) >= 0:
                # 12 am
                res.hour = _adjust_ampm(value.ipart, _ampm(info, &tk[idx + 2]))
                idx += 1
            else:
                # year, month or day
                if _ymd_append_num(ymd, t, value, LBL_NONE) < 0:
                    return FAIL
            idx += 1
        elif _ampm(info, &tk[idx + 1]) >= 0 and value.ipart < 24:
            # 12am
            res.hour = _adjust_ampm(value.ipart, _ampm(info, &tk[idx + 1]))
            idx += 1
        else:
            could = _ymd_could_be_day(ymd, value)
            if could < 0:
                return FAIL
            if could:
                if _ymd_append_num(ymd, t, value, LBL_NONE) < 0:
                    return FAIL
            elif not fuzzy:
                return FAIL
    return idx


@cython.boundscheck(False)
@cython.wraparound(False)
cdef int parse_tokens(const Source* src, TokenBuf* toks, CompiledInfo info,
                      int dayfirst, int yearfirst, bint fuzzy,
                      Result* res) except -3:
    """dateutil's ``_parse`` + ``parserinfo.validate`` on classified tokens."""
    cdef Token* tk = toks.items
    cdef Py_ssize_t n = toks.count, i = 0, len_li
    cdef Token* t
    cdef const WordEntry* w
    cdef Num num
    cdef YMD ymd
    cdef int value, tzword = -1, yi, mi, di
    cdef bint valid
    cdef Py_UCS4 sep
    cdef int64_t hour_offset, min_offset, year_value
    cdef long long converted
    cdef long tzoff
    cdef int signal

    _result_clear(res)
    ymd.n = 0
    ymd.ystr = ymd.mstr = ymd.dstr = -1
    ymd.century = False

    while i < n:
        t = &tk[i]
        w = _word(info, t)
        if (t.kind == TK_NUMBER or t.kind == TK_WORD) and _number(src, t, &num):
            i = _parse_numeric_token(src, toks, i, info, &ymd, res, fuzzy, &num)
            if i < 0:
                return PARSE_UNKNOWN_FORMAT
        elif w is not NULL and w.weekday >= 0:
            res.weekday = w.weekday
        elif w is not NULL and w.month > 0:
            if _ymd_append_int(&ymd, w.month, LBL_M) < 0:
                return PARSE_UNKNOWN_FORMAT
            if i + 1 < n:
                if _is(src, &tk[i + 1], C_MINUS) or _is(src, &tk[i + 1], C_SLASH):
                    # Jan-01[-99]
                    sep = tok_char(src, &tk[i + 1], 0)
                    if i + 2 >= n or _ymd_append_str(&ymd, src, &tk[i + 2], 0, tok_len(&tk[i + 2]), LBL_NONE) < 0:
                        return PARSE_UNKNOWN_FORMAT
                    if i + 3 < n and _is(src, &tk[i + 3], sep):
                        # Jan-01-99
                        if i + 4 >= n or _ymd_append_str(&ymd, src, &tk[i + 4], 0, tok_len(&tk[i + 4]), LBL_NONE) < 0:
                            return PARSE_UNKNOWN_FORMAT
                        i += 2
                    i += 2
                elif (i + 4 < n and tk[i + 1].kind == TK_SPACE and tk[i + 3].kind == TK_SPACE
                        and _word(info, &tk[i + 2]) is not NULL and _word(info, &tk[i + 2]).pertain):
                    # Jan of 01: 01 is clearly the year
                    if _isdigit(src, &tk[i + 4]):
                        if _int_slice(src, &tk[i + 4], 0, tok_len(&tk[i + 4]), &year_value) < 0:
                            return PARSE_UNKNOWN_FORMAT
                        info.convertyear(year_value, False, &converted)
                        # appended as str(year): a century when > 2 digits
                        if converted >= 100:
                            ymd.century = True
                        if _ymd_push(&ymd, converted, LBL_Y) < 0:
                            return PARSE_UNKNOWN_FORMAT
                    i += 4
        elif w is not NULL and w.ampm >= 0:
            value = w.ampm
            valid = True
            if fuzzy and res.ampm != UNSET:
                valid = False
            if res.hour == UNSET:
                if not fuzzy:
                    return PARSE_UNKNOWN_FORMAT
                valid = False
            elif res.hour > 12:
                if not fuzzy:
                    return PARSE_UNKNOWN_FORMAT
                valid = False
            if valid:
                res.hour = _adjust_ampm(res.hour, value)
                res.ampm = value
            elif fuzzy:
                t.flags |= TF_SKIPPED
        elif _could_be_tzname(src, t, info, res, res.has_tzoffset):
            _set_tzname(src, t, res)
            tzword = t.word
            res.has_tzoffset = info.tzoffset_of(res.tzname, res.tzname_len, &tzoff) == 1
            res.tzoffset = tzoff if res.has_tzoffset else 0
            # "GMT+3" means "my time +3 is GMT": flip the sign so the offset
            # code below reads it the other way round.
            if i + 1 < n and (_is(src, &tk[i + 1], C_PLUS) or _is(src, &tk[i + 1], C_MINUS)):
                tk[i + 1].flags ^= TF_SIGN_FLIPPED
                res.has_tzoffset = False
                res.tzoffset = 0
                if w is not NULL and w.utczone:
                    res.tzname_len = UNSET
        elif res.hour != UNSET and (_is(src, t, C_PLUS) or _is(src, t, C_MINUS)):
            signal = 1 if tok_char(src, t, 0) == C_PLUS else -1
            if i + 1 >= n:
                return PARSE_UNKNOWN_FORMAT
            len_li = tok_len(&tk[i + 1])
            if len_li == 4:
                # -0300
                if (_int_slice(src, &tk[i + 1], 0, 2, &hour_offset) < 0 or
                        _int_slice(src, &tk[i + 1], 2, 4, &min_offset) < 0):
                    return PARSE_UNKNOWN_FORMAT
            elif i + 2 < n and _is(src, &tk[i + 2], C_COLON):
                # -03:00
                if (i + 3 >= n or
                        _int_slice(src, &tk[i + 1], 0, len_li, &hour_offset) < 0 or
                        _int_slice(src, &tk[i + 3], 0, tok_len(&tk[i + 3]), &min_offset) < 0):
                    return PARSE_UNKNOWN_FORMAT
                i += 2
            elif len_li <= 2:
                # -[0]3
                if _int_slice(src, &tk[i + 1], 0, 2, &hour_offset) < 0:
                    return PARSE_UNKNOWN_FORMAT
                min_offset = 0
            else:
                return PARSE_UNKNOWN_FORMAT
            res.has_tzoffset = True
            res.tzoffset = signal * _sat_add(_sat_mul(hour_offset, 3600), _sat_mul(min_offset, 60))
            # a time zone name between parentheses: "-0300 (BRST)"
            if (i + 5 < n and _jump(info, &tk[i + 2]) and _is(src, &tk[i + 3], C_LPAREN)
                    and _is(src, &tk[i + 5], C_RPAREN) and tok_len(&tk[i + 4]) >= 3
                    and _could_be_tzname(src, &tk[i + 4], info, res, False)):
                _set_tzname(src, &tk[i + 4], res)
                tzword = tk[i + 4].word
                i += 4
            i += 1
        elif not ((w is not NULL and w.jump) or fuzzy):
            return PARSE_UNKNOWN_FORMAT
        else:
            t.flags |= TF_SKIPPED
        i += 1

    if _ymd_resolve(&ymd, yearfirst, dayfirst, info, &yi, &mi, &di) < 0:
        return PARSE_UNKNOWN_FORMAT
    res.year = ymd.v[yi] if yi >= 0 else UNSET
    res.day = ymd.v[di] if di >= 0 else UNSET
    res.month = UNSET
    res.month_src_start = res.month_src_end = 0
    if mi >= 0:
        res.month = ymd.v[mi]
        res.month_src_start = ymd.src_start[mi]
        res.month_src_end = ymd.src_end[mi]
    res.century_specified = ymd.century

    # parserinfo.validate
    if res.year != UNSET:
        info.convertyear(res.year, res.century_specified, &converted)
        res.year = converted
    if ((res.has_tzoffset and res.tzoffset == 0 and res.tzname_len == UNSET) or
            (res.tzname_len == 1 and (res.tzname[0] == 90 or res.tzname[0] == 122))):
        res.tzname[0] = 85; res.tzname[1] = 84; res.tzname[2] = 67   # "UTC"
        res.tzname_len = 3
        res.has_tzoffset = True
        res.tzoffset = 0
    elif ((not res.has_tzoffset or res.tzoffset != 0) and res.tzname_len > 0
            and tzword >= 0 and info.words[tzword].utczone):
        res.has_tzoffset = True
        res.tzoffset = 0
    return PARSE_OK


cdef Py_ssize_t result_len(const Result* res) noexcept:
    """``len(res)``: how many fields dateutil would hold as not None."""
    return ((res.year != UNSET) + (res.month != UNSET) + (res.day != UNSET)
            + (res.weekday != UNSET) + (res.hour != UNSET) + (res.minute != UNSET)
            + (res.second != UNSET) + (res.microsecond != UNSET)
            + (res.tzname_len != UNSET) + res.has_tzoffset + (res.ampm != UNSET))


# --- the ISO 8601 shortcut ------------------------------------------------------

cdef inline int _digits(const unsigned char* s, Py_ssize_t n, Py_ssize_t pos,
                        Py_ssize_t count, int64_t* out) noexcept nogil:
    """Exactly ``count`` ASCII digits at ``pos``; FAIL otherwise."""
    cdef Py_ssize_t k
    cdef unsigned int u
    cdef int64_t v = 0
    if pos + count > n:
        return FAIL
    for k in range(pos, pos + count):
        u = s[k]
        if u - 48 >= 10:
            return FAIL
        v = v * 10 + (u - 48)
    out[0] = v
    return 0


cdef inline bint _at(const unsigned char* s, Py_ssize_t n, Py_ssize_t pos,
                     unsigned int ch) noexcept nogil:
    return pos < n and s[pos] == ch


cdef int parse_iso_fast(const unsigned char* s, Py_ssize_t n, Result* res) noexcept nogil:
    """``YYYY-MM-DD[(T| )HH:MM[:SS[(.|,)F+]][ ](Z|z|+-HH[[:]MM])]``, or FAIL.

    For exactly these strings the general grammar takes one fixed path (the
    year has a century, the ``T``/space is a jump word, the offset is read
    as "-03:00"/"-0300"/"-03"), so the shortcut fills the same ``Result``
    it would.  Used only with the default tables and without dayfirst or
    fuzzy_with_tokens, which would change that path; anything else, or any
    non-ASCII digit, goes to the general grammar.  Reads a one-byte-per-
    character (Latin-1 kind) buffer: an ISO string is ASCII.
    """
    cdef Py_ssize_t pos = 10, k
    cdef int64_t y, m, d
    cdef int64_t v, hh, mm
    cdef unsigned int u
    cdef int sign
    if (_digits(s, n, 0, 4, &res.year) < 0 or not _at(s, n, 4, 45) or
            _digits(s, n, 5, 2, &res.month) < 0 or not _at(s, n, 7, 45) or
            _digits(s, n, 8, 2, &res.day) < 0):
        return FAIL
    y = res.year; m = res.month; d = res.day
    _result_clear(res)
    res.year = y; res.month = m; res.day = d
    res.century_specified = True
    if pos == n:
        return 0
    if not (_at(s, n, pos, 84) or _at(s, n, pos, 32)):
        return FAIL
    pos += 1
    if (_digits(s, n, pos, 2, &res.hour) < 0 or not _at(s, n, pos + 2, 58) or
            _digits(s, n, pos + 3, 2, &res.minute) < 0):
        return FAIL
    pos += 5
    if _at(s, n, pos, 58):
        if _digits(s, n, pos + 1, 2, &res.second) < 0:
            return FAIL
        res.microsecond = 0
        pos += 3
        if _at(s, n, pos, 46) or _at(s, n, pos, 44):
            v = 0
            k = 0
            pos += 1
            while pos < n:
                u = s[pos]
                if u - 48 >= 10:
                    break
                if k < 6:
                    v = v * 10 + (u - 48)
                k += 1
                pos += 1
            if k == 0:
                return FAIL
            while k < 6:
                v *= 10
                k += 1
            res.microsecond = v
    if pos == n:
        return 0
    if _at(s, n, pos, 32):
        pos += 1
    if pos + 1 == n and (_at(s, n, pos, 90) or _at(s, n, pos, 122)):
        res.tzname[0] = 85; res.tzname[1] = 84; res.tzname[2] = 67   # "UTC"
        res.tzname_len = 3
        res.has_tzoffset = True
        return 0
    if _at(s, n, pos, 43):
        sign = 1
    elif _at(s, n, pos, 45):
        sign = -1
    else:
        return FAIL
    pos += 1
    if _digits(s, n, pos, 2, &hh) < 0:
        return FAIL
    pos += 2
    mm = 0
    if _at(s, n, pos, 58):
        if _digits(s, n, pos + 1, 2, &mm) < 0:
            return FAIL
        pos += 3
    elif pos < n:
        if _digits(s, n, pos, 2, &mm) < 0:
            return FAIL
        pos += 2
    if pos != n:
        return FAIL
    res.has_tzoffset = True
    res.tzoffset = sign * (hh * 3600 + mm * 60)
    if res.tzoffset == 0:
        res.tzname[0] = 85; res.tzname[1] = 84; res.tzname[2] = 67   # "UTC"
        res.tzname_len = 3
    return 0
