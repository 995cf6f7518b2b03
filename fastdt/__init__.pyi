from contextlib import AbstractContextManager
from datetime import date, datetime, time, tzinfo
from typing import (IO, Any, Callable, ClassVar, Dict, Final, Iterable, Iterator, Literal,
                    Mapping, Optional, SupportsIndex, Tuple, Union, final, overload)

from typing_extensions import disjoint_base

from dateutil.parser import ParserError as _DateutilParserError
from dateutil.parser import UnknownTimezoneWarning as UnknownTimezoneWarning
from dateutil.parser import parserinfo as parserinfo

__all__ = [
    "parse", "Parser", "parser", "parserinfo", "ParserError",
    "UnknownTimezoneWarning", "isoparse", "isoparser", "DEFAULT_PARSER",
    "patch_dateutil", "unpatch_dateutil", "parse_array", "guess_format",
    "parse_fields", "ParsedFields", "MissingFieldsError", "strptime",
]

# What a tzinfos mapping value or callable result may be: seconds east of UTC,
# a tzinfo, a TZ string (dateutil's tzstr), or None.
_TzData = Union[tzinfo, int, str, None]
_TzInfos = Union[Mapping[str, _TzData], Callable[[str, Optional[int]], _TzData]]
_TimeStr = Union[str, bytes, bytearray, IO[str]]
_IsoStr = Union[str, bytes, IO[str], IO[bytes]]
# fuzzy_with_tokens=True: the datetime and the skipped parts of the string.
_Fuzzy = Tuple[datetime, Tuple[str, ...]]
# required=: field names (ParsedFields._fields); one name may be a bare str.
_Required = Union[str, Iterable[str], None]
# A ParsedFields field: int, str (tzname) or None.
_Field = Union[int, str, None]

__version__: Final[str]

# Without types-python-dateutil, dateutil's classes are Any to mypy: the
# ignore is for that case (and itself ignored when dateutil has types).
class ParserError(_DateutilParserError): ...  # type: ignore[misc, unused-ignore]

class MissingFieldsError(ParserError):
    missing: Tuple[str, ...]

# fastdt.parse_fields's record (a final cdef class)
@final
class ParsedFields:
    _fields: ClassVar[Tuple[str, ...]]
    __match_args__ = ("year", "month", "day", "weekday", "hour", "minute", "second",
                      "microsecond", "tzname", "tzoffset")
    def __init__(
        self,
        year: Optional[int] = None,
        month: Optional[int] = None,
        day: Optional[int] = None,
        weekday: Optional[int] = None,
        hour: Optional[int] = None,
        minute: Optional[int] = None,
        second: Optional[int] = None,
        microsecond: Optional[int] = None,
        tzname: Optional[str] = None,
        tzoffset: Optional[int] = None,
    ) -> None: ...
    @property
    def year(self) -> Optional[int]: ...
    @property
    def month(self) -> Optional[int]: ...
    @property
    def day(self) -> Optional[int]: ...
    @property
    def weekday(self) -> Optional[int]: ...
    @property
    def hour(self) -> Optional[int]: ...
    @property
    def minute(self) -> Optional[int]: ...
    @property
    def second(self) -> Optional[int]: ...
    @property
    def microsecond(self) -> Optional[int]: ...
    @property
    def tzname(self) -> Optional[str]: ...
    @property
    def tzoffset(self) -> Optional[int]: ...
    def _asdict(self) -> Dict[str, _Field]: ...
    def __iter__(self) -> Iterator[_Field]: ...
    def __len__(self) -> int: ...
    @overload
    def __getitem__(self, index: SupportsIndex, /) -> _Field: ...
    @overload
    def __getitem__(self, index: slice, /) -> Tuple[_Field, ...]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

# cdef classes (a C layout of their own): disjoint bases (PEP 800)
@disjoint_base
class Parser:
    @property
    def info(self) -> parserinfo: ...
    def __init__(self, info: Optional[parserinfo] = None) -> None: ...
    @overload
    def parse(
        self,
        timestr: _TimeStr,
        default: Optional[datetime] = None,
        ignoretz: bool = False,
        tzinfos: Optional[_TzInfos] = None,
        *,
        dayfirst: Optional[bool] = None,
        yearfirst: Optional[bool] = None,
        fuzzy: bool = False,
        fuzzy_with_tokens: Literal[False] = False,
        required: _Required = None,
    ) -> datetime: ...
    @overload
    def parse(
        self,
        timestr: _TimeStr,
        default: Optional[datetime] = None,
        ignoretz: bool = False,
        tzinfos: Optional[_TzInfos] = None,
        *,
        dayfirst: Optional[bool] = None,
        yearfirst: Optional[bool] = None,
        fuzzy: bool = False,
        fuzzy_with_tokens: Literal[True],
        required: _Required = None,
    ) -> _Fuzzy: ...
    @overload
    def parse(
        self,
        timestr: _TimeStr,
        default: Optional[datetime] = None,
        ignoretz: bool = False,
        tzinfos: Optional[_TzInfos] = None,
        *,
        dayfirst: Optional[bool] = None,
        yearfirst: Optional[bool] = None,
        fuzzy: bool = False,
        fuzzy_with_tokens: bool,
        required: _Required = None,
    ) -> Union[datetime, _Fuzzy]: ...
    def parse_fields(
        self,
        timestr: _TimeStr,
        *,
        dayfirst: Optional[bool] = None,
        yearfirst: Optional[bool] = None,
        fuzzy: bool = False,
        required: _Required = None,
    ) -> ParsedFields: ...

parser = Parser
DEFAULT_PARSER: Final[Parser]

@overload
def parse(
    timestr: _TimeStr,
    parserinfo: Optional[parserinfo] = None,
    *,
    default: Optional[datetime] = None,
    ignoretz: bool = False,
    tzinfos: Optional[_TzInfos] = None,
    dayfirst: Optional[bool] = None,
    yearfirst: Optional[bool] = None,
    fuzzy: bool = False,
    fuzzy_with_tokens: Literal[False] = False,
    required: _Required = None,
) -> datetime: ...
@overload
def parse(
    timestr: _TimeStr,
    parserinfo: Optional[parserinfo] = None,
    *,
    default: Optional[datetime] = None,
    ignoretz: bool = False,
    tzinfos: Optional[_TzInfos] = None,
    dayfirst: Optional[bool] = None,
    yearfirst: Optional[bool] = None,
    fuzzy: bool = False,
    fuzzy_with_tokens: Literal[True],
    required: _Required = None,
) -> _Fuzzy: ...
@overload
def parse(
    timestr: _TimeStr,
    parserinfo: Optional[parserinfo] = None,
    *,
    default: Optional[datetime] = None,
    ignoretz: bool = False,
    tzinfos: Optional[_TzInfos] = None,
    dayfirst: Optional[bool] = None,
    yearfirst: Optional[bool] = None,
    fuzzy: bool = False,
    fuzzy_with_tokens: bool,
    required: _Required = None,
) -> Union[datetime, _Fuzzy]: ...

def parse_fields(
    timestr: _TimeStr,
    parserinfo: Optional[parserinfo] = None,
    *,
    dayfirst: Optional[bool] = None,
    yearfirst: Optional[bool] = None,
    fuzzy: bool = False,
    required: _Required = None,
) -> ParsedFields: ...

@disjoint_base
class isoparser:
    def __init__(self, sep: Optional[str] = None) -> None: ...
    def isoparse(self, dt_str: _IsoStr) -> datetime: ...
    def parse_isodate(self, datestr: Union[str, bytes]) -> date: ...
    def parse_isotime(self, timestr: Union[str, bytes]) -> time: ...
    def parse_tzstr(self, tzstr: Union[str, bytes], zero_as_utc: bool = True) -> tzinfo: ...

def isoparse(dt_str: _IsoStr) -> datetime: ...

# fastdt.patch_dateutil (fastdt/_patch.py): the handle is a context manager
def patch_dateutil() -> AbstractContextManager[object]: ...
def unpatch_dateutil() -> None: ...

# fastdt.parse_array (fastdt/_array.py).  The answer is the same kind of
# column as `values` (numpy, pandas, pyarrow or polars, none of which fastdt
# requires), hence Any for both.
def parse_array(
    values: Any,
    parserinfo: Optional[parserinfo] = None,
    *,
    utc: bool = False,
    errors: Literal["raise", "coerce"] = "raise",
    unit: Literal["s", "ms", "us", "ns"] = "us",
    threads: Optional[int] = None,
    default: Optional[datetime] = None,
    ignoretz: bool = False,
    tzinfos: Optional[_TzInfos] = None,
    dayfirst: Optional[bool] = None,
    yearfirst: Optional[bool] = None,
    fuzzy: bool = False,
) -> Any: ...

# fastdt.guess_format (fastdt/_format.py): a checked strptime format, or None.
def guess_format(
    timestr: str,
    parserinfo: Optional[parserinfo] = None,
    *,
    dayfirst: Optional[bool] = None,
    yearfirst: Optional[bool] = None,
) -> Optional[str]: ...

# fastdt.strptime (fastdt/_strp.pyx): datetime.datetime.strptime, compiled.
def strptime(date_string: str, format: str, /) -> datetime: ...
