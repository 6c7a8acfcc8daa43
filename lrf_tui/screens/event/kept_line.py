"""The kept capture line: what the chair typed on the live event's capture line but did not
enter is written to the review's draft after a pause in typing (never on the Enter path), kept
when lrf is stopped by a signal, and put back on the line the next time the event opens.

A part of :class:`~lrf_tui.screens.event.screen.EventScreen`; it uses the screen's ``ctx``,
``editing``, ``say`` and ``update_preview``.
"""

from __future__ import annotations

from time import monotonic

from textual.widgets import Input

from facilitation import event as ev

from .typing_to_notes import TypingGoesToNotes

# A pause in typing this long keeps the capture line as a draft (never on the Enter path).
DRAFT_PAUSE = 1.0


class KeptLine:
    """The capture line kept as the review's draft (the methods of EventScreen that do it)."""

    # Set in EventScreen.__init__.
    _draft_kept: tuple[str, int | None] | None  # (text, note id being edited) as kept
    _draft_due: float  # monotonic time to keep the line; 0 when nothing is waiting

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
                     f"{self.bound_key('event.back')} cancels.")
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
