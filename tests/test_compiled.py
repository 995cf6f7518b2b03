"""The compiled extension is what got imported, not a Python fallback."""
import importlib
import importlib.machinery
import pathlib
import types

import pytest

import fastdt

PACKAGE_DIR = pathlib.Path(fastdt.__file__).parent
# every fastdt/_*.pyx in the source tree (installed wheels carry no .pyx)
PYX_MODULES = sorted(p.stem for p in PACKAGE_DIR.glob("_*.pyx"))
CORE_MODULES = ["_build", "_grammar", "_parser", "_tables", "_tokenizer", "_tzcache"]


def _is_extension(path):
    return any(str(path).endswith(suffix)
               for suffix in importlib.machinery.EXTENSION_SUFFIXES)


@pytest.mark.parametrize("name", sorted(set(CORE_MODULES) | set(PYX_MODULES)))
def test_module_is_compiled_extension(name):
    module = importlib.import_module("fastdt." + name)
    assert _is_extension(module.__file__), (
        "fastdt.%s was imported from %s, not a compiled extension (%s)"
        % (name, module.__file__, importlib.machinery.EXTENSION_SUFFIXES))
    assert isinstance(module.__loader__, importlib.machinery.ExtensionFileLoader)


def test_no_shadowing_python_sources():
    shadows = [p.name for p in PACKAGE_DIR.glob("_*.py")
               if p.stem in set(CORE_MODULES) | set(PYX_MODULES)]
    assert not shadows, "Python files shadow compiled modules: %s" % shadows


def _is_cython_function(obj):
    # Cython 3's function type (binding=True), named after the Cython version
    # module, e.g. _cython_3_3_1.cython_function_or_method
    return (type(obj).__name__ in ("cython_function_or_method", "fused_cython_function")
            and not isinstance(obj, types.FunctionType))


def test_parse_is_a_builtin_of_the_extension():
    """fastdt.parse is a C builtin (fastdt/_onearg.pxd one_arg_builtin) made
    by the compiled _parser module, over a Cython function for the calls
    with options: a pure-Python fallback would be a plain function."""
    from fastdt import _parser
    assert type(fastdt.parse) is types.BuiltinFunctionType, type(fastdt.parse)
    assert fastdt.parse.__module__ == "fastdt._parser"
    assert fastdt.parse.__self__ is None
    assert pathlib.Path(_parser.__file__).suffix in (".so", ".pyd")
    # the calls with options reach the Cython function: its own messages
    with pytest.raises(TypeError, match=r"^parse\(\) got an unexpected keyword argument 'nope'$"):
        fastdt.parse("2003", nope=1)


def test_parser_parse_is_a_cython_function():
    assert _is_cython_function(fastdt.Parser.parse), type(fastdt.Parser.parse)
    assert _is_cython_function(fastdt.Parser().parse.__func__)


def test_entry_points_come_from_the_extension():
    from fastdt import _parser
    assert fastdt.parse is _parser.parse
    assert fastdt.Parser is _parser.Parser
    assert fastdt.parse.__module__ == "fastdt._parser"
    # a Cython cdef class: fixed C layout, no per-instance __dict__
    assert not hasattr(fastdt.Parser(), "__dict__")
