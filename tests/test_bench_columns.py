"""Smoke test of bench/columns.py: it runs end to end and its rows are sane.

Speed is never asserted (a shared machine); only that each ratio was
measured and the answers were checked before timing (measure raises if
parse_array differs from ``[fastdt.parse(s) for s in col]`` or threads=2
from threads=1).
"""
import importlib.util
import pathlib
import sys

import pytest

pytest.importorskip("pandas")
pytest.importorskip("pyarrow")

_BENCH = pathlib.Path(__file__).resolve().parents[1] / "bench"
if "bench" not in sys.modules:
    _spec = importlib.util.spec_from_file_location(
        "bench", _BENCH / "__init__.py", submodule_search_locations=[str(_BENCH)])
    _module = importlib.util.module_from_spec(_spec)
    sys.modules["bench"] = _module
    _spec.loader.exec_module(_module)

from bench import columns  # noqa: E402


def test_columns_section_runs():
    result = columns.measure(quick=True, rounds=1, log=lambda *a, **k: None)
    rows = result["rows"]
    assert len(rows) == 4
    for row in rows:
        assert row["ratio"] > 0 and row["parse_array_ns"] > 0
    text = columns.render(result)
    assert text.count("\n| `") == 4
