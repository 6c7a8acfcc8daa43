"""Shared fixtures: a fresh database per test, the demo review, and the real `lrf` command."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

# Pilot's press waits for every animation to finish after each key (the tabs' sliding
# underline, a scroll), which a chair typing never waits for: without them a keyboard walk
# does the same work in less time. Textual reads the setting when first imported (a plugin
# has imported it by now) and each app copies it when made; lrf run as a process reads it
# from the environment.
os.environ["TEXTUAL_ANIMATIONS"] = "none"
import textual.constants as _textual_constants  # noqa: E402

_textual_constants.TEXTUAL_ANIMATIONS = "none"

from facilitation.demo import add_demo
from facilitation.store import open_store

ROOT = Path(__file__).resolve().parent.parent

# Pilot waits for the app to go idle in slices of 1/50 s, at least one a key: most of a
# keyboard walk's time was spent asleep. Slices of 1/100 s still see a frame (1/60 s) through,
# since Pilot.pause() draws the screen after its wait.
import textual._wait as _textual_wait  # noqa: E402

_textual_wait.SLEEP_GRANULARITY = 1 / 100
_textual_wait.SLEEP_IDLE = _textual_wait.SLEEP_GRANULARITY / 20.0


@pytest.fixture(autouse=True)
def private_data_folder(tmp_path_factory, monkeypatch) -> None:
    """No test writes into the real user data folder (a crash report, a default database),
    nor reads the real user config folder (a keymap file)."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("xdg-data")))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("xdg-config")))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    return folder / "lrf.db"


@pytest.fixture
def store(db_path: Path):
    s = open_store(db_path)
    yield s
    s.close()


@pytest.fixture
def demo_ref(store) -> str:
    return add_demo(store)


def lrf_argv() -> list[str]:
    exe = shutil.which("lrf", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "lrf_tui.cli"]


# The commands that draw the app: run only as a process (they need a terminal of their own).
_APP_COMMANDS = {None, "event"}


def _command(args: list[str]) -> str | None:
    """The subcommand of an `lrf` command line (None when it only opens the app)."""
    rest = iter(args)
    for a in rest:
        if a == "--db":
            next(rest, None)  # its value
        elif not a.startswith("--db="):
            return a
    return None


def _run_process(args: list[str], input: str | None, env: dict | None, cwd: Path):
    full_env = {**os.environ, "LRF_DB": "", **(env or {})}
    if not full_env["LRF_DB"]:
        full_env.pop("LRF_DB")
    return subprocess.run(lrf_argv() + args, capture_output=True, text=True, input=input,
                          env=full_env, cwd=cwd, timeout=60)


def _run_in_process(args: list[str], input: str | None, env: dict | None, cwd: Path):
    """The same command line through the same entry point (`lrf_tui.cli:main`, which words
    every error and chooses the exit code), run in this process: starting a Python for each
    of the suite's hundred-odd commands cost most of a minute. What only a real process shows
    (the installed script, the terminal, signals, imports) has tests of its own."""
    from click.testing import CliRunner

    from lrf_tui.cli import main

    overrides = dict(env or {})
    if not overrides.get("LRF_DB"):
        overrides["LRF_DB"] = None  # as the process runner: LRF_DB only when a test sets it
    here = os.getcwd()
    os.chdir(cwd)  # a relative path on the command line is the test's own folder's
    try:
        result = CliRunner().invoke(main, args, input=input, env=overrides, prog_name="lrf",
                                    catch_exceptions=False)
    finally:
        os.chdir(here)
    return subprocess.CompletedProcess(["lrf", *args], result.exit_code, result.stdout,
                                       result.stderr)


@pytest.fixture
def run_lrf(tmp_path: Path):
    """Run `lrf` with these arguments as a user would, from a folder of the test's own;
    returns a CompletedProcess (text). Commands that open the app run as a real process."""

    def run(*args: str, input: str | None = None, env: dict | None = None):
        argv = [str(a) for a in args]
        if _command(argv) in _APP_COMMANDS:
            return _run_process(argv, input, env, tmp_path)
        return _run_in_process(argv, input, env, tmp_path)

    return run


@pytest.fixture
def run_lrf_process(tmp_path: Path):
    """Run the installed `lrf` script as its own process."""

    def run(*args: str, input: str | None = None, env: dict | None = None):
        return _run_process([str(a) for a in args], input, env, tmp_path)

    return run


def pytest_collection_modifyitems(items) -> None:
    """The long keyboard walks first, then the tests that run lrf in a terminal of its own,
    then the rest: with two workers, a long test started last left one waiting for the other
    (every worker collects the same order, as pytest-xdist requires)."""
    def weight(item) -> int:
        if item.get_closest_marker("walk"):
            return 0
        return 1 if item.get_closest_marker("slow") else 2

    items.sort(key=weight)
