"""The registry of parsers under test, and the floor rows.

A peer is loaded lazily; one that is not installed is skipped with a note,
never an error.  Each peer says which corpus options it can honour (and
under what keyword); a corpus whose options a peer cannot honour is skipped
for that peer, because without e.g. ``dayfirst`` its answers would be for
a different question.

fastdt itself: until the compiled core exists, ``import fastdt`` fails and
the bench times ``dateutil.parser`` under the name fastdt (the "stand-in").
``FASTDT_BENCH_STANDIN=1`` forces the stand-in.  The report says loudly
which one ran.
"""
import datetime
import importlib
import importlib.metadata
import os
from dataclasses import dataclass, field

ALL_PARSE_OPTIONS = frozenset({"dayfirst", "yearfirst", "fuzzy", "ignoretz", "default"})


@dataclass
class FastdtBinding:
    module: object          # fastdt, or dateutil.parser when standing in
    standin: bool
    reason: str             # why the stand-in is used ("" for the real one)
    version: str


_fastdt_binding = None


def fastdt_binding():
    """The fastdt module to time, or dateutil.parser standing in for it."""
    global _fastdt_binding
    if _fastdt_binding is None:
        _fastdt_binding = _resolve_fastdt()
    return _fastdt_binding


def _resolve_fastdt():
    import dateutil.parser
    standin = dateutil.parser, True
    if os.environ.get("FASTDT_BENCH_STANDIN") == "1":
        return FastdtBinding(dateutil.parser, True, "FASTDT_BENCH_STANDIN=1", "stand-in")
    try:
        import fastdt
        fastdt.parse  # the core, not just the package skeleton
    except Exception as exc:  # ImportError until the core is built
        module, _ = standin
        return FastdtBinding(module, True, f"import fastdt failed: {exc!r}", "stand-in")
    return FastdtBinding(fastdt, False, "", getattr(fastdt, "__version__", "?"))


@dataclass
class Peer:
    key: str                 # name for --peers and in the JSON
    label: str               # what the report shows
    loader: object           # () -> callable; ImportError when not installed
    distribution: str        # for the version column
    honours: dict = field(default_factory=dict)   # corpus option -> peer keyword
    fixed_kwargs: dict = field(default_factory=dict)
    batch: bool = False      # called once with the whole list
    external: bool = False   # timed in another process (dateutil_rs)
    note: str = ""

    def kwargs_for(self, options):
        """The keyword arguments for a corpus, or None if it can't honour them."""
        if any(key not in self.honours for key in options):
            return None
        kwargs = dict(self.fixed_kwargs)
        kwargs.update({self.honours[key]: value for key, value in options.items()})
        return kwargs

    def load(self):
        return self.loader()

    def version(self):
        if self.key.startswith("fastdt"):
            return fastdt_binding().version
        try:
            return importlib.metadata.version(self.distribution)
        except importlib.metadata.PackageNotFoundError:
            return "not installed"


def _attr(module_name, attr):
    def load():
        return getattr(importlib.import_module(module_name), attr)
    return load


def _fastdt_attr(attr):
    def load():
        module = fastdt_binding().module
        if not hasattr(module, attr):  # e.g. isoparse before it lands
            raise ImportError(f"fastdt has no {attr} yet", name=f"fastdt.{attr}")
        return getattr(module, attr)
    return load


def _same_names(*names):
    return {name: name for name in names}


DATEUTIL_OPTIONS = _same_names(*ALL_PARSE_OPTIONS)

PEERS = [
    Peer("fastdt", "fastdt.parse", _fastdt_attr("parse"), "fastdt", DATEUTIL_OPTIONS),
    Peer("fastdt.isoparse", "fastdt.isoparse", _fastdt_attr("isoparse"), "fastdt"),
    Peer("dateutil", "dateutil.parser.parse", _attr("dateutil.parser", "parse"),
         "python-dateutil", DATEUTIL_OPTIONS),
    Peer("dateutil.isoparse", "dateutil.parser.isoparse", _attr("dateutil.parser", "isoparse"),
         "python-dateutil"),
    Peer("fromisoformat", "datetime.fromisoformat",
         lambda: datetime.datetime.fromisoformat, "python"),
    Peer("ciso8601", "ciso8601.parse_datetime", _attr("ciso8601", "parse_datetime"), "ciso8601"),
    Peer("pendulum", "pendulum.parse(strict=False)", _attr("pendulum", "parse"), "pendulum",
         {"dayfirst": "day_first", "yearfirst": "year_first"}, {"strict": False},
         note="answers are aware (UTC) where dateutil's are naive"),
    Peer("pandas.Timestamp", "pandas.Timestamp", _attr("pandas", "Timestamp"), "pandas"),
    Peer("pandas.to_datetime", "pandas.to_datetime (whole list)", _attr("pandas", "to_datetime"),
         "pandas", {"dayfirst": "dayfirst", "yearfirst": "yearfirst"}, {"format": "mixed"},
         batch=True, note="one call over the list; cost shown per string"),
    Peer("dateutil_rs", "dateutil_rs parse (own venv)", None, "python-dateutil-rs",
         DATEUTIL_OPTIONS, external=True,
         note="replaces the dateutil package, so it runs in its own venv and process"),
]
PEERS_BY_KEY = {peer.key: peer for peer in PEERS}
REFERENCE_KEY = "dateutil"   # every answer is compared with this peer's
FASTDT_KEY = "fastdt"


def select_peers(keys=None):
    """Peers by --peers keys (all when None).  The two ratio references
    (dateutil and fastdt) are always included: every row is a ratio to them."""
    if not keys:
        return list(PEERS)
    unknown = [k for k in keys if k not in PEERS_BY_KEY]
    if unknown:
        raise SystemExit(f"unknown peer {', '.join(unknown)}; have {', '.join(PEERS_BY_KEY)}")
    wanted = set(keys) | {REFERENCE_KEY, FASTDT_KEY}
    return [peer for peer in PEERS if peer.key in wanted]


# --- floor rows: what any parser must at least pay --------------------------

def floor_datetime_tuples(reference_answers):
    """Argument tuples rebuilding each reference answer with ``datetime(*t)``.

    Constructing the datetime is the one allocation a parser can't avoid,
    so this row is the floor under every peer.
    """
    tuples = []
    for answer in reference_answers:
        tuples.append((answer.year, answer.month, answer.day, answer.hour, answer.minute,
                       answer.second, answer.microsecond, answer.tzinfo))
    return tuples


FLOOR_DATETIME = ("floor: datetime(*fields)", datetime.datetime, "f(*s)")
# A C builtin taking the string: the price of the loop and a call, nothing else.
FLOOR_BARE_CALL = ("floor: bare call len(s)", len, "f(s)")
