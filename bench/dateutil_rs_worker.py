"""Runs inside the dateutil_rs venv: ``VENV/bin/python bench/dateutil_rs_worker.py``.

python-dateutil-rs installs itself as the ``dateutil`` package, so it can't
share a process with the real dateutil.  This worker reads a job (JSON on
stdin: corpora, rounds, target sample time), parses and times every corpus
with the venv's ``dateutil.parser.parse`` and prints JSON: which strings it
accepted, its answers (compared with real dateutil by the parent) and the
ns-per-parse samples.  It uses only the stdlib parts of bench/.
"""
import json
import os
import sys
import warnings

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench import memory  # noqa: E402
from bench.answers import answer_key  # noqa: E402
from bench.timing import Job, call_source, catching_call_source, run_interleaved, summarize  # noqa: E402


def main():
    warnings.simplefilter("ignore")
    job = json.load(sys.stdin)
    import dateutil
    from dateutil.parser import parse
    result = {"dateutil_file": dateutil.__file__,
              "is_rust": os.path.exists(os.path.join(os.path.dirname(dateutil.__file__), "_native.pyi"))
              or any(n.startswith("_native") for n in os.listdir(os.path.dirname(dateutil.__file__))),
              "memray": memory.available(), "corpora": {}}
    try:
        from importlib.metadata import version
        result["version"] = version("python-dateutil-rs")
    except Exception as exc:
        result["version"] = f"unknown ({exc})"
    timed = []
    for corpus in job["corpora"]:
        accepted, keys, refused, panics = [], [], [], 0
        for index, text in enumerate(corpus["strings"]):
            try:
                keys.append(answer_key(parse(text, **corpus["options"])))
                accepted.append(index)
            except Exception:
                refused.append(text)
            except BaseException as exc:
                # a Rust panic (pyo3's PanicException is no Exception): not
                # an answer, and it would escape the timing loop's except
                if isinstance(exc, KeyboardInterrupt):
                    raise
                panics += 1
        strings = [corpus["strings"][i] for i in accepted]
        entry = {"accepted": accepted, "answer_keys": keys, "panics": panics}
        result["corpora"][corpus["name"]] = entry
        if corpus.get("rejects"):
            # the rejection corpus: what it accepts or refuses (not the
            # panics), each refusal caught
            items = strings + refused
            call = catching_call_source(corpus["options"])
            timed.append((entry, Job(corpus["name"], parse, call, items, len(items)), call))
        elif strings:
            call = call_source(corpus["options"])
            timed.append((entry, Job(corpus["name"], parse, call, strings, len(strings)), call))
    run_interleaved([j for _, j, _ in timed], job["rounds"], job["target_ns"])
    for entry, timing_job, call in timed:
        entry["timing"] = summarize(timing_job.samples_ns)
        entry["samples_ns"] = timing_job.samples_ns
        if job.get("memory") and memory.available():
            items = timing_job.items[: job["alloc_items_cap"]]
            entry["allocs_per_call"] = memory.allocations_per_call(parse, call, items, len(items))
            batch = (timing_job.items * (job["peak_batch"] // len(timing_job.items) + 1))[: job["peak_batch"]]
            entry["peak_bytes"] = memory.peak_memory(parse, call, batch)
            entry["peak_batch"] = len(batch)
    json.dump(result, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
