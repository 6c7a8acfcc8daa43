"""Export the outcome form (or the follow-up list of parked items) from the app: a file name,
Markdown or Word, and the file written.

The file name starts as ``<Documents>/<REF> outcome form.md`` (the user's documents folder,
platformdirs; the home folder where there is none). Choosing Word changes the name's ending with
it. Enter (or ctrl+s) writes the file through exports/files.py, as `lrf export -o FILE` does:
0600, whole or not at all, never the database or any SQLite file. A file that is already there
is replaced only after a question. Anything refused (a folder that is not there, the database
itself, a full disk) is one line in the dialog, with the file name kept as typed; the dialog
closes once the file is written, and the screen that opened it says where it went.
"""

from __future__ import annotations

import os
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, RadioButton, RadioSet

from facilitation.errors import InputRefused

from .base import Dialog
from .confirm import ConfirmModal
from ..widgets.footer import KeysFooter

FORMATS = (("md", "Markdown (.md)", ".md"), ("docx", "Word (.docx)", ".docx"))
# What to write: the outcome form, or the chair's follow-up list of parked items (never part of
# the form), as `lrf export REF --what outcome|follow-up` writes them.
DOCUMENTS = (("outcome", "Outcome form", "outcome form"),
             ("follow-up", "Follow-up list (parked items)", "follow-up list"))


def default_folder() -> Path:
    """The user's documents folder, or the home folder when there is none."""
    from platformdirs import user_documents_dir

    folder = Path(user_documents_dir())
    return folder if folder.is_dir() else Path.home()


def default_name(ref: str, fmt: str, what: str = "outcome") -> str:
    """``<Documents>/<REF> outcome form.md`` (or ``follow-up list``): the reference as plain
    text, no folder in it."""
    from facilitation.inputs import neutralise

    ending = dict((f, e) for f, _, e in FORMATS)[fmt]
    words = {k: w for k, _, w in DOCUMENTS}[what]
    name = neutralise(ref, one_line_only=True).replace(os.sep, "-")
    return str(default_folder() / f"{name} {words}{ending}")


def with_ending(name: str, fmt: str) -> str:
    """The name with the ending of ``fmt`` when it had the other format's ending."""
    ending = dict((f, e) for f, _, e in FORMATS)[fmt]
    for _, _, other in FORMATS:
        if other != ending and name.lower().endswith(other):
            return name[: -len(other)] + ending
    return name


def outcome_document(store, ref: str, fmt: str, what: str = "outcome") -> str | bytes:
    """The outcome form (or the follow-up list) as the export command makes it (no warnings
    printed)."""
    if what == "follow-up":
        if fmt == "docx":
            from exports.docx_markdown import render_follow_up as docx

            return docx(store, ref)
        from exports.follow_up import render_follow_up

        return render_follow_up(store, ref)
    if fmt == "docx":
        from exports.docx import render_outcome

        return render_outcome(store, ref, warn=None)
    from exports.outcome import render

    return render(store, ref, warn=None)


def over_limit(store, ref: str) -> list[str]:
    from exports.outcome import limit_warnings
    from facilitation.outcome import form_state

    return limit_warnings(form_state(store, ref))


class MarkedRadioButton(RadioButton):
    """A choice whose state shows as a mark, not only as a colour: ● when chosen."""

    @property
    def _button(self):
        from .form import marked_button

        return marked_button(self, "●")


class ExportDialog(Dialog[str | None]):
    """Write the outcome form of ``ref`` to a file; dismisses with the path written, or None."""

    DEFAULT_CSS = """
    ExportDialog {
        align: center middle;
        #export-dialog {
            width: 90%;
            max-width: 100;
            height: auto;
            border: thick $primary;
            background: $surface;
            padding: 0 1;
        }
        #export-title { text-style: bold; }
        #export-format { height: auto; border: none; padding: 0; layout: horizontal; width: 100%; }
        #export-format RadioButton { width: auto; margin-right: 2; }
        #export-what { height: auto; border: none; padding: 0; layout: horizontal; width: 100%; }
        #export-what RadioButton { width: auto; margin-right: 2; }
        .field-label { margin-top: 1; }
        #export-error { height: auto; }
    }
    """

    BINDINGS = [
        Binding("ctrl+s", "export", "Export", id="export.write",
                tooltip="Write the file (Enter in the file name does too)"),
        Binding("ctrl+t", "switch_format", "Md/Word", id="export.format",
                tooltip="Switch between Markdown and Word"),
        Binding("ctrl+f", "switch_what", "Form/Follow-up", id="export.what",
                tooltip="Switch between the outcome form and the follow-up list"),
        Binding("escape", "cancel", "Cancel", id="export.cancel",
                tooltip="Close without writing anything"),
    ]

    def __init__(self, ref: str, fmt: str | None = None):
        super().__init__(classes="export-dialog")
        self.ref = ref
        self.fmt = fmt
        self.what = "outcome"

    def compose(self) -> ComposeResult:
        from ..keymap import key_for

        if self.fmt is None:  # the format chosen last time in this app, else Markdown
            self.fmt = getattr(self.app, "lrf_export_format", "md")
        switch = key_for(self.app, self.BINDINGS, "export.format")
        close = key_for(self.app, self.BINDINGS, "export.cancel")
        what = key_for(self.app, self.BINDINGS, "export.what")
        with Vertical(id="export-dialog"):
            yield self.title_line(f"Export from {self.ref}", id="export-title")
            yield self.label_line(f"What ({what} switches)", classes="field-label")
            with RadioSet(id="export-what"):
                for key, label, _ in DOCUMENTS:
                    yield MarkedRadioButton(self.said(label), value=key == self.what,
                                            id=f"what-{key}")
            yield self.label_line("File", classes="field-label")
            yield Input(default_name(self.ref, self.fmt), id="export-path")
            yield self.label_line(f"Format ({switch} switches)", classes="field-label")
            with RadioSet(id="export-format"):
                for fmt, label, _ in FORMATS:
                    yield MarkedRadioButton(self.said(label), value=fmt == self.fmt,
                                            id=f"fmt-{fmt}")
            yield self.message_line("", id="export-error", classes="error")
            yield self.message_line(f"Enter writes the file · {close} closes", classes="hint")
        yield KeysFooter()

    def on_mount(self) -> None:
        box = self.query_one("#export-path", Input)
        box.focus()
        box.cursor_position = len(box.value)

    # -- the format --

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        if event.radio_set.id == "export-what":
            what = (event.pressed.id or "what-outcome").removeprefix("what-")
            if what != self.what:
                box = self.query_one("#export-path", Input)
                if box.value == default_name(self.ref, self.fmt, self.what):  # not retyped
                    box.value = default_name(self.ref, self.fmt, what)
                    box.cursor_position = len(box.value)
                self.what = what
            return
        fmt = (event.pressed.id or "fmt-md").removeprefix("fmt-")
        if fmt != self.fmt:
            self.fmt = fmt
            box = self.query_one("#export-path", Input)
            box.value = with_ending(box.value, fmt)
            box.cursor_position = len(box.value)

    def action_switch_what(self) -> None:
        other = "follow-up" if self.what == "outcome" else "outcome"
        self.query_one(f"#what-{other}", RadioButton).value = True  # RadioSet sends Changed

    def action_switch_format(self) -> None:
        other = "docx" if self.fmt == "md" else "md"
        self.query_one(f"#fmt-{other}", RadioButton).value = True  # RadioSet sends Changed

    # -- writing --

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_export()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def refused(self, message: str) -> None:
        """One line: why nothing was written (the file name stays as typed)."""
        if message.startswith("Cannot write"):
            self.say(message)
            return
        if message[:4] in ("The ", "Stan"):  # "The folder … does not exist." → "the folder …"
            message = message[0].lower() + message[1:]
        self.say(f"Not written: {message}")

    def say(self, message: str) -> None:
        self.query_one("#export-error").update(self.said(message, one_line=False))

    def action_export(self, replace: bool = False) -> None:
        from exports.files import check_target

        typed = self.query_one("#export-path", Input).value.strip()
        if not typed:
            self.say("Give a file name to write the form to.")
            return
        if typed == "-":
            self.say("Not written: give a file name (- is for the command line).")
            return
        # A bare name goes beside the one offered (the documents folder), not wherever lrf
        # happened to be started.
        path = os.path.join(default_folder(), os.path.expanduser(typed))
        path = os.path.abspath(path)
        protect = [self.app.store.path]
        try:
            target = check_target(path, force=True, protect=protect)
        except InputRefused as e:
            self.refused(e.message)
            return
        if target.kind != "file":
            self.say(f"Not written: {path} is not a regular file; give a file name.")
            return
        if not replace and os.path.lexists(target.path):
            self.ask_to_replace(path)
            return
        self.write(path, replace, protect)

    def ask_to_replace(self, path: str) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                self.action_export(replace=True)
            else:
                self.say("Not written: that file is kept. Change the name to write another.")

        self.app.push_screen(ConfirmModal(f"{path} is already there. Replace it?"), answered)

    def write(self, path: str, replace: bool, protect: list) -> None:
        import sqlite3

        from exports.files import write_private

        try:
            data = outcome_document(self.app.store, self.ref, self.fmt, self.what)
            write_private(path, data, force=replace, protect=protect)
        except InputRefused as e:
            if not replace and os.path.lexists(path):  # appeared while the form was made
                self.ask_to_replace(path)
                return
            self.refused(e.message)
            return
        except (sqlite3.Error, OSError) as e:
            from ..writes import describe_sqlite_error

            self.say(f"Not written: {describe_sqlite_error(e)}.")
            return
        self.app.lrf_export_format = self.fmt
        self.dismiss(path)


def export_outcome(screen, ref: str) -> None:
    """Open the export dialog over ``screen``; once written, say where the file went."""

    dialog = ExportDialog(ref)

    def done(path: str | None) -> None:
        if not path:
            return
        extra = over_limit(screen.app.store, ref) if dialog.what == "outcome" else []
        message = f"Wrote {path} (only you can read it)."
        if extra:
            message += " " + " ".join(extra)
        screen.notify(message, title="Exported", markup=False, timeout=15)

    screen.app.push_screen(dialog, done)
