"""Allocations per call and peak memory, measured with memray.

Follows /work/shared/allocation-testing.md:
- ``trace_python_allocators=True``, else pymalloc's small objects are
  invisible (they come out of arenas memray sees only as one mmap);
- the parser is called directly from a compiled loop (no lambda: under
  memray's profile hook every Python-level call allocates a frame);
- the loop iterates a prepared list (``range`` above 256 allocates ints);
- warm up first, then count N calls and 2N calls and report
  (count(2N) - count(N)) / N, which cancels the one-off costs of the
  tracker, the loop and the first-call caches.
Standard library plus optional memray: the dateutil_rs worker uses it too.
"""
import os
import tempfile

from bench.timing import compile_loop

try:
    import memray
except ImportError:  # reported by the caller as a skipped measurement
    memray = None

_ALLOCATING = None
_COLLECT_TEMPLATE = """\
def collect(f, items):
    return [{call} for s in items]
"""


def available():
    return memray is not None


def _allocating_types():
    global _ALLOCATING
    if _ALLOCATING is None:
        kinds = memray.AllocatorType
        names = ["MALLOC", "CALLOC", "REALLOC", "POSIX_MEMALIGN", "ALIGNED_ALLOC",
                 "MEMALIGN", "VALLOC", "PVALLOC", "MMAP",
                 "PYMALLOC_MALLOC", "PYMALLOC_CALLOC", "PYMALLOC_REALLOC"]
        _ALLOCATING = {getattr(kinds, n) for n in names if hasattr(kinds, n)}
    return _ALLOCATING


def _tracked(run):
    """Run ``run()`` under a memray Tracker; return the capture's FileReader path."""
    fd, path = tempfile.mkstemp(suffix=".bin", prefix="bench-memray-")
    os.close(fd)
    os.unlink(path)  # memray refuses to overwrite an existing file
    with memray.Tracker(path, trace_python_allocators=True):
        run()
    return path


def _count_allocations(loop, func, items):
    path = _tracked(lambda: loop(func, items, (None,)))
    try:
        reader = memray.FileReader(path)
        allocating = _allocating_types()
        total = sum(r.n_allocations for r in reader.get_allocation_records()
                    if r.allocator in allocating)
        reader.close()
        return total
    finally:
        os.unlink(path)


def allocations_per_call(func, call_src, items, parses_per_pass):
    """Allocations one parse makes, from count(2N) - count(N)."""
    loop = compile_loop(call_src)
    loop(func, items, (None, None))  # warm-up: caches, interned strings
    single = _count_allocations(loop, func, items)
    double = _count_allocations(loop, func, items + items)
    return (double - single) / parses_per_pass


def peak_memory(func, call_src, items):
    """Peak heap bytes while parsing ``items`` and keeping every result.

    The input list exists before tracking starts, so this is what the
    parser and its answers add on top of the data.
    """
    namespace = {}
    exec(_COLLECT_TEMPLATE.format(call=call_src), namespace)
    collect = namespace["collect"]
    collect(func, items[:50])  # warm-up outside the tracker
    kept = []
    path = _tracked(lambda: kept.append(collect(func, items)))
    try:
        reader = memray.FileReader(path)
        peak = reader.metadata.peak_memory
        reader.close()
        return peak
    finally:
        os.unlink(path)
