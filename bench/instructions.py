"""Instructions per call under callgrind: repeatable where wall time is not.

``python -m bench.instructions [--corpus NAME[,NAME]] [--corpus-dir DIR]
[--peers fastdt,try_parse,ciso8601,dateutil] [--calls N]`` runs each parser over a corpus in a
child process under ``valgrind --tool=callgrind``, twice (N/10 and N calls),
and reports the difference divided by the extra calls: the instructions of
one call including the Python loop that makes it, with start-up and imports
cancelled out.  Needs valgrind.  On a shared machine this is the number to
compare while tuning; the interleaved wall-clock ratios of ``python -m
bench`` are the ones to report.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

if __package__ in (None, ""):  # run as a script: make ``bench`` importable
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.corpora import CORPUS_DIR, load_corpora  # noqa: E402

# The child: parse ``calls`` strings (the corpus, cycled) in a function loop,
# so the call site is what a program's is (warnings look at the caller).
_CHILD = """\
import sys, warnings
warnings.simplefilter("ignore")
peer, path, calls = sys.argv[1], sys.argv[2], int(sys.argv[3])
options = {options!r}
if peer == "fastdt":
    from fastdt import parse as f
elif peer == "try_parse":
    from fastdt import try_parse as f
elif peer == "ciso8601":
    from ciso8601 import parse_datetime as f
elif peer == "dateutil":
    from dateutil.parser import parse as f
with open(path, encoding="utf-8") as fh:
    strings = [line.rstrip("\\n") for line in fh]
strings = (strings * (calls // len(strings) + 1))[:calls]
# a string the parser rejects is caught, as a type sniffer does (a try
# block costs nothing until something is raised)
def loop(items, f=f, options=options):
    if options:
        for s in items:
            try:
                f(s, **options)
            except (ValueError, OverflowError):
                pass
    else:
        for s in items:
            try:
                f(s)
            except (ValueError, OverflowError):
                pass
loop(strings)
"""
_COLLECTED = re.compile(r"Collected\s*:\s*(\d+)")


def _instructions(child, peer, path, calls):
    # the child imports what ``python -c "import fastdt"`` here would
    path_entries = [os.getcwd()] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    env = {**os.environ, "PYTHONHASHSEED": "0", "PYTHONDONTWRITEBYTECODE": "1",
           "PYTHONPATH": os.pathsep.join(path_entries)}
    proc = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
         sys.executable, child, peer, path, str(calls)],
        capture_output=True, text=True, env=env)
    match = _COLLECTED.search(proc.stderr)
    if proc.returncode != 0 or not match:
        raise RuntimeError(f"{peer}: callgrind run failed:\n{proc.stderr[-1500:]}")
    return int(match.group(1))


def per_call(peer, corpus, calls):
    """Instructions of one call of ``peer`` on ``corpus``'s strings."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "strings.txt")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write("\n".join(corpus.strings) + "\n")
        child = os.path.join(tmp, "child.py")
        with open(child, "w", encoding="utf-8") as fh:
            fh.write(_CHILD.format(options=corpus.options))
        small = _instructions(child, peer, path, calls // 10)
        large = _instructions(child, peer, path, calls)
    return (large - small) / (calls - calls // 10)


def main(argv=None):
    ap = argparse.ArgumentParser(prog="python -m bench.instructions",
                                 description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", action="append", default=[])
    ap.add_argument("--corpus-dir", default=CORPUS_DIR)
    ap.add_argument("--peers", default="fastdt,ciso8601")
    ap.add_argument("--calls", type=int, default=10_000)
    args = ap.parse_args(argv)
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed")
    names = [n for value in args.corpus for n in value.split(",") if n] or ["iso8601", "mixed"]
    peers = [p for p in args.peers.split(",") if p]
    print("| corpus | " + " | ".join(peers) + " |")
    print("|---|" + "---:|" * len(peers))
    for corpus in load_corpora(names, args.corpus_dir):
        cells = []
        for peer in peers:
            if peer == "ciso8601" and corpus.options:
                cells.append("—")
                continue
            try:
                cells.append(f"{per_call(peer, corpus, args.calls):,.0f}")
            except RuntimeError:   # e.g. ciso8601 raises on a non-ISO string
                print(f"note: {peer} failed on {corpus.name} (a string it rejects?)",
                      file=sys.stderr)
                cells.append("—")
        print(f"| {corpus.name} | " + " | ".join(cells) + " |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
