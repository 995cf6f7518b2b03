"""dateutil's ``_timelex`` as a C state machine over code points.

The token boundaries reproduce ``dateutil.parser._timelex`` exactly, including
its quirks, because every later decision in the grammar depends on them:

* letters and digits form separate runs; each whitespace character is its own
  token (text " "), every other character is a one-character token;
* a run may continue through '.' (and one ',' after two or more digits) so
  that "4:30:21.447" keeps its fraction while "Sep.20.2009" is split again
  at the dots afterwards;
* NUL characters are dropped before lexing.
"""
cimport cython
from libc.stdlib cimport malloc, realloc, free
from libc.string cimport memcpy, memchr


cdef void tokenbuf_init(TokenBuf* buf) noexcept nogil:
    buf.items = buf.inline_items
    buf.count = 0
    buf.pending = 0
    buf.capacity = INLINE_TOKENS


cdef void tokenbuf_free(TokenBuf* buf) noexcept nogil:
    if buf.items is not buf.inline_items:
        free(buf.items)
    buf.items = buf.inline_items
    buf.count = 0
    buf.pending = 0
    buf.capacity = INLINE_TOKENS


cdef inline Token* _push(TokenBuf* buf, Py_ssize_t start, Py_ssize_t end, int kind,
                         int flags, int word) noexcept nogil:
    """Append a token; returns it, or NULL when the heap cannot grow."""
    cdef Token* grown
    cdef Token* t
    cdef Py_ssize_t newcap
    if buf.count == buf.capacity:
        newcap = buf.capacity * 2
        if buf.items is buf.inline_items:
            grown = <Token*>malloc(newcap * sizeof(Token))
            if grown is NULL:
                return NULL
            memcpy(grown, buf.items, buf.count * sizeof(Token))
        else:
            grown = <Token*>realloc(buf.items, newcap * sizeof(Token))
            if grown is NULL:
                return NULL
        buf.items = grown
        buf.capacity = newcap
    # through one pointer: the compiler cannot tell the token array from
    # ``buf`` (the inline array is inside it), so each buf.items[buf.count]
    # store would read both again
    t = &buf.items[buf.count]
    buf.count += 1
    if word == WORD_PENDING:
        buf.pending += 1
    t.start = start
    t.end = end
    t.kind = kind
    t.flags = flags
    t.word = word
    return t


cdef int source_strip_nuls(Source* src, CharBuf* chars) noexcept nogil:
    """If the source holds NULs, repoint it at a NUL-free UCS4 copy.

    dateutil's lexer skips NUL characters as it reads them, so a token may
    span one ("1\\x002" is the number 12).  Copying only in that (rare) case
    keeps the common path a zero-copy read of the str's own buffer.
    Returns -1 on allocation failure.
    """
    cdef Py_ssize_t i, n = 0
    cdef Py_UCS4 c
    chars.items = chars.inline_items
    if src.kind == 1:
        # length 0 first: an empty source may have no storage (Source.data
        # NULL), and memchr's pointer must not be NULL even for 0 bytes
        if src.length == 0 or memchr(src.data, 0, src.length) is NULL:
            return 0
    else:
        for i in range(src.length):
            if src_char(src, i) == 0:
                break
        else:
            return 0
    if src.length > INLINE_CHARS:
        chars.items = <Py_UCS4*>malloc(src.length * sizeof(Py_UCS4))
        if chars.items is NULL:
            chars.items = chars.inline_items
            return -1
    for i in range(src.length):
        c = src_char(src, i)
        if c != 0:
            chars.items[n] = c
            n += 1
    src.kind = 4
    src.data = chars.items
    src.length = n
    return 0


cdef void charbuf_free(CharBuf* chars) noexcept nogil:
    if chars.items is not NULL and chars.items is not chars.inline_items:
        free(chars.items)
    chars.items = chars.inline_items


cdef enum LexState:
    ST_NONE, ST_WORD, ST_NUM, ST_WORD_DOT, ST_NUM_DOT

cdef enum CharClass:
    CC_OTHER = 0
    CC_ALPHA = 1
    CC_DIGIT = 2
    CC_SPACE = 3

# str.isalpha/isdigit/isspace for U+0000..U+00FF, filled once at import: the
# lexer's per-character question for almost every input is one table load.
cdef unsigned char _LATIN1_CLASS[256]
for _code in range(256):
    _ch = chr(_code)
    _LATIN1_CLASS[_code] = (CC_ALPHA if _ch.isalpha() else CC_DIGIT if _ch.isdigit()
                            else CC_SPACE if _ch.isspace() else CC_OTHER)


cdef inline int _cls(Py_UCS4 c) noexcept nogil:
    if c < 256:
        return _LATIN1_CLASS[c]
    if u_isalpha(c):
        return CC_ALPHA
    if u_isdigit(c):
        return CC_DIGIT
    if u_isspace(c):
        return CC_SPACE
    return CC_OTHER


cdef inline bint _isword(Py_UCS4 c) noexcept nogil:
    return _cls(c) == CC_ALPHA


cdef inline bint _isnum(Py_UCS4 c) noexcept nogil:
    return _cls(c) == CC_DIGIT


cdef inline int _push_run(TokenBuf* buf, Py_ssize_t start, Py_ssize_t end, int kind,
                          int flags, int word) noexcept nogil:
    """``_push`` for _emit_run: 0, or -1 when the heap cannot grow."""
    return -1 if _push(buf, start, end, kind, flags, word) is NULL else 0


cdef int _emit_split(const Source* src, TokenBuf* buf, Py_ssize_t start,
                     Py_ssize_t end, int word) noexcept nogil:
    """dateutil's ``re.split("([.,])", token)``, dropping empty pieces.

    The pieces of a dotted run are pure letter or pure digit runs, so their
    kind follows from their first character.
    """
    cdef Py_ssize_t i, piece = start
    cdef Py_UCS4 c
    cdef int kind
    for i in range(start, end + 1):
        c = src_char(src, i) if i < end else 0
        if i == end or c == C_DOT or c == C_COMMA:
            if i > piece:
                kind = TK_WORD if _isword(src_char(src, piece)) else TK_NUMBER
                if _push(buf, piece, i, kind, 0, word) is NULL:
                    return -1
            if i < end:
                if _push(buf, i, i + 1, TK_OTHER, 0, word) is NULL:
                    return -1
            piece = i + 1
    return 0


cdef int _emit_run(const Source* src, TokenBuf* buf, Py_ssize_t start,
                   Py_ssize_t end, int state, bint seenletters, int word) noexcept nogil:
    """Emit a word/number run, splitting dotted runs as dateutil does; each
    token's word is ``word`` (-1, or WORD_PENDING: classify it later)."""
    cdef Py_ssize_t i, dots = 0, commas = 0
    cdef Py_UCS4 last = src_char(src, end - 1)
    cdef bint digits_only = True
    cdef Py_UCS4 c
    if state == ST_WORD or state == ST_NUM:
        return _push_run(buf, start, end, TK_WORD if state == ST_WORD else TK_NUMBER, 0, word)
    for i in range(start, end):
        c = src_char(src, i)
        if c == C_DOT:
            dots += 1
        elif c == C_COMMA:
            commas += 1
        elif not _isnum(c):
            digits_only = False
    if seenletters or dots > 1 or last == C_DOT or last == C_COMMA:
        return _emit_split(src, buf, start, end, word)
    if state == ST_NUM_DOT:
        if dots == 0 and commas == 1:
            return _push_run(buf, start, end, TK_NUMBER, TF_COMMA_AS_DOT, word)
        if digits_only and commas == 0:
            return _push_run(buf, start, end, TK_NUMBER, 0, word)
    # e.g. "1.a" at the end of input or "12,5.3": kept whole by dateutil
    return _push_run(buf, start, end, TK_OTHER, 0, word)


ctypedef fused code_unit:
    unsigned char
    unsigned short
    Py_UCS4


cdef int tokenize(const Source* src, TokenBuf* buf) noexcept nogil:
    """Split ``src`` into tokens (every word -1); returns -1 only on
    allocation failure.

    Mirrors ``_timelex.get_token``: ``i`` walks the input once; a token ends
    at the first character that does not fit its state, and that character
    starts the next token (dateutil's ``charstack``).  One loop per str
    storage width, so each character is one plain load.
    """
    return tokenize_classified(src, NULL, buf, False)


cdef int tokenize_classified(const Source* src, const Tables* tables,
                             TokenBuf* buf, bint refuse) noexcept nogil:
    """``tokenize``, and with ``tables`` each token's word as ``classify``
    would set it, or WORD_PENDING: the common tokens (one ASCII character,
    ASCII letters, digits) are looked up while the lexer has them at hand,
    instead of in a second pass that reads every token again.

    ``refuse`` (not fuzzy, with ``tables``): stop at a word the grammar is
    sure to refuse, returning LEX_REFUSED (see _refused)."""
    if src.kind == 1:
        return _tokenize(<const unsigned char*>src.data, src, tables, buf, refuse)
    if src.kind == 2:
        return _tokenize(<const unsigned short*>src.data, src, tables, buf, refuse)
    return _tokenize(<const Py_UCS4*>src.data, src, tables, buf, refuse)


cdef inline int _single_char_word(const Tables* tables, Py_UCS4 c) noexcept nogil:
    """A one-character token's word: -1 without tables, else the table's
    word for an ASCII character, else WORD_PENDING."""
    if tables is NULL:
        return -1
    if c < 128:
        return tables.single_char_word[c_tolower(c)]
    return WORD_PENDING


@cython.boundscheck(False)
@cython.wraparound(False)
cdef Py_ssize_t _ascii_word(const Tables* tables, const code_unit* data, Py_ssize_t start,
                            Py_ssize_t n, Py_hash_t h) noexcept nogil:
    """The table word of ASCII letters ``data[start:start + n]`` hashed to
    ``h`` (lowercased: ``| ASCII_CASE_BIT``), or -1: ``classify``'s lookup,
    reading the source instead of a lowercased copy."""
    cdef Py_ssize_t k, slot, w
    cdef const WordEntry* e
    if n > tables.max_word_len or n > MAX_WORD:
        return -1
    if n == 1:
        return tables.single_char_word[<unsigned int>data[start] | ASCII_CASE_BIT]
    slot = <Py_ssize_t>(<size_t>h & <size_t>(tables.n_slots - 1))
    while True:
        w = tables.slots[slot]
        if w < 0:
            return -1
        e = &tables.words[w]
        if e.hash == h and e.text_len == n:
            for k in range(n):
                if tables.pool[e.text_start + k] != (<unsigned int>data[start + k] | ASCII_CASE_BIT):
                    break
            else:
                return w
        slot = (slot + 1) & (tables.n_slots - 1)


@cython.boundscheck(False)
@cython.wraparound(False)
cdef Py_ssize_t _letter_run(const code_unit* data, Py_ssize_t i, const Source* src,
                            const Tables* tables, TokenBuf* buf) noexcept nogil:
    """The letters from ``i``: one TK_WORD token, hashed (and looked up)
    while read, unless a dot follows (then the dotted-run state machine).
    Returns the index after the run, or -1 on allocation failure."""
    cdef Py_ssize_t start = i, n = src.length
    cdef Py_UCS4 c = data[i]
    cdef bint ascii = c < 128
    cdef Py_hash_t h = word_hash_mix(word_hash_init(), <Py_UCS4>(<unsigned int>c | ASCII_CASE_BIT))
    cdef int word = -1
    cdef Token* t
    i += 1
    while i < n:
        c = data[i]
        if _cls(c) != CC_ALPHA:
            break
        if c >= 128:
            ascii = False
        h = word_hash_mix(h, <Py_UCS4>(<unsigned int>c | ASCII_CASE_BIT))   # used only if ascii
        i += 1
    if i < n and data[i] == C_DOT:
        return _dotted_run(data, start, i, ST_WORD, src, tables, buf)
    if tables is not NULL:
        word = <int>_ascii_word(tables, data, start, i - start, h) if ascii else WORD_PENDING
    t = _push(buf, start, i, TK_WORD, TF_HASHED if ascii else 0, word)
    if t is NULL:
        return -1
    t.hash = h
    return i


@cython.boundscheck(False)
@cython.wraparound(False)
cdef Py_ssize_t _digit_run(const code_unit* data, Py_ssize_t i, const Source* src,
                           const Tables* tables, TokenBuf* buf) noexcept nogil:
    """The digits from ``i``: one TK_NUMBER token with its value worked out
    while read, unless a '.' (or a ',' after two digits) follows (then the
    dotted-run state machine).  Returns the index after the run, or -1."""
    cdef Py_ssize_t start = i, n = src.length
    cdef Py_UCS4 c = data[i]
    cdef bint ascii = c < 128
    cdef long long value = <long long>c - C_ZERO
    cdef int word = -1
    cdef Token* t
    i += 1
    while i < n:
        c = data[i]
        if _cls(c) != CC_DIGIT:
            break
        if c >= 128:
            ascii = False
        elif i - start < MAX_INT_DIGITS:
            value = value * 10 + (<long long>c - C_ZERO)
        i += 1
    if i < n and (data[i] == C_DOT or (data[i] == C_COMMA and i - start >= 2)):
        return _dotted_run(data, start, i, ST_NUM, src, tables, buf)
    ascii = ascii and i - start <= MAX_INT_DIGITS
    if tables is not NULL and tables.words_have_digits:
        word = WORD_PENDING
    t = _push(buf, start, i, TK_NUMBER, TF_ASCII_INT if ascii else 0, word)
    if t is NULL:
        return -1
    t.value = value if ascii else 0
    return i


@cython.boundscheck(False)
@cython.wraparound(False)
cdef Py_ssize_t _dotted_run(const code_unit* data, Py_ssize_t start, Py_ssize_t i,
                            int state, const Source* src, const Tables* tables,
                            TokenBuf* buf) noexcept nogil:
    """dateutil's state machine from ``i`` (a dot or comma after the run
    ``data[start:i]`` read in ``state``), then the run emitted, split at its
    dots as dateutil splits it.  Returns the index after it, or -1."""
    cdef Py_ssize_t n = src.length
    cdef Py_UCS4 c, prev
    cdef bint seenletters = False
    while i < n:
        c = data[i]
        prev = data[i - 1]
        if state == ST_WORD:
            seenletters = True
            if _isword(c):
                pass
            elif c == C_DOT:
                state = ST_WORD_DOT
            else:
                break
        elif state == ST_NUM:
            if _isnum(c):
                pass
            elif c == C_DOT or (c == C_COMMA and i - start >= 2):
                state = ST_NUM_DOT
            else:
                break
        elif state == ST_WORD_DOT:
            seenletters = True
            if c == C_DOT or _isword(c):
                pass
            elif _isnum(c) and prev == C_DOT:
                state = ST_NUM_DOT
            else:
                break
        else:  # ST_NUM_DOT
            if c == C_DOT or _isnum(c):
                pass
            elif _isword(c) and prev == C_DOT:
                state = ST_WORD_DOT
            else:
                break
        i += 1
    if _emit_run(src, buf, start, i, state, seenletters,
                 -1 if tables is NULL else WORD_PENDING) < 0:
        return -1
    return i


cdef enum Refusal:
    RF_NOT_THIS = 0     # not this word (its shape): a later one may be
    RF_REFUSED = 1      # the grammar refuses this word
    RF_NEVER = 2        # the tokens before it let the grammar read past
                        # any word: no later word is refused either


cdef int _refused(const Source* src, const Tables* tables, const TokenBuf* buf) noexcept nogil:
    """dateutil's ``_parse`` (not fuzzy) is sure to raise "Unknown string
    format" at the last token read, a word of ASCII letters the tables do
    not know, given the tokens before it.

    Such a word is not a number (float() reads only "inf", "nan",
    "infinity": 3 and 8 letters are left to the grammar), not a weekday,
    month, AM/PM, jump word, UTC or zone name.  So the token loop reaches
    it and refuses it, unless an earlier token's handler reads past it or
    takes it: a month's does ("Jan of foo" skips "foo"), and once a number
    may have set the hour, a word shaped like a zone name (up to 5 capital
    letters) is one.  A number's handler reads past punctuation, digits
    and table words only (its other lookaheads fail as "Unknown string
    format" too).  Nothing before it can stop the loop with another
    answer: words only set a field or fail themselves, and numbers do too,
    except one past Decimal's precision (decimal.InvalidOperation): only
    plain ASCII digit runs of up to 18 digits may come first.  A token not
    yet looked up (WORD_PENDING) may be a month: none may come first.
    (Called only for an unknown word, so the tokens before it are read
    again only then.)"""
    cdef const Token* t = &buf.items[buf.count - 1]
    cdef Py_ssize_t k, n = t.end - t.start
    cdef bint zone_shaped = n <= 5, numbers = False
    if not (t.kind == TK_WORD and t.word == -1 and (t.flags & TF_HASHED)
            and n != 3 and n != 8):
        return RF_NOT_THIS
    if buf.pending:
        return RF_NEVER
    for k in range(buf.count - 1):
        t = &buf.items[k]
        if t.kind == TK_NUMBER:
            if not (t.flags & TF_ASCII_INT):
                return RF_NEVER
            numbers = True
        elif t.word >= 0 and tables.words[t.word].month > 0:
            return RF_NEVER
    if numbers and zone_shaped:
        t = &buf.items[buf.count - 1]
        for k in range(n):
            if not (C_UPPER_A <= <unsigned int>src_char(src, t.start + k) <= C_UPPER_Z):
                return RF_REFUSED
        return RF_NOT_THIS
    return RF_REFUSED


@cython.boundscheck(False)
@cython.wraparound(False)
cdef int _tokenize(const code_unit* data, const Source* src, const Tables* tables,
                   TokenBuf* buf, bint refuse) noexcept nogil:
    """``tokenize_classified`` for one storage width (``data`` is
    ``src.data``; ``tables`` may be NULL: words left -1)."""
    cdef Py_ssize_t i = 0, n = src.length
    cdef Py_UCS4 c
    cdef int cls, refusal
    refuse = refuse and tables is not NULL
    while i < n:
        c = data[i]
        cls = _cls(c)
        if cls == CC_SPACE or cls == CC_OTHER:
            # one whitespace or punctuation character is one token
            # (a whitespace token's text is " ", whatever the character)
            if _push(buf, i, i + 1, TK_SPACE if cls == CC_SPACE else TK_OTHER, 0,
                     _single_char_word(tables, C_SPACE if cls == CC_SPACE else c)) is NULL:
                return -1
            i += 1
        elif cls == CC_ALPHA:
            i = _letter_run(data, i, src, tables, buf)
            if refuse and i >= 0 and buf.items[buf.count - 1].word == -1:
                refusal = _refused(src, tables, buf)
                if refusal == RF_REFUSED:
                    return LEX_REFUSED
                refuse = refusal != RF_NEVER
        else:
            i = _digit_run(data, i, src, tables, buf)
        if i < 0:
            return -1
    return 0
