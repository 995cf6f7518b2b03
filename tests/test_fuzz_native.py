"""fuzz/fuzz_native.py, the libFuzzer targets, on the normal build.

The fuzzing itself runs in ``scripts/sanitize.sh --libfuzzer`` (a clang build
under libFuzzer).  Here: every seed of ``fuzz/corpus/`` passes its target
(so a seed is a differential test of its own, and a CI fuzz session cannot
fail on a seed), every target has seeds, and each kind of target does fail
when fastdt answers differently from dateutil (a judge that cannot fail
would make the fuzzing prove nothing).
"""
import datetime
import pathlib

import pytest

import fastdt
from fastdt import _array
import oracle

# the column targets build numpy and Arrow columns (both in the test extra)
pytest.importorskip("numpy")
pytest.importorskip("pyarrow")

from fuzz import _harness, fuzz_native  # noqa: E402

CORPUS = pathlib.Path(fuzz_native.HERE) / "corpus"
SEEDS = sorted(CORPUS.iterdir())
INDEX = {name: k for k, (name, _, _) in enumerate(fuzz_native.TARGETS)}


def _run(target, text):
    fuzz_native.test_one(bytes([INDEX[target]]) + text.encode("utf-8"))


def test_the_corpus_is_small_and_covers_every_target():
    assert 100 <= len(SEEDS) <= 400
    assert len(fuzz_native.TARGETS) < 128            # bit 7 of the selector: bytes
    picked = {seed.read_bytes()[0] % len(fuzz_native.TARGETS) for seed in SEEDS}
    assert picked == set(range(len(fuzz_native.TARGETS)))
    # a seed's name says its target: TARGETS' order and the files agree
    for seed in SEEDS:
        assert int(seed.name.split("-")[0]) == seed.read_bytes()[0]


@pytest.mark.parametrize("zone", ["UTC", "America/New_York"])
def test_every_seed_passes(zone):
    with oracle.tz_env(zone):
        for seed in SEEDS:
            data = seed.read_bytes()
            fuzz_native.test_one(data)
            fuzz_native.test_one(bytes([data[0] | 0x80]) + data[1:])   # as bytes


def _fails(target, text):
    with pytest.raises(AssertionError, match="differ|disagrees"):
        _run(target, text)


def test_parse_targets_fail_on_a_difference(monkeypatch):
    du, fd, kw = _harness.OPTION_SETS["dayfirst"]
    monkeypatch.setitem(_harness.OPTION_SETS, "dayfirst", (du, lambda s, **k: fd(s), kw))
    _fails("parse/dayfirst", "01/02/2003")
    real = fastdt.parse
    # required= ignored: "Sep 25 10:49" lacks the year
    monkeypatch.setattr(fastdt, "parse", lambda s, required=None, **k: real(s, **k))
    _fails("parse/required=year,month,day", "Sep 25 10:49")


def test_isoparse_targets_fail_on_a_difference(monkeypatch):
    class Wrong(fastdt.isoparser):
        def isoparse(self, s):
            return datetime.datetime(2000, 1, 1)
    monkeypatch.setattr(fastdt, "isoparser", Wrong)
    _fails("isoparse", "2003-09-25")


def test_parse_fields_targets_fail_on_a_difference(monkeypatch):
    real = fastdt.parse_fields
    monkeypatch.setattr(fastdt, "parse_fields", lambda s, **k: real("2001-01-01"))
    _fails("parse_fields/plain", "2003-09-25")
    _fails("parse_fields/required", "Sep 25")


def test_guess_format_targets_fail_on_a_wrong_format(monkeypatch):
    monkeypatch.setattr(fastdt, "guess_format", lambda s, **k: "%d/%m/%Y")
    _fails("guess_format/plain", "03/04/2005")


def test_column_targets_fail_on_a_difference(monkeypatch):
    real = _array.parse_array_counted

    def swapped(values, **kw):        # day and month the other way round
        return real(values, **dict(kw, dayfirst=not kw.get("dayfirst")))

    monkeypatch.setattr(_array, "parse_array_counted", swapped)
    _fails("parse_array/utc", "01/02/2003 10:49\nSep 25 2003")
    _fails("format_column/utc", "01/02/2003 10:49:41\nSep 25 2003")


def test_format_columns_reach_the_fast_path():
    """A one-format column is mostly answered by a learned format, so the
    format targets do test the fast path, not only the grammar."""
    column = fuzz_native._format_column("Thu, 25 Sep 2003 10:49:41 -0300\nfoo\nSep 25 2003")
    _, counts = _array.parse_array_counted(column, utc=True, errors="coerce")
    assert counts["template"] >= len(column) // 2
