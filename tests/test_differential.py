"""Hypothesis differential tests: fastdt vs live dateutil 2.9.0 on generated
date-like strings and option sets.

Budget: ``max_examples`` per test defaults to 1500 (derandomized, so CI runs
are reproducible) and can be raised with ``FASTDT_FUZZ_EXAMPLES=N``; in that
case the run is also randomized (a different seed every run), which is what a
fuzzing session wants.
"""
import os
from datetime import datetime

from dateutil import tz
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import oracle
from oracle import DU_PARSERINFO, assert_same, assert_same_iso

_FUZZ = os.environ.get("FASTDT_FUZZ_EXAMPLES")
EXAMPLES = int(_FUZZ) if _FUZZ else 1500



SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not _FUZZ,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)


def budget(share):
    """``share`` of the default budget; FASTDT_FUZZ_EXAMPLES sets all."""
    return settings(SETTINGS, max_examples=EXAMPLES if _FUZZ
                    else max(1, int(EXAMPLES * share)))


# Each example is also checked under these (cheap next to hypothesis' own
# per-example overhead), so the budget buys more parser coverage.
EXTRA_OPTIONS = [dict(default=datetime(2003, 9, 25), fuzzy_with_tokens=True),
                 dict(default=datetime(2003, 9, 25), dayfirst=True,
                      yearfirst=True)]


def check_with_extras(s, kw):
    assert_same(s, **kw)
    for extra in EXTRA_OPTIONS:
        assert_same(s, **extra)

# --------------------------------------------------------------------------
# Grammar
# --------------------------------------------------------------------------

_info = DU_PARSERINFO()
MONTHS = sorted({n for names in _info.MONTHS for n in names})
WEEKDAYS = sorted({n for names in _info.WEEKDAYS for n in names}
                  | {"Tues", "Thurs", "Weds"})


def _case(words):
    def apply(pair):
        word, mode, mask = pair
        if mode == 0:
            return word
        if mode == 1:
            return word.lower()
        if mode == 2:
            return word.upper()
        # random per-character case from a bit mask
        return "".join(c.upper() if (mask >> i) & 1 else c.lower()
                       for i, c in enumerate(word))
    return st.tuples(st.sampled_from(words), st.integers(0, 3),
                     st.integers(0, 2 ** 12)).map(apply)


def _digits(lo, hi):
    return st.text("0123456789", min_size=lo, max_size=hi)


number = st.one_of(
    _digits(1, 8),
    _digits(1, 2),  # small numbers are the interesting ones: weight them
    st.integers(0, 60).map(str),
    st.tuples(_digits(1, 4), st.sampled_from(".,"), _digits(1, 9)).map(
        "".join),
)
month = _case(MONTHS)
weekday = _case(WEEKDAYS)
ampm = st.sampled_from(["am", "pm", "a.m.", "p.m.", "a", "p", "AM", "PM",
                        "A.M.", "P.M.", "a. m.", "Am", "pM", "m"])
tzname = st.sampled_from(["UTC", "GMT", "Z", "z", "UT", "EST", "EDT", "BST",
                          "AEST", "AEDT", "BRST", "BRT", "CET", "CST", "XYZ",
                          "NONE", "ABCDE", "ABCDEF", "utc", "gmt", "(BRST)",
                          "(UTC)", "-03", "EST5EDT"])
tzoffset = st.tuples(
    st.sampled_from(["+", "-", "GMT+", "GMT-", "UTC+", "UTC-", "Z+", ""]),
    _digits(1, 4),
    st.sampled_from(["", ":00", ":30", ":5", ":60", ":"]),
).map("".join)
jump = st.sampled_from(["at", "on", "of", "and", "ad", "AD", "st", "nd", "rd",
                        "th", "t", "T", "m", "the", "'"])
ordinal = st.tuples(_digits(1, 2), st.sampled_from(
    ["st", "nd", "rd", "th", "ST", "Th"])).map("".join)
unit = st.tuples(st.one_of(_digits(1, 3), st.just("1.5")), st.sampled_from(
    ["h", "m", "s", "hour", "hours", "minute", "minutes", "second", "seconds",
     "hr", "min", "sec", "H", "M", "S"]),
    st.sampled_from(["", " "])).map(lambda t: t[0] + t[2] + t[1])
junk = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFXYZ", min_size=1,
               max_size=7)
unicode_bits = st.one_of(
    st.sampled_from(["\x00", "\u00a0", "\u200b", "\u3000", "\ufeff",
                     "２００３", "٢٠٠٣", "۲۰۰۳", "𝟐𝟎𝟎𝟑", "²", "¹⁰", "½",
                     "März", "Сентябрь", "é", "ß", "İ", "ǅ", "\u0130",
                     "\u212a", "ﬀ", "ﬆ", "\u0345", "Ⅻ", "\u2028",
                     "\x1c", "\x85", "\r", "\t", "\v", "\f"]),
    st.characters(codec="utf-8"),
)

token = st.one_of(number, number, number, month, month, weekday, ampm,
                  tzname, tzoffset, jump, ordinal, unit, junk, unicode_bits)
sep = st.sampled_from([" ", " ", " ", "-", "/", ".", ",", ":", "T", "  ", "",
                       "", ", ", ";", "'", " - ", "\t", "\n"])

date_string = st.tuples(
    st.lists(st.tuples(token, sep), min_size=1, max_size=9),
    st.integers(0, 2),
).map(lambda t: (lambda s: (s, s.strip(), " " + s)[t[1]])(
    "".join(a + b for a, b in t[0])))

# Structured strings that usually DO parse (so the value path is exercised,
# not only the error path).
structured = st.builds(
    lambda y, mo, d, h, mi, s_, frac, sep1, sep2, tail, order: (
        order.format(y=y, mo=mo, d=d, s1=sep1) + sep2
        + "%s:%s:%s%s" % (h, mi, s_, frac) + tail),
    y=st.one_of(_digits(2, 2), _digits(4, 4), st.integers(1, 9999).map(str)),
    mo=st.one_of(st.integers(0, 13).map(str), month,
                 st.integers(1, 12).map("{:02d}".format)),
    d=st.one_of(st.integers(0, 32).map(str), ordinal),
    h=st.integers(0, 25).map(str), mi=st.integers(0, 61).map("{:02d}".format),
    s_=st.integers(0, 61).map("{:02d}".format),
    frac=st.one_of(st.just(""), st.tuples(st.sampled_from(".,"),
                                          _digits(1, 10)).map("".join)),
    sep1=st.sampled_from(["-", "/", ".", " ", ""]),
    sep2=st.sampled_from([" ", "T", "t", " at ", ", ", ""]),
    tail=st.one_of(st.just(""), st.tuples(st.sampled_from([" ", ""]),
                                          st.one_of(tzname, tzoffset,
                                                    ampm)).map("".join)),
    order=st.sampled_from(["{y}{s1}{mo}{s1}{d}", "{d}{s1}{mo}{s1}{y}",
                           "{mo}{s1}{d}{s1}{y}", "{mo} {d}, {y}",
                           "{d} of {mo} {y}", "{y}{mo}{d}"]),
)

# --------------------------------------------------------------------------
# Options
# --------------------------------------------------------------------------

CHICAGO = tz.gettz("America/Chicago")
TZINFOS_DICT = {"BRST": -10800, "BRT": tz.tzoffset("BRT", -10800),
                "EST": "EST5EDT", "CST": CHICAGO, "XYZ": 3600, "NONE": None,
                "UTC": 7200, "ABCDE": tz.UTC}


def tzinfos_callable(name, offset):
    if name == "BRST":
        return -10800
    if name == "EST":
        return "EST5EDT"
    if name == "CST":
        return CHICAGO
    if offset is not None:
        return tz.tzoffset(name, offset)
    return None


DEFAULTS = [datetime(2003, 9, 25), datetime(2024, 1, 31, 13, 14, 15, 161718),
            datetime(2004, 2, 29), datetime(2003, 12, 31, 23, 59),
            datetime(2003, 9, 25, tzinfo=tz.UTC)]

options = st.fixed_dictionaries(
    {"default": st.sampled_from(DEFAULTS)},
    optional={
        "dayfirst": st.booleans(),
        "yearfirst": st.booleans(),
        "fuzzy": st.booleans(),
        "fuzzy_with_tokens": st.booleans(),
        "ignoretz": st.booleans(),
        "tzinfos": st.sampled_from([TZINFOS_DICT, tzinfos_callable, {}]),
    },
)
tz_names = st.sampled_from(oracle.TZ_NAMES)


@budget(1.0)
@given(s=date_string, kw=options, zone=tz_names)
def test_grammar_strings(s, kw, zone):
    with oracle.tz_env(zone):
        check_with_extras(s, kw)


@budget(0.6)
@given(s=structured, kw=options, zone=tz_names)
def test_structured_strings(s, kw, zone):
    with oracle.tz_env(zone):
        check_with_extras(s, kw)


@budget(0.5)
@given(s=st.text(max_size=40), fuzzy=st.sampled_from(
    [{}, {"fuzzy": True}, {"fuzzy_with_tokens": True}]))
def test_arbitrary_text(s, fuzzy):
    with oracle.tz_env("UTC"):
        assert_same(s, default=DEFAULTS[0], **fuzzy)


@budget(0.5)
@given(parts=st.lists(_digits(1, 8), min_size=1, max_size=4),
       seps=st.lists(sep, min_size=4, max_size=4),
       df=st.booleans(), yf=st.booleans())
def test_numeric_runs(parts, seps, df, yf):
    s = "".join(p + q for p, q in zip(parts, seps)).strip()
    with oracle.tz_env("UTC"):
        assert_same(s, default=DEFAULTS[1], dayfirst=df, yearfirst=yf)
        assert_same(s, default=DEFAULTS[2], dayfirst=df, yearfirst=not yf,
                    fuzzy_with_tokens=True)


class _German(DU_PARSERINFO):
    MONTHS = [("Jan", "Januar"), ("Feb", "Februar"), ("Mär", "März"),
              ("Apr", "April"), ("Mai",), ("Jun", "Juni"), ("Jul", "Juli"),
              ("Aug", "August"), ("Sep", "September"), ("Okt", "Oktober"),
              ("Nov", "November"), ("Dez", "Dezember")]
    JUMP = DU_PARSERINFO.JUMP + ["um", "den", "uhr"]


class _Century(DU_PARSERINFO):
    def convertyear(self, year, century_specified=False):
        return year + 1900 if year < 100 and not century_specified else year


PARSERINFO_FACTORIES = [DU_PARSERINFO, lambda: DU_PARSERINFO(True, False),
                        lambda: DU_PARSERINFO(False, True), _German, _Century]


@budget(0.4)
@given(s=st.one_of(date_string, structured,
                   st.tuples(_digits(1, 2), st.sampled_from(
                       [" März ", ". Okt ", " Mai ", " Dez. "]),
                       _digits(2, 4)).map("".join)),
       which=st.integers(0, len(PARSERINFO_FACTORIES) - 1),
       kw=options)
def test_custom_parserinfo(s, which, kw):
    info = PARSERINFO_FACTORIES[which]()
    with oracle.tz_env("UTC"):
        assert_same(s, parserinfo=info, **kw)


iso_string = st.builds(
    lambda date, sep_, time_, tz_: date + sep_ + time_ + tz_,
    date=st.one_of(
        st.builds("{:04d}-{:02d}-{:02d}".format, st.integers(0, 10000),
                  st.integers(0, 13), st.integers(0, 32)),
        st.builds("{:04d}{:02d}{:02d}".format, st.integers(0, 9999),
                  st.integers(0, 13), st.integers(0, 32)),
        st.builds("{:04d}-W{:02d}-{}".format, st.integers(1, 9999),
                  st.integers(0, 54), st.integers(0, 8)),
        st.builds("{:04d}-{:03d}".format, st.integers(1, 9999),
                  st.integers(0, 367)),
        st.builds("{:04d}-{:02d}".format, st.integers(1, 9999),
                  st.integers(0, 13)),
    ),
    sep_=st.sampled_from(["T", " ", "", "t", "x"]),
    time_=st.one_of(st.just(""), st.builds(
        lambda h, m, s, f, c: (("{:02d}:{:02d}:{:02d}" if c else
                                "{:02d}{:02d}{:02d}").format(h, m, s) + f),
        st.integers(0, 25), st.integers(0, 61), st.integers(0, 61),
        st.one_of(st.just(""), st.tuples(st.sampled_from(".,"),
                                         _digits(1, 9)).map("".join)),
        st.booleans())),
    tz_=st.sampled_from(["", "Z", "z", "+00:00", "-03:00", "+0530", "-03",
                         "+24:00", "-00:00", "+05:60", "UTC"]),
)


@budget(0.4)
@given(s=iso_string)
def test_isoparse(s):
    assert_same_iso(s)
