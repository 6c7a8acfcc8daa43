"""Anything unexpected stops lrf with one sentence and a crash report: the typing kept, the
terminal restored, and no case content on the terminal or in the report (no exception message,
no local variables)."""

from __future__ import annotations

import os
import stat

import pexpect
import pytest
from click.testing import CliRunner

from facilitation.demo import add_demo
from facilitation.store import open_store
from lrf_tui.app import LrfApp
from lrf_tui.screens.event import EventScreen

from conftest import lrf_argv
from keys import keys

MARKER = "Zebracorn"  # stands for a child's name typed into a note


@pytest.fixture
def reports(tmp_path, monkeypatch):
    """Where crash reports go: the user data folder, here under tmp_path."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    return tmp_path / "xdg" / "lrf" / "crash-reports"


def the_report(folder) -> tuple[str, int]:
    files = list(folder.iterdir())
    assert len(files) == 1
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    return files[0].read_text(), stat.S_IMODE(files[0].stat().st_mode)


def broken(*args, **kwargs):
    note = f"{MARKER} told the school about the father"  # a local variable holding case text
    raise KeyError(note)


async def test_a_failing_key_keeps_the_typing_and_writes_a_report_without_case_text(
        store, reports, monkeypatch):
    ref = add_demo(store)
    monkeypatch.setattr(EventScreen, "action_clock", broken)
    app = LrfApp(store, event_ref=ref)
    with pytest.raises(KeyError):  # run_test hands the error on to the test
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await keys(pilot, *f"> ring {MARKER}'s GP", "f5")
            await pilot.pause()
    assert app.return_code == 1
    report, mode = the_report(reports)
    assert mode == 0o600
    assert MARKER not in report and "father" not in report
    assert "error: KeyError" in report
    assert "tests/test_crash_report.py" in report and "in broken" in report
    assert app.crash_message.startswith("lrf stopped after an unexpected error.")
    assert app.crash_message.endswith(str(next(reports.iterdir())))
    kept = store.conn.execute("SELECT body FROM capture_drafts").fetchall()
    assert kept == [(f"> ring {MARKER}'s GP",)]


async def test_a_failing_worker_is_reported_with_its_own_error(store, reports):
    app = LrfApp(store)
    with pytest.raises(Exception):
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()

            async def work() -> None:
                broken()

            app.run_worker(work())
            await pilot.pause(0.2)
    report, _ = the_report(reports)
    assert "error: textual.worker.WorkerFailed" in report
    assert "which came from: KeyError" in report and "in broken" in report
    assert MARKER not in report


def test_an_error_outside_the_app_is_one_sentence_too(db_path, reports, monkeypatch):
    from facilitation import reviews
    from lrf_tui.cli import main

    open_store(db_path).close()
    monkeypatch.setattr(reviews, "list_reviews", broken)
    result = CliRunner().invoke(main, ["--db", str(db_path), "list"])
    assert result.exit_code == 1
    assert result.output.startswith("lrf stopped after an unexpected error.")
    assert MARKER not in result.output and "Traceback" not in result.output
    report, mode = the_report(reports)
    assert mode == 0o600 and MARKER not in report


@pytest.mark.slow
def test_damage_found_while_running_stops_lrf_with_a_sentence_not_a_traceback(
        db_path, reports, tmp_path):
    """A damaged page is refused before the screen is drawn (the store's own tests); damage that
    SQLite's quick check cannot see (here the full-text index's structure record) is found only
    when Find runs, with the live event on screen."""
    store = open_store(db_path)
    try:
        ref = add_demo(store)
        with store.db.atomic():
            store.conn.execute(f"UPDATE agenda_items SET title = '{MARKER} ' || title")
            store.conn.execute("UPDATE notes_fts_data SET block = randomblob(length(block)) "
                               "WHERE id > 1")
        assert store.conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    finally:
        store.close()

    argv = lrf_argv() + ["--db", str(db_path), "event", ref]
    env = {**os.environ, "TERM": "xterm-256color", "XDG_DATA_HOME": str(tmp_path / "xdg")}
    env.pop("LRF_DB", None)
    child = pexpect.spawn(argv[0], argv[1:], env=env, dimensions=(24, 80), encoding="utf-8",
                          codec_errors="replace", timeout=20)
    child.expect(MARKER)  # the event is on screen, its agenda item showing
    child.send("\x1b[20~")  # F9, Find, as the terminal sends it
    child.expect("Find notes")  # typed before Find is open, the word would go to the note line
    child.send("school")
    child.expect(pexpect.EOF)
    child.close()
    out = child.before or ""
    assert child.exitstatus == 2 and child.signalstatus is None  # the database cannot be used
    assert "\x1b[?1049l" in out  # the terminal was given back
    tail = out.rsplit("\x1b[?1049l", 1)[1]
    assert "lrf stopped: the database is damaged" in tail
    assert MARKER not in tail and "Traceback" not in out and "locals" not in out
    report, mode = the_report(reports)
    assert mode == 0o600 and MARKER not in report
    assert "error: sqlite3.DatabaseError (SQLITE_CORRUPT_VTAB)" in report
    assert str(next(reports.iterdir())) in tail


def test_when_no_report_can_be_written_the_sentence_says_so(tmp_path):
    from lrf_tui import crash

    blocked = tmp_path / "a file"
    blocked.write_text("")
    try:
        broken()
    except KeyError as error:
        assert crash.write_report(error, folder=blocked / "crash-reports") is None
        said = crash.message(error, None)
    assert said.endswith("(A crash report could not be written.)")
    assert MARKER not in said
