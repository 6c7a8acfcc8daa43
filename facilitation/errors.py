"""Errors a user can act on. Each carries one sentence and the exit code the design fixes.

Messages never contain note text or other case content: they name files, references and
fields only.
"""

from __future__ import annotations


class LrfError(Exception):
    exit_code = 1

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class InputRefused(LrfError):
    """The user's input was refused (exit 1); nothing was changed."""

    exit_code = 1


class FieldRefused(InputRefused):
    """Input refused because of one field; ``field`` names it (the form's key for it)."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


class DatabaseUnusable(LrfError):
    """The database cannot be used (exit 2); the file was left untouched."""

    exit_code = 2


# -- SQLite's errors, in words a chair can act on -----------------------------------------------
# The one place that turns a sqlite3 error into a sentence, for the command line and the app's
# write paths alike. Judged by SQLite's own result code, never by the message text alone, and
# the sentence never repeats SQLite's message (which could quote a value).

_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_NOMEM, _SQLITE_READONLY = 5, 6, 7, 8
_SQLITE_IOERR, _SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_CANTOPEN = 10, 11, 13, 14
_SQLITE_NOTADB = 26
_SQLITE_IOERR_SHMSIZE = 4874  # SQLITE_IOERR | (19 << 8)


def sqlite_primary_code(exc: BaseException) -> int | None:
    """SQLite's primary result code for an error (SQLITE_FULL, SQLITE_CORRUPT...), or None."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code == _SQLITE_IOERR_SHMSIZE:
        # The write-ahead log's index could not grow: on a nearly full disk this, not
        # SQLITE_FULL, is what SQLite says first. It is a full disk, not a broken one.
        return _SQLITE_FULL
    if isinstance(code, int):
        return code & 0xFF
    # Older Pythons, or an error raised by the sqlite3 module itself: fall back on the words.
    text = str(exc).lower()
    for words, primary in (
        ("disk is full", _SQLITE_FULL),
        ("malformed", _SQLITE_CORRUPT),
        ("not a database", _SQLITE_NOTADB),
        ("readonly database", _SQLITE_READONLY),
        ("read-only", _SQLITE_READONLY),
        ("database is locked", _SQLITE_BUSY),
        ("database is busy", _SQLITE_BUSY),
        ("disk i/o error", _SQLITE_IOERR),
        ("unable to open", _SQLITE_CANTOPEN),
    ):
        if words in text:
            return primary
    return None


def is_disk_full(exc: BaseException) -> bool:
    return sqlite_primary_code(exc) == _SQLITE_FULL


def is_damage(exc: BaseException) -> bool:
    return sqlite_primary_code(exc) in (_SQLITE_CORRUPT, _SQLITE_NOTADB)


def damaged_message(path) -> str:
    return (
        f"{path} is damaged: SQLite cannot read part of it. lrf changed nothing; keep this "
        "file as it is and restore your latest backup."
    )


def describe_sqlite_error(path, exc: BaseException) -> tuple[str, int]:
    """One sentence for the user and the exit code, for an error SQLite raised on ``path``.

    ``path`` names the database (or the file being written); the sentence never contains note
    text or anything else from the database.
    """
    code = sqlite_primary_code(exc)
    if code == _SQLITE_FULL:
        return (
            f"The disk holding {path} is full, so this change was not saved; free some space "
            "and try again. Nothing saved before was lost.",
            2,
        )
    if code in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
        return damaged_message(path), 2
    if code in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return f"{path} is busy in another program; try again in a moment.", 2
    if code == _SQLITE_READONLY:
        return f"{path} is read-only (or on a read-only disk); lrf cannot save to it.", 2
    if code == _SQLITE_CANTOPEN:
        return f"{path} cannot be opened; check that it and its folder can be read.", 2
    if code == _SQLITE_IOERR:
        return (
            f"A disk error stopped lrf reading or writing {path}; check the disk (and that it "
            "has space) and try again.",
            2,
        )
    if code == _SQLITE_NOMEM:
        return f"The computer ran out of memory while using {path}; close something and try again.", 2
    name = getattr(exc, "sqlite_errorname", None) or type(exc).__name__
    return f"{path} cannot be used ({name}).", 2
