"""Turn a parser's answer into a comparable, JSON-friendly key.

Peers return different types (datetime, pendulum DateTime, pandas
Timestamp, a dateutil_rs datetime in another process), so answers are
compared as plain field tuples.  Standard library only: the dateutil_rs
worker imports this module inside its own venv.
"""


def answer_key(value):
    """``[y, mo, d, h, mi, s, us, offset_seconds_or_None]`` for a datetime-like."""
    offset = value.utcoffset()
    return [value.year, value.month, value.day, value.hour, value.minute,
            value.second, value.microsecond,
            None if offset is None else int(offset.total_seconds())]


def utc_instant_key(key):
    """The key of the same instant in UTC, a naive key read as UTC.

    Used for ``pandas.to_datetime(..., utc=True)``, which can only return
    one zone for a list with mixed offsets.
    """
    import datetime as dt
    when = dt.datetime(*key[:7])
    if key[7] is not None:
        when -= dt.timedelta(seconds=key[7])
    return [when.year, when.month, when.day, when.hour, when.minute,
            when.second, when.microsecond, 0]


def classify_difference(reference, answer):
    """None when equal, else 'tz' (same wall clock, naive vs aware or other
    offset) or 'value' (a different date or time)."""
    if reference == answer:
        return None
    if reference[:7] == answer[:7]:
        return "tz"
    return "value"
