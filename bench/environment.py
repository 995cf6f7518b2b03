"""What the numbers were measured on: machine, Python, package versions."""
import importlib.metadata
import os
import platform
import subprocess
import sys

DISTRIBUTIONS = ["python-dateutil", "ciso8601", "pendulum", "pandas", "numpy",
                 "memray", "matplotlib", "Cython"]


def cpu_model():
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def git_commit(path):
    try:
        out = subprocess.run(["git", "-C", path, "rev-parse", "--short", "HEAD"],
                             capture_output=True, text=True, timeout=5)
        return out.stdout.strip() or "?"
    except (OSError, subprocess.SubprocessError):
        return "?"


def describe(fastdt_binding):
    versions = {}
    for dist in DISTRIBUTIONS:
        try:
            versions[dist] = importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            versions[dist] = "not installed"
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    return {
        "cpu": cpu_model(),
        "cores": os.cpu_count(),
        "platform": platform.platform(),
        "python": sys.version.split()[0] + " (" + platform.python_implementation() + ")",
        "packages": versions,
        "fastdt": ("STAND-IN: dateutil.parser timed under the name fastdt ("
                   + fastdt_binding.reason + ")") if fastdt_binding.standin
        else f"fastdt {fastdt_binding.version} from {fastdt_binding.module.__file__}",
        "fastdt_standin": fastdt_binding.standin,
        "repo_commit": git_commit(repo),
        # Other work on the machine inflates absolute ns (ratios hold better):
        # the load average tells a reader how much to trust them.
        "loadavg_1_5_15": [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None,
    }
