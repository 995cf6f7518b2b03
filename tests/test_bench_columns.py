"""Smoke test of bench/columns.py: it runs end to end and its rows are sane.

Speed is never asserted (a shared machine); only that each ratio was
measured and the answers were checked before timing (measure raises if
parse_array differs from ``[fastdt.parse(s) for s in col]`` or threads=2
from threads=1).
"""
import pytest

pytest.importorskip("pandas")
pytest.importorskip("pyarrow")

# bench/ is importable: conftest.py puts the repository root on sys.path
from bench import columns  # noqa: E402


def test_columns_section_runs():
    result = columns.measure(quick=True, rounds=1, log=lambda *a, **k: None)
    rows = result["rows"]
    assert len(rows) == 4
    for row in rows:
        assert row["ratio"] > 0 and row["parse_array_ns"] > 0
    text = columns.render(result)
    assert text.count("\n| `") == 4
