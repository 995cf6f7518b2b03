"""``fastdt.search`` / ``fastdt.finditer``: the timestamp inside a line.

The text is lexed once (fastdt._tokenizer, the lexer ``parse`` uses); a
window of tokens is chosen by the rule of docs/search.md ("The rule"),
written here as a small matcher over the tokens (``_window``); the window's
tokens are handed, as they are, to dateutil's grammar (fastdt._grammar
``parse_tokens``) and the datetime is built as ``parse`` builds it
(fastdt._build ``build_datetime``).  A window starts and ends at token
boundaries, and every whitespace character is a token of its own, so the
window's tokens are exactly the tokens ``parse(m.group())`` lexes: the
answer is ``parse(m.group())``'s.  No regex, no second lexing, no
``parse()`` call per candidate.
"""
from cpython.unicode cimport PyUnicode_Check
from libc.string cimport memcpy

from fastdt._tokenizer cimport (Source, Token, TokenBuf, tokenbuf_init, tokenbuf_free,
                                tokenize_classified, src_char, tok_len, c_tolower,
                                TK_SPACE, TK_WORD, TK_NUMBER, TK_OTHER, TF_ASCII_INT,
                                TF_SKIPPED, TF_SIGN_FLIPPED, INLINE_TOKENS, C_COLON,
                                C_COMMA, C_DOT, C_MINUS, C_PLUS, C_SLASH, C_UPPER_T,
                                C_SPACE, C_ZERO)
from fastdt._wordtable cimport WordEntry
from fastdt._tables cimport CompiledTables, Tables, classify_pending, in_utc_raw
from fastdt._grammar cimport Result, parse_tokens, parse_iso_fast
from fastdt._status cimport (ParseOptions, options_init, ST_OK, ST_NO_MEMORY,
                             ST_NEEDS_PYTHON, ST_NEEDS_LOWER)
from fastdt._parser cimport finish_in_python, tables_for, default_tables
from fastdt._build cimport build_datetime
from fastdt._core cimport Fields

from dateutil.parser import parserinfo as _parserinfo

cdef extern from "Python.h":
    int PyUnicode_READY(object) except -1
    int PyUnicode_KIND(object)
    void* PyUnicode_DATA(object)
    Py_ssize_t PyUnicode_GET_LENGTH(object)


cdef enum:
    # The matcher decides whether a timestamp starts at token k on tokens
    # k .. k + VIEW - 1 alone, so the line is lexed only as far as the
    # search needs (CHUNK characters at a time, cut at a space); a window
    # of more than MAX_WINDOW tokens is none (the longest, "Tue, 1 Jul 2003
    # 10:52:37 +0200", has 17).  The grammar gets it in a stack buffer.
    VIEW = 24
    MAX_WINDOW = 20
    CHUNK = 24
    # Seconds with a fraction: "SS" "." and at most this many digits (the
    # grammar reads up to 6; a longer run is still a fraction of a second).
    MAX_FRACTION = 12
    MAX_SPACES = 2           # "Feb  6": syslog pads a day to two columns
    MAX_OFFSET_HOURS = 14    # UTC+14, Kiribati: the largest offset in use

# Zone abbreviations a log writes after a time.  dateutil's grammar takes any
# all-capital word of up to five letters there (INFO, WARN, ...): only these,
# the parserinfo's UTC names, and tzinfos' keys may extend a match.  Names
# dateutil does not know stay naive, with UnknownTimezoneWarning, exactly as
# parse() answers them.  (Compared in C: the search allocates nothing here.)
cdef const char* _ZONE_WORDS[35]
_ZONE_WORDS[:] = [
    b"UTC", b"GMT", b"UT", b"Z", b"EST", b"EDT", b"CST", b"CDT", b"MST", b"MDT", b"PST",
    b"PDT", b"AKST", b"AKDT", b"HST", b"CET", b"CEST", b"EET", b"EEST", b"WET", b"WEST",
    b"BST", b"MSK", b"IST", b"JST", b"KST", b"HKT", b"SGT", b"AEST", b"AEDT", b"ACST",
    b"ACDT", b"AWST", b"NZST", b"NZDT"]
cdef enum:
    N_ZONE_WORDS = 35


cdef bint _common_zone(const Source* src, const Token* t) noexcept:
    """Token t is one of _ZONE_WORDS, case and all."""
    cdef Py_ssize_t i, k, n = tok_len(t)
    cdef const char* z
    for i in range(N_ZONE_WORDS):
        z = _ZONE_WORDS[i]
        for k in range(n):
            if z[k] == 0 or <Py_UCS4>(<unsigned char>z[k]) != src_char(src, t.start + k):
                break
        else:
            if z[n] == 0:
                return True
    return False


cdef struct Scan:
    # The lexed line, read by the window matcher
    const Source* src
    const Token* tk
    Py_ssize_t n
    const Tables* tables


cdef struct Window:
    # What the matcher found: tokens [first, last)
    Py_ssize_t first
    Py_ssize_t last
    bint has_date
    bint has_year
    bint name_month           # the month is a name: a year may follow the time
    bint needs_time           # "03-17", "081109": a date only with its time
    bint compact              # "081109": the time is "203615"


# --- token tests --------------------------------------------------------------

cdef inline bint _char(const Scan* s, Py_ssize_t k, Py_UCS4 c) noexcept:
    return (k < s.n and s.tk[k].kind == TK_OTHER and tok_len(&s.tk[k]) == 1
            and src_char(s.src, s.tk[k].start) == c)


cdef inline bint _sep(const Scan* s, Py_ssize_t k) noexcept:
    """A date separator: '-', '/' or '.'."""
    return _char(s, k, C_MINUS) or _char(s, k, C_SLASH) or _char(s, k, C_DOT)


cdef inline Py_ssize_t _digits(const Scan* s, Py_ssize_t k) noexcept:
    """How many ASCII digits token k is (0: not a plain digit run)."""
    if k < s.n and s.tk[k].kind == TK_NUMBER and (s.tk[k].flags & TF_ASCII_INT):
        return tok_len(&s.tk[k])
    return 0


cdef inline Py_ssize_t _spaces(const Scan* s, Py_ssize_t k) noexcept:
    """How many whitespace tokens start at k (0 when more than MAX_SPACES:
    a column gap is not inside a timestamp)."""
    cdef Py_ssize_t j = k
    while j < s.n and j - k <= MAX_SPACES and s.tk[j].kind == TK_SPACE:
        j += 1
    return j - k if j - k <= MAX_SPACES else 0


cdef inline bint _ascii_digit(Py_UCS4 c) noexcept:
    return <unsigned int>c - C_ZERO < 10


cdef bint _seconds(const Scan* s, Py_ssize_t k) noexcept:
    """"SS", "SS.ffffff" or "SS,fff" (the lexer keeps a fraction in the
    seconds' token)."""
    cdef const Token* t
    cdef Py_ssize_t i, n
    cdef Py_UCS4 c
    if k >= s.n or s.tk[k].kind != TK_NUMBER:
        return False
    t = &s.tk[k]
    n = tok_len(t)
    if n < 2 or n == 3 or n > 3 + MAX_FRACTION:
        return False
    for i in range(n):
        c = src_char(s.src, t.start + i)
        if i == 2:
            if c != C_DOT and c != C_COMMA:
                return False
        elif not _ascii_digit(c):
            return False
    return True


cdef inline const WordEntry* _entry(const Scan* s, Py_ssize_t k) noexcept:
    if k < s.n and s.tk[k].kind == TK_WORD and s.tk[k].word >= 0:
        return &s.tables.words[s.tk[k].word]
    return NULL


cdef inline bint _capital(const Scan* s, Py_ssize_t k) noexcept:
    """Token k starts with a capital: "may" and "sun" in prose are words,
    "May" and "Sun" before a day are names."""
    cdef Py_UCS4 c = src_char(s.src, s.tk[k].start)
    return c_tolower(c) != c


cdef inline bint _month(const Scan* s, Py_ssize_t k) noexcept:
    cdef const WordEntry* e = _entry(s, k)
    return e is not NULL and e.month > 0 and _capital(s, k)


cdef inline bint _weekday(const Scan* s, Py_ssize_t k) noexcept:
    cdef const WordEntry* e = _entry(s, k)
    return e is not NULL and e.weekday >= 0 and _capital(s, k)


cdef inline bint _ampm(const Scan* s, Py_ssize_t k) noexcept:
    # "a" and "p" are AMPM words too; alone after a time they are prose
    cdef const WordEntry* e = _entry(s, k)
    return e is not NULL and e.ampm >= 0 and tok_len(&s.tk[k]) >= 2


cdef bint _zone_word(const Scan* s, Py_ssize_t k, object text, object tzinfos):
    """A zone name the rule lets extend a match: the parserinfo's UTC
    names, the abbreviations of _ZONE_WORDS, a key of a tzinfos mapping."""
    cdef const WordEntry* e
    if k >= s.n or s.tk[k].kind != TK_WORD or tok_len(&s.tk[k]) > 5:
        return False
    if in_utc_raw(s.tables, s.src, &s.tk[k]):
        return True
    e = _entry(s, k)
    if e is not NULL and e.utczone:
        return True
    if _common_zone(s.src, &s.tk[k]):
        return True
    if tzinfos is None or callable(tzinfos) or not hasattr(tzinfos, "keys"):
        return False
    return text[s.tk[k].start:s.tk[k].end] in tzinfos


cdef Py_ssize_t _offset(const Scan* s, Py_ssize_t k, bint short_ok) noexcept:
    """Tokens of "+HHMM", "-HH:MM" (and "+HH"; with ``short_ok``, after a
    zone name, "+H" as in "GMT+3") at k; 0 if none."""
    cdef Py_ssize_t d
    cdef long long v
    if not (_char(s, k, C_PLUS) or _char(s, k, C_MINUS)):
        return 0
    d = _digits(s, k + 1)
    v = s.tk[k + 1].value if d else 0
    # zones are within 14 hours of UTC: "12:46-56" is no offset
    if d == 4:
        return 2 if v // 100 <= MAX_OFFSET_HOURS and v % 100 < 60 else 0
    if (d == 2 or (short_ok and d == 1)) and v <= MAX_OFFSET_HOURS:
        if (_char(s, k + 2, C_COLON) and _digits(s, k + 3) == 2
                and s.tk[k + 3].value < 60):
            return 4
        return 2
    return 0


cdef Py_ssize_t _time(const Scan* s, Py_ssize_t k, bint* with_seconds) noexcept:
    """Tokens of "H:MM" or "H:MM:SS[.f]" at k; 0 if none, or if more colons
    and numbers follow (an IPv6 address, "0:0:0:0:2181")."""
    cdef Py_ssize_t d = _digits(s, k), n
    if not (1 <= d <= 2 and _char(s, k + 1, C_COLON) and _digits(s, k + 2) == 2):
        return 0
    n = 3
    with_seconds[0] = False
    if _char(s, k + 3, C_COLON) and _seconds(s, k + 4):
        n = 5
        with_seconds[0] = True
    if _char(s, k + n, C_COLON) and s.n > k + n + 1 and s.tk[k + n + 1].kind == TK_NUMBER:
        return 0
    return n


cdef bint _free_start(const Scan* s, Py_ssize_t k) noexcept:
    """A match may start at k: not glued to a number or a word before it,
    nor to a number and a separator ("10.0.1.2", "a1.2.3", "id-2015-10")."""
    cdef const Token* p
    if k == 0:
        return True
    p = &s.tk[k - 1]
    if p.kind == TK_SPACE:
        return True
    if p.kind != TK_OTHER:
        return False
    if tok_len(p) == 1 and (_sep(s, k - 1) or _char(s, k - 1, C_COLON)
                            or _char(s, k - 1, C_PLUS)):
        # "time:2015-..." may start after a word's colon, not a number's
        return _char(s, k - 1, C_COLON) and k >= 2 and s.tk[k - 2].kind == TK_WORD
    return True


cdef inline bint _glued_more(const Scan* s, Py_ssize_t k) noexcept:
    """Token k continues a run of numbers: a separator and a number."""
    return ((_sep(s, k) or _char(s, k, C_COLON)) and k + 1 < s.n
            and s.tk[k + 1].kind == TK_NUMBER)


cdef Py_ssize_t _numeric_date(const Scan* s, Py_ssize_t k, Window* w) noexcept:
    """"2015-10-18", "17/06/09", "9/28/2016", "04-Dec-2005"; "03-17" (month
    and day: only with a time after it)."""
    cdef Py_ssize_t d0 = _digits(s, k), d2
    cdef Py_UCS4 sep
    if not (1 <= d0 <= 4 and _sep(s, k + 1)):
        return 0
    sep = src_char(s.src, s.tk[k + 1].start)
    if not (1 <= _digits(s, k + 2) <= 2 or (_month(s, k + 2) and d0 <= 2)):
        return 0
    if _char(s, k + 3, sep):
        d2 = _digits(s, k + 4)
        if not (d2 == 4 or (d2 == 2 and d0 <= 2) or (d0 == 4 and 1 <= d2 <= 2)):
            return 0
        if _sep(s, k + 5) and k + 6 < s.n and s.tk[k + 6].kind == TK_NUMBER:
            return 0                 # "1.2.3.4": an address, a version
        # "10/Oct/2000:13:55:36" (Apache) ends at the date: dateutil's
        # grammar refuses the colon joint, and the match is what parse reads
        w.has_year = True
        return 5
    if d0 > 2 or sep == C_DOT or _digits(s, k + 2) == 0 or _glued_more(s, k + 3):
        return 0
    w.needs_time = True
    return 3


cdef Py_ssize_t _name_date(const Scan* s, Py_ssize_t k, Window* w) noexcept:
    """"Jun 14", "Dec  4", "Jul 1, 2003", "Dec 04 2005", "1 Jul 2003"."""
    cdef Py_ssize_t j, sp, d
    if _month(s, k):
        sp = _spaces(s, k + 1)
        d = _digits(s, k + 1 + sp)
        if sp == 0 or not 1 <= d <= 2:
            return 0
        j = k + 2 + sp
        w.name_month = True
        if _char(s, j, C_COMMA) and _spaces(s, j + 1) == 1 and _digits(s, j + 2) == 4:
            w.has_year = True
            return j + 3 - k
        if _spaces(s, j) == 1 and _digits(s, j + 1) == 4 and not _char(s, j + 2, C_COLON):
            w.has_year = True
            return j + 2 - k
        return j - k
    d = _digits(s, k)
    if 1 <= d <= 2 and _spaces(s, k + 1) == 1 and _month(s, k + 2):
        w.name_month = True
        if _spaces(s, k + 3) == 1:
            d = _digits(s, k + 4)
            if (d == 4 or d == 2) and not _char(s, k + 5, C_COLON):
                w.has_year = True
                return 5
        return 3
    return 0


cdef Py_ssize_t _compact_date(const Scan* s, Py_ssize_t k, Window* w) noexcept:
    """HDFS's "081109 203615": YYMMDD then HHMMSS; "20151018" before a
    time."""
    cdef Py_ssize_t d = _digits(s, k)
    if (d == 6 or d == 8) and _spaces(s, k + 1) == 1 and _digits(s, k + 2) == 6:
        w.compact = True
        w.needs_time = True
        return 1
    if d == 8:
        w.has_year = True
        w.needs_time = True
        return 1
    return 0


cdef Py_ssize_t _date(const Scan* s, Py_ssize_t k, Window* w) noexcept:
    """The date part at k, an optional weekday before it: its tokens, 0 if
    none."""
    cdef Py_ssize_t j = k, n
    if _weekday(s, j):
        j += 1
        if _char(s, j, C_COMMA):
            j += 1
        n = _spaces(s, j)
        if n == 0:
            return 0
        j += n
        n = _name_date(s, j, w)
        return j + n - k if n else 0
    n = _numeric_date(s, j, w)
    if n == 0:
        n = _name_date(s, j, w)
    if n == 0:
        n = _compact_date(s, j, w)
    return n


cdef Py_ssize_t _after_time(const Scan* s, Py_ssize_t j, Window* w, object text,
                            object tzinfos):
    """AM/PM, a zone, and (after a named month without one) the year."""
    cdef Py_ssize_t sp, n
    sp = _spaces(s, j)
    if sp <= 1 and _ampm(s, j + sp):
        j += sp + 1
    sp = _spaces(s, j)
    if sp <= 1 and _zone_word(s, j + sp, text, tzinfos):
        j += sp + 1
        j += _offset(s, j, True)
    elif sp <= 1:
        n = _offset(s, j + sp, False)
        if n:
            j += sp + n
    if (w.name_month and not w.has_year and _spaces(s, j) == 1 and _digits(s, j + 1) == 4
            and not _glued_more(s, j + 2)):
        w.has_year = True
        j += 2
    return j


cdef bint _window(const Scan* s, Py_ssize_t k, Window* w, object text,
                  object tzinfos) except -1:
    """The rule (docs/search.md): does a timestamp start at token k; if so,
    its tokens in ``w``."""
    cdef Py_ssize_t j, n, sp
    cdef bint with_seconds = False, has_time = False
    w.has_date = w.has_year = w.name_month = w.needs_time = w.compact = False
    if not _free_start(s, k):
        return False
    n = _date(s, k, w)
    j = k + n
    w.has_date = n > 0
    if w.has_date:
        sp = _spaces(s, j)
        if w.compact:
            j += 2                   # the space and "203615"
            has_time = True
        elif sp:
            n = _time(s, j + sp, &with_seconds)
            if n:
                j += sp + n
                has_time = True
        elif (j < s.n and s.tk[j].kind == TK_WORD and tok_len(&s.tk[j]) == 1
              and src_char(s.src, s.tk[j].start) == C_UPPER_T):
            n = _time(s, j + 1, &with_seconds)
            if n:
                j += 1 + n
                has_time = True
        if w.needs_time and not has_time:
            return False
        if not has_time and not (w.has_year or w.name_month):
            return False
    else:
        n = _time(s, k, &with_seconds)
        if n == 0:
            return False
        j = k + n
        has_time = True
    if has_time and not w.compact:
        j = _after_time(s, j, w, text, tzinfos)
        if not w.has_date and not with_seconds and not _ampm(s, j - 1):
            return False             # "12:30" alone is a ratio, a score...
    if j - k > MAX_WINDOW:
        return False
    w.first = k
    w.last = j
    return True


# --- the grammar on a window ----------------------------------------------------

cdef bint _iso_window(CompiledTables tables, const Source* sub, ParseOptions* opts,
                      Result* res) except -1:
    """parse()'s ISO 8601 shortcut (fastdt._parser ``_iso_shortcut``): the
    grammar's Result for its exact ISO forms, where it is exact."""
    if not (tables.c.iso_shortcut and sub.kind == 1 and
            parse_iso_fast(<const unsigned char*>sub.data, sub.length, res) == ST_OK):
        return False
    # dayfirst would read YYYY-MM-DD with DD <= 12 as YYYY-DD-MM
    if res.day <= 12:
        if opts.dayfirst < 0:
            opts.dayfirst = tables.read_dayfirst()
        return not opts.dayfirst
    return True


cdef int _grammar(CompiledTables tables, const Scan* s, const Window* w,
                  ParseOptions* opts, Result* res) except -1:
    """dateutil's _parse on the window's tokens (moved to its own origin, as
    lexing ``m.group()`` would give them): a Status."""
    cdef Source sub
    cdef TokenBuf toks
    cdef Py_ssize_t i, origin = s.tk[w.first].start
    cdef int status
    tokenbuf_init(&toks)
    sub.kind = s.src.kind
    sub.data = <const char*>s.src.data + origin * s.src.kind
    sub.length = s.tk[w.last - 1].end - origin
    memcpy(toks.items, &s.tk[w.first], (w.last - w.first) * sizeof(Token))
    toks.count = w.last - w.first
    for i in range(toks.count):
        toks.items[i].start -= origin
        toks.items[i].end -= origin
        toks.items[i].flags &= ~(TF_SKIPPED | TF_SIGN_FLIPPED)
    if _iso_window(tables, &sub, opts, res):
        return ST_OK
    if opts.dayfirst < 0 or opts.yearfirst < 0:
        tables.fill_flags(opts)
    try:
        status = parse_tokens(&sub, &toks, &tables.c, opts, res)
        if status >= ST_NEEDS_PYTHON:
            status = finish_in_python(tables, &sub, &toks, opts, res, status)
    finally:
        # finish_in_python may lex again ("Jan of 01"), into the heap
        tokenbuf_free(&toks)
    return status

cdef class Match:
    """A timestamp found by ``fastdt.search`` / ``fastdt.finditer``.

    As ``re.Match``: ``start()``, ``end()``, ``span()``, ``group()``, and
    ``string``; ``datetime`` is ``fastdt.parse(m.group())`` with the same
    options; ``fields`` is ``fastdt.parse_fields(m.group())``.
    """
    cdef readonly object string
    cdef readonly object datetime
    cdef Py_ssize_t _start
    cdef Py_ssize_t _end
    cdef object _info
    cdef object _dayfirst
    cdef object _yearfirst

    def __reduce__(self):
        # as re.Match: a match points into the text it was found in
        raise TypeError("cannot pickle 'fastdt.Match' object")

    def start(self):
        """Where the timestamp starts in ``string``."""
        return self._start

    def end(self):
        """Where the timestamp ends in ``string`` (exclusive)."""
        return self._end

    def span(self):
        """``(start(), end())``."""
        return (self._start, self._end)

    def group(self):
        """The timestamp's text: ``string[start():end()]``."""
        return self.string[self._start:self._end]

    @property
    def fields(self):
        """``fastdt.parse_fields(m.group())`` with the same parserinfo,
        dayfirst and yearfirst (computed when asked)."""
        from fastdt._fields import parse_fields
        return parse_fields(self.group(), self._info, dayfirst=self._dayfirst,
                            yearfirst=self._yearfirst)

    def __repr__(self):
        return "<fastdt.Match object; span=%r, match=%r>" % (self.span(), self.group())


cdef struct Line:
    # A line lexed once, as far as the search has needed, and where the
    # next match may start
    Source src
    TokenBuf toks
    Scan scan
    Py_ssize_t next_token
    Py_ssize_t lexed          # characters lexed: src[0:lexed]


cdef int _lex(Line* line, object text, CompiledTables tables) except -1:
    """Point ``line`` (tokenbuf_init'ed) at ``text``; nothing lexed yet."""
    PyUnicode_READY(text)
    line.src.kind = PyUnicode_KIND(text)
    line.src.data = PyUnicode_DATA(text)
    line.src.length = PyUnicode_GET_LENGTH(text)
    line.next_token = 0
    line.lexed = 0
    line.toks.count = 0
    line.toks.pending = 0
    line.scan.src = &line.src
    line.scan.tk = line.toks.items
    line.scan.n = 0
    line.scan.tables = &tables.c
    return 0


cdef Py_ssize_t _cut(const Source* src, Py_ssize_t start) noexcept:
    """Where the next chunk from ``start`` ends: at the first space CHUNK
    characters on, or the end.  A space is a token of its own and the lexer
    carries nothing across one, so lexing [0, cut) then [cut, n) gives the
    tokens lexing [0, n) gives: the line is still lexed once."""
    cdef Py_ssize_t i = start + CHUNK
    while i < src.length and src_char(src, i) != C_SPACE:
        i += 1
    return i if i < src.length else src.length


cdef int _lex_more(Line* line, CompiledTables tables) except -1:
    """Lex the next chunk, appending its tokens (moved to the line's
    offsets), and look their words up."""
    cdef Source chunk
    cdef Py_ssize_t i, first = line.toks.count, start = line.lexed
    cdef int status
    chunk.kind = line.src.kind
    chunk.data = <const char*>line.src.data + start * line.src.kind
    chunk.length = _cut(&line.src, start) - start
    if tokenize_classified(&chunk, &tables.c, &line.toks, False) < 0:
        raise MemoryError()
    for i in range(first, line.toks.count):
        line.toks.items[i].start += start
        line.toks.items[i].end += start
    line.lexed = start + chunk.length
    if line.toks.pending:
        status = classify_pending(&tables.c, &line.src, &line.toks)
        if status == ST_NO_MEMORY:
            raise MemoryError()
        if status == ST_NEEDS_LOWER:
            tables.classify_python(&line.src, &line.toks)
    line.scan.tk = line.toks.items
    line.scan.n = line.toks.count
    return 0


cdef object _next(Line* line, object text, CompiledTables tables, object info,
                  object default, bint ignoretz, object tzinfos, object dayfirst,
                  object yearfirst):
    """The next match from ``line.next_token`` on, or None."""
    cdef Window w
    cdef ParseOptions opts
    cdef Result res
    cdef Fields f
    cdef int status
    cdef Py_ssize_t k = line.next_token
    cdef Match m
    cdef Scan view = line.scan
    while True:
        if k + VIEW > line.scan.n and line.lexed < line.src.length:
            _lex_more(line, tables)
            continue
        if k >= line.scan.n:
            break
        # what the matcher sees from k: VIEW tokens, however far it is lexed
        view = line.scan
        view.n = min(line.scan.n, k + VIEW)
        if not _window(&view, k, &w, text, tzinfos):
            k += 1
            continue
        options_init(&opts, -1 if dayfirst is None else bool(dayfirst),
                     -1 if yearfirst is None else bool(yearfirst), False, 0)
        # a window the grammar refuses, or that names an impossible date, is
        # no timestamp: the search goes on after it
        k = w.last
        if _grammar(tables, &view, &w, &opts, &res) != ST_OK:
            continue
        value = build_datetime(&res, default, ignoretz, tzinfos, tables, None, &f, &status)
        if status != ST_OK:
            continue
        line.next_token = k
        m = Match.__new__(Match)
        m.string = text
        m.datetime = value
        m._start = line.scan.tk[w.first].start
        m._end = line.scan.tk[w.last - 1].end
        m._info = info
        m._dayfirst = dayfirst
        m._yearfirst = yearfirst
        return m
    line.next_token = k
    return None


cdef CompiledTables _tables_of(object text, object parserinfo):
    """Check the arguments; the tables for ``parserinfo``."""
    if not PyUnicode_Check(text):
        raise TypeError("argument 'text' must be str, not %s"
                        % type(text).__name__)
    if not parserinfo:
        return default_tables()
    if not isinstance(parserinfo, _parserinfo):
        raise TypeError("parserinfo must be a dateutil.parser.parserinfo, not %s"
                        % type(parserinfo).__name__)
    return tables_for(parserinfo)


def search(text, parserinfo=None, *, default=None, ignoretz=False, tzinfos=None,
           dayfirst=None, yearfirst=None):
    """The first timestamp in ``text`` (a log line), or None.

    The rule that says what is a timestamp is in docs/search.md; the
    value is ``fastdt.parse(m.group(), parserinfo, ...)`` with the same
    options, so its arguments mean what they mean for ``parse``.

    :param text: a ``str``: a line of a log, or any text.
    :param parserinfo: a ``dateutil.parser.parserinfo``; ``None`` for
        dateutil's English names.
    :param default: the datetime whose fields fill what the timestamp
        leaves out (syslog's year); ``None``: today at midnight.
    :param ignoretz: ``True`` drops the timestamp's zone.
    :param tzinfos: zone names and what they mean, as for ``parse``; the
        keys of a mapping may also extend a match.
    :param dayfirst: ``True`` reads ``01/05/09`` day first.
    :param yearfirst: ``True`` reads ``01/05/09`` year first.
    :returns: a ``fastdt.Match`` (``start() end() span() group()
        datetime fields``), or None when the text holds no timestamp.
    :raises TypeError: when ``text`` is not a str or ``parserinfo`` not a
        ``parserinfo``.
    """
    cdef CompiledTables tables = _tables_of(text, parserinfo)
    cdef Line line
    tokenbuf_init(&line.toks)
    try:
        _lex(&line, text, tables)
        return _next(&line, text, tables, parserinfo, default, ignoretz, tzinfos, dayfirst,
                     yearfirst)
    finally:
        tokenbuf_free(&line.toks)


cdef class _Finder:
    """The iterator ``finditer`` returns: the line, lexed once."""
    cdef Line line
    cdef object text
    cdef CompiledTables tables
    cdef object info
    cdef object default
    cdef bint ignoretz
    cdef object tzinfos
    cdef object dayfirst
    cdef object yearfirst

    def __cinit__(self):
        tokenbuf_init(&self.line.toks)

    def __dealloc__(self):
        tokenbuf_free(&self.line.toks)

    def __iter__(self):
        return self

    def __next__(self):
        m = _next(&self.line, self.text, self.tables, self.info, self.default,
                  self.ignoretz, self.tzinfos, self.dayfirst, self.yearfirst)
        if m is None:
            raise StopIteration
        return m


def finditer(text, parserinfo=None, *, default=None, ignoretz=False, tzinfos=None,
             dayfirst=None, yearfirst=None):
    """Every timestamp in ``text``, in order and without overlaps.

    An iterator of ``fastdt.Match``; the text is lexed once, and each
    match is the one ``fastdt.search`` finds in the rest of the text.

    :param text, parserinfo, default, ignoretz, tzinfos, dayfirst, yearfirst:
        as for ``fastdt.search``.
    :returns: an iterator of ``fastdt.Match``, by ``start()``; empty when
        the text holds no timestamp.
    :raises TypeError: when ``text`` is not a str or ``parserinfo`` not a
        ``parserinfo``.
    """
    cdef CompiledTables tables = _tables_of(text, parserinfo)
    cdef _Finder it = _Finder.__new__(_Finder)
    it.text = text
    it.tables = tables
    it.info = parserinfo
    it.default = default
    it.ignoretz = bool(ignoretz)
    it.tzinfos = tzinfos
    it.dayfirst = dayfirst
    it.yearfirst = yearfirst
    _lex(&it.line, text, tables)
    return it
