"""The ``fastdt`` command: parse a column of dates, one per line.

Reads dates from the arguments or, without any, one per line from stdin,
and writes each in ISO 8601 (or ``--format``), or each line's strptime
format (``--print-format``).  Input is read and parsed in
chunks (``fastdt.parse_array``), so memory stays flat on any input size.
Every line is parsed as ``dateutil.parser.parse`` would (a blank one is an
empty answer).
"""
import argparse
import csv
import datetime
import io
import itertools
import os
import re
import sys
import time
import warnings

import fastdt

_DESCRIPTION = """\
Parse dates as dateutil.parser.parse would and write them in ISO 8601.

Dates come from the arguments or, without any, one per line from stdin.
Input is read and parsed in chunks, so memory stays flat on input of any
size; output has one line per input line unless --errors=skip.
With --print-format, each line's strptime format is written instead.
"""

_EPILOG = """\
bad lines (--errors):
  blank  (default) write an empty line in its place, so output lines up with
         input; report "line N: ..." on stderr; exit status 1 at the end
  skip   leave the line out; report it on stderr; exit status 1 at the end
  raise  stop at the first bad line: report it, exit status 1
With blank and skip, the last stderr line counts them: "fastdt: 3 of 10
lines did not parse".  A report shows a line's first 60 characters (repr).
A blank line (empty or spaces only) or an empty CSV cell is not bad: its
answer is empty.

examples:
  %(prog)s "Sep 25 2003 10:49" "25/09/2003" --dayfirst
  %(prog)s --utc < access.log | sort | uniq -c
  %(prog)s --keep --format "%%Y-%%m-%%d" < events.tsv
  %(prog)s --csv created_at --utc < users.csv > users_utc.csv
  %(prog)s --csv Date,Time < Hadoop_2k.log_structured.csv   # loghub
  %(prog)s --tzinfo BRST=-03:00 --tzinfo CST=America/Chicago < dates.txt
  cut -c1-15 /var/log/syslog | %(prog)s --default 2024   # Jun  9 06:06:20
  %(prog)s --print-format "Sep 25 2003 10:49"           # %%b %%d %%Y %%H:%%M
  %(prog)s --print-format < app.log | sort | uniq -c | sort -rn
  %(prog)s --input-format "%%Y-%%m-%%d-%%H.%%M.%%S.%%f" < db2.log  # 2005-06-03-15.42.50.675872

--print-format writes, for each line, the datetime.strptime format that
reads it as dateutil.parser.parse(line, dayfirst=..., yearfirst=...) does
(fastdt.guess_format: checked with strptime, never a format that reads it
otherwise).  A line no strptime format reads that way (a zone name such as
GMT, which strptime reads naive; a two-digit year in another century than
strptime's; Sept; see help(fastdt.guess_format)) is a bad line, as is one
that does not parse: --errors applies, and the exit status is 1.  The
second example counts the formats of a log, most common first.

--default fills every line alike: fastdt does not guess that a year-less
log crossed New Year (Dec 31, then Jan  1 in one file).  Give such lines
their year first, e.g. 2023 until the first January line after a December
one, then 2024:
  cut -c1-15 syslog | awk '/^Jan/ && p=="Dec" {y++} NF {p=$1; $0=2023+y" "$0} 1' | %(prog)s

--keep takes the date from the text before the first tab of each line and
writes the parsed value, a tab, then the whole input line.  --csv rewrites
one column (a header name, or a 1-based position) of a CSV read from stdin,
leaving every other field as it was.  With several, comma-separated
(--csv Date,Time, or Month,Day,Time), their cells joined by a space are
parsed ("2015-10-18 18:01:47") and the value goes in the first named column;
the others stay as they were, so the columns keep their names and order
(drop the others with csvcut -C Time, or df.drop(columns="Time") in pandas).
A broken pipe (| head) ends quietly.
"""

CHUNK_LINES = 16384           # lines parsed per parse_array call
PROGRESS_SECONDS = 1.0        # a progress line (tty stderr only) this often
_UTC = datetime.timezone.utc


# --- options -----------------------------------------------------------------

_HHMM = re.compile(r"([+-])([0-9]{2})(?::?([0-9]{2}))?\Z")


def _offset_seconds(text):
    """``-03:00``, ``-0300``, ``-03`` (hours) or ``-10800`` (seconds), else None."""
    t = text.strip()
    m = _HHMM.match(t)
    if m:
        seconds = int(m.group(2)) * 3600 + int(m.group(3) or 0) * 60
        return -seconds if m.group(1) == "-" else seconds
    if re.fullmatch(r"[+-]?[0-9]+", t):
        return int(t)
    return None


def _tzinfo_arg(text):
    """argparse type for ``--tzinfo NAME=OFFSET``."""
    name, sep, value = text.partition("=")
    if not sep or not name.strip() or not value.strip():
        raise argparse.ArgumentTypeError(
            "expected NAME=OFFSET (e.g. BRST=-03:00, BRST=-0300, EST=-18000 or "
            "CST=America/Chicago), got %r" % text)
    seconds = _offset_seconds(value)
    if seconds is not None:
        return name.strip(), seconds
    from dateutil import tz
    zone = tz.gettz(value.strip())
    if zone is None:
        raise argparse.ArgumentTypeError(
            "%r is neither an offset (+HH:MM, +HHMM, +HH, seconds) nor a time zone "
            "name known to dateutil.tz.gettz" % value)
    return name.strip(), zone


def _default_arg(text):
    """argparse type for ``--default``: an ISO 8601 date or datetime."""
    try:
        return fastdt.isoparse(text.strip())
    except (ValueError, OverflowError) as exc:
        raise argparse.ArgumentTypeError(
            "expected an ISO 8601 date or datetime (2024, 2024-06-09, "
            "2024-06-09T06:00:00, 2024-06-09T06:00:00+02:00), got %r (%s)" % (text, exc))


def _build_argparser(prog):
    ap = argparse.ArgumentParser(
        prog=prog, description=_DESCRIPTION, epilog=_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dates", nargs="*", metavar="DATE",
                    help="dates to parse (default: one per line from stdin)")
    g = ap.add_argument_group("parsing (as dateutil.parser.parse)")
    g.add_argument("--dayfirst", action="store_true", help="read 01/05/09 as 1 May 2009")
    g.add_argument("--yearfirst", action="store_true", help="read 01/05/09 as 2001-05-09")
    g.add_argument("--fuzzy", action="store_true",
                   help="ignore words that are not part of a date")
    g.add_argument("--ignoretz", action="store_true",
                   help="drop time zones: write the wall time as written, without offset")
    g.add_argument("--default", type=_default_arg, metavar="DATETIME",
                   help="fill what a line lacks from this ISO date or datetime, as "
                        "parse(default=): --default 2024 reads the year-less log line "
                        "'Jun  9 06:06:20' as 2024-06-09T06:06:20 (without it: today "
                        "at midnight); no year rollover is guessed (see below)")
    g.add_argument("--tzinfo", action="append", type=_tzinfo_arg, default=[],
                   metavar="NAME=OFFSET",
                   help="a time zone name and its offset (+HH:MM, +HHMM, +HH, or "
                        "seconds) or zone (America/Chicago); repeatable")
    g.add_argument("--input-format", action="append", default=[], metavar="STRPTIME",
                   help="read each line with this datetime.strptime format instead of "
                        "as dateutil would (parse_array(format=)); repeatable: the "
                        "first format that reads a line wins")
    o = ap.add_argument_group("output")
    o.add_argument("--utc", action="store_true",
                   help="convert aware values to UTC and read naive ones as UTC")
    o.add_argument("--format", metavar="STRFTIME",
                   help="write values with this strftime format (default: ISO 8601)")
    o.add_argument("--errors", choices=("blank", "skip", "raise"), default="blank",
                   help="what a bad line does (see below; default: blank)")
    o.add_argument("--keep", action="store_true",
                   help="tab-separated: write the value, a tab, and the input line")
    o.add_argument("--line-buffered", action="store_true",
                   help="answer and flush each line as it comes (tail -f | fastdt); "
                        "slower than the default chunks")
    o.add_argument("--csv", metavar="COLUMN[,...]",
                   help="rewrite this column (name or 1-based number) of a CSV on "
                        "stdin; Date,Time parses the two cells joined by a space and "
                        "writes the value in Date, leaving Time as it was (see below)")
    o.add_argument("--print-format", action="store_true",
                   help="write each line's strptime format instead of its value "
                        "(see below); takes --dayfirst and --yearfirst")
    ap.add_argument("--version", action="version", version=_version())
    return ap


def _version():
    import dateutil
    return "fastdt %s (python-dateutil %s, Python %s)" % (
        fastdt.__version__, dateutil.__version__, sys.version.split()[0])


# --- parsing -----------------------------------------------------------------

class _Converter:
    """Parses chunks of texts into output strings (None for a bad value)."""

    def __init__(self, args):
        self.args = args
        self.kw = dict(ignoretz=args.ignoretz, dayfirst=args.dayfirst or None,
                       yearfirst=args.yearfirst or None, fuzzy=args.fuzzy,
                       tzinfos=dict(args.tzinfo) or None, default=args.default)
        self.parse_array = getattr(fastdt, "parse_array", None)
        self.formats = args.input_format or None
        if self.formats:
            # strptime has no dayfirst/yearfirst/fuzzy/tzinfos/default (main()
            # refuses them with --input-format)
            self.kw = dict(ignoretz=args.ignoretz, format=self.formats)

    def chunk(self, texts):
        """[(output text or None, error message or None)] for each text, and
        the UnknownTimezoneWarning messages the chunk raised.  An empty or
        whitespace-only text (a blank line, an empty cell) answers "", no error."""
        blank = [not t or t.isspace() for t in texts]
        if not any(blank):
            return self._nonblank(texts)
        out, messages = self._nonblank([t for t, b in zip(texts, blank) if not b])
        answers = iter(out)
        return [("", None) if b else next(answers) for b in blank], messages

    def _nonblank(self, texts):
        if self.args.print_format:
            return [self.guess(t) for t in texts], []
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", fastdt.UnknownTimezoneWarning)
            out = self._chunk(texts)
        return out, [str(w.message) for w in caught
                     if issubclass(w.category, fastdt.UnknownTimezoneWarning)]

    def _chunk(self, texts):
        out = self._fast(texts) if self.parse_array is not None else None
        if out is None:
            return [self.one(t) for t in texts]
        return out

    def _fast(self, texts):
        """The chunk through parse_array, or None when it needs the per-value
        path: aware values written with their own offsets (no --utc, no
        --ignoretz), or no numpy."""
        try:
            arr = self.parse_array(texts, utc=self.args.utc, errors="coerce", unit="us",
                                   **self.kw)
            import numpy as np
        except ValueError:
            return None
        except ImportError:
            self.parse_array = None
            return None
        arr = np.asarray(arr, dtype="datetime64[us]")
        nat = np.isnat(arr).tolist()
        if self.args.format is not None:
            values = arr.astype(object).tolist()
            if self.args.utc:
                values = [v if v is None else v.replace(tzinfo=_UTC) for v in values]
            return [self.one(t) if bad else self._format(v)
                    for t, v, bad in zip(texts, values, nat)]
        # datetime.isoformat(), vectorised: microseconds only when not zero
        whole = arr.view("i8") % 1000000 == 0
        strings = np.where(whole, np.datetime_as_string(arr, unit="s"),
                           np.datetime_as_string(arr, unit="us")).tolist()
        suffix = "+00:00" if self.args.utc else ""
        # NaT: the reference path says why (or, rarely, finds a value)
        return [self.one(t) if bad else (s + suffix, None)
                for t, s, bad in zip(texts, strings, nat)]

    def guess(self, text):
        """--print-format: the line's strptime format, or why there is none."""
        dayfirst, yearfirst = self.kw["dayfirst"], self.kw["yearfirst"]
        fmt = fastdt.guess_format(text, dayfirst=dayfirst, yearfirst=yearfirst)
        if fmt is not None:
            return fmt, None
        try:
            with warnings.catch_warnings():
                # a zone name the parse drops is said below, not as --tzinfo advice
                warnings.simplefilter("ignore", fastdt.UnknownTimezoneWarning)
                fastdt.parse(text, dayfirst=dayfirst, yearfirst=yearfirst)
        except (ValueError, ArithmeticError) as exc:
            return None, _message(exc, text)
        return None, ("no strptime format reads %s as dateutil does (a zone name, a "
                      "two-digit year strptime puts in another century, ...: see "
                      "help(fastdt.guess_format))" % _shown(text))

    def one(self, text):
        """One value on the reference path: fastdt.parse, then the output rules."""
        try:
            value = self._strptime(text) if self.formats else fastdt.parse(text, **self.kw)
            if self.args.utc:
                value = (value.replace(tzinfo=_UTC) if value.tzinfo is None
                         else value.astimezone(_UTC))
        except (ValueError, ArithmeticError) as exc:
            # ArithmeticError: OverflowError, and decimal.InvalidOperation,
            # which dateutil (so fastdt) raises for some runs of digits
            return None, _message(exc, text)
        return self._format(value)

    def _strptime(self, text):
        """--input-format: fastdt.strptime with the first format that reads
        ``text`` (the first format's error if none does), as
        parse_array(format=) reads an element."""
        first = None
        for fmt in self.formats:
            try:
                value = fastdt.strptime(text, fmt)
            except ValueError as exc:
                first = first or exc
                continue
            return value.replace(tzinfo=None) if self.args.ignoretz else value
        raise first

    def _format(self, value):
        try:
            if self.args.format is not None:
                return value.strftime(self.args.format), None
            return value.isoformat(), None
        except (ValueError, OverflowError) as exc:   # e.g. an offset of 24h or more
            return None, str(exc)


def _message(exc, text):
    """What a bad line's report says: dateutil's message with the line shown
    by _shown, and the exception's name where the message alone says nothing
    (decimal's)."""
    args = exc.args
    if len(args) == 2 and args[1] == text and isinstance(args[0], str):
        try:    # ParserError("Unknown string format: %s", text) and the like
            return args[0] % _shown(text)
        except (TypeError, ValueError):
            pass
    message = str(exc)
    if text and message.endswith(text):
        message = message[:-len(text)] + _shown(text)
    if isinstance(exc, (ValueError, OverflowError)):
        return message
    return "%s: %s" % (type(exc).__name__, message)


ECHO_CHARS = 60     # of a bad line, its report shows this many characters
# in a repr, an undecodable byte (surrogateescape) as \xff rather than \udcff
_ESCAPED_BYTE = re.compile(r"(?<!\\)((?:\\\\)*)\\udc([89a-f][0-9a-f])")


def _shown(text):
    """A bad line as its report shows it: its repr (control characters and
    undecodable bytes escaped, so a terminal shows them as text) cut to the
    first ECHO_CHARS characters, then "..." and the length."""
    shown = _ESCAPED_BYTE.sub(r"\1\\x\2", repr(text[:ECHO_CHARS]))
    if len(text) > ECHO_CHARS:
        shown += "... (%s characters)" % format(len(text), ",")
    return shown


# --- input and output --------------------------------------------------------

class _Stop(Exception):
    """--errors=raise met a bad line."""


class _Run:
    def __init__(self, args, out, err, usage_error):
        self.args = args
        self.usage_error = usage_error    # argparse's error(): usage, exit status 2
        self.out = out
        self.err = err
        self.conv = _Converter(args)
        self.bad = 0
        self.lines = 0
        self.what = "line"            # what self.lines counts
        self.started = time.monotonic()
        self.next_progress = self.started + float(
            os.environ.get("FASTDT_PROGRESS_SECONDS", PROGRESS_SECONDS))
        self.progress_shown = False
        self.tty = err.isatty()
        self.warned = set()

    def report(self, where, message):
        self.bad += 1
        self._clear_progress()
        self.err.write("fastdt: %s: %s\n" % (where, message))
        self.err.flush()
        if self.args.errors == "raise":
            raise _Stop()

    def convert(self, texts):
        out, messages = self.conv.chunk(texts)
        for message in messages:
            # once per zone name per run, not once per line
            m = re.search(r"tzname (\S+) identified", message)
            name = m.group(1) if m else message
            if name not in self.warned:
                self.warned.add(name)
                self._clear_progress()
                self.err.write("fastdt: warning: %s\n" % (
                    "time zone name %s not understood: its values are naive; "
                    "pass --tzinfo %s=OFFSET to use it" % (name, name) if m else message))
        return out

    def progress(self):
        now = time.monotonic()
        if not self.tty or now < self.next_progress:
            return
        rate = self.lines / max(now - self.started, 1e-9)
        self.err.write("\rfastdt: %s lines, %s lines/s%s" % (
            format(self.lines, ","), format(int(rate), ","),
            ", %s bad" % format(self.bad, ",") if self.bad else ""))
        self.err.flush()
        self.progress_shown = True
        self.next_progress = now + 1.0

    def _clear_progress(self):
        if self.progress_shown:
            self.err.write("\r\033[K")
            self.progress_shown = False

    def finish(self):
        self._clear_progress()

    def summary(self):
        """The last stderr line of a run that read to the end with bad lines
        (--errors=blank or skip): how many of those read."""
        if self.bad:
            self._clear_progress()
            self.err.write("fastdt: %s of %s %s%s %s\n" % (
                format(self.bad, ","), format(self.lines, ","), self.what,
                "" if self.lines == 1 else "s",
                "had no strptime format" if self.args.print_format else "did not parse"))
            self.err.flush()

    # plain lines, and --keep
    def lines_mode(self, source, what="line"):
        self.what = what
        keep = self.args.keep
        while True:
            chunk = list(itertools.islice(source, self._chunk_size()))
            if not chunk:
                return
            # universal newlines: a line ends in "\n" only
            texts = [line[:-1] if line[-1:] == "\n" else line for line in chunk]
            dates = [t.split("\t", 1)[0] for t in texts] if keep else texts
            pieces = []
            try:
                for k, (text, (value, error)) in enumerate(zip(texts, self.convert(dates))):
                    if error is not None:
                        self.report("%s %d" % (what, self.lines + k + 1), error)
                        if self.args.errors == "skip":
                            continue
                        value = ""
                    pieces.append("%s\t%s\n" % (value, text) if keep else value + "\n")
            finally:
                self.out.write("".join(pieces))
                self.lines += len(chunk)
            self.flush_if_line_buffered()
            self.progress()

    def csv_mode(self, source):
        self.what = "row"
        reader = csv.reader(source)
        writer = csv.writer(self.out, lineterminator="\n")
        header = next(reader, None)
        if header is None:
            return
        try:
            columns = _csv_columns(header, self.args.csv)
        except ValueError as exc:
            self.usage_error("argument --csv: %s" % exc)
        column = columns[0]                  # receives the value
        writer.writerow(header)
        while True:
            rows, where = [], []
            for _ in range(self._chunk_size()):
                first_line = reader.line_num + 1      # where the record starts
                row = next(reader, None)
                if row is None:
                    break
                rows.append(row)
                where.append(first_line)
            if not rows:
                return
            if len(columns) == 1:
                texts = [row[column] if column < len(row) else "" for row in rows]
            else:                            # Date,Time: the cells joined by a space
                texts = [" ".join(row[c] if c < len(row) else "" for c in columns)
                         for row in rows]
            keep_rows = []
            try:
                for row, line_num, (value, error) in zip(rows, where, self.convert(texts)):
                    if error is not None:
                        self.report("line %d" % line_num, error)
                        if self.args.errors == "skip":
                            continue
                        value = ""
                    if column < len(row):
                        row[column] = value
                    keep_rows.append(row)
            finally:
                writer.writerows(keep_rows)
                self.lines += len(rows)
            self.flush_if_line_buffered()
            self.progress()

    def _chunk_size(self):
        # interactive input, and --line-buffered, are answered line by line
        if self.args.line_buffered or getattr(sys.stdin, "isatty", lambda: False)():
            return 1
        return CHUNK_LINES

    def flush_if_line_buffered(self):
        if self.args.line_buffered:
            self.out.flush()


def _csv_columns(header, spec):
    """The 0-based columns --csv names: one name or 1-based number, or several
    joined by commas (Date,Time); ValueError says what is wrong."""
    names = [spec] if spec in header else spec.split(",")
    columns = [_csv_column(header, name) for name in names]
    for c in columns:
        if columns.count(c) > 1:
            raise ValueError("%r names column %r twice" % (spec, header[c]))
    return columns


def _csv_column(header, name):
    for spec in (name, name.strip()):
        if spec in header:
            return header.index(spec)
        if spec.isdigit() and 1 <= int(spec) <= len(header):
            return int(spec) - 1
    shown = ", ".join(_shown(h) for h in header[:20])
    if len(header) > 20:
        shown += ", ... (%d columns)" % len(header)
    raise ValueError("no column %r; the header has %s" % (name, shown))


def _reconfigure(stream, newline):
    # Undecodable bytes travel through as they came (surrogateescape), so a
    # bad byte makes one bad line, not a crash.
    if hasattr(stream, "reconfigure"):
        stream.reconfigure(encoding="utf-8", errors="surrogateescape", newline=newline)
    return stream


def main(argv=None, prog=None):
    """Entry point of ``fastdt`` and ``python -m fastdt``; returns the exit status."""
    if prog is None:
        prog = os.path.basename(sys.argv[0]) or "fastdt"
        if prog in ("__main__.py", "-m", "-c"):
            prog = "python -m fastdt"
    argparser = _build_argparser(prog)
    args = argparser.parse_args(argv)
    if args.print_format:
        others = [flag for flag, on in (
            ("--fuzzy", args.fuzzy), ("--ignoretz", args.ignoretz), ("--tzinfo", args.tzinfo),
            ("--utc", args.utc), ("--format", args.format is not None),
            ("--default", args.default is not None)) if on]
        if others:
            argparser.error("--print-format gives the strptime format of what "
                            "dateutil.parser.parse(line, dayfirst=..., yearfirst=...) "
                            "reads; a format cannot also take %s" % ", ".join(others))
    if args.input_format:
        others = [flag for flag, on in (
            ("--dayfirst", args.dayfirst), ("--yearfirst", args.yearfirst),
            ("--fuzzy", args.fuzzy), ("--tzinfo", args.tzinfo),
            ("--default", args.default is not None), ("--print-format", args.print_format))
            if on]
        if others:
            argparser.error("--input-format reads lines with strptime, which takes no %s: "
                            "the format says the order of the fields and %%z the offset"
                            % ", ".join(others))
    if args.csv is not None and (args.dates or args.keep):
        argparser.error("--csv reads a CSV from stdin; it takes no DATE "
                        "arguments and no --keep")
    out = _reconfigure(sys.stdout, "\n")
    run = _Run(args, out, sys.stderr, argparser.error)
    try:
        try:
            if args.dates:
                run.lines_mode(iter(args.dates), what="argument")
            else:
                newline = "" if args.csv is not None else None
                source = _reconfigure(sys.stdin, newline)
                if args.csv is not None:
                    run.csv_mode(source)
                else:
                    run.lines_mode(source)
        except _Stop:
            pass                      # its report was the last word
        else:
            out.flush()
            run.summary()
        finally:
            run.finish()
            out.flush()
    except BrokenPipeError:
        # The reader went away (| head): stop quietly.  Point stdout at
        # devnull so the interpreter's final flush does not complain.
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return 141   # what a shell reports for a writer killed by SIGPIPE
    except KeyboardInterrupt:
        return 130
    return 1 if run.bad else 0


if __name__ == "__main__":
    sys.exit(main(prog="python -m fastdt"))
