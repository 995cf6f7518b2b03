"""A dict's version tag (PEP 509): it changes on every change to the dict.

Caches of a value read from a dict (the datetime module's ``datetime``, a
parserinfo's ``dayfirst``) compare it instead of looking the key up again.
Used on CPython 3.11 and 3.12 only.  On 3.13 an instance whose ``__dict__``
has been materialised keeps its attribute values inline, and an attribute
store (``info.dayfirst = True``) writes them without bumping the dict's
version: a cached value would go stale (a wrong answer, caught by
tests/test_fast_entry.py on 3.13).  Where ``HAVE_DICT_VERSION`` is false,
callers look the value up every time.
"""
cdef extern from *:
    """
    #if PY_VERSION_HEX < 0x030D0000 && !defined(Py_LIMITED_API)
    #define FASTDT_HAVE_DICT_VERSION 1
    #if defined(__GNUC__)
    #pragma GCC diagnostic push
    #pragma GCC diagnostic ignored "-Wdeprecated-declarations"
    #endif
    static inline unsigned long long fastdt_dict_version(PyObject *d) {
        return (unsigned long long)((PyDictObject *)d)->ma_version_tag;
    }
    #if defined(__GNUC__)
    #pragma GCC diagnostic pop
    #endif
    #else
    #define FASTDT_HAVE_DICT_VERSION 0
    static inline unsigned long long fastdt_dict_version(PyObject *d) { (void)d; return 0; }
    #endif
    """
    bint HAVE_DICT_VERSION "FASTDT_HAVE_DICT_VERSION"
    # 0 never names a real version (versions start at 1)
    unsigned long long dict_version "fastdt_dict_version"(object d) noexcept
