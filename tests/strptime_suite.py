"""Run CPython's own Lib/test/test_strptime.py, plainly or with fastdt in
place of ``_strptime._strptime_datetime`` (what ``datetime.strptime``
calls) and of ``_strptime._strptime``, the core under it that the suite
itself calls (directly, and through ``time.strptime``; it never calls
``datetime.strptime``), and print each test's outcome as JSON
(tests/test_fastdt_strptime.py runs it in a subprocess, once each way), with
how many calls the compiled matcher answered.

    python tests/strptime_suite.py plain|fastdt
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
    patched = _strptime._strptime_datetime is not fastdt_original() if mode == "fastdt" else None
    print(json.dumps({"outcomes": outcomes, "patched_at_end": patched,
                      "answered": answered, "python": sys.version}))


def fastdt_original():
    import fastdt._strp
    return fastdt._strp._cpython_strptime_datetime


if __name__ == "__main__":
    main(sys.argv[1])
