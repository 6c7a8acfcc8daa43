"""The real program in a pseudo-terminal, as a chair would run it."""

from __future__ import annotations

import os
import signal

import pexpect
import pytest

from conftest import lrf_argv

pytestmark = pytest.mark.slow


def spawn(db, *args, size=(24, 80)):
    argv = lrf_argv() + ["--db", str(db), *args]
    env = {**os.environ, "TERM": "xterm-256color"}
    env.pop("LRF_DB", None)
    return pexpect.spawn(argv[0], argv[1:], env=env, dimensions=size, encoding="utf-8",
                         codec_errors="replace", timeout=20)


def test_first_run_offers_the_demo_and_a_second_lrf_is_refused(run_lrf, tmp_path):
    db = tmp_path / "t.db"
    child = spawn(db)
    try:
        child.expect_exact("No reviews yet")
        second = run_lrf("--db", db, "demo")
        assert second.returncode == 2
        assert "open in another lrf" in second.stderr
        assert "Traceback" not in second.stderr
        child.send("d")
        child.expect_exact("LR-")
        child.sendcontrol("q")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0
    assert run_lrf("--db", db, "list", "--json").stdout.count('"ref"') == 4


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_terminate_and_hangup_leave_cleanly(run_lrf, tmp_path, sig):
    db = tmp_path / "s.db"
    ref = run_lrf("--db", db, "demo").stdout.split()[0]
    child = spawn(db)
    try:
        child.expect_exact(ref)
        child.kill(sig)
        child.expect(pexpect.EOF)
        tail = child.before
    finally:
        child.close(force=False)
    assert child.exitstatus == 0, (child.exitstatus, child.signalstatus)
    # The app left the alternate screen and showed the cursor again: the terminal is usable.
    assert "\x1b[?1049l" in tail
    assert "\x1b[?25h" in tail
    # And the lock went with it: another lrf can write now.
    assert run_lrf("--db", db, "demo").returncode == 0
