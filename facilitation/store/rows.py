"""Small helpers every module that reads or writes the store shares: a query's rows as
dictionaries keyed by column name, and the moment stamped on what is written (ISO 8601 with a
UTC offset, to the millisecond)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable

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
