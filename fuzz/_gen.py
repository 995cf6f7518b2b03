"""Input generators for the fuzzer, written once against a ``Chooser``.

A chooser supplies the randomness: ``random.Random`` (``RandomChooser``),
a hypothesis ``data`` object (``HypothesisChooser``) or an atheris
``FuzzedDataProvider`` (``AtherisChooser``), so every engine explores the
same input space: grammar-built date strings, mutated real date strings and
arbitrary text.
"""
import io


class RandomChooser:
    def __init__(self, rng):
        self.rng = rng

    def int(self, lo, hi):
        return self.rng.randint(lo, hi)

    def raw_text(self, n):
        return "".join(self.pick(RAW_POOL) for _ in range(self.int(0, n)))


class HypothesisChooser:
    def __init__(self, data):
        from hypothesis import strategies as st
        self.data = data
        self.st = st

    def int(self, lo, hi):
        return self.data.draw(self.st.integers(lo, hi))

    def raw_text(self, n):
        return self.data.draw(self.st.text(max_size=n))


class AtherisChooser:
    def __init__(self, fdp):
        self.fdp = fdp

    def int(self, lo, hi):
        return self.fdp.ConsumeIntInRange(lo, hi)

    def raw_text(self, n):
        return self.fdp.ConsumeUnicode(self.int(0, n))


def _pick(self, seq):
    return seq[self.int(0, len(seq) - 1)]


def _chance(self, num, den=100):
    return self.int(0, den - 1) < num


for _cls in (RandomChooser, HypothesisChooser, AtherisChooser):
    _cls.pick = _pick
    _cls.chance = _chance


# --- pools ------------------------------------------------------------------

SEEDS = [
    "Thu Sep 25 10:36:28 BRST 2003", "Thu Sep 25 10:36:28 2003", "Thu Sep 25 2003",
    "2003-09-25T10:49:41", "2003-09-25T10:49", "2003-09-25T10", "2003-09-25",
    "20030925T104941", "20030925T1049", "20030925T10", "20030925", "2003-09-25 10:49:41,502",
    "199709020908", "19970902090807", "09-25-2003", "25-09-2003", "10-09-2003", "10-09-03",
    "2003.09.25", "09.25.2003", "25.09.2003", "10.09.2003", "10.09.03", "2003/09/25",
    "09/25/2003", "25/09/2003", "10/09/2003", "10/09/03", "2003 09 25", "09 25 2003",
    "25 09 2003", "10 09 2003", "10 09 03", "25 09 03", "03 25 Sep", "25 03 Sep",
    "  July   4 ,  1976   12:01:02   am  ", "Wed, July 10, '96", "1996.July.10 AD 12:08 PM",
    "July 4, 1976", "7 4 1976", "4 jul 1976", "4 Jul 1976", "7-4-76", "19760704",
    "0:01:02 on July 4, 1976", "July 4, 1976 12:01:02 am", "Mon Jan  2 04:24:27 1995",
    "04.04.95 00:22", "Jan 1 1999 11:23:34.578", "950404 122212", "3rd of May 2001",
    "5th of March 2001", "1st of May 2003", "0099-01-01T00:00:00", "0031-01-01T00:00:00",
    "20080227T21:26:01.123456789", "13NOV2017", "0003-03-04", "December.0031.30",
    "Tue Apr 4 00:22:12 PDT 1995", "Thu, 25 Sep 2003 10:49:41 -0300",
    "2003-09-25T10:49:41.5-03:00", "2003-09-25T10:49:41-03:00", "2003-09-25T10:49:41Z",
    "Sep 03", "Sep of 03", "Wed", "Wednesday", "October", "31-Dec-00", "10h36m28.5s",
    "10h36m28s", "10h36m", "10h", "10 h 36", "10 h 36.5", "36 m 5", "36 m 5 s",
    "36 m 05", "36 m 05 s", "10h am", "10h pm", "10am", "10pm", "10:00 am", "10:00 pm",
    "10:00am", "10:00pm", "10:00a.m", "10:00p.m", "10:00a.m.", "10:00p.m.",
    "Wed, 25 Sep 2003 10:49:41 GMT+3", "Today is 25 of September of 2003, exactly at "
    "10:49:41 with timezone -03:00.", "I have a meeting on March 1, 1974",
    "On June 8th, 2020, I am going to be the first man on Mars",
    "Meet me at the AM/PM on Sunset at 3:00 AM on December 3rd, 2003",
    "Meet me at 3:00AM on December 3rd, 2003 at the AM/PM on Sunset",
    "Jan 29, 1945 14:45 AM I going to see you there?", "2017-07-17 06:15:", "Dec 2018",
    "1994-11-05T08:15:30-05:00", "1994-11-05T13:15:30Z", "UTC+3", "GMT-3", "EST+5",
    "10:00 UTC-0530", "12:00 +1200", "12 +14", "5:50 A.M. on June 13, 1990",
    "2016-12-21 04.2h", "1.5 hours", "4.5 minutes", "Mar. 5 '23", "1.5.2020", "12,5",
    "10,5:30", "2000.5", "0.5", "24:00", "23:59:60", "Feb 29 2001", "Feb 30", "April 31",
    "1 2 3", "12 13", "99 99", "2020 12 13 14", "Sept 25 2003 BRST", "des 3 März 2003",
    "Mo, 3. März 2003 um 10:36 Uhr MEZ", "Sonntag der 5. Okt", "10 nm", "3 vm",
]

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct",
          "Nov", "Dec", "January", "February", "March", "April", "June", "July", "August",
          "September", "October", "November", "December", "März", "Mai", "Okt", "Dez"]
WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun", "Monday", "Tuesday",
            "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Mo", "Di", "Sonntag"]
TZNAMES = ["UTC", "GMT", "Z", "z", "EST", "EDT", "BRST", "BRT", "PDT", "CST", "JST", "MEZ",
           "MESZ", "A", "XYZ", "ABCDE", "ABCDEF", "Xy", "utc", "gmt", "UTC+3", "GMT-3",
           "(EST)", "[UTC]"]
OFFSETS = ["+0300", "-0300", "+03:00", "-03:00", "+03", "-3", "+3", "+12", "-12", "+1200",
           "+2400", "+9999", "-0000", "+00:00", "+123", "+12345", "+05:30", "-05:30:00",
           "+0", "-24:00", "+99"]
JOINERS = [" ", " ", " ", ", ", "-", "/", ".", "T", "t", ":", "  ", " of ", " at ", " on ",
           " and ", ";", "'", "", " AD ", " m ", " the ", "\t", "\n", ",", " de "]
AMPM = ["am", "pm", "AM", "PM", "a", "p", "a.m.", "p.m.", "A.M.", "P.M", "a.m", " am", " pm",
        "vm", "nm"]
HMS_WORDS = ["h", "m", "s", "hour", "hours", "minute", "minutes", "second", "seconds",
             "H", "M", "S", "std", "min", "sek"]
WORDS = ["of", "at", "on", "and", "ad", "st", "nd", "rd", "th", "the", "is", "Today",
         "hello", "T", "t", "M", "um", "Uhr", "den", "der", "des", "x", "ABC", "noon"]
HUGE = ["9" * 10, "9" * 18, "9" * 19, "9" * 20, "9" * 40, "9" * 300, "4294967296",
        "2147483647", "2147483648", "9223372036854775807", "9223372036854775808",
        "18446744073709551616", "0" * 30 + "1", "1" + "0" * 30, "99999999999999999999.5",
        "0." + "9" * 40, "1." + "0" * 40 + "1", "100000", "1000000", "10000000000",
        "1" * 14, "12345678901234", "123456789012345678901234567890",
        "9" * 4300, "9" * 4301, "1" + "0" * 4301]
# code points that stress character classification
ODD_CHARS = [
    "\x00", "\u200b", "\ufeff", "\u00a0", "\u2028", "\u3000", "\x1c", "\x1f", "\x85",
    "\x0b", "\x0c", "\r", "\t", "\ud800", "\udfff", "\udcff",
    "\u0663", "\u06f3", "\uff13", "\U0001d7d8", "\u00b2", "\u2460", "\u216b", "\u0bef",
    "\u0e53", "\u1040", "\u07c0", "\U000104a3", "\u00bd", "\u2155",
    "\u00e9", "\u00df", "\u0130", "\u03a3", "\u03c3", "\u01c5", "\ufb00", "\u0131",
    "\u212a", "\u1e9e", "\u00c5", "\u0391", "\u4e00", "\U00010400", "\u02b0", "\u0345",
    "\u00aa", "\u00ba", "\u2160", "\uff21", "\uff41",
    "\u2212", "\u2013", "\uff0e", "\uff0c", "\uff1a", "\u3002", "\u060c", "\ufe52",
    "+", "-", ".", ",", ":", "/", "'", "(", ")", "[", "]", "%", "#", "\\", "\x7f", "\xff",
]
RAW_POOL = (list("0123456789 .,:-/+TZamp") + ODD_CHARS +
            ["Sep", "Jan", "UTC", "GMT", "of", "st", "h", "m", "s", "am", "pm"])


def _case(ch, w):
    m = ch.int(0, 4)
    if m == 0:
        return w.upper()
    if m == 1:
        return w.lower()
    if m == 2:
        return "".join(c.upper() if ch.chance(50) else c.lower() for c in w)
    return w


def _num(ch, lo, hi, width=0):
    v = ch.int(lo, hi)
    s = str(v)
    if width and ch.chance(60):
        s = s.zfill(width)
    return s


def _frac(ch):
    return ch.pick([".", ","]) + "".join(ch.pick("0123456789") for _ in range(ch.int(0, 12)))


# --- grammar generator ------------------------------------------------------

def _component(ch):
    k = ch.int(0, 22)
    if k == 0:
        return _num(ch, 0, 9999, 4)                       # year
    if k == 1:
        return _num(ch, 0, 99, 2)                         # 2-digit year / day / month
    if k == 2:
        return _num(ch, 0, 13, 2)                         # month
    if k == 3:
        return _num(ch, 0, 32, 2)                         # day
    if k == 4:
        return _num(ch, 0, 32) + ch.pick(["st", "nd", "rd", "th", "ST", ""])
    if k == 5:
        w = _case(ch, ch.pick(MONTHS))
        return w + ("." if ch.chance(15) else "")
    if k == 6:
        return _case(ch, ch.pick(WEEKDAYS)) + ("," if ch.chance(40) else "")
    if k in (7, 8):                                        # clock time
        t = _num(ch, 0, 25, 2)
        for _ in range(ch.int(0, 2)):
            t += ":" + _num(ch, 0, 61, 2)
        if ch.chance(30):
            t += _frac(ch)
        if ch.chance(30):
            t += ch.pick(["", " "]) + ch.pick(AMPM)
        return t
    if k == 9:                                             # h/m/s units
        t = ""
        for _ in range(ch.int(1, 3)):
            t += _num(ch, 0, 70) + (_frac(ch) if ch.chance(15) else "")
            t += ch.pick(["", " "]) + _case(ch, ch.pick(HMS_WORDS))
            t += ch.pick(["", " "])
        return t
    if k == 10:
        return ch.pick(TZNAMES)
    if k == 11:
        return ch.pick(["", " "]) + ch.pick(OFFSETS)
    if k == 12:                                            # compact numerics
        n = ch.int(1, 16)
        s = "".join(ch.pick("0123456789") for _ in range(n))
        if ch.chance(30):
            s += ch.pick(["T", "t", " "]) + "".join(ch.pick("0123456789")
                                                    for _ in range(ch.int(1, 8)))
        if ch.chance(15):
            s += _frac(ch)
        return s
    if k == 13:                                            # ISO-like
        s = "%s-%s-%s" % (_num(ch, 0, 9999, 4), _num(ch, 0, 13, 2), _num(ch, 0, 32, 2))
        if ch.chance(70):
            s += ch.pick(["T", " "]) + _num(ch, 0, 24, 2) + ":" + _num(ch, 0, 60, 2)
            if ch.chance(70):
                s += ":" + _num(ch, 0, 60, 2)
            if ch.chance(40):
                s += _frac(ch)
            if ch.chance(50):
                s += ch.pick(["Z", "z"] + OFFSETS)
        return s
    if k == 14:
        sep = ch.pick(["/", "-", ".", " "])
        parts = [_num(ch, 0, 40, 2) for _ in range(ch.int(2, 3))]
        if ch.chance(50):
            parts[ch.int(0, len(parts) - 1)] = _num(ch, 0, 9999, 4)
        if ch.chance(25):
            parts[ch.int(0, len(parts) - 1)] = _case(ch, ch.pick(MONTHS))
        return sep.join(parts)
    if k == 15:
        return _case(ch, ch.pick(AMPM))
    if k == 16:
        return _case(ch, ch.pick(WORDS))
    if k == 17:
        return ch.pick(HUGE)
    if k == 18:
        return ch.pick(SEEDS)
    if k == 19:
        return _num(ch, 0, 99) + _frac(ch)
    if k == 20:
        return ch.pick(ODD_CHARS)
    if k == 21:
        return _case(ch, ch.pick(MONTHS)) + ch.pick(["", " ", "-"]) + _num(ch, 0, 99)
    return ch.pick(["'", "(", ")", "-", "+", "--", ",", ".", "..", "/"]) + _num(ch, 0, 99, 2)


def grammar(ch):
    parts = [_component(ch) for _ in range(ch.int(1, 8))]
    out = parts[0]
    for p in parts[1:]:
        out += ch.pick(JOINERS) + p
    return out


# --- mutations --------------------------------------------------------------

def _ins(ch, s, piece):
    i = ch.int(0, len(s))
    return s[:i] + piece + s[i:]


def mutate(ch, s):
    for _ in range(ch.int(1, 4)):
        m = ch.int(0, 12)
        n = len(s)
        if m == 0 and n:                                   # replace a character
            i = ch.int(0, n - 1)
            s = s[:i] + ch.pick(RAW_POOL) + s[i + 1:]
        elif m == 1:                                       # insert odd characters
            s = _ins(ch, s, "".join(ch.pick(ODD_CHARS) for _ in range(ch.int(1, 3))))
        elif m == 2:                                       # insert a huge number
            s = _ins(ch, s, ch.pick(HUGE))
        elif m == 3 and n:                                 # repeat a slice
            i = ch.int(0, n - 1)
            j = ch.int(i, min(n, i + 12))
            s = s[:j] + s[i:j] * ch.int(1, ch.pick([3, 10, 60])) + s[j:]
        elif m == 4 and n:                                 # delete a slice
            i = ch.int(0, n - 1)
            s = s[:i] + s[ch.int(i, min(n, i + 6)):]
        elif m == 5 and n:                                 # byte flip via UTF-8
            b = bytearray(s.encode("utf-8", "surrogatepass"))
            i = ch.int(0, len(b) - 1)
            b[i] ^= 1 << ch.int(0, 7)
            s = b.decode("utf-8", ch.pick(["replace", "surrogateescape", "ignore"]))
        elif m == 6:                                       # insert a grammar piece
            s = _ins(ch, s, ch.pick(JOINERS) + _component(ch))
        elif m == 7 and n:                                 # swap case of a slice
            i = ch.int(0, n - 1)
            j = ch.int(i, n)
            s = s[:i] + s[i:j].swapcase() + s[j:]
        elif m == 8:                                       # digit -> unicode digit
            digs = [i for i, c in enumerate(s) if c.isdigit()]
            if digs:
                i = ch.pick(digs)
                base = ch.pick([0x660, 0x6f0, 0xff10, 0x1d7d8, 0x966, 0xe50, 0x1040])
                s = s[:i] + chr(base + (int(s[i]) if s[i] in "0123456789" else 0)) + s[i + 1:]
        elif m == 9:                                       # separators
            s = s.replace(ch.pick([" ", "-", "/", ":", ".", ","]), ch.pick(JOINERS).strip()
                          or ch.pick([" ", ".", ",", "-", "/"]))
        elif m == 10:                                      # a word
            s = _ins(ch, s, ch.pick(["", " "]) + _case(ch, ch.pick(WORDS + TZNAMES + AMPM
                                                                   + HMS_WORDS)))
        elif m == 11:                                      # many small numbers
            s = _ins(ch, s, (_num(ch, 0, 40) + ch.pick([" ", "/", "-", ", "]))
                     * ch.pick([3, 4, 5, 9, 60, 2000]))
        else:                                              # NUL sprinkle
            s = _ins(ch, s, "\x00" * ch.int(1, 3))
    return s


def gen_text(ch):
    """One input string: grammar, mutated seed/grammar, or raw text."""
    mode = ch.int(0, 9)
    if mode <= 3:
        return grammar(ch)
    if mode <= 6:
        return mutate(ch, ch.pick(SEEDS))
    if mode <= 8:
        return mutate(ch, grammar(ch))
    if ch.chance(50):
        return ch.raw_text(40)
    return "".join(ch.pick(RAW_POOL) for _ in range(ch.int(0, 30)))


def wrap(ch, s):
    """Usually the str itself; sometimes bytes, bytearray or a text stream."""
    k = ch.int(0, 99)
    if k < 8:
        try:
            return s.encode("utf-8")
        except UnicodeEncodeError:
            return s.encode("utf-8", "surrogatepass")
    if k < 10:
        try:
            return bytearray(s.encode("utf-8"))
        except UnicodeEncodeError:
            return s
    if k < 12:
        return io.StringIO(s)
    return s
