"""Explicit transactions: the one way lrf writes to a database it opened for writing.

:meth:`Store.write` is that way: the block opens a transaction, which commits when the block
ends and rolls back whole when anything in it raises; nested, it is a savepoint. It is this
database's :meth:`StoreDatabase.atomic`, which sqlite-utils' own writes (``db["notes"].insert``)
use too, so those are always inside a transaction as well. A write anywhere else (a bare
``conn.execute("UPDATE ...")``) is refused by SQLite itself, through an authorizer on the
connection: such a statement would otherwise begin a transaction that nothing commits, in which
every later "saved" note would sit uncommitted, to be lost on a crash.

Statements SQLite prepared inside a transaction are checked again once it ends (setting the
authorizer expires them), so a cached ``INSERT`` cannot be replayed outside one.
"""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from typing import Iterator

from sqlite_utils import Database

# Everything that changes the file's content or schema.
WRITE_ACTIONS = frozenset(
    getattr(sqlite3, name)
    for name in (
        "SQLITE_INSERT", "SQLITE_UPDATE", "SQLITE_DELETE",
        "SQLITE_CREATE_INDEX", "SQLITE_CREATE_TABLE", "SQLITE_CREATE_TRIGGER",
        "SQLITE_CREATE_VIEW", "SQLITE_CREATE_VTABLE", "SQLITE_CREATE_TEMP_INDEX",
        "SQLITE_CREATE_TEMP_TABLE", "SQLITE_CREATE_TEMP_TRIGGER", "SQLITE_CREATE_TEMP_VIEW",
        "SQLITE_DROP_INDEX", "SQLITE_DROP_TABLE", "SQLITE_DROP_TRIGGER", "SQLITE_DROP_VIEW",
        "SQLITE_DROP_VTABLE", "SQLITE_DROP_TEMP_INDEX", "SQLITE_DROP_TEMP_TABLE",
        "SQLITE_DROP_TEMP_TRIGGER", "SQLITE_DROP_TEMP_VIEW",
        "SQLITE_ALTER_TABLE", "SQLITE_REINDEX", "SQLITE_ANALYZE",
    )
)

# SQLite asks about these while it reads a virtual table's declaration (the full-text index,
# on its first use); a real change to the schema is one of the CREATE, DROP or ALTER actions.
SCHEMA_TABLES = frozenset(("sqlite_master", "sqlite_schema", "sqlite_temp_master",
                           "sqlite_temp_schema"))


class StoreDatabase(Database):
    """sqlite-utils' Database whose transactions (:meth:`atomic`) are the only place a write
    may happen, once :meth:`guard_writes` has been called (after migrations)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._depth = 0  # how many transaction blocks are open (nested ones are savepoints)
        self._guarded = False

    def guard_writes(self) -> None:
        """From now on SQLite refuses any write outside a transaction block."""
        self._guarded = True
        self.conn.set_authorizer(self._authorize)

    def _authorize(self, action: int, table: str | None, *_: object) -> int:
        if self._depth or action not in WRITE_ACTIONS or table in SCHEMA_TABLES:
            return sqlite3.SQLITE_OK
        return sqlite3.SQLITE_DENY

    @contextmanager
    def atomic(self) -> Iterator["StoreDatabase"]:
        outermost = not self._depth
        if outermost and self._guarded and self.conn.in_transaction:
            # Left open by a write that was refused (Python began it before SQLite said no):
            # it holds nothing, and left open it would swallow this block's commit.
            self.conn.rollback()
        self._depth += 1
        try:
            with super().atomic():
                yield self
        finally:
            self._depth -= 1
            if outermost and self._guarded:
                self.conn.set_authorizer(self._authorize)
