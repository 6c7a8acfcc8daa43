"""`lrf import` refuses a review file it should not take, in one sentence, exit 1, with the
partnership's database byte for byte as it was."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3

import pytest
from click.testing import CliRunner

from facilitation import outcome as o
from facilitation.reviews import create_review, get_review, update_review
from facilitation.store import open_store
from facilitation.travel import build_review_file, import_review_file
from lrf_tui.cli import main

from travel_seed import seed


def _cli(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def _hash(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def world(tmp_path):
    """An author's database with one review and its file; a partnership's with a review of
    its own (closed, so that its file is all there is to compare)."""
    author = open_store(tmp_path / "author.db")
    seed(author, "practitioner", "LR-2026-001")
    good = tmp_path / "good.lrf"
    build_review_file(author, get_review(author, "LR-2026-001"), good, notes=True)
    partnership = tmp_path / "partnership.db"
    with open_store(partnership) as store:
        create_review(store, ref="LR-2025-009", title="Held here", methodology="desktop")
    yield author, good, partnership
    author.close()


def _edited(good, tmp_path, *statements):
    bad = tmp_path / "edited.lrf"
    shutil.copy(good, bad)
    conn = sqlite3.connect(bad)
    conn.execute("PRAGMA foreign_keys = OFF")
    for sql in statements:
        conn.execute(sql)
    conn.commit()
    conn.close()
    return bad


def _refused(partnership, path, *words, extra=()):
    before = _hash(partnership)
    backups = sorted(partnership.parent.glob("*.before-import-*"))
    out = _cli("--db", partnership, "import", path, *extra)
    assert out.exit_code == 1, out.output
    assert out.output.startswith("lrf: ") and out.output.count("\n") == 1, out.output
    assert "nothing was imported" in out.output and "Traceback" not in out.output
    for word in words:
        assert word in out.output
    assert _hash(partnership) == before
    assert sorted(partnership.parent.glob("*.before-import-*")) == backups  # none made
    return out.output


def test_a_truncated_file(world, tmp_path):
    _, good, partnership = world
    cut = tmp_path / "cut.lrf"
    data = good.read_bytes()
    cut.write_bytes(data[: len(data) // 2])
    _refused(partnership, cut, "is damaged", "ask for it again")


def test_a_renamed_text_file_and_a_database_that_is_not_a_review(world, tmp_path):
    _, _, partnership = world
    text = tmp_path / "notes.lrf"
    text.write_text("Minutes of the meeting\n")
    _refused(partnership, text, "not an lrf review file", "renamed")
    other = tmp_path / "other.lrf"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    _refused(partnership, other, "not an lrf review file")
    _refused(partnership, tmp_path / "missing.lrf", "does not exist")


@pytest.mark.parametrize("statements, words", [
    (["INSERT INTO notes (review_id, kind, body, created_at) VALUES (99, 'learning', 'x', "
      "'2026-01-01T00:00:00+00:00')"], ["changed by hand", "notes"]),
    (["UPDATE hypotheses SET review_id = 42"], ["changed by hand", "hypotheses"]),
    (["DELETE FROM reviews"], ["holds 0 reviews"]),
    (["INSERT INTO reviews (ref, title, methodology, created_at, updated_at) VALUES "
      "('LR-2026-002', 'x', 'desktop', '', '')"], ["holds 2 reviews"]),
    (["UPDATE reviews SET title = 'Title \x1b[2J cleared'"], ["control characters",
                                                              "reviews.title"]),
    (["UPDATE notes SET body = 'a \u202e reversed'"], ["control characters", "notes.body"]),
    (["UPDATE reviews SET uid = 'not-an-id'"], ["no valid id"]),
    (["PRAGMA user_version = 99"], ["newer lrf", "schema 99"]),
])
def test_a_file_edited_by_hand(world, tmp_path, statements, words):
    _, good, partnership = world
    _refused(partnership, _edited(good, tmp_path, *statements), *words)


def test_the_same_file_twice_and_an_older_file(world, tmp_path):
    author, good, partnership = world
    assert _cli("--db", partnership, "import", good).exit_code == 0
    said = _refused(partnership, good, "already holds this version of LR-2026-001")
    assert "form version 1, last changed 20" in said
    o.circulate(author, "LR-2026-001", "02/11/2026", "everyone")  # form version 2
    newer = tmp_path / "newer.lrf"
    build_review_file(author, get_review(author, "LR-2026-001"), newer, notes=True)
    assert _cli("--db", partnership, "import", newer).exit_code == 0
    said = _refused(partnership, good, "older than the copy of LR-2026-001")
    assert "the file: form version 1" in said and "held: form version 2" in said


def test_two_copies_of_the_same_review_from_different_authors(world, tmp_path):
    author, good, partnership = world
    assert _cli("--db", partnership, "import", good).exit_code == 0
    # Someone else's lrf got the review, changed its lead author and worked on it.
    with open_store(tmp_path / "second.db") as second:
        import_review_file(second, good, backup=False)
        update_review(second, "LR-2026-001", lead_author="Someone Else")
        theirs = tmp_path / "theirs.lrf"
        build_review_file(second, get_review(second, "LR-2026-001"), theirs, notes=True)
    said = _refused(partnership, theirs, "different lead author", "--as LR-2026-002")
    assert "Someone Else" not in said
    out = _cli("--db", partnership, "import", theirs, "--as", "LR-2026-002")
    assert out.exit_code == 0 and "Added LR-2026-002" in out.output
    listed = _cli("--db", partnership, "list").output
    assert "LR-2026-001" in listed and "LR-2026-002" in listed


def test_a_reference_used_by_a_different_review(world, tmp_path):
    author, _, partnership = world
    create_review(author, ref="LR-2025-009", title="Another", methodology="thematic")
    clash = tmp_path / "clash.lrf"
    build_review_file(author, get_review(author, "LR-2025-009"), clash, notes=False)
    _refused(partnership, clash, "LR-2025-009 is already used by a different review",
             "--as LR-2025-010")
    _refused(partnership, clash, "already used", extra=("--as", "LR-2025-009"))
    out = _cli("--db", partnership, "import", clash, "--as", "LR-2025-010")
    assert out.exit_code == 0 and "Added LR-2025-010" in out.output
    assert "backed up first" in out.output


def test_a_database_that_cannot_be_used_is_exit_2(world, tmp_path):
    _, good, _ = world
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"SQLite format 3\x00" + b"\xff" * 200)
    before = _hash(broken)
    out = _cli("--db", broken, "import", good)
    assert out.exit_code == 2 and "Traceback" not in out.output
    assert _hash(broken) == before


def test_reviews_of_an_older_database_each_get_an_id_and_travel(tmp_path):
    """m009 gives the reviews a database already holds each its own id, so both can be sent
    and told apart on the other side."""
    from test_upgrade import _database_at

    older = tmp_path / "older.db"
    _database_at(older, 5)
    older.chmod(0o600)
    # Read as it is (upgraded in memory only), its ids would change on every export.
    out = _cli("--db", older, "export", "LR-2025-001", "--what", "review", "-o", tmp_path / "x")
    assert out.exit_code == 1 and "open it in lrf once" in out.output
    assert not (tmp_path / "x").exists()
    open_store(older).close()  # what opening it in lrf does first
    partnership = tmp_path / "partnership.db"
    for ref in ("LR-2025-001", "LR-2025-002"):
        out = _cli("--db", older, "export", ref, "--what", "review", "-o", tmp_path / ref)
        assert out.exit_code == 0, out.output
        out = _cli("--db", partnership, "import", tmp_path / ref)
        assert out.exit_code == 0 and f"Added {ref}" in out.output, out.output
    again = tmp_path / "again.lrf"  # the same review sent again is the same review
    assert _cli("--db", older, "export", "LR-2025-001", "--what", "review", "-o",
                again).exit_code == 0
    _refused(partnership, again, "already holds this version of LR-2025-001")
