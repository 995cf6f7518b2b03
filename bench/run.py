"""``python -m bench`` / ``python bench/run.py``: fastdt against every peer.

Options:
  --quick                       small rounds and corpora, a smoke test (< 60 s)
  --corpus NAME[,NAME]          only these corpora (repeatable)
  --corpus-dir DIR              corpora from DIR (bench/corpora); the held-back
                                set: bench/corpora_heldback (make_corpora --held-back)
  --peers KEY[,KEY]             only these peers (dateutil and fastdt always run)
  --dateutil-rs-venv PATH       also time python-dateutil-rs from that venv
  --setup-dateutil-rs-venv PATH create such a venv and exit
  --no-memory / --no-scaling    skip the memray pass / the length scaling
  --no-columns                  skip the parse_array section (bench/columns.py)
  --no-strptime                 skip the fastdt.strptime section (bench/strptime.py)
  --rounds N                    interleaved rounds (default 9, quick 3)
  --out DIR                     where latest.md/.json/.png go (bench/results)
"""
import argparse
import os
import sys
import time
import warnings

if __package__ in (None, ""):  # run as a script: make ``bench`` importable
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench import dateutil_rs, report  # noqa: E402
from bench.compare import Settings, measure_corpus  # noqa: E402
from bench.corpora import CORPUS_DIR, REJECTS, load_corpora  # noqa: E402
from bench.environment import describe  # noqa: E402
from bench.peers import FASTDT_KEY, REFERENCE_KEY, fastdt_binding, select_peers  # noqa: E402
from bench.scaling import SIZES_FULL, SIZES_QUICK, measure_scaling  # noqa: E402


def parse_args(argv):
    ap = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--corpus", action="append", default=[])
    ap.add_argument("--corpus-dir", default=CORPUS_DIR)
    ap.add_argument("--peers", default="")
    ap.add_argument("--dateutil-rs-venv", metavar="PATH")
    ap.add_argument("--setup-dateutil-rs-venv", metavar="PATH")
    ap.add_argument("--no-memory", action="store_true")
    ap.add_argument("--no-columns", action="store_true",
                    help="skip the parse_array (columns) section")
    ap.add_argument("--no-strptime", action="store_true",
                    help="skip the fastdt.strptime section")
    ap.add_argument("--no-scaling", action="store_true")
    ap.add_argument("--rounds", type=int)
    ap.add_argument("--out", default=report.RESULTS_DIR)
    return ap.parse_args(argv)


def _split(values):
    return [v for value in values for v in value.split(",") if v]


def load_peers(peers, rs_venv, log):
    """{key: callable} for the importable peers, {key: why} for the rest."""
    loaded, skipped = {}, {}
    for peer in peers:
        if peer.external:
            if not rs_venv:
                skipped[peer.key] = "needs --dateutil-rs-venv PATH"
            continue
        try:
            loaded[peer.key] = peer.load()
        except ImportError as exc:
            skipped[peer.key] = f"not available: {exc}"
    for key, why in skipped.items():
        log(f"note: skipping {key}: {why}")
    return loaded, skipped


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.setup_dateutil_rs_venv:
        return dateutil_rs.setup_venv(args.setup_dateutil_rs_venv)
    # Warnings (dateutil's unknown-zone, pandas' dayfirst hints) are not
    # what is being measured; printing them would be.
    warnings.simplefilter("ignore")
    started = time.perf_counter()
    log = print

    binding = fastdt_binding()
    if binding.standin:
        log("!" * 78)
        log("!! fastdt STAND-IN: timing dateutil.parser under the name fastdt")
        log(f"!! ({binding.reason})")
        log("!" * 78)

    settings = Settings(args.quick, args.rounds, memory_enabled=not args.no_memory)
    corpora = load_corpora(_split(args.corpus) or None, args.corpus_dir)
    if settings.corpus_limit:
        for corpus in corpora:
            corpus.strings = corpus.strings[: settings.corpus_limit]
    peers = select_peers(_split([args.peers]) or None)
    loaded, skipped = load_peers(peers, args.dateutil_rs_venv, log)
    if not settings.memory and not args.no_memory:
        log("note: memray is not installed: no allocation or peak figures")

    external = {}
    if args.dateutil_rs_venv and any(p.external for p in peers):
        log("dateutil_rs: running the worker in its venv ...", flush=True)
        try:
            rs = dateutil_rs.run_worker(args.dateutil_rs_venv, corpora, settings.rounds,
                                        settings.target_ns, settings.memory,
                                        settings.alloc_items, settings.peak_batch)
            external = rs["corpora"]
            log(f"dateutil_rs {rs['version']} from {rs['dateutil_file']}")
        except (RuntimeError, OSError, ValueError) as exc:
            skipped["dateutil_rs"] = f"worker failed: {str(exc).splitlines()[0]}"
            log(f"note: skipping dateutil_rs: {exc}")

    sections = []
    for corpus in corpora:
        log(f"corpus {corpus.name} ({len(corpus.strings)} strings, options {corpus.options})",
            flush=True)
        sections.append(measure_corpus(corpus, peers, loaded, skipped, settings,
                                       external.get(corpus.name), log))

    scaling = None
    if not args.no_scaling:
        log("scaling with input length", flush=True)
        parsers = {name: loaded[name] for name in (FASTDT_KEY, REFERENCE_KEY)}
        scaling = measure_scaling(parsers, SIZES_QUICK if args.quick else SIZES_FULL,
                                  2 if args.quick else 3, settings.target_ns, log)

    results = {"environment": describe(binding), "settings": settings.as_dict(),
               "skipped_peers": skipped, "corpora": sections, "scaling": scaling,
               "peer_versions": {p.key: p.version() for p in peers},
               "corpus_dir": os.path.relpath(args.corpus_dir,
                                             os.path.dirname(os.path.dirname(__file__)))}
    if not args.no_columns:
        from bench import columns
        try:
            results["columns"] = columns.measure(args.quick, args.rounds, args.corpus_dir, log)
        except ImportError as exc:      # pandas/pyarrow are optional
            log(f"note: skipping the columns section: {exc}")
    if os.path.exists(os.path.join(args.corpus_dir, REJECTS + ".txt")):
        from bench import rejects
        log("rejects: strings that are not dates", flush=True)
        results["rejects"] = rejects.measure(args.corpus_dir, settings.rounds, settings.target_ns,
                                             args.dateutil_rs_venv, settings.corpus_limit, log)
    if not args.no_strptime:
        from bench import strptime as strptime_bench
        results["strptime"] = strptime_bench.measure(args.quick, args.rounds, log)
    results["targets"] = report.compute_targets(results)
    results["elapsed_s"] = time.perf_counter() - started
    markdown = report.render_markdown(results)
    if results.get("rejects"):
        from bench import rejects
        markdown += "\n" + rejects.render(results["rejects"])
    if results.get("columns"):
        from bench import columns
        markdown += "\n" + columns.render(results["columns"])
    if results.get("strptime"):
        from bench import strptime as strptime_bench
        markdown += "\n" + strptime_bench.render(results["strptime"])
    print()
    print(markdown)
    report.write(results, markdown, args.out, log)
    log(f"done in {results['elapsed_s']:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
