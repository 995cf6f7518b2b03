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
# (restore callable) for each change made, in order; None when not patched
_undo: Optional[List[Callable[[], None]]] = None


class StrptimePatch:
    """The handle ``patch_strptime()`` returns; a context manager.

    Leaving the ``with`` block restores ``_strptime``'s originals, unless
    the patch was already in place when the block was entered (then it
    stays).
    """

    def __init__(self, was_patched: bool) -> None:
        self._was_patched = was_patched

    def __enter__(self) -> "StrptimePatch":
        return self

    def __exit__(self, *exc_info: object) -> None:
        if not self._was_patched:
            unpatch_strptime()

    def __repr__(self) -> str:
        return "<fastdt.patch_strptime: datetime.strptime and time.strptime run on fastdt%s>" % (
            "" if is_strptime_patched() else " (undone)")


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
    the patch on leaving the block (if the block made it).  Undo it at any
    time with :func:`unpatch_strptime`.
    """
    global _undo
    with _lock:
        if _undo is not None:
            return StrptimePatch(True)
        undo: List[Callable[[], None]] = []
        # made first: once the patch is in place nothing may fail
        handle = StrptimePatch(False)
        try:
            _set_attr(undo, _strptime, "_strptime_datetime", _strp._strptime_datetime)
            _set_attr(undo, _strptime, "_strptime_time", _strp._strptime_time)
        except BaseException:
            _roll_back(undo)
            raise
        _undo = undo
        return handle


def unpatch_strptime() -> None:
    """Undo :func:`patch_strptime`: ``_strptime``'s two functions are put
    back (the very objects that were there before the patch).

    Does nothing when strptime is not patched.
    """
    global _undo
    with _lock:
        if _undo is None:
            return
        undo, _undo = _undo, None
        _roll_back(undo)


def is_strptime_patched() -> bool:
    """True while :func:`patch_strptime` is in effect."""
    return _undo is not None
