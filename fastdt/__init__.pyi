from datetime import date, datetime, time, tzinfo
from typing import (IO, AbstractSet, Any, Callable, ClassVar, Dict, Final, Generator, Iterable,
                    Iterator, Literal, Mapping, NamedTuple, Optional, Sequence, SupportsIndex,
                    Tuple, Union, ValuesView, final, overload)

from typing_extensions import Self, disjoint_base

# parse_array's column libraries, none of which fastdt requires.  A stub is
# never executed, so these imports cost nothing at run time.  Where a library
# is not installed or has no types (pandas without pandas-stubs; pyarrow), mypy
# makes it Any: the ignore keeps this stub clean either way, and the overloads
# of parse_array are ordered so that an Any there can only widen the answer to
# Any, never take a list's or an ndarray's.
import numpy as _np  # type: ignore[import-not-found, unused-ignore]
import numpy.typing as _npt  # type: ignore[import-not-found, unused-ignore]
import pandas as _pd  # type: ignore[import-not-found, import-untyped, unused-ignore]
import polars as _pl  # type: ignore[import-not-found, unused-ignore]

from dateutil.parser import ParserError as _DateutilParserError
from dateutil.parser import UnknownTimezoneWarning as UnknownTimezoneWarning
from dateutil.parser import parserinfo as parserinfo

__all__ = [
    "parse", "try_parse", "Parser", "parser", "parserinfo", "ParserError",
    "UnknownTimezoneWarning", "isoparse", "isoparser", "DEFAULT_PARSER",
    "patch_dateutil", "unpatch_dateutil", "parse_array", "guess_format",
    "parse_fields", "ParsedFields", "MissingFieldsError", "readings", "Reading",
    "AmbiguousDateError", "DateutilPatch", "strptime",
    "search", "finditer", "Match",
    "patch_strptime", "unpatch_strptime", "is_strptime_patched", "StrptimePatch",
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
# ambiguous=: answer for the settings given, or raise AmbiguousDateError.
_Ambiguous = Literal["ignore", "raise"]
# A ParsedFields field: int, str (tzname) or None.
_Field = Union[int, str, None]

__version__: Final[str]

# Without types-python-dateutil, dateutil's classes are Any to mypy: the
# ignore is for that case (and itself ignored when dateutil has types).
class ParserError(_DateutilParserError): ...  # type: ignore[misc, unused-ignore]

class MissingFieldsError(ParserError):
    missing: Tuple[str, ...]

class AmbiguousDateError(ParserError):
    readings: Tuple[Reading, ...]

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
        ambiguous: _Ambiguous = "ignore",
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

# fastdt.try_parse: parse's answer, or None where parse raises ParserError,
# ValueError or OverflowError (TypeError for a non-string still raises).
@overload
def try_parse(
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
) -> Optional[datetime]: ...
@overload
def try_parse(
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
) -> Optional[_Fuzzy]: ...
@overload
def try_parse(
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
) -> Union[datetime, _Fuzzy, None]: ...

def parse_fields(
    timestr: _TimeStr,
    parserinfo: Optional[parserinfo] = None,
    *,
    dayfirst: Optional[bool] = None,
    yearfirst: Optional[bool] = None,
    fuzzy: bool = False,
    required: _Required = None,
    ambiguous: _Ambiguous = "ignore",
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
# that gives itself and lets exceptions through
class DateutilPatch:
    def __init__(self, was_patched: bool) -> None: ...
    def __enter__(self) -> Self: ...
    def __exit__(self, *exc_info: object) -> None: ...

def patch_dateutil() -> DateutilPatch: ...
def unpatch_dateutil() -> None: ...

# fastdt.parse_array (fastdt/_array.py): the same kind of column as `values`.
# The overloads take disjoint types: an argument whose type holds an Any
# (np.array(["..."]) is ndarray[..., dtype[Any]], pandas-stubs' df["col"] is
# Series[Any]) that two overloads with different answers accept makes mypy
# answer Any.  So there is no catch-all, and no Iterable or Iterator (protocols
# that Series[Any] meets through its __getattr__): the iterables that are not
# sequences are named by their nominal types (generators, sets and dict views,
# map and filter); another (iter(a_list)) is refused, pass a list.
# Where a library is Any (see the imports), mypy says a later overload cannot
# match (it is then reached only by arguments of Any type): the ignores are
# for that case.  pyarrow ships no types: its Arrays are Any and answer Any.
# stubtest refuses **options: Unpack[TypedDict] for the runtime's named
# keywords, hence each overload spells them out.
@overload
def parse_array(
    values: Union[_npt.NDArray[Any], Sequence[object], Generator[object, Any, Any],
                  AbstractSet[object], ValuesView[object], map[object], filter[object]],
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
    format: Optional[Union[str, Sequence[str]]] = None,
) -> _npt.NDArray[_np.datetime64]: ...
@overload
def parse_array(  # type: ignore[overload-cannot-match, unused-ignore]
    values: _pd.Series[Any],
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
    format: Optional[Union[str, Sequence[str]]] = None,
) -> _pd.Series[_pd.Timestamp]: ...
@overload
def parse_array(  # type: ignore[overload-cannot-match, unused-ignore]
    values: _pd.Index[Any],
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
    format: Optional[Union[str, Sequence[str]]] = None,
) -> _pd.DatetimeIndex: ...
@overload
def parse_array(  # type: ignore[overload-cannot-match, unused-ignore]
    values: _pl.Series,
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
    format: Optional[Union[str, Sequence[str]]] = None,
) -> _pl.Series: ...

# fastdt.guess_format (fastdt/_format.py): a checked strptime format, or None.
def guess_format(
    timestr: str,
    parserinfo: Optional[parserinfo] = None,
    *,
    dayfirst: Optional[bool] = None,
    yearfirst: Optional[bool] = None,
    ambiguous: _Ambiguous = "ignore",
) -> Optional[str]: ...

# fastdt.readings (fastdt/_format.py): each way a string reads as the
# dayfirst/yearfirst left None vary.
class Reading(NamedTuple):
    dayfirst: bool
    yearfirst: bool
    fields: ParsedFields
    format: Optional[str]

def readings(
    timestr: _TimeStr,
    parserinfo: Optional[parserinfo] = None,
    *,
    dayfirst: Optional[bool] = None,
    yearfirst: Optional[bool] = None,
) -> Tuple[Reading, ...]: ...

# fastdt.strptime (fastdt/_strp.pyx): datetime.datetime.strptime, compiled.
def strptime(date_string: str, format: str, /) -> datetime: ...

# fastdt.search / fastdt.finditer (fastdt/_search.pyx): the timestamp in a line.
@final
class Match:
    @property
    def string(self) -> str: ...
    @property
    def datetime(self) -> datetime: ...
    @property
    def fields(self) -> ParsedFields: ...
    def start(self) -> int: ...
    def end(self) -> int: ...
    def span(self) -> Tuple[int, int]: ...
    def group(self) -> str: ...

def search(
    text: str,
    parserinfo: Optional[parserinfo] = None,
    *,
    default: Optional[datetime] = None,
    ignoretz: bool = False,
    tzinfos: Optional[_TzInfos] = None,
    dayfirst: Optional[bool] = None,
    yearfirst: Optional[bool] = None,
) -> Optional[Match]: ...

def finditer(
    text: str,
    parserinfo: Optional[parserinfo] = None,
    *,
    default: Optional[datetime] = None,
    ignoretz: bool = False,
    tzinfos: Optional[_TzInfos] = None,
    dayfirst: Optional[bool] = None,
    yearfirst: Optional[bool] = None,
) -> Iterator[Match]: ...
# fastdt.patch_strptime (fastdt/_patch_strp.py): the handle is a context manager
class StrptimePatch:
    def __enter__(self) -> Self: ...
    def __exit__(self, *exc_info: object) -> None: ...

def patch_strptime() -> StrptimePatch: ...
def unpatch_strptime() -> None: ...
def is_strptime_patched() -> bool: ...
