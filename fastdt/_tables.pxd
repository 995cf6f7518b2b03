"""A parserinfo's tables compiled into C lookup structures."""
cimport cython
from fastdt._tokenizer cimport Source, Token, TokenBuf

cdef enum:
    # Longest word the lexer lowercases on the stack for a table lookup; a
    # longer token cannot match unless a table word is that long too.
    MAX_WORD = 64

cdef struct WordEntry:
    Py_ssize_t text_start     # into CompiledInfo.pool
    Py_ssize_t text_len
    Py_hash_t hash
    bint jump
    bint pertain
    bint utczone              # parserinfo.utczone(): case-insensitive
    int weekday               # -1 when not a weekday name
    int month                 # 1-based; 0 when not a month name
    int hms                   # 0/1/2 for h/m/s; -1 otherwise
    int ampm                  # 0/1; -1 otherwise

cdef struct ExactEntry:
    Py_ssize_t text_start
    Py_ssize_t text_len
    long value

@cython.final
cdef class CompiledInfo:
    cdef readonly object info          # the parserinfo it was compiled from
    cdef Py_UCS4* pool                 # all table texts, back to back
    cdef WordEntry* words
    cdef Py_ssize_t n_words
    cdef Py_ssize_t* slots             # open-addressing hash: word index or -1
    cdef Py_ssize_t n_slots            # a power of two
    cdef Py_ssize_t max_word_len
    cdef ExactEntry* utc_raw           # parserinfo.UTCZONE, case-sensitive
    cdef Py_ssize_t n_utc_raw
    cdef ExactEntry* utc_keys          # keys of parserinfo._utczone (lowered)
    cdef Py_ssize_t n_utc_keys
    cdef ExactEntry* tzoffsets         # parserinfo.TZOFFSET
    cdef Py_ssize_t n_tzoffsets
    cdef long year                     # parserinfo._year
    cdef long century                  # parserinfo._century
    cdef bint py_convertyear           # a subclass overrides convertyear
    cdef int single_char_word[128]     # word index of each ASCII character
    cdef object info_dict              # info.__dict__ when no class attribute shadows it
    cdef int read_dayfirst(self) except -1
    cdef int read_yearfirst(self) except -1
    cdef readonly bint iso_shortcut    # default tables: the ISO fast path is exact
    cdef bint words_have_digits        # else number tokens skip the lookup

    cdef Py_ssize_t _store(self, str text, Py_ssize_t pos)
    cdef Py_ssize_t _fill_exact(self, ExactEntry* table, Py_ssize_t* count, list items,
                                Py_ssize_t pos)
    cdef Py_ssize_t _find(self, const Py_UCS4* chars, Py_ssize_t n) noexcept
    cdef Py_ssize_t _find_hashed(self, const Py_UCS4* chars, Py_ssize_t n,
                                 Py_hash_t h) noexcept
    cdef bint _exact_in(self, ExactEntry* table, Py_ssize_t count,
                        const Py_UCS4* name, Py_ssize_t n, long* value) noexcept
    cdef int classify(self, const Source* src, TokenBuf* toks) except -1
    cdef bint in_utc_raw(self, const Source* src, const Token* t) noexcept
    cdef bint name_in_utc_raw(self, const Py_UCS4* name, Py_ssize_t n) noexcept
    cdef int tzoffset_of(self, const Py_UCS4* name, Py_ssize_t n, long* out) noexcept
    cdef int convertyear(self, long long year, bint century_specified,
                         long long* out) except -1
