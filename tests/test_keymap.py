"""The keymap file (keymap.toml in the user config folder) remaps keys by binding id; the hints
the live event draws name the key in use; a file that cannot be used is one line and ignored."""

from __future__ import annotations

import datetime as _dt

import pytest
from textual.widgets import Static
from textual.widgets._toast import Toast

from facilitation.demo import add_demo
from lrf_tui.app import LrfApp
from lrf_tui.keymap import keymap_path, read_keymap
from lrf_tui.screens.event import EventKeysScreen, EventScreen
from lrf_tui.screens.event.note_lists import FindScreen
from keys import keys


@pytest.fixture
def ref(store) -> str:
    return add_demo(store, today=_dt.date(2026, 3, 9))


def write_keymap(text: str | bytes) -> None:
    path = keymap_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode() if isinstance(text, str) else text)


def toasts(app) -> list[str]:
    return [str(t.render()) for t in app.screen.query(Toast)]


def drawn(app, selector: str) -> str:
    return " ".join(str(app.screen.query_one(selector, Static).render()).split())


async def test_a_remapped_key_runs_the_action_and_the_hints_name_it(store, ref):
    write_keymap('"event.find" = "f10"\n"event.clock" = "ctrl+t"\n')
    app = LrfApp(store, event_ref=ref)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, EventScreen)
        assert toasts(app) == []
        assert drawn(app, "#item-times").startswith("clock not started (ctrl+t)")
        await keys(pilot, "f9")
        await pilot.pause()
        assert isinstance(app.screen, EventScreen)  # the old key does nothing now
        await keys(pilot, "f10")
        await pilot.pause()
        assert isinstance(app.screen, FindScreen)
        await keys(pilot, "escape")
        await pilot.pause()
        await keys(pilot, "f1")
        await pilot.pause()
        assert isinstance(app.screen, EventKeysScreen)
        card = drawn(app, "#keys")
        assert "F10 Find" in card and "F9 Find" not in card
        assert "ctrl+t Clock start/pause" in card and "F5 Clock" not in card
        assert "F8 Next item" in card  # keys the file leaves alone keep their defaults


@pytest.mark.parametrize("content, named", [
    ('"event.find" = \n', "not valid TOML"),
    (b'"event.find" = "\xff"\n', "not UTF-8"),
    ('"event.fnd" = "f10"\n"event.clok" = "f11"\n', "no key has the id event.clok, event.fnd"),
    ('"event.find" = 10\n', 'such as "f10"'),
    ('"event.find" = "f 10"\n', 'such as "f10"'),
])
async def test_a_keymap_file_that_cannot_be_used_is_one_line_and_the_defaults_stay(
        store, ref, content, named):
    write_keymap(content)
    app = LrfApp(store, event_ref=ref)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        shown = toasts(app)
        assert len(shown) == 1
        line = " ".join(shown[0].split())
        assert named in line and "is ignored (default keys in use)" in line
        assert drawn(app, "#item-times").startswith("clock not started (F5)")
        await keys(pilot, "f9")
        await pilot.pause()
        assert isinstance(app.screen, FindScreen)


def test_no_keymap_file_is_no_keymap_and_no_complaint(tmp_path):
    assert read_keymap(tmp_path / "keymap.toml") == ({}, None)


async def test_a_remapped_dialog_letter_marks_and_the_old_letter_does_not(store, ref):
    write_keymap('"attendance.late" = "x"\n"attendance.close" = "f11,escape"\n')
    late = lambda: store.conn.execute(  # noqa: E731
        "SELECT attendance FROM participants WHERE name = 'Priya Nandra'").fetchone()[0]
    before = late()
    app = LrfApp(store, event_ref=ref)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await keys(pilot, "f4")
        await pilot.pause()
        hint = drawn(app, ".hint")  # the dialog's own hint line names the keys in use
        assert "x late" in hint and "l late" not in hint
        assert "p present" in hint and "F11 closes" in hint and "Esc closes" not in hint
        await keys(pilot, "down", "l")  # no longer 'late': the start of a note instead
        await pilot.pause()
        assert late() == before
        await keys(pilot, "escape", "ctrl+u", "f4", "down", "x")
        await pilot.pause()
        assert late() == "late"


async def test_a_dialog_hint_names_the_key_the_keymap_moved(store):
    from lrf_tui.screens.partnership.dialogs import PickValueScreen

    write_keymap('"pick_value.cancel" = "f12"\n')
    app = LrfApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(PickValueScreen("Which?", [(1, "one {pick_value.cancel}")]))
        await pilot.pause()
        screen = "\n".join(s.text for s in app.screen._compositor.render_strips())
        assert "Enter chooses · F12 cancels" in screen and "Escape" not in screen
        assert "one {pick_value.cancel}" in screen  # an option's own words are not a hint
