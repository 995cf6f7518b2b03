"""Smoke test of bench/: corpora load, one small measurement end to end.

Speed is never asserted here (shared machines, stand-in fastdt); only that
the harness runs and its bookkeeping is right.
"""
import datetime
import json
import random

import pytest

# bench/ is a package at the repository root, not part of the installed
# fastdt; conftest.py puts the root on sys.path (after the installed fastdt).
from bench import make_corpora
from bench.compare import Settings, measure_corpus
from bench.corpora import Corpus, corpus_names, load_corpora
from bench.correctness import check_per_string
from bench.answers import answer_key
from bench.peers import select_peers


def test_every_corpus_loads_with_its_options():
    corpora = {c.name: c for c in load_corpora()}
    assert {"iso8601", "rfc2822", "http", "clf", "syslog", "csv_us", "csv_eu",
            "spelled", "fuzzy", "mixed"} <= set(corpora)
    for corpus in corpora.values():
        assert 300 <= len(corpus.strings) <= 2000, corpus.name
        assert not any(s.startswith("#") for s in corpus.strings)
    assert corpora["csv_eu"].options == {"dayfirst": True}
    assert corpora["fuzzy"].options == {"fuzzy": True}
    assert corpora["iso8601"].options == {}


def test_first_corpus_is_reproduced_from_the_seed():
    # The corpora come from make_corpora with a fixed seed, not by hand.
    gen, options, size, _ = make_corpora.CORPORA["iso8601"]
    strings, _ = make_corpora.generate("iso8601", gen, options, size, random.Random(make_corpora.SEED))
    assert strings == load_corpora(["iso8601"])[0].strings


def test_held_back_corpora_come_from_their_own_seed():
    held = {c.name: c for c in load_corpora(directory=make_corpora.HELD_BACK_DIR)}
    assert set(corpus_names()) < set(held)
    gen, options, size, _ = make_corpora.CORPORA["iso8601"]
    strings, _ = make_corpora.generate("iso8601", gen, options, size,
                                       random.Random(make_corpora.HELD_BACK_SEED))
    assert strings == held["iso8601"].strings != load_corpora(["iso8601"])[0].strings
    # the unknown-zone-name pair: the same stamps with and without the name
    named, plain = held["tzname"].strings, held["tzname_plain"].strings
    assert len(named) == len(plain) >= 300
    assert all(n.rsplit(" ", 1) == [p, n.rsplit(" ", 1)[1]] for n, p in zip(named, plain))


def test_wrong_answers_and_rejections_are_counted():
    from dateutil.parser import parse
    strings = ["2003-09-25T10:49:41", "not a date", "2003-09-25T10:49:41Z"]
    reference = [answer_key(parse(strings[0])), None, answer_key(parse(strings[2]))]

    def drops_the_zone(text):
        if "not" in text:
            raise ValueError(text)
        return parse(text).replace(tzinfo=None)

    verdict = check_per_string(drops_the_zone, {}, strings, reference)
    assert verdict.accepted == [0, 2] and verdict.rejected == 1
    assert verdict.differs_tz == 1 and verdict.differs_value == 0


def test_one_small_measurement_end_to_end(tmp_path):
    from bench import report
    from bench.run import load_peers
    corpus = load_corpora(["mixed"])[0]
    corpus = Corpus(corpus.name, corpus.description, corpus.options, corpus.strings[:30])
    peers = select_peers(["ciso8601", "fromisoformat"])
    loaded, skipped = load_peers(peers, None, log=lambda *a, **k: None)
    settings = Settings(quick=True, rounds=2, memory_enabled=False)
    settings.target_ns = 100_000
    section = measure_corpus(corpus, peers, loaded, skipped, settings,
                             log=lambda *a, **k: None)
    rows = {row["peer"]: row for row in section["rows"]}
    assert rows["dateutil"]["accepted"] == 30
    assert rows["dateutil"]["differs_value"] == rows["dateutil"]["differs_tz"] == 0
    assert rows["dateutil"]["speedup_vs_dateutil"] > 0
    assert rows["fromisoformat"]["accepted"] + rows["fromisoformat"]["rejected"] == 30
    if "ciso8601" in loaded:
        assert rows["ciso8601"]["rounds"] == 2
    assert [f["label"] for f in section["floors"]] == ["floor: datetime(*fields)",
                                                      "floor: bare call len(s)"]

    results = {"environment": {"fastdt_standin": True, "fastdt": "x", "cpu": "cpu", "cores": 2,
                               "platform": "p", "python": "3", "packages": {}, "repo_commit": "c"},
               "settings": settings.as_dict(), "skipped_peers": skipped,
               "corpora": [section], "scaling": None}
    results["targets"] = report.compute_targets(results)
    markdown = report.render_markdown(results)
    assert "STAND-IN" in markdown and "| dateutil.parser.parse |" in markdown
    report.write(results, markdown, str(tmp_path), log=lambda *a, **k: None)
    assert json.loads((tmp_path / "latest.json").read_text())["corpora"][0]["name"] == "mixed"


def test_allocation_count_of_a_known_call():
    memory = pytest.importorskip("bench.memory")
    if not memory.available():
        pytest.skip("memray not installed")
    items = [(2003, 9, day) for day in range(1, 29)]
    # datetime(y, m, d) from Python: the object itself plus argument scratch.
    try:
        allocs = memory.allocations_per_call(datetime.datetime, "f(*s)", items, len(items))
    except RuntimeError as exc:  # pytest --memray already holds the one Tracker
        pytest.skip(str(exc))
    assert 0.5 < allocs < 4


def test_longrun_table_and_verdict(tmp_path, monkeypatch, capsys):
    """bench.longrun's table and verdict, on a few thousand calls: flat under
    its bounds, "GROWS" (exit status 1) once a bound is far below zero."""
    from bench import longrun
    out = tmp_path / "longrun.txt"
    args = ["--calls", "3000", "--elements", "3000", "--samples", "2", "--out", str(out)]
    assert longrun.main(args) == 0
    text = out.read_text()
    assert text == capsys.readouterr().out
    for entry in longrun.ENTRY_POINTS:
        assert "\n%s: FLAT (" % entry in text
    monkeypatch.setitem(longrun.BOUNDS, "blocks", -10**9)
    assert longrun.main(args[:4] + ["--entry", "isoparse"]) == 1
    assert "isoparse: GROWS: blocks (" in capsys.readouterr().out


def test_rejects_row_end_to_end(tmp_path):
    """bench.rejects on a few strings: every job timed, the ratios and the
    Markdown row made (python-dateutil-rs needs its venv: not here)."""
    from bench import rejects
    result = rejects.measure(rounds=2, target_ns=100_000, limit=30, log=lambda *a, **k: None)
    assert result["refused_by_fastdt"] == result["strings"]["rejects"] == 30
    assert set(result["timing"]) == {"fastdt_good", "fastdt_raise", "fastdt_try",
                                     "dateutil_good", "dateutil_raise"}
    assert all(v > 0 for v in result["ratios"].values())
    text = rejects.render(result)
    assert "fastdt.try_parse (None)" in text and "rejects / good" in text


def test_strptime_bench_section():
    """bench/strptime.py end to end, small: answers checked equal, a row per
    format, fastdt faster than CPython's strptime on each."""
    from bench import strptime as strptime_bench
    result = strptime_bench.measure(quick=True, rounds=1, log=lambda *a, **k: None)
    assert [row["format"] for row in result["rows"]] == \
        [fmt for _name, fmt, _cut in strptime_bench.FORMATS]
    assert all(row["ratio"] > 1 for row in result["rows"])
    text = strptime_bench.render(result)
    assert text.count("\n| `%") == len(strptime_bench.FORMATS)
