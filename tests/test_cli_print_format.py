"""``fastdt --print-format``, run in subprocesses as a user would run it.

Every expected format comes from ``fastdt.guess_format`` applied to the same
line in this process (itself judged against dateutil and strptime in
tests/test_guess_format.py).
"""
import collections
import csv
import io
import os
import subprocess
import sys

import pytest

import fastdt
from test_cli import CORPORA, CWD, env, run

LINES = ["Sep 25 2003 10:49", "garbage", "Sun, 06 Nov 1994 08:49:37 GMT",
         "2003-09-25T10:49:41-03:00", "", "25/09/2003", "01/02/2003", "Nov 14 20:35:00"]


def _stdin(lines):
    return "".join(line + "\n" for line in lines)


def _reported_lines(stderr):
    return [int(m.split(":")[1].split()[1]) for m in stderr.splitlines()
            if m.startswith("fastdt: line ")]


@pytest.mark.parametrize("flags, kw", [([], {}), (["--dayfirst"], {"dayfirst": True}),
                                       (["--yearfirst"], {"yearfirst": True})])
def test_one_format_per_line(flags, kw):
    proc = run(["--print-format"] + flags, _stdin(LINES))
    out = proc.stdout.splitlines()
    assert len(out) == len(LINES)
    missing = []
    for n, (line, got) in enumerate(zip(LINES, out), 1):
        fmt = fastdt.guess_format(line, **kw)
        assert got == (fmt or ""), (line, got, fmt)
        if fmt is None and line:
            missing.append(n)
    # lines without a format are reported by number, and the status says so
    assert missing == [2, 3]                 # line 5, blank, is an empty answer
    assert _reported_lines(proc.stderr) == missing
    assert proc.returncode == 1
    assert "line 2: Unknown string format: 'garbage'" in proc.stderr
    assert "line 3: no strptime format reads 'Sun, 06 Nov 1994 08:49:37 GMT'" in proc.stderr
    assert "help(fastdt.guess_format)" in proc.stderr


def test_dayfirst_changes_the_format():
    assert run(["--print-format", "01/02/2003"]).stdout == "%m/%d/%Y\n"
    assert run(["--print-format", "--dayfirst", "01/02/2003"]).stdout == "%d/%m/%Y\n"


def test_all_lines_with_a_format_exit_zero():
    proc = run(["--print-format", "Sep 25 2003 10:49", "2003-09-25T10:49:41.5Z"])
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "%b %d %Y %H:%M\n%Y-%m-%dT%H:%M:%S.%f%z\n"
    assert proc.stderr == ""


def test_errors_skip_and_raise():
    proc = run(["--print-format", "--errors=skip"], _stdin(LINES))
    assert proc.stdout.splitlines() == [fastdt.guess_format(s) or "" for s in LINES
                                        if s == "" or fastdt.guess_format(s) is not None]
    assert proc.returncode == 1
    proc = run(["--print-format", "--errors=raise"], _stdin(LINES))
    assert proc.stdout == "%b %d %Y %H:%M\n"
    assert _reported_lines(proc.stderr) == [2]
    assert proc.returncode == 1


def test_keep_and_csv():
    proc = run(["--print-format", "--keep"], _stdin(["Sep 25 2003\tx", "garbage\ty"]))
    assert proc.stdout == "%b %d %Y\tSep 25 2003\tx\n\tgarbage\ty\n"
    text = "id,when\n1,2003-09-25 10:49\n2,\"Sep 25, 2003\"\n"
    proc = run(["--print-format", "--csv", "when"], text)
    assert list(csv.reader(io.StringIO(proc.stdout))) == [
        ["id", "when"], ["1", "%Y-%m-%d %H:%M"], ["2", "%b %d, %Y"]]
    assert proc.returncode == 0, proc.stderr


@pytest.mark.parametrize("flag", [["--fuzzy"], ["--ignoretz"], ["--utc"],
                                  ["--tzinfo", "BRST=-03:00"], ["--format", "%Y"],
                                  ["--default", "2024"]])
def test_options_a_format_cannot_take_are_refused(flag):
    proc = run(["--print-format"] + flag + ["Sep 25 2003"])
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "a format cannot also take %s" % flag[0] in proc.stderr


def test_tally_of_a_corpus():
    # the help's example: | sort | uniq -c counts a file's formats
    with open(os.path.join(CORPORA, "mixed.txt"), encoding="utf-8") as f:
        lines = [line.rstrip("\n") for line in f if not line.startswith("#")]
    proc = run(["--print-format"], _stdin(lines))
    out = proc.stdout.splitlines()
    assert len(out) == len(lines) == 2000
    want = collections.Counter(fastdt.guess_format(s) or "" for s in lines)
    assert collections.Counter(out) == want
    assert len(want) > 10                     # a mixed file: many formats
    assert proc.returncode == (1 if "" in want else 0)


def test_broken_pipe_is_quiet():
    path = os.path.join(CORPORA, "iso8601.txt")
    shell = "%s -m fastdt --print-format < %s | head -1" % (sys.executable, path)
    proc = subprocess.run(["bash", "-o", "pipefail", "-c", shell], capture_output=True,
                          text=True, cwd=CWD, env=env(), timeout=300)
    assert proc.stdout.count("\n") == 1
    assert "Traceback" not in proc.stderr and "BrokenPipe" not in proc.stderr


@pytest.mark.parametrize("flags", [[], ["--print-format"]])
def test_a_decimal_error_is_a_bad_line(flags):
    # dateutil (so fastdt) raises decimal.InvalidOperation, an ArithmeticError
    # and no ValueError, for some runs of digits: one bad line, not a crash
    proc = run(flags, _stdin(["10:" + "9" * 300, "Sep 25 2003"]))
    assert proc.stdout.splitlines() == ["", "%b %d %Y" if flags else "2003-09-25T00:00:00"]
    assert proc.stderr == ("fastdt: line 1: InvalidOperation: [<class 'decimal.DivisionImpossible'>]\n"
                           "fastdt: 1 of 2 lines %s\n"
                           % ("had no strptime format" if flags else "did not parse"))
    assert proc.returncode == 1
