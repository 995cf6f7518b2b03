"""help() and inspect.signature on the public API.

help() shows each signature once (no embedded signature line repeating it)
and documents every parameter once, plus the exceptions; inspect.signature
works on the functions and on the classes written in Cython.
"""
import inspect
import pydoc
import re

import pytest

import fastdt


def _help(obj):
    return pydoc.render_doc(obj, renderer=pydoc.plaintext)


@pytest.mark.parametrize("obj, signature", [
    (fastdt.parse, "(timestr, parserinfo=None, *, default=None, ignoretz=False, tzinfos=None, "
                   "dayfirst=None, yearfirst=None, fuzzy=False, fuzzy_with_tokens=False, "
                   "required=None)"),
    (fastdt.Parser, "(info=None)"),
    (fastdt.parser, "(info=None)"),
    (fastdt.Parser.parse, "(self, timestr, default=None, ignoretz=False, tzinfos=None, *, "
                          "dayfirst=None, yearfirst=None, fuzzy=False, fuzzy_with_tokens=False, "
                          "required=None)"),
    (fastdt.isoparse, "(dt_str)"),
    (fastdt.isoparser, "(sep=None)"),
    (fastdt.isoparser.isoparse, "(self, dt_str)"),
], ids=["parse", "Parser", "parser", "Parser.parse", "isoparse", "isoparser",
        "isoparser.isoparse"])
def test_signature(obj, signature):
    assert str(inspect.signature(obj)) == signature


def test_bound_method_signature():
    assert list(inspect.signature(fastdt.Parser().parse).parameters)[0] == "timestr"


@pytest.mark.parametrize("obj, name", [
    (fastdt.parse, "parse"),
    (fastdt.Parser.parse, "parse"),
    (fastdt.isoparse, "isoparse"),
    (fastdt.isoparser.isoparse, "isoparse"),
    (fastdt.Parser, "Parser"),
    (fastdt.isoparser, "isoparser"),
])
def test_help_shows_the_signature_once(obj, name):
    text = _help(obj)
    if isinstance(obj, type):
        # the class's own signature line; methods are listed under it
        assert len(re.findall(r"\b%s\((info|sep)=None\)" % name, text)) == 1, text
    else:
        # a line starting "name(": the signature pydoc prints (3.13 may wrap
        # it over several lines), and any copy of it in the docstring
        assert len(re.findall(r"^[ |]*%s\(" % name, text, re.MULTILINE)) == 1, text
    # nothing left of Cython's embedsignature in the docstring itself
    doc = obj.__doc__ or ""
    assert not re.match(r"\s*%s\(" % name, doc), doc


@pytest.mark.parametrize("func", [fastdt.parse, fastdt.Parser.parse, fastdt.isoparse],
                         ids=["parse", "Parser.parse", "isoparse"])
def test_each_parameter_documented_once(func):
    doc = func.__doc__
    names = [n for n in inspect.signature(func).parameters if n != "self"]
    for name in names:
        assert len(re.findall(r":param %s:" % name, doc)) == 1, (name, doc)
    documented = re.findall(r":param (\w+):", doc)
    assert sorted(documented) == sorted(names)


@pytest.mark.parametrize("func", [fastdt.parse, fastdt.Parser.parse],
                         ids=["parse", "Parser.parse"])
def test_exceptions_and_warning_documented(func):
    doc = func.__doc__
    for exc in ("ParserError", "OverflowError", "TypeError"):
        assert ":raises %s:" % exc in doc
    assert ":warns UnknownTimezoneWarning:" in doc
    assert ":returns:" in doc


def test_isoparse_documents_its_exceptions():
    assert ":raises ValueError:" in fastdt.isoparse.__doc__
    assert ":raises ValueError:" in fastdt.isoparser.isoparse.__doc__


def test_classes_document_their_parameter():
    assert ":param info:" in fastdt.Parser.__doc__
    assert ":param sep:" in fastdt.isoparser.__doc__
    # the signature convention's lines are not part of __doc__
    assert not fastdt.Parser.__doc__.startswith("Parser(")
    assert "--" not in fastdt.Parser.__doc__.splitlines()[0]


def test_strptime_help():
    """fastdt.strptime names the CPython function it mirrors, and documents
    each argument once, positional-only as datetime.strptime's."""
    assert str(inspect.signature(fastdt.strptime)) == "(date_string, format, /)"
    doc = fastdt.strptime.__doc__
    assert "datetime.datetime.strptime" in doc
    for name in ("date_string", "format"):
        assert len(re.findall(r":param %s:" % name, doc)) == 1
    assert sorted(re.findall(r":param (\w+):", doc)) == ["date_string", "format"]
    for exc in ("ValueError", "TypeError"):
        assert ":raises %s:" % exc in doc
    text = _help(fastdt.strptime)
    assert len(re.findall(r"^[ |]*strptime\(", text, re.MULTILINE)) == 1, text
