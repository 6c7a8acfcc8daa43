"""A review file (``.lrf``): one review as an lrf database, the same schema as the one it came
from, so sqlite-utils and Datasette open it too.

:func:`build_review_file` makes one from a database; :func:`read_review_file` reads one into
memory (the file itself is never opened for writing, locked or changed) and refuses, in one
sentence, anything that is not one sound review file of this lrf or an older one.
"""

from __future__ import annotations

import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from .. import inputs
from ..errors import InputRefused
from ..store import Store, open_store, schema
from ..store.sqlite_files import SQLITE_MAGIC, header_user_version
from .rows import ROWID, Rows, copy_rows, read_review
from .tables import DESCRIBED, REVIEWS, Plan, plan_for

UID = re.compile(r"^[0-9a-f]{32}$")
REVIEW_KEEP_OUT = ("id",)  # the review's row id is the database's own


@dataclass
class Built:
    ref: str
    left_out: list[tuple[str, int]]  # (what, how many), never their text


def left_out(plan: Plan, conn: sqlite3.Connection, review_id: int, notes: bool) -> list:
    held = read_review(conn, review_id, plan, plan.order + plan.never)
    out = []
    for name in [*(() if notes else sorted(plan.with_notes)), *plan.never]:
        count = held.count(name)
        if count:
            words = name.replace("_", " ")
            one, many = DESCRIBED.get(name, (f"{words} row", f"{words} rows"))
            out.append((one if count == 1 else many, count))
    return out


def build_review_file(source: Store, review: dict, path: Path, *, notes: bool) -> Built:
    """Write the review (a row of ``source``) as a new lrf database at ``path`` (which must not
    exist), closed and in rollback-journal mode so that it is one self-contained file."""
    plan = plan_for(source.conn)
    tables = plan.travelling(notes)
    rows = read_review(source.conn, review["id"], plan, tables)
    target = open_store(path)
    try:
        with target.write():
            review_row = {c: v for c, v in rows.review.items()
                          if c not in REVIEW_KEEP_OUT and c != ROWID}
            new_id = target.conn.execute(
                f'INSERT INTO reviews ({",".join(chr(34) + c + chr(34) for c in review_row)}) '
                f'VALUES ({",".join("?" * len(review_row))})', list(review_row.values())
            ).lastrowid
            copy_rows(target.conn, plan, rows, new_id, tables)
    finally:
        target.close()
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA journal_mode = DELETE")
    finally:
        conn.close()
    os.chmod(path, 0o600)
    return Built(review["ref"], left_out(plan, source.conn, review["id"], notes))


# -- reading one ----------------------------------------------------------------------------------


def _refuse(shown: str, why: str) -> InputRefused:
    return InputRefused(f"{shown} {why}; nothing was imported.")


def read_review_file(path: str | os.PathLike) -> sqlite3.Connection:
    """The review file at ``path``, in memory, brought to this lrf's schema; or
    :class:`InputRefused` with one sentence."""
    shown = os.fspath(path)
    p = Path(path).expanduser()
    if not p.exists():
        raise _refuse(shown, "does not exist")
    if p.is_dir():
        raise _refuse(shown, "is a folder, not a review file")
    wal = Path(f"{p}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise _refuse(shown, "is open in a program (or was not closed): part of it is still in "
                             "its log beside it; close that program, or send the review with "
                             "lrf export REF --what review")
    try:
        with open(p, "rb") as f:
            data = bytearray(f.read())
    except OSError as e:
        raise _refuse(shown, f"cannot be read ({e.strerror})") from None
    if not data.startswith(SQLITE_MAGIC) or len(data) < 100:
        raise _refuse(shown, "is not an lrf review file (it is not a database; was a text "
                             "file renamed?)")
    version = header_user_version(bytes(data[:100]))
    if version > schema.SCHEMA_VERSION:
        raise _refuse(shown, f"was written by a newer lrf (schema {version}; this lrf reads up "
                             f"to {schema.SCHEMA_VERSION}); update lrf to import it")
    page_size = int.from_bytes(data[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(data[28:32], "big")
    if data[92:96] == data[24:28] and page_size and pages * page_size != len(data):
        raise _refuse(shown, "is damaged (it is shorter or longer than it says: cut off in "
                             "sending?); ask for it again")
    if data[18] == 2:  # written in WAL mode: read the file itself, as a rollback database
        data[18] = data[19] = 1
    conn = sqlite3.connect(":memory:", check_same_thread=True)
    try:
        conn.deserialize(bytes(data))
        conn.text_factory = lambda raw: raw.decode("utf-8", "replace")
        if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise _refuse(shown, "is damaged; ask for it again")
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if REVIEWS not in names or "_sqlite_migrations" not in names:
            raise _refuse(shown, "is a database, but not an lrf review file")
        if version < schema.SCHEMA_VERSION:
            from sqlite_utils import Database

            schema.apply(Database(conn, strict=True, execute_plugins=False))
        count = conn.execute("SELECT count(*) FROM reviews").fetchone()[0]
        if count != 1:
            raise _refuse(shown, f"holds {count} reviews; a review file holds exactly one")
        bad = conn.execute("PRAGMA foreign_key_check").fetchall()
        if bad:
            tables = sorted({r[0] for r in bad})
            raise _refuse(shown, f"has been changed by hand or damaged: {len(bad)} row(s) in "
                                 f"{', '.join(tables)} point at rows the file does not hold")
    except InputRefused:
        conn.close()
        raise
    except sqlite3.Error:
        conn.close()
        raise _refuse(shown, "is damaged; ask for it again") from None
    return conn


def check_text(shown: str, plan: Plan, rows: Rows) -> None:
    """Every text of the file obeys the rule for characters every write path obeys."""
    tables = [(REVIEWS, [rows.review])] + list(rows.tables.items()) + [
        (name, list(found.values())) for name, found in rows.shared.items()]
    for name, found in tables:
        for row in found:
            for column, value in row.items():
                if isinstance(value, str) and inputs.has_control(value):
                    raise _refuse(shown, f"holds control characters in {name}.{column} "
                                         "(escape codes or direction overrides), which lrf "
                                         "never stores")
