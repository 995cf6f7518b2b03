"""Run the installed dateutil's own parser test suite with fastdt patched in.

The sdist of the python-dateutil that is installed (2.9.0.post0, 3.0.0 or
4.0.0: each has its digest pinned in ``SDISTS``) is fetched with pip at test
time (and kept in the pytest cache, or a tmp dir when the cache is
disabled); its ``tests/test_parser.py`` and ``tests/test_isoparser.py`` are
run twice in subprocesses under that version's own pytest configuration
(``filterwarnings = error``, ``xfail_strict = true``):

* unpatched -- plain dateutil, the baseline;
* patched -- a ``-p`` plugin calls ``fastdt.patch_dateutil()`` before the
  test modules import dateutil's names, and proves afterwards that those
  names ran on fastdt (with dateutil's own grammar sabotaged they still
  answer); it also counts the calls fastdt handed back to dateutil.

Every test that passes (or xfails) unpatched must do the same patched.
Without the package index (no network) the sdist cannot be fetched: both
tests skip with one reason, or fail where ``FASTDT_REQUIRE_DATEUTIL_SUITE=1``
says the suite must run (``.ci/run`` sets it).  A digest that does not
match always fails.
"""
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
import textwrap

import pytest

import fastdt

import dateutil

# version: (sdist file, its sha256 as published, the file holding its pytest
# configuration).  A dateutil not listed here fails the suite with a clear
# message: its tests cannot be fetched and checked without a pinned digest.
SDISTS = {
    "2.9.0.post0": ("python-dateutil-2.9.0.post0.tar.gz",
                    "37dd54208da7e1cd875388217d5e00ebd4179249f90fb72437e91a35459a0ad3",
                    "setup.cfg"),
    "3.0.0": ("python_dateutil-3.0.0.tar.gz",
              "7ebcb3c29a92f3ceafe79a7a48a5c45677e9e004bbeec5742ac0bbb00560b7a2",
              "setup.cfg"),
    "4.0.0": ("python_dateutil-4.0.0.tar.gz",
              "d7295ff14fdc0f92f662100bfb6c551d160ca090f2939f1ec5b9794265c03f06",
              "pyproject.toml"),
}
VERSION = dateutil.__version__
TEST_FILES = ["test_parser.py", "test_isoparser.py", "_common.py",
              "conftest.py", "__init__.py"]

PLUGIN = textwrap.dedent('''
    """Outcome recorder (+ fastdt patcher when FASTDT_SUITE_PATCH=1)."""
    import json
    import os
    import sys

    PATCH = os.environ.get("FASTDT_SUITE_PATCH") == "1"
    _outcomes = {}
    _info = {"patched": PATCH}

    if PATCH:
        # Runs when pytest loads this plugin (-p), before any test module
        # or dateutil's tests/conftest.py is imported: the one call users
        # make at startup.
        import fastdt
        fastdt.patch_dateutil()
        _info["fastdt_file"] = fastdt.__file__
        # Count the calls fastdt hands to dateutil's original code (see
        # fastdt._fields): the suite must mostly run on fastdt.
        from fastdt import _fields
        _fallbacks = {"parse": 0, "_parse": 0, "isoparse": 0}

        def _counting(name, fn):
            def call(*args, **kwargs):
                _fallbacks[name] += 1
                return fn(*args, **kwargs)
            return call
        _fields.install(*[_counting(name, fn) for name, fn in zip(
            ("parse", "_parse", "isoparse"), _fields._originals())])
        _info["fallbacks"] = _fallbacks

    def pytest_configure(config):
        # dateutil's conftest adds ``no_cover`` (a pytest-cov mark) to xfail
        # tests; without pytest-cov, filterwarnings=error would abort.
        config.addinivalue_line("markers", "no_cover: pytest-cov marker")

    def pytest_runtest_logreport(report):
        prev = _outcomes.get(report.nodeid)
        wasxfail = hasattr(report, "wasxfail")
        if report.failed:
            out = "failed"
        elif report.skipped:
            out = "xfailed" if wasxfail else "skipped"
        elif report.when == "call":
            out = "xpassed" if wasxfail else "passed"
        else:
            out = None
        if out is None:
            _outcomes.setdefault(report.nodeid, "passed-setup")
            return
        if prev == "failed":
            return
        _outcomes[report.nodeid] = out
        if report.failed:
            _info.setdefault("longrepr", {})[report.nodeid] = \\
                str(report.longrepr)[-1500:]

    def pytest_sessionfinish(session, exitstatus):
        _info["exitstatus"] = int(exitstatus)
        if PATCH:
            import dateutil.parser
            import dateutil.parser._parser as pm
            from fastdt import _fields
            iso_cls = sys.modules["dateutil.parser.isoparser"].isoparser
            cells = [c.cell_contents for c in iso_cls.isoparse.__closure__ or ()]
            tp = sys.modules.get("tests.test_parser")
            ti = sys.modules.get("tests.test_isoparser")

            def ran_on_fastdt(call):
                # dateutil's own grammar sabotaged: only fastdt can answer
                def boom(*args, **kwargs):
                    raise AssertionError("dateutil's own code ran")
                saved = (pm.parser._parse_numeric_token, iso_cls._parse_isodate)
                pm.parser._parse_numeric_token = boom
                iso_cls._parse_isodate = boom
                try:
                    return call().year == 2003
                except AssertionError:
                    return False
                finally:
                    pm.parser._parse_numeric_token, iso_cls._parse_isodate = saved

            fb = _info["fallbacks"]
            _info["checks"] = {"parser": {
                # a handful of tests pass streams/odd subclasses (dateutil
                # answers those); everything else must be fastdt's
                "at most 20 parse calls handed back to dateutil (%r)" % fb:
                    fb["parse"] + fb["_parse"] <= 20,
                "dateutil's parser.parse is fastdt's": pm.parser.parse is _fields.parse,
                "dateutil's parser._parse is fastdt's": pm.parser._parse is _fields._parse,
                "test_parser's parse ran on fastdt": tp is not None and ran_on_fastdt(
                    lambda: tp.parse("Sep 25 2003 10:49")),
                "dateutil's parser().parse ran on fastdt":
                    ran_on_fastdt(lambda: dateutil.parser.parser().parse("Sep 25 2003")),
            }, "isoparser": {
                "at most 20 isoparse calls handed back to dateutil (%r)" % fb:
                    fb["isoparse"] <= 20,
                "isoparse's wrapped function is fastdt's": _fields.isoparse in cells,
                "test_isoparser's isoparse ran on fastdt": ti is not None and
                    ran_on_fastdt(lambda: ti.isoparse("2003-09-25T10:49")),
                "dateutil's isoparser().isoparse ran on fastdt":
                    ran_on_fastdt(lambda: dateutil.parser.isoparser().isoparse("2003-09-25")),
            }}
        with open(os.environ["FASTDT_SUITE_OUT"], "w") as f:
            json.dump({"outcomes": _outcomes, "info": _info}, f)
''')


def _sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 16), b""):
            h.update(chunk)
    return h.hexdigest()


def _sdist():
    if VERSION not in SDISTS:
        pytest.fail("dateutil %s is installed, but tests/test_dateutil_suite.py "
                    "pins the sdists of %s only: add its file name and sha256 "
                    "to SDISTS" % (VERSION, ", ".join(SDISTS)), pytrace=False)
    return SDISTS[VERSION]


class _NotDownloaded(str):
    """Why the sdist is missing: the fixtures hand it on and each test skips
    with it (from _ran, so that pytest folds the two into one line)."""


def _not_downloaded(reason, output=""):
    """No sdist: a contributor without network gets one skip reason for both
    tests; a run that must cover dateutil's suite (CI) fails instead, so
    that it cannot pass without having run it."""
    message = ("dateutil %s's own tests need its sdist, which pip could not "
               "download (no network?): %s" % (VERSION, reason))
    if os.environ.get("FASTDT_REQUIRE_DATEUTIL_SUITE") == "1":
        pytest.fail("%s\n%s" % (message, output), pytrace=False)
    return _NotDownloaded(message)


def _ran(suite_runs):
    if isinstance(suite_runs, _NotDownloaded):
        pytest.skip(suite_runs)
    return suite_runs


def _download(cache_dir):
    sdist, digest_pinned, _ = _sdist()
    path = os.path.join(cache_dir, sdist)
    if os.path.exists(path) and _sha256(path) == digest_pinned:
        return path
    if os.path.exists(path):
        os.remove(path)
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-binary", ":all:",
             "--no-deps", "python-dateutil==" + VERSION, "-d", cache_dir],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            timeout=300)
    except subprocess.TimeoutExpired:
        return _not_downloaded("pip download took over 300 s")
    if proc.returncode != 0 or not os.path.exists(path):
        errors = [line for line in proc.stdout.splitlines() if line.startswith("ERROR")]
        return _not_downloaded((errors or ["rc=%s" % proc.returncode])[-1][:200],
                               proc.stdout[-3000:])
    digest = _sha256(path)
    assert digest == digest_pinned, "sdist digest mismatch: %s" % digest
    return path


@pytest.fixture(scope="module")
def dateutil_tests(request, tmp_path_factory):
    cache = getattr(request.config, "cache", None)
    if cache is not None:
        cache_dir = str(cache.mkdir("fastdt-dateutil-sdist"))
    else:
        cache_dir = str(tmp_path_factory.mktemp("sdist"))
    sdist = _download(cache_dir)
    if isinstance(sdist, _NotDownloaded):
        return sdist

    root = tmp_path_factory.mktemp("dateutil_suite")
    sdist_name, _, config = _sdist()
    prefix = sdist_name[:-len(".tar.gz")] + "/"
    with tarfile.open(sdist) as tar:
        for name in TEST_FILES:
            member = tar.getmember(prefix + "tests/" + name)
            data = tar.extractfile(member).read()
            (root / "tests").mkdir(exist_ok=True)
            (root / "tests" / name).write_bytes(data)
        # dateutil's own pytest configuration (filterwarnings, xfail_strict)
        cfg = tar.extractfile(tar.getmember(prefix + config)).read()
        (root / config).write_bytes(cfg)
    _check_test_requirements(root)
    (root / "plugin").mkdir()
    (root / "plugin" / "fastdt_suite_plugin.py").write_text(PLUGIN)
    return root


def _check_test_requirements(root):
    """dateutil's test files import a few third-party modules (2.9 and
    3.0: ``six``, which 3.0 itself no longer installs): say which is
    missing instead of failing the baseline run on an ImportError."""
    import importlib.util
    import re
    missing = set()
    for path in (root / "tests").glob("*.py"):
        src = path.read_text(encoding="utf-8")
        for mod in re.findall(r"^(?:from|import) (\w+)", src, re.M):
            if mod not in ("tests", "__future__") and \
                    importlib.util.find_spec(mod) is None:
                missing.add(mod)
    if missing:
        pytest.fail("dateutil %s's own tests import %s: pip install %s"
                    % (VERSION, ", ".join(sorted(missing)),
                       " ".join(sorted(missing))), pytrace=False)


def _check_imports(root):
    """The patch covers exactly the names the files use: verify that."""
    import re
    for name in ("test_parser.py", "test_isoparser.py"):
        src = (root / "tests" / name).read_text(encoding="utf-8")
        private = re.findall(r"dateutil\.parser\.(?:_parser|isoparser)\b"
                             r"|from dateutil\.parser\.\w+ import", src)
        assert not private, (name, private)
        # one-line and parenthesised (4.0) imports
        for m in re.finditer(r"from dateutil\.parser import "
                             r"(?:\(([\w,\s]+)\)|([\w, ]+))", src):
            names = {n.strip() for n in (m.group(1) or m.group(2)).split(",")
                     if n.strip()}
            assert names <= {"parse", "parser", "parserinfo", "ParserError",
                             "UnknownTimezoneWarning", "isoparse",
                             "isoparser"}, names


def _start(root, patched):
    out = root / ("outcomes-%s.json" % ("patched" if patched else "plain"))
    env = dict(os.environ)
    env.pop("PYTEST_ADDOPTS", None)
    env.pop("TZ", None)
    fastdt_parent = os.path.dirname(os.path.dirname(
        os.path.abspath(fastdt.__file__)))
    env["PYTHONPATH"] = os.pathsep.join(
        [str(root / "plugin"), fastdt_parent]
        + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else []))
    env["FASTDT_SUITE_PATCH"] = "1" if patched else "0"
    env["FASTDT_SUITE_OUT"] = str(out)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    cmd = [sys.executable, "-m", "pytest", "-c", str(root / _sdist()[2]),
           "--rootdir", str(root), "-p", "no:cacheprovider",
           "-p", "fastdt_suite_plugin", "-q", "-o", "addopts=",
           # dateutil's setup.cfg makes warnings errors; pytest >= 9.1 warns
           # about its generator parametrize arguments at collection time
           "-W", "ignore:Passing a non-Collection iterable to parametrize",
           "tests/test_parser.py", "tests/test_isoparser.py"]
    proc = subprocess.Popen(cmd, cwd=str(root), env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)
    return proc, out


def _finish(proc, out):
    try:
        stdout, _ = proc.communicate(timeout=150)
    except subprocess.TimeoutExpired:
        proc.kill()
        stdout, _ = proc.communicate()
        pytest.fail("dateutil suite timed out:\n" + stdout[-3000:])
    assert out.exists(), ("no outcome file; pytest rc=%s\n%s"
                          % (proc.returncode, stdout[-5000:]))
    data = json.loads(out.read_text())
    return data, stdout


@pytest.fixture(scope="module")
def suite_runs(dateutil_tests):
    if isinstance(dateutil_tests, _NotDownloaded):
        return dateutil_tests
    root = dateutil_tests
    _check_imports(root)
    plain_proc, plain_out = _start(root, patched=False)
    patched_proc, patched_out = _start(root, patched=True)
    plain, plain_stdout = _finish(plain_proc, plain_out)
    patched, patched_stdout = _finish(patched_proc, patched_out)

    base = plain["outcomes"]
    n_pass = sum(1 for v in base.values() if v == "passed")
    # dateutil's own suite must be healthy unpatched, or the baseline is
    # meaningless.
    assert n_pass > 700, (n_pass, plain_stdout[-3000:])
    bad_base = {k: v for k, v in base.items()
                if v not in ("passed", "xfailed", "skipped")}
    assert not bad_base, ("dateutil's suite fails on plain dateutil",
                          bad_base, plain_stdout[-3000:])
    assert "checks" in patched["info"], patched_stdout[-5000:]
    return plain, patched


def _assert_no_regressions(plain, patched, which):
    checks = patched["info"]["checks"][which]
    if not all(checks.values()):
        pytest.fail("the patched run did not use fastdt's %s: %s"
                    % (which, checks), pytrace=False)

    prefix = "tests/test_%s.py::" % which
    base = {k: v for k, v in plain["outcomes"].items()
            if k.startswith(prefix)}
    got = {k: v for k, v in patched["outcomes"].items()
           if k.startswith(prefix)}
    assert sum(1 for v in base.values() if v == "passed") > 100
    regressions = []
    for nodeid, want in sorted(base.items()):
        if want == "skipped":
            continue
        have = got.get(nodeid, "missing")
        if have != want:
            regressions.append((nodeid, want, have))
    extra = sorted(set(got) - set(base))
    if regressions or extra:
        longrepr = patched["info"].get("longrepr", {})
        lines = ["%d of %d dateutil tests regress with fastdt:"
                 % (len(regressions), len(base))]
        for nodeid, want, have in regressions:
            lines.append("  %s: %s unpatched, %s with fastdt" % (nodeid, want,
                                                                 have))
        for nodeid, want, have in regressions[:15]:
            if nodeid in longrepr:
                lines.append("---- %s\n%s" % (nodeid, longrepr[nodeid]))
        if extra:
            lines.append("tests only in the patched run: %s" % extra[:20])
        raise AssertionError("\n".join(lines))


def test_dateutil_parser_suite_with_fastdt(suite_runs):
    _assert_no_regressions(*_ran(suite_runs), "parser")


def test_dateutil_isoparser_suite_with_fastdt(suite_runs):
    _assert_no_regressions(*_ran(suite_runs), "isoparser")


def _run_offline(**env):
    """This module's two suite tests in a child pytest whose pip has no
    package index to reach (a closed local port) and no cache."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("PIP_") and k != "FASTDT_REQUIRE_DATEUTIL_SUITE"} | env
    env.update(PIP_CONFIG_FILE=os.devnull, PIP_INDEX_URL="http://127.0.0.1:9/simple",
               PIP_RETRIES="0", PIP_DISABLE_PIP_VERSION_CHECK="1")
    env.pop("PYTEST_ADDOPTS", None)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "-rs",
         "-k", "suite_with_fastdt", os.path.abspath(__file__)],
        capture_output=True, text=True, env=env, timeout=300,
        cwd=os.path.dirname(os.path.abspath(__file__)))


def test_without_network_both_skip_with_one_reason():
    proc = _run_offline()
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out
    assert "2 skipped" in out and "passed" not in out and "failed" not in out, out
    reasons = [line for line in out.splitlines() if line.startswith("SKIPPED")]
    assert len(reasons) == 1 and reasons[0].startswith("SKIPPED [2] "), out
    assert "pip could not download (no network?)" in reasons[0], out
    # where the suite must run, the same is a failure
    proc = _run_offline(FASTDT_REQUIRE_DATEUTIL_SUITE="1")
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1 and "2 errors" in out, out
    assert "pip could not download" in out, out
