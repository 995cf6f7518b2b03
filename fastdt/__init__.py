"""fastdt: a C-speed, allocation-free drop-in for ``dateutil.parser.parse``.

``from fastdt import parse`` replaces ``from dateutil.parser import parse``.
"""
import sys as _sys

from dateutil.parser import parserinfo, UnknownTimezoneWarning

from fastdt._errors import ParserError
from fastdt._parser import Parser, parse, DEFAULT_PARSER
from fastdt._isoparser import isoparser, isoparse
from fastdt._patch import patch_dateutil, unpatch_dateutil
from fastdt._array import parse_array

parser = Parser  # dateutil's spelling

# ``import fastdt.parse`` (a usage line some instructions give, patterned on
# ``import dateutil.parser``) finds this entry instead of failing with
# ModuleNotFoundError; the import binds ``fastdt``, and ``fastdt.parse`` stays
# this very function in every import order (Python returns a submodule that
# importing its package put in sys.modules, and sets no attribute then).
_sys.modules[__name__ + ".parse"] = parse

__all__ = [
    "parse", "Parser", "parser", "parserinfo", "ParserError",
    "UnknownTimezoneWarning", "isoparse", "isoparser", "DEFAULT_PARSER",
    "patch_dateutil", "unpatch_dateutil", "parse_array",
]
__version__ = "0.1.0"
