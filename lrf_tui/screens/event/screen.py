"""The live event: a chair types notes while the room talks; nothing typed-and-saved is lost.

Focus lives in the capture line. Every key that is not typing is a function key, ``ctrl+`` or
``up``/``escape`` so it never collides with a note. Every note is committed to the database
before it is drawn (``facilitation.event.add_note`` returns only after COMMIT). This module holds
the screen's layout, its keys and moving between items; saving notes is in ``note_actions``,
drawing in ``display``, the kept line in ``kept_line``, the dialogs in their own modules.
"""

from __future__ import annotations

import datetime as _dt
from typing import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Input, Label, Static

from facilitation import clock as _clock
from facilitation import event as ev
from facilitation.errors import InputRefused

from ...keymap import key_for
from ...text import clean
from ...widgets.capture_input import CaptureInput
from ...widgets.footer import LrfFooter
from ...widgets.notes_view import SHOWN_NOTES, NotesView
from ...writes import describe_sqlite_error, is_write_failure
from .attendance import AttendanceScreen
from .cards import EventKeysScreen, GroundRulesScreen
from .display import EventDisplay
from .hypotheses import HypothesesScreen
from .kept_line import KeptLine
from .note_actions import NoteCapture
from .note_lists import FindScreen
from .parked import ParkedScreen


class EventScreen(KeptLine, EventDisplay, NoteCapture, Screen):
    """Live capture against the agenda, prompts and hypotheses."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    AUTO_FOCUS = "#capture"

    BINDINGS = [
        Binding("f2", "rules", "Ground rules", id="event.rules",
                tooltip="Show the ground rules to the room"),
        Binding("f3", "hypotheses", "Hypotheses", id="event.hypotheses",
                tooltip="Hypotheses and their evidence"),
        Binding("f4", "attendance", "Attendance", id="event.attendance",
                tooltip="Who is present, late or absent"),
        Binding("f5", "clock", "Clock start/pause", id="event.clock",
                tooltip="Start or pause the event clock"),
        Binding("f6", "parked", "Parked", id="event.parked", tooltip="Notes parked for later"),
        Binding("f7", "previous_item", "Prev item", id="event.previous_item",
                tooltip="Go to the previous agenda item"),
        Binding("f8", "next_item", "Next item", id="event.next_item",
                tooltip="Go to the next agenda item"),
        Binding("f9", "find", "Find", id="event.find",
                tooltip="Find notes by words, kind or name"),
        Binding("up", "edit_last", "Edit last", id="event.edit_last",
                tooltip="Edit the last note"),
        Binding("ctrl+r", "delete_last", "Delete last", id="event.delete_last",
                tooltip="Delete the last note"),
        Binding("ctrl+y", "restore_deleted", "Restore deleted", id="event.restore_deleted",
                tooltip="Bring back a deleted note"),
        Binding("escape", "back", "Back / cancel", id="event.back",
                tooltip="Cancel the edit, or leave the event"),
        Binding("f1", "keys", "Keys", id="event.keys", tooltip="Every key and capture symbol"),
        # Priority: the capture line has focus and would take these keys for itself.
        Binding("pageup", "notes_page(-1)", "Earlier notes", id="event.notes_up",
                tooltip="Show earlier notes", priority=True,
                show=False),
        Binding("pagedown", "notes_page(1)", "Later notes", id="event.notes_down",
                tooltip="Show later notes", priority=True,
                show=False),
    ]

    # Tests and benches replace this to freeze time.
    # The moment, from the one clock seam (tests fix it there or here).
    clock: Callable[[], _dt.datetime] = staticmethod(lambda: _clock.now())

    def __init__(self, ref: str) -> None:
        super().__init__()
        self.ref = ref
        self.ctx: ev.EventContext | None = None
        self.state: ev.EventState | None = None
        self.editing: dict | None = None
        self._tallies: dict[int, tuple[int, int]] = {}
        self._parked_count = 0
        self._parked_recent: list[str] = []
        self._earlier = 0  # notes of the current item not drawn
        self._leave_armed = False  # Esc pressed once on an empty line
        # The capture line as kept in the database: (text, note id being edited), or None.
        self._draft_kept: tuple[str, int | None] | None = None
        self._draft_due = 0.0  # monotonic time to keep the line; 0 when nothing is waiting
        self._draft_timer = None

    # -- layout ------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="event-top"):
            yield Static(id="item-title", markup=False)
            yield Static(id="item-times", markup=False)
            yield Static(id="questions", markup=False)
        with Horizontal(id="event-main"):
            yield NotesView(id="notes")
            with VerticalScroll(id="side"):
                yield Static(id="board", markup=False)
                yield Static(id="parked-summary", markup=False)
        yield Static(id="preview", markup=False)
        with Horizontal(id="capture-row"):
            yield Label("Note ›", id="capture-label")
            yield CaptureInput(self.save_line_from_key, id="capture", placeholder="+ good  - differently  ! unexpected  * learning  > action  ~ family  ? question  ^ parked  h2+  @name",
                        compact=True, select_on_focus=False)
        yield Static(id="message", markup=False)
        yield LrfFooter()

    def on_mount(self) -> None:
        store = self.app.store
        try:
            self.ctx = ev.load_context(store, self.ref)
        except InputRefused as e:
            self.app.notify(str(e), severity="error", markup=False)
            self.app.pop_screen()
            return
        try:
            self.state = ev.load_state(store, self.ctx)  # written the first time
        except Exception as e:
            if not is_write_failure(e):
                raise
            self.app.notify(f"The live event cannot open: {describe_sqlite_error(e)}.",
                            severity="error", markup=False, timeout=10)
            self.ctx = None
            self.app.pop_screen()
            return
        self.sub_title = f"{self.ctx.review['ref']} live event"
        self.title = clean(self.ctx.review["family_label"] or self.ctx.review["title"])
        self.show_item()
        self.refresh_board()
        self.update_preview("")
        self.say(f"Type a note and press Enter. {self.bound_key('event.keys')} lists every key.")
        self.restore_draft()
        self.set_interval(1.0, self.update_times)
        self.query_one("#capture", Input).focus()

    # -- typing and leaving ------------------------------------------------------------------

    @on(Input.Changed, "#capture")
    def _changed(self, event: Input.Changed) -> None:
        self._leave_armed = False
        self.update_preview(event.value)
        self._draft_changed(event.input)

    def on_screen_resume(self) -> None:
        self._leave_armed = False  # back from a dialog: its closing Esc does not count
        self.update_times()  # the clock line waited while the dialog was open

    def has_unsaved_typing(self) -> bool:
        """A line typed but not yet entered (or an edit not yet entered)."""
        if not self.is_mounted:
            return False
        return bool(self.query_one("#capture", Input).value.strip())

    def action_back(self) -> None:
        capture = self.query_one("#capture", Input)
        if self.editing is not None:
            self.editing = None
            capture.value = ""
            self.say("Edit cancelled; the note is as it was.")
            return
        if capture.value.strip():
            self.say("The line is not saved: Enter saves it, ctrl+u clears it.", error=True)
            return
        if len(self.app.screen_stack) <= 1:
            return
        # A second Esc to leave: a chair who closes a dialog with a double Esc must not find
        # the next words they type landing on the home screen (where 'n' opens a new review).
        if not self._leave_armed:
            self._leave_armed = True
            self.say(f"{self.bound_key('event.back')} again leaves the live event (every note is "
                     "saved); typing carries on.")
            return
        self.app.pop_screen()

    # -- items, the clock, paging and dialogs ------------------------------------------------

    def _move(self, step: int) -> None:
        ctx, state = self.ctx, self.state
        if ctx is None or state is None or not ctx.agenda:
            return
        ids = [a["id"] for a in ctx.agenda]
        idx = ids.index(state.current_item_id) if state.current_item_id in ids else 0
        new = idx + step
        if not 0 <= new < len(ids):
            self.say("That was the " + ("last" if step > 0 else "first") + " item.", error=True)
            return
        if not self.wrote("Still on this item.",
                          lambda: ev.move_to_item(self.app.store, state, ids[new], self.clock())):
            return
        self.query_one("#notes", NotesView).keep = SHOWN_NOTES
        self.show_item()
        if self.editing is not None:
            # The edit carries on: dropping it here left the note's text on the line, and
            # Enter then saved a second copy as a new note in this item.
            self.say(f"Now on item {new + 1} of {len(ids)}; still changing note "
                     f"#{self.editing['id']}: Enter saves, "
                     f"{self.bound_key('event.back')} cancels.")
            return
        self.say(f"Now on item {new + 1} of {len(ids)}.")

    def action_next_item(self) -> None:
        self._move(1)

    def action_previous_item(self) -> None:
        self._move(-1)

    def action_clock(self) -> None:
        state = self.state
        if state is None:
            return
        running = state.running
        change = ev.pause_clock if running else ev.start_clock
        if not self.wrote("The clock is as it was.",
                          lambda: change(self.app.store, state, self.clock())):
            return
        self.say("Clock paused." if running else "Clock running.")
        self.update_times()

    def action_notes_page(self, step: int) -> None:
        """Page through the item's notes without leaving the capture line; PageUp at the top
        draws the next older batch (only the newest are drawn at first, to keep Enter fast)."""
        view = self.query_one("#notes", NotesView)
        if step > 0:
            view.scroll_page_down(animate=False)
            return
        if view.scroll_y > 0 or self._earlier <= 0:
            view.scroll_page_up(animate=False)
            return
        before = len(view.lines)
        view.keep += SHOWN_NOTES
        self.show_item()
        added = len(view.lines) - before
        # after the redraw's own scroll to the end: put the chair where they were, older above
        view.call_after_refresh(view.scroll_to, y=max(added - 1, 0), animate=False)
        self.say(f"Showing {len(view._notes):,} notes of this item"
                 + (f"; {self._earlier:,} earlier." if self._earlier else ", all of them."))

    def bound_key(self, binding_id: str) -> str:
        """The key now bound to one of this screen's bindings (the keymap file can move it),
        as the hints drawn here name it."""
        return key_for(self.app, self.BINDINGS, binding_id)

    def action_keys(self) -> None:
        # Textual's key panel lists the capture line's editing keys first and the event's
        # own keys out of sight below them at 80x24; this card fits the screen.
        self.app.push_screen(EventKeysScreen(self.BINDINGS))

    def action_rules(self) -> None:
        if self.ctx is not None:
            self.app.push_screen(GroundRulesScreen(self.ctx.ground_rules))

    def action_hypotheses(self) -> None:
        if self.ctx is not None:
            self.app.push_screen(HypothesesScreen(self.ctx), lambda _: self._after_modal())

    def action_attendance(self) -> None:
        if self.ctx is not None:
            self.app.push_screen(AttendanceScreen(self.ctx))

    def action_parked(self) -> None:
        if self.ctx is not None:
            self.app.push_screen(ParkedScreen(self.ctx))

    def action_find(self) -> None:
        if self.ctx is not None:
            item = self.item
            self.app.push_screen(FindScreen(self.ctx, item, has_agenda=bool(self.ctx.agenda)))

    def _after_modal(self) -> None:
        if self.ctx is not None:
            ev.reload_hypotheses(self.app.store, self.ctx)
            self.refresh_board()
