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


def main(argv=None):
    import argparse
    ap = argparse.ArgumentParser(prog="python -m bench.make_corpora",
                                 description="Generate the bench corpora from a fixed seed.")
    ap.add_argument("--held-back", action="store_true",
                    help=f"write the held-back set (seed {HELD_BACK_SEED}, with the tzname "
                         f"pair) to {os.path.relpath(HELD_BACK_DIR)}")
    args = ap.parse_args(argv)
    seed, directory = (HELD_BACK_SEED, HELD_BACK_DIR) if args.held_back else (SEED, CORPUS_DIR)
    os.makedirs(directory, exist_ok=True)
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
