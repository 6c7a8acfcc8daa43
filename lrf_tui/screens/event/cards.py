"""Two cards to read over the live event: the keys card (F1: every key and capture symbol on one
screen at 80x24) and the ground rules (F2: big enough for the room to read).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from facilitation.capture import KIND_TOKENS
from facilitation.framework import NOTE_KIND_LABELS

from ...keymap import active_keys, key_for, key_name
from ...text import literal
from .typing_to_notes import TypingGoesToNotes
from ...widgets.footer import KeysFooter


def two_columns(text: Text, rows: list[tuple[str, str]]) -> None:
    """Append (key, meaning) rows to ``text`` in two columns, down the left column first."""
    half = (len(rows) + 1) // 2
    for left, right in zip(rows[:half], rows[half:] + [("", "")]):
        text.append(f" {left[0]:>6} ", style="bold")
        text.append(f"{left[1]:<28}")
        text.append(f"{right[0]:>6} ", style="bold")
        text.append(f"{right[1]}\n")


class EventKeysScreen(TypingGoesToNotes, ModalScreen[None]):
    """Every key of the live event and the capture symbols, on one screen at 80x24."""

    BINDINGS = [Binding("escape,f1", "close", "Close", id="keys.close",
                        tooltip="Back to the notes")]

    def __init__(self, bindings: list[Binding]) -> None:
        super().__init__()
        self.bindings = [b for b in bindings if b.action != "keys"]

    def compose(self) -> ComposeResult:
        # The keys in use, the keymap file's where it remaps one.
        close = sorted(active_keys(self.app, self.BINDINGS[0]), key=lambda k: k == "escape")
        closes = " or ".join(key_name(k) for k in close)
        text = Text(f"Keys in the live event ({closes} closes)\n", style="bold")
        rows = [(key_name(active_keys(self.app, b)[0]), b.description) for b in self.bindings]
        rows += [("ctrl+u", "Clear the line"),
                 (key_for(self.app, self.app.BINDINGS, "app.quit"), "Quit")]
        two_columns(text, rows)
        text.append("\nStart a note with a symbol to say what it is\n", style="bold")
        symbols = [(tok, NOTE_KIND_LABELS[kind]) for tok, kind in KIND_TOKENS.items()]
        symbols.append(("none", NOTE_KIND_LABELS["observation"]))
        two_columns(text, symbols)
        text.append("    h2+ ", style="bold")
        text.append("evidence for hypothesis 2 (h2- against)\n")
        text.append("  @name ", style="bold")
        text.append("who said it: a participant or agency, first letters are enough\n")
        text.append("     \\+ ", style="bold")
        text.append("a backslash keeps a symbol as text\n")
        with VerticalScroll(id="keys-body", classes="dialog"):
            yield Static(text, id="keys", markup=False)
        yield KeysFooter()


class GroundRulesScreen(TypingGoesToNotes, Screen):
    """The ground rules, big enough for the room to read."""

    BINDINGS = [
        Binding("f2", "dismiss_rules", "Back to notes", id="rules.close",
                tooltip="Back to the notes"),
        Binding("escape", "dismiss_rules", "Back to notes", id="rules.escape",
                tooltip="Back to the notes", show=False),
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
        yield KeysFooter()

    def action_dismiss_rules(self) -> None:
        self.carry_typing()
        self.app.pop_screen()

    action_close = action_dismiss_rules
