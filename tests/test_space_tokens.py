"""Space tokens skipped at the top of the grammar loop (issue 18, lead 3)
only when " " is a plain jump word: a parserinfo that gives it no role or
another one must answer as dateutil does (compared with the oracle)."""
import random

import pytest
from dateutil import parser as du

import fastdt


class NoSpaceJump(du.parserinfo):
    JUMP = [j for j in du.parserinfo.JUMP if j != " "]


class SpaceWeekday(du.parserinfo):
    WEEKDAYS = [(" ",)] + du.parserinfo.WEEKDAYS[1:]


class SpaceUTC(du.parserinfo):
    UTCZONE = du.parserinfo.UTCZONE + [" "]


class SpacePM(du.parserinfo):
    AMPM = [("am", "a"), ("pm", "p", " ")]


def _outcome(func, text, **kw):
    try:
        value = func(text, **kw)
    except (ValueError, OverflowError, TypeError) as exc:
        return type(exc).__name__, str(exc)
    return value, repr(getattr(value, "tzinfo", None))


def _texts():
    rng = random.Random(18)
    pieces = ["Sep", "25", "2003", "10:49", "PM", "Thu", ",", "at", "UTC", "+03:00", "\t"]
    out = ["Sep 25 2003 10:49 PM", "10:49 UTC Sep 25 2003", "2003-09-25 10:49"]
    for _ in range(60):
        out.append(" ".join(rng.choice(pieces) for _ in range(rng.randrange(2, 7))))
    return out


@pytest.mark.parametrize("info", [None, NoSpaceJump, SpaceWeekday, SpaceUTC, SpacePM])
@pytest.mark.parametrize("fuzzy", [False, True])
def test_space_roles_match_dateutil(info, fuzzy):
    kw = {"fuzzy": fuzzy}
    if info is not None:
        kw["parserinfo"] = info()
    for text in _texts():
        assert _outcome(fastdt.parse, text, **kw) == _outcome(du.parse, text, **kw), text
