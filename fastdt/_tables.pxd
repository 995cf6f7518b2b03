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
# The struct layout lives in a leaf header so that the lexer can look words
# up as it reads them (_tokenizer cannot cimport this module: it cimports
# the lexer).
from fastdt._wordtable cimport MAX_WORD, WordEntry, ExactEntry, Tables, WORD_PENDING, find_hashed

# The table lookups, on the struct alone.
cdef int classify(const Tables* tables, const Source* src, TokenBuf* toks) noexcept nogil
cdef int classify_pending(const Tables* tables, const Source* src,
                          TokenBuf* toks) noexcept nogil
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
