"""Looking at a SQLite file without changing it: its header, the files SQLite keeps beside it,
and a read-only connection that never creates, locks or modifies a file.

Why not simply ``mode=ro``: on a database in WAL mode SQLite opens (and creates) the ``-wal``
and ``-shm`` files beside it even for a read-only connection, and leaves them behind; in a folder
the user may only read it cannot open the file at all. So:

- no ``-wal`` beside the file (the state after every clean quit): nothing is in a log, no lrf
  has the file open, and the file is read as it stands (``immutable=1``: no side files, no
  locks);
- a ``-wal`` and its ``-shm``: another lrf may be writing, or one stopped without quitting;
  the file is read together with its log, as SQLite itself would, with the ``-shm`` opened
  read-only (``readonly_shm=1``: SQLite builds its index of the log in private memory, so not
  even SQLite's shared-memory file is touched, and a writer carrying on meanwhile is seen
  consistently);
- a ``-wal`` without its ``-shm``, or a rollback ``-journal``: the files are copied into a
  private temporary folder, SQLite recovers the copy, and it is read from memory.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from pathlib import Path
from urllib.parse import quote

SQLITE_MAGIC = b"SQLite format 3\x00"


def side_file(path: Path, suffix: str) -> Path:
    return Path(str(path) + suffix)


def read_header(path: Path) -> bytes | None:
    """The 100-byte header, ``b""`` for an empty file, or None when it is not a SQLite file."""
    with open(path, "rb") as f:
        header = f.read(100)
    if not header:
        return b""
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        return None
    return header


def header_user_version(header: bytes) -> int:
    return int.from_bytes(header[60:64], "big")


def connect_readonly(path: Path, *, copy: bool = False) -> sqlite3.Connection:
    """A connection that reads ``path`` (with its write-ahead log) and never writes a file.
    ``copy``: read a private copy, recovered from its log there (for a log whose index a
    killed writer left stale, which a reader that may not write cannot rebuild in place)."""
    if copy:
        return _private_copy(path)
    wal = side_file(path, "-wal")
    journal = side_file(path, "-journal")
    if _non_empty(journal):
        return _private_copy(path)
    if not wal.exists():
        return _uri_connect(path, "mode=ro&immutable=1")
    if side_file(path, "-shm").exists():
        return _uri_connect(path, "mode=ro&readonly_shm=1")
    return _private_copy(path)


def _non_empty(path: Path) -> bool:
    try:
        return path.stat().st_size > 0
    except OSError:
        return False


def _uri_connect(path: Path, query: str) -> sqlite3.Connection:
    uri = f"file:{quote(str(path.absolute()))}?{query}"
    return sqlite3.connect(uri, uri=True, timeout=2.0, check_same_thread=True)


def _private_copy(path: Path) -> sqlite3.Connection:
    """The database as SQLite recovers it from its log, read into memory via a private copy."""
    folder = Path(tempfile.mkdtemp(prefix="lrf-read-"))  # 0700
    try:
        copy = folder / "copy.db"
        for suffix in ("", "-wal", "-journal"):
            source = side_file(path, suffix)
            if suffix and not source.exists():
                continue
            fd = os.open(side_file(copy, suffix), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with open(source, "rb") as src, os.fdopen(fd, "wb") as dst:
                shutil.copyfileobj(src, dst)
        disk = sqlite3.connect(copy)
        memory = sqlite3.connect(":memory:", check_same_thread=True)
        try:
            disk.backup(memory)
        except BaseException:
            memory.close()
            raise
        finally:
            disk.close()
        return memory
    finally:
        shutil.rmtree(folder, ignore_errors=True)
