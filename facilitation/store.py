"""The SQLite store: opening, checking, locking, migrating.

- A file is checked *before* SQLite writes anything to it (header, size, schema version), so a
  file lrf cannot use is left byte-for-byte as it was.
- Strict tables, foreign keys on, WAL, ``synchronous=FULL``: a committed note survives a crash
  or a power cut.
- New files are created 0600, and a folder lrf creates is 0700.
- One writer: an ``lrf`` that writes holds an advisory lock on the file for as long as it runs;
  a second one is told the file is in use instead of waiting or racing.
"""

from __future__ import annotations

import datetime as _dt
import fcntl
import os
import sqlite3
import stat
from pathlib import Path

from sqlite_utils import Database

from . import schema
from .errors import DatabaseUnusable

SQLITE_MAGIC = b"SQLite format 3\x00"
APP_NAME = "lrf"


def now_iso() -> str:
    """The current moment, ISO 8601 with a UTC offset, to the millisecond."""
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="milliseconds")


def default_db_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "lrf.db"


def resolve_db_path(explicit: str | os.PathLike | None) -> tuple[Path, bool]:
    """The database to use and whether it is the default one (whose folder lrf may create)."""
    if explicit:
        return Path(explicit).expanduser(), False
    env = os.environ.get("LRF_DB")
    if env:
        return Path(env).expanduser(), False
    return default_db_path(), True


def _header_problem(path: Path) -> str | None:
    """Why this existing file cannot be an lrf database, judged from its bytes alone."""
    size = path.stat().st_size
    if size == 0:
        return None  # an empty file is a new, empty database
    with open(path, "rb") as f:
        header = f.read(100)
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        return f"{path} is not an lrf database (it is not a SQLite file)."
    page_size = int.from_bytes(header[16:18], "big")
    if page_size == 1:
        page_size = 65536
    page_count = int.from_bytes(header[28:32], "big")
    if page_size < 512 or page_size & (page_size - 1):
        return f"{path} is damaged: its header is not valid."
    if page_count and size < page_count * page_size:
        return f"{path} is damaged: the file is shorter than its header says (truncated copy?)."
    user_version = int.from_bytes(header[60:64], "big")
    if user_version > schema.SCHEMA_VERSION:
        return _newer_message(path, user_version)
    return None


def _newer_message(path: Path, version: int) -> str:
    return (
        f"{path} was written by a newer lrf (schema {version}, this lrf knows "
        f"{schema.SCHEMA_VERSION}); upgrade lrf to open it."
    )


def _ensure_folder(folder: Path, create: bool) -> None:
    if folder.is_dir():
        if not os.access(folder, os.W_OK | os.X_OK):
            raise DatabaseUnusable(f"The folder {folder} cannot be written to.")
        return
    if folder.exists():
        raise DatabaseUnusable(f"{folder} is not a folder.")
    if not create:
        raise DatabaseUnusable(f"The folder {folder} does not exist.")
    try:
        folder.mkdir(parents=True, mode=0o700)
        os.chmod(folder, 0o700)
    except OSError as e:
        raise DatabaseUnusable(f"The folder {folder} cannot be created ({e.strerror}).") from None


def _reason(e: Exception) -> str:
    return getattr(e, "strerror", None) or type(e).__name__


class Store:
    """An open lrf database. Use :func:`open_store`."""

    def __init__(self, db: Database, path: Path):
        self.db = db
        self.path = path
        self._lock_fd: int | None = None

    @property
    def conn(self) -> sqlite3.Connection:
        return self.db.conn

    # -- locking -------------------------------------------------------------------------------

    def lock_for_writing(self) -> None:
        """Take the one-writer lock, or say that another lrf has the file open."""
        if self._lock_fd is not None:
            return
        fd = os.open(self.path, os.O_RDONLY)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            raise DatabaseUnusable(
                f"{self.path} is open in another lrf; close that one first."
            ) from None
        self._lock_fd = fd

    def release_lock(self) -> None:
        """Let another lrf open the file for writing (this one is about to stop)."""
        if self._lock_fd is not None:
            fd, self._lock_fd = self._lock_fd, None
            os.close(fd)

    def close(self) -> None:
        try:
            self.db.close()
        finally:
            self.release_lock()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- whole-file operations -----------------------------------------------------------------

    def backup_to(self, target: Path) -> None:
        """A consistent online copy, created 0600; refuses to overwrite."""
        from .errors import InputRefused

        target = Path(target).expanduser()
        try:
            _ensure_folder(target.parent, create=False)
        except DatabaseUnusable as e:  # the backup's folder, not the database, is the problem
            raise InputRefused(e.message) from None
        try:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            raise InputRefused(f"{target} already exists; choose a new file name.") from None
        except OSError as e:
            raise InputRefused(f"Cannot write the backup to {target} ({e.strerror}).") from None
        os.close(fd)
        try:
            dest = sqlite3.connect(target)
            try:
                self.conn.backup(dest)
                dest.execute("PRAGMA journal_mode=DELETE")
            finally:
                dest.close()
            os.chmod(target, 0o600)
        except (OSError, sqlite3.Error) as e:
            target.unlink(missing_ok=True)
            raise InputRefused(f"Cannot write the backup to {target} ({_reason(e)}).") from None
        except BaseException:
            target.unlink(missing_ok=True)
            raise

    def integrity_problems(self) -> list[str]:
        rows = self.conn.execute("PRAGMA integrity_check").fetchall()
        problems = [r[0] for r in rows if r[0] != "ok"]
        problems += [
            f"row {r[1]} of {r[0]} points at a missing {r[2]}"
            for r in self.conn.execute("PRAGMA foreign_key_check").fetchall()
        ]
        return problems


def open_store(
    path: str | os.PathLike | None = None,
    *,
    create: bool = True,
    create_folder: bool | None = None,
    lock: bool = False,
) -> Store:
    """Open (and if need be create and migrate) an lrf database.

    Raises :class:`DatabaseUnusable` with one sentence, leaving the file as it was, when the file
    is not an lrf database, is damaged, was written by a newer lrf, is locked by another lrf, or
    its folder is missing or read-only.
    """
    if path is None:
        db_path, is_default = resolve_db_path(None)
    else:
        db_path, is_default = Path(path).expanduser(), False
    if create_folder is None:
        create_folder = is_default
    db_path = db_path.absolute()

    if db_path.is_dir():
        raise DatabaseUnusable(f"{db_path} is a folder, not a database file.")
    exists = db_path.exists()
    if exists:
        if not os.access(db_path, os.R_OK):
            raise DatabaseUnusable(f"{db_path} cannot be read (check its permissions).")
        problem = _header_problem(db_path)
        if problem:
            raise DatabaseUnusable(problem)
        if not os.access(db_path, os.W_OK):
            raise DatabaseUnusable(f"{db_path} is read-only; lrf needs to write to it.")
        _ensure_folder(db_path.parent, create=False)
    else:
        if not create:
            raise DatabaseUnusable(f"{db_path} does not exist.")
        _ensure_folder(db_path.parent, create=create_folder)
        try:
            fd = os.open(db_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            os.close(fd)
        except OSError as e:
            raise DatabaseUnusable(f"{db_path} cannot be created ({e.strerror}).") from None

    conn = sqlite3.connect(db_path, timeout=2.0, check_same_thread=True)
    store = Store(Database(conn, strict=True, execute_plugins=False), db_path)
    try:
        if lock:
            store.lock_for_writing()
        _check_and_prepare(store, fresh=not exists)
    except sqlite3.DatabaseError as e:
        store.close()
        raise DatabaseUnusable(_describe_sqlite_error(db_path, e)) from None
    except BaseException:
        store.close()
        if not exists:
            db_path.unlink(missing_ok=True)
        raise
    return store


def _describe_sqlite_error(path: Path, e: sqlite3.DatabaseError) -> str:
    text = str(e).lower()
    if "locked" in text or "busy" in text:
        return f"{path} is busy in another program; try again in a moment."
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return f"{path} is damaged and cannot be opened; restore it from a backup."
    return f"{path} cannot be used: {e}."


def _check_and_prepare(store: Store, fresh: bool) -> None:
    conn = store.conn
    # Read before anything writes: is this ours, and is it not from the future?
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > schema.SCHEMA_VERSION:
        raise DatabaseUnusable(_newer_message(store.path, version))
    tables = {
        r[0]
        for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    }
    if tables and "_sqlite_migrations" not in tables:
        raise DatabaseUnusable(
            f"{store.path} is a SQLite database but not an lrf one; lrf will not change it."
        )
    if "_sqlite_migrations" in tables:
        known = {m.name for m in schema.migrations._migrations}
        applied = {
            r[0]
            for r in conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = ?",
                [schema.MIGRATION_SET],
            ).fetchall()
        }
        if applied - known:
            raise DatabaseUnusable(_newer_message(store.path, max(version, len(applied))))
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 2000")
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if mode.lower() != "wal":
        raise DatabaseUnusable(f"{store.path} cannot be switched to write-ahead logging.")
    conn.execute("PRAGMA synchronous = FULL")
    if not tables:
        # lrf is setting this file up (new, or an empty file it was pointed at): private
        # before anything is written into it.
        os.chmod(store.path, 0o600)
    if schema.migrations.pending(store.db) or version != schema.SCHEMA_VERSION:
        schema.apply(store.db)
    for suffix in ("-wal", "-shm"):
        side = Path(str(store.path) + suffix)
        if side.exists():
            mode_bits = stat.S_IMODE(side.stat().st_mode)
            if mode_bits & 0o077:
                os.chmod(side, 0o600)
