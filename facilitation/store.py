"""The SQLite store: opening, checking, locking, migrating.

- Whether a file can be used is decided before anything writes to it: its header (not a SQLite
  file, a newer lrf's schema), then SQLite itself on a read-only connection (not an lrf
  database, a newer lrf's migrations, ``PRAGMA quick_check``). "Damaged" is what SQLite
  refuses: a file whose write-ahead log completes it is not damaged. A refused file is left
  byte-for-byte as it was.
- Commands that only read (:func:`open_store_readonly`) never migrate, lock or change the file,
  and work on a file the user may only read; a file from an older lrf is brought up to date in
  memory for them. The next command that writes upgrades the file, keeping a copy of the old
  version beside it first.
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
from .errors import (
    DatabaseUnusable,
    InputRefused,
    damaged_message,
    describe_sqlite_error,
    is_damage,
)
from .file_checks import copy_database, header_problem, inspect_file, keep_before_upgrade
from .sqlite_files import connect_readonly, side_file

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


def _take_lock(path: Path) -> int:
    """The one-writer lock (an flock, which SQLite's own locks never meet), or a refusal."""
    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        raise DatabaseUnusable(f"{path} is open in another lrf; close that one first.") from None
    return fd


class Store:
    """An open lrf database. Use :func:`open_store` or :func:`open_store_readonly`."""

    def __init__(self, db: Database, path: Path, *, readonly: bool = False):
        self.db = db
        self.path = path
        self.readonly = readonly
        # Sentences for the user about what opening did (an upgrade and where the old copy is).
        self.notices: list[str] = []
        # The schema the file itself is at, when that is older than this lrf's (read-only
        # stores read an upgraded copy in memory).
        self.older_schema: int | None = None
        self._lock_fd: int | None = None

    @property
    def conn(self) -> sqlite3.Connection:
        return self.db.conn

    # -- locking -------------------------------------------------------------------------------

    def lock_for_writing(self) -> None:
        """Take the one-writer lock, or say that another lrf has the file open."""
        if self._lock_fd is None:
            self._lock_fd = _take_lock(self.path)

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
        """A consistent online copy, created 0600 and checked by SQLite; refuses to overwrite.

        A copy that fails the check is removed and the database is reported damaged.
        """
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
            healthy = copy_database(self.conn, target)
            os.chmod(target, 0o600)
        except (OSError, sqlite3.Error) as e:
            target.unlink(missing_ok=True)
            if isinstance(e, sqlite3.Error) and is_damage(e):
                raise DatabaseUnusable(damaged_message(self.path)) from None
            if isinstance(e, sqlite3.Error):
                sentence, _ = describe_sqlite_error(target, e)
                raise InputRefused(f"No backup was made: {sentence}") from None
            raise InputRefused(f"Cannot write the backup to {target} ({e.strerror}).") from None
        except BaseException:
            target.unlink(missing_ok=True)
            raise
        if not healthy:
            target.unlink(missing_ok=True)
            raise DatabaseUnusable(
                f"{self.path} is damaged: its copy did not pass SQLite's check, so no backup "
                "was kept. lrf changed nothing; keep this file as it is."
            )

    def integrity_problems(self) -> list[str]:
        rows = self.conn.execute("PRAGMA integrity_check").fetchall()
        problems = [r[0] for r in rows if r[0] != "ok"]
        problems += [
            f"row {r[1]} of {r[0]} points at a missing {r[2]}"
            for r in self.conn.execute("PRAGMA foreign_key_check").fetchall()
        ]
        return problems


# -- opening -------------------------------------------------------------------------------------


def _existing_file(path: Path) -> None:
    """The checks every command makes on a file that exists, before SQLite is asked."""
    if not os.access(path, os.R_OK):
        raise DatabaseUnusable(f"{path} cannot be read (check its permissions).")
    try:
        problem = header_problem(path)
    except OSError as e:
        raise DatabaseUnusable(f"{path} cannot be read ({e.strerror}).") from None
    if problem:
        raise DatabaseUnusable(problem)


def _unusable(path: Path, e: sqlite3.Error) -> DatabaseUnusable:
    return DatabaseUnusable(describe_sqlite_error(path, e)[0])


def open_store_readonly(
    path: str | os.PathLike | None = None,
    *,
    as_is: bool = False,
    quick_check: bool = True,
) -> Store:
    """Open an existing lrf database only to read it: never migrated, locked or changed.

    A file from an older lrf is read through an up-to-date copy in memory, unless ``as_is``
    (checking or backing up the file itself). ``quick_check`` lets SQLite refuse a damaged file
    before anything is read from it. Raises :class:`DatabaseUnusable` with one sentence.
    """
    db_path = (resolve_db_path(None)[0] if path is None else Path(path).expanduser()).absolute()
    if db_path.is_dir():
        raise DatabaseUnusable(f"{db_path} is a folder, not a database file.")
    if not db_path.exists():
        raise DatabaseUnusable(f"{db_path} does not exist.")
    _existing_file(db_path)
    conn = None
    try:
        conn = connect_readonly(db_path)
        found = inspect_file(conn, db_path, quick_check=quick_check)
        older = found.version if found.pending and found.has_tables else None
        if found.pending and not as_is:
            memory = sqlite3.connect(":memory:", check_same_thread=True)
            conn.backup(memory)
            conn.close()
            conn = memory
            schema.apply(Database(conn, strict=True, execute_plugins=False))
        conn.execute("PRAGMA query_only = ON")
    except sqlite3.Error as e:
        if conn is not None:
            conn.close()
        raise _unusable(db_path, e) from None
    except BaseException:
        if conn is not None:
            conn.close()
        raise
    store = Store(Database(conn, strict=True, execute_plugins=False), db_path, readonly=True)
    store.older_schema = older
    return store


def open_store(
    path: str | os.PathLike | None = None,
    *,
    create: bool = True,
    create_folder: bool | None = None,
    lock: bool = False,
) -> Store:
    """Open (and if need be create and migrate) an lrf database to write to it.

    Raises :class:`DatabaseUnusable` with one sentence, leaving the file as it was, when the file
    is not an lrf database, is damaged, was written by a newer lrf, is locked by another lrf, or
    it or its folder is missing or read-only. A file from an older lrf is upgraded after a copy
    of it is kept beside it (``store.notices`` says where).
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
        _existing_file(db_path)
        if not os.access(db_path, os.W_OK):
            raise DatabaseUnusable(
                f"{db_path} is read-only, so lrf cannot save to it; `lrf show`, `lrf export` "
                "and `lrf backup` can still read it."
            )
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

    lock_fd: int | None = None
    store: Store | None = None
    try:
        if lock:
            lock_fd = _take_lock(db_path)
        notices: list[str] = []
        if exists:
            notices = _inspect_before_writing(db_path)
        conn = sqlite3.connect(db_path, timeout=2.0, check_same_thread=True)
        store = Store(Database(conn, strict=True, execute_plugins=False), db_path)
        store._lock_fd, lock_fd = lock_fd, None
        _prepare_for_writing(store)
        store.notices = notices
    except BaseException as e:
        if store is not None:
            store.close()
        if lock_fd is not None:
            os.close(lock_fd)
        if not exists:
            db_path.unlink(missing_ok=True)
        if isinstance(e, sqlite3.Error):
            raise _unusable(db_path, e) from None
        raise
    return store


def _inspect_before_writing(path: Path) -> list[str]:
    """Let SQLite judge the file on a read-only connection before anything writes to it (a
    read-write connection would checkpoint its log into a damaged file on closing); keep a copy
    of a file from an older lrf before it is upgraded."""
    conn = connect_readonly(path)
    try:
        found = inspect_file(conn, path)
        if found.pending and found.has_tables:
            kept = keep_before_upgrade(conn, path, found.version)
            return [
                f"{path} was written by an older lrf (schema {found.version}); it is upgraded "
                f"to schema {schema.SCHEMA_VERSION}, and the old version is kept as {kept}."
            ]
        return []
    finally:
        conn.close()


def _prepare_for_writing(store: Store) -> None:
    conn = store.conn
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 2000")
    fresh = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if mode.lower() != "wal":
        raise DatabaseUnusable(f"{store.path} cannot be switched to write-ahead logging.")
    conn.execute("PRAGMA synchronous = FULL")
    if fresh:
        # lrf is setting this file up (new, or an empty file it was pointed at): private
        # before anything is written into it.
        os.chmod(store.path, 0o600)
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version != schema.SCHEMA_VERSION or schema.migrations.pending(store.db):
        schema.apply(store.db)
    for suffix in ("-wal", "-shm"):
        side = side_file(store.path, suffix)
        if side.exists():
            mode_bits = stat.S_IMODE(side.stat().st_mode)
            if mode_bits & 0o077:
                os.chmod(side, 0o600)
