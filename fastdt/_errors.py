"""The exceptions fastdt raises of its own (a leaf: imports nothing of fastdt).

Everything else fastdt raises is what dateutil raises there (``ValueError``,
``OverflowError``, ``decimal.InvalidOperation``, ``TypeError``): those are
built by the Python edge, ``fastdt._parser``, from the C status the core
returned.
"""
from dateutil.parser import ParserError as _DateutilParserError


class ParserError(_DateutilParserError):
    """dateutil's ParserError: ``except dateutil.parser.ParserError`` catches it."""
    __module__ = "fastdt"


class MissingFieldsError(ParserError):
    """The string lacks a field that ``required=`` asks for.

    ``missing`` holds the names of the fields it lacks, in field order
    (``("year", "day")``).
    """
    __module__ = "fastdt"
    missing = ()


class AmbiguousDateError(ParserError):
    """The string reads more than one way as the ``dayfirst``/``yearfirst``
    left None vary, and ``ambiguous="raise"`` asks to be told.

    ``readings`` holds every reading, the one the call would answer first,
    as ``fastdt.Reading`` records (``fastdt.readings`` gives the same).
    """
    __module__ = "fastdt"
    readings = ()
