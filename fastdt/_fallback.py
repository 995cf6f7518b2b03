"""dateutil's own parser, for the inputs fastdt hands to it: streams of odd
pieces, a duck-typed parserinfo, numbers past int64 (``parse_fields``).

dateutil turns any exception of ``Decimal`` into ``ValueError`` (in
``parser._to_decimal``, and again in ``_parse_numeric_token``), and its
``_parse`` answers a ValueError with "no date".  Under allocation failure a
MemoryError on that path would so become ``ParserError("Unknown string
format")``: a wrong answer where the right one is MemoryError.  The parser
here lets such a MemoryError leave as ``OutOfMemory``, a BaseException that
none of dateutil's ``except Exception`` clauses catches; the caller raises
MemoryError for it.  Every other outcome is dateutil's own.
"""
from typing import Any

from dateutil.parser._parser import parser as _du_parser

__all__ = ["DateutilParser", "OutOfMemory"]


class OutOfMemory(BaseException):
    """A MemoryError inside dateutil's number conversion (see the module)."""


# Made now: under the failure it stands for, making one could fail too.
_OUT_OF_MEMORY = OutOfMemory()
_du_to_decimal = _du_parser._to_decimal  # type: ignore[attr-defined]


def _caused_by_memory(exc: BaseException) -> bool:
    return (isinstance(exc, MemoryError) or isinstance(exc.__cause__, MemoryError)
            or isinstance(exc.__context__, MemoryError))


class DateutilParser(_du_parser):
    """``dateutil.parser.parser``, but a MemoryError is never a ValueError."""

    def _to_decimal(self, val: Any) -> Any:
        try:
            return _du_to_decimal(self, val)
        except Exception as exc:
            if _caused_by_memory(exc):
                raise _OUT_OF_MEMORY from None
            raise
