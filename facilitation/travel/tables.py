"""Which tables travel with a review, found from the schema itself, so a table a later migration
adds travels without anyone listing it here.

- A table **belongs to a review** when it has a ``NOT NULL`` foreign key to ``reviews`` or to a
  table that belongs to a review (``form_comments`` hangs off ``form_versions``,
  ``impact_evidence`` off ``recommendations``).
- **Never travels** (:data:`NEVER`): the identifier register (every table whose name starts with
  ``identifier``, and ``pseudonyms``), the live event's unsent capture line, this database's own
  import record, the full-text index; and whatever hangs off those.
- **Travels only with notes** (:data:`WITH_NOTES`): the event notes and whatever hangs off them.
- A table a travelling table points at that belongs to no review (``themes``) is **shared**: its
  rows are matched in the other database by their unique columns (a theme by its normalised
  name), or added.
- A nullable foreign key to a table that does not travel is sent empty (a recommendation drafted
  from a note keeps no link to a note that was left behind).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

REVIEWS = "reviews"
NEVER_PREFIXES = ("identifier",)
NEVER = frozenset({"pseudonyms", "capture_drafts", "review_imports"})
WITH_NOTES = frozenset({"notes"})

# What the command says it left out, by table (a table without a name here is named as is).
DESCRIBED = {
    "notes": ("event note", "event notes"),
    "pseudonyms": ("pseudonym entry", "pseudonym entries"),
    "identifier_register": ("identifier register entry", "identifier register entries"),
    "capture_drafts": ("unsent capture line", "unsent capture lines"),
    "review_imports": ("import record", "import records"),
}


@dataclass(frozen=True)
class ForeignKey:
    column: str
    table: str
    to: str | None  # the referenced column (None: the referenced table's primary key)
    not_null: bool


@dataclass
class Table:
    name: str
    columns: list[str]
    rowid_key: str | None  # the INTEGER PRIMARY KEY column, when it is not a foreign key
    keys: list[ForeignKey]
    owner: ForeignKey | None = None  # the NOT NULL key that ties a row to its review
    unique: list[tuple[str, ...]] = field(default_factory=list)


@dataclass
class Plan:
    """The tables that travel, parents before children, and those that do not."""

    tables: dict[str, Table]
    order: list[str]  # belonging to a review and allowed to travel, parents first
    with_notes: set[str]  # of ``order``: only with --with-notes
    never: list[str]  # belonging to a review but never travelling
    shared: set[str]  # pointed at, belonging to no review (matched or added)

    def travelling(self, notes: bool) -> list[str]:
        return [t for t in self.order if notes or t not in self.with_notes]


def _names(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name NOT LIKE '\\_sqlite%' ESCAPE '\\' ORDER BY name").fetchall()
    virtual = [n for n, sql in rows if (sql or "").upper().startswith("CREATE VIRTUAL")]
    return [n for n, _ in rows
            if n not in virtual and not any(n.startswith(v + "_") for v in virtual)]


def _table(conn: sqlite3.Connection, name: str) -> Table:
    info = conn.execute(f'PRAGMA table_info("{name}")').fetchall()
    notnull = {r[1]: bool(r[3] or r[5]) for r in info}  # a primary key is never empty here
    keys = [ForeignKey(r[3], r[2], r[4], notnull.get(r[3], False))
            for r in conn.execute(f'PRAGMA foreign_key_list("{name}")').fetchall()]
    pks = [r for r in info if r[5]]
    rowid_key = None
    if len(pks) == 1 and pks[0][2].upper() == "INTEGER" and pks[0][1] not in {
            k.column for k in keys}:
        rowid_key = pks[0][1]
    unique = []
    for idx in conn.execute(f'PRAGMA index_list("{name}")').fetchall():
        if idx[2] and not idx[4]:  # unique, not partial
            cols = tuple(r[2] for r in conn.execute(f'PRAGMA index_info("{idx[1]}")'))
            if None not in cols and rowid_key not in cols:
                unique.append(cols)
    return Table(name, [r[1] for r in info], rowid_key, keys, unique=unique)


def _never(name: str) -> bool:
    return name in NEVER or name.startswith(NEVER_PREFIXES)


def plan_for(conn: sqlite3.Connection) -> Plan:
    tables = {n: _table(conn, n) for n in _names(conn)}
    owned: dict[str, Table] = {}
    never: set[str] = set()
    notes: set[str] = set()
    changed = True
    while changed:  # closure over NOT NULL keys, to a fixed point
        changed = False
        for t in tables.values():
            if t.name == REVIEWS or t.name in owned or t.name in never:
                continue
            for key in t.keys:
                if not key.not_null:
                    continue
                if key.table == REVIEWS or key.table in owned or key.table in never:
                    t.owner = next((k for k in t.keys if k.not_null and k.table == REVIEWS),
                                   key)
                    owned[t.name] = t
                    if _never(t.name) or key.table in never:
                        never.add(t.name)
                    if t.name in WITH_NOTES or key.table in notes:
                        notes.add(t.name)
                    changed = True
                    break
    changed = True
    while changed:  # a row that cannot exist without a note, or a register entry, goes with it
        changed = False
        for t in owned.values():
            required = {k.table for k in t.keys if k.not_null}
            if t.name not in never and (required & never or _never(t.name)):
                never.add(t.name)
                changed = True
            if t.name not in notes and (required & notes or t.name in WITH_NOTES):
                notes.add(t.name)
                changed = True
    order: list[str] = []
    pending = [n for n in sorted(owned) if n not in never]
    while pending:  # parents first
        ready = [n for n in pending
                 if all(k.table == n or k.table not in pending for k in owned[n].keys)]
        ready = ready or pending[:1]  # a cycle (none today): keep going in name order
        order += ready
        pending = [n for n in pending if n not in ready]
    shared = {k.table for n in order for k in owned[n].keys
              if k.table != REVIEWS and k.table not in owned}
    return Plan(tables, order, notes & set(order), sorted(never), shared)
