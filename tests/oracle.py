"""One place that decides whether fastdt answered exactly what dateutil answers.

python-dateutil 2.9.0.post0 is the oracle.  Every test in this directory
calls the same input through fastdt and through dateutil (live, never a
hard-coded expectation) and compares the two ``Outcome`` records:

* value: its type, and for datetimes every field, ``fold``, the tzinfo's type,
  ``repr`` (unless it is an identity-based default repr), ``utcoffset()``,
  ``dst()`` and ``tzname()``; tuples (``fuzzy_with_tokens``) element-wise;
* exception: the type name (fastdt's exception must also be an instance of
  dateutil's exception class, so ``fastdt.ParserError`` subclassing
  ``dateutil.parser.ParserError`` is accepted), ``str()``, ``repr()`` and
  ``repr(__cause__)`` (dateutil raises ``ParserError`` *from* the
  ``ValueError`` of an out-of-range field);
* warnings: category and message of every warning emitted, in order.

The dateutil callables are captured at import time, before any test can
monkeypatch ``dateutil.parser``.
"""
import contextlib
import copy
import datetime
import io
import os
import re
import sys
import time
import warnings
from dataclasses import dataclass, field

import dateutil
import dateutil.parser  # noqa: F401  (makes the submodules importable)
from dateutil.parser import _parser as _du_parser_mod

import fastdt

_du_iso_mod = sys.modules["dateutil.parser.isoparser"]

DU_PARSE = _du_parser_mod.parse
DU_PARSER = _du_parser_mod.parser
DU_PARSERINFO = _du_parser_mod.parserinfo
DU_ISOPARSE = _du_iso_mod.isoparse
DU_ISOPARSER = _du_iso_mod.isoparser

# the installed dateutil, whichever supported version it is, is the oracle

FAST_PARSE = fastdt.parse
FAST_PARSER = fastdt.Parser
# Looked up lazily: a missing isoparser fails the isoparse tests only.
FAST_ISOPARSE = getattr(fastdt, "isoparse", None)
FAST_ISOPARSER = getattr(fastdt, "isoparser", None)


# Captured now: a test may monkeypatch ``datetime.datetime`` (freezegun-style).
_DATETIME, _DATE, _TIME = datetime.datetime, datetime.date, datetime.time


def _qualname(tp):
    return "%s.%s" % (tp.__module__, tp.__qualname__)


def _describe_tzinfo(tzinfo, dt):
    if tzinfo is None:
        return None
    r = repr(tzinfo)
    if " at 0x" in r:  # default object repr: identity, not value
        r = "<identity repr of %s>" % type(tzinfo).__name__

    def call(fn):
        try:
            return ("ok", fn())
        except Exception as e:  # tzinfo methods may legitimately raise
            return ("raises", type(e).__name__, str(e))

    return (
        _qualname(type(tzinfo)),
        r,
        call(dt.utcoffset),
        call(dt.dst),
        call(dt.tzname),
    )


def describe(value):
    """A hashable, comparable, readable description of a returned value."""
    if isinstance(value, _DATETIME):
        return (
            "datetime",
            _qualname(type(value)),
            (value.year, value.month, value.day, value.hour, value.minute,
             value.second, value.microsecond),
            ("fold", value.fold),
            ("tzinfo", _describe_tzinfo(value.tzinfo, value)),
        )
    if isinstance(value, (_DATE, _TIME)):
        return (_qualname(type(value)), repr(value),
                ("tzinfo", _describe_tzinfo(getattr(value, "tzinfo", None),
                                            value))
                if isinstance(value, _TIME) else None)
    if isinstance(value, tuple):
        return ("tuple", len(value), tuple(describe(v) for v in value))
    if isinstance(value, list):
        return ("list", len(value), tuple(describe(v) for v in value))
    return (_qualname(type(value)), repr(value))


@dataclass
class Outcome:
    kind: str                       # "value" or "exception"
    value: object = None            # describe(result) when kind == "value"
    exc_type: str = None            # type(exc).__name__
    exc_str: str = None
    exc_repr: str = None
    exc_cause: str = None           # repr(exc.__cause__): dateutil chains
    warnings: tuple = ()            # ((category qualname, message), ...)
    raw: object = field(default=None, compare=False, repr=False)
    elapsed: float = field(default=0.0, compare=False, repr=False)

    def short(self):
        if self.kind == "value":
            s = "value %r" % (self.value,)
        else:
            s = "raises %s(%r) repr=%s" % (self.exc_type, self.exc_str,
                                            self.exc_repr)
        if self.warnings:
            s += " warnings=%r" % (self.warnings,)
        return s


def outcome(fn, *args, **kw):
    """Call ``fn(*args, **kw)`` and record what happened as an ``Outcome``."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        t0 = time.perf_counter()
        try:
            result = fn(*args, **kw)
        except Exception as e:  # noqa: BLE001 -- recording it is the point
            elapsed = time.perf_counter() - t0
            rec = Outcome(kind="exception", exc_type=type(e).__name__,
                          exc_str=_safe(str, e), exc_repr=_safe(repr, e),
                          exc_cause=(None if e.__cause__ is None
                                     else _safe(repr, e.__cause__)),
                          raw=e)
        else:
            elapsed = time.perf_counter() - t0
            rec = Outcome(kind="value", value=describe(result), raw=result)
    rec.elapsed = elapsed
    rec.warnings = tuple((_qualname(w.category), str(w.message))
                         for w in caught)
    return rec


_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")


def _safe(fn, obj):
    """``fn(obj)`` with object addresses masked (streams echo their repr)."""
    try:
        return _ADDRESS.sub(" at 0x?", fn(obj))
    except Exception as e:  # noqa: BLE001
        return "<%s raised %s: %s>" % (fn.__name__, type(e).__name__, e)


class Fresh:
    """Wrap a zero-argument factory for inputs consumed by a call (streams)."""

    def __init__(self, factory, label=None):
        self.factory = factory
        self.label = label

    def __repr__(self):
        if self.label:
            return self.label
        try:
            return "Fresh(%r)" % (self.factory(),)
        except Exception:  # noqa: BLE001
            return "Fresh(%r)" % (self.factory,)


def _fresh(x):
    if isinstance(x, Fresh):
        return x.factory()
    if isinstance(x, io.StringIO):
        y = io.StringIO(x.getvalue())
        y.seek(x.tell())
        return y
    if (not isinstance(x, (str, bytes, bytearray))
            and getattr(x, "read", None) is not None):
        return copy.deepcopy(x)
    return x


def _short_repr(x, limit=300):
    r = repr(x)
    if len(r) > limit:
        r = r[:limit // 2] + "...<%d chars>..." % len(r) + r[-limit // 3:]
    return r


def mismatch(fast, ref):
    """List of human-readable differences (empty when the outcomes agree)."""
    diffs = []
    if fast.kind != ref.kind:
        diffs.append("kind: fastdt %s / dateutil %s" % (fast.kind, ref.kind))
    elif fast.kind == "value":
        if fast.value != ref.value:
            diffs.append("value differs")
    else:
        if fast.exc_type != ref.exc_type:
            diffs.append("exception type: fastdt %s / dateutil %s"
                         % (fast.exc_type, ref.exc_type))
        elif not isinstance(fast.raw, type(ref.raw)):
            diffs.append("exception class: fastdt %s is not an instance of "
                         "dateutil's %s" % (_qualname(type(fast.raw)),
                                            _qualname(type(ref.raw))))
        if fast.exc_str != ref.exc_str:
            diffs.append("str(exception) differs")
        if fast.exc_repr != ref.exc_repr:
            diffs.append("repr(exception) differs")
        if fast.exc_cause != ref.exc_cause:
            diffs.append("__cause__ differs: fastdt %s / dateutil %s"
                         % (fast.exc_cause, ref.exc_cause))
    if fast.warnings != ref.warnings:
        diffs.append("warnings differ")
    return diffs


def _today():
    return _DATETIME.now().date()


def compare(fast_fn, du_fn, args=(), kw=None, label=None):
    """Run both sides and return (fast, ref, diffs).

    Inputs that a call consumes (streams, ``Fresh`` factories) are rebuilt
    for each side.  If the calendar day changes during the comparison (only
    relevant when ``default`` is None, i.e. today) it is retried once.
    """
    kw = dict(kw or {})
    for _attempt in range(2):
        day = _today()
        ref = outcome(du_fn, *[_fresh(a) for a in args], **kw)
        fast = outcome(fast_fn, *[_fresh(a) for a in args], **kw)
        if _today() == day:
            break
    return fast, ref, mismatch(fast, ref)


def _fail_message(what, args, kw, fast, ref, diffs):
    return (
        "fastdt disagrees with dateutil 2.9.0 for %s(%s%s) [TZ=%s]: %s\n"
        "  dateutil: %s\n  fastdt:   %s"
        % (what, ", ".join(_short_repr(a) for a in args),
           "".join(", %s=%s" % (k, _short_repr(v)) for k, v in kw.items()),
           os.environ.get("TZ"), "; ".join(diffs), ref.short(), fast.short())
    )


def check(fast_fn, du_fn, args=(), kw=None, what="call"):
    fast, ref, diffs = compare(fast_fn, du_fn, args, kw)
    if diffs:
        raise AssertionError(_fail_message(what, args, kw or {}, fast, ref,
                                           diffs))
    return ref


def assert_same(s, **kw):
    """``fastdt.parse(s, **kw)`` must behave exactly like dateutil's parse."""
    return check(FAST_PARSE, DU_PARSE, (s,), kw, what="parse")


def assert_same_parser(info, s, **kw):
    """``fastdt.Parser(info).parse(s, **kw)`` vs ``dateutil.parser.parser``.

    ``info`` may be None, a parserinfo instance, or a ``Fresh`` factory.
    """
    def fast(s, **kw):
        return FAST_PARSER(_fresh(info)).parse(s, **kw)

    def ref(s, **kw):
        return DU_PARSER(_fresh(info)).parse(s, **kw)

    return check(fast, ref, (s,), kw, what="Parser(%r).parse" % (info,))


def assert_same_iso(s, **kw):
    assert FAST_ISOPARSE is not None, "fastdt has no isoparse"
    return check(FAST_ISOPARSE, DU_ISOPARSE, (s,), kw, what="isoparse")


# --- the other entry points: parse_fields, guess_format, parse_array -----
# Each judge lives here once, for the tests and for fuzz/fuzz_native.py.

FIELDS = ("year", "month", "day", "weekday", "hour", "minute", "second",
          "microsecond", "tzname", "tzoffset")

# dateutil's private _parse, captured (like DU_PARSE) before any patch
DU__PARSE = DU_PARSER._parse
_DU_DEFAULT_PARSER = DU_PARSER()


def _typed(value):
    return (type(value).__name__, value)


def fields_expected(s, info=None, **kw):
    """What ``parse_fields`` must give: dateutil's ``_parse`` fields, or the
    exception ``parse`` raises there."""
    try:
        res = DU__PARSE(_DU_DEFAULT_PARSER if info is None else DU_PARSER(info), s, **kw)[0]
    except Exception as e:     # what _parse raises, parse raises too
        return ("raises", type(e).__name__, str(e))
    if res is None:
        return ("raises", "ParserError",
                str(dateutil.parser.ParserError("Unknown string format: %s", s)))
    return ("fields", tuple(_typed(getattr(res, name)) for name in FIELDS))


def fields_actual(fn, s, **kw):
    """``fn(s, **kw)`` (a ``parse_fields``) in ``fields_expected``'s terms."""
    try:
        rec = fn(s, **kw)
    except Exception as e:
        if isinstance(e, fastdt.ParserError):
            assert isinstance(e, dateutil.parser.ParserError)
            return ("raises", "ParserError", str(e))
        return ("raises", type(e).__name__, str(e))
    assert type(rec) is fastdt.ParsedFields
    return ("fields", tuple(_typed(getattr(rec, name)) for name in FIELDS))


def quiet(fn, *args, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn(*args, **kw)


def dateutil_reading(s, info=None, **kw):
    """(record, value) from the installed dateutil, or None if it cannot
    parse ``s``: what ``format_judge`` holds a format to."""
    p = DU_PARSER(info)
    try:
        res, _ = quiet(p._parse, s, **kw)
        value = quiet(p.parse, s, **kw)
        value.utcoffset()
    except (ValueError, OverflowError):
        return None
    if res is None:
        return None
    return res, value


_FORMAT_FIELDS = ("year", "month", "day", "hour", "minute", "second", "microsecond")


def format_judge(s, fmt, reading):
    """None when the strptime format ``fmt`` is right for ``s`` (a
    ``guess_format`` answer), else why it is wrong.  Right: ``strptime(s,
    fmt)`` gives dateutil's value on every field its ``_parse`` record says
    the string gave, and the same UTC offset; a weekday without a day cannot
    be right (dateutil moves to it, strptime ignores it)."""
    if reading is None:
        return "dateutil does not parse it"
    res, value = reading
    if res.weekday is not None and res.day is None:
        return "a weekday without a day"
    try:
        got = quiet(_DATETIME.strptime, s, fmt)
    except ValueError as e:
        return "strptime: %s" % e
    for name in _FORMAT_FIELDS:
        if getattr(res, name) is not None and getattr(got, name) != getattr(value, name):
            return "%s: strptime %r, dateutil %r" % (name, got, value)
    if got.utcoffset() != value.utcoffset():
        return "offset: strptime %r, dateutil %r" % (got.utcoffset(), value.utcoffset())
    return None


def datetime64_reference(values, parse=DU_PARSE, unit="us", utc=True, **kw):
    """What ``parse_array(values, utc=utc, unit=unit, errors="coerce", **kw)``
    must give, element by element from ``parse(value, **kw)`` (dateutil's by
    default): int64 in ``unit``, or NaT (INT64_MIN) where the parse fails,
    gives a tzinfo without an offset, is aware with ``utc=False`` or lies
    outside ``datetime64[ns]``."""
    import numpy as np
    nat = np.iinfo(np.int64).min
    out = []
    for v in values:
        try:
            d = quiet(parse, v, **kw)
            off = d.utcoffset()
        except Exception:
            out.append(nat)
            continue
        if (d.tzinfo is not None and off is None) or (off is not None and not utc):
            out.append(nat)
            continue
        if unit == "ns" and not (1678 <= d.year <= 2261):
            out.append(nat)
            continue
        # in numpy: the UTC instant may lie past datetime's year 9999
        value = np.datetime64(d.replace(tzinfo=None), "us")
        if off is not None:
            value = value - np.timedelta64(off // datetime.timedelta(microseconds=1), "us")
        out.append(int(value.astype(f"datetime64[{unit}]").astype("int64")))
    return out


# --- TZ environment -----------------------------------------------------

@contextlib.contextmanager
def tz_env(name):
    """Set ``TZ`` (+ ``time.tzset()``) for the block; restore afterwards."""
    old = os.environ.get("TZ")
    os.environ["TZ"] = name
    time.tzset()
    try:
        yield name
    finally:
        if old is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = old
        time.tzset()


TZ_NAMES = ("UTC", "America/New_York", "Europe/London", "Australia/Sydney",
            "America/Sao_Paulo")


class ReadOnly:
    """A minimal object with .read() (no other stream methods)."""

    def __init__(self, s):
        self._s = s

    def read(self, n=-1):
        if n is None or n < 0:
            out, self._s = self._s, ""
        else:
            out, self._s = self._s[:n], self._s[n:]
        return out


# --- parserinfos shared by several test modules (importable by name, so
# pickles of them load in worker processes) -------------------------------

from dateutil.parser import parserinfo as _parserinfo  # noqa: E402


class GermanInfo(_parserinfo):
    MONTHS = [("Jan", "Januar"), ("Feb", "Februar"), ("Mär", "März"),
              ("Apr", "April"), ("Mai", "Mai"), ("Jun", "Juni"), ("Jul", "Juli"),
              ("Aug", "August"), ("Sep", "September"), ("Okt", "Oktober"),
              ("Nov", "November"), ("Dez", "Dezember")]
    JUMP = _parserinfo.JUMP + ["um", "Uhr"]


class PivotInfo(_parserinfo):
    def convertyear(self, year, century_specified=False):
        return year + 1900 if year < 100 and not century_specified else year
