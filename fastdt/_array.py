"""``fastdt.parse_array``: a whole column of date strings in one call.

This module is the Python edge: it recognises the input (a sequence, numpy,
pandas, pyarrow or polars column), hands its memory to the C loop in
``fastdt._columns``, splits the work over threads, and wraps the int64
buffer the loop filled as the same kind of column (a column already of
``datetime64`` values skips the loop: ``_pass_datetimes``).  numpy, pandas, pyarrow
and polars are imported only when the input is of their type (numpy also
for the ``datetime64`` answer to a plain sequence).
"""
from __future__ import annotations

import collections.abc
import datetime as _dt
import functools
import os
import sys
import threading
import warnings

from dateutil.parser import ParserError as _DateutilParserError
from dateutil.parser import UnknownTimezoneWarning

from fastdt import _columns  # type: ignore[attr-defined]  # compiled, no stub
from fastdt._parser import ParserError, parse as _parse, try_parse as _try_parse
from fastdt._strp import strptime as _strptime  # type: ignore[attr-defined]  # compiled

__all__ = ["parse_array"]

_UNITS = ("s", "ms", "us", "ns")
_ERRORS = ("raise", "coerce")
# Below this many values one thread does it all: starting threads costs more.
_MIN_PER_THREAD = 20_000
# The format fast path (fastdt/_template.pyx): each range learns its column's
# formats from elements the grammar parsed, then reads matching elements
# without lexing.  Read once per call, at this edge; tests turn it off to
# compare the two paths.  Not an option: the answers are the same either way.
_FORMAT_TEMPLATES = True
# Made once, not per call: a lock is an allocation that, failing, raises
# RuntimeError("can't allocate lock"), not MemoryError.
_TASK_LOCK = threading.Lock()            # hands out a call's (column, range) tasks
_WARNINGS_LOCK = threading.RLock()       # see _QuietParse (a tzinfos callable may call parse_array)


def parse_array(values, parserinfo=None, *, utc=False, errors="raise", unit="us",
                threads=None, default=None, ignoretz=False, tzinfos=None,
                dayfirst=None, yearfirst=None, fuzzy=False, format=None):
    """Parse a column of date strings; each value as ``fastdt.parse`` would.

    Each element means ``fastdt.parse(value, parserinfo, default=default,
    ignoretz=ignoretz, tzinfos=tzinfos, dayfirst=dayfirst,
    yearfirst=yearfirst, fuzzy=fuzzy)`` (dateutil's ``parser.parse``), turned
    into one ``datetime64`` value.  No Python object is made per element.

    :param values: the column: a sequence or iterable of ``str``/``bytes``/
        ``None``; a numpy array of ``U``, ``S`` or ``object`` dtype; a pandas
        Series or Index (object, ``string[python]``, ``string[pyarrow]``); a
        pyarrow ``string``/``large_string``/``string_view`` Array or
        ChunkedArray; a polars ``String`` Series.  One column: a DataFrame,
        an Arrow Table or a mapping raises ``TypeError`` (pass
        ``df["col"]``).  Dates already parsed pass through, as in
        ``pandas.to_datetime``: a ``datetime64`` column (numpy, pandas,
        Arrow ``timestamp``/``date``, polars ``Datetime``/``Date``) keeps its values in
        ``unit`` (an aware one keeps its zone unless ``utc=True`` or
        ``ignoretz=True``); an element that is a ``datetime`` (a pandas
        ``Timestamp``), ``date`` or ``numpy.datetime64`` is its own answer,
        with ``utc``, ``ignoretz`` and ``unit`` applied as to a parse's.
    :param parserinfo: a ``dateutil.parser.parserinfo``, as for ``parse``.
    :param utc: ``True`` converts aware values to UTC and reads naive ones as
        UTC; the answer is then tz-aware (UTC) where the output type allows.
        With ``False`` (the default), an aware value raises ``ValueError``:
        pass ``utc=True`` or ``ignoretz=True`` (the rule of
        ``pandas.to_datetime``).
    :param errors: ``"raise"`` (the default) raises the error ``parse`` would
        (``ParserError``, ``OverflowError``, ...) for the first value that
        fails, with its position added to the message; ``"coerce"`` makes
        such values NaT.  A value whose tzinfo gives no UTC offset fails too.
    :param unit: ``"s"``, ``"ms"``, ``"us"`` (the default) or ``"ns"``, the
        resolution of the ``datetime64`` answer.  ``"ns"`` keeps fraction
        digits 7-9, which ``parse`` drops; a value outside the
        ``datetime64[ns]`` range (1677-09-21 to 2262-04-11) fails.
    :param threads: how many threads parse; ``None`` gives one thread per
        20,000 values, up to the number of cores.
    :param default, ignoretz, tzinfos, dayfirst, yearfirst, fuzzy: as for
        ``parse``.
    :param format: a ``datetime.strptime`` format, or a list or tuple of
        them: each value is then ``fastdt.strptime(value, F)`` for the first
        F that reads it (bytes decoded as UTF-8), instead of ``parse``; with
        ``unit="ns"`` ``%f`` reads up to 9 digits (as ``pandas.to_datetime``).
        ``"mixed"`` is the same as no format; ``"ISO8601"`` is refused.  Not
        with ``parserinfo``, ``default``, ``tzinfos``, ``dayfirst``,
        ``yearfirst`` or ``fuzzy`` (``TypeError``).  See docs/strptime-columns.md.
    :returns: the same kind of column as ``values``: numpy ``datetime64[unit]``
        for sequences and numpy arrays (same shape); a pandas Series (same
        index and name) or DatetimeIndex of ``datetime64[unit]``, or
        ``datetime64[unit, UTC]`` with ``utc=True``; a pyarrow ``timestamp``
        Array or ChunkedArray (tz ``UTC`` with ``utc=True``); a polars
        ``Datetime`` Series.  Missing values (None, NaN, NaT, ``pd.NA``,
        Arrow nulls) are NaT/null.  A column that was already aware keeps
        its zone, unless ``utc=True`` or ``ignoretz=True``.
    :raises ValueError: for an aware value with ``utc=False``, a
        ``datetime64`` value that ``unit`` cannot hold, and bad arguments.
    :raises TypeError: for a DataFrame, a table or a mapping (pass one
        column), and for an input of no kind above.
    :raises ParserError: (and whatever else ``parse`` raises for a value)
        with ``errors="raise"``.

    An unknown time zone name gives one ``UnknownTimezoneWarning`` per call,
    naming the first such name and how many values had one.
    """
    if format is not None:
        formats = _formats_arg(format, parserinfo=parserinfo, default=default,
                               tzinfos=tzinfos, dayfirst=dayfirst, yearfirst=yearfirst,
                               fuzzy=fuzzy)
        if formats is not None:
            return _parse_array(values, None, utc, errors, unit, threads, None, ignoretz,
                                None, None, None, False, None, formats)
    return _parse_array(values, parserinfo, utc, errors, unit, threads, default, ignoretz,
                        tzinfos, dayfirst, yearfirst, fuzzy, None)


def _formats_arg(format, **options):
    """``format=`` as a tuple of str formats, or None for ``"mixed"``
    (pandas' word for "each value on its own", which is what parse_array
    does without a format); refuses ``"ISO8601"`` and the parse options that
    mean nothing to strptime, saying what to do instead."""
    if isinstance(format, str):
        if format == "mixed":
            return None
        formats = (format,)
    elif isinstance(format, (list, tuple)) and format and all(
            isinstance(f, str) for f in format):
        formats = tuple(format)
    else:
        raise TypeError("format must be a strptime format (str) or a non-empty list or "
                        f"tuple of them, not {format!r}")
    if "ISO8601" in formats:
        raise ValueError(
            "format='ISO8601' is pandas' own word, not a strptime format: leave format "
            "out (parse_array reads ISO 8601 through parse's ISO shortcut), or give the "
            "exact format, e.g. format='%Y-%m-%dT%H:%M:%S%z'")
    if "mixed" in formats:
        raise ValueError("format='mixed' means no format: pass it alone, or leave "
                         "format out")
    given = [name for name, value in options.items()
             if value is not (False if name == "fuzzy" else None)]
    if given:
        raise TypeError(
            f"format= reads each value with strptime, which has no {', '.join(given)}: "
            "the format says the order of the fields and the zone is what %z reads. "
            f"Drop {', '.join(given)} or drop format")
    return formats


def parse_array_counted(values, parserinfo=None, **options):
    """``parse_array(values, parserinfo, **options)`` and how its elements
    were read: ``{"elements": n, "template": by a learned format, "slow":
    by Parser.parse}`` (for bench/ and the tests; not public API)."""
    counts = {"elements": 0, "template": 0, "slow": 0}
    names = ("utc", "errors", "unit", "threads", "default", "ignoretz", "tzinfos",
             "dayfirst", "yearfirst", "fuzzy")
    defaults = (False, "raise", "us", None, None, False, None, None, None, False)
    unknown = set(options) - set(names) - {"format"}
    if unknown:
        raise TypeError(f"unexpected options: {sorted(unknown)}")
    args = [options.get(name, default) for name, default in zip(names, defaults)]
    formats = None
    if options.get("format") is not None:
        formats = _formats_arg(options["format"])
    result = _parse_array(values, parserinfo, *args, counts, formats)
    return result, counts


def _parse_array(values, parserinfo, utc, errors, unit, threads, default, ignoretz, tzinfos,
                 dayfirst, yearfirst, fuzzy, counts, formats=None):
    if errors not in _ERRORS:
        raise ValueError(f"errors must be 'raise' or 'coerce', not {errors!r}")
    if unit not in _UNITS:
        raise ValueError(f"unit must be one of 's', 'ms', 'us', 'ns', not {unit!r}")
    if threads is not None and (isinstance(threads, bool) or not isinstance(threads, int)
                                or threads < 1):
        raise ValueError(f"threads must be a positive int or None, not {threads!r}")
    kind, columns, rebuild = _recognise(values)
    if kind == "datetimes":
        return _pass_datetimes(columns, rebuild, unit, bool(utc), errors == "coerce",
                               bool(ignoretz))
    options = dict(parserinfo=parserinfo, default=default, ignoretz=ignoretz,
                   tzinfos=tzinfos, dayfirst=dayfirst, yearfirst=yearfirst, fuzzy=fuzzy)
    if formats is not None:
        parse_one = _ReadOne(_StrptimeOne(formats, bool(ignoretz)), bool(ignoretz))
    else:
        parse_one = _ReadOne(functools.partial(_parse, **options), bool(ignoretz))
    # Values the C loop cannot finish go through parse() one at a time; any
    # warning parse issues for them is gathered here, so that the call still
    # warns once (a tzinfos callable is always consulted: no unknown names).
    # With errors="coerce" that is try_parse(), whose None for a refused
    # value is the C loop's own no-exception status path (a failing column
    # makes no exception object per value; what try_parse still raises is
    # NaT too).
    if formats is not None:
        # strptime issues no zone warning; its failures are verdicts either way
        slow = _QuietParse(parse_one, quiet=False)
    else:
        slow = _QuietParse(_ReadOne(functools.partial(_try_parse, **options), bool(ignoretz))
                           if errors == "coerce" else parse_one, quiet=not callable(tzinfos))
    plan = _columns.Plan(slow, _is_missing, parserinfo, utc=bool(utc),
                         coerce=errors == "coerce", unit=unit, default=default,
                         ignoretz=bool(ignoretz), tzinfos=tzinfos, dayfirst=dayfirst,
                         yearfirst=yearfirst, fuzzy=fuzzy, templates=bool(_FORMAT_TEMPLATES),
                         formats=formats)
    outputs = [bytearray(8 * len(column)) for column in columns]
    # unusual options send every value through parse(): one thread
    tallies = _run(plan, columns, outputs,
                   1 if plan.all_python else _thread_count(threads, columns))
    _report(tallies, parse_one, utc, unit, errors == "coerce", slow.unknown)
    if counts is not None:
        counts["elements"] += sum(len(column) for column in columns)
        counts["template"] += sum(t[7] for t in tallies)
        counts["slow"] += sum(t[8] for t in tallies)
    return rebuild(outputs, unit, bool(utc))


class _ReadOne:
    """``parse_one`` (``fastdt.parse`` with the call's options) for an element
    the C loop hands to Python, except an element that is already a date:
    a ``datetime`` (a pandas ``Timestamp`` too) is its own answer (naive with
    ``ignoretz``), a ``date`` its midnight, a numpy ``datetime64`` scalar its
    value, as ``pandas.to_datetime`` reads them in an object column.  The C
    loop applies ``utc`` and ``unit`` to the answer as to a parse's."""

    __slots__ = ("parse_one", "ignoretz")

    def __init__(self, parse_one, ignoretz):
        self.parse_one = parse_one
        self.ignoretz = ignoretz

    def __call__(self, value):
        if type(value) is str:
            return self.parse_one(value)
        if isinstance(value, _dt.datetime):
            return value.replace(tzinfo=None) if self.ignoretz else value
        if isinstance(value, _dt.date):
            return _dt.datetime(value.year, value.month, value.day)
        np = sys.modules.get("numpy")
        if np is not None and isinstance(value, np.datetime64):
            return _datetime64_scalar(value, np)
        return self.parse_one(value)


class _StrptimeOne:
    """An element of a format= column that the C loop hands to Python
    (non-ASCII text, a format or value CPython's ``_strptime`` judges, a
    non-str element): ``fastdt.strptime(value, F)`` for the first format F
    that reads it, bytes decoded as UTF-8 first; if none does, the first
    format's exception.  With ``ignoretz`` the answer's zone is dropped."""

    __slots__ = ("formats", "ignoretz")

    def __init__(self, formats, ignoretz):
        self.formats = formats
        self.ignoretz = ignoretz

    def __call__(self, value):
        if isinstance(value, (bytes, bytearray)):
            value = value.decode("utf-8")
        first = None
        for format in self.formats:
            try:
                result = _strptime(value, format)
            except (ValueError, TypeError) as exc:
                if first is None:
                    first = exc
                continue
            return result.replace(tzinfo=None) if self.ignoretz else result
        raise first


def _datetime64_scalar(value, np):
    """A numpy ``datetime64`` scalar (not NaT) as a ``datetime``: a pandas
    ``Timestamp`` where pandas is loaded (it keeps nanoseconds), else to the
    microsecond."""
    pd = sys.modules.get("pandas")
    if pd is not None:
        return pd.Timestamp(value)
    result = value.astype("datetime64[us]").item()
    if not isinstance(result, _dt.datetime):
        raise ValueError(f"{value!r} is outside datetime's years 1-9999")
    return result


# --- columns already of datetimes -----------------------------------------------------

class _Datetimes:
    """A column (or chunk) already of datetimes: ``values``, a numpy
    ``datetime64`` array, holds wall times for a naive column and UTC
    instants for an aware one; ``tz`` is the aware column's zone (None:
    naive); ``wall()`` gives the aware column's wall times."""

    __slots__ = ("values", "tz", "wall")

    def __init__(self, values, tz=None, wall=None):
        self.values = values
        self.tz = tz
        self.wall = wall


# numpy's datetime64 units, coarsest first
_NUMPY_UNITS = ("Y", "M", "W", "D", "h", "m", "s", "ms", "us", "ns", "ps", "fs", "as")


def _pass_datetimes(columns, rebuild, unit, utc, coerce, ignoretz):
    """A column of ``datetime64`` values (numpy, pandas, Arrow timestamps,
    polars ``Datetime``), passed through as ``pandas.to_datetime`` does: the
    same values in ``unit``; a naive column read as UTC with ``utc=True``;
    an aware one converted to UTC with ``utc=True``, its wall times with
    ``ignoretz=True``, else kept in its zone."""
    tz = columns[0].tz if columns else None      # the chunks share one type
    outputs = []
    base = 0
    for column in columns:
        values = column.wall() if tz is not None and ignoretz else column.values
        outputs.append(_in_unit(values, unit, coerce, base))
        base += len(values)
    if tz is None or ignoretz or utc:
        return rebuild(outputs, unit, utc)
    return rebuild(outputs, unit, True, tz)


def _in_unit(values, unit, coerce, base):
    """``values`` (1-D ``datetime64``) as int64 in ``unit``, a byte buffer:
    floored to a coarser unit (as a parse's fields are), and a value a finer
    unit cannot hold failing as a parse out of its range does (NaT with
    ``coerce``, else ``ValueError`` naming its position)."""
    np = _numpy()
    target = np.dtype(f"datetime64[{unit}]")
    source, count = np.datetime_data(values.dtype)
    if (source in _NUMPY_UNITS and len(values)
            and (_NUMPY_UNITS.index(source), -count) < (_NUMPY_UNITS.index(unit), -1)):
        # to a finer unit: what does not fit is found before converting
        # (numpy 2.4 wraps around silently, 2.5 raises OverflowError for the
        # whole column)
        lost = ~_fits_finer(values, source, count, unit, np) & ~np.isnat(values)
        if lost.any():
            if not coerce:
                position = int(np.flatnonzero(lost)[0])
                raise ValueError(f"{_datetime64_text(values, position, source, count, np)}, "
                                 f"at position {base + position}: out of bounds for "
                                 f"datetime64[{unit}]")
            values = values.copy()
            values[lost] = np.datetime64("NaT")
    out = values.astype(target)        # a copy, never the input
    return memoryview(out.view(np.int64)).cast("B")


def _datetime64_text(values, position, source, count, np):
    """The element's repr, or its count of units where numpy cannot show it
    (numpy 2.5's repr of a datetime64[10ms] past its range overflows)."""
    try:
        return repr(values[position])
    except OverflowError:
        unit = source if count == 1 else f"{count}{source}"
        return f"np.datetime64({int(values.view(np.int64)[position])}, {unit!r})"


def _fits_finer(values, source, count, unit, np):
    """Which of ``values`` (in ``count`` ``source`` units) ``unit``, a finer
    unit, can hold: v times the factor between them within int64 (its least
    value is NaT)."""
    factor = int(np.timedelta64(count, source).astype(f"timedelta64[{unit}]").astype(np.int64))
    bound = np.iinfo(np.int64).max // factor
    ints = values.view(np.int64)
    return (ints <= bound) & (ints >= -bound)


# --- running -----------------------------------------------------------------------

def _thread_count(threads, columns):
    if threads is not None:
        return threads
    total = sum(len(c) for c in columns)
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(cores, total // _MIN_PER_THREAD))


def _run(plan, columns, outputs, threads):
    """Each (column, range) task's tally, with positions made global."""
    total = sum(len(c) for c in columns)
    per_task = max(1, -(-total // threads))
    tasks = []
    base = 0
    for column, out in zip(columns, outputs):
        column.base = base
        n = len(column)
        for start in range(0, n, per_task):
            tasks.append((base, column, out, start, min(n, start + per_task)))
        base += n
    tallies = [None] * len(tasks)
    if threads <= 1 or len(tasks) <= 1:
        for k, task in enumerate(tasks):
            tallies[k] = _run_task(plan, task)
        return tallies
    next_task = iter(range(len(tasks)))
    failures = []

    def worker():
        try:
            while True:
                with _TASK_LOCK:
                    k = next(next_task, None)
                if k is None:
                    return
                tallies[k] = _run_task(plan, tasks[k])
        except BaseException as exc:  # re-raised in the caller
            failures.append(exc)

    pool = []
    try:
        for k in range(min(threads, len(tasks)) - 1):
            thread = threading.Thread(target=worker, name=f"fastdt.parse_array-{k}",
                                      daemon=True)
            thread.start()
            pool.append(thread)
    except RuntimeError:
        # "can't allocate lock" / "can't start new thread": CPython's answer
        # when memory or threads run out.  Threads only share the work out:
        # the ones started and this one do it all.
        pass
    worker()
    for thread in pool:
        thread.join()
    if failures:
        raise failures[0]
    return tallies


def _run_task(plan, task):
    base, column, out, start, stop = task
    fail, aware, n_unknown, first_unknown, name, n_slow, n_template = plan.run(
        column, out, start, stop)
    return (base, column, -1 if fail < 0 else fail, -1 if aware < 0 else aware,
            n_unknown, first_unknown, name, n_template, n_slow)


def _report(tallies, parse_one, utc, unit, coerce, slow_unknown):
    """Raise for the first failing position, else issue the one warning."""
    first = None     # (global position, column, local position, is_aware)
    n_unknown = 0
    first_unknown = None
    for base, column, fail, aware, count, where, name, _, _ in tallies:
        for local, is_aware in ((fail, False), (aware, True)):
            if not is_aware and coerce:
                continue
            if local >= 0 and (first is None or base + local < first[0]):
                first = (base + local, column, local, is_aware)
        if count:
            n_unknown += count
            if first_unknown is None or base + where < first_unknown[0]:
                first_unknown = (base + where, name)
    if first is not None:
        position, column, local, is_aware = first
        _raise_at(position, column.element(local), parse_one, is_aware, utc, unit)
    if slow_unknown is not None:
        count, where, name = slow_unknown
        n_unknown += count
        if first_unknown is None or where < first_unknown[0]:
            first_unknown = (where, name)
    if n_unknown:
        _warn_unknown(first_unknown[1], n_unknown, first_unknown[0])


class _QuietParse:
    """``parse_one`` for the values the C loop hands back, called with the
    value and its position.  The unknown-zone warnings it would issue are
    counted (``unknown``: the first position and name, and how many), not
    issued; others are issued as they come.  ``_WARNINGS_LOCK`` keeps
    ``catch_warnings`` blocks (which swap the process's warning filters)
    from interleaving, between worker threads and between calls."""

    def __init__(self, parse_one, quiet=True):
        self.parse_one = parse_one
        self.quiet = quiet
        self.unknown = None          # [count, first position, its name]

    def __call__(self, value, position):
        if not self.quiet or isinstance(value, _dt.date):
            # a date or datetime element is its own answer: nothing to warn
            return self.parse_one(value)
        with _WARNINGS_LOCK:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                result = self.parse_one(value)
            for w in caught:
                if not issubclass(w.category, UnknownTimezoneWarning):
                    warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
                elif self.unknown is None:
                    self.unknown = [1, position, _warned_name(w)]
                else:
                    self.unknown[0] += 1
                    if position < self.unknown[1]:
                        self.unknown[1:] = [position, _warned_name(w)]
        return result


def _warned_name(w):
    text = str(w.message)
    prefix = "tzname "
    return text[len(prefix):text.index(" identified")] if text.startswith(prefix) else text


def _warn_unknown(name, count, position):
    where = "" if position is None else f", first at position {position}"
    warnings.warn(
        f"tzname {name} identified but not understood ({count} value"
        f"{'' if count == 1 else 's'} with an unknown tz name{where}).  Pass `tzinfos` "
        "argument in order to correctly return a timezone-aware datetime.  In a future "
        "version, this will raise an exception.",
        # warn <- _warn_unknown <- _report <- _parse_array <- parse_array[_counted] <- caller
        UnknownTimezoneWarning, stacklevel=5)


def _raise_at(position, value, parse_one, is_aware, utc, unit):
    if is_aware:
        raise ValueError(
            f"the value at position {position} ({value!r}) has a time zone: pass "
            "utc=True to convert aware values to UTC, or ignoretz=True to drop their "
            "time zones (a datetime64 column without a zone cannot hold them, as in "
            "pandas.to_datetime)")
    try:
        result = parse_one(value)
        if result.tzinfo is not None and result.utcoffset() is None:
            raise ValueError(f"its tzinfo {result.tzinfo!r} gives no UTC offset")
    except (MemoryError, SystemError):
        raise       # no verdict on the value (as _columns._is_verdict): as it came
    except Exception as exc:
        if isinstance(getattr(parse_one, "parse_one", None), _StrptimeOne) and \
                repr(value) in str(exc):
            # strptime's "time data %r does not match format %r" names the value
            raise type(exc)(f"{exc}, at position {position}") from exc
        raise _at_position(exc, position, value) from exc
    raise ValueError(f"{value!r}, at position {position}: {result} is out of bounds for "
                     f"datetime64[{unit}]")


def _at_position(exc, position, value):
    """``exc`` of the same type, its message naming the position."""
    if isinstance(exc, _DateutilParserError):
        return ParserError("%s, at position %d", str(exc), position)
    if isinstance(exc, (UnicodeDecodeError, UnicodeEncodeError)):
        # bytes that are not UTF-8: the codec's error, as parse() raises (and
        # dateutil, which decodes bytes itself); str() is built from the
        # fields, so the position goes after its reason
        return type(exc)(exc.encoding, exc.object, exc.start, exc.end,
                         f"{exc.reason}: {value!r}, at position {position}")
    message = f"{exc}: {value!r}, at position {position}"
    try:
        return type(exc)(message)
    except MemoryError:
        raise
    except Exception:
        return ValueError(message)


def _is_missing(value):
    """None, NaN, NaT and pd.NA: NaT in the answer rather than a parse."""
    if value is None:
        return True
    if isinstance(value, float):
        return value != value
    cls = type(value)
    module = cls.__module__ or ""
    if module.startswith("pandas"):
        return cls.__name__ in ("NaTType", "NAType")
    if module == "numpy":
        np = sys.modules["numpy"]
        if isinstance(value, np.floating):
            return bool(value != value)
        if isinstance(value, (np.datetime64, np.timedelta64)):
            return bool(np.isnat(value))
    return False


# --- input kinds ----------------------------------------------------------------------

def _recognise(values):
    """(kind, [ColumnRef], rebuild(outputs, unit, utc) -> answer)."""
    pa = sys.modules.get("pyarrow")
    if pa is not None and isinstance(values, (pa.Array, pa.ChunkedArray)):
        return _from_arrow(values)
    pl = sys.modules.get("polars")
    if pl is not None and isinstance(values, pl.Series):
        return _from_polars(values)
    pd = sys.modules.get("pandas")
    if pd is not None and isinstance(values, (pd.Series, pd.Index)):
        return _from_pandas(values, pd)
    np = sys.modules.get("numpy")
    if np is not None and isinstance(values, np.ndarray):
        return _from_numpy(values, np)
    if isinstance(values, (str, bytes, bytearray)):
        raise TypeError("parse_array takes a column of strings, not one string: "
                        "use fastdt.parse for a single value")
    _refuse_tables(values)
    try:
        items = tuple(values)
    except TypeError:
        raise TypeError("parse_array takes a sequence, iterable, numpy, pandas, pyarrow "
                        f"or polars column, not {type(values).__name__}") from None
    return "sequence", [_columns.objects_column(items)], _to_numpy


def _refuse_tables(values):
    """A DataFrame or a mapping iterates its column names or keys, not its
    values: refuse it, saying what to pass instead."""
    name = type(values).__name__
    if isinstance(values, collections.abc.Mapping):
        raise TypeError(
            f"parse_array takes one column, not a {name} (iterating it gives its keys, "
            "not its values): pass the column held under a key, d[\"col\"], or the "
            "values, list(d.values())")
    tables = []
    pd = sys.modules.get("pandas")
    if pd is not None:
        tables.append(pd.DataFrame)
    pl = sys.modules.get("polars")
    if pl is not None:
        tables += [pl.DataFrame, pl.LazyFrame]
    pa = sys.modules.get("pyarrow")
    if pa is not None:
        tables += [pa.Table, pa.RecordBatch]
    if tables and isinstance(values, tuple(tables)):
        raise TypeError(
            f"parse_array takes one column, not a {name} (iterating it gives its column "
            "names, not its values): pass one column, df[\"col\"], and assign the "
            "answer back, df[\"col\"] = fastdt.parse_array(df[\"col\"])")


def _numpy():
    try:
        import numpy
    except ImportError:
        raise ImportError("parse_array answers a sequence with a numpy datetime64 array: "
                          "install numpy (pip install 'fastdt[numpy]')") from None
    return numpy


def _to_numpy(outputs, unit, utc, tz=None, shape=None):
    np = _numpy()
    arr = np.frombuffer(outputs[0], dtype=f"datetime64[{unit}]")
    return arr if shape is None else arr.reshape(shape)


def _from_numpy(arr, np):
    shape = arr.shape
    flat = np.ascontiguousarray(arr).reshape(-1)
    if arr.dtype.kind in "US":
        column = _columns.fixed_column(flat.view(np.uint8), len(flat), flat.dtype.itemsize,
                                       arr.dtype.kind == "U")
    elif arr.dtype.kind == "O":
        column = _columns.objects_column(tuple(flat))
    elif arr.dtype.kind == "T":            # numpy 2's StringDType: str objects
        column = _columns.objects_column(tuple(flat.astype(object)))
    elif arr.dtype.kind == "M":            # already datetime64: passed through
        return "datetimes", [_Datetimes(flat)], functools.partial(_rebuild_numpy, shape=shape)
    else:
        raise TypeError(f"parse_array reads numpy arrays of dtype U, S, T, object or "
                        f"datetime64, not {arr.dtype}")
    return "numpy", [column], functools.partial(_rebuild_numpy, shape=shape)


def _rebuild_numpy(outputs, unit, utc, tz=None, shape=None):
    return _to_numpy(outputs, unit, utc, shape=shape)


def _from_pandas(values, pd):
    dtype = values.dtype
    index = isinstance(values, pd.Index)
    if dtype.kind == "M":                   # already dates: passed through
        kind = "datetimes"
        arrow_type = getattr(dtype, "pyarrow_dtype", None)
        if arrow_type is not None:          # ArrowDtype(timestamp or date)
            import pyarrow as pa
            arrow = pa.array(values.array)
            tz = arrow_type.tz if pa.types.is_timestamp(arrow_type) else None
            columns = [_arrow_datetimes(c, tz) for c in
                       (arrow.chunks if isinstance(arrow, pa.ChunkedArray) else [arrow])]
        elif getattr(dtype, "tz", None) is None:
            columns = [_Datetimes(values.to_numpy())]
        else:
            times = values if index else values.dt
            columns = [_Datetimes(times.tz_convert(None).to_numpy(), dtype.tz,
                                  lambda: times.tz_localize(None).to_numpy())]
    elif isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow" or \
            getattr(dtype, "pyarrow_dtype", None) is not None:
        import pyarrow as pa
        arrow = pa.array(values.array)        # __arrow_array__: no copy
        if isinstance(arrow, pa.ChunkedArray):
            columns = [_arrow_string_column(c, pa) for c in arrow.chunks]
        else:
            columns = [_arrow_string_column(arrow, pa)]
    elif dtype == object:
        columns = [_columns.objects_column(tuple(values.to_numpy()))]
    else:
        columns = [_columns.objects_column(tuple(values.to_numpy(dtype=object)))]
    if dtype.kind != "M":
        kind = "pandas"

    def rebuild(outputs, unit, utc, tz=None):
        arr = _concat_numpy(outputs, unit)
        # the values are UTC, so UTC wall times: the tz dtype is a relabel
        dtype = pd.DatetimeTZDtype(unit, "UTC") if utc else arr.dtype
        if index:
            result = pd.DatetimeIndex(arr, name=values.name, dtype=dtype)
            return result if tz is None else result.tz_convert(tz)
        result = pd.Series(arr, index=values.index, name=values.name, dtype=dtype, copy=False)
        return result if tz is None else result.dt.tz_convert(tz)
    return kind, columns, rebuild


def _concat_numpy(outputs, unit):
    np = _numpy()
    if len(outputs) == 1:
        return np.frombuffer(outputs[0], dtype=f"datetime64[{unit}]")
    return np.concatenate([np.frombuffer(o, dtype=f"datetime64[{unit}]") for o in outputs]
                          or [np.empty(0, dtype=f"datetime64[{unit}]")])


def _arrow_string_column(arr, pa):
    """A ColumnRef over one pyarrow string array's buffers (no copy)."""
    t = arr.type
    if pa.types.is_dictionary(t):
        arr = arr.dictionary_decode()
        t = arr.type
    if pa.types.is_null(t):
        arr = arr.cast(pa.string())
        t = arr.type
    bufs = arr.buffers()
    validity = bufs[0]
    vaddr = validity.address if validity is not None and arr.null_count else 0
    if pa.types.is_string(t) or pa.types.is_large_string(t):
        offsets, data = bufs[1], bufs[2]
        return _columns.arrow_column(
            (arr, bufs), "string" if pa.types.is_string(t) else "large_string", len(arr),
            arr.offset, vaddr, offsets.address if offsets is not None else 0,
            offsets.size if offsets is not None else 0,
            data.address if data is not None else 0, data.size if data is not None else 0)
    if getattr(pa.types, "is_string_view", None) and pa.types.is_string_view(t):
        views = bufs[1]
        data_bufs = [(b.address, b.size) if b is not None else (0, 0) for b in bufs[2:]]
        return _columns.arrow_column(
            (arr, bufs), "string_view", len(arr), arr.offset, vaddr,
            views.address if views is not None else 0, views.size if views is not None else 0,
            0, 0, data_bufs)
    raise TypeError(f"parse_array reads Arrow string, large_string, string_view, "
                    f"timestamp or date arrays, not {t}")


def _from_arrow(values):
    import pyarrow as pa
    chunked = isinstance(values, pa.ChunkedArray)
    chunks = values.chunks if chunked else [values]
    if pa.types.is_timestamp(values.type) or pa.types.is_date(values.type):
        kind = "datetimes"                       # already dates: passed through
        tz = values.type.tz if pa.types.is_timestamp(values.type) else None
        columns = [_arrow_datetimes(c, tz) for c in chunks]
    else:
        kind = "arrow"
        columns = [_arrow_string_column(c, pa) for c in chunks]

    def rebuild(outputs, unit, utc, tz=None):
        ts = pa.timestamp(unit, tz=tz if tz is not None else "UTC" if utc else None)
        arrays = []
        for out in outputs:
            n = len(out) // 8
            bitmap = _columns.validity_from_values(out, n)
            arrays.append(pa.Array.from_buffers(ts, n, [pa.py_buffer(bitmap),
                                                        pa.py_buffer(out)]))
        if chunked:
            return pa.chunked_array(arrays, type=ts)
        return arrays[0]
    return kind, columns, rebuild


def _arrow_datetimes(chunk, tz):
    """One Arrow timestamp or date array as ``_Datetimes`` (nulls are NaT)."""
    values = chunk.to_numpy(zero_copy_only=False)      # UTC instants when aware
    if tz is None:
        return _Datetimes(values)
    import pyarrow.compute as pc
    return _Datetimes(values, tz,
                      lambda: pc.local_timestamp(chunk).to_numpy(zero_copy_only=False))


def _from_polars(series):
    import polars as pl
    if (series.dtype not in (pl.String, pl.Null, pl.Date)
            and not isinstance(series.dtype, pl.Datetime)):
        raise TypeError(f"parse_array reads polars String, Datetime or Date Series, not "
                        f"{series.dtype}")
    kind, columns, arrow_rebuild = _from_arrow(series.to_arrow())

    def rebuild(outputs, unit, utc, tz=None):
        return pl.Series(series.name, arrow_rebuild(outputs, unit, utc, tz))
    return "polars" if kind == "arrow" else kind, columns, rebuild
