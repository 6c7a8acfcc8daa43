"""What lrf checks about an existing database file before it uses it, and the copy it keeps of a
file from an older lrf before upgrading it. Nothing here writes to the database file."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from ..errors import DatabaseUnusable, damaged_message, is_disk_full
from . import schema
from .sqlite_files import header_user_version, read_header


def header_problem(path: Path) -> str | None:
    """Why this existing file cannot be an lrf database, judged from its first bytes alone.

    Only what is certain before SQLite reads the file: it is not a SQLite file, or a newer lrf
    wrote it. Whether it is damaged is SQLite's call (see :func:`inspect_file`): the header of a
    file whose last checkpoint was cut short can promise more pages than the file holds while
    its write-ahead log still has every one of them.
    """
    header = read_header(path)
    if header is None:
        return f"{path} is not an lrf database (it is not a SQLite file)."
    if header and header_user_version(header) > schema.SCHEMA_VERSION:
        return newer_message(path, header_user_version(header))
    return None


def newer_message(path: Path, version: int) -> str:
    return (
        f"{path} was written by a newer lrf (schema {version}, this lrf knows "
        f"{schema.SCHEMA_VERSION}); upgrade lrf to open it."
    )


@dataclass
class Found:
    """What a read-only look at an existing file found."""

    version: int  # the schema the file is at (user_version, or migrations applied)
    has_tables: bool
    pending: bool  # it needs migrations (an older lrf's file, or an empty one)


def inspect_file(conn: sqlite3.Connection, path: Path, *, quick_check: bool = True) -> Found:
    """Is this file ours, not from the future, and (``quick_check``) does SQLite accept it?

    Runs on a read-only connection, so nothing is written whatever it finds.
    """
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > schema.SCHEMA_VERSION:
        raise DatabaseUnusable(newer_message(path, version))
    tables = {
        r[0]
        for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    }
    if tables and "_sqlite_migrations" not in tables:
        raise DatabaseUnusable(
            f"{path} is a SQLite database but not an lrf one; lrf will not change it."
        )
    applied: set[str] = set()
    if tables:
        applied = {
            r[0]
            for r in conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = ?",
                [schema.MIGRATION_SET],
            ).fetchall()
        }
    known = set(schema.MIGRATION_NAMES)
    if applied - known:
        raise DatabaseUnusable(newer_message(path, max(version, len(applied))))
    if quick_check and conn.execute("PRAGMA quick_check(1)").fetchone() != ("ok",):
        raise DatabaseUnusable(damaged_message(path))
    return Found(
        version=version or len(applied),
        has_tables=bool(tables),
        pending=bool(known - applied) or version != schema.SCHEMA_VERSION,
    )


def keep_before_upgrade(conn: sqlite3.Connection, path: Path, version: int) -> Path:
    """A checked 0600 copy of the file as it is, beside it, named for its schema version."""
    for n in range(1, 100):
        suffix = "" if n == 1 else f".{n}"
        kept = path.with_name(f"{path.name}.schema-{version}{suffix}.bak")
        try:
            fd = os.open(kept, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue
        except OSError as e:
            raise DatabaseUnusable(_no_copy_message(path, e.strerror)) from None
        os.close(fd)
        break
    else:
        raise DatabaseUnusable(_no_copy_message(path, "too many old copies beside it"))
    try:
        healthy = copy_database(conn, kept)
        os.chmod(kept, 0o600)
    except (OSError, sqlite3.Error) as e:
        kept.unlink(missing_ok=True)
        if isinstance(e, sqlite3.Error):
            reason = "the disk is full" if is_disk_full(e) else e.sqlite_errorname
        else:
            reason = e.strerror
        raise DatabaseUnusable(_no_copy_message(path, reason)) from None
    except BaseException:
        kept.unlink(missing_ok=True)
        raise
    if not healthy:
        kept.unlink(missing_ok=True)
        raise DatabaseUnusable(damaged_message(path))
    return kept


def _no_copy_message(path: Path, reason: str | None) -> str:
    return (
        f"{path} was written by an older lrf and must be upgraded, but lrf could not first keep "
        f"a copy of it beside it ({reason}); nothing was changed."
    )


def copy_database(source: sqlite3.Connection, target: Path) -> bool:
    """Copy ``source`` into the (empty) file ``target``; True when SQLite finds the copy sound."""
    dest = sqlite3.connect(target)
    try:
        source.backup(dest)
        dest.execute("PRAGMA journal_mode=DELETE")
        return dest.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        dest.close()
