"""A review's rows in one database, and copying them into another with every link kept.

Row ids differ between databases, so every row is added afresh and every foreign key is mapped
from the old id to the new one; a key to a table that does not travel is left empty, and a row
that cannot exist without a row left behind (``NOT NULL``) is not copied.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from .tables import REVIEWS, Plan, Table

ROWID = "__rowid__"


@dataclass
class Rows:
    """One review's rows, table by table, parents first (each row a dict with its rowid)."""

    review: dict
    tables: dict[str, list[dict]] = field(default_factory=dict)
    shared: dict[str, dict[object, dict]] = field(default_factory=dict)  # table -> key -> row

    def count(self, table: str) -> int:
        return len(self.tables.get(table, []))


def _select(conn: sqlite3.Connection, table: str, where: str, args: list) -> list[dict]:
    cur = conn.execute(f'SELECT rowid AS "{ROWID}", * FROM "{table}" WHERE {where}', args)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def _key_value(plan: Plan, table: str, to: str | None) -> str:
    t = plan.tables[table]
    return to or t.rowid_key or ROWID


def read_review(conn: sqlite3.Connection, review_id: int, plan: Plan, tables: list[str]) -> Rows:
    rows = _select(conn, REVIEWS, "rowid = ?", [review_id])
    out = Rows(review=rows[0] if rows else {})
    taken: dict[str, set] = {}
    for name in tables:
        t = plan.tables[name]
        if not _exists(conn, name):
            out.tables[name] = []
            continue
        owner = t.owner
        if owner.table == REVIEWS:
            found = _select(conn, name, f'"{owner.column}" = ?', [review_id])
        else:
            parents = [r[_key_value(plan, owner.table, owner.to)]
                       for r in out.tables.get(owner.table, [])]
            found = []
            for start in range(0, len(parents), 500):
                chunk = parents[start:start + 500]
                marks = ",".join("?" * len(chunk))
                found += _select(conn, name, f'"{owner.column}" IN ({marks})', chunk)
        out.tables[name] = found
        taken[name] = {r[_key_value(plan, name, None)] for r in found}
        for key in t.keys:
            if key.table in plan.shared:
                wanted = {r[key.column] for r in found if r[key.column] is not None}
                have = out.shared.setdefault(key.table, {})
                ref = _key_value(plan, key.table, key.to)
                for value in wanted - set(have):
                    got = _select(conn, key.table, f'"{ref}" = ?', [value])
                    if got:
                        have[value] = got[0]
    return out


def _exists(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                        [name]).fetchone() is not None


def _insert(conn: sqlite3.Connection, t: Table, values: dict) -> int:
    cols = [c for c in t.columns if c in values]
    marks = ",".join("?" * len(cols))
    names = ",".join(f'"{c}"' for c in cols)
    cur = conn.execute(f'INSERT INTO "{t.name}" ({names}) VALUES ({marks})',
                       [values[c] for c in cols])
    return cur.lastrowid


def _shared_id(conn: sqlite3.Connection, plan: Plan, table: str, row: dict, to: str | None):
    """The matching row's key in the other database (by a unique column set), or a new row's."""
    t = plan.tables[table]
    ref = _key_value(plan, table, to)
    for cols in t.unique:
        if all(row.get(c) is not None for c in cols):
            where = " AND ".join(f'"{c}" = ?' for c in cols)
            found = conn.execute(f'SELECT "{ref}" FROM "{table}" WHERE {where}',
                                 [row[c] for c in cols]).fetchone()
            if found:
                return found[0]
    values = {c: v for c, v in row.items() if c not in (ROWID, t.rowid_key)}
    new = _insert(conn, t, values)
    if ref in (t.rowid_key, ROWID):
        return new
    return row[ref]


def copy_rows(conn: sqlite3.Connection, plan: Plan, rows: Rows, review_id: int,
              tables: list[str]) -> dict[str, dict]:
    """Add ``rows`` (of ``tables``) to the review ``review_id`` in ``conn``; returns, per table,
    the map from each copied row's old key to its new one. Call inside a transaction."""
    maps: dict[str, dict] = {REVIEWS: {rows.review.get("id", rows.review.get(ROWID)): review_id}}
    shared_maps: dict[str, dict] = {}
    for name in tables:
        t = plan.tables[name]
        maps[name] = {}
        for row in rows.tables.get(name, []):
            values = {c: v for c, v in row.items() if c != ROWID and c != t.rowid_key}
            keep = True
            for key in t.keys:
                old = row.get(key.column)
                if old is None:
                    continue
                if key.table == REVIEWS:
                    new = review_id
                elif key.table in plan.shared:
                    seen = shared_maps.setdefault(key.table, {})
                    if old not in seen and old in rows.shared.get(key.table, {}):
                        seen[old] = _shared_id(conn, plan, key.table,
                                               rows.shared[key.table][old], key.to)
                    new = seen.get(old)
                elif key.table in maps and (key.to is None or key.to == plan.tables[
                        key.table].rowid_key):
                    new = maps[key.table].get(old)
                else:
                    new = None
                if new is None and key.not_null:
                    keep = False
                    break
                values[key.column] = new
            if not keep:
                continue
            new_id = _insert(conn, t, values)
            maps[name][row[_key_value(plan, name, None)]] = new_id
    return maps


def delete_rows(conn: sqlite3.Connection, rows: Rows, tables: list[str]) -> None:
    """Remove these rows (children first). Call inside a transaction."""
    for name in reversed(tables):
        ids = [r[ROWID] for r in rows.tables.get(name, [])]
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            conn.execute(f'DELETE FROM "{name}" WHERE rowid IN ({",".join("?" * len(chunk))})',
                         chunk)
