"""The "rejects" row: what a string that is not a date costs, next to one that is.

``python -m bench.rejects [--corpus-dir DIR] [--rounds N] [--quick]
[--dateutil-rs-venv PATH]`` times, in one process and interleaved rounds:

* ``fastdt.parse`` on the varied good corpus (``mixed``): the reference;
* ``fastdt.parse`` on the rejection corpus (``rejects``), each ParserError
  caught (``try: parse(s) / except Exception: pass``, as a CSV type
  sniffer or validator does);
* ``fastdt.try_parse`` on the rejection corpus (None, nothing raised);
* ``dateutil.parser.parse`` on both, refusals caught the same way;
* python-dateutil-rs (from its own venv, as ``python -m bench`` runs it:
  ratios of medians from another process) on both.

Ratios are medians of per-round ratios.  The rejection corpus
(``bench/make_corpora.py``, ``gen_reject``) holds log messages, ids, hashes,
versions, paths, numbers with units, placeholder words and impossible dates
(month 13, Feb 30, hour 25, minute 61), each kept only if dateutil refuses
it; ``bench/corpora_heldback/rejects.txt`` is another draw, not used while
tuning.  Writes ``bench/results/rejects.{md,json}``.
"""
import argparse
import json
import os
import sys
import warnings

if __package__ in (None, ""):  # run as a script: make ``bench`` importable
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench import dateutil_rs  # noqa: E402
from bench.corpora import REJECTS, load_corpora  # noqa: E402
from bench.timing import (Job, call_source, catching_call_source, median_ratio,  # noqa: E402
                          run_interleaved, summarize)

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CORPUS_DIR = os.path.join(HERE, "corpora_heldback")
RESULTS_DIR = os.path.join(HERE, "results")
GOOD = "mixed"


def measure(corpus_dir=DEFAULT_CORPUS_DIR, rounds=9, target_ns=20_000_000, rs_venv=None,
            limit=None, log=print):
    """The row's figures (a dict: ``render`` turns it into Markdown)."""
    import fastdt
    from dateutil.parser import parse as du_parse
    good, rejects = load_corpora([GOOD, REJECTS], corpus_dir)
    if limit:
        good.strings, rejects.strings = good.strings[:limit], rejects.strings[:limit]
    refused = sum(fastdt.try_parse(s, **rejects.options) is None for s in rejects.strings)
    call, catching = call_source(good.options), catching_call_source(rejects.options)
    jobs = {
        "fastdt_good": Job("fastdt_good", fastdt.parse, call, good.strings, len(good.strings)),
        "fastdt_raise": Job("fastdt_raise", fastdt.parse, catching, rejects.strings,
                            len(rejects.strings)),
        "fastdt_try": Job("fastdt_try", fastdt.try_parse, call_source(rejects.options),
                          rejects.strings, len(rejects.strings)),
        "dateutil_good": Job("dateutil_good", du_parse, call, good.strings, len(good.strings)),
        "dateutil_raise": Job("dateutil_raise", du_parse, catching, rejects.strings,
                              len(rejects.strings)),
    }
    log(f"rejects: {len(rejects.strings)} strings ({refused} refused by fastdt), "
        f"good: {GOOD} {len(good.strings)} strings, {rounds} rounds", flush=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        run_interleaved(list(jobs.values()), rounds, target_ns)
    s = {key: job.samples_ns for key, job in jobs.items()}
    result = {
        "corpus_dir": os.path.relpath(corpus_dir, os.path.dirname(HERE)),
        "strings": {"rejects": len(rejects.strings), GOOD: len(good.strings)},
        "refused_by_fastdt": refused,
        "timing": {key: summarize(samples) for key, samples in s.items()},
        "ratios": {
            "raise / good parse": median_ratio(s["fastdt_raise"], s["fastdt_good"]),
            "try_parse / good parse": median_ratio(s["fastdt_try"], s["fastdt_good"]),
            "dateutil raise / fastdt raise": median_ratio(s["dateutil_raise"], s["fastdt_raise"]),
            "dateutil raise / fastdt try_parse": median_ratio(s["dateutil_raise"], s["fastdt_try"]),
            "dateutil good / fastdt good": median_ratio(s["dateutil_good"], s["fastdt_good"]),
            "dateutil raise / dateutil good": median_ratio(s["dateutil_raise"], s["dateutil_good"]),
        },
    }
    if rs_venv:
        log("rejects: python-dateutil-rs in its venv ...", flush=True)
        rs = dateutil_rs.run_worker(rs_venv, [good, rejects], rounds, target_ns, False, 0, 0)
        med = {name: entry["timing"]["median_ns"] for name, entry in rs["corpora"].items()
               if "timing" in entry}
        fast = {k: result["timing"][k]["median_ns"] for k in ("fastdt_good", "fastdt_raise",
                                                              "fastdt_try")}
        result["dateutil_rs"] = {
            "version": rs["version"],
            "accepted_rejects": len(rs["corpora"][REJECTS]["accepted"]),
            "panics": rs["corpora"][REJECTS].get("panics", 0),
            "median_ns": med,
            "ratios": {
                "dateutil_rs raise / fastdt raise": med[REJECTS] / fast["fastdt_raise"],
                "dateutil_rs raise / fastdt try_parse": med[REJECTS] / fast["fastdt_try"],
                "dateutil_rs good / fastdt good": med[GOOD] / fast["fastdt_good"],
            },
        }
    return result


def _ns(value):
    return f"{value / 1000:,.1f} µs" if value >= 10_000 else f"{value:,.0f} ns"


def render(result):
    """The row as Markdown."""
    t, r = result["timing"], result["ratios"]
    lines = [
        "### Rejects: strings that are not dates",
        "",
        f"Corpus `{result['corpus_dir']}/{REJECTS}.txt` ({result['strings'][REJECTS]} strings "
        "dateutil refuses: log messages, ids, versions, paths, numbers with units, "
        "impossible dates) against the varied good corpus "
        f"`{GOOD}` ({result['strings'][GOOD]} strings), one process, interleaved rounds; "
        "a refusal is caught (`except Exception`). Median ns per string (min).",
        "",
        "| | good (`mixed`) | rejects | rejects / good |",
        "|---|---:|---:|---:|",
        f"| fastdt.parse (raise, caught) | {_ns(t['fastdt_good']['median_ns'])} "
        f"({_ns(t['fastdt_good']['min_ns'])}) | {_ns(t['fastdt_raise']['median_ns'])} "
        f"({_ns(t['fastdt_raise']['min_ns'])}) | **{r['raise / good parse']:.2f}×** |",
        f"| fastdt.try_parse (None) | | {_ns(t['fastdt_try']['median_ns'])} "
        f"({_ns(t['fastdt_try']['min_ns'])}) | **{r['try_parse / good parse']:.2f}×** |",
        f"| dateutil.parser.parse | {_ns(t['dateutil_good']['median_ns'])} | "
        f"{_ns(t['dateutil_raise']['median_ns'])} | {r['dateutil raise / dateutil good']:.2f}× |",
    ]
    rs = result.get("dateutil_rs")
    if rs:
        lines.append(f"| python-dateutil-rs {rs['version']} (own venv) | "
                     f"{_ns(rs['median_ns'][GOOD])} | {_ns(rs['median_ns'][REJECTS])} | "
                     f"{rs['median_ns'][REJECTS] / rs['median_ns'][GOOD]:.2f}× |")
    lines += [
        "",
        f"fastdt against the others on the rejects: dateutil "
        f"{r['dateutil raise / fastdt raise']:.1f}× slower than fastdt.parse, "
        f"{r['dateutil raise / fastdt try_parse']:.1f}× slower than try_parse "
        f"(on good strings {r['dateutil good / fastdt good']:.1f}×)"
        + (f"; python-dateutil-rs {rs['ratios']['dateutil_rs raise / fastdt raise']:.1f}× "
           f"and {rs['ratios']['dateutil_rs raise / fastdt try_parse']:.1f}× (good strings "
           f"{rs['ratios']['dateutil_rs good / fastdt good']:.1f}×; ratios of medians from "
           f"its own process; it accepts {rs['accepted_rejects']} of the rejects, and panics on "
           f"{rs['panics']}, which are left out of its time)" if rs else "")
        + ".",
        "",
    ]
    return "\n".join(lines)


def main(argv=None):
    ap = argparse.ArgumentParser(prog="python -m bench.rejects", description=__doc__.split("\n")[0])
    ap.add_argument("--corpus-dir", default=DEFAULT_CORPUS_DIR)
    ap.add_argument("--rounds", type=int)
    ap.add_argument("--quick", action="store_true", help="few rounds, 200 strings each")
    ap.add_argument("--dateutil-rs-venv", metavar="PATH")
    ap.add_argument("--out", default=RESULTS_DIR)
    args = ap.parse_args(argv)
    result = measure(args.corpus_dir, args.rounds or (3 if args.quick else 9),
                     2_000_000 if args.quick else 20_000_000, args.dateutil_rs_venv,
                     200 if args.quick else None)
    markdown = render(result)
    print(markdown)
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "rejects.md"), "w", encoding="utf-8") as fh:
        fh.write(markdown)
    with open(os.path.join(args.out, "rejects.json"), "w", encoding="utf-8") as fh:
        json.dump(result, fh, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
