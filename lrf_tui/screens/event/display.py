"""What the live event draws around the capture line: the current item and its questions, its
notes, the item and event clocks, the hypotheses board with the parked notes, the preview of how
the line will be read, and the one-line message.

A part of :class:`~lrf_tui.screens.event.screen.EventScreen`; it uses the screen's ``ctx``,
``state``, ``editing`` and ``clock``.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from facilitation import event as ev
from facilitation.capture import describe
from facilitation.framework import PROMPT_AREA_BY_KEY, area_prompt

from ...text import literal
from ...widgets.notes_view import NotesView


class EventDisplay:
    """Drawing the live event (the methods of EventScreen that do it)."""

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
                q.append(area_prompt(area.key, bool(ctx.review.get("appreciative"))))
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
            header = Text(f"… {total - len(notes):,} earlier notes in this item: "
                          f"{self.bound_key('event.notes_up')} here "
                          f"shows more, {self.bound_key('event.find')} finds them.",
                          style="dim italic")
        elif not notes:
            header = Text("No notes for this item yet.", style="dim italic")
        view.show(notes, header)
        self.update_times()

    def update_times(self) -> None:
        if self.ctx is None or self.state is None:
            return
        if self.is_attached and self.app.screen is not self:
            # A dialog is open over the event (Find, Parked…): a tick would repaint it for a
            # line it mostly hides, in the middle of the chair's typing. Drawn again on return.
            return
        t = ev.timings(self.ctx, self.state, self.clock())
        # #event-top has one cell of padding each side; the line is refitted every second, so
        # a resize is followed within one tick.
        line = ev.times_line(t, started=self.state.started_at is not None,
                             running=self.state.running, key=self.bound_key("event.clock"),
                             has_item=self.item is not None, width=self.app.size.width - 2)
        if line == getattr(self, "_times_drawn", None):
            return  # unchanged (a paused clock): nothing to repaint
        self._times_drawn = line
        self.query_one("#item-times", Static).update(line, layout=False)

    def refresh_board(self) -> None:
        """Read tallies and parked notes afresh (on open, after edits, deletes and status changes)."""
        ctx = self.ctx
        assert ctx is not None
        store = self.app.store
        self._tallies = ev.hypothesis_tallies(store, ctx.review_id)
        parked = ev.find_notes(store, ctx.review_id, ev.NoteFilter(kind="parked"), limit=5)
        self._parked_count = ev.count_parked(store, ctx.review_id)
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
        board.append(f"Hypotheses ({self.bound_key('event.hypotheses')})\n", style="bold")
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
        ps.append(f"\nParked ({self.bound_key('event.parked')}): {self._parked_count}\n",
                  style="bold")
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
