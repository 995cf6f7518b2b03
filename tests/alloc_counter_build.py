"""Build and load the test-only extensions: the allocation counter
(``tests/_alloc_counter.pyx``) and the core probe (``tests/_core_probe.pyx``).

They are test aids, not part of fastdt: they are not in the package or the
wheel.  The tests compile it on first use with Cython and setuptools (both in
the ``test`` extra; they are fastdt's build requirements too) into a cache
directory keyed by the source, the Python build and the Cython version, so a
second run reuses it.  The cache is ``build/test-aids/`` beside ``tests/``
(git-ignored), or ``$FASTDT_TEST_BUILD_DIR``.

Failing to build is an error, never a skip: the allocation tests that use the
counter must not quietly stop counting.
"""
import hashlib
import importlib.machinery
import importlib.util
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)      # fastdt/*.pxd, for the probe's cimports

# The build, run in a child interpreter: its output is kept for the error
# message, and it is not slowed down or polluted by the test process (e.g.
# LD_PRELOADed sanitizers, see scripts/sanitize.sh).
_BUILD_SCRIPT = r"""
import sys
from setuptools import Extension, setup
from Cython.Build import cythonize
module, src, build_lib, build_temp, include = sys.argv[1:6]
setup(
    name="fastdt-test-aid",
    ext_modules=cythonize([Extension(module, [src])],
                          compiler_directives={"language_level": "3", "cdivision": True},
                          include_path=[include], build_dir=build_temp, quiet=True),
    script_args=["build_ext", "--build-lib", build_lib, "--build-temp", build_temp],
)
"""


def _source(module):
    return os.path.join(HERE, module + ".pyx")


def _cache_dir(module):
    root = os.environ.get("FASTDT_TEST_BUILD_DIR") or os.path.join(
        os.path.dirname(HERE), "build", "test-aids")
    key = hashlib.sha256()
    with open(_source(module), "rb") as f:
        key.update(f.read())
    if module != "_alloc_counter":
        # the probe is compiled against fastdt's own declarations
        for name in sorted(os.listdir(os.path.join(ROOT, "fastdt"))):
            if name.endswith(".pxd"):
                with open(os.path.join(ROOT, "fastdt", name), "rb") as f:
                    key.update(f.read())
    key.update(_BUILD_SCRIPT.encode())
    key.update(sys.version.encode())
    key.update(sys.executable.encode())
    key.update((sysconfig.get_config_var("EXT_SUFFIX") or "").encode())
    try:
        import Cython
        key.update(Cython.__version__.encode())
    except ImportError:
        pass
    return os.path.join(root, "%s-%s" % (module, key.hexdigest()[:16]))


def _find_extension(directory, module):
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        path = os.path.join(directory, module + suffix)
        if os.path.exists(path):
            return path
    return None


def _build(target, module):
    """Compile into a scratch directory, then move it into place whole."""
    parent = os.path.dirname(target)
    os.makedirs(parent, exist_ok=True)
    scratch = tempfile.mkdtemp(prefix=".building-", dir=parent)
    try:
        build_lib = os.path.join(scratch, "lib")
        build_temp = os.path.join(scratch, "temp")
        src = os.path.join(scratch, module + ".pyx")
        shutil.copyfile(_source(module), src)
        env = {k: v for k, v in os.environ.items() if k != "LD_PRELOAD"}
        proc = subprocess.run(
            [sys.executable, "-c", _BUILD_SCRIPT, module, src, build_lib, build_temp, ROOT],
            cwd=scratch, env=env, capture_output=True, text=True)
        built = _find_extension(build_lib, module)
        if proc.returncode != 0 or built is None:
            raise RuntimeError(
                "could not build the test-only extension %s (it needs Cython "
                "and setuptools: pip install -e '.[test]'); the build said:\n%s\n%s"
                % (_source(module), proc.stdout[-4000:], proc.stderr[-4000:]))
        staged = os.path.join(scratch, "out")
        os.makedirs(staged)
        shutil.copy2(built, staged)
        try:
            os.rename(staged, target)
        except OSError:
            if _find_extension(target, module) is None:   # not a concurrent run's result
                raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def load(module="_alloc_counter"):
    """The test-only extension ``tests/<module>.pyx``, built first if need be."""
    if module in sys.modules:
        return sys.modules[module]
    target = _cache_dir(module)
    path = _find_extension(target, module)
    if path is None:
        _build(target, module)
        path = _find_extension(target, module)
    spec = importlib.util.spec_from_file_location(module, path)
    loaded = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(loaded)
    sys.modules[module] = loaded
    return loaded
