"""fastdt follows the dateutil and the Python it runs on.

* parserinfo's private fields, which fastdt compiles, are checked when a
  Parser is built: a missing or retyped one fails with a message naming the
  installed dateutil, never a misparse;
* the messages CPython writes on dateutil's path (``datetime.replace``'s
  OverflowError, ``date + timedelta``) are this interpreter's.
"""
import datetime
import sys

import dateutil
import pytest
from dateutil.parser import parserinfo

import fastdt
from fastdt import _messages

PRIVATE_FIELDS = ["_jump", "_weekdays", "_months", "_hms", "_ampm", "_utczone",
                  "_pertain", "_year", "_century"]


@pytest.mark.parametrize("field", PRIVATE_FIELDS)
def test_missing_private_field_fails_clearly(field):
    info = parserinfo()
    delattr(info, field)
    for build in (lambda: fastdt.Parser(info),
                  lambda: fastdt.parse("2003-09-25", parserinfo=info)):
        with pytest.raises(RuntimeError) as excinfo:
            build()
        msg = str(excinfo.value)
        assert "python-dateutil %s" % dateutil.__version__ in msg
        assert "parserinfo().%s is missing" % field in msg


@pytest.mark.parametrize("field,value", [("_months", [("jan", 0)]), ("_year", "2026"),
                                         ("_jump", None)])
def test_retyped_private_field_fails_clearly(monkeypatch, field, value):
    # a future dateutil that keeps the name but changes the structure
    original = parserinfo.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        setattr(self, field, value)

    monkeypatch.setattr(parserinfo, "__init__", init)
    with pytest.raises(RuntimeError, match=r"python-dateutil %s" % dateutil.__version__):
        fastdt.Parser(parserinfo())


def test_subclass_skipping_parserinfo_init_fails_clearly():
    class NoInit(parserinfo):
        def __init__(self):
            pass

    with pytest.raises(RuntimeError, match="calls parserinfo.__init__"):
        fastdt.Parser(NoInit())


def test_intact_parserinfo_builds():
    assert fastdt.Parser(parserinfo()).parse("Sep 25 2003").year == 2003


def _replace_overflow(value):
    with pytest.raises(OverflowError) as excinfo:
        datetime.datetime(2000, 1, 1).replace(year=value)
    return str(excinfo.value)


def test_overflow_messages_are_this_pythons():
    # 3.11/3.12: "... to C long" / "signed integer is greater than maximum";
    # 3.13: "Python int too large to convert to C int" for both
    assert _messages.REPLACE_OVERFLOW_C_LONG == _replace_overflow(2 ** 70)
    assert _messages.REPLACE_OVERFLOW_C_INT == _replace_overflow(2 ** 40)
    if sys.version_info >= (3, 13):
        assert _messages.REPLACE_OVERFLOW_C_LONG == _messages.REPLACE_OVERFLOW_C_INT


@pytest.mark.parametrize("s", ["Sep 25 99999999999999999999", "Sep 25 2003 10:00:99999999999",
                               "10:99999999999999999999999", "3000000000 Sep 25"])
def test_overflow_matches_dateutil(s):
    from dateutil.parser import parse as du_parse
    with pytest.raises(OverflowError) as theirs:
        du_parse(s)
    with pytest.raises(OverflowError) as ours:
        fastdt.parse(s)
    assert str(ours.value) == str(theirs.value)


def test_int_literal_error_is_ints():
    err = _messages.int_literal_error(b" 1x")
    assert type(err) is ValueError
    with pytest.raises(ValueError) as excinfo:
        int(b" 1x")
    assert str(err) == str(excinfo.value)
