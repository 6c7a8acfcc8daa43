"""What every dialog of the app is built on: a modal screen whose title, labels and messages are
always drawn as the literal text given. Someone may type ``[/]``, ``[bold]`` or paste an ANSI
escape into a name, a note or an agency; a dialog that quotes it shows exactly those characters
(controls made visible and harmless, by the one rule in ``lrf_tui/text.py``), never styling, and
never a markup error that would close the app with the typing lost. Subclasses make their text
widgets with :meth:`Dialog.title_line`, :meth:`Dialog.label_line` and
:meth:`Dialog.message_line` rather than passing strings to Textual widgets (which would read
them as markup).
"""

from __future__ import annotations

from typing import Generic, TypeVar

from rich.text import Text
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from ..text import literal

ResultType = TypeVar("ResultType")


class Dialog(ModalScreen[ResultType], Generic[ResultType]):
    """A modal screen whose words are literal text, never markup."""

    @staticmethod
    def said(value: object, *, one_line: bool = True) -> Text:
        """``value`` as literal text to draw: what it says, never markup."""
        return literal(value, one_line=one_line)

    def keyed(self, template: str) -> str:
        """A hint naming this dialog's keys as now bound: ``"{text.close}: close"`` reads
        "Esc: close", or the key the keymap file moved it to."""
        from ..keymap import with_keys

        return with_keys(self.app, self.BINDINGS, template)

    @classmethod
    def title_line(cls, value: object, **kwargs) -> Static:
        """The dialog's title (or its question)."""
        return Static(cls.said(value), markup=False, **kwargs)

    @classmethod
    def label_line(cls, value: object, **kwargs) -> Label:
        """A label over a field."""
        return Label(cls.said(value), markup=False, **kwargs)

    @classmethod
    def message_line(cls, value: object = "", **kwargs) -> Static:
        """A hint, or the sentence that says why something was refused; its line breaks kept."""
        return Static(cls.said(value, one_line=False), markup=False, **kwargs)
