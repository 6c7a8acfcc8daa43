"""Migrations are frozen: a database made today and one upgraded from any earlier lrf have the
same schema, whatever the framework's lists of values say now."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from facilitation.store import open_store, schema

PINNED = Path(__file__).parent / "data" / f"schema-v{schema.SCHEMA_VERSION}.sql"


def _schema(conn: sqlite3.Connection) -> str:
    rows = conn.execute(
        "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type, name").fetchall()
    return "".join(sql.strip() + ";\n\n" for (sql,) in rows)


def _pinned() -> str:
    text = PINNED.read_text()
    return "".join(line + "\n" for line in text.splitlines() if not line.startswith("--"))


def test_a_new_database_has_exactly_the_pinned_schema(db_path):
    store = open_store(db_path)
    try:
        assert _schema(store.conn).strip() == _pinned().strip()
    finally:
        store.close()


def test_a_database_upgraded_one_migration_at_a_time_matches_a_new_one(tmp_path, db_path):
    new = open_store(db_path)
    fresh = _schema(new.conn)
    new.close()
    path = tmp_path / "stepwise.db"
    db = Database(str(path), strict=True)  # as the store opens it
    for count in range(1, schema.SCHEMA_VERSION + 1):
        partial = Migrations(schema.MIGRATION_SET)
        for migration in schema.migrations._migrations[:count]:
            partial(name=migration.name)(migration.fn)
        partial.apply(db)
    db.close()
    assert _schema(sqlite3.connect(path)) == fresh


def test_migrations_read_no_constant_of_todays_lrf():
    """m001 once built its CHECK lists from framework.py and m002 called today's theme rule: a
    change there would have made new databases differ from upgraded ones."""
    source = Path(schema.__file__).read_text()
    assert "from .framework" not in source and "import framework" not in source
    assert "from .partnership" not in source and "from .store" not in source
