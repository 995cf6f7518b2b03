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
import re
import sys
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


# --- "ignore", known without asking warn_explicit ----------------------------
#
# Under an "ignore" filter, warn_explicit still builds the Warning instance,
# its registry key and line number object, brings the registry up to the
# filters' version, and walks warnings.filters (matching every message and
# module pattern on its way) before it drops the warning: most of the cost
# of a parse that names an unknown zone.  Its answer depends only on the
# filters it walks, which are immutable tuples, so once it has been worked
# out for one message it holds while the list and the filters up to the one
# that matched are the same objects and dateutil's registry still has the
# version warn_explicit gave it (fastdt._build._warn_unknown checks that).

def _plain_match(pattern, text):
    """warn_explicit's check_matched for a pattern it treats without running
    user code: None, an exact str (compared) or a compiled re pattern.
    None for any other object (its match() could do anything)."""
    if pattern is None:
        return True
    if type(pattern) is str:
        return pattern == text
    if type(pattern) is re.Pattern:
        return pattern.match(text) is not None
    return None


def ignore_snapshot(message, lineno):
    """``(filters, filters[:i + 1])`` when the first of ``warnings.filters``
    that matches dateutil's UnknownTimezoneWarning with this message at
    dateutil's module and ``lineno`` is an "ignore" filter, found as
    warn_explicit finds it (``get_filter`` in CPython's Python/_warnings.c),
    and nothing on the way could run user code or answer differently next
    time; None otherwise (always ask warn_explicit)."""
    category = UnknownTimezoneWarning
    if (type(category) is not type or category.__init__ is not RuntimeWarning.__init__
            or category.__new__ is not RuntimeWarning.__new__):
        return None                  # making the instance could run user code
    module = sys.modules.get("warnings")
    filters = getattr(module, "filters", None)
    if type(filters) is not list:
        return None
    for i, item in enumerate(filters):
        if type(item) is not tuple or len(item) != 5:
            return None
        action, msg, cat, mod, ln = item
        if type(action) is not str or type(cat) is not type or type(ln) is not int:
            return None              # a metaclass's __subclasscheck__, say
        good_msg = _plain_match(msg, message)
        good_mod = _plain_match(mod, _MODULE)
        if good_msg is None or good_mod is None:
            return None
        if good_msg and good_mod and issubclass(category, cat) and (ln == 0 or ln == lineno):
            return (filters, tuple(filters[:i + 1])) if action == "ignore" else None
    return None                      # the default action decides


def warn_skipping(message, category, prefixes):
    """``warnings.warn(message, category, skip_file_prefixes=prefixes)`` as
    CPython's ``_strptime`` issues its 3.13 DeprecationWarning: attributed to
    the first frame outside ``prefixes``.  Called from C code (which has no
    frame) it would skip the caller too (``skip_file_prefixes`` implies
    ``stacklevel=2``); this Python frame is the one skipped instead (its file
    is under fastdt's prefix)."""
    import warnings
    warnings.warn(message, category, skip_file_prefixes=prefixes)
