"""python-dateutil-rs, timed from its own venv.

It replaces the ``dateutil`` package, so it can't be imported next to the
real one: ``--setup-dateutil-rs-venv PATH`` makes a venv with it, and
``--dateutil-rs-venv PATH`` runs bench/dateutil_rs_worker.py in that venv
on the same corpora.  Its timings come from another process, so its ratios
are ratios of medians, not of interleaved rounds: the report marks them.
"""
import json
import os
import subprocess
import sys
import venv

from bench.corpora import REJECTS

WORKER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "dateutil_rs_worker.py")
PACKAGE = "python-dateutil-rs"


def venv_python(path):
    return os.path.join(path, "Scripts" if os.name == "nt" else "bin", "python")


def setup_venv(path):
    """Create ``path`` with python-dateutil-rs (and memray, for allocations)."""
    print(f"creating venv {path} with {PACKAGE} ...", flush=True)
    venv.EnvBuilder(with_pip=True, clear=False).create(path)
    python = venv_python(path)
    subprocess.run([python, "-m", "pip", "install", "--quiet", PACKAGE], check=True)
    # memray is optional there: without it the worker just skips allocations.
    subprocess.run([python, "-m", "pip", "install", "--quiet", "memray"], check=False)
    check = subprocess.run([python, "-c", "import dateutil, dateutil.parser; print(dateutil.__file__)"],
                           capture_output=True, text=True, check=True)
    print(f"{PACKAGE} ready: dateutil is {check.stdout.strip()}")
    return 0


def run_worker(venv_path, corpora, rounds, target_ns, memory, alloc_items_cap, peak_batch):
    """The worker's JSON result, or raise RuntimeError with its stderr."""
    python = venv_python(venv_path)
    if not os.path.exists(python):
        raise RuntimeError(f"no python in venv {venv_path} (use --setup-dateutil-rs-venv)")
    job = {"corpora": [{"name": c.name, "options": c.options, "strings": c.strings,
                        "rejects": c.name == REJECTS} for c in corpora],
           "rounds": rounds, "target_ns": target_ns, "memory": memory,
           "alloc_items_cap": alloc_items_cap, "peak_batch": peak_batch}
    proc = subprocess.run([python, WORKER], input=json.dumps(job), capture_output=True,
                          text=True, env={**os.environ, "PYTHONNOUSERSITE": "1"})
    if proc.returncode != 0:
        raise RuntimeError(f"dateutil_rs worker failed:\n{proc.stderr[-2000:]}")
    result = json.loads(proc.stdout)
    if not result.get("is_rust"):
        raise RuntimeError(f"venv's dateutil at {result.get('dateutil_file')} is not dateutil_rs")
    return result


if __name__ == "__main__":
    sys.exit(setup_venv(sys.argv[1]))
