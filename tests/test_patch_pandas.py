"""pandas under ``fastdt.patch_dateutil()``: identical results, on fastdt.

pandas imports dateutil's ``DEFAULTPARSER`` at import time and calls its
private ``_parse`` for ``format="mixed"``, for resolution and for format
guessing.  (The speed ratio is measured in ``bench/patch.py``, not here.)
"""
import os
import warnings

import numpy as np
import pandas as pd
import pytest

from dateutil.parser import _parser as du_parser_mod

import fastdt

CORPORA = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                       "bench", "corpora")
NAMES = ["mixed", "rfc2822", "spelled", "syslog", "clf", "http", "csv_us", "csv_eu",
         "iso8601"]


def corpus(name):
    with open(os.path.join(CORPORA, name + ".txt"), encoding="utf-8") as f:
        return [line.rstrip("\n") for line in f if not line.startswith("#")]


@pytest.fixture(autouse=True)
def unpatched():
    fastdt.unpatch_dateutil()
    yield
    fastdt.unpatch_dateutil()


def to_datetime_outcome(values, **kw):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            out = pd.to_datetime(values, **kw)
        except Exception as e:  # noqa: BLE001 -- compared below
            return ("raises", type(e), str(e))
    return ("value", out, sorted({(w.category, str(w.message)) for w in caught}))


def assert_same_outcome(a, b):
    assert a[0] == b[0], (a, b)
    if a[0] == "raises":
        assert a == b
        return
    pd.testing.assert_series_equal(a[1], b[1]) if isinstance(a[1], pd.Series) else \
        pd.testing.assert_index_equal(a[1], b[1])
    assert a[2] == b[2]


OPTIONS = [dict(format="mixed", utc=True, errors="coerce"),
           dict(format="mixed", utc=True, errors="coerce", dayfirst=True),
           dict(format="mixed", errors="coerce")]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("kw", OPTIONS, ids=["utc", "utc-dayfirst", "naive"])
def test_to_datetime_mixed_identical(name, kw):
    col = pd.Series(corpus(name), name=name)
    want = to_datetime_outcome(col, **kw)
    with fastdt.patch_dateutil():
        got = to_datetime_outcome(col, **kw)
    assert_same_outcome(got, want)


def test_to_datetime_raise_identical():
    for bad in (["Sep 25 2003", "garbage"], ["10:49 BRST 2003"], ["Sep 25 2003 +25:00"]):
        want = to_datetime_outcome(pd.Series(bad), format="mixed", utc=True)
        with fastdt.patch_dateutil():
            got = to_datetime_outcome(pd.Series(bad), format="mixed", utc=True)
        assert_same_outcome(got, want)


def test_scalar_and_guessing_identical():
    for s in corpus("mixed")[::10]:
        want = to_datetime_outcome(s)
        with fastdt.patch_dateutil():
            got = to_datetime_outcome(s)
        assert got[0] == want[0] and (got[1:] == want[1:] if got[0] == "raises"
                                      else got[1] == want[1] or (pd.isna(got[1])
                                                                 and pd.isna(want[1]))), s
    for name in ("csv_us", "rfc2822", "spelled"):
        col = corpus(name)[:50]
        want = pd.tseries.api.guess_datetime_format(col[0])
        with fastdt.patch_dateutil():
            assert pd.tseries.api.guess_datetime_format(col[0]) == want


def test_pandas_runs_on_fastdt(monkeypatch):
    # pandas bound DEFAULTPARSER at import; with dateutil's own grammar
    # sabotaged, format="mixed" still parses: it ran on fastdt.
    def boom(*args, **kwargs):
        raise AssertionError("dateutil's own parser code ran")
    col = pd.Series(corpus("rfc2822")[:200])
    want = pd.to_datetime(col, format="mixed", utc=True)
    monkeypatch.setattr(du_parser_mod.parser, "_parse_numeric_token", boom)
    monkeypatch.setattr(du_parser_mod._timelex, "split", boom)
    with pytest.raises(AssertionError, match="dateutil's own parser code ran"):
        pd.to_datetime(col, format="mixed", utc=True)
    with fastdt.patch_dateutil():
        got = pd.to_datetime(col, format="mixed", utc=True)
    pd.testing.assert_series_equal(got, want)
    assert not np.any(got.isna())
