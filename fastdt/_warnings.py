"""``UnknownTimezoneWarning`` attributed exactly as dateutil attributes its own.

dateutil's ``parser._build_tzaware`` calls ``warnings.warn(...,
category=UnknownTimezoneWarning)`` with the default ``stacklevel=1``, so its
warning belongs to the frame that calls ``warn``: module
``dateutil.parser._parser``, that file, the line of the call.  That is what
dateutil users' filters match: by category, or by module
(``warnings.filterwarnings("ignore", module="dateutil")`` matches because the
``module`` pattern is matched against the start of that module name), and
what the ``"default"`` action deduplicates on (that module's
``__warningregistry__``, keyed by message, category and line).

fastdt's C code has no Python frame, so ``warn`` with ``stacklevel=1`` would
attribute the warning to the *caller's* module and a ``module="dateutil"``
filter would stop matching.  Instead the warning is issued with
``warn_explicit`` naming dateutil's module, file and line, with dateutil's
registry: a drop-in's warning is filtered, shown and deduplicated exactly
like the one it replaces.  The line is read from the installed dateutil's
code (the call that follows the load of ``UnknownTimezoneWarning`` in
``_build_tzaware``), so it follows the dateutil version that is installed.
"""
import dis
from _warnings import warn_explicit as _warn_explicit   # the C one: no frame of its own

from dateutil.parser import UnknownTimezoneWarning
from dateutil.parser import _parser as _dateutil_parser

_MODULE = _dateutil_parser.__name__              # "dateutil.parser._parser"
_MODULE_GLOBALS = vars(_dateutil_parser)         # where its __warningregistry__ lives
_site = None                                     # (filename, lineno), found on first use


def _dateutil_warn_site():
    """Where dateutil's ``warnings.warn(..., category=UnknownTimezoneWarning)`` is."""
    code = _dateutil_parser.parser._build_tzaware.__code__
    seen_category = False
    for instruction in dis.get_instructions(code):
        if instruction.argval == "UnknownTimezoneWarning":
            seen_category = True
        elif seen_category and instruction.opname.startswith("CALL"):
            if instruction.positions.lineno is not None:
                return code.co_filename, instruction.positions.lineno
    # Not found (a dateutil that warns elsewhere): still dateutil's module
    # and file, so filters by module and category keep working.
    return code.co_filename, code.co_firstlineno


def warn_unknown_timezone(message):
    """Issue ``UnknownTimezoneWarning(message)`` as dateutil's ``_build_tzaware`` does."""
    global _site
    site = _site
    if site is None:
        site = _site = _dateutil_warn_site()
    registry = _MODULE_GLOBALS.get("__warningregistry__")
    if registry is None:
        registry = _MODULE_GLOBALS.setdefault("__warningregistry__", {})
    _warn_explicit(message, UnknownTimezoneWarning, site[0], site[1], _MODULE, registry)
