"""The compiled tables' C layout (header only).

``fastdt._tables.CompiledTables`` fills a ``Tables`` once and never changes
it; the lexer (``tokenize_classified``), ``classify`` and the grammar read
it without the GIL.  The layout is here, apart from the code that builds
it, so that the lexer can look a word up while it reads it: ``_tables``
cimports the lexer, so the lexer cannot cimport ``_tables``.
"""

cdef enum:
    # Token.word of a token the lexer left for classify_pending (a word
    # that is not plain ASCII letters, a dotted run, ...)
    WORD_PENDING = -2

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
    bint utc_raw_first[128]       # an ASCII character some UTCZONE name
                                  # starts with (in_utc_raw's first test)
    ExactEntry* utc_keys          # keys of parserinfo._utczone (lowered)
    Py_ssize_t n_utc_keys
    ExactEntry* tzoffsets         # parserinfo.TZOFFSET
    Py_ssize_t n_tzoffsets
    long year                     # parserinfo._year
    long century                  # parserinfo._century
    bint py_convertyear           # a subclass overrides convertyear: the
                                  # grammar answers ST_NEEDS_* instead
    bint iso_shortcut             # default tables: parse_iso_fast is exact


cdef inline Py_ssize_t find_hashed(const Tables* tables, const Py_UCS4* chars, Py_ssize_t n,
                                   Py_hash_t h) noexcept nogil:
    """The word record for lowercased ``chars`` whose hash is ``h``, or -1:
    the table's open-addressing probe (``_tables`` and ``_template`` use it;
    the lexer probes with the same steps on its raw bytes, lowering each as it
    compares, to skip the copy)."""
    cdef Py_ssize_t k, slot, w
    cdef const WordEntry* e
    slot = <Py_ssize_t>(<size_t>h & <size_t>(tables.n_slots - 1))
    while True:
        w = tables.slots[slot]
        if w < 0:
            return -1
        e = &tables.words[w]
        if e.hash == h and e.text_len == n:
            for k in range(n):
                if tables.pool[e.text_start + k] != chars[k]:
                    break
            else:
                return w
        slot = (slot + 1) & (tables.n_slots - 1)
