"""fastdt: a C-speed, allocation-free drop-in for ``dateutil.parser.parse``.

``from fastdt import parse`` replaces ``from dateutil.parser import parse``.
"""
import sys as _sys

from dateutil.parser import parserinfo, UnknownTimezoneWarning

from fastdt._errors import ParserError, MissingFieldsError
try:
    from fastdt._parser import Parser, parse, DEFAULT_PARSER
except ModuleNotFoundError as _exc:
    if _exc.name != "fastdt._parser":
        raise
    # Typically `python -m fastdt` run in a clone after `pip install .`: the
    # current directory comes first on sys.path, so its unbuilt fastdt/
    # source folder shadows the installed package.
    raise ImportError(
        "fastdt's compiled modules are not built in %s.  If that is a source "
        "checkout shadowing an installed fastdt (Python looks in the current "
        "directory first), run from another directory, or build in place: "
        "pip install -e ." % __path__[0]) from _exc
from fastdt._isoparser import isoparser, isoparse
from fastdt._patch import patch_dateutil, unpatch_dateutil
from fastdt._fields import parse_fields
from fastdt._record import ParsedFields
from fastdt._array import parse_array
from fastdt._format import guess_format
from fastdt._strp import strptime

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
    "patch_dateutil", "unpatch_dateutil", "parse_array", "guess_format",
    "parse_fields", "ParsedFields", "MissingFieldsError", "strptime",
]
__version__ = "0.1.0"
