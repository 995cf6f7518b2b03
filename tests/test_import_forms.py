"""``import fastdt.parse`` works, and ``fastdt.parse`` is always the function.

Each case runs in a fresh interpreter, so the import order is real.
"""
import os
import pathlib
import shutil
import subprocess
import sys
import sysconfig
import textwrap

import pytest

import fastdt

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(fastdt.__file__)))

CHECK = """
    import datetime, sys
    import fastdt._parser
    f = fastdt._parser.parse
    assert fastdt.parse is f, fastdt.parse
    assert fastdt.parse("2003-09-25") == datetime.datetime(2003, 9, 25)
    assert sys.modules["fastdt.parse"] is f
"""

CASES = {
    "import fastdt.parse": """
        import fastdt.parse
    """,
    "import fastdt, then fastdt.parse": """
        import fastdt
        import fastdt.parse
    """,
    "import fastdt.parse, then import fastdt": """
        import fastdt.parse
        import fastdt
    """,
    "from fastdt import parse, then import fastdt.parse": """
        from fastdt import parse
        import fastdt.parse
        import fastdt
        assert parse is fastdt.parse
    """,
    "import fastdt.parse, then from fastdt import parse": """
        import fastdt.parse
        from fastdt import parse
        assert parse is fastdt.parse
        assert parse("Sep 25 2003").day == 25
    """,
    "import fastdt.parse as p": """
        import fastdt.parse as p
        import fastdt
        assert p is fastdt.parse
    """,
    "importlib.import_module": """
        import importlib
        p = importlib.import_module("fastdt.parse")
        import fastdt
        assert p is fastdt.parse
    """,
    "twice": """
        import fastdt.parse
        import fastdt.parse
        import importlib
        importlib.import_module("fastdt.parse")
    """,
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_import_forms(name):
    code = textwrap.dedent(CASES[name]) + textwrap.dedent(CHECK)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [ROOT, env.get("PYTHONPATH")]))
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, cwd=ROOT)
    assert proc.returncode == 0, "%s\n---\n%s" % (code, proc.stderr)


def test_parse_is_still_the_compiled_function_here():
    import fastdt.parse  # noqa: F401  (this process, after the import)
    from fastdt import _parser
    assert fastdt.parse is _parser.parse


def test_unbuilt_source_folder_says_what_to_do(tmp_path):
    """A source folder without compiled modules (a clone's, shadowing an
    installed fastdt when run from the clone root) fails with advice."""
    source = tmp_path / "fastdt"
    source.mkdir()
    for path in pathlib.Path(fastdt.__file__).parent.iterdir():
        if path.suffix in (".py", ".pyi", ".pyx", ".pxd"):
            shutil.copy(path, source / path.name)
    # -S: no .pth files, so no editable-install finder (which would map
    # "fastdt" to this checkout ahead of the current directory); dateutil and
    # the rest come from site-packages by PYTHONPATH, after the current one.
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        sorted({sysconfig.get_paths()[k] for k in ("purelib", "platlib")}))
    proc = subprocess.run([sys.executable, "-S", "-m", "fastdt", "2003-09-25"],
                          cwd=tmp_path, capture_output=True, text=True, env=env)
    assert proc.returncode != 0
    assert "fastdt's compiled modules are not built in %s" % source in proc.stderr
    assert "pip install -e ." in proc.stderr
