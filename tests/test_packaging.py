"""The package as a user receives it: the wheel's contents and metadata.

One wheel is built per run, from a copy of the source tree (so the checkout
is not touched), with the build requirements the ``test`` extra installs
(``pip wheel --no-build-isolation``: no download, ~30 s of compiling).
"""
import ast
import email.parser
import importlib.machinery
import os
import pathlib
import json
import re
import shutil
import struct
import subprocess
import sys
import tomllib
import zipfile

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
PYPROJECT = ROOT / "pyproject.toml"
if not PYPROJECT.exists():
    pytest.fail("tests/test_packaging.py runs from a source tree (no %s)" % PYPROJECT,
                pytrace=False)

# scripts/sanitize.sh runs the suite again on an ASan build, for fastdt's C
# paths, in bounded time; this module exercises none of them (it builds a wheel),
# so it runs in the normal run only.
pytestmark = pytest.mark.skipif(bool(os.environ.get("FASTDT_SANITIZE_RUN")),
                                reason="checked in the normal run, not the sanitizer's")


SOURCE_PYX = sorted(p.stem for p in (ROOT / "fastdt").glob("*.pyx"))
TESTED_PYTHONS = ("3.11", "3.12", "3.13")


def _copy_ignore(directory, names):
    skip = {".git", "build", "dist", "__pycache__", ".hypothesis", ".pytest_cache",
            ".venv", ".nox", "results"}
    return [n for n in names
            if n in skip or n.endswith((".so", ".c", ".egg-info", ".pyd"))]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    # a nox session (noxfile.py) names the wheel it built the same way and
    # installed: check that one instead of compiling a second
    given = os.environ.get("FASTDT_TEST_WHEEL")
    if given:
        return zipfile.ZipFile(given)
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    shutil.copytree(ROOT, src, ignore=_copy_ignore)
    out = tmp / "dist"
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--quiet", "--wheel-dir", str(out), str(src)],
        capture_output=True, text=True)
    assert proc.returncode == 0, "building the wheel failed:\n%s\n%s" % (
        proc.stdout[-3000:], proc.stderr[-3000:])
    wheels = list(out.glob("fastdt-*.whl"))
    assert len(wheels) == 1, wheels
    return zipfile.ZipFile(wheels[0])


def _dist_info(names):
    infos = {n.split("/", 1)[0] for n in names if ".dist-info/" in n}
    assert len(infos) == 1, infos
    return infos.pop()


def _is_extension_module(name):
    return any(name.endswith(suffix) for suffix in importlib.machinery.EXTENSION_SUFFIXES)


def test_wheel_ships_modules_stubs_and_py_typed_only(wheel):
    names = wheel.namelist()
    dist_info = _dist_info(names)
    package = [n for n in names if not n.startswith(dist_info + "/")]
    unexpected = [n for n in package
                  if not n.startswith("fastdt/")
                  or "/" in n[len("fastdt/"):]
                  or not (n.endswith((".py", ".pyi")) or n == "fastdt/py.typed"
                          or _is_extension_module(n))]
    assert not unexpected, "files the wheel should not ship: %s" % unexpected
    # generated C, Cython sources and headers, and the test aid stay out
    assert not [n for n in names if n.endswith((".c", ".pyx", ".pxd"))]
    assert not [n for n in names if "_alloc_counter" in n]
    # every extension module, the stubs and the typing marker are there
    compiled = sorted(n[len("fastdt/"):].split(".", 1)[0]
                      for n in package if _is_extension_module(n))
    assert compiled == SOURCE_PYX
    assert "fastdt/py.typed" in package
    assert "fastdt/__init__.pyi" in package


def _elf_section_names(data):
    """The section names of an ELF file, read directly (binutils' readelf
    may not be installed where the tests run)."""
    assert data[:4] == b"\x7fELF", "not an ELF file"
    order = "<" if data[5] == 1 else ">"
    if data[4] == 2:            # ELFCLASS64
        shoff, = struct.unpack_from(order + "Q", data, 0x28)
        entsize, count, names_index = struct.unpack_from(order + "HHH", data, 0x3A)
        offset_field, word = 0x18, "Q"
    else:                       # ELFCLASS32
        shoff, = struct.unpack_from(order + "I", data, 0x20)
        entsize, count, names_index = struct.unpack_from(order + "HHH", data, 0x2E)
        offset_field, word = 0x10, "I"

    def name_and_offset(i):
        base = shoff + i * entsize
        name, = struct.unpack_from(order + "I", data, base)
        offset, = struct.unpack_from(order + word, data, base + offset_field)
        return name, offset

    strings = name_and_offset(names_index)[1]
    names = []
    for i in range(count):
        start = strings + name_and_offset(i)[0]
        names.append(data[start:data.index(b"\0", start)].decode("ascii"))
    return names


# The compiled modules of the wheel without debug info came to 1.20 MB on
# CPython 3.11 (5.72 MB with Python's -g, issue 21): room to grow, but not for
# debug info to come back in another form.
MAX_COMPILED_BYTES = 2_000_000


@pytest.mark.skipif(not sys.platform.startswith("linux"),
                    reason="reads ELF, the format of Linux's extension modules")
def test_wheel_modules_carry_no_debug_info(wheel):
    modules = [n for n in wheel.namelist() if _is_extension_module(n)]
    assert modules
    total = 0
    for name in modules:
        data = wheel.read(name)
        total += len(data)
        sections = _elf_section_names(data)
        assert ".text" in sections and ".dynsym" in sections, (name, sections)
        debug = [s for s in sections if s.startswith((".debug", ".zdebug"))]
        assert not debug, "%s keeps %s: setup.py should build with -g0" % (name, debug)
        # the function names memray and perf show (tests/test_parse_fields.py)
        assert ".symtab" in sections, (name, sections)
    assert total < MAX_COMPILED_BYTES, "compiled modules: %d bytes" % total


def _build_flags(**env):
    """setup.py's (compile, link) flags for each extension under ``env``,
    read from the Extension objects it hands to setup() (nothing compiled)."""
    probe = ("import json, runpy, setuptools, Cython.Build\n"
             "seen = []\n"
             "setuptools.setup = lambda **kw: seen.extend(kw['ext_modules'])\n"
             "Cython.Build.cythonize = lambda extensions, **kw: extensions\n"
             "runpy.run_path('setup.py')\n"
             "print(json.dumps({e.name: [e.extra_compile_args, e.extra_link_args]"
             " for e in seen}))\n")
    base = {k: v for k, v in os.environ.items()
            if k not in ("FASTDT_SANITIZE", "FASTDT_DEBUG_SYMBOLS")}
    proc = subprocess.run([sys.executable, "-c", probe], cwd=str(ROOT), env={**base, **env},
                          capture_output=True, text=True, check=True)
    flags = json.loads(proc.stdout)
    assert sorted(flags) == ["fastdt." + name for name in SOURCE_PYX]
    assert len({json.dumps(f) for f in flags.values()}) == 1     # the same for all
    return next(iter(flags.values()))


@pytest.mark.skipif(sys.platform == "win32", reason="gcc/clang flags")
def test_only_sanitizer_and_profiling_builds_keep_symbols():
    compile_args, link_args = _build_flags()
    assert compile_args[-1] == "-g0" and "-g" not in compile_args and link_args == []
    # the sanitizer's reports name lines, and so does gdb or an annotated profile
    for env in ({"FASTDT_SANITIZE": "1"}, {"FASTDT_DEBUG_SYMBOLS": "1"}):
        compile_args, link_args = _build_flags(**env)
        assert "-g0" not in compile_args, env
    compile_args, link_args = _build_flags(FASTDT_SANITIZE="1")
    assert compile_args[-1] == "-g" and "-fsanitize=address,undefined" in link_args


def test_wheel_metadata(wheel):
    names = wheel.namelist()
    dist_info = _dist_info(names)
    meta = email.parser.Parser().parsestr(wheel.read(dist_info + "/METADATA").decode())
    assert meta["Name"] == "fastdt"
    assert meta["Version"] == _source_version()
    assert meta["License-Expression"] == "Apache-2.0"
    assert meta.get_all("License-File") == ["LICENSE"]
    assert meta["License"] is None          # the SPDX field, not the legacy one
    license_text = wheel.read(dist_info + "/licenses/LICENSE").decode()
    assert license_text == (ROOT / "LICENSE").read_text()
    assert "Apache License" in license_text and "Version 2.0, January 2004" in license_text
    assert meta["Requires-Python"] == ">=%s" % TESTED_PYTHONS[0]
    versions = sorted(c.rsplit(" :: ", 1)[1] for c in meta.get_all("Classifier")
                      if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", c))
    assert tuple(versions) == TESTED_PYTHONS
    assert "Typing :: Typed" in meta.get_all("Classifier")


def _source_version():
    tree = ast.parse((ROOT / "fastdt" / "__init__.py").read_text())
    values = [node.value.value for node in tree.body
              if isinstance(node, ast.Assign)
              and any(getattr(t, "id", None) == "__version__" for t in node.targets)]
    assert len(values) == 1, values
    return values[0]


def test_version_has_one_source():
    import fastdt
    project = tomllib.loads(PYPROJECT.read_text())["project"]
    assert "version" not in project
    assert "version" in project["dynamic"]
    dynamic = tomllib.loads(PYPROJECT.read_text())["tool"]["setuptools"]["dynamic"]
    assert dynamic["version"] == {"attr": "fastdt.__version__"}
    assert fastdt.__version__ == _source_version()
    # no second copy of the number anywhere in the package's sources
    others = [p.name for p in (ROOT / "fastdt").iterdir()
              if p.is_file() and p.name != "__init__.py" and p.suffix in (".py", ".pyi", ".pyx")
              and fastdt.__version__ in p.read_text()]
    assert not others


def test_license_file_is_apache_2():
    text = (ROOT / "LICENSE").read_text()
    assert text.split()[:4] == ["Apache", "License", "Version", "2.0,"]
    assert "END OF TERMS AND CONDITIONS" in text
    project = tomllib.loads(PYPROJECT.read_text())["project"]
    assert project["license"] == "Apache-2.0"
    assert project["license-files"] == ["LICENSE"]


def test_cython_directives_set_in_one_place():
    """setup.py's COMPILER_DIRECTIVES, and no ``# cython:`` lines in sources."""
    sources = sorted((ROOT / "fastdt").glob("*.pyx")) + sorted((ROOT / "fastdt").glob("*.pxd"))
    sources += sorted((ROOT / "tests").glob("*.pyx"))
    assert sources
    header = re.compile(r"^#\s*cython\s*:", re.MULTILINE)
    with_headers = [p.name for p in sources if header.search(p.read_text())]
    assert not with_headers, "directives belong in setup.py: %s" % with_headers
    setup_py = (ROOT / "setup.py").read_text()
    assert setup_py.count("compiler_directives=") == 1
    assert "COMPILER_DIRECTIVES = {" in setup_py

