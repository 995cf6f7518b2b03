"""The fuzzer's option sets, mismatch classes, minimisation and findings.

What counts as "the same answer" is decided by the one oracle the tests use,
``tests/oracle.py`` (value with every field, fold and tzinfo; exception type,
message, repr and ``__cause__``; warnings).  Here its differences are sorted
into two severities:

* hard: a different kind of outcome, value, or exception type/class;
* soft: the same exception with another message, repr or cause, or other
  warnings.
"""
import datetime
import io
import json
import os
import re
import time
import warnings

import dateutil.parser as du
from dateutil import tz

import fastdt
from tests import oracle     # the repository root is on sys.path (fuzz_parse.py)


# --- option sets ------------------------------------------------------------

class GermanInfo(du.parserinfo):
    """A custom parserinfo: other month/weekday names, extra jump words,
    a tz table, non-default AM/PM and UTC names, dayfirst by default."""
    JUMP = du.parserinfo.JUMP + ["um", "uhr", "den", "der"]
    WEEKDAYS = [("Mo", "Montag"), ("Di", "Dienstag"), ("Mi", "Mittwoch"),
                ("Do", "Donnerstag"), ("Fr", "Freitag"), ("Sa", "Samstag"),
                ("So", "Sonntag")]
    MONTHS = [("Jan", "Januar"), ("Feb", "Februar"), ("Mär", "März", "Mrz"),
              ("Apr", "April"), ("Mai",), ("Jun", "Juni"), ("Jul", "Juli"),
              ("Aug", "August"), ("Sep", "Sept", "September"),
              ("Okt", "Oktober"), ("Nov", "November"), ("Dez", "Dezember")]
    HMS = [("h", "std", "stunde"), ("m", "min", "minute"), ("s", "sek", "sekunde")]
    AMPM = [("vm", "am"), ("nm", "pm")]
    UTCZONE = ["UTC", "GMT", "Z", "WEZ"]
    PERTAIN = ["of", "des"]
    TZOFFSET = {"BRST": -10800, "MEZ": 3600, "MESZ": 7200}

    def __init__(self):
        super().__init__(dayfirst=True, yearfirst=False)


class PivotInfo(du.parserinfo):
    """convertyear overridden in Python (a fixed 1900 century)."""
    def convertyear(self, year, century_specified=False):
        if year < 100 and not century_specified:
            year += 1900
        return year


def _tzinfos_callable(name, offset):
    if name is None:
        return None
    if name.startswith("X"):
        return None
    if name in ("EST", "EDT"):
        return "EST5EDT"
    if name in ("BRST", "BRT"):
        return -10800
    if len(name) == 4:
        return tz.tzoffset(name, 3600 * len(name))
    return tz.tzoffset(name, offset if offset is not None else 7200)


TZINFOS_DICT = {"BRST": -10800, "CST": tz.tzoffset("CST", -21600),
                "EST": "EST5EDT", "UTC": 0, "PDT": -25200, "A": 3600,
                "JST": tz.gettz("Asia/Tokyo") or 32400}

DEFAULT_NAIVE = datetime.datetime(2024, 2, 29, 13, 14, 15, 161718)
DEFAULT_AWARE = datetime.datetime(2003, 1, 31, tzinfo=tz.tzoffset("X", 3600))

class GermanInfoNoTZ(GermanInfo):
    TZOFFSET = {}


# Problems met while setting up (e.g. fastdt.Parser rejecting a parserinfo
# dateutil accepts); reported in the summary as findings of their own.
SETUP_PROBLEMS = []

GERMAN = GermanInfo()
try:
    FD_GERMAN = fastdt.Parser(GERMAN)
except Exception as e:
    SETUP_PROBLEMS.append(
        "fastdt.Parser(GermanInfo()) raised %s: %s (dateutil accepts it); "
        "fuzzing with TZOFFSET = {} instead" % (type(e).__name__, e))
    GERMAN = GermanInfoNoTZ()
    FD_GERMAN = fastdt.Parser(GERMAN)
DU_GERMAN = du.parser(GERMAN)
PIVOT = PivotInfo()
YF_INFO = du.parserinfo(dayfirst=True, yearfirst=True)
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    DU_PIVOT = du.parser(PIVOT)
    FD_PIVOT = fastdt.Parser(PIVOT)


def _mod(module, info=None):
    if info is None:
        return module.parse
    return lambda s, **kw: module.parse(s, parserinfo=info, **kw)


# name -> (dateutil callable, fastdt callable, kwargs)
OPTION_SETS = {
    "plain": (du.parse, fastdt.parse, {}),
    "dayfirst": (du.parse, fastdt.parse, {"dayfirst": True}),
    "yearfirst": (du.parse, fastdt.parse, {"yearfirst": True}),
    "dayfirst+yearfirst": (du.parse, fastdt.parse, {"dayfirst": True, "yearfirst": True}),
    "fuzzy": (du.parse, fastdt.parse, {"fuzzy": True}),
    "fuzzy_with_tokens": (du.parse, fastdt.parse, {"fuzzy_with_tokens": True}),
    "fuzzy_with_tokens+dayfirst": (du.parse, fastdt.parse,
                                   {"fuzzy_with_tokens": True, "dayfirst": True}),
    "ignoretz": (du.parse, fastdt.parse, {"ignoretz": True, "fuzzy": True}),
    "default": (du.parse, fastdt.parse, {"default": DEFAULT_NAIVE}),
    "default_aware+fuzzy": (du.parse, fastdt.parse, {"default": DEFAULT_AWARE, "fuzzy": True}),
    "tzinfos_dict": (du.parse, fastdt.parse, {"tzinfos": TZINFOS_DICT}),
    "tzinfos_callable+fuzzy": (du.parse, fastdt.parse,
                               {"tzinfos": _tzinfos_callable, "fuzzy": True}),
    "custom_parser": (DU_GERMAN.parse, FD_GERMAN.parse, {}),
    "custom_parser+fuzzy_with_tokens+tzinfos": (
        DU_GERMAN.parse, FD_GERMAN.parse,
        {"fuzzy_with_tokens": True, "tzinfos": TZINFOS_DICT}),
    "parse(parserinfo=dayfirst,yearfirst)": (_mod(du, YF_INFO), _mod(fastdt, YF_INFO), {}),
    "pivot_convertyear": (DU_PIVOT.parse, FD_PIVOT.parse, {"fuzzy": True}),
}


# --- outcomes ---------------------------------------------------------------

# oracle.mismatch() differences that make a mismatch hard
_HARD = ("kind:", "value differs", "exception type:", "exception class:")


def _record(o):
    """An oracle Outcome as a JSON-able dict for findings and summaries."""
    if o.kind == "exception":
        return {"exc": o.exc_type, "msg": o.exc_str, "repr": o.exc_repr,
                "cause": o.exc_cause, "warnings": [list(w) for w in o.warnings]}
    raw = o.raw
    dt, tokens = raw if isinstance(raw, tuple) else (raw, None)
    return {"repr": repr(dt), "tokens": repr(tokens), "value": repr(o.value),
            "warnings": [list(w) for w in o.warnings]}


def compare(name, s):
    """Return None if dateutil and fastdt agree on ``s`` under option set
    ``name`` (by the oracle); else a dict describing the difference."""
    du_call, fd_call, kw = OPTION_SETS[name]
    fast, ref, diffs = oracle.compare(fd_call, du_call, (s,), kw)
    if not diffs:
        return None
    hard = [d for d in diffs if d.startswith(_HARD)]
    part = ",".join(sorted({d.split(":")[0] for d in (hard or diffs)}))
    return {"severity": "hard" if hard else "soft", "part": part,
            "dateutil": _record(ref), "fastdt": _record(fast)}


def kind(d):
    return "ok" if "exc" not in d else d["exc"]


def class_key(diff):
    """Coarse mismatch class: what each side did and which part differs."""
    return "%s: dateutil=%s fastdt=%s [%s]" % (
        diff["severity"], kind(diff["dateutil"]), kind(diff["fastdt"]), diff["part"])


def shape(s):
    """A short pattern of an input: letter runs 'a', digit runs '9',
    non-ASCII digits 'D', letters 'A', spaces '_', others as themselves or '?'."""
    out = []
    for c in s:
        if c.isascii():
            k = "a" if c.isalpha() else "9" if c.isdigit() else c
        elif c.isdigit():
            k = "D"
        elif c.isalpha():
            k = "A"
        elif c.isspace():
            k = "_"
        else:
            k = "?"
        if out and k in "a9DA" and out[-1] == k:
            continue
        out.append(k)
    return "".join(out)


# --- minimisation -----------------------------------------------------------

def _as_input(template, s):
    """Rebuild an input of ``template``'s type from text ``s``."""
    if isinstance(template, (bytes, bytearray)):
        try:
            b = s.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:
            b = s.encode("utf-8", "surrogatepass")
        return type(template)(b)
    if isinstance(template, io.StringIO):
        return io.StringIO(s)
    return s


def _as_text(inp):
    if isinstance(inp, (bytes, bytearray)):
        return bytes(inp).decode("utf-8", "surrogateescape")
    if isinstance(inp, io.StringIO):
        return inp.getvalue()
    return inp


def minimise(name, inp, key, budget=1500, seconds=5.0):
    """Shrink ``inp`` while ``compare(name, .)`` keeps class ``key``.

    Bounded by calls and by wall time: on inputs of thousands of characters
    (and under a sanitizer build) 1500 comparisons could outlast the whole
    fuzz budget."""
    calls = [0]
    deadline = time.monotonic() + seconds

    def still(s):
        if calls[0] >= budget or time.monotonic() > deadline:
            return False
        calls[0] += 1
        try:
            d = compare(name, _as_input(inp, s))
        except Exception:
            return False
        return d is not None and class_key(d) == key

    s = _as_text(inp)
    # chunk removal (ddmin-style) to a fixpoint
    n = 2
    while len(s) >= 1 and calls[0] < budget:
        chunk = max(1, len(s) // n)
        removed = False
        i = 0
        while i < len(s):
            cand = s[:i] + s[i + chunk:]
            if cand != s and still(cand):
                s = cand
                removed = True
            else:
                i += chunk
        if not removed:
            if chunk == 1:
                break
            n = min(len(s), n * 2)
    # simplify characters
    for i in range(len(s)):
        c = s[i]
        for r in ("0", "1", "a", " "):
            if r == c or (c.isascii() and (c.isdigit() and r in "01" and c < r)):
                break
            cand = s[:i] + r + s[i + 1:]
            if still(cand):
                s = cand
                break
    return _as_input(inp, s)


# --- findings ---------------------------------------------------------------

class Findings:
    """Collects mismatches, minimises new ones, saves them to a directory."""

    def __init__(self, outdir, per_class=25, minimise_budget=1500):
        self.outdir = outdir
        self.per_class = per_class
        self.minimise_budget = minimise_budget
        self.classes = {}       # key -> {"count": n, "examples": {shape: finding}}
        self.total = 0
        os.makedirs(outdir, exist_ok=True)

    def add(self, name, inp, diff):
        self.total += 1
        key = class_key(diff)
        cls = self.classes.setdefault(key, {"count": 0, "examples": {}})
        cls["count"] += 1
        if len(cls["examples"]) >= self.per_class:
            return
        small = minimise(name, inp, key, self.minimise_budget)
        sdiff = compare(name, small) or diff
        sh = shape(_as_text(small)) + "|" + type(small).__name__
        if sh in cls["examples"]:
            return
        finding = {"class": key, "options": name, "input": repr(_as_text(small)),
                   "input_type": type(small).__name__,
                   "original": repr(_as_text(inp))[:2000],
                   "tz": os.environ.get("TZ", ""),
                   "dateutil": sdiff["dateutil"], "fastdt": sdiff["fastdt"]}
        cls["examples"][sh] = finding
        fname = "f%03d_%s.json" % (len(os.listdir(self.outdir)),
                                   "".join(c if c.isalnum() else "_" for c in key)[:60])
        with open(os.path.join(self.outdir, fname), "w") as f:
            json.dump(finding, f, indent=1, ensure_ascii=True)

    def summary(self):
        lines = []
        for key, cls in sorted(self.classes.items(), key=lambda kv: -kv[1]["count"]):
            lines.append("  %6d  %s" % (cls["count"], key))
            for f in list(cls["examples"].values())[:5]:
                lines.append("          [%s] %s  dateutil=%s  fastdt=%s" % (
                    f["options"], f["input"][:80], _brief(f["dateutil"]),
                    _brief(f["fastdt"])))
        return "\n".join(lines)


def _brief(d):
    if "exc" in d:
        return "%s(%r)" % (d["exc"].rsplit(".", 1)[-1], d.get("msg", "")[:60])
    s = d["repr"]
    if d.get("tokens") not in (None, "None"):
        s += " tokens=" + d["tokens"]
    return s[:140]
