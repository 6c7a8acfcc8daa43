"""Modal forms for preparation: one field per row, an inline message under the field at fault.

A form is described by :class:`Field` rows and a ``save`` callback that does the whole change in
one transaction (``facilitation.preparation``). If ``save`` raises ``FieldRefused`` the message
appears under that field and the form stays open with everything typed still in it; nothing is
saved. ``ctrl+s`` saves from anywhere in the form, ``enter`` saves from a one-line field, and
``escape`` closes it without saving.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Checkbox, Input, Label, Select, TextArea

from facilitation.errors import InputRefused

from ..writes import WriteFailed, writing
from .base import Dialog
from .confirm import close_unless_typed
from ..widgets.footer import KeysFooter


def marked_button(toggle, mark: str):
    """A toggle's button drawn with ``mark`` when it is on (a blank when off), so its state
    shows as a sign and not only as a colour."""
    from textual.content import Content
    from textual.style import Style

    button_style = toggle.get_visual_style("toggle--button")
    side_style = Style(foreground=button_style.background,
                       background=toggle.background_colors[1])
    return Content.assemble(
        (toggle.BUTTON_LEFT, side_style),
        (mark if toggle.value else " ", button_style),
        (toggle.BUTTON_RIGHT, side_style),
    )


class TickBox(Checkbox):
    """A checkbox whose state shows as a mark, not only as a colour: X when ticked."""

    @property
    def _button(self):
        return marked_button(self, "X")


@dataclass
class Field:
    key: str
    label: str
    kind: str = "input"  # input | text | select | check
    value: Any = ""
    options: list[tuple[Any, Any]] = field(default_factory=list)  # (shown, value) for select
    allow_blank: bool = False
    hint: str = ""


class FormModal(Dialog[bool]):
    """Edit some fields; dismisses True once saved, False when closed without saving."""

    BINDINGS = [
        # Not a priority binding: keys typed just before ctrl+s must reach the field first,
        # or a fast typist (or a terminal paste followed by ctrl+s) would lose the end of it.
        Binding("ctrl+s", "save", "Save", id="form_modal.save",
                tooltip="Save what is in the boxes"),
        Binding("escape", "cancel", "Cancel", id="form_modal.cancel",
                tooltip="Close without saving"),
    ]

    def __init__(self, title: str, fields: list[Field], save: Callable[[dict], Any]):
        super().__init__(classes="prep-form")
        self.form_title = title
        self.fields = fields
        self.save_values = save

    def compose(self) -> ComposeResult:
        with Vertical(id="form-dialog"):
            yield self.title_line(self.form_title, id="form-title")
            with VerticalScroll(id="form-fields"):
                for f in self.fields:
                    if f.kind != "check":
                        yield self.label_line(f.label, classes="field-label")
                    yield self._widget(f)
                    if f.hint:
                        yield self.label_line(f.hint, classes="field-hint hint")
                    yield self.label_line("", id=f"err-{f.key}", classes="field-error error")
            yield self.label_line("", id="form-error", classes="error")
        yield KeysFooter()

    def _widget(self, f: Field):
        wid = f"f-{f.key}"
        if f.kind == "text":
            area = TextArea(str(f.value or ""), id=wid, classes="field-text", soft_wrap=True,
                            tab_behavior="focus", show_line_numbers=False)
            return area
        if f.kind == "select":
            value = f.value
            known = {v for _, v in f.options}
            if value not in known:
                value = Select.NULL
            options = [(self.said(shown) if isinstance(shown, str) else shown, v)
                       for shown, v in f.options]
            return Select(options, value=value, allow_blank=f.allow_blank, id=wid,
                          prompt="(none)")
        if f.kind == "check":
            return TickBox(self.said(f.label), bool(f.value), id=wid)
        return Input(str(f.value if f.value is not None else ""), id=wid, classes="field-input")

    def on_mount(self) -> None:
        self._remember_initial()
        first = self.query("#form-fields > Input, #form-fields > TextArea, "
                           "#form-fields > Select, #form-fields > Checkbox").first()
        first.focus()
        for area in self.query(TextArea):
            area.move_cursor(area.document.end)  # most edits add to what is there

    def _remember_initial(self) -> None:
        self.initial = self.values()

    def values(self) -> dict:
        out: dict[str, Any] = {}
        for f in self.fields:
            w = self.query_one(f"#f-{f.key}")
            if isinstance(w, TextArea):
                out[f.key] = w.text
            elif isinstance(w, Select):
                out[f.key] = None if w.value is Select.NULL else w.value
            elif isinstance(w, Checkbox):
                out[f.key] = w.value
            else:
                out[f.key] = w.value
        return out

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        for label in self.query(".field-error"):
            label.update("")
            label.display = False
        general = self.query_one("#form-error", Label)
        general.update("")
        general.display = False
        try:
            with writing():  # a full disk is said here too, with everything still typed
                self.save_values(self.values())
        except InputRefused as e:
            name = getattr(e, "field", None)
            target = None
            if name and self.query(f"#err-{name}"):
                target = self.query_one(f"#err-{name}", Label)
            if target is None:
                target = general
            said = e.message if isinstance(e, WriteFailed) else "Not saved: " + e.message
            target.update(self.said(said))
            target.display = True
            if name and self.query(f"#f-{name}"):
                widget = self.query_one(f"#f-{name}")
                widget.focus()
                widget.scroll_visible()
                target.scroll_visible()
            return
        self.dismiss(True)

    def _unchanged(self) -> bool:
        return self.values() == getattr(self, "initial", None)

    def action_cancel(self) -> None:
        close_unless_typed(self, lambda: self.dismiss(False))

    def has_unsaved_typing(self) -> bool:
        """For a quit confirmation: has anything been typed here and not saved?"""
        return not self._unchanged()
