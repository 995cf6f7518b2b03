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
from cpython.ref cimport PyObject
cdef extern from "Python.h":
    # NULL with no exception set means "not there" (unlike PyDict_GetItem it
    # does not save and restore the error state on every call)
    PyObject* PyDict_GetItemWithError(object d, object key) except? NULL
from cpython.unicode cimport PyUnicode_GET_LENGTH, PyUnicode_READ_CHAR
from fastdt._tokenizer cimport Source, Token, TokenBuf, tok_char, tok_len, c_tolower, TK_NUMBER, TF_HASHED, word_hash_init, word_hash_mix, src_char

from dateutil.parser import parserinfo as _parserinfo

# Methods fastdt answers from compiled tables instead of calling.
_TABLE_METHODS = ("jump", "weekday", "month", "hms", "ampm", "pertain",
                  "utczone", "tzoffset", "validate")




cdef bint _all_greek(const Source* src, const Token* t, Py_ssize_t n) noexcept:
    """Every character a Greek letter (capital or small, with tonos)."""
    cdef Py_ssize_t k
    cdef unsigned int c
    for k in range(n):
        c = tok_char(src, t, k)
        if not (0x391 <= c <= 0x3A9 or 0x3B1 <= c <= 0x3C9 or c == 0x386
                or 0x388 <= c <= 0x38F or 0x3AA <= c <= 0x3B0 or 0x3CA <= c <= 0x3CE):
            return False
    return True


cdef class CompiledInfo:
    """The C form of one parserinfo instance (read-only after __init__)."""

    def __cinit__(self):
        self.pool = NULL
        self.words = NULL
        self.slots = NULL
        self.utc_raw = NULL
        self.utc_keys = NULL
        self.tzoffsets = NULL

    def __dealloc__(self):
        free(self.pool)
        free(self.words)
        free(self.slots)
        free(self.utc_raw)
        free(self.utc_keys)
        free(self.tzoffsets)

    def __init__(self, info):
        if not isinstance(info, _parserinfo):
            raise TypeError("info must be a dateutil.parser.parserinfo, not %s"
                            % type(info).__name__)
        self.info = info
        cls = type(info)
        for name in _TABLE_METHODS:
            if getattr(cls, name) is not getattr(_parserinfo, name):
                warnings.warn(
                    "fastdt compiles parserinfo tables; the overridden method "
                    "%s.%s is not called (override the class tables instead)"
                    % (cls.__name__, name), RuntimeWarning, stacklevel=3)
        self.py_convertyear = cls.convertyear is not _parserinfo.convertyear
        self.year = info._year
        self.century = info._century
        # dateutil reads info.dayfirst/yearfirst on every call; when they are
        # plain instance attributes, reading the instance dict is the same
        # answer without the attribute machinery.
        self.info_dict = None
        if (not hasattr(cls, "dayfirst") and not hasattr(cls, "yearfirst")
                and cls.__getattribute__ is object.__getattribute__
                and type(getattr(info, "__dict__", None)) is dict):
            self.info_dict = info.__dict__
        reference = _parserinfo()
        self.iso_shortcut = (
            not self.py_convertyear and
            all(getattr(cls, name) is getattr(_parserinfo, name) for name in _TABLE_METHODS) and
            all(getattr(info, attr) == getattr(reference, attr) for attr in
                ("_jump", "_weekdays", "_months", "_hms", "_ampm", "_utczone",
                 "_pertain", "UTCZONE", "TZOFFSET")))

        # role tables, exactly the dicts parserinfo.__init__ built
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

        utc_raw = [z for z in info.UTCZONE if isinstance(z, str)]
        utc_keys = [z for z in info._utczone if isinstance(z, str)]
        tzoffsets = [(key, val) for key, val in info.TZOFFSET.items()
                     if isinstance(key, str) and isinstance(val, int)]
        texts = [w for w in roles if isinstance(w, str)]
        self.words_have_digits = any(ch.isdigit() for w in texts for ch in w)
        total = (sum(len(w) for w in texts) + sum(len(z) for z in utc_raw)
                 + sum(len(z) for z in utc_keys) + sum(len(key) for key, _ in tzoffsets))
        self.pool = <Py_UCS4*>malloc((total + 1) * sizeof(Py_UCS4))
        self.words = <WordEntry*>calloc(len(texts) + 1, sizeof(WordEntry))
        self.n_slots = 16
        while self.n_slots < 2 * len(texts):
            self.n_slots *= 2
        self.slots = <Py_ssize_t*>malloc(self.n_slots * sizeof(Py_ssize_t))
        self.utc_raw = <ExactEntry*>calloc(len(utc_raw) + 1, sizeof(ExactEntry))
        self.utc_keys = <ExactEntry*>calloc(len(utc_keys) + 1, sizeof(ExactEntry))
        self.tzoffsets = <ExactEntry*>calloc(len(tzoffsets) + 1, sizeof(ExactEntry))
        if (self.pool is NULL or self.words is NULL or self.slots is NULL or
                self.utc_raw is NULL or self.utc_keys is NULL or self.tzoffsets is NULL):
            raise MemoryError()
        cdef Py_ssize_t k, pos = 0, idx, slot
        for k in range(self.n_slots):
            self.slots[k] = -1
        for k in range(128):
            self.single_char_word[k] = -1
        cdef WordEntry* e
        cdef Py_hash_t h
        self.n_words = 0
        self.max_word_len = 0
        for text in texts:
            r = roles[text]
            e = &self.words[self.n_words]
            e.text_start = pos
            e.text_len = len(text)
            pos = self._store(text, pos)
            h = word_hash_init()
            for ch in text:
                h = word_hash_mix(h, ord(ch))
            e.hash = h
            e.jump = r["jump"]
            e.pertain = r["pertain"]
            e.utczone = r["utczone"]
            e.weekday = r["weekday"]
            e.month = r["month"]
            e.hms = r["hms"]
            e.ampm = r["ampm"]
            if e.text_len > self.max_word_len:
                self.max_word_len = e.text_len
            if e.text_len == 1 and ord(text) < 128:
                self.single_char_word[ord(text)] = self.n_words
            slot = <Py_ssize_t>(<size_t>h & <size_t>(self.n_slots - 1))
            while self.slots[slot] != -1:
                slot = (slot + 1) & (self.n_slots - 1)
            self.slots[slot] = self.n_words
            self.n_words += 1
        pos = self._fill_exact(self.utc_raw, &self.n_utc_raw, [(z, 0) for z in utc_raw], pos)
        pos = self._fill_exact(self.utc_keys, &self.n_utc_keys, [(z, 0) for z in utc_keys], pos)
        pos = self._fill_exact(self.tzoffsets, &self.n_tzoffsets, tzoffsets, pos)

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

    cdef int read_dayfirst(self) except -1:
        cdef PyObject* v
        if self.info_dict is not None:
            v = PyDict_GetItemWithError(self.info_dict, "dayfirst")
            if v is not NULL:
                return bool(<object>v)
        return bool(self.info.dayfirst)

    cdef int read_yearfirst(self) except -1:
        cdef PyObject* v
        if self.info_dict is not None:
            v = PyDict_GetItemWithError(self.info_dict, "yearfirst")
            if v is not NULL:
                return bool(<object>v)
        return bool(self.info.yearfirst)

    cdef Py_ssize_t _store(self, str text, Py_ssize_t pos):
        for ch in text:
            self.pool[pos] = ord(ch)
            pos += 1
        return pos

    cdef Py_ssize_t _find(self, const Py_UCS4* chars, Py_ssize_t n) noexcept:
        """The word record for lowercased ``chars``, or -1."""
        cdef Py_hash_t h = word_hash_init()
        cdef Py_ssize_t k
        for k in range(n):
            h = word_hash_mix(h, chars[k])
        return self._find_hashed(chars, n, h)

    cdef Py_ssize_t _find_hashed(self, const Py_UCS4* chars, Py_ssize_t n,
                                 Py_hash_t h) noexcept:
        """``_find`` when the hash is known (the lexer hashes ASCII words)."""
        cdef Py_ssize_t k, slot, w
        cdef WordEntry* e
        slot = <Py_ssize_t>(<size_t>h & <size_t>(self.n_slots - 1))
        while True:
            w = self.slots[slot]
            if w < 0:
                return -1
            e = &self.words[w]
            if e.hash == h and e.text_len == n:
                for k in range(n):
                    if self.pool[e.text_start + k] != chars[k]:
                        break
                else:
                    return w
            slot = (slot + 1) & (self.n_slots - 1)

    cdef int classify(self, const Source* src, TokenBuf* toks) except -1:
        """Set ``token.word`` for every token: one table lookup per token."""
        cdef Py_UCS4 lowered[MAX_WORD]
        cdef Py_ssize_t i, k, n, j
        cdef Token* t
        cdef Py_UCS4 c
        cdef bint python_lower
        for i in range(toks.count):
            t = &toks.items[i]
            n = tok_len(t)
            t.word = -1
            if n > self.max_word_len or n > MAX_WORD:
                continue
            if t.kind == TK_NUMBER and not self.words_have_digits:
                continue
            if n == 1:
                c = tok_char(src, t, 0)
                if c < 128:
                    t.word = self.single_char_word[c_tolower(c)]
                    continue
            if t.flags & TF_HASHED:
                # ASCII letters: lowercase is "| 32", the hash is the lexer's
                for k in range(n):
                    lowered[k] = <unsigned int>src_char(src, t.start + k) | 32
                t.word = self._find_hashed(lowered, n, t.hash)
                continue
            python_lower = False
            j = 0
            for k in range(n):
                c = tok_char(src, t, k)
                if j + 2 > MAX_WORD:
                    j = MAX_WORD + 1      # longer than any table word
                    break
                if c == 0x130:
                    # str.lower(): U+0130 becomes "i" + COMBINING DOT ABOVE
                    lowered[j] = 0x69
                    lowered[j + 1] = 0x307
                    j += 2
                elif c == 0x3A3:
                    # capital sigma: final form at the end of a word.  Decided
                    # here only for all-Greek-letter tokens, where every letter
                    # is cased and none case-ignorable, as Python's rule needs.
                    if not _all_greek(src, t, n):
                        python_lower = True
                        break
                    lowered[j] = 0x3C2 if (k > 0 and k == n - 1) else 0x3C3
                    j += 1
                else:
                    lowered[j] = c_tolower(c)
                    j += 1
            if python_lower:
                text = "".join([chr(tok_char(src, t, k)) for k in range(n)]).lower()
                n = PyUnicode_GET_LENGTH(text)
                if n > MAX_WORD:
                    continue
                for k in range(n):
                    lowered[k] = PyUnicode_READ_CHAR(text, k)
            else:
                if j > MAX_WORD:
                    continue
                n = j
            t.word = self._find(lowered, n)
        return 0

    cdef bint in_utc_raw(self, const Source* src, const Token* t) noexcept:
        """``token in info.UTCZONE`` (case-sensitive, as dateutil checks it)."""
        cdef Py_ssize_t i, k, n = tok_len(t)
        cdef ExactEntry* e
        for i in range(self.n_utc_raw):
            e = &self.utc_raw[i]
            if e.text_len != n:
                continue
            for k in range(n):
                if self.pool[e.text_start + k] != tok_char(src, t, k):
                    break
            else:
                return True
        return False

    cdef bint _exact_in(self, ExactEntry* table, Py_ssize_t count,
                        const Py_UCS4* name, Py_ssize_t n, long* value) noexcept:
        cdef Py_ssize_t i, k
        cdef ExactEntry* e
        for i in range(count):
            e = &table[i]
            if e.text_len != n:
                continue
            for k in range(n):
                if self.pool[e.text_start + k] != name[k]:
                    break
            else:
                if value is not NULL:
                    value[0] = e.value
                return True
        return False

    cdef bint name_in_utc_raw(self, const Py_UCS4* name, Py_ssize_t n) noexcept:
        return self._exact_in(self.utc_raw, self.n_utc_raw, name, n, NULL)

    cdef int tzoffset_of(self, const Py_UCS4* name, Py_ssize_t n, long* out) noexcept:
        """parserinfo.tzoffset(name): 1 and *out set, or 0 for None."""
        if self._exact_in(self.utc_keys, self.n_utc_keys, name, n, NULL):
            out[0] = 0
            return 1
        if self._exact_in(self.tzoffsets, self.n_tzoffsets, name, n, out):
            return 1
        return 0

    cdef int convertyear(self, long long year, bint century_specified,
                         long long* out) except -1:
        """parserinfo.convertyear: the two-digit-year window."""
        if self.py_convertyear:
            out[0] = self.info.convertyear(year, century_specified)
            return 0
        if year < 100 and not century_specified:
            year += self.century
            if year >= self.year + 50:
                year -= 100
            elif year < self.year - 50:
                year += 100
        out[0] = year
        return 0
