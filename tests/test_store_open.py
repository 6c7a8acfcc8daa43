"""Opening a database: read commands that change nothing, an older lrf's file upgraded only by a
command that writes (after keeping a copy), a full disk said to be a full disk, damage said to
be damage, and a backup that is checked."""

from __future__ import annotations

import json
import sqlite3
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner
from store_files import scribble_over_table, snapshot
from test_upgrade import _database_at

from facilitation.demo import add_demo
from facilitation.errors import describe_sqlite_error
from facilitation.store import open_store, open_store_readonly, schema
from facilitation.store import opening as store_mod


def _reviews(path: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    try:
        return [r[0] for r in conn.execute("SELECT ref FROM reviews ORDER BY ref")]
    finally:
        conn.close()


# -- one sentence for each of SQLite's refusals --------------------------------------------------


def _full_disk_error(path: Path) -> sqlite3.Error:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x TEXT)")
    conn.commit()
    conn.execute(f"PRAGMA max_page_count = {conn.execute('PRAGMA page_count').fetchone()[0]}")
    with pytest.raises(sqlite3.Error) as caught:
        conn.execute("INSERT INTO t VALUES (?)", ["Child S said the flat was cold" * 500])
    conn.close()
    return caught.value


def test_each_refusal_of_sqlite_gets_its_own_sentence(tmp_path):
    full, _ = describe_sqlite_error(tmp_path / "x.db", _full_disk_error(tmp_path / "x.db"))
    assert "disk holding" in full and "is full" in full and "free some space" in full
    assert "Nothing saved before was lost" in full and "damaged" not in full
    assert "Child S" not in full

    db_path = tmp_path / "damaged.db"
    with open_store(db_path) as s:
        add_demo(s)
    scribble_over_table(db_path, "notes")
    reader = open_store_readonly(db_path, quick_check=False)
    with pytest.raises(sqlite3.DatabaseError) as caught:
        reader.conn.execute("SELECT body FROM notes NOT INDEXED").fetchall()
    reader.close()
    sentence, code = describe_sqlite_error(db_path, caught.value)
    assert code == 2 and "damaged" in sentence and "malformed" not in sentence

    busy_db = tmp_path / "busy.db"
    holder = sqlite3.connect(busy_db, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN IMMEDIATE")
    other = sqlite3.connect(busy_db, timeout=0)
    with pytest.raises(sqlite3.OperationalError) as caught:
        other.execute("BEGIN IMMEDIATE")
    holder.close()
    other.close()
    assert "busy in another program" in describe_sqlite_error(busy_db, caught.value)[0]

    ro = sqlite3.connect(busy_db)
    ro.execute("PRAGMA query_only = ON")
    with pytest.raises(sqlite3.OperationalError) as caught:
        ro.execute("INSERT INTO t VALUES (1)")
    ro.close()
    assert "read-only" in describe_sqlite_error(busy_db, caught.value)[0]


def test_a_full_disk_midway_through_the_demo_leaves_none_of_it(tmp_path, monkeypatch):
    """The demo is one transaction; the disk filling up half-way is reported as a full disk."""
    from lrf_tui.cli import main

    db = tmp_path / "full.db"
    with open_store(db) as s:
        pages = s.conn.execute("PRAGMA page_count").fetchone()[0]
    real_prepare = store_mod._prepare_for_writing  # the demo needs 5 more pages; 2 are free

    def prepare_on_a_nearly_full_disk(store):
        real_prepare(store)
        store.conn.execute(f"PRAGMA max_page_count = {pages + 2}")

    monkeypatch.setattr(store_mod, "_prepare_for_writing", prepare_on_a_nearly_full_disk)
    done = CliRunner().invoke(main, ["--db", str(db), "demo"])
    assert done.exit_code == 2, done.output
    assert "is full" in done.output and "free some space" in done.output
    assert "damaged" not in done.output and "Traceback" not in done.output
    assert _reviews(db) == []  # not half a review


# -- an older lrf's file -------------------------------------------------------------------------


def test_read_commands_leave_an_older_lrfs_file_as_it_is(tmp_path, run_lrf):
    folder = tmp_path / "old"
    folder.mkdir()
    db = folder / "lrf.db"
    _database_at(db, 3)
    db.chmod(0o600)
    before = snapshot(folder)

    listed = run_lrf("--db", db, "list", "--json")
    assert listed.returncode == 0, listed.stderr
    assert [r["ref"] for r in json.loads(listed.stdout)] == ["LR-2025-001", "LR-2025-002"]
    shown = run_lrf("--db", db, "show", "LR-2025-001", "--json")
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["recommendations"][0]["action"] == (
        "Audit the referrals of LR-2025-001")
    exported = run_lrf("--db", db, "export", "LR-2025-002", "--what", "outcome")
    assert exported.returncode == 0, exported.stderr
    assert "Audit the referrals of LR-2025-002" in exported.stdout
    checked = run_lrf("--db", db, "check")
    assert checked.returncode == 0 and "older lrf (schema 3)" in checked.stdout
    copy = tmp_path / "copy.db"
    assert run_lrf("--db", db, "backup", copy).returncode == 0
    assert sqlite3.connect(copy).execute("PRAGMA user_version").fetchone()[0] == 3

    assert snapshot(folder) == before, "a read command changed the folder or the file"


def test_a_writing_command_upgrades_an_older_file_after_keeping_a_copy(tmp_path, run_lrf):
    db = tmp_path / "lrf.db"
    _database_at(db, 3)
    db.chmod(0o600)
    original = db.read_bytes()

    done = run_lrf("--db", db, "demo")
    assert done.returncode == 0, done.stderr
    kept = tmp_path / "lrf.db.schema-3.bak"
    assert "older lrf (schema 3)" in done.stderr and str(kept) in done.stderr
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    conn = sqlite3.connect(kept)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 3
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert [r[0] for r in conn.execute("SELECT ref FROM reviews ORDER BY ref")] == [
        "LR-2025-001", "LR-2025-002"]
    conn.close()
    assert len(kept.read_bytes()) == len(original)

    assert sqlite3.connect(db).execute("PRAGMA user_version").fetchone()[0] == (
        schema.SCHEMA_VERSION)
    assert len(_reviews(db)) == 2 + 4  # the two it had, and the demo's four
    again = run_lrf("--db", db, "demo")  # already upgraded: no second copy, nothing said
    assert again.returncode == 0 and again.stderr == ""
    assert sorted(p.name for p in tmp_path.glob("lrf.db.schema-*")) == ["lrf.db.schema-3.bak"]


# -- damage ---------------------------------------------------------------------------------------


def test_a_damaged_reviews_page_is_damage_not_an_unknown_reference(run_lrf, tmp_path):
    db = tmp_path / "r.db"
    ref = run_lrf("--db", db, "demo").stdout.split()[0]
    scribble_over_table(db, "reviews")
    before = db.read_bytes()
    for args in (["show", ref, "--json"], ["export", ref, "--what", "outcome"], ["list"]):
        done = run_lrf("--db", db, *args)
        assert done.returncode == 2, (args, done.stderr)
        assert "damaged" in done.stderr and "No review" not in done.stderr
        assert done.stderr.count("\n") == 1
    assert db.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.db"]


def test_an_export_refuses_damage_in_a_table_it_does_not_read(run_lrf, tmp_path):
    """The export's check of the file runs beside the export: damage the form never reads is
    still refused before the file is written."""
    db = tmp_path / "g.db"
    ref = run_lrf("--db", db, "demo").stdout.split()[0]
    scribble_over_table(db, "ground_rules")
    before = db.read_bytes()
    out = tmp_path / "form.md"
    done = run_lrf("--db", db, "export", ref, "--what", "outcome", "-o", out)
    assert done.returncode == 2, done.stderr
    assert "damaged" in done.stderr and done.stderr.count("\n") == 1
    assert not out.exists() and db.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.db"]


def test_backup_of_a_damaged_database_is_refused_and_no_copy_is_left(run_lrf, tmp_path):
    db = tmp_path / "d.db"
    run_lrf("--db", db, "demo")
    scribble_over_table(db, "notes")
    copy = tmp_path / "copy.db"
    done = run_lrf("--db", db, "backup", copy)
    assert done.returncode == 2
    assert "damaged" in done.stderr and "Backed up" not in done.stdout
    assert not copy.exists()


def test_a_backup_that_fails_its_check_is_removed(run_lrf, tmp_path):
    """Damage that the quick check on opening cannot see (an index that no longer matches its
    table) is found by checking the copy: no backup is kept and the database is called damaged."""
    db = tmp_path / "i.db"
    run_lrf("--db", db, "demo")
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("CREATE INDEX notes_by_kind ON notes (kind)")
    conn.execute("CREATE INDEX notes_by_speaker ON notes (speaker)")
    conn.commit()
    roots = dict(conn.execute(
        "SELECT name, rootpage FROM sqlite_master WHERE name IN "
        "('notes_by_kind', 'notes_by_speaker')"))
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("UPDATE sqlite_master SET rootpage = ? WHERE name = 'notes_by_kind'",
                 [roots["notes_by_speaker"]])
    conn.execute("UPDATE sqlite_master SET rootpage = ? WHERE name = 'notes_by_speaker'",
                 [roots["notes_by_kind"]])
    conn.commit()
    conn.close()
    assert run_lrf("--db", db, "list").returncode == 0  # the quick check passes it

    copy = tmp_path / "copy.db"
    done = run_lrf("--db", db, "backup", copy)
    assert done.returncode == 2, done.stderr
    assert "damaged" in done.stderr and "no backup" in done.stderr
    assert not copy.exists()


# -- found by the acceptance pass: races, odd bytes, a nearly full disk ---------------------------


def _sqlite_error(code: int) -> sqlite3.OperationalError:
    error = sqlite3.OperationalError("unable to open database file")
    error.sqlite_errorcode = code
    return error


def test_a_reader_looks_again_when_another_lrf_removes_the_log_as_it_opens(
        db_path, monkeypatch):
    """`lrf list` while another lrf quits: the -wal seen a moment ago is gone when SQLite opens
    it, and SQLite says it cannot open the file. That was said to the user as if the file were
    unreadable; a second look reads it."""
    store = open_store(db_path)
    ref = add_demo(store)
    store.close()
    real = store_mod.inspect_file
    calls = []

    def first_look_races(conn, path, **kw):
        calls.append(path)
        if len(calls) == 1:
            raise _sqlite_error(sqlite3.SQLITE_CANTOPEN)
        return real(conn, path, **kw)

    monkeypatch.setattr(store_mod, "inspect_file", first_look_races)
    reader = open_store_readonly(db_path)
    try:
        assert [r[0] for r in reader.conn.execute("SELECT ref FROM reviews")] == [ref]
    finally:
        reader.close()
    assert len(calls) == 2


def test_text_that_is_not_utf8_is_read_with_a_mark_and_check_names_where(db_path, run_lrf):
    """One flipped byte inside a note (SQLite's own checks do not look inside values) made
    every command stop 'after an unexpected error' and the live event unopenable."""
    store = open_store(db_path)
    ref = add_demo(store)
    with store.write():
        store.conn.execute("UPDATE notes SET body = CAST(X'4D756DFF73616964' AS TEXT) "
                           "WHERE id = (SELECT min(id) FROM notes)")
    store.close()
    shown = run_lrf("--db", db_path, "show", ref, "--json")
    assert shown.returncode == 0, shown.stderr
    assert "Mum\N{REPLACEMENT CHARACTER}said" in [n["body"] for n in json.loads(shown.stdout)["notes"]]
    exported = run_lrf("--db", db_path, "export", ref, "--what", "outcome")
    assert exported.returncode == 0 and exported.stdout.startswith("# Learning Review Outcomes")
    checked = run_lrf("--db", db_path, "check")
    assert checked.returncode == 2
    assert checked.stderr.count("\n") == 1  # one line
    assert "1 value(s) in notes.body are not readable text" in checked.stderr
    assert "restore" not in checked.stderr  # the rest of the file is sound


def test_a_damaged_byte_in_a_note_or_an_action_reaches_the_form_and_tracker_marked(db_path,
                                                                                  run_lrf):
    """The form's notes and the action tracker are read with SQLite's own decoding, which
    refuses text that is not UTF-8; such text is read again the tolerant way, marked, and
    nothing else of the review is lost."""
    from facilitation import partnership as p

    store = open_store(db_path)
    ref = add_demo(store)
    with store.write():
        rid = store.conn.execute("SELECT id FROM reviews WHERE ref = ?", [ref]).fetchone()[0]
        store.conn.execute(
            "UPDATE notes SET body = CAST(X'4D756DFF73616964' AS TEXT) WHERE id = (SELECT min(id) "
            "FROM notes WHERE review_id = ? AND kind = 'observation' AND deleted = 0)", [rid])
        store.conn.execute("INSERT INTO recommendations (review_id, position, action) "
                           "VALUES (?, 99, CAST(X'417564FF6974' AS TEXT))", [rid])
    actions = [a.action for a in p.actions(store)]
    assert "Aud\N{REPLACEMENT CHARACTER}it" in actions
    assert len(actions) == store.conn.execute("SELECT count(*) FROM recommendations").fetchone()[0]
    store.close()
    exported = run_lrf("--db", db_path, "export", ref, "--what", "outcome")
    assert exported.returncode == 0, exported.stderr
    assert "Mum\N{REPLACEMENT CHARACTER}said" in exported.stdout
    assert "Aud\N{REPLACEMENT CHARACTER}it" in exported.stdout


def test_a_log_index_that_cannot_grow_is_a_full_disk_not_a_disk_error(tmp_path):
    """On a nearly full disk SQLite first fails to grow the -shm (SQLITE_IOERR_SHMSIZE)."""
    sentence, code = describe_sqlite_error(tmp_path / "x.db", _sqlite_error(4874))
    assert "is full" in sentence and "disk error" not in sentence and code == 2


def test_a_new_file_that_could_not_be_set_up_leaves_nothing_behind(db_path, monkeypatch):
    def full_half_way(store):
        for suffix in ("-wal", "-shm"):
            Path(str(db_path) + suffix).write_bytes(b"\0" * 1024)
        raise _sqlite_error(sqlite3.SQLITE_FULL)

    monkeypatch.setattr(store_mod, "_prepare_for_writing", full_half_way)
    with pytest.raises(Exception, match="is full"):
        open_store(db_path)
    assert list(db_path.parent.iterdir()) == []
