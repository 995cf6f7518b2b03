"""The ``fastdt`` command, run in subprocesses as a user would run it.

Every expected value comes from ``fastdt.parse`` (itself checked against
dateutil elsewhere) applied to the same line in this process.
"""
import csv
import datetime
import io
import os
import pty
import select
import subprocess
import tempfile
import sys
import warnings

import pytest
from dateutil import tz

import fastdt

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(fastdt.__file__)))
CORPORA = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                       "bench", "corpora")
LINES = ["Sep 25 2003 10:49", "garbage", "2003-09-25T10:49:41-03:00", "",
         "25/09/2003", "Thu, 25 Sep 2003 10:49:41 +0000", "10:49 BRST", "1/2/3"]


# Children run outside the checkout: `python -m fastdt` puts its working
# directory first on sys.path, where the checkout's fastdt/ (uncompiled after
# a non-editable install) would shadow the installed package.
CWD = tempfile.gettempdir()


def env(**extra):
    e = dict(os.environ)
    e["PYTHONPATH"] = os.pathsep.join([ROOT] + ([e["PYTHONPATH"]] if e.get("PYTHONPATH")
                                                  else []))
    e.pop("FASTDT_PROGRESS_SECONDS", None)
    e.update(extra)
    return e


def run(args, stdin="", **kw):
    return subprocess.run([sys.executable, "-m", "fastdt"] + list(args), input=stdin,
                          capture_output=True, text=True, cwd=CWD, env=env(), timeout=120, **kw)


def expected(line, utc=False, fmt=None, **kw):
    if not line or line.isspace():
        return ""            # the command's rule: a blank line is an empty answer
    try:
        with warnings.catch_warnings():
            # an unknown zone name: the command's own report of it is what the
            # tests check, on its stderr; the oracle's warning here is not
            warnings.simplefilter("ignore", fastdt.UnknownTimezoneWarning)
            value = fastdt.parse(line, **kw)
        if utc:
            value = (value.replace(tzinfo=datetime.timezone.utc) if value.tzinfo is None
                     else value.astimezone(datetime.timezone.utc))
        return value.strftime(fmt) if fmt else value.isoformat()
    except (ValueError, OverflowError) as e:
        return e


def reported(exc, line):
    """What the command says of a bad line (short, printable) that raised exc:
    dateutil's message with the line's repr in it."""
    assert len(line) <= 60 and line.isprintable()
    if len(exc.args) == 2 and exc.args[1] == line:
        return exc.args[0] % repr(line)
    return str(exc)


def errors_only(stderr):
    return [m for m in stderr.splitlines() if not m.startswith("fastdt: warning: ")]


def corpus(name):
    with open(os.path.join(CORPORA, name + ".txt"), encoding="utf-8") as f:
        return [line.rstrip("\n") for line in f if not line.startswith("#")]


# --- values --------------------------------------------------------------------

@pytest.mark.parametrize("flags,kw", [
    ([], {}), (["--dayfirst"], {"dayfirst": True}), (["--yearfirst"], {"yearfirst": True}),
    (["--fuzzy"], {"fuzzy": True}), (["--ignoretz"], {"ignoretz": True}),
    (["--utc"], {"utc": True}), (["--utc", "--dayfirst"], {"utc": True, "dayfirst": True}),
    (["--format", "%d.%m.%Y %H:%M %z"], {"fmt": "%d.%m.%Y %H:%M %z"}),
])
def test_lines_and_line_numbers(flags, kw):
    lines = LINES + corpus("mixed")[:300]
    proc = run(flags, "\n".join(lines) + "\n")
    out = proc.stdout.split("\n")
    assert out[-1] == "" and len(out) - 1 == len(lines)       # one line per line
    want = [expected(line, **kw) for line in lines]
    bad = [i + 1 for i, w in enumerate(want) if isinstance(w, Exception)]
    assert bad, "the input has bad lines"
    for i, (got, w) in enumerate(zip(out, want)):
        assert got == ("" if isinstance(w, Exception) else w), (i + 1, lines[i])
    messages = proc.stderr.splitlines()
    warns = [m for m in messages if m.startswith("fastdt: warning: ")]
    messages = [m for m in messages if not m.startswith("fastdt: warning: ")]
    assert messages == ["fastdt: line %d: %s" % (n, reported(want[n - 1], lines[n - 1]))
                        for n in bad] + ["fastdt: %d of %d lines did not parse"
                                         % (len(bad), len(lines))]
    assert proc.returncode == 1
    # an unknown zone name is reported once, not once per line
    if "ignoretz" not in kw:
        assert warns.count("fastdt: warning: time zone name BRST not understood: its "
                           "values are naive; pass --tzinfo BRST=OFFSET to use it") == 1
    assert len(warns) == len(set(warns))


def test_all_good_exits_zero_and_arguments():
    proc = run(["Sep 25 2003 10:49", "2003-09-25T10:49:41Z"])
    assert proc.returncode == 0 and proc.stderr == ""
    assert proc.stdout == "2003-09-25T10:49:00\n2003-09-25T10:49:41+00:00\n"
    proc = run(["Sep 25 2003", "nonsense"])
    assert proc.stdout == "2003-09-25T00:00:00\n\n"
    assert proc.stderr == ("fastdt: argument 2: Unknown string format: 'nonsense'\n"
                           "fastdt: 1 of 2 arguments did not parse\n")
    assert proc.returncode == 1


def test_errors_skip_and_raise():
    text = "\n".join(LINES) + "\n"
    good = [w for w in (expected(line) for line in LINES) if not isinstance(w, Exception)]
    proc = run(["--errors=skip"], text)
    assert proc.stdout.splitlines() == good
    assert "" in good                                 # line 4, blank, is kept
    assert errors_only(proc.stderr) == ["fastdt: line 2: Unknown string format: 'garbage'",
                                        "fastdt: 1 of 8 lines did not parse"]
    assert proc.returncode == 1
    proc = run(["--errors", "raise"], text)
    assert proc.stdout == expected(LINES[0]) + "\n"          # stops at line 2
    assert errors_only(proc.stderr) == ["fastdt: line 2: Unknown string format: 'garbage'"]
    assert proc.returncode == 1


def test_a_bad_line_is_echoed_short_and_escaped():
    # 100,000 characters of a bad line make one short report, not 100 KB of stderr
    long_line = "Sep 25 2003 " + "x" * 100000
    proc = run([], long_line + "\n")
    assert proc.stdout == "\n" and proc.returncode == 1
    report = errors_only(proc.stderr)[0]
    assert report == ("fastdt: line 1: Unknown string format: %s... (100,012 characters)"
                      % repr(long_line[:60]))
    assert errors_only(proc.stderr)[1:] == ["fastdt: 1 of 1 line did not parse"]
    assert len(proc.stderr) < 300
    # control characters (a terminal's escapes, a bell) and undecodable bytes
    # are shown escaped, as a repr shows them
    proc = subprocess.run([sys.executable, "-m", "fastdt"],
                          input=b"\x1b[2J\x07 2003 \x00\n\xff\xfe \\ 2003\n",
                          capture_output=True, cwd=CWD, env=env(), timeout=60)
    assert errors_only(proc.stderr.decode("ascii")) == [
        r"fastdt: line 1: Unknown string format: '\x1b[2J\x07 2003 \x00'",
        r"fastdt: line 2: Unknown string format: '\xff\xfe \\ 2003'",
        "fastdt: 2 of 2 lines did not parse"]
    # --print-format's own message, too
    proc = run(["--print-format"], "Sun, 06 Nov 1994 08:49:37 GMT" + " " * 100 + "\n")
    assert "no strptime format reads 'Sun, 06 Nov 1994 08:49:37 GMT" in proc.stderr
    assert "'... (129 characters) as dateutil does" in proc.stderr


@pytest.mark.parametrize("errors", ["blank", "skip"])
def test_a_count_of_bad_lines_ends_the_run(errors):
    # across chunks (16,384 lines each); blank lines are read, not bad
    lines = (["Sep 25 2003", "garbage", ""] * 15000)[:40000]
    proc = run(["--errors", errors], "\n".join(lines) + "\n")
    messages = errors_only(proc.stderr)
    assert len(messages) == 13333 + 1
    assert messages[-1] == "fastdt: 13,333 of 40,000 lines did not parse"
    assert proc.returncode == 1
    # a CSV counts rows (the header is no row; a quoted field may hold a line end)
    proc = run(["--csv", "t", "--errors", errors], 't,note\nbad,"a\nb"\n2003-09-25,x\n,\n')
    assert errors_only(proc.stderr) == ["fastdt: line 2: Unknown string format: 'bad'",
                                        "fastdt: 1 of 3 rows did not parse"]
    # nothing bad: nothing said
    proc = run(["--errors", errors], "Sep 25 2003\n\n")
    assert proc.stderr == "" and proc.returncode == 0


def test_errors_raise_ends_with_its_report():
    # the run stops at the first bad line; its report is the last word
    proc = run(["--errors", "raise"], "Sep 25 2003\ngarbage\nnonsense\n")
    assert proc.stderr == "fastdt: line 2: Unknown string format: 'garbage'\n"
    assert proc.returncode == 1


SYSLOG = ["Jun  9 06:06:20 combo syslogd 1.4.1: restart.",             # syslog
          "Dec 10 06:55:46 LabSZ sshd[24200]: Invalid user webmaster",   # OpenSSH
          "Dec 31 23:59:58 mac com.apple.xpc.launchd[1] (com.apple.x): exited",  # macOS
          "",
          "Jan  1 00:00:03 combo sshd(pam_unix)[19937]: authentication failure"]


@pytest.mark.parametrize("default, when", [
    ("2024", datetime.datetime(2024, 1, 1)),
    ("2017-03-04", datetime.datetime(2017, 3, 4)),
    (" 2017-03-04T05:06:07 ", datetime.datetime(2017, 3, 4, 5, 6, 7)),
    ("2024-01-01T00:00:00+02:00",
     datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone(datetime.timedelta(hours=2)))),
])
def test_default_fills_year_less_log_lines(default, when):
    stamps = [line[:15] for line in SYSLOG]              # cut -c1-15
    proc = run(["--default", default], "\n".join(stamps + ["10:49", "Sep 25 2003"]) + "\n")
    want = [expected(s, default=when) for s in stamps + ["10:49", "Sep 25 2003"]]
    assert proc.stdout.splitlines() == want
    assert proc.returncode == 0 and proc.stderr == ""
    if default == "2024":
        assert want[:3] == ["2024-06-09T06:06:20", "2024-12-10T06:55:46",
                            "2024-12-31T23:59:58"]
    # the same through --utc (parse_array's chunks), --keep, --csv and arguments
    proc = run(["--default", default, "--utc"], "\n".join(stamps) + "\n")
    assert proc.stdout.splitlines() == [expected(s, default=when, utc=True) for s in stamps]
    proc = run(["--default", default, "--keep"], "Jun  9 06:06:20\tsshd\n")
    assert proc.stdout == expected("Jun  9 06:06:20", default=when) + "\tJun  9 06:06:20\tsshd\n"
    proc = run(["--default", default, "--csv", "t"], "t\nJun  9 06:06:20\n")
    assert proc.stdout == "t\n%s\n" % expected("Jun  9 06:06:20", default=when)
    proc = run(["--default", default, "Jun  9 06:06:20"])
    assert proc.stdout == expected("Jun  9 06:06:20", default=when) + "\n"


@pytest.mark.parametrize("bad", ["June 2024", "24", "2024-13-01", "yesterday", ""])
def test_default_takes_iso_only(bad):
    proc = run(["--default", bad, "Jun  9 06:06:20"])
    assert proc.returncode == 2 and proc.stdout == ""
    assert ("error: argument --default: expected an ISO 8601 date or datetime (2024, "
            "2024-06-09, 2024-06-09T06:00:00, 2024-06-09T06:00:00+02:00), got %r" % bad
            in proc.stderr)


def test_year_rollover_workaround_in_the_help(tmp_path):
    # fastdt guesses no rollover; --help shows how to give the lines their year
    helptext = run(["--help"]).stdout
    assert "does not guess that a year-less" in helptext
    shell = [line.strip() for line in helptext.splitlines()
             if line.strip().startswith("cut -c1-15 syslog | awk")]
    assert len(shell) == 1
    (tmp_path / "syslog").write_text("\n".join(SYSLOG) + "\n")
    proc = subprocess.run(["bash", "-o", "pipefail", "-c",
                           shell[0].replace("python -m fastdt", "%s -m fastdt" % sys.executable)],
                          cwd=tmp_path, env=env(), capture_output=True, text=True, timeout=60)
    assert proc.stdout.splitlines() == ["2023-06-09T06:06:20", "2023-12-10T06:55:46",
                                        "2023-12-31T23:59:58", "", "2024-01-01T00:00:03"]
    assert proc.returncode == 0 and proc.stderr == ""
    # without it, every line gets the one year given
    proc = run(["--default", "2023"], "".join(line[:15] + "\n" for line in SYSLOG))
    assert proc.stdout.splitlines()[-1] == "2023-01-01T00:00:03"


def test_tzinfo_option():
    lines = ["10:49 BRST Sep 25 2003", "Sep 25 2003 10:49 EST", "Sep 25 2003 10:49 CST",
             "Sep 25 2003 10:49 XYZ"]
    proc = run(["--tzinfo", "BRST=-03:00", "--tzinfo=EST=-18000", "--tzinfo",
                "CST=America/Chicago", "--tzinfo", "XYZ=+0130"], "\n".join(lines))
    tzinfos = {"BRST": -10800, "EST": -18000, "CST": tz.gettz("America/Chicago"),
               "XYZ": 5400}
    assert proc.stdout.splitlines() == [expected(s, tzinfos=tzinfos) for s in lines]
    assert proc.stdout.splitlines()[0] == "2003-09-25T10:49:00-03:00"
    bad = run(["--tzinfo", "BRST"], "x")
    assert bad.returncode == 2 and "NAME=OFFSET" in bad.stderr
    bad = run(["--tzinfo", "BRST=Not/AZone"], "x")
    assert bad.returncode == 2 and "neither an offset" in bad.stderr


def test_keep_is_tab_separated():
    lines = ["Sep 25 2003 10:49\tuser=bob\tok", "garbage\tuser=eve", "2003-09-25"]
    proc = run(["--keep"], "\n".join(lines) + "\n")
    assert proc.stdout.splitlines() == [
        "2003-09-25T10:49:00\tSep 25 2003 10:49\tuser=bob\tok",
        "\tgarbage\tuser=eve",
        "2003-09-25T00:00:00\t2003-09-25"]
    assert proc.stderr == ("fastdt: line 2: Unknown string format: 'garbage'\n"
                           "fastdt: 1 of 3 lines did not parse\n")


def test_crlf_and_undecodable_bytes():
    proc = subprocess.run([sys.executable, "-m", "fastdt", "--keep"],
                          input=b"Sep 25 2003\r\n\xff\xfe 2003\r\n2003-09-25\n",
                          capture_output=True, cwd=CWD, env=env(), timeout=60)
    assert proc.stdout == (b"2003-09-25T00:00:00\tSep 25 2003\n\t\xff\xfe 2003\n"
                           b"2003-09-25T00:00:00\t2003-09-25\n")
    assert proc.stderr.startswith(b"fastdt: line 2: Unknown string format")


def test_csv_column_by_name_and_number():
    rows = [["id", "created", "note"], ["1", "Sep 25 2003 10:49", "a, b"],
            ["2", "garbage", 'multi\nline "quoted"'], ["3", "2003-09-25T10:49:41-03:00", ""],
            ["4", "25/09/2003", "x"]]
    buf = io.StringIO()
    csv.writer(buf).writerows(rows)
    for column in ("created", "2"):
        proc = run(["--csv", column, "--utc"], buf.getvalue(), )
        got = list(csv.reader(io.StringIO(proc.stdout)))
        want = [rows[0]] + [[r[0], "" if isinstance(expected(r[1], utc=True), Exception)
                             else expected(r[1], utc=True), r[2]] for r in rows[1:]]
        assert got == want
        # the bad record starts on line 3 of the file
        assert proc.stderr == ("fastdt: line 3: Unknown string format: 'garbage'\n"
                               "fastdt: 1 of 4 rows did not parse\n")
        assert proc.returncode == 1
    proc = run(["--csv", "created", "--errors=skip"], buf.getvalue())
    assert [r[0] for r in csv.reader(io.StringIO(proc.stdout))] == ["id", "1", "3", "4"]


LOGHUB_CSV = """\
LineId,Date,Time,Level,Process,Component,Content
1,2015-10-18,"18:01:47,978",INFO,main,MRAppMaster,"Created MRAppMaster, application"
2,2015-10-18,18:01:48,INFO,main,MRAppMaster,"Executing with tokens:
multi-line content"
3,,,INFO,main,x,no date or time
4,2015-10-18,bogus,WARN,main,x,bad time
5,2015-10-19,,INFO,main,x,date only
"""


def test_csv_date_and_time_columns():
    # loghub's structured CSVs, spreadsheet exports: the cells joined by a space
    rows = list(csv.reader(io.StringIO(LOGHUB_CSV)))
    for spec in ("Date,Time", "2,3", "Date, Time"):
        proc = run(["--csv", spec], LOGHUB_CSV)
        got = list(csv.reader(io.StringIO(proc.stdout)))
        want = [row[:] for row in rows]
        for row in want[1:]:
            w = expected(row[1] + " " + row[2])
            row[1] = "" if isinstance(w, Exception) else w  # the value goes in Date
        assert got == want                                 # Time and the rest as they were
        assert [r[1] for r in got[1:]] == ["2015-10-18T18:01:47.978000",
                                          "2015-10-18T18:01:48", "", "",
                                          "2015-10-19T00:00:00"]
        # row 4 starts on line 6 of the file; the report shows the joined text
        assert proc.stderr == ("fastdt: line 6: Unknown string format: '2015-10-18 bogus'\n"
                               "fastdt: 1 of 5 rows did not parse\n")
        assert proc.returncode == 1
    # the order named is the order joined; any number of columns (loghub's Linux:
    # Month,Date,Time, year-less, so --default)
    text = "LineId,Time,Month,Date\n1,15:16:01,Jun,14\n"
    proc = run(["--csv", "Month,Date,Time", "--default", "2005"], text)
    assert proc.stdout == "LineId,Time,Month,Date\n1,15:16:01,2005-06-14T15:16:01,14\n"
    # --print-format reads the joined cells as well
    proc = run(["--csv", "Date,Time", "--print-format"], "Date,Time\n2015-10-18,18:01:48\n")
    assert proc.stdout == "Date,Time\n%Y-%m-%d %H:%M:%S,18:01:48\n"
    # a header name holding a comma is still one column
    proc = run(["--csv", "Date,Time"], '"Date,Time",x\n"2015-10-18 18:01",y\n')
    assert proc.stdout == '"Date,Time",x\n2015-10-18T18:01:00,y\n'
    proc = run(["--csv", "Date,1"], "Date,Time\n2015-10-18,18:01:48\n")
    assert proc.returncode == 2 and "'Date,1' names column 'Date' twice" in proc.stderr
    proc = run(["--csv", "Date,Tim"], "Date,Time\n2015-10-18,18:01:48\n")
    assert proc.returncode == 2 and "no column 'Tim'; the header has 'Date', 'Time'" in proc.stderr


def test_csv_bad_column_is_a_usage_error():
    # like every other bad argument: argparse's usage line and exit status 2
    text = "id,created,note\n1,Sep 25 2003,x\n"
    proc = run(["--csv", "nope"], text)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.startswith("usage: python -m fastdt ")
    assert proc.stderr.endswith("python -m fastdt: error: argument --csv: no column 'nope'; "
                                "the header has 'id', 'created', 'note'\n")
    assert "the header has 'id', 'created', 'note'" in run(["--csv", "4"], text).stderr
    for args in (["--csv", "id", "Sep 25 2003"], ["--csv", "id", "--keep"]):
        proc = run(args, text)
        assert proc.returncode == 2 and proc.stdout == ""
        assert "error: --csv reads a CSV from stdin" in proc.stderr


@pytest.mark.parametrize("errors", ["blank", "skip", "raise"])
def test_blank_lines_and_cells_are_empty_answers(errors):
    # a separator line or an empty cell is no failure: an empty answer, no report
    proc = run(["--errors", errors], "Jun  9 06:06:20\n\n   \n\t\r\nSep 25 2003\n")
    assert proc.stdout.splitlines() == [expected("Jun  9 06:06:20"), "", "", "",
                                        "2003-09-25T00:00:00"]
    assert proc.returncode == 0 and proc.stderr == ""
    proc = run(["--csv", "when", "--errors", errors], 'id,when\n1,\n2," "\n3\n4,2003-09-25\n')
    assert proc.stdout == "id,when\n1,\n2,\n3\n4,2003-09-25T00:00:00\n"
    assert proc.returncode == 0 and proc.stderr == ""
    proc = run(["--keep", "--errors", errors], "\tuser=bob\n")
    assert proc.stdout == "\t\tuser=bob\n" and proc.returncode == 0
    proc = run(["--errors", errors, "", "Sep 25 2003"])
    assert proc.stdout == "\n2003-09-25T00:00:00\n" and proc.returncode == 0


# --- behaving in pipes and terminals -------------------------------------------

def big_input(path, n):
    base = [s for s in corpus("mixed") if not isinstance(expected(s), Exception)]
    with open(path, "w", encoding="utf-8") as f:
        for k in range(n):
            f.write(base[k % len(base)] + "\n")


def test_broken_pipe_is_quiet(tmp_path):
    path = tmp_path / "big.log"
    big_input(path, 200000)
    proc = subprocess.run(
        ["bash", "-c", 'set -o pipefail; "%s" -m fastdt < "%s" | head -n 2; '
         'echo "status ${PIPESTATUS[0]}" >&2' % (sys.executable, path)],
        capture_output=True, text=True, cwd=CWD, env=env(), timeout=300)
    assert len(proc.stdout.splitlines()) == 2
    assert proc.stderr == "status 141\n"           # no traceback, no message


def test_broken_pipe_with_bad_lines_is_quiet(tmp_path):
    # bad lines reported up to the stop, no count of a run cut short, no traceback,
    # whether stdout, or stdout and stderr together (2>&1), go to head
    path = tmp_path / "bad.log"
    with open(path, "w") as f:
        for k in range(200000):
            f.write("Jun  9 06:06:20\n" if k % 3 else "garbage %d %s\n" % (k, "x" * 300))
    for redirect, lines in (("2>err", 2), ("2>&1", 2), ("2>&1 >/dev/null", 1)):
        shell = ('"%s" -m fastdt --default 2024 < "%s" %s | head -n %d; '
                 'echo "status ${PIPESTATUS[0]}" >&2' % (sys.executable, path, redirect, lines))
        proc = subprocess.run(["bash", "-c", shell], capture_output=True, text=True,
                              cwd=tmp_path, env=env(), timeout=300)
        assert len(proc.stdout.splitlines()) == lines
        assert proc.stderr == "status 141\n", redirect
    reports = (tmp_path / "err").read_text().splitlines()
    assert reports and all(r.startswith("fastdt: line ") and len(r) < 200 for r in reports)


def test_memory_stays_flat(tmp_path):
    script = ("import resource, sys\n"
              "from fastdt.__main__ import main\n"
              "status = main(prog='fastdt')\n"
              "sys.stdout.flush()\n"
              "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n")
    peaks = {}
    for n in (20000, 400000):
        path = tmp_path / ("in%d" % n)
        big_input(path, n)
        with open(path, "rb") as fin:
            proc = subprocess.run([sys.executable, "-c", script], stdin=fin,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                  cwd=CWD, env=env(), timeout=600, check=True)
        peaks[n] = int(proc.stderr.split()[-1])       # KiB
    # 20x the input (about 10 MB more text) must not cost 20x the memory
    assert peaks[400000] - peaks[20000] < 16 * 1024, peaks


def test_progress_line_on_a_terminal(tmp_path):
    path = tmp_path / "in"
    big_input(path, 60000)
    master, slave = pty.openpty()
    with open(path, "rb") as fin:
        proc = subprocess.Popen([sys.executable, "-m", "fastdt"], stdin=fin,
                                stdout=subprocess.DEVNULL, stderr=slave,
                                cwd=CWD, env=env(FASTDT_PROGRESS_SECONDS="0"))
    os.close(slave)
    seen = b""
    while True:
        ready, _, _ = select.select([master], [], [], 60)
        if not ready:
            break
        try:
            data = os.read(master, 65536)
        except OSError:       # the child closed the terminal
            break
        if not data:
            break
        seen += data
    os.close(master)
    assert proc.wait(60) == 0
    assert b"\rfastdt: " in seen and b" lines/s" in seen
    assert seen.endswith(b"\r\x1b[K")                  # cleared at the end
    # not a terminal: no progress line at all
    with open(path, "rb") as fin:
        quiet = subprocess.run([sys.executable, "-m", "fastdt"], stdin=fin,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               cwd=CWD, env=env(FASTDT_PROGRESS_SECONDS="0"), timeout=300)
    assert quiet.stderr == b""


def test_line_buffered_answers_each_line_as_it_comes():
    for args, line, want in (([], b"Sep 25 2003 10:49\n", b"2003-09-25T10:49:00\n"),
                             (["--csv", "t"], b"t\r\nSep 25 2003\r\n",
                              b"t\n2003-09-25T00:00:00\n")):
        proc = subprocess.Popen([sys.executable, "-m", "fastdt", "--line-buffered"] + args,
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=CWD, env=env())
        try:
            proc.stdin.write(line)
            proc.stdin.flush()             # stdin stays open: no EOF yet
            got = b""
            while len(got) < len(want):
                ready, _, _ = select.select([proc.stdout], [], [], 60)
                assert ready, "no answer before the end of input (%r)" % got
                got += os.read(proc.stdout.fileno(), 4096)
            assert got == want
        finally:
            proc.stdin.close()
            assert proc.wait(60) == 0


# --- help and version ----------------------------------------------------------

def test_help_names_the_command_as_invoked():
    proc = run(["--help"])
    assert proc.returncode == 0
    assert proc.stdout.startswith("usage: python -m fastdt ")
    assert "``" not in proc.stdout and ":param" not in proc.stdout   # no raw reST
    assert "--default 2024" in proc.stdout and "Jun  9 06:06:20" in proc.stdout
    assert "--csv Date,Time" in proc.stdout
    for flag in ("--utc", "--ignoretz", "--tzinfo", "--default", "--dayfirst", "--yearfirst", "--fuzzy",
                 "--errors", "--format", "--keep", "--csv", "--version", "--line-buffered"):
        assert flag in proc.stdout
    # the console script: argv[0] is the script's path
    code = ("import sys; sys.argv[0] = '/usr/local/bin/fastdt'; "
            "from fastdt.__main__ import main; sys.exit(main())")
    proc = subprocess.run([sys.executable, "-c", code, "--help"], capture_output=True,
                          text=True, cwd=CWD, env=env(), timeout=60)
    assert proc.stdout.startswith("usage: fastdt ")
    assert "  fastdt --utc < access.log" in proc.stdout


def test_version():
    import dateutil
    proc = run(["--version"])
    assert proc.returncode == 0
    assert proc.stdout.strip() == "fastdt %s (python-dateutil %s, Python %s)" % (
        fastdt.__version__, dateutil.__version__, sys.version.split()[0])


# --- --input-format (parse_array(format=)) -----------------------------------------

def _strptime_expected(line, formats, utc=False, ignoretz=False):
    """The command's answer for ``line`` read with the first format that
    reads it (datetime.strptime, the oracle), or the first format's error."""
    if not line or line.isspace():
        return ""
    first = None
    for fmt in formats:
        try:
            value = datetime.datetime.strptime(line, fmt)
        except ValueError as exc:
            first = first or exc
            continue
        if ignoretz:
            value = value.replace(tzinfo=None)
        if utc:
            value = (value.replace(tzinfo=datetime.timezone.utc) if value.tzinfo is None
                     else value.astimezone(datetime.timezone.utc))
        return value.isoformat()
    return first


INPUT_FORMATS = ["%Y-%m-%d-%H.%M.%S.%f", "%Y%m%d-%H:%M:%S:%f", "%d/%b/%Y:%H:%M:%S %z"]
FORMAT_LINES = ["2005-06-03-15.42.50.675872", "20171223-22:15:29:606", "bad", "",
                "10/Oct/2000:13:55:36 -0700", "2005-06-03-15.42.50", "2005-02-30-15.42.50.1",
                "20171223-22:15:29:606 tail", "10/oct/2000:13:55:36 +0000"]


@pytest.mark.parametrize("flags,kw", [([], {}), (["--utc"], {"utc": True}),
                                      (["--ignoretz"], {"ignoretz": True})])
@pytest.mark.parametrize("n_formats", [1, 3])
def test_input_format_against_strptime(flags, kw, n_formats):
    formats = INPUT_FORMATS[:n_formats]
    args = [a for f in formats for a in ("--input-format", f)] + flags
    # a chunk of many lines goes through parse_array(format=); each line also
    # alone (the per-line path) must say the same
    lines = FORMAT_LINES * 50
    proc = run(args, "\n".join(lines) + "\n")
    want = [_strptime_expected(line, formats, **kw) for line in lines]
    assert proc.stdout.splitlines() == ["" if isinstance(w, Exception) else w for w in want]
    bad = [(i + 1, w) for i, w in enumerate(want) if isinstance(w, Exception)]
    assert errors_only(proc.stderr) == [f"fastdt: line {i}: {w}" for i, w in bad] + [
        f"fastdt: {len(bad)} of {len(lines)} lines did not parse"]
    assert proc.returncode == 1
    proc = run(args + ["--line-buffered"], "\n".join(FORMAT_LINES) + "\n")
    want = [_strptime_expected(line, formats, **kw) for line in FORMAT_LINES]
    assert proc.stdout.splitlines() == ["" if isinstance(w, Exception) else w for w in want]


@pytest.mark.parametrize("flag", [["--dayfirst"], ["--yearfirst"], ["--fuzzy"],
                                  ["--tzinfo", "X=+01:00"], ["--default", "2024"],
                                  ["--print-format"]])
def test_input_format_refuses_parse_options(flag):
    proc = run(["--input-format", "%Y"] + flag + ["2005"])
    assert proc.returncode == 2
    assert "--input-format reads lines with strptime, which takes no " + flag[0] in proc.stderr


def test_input_format_in_the_help():
    proc = run(["--help"])
    assert "--input-format STRPTIME" in proc.stdout and "repeatable" in proc.stdout
