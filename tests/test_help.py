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
    (fastdt.try_parse, "(timestr, parserinfo=None, *, default=None, ignoretz=False, "
                       "tzinfos=None, dayfirst=None, yearfirst=None, fuzzy=False, "
                       "fuzzy_with_tokens=False, required=None)"),
    (fastdt.Parser, "(info=None)"),
    (fastdt.parser, "(info=None)"),
    (fastdt.Parser.parse, "(self, timestr, default=None, ignoretz=False, tzinfos=None, *, "
                          "dayfirst=None, yearfirst=None, fuzzy=False, fuzzy_with_tokens=False, "
                          "required=None)"),
    (fastdt.isoparse, "(dt_str)"),
    (fastdt.isoparser, "(sep=None)"),
    (fastdt.isoparser.isoparse, "(self, dt_str)"),
], ids=["parse", "try_parse", "Parser", "parser", "Parser.parse", "isoparse", "isoparser",
        "isoparser.isoparse"])
def test_signature(obj, signature):
    assert str(inspect.signature(obj)) == signature


def test_bound_method_signature():
    assert list(inspect.signature(fastdt.Parser().parse).parameters)[0] == "timestr"


@pytest.mark.parametrize("obj, name", [
    (fastdt.parse, "parse"),
    (fastdt.try_parse, "try_parse"),
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


@pytest.mark.parametrize("func", [fastdt.parse, fastdt.try_parse, fastdt.Parser.parse,
                                  fastdt.isoparse],
                         ids=["parse", "try_parse", "Parser.parse", "isoparse"])
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


def test_try_parse_documents_none_and_what_it_raises():
    doc = fastdt.try_parse.__doc__
    assert "None" in doc.split(":returns:")[1].split(":raises")[0]
    assert "not a str" in doc.split(":raises TypeError:")[1].split(":raises")[0]
    assert ":warns UnknownTimezoneWarning:" in doc
    # its parameters are parse's, word for word
    params = lambda d: d[d.index(":param timestr:"):d.index(":returns:")].strip()
    assert params(doc) == params(fastdt.parse.__doc__)
    # pydoc prints the signature (3.13 wraps a long one over several lines)
    assert re.search(r"^try_parse\(\s*timestr,", _help(fastdt.try_parse), re.MULTILINE)


def test_isoparse_documents_its_exceptions():
    assert ":raises ValueError:" in fastdt.isoparse.__doc__
    assert ":raises ValueError:" in fastdt.isoparser.isoparse.__doc__


def test_classes_document_their_parameter():
    assert ":param info:" in fastdt.Parser.__doc__
    assert ":param sep:" in fastdt.isoparser.__doc__
    # the signature convention's lines are not part of __doc__
    assert not fastdt.Parser.__doc__.startswith("Parser(")
    assert "--" not in fastdt.Parser.__doc__.splitlines()[0]


# --- help(fastdt): the module docstring is a map of the API ---------------------------

def _api_map():
    """(name, description) for each line of the module docstring's map."""
    return re.findall(r"^    (\w+) {2,}(\S.*)$", fastdt.__doc__, re.MULTILINE)


def test_module_docstring_maps_every_public_name_once():
    names = [name for name, _ in _api_map()]
    # each public name once, and nothing that is not public
    assert sorted(names) == sorted(fastdt.__all__)
    for name, description in _api_map():
        assert len(description.split()) >= 3, name
    # one line each, within help()'s 79 columns once indented
    for line in fastdt.__doc__.splitlines():
        assert len(line) <= 79 - 4, line


def test_help_fastdt_shows_the_map_and_where_the_docs_are():
    import pathlib
    text = _help(fastdt)
    for name, description in _api_map():
        assert re.search(r"^ +%s +%s$" % (name, re.escape(description)), text, re.MULTILINE)
    doc = fastdt.__doc__
    assert "help(fastdt.parse)" in doc and "python -m fastdt --help" in doc
    assert "README.md" in doc
    # the README it points to speaks of every public name
    readme = (pathlib.Path(__file__).resolve().parent.parent / "README.md").read_text()
    for name in fastdt.__all__:
        assert re.search(r"\b%s\b" % name, readme), name
    # and help(fastdt.<name>) has something to show for each name
    for name in fastdt.__all__:
        assert (inspect.getdoc(getattr(fastdt, name)) or "").strip(), name


@pytest.mark.parametrize("func", [fastdt.parse_fields, fastdt.Parser.parse_fields,
                                  fastdt.guess_format, fastdt.readings, fastdt.parse_array,
                                  fastdt.search, fastdt.finditer],
                         ids=["parse_fields", "Parser.parse_fields", "guess_format",
                              "readings", "parse_array", "search", "finditer"])
def test_the_other_functions_document_each_parameter_once(func):
    names = [n for n in inspect.signature(func).parameters if n != "self"]
    # ":param a, b, c:" documents several that mean what they mean for parse
    documented = [n for group in re.findall(r":param ([\w, ]+):", func.__doc__)
                  for n in group.split(", ")]
    assert sorted(documented) == sorted(names)
    assert ":returns:" in func.__doc__ and ":raises " in func.__doc__


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
