"""The command-line contract, through the real `lrf` command."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import stat
from pathlib import Path

import pytest

from facilitation.framework import HYPOTHESIS_STATUSES, NOTE_KINDS, PROMPT_AREA_KEYS, STANCES
from facilitation.store import schema


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_version(run_lrf):
    done = run_lrf("--version")
    assert done.returncode == 0
    assert done.stdout.startswith("lrf ")


def test_demo_then_show_json_has_the_contract_shape(run_lrf, tmp_path):
    db = tmp_path / "demo.db"
    done = run_lrf("--db", db, "demo")
    assert done.returncode == 0, done.stderr
    refs = done.stdout.split()
    assert len(refs) == 4 and all(r.startswith("LR-") for r in refs), "one review per method"
    ref = refs[0]  # the practitioner review, its event held

    shown = run_lrf("--db", db, "show", ref, "--json")
    assert shown.returncode == 0, shown.stderr
    data = json.loads(shown.stdout)
    for key in ("ref", "title", "methodology", "status", "family_label", "agenda", "ground_rules",
                "key_lines_of_enquiry", "hypotheses", "participants", "notes", "recommendations"):
        assert key in data
    assert data["ref"] == ref
    assert data["methodology"] == "practitioner"
    assert data["family_label"] == "Family R"
    assert {"title", "minutes", "prompt_area"} <= set(data["agenda"][0])
    assert all(isinstance(r, str) for r in data["ground_rules"]) and data["ground_rules"]
    assert len(data["key_lines_of_enquiry"]) >= 2
    assert [h["number"] for h in data["hypotheses"]] == [1, 2, 3]
    assert all(h["status"] in HYPOTHESIS_STATUSES for h in data["hypotheses"])
    assert len({p["agency"] for p in data["participants"]}) >= 5
    assert all({"name", "agency", "role", "attendance"} <= set(p) for p in data["participants"])
    notes = data["notes"]
    assert len(notes) >= 24
    assert {n["kind"] for n in notes} == set(NOTE_KINDS), "the demo shows every kind of note"
    for n in notes:
        assert {"id", "kind", "body", "prompt_area", "hypothesis", "stance", "speaker",
                "created_at", "deleted"} <= set(n)
        assert n["prompt_area"] in (*PROMPT_AREA_KEYS, None)
        assert n["stance"] in (*STANCES, None)
        assert isinstance(n["deleted"], bool)
        assert n["created_at"].endswith("+00:00")
    assert any(n["hypothesis"] == 2 and n["stance"] == "challenges" for n in notes)


def test_list_and_list_json(run_lrf, tmp_path):
    db = tmp_path / "l.db"
    empty = run_lrf("--db", db, "list")
    assert empty.returncode == 0
    assert "No reviews yet" in empty.stdout
    assert json.loads(run_lrf("--db", db, "list", "--json").stdout) == []
    assert not db.exists(), "listing a database that is not there does not create it"
    refs = run_lrf("--db", db, "demo").stdout.split()
    rows = json.loads(run_lrf("--db", db, "list", "--json").stdout)
    assert rows == [{"ref": ref, "title": row["title"], "methodology": row["methodology"],
                     "status": row["status"]} for ref, row in zip(refs, rows)]
    assert [r["methodology"] for r in rows] == ["practitioner", "desktop", "single_issue",
                                                "thematic"]
    listed = run_lrf("--db", db, "list").stdout
    assert all(ref in listed for ref in refs)


def test_env_var_picks_the_database(run_lrf, tmp_path):
    db = tmp_path / "env.db"
    ref = run_lrf("demo", env={"LRF_DB": str(db)}).stdout.split()[0]
    assert db.exists()
    assert ref in run_lrf("--db", db, "list").stdout


def test_default_database_lives_in_a_private_user_folder(run_lrf, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    env = {"HOME": str(home), "XDG_DATA_HOME": str(home / ".local" / "share")}
    done = run_lrf("demo", env=env)
    assert done.returncode == 0, done.stderr
    db = home / ".local" / "share" / "lrf" / "lrf.db"
    assert db.exists()
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    assert stat.S_IMODE(db.parent.stat().st_mode) == 0o700


def test_new_database_file_and_its_journal_are_private(run_lrf, tmp_path):
    db = tmp_path / "p.db"
    run_lrf("--db", db, "demo")
    for f in tmp_path.glob("p.db*"):
        assert stat.S_IMODE(f.stat().st_mode) == 0o600, f


def test_unknown_reference_is_refused_with_exit_1(run_lrf, tmp_path):
    db = tmp_path / "u.db"
    run_lrf("--db", db, "demo")
    before = digest(db)
    done = run_lrf("--db", db, "show", "LR-1999-999", "--json")
    assert done.returncode == 1
    assert "LR-1999-999" in done.stderr
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert digest(db) == before


def _assert_unusable(done, path: Path, before: bytes, *words: str):
    assert done.returncode == 2, (done.returncode, done.stderr)
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    for w in words:
        assert w in done.stderr
    assert path.read_bytes() == before, "the file was changed"
    assert not Path(str(path) + "-wal").exists()


@pytest.mark.parametrize("command", [["list"], ["show", "LR-2026-001", "--json"], ["demo"], ["check"]])
def test_a_file_that_is_not_a_database(run_lrf, tmp_path, command):
    bad = tmp_path / "notes.txt"
    bad.write_bytes(b"Minutes of the meeting\n" * 200)
    before = bad.read_bytes()
    done = run_lrf("--db", bad, *command)
    _assert_unusable(done, bad, before, "not an lrf database")


def test_a_truncated_database(run_lrf, tmp_path):
    db = tmp_path / "t.db"
    run_lrf("--db", db, "demo")
    data = db.read_bytes()
    cut = tmp_path / "cut.db"
    cut.write_bytes(data[: len(data) // 2])
    before = cut.read_bytes()
    done = run_lrf("--db", cut, "list")
    _assert_unusable(done, cut, before, "damaged")


def test_a_database_from_a_newer_lrf(run_lrf, tmp_path):
    db = tmp_path / "n.db"
    run_lrf("--db", db, "demo")
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 5}")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    before = db.read_bytes()
    done = run_lrf("--db", db, "list")
    _assert_unusable(done, db, before, "newer lrf")


def test_a_database_with_a_migration_this_lrf_does_not_know(run_lrf, tmp_path):
    db = tmp_path / "m.db"
    run_lrf("--db", db, "demo")
    conn = sqlite3.connect(db)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('lrf', 'm999_future', 'x')"
    )
    conn.commit()
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    before = db.read_bytes()
    done = run_lrf("--db", db, "list")
    _assert_unusable(done, db, before, "newer lrf")


def test_another_programs_sqlite_database_is_left_alone(run_lrf, tmp_path):
    other = tmp_path / "other.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE budget (line TEXT, amount INTEGER)")
    conn.commit()
    conn.close()
    before = other.read_bytes()
    done = run_lrf("--db", other, "demo")
    _assert_unusable(done, other, before, "not an lrf one")


def test_db_in_a_folder_that_does_not_exist(run_lrf, tmp_path):
    done = run_lrf("--db", tmp_path / "missing" / "x.db", "list")
    assert done.returncode == 2
    assert "does not exist" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "missing").exists()


def test_db_in_a_read_only_folder_is_refused_even_for_root(tmp_path, monkeypatch):
    """Root ignores permissions, so the refusal is checked through the store's own access test."""
    from facilitation.store import opening as store_mod
    from facilitation.errors import DatabaseUnusable

    folder = tmp_path / "ro"
    folder.mkdir()
    monkeypatch.setattr(store_mod.os, "access", lambda p, mode: Path(p) != folder)
    with pytest.raises(DatabaseUnusable, match="cannot be written"):
        store_mod.open_store(folder / "x.db")
    assert list(folder.iterdir()) == []


def test_db_path_that_is_a_folder(run_lrf, tmp_path):
    done = run_lrf("--db", tmp_path, "list")
    assert done.returncode == 2
    assert done.stderr.strip() == f"lrf: {tmp_path} is a folder, not a database file."


def test_an_empty_file_set_up_as_a_database_becomes_private(run_lrf, tmp_path):
    db = tmp_path / "empty.db"
    db.touch(mode=0o644)
    db.chmod(0o644)
    assert run_lrf("--db", db, "demo").returncode == 0
    assert stat.S_IMODE(db.stat().st_mode) == 0o600


@pytest.mark.parametrize("args", [
    ("export",),  # no --what
    ("nonsense",),
    ("list", "--bogus"),
    ("backup", "."),  # a folder
])
def test_command_line_mistakes_are_one_sentence_and_exit_1(run_lrf, tmp_path, args):
    db = tmp_path / "m.db"
    run_lrf("--db", db, "demo")
    before = digest(db)
    done = run_lrf("--db", db, *args)
    assert done.returncode == 1
    assert done.stderr.startswith("lrf: ") and done.stderr.count("\n") == 1
    assert "--help` shows how to use it" in done.stderr
    assert digest(db) == before


@pytest.mark.parametrize("where", ["missing-folder/copy.db", "/proc/lrf-backup.db"])
def test_backup_somewhere_it_cannot_go_is_refused_in_one_sentence(run_lrf, tmp_path, where):
    db = tmp_path / "b.db"
    run_lrf("--db", db, "demo")
    target = tmp_path / where if not where.startswith("/") else Path(where)
    done = run_lrf("--db", db, "backup", target)
    assert done.returncode == 1
    assert done.stderr.startswith("lrf: ") and "Traceback" not in done.stderr
    assert not target.exists()


def test_a_second_writer_is_told_the_file_is_in_use(run_lrf, tmp_path):
    from facilitation.store import open_store

    db = tmp_path / "lock.db"
    run_lrf("--db", db, "demo")
    holder = open_store(db, lock=True)
    try:
        done = run_lrf("--db", db, "demo")
        assert done.returncode == 2
        assert "open in another lrf" in done.stderr
        # Reading is still fine while the other lrf has it open.
        assert run_lrf("--db", db, "list").returncode == 0
    finally:
        holder.close()
    assert run_lrf("--db", db, "demo").returncode == 0


def test_backup_is_a_private_consistent_copy(run_lrf, tmp_path):
    db = tmp_path / "b.db"
    ref = run_lrf("--db", db, "demo").stdout.split()[0]
    copy = tmp_path / "copy.db"
    done = run_lrf("--db", db, "backup", copy)
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    original = json.loads(run_lrf("--db", db, "show", ref, "--json").stdout)
    copied = json.loads(run_lrf("--db", copy, "show", ref, "--json").stdout)
    assert copied == original
    again = run_lrf("--db", db, "backup", copy)
    assert again.returncode == 1
    assert "already exists" in again.stderr


def test_backup_of_a_missing_database_creates_nothing(run_lrf, tmp_path):
    done = run_lrf("--db", tmp_path / "none.db", "backup", tmp_path / "copy.db")
    assert done.returncode == 2
    assert not (tmp_path / "none.db").exists()
    assert not (tmp_path / "copy.db").exists()


def test_check_passes_on_a_healthy_database_and_fails_on_a_damaged_one(run_lrf, tmp_path):
    db = tmp_path / "c.db"
    run_lrf("--db", db, "demo")
    assert run_lrf("--db", db, "check").returncode == 0
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode = DELETE")
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'notes'").fetchone()[0]
    conn.close()
    data = bytearray(db.read_bytes())
    start = (root - 1) * page_size
    data[start + 8 : start + 200] = b"\xff" * 192  # scribble over the notes table's page
    db.write_bytes(bytes(data))
    done = run_lrf("--db", db, "check")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr


def test_export_refuses_unknown_what_and_missing_ref(run_lrf, tmp_path):
    db = tmp_path / "e.db"
    ref = run_lrf("--db", db, "demo").stdout.split()[0]
    done = run_lrf("--db", db, "export", "--what", "nonsense", ref)
    assert done.returncode == 1
    assert "not available" in done.stderr
    assert run_lrf("--db", db, "export", "--what", "outcome").returncode == 1


def test_export_options_meant_for_all_reviews_are_refused_for_one(run_lrf, tmp_path):
    """--format csv and --from/--to were silently ignored on a single review's export."""
    db = tmp_path / "e.db"
    ref = run_lrf("--db", db, "demo").stdout.split()[0]
    csv = run_lrf("--db", db, "export", ref, "--what", "outcome", "--format", "csv")
    assert csv.returncode == 1 and csv.stdout == ""
    assert "CSV is for exports across all reviews (--all)" in csv.stderr
    period = run_lrf("--db", db, "export", ref, "--what", "actions", "--from", "2026-01-01")
    assert period.returncode == 1 and period.stdout == ""
    assert "use them with --all" in period.stderr
