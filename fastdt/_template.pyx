"""``parse_array``'s format fast path: a column's format, learned from the
full grammar and matched per element without lexing.

Why a match gives exactly the grammar's ``Result``
------------------------------------------------
dateutil's grammar (``_parse``, ``_parse_numeric_token``, ``_ymd``;
fastdt/_grammar.pyx ports it) decides everything from

1. the token sequence.  ``_timelex`` splits a string by character class
   alone (digit, letter, space, '.', ',', each other character), so two
   strings with the same classes in the same places and the same other
   characters have tokens with the same spans.  A template fixes every
   non-alphanumeric character exactly, every digit run's width, and every
   letter run's word record (or its exact text);
2. the word records of the tokens (jump, month, weekday, AM/PM, ...): a name
   item accepts only words whose record has the same role bits;
3. comparisons of numbers with constants: ``_ymd.resolve_ymd`` (> 31, > 12,
   <= 12, <= 31, in the branches for unlabelled values), ``_ymd.append``
   (> 100), the "12am" branch (< 24), the AM/PM word (> 12) and
   ``convertyear`` (< 100).  A template fixes each digit run's class
   (``_value_class``) between the constants its path meets.  The one comparison
   with a variable bound, ``_ymd.could_be_day`` (the month's length), is
   reached only by a number followed by a word that is neither a jump word
   nor AM/PM, or by a character that is neither a separator nor a jump word;
   templates where any digit run is so followed are not made.

With those three fixed, the grammar takes the same branches for every
string the template accepts, so each ``Result`` field comes from the same
token through the same arithmetic (``int``, ``convertyear``, the AM/PM
hour, ``_parsems``' microseconds, the offset's ``+-hhmm``).  Which token
fills which field is learned from one string the grammar parsed: each digit
run must match exactly one field under those operations (so equal values
leave it ambiguous and nothing is learned), every field the grammar set must
be claimed, and the template must reproduce the grammar's ``Result`` on that
string.  Anything else (fuzzy, non-ASCII, h/m/s unit words, "of", sliced
digit runs such as ``20030925``, a name in parentheses, "GMT+3", a parserinfo
whose words contain digits or whose ``convertyear`` is Python) is simply not
templated: those strings take the grammar, as before.

Everything here runs without the GIL and allocates nothing.
"""
from libc.stdint cimport int64_t, INT64_MAX
from libc.string cimport memcpy

from fastdt._tokenizer cimport (Source, word_hash_init, word_hash_mix, C_ZERO, C_COLON,
                                C_MINUS, C_PLUS, C_SLASH, C_DOT, C_COMMA, C_LPAREN,
                                C_RPAREN, C_SPACE, ASCII_CASE_BIT, C_UPPER_U, C_UPPER_T,
                                C_UPPER_C)
from fastdt._tables cimport Tables, WordEntry, convertyear, MAX_WORD
from fastdt._wordtable cimport find_hashed
from fastdt._grammar cimport Result, YMD, UNSET, MAX_TZNAME, adjust_ampm

cdef enum RoleBit:
    R_JUMP = 1
    R_PERTAIN = 2
    R_UTCZONE = 4
    R_WEEKDAY = 8
    R_MONTH = 16
    R_HMS = 32
    R_AMPM = 64

cdef enum:
    MAX_RUN_DIGITS = 4        # a date or time number (longer ones are sliced)
    MAX_FRACTION_DIGITS = 12
    MAX_BACKOFF = 256
    # templates_match's pause: judged on windows of WINDOW tries; a window
    # with at least MIN_MISSES misses, more than twice its hits (under a
    # third of the tries answered), starts a pause
    # (FIRST_PAUSE elements, doubling up to MAX_PAUSE; a good window resets
    # it).  A free-form column pays for about MIN_MISSES tries, then little.
    WINDOW = 256
    MIN_MISSES = 32
    FIRST_PAUSE = 4096
    MAX_PAUSE = 1 << 20
    C_LOWER_A = 97

cdef int64_t[13] _POW10 = [1, 10, 100, 1000, 10000, 100000, 1000000, 10000000,
                           100000000, 1000000000, 10000000000, 100000000000,
                           1000000000000]


# --- small helpers ---------------------------------------------------------------

cdef inline bint _is_digit(unsigned int c) noexcept nogil:
    return c - C_ZERO < 10


cdef inline bint _is_letter(unsigned int c) noexcept nogil:
    return (c | ASCII_CASE_BIT) - C_LOWER_A < 26


cdef enum:
    # Which of resolve_ymd's comparisons a date value meets, by its branch
    YMD_ALL = 0               # two or three unlabelled values: 12 and 31
    YMD_31 = 1                # one value beside a month name: 31 only
    YMD_LABELLED = 2          # every value labelled (names, 4-digit years): none


cdef int _ymd_branch(const Result* parsed) noexcept nogil:
    """The branch of ``resolve_ymd`` the grammar took, from the labels alone
    (which the shape and the 100-class of each value fix)."""
    cdef const YMD* ymd = &parsed.ymd
    cdef Py_ssize_t n = ymd.n
    cdef int nstr = (ymd.ystr >= 0) + (ymd.mstr >= 0) + (ymd.dstr >= 0)
    if (n == nstr and n > 0) or (n == 3 and nstr == 2):
        return YMD_LABELLED
    if n == 1 or (ymd.mstr >= 0 and n == 2):
        return YMD_31
    return YMD_ALL


cdef void _value_class(int64_t v, int target, bint ampm, int ymd_branch, int64_t* lo,
                       int64_t* hi) noexcept nogil:
    """The values ``[lo, hi]`` on the same side as ``v`` of every constant the
    grammar compares a number with on the path that gives it ``target``:
    for those, the grammar takes the same branches.

    A date value: ``_ymd.append``'s 100 and ``convertyear``'s 100, and
    ``resolve_ymd``'s 12 and 31 in the branches that compare them.  An hour
    with AM/PM: "12am"'s 24 and the AM/PM word's 12.  Nothing else: the
    hour, minute and second of "HH:MM:SS", a fraction and an offset are read
    and never compared (any value)."""
    lo[0] = 0
    hi[0] = INT64_MAX
    if target == TG_YEAR or target == TG_MONTH or target == TG_DAY:
        if v >= 100:
            lo[0] = 100 if v == 100 else 101
            hi[0] = 100 if v == 100 else INT64_MAX
        elif ymd_branch == YMD_LABELLED:
            hi[0] = 99
        elif v > 31:
            lo[0] = 32
            hi[0] = 99
        elif ymd_branch == YMD_31:
            hi[0] = 31
        elif v > 12:
            lo[0] = 13
            hi[0] = 31
        else:
            hi[0] = 12
    elif target == TG_HOUR and ampm:
        if v <= 12:
            hi[0] = 12
        elif v < 24:
            lo[0] = 13
            hi[0] = 23
        else:
            lo[0] = 24


cdef inline int _role(const WordEntry* w) noexcept nogil:
    """The parts of a word record the grammar branches on."""
    return ((R_JUMP if w.jump else 0) | (R_PERTAIN if w.pertain else 0)
            | (R_UTCZONE if w.utczone else 0) | (R_WEEKDAY if w.weekday >= 0 else 0)
            | (R_MONTH if w.month > 0 else 0) | (R_HMS if w.hms >= 0 else 0)
            | (R_AMPM if w.ampm >= 0 else 0))


cdef inline int64_t _microseconds(int64_t fraction, int width) noexcept nogil:
    """``_parsems``: ``int(f.ljust(6, "0")[:6])``."""
    if width <= 6:
        return fraction * _POW10[6 - width]
    return fraction // _POW10[width - 6]


cdef bint _float_word(const unsigned char* s, Py_ssize_t n) noexcept nogil:
    """"inf", "nan", "infinity" in any case: float() reads them, so the
    grammar takes them for numbers, not words."""
    cdef const char* w
    cdef Py_ssize_t k
    if n == 3:
        w = b"inf" if (s[0] | ASCII_CASE_BIT) == c'i' else b"nan"
    elif n == 8:
        w = b"infinity"
    else:
        return False
    for k in range(n):
        if (s[k] | ASCII_CASE_BIT) != <unsigned char>w[k]:
            return False
    return True


cdef Py_ssize_t _lookup(const Tables* tables, const unsigned char* s,
                        Py_ssize_t n) noexcept nogil:
    """The word record of ASCII letters ``s[:n]``, or -1: the lexer's lookup
    (``_tokenizer._ascii_word``, which is not exported) on the same table."""
    cdef Py_UCS4 low[MAX_NAME_CHARS]
    cdef Py_hash_t h = word_hash_init()
    cdef Py_ssize_t k
    if n > tables.max_word_len or n > MAX_WORD or n > MAX_NAME_CHARS or n == 0:
        return -1
    if n == 1:
        return tables.single_char_word[s[0] | ASCII_CASE_BIT]
    for k in range(n):
        low[k] = s[k] | ASCII_CASE_BIT
        h = word_hash_mix(h, low[k])
    return find_hashed(tables, low, n, h)


cdef inline bint _jump_char(const Tables* tables, unsigned int c) noexcept nogil:
    cdef int w
    if c >= 128:
        return False
    w = tables.single_char_word[c]
    return w >= 0 and tables.words[w].jump


# --- matching --------------------------------------------------------------------

cdef inline void _clear(const Template* t, Result* res) noexcept nogil:
    """The fields no item fills: what the grammar leaves for this shape."""
    res.year = res.month = res.day = UNSET
    res.hour = res.minute = res.second = UNSET
    res.microsecond = t.usec_const
    res.weekday = UNSET
    res.ampm = UNSET
    res.century_specified = t.century
    res.month_src_start = res.month_src_end = 0
    res.minute_src_start = res.minute_src_end = 0
    res.second_src_start = res.second_src_end = 0
    res.tzword = -1
    res.flags_missing = 0
    res.ymd.n = 0
    res.has_tzoffset = t.has_tzoffset
    res.tzoffset = t.tzoffset
    res.tzname_len = t.tzname_len
    if t.tzname_len > 0:
        memcpy(res.tzname, t.tzname, t.tzname_len * sizeof(Py_UCS4))


cdef inline void _numeric_offset(const Template* t, int64_t tz_h, int64_t tz_m,
                                 Result* res) noexcept nogil:
    """_tzoffset_sign, then parserinfo.validate: a zero offset is "UTC"."""
    cdef int64_t offset = tz_h * 3600 + tz_m * 60
    res.has_tzoffset = True
    res.tzoffset = offset if t.items[t.tz_sign].ch == C_PLUS else -offset
    res.tzname_len = UNSET
    if res.tzoffset == 0:
        res.tzname[0] = C_UPPER_U
        res.tzname[1] = C_UPPER_T
        res.tzname[2] = C_UPPER_C
        res.tzname_len = 3


cdef inline bint _digits(const unsigned char* s, Py_ssize_t pos, Py_ssize_t n, int width,
                         int64_t* value) noexcept nogil:
    """Exactly ``width`` ASCII digits at ``pos`` (no digit after them)."""
    cdef Py_ssize_t j, end = pos + width
    cdef unsigned int d
    cdef int64_t v = 0
    if end > n or (end < n and _is_digit(s[end])):
        return False
    for j in range(pos, end):
        d = s[j] - C_ZERO
        if d > 9:
            return False
        v = v * 10 + d
    value[0] = v
    return True


cdef int _name(const Item* it, const unsigned char* s, Py_ssize_t* pos, Py_ssize_t n,
               const Tables* tables) noexcept nogil:
    """A name item: the value of the word at ``pos`` (month, weekday or AM/PM)
    if its record has the item's role, else -1."""
    cdef Py_ssize_t start = pos[0], end = pos[0], w
    cdef const WordEntry* e
    while end < n and _is_letter(s[end]):
        end += 1
        if end - start > MAX_NAME_CHARS:
            return -1
    if end == start or _float_word(s + start, end - start):
        return -1
    w = _lookup(tables, s + start, end - start)
    if w < 0:
        return -1
    e = &tables.words[w]
    if _role(e) != it.role:
        return -1
    pos[0] = end
    if it.target == TG_MONTH:
        return e.month
    if it.target == TG_WEEKDAY:
        return e.weekday
    return e.ampm


cdef bint _match(const Template* t, const unsigned char* s, Py_ssize_t n,
                 const Tables* tables, Result* res) noexcept nogil:
    """Whether ``s`` has ``t``'s shape and value classes; if so, ``res`` is
    the grammar's Result for it (else ``res`` is left half written)."""
    cdef Py_ssize_t pos = 0, j
    cdef int k, ampm = -1, name
    cdef int64_t v = 0, hour = UNSET, tz_h = 0, tz_m = 0
    cdef const Item* it
    if n < t.min_len or n > t.max_len:
        return False
    _clear(t, res)
    for k in range(t.n_items):
        it = &t.items[k]
        if it.kind == IT_LIT:
            if pos >= n or s[pos] != it.ch:
                return False
            pos += 1
            continue
        if it.kind == IT_WORD:
            if pos + it.width > n or (pos + it.width < n and _is_letter(s[pos + it.width])):
                return False
            for j in range(it.width):
                if s[pos + j] != it.text[j]:
                    return False
            pos += it.width
            continue
        if it.kind == IT_NAME:
            name = _name(it, s, &pos, n, tables)
            if name < 0:
                return False
            v = name
        else:
            if not _digits(s, pos, n, it.width, &v) or v < it.lo or v > it.hi:
                return False          # another shape, or the grammar may branch otherwise
            pos += it.width
        if it.target == TG_YEAR:
            res.year = convertyear(tables, v, t.century)
        elif it.target == TG_MONTH:
            res.month = v
        elif it.target == TG_DAY:
            res.day = v
        elif it.target == TG_HOUR:
            hour = v
        elif it.target == TG_MINUTE:
            res.minute = v
        elif it.target == TG_SECOND:
            res.second = v
        elif it.target == TG_USEC:
            res.microsecond = _microseconds(v, it.width)
        elif it.target == TG_WEEKDAY:
            res.weekday = <int>v
        elif it.target == TG_AMPM:
            ampm = <int>v
            if t.ampm_sets:
                res.ampm = ampm
        elif it.target == TG_TZ_HHMM:
            tz_h = v // 100
            tz_m = v % 100
        elif it.target == TG_TZ_H:
            tz_h = v
        elif it.target == TG_TZ_M:
            tz_m = v
    if pos != n:
        return False
    if hour != UNSET:
        res.hour = adjust_ampm(hour, ampm) if ampm >= 0 else hour
    if t.tz_sign >= 0:
        _numeric_offset(t, tz_h, tz_m, res)
    return True


cdef void templates_init(TemplateSet* ts) noexcept nogil:
    ts.n = 0
    ts.last = 0
    ts.next_slot = 0
    ts.cooldown = 0
    ts.backoff = 1
    ts.hits = ts.misses = 0
    ts.pause = 0
    ts.pause_len = FIRST_PAUSE


cdef bint templates_match(TemplateSet* ts, const Source* src, const Tables* tables,
                          Result* res) noexcept nogil:
    """Fill ``res`` from the first template ``src`` matches (the last one to
    match is tried first); False when none does, or while the set pauses."""
    cdef bint hit
    if ts.pause > 0:
        ts.pause -= 1
        return False
    hit = _match_any(ts, src, tables, res)
    if hit:
        ts.hits += 1
    else:
        ts.misses += 1
        if ts.misses >= MIN_MISSES and ts.misses > 2 * ts.hits:
            ts.pause = ts.pause_len
            ts.pause_len = min(ts.pause_len * 2, MAX_PAUSE)
            ts.hits = ts.misses = 0
    if ts.hits + ts.misses >= WINDOW:
        ts.pause_len = FIRST_PAUSE
        ts.hits = ts.misses = 0
    return hit


cdef bint _match_any(TemplateSet* ts, const Source* src, const Tables* tables,
                     Result* res) noexcept nogil:
    cdef int k
    cdef const unsigned char* s = <const unsigned char*>src.data
    if ts.n == 0 or src.kind != 1 or src.length > MAX_TEMPLATE_CHARS:
        return False
    if _match(&ts.t[ts.last], s, src.length, tables, res):
        return True
    for k in range(ts.n):
        if k != ts.last and _match(&ts.t[k], s, src.length, tables, res):
            ts.last = k
            return True
    return False


# --- learning --------------------------------------------------------------------

cdef struct Shape:
    # what learning knows about each item of the string being learned
    int64_t value[MAX_ITEMS]
    Py_ssize_t word[MAX_ITEMS]      # word record of a letter run, or -1


cdef bint _split(Template* t, Shape* sh, const unsigned char* s, Py_ssize_t n,
                 const Tables* tables) noexcept nogil:
    """Items for ``s``: digit runs, letter runs (names or exact words) and
    literal characters.  False for what is never templated."""
    cdef Py_ssize_t pos = 0, end, w, k
    cdef unsigned int c
    cdef Item* it
    cdef int role
    t.n_items = 0
    while pos < n:
        if t.n_items == MAX_ITEMS:
            return False
        it = &t.items[t.n_items]
        it.target = TG_NONE
        it.lo = 0
        it.hi = INT64_MAX
        it.role = 0
        it.width = 0
        it.ch = 0
        sh.value[t.n_items] = 0
        sh.word[t.n_items] = -1
        c = s[pos]
        end = pos + 1
        if _is_digit(c):
            while end < n and _is_digit(s[end]):
                end += 1
            if end - pos > MAX_FRACTION_DIGITS:
                return False
            it.kind = IT_DIGITS
            it.width = <int>(end - pos)
            for k in range(pos, end):
                sh.value[t.n_items] = sh.value[t.n_items] * 10 + (s[k] - C_ZERO)
        elif _is_letter(c):
            while end < n and _is_letter(s[end]):
                end += 1
            if end - pos > MAX_NAME_CHARS or _float_word(s + pos, end - pos):
                return False
            w = _lookup(tables, s + pos, end - pos)
            sh.word[t.n_items] = w
            role = _role(&tables.words[w]) if w >= 0 else 0
            if role & (R_HMS | R_PERTAIN):
                return False          # "12h", "Jan of 01": not templated
            it.width = <int>(end - pos)
            if role in (R_MONTH, R_WEEKDAY, R_AMPM):
                it.kind = IT_NAME
                it.role = role
                it.target = (TG_MONTH if role == R_MONTH else
                             TG_WEEKDAY if role == R_WEEKDAY else TG_AMPM)
            else:
                it.kind = IT_WORD
                for k in range(end - pos):
                    it.text[k] = s[pos + k]
        elif C_SPACE <= c < 127 and c != C_LPAREN and c != C_RPAREN:
            it.kind = IT_LIT
            it.width = 1
            it.ch = c
        else:
            return False
        t.n_items += 1
        pos = end
    return True


cdef inline bint _is_lit(const Template* t, int k, Py_UCS4 ch) noexcept nogil:
    return 0 <= k < t.n_items and t.items[k].kind == IT_LIT and t.items[k].ch == ch


cdef inline bint _is_sign(const Template* t, int k) noexcept nogil:
    return _is_lit(t, k, C_PLUS) or _is_lit(t, k, C_MINUS)


cdef inline bint _is_digits(const Template* t, int k) noexcept nogil:
    return 0 <= k < t.n_items and t.items[k].kind == IT_DIGITS


cdef bint _claim_offset(Template* t, const Result* parsed) noexcept nogil:
    """A numeric offset at the end ("+0530", "+05:30", "+05"): the items of
    ``_tzoffset_sign`` in the order it tests them.  False if the string has
    none, or it is not what the grammar read."""
    cdef int m = t.n_items
    t.tz_sign = -1
    if not parsed.has_tzoffset or m < 3:
        return False
    if _is_digits(t, m - 1) and _is_sign(t, m - 2):
        if t.items[m - 1].width == 4:
            t.items[m - 1].target = TG_TZ_HHMM
        elif t.items[m - 1].width <= 2:
            t.items[m - 1].target = TG_TZ_H
        else:
            return False
        t.tz_sign = m - 2
        return True
    if (m >= 5 and _is_digits(t, m - 1) and _is_lit(t, m - 2, C_COLON)
            and _is_digits(t, m - 3) and _is_sign(t, m - 4)
            and t.items[m - 3].width <= 2 and t.items[m - 1].width <= 2):
        t.items[m - 3].target = TG_TZ_H
        t.items[m - 1].target = TG_TZ_M
        t.tz_sign = m - 4
        return True
    return False


cdef bint _ymd_has(const Result* parsed, int64_t v) noexcept nogil:
    """Whether the grammar kept ``v`` as one of the date's values."""
    cdef Py_ssize_t j
    for j in range(min(parsed.ymd.n, 4)):
        if parsed.ymd.v[j] == v:
            return True
    return False


cdef int _claim_run(const Template* t, const Shape* sh, int k, int ampm, bint month_named,
                    const Tables* tables, const Result* parsed) noexcept nogil:
    """The one field digit run k can have filled, or TG_NONE when none or
    more than one can (then nothing is learned from this string).

    A run that equals two fields (say the day and the hour) is ambiguous,
    and so is one whose value appears twice: the field each run fills is
    certain only when exactly one field fits it."""
    cdef const Item* it = &t.items[k]
    cdef int64_t v = sh.value[k], hour
    cdef int found = TG_NONE, count = 0
    cdef bint fraction = ((_is_lit(t, k - 1, C_DOT) or _is_lit(t, k - 1, C_COMMA))
                          and _is_digits(t, k - 2))
    if it.width <= MAX_RUN_DIGITS and _ymd_has(parsed, v):
        if parsed.year != UNSET and convertyear(tables, v, parsed.century_specified) == parsed.year:
            found = TG_YEAR
            count += 1
        if it.width <= 2 and not month_named and v == parsed.month:
            found = TG_MONTH
            count += 1
        if it.width <= 2 and v == parsed.day:
            found = TG_DAY
            count += 1
    if fraction:
        # "41.5": the seconds' fraction, as _parsems reads it
        if (t.items[k - 2].target == TG_SECOND and parsed.microsecond != UNSET
                and _microseconds(v, it.width) == parsed.microsecond):
            found = TG_USEC
            count += 1
    elif it.width <= 2:
        hour = adjust_ampm(v, ampm) if ampm >= 0 else v
        if parsed.hour != UNSET and hour == parsed.hour:
            found = TG_HOUR
            count += 1
        if parsed.minute != UNSET and v == parsed.minute:
            found = TG_MINUTE
            count += 1
        if parsed.second != UNSET and v == parsed.second:
            found = TG_SECOND
            count += 1
    return found if count == 1 else TG_NONE


cdef bint _claim_names(Template* t, const Shape* sh, const Tables* tables,
                       const Result* parsed, int* ampm) noexcept nogil:
    """Month, weekday and AM/PM names: at most one of each, each giving the
    grammar's value.  ``ampm`` receives the AM/PM value, or -1."""
    cdef int k, n_month = 0, n_weekday = 0, n_ampm = 0
    cdef const WordEntry* e
    ampm[0] = -1
    for k in range(t.n_items):
        if t.items[k].kind != IT_NAME:
            continue
        e = &tables.words[sh.word[k]]
        if t.items[k].target == TG_MONTH:
            n_month += 1
            if parsed.month != e.month:
                return False
        elif t.items[k].target == TG_WEEKDAY:
            n_weekday += 1
            if parsed.weekday != e.weekday:
                return False
        else:
            n_ampm += 1
            ampm[0] = e.ampm
            if parsed.ampm != UNSET and parsed.ampm != e.ampm:
                return False
    if n_month > 1 or n_weekday > 1 or n_ampm > 1:
        return False
    if parsed.ampm != UNSET and n_ampm == 0:
        return False
    t.ampm_sets = parsed.ampm != UNSET
    return True


cdef bint _claim_runs(Template* t, const Shape* sh, int ampm, const Tables* tables,
                      const Result* parsed, int* claimed) noexcept nogil:
    """Every digit run to exactly one field (the offset's are claimed)."""
    cdef int k
    cdef bint month_named = False
    cdef Item* it
    for k in range(t.n_items):
        if t.items[k].kind == IT_NAME and t.items[k].target == TG_MONTH:
            month_named = True       # a month name is always the month
    for k in range(t.n_items):
        it = &t.items[k]
        if it.kind != IT_DIGITS or it.target != TG_NONE:
            continue
        it.target = _claim_run(t, sh, k, ampm, month_named, tables, parsed)
        if it.target == TG_NONE:
            return False
    for k in range(t.n_items):
        claimed[t.items[k].target] += 1
    return True


cdef bint _complete(const Template* t, const Result* parsed, const int* claimed) noexcept nogil:
    """Each field the grammar set was claimed once, and nothing else was."""
    if ((parsed.year != UNSET) != (claimed[TG_YEAR] == 1) or claimed[TG_YEAR] > 1
            or (parsed.month != UNSET) != (claimed[TG_MONTH] == 1) or claimed[TG_MONTH] > 1
            or (parsed.day != UNSET) != (claimed[TG_DAY] == 1) or claimed[TG_DAY] > 1
            or (parsed.hour != UNSET) != (claimed[TG_HOUR] == 1) or claimed[TG_HOUR] > 1
            or (parsed.minute != UNSET) != (claimed[TG_MINUTE] == 1) or claimed[TG_MINUTE] > 1
            or (parsed.second != UNSET) != (claimed[TG_SECOND] == 1) or claimed[TG_SECOND] > 1
            or claimed[TG_USEC] > 1
            or (parsed.weekday != UNSET) != (claimed[TG_WEEKDAY] == 1)):
        return False
    if claimed[TG_AMPM] and not claimed[TG_HOUR]:
        return False
    # without a fraction, the microsecond is _parsems' 0 or None: by branch
    return claimed[TG_USEC] == 1 or parsed.microsecond == UNSET or parsed.microsecond == 0


cdef bint _words_plain(const Template* t, const Shape* sh, const Tables* tables) noexcept nogil:
    """Exact words are jump words or zone names, never right before a sign
    ("GMT+3" flips the sign) and never beside a numeric offset."""
    cdef int k
    for k in range(t.n_items):
        if t.items[k].kind != IT_WORD:
            continue
        if _is_sign(t, k + 1):
            return False
        if not (sh.word[k] >= 0 and tables.words[sh.word[k]].jump) and t.tz_sign >= 0:
            return False
    return True


cdef bint _never_could_be_day(const Template* t, const Shape* sh,
                              const Tables* tables) noexcept nogil:
    """No number can reach ``_ymd.could_be_day`` (whose bound is the month's
    length, not a constant): each digit run is last, or followed by a date
    or time separator, a jump word, or an AM/PM name (below 24), or it is
    read by the number before it: the minute and second of "HH:MM:SS", a
    fraction, an offset (their field can come from nowhere else, and the
    claim is unique, so that is the path the grammar took)."""
    cdef int k, j
    cdef const Item* it
    cdef const Item* nxt
    for k in range(t.n_items):
        it = &t.items[k]
        if it.kind != IT_DIGITS or it.target in (TG_MINUTE, TG_SECOND, TG_USEC, TG_TZ_HHMM,
                                                  TG_TZ_H, TG_TZ_M):
            continue
        j = k + 1
        if j + 1 < t.n_items and t.items[j + 1].target == TG_USEC:
            j += 2
        if j >= t.n_items:
            continue
        nxt = &t.items[j]
        if nxt.kind == IT_LIT:
            if (nxt.ch == C_COLON or nxt.ch == C_MINUS or nxt.ch == C_SLASH
                    or nxt.ch == C_DOT or _jump_char(tables, nxt.ch)):
                continue
            return False
        if nxt.kind == IT_NAME:
            if nxt.target == TG_AMPM and sh.value[k] < 24:
                continue
            return False
        if nxt.kind == IT_WORD and sh.word[j] >= 0 and tables.words[sh.word[j]].jump:
            continue
        return False
    return True


cdef bint _same_result(const Result* a, const Result* b) noexcept nogil:
    """The fields the column's resolver reads."""
    cdef Py_ssize_t k
    if (a.year != b.year or a.month != b.month or a.day != b.day or a.hour != b.hour
            or a.minute != b.minute or a.second != b.second
            or a.microsecond != b.microsecond or a.weekday != b.weekday or a.ampm != b.ampm
            or a.has_tzoffset != b.has_tzoffset or a.tzoffset != b.tzoffset
            or a.tzname_len != b.tzname_len or a.century_specified != b.century_specified
            or a.month_src_start != b.month_src_start or a.month_src_end != b.month_src_end):
        return False
    for k in range(max(a.tzname_len, 0)):
        if a.tzname[k] != b.tzname[k]:
            return False
    return True


cdef bint _learn(Template* t, const unsigned char* s, Py_ssize_t n, const Tables* tables,
                 const Result* parsed) noexcept nogil:
    """A template from ``s``, which the grammar parsed into ``parsed``."""
    cdef Shape sh
    cdef int claimed[N_TARGETS]
    cdef int k, ampm = -1
    cdef Item* it
    cdef Result check
    if n == 0 or n > MAX_TEMPLATE_CHARS or tables.py_convertyear or tables.words_have_digits:
        return False
    if parsed.minute < UNSET or parsed.second < UNSET:
        return False                  # DEFERRED: Decimal arithmetic
    if not _split(t, &sh, s, n, tables):
        return False
    for k in range(N_TARGETS):
        claimed[k] = 0
    if not _claim_offset(t, parsed) and parsed.has_tzoffset and parsed.tzword < 0:
        return False                  # an offset neither at the end nor from a zone word
    if not _claim_names(t, &sh, tables, parsed, &ampm):
        return False
    if not _claim_runs(t, &sh, ampm, tables, parsed, claimed):
        return False
    if not _complete(t, parsed, claimed):
        return False
    if not _words_plain(t, &sh, tables) or not _never_could_be_day(t, &sh, tables):
        return False
    t.min_len = t.max_len = 0
    for k in range(t.n_items):
        it = &t.items[k]
        if it.kind == IT_DIGITS:
            _value_class(sh.value[k], it.target, ampm >= 0, _ymd_branch(parsed), &it.lo,
                         &it.hi)
        # a name's length varies ("May", "June"), the rest is fixed
        t.min_len += 1 if it.kind == IT_NAME else it.width
        t.max_len += MAX_NAME_CHARS if it.kind == IT_NAME else it.width
    t.century = parsed.century_specified
    t.usec_const = UNSET if claimed[TG_USEC] or parsed.microsecond == UNSET else 0
    t.has_tzoffset = parsed.has_tzoffset
    t.tzoffset = parsed.tzoffset
    t.tzname_len = parsed.tzname_len
    if parsed.tzname_len > 0:
        memcpy(t.tzname, parsed.tzname, parsed.tzname_len * sizeof(Py_UCS4))
    # the last word: the template reproduces the grammar on its own string
    return _match(t, s, n, tables, &check) and _same_result(&check, parsed)


cdef void templates_learn(TemplateSet* ts, const Source* src, const Tables* tables,
                          const Result* parsed) noexcept nogil:
    """Learn a template from a string none matched and the grammar parsed
    (``parsed``).  After a failed attempt, the next waits for more and more
    grammar-parsed strings (1, 2, 4, ... 256): a column of free-form dates
    pays for few attempts.  A new template replaces the oldest."""
    cdef Template fresh
    cdef int slot
    if ts.pause > 0:
        return
    if ts.cooldown > 0:
        ts.cooldown -= 1
        return
    if src.kind == 1 and _learn(&fresh, <const unsigned char*>src.data, src.length,
                                tables, parsed):
        slot = ts.next_slot
        memcpy(&ts.t[slot], &fresh, sizeof(Template))
        ts.last = slot
        ts.next_slot = (slot + 1) % MAX_TEMPLATES
        if ts.n < MAX_TEMPLATES:
            ts.n += 1
        ts.backoff = 1
        return
    ts.cooldown = ts.backoff
    ts.backoff = min(ts.backoff * 2, MAX_BACKOFF)
