"""Run dateutil 2.9.0's own parser test suite with fastdt patched in.

The python-dateutil 2.9.0.post0 sdist is fetched with pip at test time (and
kept in the pytest cache, or a tmp dir when the cache is disabled); its
``tests/test_parser.py`` and ``tests/test_isoparser.py`` are run twice in
subprocesses under dateutil's own pytest configuration (``setup.cfg``:
``filterwarnings = error``, ``xfail_strict = true``):

* unpatched -- plain dateutil, the baseline;
* patched -- a ``-p`` plugin calls ``fastdt.patch_dateutil()`` before the
  test modules import dateutil's names, and proves afterwards that those
  names ran on fastdt (with dateutil's own grammar sabotaged they still
  answer); it also counts the calls fastdt handed back to dateutil.

Every test that passes (or xfails) unpatched must do the same patched.
A failed download fails this test; it is never skipped.
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

SDIST = "python-dateutil-2.9.0.post0.tar.gz"
# Integrity of the cached/downloaded archive (PyPI's published digest).
SDIST_SHA256 = \
    "37dd54208da7e1cd875388217d5e00ebd4179249f90fb72437e91a35459a0ad3"
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


def _download(cache_dir):
    path = os.path.join(cache_dir, SDIST)
    if os.path.exists(path) and _sha256(path) == SDIST_SHA256:
        return path
    if os.path.exists(path):
        os.remove(path)
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-binary", ":all:",
         "--no-deps", "python-dateutil==2.9.0.post0", "-d", cache_dir],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        timeout=300)
    if proc.returncode != 0 or not os.path.exists(path):
        pytest.fail("pip download of the python-dateutil 2.9.0.post0 sdist "
                    "failed (rc=%s):\n%s" % (proc.returncode,
                                            proc.stdout[-3000:]))
    digest = _sha256(path)
    assert digest == SDIST_SHA256, "sdist digest mismatch: %s" % digest
    return path


@pytest.fixture(scope="module")
def dateutil_tests(request, tmp_path_factory):
    cache = getattr(request.config, "cache", None)
    if cache is not None:
        cache_dir = str(cache.mkdir("fastdt-dateutil-sdist"))
    else:
        cache_dir = str(tmp_path_factory.mktemp("sdist"))
    sdist = _download(cache_dir)

    root = tmp_path_factory.mktemp("dateutil_suite")
    prefix = "python-dateutil-2.9.0.post0/"
    with tarfile.open(sdist) as tar:
        for name in TEST_FILES:
            member = tar.getmember(prefix + "tests/" + name)
            data = tar.extractfile(member).read()
            (root / "tests").mkdir(exist_ok=True)
            (root / "tests" / name).write_bytes(data)
        # dateutil's own pytest configuration (filterwarnings, xfail_strict)
        cfg = tar.extractfile(tar.getmember(prefix + "setup.cfg")).read()
        (root / "setup.cfg").write_bytes(cfg)
    (root / "plugin").mkdir()
    (root / "plugin" / "fastdt_suite_plugin.py").write_text(PLUGIN)
    return root


def _check_imports(root):
    """The patch covers exactly the names the files use: verify that."""
    import re
    for name in ("test_parser.py", "test_isoparser.py"):
        src = (root / "tests" / name).read_text(encoding="utf-8")
        private = re.findall(r"dateutil\.parser\.(?:_parser|isoparser)\b"
                             r"|from dateutil\.parser\.\w+ import", src)
        assert not private, (name, private)
        for m in re.finditer(r"from dateutil\.parser import ([\w, ]+)", src):
            names = {n.strip() for n in m.group(1).split(",")}
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
    cmd = [sys.executable, "-m", "pytest", "-c", str(root / "setup.cfg"),
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
    _assert_no_regressions(*suite_runs, "parser")


def test_dateutil_isoparser_suite_with_fastdt(suite_runs):
    _assert_no_regressions(*suite_runs, "isoparser")
