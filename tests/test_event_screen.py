"""The live event screen, driven by keyboard only, checked against what the database holds."""

from __future__ import annotations

import datetime as _dt
import json
import time

import pytest
from textual import events
from textual.widgets import DataTable, Input, Static

from facilitation.demo import add_demo
from facilitation.store import open_store
from lrf_tui.app import LrfApp
from lrf_tui.screens.event import EventScreen, NotesView

from keys import keys, type_keys


FIXED_TODAY = _dt.date(2026, 3, 9)
FIXED_NOW = _dt.datetime(2026, 3, 2, 11, 5, tzinfo=_dt.timezone.utc)


@pytest.fixture
def utc(monkeypatch):
    """Note times are shown in local time: make local time UTC so the screen is the same everywhere."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def frozen(monkeypatch, utc):
    monkeypatch.setattr(EventScreen, "clock", staticmethod(lambda: FIXED_NOW))


@pytest.fixture
def ref(store) -> str:
    return add_demo(store, today=FIXED_TODAY)


async def type_line(pilot, text: str, enter: bool = True) -> None:
    await type_keys(pilot, text)
    if enter:
        await keys(pilot, "enter")
    await pilot.pause()


def message(app) -> str:
    return str(app.screen.query_one("#message", Static).render())


def preview(app) -> str:
    return str(app.screen.query_one("#preview", Static).render())


def view_text(view: NotesView) -> str:
    """What a notes view shows, wrapped lines joined back up."""
    return " ".join(" ".join(strip.text.split()) for strip in view.lines)


def shown(app) -> str:
    return view_text(app.screen.query_one("#notes", NotesView))


def live_notes(store, ref):
    rid = store.conn.execute("SELECT id FROM reviews WHERE ref = ?", [ref]).fetchone()[0]
    return [dict(zip(("id", "kind", "body", "hypothesis", "stance", "speaker", "agenda_item_id",
                      "prompt_area", "deleted"), r))
            for r in store.conn.execute(
                "SELECT id, kind, body, hypothesis, stance, speaker, agenda_item_id, prompt_area, "
                "deleted FROM notes WHERE review_id = ? ORDER BY id", [rid]).fetchall()]


async def test_focus_starts_in_capture_and_notes_are_saved_then_shown(store, ref, run_lrf, db_path, frozen):
    app = LrfApp(store, event_ref=ref)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, EventScreen)
        assert app.focused is app.screen.query_one("#capture", Input)
        await keys(pilot, "f8", "f8")  # item 3: involvement
        await type_line(pilot, "+ h3+ @sue breakfast club daily", enter=False)
        assert "good practice" in preview(app) and "hypothesis 3" in preview(app)
        assert "Sue Carr" in preview(app)
        await keys(pilot, "enter")
        await pilot.pause()
        last = live_notes(store, ref)[-1]
        assert (last["kind"], last["body"], last["hypothesis"], last["stance"], last["speaker"],
                last["prompt_area"]) == ("good_practice", "breakfast club daily", 3, "supports",
                                         "Sue Carr", "involvement")
        assert f"Saved note #{last['id']}" in message(app)
        assert "breakfast club daily" in shown(app)
        assert app.screen.query_one("#capture", Input).value == ""
        await type_line(pilot, "nobody asked about dad")
    whole = json.loads(run_lrf("--db", db_path, "show", ref, "--json").stdout)
    bodies = [n["body"] for n in whole["notes"]]
    assert bodies[-2:] == ["breakfast club daily", "nobody asked about dad"]
    assert whole["notes"][-1]["kind"] == "observation"


HOSTILE_SAVED = [
    "[/]",
    "[bold red]shouting[/bold red]",
    "\ufffd[31mred\ufffd[0m as a paste brings an escape code",
    "emoji 👩‍👧 🧒🏽 👨\u200d👩\u200d👧 ok",
    "ok \u200f(RLM) and \u200c ZWNJ",
    "الأم قالت إن النادي ساعد",
    "האם אמרה שהמועדון עזר",
    "@nobody was mentioned",
]


async def paste(pilot, text: str) -> None:
    capture = pilot.app.screen.query_one("#capture", Input)
    capture.value = ""
    capture.insert_text_at_cursor(text)
    await pilot.pause()


async def test_hostile_input_saved_literally_or_refused(store, ref, frozen):
    app = LrfApp(store, event_ref=ref)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        before = len(live_notes(store, ref))
        for text in HOSTILE_SAVED:
            await paste(pilot, text)
            await keys(pilot, "enter")
            await pilot.pause()
            assert "Saved note" in message(app), (text, message(app))
        saved = live_notes(store, ref)[before:]
        assert [n["body"] for n in saved] == [t.strip() for t in HOSTILE_SAVED]
        assert "@nobody matched no one" in message(app)
        lines = shown(app)
        assert "[/]" in lines and "[bold red]shouting[/bold red]" in lines
        count = len(live_notes(store, ref))
        for text, expected in [
            ("+", "text after the symbols"),
            ("h99+ about nothing", "no hypothesis 99"),
            ("x" * 100_000, "at most 10,000"),
            ("+ - two kinds", "Two kinds"),
            # Controls (facilitation/inputs.py); a paste arrives with them shown as U+FFFD.
            ("\x1b[31mred\x1b[0m and \x1b]0;title\x07", "control characters"),
            ("bell\x07 null\x00 end", "control characters"),
            ("reads \u202ebackwards", "control characters"),
        ]:
            await paste(pilot, text)
            await keys(pilot, "enter")
            await pilot.pause()
            assert expected in message(app), (text[:20], message(app))
            assert message(app).startswith("Not saved") or "Nothing was saved" in message(app)
            assert "Will not save" in preview(app)
            assert app.screen.query_one("#capture", Input).value == text  # kept, not lost
        assert len(live_notes(store, ref)) == count


async def test_edit_delete_restore_last_note(store, ref, frozen):
    app = LrfApp(store, event_ref=ref)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await type_line(pilot, "- h1+ @tom no overnight route")
        note = live_notes(store, ref)[-1]
        await keys(pilot, "up")
        capture = app.screen.query_one("#capture", Input)
        assert capture.value == "- h1+ @dctomreid no overnight route"  # speaker first: End types on
        await keys(pilot, "ctrl+u")
        await type_line(pilot, "! h1- @jo overnight route existed")
        edited = live_notes(store, ref)[-1]
        assert edited["id"] == note["id"]
        assert (edited["kind"], edited["body"], edited["stance"], edited["speaker"]) == (
            "unexpected", "overnight route existed", "challenges", "Jo Hartley")
        assert "overnight route existed" in shown(app)
        assert "no overnight route" not in shown(app)
        # escape cancels an edit and changes nothing
        await keys(pilot, "up", "x", "escape")
        assert live_notes(store, ref)[-1]["body"] == "overnight route existed"
        assert capture.value == ""
        await keys(pilot, "ctrl+r")
        assert live_notes(store, ref)[-1]["deleted"] == 1
        assert "overnight route existed" not in shown(app)
        assert "ctrl+y" in message(app)
        await keys(pilot, "ctrl+y")
        assert live_notes(store, ref)[-1]["deleted"] == 0
        assert "overnight route existed" in shown(app)


async def test_items_clock_and_reopening_after_a_crash(store, ref, db_path, utc, monkeypatch):
    now = [FIXED_NOW]
    monkeypatch.setattr(EventScreen, "clock", staticmethod(lambda: now[0]))
    app = LrfApp(store, event_ref=ref)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await keys(pilot, "f5")  # start the clock
        now[0] += _dt.timedelta(minutes=13)  # first item overran by 3 minutes
        await keys(pilot, "f8")
        now[0] += _dt.timedelta(minutes=4)
        app.screen.update_times()
        times = str(app.screen.query_one("#item-times", Static).render())
        assert "Item 2 of 11" in str(app.screen.query_one("#item-title", Static).render())
        # item 1 overran, and item 2 still has its own 10 minutes
        assert "item 4:00 of 10 min, 6:00 left" in times and "event 17:00 of 150 min" in times
        now[0] += _dt.timedelta(minutes=10)
        app.screen.update_times()
        times = str(app.screen.query_one("#item-times", Static).render())
        assert "item 14:00 of 10 min, 4:00 OVER" in times and "event 27:00 of 150 min" in times
        await keys(pilot, "f7")
        assert "Item 1 of 11" in str(app.screen.query_one("#item-title", Static).render())
        await keys(pilot, "f8", "f8")
    # reopen on the same file as if after a crash 7 minutes later: same item, clock ran on
    now[0] += _dt.timedelta(minutes=7)
    other = open_store(db_path)
    try:
        app2 = LrfApp(other, event_ref=ref)
        async with app2.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert "Item 3 of 11" in str(app2.screen.query_one("#item-title", Static).render())
            assert app2.screen.state.running
            times = str(app2.screen.query_one("#item-times", Static).render())
            assert "item 7:00 of 20 min, 13:00 left" in times and "event 34:00 of 150 min" in times
    finally:
        other.close()


@pytest.mark.walk
async def test_attendance_hypotheses_rules_parked_find(store, ref, frozen):
    app = LrfApp(store, event_ref=ref)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await keys(pilot, "f4")
        await keys(pilot, "down", "l")  # Priya Nandra: late
        await keys(pilot, "escape")
        assert store.conn.execute(
            "SELECT attendance FROM participants WHERE name = 'Priya Nandra'").fetchone()[0] == "late"
        assert app.focused is app.screen.query_one("#capture", Input)

        await keys(pilot, "f3")
        table = app.screen.query_one("#hyp-table", DataTable)
        assert table.row_count == 3
        await keys(pilot, "down", "n")
        assert store.conn.execute(
            "SELECT status FROM hypotheses WHERE number = 2").fetchone()[0] == "not supported"
        assert "4 notes" in str(app.screen.query_one("#hyp-title", Static).render())
        # said where the chair is looking, not in toasts that pile up over the evidence
        assert "H2 is now not supported" in str(app.screen.query_one(".hint", Static).render())
        await keys(pilot, "down", "s")
        assert "H3 is now supported" in str(app.screen.query_one(".hint", Static).render())
        assert len(app._notifications) == 0
        await keys(pilot, "escape")
        assert "not supported" in str(app.screen.query_one("#board", Static).render())

        await keys(pilot, "f2")
        assert "not to find someone to blame" in str(app.screen.query_one("#rules", Static).render())
        await keys(pilot, "f2")
        assert isinstance(app.screen, EventScreen)

        await type_line(pilot, "^ housing transfer for the care team")
        await keys(pilot, "f6")
        table = app.screen.query_one("#parked", DataTable)
        parked = " ".join(str(table.get_row_at(i)[0]) for i in range(table.row_count))
        assert "housing transfer" in parked and "Current arrangements" in parked
        await keys(pilot, "o")  # the highlighted item's owner and follow-up
        await pilot.pause()
        await keys(pilot, *"Care team", "tab", *"Pass on to the care team.", "ctrl+s")
        await pilot.pause()
        assert str(table.get_row_at(table.cursor_row)[1]) == "Care team"
        await keys(pilot, "escape")

        await keys(pilot, "f9")
        await type_line(pilot, "breakfast", enter=False)
        summary = str(app.screen.query_one("#find-summary", Static).render())
        assert summary.startswith("2 notes")
        await keys(pilot, *"ctrl+u".split())
        await type_line(pilot, "> @mental", enter=False)  # an agency: its people's notes too
        found = view_text(app.screen.query_one("#found", NotesView))
        assert "prompt about children to discharge letters" in found
        assert str(app.screen.query_one("#find-summary", Static).render()).startswith("1 note ·")
        await keys(pilot, "escape")
        assert app.focused is app.screen.query_one("#capture", Input)


async def test_fast_typing_keeps_notes_apart(store, ref, frozen):
    """Keys arriving faster than the app handles Enter: each line is still its own note."""
    app = LrfApp(store, event_ref=ref)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        before = len(live_notes(store, ref))
        lines = ["+ first fast note", "- second fast note", "third fast note"]
        for line in lines:  # straight into the driver's queue, no waiting between keys
            for ch in line + "\r":
                event = events.Key("enter", "\r") if ch == "\r" else events.Key(
                    {"+": "plus", "-": "minus", " ": "space"}.get(ch, ch), ch)
                event.set_sender(app)
                app._driver.send_message(event)
        await pilot.pause(0.3)
        saved = live_notes(store, ref)[before:]
        assert [(n["kind"], n["body"]) for n in saved] == [
            ("good_practice", "first fast note"), ("do_differently", "second fast note"),
            ("observation", "third fast note")]
        assert app.screen.query_one("#capture", Input).value == ""


async def test_escape_never_drops_an_unsaved_line(store, ref, frozen):
    app = LrfApp(store, event_ref=ref)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await type_line(pilot, "half a thought", enter=False)
        await keys(pilot, "escape")
        assert isinstance(app.screen, EventScreen)
        assert app.screen.query_one("#capture", Input).value == "half a thought"
        await keys(pilot, "ctrl+u", "escape")
        assert isinstance(app.screen, EventScreen)  # one Esc on an empty line only warns
        assert "Esc again leaves" in message(app)
        await keys(pilot, "escape")
        assert not isinstance(app.screen, EventScreen)


async def test_a_double_escape_closing_a_dialog_stays_in_the_live_event(store, ref, frozen):
    """Closing the hypotheses with a double Esc used to leave the event, and the next words
    typed landed on the home screen ('n' opened a new review)."""
    app = LrfApp(store, event_ref=ref)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await keys(pilot, "f3", "escape", "escape")
        assert isinstance(app.screen, EventScreen)
        await type_line(pilot, "nobody asked dad")
        assert live_notes(store, ref)[-1]["body"] == "nobody asked dad"
        await keys(pilot, "escape")  # typing since: one Esc warns again, it does not leave
        assert isinstance(app.screen, EventScreen)


# --- snapshots -----------------------------------------------------------------------------------


def _snapshot_app(db_path):
    s = open_store(db_path)
    ref = add_demo(s, today=FIXED_TODAY)
    return LrfApp(s, event_ref=ref)


async def _at_item_five_typing(pilot):
    await pilot.pause()
    await keys(pilot, "f8", "f8", "f8", "f8")
    await type_keys(pilot, "- h1+ @tom no route for [bold red]x[/] @nobody")
    await pilot.pause()


def test_snapshot_80x24(snap_compare, db_path, frozen):
    assert snap_compare(_snapshot_app(db_path), terminal_size=(80, 24),
                        run_before=_at_item_five_typing)


def test_snapshot_120x40(snap_compare, db_path, frozen):
    assert snap_compare(_snapshot_app(db_path), terminal_size=(120, 40),
                        run_before=_at_item_five_typing)


def test_every_key_has_an_id_and_a_description():
    from lrf_tui.screens import event as screen_module

    for cls in (EventScreen, screen_module.GroundRulesScreen, screen_module.HypothesesScreen,
                screen_module.AttendanceScreen, screen_module.ParkedScreen,
                screen_module.FindScreen):
        for b in cls.BINDINGS:
            assert b.id and b.description, (cls.__name__, b.key)
    # none of the live screen's keys is a printable character that typing a note would need
    for b in EventScreen.BINDINGS:
        for key in b.key.split(","):
            assert len(key) > 1, key


def visible_line(widget) -> str:
    """What a one-line, ellipsis-cut Static actually shows on screen."""
    return "".join(seg.text for seg in widget.render_line(0)).rstrip()


async def test_the_times_line_shows_the_item_against_its_own_minutes_at_80_columns(
        store, ref, utc, monkeypatch):
    """A 20-minute item after two short ones showed 52:57 left: the time they saved had been
    spread over the items to come. Each item has its own minutes; the clock's state comes
    first and the whole line fits at 80 columns."""
    now = [FIXED_NOW]
    monkeypatch.setattr(EventScreen, "clock", staticmethod(lambda: now[0]))
    app = LrfApp(store, event_ref=ref)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        times = app.screen.query_one("#item-times", Static)
        assert visible_line(times).startswith("clock not started (F5) · item 0:00 of 10 min")
        await keys(pilot, "f5")
        now[0] += _dt.timedelta(minutes=2)
        await keys(pilot, "f8")  # item 2 of 10 minutes, after 2 minutes on item 1
        await pilot.pause()
        assert visible_line(times) == (
            "clock running (F5) · item 0:00 of 10 min, 10:00 left · event 2:00 of 150 min")
        now[0] += _dt.timedelta(minutes=1)
        await keys(pilot, "f8")  # item 3, of 20 minutes
        await pilot.pause()
        assert "item 0:00 of 20 min, 20:00 left" in visible_line(times)
        now[0] += _dt.timedelta(minutes=23)
        await keys(pilot, "f5")  # pause, 3 minutes over
        await pilot.pause()
        assert visible_line(times) == (
            "clock PAUSED (F5) · item 23:00 of 20 min, 3:00 OVER · event 26:00 of 150 min")


async def test_evidence_and_speaker_read_apart(store, ref, frozen):
    """'H2 against Ana Silva: ...' read as if the note were against Ana Silva."""
    app = LrfApp(store, event_ref=ref)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await type_line(pilot, "h2- asked about childcare at every review @ana")
        await type_line(pilot, "h3+ @sue her notes quoted the child")
        text = shown(app)
        assert "(against H2) Ana Silva: asked about childcare" in text
        assert "(for H3) Sue Carr: her notes quoted the child" in text
        assert "against Ana" not in text and "for Sue" not in text


async def test_editing_the_last_note_and_typing_on_keeps_the_speaker(store, ref, frozen):
    app = LrfApp(store, event_ref=ref)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await type_line(pilot, "h3+ joined late and explained the bail timeline @tom")
        await keys(pilot, "up", "end")
        await type_line(pilot, " to the group")
        last = live_notes(store, ref)[-1]
        assert (last["body"], last["speaker"], last["hypothesis"]) == (
            "joined late and explained the bail timeline to the group", "DC Tom Reid", 3)


async def test_f1_shows_every_event_key_and_symbol_on_one_80x24_screen(store, ref, frozen):
    """Textual's own key panel put the capture line's editing keys first and the event's keys
    (F6 to F9, up, ctrl+r, ctrl+y) out of sight below them at 80x24."""
    from lrf_tui.screens.event import EventKeysScreen

    app = LrfApp(store, event_ref=ref)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await keys(pilot, "f1")
        assert isinstance(app.screen, EventKeysScreen)
        card = app.screen.query_one("#keys", Static)
        text = " ".join(str(card.render()).split())
        for b in EventScreen.BINDINGS:
            if b.action != "keys":
                assert b.description in text
        for words in ("F8 Next item", "↑ Edit last", "ctrl+r Delete last", "ctrl+y Restore deleted",
                      "+ good practice", "^ parked", "h2+ evidence for hypothesis 2"):
            assert words in text
        assert card.region.bottom <= 23  # nothing below the Footer line: all of it is seen
        await keys(pilot, "escape")
        assert isinstance(app.screen, EventScreen)
        assert app.focused is app.screen.query_one("#capture", Input)


async def test_typing_into_a_forgotten_dialog_goes_to_the_capture_line(store, ref, frozen):
    """A chair who opened a dialog and turned back to the room starts typing what is said: the
    keys must reach the note line, and letters the dialog uses (e for 'left early', s for
    'supported') must not act once typing has begun."""
    app = LrfApp(store, event_ref=ref)
    statuses = lambda: store.conn.execute(  # noqa: E731
        "SELECT group_concat(status) FROM (SELECT status FROM hypotheses ORDER BY number)").fetchone()[0]
    attendance = lambda: store.conn.execute(  # noqa: E731
        "SELECT group_concat(attendance) FROM (SELECT attendance FROM participants ORDER BY id)").fetchone()[0]
    before = (statuses(), attendance())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        capture = app.screen.query_one("#capture", Input)
        for key, close in (("f2", "escape"), ("f3", "enter"), ("f4", "escape"), ("f6", "escape"),
                           ("f1", "escape")):
            await keys(pilot, key)
            assert not isinstance(app.screen, EventScreen), key
            await type_line(pilot, "We went to the house, supposedly", enter=False)
            assert not isinstance(app.screen, EventScreen), key  # shown where it was typed
            assert "We went to the house, supposedly" in str(app.screen.query_one("#typed").render())
            await keys(pilot, close)
            await pilot.pause()
            assert isinstance(app.screen, EventScreen), key
            assert capture.value == "We went to the house, supposedly", key
            assert app.focused is capture
            assert "Enter saves it" in message(app)
            await keys(pilot, "ctrl+u")
        assert (statuses(), attendance()) == before  # no letter acted as a command
        # a note that starts with the dialog's own letters: 'n' and 'o' set H1's status until
        # 'b' shows it was typing; they are put back and kept as the start of the note
        for key, words in (("f3", "nobody spoke"), ("f4", "please note")):
            await keys(pilot, key)
            await type_line(pilot, words, enter=False)
            await keys(pilot, "escape")
            await pilot.pause()
            assert capture.value == words
            assert (statuses(), attendance()) == before
            await keys(pilot, "ctrl+u")
        await keys(pilot, "f6")  # a paste into a dialog is not lost either
        app.screen.post_message(events.Paste("pasted from the minutes\nsecond line"))
        await pilot.pause()
        await keys(pilot, "escape")
        await pilot.pause()
        assert capture.value == "pasted from the minutes second line"
        await keys(pilot, "ctrl+u")
        # the dialogs' letters still do their jobs: a status set, then (a moment later) typing
        await keys(pilot, "f3", "down", "n")
        assert statuses().split(",")[1] == "not supported"
        app.screen.TYPING_WINDOW = -1  # as if the chair paused before typing
        await type_line(pilot, "went", enter=False)
        assert statuses().split(",")[1] == "not supported"
        assert "went" in str(app.screen.query_one("#typed").render())


async def test_pageup_reads_back_through_the_item_and_beyond_the_newest_notes(store, ref, frozen):
    """Focus stays in the capture line, so the notes could not be scrolled by keyboard at all;
    and only the newest notes of an item are drawn, so PageUp at the top draws older ones."""
    from facilitation import event as ev
    from facilitation.capture import parse
    from lrf_tui.screens.event import SHOWN_NOTES

    ctx = ev.load_context(store, ref)
    first = ctx.agenda[0]
    for i in range(SHOWN_NOTES + 100):
        ev.add_note(store, ctx.review_id, parse(f"old note {i:04d}"), agenda_item_id=first["id"],
                    now=FIXED_NOW)
    app = LrfApp(store, event_ref=ref)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.screen.query_one("#notes", NotesView)
        capture = app.screen.query_one("#capture", Input)
        await type_line(pilot, "half a line", enter=False)
        assert view.scroll_y == view.max_scroll_y > 0
        assert "100 earlier notes" in view_text(view)
        await keys(pilot, "pageup")
        assert 0 < view.scroll_y < view.max_scroll_y  # a page back, not a jump
        assert capture.value == "half a line"  # the line is untouched
        await keys(pilot, "pagedown")
        assert view.scroll_y == view.max_scroll_y
        view.scroll_home(animate=False)
        await pilot.pause()
        await keys(pilot, "pageup")  # at the top: the older ones are drawn above
        await pilot.pause()
        assert "old note 0000" in view_text(view) and "earlier notes" not in view_text(view)
        assert len(view._notes) == SHOWN_NOTES + 100
        assert 0 < view.scroll_y < view.max_scroll_y  # still where the chair was reading
        assert "all of them" in message(app)
        await keys(pilot, "enter")  # a new note still lands at the bottom, in view
        await pilot.pause()
        assert view_text(view).endswith("half a line")
        assert view.scroll_y == view.max_scroll_y


async def test_moving_item_while_changing_a_note_does_not_save_a_second_copy(store, ref, frozen):
    app = LrfApp(store, event_ref=ref)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await type_line(pilot, "said in item one")
        count = len(live_notes(store, ref))
        await keys(pilot, "up", *" too", "f8")
        await pilot.pause()
        assert "still changing note" in message(app)
        await keys(pilot, "enter")
        await pilot.pause()
    bodies = [n["body"] for n in live_notes(store, ref)]
    assert len(bodies) == count and bodies[-1] == "said in item one too"


async def test_f9_with_nothing_typed_shows_the_current_items_newest_notes(store, ref, frozen):
    app = LrfApp(store, event_ref=ref)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await type_line(pilot, "said under item one")
        await keys(pilot, "f8")
        await type_line(pilot, "said under item two")
        await keys(pilot, "f9")
        await pilot.pause()
        found = view_text(app.screen.query_one("#found", NotesView))
        assert "said under item two" in found and "said under item one" not in found
        summary = str(app.screen.query_one("#find-summary", Static).render())
        item = app.screen_stack[-2].item
        count = sum(1 for n in live_notes(store, ref) if n["agenda_item_id"] == item["id"])
        assert summary == f"This item's notes ({count}): {item['title']}"
        assert "Type above to search the whole review" in found
        await type_line(pilot, "said under", enter=False)  # words search the whole review
        found = view_text(app.screen.query_one("#found", NotesView))
        assert "said under item one" in found and "said under item two" in found
        await keys(pilot, "ctrl+u")
        await pilot.pause()
        found = view_text(app.screen.query_one("#found", NotesView))
        assert "said under item one" not in found


async def test_a_pasted_paragraph_arrives_whole_on_the_capture_line(store, ref, frozen):
    app = LrfApp(store, event_ref=ref)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        before = len(live_notes(store, ref))
        app.post_message(events.Paste("+ School rang on the Monday.\nNobody called back\r\n"
                                      "until Friday."))
        await pilot.pause()
        capture = app.screen.query_one("#capture", Input)
        assert capture.value == "+ School rang on the Monday. Nobody called back until Friday."
        assert len(live_notes(store, ref)) == before  # a paste never saves by itself
        await keys(pilot, "enter")
        await pilot.pause()
        assert live_notes(store, ref)[-1]["body"] == (
            "School rang on the Monday. Nobody called back until Friday.")


async def test_the_first_note_says_it_started_the_clock(store, ref, frozen):
    app = LrfApp(store, event_ref=ref)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        times = str(app.screen.query_one("#item-times", Static).render())
        assert "clock not started" in times
        await type_line(pilot, "+ school fed her")
        assert "The clock has started (F5 pauses it)." in message(app)
        assert "clock not started" not in str(app.screen.query_one("#item-times", Static).render())
        await type_line(pilot, "- nobody rang back")
        assert "clock" not in message(app)
