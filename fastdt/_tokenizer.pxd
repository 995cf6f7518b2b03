"""Lexer for dateutil's date grammar over a str's own code-point buffer.

Tokens are spans into the source; nothing here creates Python objects.
"""
from fastdt._wordtable cimport Tables, WordEntry, WORD_PENDING, MAX_WORD

cdef extern from "Python.h" nogil:
    # Unicode character classes, as str.isalpha()/isdigit()/isspace() and
    # int()'s digit values see them; pure C lookups, safe without the GIL.
    bint u_isalpha "Py_UNICODE_ISALPHA" (Py_UCS4 ch)
    bint u_isdigit "Py_UNICODE_ISDIGIT" (Py_UCS4 ch)
    bint u_isspace "Py_UNICODE_ISSPACE" (Py_UCS4 ch)
    int u_todecimal "Py_UNICODE_TODECIMAL" (Py_UCS4 ch)
    Py_UCS4 u_tolower "Py_UNICODE_TOLOWER" (Py_UCS4 ch)

# ASCII answers inline; only other code points reach the Unicode database.
# (Arithmetic is on unsigned ints: Cython treats Py_UCS4 + int as str ops.)
cdef inline bint c_isdigit(Py_UCS4 c) noexcept nogil:
    cdef unsigned int u = c
    if u < 128:
        return u - C_ZERO < 10
    return u_isdigit(c)

cdef inline int c_todecimal(Py_UCS4 c) noexcept nogil:
    cdef unsigned int u = c
    if u < 128:
        return <int>(u - C_ZERO) if u - C_ZERO < 10 else -1
    return u_todecimal(c)

cdef inline Py_UCS4 c_tolower(Py_UCS4 c) noexcept nogil:
    cdef unsigned int u = c
    if u < 128:
        return <Py_UCS4>(u | ASCII_CASE_BIT if u - C_UPPER_A < 26 else u)
    return u_tolower(c)

# The compiled tables' word hash (FNV-1a over lowercased code points); here
# so that the lexer can hash ASCII words while it reads them.
cdef inline Py_hash_t word_hash_init() noexcept nogil:
    return <Py_hash_t>1469598103934665603

cdef inline Py_hash_t word_hash_mix(Py_hash_t h, Py_UCS4 c) noexcept nogil:
    return (h ^ <Py_hash_t>c) * <Py_hash_t>1099511628211

cdef enum CharCode:
    # The characters the lexer and the grammar test for, by name (Cython
    # enums cannot hold character literals).
    C_TAB = 9        # '\t'
    C_SPACE = 32     # ' '
    C_LPAREN = 40    # '('
    C_RPAREN = 41    # ')'
    C_PLUS = 43      # '+'
    C_COMMA = 44     # ','
    C_MINUS = 45     # '-'
    C_DOT = 46       # '.'
    C_SLASH = 47     # '/'
    C_ZERO = 48      # '0'
    C_COLON = 58     # ':'
    C_UPPER_A = 65   # 'A'
    C_UPPER_T = 84   # 'T'
    C_UPPER_U = 85   # 'U'
    C_UPPER_C = 67   # 'C'
    C_UPPER_Z = 90   # 'Z'
    C_LOWER_Z = 122  # 'z'
    C_LOWER_I = 105  # 'i'
    C_UPPER_I = 73   # 'I'
    C_LOWER_N = 110  # 'n'
    C_UPPER_N = 78   # 'N'
    ASCII_CASE_BIT = 32   # 'A' | 32 == 'a'

cdef enum:
    # Tokens kept on the stack; longer inputs grow into a heap array.
    INLINE_TOKENS = 48
    # Code points kept on the stack when the input has NULs and is copied.
    INLINE_CHARS = 256
    # Digit runs up to this long have their value in Token.value (fits int64)
    MAX_INT_DIGITS = 18

cdef enum TokenKind:
    TK_SPACE = 1     # one whitespace character; its text is always " "
    TK_WORD = 2      # letters only (dateutil state 'a')
    TK_NUMBER = 3    # digits, possibly with one '.' (or one ',' read as '.')
    TK_OTHER = 4     # anything else: a single punctuation character, or a
                     # dotted run dateutil did not split (e.g. "1.a")

cdef enum TokenFlag:
    TF_COMMA_AS_DOT = 1   # dateutil rewrote "10,5" to "10.5"
    TF_SIGN_FLIPPED = 2   # "GMT+3": dateutil swapped the sign token
    TF_SKIPPED = 4        # fuzzy: token ignored (for fuzzy_with_tokens)
    TF_HASHED = 8         # an ASCII word whose table hash is in ``hash``
    TF_ASCII_INT = 16     # 1 to 18 ASCII digits whose value is in ``value``

cdef struct Source:
    int kind                 # PyUnicode_1BYTE_KIND / 2 / 4
    # NULL when length is 0 and the value has no storage (parse_array's
    # empty numpy 'U' item read before its range narrowed anything): no C
    # library call may be given it unguarded
    const void* data
    Py_ssize_t length

cdef struct Token:
    Py_ssize_t start
    Py_ssize_t end           # exclusive
    int kind
    int flags
    int word                 # index into the compiled word table, -1 if none
    # Worked out by the lexer while it reads the run anyway:
    Py_hash_t hash           # TF_HASHED: word_hash of the lowercased text
    long long value          # TF_ASCII_INT: the digits' value (<= 18 digits)

cdef struct TokenBuf:
    Token* items
    Py_ssize_t count
    Py_ssize_t capacity
    Py_ssize_t pending       # tokens tokenize_classified left WORD_PENDING
    Token inline_items[INLINE_TOKENS]

cdef struct CharBuf:
    Py_UCS4* items
    Py_UCS4 inline_items[INLINE_CHARS]

cdef void tokenbuf_init(TokenBuf* buf) noexcept nogil
cdef void tokenbuf_free(TokenBuf* buf) noexcept nogil
cdef int source_strip_nuls(Source* src, CharBuf* chars) noexcept nogil
cdef void charbuf_free(CharBuf* chars) noexcept nogil
cdef int tokenize(const Source* src, TokenBuf* buf) noexcept nogil
# tokenize, looking each token's word up in ``tables`` as it is read; a
# token it cannot look up cheaply (not plain ASCII) is left WORD_PENDING for
# _tables.classify_pending (``buf.pending`` counts them).  With ``refuse``
# (dateutil's grammar without fuzzy), LEX_REFUSED as soon as a word is read
# that the grammar is sure to answer "Unknown string format" for (the
# tokens after it are not read: a string of words is refused at its first
# unknown word, as dateutil refuses it, without lexing the rest).
cdef enum:
    LEX_REFUSED = 1
cdef int tokenize_classified(const Source* src, const Tables* tables,
                             TokenBuf* buf, bint refuse) noexcept nogil

cdef inline Py_UCS4 src_char(const Source* src, Py_ssize_t i) noexcept nogil:
    if src.kind == 1:
        return (<const unsigned char*>src.data)[i]
    elif src.kind == 2:
        return (<const unsigned short*>src.data)[i]
    return (<const Py_UCS4*>src.data)[i]

cdef inline Py_UCS4 tok_char(const Source* src, const Token* t, Py_ssize_t k) noexcept nogil:
    """Character k of a token's text as dateutil sees it."""
    cdef Py_UCS4 c
    if t.kind == TK_SPACE:
        return C_SPACE
    c = src_char(src, t.start + k)
    if c == C_COMMA and (t.flags & TF_COMMA_AS_DOT):
        return C_DOT
    if t.flags & TF_SIGN_FLIPPED:
        return C_MINUS if c == C_PLUS else C_PLUS
    return c

cdef inline Py_ssize_t tok_len(const Token* t) noexcept nogil:
    return t.end - t.start
