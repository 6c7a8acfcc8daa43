"""ctrl+q never throws away typing that is not in the database yet without asking first."""

from __future__ import annotations

import datetime as _dt

from textual.widgets import Input

from facilitation.demo import add_demo
from facilitation.reviews import review_as_json
from lrf_tui.app import LrfApp
from lrf_tui.screens.event import EventScreen
from lrf_tui.dialogs import ConfirmModal, FormModal
from keys import keys, type_keys

TODAY = _dt.date(2026, 3, 9)


async def drive(app, steps, size=(80, 24)):
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await steps(pilot)


def notes(store):
    return store.conn.execute("SELECT count(*) FROM notes").fetchone()[0]


async def test_quit_with_a_half_typed_note_asks_and_no_keeps_the_line(store):
    ref = add_demo(store, today=TODAY)
    app = LrfApp(store, event_ref=ref, today=TODAY)
    before = notes(store)

    async def steps(pilot):
        await type_keys(pilot, "- no route overnight")
        await keys(pilot, "ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        assert app.return_code is None
        await keys(pilot, "n")
        await pilot.pause()
        assert isinstance(app.screen, EventScreen)
        assert app.screen.query_one("#capture", Input).value == "- no route overnight"
        await keys(pilot, "enter")
        await pilot.pause()
        await keys(pilot, "ctrl+q")  # nothing unsaved now: quits at once
        await pilot.pause()
        assert app.return_code == 0

    await drive(app, steps)
    assert notes(store) == before + 1


async def test_quit_with_a_half_typed_note_y_quits(store):
    ref = add_demo(store, today=TODAY)
    app = LrfApp(store, event_ref=ref, today=TODAY)

    async def steps(pilot):
        await type_keys(pilot, "- half")
        await keys(pilot, "ctrl+q")
        await pilot.pause()
        assert app.return_code is None
        await keys(pilot, "y")
        await pilot.pause()
        assert app.return_code == 0

    await drive(app, steps)


async def test_ctrl_q_twice_quits(store):
    ref = add_demo(store, today=TODAY)
    app = LrfApp(store, event_ref=ref, today=TODAY)

    async def steps(pilot):
        await type_keys(pilot, "- half")
        await keys(pilot, "ctrl+q", "ctrl+q")
        await pilot.pause()
        assert app.return_code == 0

    await drive(app, steps)


async def test_quit_from_an_open_preparation_dialog_asks(store):
    ref = add_demo(store, today=TODAY)
    app = LrfApp(store, today=TODAY)

    async def steps(pilot):
        app.open_review_screen("prepare", ref)
        await pilot.pause()
        await keys(pilot, "tab", "a", *"Was the school told?")
        await pilot.pause()
        assert isinstance(app.screen, FormModal)
        await keys(pilot, "ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await keys(pilot, "escape")
        await pilot.pause()
        assert isinstance(app.screen, FormModal)
        await keys(pilot, "ctrl+s")
        await pilot.pause()

    await drive(app, steps)
    assert review_as_json(store, ref)["key_lines_of_enquiry"][-1] == "Was the school told?"


async def test_new_review_escape_with_a_title_typed_asks(store):
    app = LrfApp(store, today=TODAY)

    async def steps(pilot):
        app.open_review_screen("new", "")
        await pilot.pause()
        app.screen.query_one("#new-review-title", Input).focus()
        await type_keys(pilot, "Child T")
        await keys(pilot, "escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await keys(pilot, "n")
        await pilot.pause()
        assert app.screen.query_one("#new-review-title", Input).value == "Child T"
        await keys(pilot, "escape", "y")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"

    await drive(app, steps)
