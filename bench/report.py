"""Render the results: Markdown (stdout and latest.md), JSON, a PNG chart."""
import json
import os

RESULTS_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "results")
TARGET_ISO_RATIO = 1.3        # fastdt time / ciso8601 time on the ISO corpus, at most
TARGET_MIXED_SPEEDUP = 150.0  # dateutil time / fastdt time on the mixed corpus, at least
TARGET_ALLOCS = 1.0           # fastdt allocations per call
TARGET_RS_SPEEDUP = 5.0       # python-dateutil-rs time / fastdt time on the mixed corpus
TARGET_TZNAME_RATIO = 2.5     # fastdt on tzname / fastdt on tzname_plain (held-back set)
TARGET_TZNAME_ALLOCS = 8.0    # fastdt allocations per unknown-zone-name call, below this
# Corpora whose strings warn by design: their allocations include the warning's.
WARNING_CORPORA = ("tzname",)


def _ns(value):
    if value is None:
        return "—"
    if value >= 100_000:
        return f"{value / 1000:,.0f} µs"
    if value >= 10_000:
        return f"{value / 1000:,.1f} µs"
    return f"{value:,.0f}"


def _ratio(value, digits=None):
    """Three significant figures: ratios here span 0.001× to 10,000×."""
    if value is None:
        return "—"
    if value >= 100:
        return f"{value:,.0f}×"
    return f"{value:.3g}×"


def _num(value, digits=1):
    return "—" if value is None else f"{value:,.{digits}f}"


def _differs(row):
    if "accepted" not in row:
        return "—"
    text = f"{row['differs_value']}"
    if row["differs_tz"]:
        text += f" (+{row['differs_tz']} tz)"
    return text


def _peak(row):
    if row.get("peak_bytes") is None:
        return "—"
    return f"{row['peak_bytes'] / row['peak_batch']:,.0f}"


def compute_targets(results):
    corpora = {c["name"]: c for c in results["corpora"]}

    def row(corpus, peer):
        for r in corpora.get(corpus, {}).get("rows", []):
            if r["peer"] == peer and "median_ns" in r:
                return r
        return None

    targets = []
    ciso = row("iso8601", "ciso8601")
    value = 1 / ciso["time_vs_fastdt"] if ciso and ciso.get("time_vs_fastdt") else None
    targets.append(("ISO corpus: fastdt time / ciso8601 time", f"≤ {TARGET_ISO_RATIO}",
                    value, value is not None and value <= TARGET_ISO_RATIO))
    fast = row("mixed", "fastdt")
    value = fast.get("speedup_vs_dateutil") if fast else None
    targets.append(("mixed corpus: fastdt speedup vs dateutil", f"≥ {TARGET_MIXED_SPEEDUP:.0f}×",
                    value, value is not None and value >= TARGET_MIXED_SPEEDUP))
    rs = row("mixed", "dateutil_rs")
    value = rs.get("time_vs_fastdt") if rs else None
    targets.append(("mixed corpus: fastdt speedup vs python-dateutil-rs",
                    f"≥ {TARGET_RS_SPEEDUP:.0f}×",
                    value, value is not None and value >= TARGET_RS_SPEEDUP))
    allocs = [r["allocs_per_call"] for c in results["corpora"] for r in c["rows"]
              if r["peer"] == "fastdt" and r.get("allocs_per_call") is not None
              and c["name"] not in WARNING_CORPORA]
    value = max(allocs) if allocs else None
    targets.append(("fastdt allocations per call (worst corpus without warnings)",
                    f"= {TARGET_ALLOCS}",
                    value, value is not None and value <= TARGET_ALLOCS + 0.05))
    named, plain = row("tzname", "fastdt"), row("tzname_plain", "fastdt")
    if named and plain:
        value = named["median_ns"] / plain["median_ns"]
        targets.append(("unknown zone name: fastdt time on tzname / on tzname_plain",
                        f"≤ {TARGET_TZNAME_RATIO}", value, value <= TARGET_TZNAME_RATIO))
        value = named.get("allocs_per_call")
        targets.append(("unknown zone name: fastdt allocations per call",
                        f"< {TARGET_TZNAME_ALLOCS:.0f}", value,
                        value is not None and value < TARGET_TZNAME_ALLOCS))
    return [{"target": name, "goal": goal, "measured": measured, "met": met}
            for name, goal, measured, met in targets]


def render_markdown(results):
    env = results["environment"]
    out = ["# fastdt benchmark", ""]
    if env["fastdt_standin"]:
        out += ["> **WARNING: fastdt here is a STAND-IN.** `import fastdt` did not give the",
                "> compiled core, so `dateutil.parser` was timed under the name fastdt. Every",
                "> fastdt number below is dateutil's; rerun once the core is built.", ""]
    out += [f"- fastdt: {env['fastdt']}",
            f"- machine: {env['cpu']}, {env['cores']} cores, {env['platform']}"
            + (f"; load average {env['loadavg_1_5_15']} at the end" if env.get("loadavg_1_5_15") else ""),
            f"- Python {env['python']}; " + ", ".join(f"{k} {v}" for k, v in env["packages"].items()),
            f"- repo commit {env['repo_commit']}; mode: {'quick' if results['settings']['quick'] else 'full'}, "
            f"{results['settings']['rounds']} interleaved rounds, memory "
            f"{'measured with memray' if results['settings']['memory'] else 'not measured'}",
            f"- corpora: `{results.get('corpus_dir', 'bench/corpora')}`",
            ""]
    if results["skipped_peers"]:
        out += ["Skipped peers: " + "; ".join(f"`{k}` ({v})" for k, v in results["skipped_peers"].items()), ""]

    out += ["## Targets (reported, not asserted)", "", "| target | goal | measured | met |",
            "|---|---|---|---|"]
    for t in results["targets"]:
        measured = "—" if t["measured"] is None else f"{t['measured']:,.2f}"
        out.append(f"| {t['target']} | {t['goal']} | {measured} | {'yes' if t['met'] else 'no'} |")
    out.append("")

    out += _overview(results)

    out += ["## Per corpus", "",
            "ns per parse (min and median over rounds) on the strings the peer parses; "
            "`× dateutil` = dateutil's time / the peer's on the same strings (higher is faster); "
            "`÷ fastdt` = the peer's time / fastdt's (above 1: fastdt is faster). "
            "`differs` counts answers unlike dateutil.parser.parse's (same options): other "
            "date/time, `+N tz` same wall clock but other zone or naive/aware. "
            "`allocs` = allocations per call (memray, 2N−N); `peak B/str` = peak heap per "
            "string while parsing a large batch and keeping the results.", ""]
    for corpus in results["corpora"]:
        opts = json.dumps(corpus["options"]) if corpus["options"] else "no options"
        out += [f"### {corpus['name']} — {corpus['description']} ({corpus['strings']} strings, {opts})", "",
                "| peer | parsed | rejected | differs | min ns | median ns | × dateutil | ÷ fastdt | allocs | peak B/str |",
                "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for row in corpus["rows"]:
            label = row["label"] + (" †" if row.get("ratio_kind", "").startswith("cross") else "")
            if "skipped" in row:
                out.append(f"| {label} | skipped: {row['skipped']} ||||||||| ")
                continue
            out.append(
                f"| {label} | {row['accepted']} | {row['rejected']} | {_differs(row)} | "
                f"{_ns(row.get('min_ns'))} | {_ns(row.get('median_ns'))} | "
                f"{_ratio(row.get('speedup_vs_dateutil'))} | {_ratio(row.get('time_vs_fastdt'))} | "
                f"{_num(row.get('allocs_per_call'), 2)} | {_peak(row)} |")
        for floor in corpus["floors"]:
            out.append(f"| *{floor['label']}* | | | | {_ns(floor.get('min_ns'))} | "
                       f"{_ns(floor.get('median_ns'))} | {_ratio(floor.get('speedup_vs_dateutil'))} | "
                       f"{_ratio(floor.get('time_vs_fastdt'))} | {_num(floor.get('allocs_per_call'), 2)} | |")
        notes = [f"`{r['peer']}`: {r['note']}" for r in corpus["rows"] if r.get("note") and "skipped" not in r]
        examples = [f"`{r['peer']}` on `{ex[0]}`: dateutil {ex[1]}, peer {ex[2]}"
                    for r in corpus["rows"] for ex in r.get("examples", [])[:1]]
        if notes or examples:
            out.append("")
            out += [f"- {n}" for n in notes]
            out += [f"- differs, e.g. {e}" for e in examples]
        out.append("")
    out.append("† timed in another process (its own venv): ratio of medians, not per round.")
    out.append("")
    out += _scaling(results.get("scaling"))
    return "\n".join(out) + "\n"


def _overview(results):
    corpora = results["corpora"]
    peers = []
    for corpus in corpora:
        for row in corpus["rows"]:
            if row["label"] not in peers:
                peers.append(row["label"])
    out = ["## Overview: median ns per parse (× faster than dateutil)", "",
           "| peer | " + " | ".join(c["name"] for c in corpora) + " |",
           "|---|" + "---:|" * len(corpora)]
    for label in peers:
        cells = []
        for corpus in corpora:
            row = next((r for r in corpus["rows"] if r["label"] == label), None)
            if row is None or row.get("median_ns") is None:
                cells.append("—")
            else:
                cells.append(f"{_ns(row['median_ns'])} ({row['speedup_vs_dateutil']:,.0f}×)")
        out.append(f"| {label} | " + " | ".join(cells) + " |")
    out.append("")
    return out


def _scaling(scaling):
    if not scaling:
        return []
    out = ["## Scaling with input length", "",
           "min ns per call and ns per byte; `slope` is the log-log slope from the previous "
           "size (1 = linear, 2 = quadratic); the last size is flagged NON-LINEAR when its "
           "ns/byte is over 2× that at 1 kB.", ""]
    for shape, per_parser in scaling.items():
        out += [f"### {shape}", "", "| parser | bytes | ns/call | ns/byte | slope | same answer as dateutil |",
                "|---|---:|---:|---:|---:|---|"]
        for name, rows in per_parser.items():
            for row in rows:
                if not row["accepted"]:
                    out.append(f"| {name} | {row['bytes']:,} | rejected | | | |")
                    continue
                flag = ""
                if "nonlinear" in row:
                    flag = (" **NON-LINEAR**" if row["nonlinear"] else " linear") + \
                        f" ({row['growth_vs_1kB']:.2f}× ns/B vs 1 kB)"
                slope = f"{row['slope']:.2f}" if "slope" in row else ""
                out.append(f"| {name} | {row['bytes']:,} | {_ns(row['min_ns'])} | "
                           f"{row['ns_per_byte']:,.2f} | {slope}{flag} | "
                           f"{'yes' if row['same_as_dateutil'] else 'NO'} |")
        out.append("")
    return out


def plot(results, path):
    """Grouped bars, median ns per parse, log scale; one group per corpus."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    corpora = results["corpora"]
    labels = []  # peers first, in registry order, then the floor rows
    for kind in ("rows", "floors"):
        for corpus in corpora:
            for row in corpus[kind]:
                if row["label"] not in labels and row.get("median_ns"):
                    labels.append(row["label"])
    width = 0.8 / max(len(labels), 1)
    fig, ax = plt.subplots(figsize=(max(10, 1.4 * len(corpora)) + 3, 6))
    cmap = plt.get_cmap("tab20")
    for i, label in enumerate(labels):
        xs, ys = [], []
        for x, corpus in enumerate(corpora):
            row = next((r for r in corpus["rows"] + corpus["floors"]
                        if r.get("label") == label and r.get("median_ns")), None)
            if row:
                xs.append(x + (i - len(labels) / 2 + 0.5) * width)
                ys.append(row["median_ns"])
        ax.bar(xs, ys, width=width, label=label, color=cmap(i % 20))
    ax.set_yscale("log")
    ax.set_ylabel("median ns per parse (log scale)")
    ax.set_xticks(range(len(corpora)))
    ax.set_xticklabels([c["name"] for c in corpora], rotation=20)
    title = "fastdt vs peers"
    if results["environment"]["fastdt_standin"]:
        title += " — fastdt is a STAND-IN (dateutil)"
    ax.set_title(title)
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    ax.grid(axis="y", which="both", alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def write(results, markdown, out_dir=RESULTS_DIR, log=print):
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "latest.md"), "w", encoding="utf-8") as fh:
        fh.write(markdown)
    with open(os.path.join(out_dir, "latest.json"), "w", encoding="utf-8") as fh:
        json.dump(results, fh, indent=1, default=str)
    try:
        plot(results, os.path.join(out_dir, "latest.png"))
    except ImportError as exc:
        log(f"note: no chart, matplotlib is not installed ({exc})")
    log(f"wrote {out_dir}/latest.md, latest.json, latest.png")
