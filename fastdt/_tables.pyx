"""Compile a dateutil ``parserinfo`` into immutable C lookup tables.

dateutil answers ``info.month(token)`` with ``token.lower()`` and a dict
lookup: two allocations per question, several questions per token.  Here
every table word (jump words, weekday and month names, h/m/s units, AM/PM,
UTC names, "of") is stored once, lowercased, in one code-point pool with a
record saying every role it plays, behind an open-addressing hash table.
Each token is looked up once (``classify``) by hashing its lowercased code
points on the stack; the grammar then reads the roles from the record.

Built once per ``Parser`` and never mutated afterwards, so one instance is
safe to share between threads.
"""
import warnings

cimport cython
from libc.stdlib cimport malloc, calloc, free
from libc.stdint cimport int64_t
from cpython.ref cimport PyObject
cdef extern from "Python.h":
    # NULL with no exception set means "not there" (unlike PyDict_GetItem it
    # does not save and restore the error state on every call)
    PyObject* PyDict_GetItemWithError(object d, object key) except? NULL
from cpython.unicode cimport PyUnicode_GET_LENGTH, PyUnicode_READ_CHAR
from fastdt._tokenizer cimport (Source, Token, TokenBuf, tok_char, tok_len, c_tolower,
                                TK_NUMBER, TF_HASHED, ASCII_CASE_BIT, word_hash_init, word_hash_mix,
                                src_char)
from fastdt._status cimport ST_OK, ST_NEEDS_LOWER, ParseOptions
from fastdt._dictversion cimport HAVE_DICT_VERSION, dict_version

from dateutil.parser import parserinfo as _parserinfo

# Methods fastdt answers from compiled tables instead of calling.
_TABLE_METHODS = ("jump", "weekday", "month", "hms", "ampm", "pertain",
                  "utczone", "tzoffset", "validate")

# parserinfo attributes that, equal to a plain parserinfo()'s, make the ISO
# shortcut exact
_ISO_TABLES = ("_jump", "_weekdays", "_months", "_hms", "_ampm", "_utczone",
               "_pertain", "UTCZONE", "TZOFFSET")

cdef enum:
    LATIN_CAPITAL_I_DOT = 0x130     # str.lower(): "i" + COMBINING DOT ABOVE
    LATIN_SMALL_I = 0x69
    COMBINING_DOT_ABOVE = 0x307
    GREEK_CAPITAL_SIGMA = 0x3A3
    GREEK_SMALL_FINAL_SIGMA = 0x3C2
    GREEK_SMALL_SIGMA = 0x3C3

# The private fields of a parserinfo that fastdt compiles, and their types:
# parserinfo.__init__ builds them in every dateutil fastdt supports (2.9.0
# to 4.0.0), but they are not dateutil's API, so each Parser checks them.
_PRIVATE_FIELDS = (("_jump", dict), ("_weekdays", dict), ("_months", dict),
                   ("_hms", dict), ("_ampm", dict), ("_utczone", dict),
                   ("_pertain", dict), ("_year", int), ("_century", int))


def _check_private_fields(info):
    """Fail with a clear message, rather than misparse, if ``info`` lacks a
    private field fastdt compiles (a dateutil that renamed it, or a subclass
    whose ``__init__`` skipped ``parserinfo.__init__``)."""
    for name, kind in _PRIVATE_FIELDS:
        value = getattr(info, name, None)
        if not isinstance(value, kind):
            import dateutil
            raise RuntimeError(
                "fastdt cannot compile this parserinfo: with python-dateutil %s "
                "installed, %s().%s is %s, not the %s that dateutil 2.9.0 to "
                "4.0.0 build in parserinfo.__init__ (fastdt compiles those "
                "private tables).  Install a python-dateutil fastdt supports, "
                "or make sure a parserinfo subclass calls parserinfo.__init__."
                % (dateutil.__version__, type(info).__name__, name,
                   "missing" if value is None else "a " + type(value).__name__,
                   kind.__name__))



# --- lookups on the struct (no GIL) -------------------------------------------

cdef Py_ssize_t _find(const Tables* tables, const Py_UCS4* chars, Py_ssize_t n) noexcept nogil:
    """``_find_hashed`` for chars the lexer did not hash."""
    cdef Py_hash_t h = word_hash_init()
    cdef Py_ssize_t k
    for k in range(n):
        h = word_hash_mix(h, chars[k])
    return find_hashed(tables, chars, n, h)


cdef bint _all_greek(const Source* src, const Token* t, Py_ssize_t n) noexcept nogil:
    """Every character a Greek letter (capital or small, with tonos)."""
    cdef Py_ssize_t k
    cdef unsigned int c
    for k in range(n):
        c = tok_char(src, t, k)
        if not (0x391 <= c <= 0x3A9 or 0x3B1 <= c <= 0x3C9 or c == 0x386
                or 0x388 <= c <= 0x38F or 0x3AA <= c <= 0x3B0 or 0x3CA <= c <= 0x3CE):
            return False
    return True


cdef Py_ssize_t _lower(const Source* src, const Token* t, Py_UCS4* lowered) noexcept nogil:
    """``token.lower()`` into ``lowered`` (MAX_WORD code points).

    Returns its length, MAX_WORD + 1 when it is longer than any table word
    can be, or -1 when only Python's str.lower() can say (a capital sigma
    whose final/non-final form depends on letters C does not classify).
    """
    cdef Py_ssize_t k, j = 0, n = tok_len(t)
    cdef Py_UCS4 c
    for k in range(n):
        c = tok_char(src, t, k)
        if j + 2 > MAX_WORD:
            return MAX_WORD + 1
        if c == LATIN_CAPITAL_I_DOT:
            lowered[j] = LATIN_SMALL_I
            lowered[j + 1] = COMBINING_DOT_ABOVE
            j += 2
        elif c == GREEK_CAPITAL_SIGMA:
            # final form at the end of a word.  Decided here only for
            # all-Greek-letter tokens, where every letter is cased and none
            # case-ignorable, as Python's rule needs.
            if not _all_greek(src, t, n):
                return -1
            lowered[j] = GREEK_SMALL_FINAL_SIGMA if (k > 0 and k == n - 1) else GREEK_SMALL_SIGMA
            j += 1
        else:
            lowered[j] = c_tolower(c)
            j += 1
    return j


cdef int _classify_other(const Tables* tables, const Source* src, Token* t) noexcept nogil:
    """``classify`` for a token that is neither one ASCII character
    nor ASCII letters: lowercase it as str.lower() does, then look it up."""
    cdef Py_UCS4 lowered[MAX_WORD]
    cdef Py_ssize_t n = _lower(src, t, lowered)
    if n < 0:
        return ST_NEEDS_LOWER
    if n <= MAX_WORD:
        t.word = _find(tables, lowered, n)
    return ST_OK


cdef inline int _classify_token(const Tables* tables, const Source* src,
                                Token* t) noexcept nogil:
    """Set ``t.word``: one table lookup (ST_OK), or ST_NEEDS_LOWER with the
    word left -1 when only Python's str.lower() can lowercase it."""
    cdef Py_UCS4 lowered[MAX_WORD]
    cdef Py_ssize_t k, n = tok_len(t)
    cdef Py_UCS4 c
    t.word = -1
    if n > tables.max_word_len or n > MAX_WORD:
        return ST_OK
    if t.kind == TK_NUMBER and not tables.words_have_digits:
        return ST_OK
    if n == 1:
        c = tok_char(src, t, 0)
        if c < 128:
            t.word = tables.single_char_word[c_tolower(c)]
            return ST_OK
    if t.flags & TF_HASHED:
        # ASCII letters: lowercase is "| 32", the hash is the lexer's
        for k in range(n):
            lowered[k] = <unsigned int>src_char(src, t.start + k) | ASCII_CASE_BIT
        t.word = find_hashed(tables, lowered, n, t.hash)
        return ST_OK
    return _classify_other(tables, src, t)


cdef int classify(const Tables* tables, const Source* src, TokenBuf* toks) noexcept nogil:
    """Set ``token.word`` for every token: one table lookup per token.

    ST_NEEDS_LOWER if some token needs Python's str.lower() (its word is
    left -1; ``CompiledTables.classify_python`` does those)."""
    cdef Py_ssize_t i
    cdef int status = ST_OK
    for i in range(toks.count):
        if _classify_token(tables, src, &toks.items[i]) != ST_OK:
            status = ST_NEEDS_LOWER
    return status


cdef int classify_pending(const Tables* tables, const Source* src,
                          TokenBuf* toks) noexcept nogil:
    """``classify`` for the tokens ``tokenize_classified`` left WORD_PENDING
    (``toks.pending`` of them); the others already have their word."""
    cdef Py_ssize_t i, left = toks.pending
    cdef int status = ST_OK
    i = 0
    while left > 0 and i < toks.count:
        if toks.items[i].word == WORD_PENDING:
            left -= 1
            if _classify_token(tables, src, &toks.items[i]) != ST_OK:
                status = ST_NEEDS_LOWER
        i += 1
    toks.pending = 0
    return status


cdef bint _exact_in(const Tables* tables, const ExactEntry* table, Py_ssize_t count,
                    const Py_UCS4* name, Py_ssize_t n, long* value) noexcept nogil:
    cdef Py_ssize_t i, k
    cdef const ExactEntry* e
    for i in range(count):
        e = &table[i]
        if e.text_len != n:
            continue
        for k in range(n):
            if tables.pool[e.text_start + k] != name[k]:
                break
        else:
            if value is not NULL:
                value[0] = e.value
            return True
    return False


cdef bint in_utc_raw(const Tables* tables, const Source* src, const Token* t) noexcept nogil:
    """``token in info.UTCZONE`` (case-sensitive, as dateutil checks it)."""
    cdef Py_ssize_t i, k, n = tok_len(t)
    cdef const ExactEntry* e
    cdef Py_UCS4 first = tok_char(src, t, 0)     # tokens are never empty
    # most tokens asked about (a space, a word in lower case) start with a
    # character no UTCZONE name starts with
    if first < 128 and not tables.utc_raw_first[first]:
        return False
    for i in range(tables.n_utc_raw):
        e = &tables.utc_raw[i]
        if e.text_len != n:
            continue
        for k in range(n):
            if tables.pool[e.text_start + k] != tok_char(src, t, k):
                break
        else:
            return True
    return False


cdef bint name_in_utc_raw(const Tables* tables, const Py_UCS4* name, Py_ssize_t n) noexcept nogil:
    return _exact_in(tables, tables.utc_raw, tables.n_utc_raw, name, n, NULL)


cdef bint tzoffset_of(const Tables* tables, const Py_UCS4* name, Py_ssize_t n,
                      long* out) noexcept nogil:
    """parserinfo.tzoffset(name): True and *out set, or False for None."""
    if _exact_in(tables, tables.utc_keys, tables.n_utc_keys, name, n, NULL):
        out[0] = 0
        return True
    return _exact_in(tables, tables.tzoffsets, tables.n_tzoffsets, name, n, out)


cdef int64_t convertyear(const Tables* tables, int64_t year, bint century_specified) noexcept nogil:
    """parserinfo.convertyear: the two-digit-year window (not for a Python
    override: tables.py_convertyear)."""
    if year < 100 and not century_specified:
        year += tables.century
        if year >= tables.year + 50:
            year -= 100
        elif year < tables.year - 50:
            year += 100
    return year


# --- compiling ---------------------------------------------------------------

def _warn_overridden_methods(cls):
    for name in _TABLE_METHODS:
        if getattr(cls, name) is not getattr(_parserinfo, name):
            warnings.warn(
                "fastdt compiles parserinfo tables; the overridden method "
                "%s.%s is not called (override the class tables instead)"
                % (cls.__name__, name), RuntimeWarning, stacklevel=3)


def _word_roles(info):
    """{word: its roles}, from exactly the dicts parserinfo.__init__ built."""
    roles = {}

    def role(word):
        if word not in roles:
            roles[word] = {"jump": False, "pertain": False, "utczone": False,
                           "weekday": -1, "month": 0, "hms": -1, "ampm": -1}
        return roles[word]
    for w in info._jump:
        role(w)["jump"] = True
    for w in info._pertain:
        role(w)["pertain"] = True
    for w in info._utczone:
        role(w)["utczone"] = True
    for w, v in info._weekdays.items():
        role(w)["weekday"] = v
    for w, v in info._months.items():
        role(w)["month"] = v + 1
    for w, v in info._hms.items():
        role(w)["hms"] = v
    for w, v in info._ampm.items():
        role(w)["ampm"] = v
    return roles


cdef class CompiledTables:
    """The C form of one parserinfo instance (read-only after __init__)."""

    def __cinit__(self):
        self.flags_version = 0
        self.c.pool = NULL
        self.c.words = NULL
        self.c.slots = NULL
        self.c.utc_raw = NULL
        self.c.utc_keys = NULL
        self.c.tzoffsets = NULL

    def __dealloc__(self):
        free(self.c.pool)
        free(self.c.words)
        free(self.c.slots)
        free(self.c.utc_raw)
        free(self.c.utc_keys)
        free(self.c.tzoffsets)

    def __init__(self, parserinfo):
        if not isinstance(parserinfo, _parserinfo):
            raise TypeError("parserinfo must be a dateutil.parser.parserinfo, not %s"
                            % type(parserinfo).__name__)
        _check_private_fields(parserinfo)
        self.parserinfo = parserinfo
        cls = type(parserinfo)
        _warn_overridden_methods(cls)
        self.c.py_convertyear = cls.convertyear is not _parserinfo.convertyear
        self.c.year = parserinfo._year
        self.c.century = parserinfo._century
        # dateutil reads info.dayfirst/yearfirst on every call; when they are
        # plain instance attributes, reading the instance dict is the same
        # answer without the attribute machinery.
        self.info_dict = None
        if (not hasattr(cls, "dayfirst") and not hasattr(cls, "yearfirst")
                and cls.__getattribute__ is object.__getattribute__
                and type(getattr(parserinfo, "__dict__", None)) is dict):
            self.info_dict = parserinfo.__dict__
        reference = _parserinfo()
        self.c.iso_shortcut = (
            not self.c.py_convertyear and
            all(getattr(cls, name) is getattr(_parserinfo, name) for name in _TABLE_METHODS) and
            all(getattr(parserinfo, attr) == getattr(reference, attr) for attr in _ISO_TABLES))

        roles = _word_roles(parserinfo)
        texts = [w for w in roles if isinstance(w, str)]
        utc_raw = [(z, 0) for z in parserinfo.UTCZONE if isinstance(z, str)]
        utc_keys = [(z, 0) for z in parserinfo._utczone if isinstance(z, str)]
        tzoffsets = [(key, val) for key, val in parserinfo.TZOFFSET.items()
                     if isinstance(key, str) and isinstance(val, int)]
        self._allocate(texts, utc_raw, utc_keys, tzoffsets)
        self._fill_words(roles, texts)
        pos = sum(len(w) for w in texts)
        pos = self._fill_exact(self.c.utc_raw, &self.c.n_utc_raw, utc_raw, pos)
        pos = self._fill_exact(self.c.utc_keys, &self.c.n_utc_keys, utc_keys, pos)
        self._fill_exact(self.c.tzoffsets, &self.c.n_tzoffsets, tzoffsets, pos)

    cdef int _allocate(self, list texts, list utc_raw, list utc_keys,
                       list tzoffsets) except -1:
        """The pool, the records and the hash slots, sized for these tables."""
        cdef Py_ssize_t k
        total = (sum(len(text) for text in texts)
                 + sum(len(text) for text, _ in utc_raw + utc_keys + tzoffsets))
        self.c.pool = <Py_UCS4*>malloc((total + 1) * sizeof(Py_UCS4))
        self.c.words = <WordEntry*>calloc(len(texts) + 1, sizeof(WordEntry))
        self.c.n_slots = 16
        while self.c.n_slots < 2 * len(texts):
            self.c.n_slots *= 2
        self.c.slots = <Py_ssize_t*>malloc(self.c.n_slots * sizeof(Py_ssize_t))
        self.c.utc_raw = <ExactEntry*>calloc(len(utc_raw) + 1, sizeof(ExactEntry))
        self.c.utc_keys = <ExactEntry*>calloc(len(utc_keys) + 1, sizeof(ExactEntry))
        self.c.tzoffsets = <ExactEntry*>calloc(len(tzoffsets) + 1, sizeof(ExactEntry))
        if (self.c.pool is NULL or self.c.words is NULL or self.c.slots is NULL or
                self.c.utc_raw is NULL or self.c.utc_keys is NULL or self.c.tzoffsets is NULL):
            raise MemoryError()
        for k in range(self.c.n_slots):
            self.c.slots[k] = -1
        for k in range(128):
            self.c.single_char_word[k] = -1
            self.c.utc_raw_first[k] = False
        for text, _ in utc_raw:
            if len(text) > 0 and ord(text[0]) < 128:
                self.c.utc_raw_first[ord(text[0])] = True
        return 0

    cdef int _fill_words(self, dict roles, list texts) except -1:
        """One record per word, in the pool from 0, behind the hash slots."""
        cdef WordEntry* e
        cdef Py_hash_t h
        cdef Py_ssize_t pos = 0, slot
        self.c.n_words = 0
        self.c.max_word_len = 0
        self.c.words_have_digits = False
        for text in texts:
            r = roles[text]
            e = &self.c.words[self.c.n_words]
            e.text_start = pos
            e.text_len = len(text)
            pos = self._store(text, pos)
            h = word_hash_init()
            for ch in text:
                h = word_hash_mix(h, ord(ch))
                if ch.isdigit():
                    self.c.words_have_digits = True
            e.hash = h
            e.jump = r["jump"]
            e.pertain = r["pertain"]
            e.utczone = r["utczone"]
            e.weekday = r["weekday"]
            e.month = r["month"]
            e.hms = r["hms"]
            e.ampm = r["ampm"]
            if e.text_len > self.c.max_word_len:
                self.c.max_word_len = e.text_len
            if e.text_len == 1 and ord(text) < 128:
                self.c.single_char_word[ord(text)] = self.c.n_words
            slot = <Py_ssize_t>(<size_t>h & <size_t>(self.c.n_slots - 1))
            while self.c.slots[slot] != -1:
                slot = (slot + 1) & (self.c.n_slots - 1)
            self.c.slots[slot] = self.c.n_words
            self.c.n_words += 1
        return 0

    cdef Py_ssize_t _fill_exact(self, ExactEntry* table, Py_ssize_t* count, list items,
                                Py_ssize_t pos):
        """Store (text, value) pairs for a case-sensitive table; new pool end."""
        count[0] = 0
        for text, value in items:
            table[count[0]].text_start = pos
            table[count[0]].text_len = len(text)
            table[count[0]].value = value
            pos = self._store(text, pos)
            count[0] += 1
        return pos

    cdef Py_ssize_t _store(self, str text, Py_ssize_t pos):
        for ch in text:
            self.c.pool[pos] = ord(ch)
            pos += 1
        return pos

    # --- the parts of a parse only Python can do ------------------------------

    cdef int read_dayfirst(self) except -1:
        """``parserinfo.dayfirst`` (for ST_NEEDS_FLAGS)."""
        cdef PyObject* v
        if self.info_dict is not None:
            v = PyDict_GetItemWithError(self.info_dict, "dayfirst")
            if v is not NULL:
                return bool(<object>v)
        return bool(self.parserinfo.dayfirst)

    cdef int read_yearfirst(self) except -1:
        """``parserinfo.yearfirst`` (for ST_NEEDS_FLAGS)."""
        cdef PyObject* v
        if self.info_dict is not None:
            v = PyDict_GetItemWithError(self.info_dict, "yearfirst")
            if v is not NULL:
                return bool(<object>v)
        return bool(self.parserinfo.yearfirst)

    cdef bint fill_flags(self, ParseOptions* opts) except -1:
        """Fill the options' missing dayfirst/yearfirst (-1) with the
        parserinfo's, when its instance dict says they are still the values
        last read (one compare, no lookup: dateutil reads both on every
        call).  False when that cannot be known; the grammar then asks for a
        flag only if the date needs it (ST_NEEDS_FLAGS)."""
        cdef unsigned long long version
        cdef int dayfirst, yearfirst
        if not HAVE_DICT_VERSION or self.info_dict is None:
            return False
        version = dict_version(self.info_dict)
        if version == 0:
            return False
        if version != self.flags_version:
            dayfirst = self.read_dayfirst()
            yearfirst = self.read_yearfirst()
            if dict_version(self.info_dict) != version:
                return False          # reading them changed the dict
            self.known_dayfirst = dayfirst
            self.known_yearfirst = yearfirst
            self.flags_version = version
        if opts.dayfirst < 0:
            opts.dayfirst = self.known_dayfirst
        if opts.yearfirst < 0:
            opts.yearfirst = self.known_yearfirst
        return True

    cdef int classify_python(self, const Source* src, TokenBuf* toks) except -1:
        """``classify`` after ST_NEEDS_LOWER: str.lower() for the tokens C
        could not lowercase."""
        cdef Py_UCS4 lowered[MAX_WORD]
        cdef Py_ssize_t i, k, n
        cdef Token* t
        if classify(&self.c, src, toks) == ST_OK:
            return 0
        for i in range(toks.count):
            t = &toks.items[i]
            if (t.word >= 0 or tok_len(t) > self.c.max_word_len or tok_len(t) > MAX_WORD
                    or _lower(src, t, lowered) >= 0):
                continue
            text = "".join([chr(tok_char(src, t, k)) for k in range(tok_len(t))]).lower()
            n = PyUnicode_GET_LENGTH(text)
            if n > MAX_WORD:
                continue
            for k in range(n):
                lowered[k] = PyUnicode_READ_CHAR(text, k)
            t.word = _find(&self.c, lowered, n)
        return 0

    cdef int64_t convertyear_python(self, int64_t year, bint century_specified) except? -1:
        """A subclass's own ``convertyear`` (ST_NEEDS_OF_YEAR / _CONVERTYEAR)."""
        return self.parserinfo.convertyear(year, century_specified)
