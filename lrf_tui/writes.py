"""A write the database did not take: one sentence for the user, the typing kept, nothing said
to be saved that was not.

Every screen runs its writes inside :func:`writing`: a full disk, a file that turned read-only, a
database busy in another program or an I/O error becomes :class:`WriteFailed`, an
:class:`InputRefused` whose message says why, so the places that already show a refusal (the
line under a dialog's field, the event's message line, a toast) show this too, and the dialog
or line keeps what was typed. Nothing here imports Textual.
"""

from __future__ import annotations

import errno
import sqlite3
from contextlib import contextmanager
from typing import Iterator

from facilitation.errors import InputRefused, sqlite_primary_code

KEPT = "What you typed is still here."

# Why a write failed, by SQLite's primary result code (facilitation.errors reads the code).
_SQLITE_REASONS = {
    sqlite3.SQLITE_FULL: "the disk is full",
    sqlite3.SQLITE_READONLY: "the database file is read-only now",
    sqlite3.SQLITE_BUSY: "the database is busy in another program; try again in a moment",
    sqlite3.SQLITE_LOCKED: "the database is busy in another program; try again in a moment",
    sqlite3.SQLITE_IOERR: "the disk could not be written (an I/O error)",
    sqlite3.SQLITE_CORRUPT: "the database is damaged (`lrf check` says more)",
    sqlite3.SQLITE_NOTADB: "the database is damaged (`lrf check` says more)",
    sqlite3.SQLITE_CANTOPEN: "the database file can no longer be opened (was it moved?)",
    sqlite3.SQLITE_PERM: "permission to write the database was refused",
}
_OS_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk is full (your quota is used up)",
    errno.EROFS: "the disk is read-only now",
    errno.EACCES: "permission to write was refused",
    errno.EPERM: "permission to write was refused",
    errno.EIO: "the disk could not be written (an I/O error)",
}


def is_write_failure(error: BaseException) -> bool:
    """A database or disk refusing a write (not a mistake in lrf's own code)."""
    if isinstance(error, sqlite3.ProgrammingError):  # a closed connection, a bad statement
        return False
    return isinstance(error, (sqlite3.DatabaseError, OSError))


def describe_sqlite_error(error: BaseException) -> str:
    """Why the database did not take a write, as the end of a sentence ("the disk is full").

    The error's own text is never shown: SQLite can quote a value, and values are case content.
    The command line's whole sentences come from ``facilitation.errors.describe_sqlite_error``;
    both read the error the same way (``sqlite_primary_code``)."""
    if isinstance(error, OSError) and not isinstance(error, sqlite3.Error):
        reason = _OS_REASONS.get(error.errno or 0)
        return reason or f"the file could not be written ({type(error).__name__})"
    return _SQLITE_REASONS.get(sqlite_primary_code(error)) or (
        f"the database could not be written ({type(error).__name__})")


def not_saved(error: BaseException, kept: str = KEPT) -> str:
    """The one line a user sees when a write failed: "Not saved: the disk is full. …"."""
    return f"Not saved: {describe_sqlite_error(error)}." + (f" {kept}" if kept else "")


class WriteFailed(InputRefused):
    """The database did not take a write; nothing was changed."""


@contextmanager
def writing(kept: str = KEPT) -> Iterator[None]:
    """Run writes; a failed one becomes :class:`WriteFailed` with the sentence to show."""
    try:
        yield
    except Exception as error:
        if not is_write_failure(error):
            raise
        raise WriteFailed(not_saved(error, kept)) from None
