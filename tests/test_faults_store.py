"""Faults a chair's database meets in real life, injected for real: a checkpoint cut short, kill -9
at any moment, a file the user may only read, a damaged page. Nothing acknowledged is lost, a
file SQLite can read is never called damaged, and a damaged one is never written to."""

from __future__ import annotations

import json
import os
import random
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
from store_files import (
    copy_database_files,
    scribble_over_table,
    snapshot,
    stop_checkpoint_after_page_one,
    unchangeable,
)

from facilitation import event as ev
from facilitation.demo import add_demo
from facilitation.reviews import review_as_json
from facilitation.store import open_store, open_store_readonly

pytestmark = pytest.mark.slow


def _crash_image(tmp_path: Path, name: str, notes: int = 90) -> tuple[Path, str, dict]:
    """The files an lrf killed mid-session leaves (database, -wal, -shm), with the last
    checkpoint stopped after page 1: the file is shorter than its header says and the log
    holds the rest. (Few enough notes that SQLite's own checkpoint, at 1,000 pages of log,
    has not come: a note is about nine pages of it.) Returns the image, the review and the review's JSON as the writer saw it."""
    live = tmp_path / f"{name}-live" / "lrf.db"
    live.parent.mkdir(mode=0o700)
    writer = open_store(live)
    try:
        ref = add_demo(writer)
        writer.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        ctx = ev.load_context(writer, ref)
        for i in range(notes):  # one transaction each, growing the file page by page
            ev.add_note(writer, ctx.review_id, ctx.parse(f"- note {i} " + "about the home " * 20))
        expected = review_as_json(writer, ref)
        image = tmp_path / name / "lrf.db"
        image.parent.mkdir(mode=0o700)
        copy_database_files(live, image)
    finally:
        writer.close()
    stop_checkpoint_after_page_one(image)
    return image, ref, expected


@pytest.mark.parametrize("keep_shm", [True, False], ids=["with-shm", "without-shm"])
def test_a_checkpoint_cut_short_is_not_damage(tmp_path, run_lrf, keep_shm):
    db, ref, expected = _crash_image(tmp_path, "image")
    if not keep_shm:
        Path(str(db) + "-shm").unlink()
    before = snapshot(db.parent)

    listed = run_lrf("--db", db, "list")
    assert listed.returncode == 0, listed.stderr
    assert ref in listed.stdout
    shown = run_lrf("--db", db, "show", ref, "--json")
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout) == json.loads(json.dumps(expected))  # every note there
    exported = run_lrf("--db", db, "export", ref, "--what", "outcome")
    assert exported.returncode == 0, exported.stderr
    checked = run_lrf("--db", db, "check")
    assert (checked.returncode, checked.stdout.strip()) == (0, "Database is healthy."), checked.stderr
    copy = tmp_path / "copy.db"
    backed = run_lrf("--db", db, "backup", copy)
    assert backed.returncode == 0, backed.stderr
    assert json.loads(run_lrf("--db", copy, "show", ref, "--json").stdout) == json.loads(
        shown.stdout)
    assert snapshot(db.parent) == before, "a read command changed, created or removed a file"

    # The next lrf that writes carries on where the killed one stopped.
    added = run_lrf("--db", db, "demo")
    assert added.returncode == 0, added.stderr
    assert json.loads(run_lrf("--db", db, "show", ref, "--json").stdout) == json.loads(
        shown.stdout)
    assert run_lrf("--db", db, "check").returncode == 0


CHILD = r"""
import sys
from facilitation import event as ev
from facilitation.store import open_store

path, ref, count, tag = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
store = open_store(path, lock=True)
ctx = ev.load_context(store, ref)
for i in range(count):
    note = ev.add_note(store, ctx.review_id, ctx.parse(f"round {tag} note {i} " + "w" * 400))
    print(note["id"], flush=True)
print("closing", flush=True)
store.close()
print("closed", flush=True)
"""


class ChildOutput:
    """What a child printed, read from its pipe without a thread: a reader thread once hung
    after the kill, blocked on a pipe whose other end something else still held. A killed
    child's last lines are in the pipe already; they are read until the end, or until
    nothing more comes for a while."""

    def __init__(self, child: subprocess.Popen) -> None:
        self.fd = child.stdout.fileno()
        os.set_blocking(self.fd, False)
        self.data = bytearray()
        self.ended = False

    def read(self, timeout: float) -> None:
        if not self.ended and select.select([self.fd], [], [], timeout)[0]:
            chunk = os.read(self.fd, 1 << 16)
            self.data += chunk
            self.ended = not chunk

    def drain(self, quiet: float = 5.0) -> None:
        deadline = time.monotonic() + quiet
        while not self.ended and time.monotonic() < deadline:
            self.read(0.05)

    def lines(self) -> list[str]:
        return [x.strip() for x in self.data.decode().splitlines()]


def test_kill_9_at_any_moment_loses_no_acknowledged_note(tmp_path):
    db = tmp_path / "k" / "lrf.db"
    db.parent.mkdir(mode=0o700)
    with open_store(db) as s:
        ref = add_demo(s)
    rnd = random.Random(20260309)
    rounds, acknowledged, lost, in_close, refused = 20, set(), 0, 0, []
    started = time.monotonic()
    for r in range(rounds):
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(db), ref, "60", str(r)],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path)
        said = ChildOutput(child)
        if r % 3 == 0:  # aim at the checkpoint on closing
            deadline = time.monotonic() + 10
            while ("closing" not in said.lines() and child.poll() is None
                   and time.monotonic() < deadline):
                said.read(0.0005)
            time.sleep(rnd.uniform(0, 0.003))
        else:
            time.sleep(rnd.uniform(0.1, 0.5))
        if child.poll() not in (None, 0):  # it stopped by itself: the file was refused
            refused.append(child.stderr.read().decode().strip().splitlines()[-1:])
        child.kill()
        child.wait()
        said.drain()
        child.stderr.close()
        lines = said.lines()
        in_close += "closing" in lines and "closed" not in lines
        acked = {int(x) for x in lines if x.isdigit()}
        acknowledged |= acked
        # A reader sees every acknowledged note straight away, before any writer recovers it.
        with open_store_readonly(db) as s:
            present = {row[0] for row in s.conn.execute("SELECT id FROM notes")}
        lost += len(acknowledged - present)
    with open_store(db, lock=True) as s:
        assert s.integrity_problems() == []
        present = {row[0] for row in s.conn.execute("SELECT id FROM notes")}
    lost_at_end = len(acknowledged - present)
    print(f"\nkill -9: {rounds} rounds, {len(acknowledged)} notes acknowledged, {lost} lost "
          f"(after reopening), {lost_at_end} lost at the end; {in_close} kills while closing; "
          f"{time.monotonic() - started:.1f} s")
    assert refused == []  # a killed lrf never leaves a file the next one will not open
    assert acknowledged and lost == 0 and lost_at_end == 0


@pytest.mark.parametrize("state", ["clean-quit", "killed"])
def test_a_database_the_user_may_only_read(tmp_path, run_lrf, state):
    if state == "killed":
        db, ref, expected = _crash_image(tmp_path, "ro", notes=40)
    else:
        db = tmp_path / "ro" / "lrf.db"
        db.parent.mkdir(mode=0o700)
        ref = run_lrf("--db", db, "demo").stdout.split()[0]
        expected = json.loads(run_lrf("--db", db, "show", ref, "--json").stdout)
    out = tmp_path / "out"
    out.mkdir()
    with unchangeable(db.parent) as immutable:
        before = snapshot(db.parent)
        shown = run_lrf("--db", db, "show", ref, "--json")
        assert shown.returncode == 0, shown.stderr
        assert json.loads(shown.stdout) == json.loads(json.dumps(expected))
        for args in (["list"], ["check"], ["export", ref, "--what", "outcome"],
                     ["export", ref, "--what", "pack", "-o", out / "pack.md"],
                     ["backup", out / "copy.db"]):
            done = run_lrf("--db", db, *args)
            assert done.returncode == 0, (args, done.stderr)
        refused = run_lrf("--db", db, "demo")
        assert refused.returncode == 2 and "read-only" in refused.stderr
        assert snapshot(db.parent) == before, "a file the user may only read was changed"
    print(f"\nread-only ({state}): immutable attribute {'set' if immutable else 'not available'}")
    assert json.loads(run_lrf("--db", out / "copy.db", "show", ref, "--json").stdout) == (
        json.loads(shown.stdout))


@pytest.mark.parametrize("command", ["event", "demo"])
def test_a_damaged_page_is_refused_before_anything_is_written(tmp_path, run_lrf, command):
    db = tmp_path / "d" / "lrf.db"
    db.parent.mkdir(mode=0o700)
    with open_store(db) as s:
        ref = add_demo(s)
    scribble_over_table(db, "notes")
    before = snapshot(db.parent)
    args = ["event", ref] if command == "event" else ["demo"]
    done = subprocess.run(
        [sys.executable, "-m", "lrf_tui.cli", "--db", str(db), *args],
        capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=20, cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert "damaged" in done.stderr and done.stderr.count("\n") == 1
    assert "Traceback" not in done.stderr
    assert snapshot(db.parent) == before
