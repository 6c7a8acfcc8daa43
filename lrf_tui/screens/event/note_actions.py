"""Saving the capture line as a note, and the keys that change notes already saved: edit the last
(up), delete it (ctrl+r), restore the last deleted (ctrl+y). A note is shown as saved only once
``facilitation.event`` has committed it; a write that fails keeps the line and says why.

A part of :class:`~lrf_tui.screens.event.screen.EventScreen`; it uses the screen's ``ctx``,
``state``, ``editing``, ``clock`` and its drawing methods.
"""

from __future__ import annotations

from typing import Callable

from textual.widgets import Input

from facilitation import event as ev
from facilitation.capture import as_line
from facilitation.errors import InputRefused

from ...messages import NoteSaved
from ...widgets.notes_view import NotesView, note_time
from ...writes import describe_sqlite_error, is_write_failure, not_saved, writing


class NoteCapture:
    """Notes from the capture line (the methods of EventScreen that save and change them)."""

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
                self.app.announce(NoteSaved, self.ref)
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
        self.app.announce(NoteSaved, self.ref)
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
        started = failed = False
        try:
            started = ev.start_clock_on_first_note(store, state, self.clock())
        except Exception as e:
            if not is_write_failure(e):
                raise
            # The note is saved; only the clock is not: say both, in one line.
            extra = (f" The clock did not start: {describe_sqlite_error(e)} "
                     f"({self.bound_key('event.clock')} tries again).")
            failed = True
        if started:
            extra = f" The clock has started ({self.bound_key('event.clock')} pauses it).{extra}"
        if started or failed:
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
        self.say(f"Editing note #{note['id']}: Enter saves the change, "
                 f"{self.bound_key('event.back')} cancels.")

    def action_delete_last(self) -> None:
        if self.ctx is None:
            return
        was_editing = self.editing is not None
        note = self.editing if was_editing else ev.last_note(self.app.store, self.ctx.review_id)
        if note is None:
            self.say("There is no note to delete.", error=True)
            return
        if not self._set_deleted(note, True, "The note is not deleted."):
            return
        if was_editing:  # only now that the note is gone: its line is no use any more
            self.editing = None
            self.query_one("#capture", Input).value = ""
        self._shown_changed(f"Deleted note #{note['id']} (kept in the file: "
                            f"{self.bound_key('event.restore_deleted')} restores it).")

    def action_restore_deleted(self) -> None:
        if self.ctx is None:
            return
        note = ev.last_deleted_note(self.app.store, self.ctx.review_id)
        if note is None:
            self.say("No deleted note to restore.", error=True)
            return
        if self._set_deleted(note, False, "The note is still deleted."):
            self._shown_changed(f"Restored note #{note['id']}.")

    def _set_deleted(self, note: dict, deleted: bool, kept: str) -> bool:
        return self.wrote(kept, lambda: ev.set_deleted(self.app.store, note["id"], deleted))

    def _shown_changed(self, said: str) -> None:
        """A note was deleted or restored: told to the app, drawn, and ``said``."""
        self.app.announce(NoteSaved, self.ref)
        self.show_item()
        self.refresh_board()
        self.say(said)
