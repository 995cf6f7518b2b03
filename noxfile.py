"""The test matrix: CPython 3.11-3.13 x the python-dateutil a user may have.

    nox -l                                        # list the sessions
    nox -s "tests-3.13(dateutil='4.0.0')"         # one of them
    nox -s tests_dateutil_3_0                     # dateutil 3.0.0 on 3.12

Each session installs the given dateutil first, then fastdt (which must keep
that dateutil: it never replaces a user's), then runs the normal test
command, ``pytest``, against it: the differential tests compare fastdt with
that dateutil live (TZ=UTC, America/New_York and three more zones), and
tests/test_dateutil_suite.py runs that version's own test_parser.py and
test_isoparser.py with fastdt patched in.

fastdt is built once per Python into a wheel under .nox/wheels/, keyed by a
hash of the sources, and reused by that Python's sessions (a build takes
minutes on a 2-core machine; the suite about one).  The interpreters come
from PATH (pyenv: PYENV_VERSION=3.11.7:3.12.1:3.13.0).
"""
import glob
import hashlib
import os
import pathlib

import nox

PYTHONS = ["3.11", "3.12", "3.13"]
# the oldest supported and the current release, on every Python
DATEUTILS = ["2.9.0.post0", "4.0.0"]
# the release between them (tz rewrite; the parser as in 2.9), on one Python
DATEUTIL_3 = "3.0.0"
PYTHON_FOR_DATEUTIL_3 = "3.12"

ROOT = pathlib.Path(__file__).parent
nox.options.default_venv_backend = "venv"
nox.options.sessions = ["tests", "tests_dateutil_3_0"]


def _source_hash():
    """What the wheel is built from: a changed source means a new wheel."""
    h = hashlib.sha256()
    files = sorted(glob.glob(str(ROOT / "fastdt" / "*"))) + [
        str(ROOT / "setup.py"), str(ROOT / "pyproject.toml"), str(ROOT / "README.md")]
    for path in files:
        if os.path.isfile(path) and not path.endswith((".so", ".c", ".pyc")):
            h.update(os.path.relpath(path, ROOT).encode())
            h.update(pathlib.Path(path).read_bytes())
    return h.hexdigest()[:16]


def _wheel(session):
    """fastdt's wheel for this session's Python, built on first use."""
    tag = session.run("python", "-c",
                      "import sys; print('cp%d%d' % sys.version_info[:2])",
                      silent=True).strip()
    outdir = ROOT / ".nox" / "wheels" / _source_hash()
    found = sorted(outdir.glob("fastdt-*-%s-%s-*.whl" % (tag, tag)))
    if not found:
        # compile the extension modules in parallel: setuptools reads
        # [build_ext] options from DIST_EXTRA_CONFIG (.ci/run sets one too)
        cfg = os.environ.get("DIST_EXTRA_CONFIG")
        if not cfg:
            cfg = str(ROOT / ".nox" / "build_ext.cfg")
            pathlib.Path(cfg).write_text("[build_ext]\nparallel = %d\n"
                                         % (os.cpu_count() or 1))
        session.run("python", "-m", "pip", "wheel", "--no-deps", "--quiet",
                    "-w", str(outdir), str(ROOT), env={"DIST_EXTRA_CONFIG": cfg})
        found = sorted(outdir.glob("fastdt-*-%s-%s-*.whl" % (tag, tag)))
    if not found:
        session.error("no fastdt wheel for %s in %s" % (tag, outdir))
    return str(found[-1])


def _run_suite(session, dateutil):
    # the user's dateutil first; installing fastdt must keep it
    session.install("python-dateutil==" + dateutil)
    if dateutil.startswith(("2.", "3.")):
        session.install("six")          # 2.9's and 3.0's own tests import it
    wheel = _wheel(session)
    session.install(wheel + "[test]")
    session.run("python", "-c",
                "import dateutil, sys; v = dateutil.__version__; "
                "sys.exit(0 if v == %r else "
                "'installing fastdt replaced dateutil %s with ' + v)"
                % (dateutil, dateutil))
    # The README's test command, against the installed wheel.  It runs from
    # a scratch directory: a test's `python -m fastdt` puts its working
    # directory first on sys.path, where the checkout's uncompiled fastdt/
    # would shadow the wheel.  tests/test_packaging.py checks this wheel
    # rather than build another.
    session.chdir(session.create_tmp())
    session.run("pytest", "--rootdir", str(ROOT), "-c", str(ROOT / "pyproject.toml"),
                *(session.posargs or [str(ROOT / "tests")]),
                env={"FASTDT_TEST_WHEEL": wheel})


@nox.session(python=PYTHONS)
@nox.parametrize("dateutil", DATEUTILS)
def tests(session, dateutil):
    """The test suite on one Python against one python-dateutil."""
    _run_suite(session, dateutil)


@nox.session(python=PYTHON_FOR_DATEUTIL_3)
def tests_dateutil_3_0(session):
    """The test suite against python-dateutil 3.0.0."""
    _run_suite(session, DATEUTIL_3)
