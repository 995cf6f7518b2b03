"""Build the fastdt Cython extensions.

Every ``fastdt/*.pyx`` is one extension module, built without debug info
(``-g0``; the symbol table stays).  ``FASTDT_SANITIZE=1`` builds them with
AddressSanitizer + UndefinedBehaviorSanitizer and debug info,
``FASTDT_SANITIZE=fuzzer`` (with clang) with libFuzzer's coverage
instrumentation too (see scripts/sanitize.sh); ``FASTDT_DEBUG_SYMBOLS=1``
keeps Python's usual ``-g``, for debuggers and line-level profiles.

The Cython compiler directives are set here and only here (no ``# cython:``
header lines in the sources; tests/test_packaging.py checks that):

* ``language_level=3``: Python 3 semantics.
* ``cdivision=True``: ``/`` and ``%`` on C integers have C semantics
  (truncation, no zero check), which the C ports are written for.
* ``binding=True`` (Cython 3's default, stated because help() and
  ``inspect.signature`` rely on it): functions are introspectable
  cyfunctions that carry their real signature.
* ``embedsignature=False``: so the signature is not pasted into each
  docstring as well; help() shows it once, from the function itself.
"""
import glob
import os
import sys

from setuptools import Extension, setup
from Cython.Build import cythonize

COMPILER_DIRECTIVES = {
    "language_level": "3",
    "cdivision": True,
    "binding": True,
    "embedsignature": False,
}

extra_compile_args = []
extra_link_args = []
if sys.platform != "win32":
    extra_compile_args += ["-O2"]
sanitize = os.environ.get("FASTDT_SANITIZE")
if sanitize:
    # FASTDT_SANITIZE=fuzzer (clang only): also the coverage counters and
    # comparison hooks libFuzzer steers by, whose runtime is not linked in
    # (fuzzer-no-link): atheris' asan_with_fuzzer.so, preloaded, supplies it
    # together with ASan's and UBSan's (scripts/sanitize.sh --libfuzzer).
    checks = "fuzzer-no-link,address,undefined" if sanitize == "fuzzer" else "address,undefined"
    flags = ["-fsanitize=" + checks, "-fno-omit-frame-pointer",
             "-fno-sanitize-recover=undefined", "-O1", "-g"]
    extra_compile_args += flags
    extra_link_args += flags
elif sys.platform != "win32" and not os.environ.get("FASTDT_DEBUG_SYMBOLS"):
    # Python's own CFLAGS (sysconfig) carry -g, and debug info was five sixths
    # of every module (issue 21: a 2.6 MB wheel, 5.8 MB installed).  -g0 comes
    # after them on the command line, so it wins; it changes no generated code
    # (instruction counts stay comparable).  The symbol table stays: it is a
    # tenth of the size, and memray, perf and callgrind name fastdt's functions
    # from it (tests/test_parse_fields.py finds the record's allocation by its
    # tp_new).  Sanitizer builds (above) and profiling builds keep the debug
    # info too: FASTDT_DEBUG_SYMBOLS=1 when gdb or an annotated profile should
    # show fastdt's source lines.
    extra_compile_args += ["-g0"]

extensions = [
    Extension(
        "fastdt." + os.path.splitext(os.path.basename(path))[0],
        [path],
        extra_compile_args=extra_compile_args,
        extra_link_args=extra_link_args,
    )
    for path in sorted(glob.glob(os.path.join("fastdt", "*.pyx")))
]

setup(ext_modules=cythonize(extensions, compiler_directives=COMPILER_DIRECTIVES))
