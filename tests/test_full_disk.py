"""A full disk while lrf is in use: every write path says so in one line, keeps what was typed,
acknowledges nothing it did not write, and the file is usable once there is room again."""

from __future__ import annotations

import datetime as _dt

import pytest
from textual.widgets import Input, Static, TextArea

from facilitation import event as ev
from facilitation.demo import add_demo
from facilitation.store import open_store
from lrf_tui.app import LrfApp
from lrf_tui.screens.event import AttendanceScreen, EventScreen, HypothesesScreen
from lrf_tui.screens.form import FormScreen
from lrf_tui.dialogs import FormModal
from lrf_tui.screens.prepare import PrepareScreen

from full_disk import Disk, full_disk_error
from keys import keys

pytestmark = pytest.mark.slow

NOW = _dt.datetime(2026, 3, 2, 11, 5, tzinfo=_dt.timezone.utc)
FULL = "Not saved: the disk is full."


@pytest.fixture
def disk(tmp_path, monkeypatch):
    d = Disk(tmp_path / "disk", monkeypatch)
    yield d
    d.free()
    d.close()


@pytest.fixture
def on_disk(disk, monkeypatch):
    """A store with the demo review on the small disk: (store, ref, disk)."""
    monkeypatch.setattr(EventScreen, "clock", staticmethod(lambda: NOW))
    path = disk.folder / "lrf.db"
    store = open_store(path)
    ref = add_demo(store, today=NOW.date())
    store.close()
    store = open_store(path, lock=True)
    yield store, ref, disk
    store.close()


def said(app) -> str:
    return str(app.screen.query_one("#message", Static).render())


def hint(app) -> str:
    return str(app.screen.query_one(".hint", Static).render())


def rows(store, sql: str, *params) -> list[tuple]:
    return store.conn.execute(sql, params).fetchall()


def toasts(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_every_write_of_the_live_event_survives_a_full_disk(on_disk):
    store, ref, disk = on_disk
    rid = rows(store, "SELECT id FROM reviews WHERE ref = ?", ref)[0][0]
    before = rows(store, "SELECT id, body FROM notes ORDER BY id")
    app = LrfApp(store, event_ref=ref)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        capture = screen.query_one("#capture", Input)
        disk.fill(store)

        # the first note, which would start the clock
        await keys(pilot, *"first [/] note", "enter")
        assert said(app) == f"{FULL} Your line is still here."
        assert capture.value == "first [/] note"
        assert rows(store, "SELECT id, body FROM notes ORDER BY id") == before
        assert screen.state.started_at is None
        assert "clock not started" in str(screen.query_one("#item-times", Static).render())
        disk.free()
        await keys(pilot, "enter")
        assert said(app).startswith("Saved note #") and "clock has started" in said(app)
        first = rows(store, "SELECT id, body FROM notes ORDER BY id DESC LIMIT 1")[0]
        assert first[1] == "first [/] note"
        disk.fill(store)

        # F5, F8, ctrl+r and ctrl+y: nothing changes on screen or in the file
        item = screen.state.current_item_id
        for key, kept in (("f5", "The clock is as it was."), ("f8", "Still on this item."),
                          ("ctrl+r", "The note is not deleted.")):
            disk.fill(store)
            await keys(pilot, key)
            assert said(app) == f"{FULL} {kept}", key
        assert screen.state.running and screen.state.current_item_id == item
        assert rows(store, "SELECT paused, current_item_id FROM event_state "
                    "WHERE review_id = ?", rid) == [(0, item)]
        assert rows(store, "SELECT deleted FROM notes WHERE id = ?", first[0]) == [(0,)]

        # editing the last note: the change stays on the line, also after ctrl+r
        await keys(pilot, "up", *" more", "enter")
        assert said(app) == f"{FULL} Your line is still here."
        assert capture.value == "first [/] note more" and screen.editing is not None
        disk.fill(store)
        await keys(pilot, "ctrl+r")
        assert capture.value == "first [/] note more" and screen.editing is not None
        assert rows(store, "SELECT body, deleted FROM notes WHERE id = ?", first[0]) == [
            ("first [/] note", 0)]
        await keys(pilot, "escape")

        # a line typed and left (it would be kept as a draft after a pause)
        await keys(pilot, *"> ask the school")
        await pilot.pause(1.3)
        assert capture.value == "> ask the school"
        assert app.crash_message is None

        # a hypothesis status and attendance, in their dialogs
        status = rows(store, "SELECT status FROM hypotheses WHERE review_id = ? "
                      "ORDER BY number LIMIT 1", rid)
        await keys(pilot, "f3")
        disk.fill(store)
        await keys(pilot, "n")  # H1 is supported in the demo: not supported
        assert isinstance(app.screen, HypothesesScreen)
        assert hint(app) == f"{FULL} H1 is as it was."
        await keys(pilot, "escape")
        attendance = rows(store, "SELECT id, attendance FROM participants WHERE review_id = ? "
                          "ORDER BY id", rid)
        await keys(pilot, "f4")
        disk.fill(store)
        await keys(pilot, "l")
        assert isinstance(app.screen, AttendanceScreen)
        assert hint(app) == f"{FULL} Attendance is as it was."
        await keys(pilot, "escape")
        assert rows(store, "SELECT status FROM hypotheses WHERE review_id = ? "
                    "ORDER BY number LIMIT 1", rid) == status
        assert rows(store, "SELECT id, attendance FROM participants WHERE review_id = ? "
                    "ORDER BY id", rid) == attendance

        # room again: the line typed during all this is saved by Enter
        disk.free()
        await keys(pilot, "enter")
        assert said(app).startswith("Saved note #")
        assert capture.value == ""
    assert app.crash_message is None and app.return_code in (0, None)
    notes = rows(store, "SELECT body FROM notes WHERE review_id = ? AND deleted = 0 "
                 "ORDER BY id", rid)
    assert notes[-2:] == [("first [/] note",), ("ask the school",)]
    assert store.integrity_problems() == []


async def test_a_note_saved_as_the_disk_fills_says_the_clock_did_not_start(on_disk,
                                                                            monkeypatch):
    store, ref, _ = on_disk

    def full(*args, **kwargs):
        raise full_disk_error()

    monkeypatch.setattr(ev, "start_clock", full)
    app = LrfApp(store, event_ref=ref)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await keys(pilot, *"first", "enter")
        assert said(app).startswith("Saved note #")
        assert said(app).endswith("The clock did not start: the disk is full (F5 tries again).")
        assert app.screen.state.started_at is None
    assert rows(store, "SELECT body FROM notes ORDER BY id DESC LIMIT 1") == [("first",)]


async def test_the_form_and_the_preparation_dialogs_survive_a_full_disk(on_disk):
    store, ref, disk = on_disk
    app = LrfApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        disk.fill(store)
        # the outcome form: autosave and ctrl+s
        await keys(pilot, "f")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await keys(pilot, "enter", *"Lead [b]author")
        await pilot.pause(1.0)  # the autosave tries
        kept = f"{FULL} What you typed is still here."
        assert kept in toasts(app)
        disk.fill(store)
        await keys(pilot, "ctrl+s")
        assert toasts(app).count(kept) == 2
        body = app.screen.query_one("#body", TextArea)
        # the field opened with the cursor at the end of its draft: the typing follows it
        assert body.text.startswith("Family R") and body.text.endswith("Lead [b]author")
        assert "Saved." not in toasts(app)  # the refused ctrl+s says only why
        disk.free()
        await keys(pilot, "ctrl+s")
        await pilot.pause()
        text = rows(store, "SELECT body FROM form_fields WHERE field = 'family'")
        assert text and text[0][0] == body.text
        await keys(pilot, "escape", "escape")
        await pilot.pause()

        # a preparation dialog: the message under the form, the typing still in it
        disk.fill(store)
        await keys(pilot, "enter")
        await pilot.pause()
        assert isinstance(app.screen, PrepareScreen)
        title = rows(store, "SELECT title FROM reviews WHERE ref = ?", ref)
        await keys(pilot, "enter")
        await pilot.pause()
        assert isinstance(app.screen, FormModal)
        await keys(pilot, "end", *" [/]")
        disk.fill(store)
        await keys(pilot, "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormModal)
        assert str(app.screen.query_one("#form-error").render()) == kept
        field = app.screen.query_one("#f-title", Input)
        assert field.value.endswith(" [/]")
        assert rows(store, "SELECT title FROM reviews WHERE ref = ?", ref) == title
        disk.free()
        await keys(pilot, "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PrepareScreen)
    assert app.crash_message is None
    assert rows(store, "SELECT title FROM reviews WHERE ref = ?", ref)[0][0].endswith(" [/]")
    assert store.integrity_problems() == []


@pytest.mark.parametrize("change", ["add", "delete", "family", "final"])
def test_a_change_that_fails_half_way_leaves_nothing_half_done(store, monkeypatch, change):
    """Saving a dissemination method or the family's involvement also redrafts the form field
    that lists them, and marking final accepts the drafts: when the second write fails, the
    first is undone too (the chair, told "not saved", saves again: no duplicate row)."""
    from facilitation import dissemination as log
    from facilitation import outcome as oc
    from facilitation.outcome import circulation, dissemination

    from complete_form import complete_form

    ref = add_demo(store, today=NOW.date())
    oc.draft_from_notes(store, ref)
    oc.add_dissemination(store, ref, oc.DISSEMINATION_METHODS[0], "trainer")
    complete_form(store, ref, circulated_on="01/03/2026")  # one that may be marked final
    assert any(f.drafted for f in oc.form_state(store, ref).fields)  # drafts to accept
    tables = ("dissemination", "form_fields", "reviews", "form_versions")
    before = {t: store.conn.execute(f"SELECT * FROM {t}").fetchall() for t in tables}

    def full(*args, **kwargs):
        raise full_disk_error()

    monkeypatch.setattr(dissemination, "redraft_untouched", full)
    monkeypatch.setattr(log, "redraft_untouched", full)  # the one log, shared with L&I
    monkeypatch.setattr(circulation, "_new_version", full)
    row = before["dissemination"][0][0]
    with pytest.raises(Exception, match="disk is full"):
        {"add": lambda: oc.add_dissemination(store, ref, oc.DISSEMINATION_METHODS[1], "lead"),
         "delete": lambda: oc.delete_dissemination(store, ref, row),
         "family": lambda: oc.set_family_involvement(store, ref, oc.FAMILY_INVOLVEMENT[1],
                                                     "told"),
         "final": lambda: oc.finalise(store, ref, "02/03/2026")}[change]()
    assert {t: store.conn.execute(f"SELECT * FROM {t}").fetchall() for t in tables} == before


async def test_home_a_new_review_and_the_partnership_view_survive_a_full_disk(disk,
                                                                             monkeypatch):
    from facilitation import clock
    from lrf_tui.screens.new_review import NewReviewScreen
    from lrf_tui.screens.partnership import FieldsScreen, PartnershipScreen

    from partnership_seed import TODAY, seed

    monkeypatch.setattr(clock, "today", lambda: TODAY)
    store = open_store(disk.folder / "lrf.db", lock=True)
    try:
        seed(store)
        count = {t: rows(store, f"SELECT count(*) FROM {t}")
                 for t in ("reviews", "themes", "recommendations")}
        started = rows(store, "SELECT id, started FROM recommendations ORDER BY id")
        app = LrfApp(store)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            disk.fill(store)
            await keys(pilot, "d")  # the worked example
            assert f"{FULL}" in toasts(app)[-1]

            await keys(pilot, "n")
            await pilot.pause()
            assert isinstance(app.screen, NewReviewScreen)
            app.screen.query_one("#new-review-title", Input).value = "Child Q [/]"
            await keys(pilot, "ctrl+s")
            assert str(app.screen.query_one("#err-title").render()) == (
                f"{FULL} What you typed is still here.")
            assert app.screen.query_one("#new-review-title", Input).value == "Child Q [/]"
            await keys(pilot, "escape", "y")
            await pilot.pause()

            await keys(pilot, "l")
            await pilot.pause()
            assert isinstance(app.screen, PartnershipScreen)
            await keys(pilot, "p")  # mark the first action started
            assert toasts(app)[-1] == FULL
            await keys(pilot, "2", "n")
            await pilot.pause()
            assert isinstance(app.screen, FieldsScreen)
            await keys(pilot, *"bullying", "enter")
            assert isinstance(app.screen, FieldsScreen)
            assert str(app.screen.query_one("#fields-error").render()) == (
                f"{FULL} What you typed is still here.")
            assert app.screen.query_one("#field-0", Input).value == "bullying"
            disk.free()
            await keys(pilot, "enter")
            await pilot.pause()
            assert not isinstance(app.screen, FieldsScreen)
        assert app.crash_message is None
        assert rows(store, "SELECT id, started FROM recommendations ORDER BY id") == started
        assert rows(store, "SELECT count(*) FROM reviews") == count["reviews"]
        assert rows(store, "SELECT count(*) FROM themes")[0][0] == count["themes"][0][0] + 1
        assert store.integrity_problems() == []
    finally:
        store.close()


async def test_an_event_opened_for_the_first_time_on_a_full_disk_says_so(on_disk):
    from lrf_tui.screens.home import HomeScreen

    store, ref, disk = on_disk
    assert rows(store, "SELECT count(*) FROM event_state") == [(0,)]
    app = LrfApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        disk.fill(store)
        await keys(pilot, "e")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert toasts(app)[-1] == "The live event cannot open: the disk is full."
        disk.free()
        await keys(pilot, "e")
        await pilot.pause()
        assert isinstance(app.screen, EventScreen)
    assert app.crash_message is None
