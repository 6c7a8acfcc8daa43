"""A line typed on the capture line but not entered is kept as a draft (after a pause, or as a
signal stops lrf), comes back when the event is reopened, and is never a note: not in the
JSON, the outcome form or any export."""

from __future__ import annotations

import datetime as _dt
import importlib
import json

from textual.widgets import Input, Static

from exports import RENDERERS
from facilitation import event as ev
from facilitation.demo import add_demo
from lrf_tui.app import LrfApp
from lrf_tui.screens.event import EventScreen
from keys import keys, type_keys

TODAY = _dt.date(2026, 3, 9)
SECRET = "zanzibarword"


async def drive(app, steps, size=(80, 24)):
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await steps(pilot)


def draft(store):
    row = store.conn.execute("SELECT body, editing_note_id FROM capture_drafts").fetchone()
    return tuple(row) if row else None


async def until_kept(pilot, store, body, tries=100):
    """Let the app run until the pause in typing has kept the line (nothing timed is asserted)."""
    for _ in range(tries):
        if draft(store) and draft(store)[0] == body:
            return
        await pilot.pause(0.1)
    raise AssertionError("the line was never kept")


def message(app) -> str:
    return str(app.screen.query_one("#message", Static).render())


def capture(app) -> Input:
    return app.screen.query_one("#capture", Input)


async def test_a_kept_line_is_never_a_note_nor_exported_and_ctrl_u_forgets_it(store, run_lrf, db_path):
    ref = add_demo(store, today=TODAY)
    app = LrfApp(store, event_ref=ref, today=TODAY)
    line = f"+ h1+ {SECRET} said in the room [bold]"

    async def steps(pilot):
        tallies = ev.hypothesis_tallies(store, app.screen.ctx.review_id)
        await type_keys(pilot, line)
        await until_kept(pilot, store, line)
        outside = run_lrf("--db", db_path, "show", ref, "--json")
        assert outside.returncode == 0
        data = json.loads(outside.stdout)
        assert all(SECRET not in n["body"] for n in data["notes"])
        assert SECRET not in outside.stdout + run_lrf("--db", db_path, "show", ref).stdout
        for what, target in RENDERERS.items():
            module, func = target.split(":")
            text = getattr(importlib.import_module(module), func)(store, ref)
            assert SECRET not in text, what
        assert ev.hypothesis_tallies(store, app.screen.ctx.review_id) == tallies  # not evidence
        await keys(pilot, "ctrl+u")  # the chair clears the line: it is forgotten at once
        await pilot.pause()
        assert draft(store) is None

    await drive(app, steps)
    assert not store.conn.execute(
        "SELECT count(*) FROM notes WHERE body LIKE ?", [f"%{SECRET}%"]).fetchone()[0]


async def test_a_signal_keeps_the_line_at_once_and_reopening_puts_it_back(store):
    ref = add_demo(store, today=TODAY)
    before = store.conn.execute("SELECT count(*) FROM notes").fetchone()[0]
    line = "! nobody asked about dad [/]"

    async def typed_then_signal(pilot):
        await type_keys(pilot, line)
        pilot.app._exit_on_signal()  # as SIGHUP does: no pause in typing first

    await drive(LrfApp(store, event_ref=ref, today=TODAY), typed_then_signal)
    assert draft(store) == (line, None)

    async def reopened(pilot):
        assert isinstance(pilot.app.screen, EventScreen)
        assert capture(pilot.app).value == line
        assert "unsaved line from last time is back, not yet a note" in message(pilot.app)
        await keys(pilot, "enter")
        await pilot.pause()
        assert capture(pilot.app).value == ""

    await drive(LrfApp(store, event_ref=ref, today=TODAY), reopened)
    bodies = [r[0] for r in store.conn.execute("SELECT body FROM notes ORDER BY id")]
    assert len(bodies) == before + 1 and bodies[-1] == "nobody asked about dad [/]"
    assert draft(store) is None


async def test_an_unsaved_change_to_a_note_comes_back_as_that_edit(store):
    ref = add_demo(store, today=TODAY)

    async def edit_then_signal(pilot):
        await type_keys(pilot, "first version")
        await keys(pilot, "enter")
        await pilot.pause()
        await keys(pilot, "up", *" and more")
        pilot.app._exit_on_signal()

    await drive(LrfApp(store, event_ref=ref, today=TODAY), edit_then_signal)
    note_id = store.conn.execute("SELECT max(id) FROM notes").fetchone()[0]
    assert draft(store) == ("first version and more", note_id)
    count = store.conn.execute("SELECT count(*) FROM notes").fetchone()[0]

    async def reopened(pilot):
        assert capture(pilot.app).value == "first version and more"
        assert f"Unsaved change to note #{note_id} from last time" in message(pilot.app)
        await keys(pilot, "enter")
        await pilot.pause()

    await drive(LrfApp(store, event_ref=ref, today=TODAY), reopened)
    assert store.conn.execute("SELECT count(*) FROM notes").fetchone()[0] == count  # no new note
    body = store.conn.execute("SELECT body FROM notes WHERE id = ?", [note_id]).fetchone()[0]
    assert body == "first version and more"
    assert draft(store) is None


async def test_typing_in_a_dialog_is_kept_with_the_line_when_the_window_closes(store):
    ref = add_demo(store, today=TODAY)

    async def steps(pilot):
        await type_keys(pilot, "mum said ")
        await keys(pilot, "f3")
        await pilot.pause()
        await type_keys(pilot, "zebra crossing")  # z is no command in the dialog: it is typing
        pilot.app._exit_on_signal()

    await drive(LrfApp(store, event_ref=ref, today=TODAY), steps)
    assert draft(store) == ("mum said zebra crossing", None)


async def test_quit_and_lose_it_does_not_bring_the_line_back(store):
    ref = add_demo(store, today=TODAY)
    line = "a line the chair chose to drop"

    async def steps(pilot):
        await type_keys(pilot, line)
        await until_kept(pilot, store, line)
        await keys(pilot, "ctrl+q")
        await pilot.pause()
        await keys(pilot, "y")
        await pilot.pause()

    await drive(LrfApp(store, event_ref=ref, today=TODAY), steps)
    assert draft(store) is None


async def test_a_kept_change_to_a_note_since_deleted_comes_back_as_a_new_line(store):
    ref = add_demo(store, today=TODAY)

    async def edit_then_signal(pilot):
        await type_keys(pilot, "soon deleted")
        await keys(pilot, "enter")
        await pilot.pause()
        await keys(pilot, "up", *" but kept")
        pilot.app._exit_on_signal()

    await drive(LrfApp(store, event_ref=ref, today=TODAY), edit_then_signal)
    note_id = store.conn.execute("SELECT max(id) FROM notes").fetchone()[0]
    ev.set_deleted(store, note_id, True)  # deleted elsewhere before the event is reopened

    async def reopened(pilot):
        assert capture(pilot.app).value == "soon deleted but kept"
        assert "its note is gone" in message(pilot.app)
        await keys(pilot, "enter")
        await pilot.pause()

    await drive(LrfApp(store, event_ref=ref, today=TODAY), reopened)
    live = [r[0] for r in store.conn.execute("SELECT body FROM notes WHERE deleted = 0")]
    assert live[-1] == "soon deleted but kept"
    assert draft(store) is None
