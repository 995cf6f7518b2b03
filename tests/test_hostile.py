"""Inputs aimed at fastdt's C paths, each answered as dateutil answers it.

Complements the bad-input tests: here the point is the machinery -- the
48-token stack array and its heap growth, the 256-code-point NUL-stripping
copy, megabyte inputs, 10^5 tokens, numbers hundreds or thousands of digits
long in every field position, the 64-code-point word buffer and str kinds
1/2/4 -- and that the heap paths give their memory back.
"""
import gc
import os
import subprocess
import sys
import tempfile
import textwrap

import pytest
import dateutil.parser as du

import fastdt
from bench.longrun import rss_bytes
import oracle


def _outcome(fn, s, kw):
    # oracle.outcome records the call's warnings too (an unknown zone name):
    # both sides must give the same ones
    rec = oracle.outcome(fn, s, **kw)
    if rec.kind == "exception":
        kind = "ParserError" if isinstance(rec.raw, du.ParserError) else rec.exc_type
        return ("raises", kind, rec.warnings)
    r, tokens = rec.raw if isinstance(rec.raw, tuple) else (rec.raw, None)
    return ("ok", repr(r), type(r.tzinfo).__name__, r.utcoffset(), tokens, rec.warnings)


def same(s, **kw):
    expected = _outcome(du.parse, s, kw)
    got = _outcome(fastdt.parse, s, kw)
    assert got == expected, (repr(s)[:200], kw)
    return got


KWSETS = [{}, {"fuzzy": True}, {"fuzzy_with_tokens": True, "dayfirst": True}]


# --- the stack token array (48) and its heap growth ------------------------

@pytest.mark.parametrize("k", [1, 20, 23, 24, 25, 44, 45, 46, 47, 48, 49, 50, 95, 96, 97,
                               98, 191, 192, 193, 1000])
def test_token_counts_around_the_inline_array(k):
    # each space, comma and letter run is one token
    same(" " * k + "2003-09-25 10:49:41")
    same("2003-09-25 10:49:41" + " " * k)
    same("Sep 25 2003" + " ," * k)
    same("x " * k + "Sep 25 2003 10:49", fuzzy=True)
    same("x " * k + "Sep 25 2003 10:49", fuzzy_with_tokens=True)
    same("Sep" + " of" * k + " 2003", fuzzy_with_tokens=True)
    same("1 " * (k % 7) + "x" * k)
    same(("10:" * k) + "10")


def test_ten_to_the_five_tokens():
    same(", " * 50000 + "Sep 25 2003")
    same("Sep 25 2003" + " ," * 50000, dayfirst=True)
    same("a " * 50000 + "10:49", fuzzy_with_tokens=True)
    same("a " * 50000)
    same("-" * 100000 + "2003")


# --- NULs: dropped before lexing, copied when > 256 code points ------------

@pytest.mark.parametrize("length", [1, 2, 254, 255, 256, 257, 258, 300, 4096])
@pytest.mark.parametrize("extra", ["", "\u20ac", "\U0001d7d8"])
def test_nuls_around_the_inline_copy(length, extra):
    core = "\x00".join("2003-09-25 10:49:41")          # NULs inside every token
    pad = length - len(core) - len(extra)
    for s in (core + extra + " " * max(pad, 0),
              " " * max(pad, 0) + extra + core,
              "\x00" * max(length - 4, 0) + "2003",
              extra + "1\x002" + "\x00" * length + ":3\x004"):
        for kw in KWSETS:
            same(s, **kw)


def test_long_nul_strings():
    core = "\x00".join("2003-09-25 10:49:41")
    same(core + " \x00" * 50000)
    same("\x00x" * 50000 + core, fuzzy_with_tokens=True)


def test_only_nuls():
    for n in (1, 255, 256, 257, 10000):
        same("\x00" * n)
        same("\x00" * n, fuzzy=True)


# --- megabyte inputs --------------------------------------------------------

# scripts/sanitize.sh sets FASTDT_SANITIZE_RUN=1: under ASan with
# PYTHONMALLOC=malloc, dateutil's pure-Python lexer is ~20x slower, so the
# megabyte cases shrink to 64 KB there (the C paths taken are the same).
MB = 1 << 16 if os.environ.get("FASTDT_SANITIZE_RUN") else 1 << 20


@pytest.mark.parametrize("make", [
    lambda: " " * (MB // 8) + "2003-09-25",          # one token per space:
    lambda: "2003-09-25 10:49" + " " * (MB // 8),    # dateutil is slow on these
    lambda: "a" * MB,
    lambda: "Sep 25 2003 " + "x" * MB,
    lambda: "\x00" * MB + "2003-09-25",
    lambda: "9" * 30000,                             # int() is quadratic
    lambda: "\u0436" * MB + " Sep 25",
    lambda: ("Sep 25 2003 ".encode() + b"z" * MB),
], ids=["lead-space", "trail-space", "letters", "long-word", "nuls", "digits", "kind2",
        "bytes"])
def test_megabyte_inputs(make):
    same(make(), fuzzy=True)


def test_megabyte_fuzzy_with_tokens():
    same("Sep 25 2003 " + "x" * MB, fuzzy_with_tokens=True)


# --- huge numbers in every field position -----------------------------------

TEMPLATES = [
    "{} Sep 2003", "Sep {} 2003", "Sep 25 {}", "{}", "{}/09/2003", "09/{}/2003",
    "09/25/{}", "{}-09-25", "2003-{}-25", "2003-09-{}", "{}:10", "10:{}", "10:10:{}",
    "10:10:10.{}", "10:10:{}.5", "{}h", "10h{}m", "10h10m{}s", "{} h 10", "{}am",
    "{} pm", "{} of Sep", "{}.5", "0.{}", "{}T10", "2003-09-25T{}", "10:10 +{}",
    "10:10 -{}", "10:10 UTC+{}", "Sep.{}.2003", "{}st of May", "{},5", "{} {} {}",
]
NUMBERS = ["9" * 19, "9223372036854775807", "9223372036854775808", "1" + "0" * 19,
           "9" * 28, "9" * 29, "0" * 100 + "7", "9" * 100, "1" * 300, "9" * 4300]


@pytest.mark.parametrize("template", TEMPLATES)
def test_huge_numbers_in_every_position(template):
    for num in NUMBERS:
        s = template.replace("{}", num)
        same(s)
        same(s, fuzzy=True)
        same(s, dayfirst=True, yearfirst=True)


# --- token kinds at their limits -------------------------------------------

@pytest.mark.parametrize("n", [1, 5, 6, 16, 17, 63, 64, 65, 200])
def test_word_lengths(n):
    # MAX_WORD (64) code points are lowered on the stack; longer words and the
    # code points whose lowering is not one-to-one go through Python
    for word in ("a" * n, "S" + "e" * n, "\u0130" * n, "\u03a3" * n, "\U00010400" * n,
                 ("Sep" * n)[:n]):
        for s in (word, word + " 25 2003", "25 " + word + " 2003 10:00 " + word):
            same(s)
            same(s, fuzzy_with_tokens=True)
            same(s, tzinfos={word: 3600})


@pytest.mark.parametrize("s", [
    "10,5", "10,5,5", "1,2.3", "12,5.3", "1.a", "a.1", "1.", "a.", ".1", "1..2", "Sep.25.2003",
    "Sep..25", "10:00.", "10.00.00", "4:30:21.447", "4:30:21,447", "1\u00b2", "\u0663\u0663",
    "\uff13\uff10", "\U0001d7d8\U0001d7d9:30", "10\u00a0Sep", "10\u200bSep", "10\ufeffSep",
    "Sep\x1c25", "\ud800 Sep 25", "Sep 25 \udfff", "12\u2028am", "a\u0345", "\u01c5 25 Sep",
    "+-10:00", "--10", "10:00 +", "10:00 -", "10:00 +0", "10:00 (", "(10:00)", "UTC+",
    "GMT+-3", "10:00 ABCDE", "10:00 ABCDEF", "10:00 A+3", "10:00 Z+0300",
])
def test_token_kind_edges(s):
    for kw in KWSETS:
        same(s, **kw)
    same(s.encode("utf-8", "surrogatepass"), fuzzy=True)


# A number longer than sys.get_int_max_str_digits() makes dateutil's int()
# raise ValueError, which its _parse turns into "Unknown string format".
@pytest.mark.parametrize("template", ["09/25/{}", "{}-09-25", "10:10:{}", "10:10:{}.5",
                                      "10h10m{}s"])
def test_more_digits_than_int_max_str_digits(template):
    same(template.replace("{}", "9" * (sys.get_int_max_str_digits() + 1)))


def _child_env():
    # the child must import the very fastdt this process tests (installed, or
    # built in place), never an uncompiled source tree from its cwd
    env = dict(os.environ)
    root = os.path.dirname(os.path.dirname(os.path.abspath(fastdt.__file__)))
    env["PYTHONPATH"] = root + os.pathsep + env.get("PYTHONPATH", "")
    return env


def test_many_ymd_values_then_month():
    """Regression: YMD keeps 4 values, and _ymd_could_be_day once indexed
    ymd.v[ymd.mstr] with mstr >= 4 (an out-of-bounds stack read, a segfault
    for large indexes).  Run in a child so a crash fails only this test."""
    code = textwrap.dedent("""
        import fastdt, dateutil.parser as du
        for s in ["1 2 3 4 Sep 5x", "1 " * 3000 + "Sep 5x", "1 " * 3000 + "2003 Sep 5x"]:
            for kw in ({}, {"fuzzy": True}):
                def run(f):
                    try:
                        return repr(f(s, **kw))
                    except Exception as e:
                        return "ParserError" if isinstance(e, du.ParserError) else type(e).__name__
                assert run(fastdt.parse) == run(du.parse), s[:40]
        print("ok")
    """)
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                       timeout=120, cwd=tempfile.gettempdir(), env=_child_env())
    assert p.returncode == 0 and p.stdout.strip() == "ok", (p.returncode, p.stderr[-2000:])


# --- heap paths give their memory back --------------------------------------

@pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="needs /proc")
def test_heap_paths_do_not_grow_memory():
    # > 48 tokens, > 256 code points with NULs, fuzzy tokens: every heap path,
    # on success and on failure.  A leak of these buffers would be ~100 KB per
    # call, so 10^4 calls would grow RSS by ~1 GB; allow 32 MB of noise.
    ok = "Sep 25 2003\x00 10:49 " + "x " * 2000
    bad = "\x00".join("x y z " * 500)
    inputs = [(ok, {"fuzzy": True}), (ok, {"fuzzy_with_tokens": True}), (bad, {}),
              (ok.encode("ascii"), {"fuzzy": True})]
    for s, kw in inputs:       # warm up caches and allocator pools
        for _ in range(200):
            try:
                fastdt.parse(s, **kw)
            except ValueError:
                pass
    gc.collect()
    before = rss_bytes()
    for i in range(10000):
        s, kw = inputs[i % len(inputs)]
        try:
            fastdt.parse(s, **kw)
        except ValueError:
            pass
    gc.collect()
    grown = rss_bytes() - before
    assert grown < 32 * MB, "RSS grew by %.1f MB over 10^4 heap-path calls" % (grown / MB)
