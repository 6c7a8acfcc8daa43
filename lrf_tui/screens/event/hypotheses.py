"""The hypotheses dialog (F3): each hypothesis with its status and the notes for and against it;
one letter sets a status, and the evidence of the highlighted one is listed below.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.widgets import Static

from facilitation import event as ev

from ...text import literal
from ...widgets.literal_table import LiteralTable
from ...widgets.notes_view import NotesView
from .typing_to_notes import ContextDialog


class HypothesesScreen(ContextDialog):
    HINT = ("Hypotheses: {hypotheses.supported} {hypotheses.partly} {hypotheses.not_supported} "
            "{hypotheses.untested} {hypotheses.open} set the status, {hypotheses.evidence} shows "
            "the evidence, {hypotheses.close} closes.")

    BINDINGS = [
        Binding("s", "status('supported')", "Supported", id="hypotheses.supported",
                tooltip="Set the status: supported"),
        Binding("p", "status('partly supported')", "Partly", id="hypotheses.partly",
                tooltip="Set the status: partly supported"),
        Binding("n", "status('not supported')", "Not supported", id="hypotheses.not_supported",
                tooltip="Set the status: not supported"),
        Binding("u", "status('untested at event')", "Untested", id="hypotheses.untested",
                tooltip="Set the status: untested at event"),
        Binding("o", "status('open')", "Open", id="hypotheses.open",
                tooltip="Set the status: open"),
        Binding("v", "evidence", "Evidence", id="hypotheses.evidence",
                tooltip="Show the notes for and against"),
        Binding("escape,f3", "close", "Close", id="hypotheses.close", tooltip="Back to the notes"),
    ]

    def body(self):
        yield LiteralTable(id="hyp-table", cursor_type="row")
        yield Static(id="hyp-title", markup=False)
        yield NotesView(id="evidence")

    def on_mount(self) -> None:
        table = self.query_one(LiteralTable)
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
        table = self.query_one(LiteralTable)
        with table.keeping_cursor():
            table.clear()
            for h in self.ctx.hypotheses:
                f, a = tallies.get(h["number"], (0, 0))
                table.add_row(f"H{h['number']}", h["status"], f, a, h["text"],
                              key=str(h["number"]))

    def _number(self) -> int | None:
        table = self.query_one(LiteralTable)
        key = table.cursor_key()
        return int(key) if key else None

    def action_status(self, status: str) -> None:
        number = self._number()
        if number is None or self._typed is not None:  # typing has begun: letters are text
            return
        before = next((h["status"] for h in self.ctx.hypotheses if h["number"] == number), None)

        def undo() -> None:
            if before is not None and self._set_status(number, before):
                self.reload()
                self.query_one(".hint", Static).update(self.hint_line())

        if not self._set_status(number, status):
            return
        self.remember_command(undo)
        self.reload()
        # Said on the hint line, not in a toast: toasts piled up over the evidence (and over
        # the notes after Esc) while the chair went down the list setting statuses.
        self.query_one(".hint", Static).update(
            f"H{number} is now {status}. {self.hint_line()}")

    def _set_status(self, number: int, status: str) -> bool:
        """Write a status; a failed write is said on the hint line and changes nothing."""
        return self.write_or_say(
            lambda: ev.set_hypothesis_status(self.app.store, self.ctx.review_id, number, status),
            kept=f"H{number} is as it was.")

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
