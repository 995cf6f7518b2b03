"""fastdt: a C-speed, allocation-free drop-in for ``dateutil.parser.parse``.

``from fastdt import parse`` replaces ``from dateutil.parser import
parse``: same answers, tzinfo types, exceptions and warnings as the
python-dateutil installed, which stays installed and is never replaced.

One string, as dateutil parses it:
    parse                   a string to a datetime (dateutil's parse)
    try_parse               the same, or None where parse would raise
    Parser                  one parserinfo's parser: .parse, .parse_fields
    parser                  Parser, by dateutil's name for it
    DEFAULT_PARSER          the Parser that parse() uses
    parserinfo              dateutil's: month names, jump words, zones
    isoparse                strict ISO 8601 to a datetime (dateutil's)
    isoparser               the strict ISO 8601 parser: isoparser(sep)

What a string gives, before any default fills it in:
    parse_fields            its fields, None where it gives none
    ParsedFields            that record: immutable, like a named tuple
    guess_format            the strptime format that reads it as parse does
    readings                each way it reads as dayfirst/yearfirst vary
    Reading                 one: (dayfirst, yearfirst, fields, format)

A string of a known format:
    strptime                datetime.datetime.strptime, compiled per format

The timestamp inside a line of text (a log line):
    search                  the first one, as a Match (or None)
    finditer                every one, in order: an iterator of Match
    Match                   one: start() end() span() group() datetime

A column at a time:
    parse_array             list/numpy/pandas/Arrow/polars to datetime64

Code that only knows dateutil:
    patch_dateutil          dateutil.parser (and pandas) runs on fastdt
    unpatch_dateutil        puts dateutil's own functions back
    DateutilPatch           patch_dateutil()'s answer: a context manager

Code that only knows datetime.strptime / time.strptime:
    patch_strptime          both run on fastdt (a context manager too)
    unpatch_strptime        puts CPython's own _strptime functions back
    is_strptime_patched     True while patch_strptime() is in effect
    StrptimePatch           patch_strptime()'s answer: a context manager

Errors and warnings:
    ParserError             dateutil's ParserError, subclassed (ValueError)
    MissingFieldsError      the string lacks a field that required= names
    AmbiguousDateError      ambiguous="raise": it reads several ways
    UnknownTimezoneWarning  dateutil's: a zone name it does not know

help(fastdt.parse), help(fastdt.parse_array) ...: each name's arguments,
answers and exceptions.
The command line: python -m fastdt --help (the fastdt script is the same).
The full documentation, with examples, speed and how it works: README.md in
the source tree (also the package's description in its metadata).
"""
import sys as _sys

from dateutil.parser import parserinfo, UnknownTimezoneWarning

from fastdt._errors import ParserError, MissingFieldsError, AmbiguousDateError
try:
    from fastdt._parser import Parser, parse, try_parse, DEFAULT_PARSER
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
from fastdt._patch import DateutilPatch, patch_dateutil, unpatch_dateutil
from fastdt._fields import parse_fields
from fastdt._record import ParsedFields
from fastdt._array import parse_array
from fastdt._format import guess_format, readings, Reading
from fastdt._strp import strptime
from fastdt._search import search, finditer, Match
from fastdt._patch_strp import (StrptimePatch, patch_strptime, unpatch_strptime,
                                is_strptime_patched)

parser = Parser  # dateutil's spelling

# ``import fastdt.parse`` (a usage line some instructions give, patterned on
# ``import dateutil.parser``) finds this entry instead of failing with
# ModuleNotFoundError; the import binds ``fastdt``, and ``fastdt.parse`` stays
# this very function in every import order (Python returns a submodule that
# importing its package put in sys.modules, and sets no attribute then).
_sys.modules[__name__ + ".parse"] = parse

__all__ = [
    "parse", "try_parse", "Parser", "parser", "parserinfo", "ParserError",
    "UnknownTimezoneWarning", "isoparse", "isoparser", "DEFAULT_PARSER",
    "patch_dateutil", "unpatch_dateutil", "parse_array", "guess_format",
    "parse_fields", "ParsedFields", "MissingFieldsError", "readings", "Reading",
    "AmbiguousDateError", "DateutilPatch", "strptime",
    "search", "finditer", "Match",
    "patch_strptime", "unpatch_strptime", "is_strptime_patched", "StrptimePatch",
]
__version__ = "0.1.0"
