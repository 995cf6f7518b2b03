"""Proleptic Gregorian calendar arithmetic shared by the grammar and the
result builder (header only: inline C, no module of its own)."""
from libc.stdint cimport int64_t


cdef inline bint is_leap(int64_t year) noexcept nogil:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


cdef inline int days_in_month(int64_t year, int64_t month) noexcept nogil:
    """calendar.monthrange(year, month)[1] for 1 <= month <= 12."""
    if month == 2:
        return 29 if is_leap(year) else 28
    # 31 for Jan, Mar, May, Jul, Aug, Oct, Dec; 30 for the others
    return 30 + <int>((month + month // 8) % 2)


cdef inline int64_t days_before_year(int64_t year) noexcept nogil:
    """Days from 0001-01-01 to year-01-01 (year >= 1)."""
    cdef int64_t y = year - 1
    return y * 365 + y // 4 - y // 100 + y // 400


cdef inline int64_t ymd_to_ordinal(int64_t year, int64_t month, int64_t day) noexcept nogil:
    """date(year, month, day).toordinal(): 0001-01-01 is day 1 (1 <= month <= 12)."""
    # (367 * month - 362) // 12 is the days before the month in a year whose
    # February has 30 days; February's real length is taken off after it
    cdef int64_t days = days_before_year(year) + (367 * month - 362) // 12 + day
    if month > 2:
        days -= 1 if is_leap(year) else 2
    return days


cdef inline void ordinal_to_ymd(int64_t ordinal, int64_t* year, int64_t* month,
                                int64_t* day) noexcept nogil:
    """date.fromordinal(ordinal) for 1 <= ordinal <= 3652059 (9999-12-31)."""
    cdef int64_t y = (ordinal * 400) // 146097 + 1   # at most one step off
    cdef int64_t m = 1, dim
    while y > 1 and days_before_year(y) >= ordinal:
        y -= 1
    while days_before_year(y + 1) < ordinal:
        y += 1
    ordinal -= days_before_year(y)
    while True:
        dim = days_in_month(y, m)
        if ordinal <= dim:
            break
        ordinal -= dim
        m += 1
    year[0] = y
    month[0] = m
    day[0] = ordinal
