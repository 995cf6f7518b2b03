"""``datetime.strptime`` formats compiled into items (fastdt/_template.pxd's
``Item``) and matched without the GIL; see fastdt/_strp.pyx."""
from fastdt._template cimport Item, MAX_ITEMS

cdef enum:
    # The locale's name lists (_strptime.LocaleTime), by the directive that reads them
    NL_A_WEEKDAY = 0          # %a
    NL_F_WEEKDAY = 1          # %A
    NL_A_MONTH = 2            # %b
    NL_F_MONTH = 3            # %B
    NL_AMPM = 4               # %p
    N_LISTS = 5
    MAX_NAMES = 12
    MAX_NAME_LEN = 32         # a longer name sends formats that use its list to CPython

cdef struct NameList:
    int n
    bint fast                 # every name ASCII and short, and the regex not empty
    # in _strptime's regex order (longest first, stable: __seqToRE's sort)
    int length[MAX_NAMES]
    int value[MAX_NAMES]      # what _strptime makes of it: list.index(name); %p:
                              # 0 for the AM branch, 1 for PM
    unsigned char text[MAX_NAMES][MAX_NAME_LEN]

cdef struct Names:
    NameList lists[N_LISTS]

cdef struct StrpProgram:
    Item items[MAX_ITEMS]
    int n_items
    int lists_used            # bits 1 << NL_*
    int ampm_item             # the %p item, or -1 (%I reads it wherever it is)

cdef struct StrpFields:
    int year
    int month
    int day
    int hour
    int minute
    int second
    int microsecond
    int fraction_digits       # %f's digits as written (1 to 6; to 9 in a program
                              # made by strp_compiled(format, True))
    int nanosecond            # digits 7-9 of %f (0 unless fraction_digits > 6)
    int weekday               # %a / %A (0 is Monday), or -1: no effect on the date
                              # without %j %U %W (CPython's), but struct_time keeps it
    bint has_offset           # %z
    int offset_seconds        # signed, as _strptime's gmtoff
    int offset_microseconds   # signed, as its gmtoff_fraction
    Py_ssize_t end            # where the match ended (ST_STRP_UNCONVERTED)

# ST_OK, ST_STRP_NO_MATCH, ST_STRP_UNCONVERTED or ST_STRP_CPYTHON (fastdt/_status.pxd)
cdef int strp_match(const StrpProgram* prog, const Names* names, const unsigned char* s,
                    Py_ssize_t n, StrpFields* out) noexcept nogil

# For parse_array(format=) (fastdt/_columns.pyx): the cached compiled format
# (a StrpFormat, or None when CPython answers it), and its C views.  ``ns``
# gives the variant whose %f reads up to 9 digits (pandas' %f for unit="ns").
cdef object strp_compiled(str format, bint ns)
cdef const StrpProgram* strp_program(object compiled)
# The current locale's names if every list ``compiled`` uses is on the C
# path, else None (CPython answers); strp_names_table gives its C table.
cdef object strp_names_for(object compiled)
cdef const Names* strp_names_table(object names)
