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


def test_single_format_section_runs():
    """The single-format rows: every format measured against each peer, the
    fast path's share reported (it answers the non-ISO columns)."""
    result = columns.measure_single_format(quick=True, rounds=1, log=lambda *a, **k: None)
    rows = result["rows"]
    assert [r["name"] for r in rows] == [f[0] for f in columns.SINGLE_FORMATS]
    for row in rows:
        assert set(row["ns"]) == {"fastdt", "fastdt_series", "fastdt_off", "pandas",
                                  "polars", "pyarrow"}
        assert all(v > 0 for v in row["ns"].values())
        assert row["hit_rate"] > (0.9 if row["name"] != "ISO 8601" else -1)
    text = columns.render_single_format(result)
    assert text.count("\n| ") == 1 + len(rows)     # the header, then one per column
