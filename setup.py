"""Build the fastdt Cython extensions.

Every ``fastdt/*.pyx`` is one extension module, built without debug info and
stripped.  ``FASTDT_SANITIZE=1`` builds them with AddressSanitizer +
UndefinedBehaviorSanitizer and symbols (see scripts/sanitize.sh);
``FASTDT_DEBUG_SYMBOLS=1`` keeps Python's usual ``-g`` and the symbol table,
for profilers and debuggers.

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
if os.environ.get("FASTDT_SANITIZE"):
    flags = ["-fsanitize=address,undefined", "-fno-omit-frame-pointer",
             "-fno-sanitize-recover=undefined", "-O1", "-g"]
    extra_compile_args += flags
    extra_link_args += flags
elif sys.platform != "win32" and not os.environ.get("FASTDT_DEBUG_SYMBOLS"):
    # Python's own CFLAGS (sysconfig) carry -g, and debug info was five sixths
    # of every module (issue 21: a 2.6 MB wheel, 5.8 MB installed).  -g0 comes
    # after them on the command line, so it wins; it changes no generated code
    # (instruction counts stay comparable).  The GNU linker's -s also drops the
    # static symbol table (the exported PyInit_* stay in .dynsym); Apple's
    # linker calls -s obsolete, so there -g0 alone.  Sanitizer builds (above)
    # and profiling builds keep symbols: FASTDT_DEBUG_SYMBOLS=1 when callgrind,
    # perf or gdb should name fastdt's functions and lines.
    extra_compile_args += ["-g0"]
    if sys.platform.startswith("linux"):
        extra_link_args += ["-s"]

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
