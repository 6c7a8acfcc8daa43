"""The outcome form's dialogs: a few labelled one-line inputs saved before the dialog closes, a
pick from a list (answering with the position picked), and a read-only text to scroll (source
notes, check results, a comparison). They are :class:`lrf_tui.dialogs.Dialog`s: titles, labels
and options are always literal text."""

from __future__ import annotations

from typing import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, OptionList, TextArea
from textual.widgets.option_list import Option

from ...dialogs import Dialog, close_unless_typed


class PromptScreen(Dialog[dict | None]):
    """A few labelled one-line inputs; Enter moves on and, on the last, submits."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="prompt.cancel",
                        tooltip="Close without saving")]

    def __init__(self, title: str, fields: list[tuple[str, str, str]], hint: str = "",
                 submit: Callable[[dict], bool] | None = None):
        super().__init__()
        self.title_text = title
        self.fields = fields  # (key, label, initial value)
        self.hint = hint
        # When given, the values are saved before the prompt closes; if that is refused (a bad
        # date, the database cannot be written) the prompt stays open with everything typed.
        self.submit = submit

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-box"):
            yield self.title_line(self.title_text, classes="modal-title")
            if self.hint:
                yield self.message_line(self.hint, classes="hint")
            for key, label, value in self.fields:
                yield self.label_line(label)
                yield Input(value=value, id=f"in-{key}")
            yield self.message_line(self.keyed("Enter: next / done   {prompt.cancel}: cancel"),
                                    classes="hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        inputs = list(self.query(Input))
        idx = inputs.index(event.input)
        if idx + 1 < len(inputs):
            inputs[idx + 1].focus()
        else:
            values = {k: self.query_one(f"#in-{k}", Input).value for k, _, _ in self.fields}
            if self.submit is None or self.submit(values):
                self.dismiss(values)

    def has_unsaved_typing(self) -> bool:
        if not self.is_mounted:
            return False
        return any(self.query_one(f"#in-{k}", Input).value != v for k, _, v in self.fields)

    def action_cancel(self) -> None:
        close_unless_typed(self, lambda: self.dismiss(None))


class PickIndexScreen(Dialog[int | None]):
    """Choose one of a list of options; answers with its position, or None on Escape."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="pick.cancel",
                        tooltip="Close without choosing")]

    def __init__(self, title: str, options: list[str], selected: int = 0):
        super().__init__()
        self.title_text = title
        self.options = options
        self.selected = selected

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-box"):
            yield self.title_line(self.title_text, classes="modal-title")
            yield OptionList(*[Option(self.said(o)) for o in self.options], id="pick")
            yield self.message_line(self.keyed("Enter: choose   {pick.cancel}: cancel"), classes="hint")

    def on_mount(self) -> None:
        pick = self.query_one(OptionList)
        pick.highlighted = min(self.selected, len(self.options) - 1)
        pick.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option_index)

    def action_cancel(self) -> None:
        self.dismiss(None)


class TextScreen(Dialog[None]):
    """Read-only text (source notes, check results, a comparison), scrollable."""

    BINDINGS = [Binding("escape", "close", "Close", id="text.close", tooltip="Close")]

    def __init__(self, title: str, text: str):
        super().__init__()
        self.title_text = title
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-box wide"):
            yield self.title_line(self.title_text, classes="modal-title")
            yield TextArea(self.text, read_only=True, soft_wrap=True, id="text-view")
            yield self.message_line(self.keyed("{text.close}: close"), classes="hint")

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def action_close(self) -> None:
        self.dismiss(None)
