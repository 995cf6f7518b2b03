"""``fastdt.patch_strptime()`` / ``fastdt.unpatch_strptime()``.

``datetime.datetime.strptime`` and ``time.strptime`` are C functions that
hold no Python code of their own: on every call each imports ``_strptime``
(a ``sys.modules`` look-up) and calls one of its module functions,

* ``datetime.strptime(s, f)`` (and ``cls.strptime`` of any subclass, and
  the pure-Python ``_pydatetime``'s on 3.12+):
  ``_strptime._strptime_datetime(cls, s, f)``;
* ``time.strptime(s[, f])``: ``_strptime._strptime_time(s[, f])``.

Those two names, the same on 3.11, 3.12 and 3.13 (none of which has
``date.strptime`` or ``time.strptime`` methods: they came with 3.14), are
the seam: replacing them reaches every caller, C or Python, including code
that bound ``datetime.strptime`` or ``time.strptime`` before the patch.
The replacements (``fastdt._strp._strptime_datetime`` / ``_strptime_time``)
answer from the compiled matcher and call CPython's own functions, saved
when fastdt was imported, for everything else, so nothing loops and every
answer is CPython's.  ``_strptime._strptime`` (the private core) is left
alone: only code that calls it directly reaches it.
"""
import importlib
import threading
from typing import Callable, List, Optional

from fastdt import _strp  # type: ignore[attr-defined]  # compiled, no stub
from fastdt._patch import _roll_back, _set_attr

# typeshed has no stub for the private module: imported by name, it is Any
_strptime = importlib.import_module("_strptime")

__all__ = ["patch_strptime", "unpatch_strptime", "is_strptime_patched", "StrptimePatch"]

_lock = threading.RLock()
# bound once: ``with _lock`` makes two bound methods per use, and an
# allocation failing there in unpatch_strptime() would leave the patch on
_acquire, _release = _lock.acquire, _lock.release
# (restore callable) for each change made, in order; None when not patched
_undo: Optional[List[Callable[[], None]]] = None


class StrptimePatch:
    """The handle ``patch_strptime()`` returns; a context manager.

    Leaving the ``with`` block restores ``_strptime``'s originals, unless
    the patch was already in place when the block was entered (then it
    stays).
    """
    __slots__ = ()

    # Overridden by staticmethods in the two handles patch_strptime() gives:
    # ``with`` looks __enter__ and __exit__ up after patch_strptime() has
    # patched, and a bound method made there could fail to allocate, with
    # the patch on and no __exit__ to undo it; a staticmethod's look-up
    # makes nothing.
    def __enter__(self) -> "StrptimePatch":
        return self

    def __exit__(self, *exc_info: object) -> None:
        pass

    def __repr__(self) -> str:
        return "<fastdt.patch_strptime: datetime.strptime and time.strptime run on fastdt%s>" % (
            "" if is_strptime_patched() else " (undone)")


class _Made(StrptimePatch):
    """patch_strptime() patched: leaving the block undoes it."""
    __slots__ = ()
    @staticmethod
    def __enter__() -> StrptimePatch:  # type: ignore[override]
        return _MADE

    @staticmethod
    def __exit__(exc_type: object, exc: object, tb: object) -> None:  # type: ignore[override]
        unpatch_strptime()


class _Kept(StrptimePatch):
    """The patch was already on: leaving the block keeps it."""
    __slots__ = ()
    @staticmethod
    def __enter__() -> StrptimePatch:  # type: ignore[override]
        return _KEPT

    @staticmethod
    def __exit__(exc_type: object, exc: object, tb: object) -> None:  # type: ignore[override]
        pass


# the handles hold no state: one of each serves every call
_MADE, _KEPT = _Made(), _Kept()


def patch_strptime() -> StrptimePatch:
    """Make ``datetime.datetime.strptime`` and ``time.strptime`` run on
    fastdt, with the same answers.

    Replaces the two ``_strptime`` functions CPython's C code calls
    (``_strptime._strptime_datetime`` and ``_strptime._strptime_time``),
    so every caller is reached: ``datetime.strptime``, a subclass's
    ``cls.strptime``, ``time.strptime``, names bound before the call.
    Values, tzinfo, ``struct_time`` fields (``tm_zone``, ``tm_gmtoff``),
    exceptions and messages stay CPython's: what fastdt does not compile
    goes to CPython's own code.

    Calling it again while patched changes nothing.  Returns a handle that
    is also a context manager: ``with fastdt.patch_strptime(): ...`` undoes
    the patch on leaving the block (if the block made it), on an error
    too.  Undo it at any time with :func:`unpatch_strptime`.
    """
    global _undo
    _acquire()
    try:
        if _undo is not None:
            return _KEPT
        undo: List[Callable[[], None]] = []
        try:
            _set_attr(undo, _strptime, "_strptime_datetime", _strp._strptime_datetime)
            _set_attr(undo, _strptime, "_strptime_time", _strp._strptime_time)
        except BaseException:
            _roll_back(undo)
            raise
        _undo = undo
        return _MADE
    finally:
        _release()


def unpatch_strptime() -> None:
    """Undo :func:`patch_strptime`: ``_strptime``'s two functions are put
    back (the very objects that were there before the patch).

    Does nothing when strptime is not patched.
    """
    global _undo
    _acquire()
    try:
        if _undo is None:
            return
        undo, _undo = _undo, None
        _roll_back(undo)
    finally:
        _release()


def is_strptime_patched() -> bool:
    """True while :func:`patch_strptime` is in effect."""
    return _undo is not None
