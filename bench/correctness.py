"""Which strings a peer parses, and how many of its answers differ from
``dateutil.parser.parse``'s (same options).

Only accepted strings are timed for a peer, and a fast wrong answer is not
a win, so the report shows both counts next to every timing.
"""
from dataclasses import dataclass, field

from bench.answers import answer_key, classify_difference, utc_instant_key

MAX_EXAMPLES = 3


@dataclass
class Verdict:
    accepted: list                      # indices into the corpus strings
    rejected: int
    differs_value: int = 0              # another date or time
    differs_tz: int = 0                 # same wall clock, other zone / awareness
    examples: list = field(default_factory=list)   # (string, dateutil, peer)
    note: str = ""

    def as_dict(self):
        return {"accepted": len(self.accepted), "rejected": self.rejected,
                "differs_value": self.differs_value, "differs_tz": self.differs_tz,
                "examples": self.examples, "note": self.note}


def _key_or_type(answer):
    try:
        return answer_key(answer)
    except (AttributeError, TypeError, ValueError):
        return ["not a datetime: " + type(answer).__name__]


def judge(strings, accepted, answer_keys, reference_keys, compare_as_utc=False):
    """Build a Verdict from the accepted indices and their answer keys."""
    verdict = Verdict(list(accepted), len(strings) - len(accepted))
    for index, key in zip(accepted, answer_keys):
        reference = reference_keys[index]
        if compare_as_utc:
            reference = utc_instant_key(reference)
        kind = classify_difference(reference, key)
        if kind is None:
            continue
        if kind == "tz":
            verdict.differs_tz += 1
        else:
            verdict.differs_value += 1
        if len(verdict.examples) < MAX_EXAMPLES:
            verdict.examples.append([strings[index], reference, key])
    return verdict


def check_per_string(func, kwargs, strings, reference_keys):
    accepted, keys = [], []
    for index, text in enumerate(strings):
        try:
            answer = func(text, **kwargs)
        except Exception:  # any rejection counts; the peer's own error types vary
            continue
        accepted.append(index)
        keys.append(_key_or_type(answer))
    return judge(strings, accepted, keys, reference_keys)


def check_batch(func, kwargs, strings, reference_keys):
    """A whole-list peer (pandas.to_datetime).

    One bad string fails the whole call, so: try the list; on a mixed-zone
    error retry with utc=True (compared as UTC instants); otherwise find the
    strings it takes one at a time and use that subset.  ``kwargs`` is
    updated in place with what the timed call must pass.
    """
    note = ""
    try:
        answers = func(strings, **kwargs)
        accepted = list(range(len(strings)))
    except Exception:
        accepted = None
    if accepted is None:
        usable = []
        for index, text in enumerate(strings):
            try:
                func([text], **kwargs)
                usable.append(index)
            except Exception:
                pass
        subset = [strings[i] for i in usable]
        for extra, why in (({}, ""), ({"utc": True}, "utc=True: mixed zones in one list")):
            try:
                answers = func(subset, **kwargs, **extra)
            except Exception:
                continue
            accepted, note = usable, why
            kwargs.update(extra)
            break
        else:
            return Verdict([], len(strings), note="no subset parsed as one list")
    keys = [_key_or_type(answer) for answer in answers]
    verdict = judge(strings, accepted, keys, reference_keys,
                    compare_as_utc=bool(kwargs.get("utc")))
    verdict.note = note
    return verdict
