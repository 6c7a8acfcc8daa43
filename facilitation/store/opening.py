"""Opening an lrf database: checking it, locking it, migrating it.

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

import os
import sqlite3
import stat
import time
from pathlib import Path

from ..errors import DatabaseUnusable, describe_sqlite_error, sqlite_primary_code
from . import schema
from .database import Store
from .file_checks import header_problem, inspect_file, keep_before_upgrade
from .location import ensure_folder, resolve_db_path, take_lock
from .sqlite_files import connect_readonly, side_file
from .reading import ReadingDatabase


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


# Another lrf quitting (or killed) while a reader opens the file can remove or rewrite the
# write-ahead log between our look at the side files and SQLite's: SQLite then says it cannot
# open the file, or that the log's index is in flux. A second look, a moment later, is right.
_TRANSIENT = (sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PROTOCOL, sqlite3.SQLITE_BUSY)


def _read_and_inspect(db_path: Path, quick_check: bool, tries: int = 5):
    copy = False
    for attempt in range(tries):
        conn = connect_readonly(db_path, copy=copy)
        try:
            return conn, inspect_file(conn, db_path, quick_check=quick_check)
        except sqlite3.Error as e:
            conn.close()
            code = sqlite_primary_code(e)
            if code not in _TRANSIENT or attempt == tries - 1:
                raise
            # SQLITE_PROTOCOL twice: the log's index was left stale by an lrf that was killed,
            # and a reader that may not write cannot rebuild it; read a recovered copy instead.
            copy = copy or (code == sqlite3.SQLITE_PROTOCOL and attempt >= 1)
        time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


class _CheckWhileReading:
    """``PRAGMA quick_check`` of the file on a read-only connection of its own, in a thread,
    while the caller reads: SQLite's check (a tenth of a second at 50,000 notes) runs in C
    without the interpreter lock, beside the export's Python. :meth:`confirm` waits for it and
    refuses a damaged file as opening would have; the caller has written nothing until then."""

    def __init__(self, path: Path) -> None:
        import threading

        self.path = path
        self.error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="lrf-quick-check", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            conn, _found = _read_and_inspect(self.path, True)
            conn.close()
        except (DatabaseUnusable, sqlite3.Error) as e:
            self.error = e

    def confirm(self) -> None:
        self._thread.join()
        if isinstance(self.error, sqlite3.Error):
            raise _unusable(self.path, self.error)
        if self.error is not None:
            raise self.error


WHILE_READING = "while reading"


def open_store_readonly(
    path: str | os.PathLike | None = None,
    *,
    as_is: bool = False,
    quick_check: bool | str = True,
) -> Store:
    """Open an existing lrf database only to read it: never migrated, locked or changed.

    A file from an older lrf is read through an up-to-date copy in memory, unless ``as_is``
    (checking or backing up the file itself). ``quick_check`` lets SQLite refuse a damaged file
    before anything is read from it; ``quick_check=WHILE_READING`` checks it alongside the
    reading instead, for a command that writes only at the end: it calls
    ``store.confirm_sound()`` before it writes anything. Raises :class:`DatabaseUnusable` with
    one sentence.
    """
    db_path = (resolve_db_path(None)[0] if path is None else Path(path).expanduser()).absolute()
    if db_path.is_dir():
        raise DatabaseUnusable(f"{db_path} is a folder, not a database file.")
    if not db_path.exists():
        raise DatabaseUnusable(f"{db_path} does not exist.")
    _existing_file(db_path)
    conn = None
    try:
        later = quick_check == WHILE_READING
        conn, found = _read_and_inspect(db_path, bool(quick_check) and not later)
        older = found.version if found.pending and found.has_tables else None
        if found.pending and not as_is:
            memory = sqlite3.connect(":memory:", check_same_thread=True)
            conn.backup(memory)
            conn.close()
            conn = memory
            from sqlite_utils import Database

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
    store = Store(ReadingDatabase(conn), db_path, readonly=True)
    store.older_schema = older
    if later:
        store.soundness = _CheckWhileReading(db_path)
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
        ensure_folder(db_path.parent, create=False)
    else:
        if not create:
            raise DatabaseUnusable(f"{db_path} does not exist.")
        ensure_folder(db_path.parent, create=create_folder)
        try:
            fd = os.open(db_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            os.close(fd)
        except OSError as e:
            raise DatabaseUnusable(f"{db_path} cannot be created ({e.strerror}).") from None

    lock_fd: int | None = None
    store: Store | None = None
    try:
        if lock:
            lock_fd = take_lock(db_path)
        notices: list[str] = []
        if exists:
            notices = _inspect_before_writing(db_path)
        from .transactions import StoreDatabase  # sqlite-utils: only a store that writes

        conn = sqlite3.connect(db_path, timeout=2.0, check_same_thread=True)
        store = Store(StoreDatabase(conn, strict=True, execute_plugins=False), db_path)
        store._lock_fd, lock_fd = lock_fd, None
        _prepare_for_writing(store)
        store.db.guard_writes()  # migrated: from now on every write is in store.write()
        store.notices = notices
    except BaseException as e:
        if store is not None:
            store.close()
        if lock_fd is not None:
            os.close(lock_fd)
        if not exists:  # a file lrf was setting up: nothing of it is left behind
            for suffix in ("", "-wal", "-shm", "-journal"):
                side_file(db_path, suffix).unlink(missing_ok=True)
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
