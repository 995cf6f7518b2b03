"""Build the fastdt Cython extensions.

Every ``fastdt/*.pyx`` is one extension module.  ``FASTDT_SANITIZE=1`` builds
them with AddressSanitizer + UndefinedBehaviorSanitizer (see scripts/sanitize.sh).
"""
import glob
import os
import sys

from setuptools import Extension, setup
from Cython.Build import cythonize

extra_compile_args = []
extra_link_args = []
if sys.platform != "win32":
    extra_compile_args += ["-O2"]
if os.environ.get("FASTDT_SANITIZE"):
    flags = ["-fsanitize=address,undefined", "-fno-omit-frame-pointer",
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

setup(
    ext_modules=cythonize(
        extensions,
        compiler_directives={
            "language_level": "3",
            "embedsignature": True,
            "cdivision": True,
        },
    ),
)
