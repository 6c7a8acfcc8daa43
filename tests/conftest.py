"""Shared fixtures: a fresh database per test, the demo review, and the real `lrf` command."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

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


@pytest.fixture
def run_lrf(tmp_path: Path):
    """Run the real `lrf` as a user would; returns CompletedProcess (text)."""

    def run(*args: str, input: str | None = None, env: dict | None = None):
        full_env = {**os.environ, "LRF_DB": "", **(env or {})}
        if not full_env["LRF_DB"]:
            full_env.pop("LRF_DB")
        return subprocess.run(
            lrf_argv() + [str(a) for a in args],
            capture_output=True,
            text=True,
            input=input,
            env=full_env,
            cwd=tmp_path,
            timeout=60,
        )

    return run
