"""The real `lrf export` under faults: stopped mid-write by SIGTERM or Ctrl-C, failing mid-write,
and aimed at the database while a live event keeps saving notes into it."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from conftest import lrf_argv
from test_event_pty import spawn, stored, type_note

pytestmark = pytest.mark.slow

REF = "LR-2026-001"

# Loaded by the child `lrf` through PYTHONPATH: the export's fsync stands for a slow or full
# disk. "hold" touches a marker file and waits, so a signal can be sent while the temporary file
# surely exists; "full" fails as a full disk does.
FSYNC_HOOK = """\
import errno, os, time
_fsync = os.fsync
def _hooked(fd):
    if os.environ["LRF_TEST_FSYNC"] == "full":
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    open(os.environ["LRF_TEST_FSYNC"], "w").close()
    time.sleep(30)
    return _fsync(fd)
os.fsync = _hooked
"""


@pytest.fixture
def demo_db(run_lrf, tmp_path):
    assert run_lrf("--db", "lrf.db", "demo").returncode == 0
    return tmp_path / "lrf.db"


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".lrf-"))


def _default_signals() -> None:  # the child starts as from a shell, whatever pytest ignores
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def start_export(tmp_path: Path, fsync: str, *extra: str) -> subprocess.Popen:
    hooks = tmp_path / "hooks"
    hooks.mkdir(exist_ok=True)
    (hooks / "sitecustomize.py").write_text(FSYNC_HOOK)
    env = {**os.environ, "PYTHONPATH": str(hooks), "LRF_TEST_FSYNC": fsync}
    env.pop("LRF_DB", None)
    return subprocess.Popen(
        lrf_argv() + ["--db", "lrf.db", "export", REF, "--what", "outcome", *extra],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        preexec_fn=_default_signals)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_mid_write_leaves_no_temporary_file_and_the_target_untouched(
        demo_db, tmp_path, sig):
    marker = tmp_path / "in-fsync"
    out = tmp_path / "form.md"
    out.write_text("the chair's earlier copy\n")
    child = start_export(tmp_path, str(marker), "-o", "form.md", "--force")
    try:
        deadline = time.monotonic() + 20
        while not marker.exists():
            assert child.poll() is None, child.communicate()
            assert time.monotonic() < deadline, "the export never reached its fsync"
            time.sleep(0.02)
        assert len(leftovers(tmp_path)) == 1  # the moment that matters: mid-write
        child.send_signal(sig)
        _, err = child.communicate(timeout=20)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode != 0 and "Traceback" not in err
    assert leftovers(tmp_path) == []
    assert out.read_text() == "the chair's earlier copy\n"


def test_a_full_disk_mid_write_leaves_nothing(demo_db, tmp_path):
    out = tmp_path / "form.md"
    out.write_text("kept\n")
    child = start_export(tmp_path, "full", "-o", "form.md", "--force")
    _, err = child.communicate(timeout=60)
    assert (child.returncode, err) == (
        1, "lrf: Cannot write form.md: the disk is full; nothing was written.\n")
    assert out.read_text() == "kept\n" and leftovers(tmp_path) == []


def test_export_aimed_at_the_database_during_a_live_event(demo_db, run_lrf, tmp_path):
    (tmp_path / "link.db").symlink_to("lrf.db")
    os.link(demo_db, tmp_path / "hard.db")
    child = spawn(demo_db, REF)
    saved: dict[int, str] = {}
    try:
        for k, target in enumerate(("lrf.db", "lrf.db-wal", "lrf.db-shm", "link.db",
                                    "hard.db", str(demo_db))):
            body = f"note {k} before export to {target}"
            saved[type_note(child, body)] = body
            r = run_lrf("--db", "lrf.db", "export", REF, "--what", "outcome", "-o", target,
                        "--force")
            assert r.returncode == 1 and "database lrf is using" in r.stderr, (target, r.stderr)
        saved[type_note(child, "after every export")] = "after every export"
        child.kill(signal.SIGTERM)
        child.expect_exact("\x1b[?1049l", timeout=15)  # the app closed normally
    finally:
        child.kill(signal.SIGKILL)
        child.close(force=True)
    notes = stored(demo_db)
    assert {i: notes[i][0] for i in saved} == saved
    assert run_lrf("--db", "lrf.db", "check").returncode == 0
    assert leftovers(tmp_path) == []
