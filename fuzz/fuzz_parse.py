"""Differential fuzzer: fastdt.parse against dateutil.parser.parse.

Run from the repository root (after ``python setup.py build_ext --inplace``)::

    python -m fuzz.fuzz_parse --seconds 300                 # random engine
    python -m fuzz.fuzz_parse --seconds 300 --engine hypothesis
    python -m fuzz.fuzz_parse --seconds 300 --engine atheris  # pip install atheris
    python fuzz/fuzz_parse.py --replay fuzz/findings          # re-check saved findings

Every input (grammar-built date strings, mutated real date strings, arbitrary
text; as str, bytes, bytearray or a text stream) is parsed by both libraries
under every option set in ``fuzz/_harness.py`` (dayfirst, yearfirst, fuzzy,
fuzzy_with_tokens, ignoretz, default, tzinfos dict and callable, custom
parserinfo parsers).  Outcomes must agree: value repr, tzinfo type,
utcoffset, exception type, fuzzy tokens ("hard"); exception message and
warning categories are compared too and reported as "soft" mismatches.
Mismatches are minimised and saved as JSON under ``fuzz/findings/`` (or
``--findings DIR``).  Exit status: 1 if any hard mismatch (or any mismatch
with ``--strict``), else 0.
"""
import argparse
import faulthandler
import glob
import json
import os
import random
import sys
import time

if __package__ in (None, ""):
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    __package__ = "fuzz"

HERE = os.path.dirname(os.path.abspath(__file__))


def _parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--seconds", type=float, default=60.0, help="time budget (default 60)")
    p.add_argument("--engine", choices=["random", "hypothesis", "atheris"], default="random")
    p.add_argument("--seed", type=int, default=None, help="random engine seed")
    p.add_argument("--max-inputs", type=int, default=0, help="stop after N inputs (0: no cap)")
    p.add_argument("--findings", default=os.path.join(HERE, "findings"),
                   help="where minimised mismatches are saved")
    p.add_argument("--options", default="", help="comma-separated option-set names "
                   "(default: all)")
    p.add_argument("--per-class", type=int, default=25,
                   help="distinct examples kept per mismatch class")
    p.add_argument("--strict", action="store_true",
                   help="soft mismatches (message, warnings) also fail")
    p.add_argument("--replay", metavar="PATH", help="re-check saved findings (a file or "
                   "directory) instead of fuzzing")
    p.add_argument("--quiet", action="store_true")
    return p.parse_known_args(argv)


class Runner:
    def __init__(self, args):
        from . import _harness
        self.h = _harness
        names = [n for n in args.options.split(",") if n] or list(_harness.OPTION_SETS)
        for n in names:
            if n not in _harness.OPTION_SETS:
                raise SystemExit("unknown option set %r; known: %s"
                                 % (n, ", ".join(_harness.OPTION_SETS)))
        self.names = names
        self.findings = _harness.Findings(args.findings, per_class=args.per_class)
        self.inputs = 0
        self.calls = 0
        self.start = time.monotonic()
        self.quiet = args.quiet
        self.last_report = self.start
        # the input under test, for post-mortem after a crash or hang; one left
        # behind by an earlier run that died is kept as a crash finding
        cur = os.path.join(args.findings, ".current-input")
        if os.path.exists(cur) and os.path.getsize(cur):
            n = len(glob.glob(os.path.join(args.findings, "crash_*.txt")))
            crash = os.path.join(args.findings, "crash_%03d.txt" % n)
            os.replace(cur, crash)
            print("an earlier run died (crash or hang) on the input saved in %s" % crash,
                  flush=True)
        self._cur = os.open(cur, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)

    def run_one(self, inp):
        rec = repr(inp).encode("utf-8", "backslashreplace")[:100000]
        os.pwrite(self._cur, rec + b"\n", 0)
        os.ftruncate(self._cur, len(rec) + 1)
        self.inputs += 1
        for name in self.names:
            self.calls += 1
            diff = self.h.compare(name, inp)
            if diff is not None:
                new = self.h.class_key(diff) not in self.findings.classes
                self.findings.add(name, inp, diff)
                if new and not self.quiet:
                    print("NEW mismatch class: %s  [%s] %r" % (
                        self.h.class_key(diff), name, inp), flush=True)
        now = time.monotonic()
        if not self.quiet and now - self.last_report > 30:
            self.last_report = now
            print("... %d inputs, %d parses, %d mismatches, %.0fs" % (
                self.inputs, self.calls, self.findings.total, now - self.start), flush=True)

    def summary(self, engine):
        el = time.monotonic() - self.start
        hard = sum(c["count"] for k, c in self.findings.classes.items()
                   if k.startswith("hard"))
        lines = [
            "=" * 72,
            "fastdt fuzz summary (engine=%s, TZ=%s)" % (engine, os.environ.get("TZ", "")),
            "inputs run: %d   parse comparisons: %d   time: %.0fs   (%.0f inputs/s)" % (
                self.inputs, self.calls, el, self.inputs / max(el, 1e-9)),
            "option sets: %d   mismatches: %d (hard %d)   classes: %d" % (
                len(self.names), self.findings.total, hard, len(self.findings.classes)),
        ]
        for problem in self.h.SETUP_PROBLEMS:
            lines.append("SETUP MISMATCH: " + problem)
        hard += len(self.h.SETUP_PROBLEMS)
        if self.findings.classes:
            lines.append("mismatch classes (count, class, minimised examples):")
            lines.append(self.findings.summary())
            lines.append("saved to %s" % self.findings.outdir)
        lines.append("=" * 72)
        return "\n".join(lines), hard


def _finish(runner, args, engine):
    text, hard = runner.summary(engine)
    print(text, flush=True)
    os.close(runner._cur)
    try:
        os.unlink(os.path.join(args.findings, ".current-input"))
    except OSError:
        pass
    failed = hard or (args.strict and runner.findings.total)
    return 1 if failed else 0


def _done(runner, args):
    if args.max_inputs and runner.inputs >= args.max_inputs:
        return True
    return time.monotonic() - runner.start >= args.seconds


def run_random(args):
    from ._gen import RandomChooser, gen_text, wrap
    runner = Runner(args)
    seed = args.seed if args.seed is not None else random.randrange(2 ** 32)
    print("random engine, seed %d" % seed, flush=True)
    ch = RandomChooser(random.Random(seed))
    while not _done(runner, args):
        runner.run_one(wrap(ch, gen_text(ch)))
    return _finish(runner, args, "random seed=%d" % seed)


def run_hypothesis(args):
    from hypothesis import given, settings, HealthCheck, Phase, strategies as st
    from ._gen import HypothesisChooser, gen_text, wrap
    runner = Runner(args)

    @settings(max_examples=200, deadline=None, database=None,
              phases=[Phase.generate], suppress_health_check=list(HealthCheck))
    @given(st.data())
    def one(data):
        ch = HypothesisChooser(data)
        runner.run_one(wrap(ch, gen_text(ch)))

    while not _done(runner, args):
        one()
    return _finish(runner, args, "hypothesis")


def run_atheris(args, rest):
    import atheris
    from . import _harness                     # noqa: F401  (import before instrumenting)
    from ._gen import AtherisChooser, gen_text, wrap
    import dateutil.parser._parser
    atheris.instrument_func(dateutil.parser._parser.parser._parse)
    atheris.instrument_func(dateutil.parser._parser._timelex.get_token)
    atheris.instrument_func(dateutil.parser._parser._ymd.resolve_ymd)
    runner = Runner(args)

    def test_one(data):
        if _done(runner, args):
            sys.exit(_finish(runner, args, "atheris"))   # see the os._exit below
        fdp = atheris.FuzzedDataProvider(data)
        ch = AtherisChooser(fdp)
        runner.run_one(wrap(ch, gen_text(ch)))

    def wrapped(data):
        try:
            test_one(data)
        except SystemExit as e:
            sys.stdout.flush()
            os._exit(e.code or 0)

    # longer inputs than libFuzzer's slow default ramp; more output lines
    # only with --verbose libFuzzer flags the caller passes
    if not any(a.startswith("-max_len=") for a in rest):
        rest = rest + ["-max_len=1024", "-len_control=0"]
    if args.quiet and not any(a.startswith("-print_") for a in rest):
        rest = rest + ["-print_final_stats=0"]
    atheris.Setup([sys.argv[0]] + rest, wrapped)
    atheris.Fuzz()


def replay(args):
    from . import _harness
    paths = ([args.replay] if os.path.isfile(args.replay)
             else sorted(glob.glob(os.path.join(args.replay, "*.json"))))
    import ast
    import io
    still = 0
    for path in paths:
        with open(path) as f:
            finding = json.load(f)
        s = ast.literal_eval(finding["input"])
        t = finding.get("input_type", "str")
        inp = (s.encode("utf-8", "surrogateescape") if t == "bytes" else
               bytearray(s.encode("utf-8", "surrogateescape")) if t == "bytearray" else
               io.StringIO(s) if t == "StringIO" else s)
        diff = _harness.compare(finding["options"], inp)
        status = "FIXED" if diff is None else "STILL " + _harness.class_key(diff)
        still += diff is not None
        print("%-60s %s" % (os.path.basename(path), status))
    print("%d of %d findings still mismatch" % (still, len(paths)))
    return 1 if still else 0


def main(argv=None):
    args, rest = _parse_args(sys.argv[1:] if argv is None else argv)
    faulthandler.enable()
    if args.replay:
        return replay(args)
    if rest and args.engine != "atheris":
        raise SystemExit("unknown arguments: %s" % " ".join(rest))
    if args.engine == "random":
        return run_random(args)
    if args.engine == "hypothesis":
        return run_hypothesis(args)
    return run_atheris(args, rest)


if __name__ == "__main__":
    sys.exit(main())
