"""The differential corpus against the installed dateutil, in two zones.

Every string of ``bench/corpora/*.txt`` (about 9,700 real-world formats:
CLF, CSV day-first and month-first, fuzzy sentences, HTTP, ISO 8601, RFC
2822, spelled-out, syslog, mixed), parsed with its corpus's options, gives
fastdt exactly the outcome dateutil gives (value, tzinfo, exception and
message, warnings: ``oracle.check``), under ``TZ=UTC`` and
``TZ=America/New_York``; the ISO corpus also through ``isoparse``.  Run
against dateutil 2.9.0.post0, 3.0.0 and 4.0.0 by the nox matrix.
"""
import json
import pathlib

import pytest

import oracle

CORPUS_DIR = pathlib.Path(__file__).resolve().parent.parent / "bench" / "corpora"
CORPORA = sorted(p.stem for p in CORPUS_DIR.glob("*.txt"))
ZONES = ["UTC", "America/New_York"]


def _read(name):
    """(options, strings) of a corpus file: '# options: {json}' header lines,
    then one string per line."""
    options, strings = {}, []
    for line in (CORPUS_DIR / (name + ".txt")).read_text(encoding="utf-8").splitlines():
        if line.startswith("#") and not strings:
            key, _, value = line[1:].strip().partition(":")
            if key == "options":
                options = json.loads(value)
        elif line:
            strings.append(line)
    return options, strings


def _disagreements(check, strings, **options):
    found = []
    for s in strings:
        try:
            check(s, **options)
        except AssertionError as e:
            found.append(str(e)[:400])
    return found


def test_corpora_present():
    assert len(CORPORA) >= 9, CORPORA
    assert sum(len(_read(name)[1]) for name in CORPORA) > 5000


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize("name", CORPORA)
def test_corpus_agrees_with_dateutil(name, zone):
    options, strings = _read(name)
    assert strings
    with oracle.tz_env(zone):
        found = _disagreements(oracle.assert_same, strings, **options)
    assert not found, "%d of %d strings differ from dateutil:\n%s" % (
        len(found), len(strings), "\n".join(found[:10]))


@pytest.mark.parametrize("zone", ZONES)
def test_iso_corpus_isoparse_agrees_with_dateutil(zone):
    _, strings = _read("iso8601")
    with oracle.tz_env(zone):
        found = _disagreements(oracle.assert_same_iso, strings)
    assert not found, "%d of %d strings differ from dateutil's isoparse:\n%s" % (
        len(found), len(strings), "\n".join(found[:10]))
