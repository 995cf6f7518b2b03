"""``fastdt.patch_dateutil()`` / ``fastdt.unpatch_dateutil()``.

Code that only knows dateutil (pandas, botocore, API clients) gets fastdt
from one explicit call at startup.  Importing fastdt patches nothing.

What is replaced, and why it reaches names bound before the patch:

* ``dateutil.parser.parser.parse`` and ``parser._parse`` (class attributes):
  every ``parser`` instance looks them up at call time, including
  ``DEFAULTPARSER`` that pandas imported, and the module function
  ``dateutil.parser.parse`` that callers imported early (it calls
  ``DEFAULTPARSER.parse``).
* the function inside the ``_takes_ascii`` wrapper of
  ``isoparser.isoparse`` (its closure cell): ``dateutil.parser.isoparse``
  is a bound method created at import, and code that imported it holds
  that object; the cell is what every such call reaches.

Each replacement answers on fastdt only where fastdt's answer is dateutil's
by construction, and calls the original otherwise (see ``fastdt._fields``).
``unpatch_dateutil()`` puts every original object back.
"""
import functools
import threading
import warnings
from typing import Any, Callable, List, Optional

import dateutil.parser._parser as _du_parser_mod
from dateutil.parser import isoparser as _du_isoparser

from fastdt import _fields  # type: ignore[attr-defined]  # compiled, no stub

__all__ = ["patch_dateutil", "unpatch_dateutil", "is_patched", "DateutilPatch"]

_lock = threading.RLock()
# (restore callable) for each change made, in order; None when not patched
_undo: Optional[List[Callable[[], None]]] = None


def _find_cell(wrapper: Any, target: Any) -> Any:
    """The closure cell of ``wrapper`` that holds ``target``, or None."""
    for cell in getattr(wrapper, "__closure__", None) or ():
        try:
            if cell.cell_contents is target:
                return cell
        except ValueError:      # an empty cell
            continue
    return None


def _set_attr(undo: List[Callable[[], None]], obj: Any, name: str, value: Any) -> None:
    # the object's own binding (not an inherited one) is what is restored
    had = name in vars(obj)
    old = vars(obj).get(name)

    def restore() -> None:
        if had:
            setattr(obj, name, old)
        else:
            try:
                delattr(obj, name)
            except AttributeError:      # never set: the change itself failed
                pass
    # The undo step is recorded before the change is made: recording it can
    # fail (MemoryError), and a change made but not recorded would outlive
    # the rollback.  Restoring what was never changed is harmless.
    undo.append(restore)
    setattr(obj, name, value)


def _roll_back(undo: List[Callable[[], None]]) -> None:
    """Run every undo step, last first, even if one of them fails (the
    first failure is raised once all have run).  By index: ``reversed()``
    makes an iterator, and an allocation that fails here must not leave
    dateutil patched."""
    failure: Optional[BaseException] = None
    k = len(undo)
    while k:
        k -= 1
        try:
            undo[k]()
        except BaseException as exc:  # raised below, after the other steps
            if failure is None:
                failure = exc
    if failure is not None:
        raise failure


class DateutilPatch:
    """The handle ``patch_dateutil()`` returns; a context manager.

    Leaving the ``with`` block restores dateutil's originals, unless the
    patch was already in place when the block was entered (then it stays).
    """

    def __init__(self, was_patched: bool) -> None:
        self._was_patched = was_patched

    def __enter__(self) -> "DateutilPatch":
        return self

    def __exit__(self, *exc_info: object) -> None:
        if not self._was_patched:
            unpatch_dateutil()

    def __repr__(self) -> str:
        return "<fastdt.patch_dateutil: dateutil.parser runs on fastdt%s>" % (
            "" if is_patched() else " (undone)")


def patch_dateutil() -> DateutilPatch:
    """Make ``dateutil.parser`` run on fastdt, with the same answers.

    After the call, ``dateutil.parser.parse``, ``parser(info).parse`` for
    any ``parserinfo``, ``dateutil.parser.isoparse``,
    ``isoparser(sep).isoparse`` and dateutil's private ``parser._parse``
    (which pandas calls) run on fastdt, including through names imported
    before the call (``from dateutil.parser import parse, isoparse``,
    pandas' ``DEFAULTPARSER``).  Inputs and subclasses fastdt cannot answer
    exactly as dateutil does are passed to dateutil's original code.

    Calling it again while patched changes nothing.  Returns a handle that
    is also a context manager: ``with fastdt.patch_dateutil(): ...`` undoes
    the patch on leaving the block (if the block made it).  Undo it at any
    time with :func:`unpatch_dateutil`.
    """
    global _undo
    with _lock:
        if _undo is not None:
            return DateutilPatch(True)
        undo: List[Callable[[], None]] = []
        # made first: once the patch is in place nothing may fail, or the
        # caller would see an error from a call that did patch dateutil
        handle = DateutilPatch(False)
        try:
            parser_cls = _du_parser_mod.parser
            orig_isoparse_wrapper = vars(_du_isoparser)["isoparse"]
            orig_isoparse = getattr(orig_isoparse_wrapper, "__wrapped__", None)
            cell = _find_cell(orig_isoparse_wrapper, orig_isoparse)
            _fields.install(vars(parser_cls)["parse"], vars(parser_cls)["_parse"],
                            orig_isoparse)
            _set_attr(undo, parser_cls, "parse", _fields.parse)
            _set_attr(undo, parser_cls, "_parse", _fields._parse)
            if cell is not None:
                undo.append(functools.partial(setattr, cell, "cell_contents", orig_isoparse))
                cell.cell_contents = _fields.isoparse
            else:
                # every dateutil from 2.7 to 4.0 wraps isoparse this way
                warnings.warn("fastdt.patch_dateutil(): this dateutil's "
                              "isoparser.isoparse is not the _takes_ascii wrapper "
                              "fastdt knows; isoparse is left as dateutil's",
                              RuntimeWarning, stacklevel=2)
        except BaseException:
            _roll_back(undo)
            raise
        _undo = undo
        return handle


def unpatch_dateutil() -> None:
    """Undo :func:`patch_dateutil`: every object it replaced is put back.

    Does nothing when dateutil is not patched.
    """
    global _undo
    with _lock:
        if _undo is None:
            return
        undo, _undo = _undo, None
        _roll_back(undo)


def is_patched() -> bool:
    """True while :func:`patch_dateutil` is in effect."""
    return _undo is not None
