"""Load the corpus files in bench/corpora/.

A corpus file is UTF-8, one string per line.  Its leading ``# key: value``
lines are the header; ``# options: {...}`` (JSON) holds the keyword
arguments every parser gets for this corpus, e.g. ``{"dayfirst": true}``.
"""
import json
import os
from dataclasses import dataclass, field

CORPUS_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpora")
# The rejection corpus: strings dateutil refuses (make_corpora.gen_reject).
# It has no answers to compare, so the per-corpus comparison leaves it out
# unless it is named; bench/rejects.py times it against the good strings.
REJECTS = "rejects"


@dataclass
class Corpus:
    name: str
    description: str
    options: dict            # keyword arguments for dateutil.parser.parse & co
    strings: list = field(repr=False)


def read_corpus(path):
    name = os.path.splitext(os.path.basename(path))[0]
    description, options, strings = "", {}, []
    in_header = True
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if in_header and line.startswith("#"):
                key, _, value = line[1:].strip().partition(":")
                if key == "options":
                    options = json.loads(value)
                elif key == "corpus":
                    description = value.strip().partition(" - ")[2]
                continue
            in_header = False
            if line:
                strings.append(line)
    return Corpus(name, description, options, strings)


def corpus_names(directory=CORPUS_DIR, rejects=False):
    """The corpora in ``directory``; the rejection corpus only if ``rejects``."""
    names = sorted(f[:-4] for f in os.listdir(directory) if f.endswith(".txt"))
    if not rejects and REJECTS in names:
        names.remove(REJECTS)
    # The blend last: it is the headline row and reads best after its parts.
    if "mixed" in names:
        names.remove("mixed")
        names.append("mixed")
    return names


def load_corpora(names=None, directory=CORPUS_DIR):
    """Corpora by name (all but the rejection corpus when ``names`` is
    None), in report order."""
    available = corpus_names(directory, rejects=True)
    wanted = corpus_names(directory) if not names else names
    unknown = [n for n in wanted if n not in available]
    if unknown:
        raise SystemExit(f"unknown corpus {', '.join(unknown)}; have {', '.join(available)}")
    return [read_corpus(os.path.join(directory, n + ".txt")) for n in wanted]
