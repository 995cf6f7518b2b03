from contextlib import AbstractContextManager
from datetime import datetime, tzinfo
from typing import Any, Callable, IO, Literal, Mapping, Optional, Tuple, Union, overload

from dateutil.parser import ParserError as _DateutilParserError
from dateutil.parser import UnknownTimezoneWarning as UnknownTimezoneWarning
from dateutil.parser import parserinfo as parserinfo

_TzData = Union[tzinfo, int, str, None]
_TzInfos = Union[Mapping[str, _TzData], Callable[[Optional[str], Optional[int]], _TzData]]
_TimeStr = Union[str, bytes, bytearray, IO[str]]

__version__: str

class ParserError(_DateutilParserError): ...

class Parser:
    info: parserinfo
    def __init__(self, info: Optional[parserinfo] = ...) -> None: ...
    def parse(
        self,
        timestr: _TimeStr,
        default: Optional[datetime] = ...,
        ignoretz: bool = ...,
        tzinfos: Optional[_TzInfos] = ...,
        *,
        dayfirst: Optional[bool] = ...,
        yearfirst: Optional[bool] = ...,
        fuzzy: bool = ...,
        fuzzy_with_tokens: bool = ...,
    ) -> Any: ...

parser = Parser
DEFAULT_PARSER: Parser

def parse(
    timestr: _TimeStr,
    parserinfo: Optional[parserinfo] = ...,
    *,
    default: Optional[datetime] = ...,
    ignoretz: bool = ...,
    tzinfos: Optional[_TzInfos] = ...,
    dayfirst: Optional[bool] = ...,
    yearfirst: Optional[bool] = ...,
    fuzzy: bool = ...,
    fuzzy_with_tokens: bool = ...,
) -> Any: ...

class isoparser:
    def __init__(self, sep: Optional[Union[str, bytes]] = ...) -> None: ...
    def isoparse(self, dt_str: Union[str, bytes, IO[str], IO[bytes]]) -> datetime: ...
    def parse_isodate(self, datestr: Union[str, bytes]) -> Any: ...
    def parse_isotime(self, timestr: Union[str, bytes]) -> Any: ...
    def parse_tzstr(self, tzstr: Union[str, bytes], zero_as_utc: bool = ...) -> Optional[tzinfo]: ...

def isoparse(dt_str: Union[str, bytes, IO[str], IO[bytes]]) -> datetime: ...

# fastdt.patch_dateutil (fastdt/_patch.py): the handle is a context manager
def patch_dateutil() -> AbstractContextManager[object]: ...
def unpatch_dateutil() -> None: ...

# parse_array: the column kinds (numpy, pandas, pyarrow, polars) are optional
# dependencies, so the answer is typed as Any: it is the same kind of column
# as ``values`` (numpy datetime64 for a plain sequence).
def parse_array(
    values: Any,
    parserinfo: Optional[parserinfo] = ...,
    *,
    utc: bool = ...,
    errors: Literal["raise", "coerce"] = ...,
    unit: Literal["s", "ms", "us", "ns"] = ...,
    threads: Optional[int] = ...,
    default: Optional[datetime] = ...,
    ignoretz: bool = ...,
    tzinfos: Optional[_TzInfos] = ...,
    dayfirst: Optional[bool] = ...,
    yearfirst: Optional[bool] = ...,
    fuzzy: bool = ...,
) -> Any: ...
