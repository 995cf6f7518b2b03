"""``fastdt.try_parse``, and ``parse`` on strings that are not dates (issue 22).

* The rejection corpora (``bench/corpora/rejects.txt`` and the held-back
  ``bench/corpora_heldback/rejects.txt``: log messages, ids, versions,
  paths, numbers with units, impossible dates, each one dateutil refuses):
  ``parse`` raises exactly what dateutil raises (type, ``str``, ``repr``,
  ``args``, ``__cause__``: ``oracle``), ``try_parse`` returns None, under
  ``TZ=UTC`` and ``TZ=America/New_York``.
* Every string of every corpus in both directories, with its options:
  ``try_parse`` gives dateutil's answer, or None exactly where dateutil's
  ``parse`` raises ParserError/ValueError/OverflowError (warnings too).
* Random strings of words, numbers and punctuation (fixed seed): ``parse``
  and ``try_parse`` against dateutil; the lexer stops at a word it knows the
  grammar refuses, and this checks it stops only there.
* The call's edges: TypeError for a non-string, bytes, streams,
  ``required=``, ``fuzzy_with_tokens``, parserinfo instances and duck-typed
  ones, exceptions that are not verdicts on the string.
* Allocations: a refused string allocates nothing, a good one one object
  (the datetime), counted as tests/test_allocations.py counts them.
* ``parse_array(errors="coerce")`` refuses the same strings.
"""
import datetime
import decimal
import io
import pathlib
import random
import warnings

import pytest

from dateutil.parser import parserinfo

import fastdt
from bench.corpora import read_corpus

import oracle
from test_corpus_differential import _disagreements
from test_allocations import make_loop, memray_counts, per_call_pymem, _is_datetime_alloc

ROOT = pathlib.Path(__file__).resolve().parent.parent
REJECT_FILES = [ROOT / "bench" / d / "rejects.txt" for d in ("corpora", "corpora_heldback")]
CORPUS_FILES = sorted((ROOT / "bench" / "corpora").glob("*.txt")) + sorted(
    (ROOT / "bench" / "corpora_heldback").glob("*.txt"))
ZONES = ["UTC", "America/New_York"]


def _read(path):
    """(options, strings) of a corpus file, read as bench/ reads it."""
    corpus = read_corpus(str(path))
    return corpus.options, corpus.strings


def du_try_parse(timestr, *args, **kwargs):
    """What try_parse must answer: dateutil's parse, None where it raises
    ParserError, ValueError or OverflowError."""
    try:
        return oracle.DU_PARSE(timestr, *args, **kwargs)
    except (ValueError, OverflowError):
        return None


def assert_same_try(s, *args, **kw):
    return oracle.check(fastdt.try_parse, du_try_parse, (s,) + args, kw, what="try_parse")


def test_rejection_corpora_present():
    for path in REJECT_FILES:
        options, strings = _read(path)
        assert options == {} and len(strings) >= 1000, path
    # the held-back part is another draw, not a copy
    assert set(_read(REJECT_FILES[0])[1]) != set(_read(REJECT_FILES[1])[1])


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize("path", REJECT_FILES, ids=lambda p: p.parent.name)
def test_rejection_corpus(path, zone):
    _, strings = _read(path)
    with oracle.tz_env(zone):
        found = _disagreements(oracle.assert_same, strings)
        refused = [s for s in strings if fastdt.try_parse(s) is not None]
        # and dateutil does refuse every one of them (the corpus's promise)
        accepted = [s for s in strings if du_try_parse(s) is not None]
    assert not found, "%d of %d differ from dateutil:\n%s" % (
        len(found), len(strings), "\n".join(found[:10]))
    assert not refused and not accepted, (refused[:5], accepted[:5])


@pytest.mark.parametrize("path", CORPUS_FILES,
                         ids=["%s/%s" % (p.parent.name, p.stem) for p in CORPUS_FILES])
def test_try_parse_on_every_corpus(path):
    options, strings = _read(path)
    with oracle.tz_env("UTC"), warnings.catch_warnings():
        found = _disagreements(assert_same_try, strings, **options)
        # where parse answers, try_parse answers the same (tzinfo included)
        warnings.simplefilter("ignore")       # (tzname: compared just above)
        for s in strings[:300]:
            try:
                expected = fastdt.parse(s, **options)
            except (ValueError, OverflowError):
                continue
            got = fastdt.try_parse(s, **options)
            if got != expected or repr(got) != repr(expected):
                found.append("%r: try_parse %r, parse %r" % (s, got, expected))
    assert not found, "%d of %d differ:\n%s" % (len(found), len(strings), "\n".join(found[:10]))


# Pieces the random strings are made of: unknown words of every length
# (3 and 8 letters included: "inf", "nan", "infinity" are numbers), month,
# weekday, AM/PM, jump, pertain and zone words, numbers, punctuation,
# non-ASCII words (left for later classification) and dotted runs.
PIECES = ["Jan", "of", "foo", "inf", "nan", "infinity", "INFINITY", "Sep", "Mon", "at", "and",
          "PM", "am", "h", "UTC", "GMT", "BRST", "Z", "ERROR", "x", "q", "version", "10",
          "2003", "25", "99", "1.2.3", ":", "-", "/", ",", ".", " ", "+", "(", ")", "März",
          "Ü", "10.5", "ab.cd", "12kg", "Connection", "reset", "th", "st", "ABCDE", "ABCDEF",
          "123456789012345678901234567890", "1" * 19, "+0300", "T", "Foo"]


def _random_strings(seed, count):
    rng = random.Random(seed)
    for _ in range(count):
        parts = [rng.choice(PIECES) for _ in range(rng.randrange(1, 7))]
        yield "".join(p + rng.choice(["", " ", " "]) for p in parts).strip() or "x"


@pytest.mark.parametrize("options", [{}, {"dayfirst": True}, {"fuzzy": True}],
                         ids=["default", "dayfirst", "fuzzy"])
def test_random_words_and_numbers(options):
    strings = list(_random_strings(20030925, 3000))
    with oracle.tz_env("UTC"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = _disagreements(oracle.assert_same, strings, **options)
        found += _disagreements(assert_same_try, strings, **options)
    assert not found, "%d differ:\n%s" % (len(found), "\n".join(found[:10]))


def test_refused_word_cases():
    """Words the lexer's early stop must leave to the grammar (each of these
    is read past, or is a number) next to ones it refuses."""
    for s in ["Jan of foo", "Jan of foo 2003", "inf", "nan foo", "infinity", "Mon foo",
              "foo", "foo 10", "10 foo", "at foo", "Sep-foo", "März foo", "ERROR 10:49",
              "10:49 ERROR", "10:49 ERRORS", "foo.bar", "x" * 40, "a foo", "Sept foo",
              "10:49 +0300 (BRST) foo", "10:49 BRST foo", "10:49 Brst", "5dafa213f8dcb296",
              "1" * 30 + ".5 foo", "1" * 30 + " foo", "10 h foo", "25 of foo"]:
        oracle.assert_same(s)
        assert_same_try(s)


def test_messages_and_args_of_each_refusal():
    """One string per kind of refusal: args, str and __cause__ as dateutil's."""
    for s in ["hello", "", "2024-13-45", "Feb 30 2024", "25:61", "12:75", "9999999999-01-01",
              "99999999999999999999", "year 10000000", "10000-01-01"]:
        oracle.assert_same(s)
        assert_same_try(s)


def test_try_parse_the_call():
    assert fastdt.try_parse("2003-09-25T10:49:41") == datetime.datetime(2003, 9, 25, 10, 49, 41)
    assert fastdt.try_parse("Sep 25 2003") == fastdt.parse("Sep 25 2003")
    assert fastdt.try_parse(b"Sep 25 2003") == fastdt.parse(b"Sep 25 2003")
    assert fastdt.try_parse(bytearray(b"hello")) is None
    assert fastdt.try_parse(io.StringIO("Sep 25 2003")) == datetime.datetime(2003, 9, 25)
    assert fastdt.try_parse(io.StringIO("hello")) is None
    # a stream of bytes pieces is dateutil's to parse: its refusal is None too
    assert_same_try(io.BytesIO(b"hello"))
    assert fastdt.try_parse(b"\xff") is None              # UnicodeDecodeError is a ValueError
    assert fastdt.try_parse("Sep 25", required="year") is None
    assert fastdt.try_parse("Sep 25 2003", required="year") == datetime.datetime(2003, 9, 25)
    assert fastdt.try_parse("x 10:49 y", fuzzy_with_tokens=True) == fastdt.parse(
        "x 10:49 y", fuzzy_with_tokens=True)
    assert fastdt.try_parse("hello", fuzzy=True) is None
    assert fastdt.try_parse("hello", tzinfos={"X": 3600}) is None
    default = datetime.datetime(2001, 2, 3)
    assert fastdt.try_parse("10:49", default=default) == datetime.datetime(2001, 2, 3, 10, 49)


class _German(parserinfo):
    MONTHS = [("Jan", "Januar"), ("Feb", "Februar"), ("Mär", "März"), ("Apr", "April"),
              ("Mai", "Mai"), ("Jun", "Juni"), ("Jul", "Juli"), ("Aug", "August"),
              ("Sep", "September"), ("Okt", "Oktober"), ("Nov", "November"),
              ("Dez", "Dezember")]


class _RaisingYear(parserinfo):
    def convertyear(self, year, *args):
        raise ValueError("no years here")


class _Duck:
    """Not a parserinfo: dateutil's own parser serves it (and fails)."""


def test_try_parse_with_a_parserinfo():
    info = _German()
    for s in ["25. März 2003", "hello", "31. Februar 2003", "Mär of foo"]:
        assert_same_try(s, info)
    # a convertyear that raises ValueError: dateutil raises it, try_parse says None
    assert_same_try("25 Sep 2003", _RaisingYear())
    assert fastdt.try_parse("25 Sep 2003", _RaisingYear()) is None
    # a duck-typed info: dateutil's parser, which fails on it (AttributeError,
    # not a verdict on the string): try_parse raises it too
    assert_same_try("25 Sep 2003", _Duck())


def test_try_parse_raises_what_is_not_a_verdict():
    with pytest.raises(TypeError, match="Parser must be a string or character stream, not int"):
        fastdt.try_parse(5)
    with pytest.raises(TypeError):
        fastdt.try_parse(None, fuzzy=True)
    with pytest.raises(ValueError, match="required= takes field names"):
        fastdt.try_parse("Sep 25 2003", required=("bogus",))
    # dateutil raises decimal.InvalidOperation here (not a ValueError): so do both
    text = "1" * 30 + ".5h"
    oracle.assert_same(text)
    with pytest.raises(decimal.InvalidOperation):
        fastdt.try_parse(text)
    with pytest.raises(TypeError):
        fastdt.try_parse("10:49 X", tzinfos={"X": object()})


def test_try_parse_is_a_builtin_with_parse_signature():
    import inspect
    assert type(fastdt.try_parse) is type(len)
    assert (str(inspect.signature(fastdt.try_parse))
            == str(inspect.signature(fastdt.parse)))
    assert "None" in fastdt.try_parse.__doc__ and "TypeError" in fastdt.try_parse.__doc__
    assert "try_parse" in fastdt.__all__
    import pickle
    assert pickle.loads(pickle.dumps(fastdt.try_parse)) is fastdt.try_parse


def test_the_exception_is_dateutils_and_raised_at_the_call():
    import traceback
    try:
        fastdt.parse("hello")
    except fastdt.ParserError as e:
        err = e
    assert err.args == ("Unknown string format: %s", "hello")
    frames = traceback.extract_tb(err.__traceback__)
    # the caller's frame only: no frame of fastdt's on the way
    assert [f.name for f in frames] == ["test_the_exception_is_dateutils_and_raised_at_the_call"]


# --- allocations ---------------------------------------------------------------

REFUSED = ["hello", "Connection reset by peer (db20.prod:6379)", "v1.9-SNAPSHOT",
           "2024-13-45", "Feb 30 2024", "02/29/1978", "25:61", "", "12,345 kg",
           "9999999999-01-01"]
ACCEPTED = ["2003-09-25T10:49:41", "Sep 25 2003 10:49 PM", "25/12/2003", "Thu, 25 Sep 2003 10:49:41 +0300"]


@pytest.mark.parametrize("text", REFUSED)
def test_try_parse_allocates_nothing_on_a_refusal(text):
    assert fastdt.try_parse(text) is None
    assert per_call_pymem(make_loop(fastdt.try_parse, text, {})) == (0, 0, 0)
    assert per_call_pymem(make_loop(fastdt.try_parse, text, {"dayfirst": False})) == (0, 0, 0)


@pytest.mark.parametrize("text", ACCEPTED)
def test_try_parse_allocates_the_datetime_on_success(text):
    assert fastdt.try_parse(text) == fastdt.parse(text)
    assert per_call_pymem(make_loop(fastdt.try_parse, text, {})) == (0, 0, 1)


def test_memray_try_parse(tmp_path):
    """memray (native allocations too): nothing for a refusal, and for a
    good string one allocation, the datetime's."""
    loops = []
    for k, text in enumerate(REFUSED + ACCEPTED):
        for n in (100, 200):
            name = "alloc_loop_try_%d_%d" % (k, n)
            loop = make_loop(fastdt.try_parse, text, {}, name)
            loop(iter(range(5)))
            loops.append((name, loop, n))
    found = memray_counts(tmp_path, "try_parse", loops)
    failures = []
    for k, text in enumerate(REFUSED + ACCEPTED):
        once, twice = found["alloc_loop_try_%d_100" % k], found["alloc_loop_try_%d_200" % k]
        per_call = (len(twice) - len(once)) / 100
        expected = 0 if text in REFUSED else 1
        others = [st for st in once + twice if not _is_datetime_alloc(st)]
        if per_call != expected or others:
            failures.append("%r: %s allocations a call (expected %d); not the datetime's: %s"
                            % (text, per_call, expected, others[:2]))
    assert not failures, "\n".join(failures)


# --- columns ------------------------------------------------------------------

def test_parse_array_coerce_refuses_the_same():
    np = pytest.importorskip("numpy")
    _, strings = _read(REJECT_FILES[1])
    values = np.array(strings[:500] + ["2003-09-25 10:49:41"], dtype=object)
    out = fastdt.parse_array(values, errors="coerce")
    assert np.isnat(out[:-1]).all() and not np.isnat(out[-1])
    # values only parse() can finish (a tzinfos callable) go through
    # try_parse: refused ones are NaT, good ones their value
    out = fastdt.parse_array(np.array(["hello", "10:49 X", "Feb 30 2024"], dtype=object),
                             errors="coerce", default=datetime.datetime(2003, 9, 25),
                             tzinfos=lambda name, offset: None)
    assert np.isnat(out[0]) and np.isnat(out[2])
    assert out[1] == np.datetime64("2003-09-25T10:49")


def test_a_refusal_inside_an_except_block_is_chained_as_dateutils():
    """parse raising while another exception is handled: __context__ is
    that exception, as for dateutil's raise (and none otherwise)."""
    def context(parse):
        try:
            try:
                raise KeyError("outer")
            except KeyError:
                parse("hello")
        except ValueError as e:
            return repr(e.__context__), e.__suppress_context__, e.args
    assert context(fastdt.parse) == context(oracle.DU_PARSE)
    try:
        fastdt.parse("hello")
    except ValueError as e:
        assert e.__context__ is None and e.__traceback__ is not None
