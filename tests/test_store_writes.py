"""Every write is one explicit transaction (``store.write()``); SQLite refuses a write made
anywhere else. A stray statement outside one would otherwise leave a transaction open that
nothing commits, and every note "saved" after it would sit uncommitted, lost on a crash."""

from __future__ import annotations

import sqlite3

import pytest

from facilitation import event as ev
from facilitation.capture import parse
from facilitation.reviews import get_review
from facilitation.store import open_store, open_store_readonly

NOTE = "+ Health visitor kept weekly contact"


def committed_bodies(path) -> list[str]:
    """What another program reading the file sees: only what has been committed."""
    with open_store_readonly(path, quick_check=False) as other:
        return [r[0] for r in other.conn.execute("SELECT body FROM notes ORDER BY id")]


def test_a_write_outside_store_write_is_refused_and_the_next_note_is_committed(
        store, db_path, demo_ref):
    rid = get_review(store, demo_ref)["id"]
    before = committed_bodies(db_path)
    with pytest.raises(sqlite3.DatabaseError, match="not authorized"):
        store.conn.execute("UPDATE notes SET body = 'overwritten' WHERE review_id = ?", [rid])
    ev.add_note(store, rid, parse(NOTE))
    assert committed_bodies(db_path) == before + ["Health visitor kept weekly contact"]


def test_a_statement_first_run_inside_a_write_is_refused_when_replayed_outside(
        store, db_path, demo_ref):
    """SQLite keeps statements prepared; one prepared inside store.write() is checked again,
    and the transaction Python opened for it before SQLite refused it does not swallow the
    next note."""
    rid = get_review(store, demo_ref)["id"]
    sql = "UPDATE notes SET body = 'overwritten' WHERE review_id = ? AND id < 0"
    with store.write():
        store.conn.execute(sql, [rid])
    before = committed_bodies(db_path)
    with pytest.raises(sqlite3.DatabaseError, match="not authorized"):
        store.conn.execute(sql, [rid])
    ev.add_note(store, rid, parse(NOTE))
    assert committed_bodies(db_path) == before + ["Health visitor kept weekly contact"]


def test_a_change_inside_store_write_is_committed_whole_or_not_at_all(store, db_path,
                                                                      demo_ref):
    rid = get_review(store, demo_ref)["id"]
    before = committed_bodies(db_path)
    with pytest.raises(RuntimeError):
        with store.write():
            store.conn.execute("UPDATE notes SET body = 'overwritten' WHERE review_id = ?",
                               [rid])
            raise RuntimeError("the second half failed")
    assert committed_bodies(db_path) == before


def test_find_works_on_a_database_just_opened(db_path, store, demo_ref):
    """The full-text index is first used by a search, outside any write: reading its
    declaration is not a write, so the guard must not stop Find finding notes."""
    store.close()
    again = open_store(db_path)
    try:
        rid = get_review(again, demo_ref)["id"]
        found = ev.find_notes(again, rid, ev.NoteFilter(search="school"))
        assert found and all("school" in n["body"].lower() for n in found)
    finally:
        again.close()
