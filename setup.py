"""Build the fastdt Cython extensions.

Every ``fastdt/*.pyx`` is one extension module.  ``FASTDT_SANITIZE=1`` builds
them with AddressSanitizer + UndefinedBehaviorSanitizer, ``FASTDT_SANITIZE=fuzzer``
(with clang) with libFuzzer's coverage instrumentation too (see scripts/sanitize.sh).

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
