"""A column's format, learned once and matched per element (``parse_array``).

A ``Template`` is the character shape of one string that the full grammar
parsed (digit runs of fixed width, literal characters, month/weekday/AM-PM
names, exact words), with the ``Result`` field each digit run or name fills.
``template_match`` fills a ``Result`` straight from a string of that shape,
or declines; what it fills is exactly what ``fastdt._core.parse_source``
would (see fastdt/_template.pyx for why).
"""
from libc.stdint cimport int64_t
from fastdt._tokenizer cimport Source
from fastdt._tables cimport Tables
from fastdt._grammar cimport Result, MAX_TZNAME

# An item is one step of a matcher over a string.  The template kinds
# (IT_LIT .. IT_WORD) are learned from a string the grammar parsed
# (fastdt/_template.pyx); the strptime kinds (IT_SPACE .. IT_ZONE) are
# compiled from a ``datetime.strptime`` format (fastdt/_strp.pyx), and are
# matched with the backtracking of CPython's ``_strptime`` regex.  Both
# fill fields named by the same targets.
cdef enum ItemKind:
    IT_LIT = 1                # one exact character (printable ASCII, not a letter or digit);
                              # strptime: any ASCII character, letters in either case
    IT_DIGITS = 2             # exactly ``width`` ASCII digits; strptime: a numeric
                              # directive (``ch``), ``width`` its most digits
    IT_NAME = 3               # ASCII letters naming a month, a weekday or AM/PM; strptime:
                              # one of the locale's names (``role``: which list, NL_*)
    IT_WORD = 4               # ASCII letters, exactly the learned text
    IT_SPACE = 5              # strptime: a run of whitespace in the format (regex \s+)
    IT_ZONE = 6               # strptime: %z, +HH[:]MM[[:]SS[.ffffff]] or Z

cdef enum:
    # Target: the field an item fills
    TG_NONE = 0
    TG_YEAR = 1
    TG_MONTH = 2
    TG_DAY = 3
    TG_HOUR = 4
    TG_MINUTE = 5
    TG_SECOND = 6
    TG_USEC = 7               # the seconds' fraction
    TG_TZ_HHMM = 8            # "+0530"
    TG_TZ_H = 9               # "+05:30" / "+05"
    TG_TZ_M = 10
    TG_WEEKDAY = 11
    TG_AMPM = 12
    TG_YEAR2 = 13             # strptime %y: two digits, 1969-2068
    TG_HOUR12 = 14            # strptime %I: 1-12, AM/PM applied after the match
    TG_ZONE = 15              # strptime %z: the whole offset
    N_TARGETS = 16

cdef enum:
    MAX_ITEMS = 40            # items of one template
    MAX_TEMPLATES = 8         # templates one range keeps (formats alternate, and
                              # each class of a date value needs its own)
    MAX_TEMPLATE_CHARS = 64   # longer strings are never templated
    MAX_NAME_CHARS = 12       # a name or word item's longest text

cdef struct Item:
    int kind                  # IT_* (fastdt/_template.pyx)
    int width                 # digits: exact count; word: text length
    int target                # TG_*: the Result field it fills
    int64_t lo                # digits: the value class learned (_value_class);
                              # strptime: 1 when the first way is the only one (_commit)
    int64_t hi
    int role                  # name: the word record's role bits (_role)
    Py_UCS4 ch                # literal: the character
    unsigned char text[MAX_NAME_CHARS]   # word: the exact (ASCII) text

cdef struct Template:
    Item items[MAX_ITEMS]
    int n_items
    Py_ssize_t min_len        # the lengths of the strings it can match
    Py_ssize_t max_len
    int tz_sign               # item index of a numeric offset's sign, or -1
    bint century              # Result.century_specified (by shape)
    int64_t usec_const        # Result.microsecond without a fraction: UNSET or 0
    bint ampm_sets            # the AM/PM name also sets Result.ampm
    # the zone when there is no numeric offset (from exact words: constant)
    bint has_tzoffset
    int64_t tzoffset
    Py_ssize_t tzname_len
    Py_UCS4 tzname[MAX_TZNAME]

cdef struct TemplateSet:
    # one per range of a parse_array call (one thread): no sharing, no locks
    Template t[MAX_TEMPLATES]
    int n                     # templates learned
    int last                  # the one that matched last (tried first)
    int next_slot             # where the next template goes (round robin)
    Py_ssize_t cooldown       # grammar elements to let pass before learning again
    Py_ssize_t backoff        # the next cooldown after a failed attempt
    # A column whose format changes more often than it repeats (free-form
    # dates) would pay for matching and learning on nearly every element:
    # the set counts its hits and misses and, under a third of hits, pauses
    # (no matching, no learning) for pause_len elements, doubling each time.
    Py_ssize_t hits
    Py_ssize_t misses
    Py_ssize_t pause          # elements left before matching resumes
    Py_ssize_t pause_len      # the next pause

cdef void templates_init(TemplateSet* ts) noexcept nogil
cdef bint templates_match(TemplateSet* ts, const Source* src, const Tables* tables,
                          Result* res) noexcept nogil
cdef void templates_learn(TemplateSet* ts, const Source* src, const Tables* tables,
                          const Result* parsed) noexcept nogil
