"""The live event: a chair types notes while the room talks; nothing typed-and-saved is lost.

Focus lives in the capture line. Every key that is not typing is a function key, ``ctrl+`` or
``up``/``escape`` so it never collides with a note. Every note is committed to the database
before it is drawn (``facilitation.event.add_note`` returns only after COMMIT).
"""

from __future__ import annotations

import datetime as _dt
from time import monotonic
from typing import Callable

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, Header, Input, Label, RichLog, Static

from facilitation import event as ev
from facilitation.capture import KIND_TOKENS, as_line, describe, parse_filter
from facilitation.errors import InputRefused
from facilitation.framework import (
    ATTENDANCE,
    NOTE_KIND_LABELS,
    PROMPT_AREA_BY_KEY,
    PROMPT_AREAS,
)

from ..text import clean, literal
from ..writes import describe_sqlite_error, is_write_failure, not_saved, writing

# How many of the current item's notes the view draws; older ones are found with F9.
SHOWN_NOTES = 300
# A pause in typing this long keeps the capture line as a draft (never on the Enter path).
DRAFT_PAUSE = 1.0

KIND_STYLE = {
    "observation": "",
    "good_practice": "bold green",
    "do_differently": "bold yellow",
    "unexpected": "bold magenta",
    "learning": "bold cyan",
    "action": "bold blue",
    "family_view": "bold",
    "question": "italic",
    "parked": "dim",
}
KIND_WIDTH = max(len(v) for v in NOTE_KIND_LABELS.values())


def utcnow() -> _dt.datetime:
    return _dt.datetime.now(_dt.timezone.utc)


def note_time(created_at: str | None) -> str:
    try:
        return _dt.datetime.fromisoformat(created_at or "").astimezone().strftime("%H:%M")
    except (ValueError, TypeError):
        return "--:--"


def note_text(note: dict, *, with_item: str | None = None) -> Text:
    """One note as a line: time, kind as a word, hypothesis, speaker, then the literal text."""
    line = Text(no_wrap=False, overflow="fold")
    line.append(note_time(note.get("created_at")) + " ", style="dim")
    label = NOTE_KIND_LABELS.get(note.get("kind") or "", note.get("kind") or "")
    line.append(label.ljust(KIND_WIDTH), style=KIND_STYLE.get(note.get("kind") or "", ""))
    if note.get("hypothesis") is not None:
        # In brackets, so a speaker after it never reads as the object ("H2 against Ana Silva").
        stance = "for" if note.get("stance") == "supports" else "against"
        line.append(f" ({stance} H{note['hypothesis']})", style="bold")
    if with_item:
        line.append(" (")
        line.append_text(literal(with_item))
        line.append(")")
    if note.get("speaker"):
        line.append(" ")
        line.append_text(literal(note["speaker"], style="underline"))
        line.append(":")
    line.append(" ")
    line.append_text(literal(note.get("body") or ""))
    return line


class NotesView(RichLog):
    """The notes of the current item, newest at the bottom; appending draws one note only."""

    def __init__(self, **kw) -> None:
        super().__init__(wrap=True, min_width=20, auto_scroll=True, markup=False, **kw)
        self._notes: list[dict] = []
        self.keep = SHOWN_NOTES  # how many the chair has asked to see (PageUp at the top)
        self._header: Text | None = None
        self._drawn_width = 0

    def show(self, notes: list[dict], header: Text | None = None) -> None:
        self._notes = list(notes)
        self._header = header
        self._redraw()

    def _redraw(self) -> None:
        self.clear()
        self._drawn_width = self.scrollable_content_region.width
        if self._header is not None:
            self.write(self._header)
        for n in self._notes:
            self.write(note_text(n))

    def append(self, note: dict) -> None:
        self._notes.append(note)
        keep = max(SHOWN_NOTES, self.keep)
        if len(self._notes) > keep * 2:  # keep the redraw on resize bounded
            self._notes = self._notes[-keep:]
        self.write(note_text(note))

    def on_resize(self) -> None:
        width = self.scrollable_content_region.width
        if self._size_known and width and width != self._drawn_width:
            self._redraw()


class CaptureInput(Input):
    """The capture line. Enter is handled here, in the order keys arrive: a key binding would
    run only after the key had bubbled up, by which time a fast typist's next characters (or an
    F8 for the next item) may already have been processed."""

    def __init__(self, on_enter: Callable[[Input, str], None], **kw) -> None:
        super().__init__(**kw)
        self._on_enter = on_enter

    async def _on_key(self, event) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self._on_enter(self, self.value)


class EventScreen(Screen):
    """Live capture against the agenda, prompts and hypotheses."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    AUTO_FOCUS = "#capture"

    BINDINGS = [
        Binding("f2", "rules", "Ground rules", id="event.rules"),
        Binding("f3", "hypotheses", "Hypotheses", id="event.hypotheses"),
        Binding("f4", "attendance", "Attendance", id="event.attendance"),
        Binding("f5", "clock", "Clock start/pause", id="event.clock"),
        Binding("f6", "parked", "Parked", id="event.parked"),
        Binding("f7", "previous_item", "Prev item", id="event.previous_item"),
        Binding("f8", "next_item", "Next item", id="event.next_item"),
        Binding("f9", "find", "Find", id="event.find"),
        Binding("up", "edit_last", "Edit last", id="event.edit_last"),
        Binding("ctrl+r", "delete_last", "Delete last", id="event.delete_last"),
        Binding("ctrl+y", "restore_deleted", "Restore deleted", id="event.restore_deleted"),
        Binding("escape", "back", "Back / cancel", id="event.back"),
        Binding("f1", "keys", "Keys", id="event.keys"),
        # Priority: the capture line has focus and would take these keys for itself.
        Binding("pageup", "notes_page(-1)", "Earlier notes", id="event.notes_up", priority=True,
                show=False),
        Binding("pagedown", "notes_page(1)", "Later notes", id="event.notes_down", priority=True,
                show=False),
    ]

    # Tests and benches replace this to freeze time.
    clock: Callable[[], _dt.datetime] = staticmethod(utcnow)

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
        yield Footer()

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
        self.say("Type a note and press Enter. F1 lists every key.")
        self.restore_draft()
        self.set_interval(1.0, self.update_times)
        self.query_one("#capture", Input).focus()

    # -- the kept (draft) capture line ---------------------------------------------------------

    def restore_draft(self) -> None:
        """Put back the line that was typed but not entered when lrf last stopped."""
        assert self.ctx is not None
        store = self.app.store
        try:
            draft = ev.load_draft(store, self.ctx.review_id)
        except Exception:
            return
        if draft is None:
            return
        capture = self.query_one("#capture", Input)
        editing = None
        gone = False
        if draft["editing_note_id"] is not None:
            note = ev.get_note(store, draft["editing_note_id"])
            if note is not None and not note["deleted"]:
                editing = note
            else:
                gone = True
        self.editing = editing
        capture.value = draft["body"]
        capture.cursor_position = len(capture.value)
        self._draft_kept = (draft["body"], editing["id"] if editing else None)
        self.update_preview(capture.value)
        if editing is not None:
            # Each message fits one line at 80 columns.
            self.say(f"Unsaved change to note #{editing['id']} from last time: Enter saves it, "
                     "Esc cancels.")
        elif gone:
            self.say("Unsaved line from last time; its note is gone, Enter adds it as new.")
        else:
            self.say("Your unsaved line from last time is back, not yet a note: Enter saves it.")

    def _draft_changed(self, capture: Input) -> None:
        """The capture line changed: keep it after a pause in typing; forget at once a line
        the chair has cleared. Cheap: no database work happens here while typing. Reads the
        line as it is now (a change message can arrive after Enter has taken the line)."""
        if not capture.value.strip():
            self._draft_due = 0.0
            if self._draft_kept is not None:
                self.keep_draft_now()
            return
        self._draft_due = monotonic() + DRAFT_PAUSE
        if self._draft_timer is None:
            self._draft_timer = self.set_timer(DRAFT_PAUSE, self._draft_tick)

    def _draft_tick(self) -> None:
        self._draft_timer = None
        if not self._draft_due:
            return
        left = self._draft_due - monotonic()
        if left > 0.02:  # typed since the timer was set: wait for the pause
            self._draft_timer = self.set_timer(left, self._draft_tick)
            return
        self._draft_due = 0.0
        self.keep_draft_now()

    def keep_draft_now(self, extra: str = "") -> None:
        """Write the capture line (with ``extra`` typed into a dialog) as the review's draft,
        if it is not what is kept already. Never raises and never says the text."""
        if self.ctx is None or not self.is_mounted:
            return
        capture = self.query_one("#capture", Input)
        value = capture.value
        if extra:
            cursor = capture.cursor_position
            value = value[:cursor] + extra + value[cursor:]
        editing_id = self.editing["id"] if self.editing is not None else None
        want = (value, editing_id) if value.strip() else None
        if want == self._draft_kept:
            return
        try:
            ev.save_draft(self.app.store, self.ctx.review_id, value, editing_id)
        except Exception:
            return  # a kept line is a courtesy; the line itself is still on screen
        self._draft_kept = want

    def keep_unsaved_typing(self) -> None:
        """Called as lrf is stopped by a signal (a closed window, SIGTERM): keep the line now,
        with anything typed into a dialog over the event that had not reached it yet."""
        extra = ""
        top = self.app.screen
        if isinstance(top, TypingGoesToNotes) and top._under is self and top._typed:
            extra = top._typed
        self._draft_due = 0.0
        self.keep_draft_now(extra)

    def discard_unsaved_typing(self) -> None:
        """The chair chose to quit and lose the line: do not bring it back next time."""
        self._draft_due = 0.0
        if self._draft_kept is not None and self.ctx is not None:
            try:
                ev.clear_draft(self.app.store, self.ctx.review_id)
            except Exception:
                return
            self._draft_kept = None

    # -- drawing -----------------------------------------------------------------------------

    @property
    def item(self) -> dict | None:
        assert self.ctx is not None and self.state is not None
        return self.ctx.item(self.state.current_item_id)

    def show_item(self) -> None:
        ctx, state = self.ctx, self.state
        assert ctx is not None and state is not None
        item = self.item
        store = self.app.store
        if item is None:
            self.query_one("#item-title", Static).update("No agenda: notes are filed under the review.")
            self.query_one("#questions", Static).update("")
        else:
            pos = ctx.agenda.index(item) + 1
            title = Text(f"Item {pos} of {len(ctx.agenda)}: ", style="bold")
            title.append_text(literal(item["title"], style="bold"))
            self.query_one("#item-title", Static).update(title)
            area = PROMPT_AREA_BY_KEY.get(item["prompt_area"] or "")
            q = Text()
            if area:
                q.append(area.label + ": ", style="bold")
                q.append(area.prompt)
                for text in ctx.questions_for(area.key):
                    q.append("\n• ")
                    q.append_text(literal(text))
            else:
                q.append("No prompt area for this item.", style="dim")
            self.query_one("#questions", Static).update(q)
        item_id = item["id"] if item else None
        total = ev.count_item_notes(store, ctx.review_id, item_id)
        view = self.query_one("#notes", NotesView)
        notes = ev.item_notes(store, ctx.review_id, item_id, limit=view.keep)
        header = None
        self._earlier = total - len(notes)
        if total > len(notes):
            header = Text(f"… {total - len(notes):,} earlier notes in this item: PageUp here "
                          "shows more, F9 finds them.", style="dim italic")
        elif not notes:
            header = Text("No notes for this item yet.", style="dim italic")
        view.show(notes, header)
        self.update_times()

    def update_times(self) -> None:
        if self.ctx is None or self.state is None:
            return
        t = ev.timings(self.ctx, self.state, self.clock())
        parts = []
        if self.item is not None:
            left = t.item_left
            if left >= 0:
                parts.append(f"item {ev.clock(left)} left of {ev.clock(t.item_budget)}")
            else:
                parts.append(f"item OVER by {ev.clock(-left)} (had {ev.clock(t.item_budget)})")
        ev_left = t.event_left
        parts.append(f"event {ev.clock(ev_left)} left" if ev_left >= 0
                     else f"event OVER by {ev.clock(-ev_left)}")
        ids = [a["id"] for a in self.ctx.agenda]
        if self.state.current_item_id in ids:
            idx = ids.index(self.state.current_item_id)
            if idx + 1 < len(ids):
                nxt = self.ctx.agenda[idx + 1]
                budget, planned = t.budgets[nxt["id"]], nxt["minutes"] * 60
                if abs(budget - planned) >= 30:
                    parts.append(f"next item {ev.clock(budget)} (planned {ev.clock(planned)})")
        # The clock's state goes first: at 80 columns the end of this line is cut off, and a
        # chair must see that the clock is paused without reading to the end.
        if self.state.started_at is None:
            parts.insert(0, "clock not started (F5)")
        elif not self.state.running:
            parts.insert(0, "clock PAUSED (F5)")
        self.query_one("#item-times", Static).update(" · ".join(parts), layout=False)

    def refresh_board(self) -> None:
        """Read tallies and parked notes afresh (on open, after edits, deletes and status changes)."""
        ctx = self.ctx
        assert ctx is not None
        store = self.app.store
        self._tallies = ev.hypothesis_tallies(store, ctx.review_id)
        parked = ev.find_notes(store, ctx.review_id, ev.NoteFilter(kind="parked"), limit=5)
        self._parked_count = store.conn.execute(
            "SELECT count(*) FROM notes WHERE review_id = ? AND deleted = 0 AND kind = 'parked'",
            [ctx.review_id],
        ).fetchone()[0]
        self._parked_recent = [n["body"] for n in parked]
        self.draw_board()

    def count_on_board(self, note: dict) -> None:
        """A new note: adjust the board from memory instead of re-reading 10,000 notes."""
        if note.get("hypothesis") is not None:
            f, a = self._tallies.get(note["hypothesis"], (0, 0))
            if note.get("stance") == "supports":
                f += 1
            else:
                a += 1
            self._tallies[note["hypothesis"]] = (f, a)
        if note.get("kind") == "parked":
            self._parked_count += 1
            self._parked_recent = (self._parked_recent + [note["body"]])[-5:]
        self.draw_board()

    def draw_board(self) -> None:
        ctx = self.ctx
        assert ctx is not None
        board = Text()
        board.append("Hypotheses (F3)\n", style="bold")
        if not ctx.hypotheses:
            board.append("none set\n", style="dim")
        for h in ctx.hypotheses:
            f, a = self._tallies.get(h["number"], (0, 0))
            board.append(f"H{h['number']} ", style="bold")
            board.append(f"{h['status']} · for {f} · against {a}\n")
            board.append_text(literal(h["text"]))
            board.append("\n")
        self.query_one("#board", Static).update(board)
        ps = Text()
        ps.append(f"\nParked (F6): {self._parked_count}\n", style="bold")
        for body in self._parked_recent:
            ps.append("• ")
            ps.append_text(literal(body))
            ps.append("\n")
        self.query_one("#parked-summary", Static).update(ps)

    def say(self, message: str, *, error: bool = False) -> None:
        msg = self.query_one("#message", Static)
        msg.update(literal(message), layout=False)  # one fixed line: no layout pass needed
        if msg.has_class("error") != error:
            msg.set_class(error, "error")

    def update_preview(self, value: str) -> None:
        preview = self.query_one("#preview", Static)
        if self.ctx is None:
            return
        if not value.strip():
            label = "Editing note: " if self.editing else ""
            preview.update(Text(label + "Reads as: (type a note)", style="dim"), layout=False)
            if preview.has_class("error"):
                preview.remove_class("error")
            return
        parsed = self.ctx.parse(value)
        text = Text("Editing → " if self.editing else "Reads as: ", style="bold")
        text.append_text(literal(describe(parsed)))
        preview.update(text, layout=False)
        warn = not parsed.ok or bool(parsed.unmatched or parsed.ambiguous)
        if preview.has_class("error") != warn:
            preview.set_class(warn, "error")

    # -- capture -----------------------------------------------------------------------------

    @on(Input.Changed, "#capture")
    def _changed(self, event: Input.Changed) -> None:
        self._leave_armed = False
        self.update_preview(event.value)
        self._draft_changed(event.input)

    def on_screen_resume(self) -> None:
        self._leave_armed = False  # back from a dialog: its closing Esc does not count

    def save_line_from_key(self, capture: Input, value: str) -> None:
        self.save_line(capture, value)

    @staticmethod
    def _consume(capture: Input, value: str) -> None:
        """Clear what was saved but keep anything typed after Enter (a fast typist's next note
        can reach the input before this handler runs)."""
        current = capture.value
        capture.value = current[len(value):] if current.startswith(value) else current

    def save_line(self, capture: Input, value: str | None = None) -> None:
        ctx, state = self.ctx, self.state
        if ctx is None or state is None:
            return
        store = self.app.store
        if value is None:
            value = capture.value
        if not value.strip() and not self.editing:
            return
        parsed = ctx.parse(value)
        if not parsed.ok:
            # Lead with the outcome: a chair glancing back after Enter sees first that the line
            # (still in the box) was not saved, then why.
            error = parsed.error or "That line cannot be saved."
            self.say(error if "saved" in error else "Not saved: " + error, error=True)
            return
        try:
            # A kept draft of this line goes in the note's own transaction; the line is only
            # written as a draft after a pause, never here, so Enter does no extra work.
            had_draft = self._draft_kept is not None
            if self.editing is not None:
                note = ev.edit_note(store, self.editing["id"], parsed, now=self.clock(),
                                    clear_draft_of=ctx.review_id if had_draft else None)
                self._draft_kept = None
                self.editing = None
                self._consume(capture, value)
                self.show_item()
                self.say(f"Saved the change to note #{note['id']}.")
                if note.get("hypothesis") is not None or note["kind"] == "parked":
                    self.refresh_board()
                return
            item = self.item
            note = ev.add_note(  # committed when it returns: only now is it shown as saved
                store,
                ctx.review_id,
                parsed,
                agenda_item_id=item["id"] if item else None,
                prompt_area=item["prompt_area"] if item else None,
                now=self.clock(),
                clear_draft=had_draft,
            )
            self._draft_kept = None
        except InputRefused as e:
            self.say(str(e), error=True)
            return
        except Exception as e:  # the database went away: keep the line, say so
            self.say(not_saved(e, kept="Your line is still here.") if is_write_failure(e) else
                     f"Not saved: the database could not be written ({type(e).__name__}). "
                     "Your line is still here.", error=True)
            return
        self._consume(capture, value)
        notes = self.query_one("#notes", NotesView)
        if not notes._notes and notes._header is not None:
            notes.show([note])
        else:
            notes.append(note)
        extra = ""
        if parsed.unmatched:
            extra = f" {', '.join(parsed.unmatched)} matched no one and stayed in the text."
        for word, names in parsed.ambiguous:
            extra += f" {word} could be {' or '.join(names[:3])}: kept as text, no speaker."
        if note["hypothesis"] is not None or note["kind"] == "parked":
            self.count_on_board(note)
        failed = False
        if state.started_at is None:  # the first note starts the event's clock
            try:
                ev.start_clock(store, state, self.clock())
            except Exception as e:
                if not is_write_failure(e):
                    raise
                # The note is saved; only the clock is not: say both, in one line.
                extra = f" The clock did not start: {describe_sqlite_error(e)} (F5 tries again)."
                failed = True
            else:
                extra = " The clock has started (F5 pauses it)." + extra
            self.update_times()
        self.say(f"Saved note #{note['id']} at {note_time(note['created_at'])}.{extra}",
                 error=failed)

    def wrote(self, kept: str, write: Callable[[], object]) -> bool:
        """Run one write; if the database did not take it, say why on the message line (and
        ``kept``: what is as it was) and return False."""
        try:
            with writing(kept=kept):
                write()
        except InputRefused as e:
            self.say(e.message, error=True)
            return False
        return True

    # -- actions -----------------------------------------------------------------------------

    def action_edit_last(self) -> None:
        capture = self.query_one("#capture", Input)
        if capture.value.strip():
            self.say("Press Enter to save this line first (or ctrl+u to clear it), then ↑ edits the last note.",
                     error=True)
            return
        note = ev.last_note(self.app.store, self.ctx.review_id) if self.ctx else None
        if note is None:
            self.say("There is no note to edit yet.", error=True)
            return
        self.editing = note
        capture.value = as_line(note)
        capture.cursor_position = len(capture.value)
        self.say(f"Editing note #{note['id']}: Enter saves the change, Esc cancels.")

    def action_delete_last(self) -> None:
        if self.ctx is None:
            return
        was_editing = self.editing is not None
        note = self.editing if was_editing else ev.last_note(self.app.store, self.ctx.review_id)
        if note is None:
            self.say("There is no note to delete.", error=True)
            return
        if not self.wrote("The note is not deleted.",
                          lambda: ev.set_deleted(self.app.store, note["id"], True)):
            return
        if was_editing:  # only now that the note is gone: its line is no use any more
            self.editing = None
            self.query_one("#capture", Input).value = ""
        self.show_item()
        self.refresh_board()
        self.say(f"Deleted note #{note['id']} (kept in the file: ctrl+y restores it).")

    def action_restore_deleted(self) -> None:
        if self.ctx is None:
            return
        note = ev.last_deleted_note(self.app.store, self.ctx.review_id)
        if note is None:
            self.say("No deleted note to restore.", error=True)
            return
        if not self.wrote("The note is still deleted.",
                          lambda: ev.set_deleted(self.app.store, note["id"], False)):
            return
        self.show_item()
        self.refresh_board()
        self.say(f"Restored note #{note['id']}.")

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
            self.say("Esc again leaves the live event (every note is saved); typing carries on.")
            return
        self.app.pop_screen()

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
                     f"#{self.editing['id']}: Enter saves, Esc cancels.")
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


# --- full-screen and modal helpers ---------------------------------------------------------------


class TypingGoesToNotes:
    """For the dialogs over the live event. A chair who forgets one is open and types what is
    being said would lose those keys, or worse, set statuses with them. From the first printable
    key the dialog has no use for, every printable key is held (and shown) as a note line, not
    taken as a command; Esc, Enter or the dialog's own key carries it to the capture line."""

    BINDINGS: list[Binding]
    _typed: str | None = None
    _under: "EventScreen | None" = None
    # Letters taken as commands just before typing began: (when, letter, undo). "nobody" in
    # the hypotheses dialog would otherwise set H1 to 'not supported', then 'open'.
    _recent: list[tuple[float, str, Callable[[], None]]]
    TYPING_WINDOW = 1.5  # seconds between a command letter and the typing it turned out to start

    _key_char: str = ""

    def remember_command(self, undo: Callable[[], None]) -> None:
        if not hasattr(self, "_recent"):
            self._recent = []
        if self._key_char:
            self._recent.append((monotonic(), self._key_char, undo))

    async def on_key(self, event: events.Key) -> None:
        screen = self  # a Screen
        if self._under is not None and self.app.screen is not screen:  # type: ignore[attr-defined]
            # keys that were on their way to the dialog as it closed
            if event.is_printable and event.character:
                event.stop()
                event.prevent_default()
                self._under.query_one("#capture", Input).insert_text_at_cursor(event.character)
            return
        if self._typed is not None:
            if event.key in ("enter", "escape"):
                event.stop()
                event.prevent_default()
                self.action_close()  # type: ignore[attr-defined]
                return
            if event.key == "backspace":
                event.stop()
                self._typed = self._typed[:-1]
                self._show_typed()
                return
        if not event.is_printable or not event.character:
            self._recent = []  # an arrow or the like: the letters before it were commands
            return
        if self._typed is None:
            bound = [b for b in self.BINDINGS if event.key in b.key.split(",")]
            if bound:
                # Run the letter's action here, in the order keys reach this screen: left to
                # the app's bindings, it could run after later letters had started a note.
                event.stop()
                event.prevent_default()
                self._key_char = event.character
                try:
                    await self.app.run_action(bound[0].action, self)  # type: ignore[attr-defined]
                finally:
                    self._key_char = ""
                return
            stack = self.app.screen_stack  # type: ignore[attr-defined]
            under = stack[-2] if len(stack) > 1 else None
            if not isinstance(under, EventScreen):
                return
            self._under, self._typed = under, ""
            now, taken = monotonic(), []
            for when, char, undo in reversed(getattr(self, "_recent", [])):
                if now - when > self.TYPING_WINDOW:
                    break
                now = when
                taken.append((char, undo))
            for char, undo in taken:  # newest first
                undo()
            self._typed = "".join(char for char, _ in reversed(taken))
            self._recent = []
        event.stop()
        event.prevent_default()
        self._typed += event.character
        self._show_typed()

    def on_paste(self, event: events.Paste) -> None:
        stack = self.app.screen_stack  # type: ignore[attr-defined]
        if self._under is None:
            under = stack[-2] if len(stack) > 1 else None
            if not isinstance(under, EventScreen):
                return
            self._under = under
        event.stop()
        text = " ".join(event.text.splitlines())  # as the capture line takes a paste: one line
        if self.app.screen is not self:  # type: ignore[attr-defined]
            self._under.query_one("#capture", Input).insert_text_at_cursor(text)
            return
        self._typed = (self._typed or "") + text
        self._show_typed()

    def _show_typed(self) -> None:
        shown = Text("Typing a note: ", style="bold")
        shown.append_text(literal(self._typed or ""))
        shown.append("  (Esc or Enter takes it to the note line)", style="dim")
        try:
            line = self.query_one("#typed", Static)  # type: ignore[attr-defined]
        except Exception:
            line = Static(id="typed", classes="typed", markup=False)
            footers = self.query(Footer)  # type: ignore[attr-defined]
            if footers:  # above the keys, which still say how to leave
                self.mount(line, before=footers.first())  # type: ignore[attr-defined]
            else:
                self.mount(line)  # type: ignore[attr-defined]
        line.update(shown)

    def carry_typing(self) -> None:
        """Call as the dialog closes: what was typed goes to the capture line."""
        if self._under is None or not self._typed:
            return
        capture = self._under.query_one("#capture", Input)
        capture.insert_text_at_cursor(self._typed)
        self._typed = ""
        self._under.say("Your typing is on the note line: Enter saves it.")


def key_name(key: str) -> str:
    key = key.split(",")[0]
    names = {"up": "↑", "escape": "Esc", "enter": "Enter", "pageup": "PgUp", "pagedown": "PgDn"}
    if key in names:
        return names[key]
    if key.startswith("f") and key[1:].isdigit():
        return key.upper()
    return key


class EventKeysScreen(TypingGoesToNotes, ModalScreen[None]):
    """Every key of the live event and the capture symbols, on one screen at 80x24."""

    BINDINGS = [Binding("escape,f1", "close", "Close", id="keys.close")]

    def __init__(self, bindings: list[Binding]) -> None:
        super().__init__()
        self.bindings = [b for b in bindings if b.action != "keys"]

    def compose(self) -> ComposeResult:
        text = Text("Keys in the live event (F1 or Esc closes)\n", style="bold")
        rows = [(key_name(b.key), b.description) for b in self.bindings]
        rows += [("ctrl+u", "Clear the line"), ("ctrl+q", "Quit")]
        half = (len(rows) + 1) // 2
        for left, right in zip(rows[:half], rows[half:] + [("", "")]):
            text.append(f" {left[0]:>6} ", style="bold")
            text.append(f"{left[1]:<28}")
            text.append(f"{right[0]:>6} ", style="bold")
            text.append(f"{right[1]}\n")
        text.append("\nStart a note with a symbol to say what it is\n", style="bold")
        symbols = [(tok, NOTE_KIND_LABELS[kind]) for tok, kind in KIND_TOKENS.items()]
        symbols.append(("none", NOTE_KIND_LABELS["observation"]))
        half = (len(symbols) + 1) // 2
        for left, right in zip(symbols[:half], symbols[half:] + [("", "")]):
            text.append(f" {left[0]:>6} ", style="bold")
            text.append(f"{left[1]:<28}")
            text.append(f"{right[0]:>6} ", style="bold")
            text.append(f"{right[1]}\n")
        text.append("    h2+ ", style="bold")
        text.append("evidence for hypothesis 2 (h2- against)\n")
        text.append("  @name ", style="bold")
        text.append("who said it: a participant or agency, first letters are enough\n")
        text.append("     \\+ ", style="bold")
        text.append("a backslash keeps a symbol as text\n")
        with VerticalScroll(id="keys-body", classes="dialog"):
            yield Static(text, id="keys", markup=False)
        yield Footer()

    def action_close(self) -> None:
        self.carry_typing()
        self.dismiss(None)


class GroundRulesScreen(TypingGoesToNotes, Screen):
    """The ground rules, big enough for the room to read."""

    BINDINGS = [
        Binding("f2", "dismiss_rules", "Back to notes", id="rules.close"),
        Binding("escape", "dismiss_rules", "Back to notes", id="rules.escape", show=False),
    ]

    def __init__(self, rules: list[str]) -> None:
        super().__init__()
        self.rules = rules

    def compose(self) -> ComposeResult:
        text = Text("Ground rules\n\n", style="bold")
        if not self.rules:
            text.append("No ground rules have been set for this review.")
        for i, rule in enumerate(self.rules, 1):
            text.append(f"{i}. ", style="bold")
            text.append_text(literal(rule))
            text.append("\n\n")
        with VerticalScroll(id="rules-body"):
            yield Static(text, id="rules", markup=False)
        yield Footer()

    def action_dismiss_rules(self) -> None:
        self.carry_typing()
        self.app.pop_screen()

    action_close = action_dismiss_rules


class HypothesesScreen(TypingGoesToNotes, ModalScreen[None]):
    HINT = "Hypotheses: s p n u o set the status, v shows the evidence, Esc closes."

    BINDINGS = [
        Binding("s", "status('supported')", "Supported", id="hypotheses.supported"),
        Binding("p", "status('partly supported')", "Partly", id="hypotheses.partly"),
        Binding("n", "status('not supported')", "Not supported", id="hypotheses.not_supported"),
        Binding("u", "status('untested at event')", "Untested", id="hypotheses.untested"),
        Binding("o", "status('open')", "Open", id="hypotheses.open"),
        Binding("v", "evidence", "Evidence", id="hypotheses.evidence"),
        Binding("escape,f3", "close", "Close", id="hypotheses.close"),
    ]

    def __init__(self, ctx: ev.EventContext) -> None:
        super().__init__()
        self.ctx = ctx

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog"):
            yield Static(self.HINT, classes="hint", markup=False)
            yield DataTable(id="hyp-table", cursor_type="row")
            yield Static(id="hyp-title", markup=False)
            yield NotesView(id="evidence")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("No.", key="number")
        table.add_column("Status", key="status")
        table.add_column("For", key="for")
        table.add_column("Against", key="against")
        table.add_column("Hypothesis", key="text")
        self.reload()
        table.focus()
        self.action_evidence()

    def reload(self) -> None:
        store = self.app.store
        ev.reload_hypotheses(store, self.ctx)
        tallies = ev.hypothesis_tallies(store, self.ctx.review_id)
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for h in self.ctx.hypotheses:
            f, a = tallies.get(h["number"], (0, 0))
            table.add_row(f"H{h['number']}", h["status"], str(f), str(a), literal(h["text"]),
                          key=str(h["number"]))
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))

    def _number(self) -> int | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return int(key) if key else None

    def action_status(self, status: str) -> None:
        number = self._number()
        if number is None or self._typed is not None:  # typing has begun: letters are text
            return
        before = next((h["status"] for h in self.ctx.hypotheses if h["number"] == number), None)

        def undo() -> None:
            if before is not None and self._set_status(number, before):
                self.reload()
                self.query_one(".hint", Static).update(self.HINT)

        if not self._set_status(number, status):
            return
        self.remember_command(undo)
        self.reload()
        # Said on the hint line, not in a toast: toasts piled up over the evidence (and over
        # the notes after Esc) while the chair went down the list setting statuses.
        self.query_one(".hint", Static).update(
            f"H{number} is now {status}. {self.HINT}")

    def _set_status(self, number: int, status: str) -> bool:
        """Write a status; a failed write is said on the hint line and changes nothing."""
        try:
            with writing(kept=f"H{number} is as it was."):
                ev.set_hypothesis_status(self.app.store, self.ctx.review_id, number, status)
        except InputRefused as e:
            self.query_one(".hint", Static).update(literal(e.message))
            self.query_one(".hint", Static).add_class("error")
            return False
        self.query_one(".hint", Static).remove_class("error")
        return True

    def action_evidence(self) -> None:
        number = self._number()
        view = self.query_one("#evidence", NotesView)
        if number is None:
            view.show([], Text("No hypotheses were set for this review.", style="dim"))
            return
        notes = ev.hypothesis_evidence(self.app.store, self.ctx.review_id, number)
        title = Text(f"H{number}: ", style="bold")
        for h in self.ctx.hypotheses:
            if h["number"] == number:
                title.append_text(literal(h["text"]))
        title.append(f"\nEvidence for and against H{number}: {len(notes)} notes", style="bold")
        self.query_one("#hyp-title", Static).update(title)
        view.show(notes, None if notes else Text("No evidence noted yet.", style="dim"))

    def on_data_table_row_highlighted(self) -> None:
        self.action_evidence()

    def action_close(self) -> None:
        self.carry_typing()
        self.dismiss(None)


class AttendanceScreen(TypingGoesToNotes, ModalScreen[None]):
    HINT = ("Attendance: p present, l late, e left early, a absent, u unable to contribute, "
            "i invited. Esc closes.")

    BINDINGS = [
        Binding("p", "mark('present')", "Present", id="attendance.present"),
        Binding("l", "mark('late')", "Late", id="attendance.late"),
        Binding("e", "mark('left early')", "Left early", id="attendance.left_early"),
        Binding("a", "mark('absent')", "Absent", id="attendance.absent"),
        Binding("u", "mark('unable to contribute')", "Unable", id="attendance.unable"),
        Binding("i", "mark('invited')", "Invited", id="attendance.invited"),
        Binding("escape,f4", "close", "Close", id="attendance.close"),
    ]

    def __init__(self, ctx: ev.EventContext) -> None:
        super().__init__()
        self.ctx = ctx

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog"):
            yield Static(self.HINT, classes="hint", markup=False)
            yield DataTable(id="people", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("Name", key="name")
        table.add_column("Attendance", key="attendance")
        table.add_column("Agency", key="agency")
        table.add_column("Role", key="role")
        for p in self.ctx.participants:
            table.add_row(literal(p["name"]), p["attendance"], literal(p["agency"]),
                          literal(p["role"]), key=str(p["id"]))
        if not self.ctx.participants:
            self.query_one(".hint", Static).update("No participants are listed for this review.")
        table.focus()

    def action_mark(self, attendance: str, remember: bool = True) -> None:
        assert attendance in ATTENDANCE
        table = self.query_one(DataTable)
        if not table.row_count or (remember and self._typed is not None):
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        row = table.cursor_row
        before = next((p["attendance"] for p in self.ctx.participants if str(p["id"]) == key), None)

        def undo() -> None:
            if before is not None:
                table.move_cursor(row=row)
                self.action_mark(before, remember=False)
                table.move_cursor(row=row)

        hint = self.query_one(".hint", Static)
        try:
            with writing(kept="Attendance is as it was."):
                ev.set_attendance(self.app.store, int(key), attendance)
        except InputRefused as e:
            hint.update(literal(e.message))
            hint.add_class("error")
            return
        if hint.has_class("error"):
            hint.remove_class("error")
            hint.update(self.HINT)
        if remember:
            self.remember_command(undo)
        for p in self.ctx.participants:
            if str(p["id"]) == key:
                p["attendance"] = attendance
        table.update_cell(key, "attendance", attendance)
        if table.cursor_row < table.row_count - 1:
            table.move_cursor(row=table.cursor_row + 1)

    def action_close(self) -> None:
        self.carry_typing()
        self.dismiss(None)


class ParkedScreen(TypingGoesToNotes, ModalScreen[None]):
    BINDINGS = [Binding("escape,f6", "close", "Close", id="parked.close")]

    def __init__(self, ctx: ev.EventContext) -> None:
        super().__init__()
        self.ctx = ctx

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog"):
            yield Static("Parked: outside this review's scope, to come back to. Esc closes.",
                         classes="hint", markup=False)
            yield NotesView(id="parked")
        yield Footer()

    def on_mount(self) -> None:
        notes = ev.parked_notes(self.app.store, self.ctx.review_id)
        titles = {a["id"]: a["title"] for a in self.ctx.agenda}
        view = self.query_one(NotesView)
        if not notes:
            view.show([], Text("Nothing parked. Start a note with ^ to park it.", style="dim"))
        else:
            view.clear()
            for n in notes:
                view.write(note_text(n, with_item=titles.get(n["agenda_item_id"])))
        view.focus()

    def action_close(self) -> None:
        self.carry_typing()
        self.dismiss(None)


class FindScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f9", "close", "Close", id="find.close")]

    def __init__(self, ctx: ev.EventContext, item: dict | None = None, *,
                 has_agenda: bool = False) -> None:
        super().__init__()
        self.ctx = ctx
        self.item = item  # the event's current item: an empty search shows its newest notes
        self.has_agenda = has_agenda

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog"):
            yield Static("Find notes: words, and any of a kind symbol (+ - ! * > ~ ? ^), h2, "
                         "@name, #area. Esc closes.", classes="hint", markup=False)
            yield Input(id="find", placeholder="e.g.  > @police overnight", compact=True)
            yield Static(id="find-summary", markup=False)
            yield NotesView(id="found")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#find", Input).focus()
        self.run_find("")

    @on(Input.Changed, "#find")
    def _changed(self, event: Input.Changed) -> None:
        self.run_find(event.value)

    @on(Input.Submitted, "#find")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.run_find(event.value)

    def show_item_notes(self) -> None:
        """Nothing typed yet: the current item's newest notes, not the whole review's (the chair
        opened F9 from this item and is most likely looking for something just said)."""
        item_id = self.item["id"] if self.item else None
        notes = ev.item_notes(self.app.store, self.ctx.review_id, item_id, limit=200)
        total = ev.count_item_notes(self.app.store, self.ctx.review_id, item_id)
        shown = f"newest {len(notes)} of {total}" if total > len(notes) else f"{total}"
        # One line at 80 columns: the title goes last, so only it is cut short.
        if self.item is not None:
            summary = Text(f"This item's notes ({shown}): ", style="bold")
            summary.append_text(literal(self.item["title"]))
        elif self.has_agenda:
            summary = Text(f"Notes not filed under an item ({shown})", style="bold")
        else:
            summary = Text(f"This review's notes ({shown})", style="bold")
        self.query_one("#find-summary", Static).update(summary)
        view = self.query_one("#found", NotesView)
        view.clear()
        view.write(Text("Type above to search the whole review.", style="dim italic"))
        if not notes:
            view.write(Text("No notes for this item yet.", style="dim"))
        for n in notes:
            view.write(note_text(n))

    def run_find(self, value: str) -> None:
        if not value.strip():
            self.show_item_notes()
            return
        spec = parse_filter(value, self.ctx.people, self.ctx.agencies,
                            [(p.key, p.label) for p in PROMPT_AREAS])
        speakers: tuple[str, ...] = ()
        if spec.speaker and spec.speaker in self.ctx.agencies:  # an agency: its people too
            speakers = (spec.speaker,) + tuple(
                p["name"] for p in self.ctx.participants if p["agency"] == spec.speaker)
        f = ev.NoteFilter(kind=spec.kind, prompt_area=spec.prompt_area,
                          hypothesis=spec.hypothesis, speaker=spec.speaker, search=spec.words,
                          speakers=speakers)
        notes = ev.find_notes(self.app.store, self.ctx.review_id, f, limit=200)
        count = f"{len(notes)}{'+' if len(notes) == 200 else ''}"
        summary = Text(f"{count} note{'' if len(notes) == 1 else 's'} · ", style="bold")
        summary.append_text(literal(f.describe()))
        for p in spec.problems:
            summary.append_text(literal(" · " + p, style="bold"))
        self.query_one("#find-summary", Static).update(summary)
        titles = {a["id"]: a["title"] for a in self.ctx.agenda}
        view = self.query_one("#found", NotesView)
        view.clear()
        if not notes:
            view.write(Text("No notes match.", style="dim"))
        for n in notes:
            view.write(note_text(n, with_item=titles.get(n["agenda_item_id"])))

    def action_close(self) -> None:
        self.dismiss(None)
