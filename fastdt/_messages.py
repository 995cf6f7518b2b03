"""Error messages that come from CPython itself, taken from this interpreter.

dateutil does not write these texts: the operations on its path raise them
(``datetime.replace`` converting a field to a C int, ``int()`` on a slice,
``date + timedelta`` past ``date.max``).  Their wording changes between
Python versions -- 3.13's ``datetime.replace`` says "Python int too large to
convert to C int" where 3.11 and 3.12 say "... C long" or "signed integer is
greater than maximum" -- so each one is derived here, once at import, by
provoking the same operation dateutil's path performs, never copied from
one version's text.  A leaf module: it imports nothing of fastdt.
"""
import datetime as _datetime

__all__ = ["REPLACE_OVERFLOW_C_LONG", "REPLACE_OVERFLOW_C_INT",
           "DATE_VALUE_OUT_OF_RANGE", "int_literal_error"]


def _replace_overflow(value):
    """What ``datetime.replace(year=value)`` raises: dateutil's
    ``_build_naive`` hands every parsed field to ``default.replace``."""
    try:
        _datetime.datetime(2000, 1, 1).replace(year=value)
    except OverflowError as e:
        return str(e)
    raise RuntimeError("datetime.replace(year=%d) did not overflow" % value)


def _date_overflow():
    """What ``date + timedelta`` past ``date.max`` raises (isoparser's week
    dates, 24:00 on 9999-12-31, parse()'s weekday roll-forward)."""
    try:
        _datetime.date.max + _datetime.timedelta(days=1)
    except OverflowError as e:
        return str(e)
    raise RuntimeError("date.max + 1 day did not overflow")


# A field that does not fit a C long (fastdt's saturated INT64_MAX).
REPLACE_OVERFLOW_C_LONG = _replace_overflow(2 ** 64)
# A field that fits a C long but not a C int.
REPLACE_OVERFLOW_C_INT = _replace_overflow(2 ** 31)
DATE_VALUE_OUT_OF_RANGE = _date_overflow()


def int_literal_error(text):
    """The ValueError ``int(text)`` raises (isoparser's ``int()`` on a slice
    under dateutil < 4).  Error path only: ``int`` itself writes it."""
    try:
        int(text)
    except ValueError as e:
        return e
    raise RuntimeError("int(%r) did not fail" % (text,))
