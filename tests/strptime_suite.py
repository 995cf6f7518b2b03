"""Run CPython's own Lib/test/test_strptime.py, plainly or with fastdt in
place of ``_strptime._strptime_datetime`` (what ``datetime.strptime``
calls) and of ``_strptime._strptime``, the core under it that the suite
itself calls (directly, and through ``time.strptime``; it never calls
``datetime.strptime``), and print each test's outcome as JSON
(tests/test_fastdt_strptime.py runs it in a subprocess, once each way), with
how many calls the compiled matcher answered.

In "patch" mode the suite runs under ``fastdt.patch_strptime()`` itself,
which replaces ``_strptime._strptime_datetime`` and
``_strptime._strptime_time`` (the functions C's ``datetime.strptime`` and
``time.strptime`` call, and which the suite calls directly) and leaves the
core ``_strptime._strptime`` as CPython's.  The two stand-ins are wrapped
in counters before the patch installs them (the wrappers only count).

    python tests/strptime_suite.py plain|fastdt|patch
"""
import json
import sys
import unittest

import _strptime


def main(mode):
    try:
        import test.test_strptime as suite
    except ImportError as exc:     # a Python built without its test package
        print(json.dumps({"error": "no test.test_strptime: %s" % exc}))
        return
    answered = {"calls": 0, "compiled": 0}
    if mode == "fastdt":
        import fastdt._strp
        _strptime._strptime_datetime = fastdt._strp._strptime_datetime
        core = fastdt._strp._strptime_tuple

        def counted(data_string, format="%a %b %d %H:%M:%S %Y"):
            answered["calls"] += 1
            try:
                if fastdt._strp._match_status(data_string, format) is not None:
                    answered["compiled"] += 1
            except Exception:           # bad arguments: core raises what CPython does
                pass
            return core(data_string, format)
        _strptime._strptime = counted
    elif mode == "patch":
        import fastdt
        import fastdt._strp
        real_time, real_datetime = fastdt._strp._strptime_time, fastdt._strp._strptime_datetime

        def count(data_string, format):
            answered["calls"] += 1
            try:
                if fastdt._strp._match_status(data_string, format) is not None:
                    answered["compiled"] += 1
            except Exception:           # bad arguments: the stand-in raises CPython's
                pass

        def counted_time(data_string, format="%a %b %d %H:%M:%S %Y"):
            count(data_string, format)
            return real_time(data_string, format)

        def counted_datetime(cls, data_string, format="%a %b %d %H:%M:%S %Y"):
            count(data_string, format)
            return real_datetime(cls, data_string, format)
        fastdt._strp._strptime_time = counted_time
        fastdt._strp._strptime_datetime = counted_datetime
        fastdt.patch_strptime()
    outcomes = {}

    class Result(unittest.TestResult):
        def addSuccess(self, test):
            outcomes[test.id()] = "pass"

        def addFailure(self, test, err):
            outcomes[test.id()] = "fail: %s" % self._exc_info_to_string(err, test)[-2000:]

        def addError(self, test, err):
            outcomes[test.id()] = "error: %s" % self._exc_info_to_string(err, test)[-2000:]

        def addSkip(self, test, reason):
            outcomes[test.id()] = "skip: %s" % reason

        def addExpectedFailure(self, test, err):
            outcomes[test.id()] = "expected failure"

        def addUnexpectedSuccess(self, test):
            outcomes[test.id()] = "unexpected success"

    tests = unittest.defaultTestLoader.loadTestsFromModule(suite)
    tests.run(Result())
    if mode == "fastdt":
        patched = _strptime._strptime_datetime is not fastdt_original()
    elif mode == "patch":
        import fastdt
        patched = (fastdt.is_strptime_patched()
                   and _strptime._strptime_time is fastdt._strp._strptime_time
                   and _strptime._strptime_datetime is fastdt._strp._strptime_datetime)
    else:
        patched = None
    print(json.dumps({"outcomes": outcomes, "patched_at_end": patched,
                      "answered": answered, "python": sys.version}))


def fastdt_original():
    import fastdt._strp
    return fastdt._strp._cpython_strptime_datetime


if __name__ == "__main__":
    main(sys.argv[1])
