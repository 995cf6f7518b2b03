"""Coverage-guided fuzzing of fastdt's compiled core: libFuzzer, through atheris.

``bash scripts/sanitize.sh --libfuzzer`` builds the extension modules with
clang's ``-fsanitize=fuzzer-no-link,address,undefined`` (``FASTDT_SANITIZE=fuzzer``
in setup.py), preloads atheris' ``asan_with_fuzzer.so`` and runs this module
in that build; see fuzz/README.md for runs of hours.  By hand, in such a build::

    python -m fuzz.fuzz_native [libFuzzer flags] [CORPUS_DIR ...]
    python -m fuzz.fuzz_native --make-corpus fuzz/corpus     # rewrite the seeds

libFuzzer steers by the edges of fastdt's generated C (the Python code,
fastdt's and dateutil's, is not instrumented: ``cov:`` counts C edges only).

An input is one selector byte and a text.  ``TARGETS[byte % len(TARGETS)]``
is the entry point and its options; with bit 7 of the byte set, the entry
points that take bytes get the text's bytes as they are.  The text is the
rest, read as UTF-8 (undecodable bytes become lone surrogates, which str
inputs must survive too); the column targets take its lines as the column.

Every answer is judged by tests/oracle.py, as the test suite judges it:

* ``parse`` under each of fuzz/_harness.py's option sets, and with
  ``required=``: the same outcome as dateutil (value, tzinfo, exception type
  and message, warnings); ``required=`` refuses exactly the strings whose
  dateutil ``_parse`` record lacks a named field;
* ``isoparse`` and ``isoparser``'s methods: dateutil's outcome;
* ``parse_fields``: dateutil's ``_parse`` record field by field;
* ``guess_format``: no warning escapes, and a format it gives reads the
  string as dateutil does (``oracle.format_judge``);
* ``parse_array`` on short columns, and on columns of one format with
  planted outliers (what the format fast path, fastdt/_template.pyx, learns
  and matches): element by element dateutil's value or NaT, and the same
  answer with the fast path off; as a list of str or bytes, a numpy ``U`` or
  ``S`` array or an Arrow ``string``, ``large_string`` or ``string_view``
  array (each read from its own memory layout), on one thread or two.

A difference raises AssertionError, which atheris reports as a crash:
libFuzzer saves the input (``crash-<sha1>`` under ``-artifact_prefix``) and
exits non-zero, as it does on an ASan or UBSan report.
"""
import json
import os
import random
import re
import sys
import warnings
import zlib

if __package__ in (None, ""):
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    __package__ = "fuzz"

import dateutil.parser

import fastdt
from fastdt import _array
from tests import oracle    # the repository root is on sys.path (python -m)

from . import _gen, _harness

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
NAT = -(1 << 63)          # numpy's datetime64 NaT as int64


def _fail(what, inp, detail):
    raise AssertionError("fastdt differs from dateutil: %s on %r [TZ=%s]\n%s" % (
        what, inp, os.environ.get("TZ", ""), detail))


# --- parse -------------------------------------------------------------------

def _parse(name):
    def run(text, raw):
        inp = text if raw is None else raw
        diff = _harness.compare(name, inp)
        if diff is not None:
            _fail("parse [%s]" % name, inp, json.dumps(diff, indent=1))
    return run


def _missing(record, required):
    """The ``required`` names a dateutil ``_parse`` record lacks, in the
    record's order; () when it has no field at all (then ``parse`` says
    "String does not contain a date", ``parse_fields`` gives the record)."""
    given = {n for n, v in zip(oracle.FIELDS, record) if v[1] is not None}
    return tuple(n for n in oracle.FIELDS if n in required and n not in given)


def _check_missing(what, inp, fast, names):
    err = fast.raw
    if not (isinstance(err, fastdt.MissingFieldsError)
            and isinstance(err, dateutil.parser.ParserError) and err.missing == names):
        _fail(what, inp, "expected MissingFieldsError for %s, got %s" % (names, fast.short()))


def _parse_required(required, kw):
    grammar_kw = {k: v for k, v in kw.items()
                  if k in ("dayfirst", "yearfirst", "fuzzy", "fuzzy_with_tokens")}

    def fast_parse(s, **k):
        return fastdt.parse(s, required=required, **k)

    def run(text, raw):
        inp = text if raw is None else raw
        what = "parse(required=%r)" % (required,)
        want = oracle.fields_expected(inp, **grammar_kw)
        names = _missing(want[1], required) if want[0] == "fields" else ()
        if names and len(_missing(want[1], oracle.FIELDS)) < len(oracle.FIELDS):
            _check_missing(what, inp, oracle.outcome(fast_parse, inp, **kw), names)
        else:       # a string with every named field, or none at all: parse's answer
            oracle.check(fast_parse, oracle.DU_PARSE, (inp,), kw, what=what)
    return run


# --- isoparse ------------------------------------------------------------------

def _iso(method, sep=None):
    def run(text, raw):
        inp = text if raw is None else raw
        oracle.check(getattr(fastdt.isoparser(sep), method),
                     getattr(oracle.DU_ISOPARSER(sep), method), (inp,),
                     what="isoparser(%r).%s" % (sep, method))
    return run


# --- parse_fields ------------------------------------------------------------

def _fields(info=None, required=None, **kw):
    def run(text, raw):
        inp = text if raw is None else raw
        want = oracle.fields_expected(inp, info, **kw)
        fn_kw = dict(kw, parserinfo=info)
        what = "parse_fields(%r, %r)" % (info, kw)
        if required is not None:
            fn_kw["required"] = required
            what = "parse_fields(required=%r, %r)" % (required, kw)
            names = _missing(want[1], required) if want[0] == "fields" else ()
            if names:
                _check_missing(what, inp, oracle.outcome(fastdt.parse_fields, inp, **fn_kw),
                               names)
                return
        got = oracle.fields_actual(fastdt.parse_fields, inp, **fn_kw)
        if got != want:
            _fail(what, inp, "  dateutil %r\n  fastdt   %r" % (want, got))
    return run


# --- guess_format --------------------------------------------------------------

def _guess(**kw):
    def run(text, raw):
        with warnings.catch_warnings():
            warnings.simplefilter("error")      # no warning may escape
            fmt = fastdt.guess_format(text, **kw)
        if fmt is not None:
            why = oracle.format_judge(text, fmt, oracle.dateutil_reading(text, **kw))
            if why is not None:
                _fail("guess_format(%r) = %r" % (kw, fmt), text, why)
    return run


# --- parse_array ---------------------------------------------------------------

def _as_column(values, choice):
    """``values`` as the column kind ``choice`` picks (each kind has its own
    reader in fastdt/_columns.pyx), and the values that column holds (numpy
    drops trailing NULs); a list where the kind cannot hold them."""
    import numpy as np
    import pyarrow as pa
    kind = choice % 7
    try:
        if kind == 1:
            column = np.array(values, dtype=str)
            return column, column.tolist()
        if kind == 2:
            column = np.array([v.encode("utf-8") for v in values], dtype=bytes)
            return column, column.tolist()
        if 3 <= kind <= 5:
            column = pa.array(values, type=(pa.string(), pa.large_string(),
                                            pa.string_view())[kind - 3])
            return column, values
        if kind == 6:
            column = [v.encode("utf-8") for v in values]
            return column, column
    except (UnicodeEncodeError, pa.ArrowException):    # lone surrogates
        pass
    return list(values), values


def _column_outcome(values, templates, errors, kw):
    saved = _array._FORMAT_TEMPLATES
    _array._FORMAT_TEMPLATES = templates
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")   # one UnknownTimezoneWarning per call
            result, counts = _array.parse_array_counted(values, errors=errors, **kw)
    except Exception as e:  # noqa: BLE001 -- compared, not hidden
        return ("raises", type(e).__name__, str(e)), 0
    finally:
        _array._FORMAT_TEMPLATES = saved
    import numpy as np
    import pyarrow as pa
    if isinstance(result, pa.Array):
        result = result.cast(pa.int64()).fill_null(NAT).to_numpy()
    return [int(x) for x in np.asarray(result).view("int64")], counts["template"]


def _check_column(values, kw, choice):
    """``choice`` (from the input's hash) picks the column kind and, for
    half the inputs, two threads (each a share of the column, no GIL)."""
    column, values = _as_column(values, choice)
    kw = dict(kw, threads=1 + (choice >> 3) % 2)
    what = "parse_array(%s, %r)" % (type(column).__name__, kw)
    unit = kw.get("unit", "us")
    parse_kw = {k: v for k, v in kw.items() if k not in ("unit", "utc", "threads")}
    ref = oracle.datetime64_reference(values, unit=unit, utc=kw.get("utc", False), **parse_kw)
    on, _ = _column_outcome(column, True, "coerce", kw)
    off, _ = _column_outcome(column, False, "coerce", kw)
    if isinstance(on, tuple) or isinstance(off, tuple):      # errors="coerce" raised
        _fail(what, values, "fast path %r\ngrammar %r" % (on, off))
    if on != ref or off != ref:
        for i, (a, b, r) in enumerate(zip(on, off, ref)):
            if a != r or b != r:
                _fail(what, values, "position %d, %r: fast path %s, grammar %s, dateutil %s"
                      % (i, values[i], a, b, r))
        _fail(what, values, "fast path %r\ngrammar %r\ndateutil %r" % (on, off, ref))
    raised_on, _ = _column_outcome(column, True, "raise", kw)
    raised_off, _ = _column_outcome(column, False, "raise", kw)
    if raised_on != raised_off:
        _fail(what + " errors='raise'", values, "fast path %r\ngrammar %r"
              % (raised_on, raised_off))
    fails = NAT in ref
    if (raised_on[0] == "raises") != fails:
        _fail(what + " errors='raise'", values, "raised %r; dateutil's NaTs: %s"
              % (raised_on, fails))


MAX_COLUMN = 32


def _choice(text):
    return zlib.crc32(text.encode("utf-8", "surrogatepass"))


def _array_target(**kw):
    def run(text, raw):
        _check_column(text.split("\n")[:MAX_COLUMN], kw, _choice(text))
    return run


def _format_column(text):
    """The first line and copies of it with some digits changed (values that
    may cross a class boundary the learned format fixes: day 13 after 12,
    hour 24), the other lines planted among them as outliers."""
    lines = text.split("\n")
    sample, outliers = lines[0], lines[1:9]
    rng = random.Random(_choice(text))
    column = [sample]
    for _ in range(rng.randint(12, 40)):
        column.append(re.sub("[0-9]", lambda m: (rng.choice("0123456789") if rng.random() < 0.25
                                                 else m.group()), sample))
    for outlier in outliers:
        column.insert(rng.randint(1, len(column)), outlier)
    return column


def _format_target(**kw):
    def run(text, raw):
        _check_column(_format_column(text), kw, _choice(text) >> 8)
    return run


# --- the targets ---------------------------------------------------------------

# tzinfos whose values the C loop resolves itself (fixed offsets) and one it
# hands to Parser.parse (a tz string)
_TZINFOS = _harness.TZINFOS_DICT
_REQUIRED = (("year", "month", "day"), ("hour", "minute"), ("tzoffset",), ("weekday", "second"))

# (name, kind, run): kind "text" targets take str only; "any" ones bytes too.
# The order is the corpus' encoding (fuzz/corpus/ names each file's target):
# add new targets at the end, or rewrite the seeds with --make-corpus.
TARGETS = (
    [("parse/" + name, "any", _parse(name)) for name in _harness.OPTION_SETS]
    + [("parse/required=%s" % ",".join(r), "any", _parse_required(r, kw))
       for r, kw in zip(_REQUIRED, ({}, {"fuzzy": True}, {"dayfirst": True},
                                     {"fuzzy_with_tokens": True}))]
    + [("isoparse", "any", _iso("isoparse")),
       ("isoparser(sep=' ').isoparse", "any", _iso("isoparse", " ")),
       ("isoparser.parse_isodate", "any", _iso("parse_isodate")),
       ("isoparser.parse_isotime", "any", _iso("parse_isotime")),
       ("isoparser.parse_tzstr", "any", _iso("parse_tzstr"))]
    + [("parse_fields/" + label, "any", _fields(**kw)) for label, kw in (
        ("plain", {}), ("dayfirst", {"dayfirst": True}), ("yearfirst", {"yearfirst": True}),
        ("fuzzy", {"fuzzy": True}), ("German", {"info": oracle.GermanInfo()}),
        ("required", {"required": ("year", "month", "day", "hour")}))]
    + [("guess_format/" + label, "text", _guess(**kw)) for label, kw in (
        ("plain", {}), ("dayfirst", {"dayfirst": True}), ("yearfirst", {"yearfirst": True}))]
    + [(prefix + label, "text", make(**kw))
       for prefix, make in (("parse_array/", _array_target), ("format_column/", _format_target))
       for label, kw in (
           ("utc", {"utc": True}),
           ("dayfirst,ms", {"utc": True, "dayfirst": True, "unit": "ms"}),
           ("ignoretz,s", {"ignoretz": True, "unit": "s"}),
           ("fuzzy,tzinfos", {"utc": True, "fuzzy": True, "tzinfos": _TZINFOS}),
           ("default,yearfirst", {"utc": True, "default": _harness.DEFAULT_NAIVE,
                                  "yearfirst": True}),
           ("German", {"utc": True, "parserinfo": _harness.GERMAN}))]
)


def test_one(data):
    if not data:
        return
    name, kind, run = TARGETS[(data[0] & 0x7F) % len(TARGETS)]
    body = data[1:]
    raw = body if data[0] & 0x80 and kind == "any" else None
    run(body.decode("utf-8", "surrogateescape"), raw)


# --- the seed corpus -----------------------------------------------------------

# Timestamp shapes of real logs (beside bench/corpora's), one of each
LOG_STAMPS = [
    "[Wed Oct 11 14:32:52.123456 2000] [core:error]", "10/Oct/2000:13:55:36 -0700",
    "2023-01-15 10:20:30,123 INFO app: started", "1/15/2023 10:20:30 AM",
    "2023-01-15T10:20:30.123456789Z", "Jan 15 10:20:30 host sshd[4321]:",
    "Mon 2023-01-15 10:20:30 UTC", "2023/01/15 10:20:30", "15-Jan-2023 10:20:30.123",
    "2023-01-15 10:20:30.123456+05:30", "20230115T102030Z", "Sun, 15 Jan 2023 10:20:30 GMT",
    "Sunday, 15-Jan-23 10:20:30 GMT", "Sun Jan 15 10:20:30 2023", "15.01.2023 10:20",
    "2023-01-15 10:20:30 -0500 EST", "I0115 10:20:30.123456   1234 main.go:42]",
    "2023-01-15 10:20:30.123 +0000 [thread-1]", "Jan 15, 2023 10:20:30 AM PST",
    "15/01/2023 10:20:30", "2023-W03-7T10:20", "2023-015", "10:20:30.123-08:00",
    "+05:30", "Z", "2023-01-15T24:00:00", "T10:20",
]


def _corpus_lines():
    paths = sorted(os.listdir(os.path.join(ROOT, "bench", "corpora")))
    out = []
    for name in paths:
        with open(os.path.join(ROOT, "bench", "corpora", name), encoding="utf-8") as f:
            lines = [ln for ln in f.read().splitlines() if ln and not ln.startswith("#")]
        out.append(lines)
    return out


def make_corpus(outdir, per_text_target=7, per_column_target=3):
    """Write the seed corpus: for each target a few inputs (its selector byte,
    then the text) from _gen.SEEDS, LOG_STAMPS and bench/corpora."""
    rng = random.Random(20030925)
    corpora = _corpus_lines()
    strings = list(_gen.SEEDS) + LOG_STAMPS + [rng.choice(c) for c in corpora for _ in range(8)]
    iso = [s for s in strings if re.match(r"[0-9T+Z-]", s)]
    rng.shuffle(strings)
    rng.shuffle(iso)
    os.makedirs(outdir, exist_ok=True)
    for old in os.listdir(outdir):
        os.unlink(os.path.join(outdir, old))
    used = {"text": 0, "iso": 0}
    for k, (name, kind, _) in enumerate(TARGETS):
        label = re.sub(r"[^A-Za-z0-9_=,.-]+", "_", name)
        if name.startswith(("parse_array/", "format_column/")):
            texts = []
            for j in range(per_column_target):
                lines = rng.choice(corpora)
                start = rng.randrange(len(lines) - 20)
                texts.append("\n".join(lines[start:start + rng.randint(3, 20)]))
        else:
            pool, key = (iso, "iso") if name.startswith("isoparse") else (strings, "text")
            texts = [pool[(used[key] + j) % len(pool)] for j in range(per_text_target)]
            used[key] += per_text_target
        for j, text in enumerate(texts):
            with open(os.path.join(outdir, "%02d-%s-%d" % (k, label, j)), "wb") as f:
                f.write(bytes([k]) + text.encode("utf-8", "surrogatepass"))


def _dictionary(path):
    """A libFuzzer dictionary of the words and pieces dates are made of."""
    words = set(_gen.MONTHS + _gen.WEEKDAYS + _gen.TZNAMES + _gen.OFFSETS + _gen.AMPM
                + _gen.HMS_WORDS + _gen.WORDS + [j for j in _gen.JOINERS if j.strip()])
    with open(path, "w", encoding="utf-8") as f:
        for w in sorted(words):
            f.write('"%s"\n' % "".join(chr(b) if 0x20 <= b < 0x7F and b not in b'"\\'
                                       else "\\x%02x" % b for b in w.encode("utf-8")))


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--make-corpus"]:
        make_corpus(argv[1] if len(argv) > 1 else os.path.join(HERE, "corpus"))
        return 0
    import atheris
    flags = [a for a in argv if a.startswith("-")]
    if not any(a.startswith("-dict=") for a in flags):
        path = os.path.join(os.environ.get("TMPDIR", "/tmp"), "fastdt-fuzz-%d.dict" % os.getpid())
        _dictionary(path)
        argv = argv + ["-dict=" + path]
    if not any(a.startswith("-max_len=") for a in flags):
        argv = argv + ["-max_len=4096"]
    atheris.Setup([sys.argv[0]] + argv, test_one)
    atheris.Fuzz()


if __name__ == "__main__":
    sys.exit(main())
