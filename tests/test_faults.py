"""Allocation failure (issue 15): CPython's fault-injection hook
(``_testcapi.set_nomemory``) makes one allocation fail during a call.

The faulted call must raise MemoryError or give the normal answer, the
process must live, and later calls with no fault must give the normal
answers (no cache left half-filled).  Each sweep runs in a subprocess so
that a crash fails one test instead of killing the run.
"""
import os
import subprocess
import sys
import textwrap

import pytest

_testcapi = pytest.importorskip("_testcapi")


def _run(script, timeout=300):
    proc = subprocess.run([sys.executable, "-X", "faulthandler", "-c", textwrap.dedent(script)],
                          capture_output=True, text=True, timeout=timeout,
                          cwd=os.path.dirname(os.path.abspath(__file__)))
    assert proc.returncode == 0, (proc.returncode, proc.stdout[-2000:], proc.stderr[-4000:])
    return proc.stdout


def test_parsed_fields_methods_under_fault_leave_the_heap_whole():
    # The reproducer: Cython 3.3.0/3.3.1 list comprehensions
    # released an item twice when the list could not grow, and a later,
    # unfaulted call died in pymalloc.
    out = _run("""
        import _testcapi, fastdt
        a = fastdt.parse_fields("Sep 25 2003 10:49 PM"); b = fastdt.parse_fields("Sep 25 2003 10:49 PM")
        for k in range(60):
            _testcapi.set_nomemory(k, k + 1)
            try:
                a == b; hash(a); a._asdict(); tuple(a); repr(a)
            except MemoryError:
                pass
            finally:
                _testcapi.remove_mem_hooks()
            for _ in range(200):
                assert all([fastdt.parse_fields("Sep 25 2003 10:49 PM") == a for _ in range(5)])
        print("ok")
    """)
    assert out.strip() == "ok"
