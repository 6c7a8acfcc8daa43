"""Small helpers every module that reads or writes the store shares: a query's rows as
dictionaries keyed by column name, and the moment stamped on what is written (ISO 8601 with a
UTC offset, to the millisecond)."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Any, Callable, Iterable, TypeVar

from .. import clock

if TYPE_CHECKING:
    from .database import Store


def now_iso() -> str:
    """The current moment, ISO 8601 with a UTC offset, to the millisecond."""
    return clock.now().isoformat(timespec="milliseconds")


def rows(store: "Store", sql: str, params: Iterable[Any] = ()) -> list[dict]:
    """Every row the query returns, each a dict of column name to value."""
    cur = store.conn.execute(sql, list(params))
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


T = TypeVar("T")


def read_decoded(store: "Store", read: Callable[[], T]) -> T:
    """``read()`` (a long read of the store) with its text decoded by SQLite itself: a third
    quicker over thousands of rows than the store's own decoding, which is kept for the rare
    value that is not UTF-8 (a damaged byte, shown as U+FFFD): then ``read()`` is called
    again, that way, from the start."""
    conn = store.conn
    tolerant = conn.text_factory
    conn.text_factory = str
    try:
        return read()
    except sqlite3.OperationalError as e:
        if "decode" not in str(e):
            raise
    finally:
        conn.text_factory = tolerant
    return read()


def quick_tuples(store: "Store", sql: str, params: Iterable[Any] = ()) -> list[tuple]:
    """Every row the query returns, as tuples, read as :func:`read_decoded` reads."""
    params = list(params)
    return read_decoded(store, lambda: store.conn.execute(sql, params).fetchall())
