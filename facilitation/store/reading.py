"""The database of a store opened only to read (:func:`~.opening.open_store_readonly`).

It is the connection and nothing more: such a store never writes (its connection is
``query_only``), so it needs none of sqlite-utils, whose import alone was a fifth of the time an
export or a listing took to start.
"""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from typing import Iterator


class ReadingDatabase:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    @contextmanager
    def atomic(self) -> Iterator["ReadingDatabase"]:
        raise sqlite3.OperationalError("attempt to write a readonly database")
        yield self  # pragma: no cover (a generator, for contextmanager)

    def close(self) -> None:
        self.conn.close()
