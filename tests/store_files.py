"""Helpers for tests about database files: what a folder holds, damage, files that cannot be
changed, and the state a stopped checkpoint leaves."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

WAL_HEADER = 32
FRAME_HEADER = 24


def snapshot(folder: Path) -> dict[str, tuple[bytes, int, int]]:
    """Every file in ``folder`` with its bytes, mtime and mode, and the folder's own mtime."""
    state = {
        p.name: (p.read_bytes(), p.stat().st_mtime_ns, p.stat().st_mode)
        for p in sorted(folder.iterdir())
    }
    state["."] = (b"", folder.stat().st_mtime_ns, folder.stat().st_mode)
    return state


def page_size(path: Path) -> int:
    size = int.from_bytes(path.read_bytes()[16:18], "big")
    return 65536 if size == 1 else size


def scribble_over_table(path: Path, table: str) -> None:
    """Overwrite the b-tree header of ``table``'s root page (not page 1) with rubbish."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = DELETE")
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", [table]).fetchone()[0]
    conn.close()
    assert root > 1
    data = bytearray(path.read_bytes())
    start = (root - 1) * size
    data[start : start + 200] = b"\xff" * 200
    path.write_bytes(bytes(data))


def copy_database_files(source: Path, dest: Path) -> None:
    """Copy a database and whatever SQLite keeps beside it, as a crash would leave them."""
    for suffix in ("", "-wal", "-shm"):
        src = Path(str(source) + suffix)
        if src.exists():
            shutil.copyfile(src, Path(str(dest) + suffix))


def last_page_one_in_wal(db: Path) -> bytes:
    """Page 1 as the last frame of the write-ahead log that holds it has it."""
    size = page_size(db)
    wal = Path(str(db) + "-wal").read_bytes()
    found = None
    offset = WAL_HEADER
    while offset + FRAME_HEADER + size <= len(wal):
        if int.from_bytes(wal[offset : offset + 4], "big") == 1:
            found = wal[offset + FRAME_HEADER : offset + FRAME_HEADER + size]
        offset += FRAME_HEADER + size
    assert found is not None, "the log holds no page 1"
    return found


def stop_checkpoint_after_page_one(db: Path) -> None:
    """What a checkpoint cut short (kill, full disk) leaves: page 1 copied from the log into
    the file, which has not been extended yet, and the log still complete."""
    page_one = last_page_one_in_wal(db)
    data = bytearray(db.read_bytes())
    data[: len(page_one)] = page_one
    db.write_bytes(bytes(data))
    promised = int.from_bytes(page_one[28:32], "big") * page_size(db)
    assert db.stat().st_size < promised, "the header should promise more than the file holds"


def _chattr(flag: str, paths: list[Path]) -> bool:
    if os.geteuid() != 0 or not shutil.which("chattr"):
        return False
    done = subprocess.run(["chattr", flag, *map(str, paths)], capture_output=True)
    return done.returncode == 0


@contextlib.contextmanager
def unchangeable(folder: Path):
    """Make ``folder`` and its files read-only for real: 0400 files in a 0500 folder, and for
    root (whom permission bits do not stop) the immutable attribute as well. Yields whether
    the attribute was set."""
    files = [p for p in folder.iterdir() if p.is_file()]
    for p in files:
        p.chmod(0o400)
    folder.chmod(0o500)
    immutable = _chattr("+i", files + [folder])
    try:
        yield immutable
    finally:
        if immutable:
            _chattr("-i", files + [folder])
        folder.chmod(0o700)
        for p in files:
            p.chmod(0o600)
