"""The stubs as a typed user meets them: ``mypy --strict`` and ``stubtest``.

* ``mypy --strict`` on a small usage file sees ``datetime`` from ``parse``,
  ``Parser.parse`` and ``isoparse``, and ``tuple[datetime, tuple[str, ...]]``
  with ``fuzzy_with_tokens=True`` (``assert_type`` fails on ``Any``); on a
  file of mistakes it reports each one, on its line.
* ``python -m mypy.stubtest fastdt`` finds the stubs consistent with the
  compiled runtime (no allowlist), and does find a planted mismatch.

fastdt is checked as an installed package is: its own files are followed
silently (``follow_imports = silent``, what mypy does for site-packages), and
dateutil's types come from types-python-dateutil when it is installed (the
``test`` extra has it), else dateutil is ``Any``.
"""
import os
import pathlib
import re
import shutil
import subprocess
import sys
import sysconfig
import textwrap

import pytest

import fastdt

# scripts/sanitize.sh runs the suite again on an ASan build, for fastdt's C
# paths, in bounded time; this module exercises none of them (it runs mypy),
# so it runs in the normal run only.
pytestmark = pytest.mark.skipif(bool(os.environ.get("FASTDT_SANITIZE_RUN")),
                                reason="checked in the normal run, not the sanitizer's")




def _require_mypy():
    try:
        import mypy.api  # noqa: F401
    except ImportError:
        pytest.fail("mypy is not installed: pip install -e '.[test]'", pytrace=False)


ROOT = pathlib.Path(__file__).resolve().parent.parent
PACKAGE_DIR = pathlib.Path(fastdt.__file__).resolve().parent
SITE_DIRS = {pathlib.Path(sysconfig.get_paths()[k]).resolve() for k in ("purelib", "platlib")}


def _have_dateutil_types():
    import importlib.util
    return importlib.util.find_spec("dateutil-stubs") is not None or any(
        (d / "dateutil-stubs").is_dir() for d in SITE_DIRS)


@pytest.fixture(scope="module")
def mypy_env(tmp_path_factory):
    _require_mypy()
    tmp = tmp_path_factory.mktemp("mypy")
    config = tmp / "mypy.ini"
    lines = ["[mypy]", "cache_dir = %s" % (tmp / ".mypy_cache"),   # stubtest's too
             "[mypy-fastdt.*]", "follow_imports = silent"]
    if not _have_dateutil_types():
        lines += ["[mypy-dateutil.*]", "ignore_missing_imports = True"]
    config.write_text("\n".join(lines) + "\n")
    # fastdt as the install gives it, no MYPYPATH or PYTHONPATH: the README's
    # editable install is a path file naming the checkout (pyproject.toml),
    # which mypy reads, and nox installs a wheel
    env = {k: v for k, v in os.environ.items() if k not in ("MYPYPATH", "PYTHONPATH")}
    return tmp, config, env


GOOD = """
    import io
    from datetime import date, datetime, time, timedelta, tzinfo
    from typing import Optional, Union, assert_type

    import fastdt
    from fastdt import Parser, isoparse, isoparser, parse, parserinfo

    def offset(name: str, seconds: Optional[int]) -> Optional[tzinfo]:
        return None

    flag: bool = bool(len("x"))
    tokens = tuple[datetime, tuple[str, ...]]

    assert_type(parse("2003-09-25"), datetime)
    assert_type(fastdt.parse("2003-09-25", dayfirst=True, fuzzy=True), datetime)
    assert_type(fastdt.parse(b"2003-09-25", fuzzy_with_tokens=False), datetime)
    assert_type(fastdt.parse("at 10:49", fuzzy_with_tokens=True), tokens)
    assert_type(fastdt.parse("x", fuzzy_with_tokens=flag), Union[datetime, tokens])
    assert_type(fastdt.parse(io.StringIO("2003"), parserinfo(dayfirst=True),
                             default=datetime(2003, 1, 1), ignoretz=True,
                             tzinfos={"BRST": -10800, "X": "EST5EDT"}), datetime)
    assert_type(fastdt.parse("10:49 BRST", tzinfos=offset), datetime)
    assert_type(parse("x", fuzzy_with_tokens=True)[1][0], str)

    p = Parser(parserinfo())
    assert_type(p.parse("2003-09-25"), datetime)
    assert_type(p.parse("2003-09-25", datetime(2003, 1, 1), True, None), datetime)
    assert_type(p.parse("at 10:49", fuzzy_with_tokens=True), tokens)
    assert_type(fastdt.parser().parse("x", fuzzy_with_tokens=flag), Union[datetime, tokens])
    assert_type(fastdt.DEFAULT_PARSER.parse("x"), datetime)
    assert_type(p.info, parserinfo)

    assert_type(isoparse("2003-09-25T10:49:41"), datetime)
    assert_type(isoparse(b"2003-09-25"), datetime)
    iso = isoparser(sep="T")
    assert_type(iso.isoparse("2003-09-25T10:49"), datetime)
    assert_type(iso.parse_isodate("2003-09-25"), date)
    assert_type(iso.parse_isotime("10:49"), time)
    assert_type(iso.parse_tzstr("+01:00"), tzinfo)

    assert_type(fastdt.__version__, str)
    try:
        parse("x")
    except fastdt.ParserError as e:
        assert_type(e, fastdt.ParserError)
    with fastdt.patch_dateutil() as handle:
        assert_type(handle, fastdt.DateutilPatch)
    assert_type(fastdt.patch_dateutil(), fastdt.DateutilPatch)
    fastdt.unpatch_dateutil()

    # parse_array answers the kind of column it is given (numpy, pandas with
    # pandas-stubs, polars: the test extra has all three)
    import numpy as np
    import numpy.typing as npt
    import pandas as pd
    import polars as pl
    stamps = npt.NDArray[np.datetime64]
    assert_type(fastdt.parse_array(["2003-09-25"], utc=True, errors="coerce", unit="ns"), stamps)
    assert_type(fastdt.parse_array(("2003", b"2003", None, float("nan"))), stamps)
    assert_type(fastdt.parse_array(s for s in ["2003"]), stamps)
    assert_type(fastdt.parse_array(map(str.strip, [" 2003"])), stamps)
    assert_type(fastdt.parse_array({"a": "2003"}.values()), stamps)
    assert_type(fastdt.parse_array(np.array(["2003-09-25"])), stamps)   # dtype[Any]
    frame = pd.DataFrame({"when": ["2003-09-25"]})
    assert_type(fastdt.parse_array(frame["when"], dayfirst=True), "pd.Series[pd.Timestamp]")
    assert_type(fastdt.parse_array(pd.Series(["2003"])), "pd.Series[pd.Timestamp]")
    assert_type(fastdt.parse_array(pd.Index(["2003"]), utc=True), pd.DatetimeIndex)
    assert_type(fastdt.parse_array(pl.Series(["2003"]), threads=2), pl.Series)
    assert_type(fastdt.parse_array(["2005-06-03-15.42.50.1"], format="%Y-%m-%d-%H.%M.%S.%f",
                                   unit="ns"), stamps)
    assert_type(fastdt.parse_array(pd.Series(["2003"]), format=["%Y", "%y"]),
                "pd.Series[pd.Timestamp]")
    assert_type(fastdt.guess_format("2003-09-25", parserinfo(), dayfirst=True), Optional[str])
    d: timedelta = parse("2003") - parse("2002")

    rec = fastdt.parse_fields("Sep 25 10:49", parserinfo(), dayfirst=True, required="day")
    assert_type(rec, fastdt.ParsedFields)
    assert_type(rec.year, Optional[int])
    assert_type(rec.tzname, Optional[str])
    assert_type(p.parse_fields(b"10:49", fuzzy=True, required=["hour", "minute"]),
                fastdt.ParsedFields)
    assert_type(rec._asdict()["day"], Union[int, str, None])
    assert_type(rec[0], Union[int, str, None])
    assert_type(parse("Sep 25 2003", required=("year", "month", "day")), datetime)
    assert_type(parse("x", fuzzy_with_tokens=True, required={"day"}), tokens)
    try:
        parse("Sep 25", required=("year",))
    except fastdt.MissingFieldsError as e:
        assert_type(e.missing, tuple[str, ...])

    readings = fastdt.readings("01/05/09", parserinfo(), dayfirst=None, yearfirst=False)
    assert_type(readings, tuple[fastdt.Reading, ...])
    assert_type(readings[0].fields, fastdt.ParsedFields)
    assert_type(readings[0].format, Optional[str])
    assert_type(readings[0].dayfirst, bool)
    assert_type(fastdt.guess_format("01/05/09", ambiguous="raise"), Optional[str])
    assert_type(fastdt.parse_fields("01/05/09", ambiguous="ignore"), fastdt.ParsedFields)
    assert_type(p.parse_fields("01/05/09", ambiguous="raise"), fastdt.ParsedFields)
    try:
        fastdt.guess_format("01/05/09", ambiguous="raise")
    except fastdt.AmbiguousDateError as e:
        assert_type(e.readings, tuple[fastdt.Reading, ...])
    assert_type(fastdt.strptime("2003-09-25", "%Y-%m-%d"), datetime)
    found = fastdt.search("Jun 14 15:16:01 combo sshd", tzinfos={"PDT": -25200})
    assert_type(found, Optional[fastdt.Match])
    if found is not None:
        assert_type(found.datetime, datetime)
        assert_type(found.span(), tuple[int, int])
        assert_type(found.group(), str)
        assert_type(found.fields, fastdt.ParsedFields)
    for match in fastdt.finditer("a 10:00:00 b 11:00:00", dayfirst=True):
        assert_type(match.start(), int)
    with fastdt.patch_strptime() as strp_handle:
        assert_type(strp_handle, fastdt.StrptimePatch)
    assert_type(fastdt.patch_strptime(), fastdt.StrptimePatch)
    assert_type(fastdt.is_strptime_patched(), bool)
    fastdt.unpatch_strptime()
"""

# each line must give exactly one error, on that line
BAD = """
    import fastdt
    import pandas as pd
    from fastdt import Parser, isoparse, parse

    parse("2003").no_such_attribute
    n: int = parse("2003", fuzzy_with_tokens=True)
    parse(2003)
    parse("2003", fuzzy="yes")
    parse("2003", unknown_keyword=True)
    Parser().parse("x", fuzzy_with_tokens=True)[1][0] + 1
    isoparse("2003").no_such_attribute
    fastdt.isoparser(sep=1)
    parse("2003", tzinfos=[1, 2])
    fastdt.parse_array(["2003"], unit="weeks")
    fastdt.guess_format(b"2003-09-25")
    fastdt.parse_fields("2003").year + 1
    fastdt.parse_fields("2003", default=None)
    fastdt.parse("2003", required=5)
    fastdt.guess_format("01/05/09", ambiguous="warn")
    fastdt.readings("01/05/09").format
    fastdt.parse_array(["2003"]).no_such_attribute
    fastdt.parse_array(pd.DataFrame({"when": ["2003"]}))
    fastdt.patch_dateutil().__enter__().no_such_attribute
    fastdt.strptime("2003", format="%Y")
    fastdt.strptime(b"2003", "%Y")
    fastdt.search(b"Jun 14 15:16:01")
    fastdt.finditer("x", fuzzy=True)
    fastdt.patch_strptime().__enter__().no_such_attribute
    fastdt.unpatch_strptime(True)
"""


def _run_mypy(mypy_env, *files):
    tmp, config, env = mypy_env
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--config-file", str(config),
         "--no-error-summary", "--hide-error-context", *map(str, files)],
        capture_output=True, text=True, env=env, cwd=str(tmp))
    return proc


def test_mypy_strict_sees_precise_types(mypy_env):
    tmp = mypy_env[0]
    good = tmp / "good_usage.py"
    good.write_text(textwrap.dedent(GOOD))
    bad = tmp / "bad_usage.py"
    bad.write_text(textwrap.dedent(BAD))
    proc = _run_mypy(mypy_env, good, bad)
    out = proc.stdout + proc.stderr
    errors = re.findall(r"^(\S+?):(\d+): error: (.*)$", out, re.MULTILINE)
    # errors only in the file of mistakes (none in the good file or the stubs)
    assert errors and all(name == "bad_usage.py" for name, _, _ in errors), out
    bad_lines = sorted({int(line) for _, line, _ in errors})
    source = textwrap.dedent(BAD).splitlines()
    expected = [i + 1 for i, text in enumerate(source)
                if text.strip() and not text.startswith(("import", "from"))]
    assert bad_lines == expected, out


USER = """
    from datetime import datetime
    from typing import assert_type

    import fastdt

    assert_type(fastdt.parse("Sep 25 2003"), datetime)
"""


def test_mypy_finds_the_install_as_a_user_does(tmp_path):
    """A user's ``mypy --strict`` in a directory of their own, with no
    configuration, MYPYPATH or PYTHONPATH, finds fastdt's stubs where pip
    put it (issue 21: setuptools' import-hook editable install, which mypy
    cannot see, gave ``import-not-found``)."""
    _require_mypy()
    (tmp_path / "user.py").write_text(textwrap.dedent(USER))
    env = {k: v for k, v in os.environ.items() if k not in ("MYPYPATH", "PYTHONPATH")}
    proc = subprocess.run([sys.executable, "-m", "mypy", "--strict", "user.py"],
                          capture_output=True, text=True, env=env, cwd=str(tmp_path))
    assert proc.returncode == 0, (
        "mypy does not see the fastdt that %s imports (install it as the README "
        "says: pip install -e .):\n%s%s" % (PACKAGE_DIR, proc.stdout, proc.stderr))


ABSENT = """
    import fastdt

    reveal_type(fastdt.parse_array(["2003"]))
    reveal_type(fastdt.parse_array(["2003"], parserinfo=None, utc=True))
"""


def test_stubs_are_clean_without_the_column_libraries(tmp_path):
    """numpy, pandas and polars are optional: where none is installed, the
    stubs' imports of them are no error and parse_array answers Any.  The
    stubs are read from MYPYPATH, where mypy reports their own errors too
    (an installed package's are silenced), with site-packages hidden."""
    _require_mypy()
    stubs = tmp_path / "stubs" / "fastdt"
    stubs.mkdir(parents=True)
    shutil.copy(PACKAGE_DIR / "__init__.pyi", stubs / "__init__.pyi")
    (tmp_path / "mypy.ini").write_text(      # dateutil's types are hidden too
        "[mypy]\n[mypy-dateutil.*]\nignore_missing_imports = True\n")
    (tmp_path / "absent.py").write_text(textwrap.dedent(ABSENT))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["MYPYPATH"] = str(stubs.parent)
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-site-packages",
         "--config-file", "mypy.ini", "--no-error-summary", "absent.py"],
        capture_output=True, text=True, env=env, cwd=str(tmp_path))
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out
    assert out.count('Revealed type is "Any"') == 2, out


def _stubtest(mypy_env, stub_dir=None):
    """``python -m mypy.stubtest fastdt`` with the project's [tool.mypy] settings."""
    tmp, _config, env = mypy_env
    env = dict(env)
    if stub_dir is not None:
        env["MYPYPATH"] = str(stub_dir)
    return subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "fastdt",
         "--mypy-config-file", str(ROOT / "pyproject.toml")],
        capture_output=True, text=True, env=env, cwd=str(tmp))


def test_stubtest_is_clean(mypy_env):
    proc = _stubtest(mypy_env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Success" in proc.stdout


def test_stubtest_finds_a_planted_mismatch(mypy_env, tmp_path):
    """The same check on a stub with one keyword misspelt must fail."""
    stub_dir = tmp_path / "stubs" / "fastdt"
    stub_dir.mkdir(parents=True)
    text = (PACKAGE_DIR / "__init__.pyi").read_text()
    planted = re.sub(r"(def isoparse\(dt_str)", r"def isoparse(dtstr", text)
    assert planted != text
    (stub_dir / "__init__.pyi").write_text(planted)
    proc = _stubtest(mypy_env, stub_dir=stub_dir.parent)
    assert proc.returncode != 0
    assert "fastdt.isoparse" in proc.stdout
