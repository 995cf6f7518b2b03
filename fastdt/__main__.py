"""``python -m fastdt "Sep 25 2003 10:49"``: print each date in ISO 8601.

Dates come from the arguments, or one per line from stdin when none are
given.  Unparseable input is reported on stderr and makes the exit status 1.
"""
import argparse
import sys

from fastdt import parse


def main(argv=None):
    ap = argparse.ArgumentParser(prog="python -m fastdt", description=__doc__.splitlines()[0])
    ap.add_argument("dates", nargs="*", help="date strings (default: read lines from stdin)")
    ap.add_argument("--dayfirst", action="store_true", help="01/05/09 is 1 May")
    ap.add_argument("--yearfirst", action="store_true", help="01/05/09 is 2001-05-09")
    ap.add_argument("--fuzzy", action="store_true", help="ignore words that are not part of a date")
    args = ap.parse_args(argv)
    inputs = args.dates if args.dates else (line.rstrip("\n") for line in sys.stdin)
    status = 0
    for text in inputs:
        try:
            value = parse(text, dayfirst=args.dayfirst, yearfirst=args.yearfirst, fuzzy=args.fuzzy)
        except (ValueError, OverflowError) as exc:
            print("fastdt: %s" % exc, file=sys.stderr)
            status = 1
            continue
        print(value.isoformat())
    return status


if __name__ == "__main__":
    sys.exit(main())
