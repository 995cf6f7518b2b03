"""``fastdt.guess_format``: the ``strptime`` format of a date string.

dateutil #125 (open since 2015; duplicates #922, #1082, #1138) asks the
parser to say which format it detected, so that a column of one format is
understood once and then read with ``datetime.strptime`` or given to pandas
as ``format=``.  pandas answers it with ``guess_datetime_format``, which
guesses from dateutil's private ``parser._parse`` and does not check its
guess with ``strptime``: for ``Sun, 06 Nov 1994 08:49:37 GMT`` it gives
``%Z``, and ``strptime`` with that returns a naive datetime where the parse
is aware.

Here every guess is checked before it is returned: ``datetime.strptime``
with the format must give what ``fastdt.parse`` gives on every field the
string gives (the parse's field record, ``fastdt.parse_fields``, says which) and on the UTC offset
(an aware parse needs an aware result with the same offset, a naive parse a
naive one).  When no candidate passes, the answer is None, never a format
that reads the string differently.

How a candidate is made: the string is cut into runs of digits, runs of
letters, and single other characters.  Each digit run is matched, by value,
to the parsed field it can stand for (``%Y`` four digits, ``%y`` two digits
when strptime's 1969 pivot gives dateutil's century, ``%m %d %H %I %M %S``,
``%f`` after the seconds' dot); runs of 6, 8, 12 or 14 digits (``20030925``)
are split into such pieces.  Each letter run is a month name (``%b``/``%B``),
a weekday (``%a``/``%A``), AM/PM (``%p``), ``Z`` (``%z``), or a word dateutil
skips (``T``, ``at``, ``of``, an ordinal suffix), kept as literal text.  A
sign with the offset's digits is ``%z``.  Everything else is literal text
(``%`` escaped as ``%%``).  Where values coincide (``01/01/2001``) the order
dateutil reads them in (dayfirst, yearfirst) picks the first candidate.
"""
import datetime as _datetime
import re as _re
import typing as _typing
import weakref as _weakref

from fastdt._errors import AmbiguousDateError
from fastdt._fields import parse_fields as _parse_fields
from fastdt._parser import DEFAULT_PARSER as _DEFAULT_PARSER, parse as _parse
from fastdt._record import ParsedFields

__all__ = ["guess_format", "readings", "Reading"]

# digits, letters (any script), whitespace runs, or one other character
_TOKEN = _re.compile(r"[0-9]+|[^\W\d_]+|\s+|.", _re.S)

# The digit directives of the time.
_TIME_FIELDS = ("H", "I", "M", "S")
# The record's fields a format must reproduce.
_FIELD_NAMES = ("year", "month", "day", "hour", "minute", "second", "microsecond")

# The longest run of digits read as fields (YYYYMMDDhhmmss); a longer one is
# not converted to an int at all.
_LONGEST_RUN = 14

# parserinfo -> {word: _letter_roles(word, info)}: dateutil's lookups raise
# and catch a KeyError per miss, a few microseconds a string.  A parserinfo
# reads its word lists once, in __init__, so a kept answer stays right; the
# values hold no reference to the info, which is a weak key.
_known_infos: "_weakref.WeakKeyDictionary[object, dict]" = _weakref.WeakKeyDictionary()
_ROLES_CACHE_WORDS = 1024

# At most this many candidates are checked with strptime per call: the value
# matching leaves one in nearly every string; more means values coincide in
# ways no ordering settles, and the answer is then None rather than slow.
_MAX_CHECKS = 8
# The walk recurses once per token: past this many tokens (no date needs
# them; a string padded with jump words may have thousands) only the first
# choice is tried.
_WALK_TOKENS = 100

_NO_FIELD: "frozenset[str]" = frozenset()
_YEAR_FIELD = frozenset("Y")
_ZONE_FIELD = frozenset("z")
_FRACTION_FIELD = frozenset("f")
# the field a digit directive fills: %Y and %y the year, %H and %I the hour
_DIGIT_FIELD = {"Y": "Y", "y": "Y", "m": "m", "d": "d", "H": "H", "I": "H",
                "M": "M", "S": "S"}
# the field a letter run's directive fills (a literal fills none)
_ROLE_FIELD = {"%b": frozenset("m"), "%B": frozenset("m"), "%a": frozenset("a"),
               "%A": frozenset("a"), "%p": frozenset("p"), "%z": frozenset("z"),
               None: frozenset()}


def guess_format(timestr, parserinfo=None, *, dayfirst=None, yearfirst=None,
                 ambiguous="ignore"):
    """The ``datetime.strptime`` format that reads ``timestr`` as
    ``fastdt.parse`` does, or None.

    Answers dateutil issue #125 ("return the detected format").  The format
    is checked before it is returned: ``datetime.strptime(timestr, format)``
    gives the parse's value on every field the string gives (year, month,
    day, hour, minute, second, microsecond; the rest come from strptime's
    defaults, as they come from ``default`` in the parse) and the parse's
    UTC offset, aware where the parse is aware.  So a string without a year
    (``Nov 14 20:35:00``) gets a format without one.

    None when no strptime format reproduces the parse: the string does not
    parse; a zone name (``GMT``, ``UTC``, ``CET``: strptime's ``%Z`` returns
    a naive datetime, so it never reproduces an aware parse, and a name
    dateutil does not know is dropped by the parse with a warning); a
    two-digit year dateutil puts in another century than strptime's 1969
    pivot; more than 6 fraction digits; a weekday without a day (dateutil
    moves to that weekday, strptime ignores it); words strptime does not
    read in the current locale (``Sept``, ``a.m.``, another language's
    month names from a custom ``parserinfo``); anything ``fuzzy`` would skip.
    An ordinal suffix stays as literal text (``30th`` gives ``%dth``): the
    format reads days with that suffix only.

    :param timestr: the date string (a ``str``).
    :param parserinfo: a ``dateutil.parser.parserinfo`` (or subclass), as
        for ``fastdt.parse``; None for the default one.
    :param dayfirst: as for ``fastdt.parse``: read ``01/05/09`` as day first.
    :param yearfirst: as for ``fastdt.parse``: read ``01/05/09`` as year
        first.
    :param ambiguous: ``"ignore"`` (the default) answers for the settings
        given; ``"raise"`` raises ``AmbiguousDateError`` instead when the
        string parses and reads another way under a ``dayfirst`` or
        ``yearfirst`` left None (``01/05/09``; not ``2003-09-25``), whether
        or not a format reads it, naming each reading and its format: pass
        both to choose.  ``fastdt.readings`` lists them.
    :returns: the format (``str``), or None.
    :raises TypeError: ``timestr`` is not a ``str`` (strptime reads ``str``;
        decode bytes first).
    :raises AmbiguousDateError: (a ``ParserError``) with
        ``ambiguous="raise"``, as above; its ``readings`` holds them.
    :raises ValueError: ``ambiguous`` is neither ``"ignore"`` nor ``"raise"``.
    """
    refuse = _refuses_ambiguity(ambiguous)
    if not isinstance(timestr, str):
        raise TypeError("guess_format takes a str, not %s (strptime reads str; "
                        "decode bytes first)" % type(timestr).__name__)
    if refuse:
        # any string that parses, whether or not a format reads it
        record = _field_record(timestr, parserinfo, dayfirst, yearfirst)
        if record is not None:
            refuse_ambiguous(record, timestr, parserinfo, dayfirst, yearfirst, False, True)
    info = _DEFAULT_PARSER.info if parserinfo is None else parserinfo
    tokens = _TOKEN.findall(timestr)
    roles = _token_roles(tokens, info, _known(info))
    if roles is None:
        return None
    record = _field_record(timestr, parserinfo, dayfirst, yearfirst)
    if record is None:
        return None
    if record.tzname is not None and record.tzoffset is None:
        # a zone name without an offset: local time (tzlocal) or a name the
        # parse drops with a warning; strptime reproduces neither
        return None
    if record.weekday is not None and record.day is None:
        return None
    try:
        value = _parse(timestr, parserinfo, dayfirst=dayfirst, yearfirst=yearfirst)
        # dateutil's tzoffset holds offsets of a day or more, which no
        # datetime (and no %z) can give: utcoffset() raises for them
        offset = value.utcoffset()
    except (ValueError, ArithmeticError):
        return None
    if dayfirst is None:
        dayfirst = info.dayfirst
    if yearfirst is None:
        yearfirst = info.yearfirst
    return _Search(timestr, tokens, roles, record, value, offset,
                   dayfirst, yearfirst).run()


# --- readings under the other dayfirst/yearfirst settings ---------------------------

class Reading(_typing.NamedTuple):
    """One way a date string reads: the ``dayfirst`` and ``yearfirst`` that
    give it (the first such pair tried), its ``fastdt.ParsedFields``, and
    the ``strptime`` format ``guess_format`` gives for it (None when none
    reproduces it)."""
    dayfirst: bool
    yearfirst: bool
    fields: ParsedFields
    format: _typing.Optional[str]


Reading.__module__ = "fastdt"


def readings(timestr, parserinfo=None, *, dayfirst=None, yearfirst=None):
    """Every way ``timestr`` reads as the ``dayfirst``/``yearfirst`` left
    None vary: one ``fastdt.Reading`` for a string whose reading they do
    not change, up to four for ``01/05/09``.

    Each reading comes from parsing the string again with that setting
    (``fastdt.parse_fields``; a setting whose fields are not a date, say
    ``Feb 30``, gives no alternative), so it is what ``parse`` answers with
    it.  The first reading is the one ``guess_format`` and ``parse_fields``
    answer with the settings given; the others follow in the order dayfirst
    flipped, yearfirst flipped, both flipped, each new field record once.

    :param timestr: the date string: a ``str``, or as for ``parse_fields``
        (``bytes`` give formats of None: strptime reads ``str``).
    :param parserinfo: a ``dateutil.parser.parserinfo``, as for
        ``fastdt.parse``; its ``dayfirst``/``yearfirst`` are the settings
        for a None.
    :param dayfirst: ``True`` or ``False`` fixes it (it does not vary);
        None lets it vary, starting from the parserinfo's.
    :param yearfirst: as ``dayfirst``.
    :returns: a tuple of ``fastdt.Reading``; more than one means that the
        reading depends on the settings left None.
    :raises ParserError: where ``parse_fields`` raises (the string does not
        parse with the settings given).
    """
    timestr = read_once(timestr)
    first = _parse_fields(timestr, parserinfo, dayfirst=dayfirst, yearfirst=yearfirst)
    return _readings(first, timestr, parserinfo, dayfirst, yearfirst, False, True)


def read_once(timestr):
    """A character stream's text (the readings parse the string again, and a
    stream reads once); anything else as it is."""
    if not isinstance(timestr, (str, bytes, bytearray)) and hasattr(timestr, "read"):
        return timestr.read()
    return timestr


def _readings(first, timestr, parserinfo, dayfirst, yearfirst, fuzzy, formats):
    """``readings``, given the first setting's record ``first``."""
    info = _DEFAULT_PARSER.info if parserinfo is None else parserinfo
    given = (bool(getattr(info, "dayfirst", False)) if dayfirst is None else bool(dayfirst),
             bool(getattr(info, "yearfirst", False)) if yearfirst is None else bool(yearfirst))
    found = []
    for flip_day, flip_year in ((False, False), (True, False), (False, True), (True, True)):
        if (flip_day and dayfirst is not None) or (flip_year and yearfirst is not None):
            continue
        day, year = given[0] ^ flip_day, given[1] ^ flip_year
        if found:
            try:
                fields = _parse_fields(timestr, parserinfo, dayfirst=day, yearfirst=year,
                                       fuzzy=fuzzy)
                # a date, not only fields (Feb 30 is none)
                _parse(timestr, parserinfo, dayfirst=day, yearfirst=year, fuzzy=fuzzy)
            except (ValueError, ArithmeticError):
                continue
            if any(fields == r.fields for r in found):
                continue
        else:
            fields = first
        fmt = (guess_format(timestr, parserinfo, dayfirst=day, yearfirst=year)
               if formats and isinstance(timestr, str) else None)
        found.append(Reading(day, year, fields, fmt))
    return tuple(found)


def _refuses_ambiguity(ambiguous):
    """Whether ``ambiguous=`` asks to raise (``"raise"``) or not (``"ignore"``)."""
    if ambiguous == "ignore":
        return False
    if ambiguous == "raise":
        return True
    raise ValueError(f"ambiguous must be 'ignore' or 'raise', not {ambiguous!r}")


def refuse_ambiguous(first, timestr, parserinfo, dayfirst, yearfirst, fuzzy, formats):
    """Raise ``AmbiguousDateError`` when ``timestr`` reads more than one way
    (``first``: its record with the settings given); ``formats``: name each
    reading's format too (``guess_format``), else its date fields only
    (``parse_fields``)."""
    found = _readings(first, timestr, parserinfo, dayfirst, yearfirst, fuzzy, formats)
    if len(found) < 2:
        return
    free = " and ".join(name for name, value in (("dayfirst", dayfirst),
                                                 ("yearfirst", yearfirst)) if value is None)
    described = "; ".join(_describe(r, formats) for r in found)
    err = AmbiguousDateError(
        "%s", f"{timestr!r} reads {len(found)} ways, depending on {free}: {described}. "
        f"Pass {free.replace(' and ', '= and ')}= to choose one (ambiguous='ignore' takes "
        "the first)")
    err.readings = found
    raise err


def _describe(reading, formats):
    fields = reading.fields
    text = ", ".join(f"{name} {getattr(fields, name)}" for name in ("year", "month", "day")
                     if getattr(fields, name) is not None)
    setting = f"dayfirst={reading.dayfirst}, yearfirst={reading.yearfirst}"
    if not formats:
        return f"{text} ({setting})"
    return f"{reading.format or 'no strptime format'} ({text}; {setting})"


# --- the parse's field record --------------------------------------------------

def _field_record(timestr, parserinfo, dayfirst, yearfirst):
    """The fields the string gave (None where the default fills in), or None
    when it does not parse."""
    try:
        return _parse_fields(timestr, parserinfo, dayfirst=dayfirst, yearfirst=yearfirst)
    except (ValueError, ArithmeticError):
        return None


# --- tokens --------------------------------------------------------------------

def _known(info):
    """The roles already worked out for ``info``'s words."""
    try:
        known = _known_infos.get(info)
        if known is None:
            known = _known_infos[info] = {}
        return known
    except TypeError:     # an info that cannot be a weak key: nothing kept
        return {}


def _token_roles(tokens, info, words):
    """Per token, what a run of letters may be (``_letter_roles``) in the
    order tried; ``()`` for digits and other characters.  None when a run of
    letters is nothing strptime reads (a zone name, an unknown word) or a
    run of digits is not ASCII: checked before anything is parsed."""
    roles = []
    for tok in tokens:
        c = tok[0]
        if c.isalpha():
            these = words.get(tok)
            if these is None:
                if len(words) >= _ROLES_CACHE_WORDS:
                    words.clear()
                these = words[tok] = _letter_roles(tok, info)
            if not these:
                return None
            roles.append(these)
        elif c.isdigit() and not tok.isascii():
            return None
        else:
            roles.append(())
    return roles


def _letter_roles(word, info):
    """``(directive, index)`` pairs for a run of letters: a month name
    (``%b``/``%B`` and its month), a weekday (``%a``/``%A`` and its day),
    AM/PM (``%p``), ``Z`` (``%z``), or a word dateutil skips (None: literal
    text), in the order tried."""
    roles = []
    month = info.month(word)
    if month is not None:
        roles += [("%b", month), ("%B", month)] if len(word) <= 3 else \
            [("%B", month), ("%b", month)]
    weekday = info.weekday(word)
    if weekday is not None:
        roles += [("%a", weekday), ("%A", weekday)] if len(word) <= 3 else \
            [("%A", weekday), ("%a", weekday)]
    if info.ampm(word) is not None:
        roles.append(("%p", None))
    if word == "Z" and info.utczone(word):
        roles.append(("%z", None))
    if info.jump(word) or info.hms(word) is not None or info.pertain(word):
        roles.append((None, None))
    return tuple(roles)


# --- the search ----------------------------------------------------------------

def _pivot(two_digits):
    # strptime's %y: 69-99 -> 1969-1999, 00-68 -> 2000-2068
    return two_digits + (1900 if two_digits >= 69 else 2000)


def _by_value(order, targets):
    """value -> the digit directives in ``order`` with that value."""
    by_value = {}
    for name in order:
        if name in targets:
            by_value.setdefault(targets[name], []).append(name)
    return by_value


class _Search:
    """Candidates in dateutil's reading order, each checked with strptime.

    A token's options (directive or literal text, the fields it fills, how
    many tokens it takes) are worked out when the walk first reaches it;
    the walk picks one option per token, no field twice, and checks each
    complete format."""

    def __init__(self, text, tokens, roles, record, value, offset, dayfirst, yearfirst):
        self.text = text
        self.tokens = tokens
        self.roles = roles
        self.value = value
        self.offset = offset
        self.weekday = record.weekday
        self.present = present = tuple(
            name for name in _FIELD_NAMES if getattr(record, name) is not None)
        has_ampm = any(role == "%p" for r in roles for role, _ in r)
        if yearfirst:
            order = ("Y", "y", "m", "d", "H", "I", "M", "S")
        elif dayfirst:
            order = ("d", "m", "Y", "y", "H", "I", "M", "S")
        else:
            order = ("m", "d", "Y", "y", "H", "I", "M", "S")
        # the value each digit directive must have, for the fields present
        targets = {}
        if "year" in present:
            targets["Y"] = value.year
            if _pivot(value.year % 100) == value.year:
                targets["y"] = value.year % 100
        if "month" in present:
            targets["m"] = value.month
        if "day" in present:
            targets["d"] = value.day
        if "hour" in present:
            if has_ampm:
                targets["I"] = value.hour % 12 or 12
            else:
                targets["H"] = value.hour
        if "minute" in present:
            targets["M"] = value.minute
        if "second" in present:
            targets["S"] = value.second
        self.year = targets.get("Y")
        # value -> the digit directives with that value, the date's first
        self.by_value = _by_value(order, targets)
        # The first choice leaves out the month when a name gives it, and
        # the two-digit year when four digits give it.
        first = dict(targets)
        if any(role in ("%b", "%B") and index == value.month
               for r in roles for role, index in r):
            first.pop("m", None)
        if any(tok == str(self.year) for tok in tokens):
            first.pop("y", None)
        self.first_by_value = _by_value(order, first)
        self.options = [None] * len(tokens)
        self.checked = set()

    def run(self):
        # First the first choice for every token (what nearly every string
        # needs), then every combination, skipping a format already checked.
        fmt = self._greedy()
        if fmt is not None and self._check(fmt):
            return fmt
        if len(self.tokens) > _WALK_TOKENS:
            return None
        return self._walk(0, [], _NO_FIELD)

    def _greedy(self):
        pieces = []
        used = set()
        tokens = self.tokens
        roles = self.roles
        by_value = self.first_by_value
        n = len(tokens)
        i = 0
        while i < n:
            tok = tokens[i]
            if roles[i] or tok in ("+", "-"):
                options = self._options(i, used)
            elif tok[0].isdigit():
                if len(tok) == 4 and "Y" not in used and int(tok) == self.year:
                    pieces.append("%Y")
                    used.add("Y")
                    i += 1
                    continue
                if len(tok) > 2 or (i >= 2 and tokens[i - 1] in ".,"):
                    options = self._options(i, used)
                else:
                    # one or two digits, no fraction: the first free field
                    # of that value, the time's first beside a colon
                    names = by_value.get(int(tok), ())
                    if len(names) > 1 and ((i > 0 and tokens[i - 1] == ":") or
                                           (i + 1 < n and tokens[i + 1] == ":")):
                        names = sorted(names, key=_TIME_FIELDS.__contains__, reverse=True)
                    for name in names:
                        field = _DIGIT_FIELD[name]
                        if field not in used and (name != "y" or len(tok) == 2):
                            break
                    else:
                        return None
                    pieces.append("%" + name)
                    used.add(field)
                    i += 1
                    continue
            else:
                pieces.append(tok.replace("%", "%%"))      # literal text
                i += 1
                continue
            for piece, fields, step in options:
                if not (fields & used) and ("f" not in fields or "S" in used):
                    break
            else:
                return None
            pieces.append(piece)
            used.update(fields)
            i += step
        if (self.offset is not None) != ("z" in used):
            return None
        return "".join(pieces)

    # one token at a time; `used` holds the fields already placed
    def _walk(self, i, pieces, used):
        if i == len(self.tokens):
            if (self.offset is not None) != ("z" in used):
                return None
            fmt = "".join(pieces)
            return fmt if fmt not in self.checked and self._check(fmt) else None
        for piece, fields, step in self._options(i, used):
            if fields & used or ("f" in fields and "S" not in used):
                continue
            found = self._walk(i + step, pieces + [piece], used | fields)
            if found is not None or len(self.checked) >= _MAX_CHECKS:
                return found
        return None

    def _check(self, fmt):
        self.checked.add(fmt)
        return _reproduces(self.text, fmt, self.value, self.offset, self.present)

    def _options(self, i, used):
        options = self.options[i]
        if options is None:
            options = self.options[i] = self._token_options(i)
        if len(options) > 1 and self.tokens[i] in ("+", "-") and "H" in used:
            # a sign after the time is the offset's; before it, a separator
            options = options[::-1]
        return options

    def _token_options(self, i):
        tok = self.tokens[i]
        c = tok[0]
        if c.isdigit():
            return self._digit_options(i)
        if c.isalpha():
            return [(role or tok.replace("%", "%%"), _ROLE_FIELD[role], 1)
                    for role, index in self.roles[i] if self._letter_fits(role, index)]
        if c in "+-" and self.offset is not None:
            zone = self._offset_option(i)
            if zone is not None:
                return [(tok, _NO_FIELD, 1), zone]
        return [(tok.replace("%", "%%"), _NO_FIELD, 1)]

    def _letter_fits(self, role, index):
        if role in ("%b", "%B"):
            return "month" in self.present and index == self.value.month
        if role in ("%a", "%A"):
            return index == self.weekday
        if role == "%z":
            return self.offset is not None and not self.offset
        return True

    def _offset_option(self, i):
        """``%z`` for a sign and ``HHMM`` or ``HH:MM`` equal to the offset."""
        toks = self.tokens
        if i + 1 >= len(toks) or not toks[i + 1].isdigit():
            return None
        if len(toks[i + 1]) == 4:
            hh, mm, step = toks[i + 1][:2], toks[i + 1][2:], 2
        elif (len(toks[i + 1]) == 2 and i + 3 < len(toks) and toks[i + 2] == ":"
              and len(toks[i + 3]) == 2 and toks[i + 3].isdigit()):
            hh, mm, step = toks[i + 1], toks[i + 3], 4
        else:
            return None
        seconds = int(hh) * 3600 + int(mm) * 60
        if toks[i] == "-":
            seconds = -seconds
        if seconds != self.offset.total_seconds():
            return None
        return "%z", _ZONE_FIELD, step

    # digits
    def _digit_options(self, i):
        tok = self.tokens[i]
        toks = self.tokens
        options = []
        if (i >= 2 and toks[i - 1] in ".," and toks[i - 2].isdigit()
                and "microsecond" in self.present and len(tok) <= 6
                and int(tok.ljust(6, "0")) == self.value.microsecond):
            # the seconds' fraction (the walk checks %S came before)
            options.append(("%f", _FRACTION_FIELD, 1))
        near_colon = ((i > 0 and toks[i - 1] == ":") or
                      (i + 1 < len(toks) and toks[i + 1] == ":"))
        self._splits(tok, near_colon, "", _NO_FIELD, options)
        return options

    def _splits(self, digits, time_first, piece, fields, out):
        """Ways to read a run of digits as one field or, when longer, as
        fixed-width fields one after another (``%Y%m%d``), added to out:
        %Y takes 4 digits, %y 2, the others 1 or 2 alone and 2 in a run."""
        n = len(digits)
        if n == 0:
            out.append((piece, fields, 1))
            return
        if n > _LONGEST_RUN:
            return
        if n > 2 and "Y" not in fields and int(digits[:4]) == self.year:
            self._splits(digits[4:], time_first, piece + "%Y", fields | _YEAR_FIELD, out)
        width = n if n <= 2 else 2
        names = self.by_value.get(int(digits[:width]), ())
        if time_first and len(names) > 1:
            # beside a colon: the time's fields first
            names = sorted(names, key=_TIME_FIELDS.__contains__, reverse=True)
        for name in names:
            field = _DIGIT_FIELD[name]
            if name == "Y" or (name == "y" and width != 2) or field in fields:
                continue
            self._splits(digits[width:], time_first, piece + "%" + name,
                         fields | {field}, out)


def _reproduces(text, fmt, value, offset, present):
    """Whether ``datetime.strptime(text, fmt)`` gives ``value`` on the fields
    in ``present`` and ``offset`` as its UTC offset."""
    if "year" not in present:
        # The same match with a year in front: strptime's default year is
        # 1900 either way, and Python 3.13 warns about a day without a year
        # (cpython #70647) when the format is compiled.
        text, fmt = "1900 " + text, "%Y " + fmt
    try:
        got = _datetime.datetime.strptime(text, fmt)
    except ValueError:
        return False
    for name in present:
        if getattr(got, name) != getattr(value, name):
            return False
    return got.utcoffset() == offset
