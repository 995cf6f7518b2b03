"""``fastdt.parse_array``: a whole column of date strings in one call.

This module is the Python edge: it recognises the input (a sequence, numpy,
pandas, pyarrow or polars column), hands its memory to the C loop in
``fastdt._columns``, splits the work over threads, and wraps the int64
buffer the loop filled as the same kind of column.  numpy, pandas, pyarrow
and polars are imported only when the input is of their type (numpy also
for the ``datetime64`` answer to a plain sequence).
"""
from __future__ import annotations

import functools
import os
import sys
import threading
import warnings

from dateutil.parser import ParserError as _DateutilParserError
from dateutil.parser import UnknownTimezoneWarning

from fastdt import _columns  # type: ignore[attr-defined]  # compiled, no stub
from fastdt._parser import ParserError, parse as _parse, try_parse as _try_parse

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
                dayfirst=None, yearfirst=None, fuzzy=False):
    """Parse a column of date strings; each value as ``fastdt.parse`` would.

    Each element means ``fastdt.parse(value, parserinfo, default=default,
    ignoretz=ignoretz, tzinfos=tzinfos, dayfirst=dayfirst,
    yearfirst=yearfirst, fuzzy=fuzzy)`` (dateutil's ``parser.parse``), turned
    into one ``datetime64`` value.  No Python object is made per element.

    :param values: the column: a sequence or iterable of ``str``/``bytes``/
        ``None``; a numpy array of ``U``, ``S`` or ``object`` dtype; a pandas
        Series or Index (object, ``string[python]``, ``string[pyarrow]``); a
        pyarrow ``string``/``large_string``/``string_view`` Array or
        ChunkedArray; a polars ``String`` Series.
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
    :returns: the same kind of column as ``values``: numpy ``datetime64[unit]``
        for sequences and numpy arrays (same shape); a pandas Series (same
        index and name) or DatetimeIndex of ``datetime64[unit]``, or
        ``datetime64[unit, UTC]`` with ``utc=True``; a pyarrow ``timestamp``
        Array or ChunkedArray (tz ``UTC`` with ``utc=True``); a polars
        ``Datetime`` Series.  Missing values (None, NaN, NaT, ``pd.NA``,
        Arrow nulls) are NaT/null.
    :raises ValueError: for an aware value with ``utc=False``, and for bad
        arguments.
    :raises ParserError: (and whatever else ``parse`` raises for a value)
        with ``errors="raise"``.

    An unknown time zone name gives one ``UnknownTimezoneWarning`` per call,
    naming the first such name and how many values had one.
    """
    return _parse_array(values, parserinfo, utc, errors, unit, threads, default, ignoretz,
                        tzinfos, dayfirst, yearfirst, fuzzy, None)


def parse_array_counted(values, parserinfo=None, **options):
    """``parse_array(values, parserinfo, **options)`` and how its elements
    were read: ``{"elements": n, "template": by a learned format, "slow":
    by Parser.parse}`` (for bench/ and the tests; not public API)."""
    counts = {"elements": 0, "template": 0, "slow": 0}
    names = ("utc", "errors", "unit", "threads", "default", "ignoretz", "tzinfos",
             "dayfirst", "yearfirst", "fuzzy")
    defaults = (False, "raise", "us", None, None, False, None, None, None, False)
    unknown = set(options) - set(names)
    if unknown:
        raise TypeError(f"unexpected options: {sorted(unknown)}")
    args = [options.get(name, default) for name, default in zip(names, defaults)]
    result = _parse_array(values, parserinfo, *args, counts)
    return result, counts


def _parse_array(values, parserinfo, utc, errors, unit, threads, default, ignoretz, tzinfos,
                 dayfirst, yearfirst, fuzzy, counts):
    if errors not in _ERRORS:
        raise ValueError(f"errors must be 'raise' or 'coerce', not {errors!r}")
    if unit not in _UNITS:
        raise ValueError(f"unit must be one of 's', 'ms', 'us', 'ns', not {unit!r}")
    if threads is not None and (isinstance(threads, bool) or not isinstance(threads, int)
                                or threads < 1):
        raise ValueError(f"threads must be a positive int or None, not {threads!r}")
    kind, columns, rebuild = _recognise(values)
    options = dict(parserinfo=parserinfo, default=default, ignoretz=ignoretz,
                   tzinfos=tzinfos, dayfirst=dayfirst, yearfirst=yearfirst, fuzzy=fuzzy)
    parse_one = functools.partial(_parse, **options)
    # Values the C loop cannot finish go through parse() one at a time; any
    # warning parse issues for them is gathered here, so that the call still
    # warns once (a tzinfos callable is always consulted: no unknown names).
    # With errors="coerce" that is try_parse(), whose None for a refused
    # value is the C loop's own no-exception status path (a failing column
    # makes no exception object per value; what try_parse still raises is
    # NaT too).
    slow = _QuietParse(functools.partial(_try_parse, **options) if errors == "coerce"
                       else parse_one, quiet=not callable(tzinfos))
    plan = _columns.Plan(slow, _is_missing, parserinfo, utc=bool(utc),
                         coerce=errors == "coerce", unit=unit, default=default,
                         ignoretz=bool(ignoretz), tzinfos=tzinfos, dayfirst=dayfirst,
                         yearfirst=yearfirst, fuzzy=fuzzy, templates=bool(_FORMAT_TEMPLATES))
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
        if not self.quiet:
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
    except Exception as exc:
        raise _at_position(exc, position, value) from exc
    raise ValueError(f"{value!r}, at position {position}: {result} is out of bounds for "
                     f"datetime64[{unit}]")


def _at_position(exc, position, value):
    """``exc`` of the same type, its message naming the position."""
    if isinstance(exc, _DateutilParserError):
        return ParserError("%s, at position %d", str(exc), position)
    message = f"{exc}: {value!r}, at position {position}"
    try:
        return type(exc)(message)
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
    try:
        items = tuple(values)
    except TypeError:
        raise TypeError("parse_array takes a sequence, iterable, numpy, pandas, pyarrow "
                        f"or polars column, not {type(values).__name__}") from None
    return "sequence", [_columns.objects_column(items)], _to_numpy


def _numpy():
    try:
        import numpy
    except ImportError:
        raise ImportError("parse_array answers a sequence with a numpy datetime64 array: "
                          "install numpy (pip install 'fastdt[numpy]')") from None
    return numpy


def _to_numpy(outputs, unit, utc, shape=None):
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
    else:
        raise TypeError(f"parse_array reads numpy arrays of dtype U, S, T or object, not "
                        f"{arr.dtype}")
    return "numpy", [column], functools.partial(_rebuild_numpy, shape=shape)


def _rebuild_numpy(outputs, unit, utc, shape):
    return _to_numpy(outputs, unit, utc, shape)


def _from_pandas(values, pd):
    dtype = values.dtype
    if isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow" or \
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

    def rebuild(outputs, unit, utc):
        arr = _concat_numpy(outputs, unit)
        # the values are UTC, so UTC wall times: the tz dtype is a relabel
        dtype = pd.DatetimeTZDtype(unit, "UTC") if utc else arr.dtype
        if isinstance(values, pd.Index):
            return pd.DatetimeIndex(arr, name=values.name, dtype=dtype)
        return pd.Series(arr, index=values.index, name=values.name, dtype=dtype, copy=False)
    return "pandas", columns, rebuild


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
    raise TypeError(f"parse_array reads Arrow string, large_string or string_view "
                    f"arrays, not {t}")


def _from_arrow(values):
    import pyarrow as pa
    chunked = isinstance(values, pa.ChunkedArray)
    chunks = values.chunks if chunked else [values]
    columns = [_arrow_string_column(c, pa) for c in chunks]

    def rebuild(outputs, unit, utc):
        ts = pa.timestamp(unit, tz="UTC" if utc else None)
        arrays = []
        for out in outputs:
            n = len(out) // 8
            bitmap = _columns.validity_from_values(out, n)
            arrays.append(pa.Array.from_buffers(ts, n, [pa.py_buffer(bitmap),
                                                        pa.py_buffer(out)]))
        if chunked:
            return pa.chunked_array(arrays, type=ts)
        return arrays[0]
    return "arrow", columns, rebuild


def _from_polars(series):
    import polars as pl
    if series.dtype not in (pl.String, pl.Null):
        raise TypeError(f"parse_array reads polars String Series, not {series.dtype}")
    _, columns, arrow_rebuild = _from_arrow(series.to_arrow())

    def rebuild(outputs, unit, utc):
        return pl.Series(series.name, arrow_rebuild(outputs, unit, utc))
    return "polars", columns, rebuild
