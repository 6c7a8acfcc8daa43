"""Reviews travel between an author's lrf and the partnership's as review files (.lrf): every
method there and back, what the partnership recorded kept, notes only when asked, the
identifier register never, and who authored each review shown on the other side."""

from __future__ import annotations

import sqlite3
import stat

import pytest
from click.testing import CliRunner

from facilitation import outcome as o
from facilitation import partnership as p
from facilitation.reviews import get_review
from facilitation.store import open_store
from facilitation.travel import build_review_file, import_review_file
from lrf_tui.cli import main

from exports.partnership import render_partnership
from travel_seed import REGISTER_NAME, origin_of, seed, seen
from keys import keys

METHODS = ("desktop", "practitioner", "thematic", "single_issue")


def send(store, ref, path, *, notes=False):
    build_review_file(store, get_review(store, ref), path, notes=notes)
    return path


@pytest.fixture
def two(tmp_path):
    a = open_store(tmp_path / "author.db")
    b = open_store(tmp_path / "partnership.db")
    yield a, b
    a.close()
    b.close()


def test_a_review_of_every_method_goes_to_the_partnership_and_back(two, tmp_path):
    a, b = two
    for i, method in enumerate(METHODS, start=1):
        ref = f"LR-2026-00{i}"
        seed(a, method, ref)
        done = import_review_file(b, send(a, ref, tmp_path / f"{ref}.lrf", notes=True))
        assert done.added and "Added" in done.sentence("x.lrf")
        assert seen(b, ref) == seen(a, ref)
        # The partnership records progress and impact; the author takes the review back.
        action = next(x for x in p.actions(b) if x.ref == ref)
        p.add_impact(b, action.id, f"Fewer missed referrals after {method}", "audit",
                     "2026-11-25")
        p.mark_done(b, action.id, "2026-11-26")
        back = import_review_file(a, send(b, ref, tmp_path / f"{ref}-back.lrf", notes=True))
        assert not back.added
        assert seen(a, ref) == seen(b, ref)
        assert f"Fewer missed referrals after {method}" in seen(a, ref)
    assert [r[0] for r in b.conn.execute("SELECT ref FROM reviews ORDER BY ref")] == [
        f"LR-2026-00{i}" for i in range(1, 5)]


def test_what_the_partnership_recorded_is_kept_when_the_author_sends_an_update(two, tmp_path):
    a, b = two
    seed(a, "practitioner", "LR-2026-004")
    import_review_file(b, send(a, "LR-2026-004", tmp_path / "v1.lrf"))
    action = next(x for x in p.actions(b) if x.ref == "LR-2026-004")
    p.add_impact(b, action.id, "Every school now has the police contact", "survey",
                 "2026-11-28")
    p.mark_done(b, action.id, "2026-11-29")
    o.save_field(a, "LR-2026-004", "synopsis", "The synopsis, rewritten after comments.")
    done = import_review_file(b, send(a, "LR-2026-004", tmp_path / "v2.lrf"))
    said = done.sentence("v2.lrf")
    assert "Updated LR-2026-004" in said and "1 impact evidence, 1 progress" in said
    assert "The synopsis, rewritten after comments." in seen(b, "LR-2026-004")
    kept = next(x for x in p.actions(b) if x.ref == "LR-2026-004")
    assert kept.completed_on == "2026-11-29"
    assert [e["what_changed"] for e in kept.impact] == [
        "Schools hear the same day", "Every school now has the police contact"]
    # Backed up first, beside the database, private.
    assert done.backup.parent == b.path.parent and done.backup.exists()
    assert stat.S_IMODE(done.backup.stat().st_mode) == 0o600


def _cli(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_notes_travel_only_when_asked_and_the_register_never(store, demo_ref, db_path, tmp_path):
    seed(store, "desktop", "LR-2026-050")
    store.close()
    plain, full = tmp_path / "plain.lrf", tmp_path / "full.lrf"
    out = _cli("--db", db_path, "export", "LR-2026-050", "--what", "review", "-o", plain)
    assert out.exit_code == 0, out.output
    assert "Left out: 3 event notes" in out.output and "--with-notes" in out.output
    assert "1 identifier register entry" in out.output and "1 unsent capture line" in out.output
    assert REGISTER_NAME not in out.output
    out = _cli("--db", db_path, "export", "LR-2026-050", "--what", "review", "--with-notes",
               "-o", full)
    assert out.exit_code == 0 and "event note" not in out.output
    for path, notes in ((plain, 0), (full, 3)):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert REGISTER_NAME.encode() not in path.read_bytes()
        conn = sqlite3.connect(path)  # an lrf database any SQLite tool opens
        assert conn.execute("SELECT count(*) FROM notes").fetchone()[0] == notes
        assert conn.execute("SELECT count(*) FROM identifier_register").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM reviews").fetchone()[0] == 1
        conn.close()
    other = tmp_path / "other.db"
    assert _cli("--db", other, "import", plain).exit_code == 0
    shown = _cli("--db", other, "show", "LR-2026-050")
    assert "notes        0" in shown.output
    # A review file already there is replaced only with --force; any other database never.
    again = _cli("--db", db_path, "export", "LR-2026-050", "--what", "review", "-o", plain)
    assert again.exit_code == 1 and "already exists; add --force" in again.output
    again = _cli("--db", db_path, "export", "LR-2026-050", "--what", "review", "-o", plain,
                 "--force")
    assert again.exit_code == 0 and stat.S_IMODE(plain.stat().st_mode) == 0o600
    for target in (other, db_path):
        refused = _cli("--db", db_path, "export", "LR-2026-050", "--what", "review", "-o",
                       target, "--force")
        assert refused.exit_code == 1 and "database" in refused.output
    none = _cli("--db", db_path, "export", "LR-2026-050", "--what", "review")
    assert none.exit_code == 1 and "-o FILE.lrf" in none.output


HOSTILE = "[bold]x[/] <script>alert(1)</script> # not a heading | pipe 👨‍👩‍👧 مرحبا \u200f"


def test_hostile_text_in_every_field_travels_literally(two, tmp_path):
    a, b = two
    seed(a, "thematic", "LR-2026-007", text=HOSTILE)
    import_review_file(b, send(a, "LR-2026-007", tmp_path / "h.lrf", notes=True))
    assert seen(b, "LR-2026-007") == seen(a, "LR-2026-007")
    assert seen(b, "LR-2026-007").count(HOSTILE) > 10


def test_the_partnership_sees_who_authored_each_review_and_when_it_was_imported(two, tmp_path):
    a, b = two
    seed(a, "desktop", "LR-2026-011", author="Dr Lee Author")
    import_review_file(b, send(a, "LR-2026-011", tmp_path / "from-lee.lrf"))
    origin = origin_of(b, "LR-2026-011")
    assert origin.sentence().startswith("Lead author: Dr Lee Author; last imported 20")
    assert "from-lee.lrf" in origin.sentence()
    assert origin_of(a, "LR-2026-011").sentence() == (
        "Lead author: Dr Lee Author; made in this database.")
    report = render_partnership(b)
    assert "| Lead author | Last imported |" in report
    row = next(line for line in report.splitlines() if line.startswith("| LR-2026-011"))
    assert "Dr Lee Author" in row and "(from-lee.lrf)" in row


async def test_an_imported_review_shows_its_author_in_the_learning_and_improvement_view(
        two, tmp_path):
    from lrf_tui.app import LrfApp

    a, b = two
    seed(a, "desktop", "LR-2026-012", author="Dr Lee Author")
    import_review_file(b, send(a, "LR-2026-012", tmp_path / "lee.lrf"))
    app = LrfApp(b)
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "l")
        await pilot.pause()
        detail = str(app.screen.query_one("#action-detail").render())
        assert "Lead author: Dr Lee Author; last imported" in detail
