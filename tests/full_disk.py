"""A disk that fills up, for the fault-injection tests.

Where the test may mount a filesystem (root in a sandbox), the database lives on a small tmpfs
and "full" means a filler file has taken every free block: SQLite then fails as it does on a
real full disk. Elsewhere every write transaction fails the way SQLite fails on a full disk
(sqlite3.OperationalError "database or disk is full", SQLITE_FULL)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path

import sqlite_utils


def full_disk_error() -> sqlite3.OperationalError:
    error = sqlite3.OperationalError("database or disk is full")
    error.sqlite_errorcode = sqlite3.SQLITE_FULL
    error.sqlite_errorname = "SQLITE_FULL"
    return error


class Disk:
    def __init__(self, folder: Path, monkeypatch, *, mount: bool = True):
        self.folder = folder
        self._monkeypatch = monkeypatch
        folder.mkdir(mode=0o700)
        self.mounted = False
        try:
            if not mount:
                raise OSError("asked not to mount")
            done = subprocess.run(
                ["mount", "-t", "tmpfs", "-o", "size=4m,mode=0700", "lrf-test", str(folder)],
                capture_output=True, timeout=10)
            self.mounted = done.returncode == 0
        except (OSError, subprocess.SubprocessError):
            self.mounted = False
        self.filler = folder / "filler"
        self._real_atomic = sqlite_utils.Database.atomic

    def fill(self, store) -> None:
        """Leave no room at all. A write that failed for want of room may still have taken
        blocks (the WAL grew before the disk ran out), and the next small write would fit in
        them, as on a real disk: the WAL is emptied first so the filler takes those too."""
        if not self.mounted:
            def atomic(db):
                raise full_disk_error()

            self._monkeypatch.setattr(sqlite_utils.Database, "atomic", atomic)
            return
        self.filler.unlink(missing_ok=True)
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        fd = os.open(self.filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            for size in (1 << 16, 4096, 512, 1):
                try:
                    while True:
                        os.write(fd, b"\0" * size)
                except OSError:
                    pass
        finally:
            os.close(fd)

    def free(self) -> None:
        if not self.mounted:
            self._monkeypatch.setattr(sqlite_utils.Database, "atomic", self._real_atomic)
            return
        self.filler.unlink(missing_ok=True)

    def close(self) -> None:
        if self.mounted:
            subprocess.run(["umount", "-l", str(self.folder)], capture_output=True, timeout=10)
