"""fastdt: a C-speed, allocation-free drop-in for ``dateutil.parser.parse``.

``from fastdt import parse`` replaces ``from dateutil.parser import parse``.
"""
from dateutil.parser import parserinfo, UnknownTimezoneWarning

from fastdt._errors import ParserError
from fastdt._parser import Parser, parse, DEFAULT_PARSER
from fastdt._isoparser import isoparser, isoparse
from fastdt._patch import patch_dateutil, unpatch_dateutil
from fastdt._array import parse_array

parser = Parser  # dateutil's spelling

__all__ = [
    "parse", "Parser", "parser", "parserinfo", "ParserError",
    "UnknownTimezoneWarning", "isoparse", "isoparser", "DEFAULT_PARSER",
    "patch_dateutil", "unpatch_dateutil", "parse_array",
]
__version__ = "0.1.0"
