"""The three packages keep their boundaries (harlequin's test_import_hygiene is the model):
facilitation/ and exports/ never import Textual or lrf_tui, facilitation/ never imports exports/,
and commands that do not draw the TUI never load Textual."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def imported_modules(package: str) -> set[tuple[str, str]]:
    found = set()
    for path in (ROOT / package).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found |= {(path.name, a.name.split(".")[0]) for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add((path.name, node.module.split(".")[0]))
    return found


@pytest.mark.parametrize(
    "package, forbidden",
    [
        ("facilitation", {"textual", "lrf_tui", "exports", "rich"}),
        ("exports", {"textual", "lrf_tui", "rich"}),
    ],
)
def test_headless_packages_never_import_the_tui(package, forbidden):
    offenders = sorted(f"{f} imports {m}" for f, m in imported_modules(package) if m in forbidden)
    assert offenders == []


def test_every_headless_module_imports_without_textual():
    code = (
        "import sys, pkgutil, importlib\n"
        "import facilitation, exports\n"
        "for pkg in (facilitation, exports):\n"
        "    for m in pkgutil.iter_modules(pkg.__path__):\n"
        "        importlib.import_module(pkg.__name__ + '.' + m.name)\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'lrf_tui')]\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize(
    "args", [["list"], ["list", "--json"], ["check"], ["--version"]]
)
def test_commands_that_do_not_draw_never_load_textual(tmp_path, args):
    db = tmp_path / "x.db"
    code = (
        "import sys\n"
        "from lrf_tui.cli import main\n"
        "try:\n"
        f"    main({['--db', str(db)] + args!r}, standalone_mode=False)\n"
        "finally:\n"
        "    loaded = [m for m in sys.modules if m.split('.')[0] == 'textual']\n"
        "    print('TEXTUAL LOADED' if loaded else 'clean')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert "clean" in done.stdout, done.stdout + done.stderr
