"""Generate bench/corpora/*.txt from a fixed seed.

``python -m bench.make_corpora`` rewrites every corpus file.
``python -m bench.make_corpora --held-back`` writes the held-back set,
bench/corpora_heldback/: the same recipes from another seed, never looked at
while tuning, plus ``tzname`` (strings whose zone name dateutil does not
know, so it warns) and its twin ``tzname_plain`` (the same strings without
the name), the pair that prices the unknown-zone-name path.  Report speed
targets on that set: ``python -m bench --corpus-dir bench/corpora_heldback``.  Each string is
built from a known datetime and kept only if ``dateutil.parser.parse`` (with
the corpus's declared options) returns exactly that datetime and emits no
warning: dateutil's answer is the reference every peer is compared with, so
the corpora must not contain strings where dateutil itself is wrong or slow
for an incidental reason (UnknownTimezoneWarning costs more than the parse).
"""
import calendar
import datetime as dt
import json
import os
import random
import sys
import warnings

SEED = 20030925
HELD_BACK_SEED = 19690720
CORPUS_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpora")
HELD_BACK_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpora_heldback")
# Zone names dateutil's parser reads as a zone but cannot resolve (it warns
# UnknownTimezoneWarning and returns a naive datetime) on a UTC machine.
UNKNOWN_TZNAMES = ["PDT", "PST", "EST", "EDT", "CET", "CEST", "BRST", "MSK", "JST", "AEST",
                   "IST", "HKT"]

MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
            "Saturday", "Sunday"]
ORDINAL_SUFFIX = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd", 31: "st"}


class Sample:
    """One generated string plus the fields dateutil must return for it.

    ``year`` is None for stamps without a year (syslog): dateutil fills it
    from today, so only the other fields are checked.  ``offset`` is the UTC
    offset in seconds, or None for a naive answer.
    """

    def __init__(self, text, when, offset=None, has_year=True):
        self.text = text
        self.when = when
        self.offset = offset
        self.has_year = has_year

    def matches(self, answer):
        if answer is None:
            return False
        fields = ("month", "day", "hour", "minute", "second", "microsecond")
        if self.has_year:
            fields = ("year",) + fields
        if any(getattr(answer, f) != getattr(self.when, f) for f in fields):
            return False
        got = answer.utcoffset()
        if self.offset is None:
            return got is None
        return got is not None and got.total_seconds() == self.offset


def random_datetime(rng, micro=False):
    start = dt.datetime(1970, 1, 1)
    seconds = rng.randrange(0, 68 * 365 * 86400)
    when = start + dt.timedelta(seconds=seconds)
    if micro:
        when = when.replace(microsecond=rng.randrange(0, 1000000))
    return when


def random_offset_minutes(rng):
    # Real-world offsets: whole hours mostly, plus the half/quarter-hour zones.
    return rng.choice([0, 60, 120, 180, 330, 345, 540, 600, -180, -240,
                       -300, -420, -480, -570, 570, 480, 60, -60])


def fmt_offset(minutes, colon=True):
    sign = "-" if minutes < 0 else "+"
    h, m = divmod(abs(minutes), 60)
    return f"{sign}{h:02d}:{m:02d}" if colon else f"{sign}{h:02d}{m:02d}"


def twelve_hour(when):
    hour = when.hour % 12 or 12
    return hour, ("am" if when.hour < 12 else "pm")


# --- one generator per corpus: each returns a Sample -----------------------

def gen_iso8601(rng):
    when = random_datetime(rng)
    kind = rng.randrange(8)
    sep = rng.choice(["T", "T", "T", " "])
    date = when.strftime("%Y-%m-%d")
    base = f"{date}{sep}{when:%H:%M:%S}"
    if kind == 0:
        return Sample(date, when.replace(hour=0, minute=0, second=0))
    if kind == 1:
        return Sample(base, when)
    digits = rng.choice([3, 6, 6, 1])
    micro = rng.randrange(0, 10 ** digits)
    when_f = when.replace(microsecond=micro * 10 ** (6 - digits))
    frac = f".{micro:0{digits}d}"
    if kind == 2:
        return Sample(base + frac, when_f)
    if kind in (3, 4):
        text = base + (frac if kind == 4 else "") + "Z"
        return Sample(text, when_f if kind == 4 else when, 0)
    minutes = random_offset_minutes(rng)
    colon = kind != 7
    text = base + (frac if kind == 6 else "") + fmt_offset(minutes, colon)
    return Sample(text, when_f if kind == 6 else when, minutes * 60)


def gen_rfc2822(rng):
    when = random_datetime(rng)
    minutes = random_offset_minutes(rng)
    day = f"{when.day}" if rng.random() < 0.5 else f"{when.day:02d}"
    text = f"{when:%a}, {day} {when:%b %Y %H:%M:%S} {fmt_offset(minutes, False)}"
    if rng.random() < 0.15:
        text = text[5:]  # the weekday is optional in RFC 2822
    return Sample(text, when, minutes * 60)


def gen_http(rng):
    when = random_datetime(rng)
    kind = rng.randrange(4)
    if kind <= 1:  # IMF-fixdate, the one servers must send
        return Sample(f"{when:%a, %d %b %Y %H:%M:%S} GMT", when, 0)
    if kind == 2:  # obsolete RFC 850 form, two-digit year
        year = rng.randrange(1980, 2030)
        if when.month == 2 and when.day == 29:
            when = when.replace(day=28)  # the new year may not be a leap year
        when = when.replace(year=year)
        return Sample(f"{when:%A, %d-%b-%y %H:%M:%S} GMT", when, 0)
    # asctime form: no zone, day padded with a space
    return Sample(f"{when:%a %b} {when.day:2d} {when:%H:%M:%S %Y}", when)


def gen_clf(rng):
    when = random_datetime(rng)
    minutes = random_offset_minutes(rng)
    return Sample(f"{when:%d/%b/%Y:%H:%M:%S} {fmt_offset(minutes, False)}",
                  when, minutes * 60)


def gen_syslog(rng):
    # Classic BSD syslog stamp: no year, space-padded day.
    when = random_datetime(rng)
    if when.month == 2 and when.day == 29:
        when = when.replace(day=28)  # today's year may not be a leap year
    return Sample(f"{when:%b} {when.day:2d} {when:%H:%M:%S}", when, has_year=False)


def gen_csv_us(rng):
    when = random_datetime(rng)
    sep = rng.choice(["/", "/", "-"])
    month = f"{when.month:02d}" if rng.random() < 0.6 else str(when.month)
    day = f"{when.day:02d}" if rng.random() < 0.6 else str(when.day)
    date = f"{month}{sep}{day}{sep}{when.year}"
    kind = rng.randrange(3)
    if kind == 0:
        return Sample(date, when.replace(hour=0, minute=0, second=0))
    if kind == 1:
        return Sample(f"{date} {when:%H:%M:%S}", when)
    hour, ampm = twelve_hour(when)
    return Sample(f"{date} {hour}:{when:%M} {ampm.upper()}", when.replace(second=0))


def gen_csv_eu(rng):
    when = random_datetime(rng)
    sep = rng.choice(["/", ".", ".", "-"])
    date = f"{when.day:02d}{sep}{when.month:02d}{sep}{when.year}"
    kind = rng.randrange(3)
    if kind == 0:
        return Sample(date, when.replace(hour=0, minute=0, second=0))
    if kind == 1:
        return Sample(f"{date} {when:%H:%M:%S}", when)
    return Sample(f"{date} {when:%H:%M}", when.replace(second=0))


def gen_spelled(rng):
    when = random_datetime(rng)
    month = MONTHS[when.month - 1]
    if rng.random() < 0.3:
        month = month[:3]
    day = when.day
    hour, ampm = twelve_hour(when)
    kind = rng.randrange(5)
    if kind == 0:
        text = f"{month} {day}, {when.year} {hour}:{when:%M:%S} {ampm}"
        return Sample(text, when)
    if kind == 1:
        return Sample(f"{day} {month} {when.year}", when.replace(hour=0, minute=0, second=0))
    if kind == 2:
        suffix = ORDINAL_SUFFIX.get(day, "th")
        weekday = WEEKDAYS[when.weekday()]
        text = f"{weekday}, {month} {day}{suffix}, {when.year} at {hour}:{when:%M} {ampm}"
        return Sample(text, when.replace(second=0))
    if kind == 3:
        text = f"{day} {month} {when.year}, {when:%H:%M}"
        return Sample(text, when.replace(second=0))
    # "4th of July, 1976": the ordinal-of form ("Month Year" alone is left
    # out: dateutil takes the missing day from today, which is not stable).
    suffix = ORDINAL_SUFFIX.get(day, "th")
    text = f"{day}{suffix} of {month}, {when.year}"
    return Sample(text, when.replace(hour=0, minute=0, second=0))


def gen_tzname(rng):
    """An RFC 2822 / HTTP / spelled stamp ending in a zone name dateutil
    cannot resolve.  ``Sample.plain`` is the same string without the name."""
    when = random_datetime(rng)
    name = rng.choice(UNKNOWN_TZNAMES)
    kind = rng.randrange(3)
    if kind == 0:
        plain = f"{when:%a, %d %b %Y %H:%M:%S}"
    elif kind == 1:  # not ISO: its plain twin would take the ISO shortcut
        plain = f"{when:%d %b %Y %H:%M:%S}"
    else:
        plain = f"{when:%b} {when.day}, {when.year} {when:%H:%M}"
        when = when.replace(second=0)
    sample = Sample(f"{plain} {name}", when)
    sample.plain = plain
    return sample


FUZZY_TEMPLATES = [
    "The launch was moved to {spelled} after the review",
    "Reminder: invoice due {iso} per the contract",
    "Today is {day} of {month} of {year}, exactly at {time} with timezone {offset}.",
    "Logged in from the office on {spelled} using the new badge",
    "Report generated {iso} by the nightly job",
    "Your order shipped {spelled} and should arrive soon",
]


def gen_fuzzy(rng):
    when = random_datetime(rng)
    hour, ampm = twelve_hour(when)
    template = rng.choice(FUZZY_TEMPLATES)
    minutes = random_offset_minutes(rng)
    fields = {
        "spelled": f"{MONTHS[when.month - 1]} {when.day}, {when.year} {hour}:{when:%M} {ampm}",
        "iso": f"{when:%Y-%m-%d %H:%M:%S}",
        "day": f"{when.day}", "month": MONTHS[when.month - 1], "year": f"{when.year}",
        "time": f"{when:%H:%M:%S}", "offset": fmt_offset(minutes),
    }
    text = template.format(**fields)
    if "{offset}" in template:
        return Sample(text, when, minutes * 60)
    if "{spelled}" in template:
        return Sample(text, when.replace(second=0))
    return Sample(text, when)


# --- the varied corpus: forms dateutil accepts, as users write them -----------
#
# Issue 18: ISO-heavy corpora hide the general path.  A few percent ISO;
# about a third dotted dates or a comma after a number; a.m./p.m., at/on,
# weekday and month names, h/m/s units; zones and offsets in many places,
# and 18 distinct zone names dateutil does not know (it warns, so the
# sample carries the warning it expects).
VARIED_TZNAMES = UNKNOWN_TZNAMES + ["AEDT", "NZST", "SGT", "EET", "WEST", "AKST"]
VARIED_SIZE = 2000


def _varied_zone(rng):
    """(text, offset in seconds or None, warns): a zone or offset, or nothing."""
    kind = rng.randrange(8)
    if kind <= 2:
        return "", None, False
    if kind == 3:
        return rng.choice(["UTC", "GMT", "Z"]), 0, False
    if kind in (4, 5):
        return rng.choice(VARIED_TZNAMES), None, True
    minutes = random_offset_minutes(rng)
    return fmt_offset(minutes, kind == 6), minutes * 60, False


def _varied_time(rng, when):
    """(text, when with the fields the text drops zeroed)."""
    hour, ampm = twelve_hour(when)
    kind = rng.randrange(7)
    if kind == 0:
        return f"{when:%H:%M:%S}", when
    if kind == 1:
        return f"{when:%H:%M}", when.replace(second=0)
    if kind == 2:
        dotted = "a.m." if ampm == "am" else "p.m."
        return f"{hour}:{when:%M} {dotted}", when.replace(second=0)
    if kind == 3:
        return f"{hour}:{when:%M:%S}{ampm.upper()}", when
    if kind == 4:
        return f"{when.hour}h{when:%M}m{when:%S}s", when
    if kind == 5:
        return f"{when.hour}h {when.minute}m", when.replace(second=0)
    return f"{hour} {ampm}", when.replace(minute=0, second=0)


def _varied_date(rng, when):
    month = MONTHS[when.month - 1]
    mon = month[:3]
    weekday = WEEKDAYS[when.weekday()]
    kind = rng.randrange(9)
    if kind == 0:
        return f"{when.year}.{mon}.{when.day:02d}"
    if kind == 1:   # day first only where it cannot be a month
        if when.day <= 12:
            return f"{when.month}.{when.day}.{when.year}"
        return f"{when.day}.{when.month}.{when.year}"
    if kind == 2:
        return f"{when.day}.{mon}.{when.year}"
    if kind == 3:
        return f"{month} {when.day}, {when.year}"
    if kind == 4:
        return f"{weekday}, {when.day} {month} {when.year}"
    if kind == 5:
        return f"{weekday[:3]} {mon} {when.day} {when.year}"
    if kind == 6:
        return f"{when.day}-{mon}-{when.year}"
    if kind == 7:
        return f"{when.month}/{when.day}/{when.year}"
    return f"{mon}. {when.day}, {when.year}"


def gen_varied(rng):
    when = random_datetime(rng)
    if rng.random() < 0.06:   # the ISO shortcut's share
        return gen_iso8601(rng)
    date = _varied_date(rng, when)
    time, when = _varied_time(rng, when)
    zone, offset, warns = _varied_zone(rng)
    kind = rng.randrange(6)
    if kind == 0:
        text = f"{date} {time}"
    elif kind == 1:
        text = f"{date}, {time}"
    elif kind == 2:
        text = f"{date} at {time}"
    elif kind == 3:
        text = f"{time} on {date}"
    elif kind == 4:
        text = f"{time}, {date}"
    else:
        text = f"{date} {time}"
        if zone:
            # the zone before the date: "10:30 PDT, Aug 10, 2015"
            text = f"{time} {zone} {date}"
            zone = ""
            sample = Sample(text, when, offset)
            sample.warns = warns
            return sample
    if zone:
        text = f"{text} {zone}"
    sample = Sample(text, when, offset)
    sample.warns = warns
    return sample


def generate_varied(size, rng):
    """The varied corpus: each sample kept only if dateutil returns its
    datetime and warns UnknownTimezoneWarning exactly when it names an
    unknown zone."""
    from dateutil.parser import UnknownTimezoneWarning
    samples, seen, dropped = [], set(), 0
    while len(samples) < size:
        sample = gen_varied(rng)
        if sample.text in seen:
            continue
        warning = UnknownTimezoneWarning if getattr(sample, "warns", False) else None
        if not accepted_by_dateutil(sample, {}, warning):
            dropped += 1
            continue
        seen.add(sample.text)
        samples.append(sample.text)
    return samples, dropped


def write_varied(directory, seed):
    """varied.txt, from its own random stream seeded from ``seed`` (the
    other corpora's files stay as they were)."""
    strings, dropped = generate_varied(VARIED_SIZE, random.Random(seed + 2))
    write_corpus("varied", "forms users write: dotted dates, commas, a.m./p.m., at/on, "
                 "names, h/m/s, zones anywhere, 18 unknown zone names (issue 18)",
                 {}, strings, directory, seed)
    print(f"{'varied':10s} {len(strings):5d} strings ({dropped} rejected by dateutil and dropped)")


# --- the rejection corpus: strings that are not dates ------------------------
#
# What a type sniffer or validator hands ``parse`` in a column that is not a
# date: log messages, identifiers, versions, paths, numbers with units,
# words, and dates that do not exist.  Kept only if dateutil rejects the
# string (ParserError, ValueError, OverflowError): ``1.2.3`` and ``Mar 32``
# are dates to dateutil, so they are dropped, not judged.

LOG_TEMPLATES = [
    "Connection reset by peer ({host}:{port})",
    "GET /api/v{n}/users/{id} HTTP/1.1 {status}",
    "POST /{word}/{word2} {status} {ms}ms",
    "ERROR [{thread}] Failed to connect to {host}:{port}",
    "WARN  Retrying request {id} (attempt {n} of 5)",
    "INFO  user={user} action={word} ok",
    "Accepted publickey for {user} from {ip} port {port} ssh2",
    "kernel: eth{n}: link is not ready",
    "Out of memory: Killed process {pid} ({word})",
    "pid={pid} fd={n} errno=ECONNREFUSED",
    "{word}.service: Main process exited, code=exited, status={n}/FAILURE",
    "Disk quota exceeded on /dev/sd{letter}{n}",
    "cache miss ratio {pct}% over {n} requests",
    "Started {word} worker #{n}",
]
WORDS = ["orders", "billing", "auth", "session", "cron", "nginx", "postgres", "redis",
         "invoice", "export", "sync", "upload", "render", "metrics", "checkout"]
USERS = ["alice", "bob", "deploy", "root", "svc_backup", "jenkins", "www-data"]
UNITS = ["kg", "ms", "MB", "GB", "KiB", "km", "px", "%", "°C", "rpm", "Hz", "mAh"]
EXTS = [".log", ".txt", ".csv", ".py", ".json", ".tar.gz", ".conf", ".so"]


def _log_line(rng):
    fields = {
        "host": f"{rng.choice(['db', 'web', 'cache', 'api'])}{rng.randrange(1, 40):02d}"
                f".{rng.choice(['internal', 'prod', 'eu-west-1'])}",
        "port": str(rng.choice([22, 80, 443, 5432, 6379, 8080, rng.randrange(1024, 65535)])),
        "n": str(rng.randrange(1, 10)), "id": str(rng.randrange(1000, 10 ** 7)),
        "status": str(rng.choice([200, 201, 204, 301, 400, 403, 404, 500, 502, 503])),
        "ms": str(rng.randrange(1, 5000)), "word": rng.choice(WORDS), "word2": rng.choice(WORDS),
        "thread": rng.choice(["main", "pool-1-thread-3", "http-nio-8080-exec-7", "worker"]),
        "user": rng.choice(USERS), "pid": str(rng.randrange(2, 99999)),
        "ip": ".".join(str(rng.randrange(1, 255)) for _ in range(4)),
        "letter": rng.choice("abcd"), "pct": f"{rng.uniform(0, 100):.1f}",
    }
    return rng.choice(LOG_TEMPLATES).format(**fields)


def _identifier(rng):
    kind = rng.randrange(6)
    if kind == 0:     # a UUID
        h = "%032x" % rng.getrandbits(128)
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
    if kind == 1:     # a commit hash, short or long
        return "%040x" % rng.getrandbits(160) if rng.random() < 0.3 else "%07x" % rng.getrandbits(28)
    if kind == 2:     # an invoice / ticket number
        return f"{rng.choice(['INV', 'PO', 'JIRA', 'ORD', 'TKT'])}-{rng.randrange(1, 100000):05d}"
    if kind == 3:
        return f"{rng.choice(USERS)}_{rng.randrange(1, 100000)}"
    if kind == 4:     # an e-mail address
        return f"{rng.choice(USERS)}@{rng.choice(WORDS)}.example.com"
    return "%x" % rng.getrandbits(rng.choice([32, 48, 64]))


def _version(rng):
    parts = [str(rng.randrange(0, 20)) for _ in range(rng.choice([2, 3, 3, 4]))]
    text = ".".join(parts)
    tail = rng.choice(["", "", "-rc1", "-beta.2", "+build.7", ".dev0", "a1", "-SNAPSHOT"])
    return rng.choice(["v", "", ""]) + text + tail


def _path(rng):
    kind = rng.randrange(3)
    name = rng.choice(WORDS) + rng.choice(EXTS)
    if kind == 0:
        return "/" + "/".join(rng.sample(["var", "log", "usr", "lib", "opt", "srv", "tmp",
                                          "home", "etc"], rng.randrange(1, 4))) + "/" + name
    if kind == 1:
        return "C:\\Users\\" + rng.choice(USERS) + "\\" + name
    return "src/" + rng.choice(WORDS) + "/" + name


def _quantity(rng):
    value = rng.choice([str(rng.randrange(1, 10000)), f"{rng.uniform(0, 1000):.2f}",
                        f"{rng.randrange(1, 1000):,}" + "," + f"{rng.randrange(0, 1000):03d}"])
    return value + rng.choice(["", " "]) + rng.choice(UNITS)


def _impossible_date(rng):
    year = rng.randrange(1970, 2040)
    kind = rng.randrange(6)
    if kind == 0:     # month 13..99
        return f"{year}-{rng.randrange(13, 100):02d}-{rng.randrange(1, 29):02d}"
    if kind == 1:     # a day past the month's end, ISO
        month = rng.randrange(1, 13)
        day = rng.randrange(calendar.monthrange(year, month)[1] + 1, 36)
        return f"{year}-{month:02d}-{day:02d}" + rng.choice(["", "T10:00:00", " 23:59"])
    if kind == 2:     # Feb 30, Apr 31 and the like, spelled
        month = rng.choice([2, 4, 6, 9, 11])
        day = calendar.monthrange(year, month)[1] + 1 if month != 2 else rng.choice([30, 31])
        return f"{MONTHS[month - 1][:rng.choice([3, 9])]} {day} {year}"
    if kind == 3:     # day/month/year with a day past the month's end
        month = rng.choice([2, 4, 6, 9, 11])
        return f"{month:02d}/{calendar.monthrange(year, month)[1] + 1:02d}/{year}"
    if kind == 4:     # an hour or minute that does not exist
        return f"{year}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d} " \
               f"{rng.randrange(24, 30)}:{rng.randrange(0, 60):02d}"
    return f"{rng.randrange(1, 13):02d}:{rng.randrange(60, 100)}"    # minute past 59


REJECT_KINDS = [_log_line, _log_line, _log_line, _identifier, _identifier, _version,
                _path, _quantity, _impossible_date, _impossible_date]
REJECT_WORDS = ["N/A", "null", "None", "true", "false", "pending", "unknown", "-", "TBD",
                "yes", "no", "OK", "n/a", "VALUE!", "?"]


def gen_reject(rng):
    """One string that is not a date (no Sample: there is no datetime)."""
    if rng.random() < 0.06:
        return rng.choice(REJECT_WORDS)
    return rng.choice(REJECT_KINDS)(rng)


def rejected_by_dateutil(text):
    """dateutil.parser.parse raises ParserError, ValueError or OverflowError
    (what ``fastdt.try_parse`` answers None for), and warns nothing."""
    from dateutil import parser
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            parser.parse(text)
        except (ValueError, OverflowError):
            return not caught
        return False


def generate_rejects(size, rng):
    strings, seen, dropped = [], set(), 0
    while len(strings) < size:
        text = gen_reject(rng)
        if text in seen:
            continue
        seen.add(text)
        if not rejected_by_dateutil(text):
            dropped += 1
            continue
        strings.append(text)
    return strings, dropped


# name -> (generator, options passed to every parser, how many strings, what it holds)
CORPORA = {
    "iso8601": (gen_iso8601, {}, 1500, "ISO-8601 API timestamps: naive, Z, offsets, fractions"),
    "rfc2822": (gen_rfc2822, {}, 800, "RFC 2822 mail Date: headers"),
    "http": (gen_http, {}, 800, "HTTP dates: IMF-fixdate, RFC 850, asctime"),
    # dateutil only reads the raw CLF stamp (colon between year and time)
    # with fuzzy=True, so that is what the corpus declares.
    "clf": (gen_clf, {"fuzzy": True}, 600, "web-server Common Log Format stamps (fuzzy: dateutil needs it for the year:time colon)"),
    "syslog": (gen_syslog, {}, 600, "BSD syslog stamps (no year)"),
    "csv_us": (gen_csv_us, {}, 1000, "US CSV dates, month first"),
    "csv_eu": (gen_csv_eu, {"dayfirst": True}, 1000, "European CSV dates, day first"),
    "spelled": (gen_spelled, {}, 800, "spelled-out dates (July 4, 1976 12:01:02 am)"),
    "fuzzy": (gen_fuzzy, {"fuzzy": True}, 600, "sentences with a date in them"),
}
# The blend draws from every corpus parsed without options, so one call
# signature fits all of its strings.
MIXED_SOURCES = [name for name, spec in CORPORA.items() if not spec[1]]
MIXED_SIZE = 2000
TZNAME_SIZE = 600
REJECTS_SIZE = 1500
REJECTS_NAME = "rejects"
REJECTS_DESCRIPTION = ("strings dateutil rejects: log messages, ids, versions, paths, "
                       "numbers with units, words, impossible dates")


def accepted_by_dateutil(sample, options, warning=None):
    """dateutil returns the sample's datetime, and warns ``warning`` (a
    category) or nothing."""
    from dateutil import parser
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            answer = parser.parse(sample.text, **options)
        except Exception:
            return False
    categories = [w.category for w in caught]
    if categories != ([warning] if warning else []):
        return False
    return sample.matches(answer)


def generate(name, gen, options, size, rng, warning=None):
    samples, dropped = [], 0
    seen = set()
    while len(samples) < size:
        sample = gen(rng)
        if sample.text in seen:
            continue
        if not accepted_by_dateutil(sample, options, warning):
            dropped += 1
            if dropped > size:  # a template dateutil never agrees with
                raise RuntimeError(f"{name}: dateutil rejects too many, e.g. {sample.text!r}")
            continue
        seen.add(sample.text)
        samples.append(sample.text)
    return samples, dropped


def write_corpus(name, description, options, strings, directory=CORPUS_DIR, seed=SEED):
    path = os.path.join(directory, name + ".txt")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(f"# corpus: {name} - {description}\n")
        fh.write(f"# options: {json.dumps(options, sort_keys=True)}\n")
        fh.write(f"# generated by bench/make_corpora.py (seed {seed}); do not edit by hand\n")
        for text in strings:
            fh.write(text + "\n")
    return path


def generate_tzname_pair(size, rng):
    """``tzname`` (unknown zone names: dateutil warns) and ``tzname_plain``
    (the same stamps without the name: no warning), string for string."""
    from dateutil.parser import UnknownTimezoneWarning
    samples, plains, seen = [], [], set()
    while len(samples) < size:
        sample = gen_tzname(rng)
        if sample.text in seen:
            continue
        plain = Sample(sample.plain, sample.when)
        if not (accepted_by_dateutil(sample, {}, UnknownTimezoneWarning)
                and accepted_by_dateutil(plain, {})):
            raise RuntimeError(f"tzname: dateutil disagrees on {sample.text!r}")
        seen.add(sample.text)
        samples.append(sample.text)
        plains.append(plain.text)
    return samples, plains


def write_rejects(directory, seed):
    """rejects.txt, from its own generator seeded from ``seed`` (the other
    corpora's random stream, and so their files, stay as they were)."""
    strings, dropped = generate_rejects(REJECTS_SIZE, random.Random(seed + 1))
    write_corpus(REJECTS_NAME, REJECTS_DESCRIPTION, {}, strings, directory, seed)
    print(f"{REJECTS_NAME:10s} {len(strings):5d} strings ({dropped} parsed by dateutil and dropped)")


def main(argv=None):
    import argparse
    ap = argparse.ArgumentParser(prog="python -m bench.make_corpora",
                                 description="Generate the bench corpora from a fixed seed.")
    ap.add_argument("--held-back", action="store_true",
                    help=f"write the held-back set (seed {HELD_BACK_SEED}, with the tzname "
                         f"pair) to {os.path.relpath(HELD_BACK_DIR)}")
    ap.add_argument("--rejects-only", action="store_true",
                    help="write only the rejection corpus (rejects.txt), leaving the others")
    ap.add_argument("--varied-only", action="store_true",
                    help="write only the varied corpus (varied.txt), leaving the others")
    args = ap.parse_args(argv)
    seed, directory = (HELD_BACK_SEED, HELD_BACK_DIR) if args.held_back else (SEED, CORPUS_DIR)
    os.makedirs(directory, exist_ok=True)
    if args.varied_only:
        write_varied(directory, seed)
        return 0
    write_rejects(directory, seed)
    write_varied(directory, seed)
    if args.rejects_only:
        return 0
    rng = random.Random(seed)
    generated = {}
    for name, (gen, options, size, description) in CORPORA.items():
        strings, dropped = generate(name, gen, options, size, rng)
        generated[name] = strings
        write_corpus(name, description, options, strings, directory, seed)
        print(f"{name:10s} {len(strings):5d} strings ({dropped} rejected by dateutil and dropped)")
    pool = [s for name in MIXED_SOURCES for s in generated[name]]
    mixed = rng.sample(pool, MIXED_SIZE)
    write_corpus("mixed", "a blend of every option-less corpus", {}, mixed, directory, seed)
    print(f"{'mixed':10s} {len(mixed):5d} strings from {', '.join(MIXED_SOURCES)}")
    if args.held_back:
        named, plain = generate_tzname_pair(TZNAME_SIZE, rng)
        write_corpus("tzname", "stamps with a zone name dateutil does not know (it warns)",
                     {}, named, directory, seed)
        write_corpus("tzname_plain", "the tzname stamps without their zone name",
                     {}, plain, directory, seed)
        print(f"{'tzname':10s} {len(named):5d} strings, and tzname_plain")
    return 0


if __name__ == "__main__":
    sys.exit(main())
