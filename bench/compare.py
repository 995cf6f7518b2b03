"""Measure every peer on one corpus: correctness, interleaved time, memory.

Ratios are taken on the same strings: each peer is timed on the strings it
accepts (and fastdt accepts), and dateutil and fastdt are timed again on
exactly that subset in the same interleaved rounds whenever it is not the
whole corpus.  Ratios are medians of per-round ratios.
"""
from bench import memory
from bench.answers import answer_key
from bench.correctness import check_batch, check_per_string, judge
from bench.peers import (FASTDT_KEY, FLOOR_BARE_CALL, FLOOR_DATETIME, REFERENCE_KEY,
                         floor_datetime_tuples)
from bench.timing import Job, call_source, median_ratio, run_interleaved, summarize


class Settings:
    def __init__(self, quick, rounds=None, memory_enabled=True):
        self.quick = quick
        self.rounds = rounds or (3 if quick else 9)
        self.target_ns = 2_000_000 if quick else 20_000_000   # one sample's length
        # quick is a smoke test: memray on dateutil-speed peers dominates its time.
        self.corpus_limit = 200 if quick else None            # strings per corpus
        self.alloc_items = 40 if quick else 500               # N in count(2N) - count(N)
        # 5,000 answers kept alive: large next to one call, and dateutil-speed
        # peers under memray still finish in seconds.
        self.peak_batch = 300 if quick else 5_000             # strings kept alive
        self.memory = memory_enabled and memory.available()

    def as_dict(self):
        return {k: v for k, v in vars(self).items()}


def _subset_id(indices, total):
    return "all" if len(indices) == total else f"sub{hash(tuple(indices)) & 0xffffffff:08x}"


def measure_corpus(corpus, peers, loaded, skipped, settings, external=None, log=print):
    """One corpus's report section (a dict; see report.py for its use).

    ``loaded``: {peer key: callable}; ``skipped``: {peer key: why};
    ``external``: the dateutil_rs worker's entry for this corpus, if any.
    """
    strings = corpus.strings
    total = len(strings)
    reference = loaded[REFERENCE_KEY]
    reference_keys = [answer_key(reference(s, **corpus.options)) for s in strings]
    reference_answers = [reference(s, **corpus.options) for s in strings]
    section = {"name": corpus.name, "description": corpus.description,
               "options": corpus.options, "strings": total, "rows": [], "floors": []}

    rows, jobs = [], {}

    def add_job(key, func, call_src, items, parses):
        if key not in jobs:
            jobs[key] = Job(key, func, call_src, items, parses)
        return jobs[key]

    fastdt_verdict = None
    if FASTDT_KEY in loaded:
        fastdt_verdict = check_per_string(loaded[FASTDT_KEY], corpus.options, strings,
                                          reference_keys)
    fastdt_ok = set(fastdt_verdict.accepted) if fastdt_verdict else set(range(total))

    def add_reference_jobs(indices):
        """dateutil and fastdt on exactly these strings; returns their job keys."""
        sid = _subset_id(indices, total)
        items = [strings[i] for i in indices]
        call = call_source(corpus.options)
        ref_key = add_job(f"{REFERENCE_KEY}@{sid}", reference, call, items, len(items)).key
        fast_key = None
        if FASTDT_KEY in loaded and fastdt_ok.issuperset(indices):
            fast_key = add_job(f"{FASTDT_KEY}@{sid}", loaded[FASTDT_KEY], call, items,
                               len(items)).key
        return ref_key, fast_key

    for peer in peers:
        row = {"peer": peer.key, "label": peer.label, "note": peer.note}
        rows.append(row)
        if peer.key in skipped:
            row["skipped"] = skipped[peer.key]
            continue
        kwargs = peer.kwargs_for(corpus.options)
        if kwargs is None:
            row["skipped"] = f"has no equivalent of {corpus.options}"
            continue
        if peer.external:
            if external is None:
                row["skipped"] = "no result from the dateutil_rs worker"
                continue
            verdict = judge(strings, external["accepted"], external["answer_keys"],
                            reference_keys)
            row.update(verdict.as_dict())
            if not verdict.accepted:
                continue
            row.update(external["timing"])
            row["samples_ns"] = external["samples_ns"]
            row["timed"] = len(verdict.accepted)
            row["ratio_kind"] = "cross-process (ratio of medians)"
            row["_refs"] = add_reference_jobs(verdict.accepted)
            for key in ("allocs_per_call", "peak_bytes", "peak_batch"):
                if key in external:
                    row[key] = external[key]
            continue
        func = loaded[peer.key]
        if peer.key == FASTDT_KEY:
            verdict = fastdt_verdict
        elif peer.batch:
            verdict = check_batch(func, kwargs, strings, reference_keys)
        else:
            verdict = check_per_string(func, kwargs, strings, reference_keys)
        row.update(verdict.as_dict())
        # Time only strings this peer parses and fastdt parses, so both
        # ratios are over the same strings.
        timed = [i for i in verdict.accepted if i in fastdt_ok] or list(verdict.accepted)
        row["timed"] = len(timed)
        if not timed:
            continue
        items = [strings[i] for i in timed]
        call = call_source(kwargs)
        if peer.batch:
            job = add_job(peer.key, func, call, [items], len(items))
        else:
            job = add_job(f"{peer.key}@{_subset_id(timed, total)}", func, call, items, len(items))
        row["_job"] = job.key
        row["_refs"] = add_reference_jobs(timed)
        row["_timed_idx"], row["_call"] = timed, call  # for the memory pass
        row["ratio_kind"] = "interleaved rounds"

    # Floor rows: rebuilding the answers directly, and a bare C call.
    tuples = floor_datetime_tuples(reference_answers)
    floors = [(FLOOR_DATETIME, tuples), (FLOOR_BARE_CALL, strings)]
    all_refs = add_reference_jobs(list(range(total)))
    for (label, func, call), items in floors:
        job = add_job(label, func, call, items, len(items))
        section["floors"].append({"label": label, "_job": job.key, "_refs": all_refs})

    log(f"  {corpus.name}: timing {len(jobs)} jobs x {settings.rounds} rounds", flush=True)
    run_interleaved(list(jobs.values()), settings.rounds, settings.target_ns)

    for row in rows + section["floors"]:
        if "_refs" not in row:
            continue
        ref_key, fast_key = row.pop("_refs")
        ref_samples = jobs[ref_key].samples_ns
        fast_samples = jobs[fast_key].samples_ns if fast_key else None
        if "_job" in row:
            samples = jobs[row.pop("_job")].samples_ns
            row.update(summarize(samples))
            row["speedup_vs_dateutil"] = median_ratio(ref_samples, samples)
            if fast_samples:
                row["time_vs_fastdt"] = median_ratio(samples, fast_samples)
        else:  # external: medians from two processes
            ref_median = summarize(ref_samples)["median_ns"]
            row["speedup_vs_dateutil"] = ref_median / row["median_ns"]
            if fast_samples:
                row["time_vs_fastdt"] = row["median_ns"] / summarize(fast_samples)["median_ns"]

    if settings.memory:
        _measure_memory(corpus, peers, loaded, rows, section["floors"], tuples, settings, log)
    for row in rows:
        row.pop("_timed_idx", None)
        row.pop("_call", None)
    section["rows"] = rows
    return section


def _measure_memory(corpus, peers, loaded, rows, floors, tuples, settings, log):
    log(f"  {corpus.name}: memray allocations and peak", flush=True)
    by_key = {peer.key: peer for peer in peers}
    strings = corpus.strings
    for row in rows:
        peer = by_key[row["peer"]]
        if "_call" not in row:  # skipped, external, or nothing parsed
            continue
        accepted = [strings[i] for i in row["_timed_idx"]]
        func, call = loaded[peer.key], row["_call"]
        sample = accepted[: settings.alloc_items]
        batch = _repeat_to(accepted, settings.peak_batch)
        if peer.batch:
            row["allocs_per_call"] = memory.allocations_per_call(func, call, [sample], len(sample))
            row["peak_bytes"] = memory.peak_memory(func, call, [batch])
        else:
            row["allocs_per_call"] = memory.allocations_per_call(func, call, sample, len(sample))
            row["peak_bytes"] = memory.peak_memory(func, call, batch)
        row["peak_batch"] = len(batch)
    for floor in floors:
        label, func, call = next(f for f in (FLOOR_DATETIME, FLOOR_BARE_CALL)
                                 if f[0] == floor["label"])
        items = tuples if func is FLOOR_DATETIME[1] else strings
        floor["allocs_per_call"] = memory.allocations_per_call(
            func, call, items[: settings.alloc_items], min(len(items), settings.alloc_items))


def _repeat_to(items, size):
    return (items * (size // max(len(items), 1) + 1))[:size]
