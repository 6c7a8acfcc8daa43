"""A database written by an earlier lrf (fewer migrations) is brought up to date on opening,
keeping what it holds, and a chair can go on using it."""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from facilitation.store import open_store, schema


def _database_at(path, count: int) -> None:
    """A file as an lrf with only the first ``count`` migrations would have left it."""
    older = Migrations(schema.MIGRATION_SET)
    for migration in schema.migrations._migrations[:count]:
        older(name=migration.name)(migration.fn)
    db = Database(str(path))
    older.apply(db)
    db.execute(f"PRAGMA user_version = {count}")
    stamp = "2026-01-05T10:00:00+00:00"
    db.conn.execute(
        "INSERT INTO themes (name, normalised, created_at) VALUES "
        "('Bedtime routines', 'bedtime routines', ?)", [stamp])
    # Two reviews: one whose recommendations were still all drafted from notes, one whose
    # recommendations the chair had written.
    for rid, ref, drafted in ((1, "LR-2025-001", 1), (2, "LR-2025-002", 0)):
        db.conn.execute(
            "INSERT INTO reviews (id, ref, title, methodology, created_at, updated_at) "
            "VALUES (?, ?, 'Child Q', 'practitioner', ?, ?)", [rid, ref, stamp, stamp])
        db.conn.execute(
            "INSERT INTO form_fields (review_id, field, body, drafted, updated_at) "
            "VALUES (?, 'recommendations', '', ?, ?)", [rid, drafted, stamp])
        db.conn.execute(
            "INSERT INTO recommendations (review_id, position, action) VALUES (?, 1, ?)",
            [rid, f"Audit the referrals of {ref}"])
    db.conn.commit()
    db.close()


def test_every_earlier_schema_upgrades_and_keeps_its_data(tmp_path, run_lrf):
    assert schema.SCHEMA_VERSION >= 3
    for count in range(2, schema.SCHEMA_VERSION):  # themes arrive with the second migration
        path = tmp_path / f"v{count}.db"
        _database_at(path, count)
        path.chmod(0o600)

        store = open_store(path)
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
        themes = [r[0] for r in store.conn.execute("SELECT name FROM themes")]
        assert "Bedtime routines" in themes
        rows = store.conn.execute(
            "SELECT action, agreed FROM recommendations ORDER BY review_id").fetchall()
        if count < 3:  # written before candidates were told apart (m003)
            # A drafted row is still a candidate after the upgrade; the chair's own is agreed.
            assert rows == [("Audit the referrals of LR-2025-001", 0),
                            ("Audit the referrals of LR-2025-002", 1)]
        else:
            assert [r[0] for r in rows] == ["Audit the referrals of LR-2025-001",
                                            "Audit the referrals of LR-2025-002"]
        store.close()

        assert run_lrf("--db", str(path), "demo").returncode == 0
        check = run_lrf("--db", str(path), "check")
        assert check.returncode == 0, check.stdout + check.stderr
        listed = run_lrf("--db", str(path), "list")
        assert "Child R" in listed.stdout and "LR-2025-001" in listed.stdout

        applied = [r[0] for r in sqlite3.connect(path).execute(
            "SELECT name FROM _sqlite_migrations ORDER BY rowid")]
        assert applied == [m.name for m in schema.migrations._migrations]


def test_notes_taken_before_the_prefix_index_are_found_by_their_first_letters(tmp_path):
    """m010 rebuilds the notes' search index (with one- to three-letter prefixes kept): a note
    taken on an lrf before it is still found by Find, by a word's first letters and whole, and
    a note taken after it too."""
    from facilitation import event as ev
    from facilitation.capture import parse

    path = tmp_path / "v9.db"
    _database_at(path, 9)
    db = sqlite3.connect(path)
    db.execute('DROP TRIGGER "notes_ai"')  # a note the old index never held: only m010 finds it
    db.execute("INSERT INTO notes (review_id, kind, body, created_at, updated_at) VALUES "
               "(1, 'observation', 'Supervision was missed in March', ?, ?)",
               ["2026-01-05T10:00:00+00:00"] * 2)
    db.execute('CREATE TRIGGER "notes_ai" AFTER INSERT ON "notes" BEGIN\n'
               '  INSERT INTO "notes_fts" (rowid, "body", "speaker") VALUES (new.rowid, '
               'new."body", new."speaker");\nEND')
    db.commit()
    db.close()
    path.chmod(0o600)
    store = open_store(path)
    try:
        sql = store.conn.execute("SELECT sql FROM sqlite_master WHERE name = 'notes_fts'")
        assert "prefix='1 2 3'" in sql.fetchone()[0]
        ev.add_note(store, 1, parse("School nurse shared the plan"))
        for words, found in (("s", 2), ("su", 1), ("sup", 1), ("supervision", 1), ("mar", 1),
                             ("sc", 1), ("nurse", 1), ("x", 0)):
            notes = ev.find_notes(store, 1, ev.NoteFilter(search=words))
            assert len(notes) == found, words
    finally:
        store.close()
