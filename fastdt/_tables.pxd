"""A parserinfo's tables compiled into C lookup structures.

``CompiledTables`` owns a ``Tables`` struct; the lexer's ``classify`` and the
grammar read only the struct, so they run without the GIL.  Everywhere in
fastdt the compiled tables are called ``tables``, and the parserinfo they
were compiled from ``tables.parserinfo``.
"""
cimport cython
from libc.stdint cimport int64_t
from fastdt._tokenizer cimport Source, Token, TokenBuf
from fastdt._status cimport ParseOptions

cdef enum:
    # Longest word the lexer lowercases on the stack for a table lookup; a
    # longer token cannot match unless a table word is that long too.
    MAX_WORD = 64

cdef struct WordEntry:
    Py_ssize_t text_start     # into Tables.pool
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

cdef struct Tables:
    # Immutable once CompiledTables.__init__ has filled it: safe to read from
    # any thread, with or without the GIL.
    Py_UCS4* pool                 # all table texts, back to back
    WordEntry* words
    Py_ssize_t n_words
    Py_ssize_t* slots             # open-addressing hash: word index or -1
    Py_ssize_t n_slots            # a power of two
    Py_ssize_t max_word_len
    bint words_have_digits        # else number tokens skip the lookup
    int single_char_word[128]     # word index of each ASCII character, or -1
    ExactEntry* utc_raw           # parserinfo.UTCZONE, case-sensitive
    Py_ssize_t n_utc_raw
    ExactEntry* utc_keys          # keys of parserinfo._utczone (lowered)
    Py_ssize_t n_utc_keys
    ExactEntry* tzoffsets         # parserinfo.TZOFFSET
    Py_ssize_t n_tzoffsets
    long year                     # parserinfo._year
    long century                  # parserinfo._century
    bint py_convertyear           # a subclass overrides convertyear: the
                                  # grammar answers ST_NEEDS_* instead
    bint iso_shortcut             # default tables: parse_iso_fast is exact

# The table lookups, on the struct alone.
cdef int classify(const Tables* tables, const Source* src, TokenBuf* toks) noexcept nogil
cdef bint in_utc_raw(const Tables* tables, const Source* src, const Token* t) noexcept nogil
cdef bint name_in_utc_raw(const Tables* tables, const Py_UCS4* name, Py_ssize_t n) noexcept nogil
cdef bint tzoffset_of(const Tables* tables, const Py_UCS4* name, Py_ssize_t n,
                      long* out) noexcept nogil
cdef int64_t convertyear(const Tables* tables, int64_t year, bint century_specified) noexcept nogil

@cython.final
cdef class CompiledTables:
    cdef readonly object parserinfo    # the parserinfo it was compiled from
    cdef Tables c
    cdef object info_dict              # parserinfo.__dict__ when no class attribute shadows it
    # parserinfo.dayfirst/yearfirst as read for one version of info_dict (PEP
    # 509 tag; 0: none): written whole under the GIL, values before version
    cdef unsigned long long flags_version
    cdef int known_dayfirst
    cdef int known_yearfirst

    cdef int read_dayfirst(self) except -1
    cdef int read_yearfirst(self) except -1
    cdef bint fill_flags(self, ParseOptions* opts) except -1
    cdef int classify_python(self, const Source* src, TokenBuf* toks) except -1
    cdef int64_t convertyear_python(self, int64_t year, bint century_specified) except? -1
    cdef int _allocate(self, list texts, list utc_raw, list utc_keys,
                       list tzoffsets) except -1
    cdef int _fill_words(self, dict roles, list texts) except -1
    cdef Py_ssize_t _store(self, str text, Py_ssize_t pos)
    cdef Py_ssize_t _fill_exact(self, ExactEntry* table, Py_ssize_t* count, list items,
                                Py_ssize_t pos)
