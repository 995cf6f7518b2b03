"""``parse_array`` makes no Python object (or any allocation) per element.

memray (Python allocators and native malloc both traced) counts every
allocation of one ``parse_array`` call on 2k strings and on 20k strings of
the same mix; the difference, per extra string, must be at most 0.01.
Buffers allocated once (the output, the validity bitmap, the tuple a list
is read through) cost the same for both sizes, so they cancel.
"""
import os
import sys
import warnings

import pytest

import fastdt
from fastdt import UnknownTimezoneWarning

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_parse_array import make_corpus  # noqa: E402
import oracle  # noqa: E402

memray = pytest.importorskip("memray")
pa = pytest.importorskip("pyarrow")
pytest.importorskip("numpy")

_ALLOCATING = {"PYMALLOC_MALLOC", "PYMALLOC_CALLOC", "PYMALLOC_REALLOC", "MALLOC",
               "CALLOC", "REALLOC", "POSIX_MEMALIGN", "ALIGNED_ALLOC", "MEMALIGN",
               "VALLOC", "PVALLOC", "MMAP"}
SMALL, LARGE = 2_000, 20_000


def _count(tmp_path, tag, column, kwargs):
    path = tmp_path / f"memray-{tag}.bin"
    with memray.Tracker(str(path), trace_python_allocators=True):
        fastdt.parse_array(column, **kwargs)
    return sum(r.n_allocations for r in memray.FileReader(str(path)).get_allocation_records()
               if memray.AllocatorType(r.allocator).name in _ALLOCATING)


def _corpus(n):
    # the held-back mix, bad rows and None included; the mix is the same
    # for both sizes (the small one repeated), so only the size differs
    # (leaving out a capital sigma: str.lower() decides how it lowers, so the
    # element goes through Parser.parse, allowed to allocate)
    base = [v for v in make_corpus(SMALL, seed=7_2026) if v is None or "\u03a3" not in v]
    return (base * (n // SMALL + 1))[:n]


@pytest.mark.parametrize("kind", ["list", "arrow"])
@pytest.mark.parametrize("kwargs", [dict(utc=True, errors="coerce"),
                                    dict(utc=True, errors="coerce", unit="ns", fuzzy=True,
                                         tzinfos={"BRST": -10800, "CET": 3600})],
                         ids=["plain", "ns-fuzzy-tzinfos"])
def test_allocations_flat_in_n(tmp_path, kind, kwargs):
    make = (lambda v: v) if kind == "list" else (lambda v: pa.array(v, type=pa.string()))
    small, large = make(_corpus(SMALL)), make(_corpus(LARGE))
    with oracle.tz_env("UTC"), warnings.catch_warnings():
        warnings.simplefilter("ignore", UnknownTimezoneWarning)
        kwargs = dict(kwargs, threads=1)
        fastdt.parse_array(small, **kwargs)      # warm-up: caches, interned names
        fastdt.parse_array(large, **kwargs)
        counts = []
        for tag, column in (("small", small), ("large", large)):
            counts.append(_count(tmp_path, f"{kind}-{tag}", column, kwargs))
    per_extra = (counts[1] - counts[0]) / (LARGE - SMALL)
    assert per_extra <= 0.01, (counts, per_extra)
