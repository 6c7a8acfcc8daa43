"""A yes/no question, and the guard every editing dialog closes through: close at once when
nothing was typed, otherwise ask "Close without saving what you typed?" first.
"""

from __future__ import annotations

from typing import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical

from .base import Dialog
from ..widgets.footer import KeysFooter


def close_unless_typed(screen, close: Callable[[], object],
                       question: str = "Close without saving what you typed?") -> None:
    """Close at once when nothing was typed on ``screen``; otherwise ask first."""
    if not screen.has_unsaved_typing():
        close()
        return

    def answered(discard: bool | None) -> None:
        if discard:
            close()

    screen.app.push_screen(ConfirmModal(question), answered)


class ConfirmModal(Dialog[bool]):
    """A yes/no question; y confirms, n or escape declines."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes", tooltip="Answer yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no", tooltip="Answer no"),
    ]

    def __init__(self, question: str, hint: str | None = None, *, quitting: bool = False):
        super().__init__(classes="prep-confirm")
        self.question = question
        self.hint = hint
        self.quitting = quitting  # asked on ctrl+q: a second ctrl+q quits

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog"):
            yield self.title_line(self.question, id="confirm-question")
            yield self.message_line(self.keyed("{confirm.yes} yes · {confirm.no} no")
                                    if self.hint is None else self.hint, classes="hint")
        yield KeysFooter()

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
