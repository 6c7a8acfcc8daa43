"""The Learning and Improvement view's dialogs: pick one value from a list, fill in a few
labelled fields (saved before the dialog closes), and read a long text at leisure. They are
:class:`lrf_tui.dialogs.Dialog`s: titles and labels are always drawn as literal text."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from facilitation.errors import InputRefused

from ...dialogs import Dialog, close_unless_typed
from ...writes import writing
from ...widgets.footer import KeysFooter


class PickValueScreen(Dialog[object]):
    """Choose one value from a list; Escape leaves everything as it was."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="pick_value.cancel",
                        tooltip="Close without choosing")]

    def __init__(self, title: str, choices: list[tuple[object, str]]):
        super().__init__(classes="dialog")
        self.title_text = title
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield self.label_line(self.title_text, classes="dialog-title")
            yield OptionList(
                *[Option(self.said(label), id=str(i))
                  for i, (_v, label) in enumerate(self.choices)],
                id="pick-list",
            )
            yield self.message_line(self.keyed("Enter chooses · {pick_value.cancel} cancels"),
                                    classes="hint")
        yield KeysFooter()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.choices[int(event.option.id)][0])

    def action_cancel(self) -> None:
        self.dismiss(None)


class FieldsScreen(Dialog[object]):
    """A few labelled one-line fields. ``save`` gets the values and returns the result to
    dismiss with, or raises InputRefused, whose sentence is shown while the dialog stays open
    with everything still typed."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="fields.cancel", tooltip="Close without saving"),
        Binding("ctrl+s", "save", "Save", id="fields.save", tooltip="Save what is in the boxes"),
    ]

    def __init__(self, title: str, fields: list[tuple[str, str, str]], save):
        super().__init__(classes="dialog")
        self.title_text = title
        self.fields = fields  # (label, placeholder, initial value)
        self.save = save

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield self.label_line(self.title_text, classes="dialog-title")
            for i, (label, placeholder, value) in enumerate(self.fields):
                yield self.label_line(label, classes="field-label")
                # Moving into a filled field never selects it: a key pressed there adds to what
                # was written instead of silently replacing all of it.
                yield Input(value=value, placeholder=placeholder, id=f"field-{i}", compact=True,
                            select_on_focus=False)
            yield self.message_line("", id="fields-error", classes="error")
            yield self.message_line(self.keyed(
                "Enter: next field, then save · {fields.save} saves · {fields.cancel} cancels"),
                classes="hint")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#field-0", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        index = int(event.input.id.split("-")[1])
        if index + 1 < len(self.fields):
            self.query_one(f"#field-{index + 1}", Input).focus()
        else:
            self.action_save()

    def action_save(self) -> None:
        values = [self.query_one(f"#field-{i}", Input).value for i in range(len(self.fields))]
        try:
            with writing():
                result = self.save(*values)
        except InputRefused as e:
            self.query_one("#fields-error", Static).update(self.said(e.message))
            return
        self.dismiss(result)

    def has_unsaved_typing(self) -> bool:
        if not self.is_mounted:
            return False
        values = [self.query_one(f"#field-{i}", Input).value for i in range(len(self.fields))]
        return values != [value for _, _, value in self.fields]

    def action_cancel(self) -> None:
        close_unless_typed(self, lambda: self.dismiss(None))


class ReaderScreen(Dialog[None]):
    """All of a long text (an action with its evidence, a review's findings) to read at
    leisure: arrows and Page Up/Down scroll it, Escape closes it."""

    BINDINGS = [
        Binding("escape", "close", "Close", id="reader.close", tooltip="Close"),
        Binding("enter", "close", "Close", show=False, id="reader.enter", tooltip="Close"),
    ]

    def __init__(self, title: str, body: Text):
        super().__init__(classes="dialog")
        self.title_text = title
        self.body = body

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box reader-box"):
            yield self.label_line(self.title_text, classes="dialog-title")
            with VerticalScroll(id="reader-scroll"):
                yield Static(self.body, id="reader-text", markup=False)
            yield self.message_line(self.keyed("↑↓ PgUp PgDn scroll · {reader.close} closes"),
                                    classes="hint")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#reader-scroll", VerticalScroll).focus()

    def action_close(self) -> None:
        self.dismiss(None)
