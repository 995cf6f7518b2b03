"""UnknownTimezoneWarning: filtered, shown and deduplicated as dateutil's own.

dateutil users silence the warning by category, or by module
(``warnings.filterwarnings("ignore", module="dateutil")``, ``-W
ignore:::dateutil.parser._parser``).  dateutil warns with ``stacklevel=1``,
so its warning belongs to ``dateutil.parser._parser``; fastdt's must be
attributed the same way (fastdt/_warnings.py).  Every case runs the same
calls through dateutil and fastdt, live, and compares what each filter let
through: category, message, module-derived fields (filename, line) and
count, or the exception an "error" filter raised.
"""
import os
import subprocess
import sys
import textwrap
import warnings

import pytest
from dateutil.parser import UnknownTimezoneWarning
from dateutil.parser import _parser as du_parser_module

import fastdt
import oracle

TEXT = "Thu Sep 25 10:36:28 XYZT 2003"      # a zone name nobody knows
OTHER = "Thu Sep 25 10:36:28 QQQT 2003"

FILTERS = {
    "default": [],
    "category": [dict(action="ignore", category=UnknownTimezoneWarning)],
    "module=dateutil": [dict(action="ignore", module="dateutil")],
    "module=dateutil.parser": [dict(action="ignore", module="dateutil.parser")],
    "module=exact": [dict(action="ignore", module=r"dateutil\.parser\._parser$")],
    "module=caller": [dict(action="ignore", module=__name__)],
    "module=fastdt": [dict(action="ignore", module="fastdt")],
    "message": [dict(action="ignore", message="tzname XYZT identified")],
    "category+module": [dict(action="ignore", category=UnknownTimezoneWarning,
                             module="dateutil")],
    "always": [dict(action="always")],
    "once": [dict(action="once")],
    "module-action": [dict(action="module")],
    "error-category": [dict(action="error", category=UnknownTimezoneWarning)],
    "error-module": [dict(action="error", module="dateutil")],
    "error-other-module": [dict(action="error", module="elsewhere")],
}

CALLS = {
    "parse": (oracle.DU_PARSE, fastdt.parse),
    "Parser.parse": (oracle.DU_PARSER().parse, fastdt.Parser().parse),
    "parse-fuzzy": (lambda s: oracle.DU_PARSE("at " + s, fuzzy=True),
                    lambda s: fastdt.parse("at " + s, fuzzy=True)),
}


def _observe(func, filters):
    """Call func on TEXT, TEXT, OTHER under `filters`; what got through."""
    du_parser_module.__dict__.pop("__warningregistry__", None)
    warnings.onceregistry.clear()                   # "once" remembers across calls
    with warnings.catch_warnings(record=True) as caught:
        warnings.resetwarnings()
        warnings.simplefilter("default")            # the interpreter's default
        for spec in reversed(filters):
            warnings.filterwarnings(**spec)
        raised = []
        for text in (TEXT, TEXT, OTHER):
            try:
                func(text)
            except Warning as exc:
                raised.append((type(exc), str(exc)))
    du_parser_module.__dict__.pop("__warningregistry__", None)
    shown = [(w.category, str(w.message), w.filename, w.lineno) for w in caught]
    return shown, raised


@pytest.mark.parametrize("call", sorted(CALLS))
@pytest.mark.parametrize("name", sorted(FILTERS))
def test_filters_treat_fastdt_as_dateutil(name, call):
    du_func, fast_func = CALLS[call]
    expected = _observe(du_func, FILTERS[name])
    got = _observe(fast_func, FILTERS[name])
    assert got == expected


def test_the_cases_tell_filters_apart():
    """The comparison is not vacuous: dateutil's own results differ by filter."""
    shown_default, _ = _observe(oracle.DU_PARSE, FILTERS["default"])
    shown_module, _ = _observe(oracle.DU_PARSE, FILTERS["module=dateutil"])
    shown_caller, _ = _observe(oracle.DU_PARSE, FILTERS["module=caller"])
    shown_always, _ = _observe(oracle.DU_PARSE, FILTERS["always"])
    _, raised = _observe(oracle.DU_PARSE, FILTERS["error-module"])
    assert len(shown_default) == 2            # TEXT twice is shown once, OTHER once
    assert len(shown_always) == 3
    assert shown_module == []
    assert shown_caller == shown_default      # dateutil's is not attributed to its caller
    assert [t for t, _ in raised] == [UnknownTimezoneWarning] * 3
    assert shown_default[0][2] == du_parser_module.__file__


def _run(code, *args):
    env = dict(os.environ)
    env.pop("PYTHONWARNINGS", None)
    root = os.path.dirname(os.path.dirname(fastdt.__file__))
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [root, env.get("PYTHONPATH")]))
    proc = subprocess.run([sys.executable, *args, "-c", textwrap.dedent(code)],
                          capture_output=True, text=True, env=env, cwd=root)
    assert proc.returncode == 0, proc.stderr
    return proc.stderr


SCRIPT = """
    import sys
    if sys.argv[1] == "fastdt":
        from fastdt import parse
    else:
        from dateutil.parser import parse
    parse("%s")
""" % TEXT


@pytest.mark.parametrize("options", [
    [],
    ["-W", "ignore:::dateutil.parser._parser"],
    ["-W", "ignore::RuntimeWarning"],
    ["-W", "ignore:::__main__"],
], ids=["default", "W-module", "W-category", "W-main"])
def test_command_line_filters_and_output_match_dateutil(options):
    """-W filters, and the printed warning (file, line, source line) are dateutil's."""
    expected = _run(SCRIPT.replace("sys.argv[1]", '"dateutil"'), *options)
    got = _run(SCRIPT.replace("sys.argv[1]", '"fastdt"'), *options)
    assert got == expected
    if options and options[1] != "ignore:::__main__":
        assert got == ""
    else:
        assert "UnknownTimezoneWarning: tzname XYZT identified" in got


# --- "ignore" known without calling warn_explicit (fastdt._build._still_ignored)

def _ignore_then_change(func):
    """Steps around a cached "ignore": after each, what was shown or raised
    and dateutil's registry (its entries, and its version relative to the
    first step's)."""
    du_parser_module.__dict__.pop("__warningregistry__", None)
    warnings.onceregistry.clear()
    seen = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.resetwarnings()

        def step(name, *texts):
            raised = []
            for text in texts:
                try:
                    func(text)
                except Warning as exc:
                    raised.append(type(exc).__name__)
            registry = du_parser_module.__dict__.get("__warningregistry__", {})
            seen.append((name, [str(w.message)[:11] for w in caught], raised,
                         sorted(repr(k) for k in registry if k != "version")))
            del caught[:]

        warnings.simplefilter("ignore")
        step("ignored", TEXT, TEXT, OTHER, TEXT)
        warnings.simplefilter("default")
        step("shown once each", TEXT, TEXT, OTHER)
        warnings.simplefilter("ignore")
        step("ignored again", TEXT, OTHER, TEXT)
        with warnings.catch_warnings():
            pass                                     # replaces, restores the list
        step("after catch_warnings", TEXT)
        warnings.filters.insert(0, ("default", None, Warning, None, 0))   # no API
        step("list edited in place", TEXT, TEXT)
        del warnings.filters[0]
        step("edit undone", TEXT)
        warnings.filterwarnings("default", message="tzname QQQT")
        step("a filter for one message", TEXT, OTHER, OTHER)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            step("ignored inside catch_warnings", TEXT, OTHER)
        step("after it", TEXT, OTHER)
        warnings.simplefilter("error", append=True)
        step("appended error filter", TEXT)
        warnings.filterwarnings("error", module="dateutil")
        step("error", TEXT)
    du_parser_module.__dict__.pop("__warningregistry__", None)
    return seen


@pytest.mark.parametrize("call", sorted(CALLS))
def test_a_known_ignore_follows_every_filter_change(call):
    du_func, fast_func = CALLS[call]
    expected = _ignore_then_change(du_func)
    assert _ignore_then_change(fast_func) == expected
    # and the steps do change what gets through
    assert [len(shown) + len(raised) for _, shown, raised, _ in expected] == [
        0, 2, 0, 0, 1, 0, 1, 0, 1, 0, 1]


def test_a_filter_that_runs_user_code_is_always_asked():
    """No answer is cached past a filter whose match() is user code: it is
    called on every warning, as warn_explicit calls it."""
    calls = []

    class CountingPattern:
        def match(self, text):
            calls.append(text)
            return None

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        warnings.filters.insert(0, ("default", CountingPattern(), Warning, None, 0))
        for _ in range(3):
            fastdt.parse(TEXT)
    assert len(calls) == 3


# --- the message cache: one entry per zone name (fastdt._build._warn_entry) ---

def _names(count, seed):
    import random
    rng = random.Random(seed)
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    names = set()
    while len(names) < count:
        names.add("".join(rng.choice(letters) for _ in range(rng.randrange(3, 6))))
    return sorted(names)


def _messages(func, texts):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for text in texts:
            func(text)
    return [(w.category, str(w.message)) for w in caught]


@pytest.mark.parametrize("count", [18, 63, 200])
def test_warning_messages_match_dateutil_for_many_names(count):
    """Names in random order, more than the cache holds too: every warning
    is dateutil's, in order (a stale or half-written entry would show)."""
    import random
    from dateutil.parser import parse as du_parse
    names = _names(count, count)
    order = [random.Random(count).choice(names) for _ in range(4 * count)]
    texts = ["Sep 25 2003 10:49 %s" % name for name in order]
    assert _messages(fastdt.parse, texts) == _messages(du_parse, texts)


def test_the_cache_keeps_every_name_of_a_small_set():
    """18 names cycling (issue 18's corpus) stay cached: none is evicted
    by another, each is held once."""
    from fastdt import _build
    names = _names(18, 7)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for _ in range(3):
            for name in names:
                fastdt.parse("10:49 " + name)
    held = _build._warn_cache_names()
    assert len(held) == len(set(held))
    assert set(names) <= set(held)
