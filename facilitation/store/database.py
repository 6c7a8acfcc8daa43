"""An open lrf database (:class:`Store`): its connection, the one way to write to it
(:meth:`Store.write`), the one-writer lock it may hold, and what is done to the whole file while
it is open: a consistent online backup, checked by SQLite before it is kept, and the integrity
check behind ``lrf check``. Opening one is :mod:`facilitation.store.opening`'s business.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import (
    DatabaseUnusable,
    InputRefused,
    damaged_message,
    describe_sqlite_error,
    is_damage,
)
from .file_checks import copy_database
from .location import ensure_folder, take_lock

if TYPE_CHECKING:
    from .reading import ReadingDatabase
    from .transactions import StoreDatabase


def _tolerant_text(raw: bytes) -> str:
    return raw.decode("utf-8", "replace")


class Store:
    """An open lrf database. Use :func:`open_store` or :func:`open_store_readonly`."""

    def __init__(self, db: StoreDatabase | ReadingDatabase, path: Path, *,
                 readonly: bool = False):
        # A text value that is not valid UTF-8 (a flipped bit SQLite's checks do not look at)
        # is read with the bad bytes shown as U+FFFD, so one damaged character cannot make a
        # whole review unreadable, in the app or on the command line.
        db.conn.text_factory = _tolerant_text
        self.db = db
        self.path = path
        self.readonly = readonly
        # Sentences for the user about what opening did (an upgrade and where the old copy is).
        self.notices: list[str] = []
        # The schema the file itself is at, when that is older than this lrf's (read-only
        # stores read an upgraded copy in memory).
        self.older_schema: int | None = None
        self._lock_fd: int | None = None
        # Opened read-only with the file's check running alongside (opening.WHILE_READING).
        self.soundness = None

    def confirm_sound(self) -> None:
        """Before a read-only command writes what it read: SQLite's check of the file passed
        (a damaged file is refused here, exit 2, as opening would have). Immediate when the
        file was checked on opening."""
        if self.soundness is not None:
            self.soundness.confirm()

    @property
    def conn(self) -> sqlite3.Connection:
        return self.db.conn

    def write(self) -> AbstractContextManager[StoreDatabase]:
        """The one way to write: ``with store.write(): ...`` is one transaction, committed
        (WAL, synchronous FULL) when the block ends and rolled back whole if anything in it
        raises; nested, it is a savepoint of the outer one. On a store opened for writing, SQLite
        refuses a write made anywhere else (see :mod:`facilitation.store.transactions`)."""
        return self.db.atomic()

    # -- locking -------------------------------------------------------------------------------

    def lock_for_writing(self) -> None:
        """Take the one-writer lock, or say that another lrf has the file open."""
        if self._lock_fd is None:
            self._lock_fd = take_lock(self.path)

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
            ensure_folder(target.parent, create=False)
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
        """What is wrong with the file, one line each (SQLite's own report is split into its
        lines, so the count is the number of problems, not of reports)."""
        problems = [
            line.strip()
            for (report,) in self.conn.execute("PRAGMA integrity_check").fetchall()
            if report != "ok"
            for line in report.splitlines()
            if line.strip() and not line.startswith("***")
        ]
        problems += [
            f"row {r[1]} of {r[0]} points at a missing {r[2]}"
            for r in self.conn.execute("PRAGMA foreign_key_check").fetchall()
        ]
        return problems + self._undecodable_text()

    def _undecodable_text(self) -> list[str]:
        """Text values that are not valid UTF-8 (SQLite's checks do not look inside values);
        lrf reads them with the bad bytes shown as U+FFFD. Named by table and column only."""
        found = []
        tables = [r[0] for r in self.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%STRICT%'")]
        for table in tables:
            columns = [r[1] for r in self.conn.execute(f'PRAGMA table_info("{table}")')
                       if r[2].upper() == "TEXT"]
            for column in columns:
                bad = 0
                for (raw,) in self.conn.execute(
                        f'SELECT CAST("{column}" AS BLOB) FROM "{table}" '
                        f'WHERE "{column}" IS NOT NULL'):
                    try:
                        raw.decode("utf-8")
                    except UnicodeDecodeError:
                        bad += 1
                if bad:
                    found.append(f"{bad} value(s) in {table}.{column} are not readable text "
                                 "(lrf shows the unreadable part as \N{REPLACEMENT CHARACTER})")
        return found
