"""The Learning Review Outcomes Form: sixteen fields, drafted from notes, checked, circulated and
finalised, all from the keyboard.

Left: the fields in the framework's order, each with its state in words (written / draft /
empty / OVER). Right: the field's guidance and its editor. Typed text is committed when the
chair pauses, leaves the field or the screen, or presses ctrl+s: nothing typed is lost. The
drafting from notes, the recommendations table, family and dissemination, circulation and
the publication check are mixed in from their own modules beside this one.
"""

from __future__ import annotations

import sqlite3

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Header, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from facilitation import outcome as oc
from facilitation.errors import InputRefused
from facilitation.framework import FORM_FIELDS

from ...keymap import key_for
from ...messages import FormSaved
from ...text import literal
from ...writes import not_saved
from .circulation import CirculationMixin
from .drafting import DraftingMixin
from .family import DissTable, FamilyMixin
from .publication import PublicationMixin
from .recommendations import RecommendationsMixin, RecTable
from ...widgets.footer import KeysFooter

SAVE_AFTER_SECONDS = 0.6
LIST_LABEL = 30  # the field list is 34 cells wide (form.tcss)
LIST_LABEL_WIDE = 46  # and 50 on terminals 110 or more wide


class FieldText(TextArea):
    """The field editor. TextArea's own f6 (select line) and f7 (select all) would swallow the
    form's Comment and Compare keys while the chair is typing, and the next key typed would then
    replace the whole field: here they do what the Footer says. Select all moves to ctrl+a, the
    key a chair knows from every word processor (TextArea had it as a second Home, which stays
    on Home)."""

    BINDINGS = [
        Binding("ctrl+a", "select_all", "Select all", id="form.body_select_all",
                tooltip="Select the whole field, to replace or copy it (Home: start of line)"),
        Binding("f6", "screen.comment", "Comment", id="form.body_comment",
                tooltip="Record a person's comment on this field"),
        Binding("f7", "screen.compare", "Compare", id="form.body_compare",
                tooltip="Compare the latest version with the one before"),
    ]


class FormScreen(DraftingMixin, RecommendationsMixin, FamilyMixin, CirculationMixin,
                 PublicationMixin, Screen):
    BINDINGS = [
        # First in the footer: at 80 columns the later keys are cut off, and this lists them.
        Binding("f1", "app.help", "Keys", id="form.keys",
                tooltip="List every key of this screen"),
        Binding("escape", "back", "Back", id="form.back",
                tooltip="Back to the field list; from the list, close the form"),
        Binding("ctrl+s", "save", "Save", id="form.save",
                tooltip="Save the field now (typing is saved anyway when you pause)"),
        Binding("f2", "draft", "Draft", id="form.draft",
                tooltip="Draft from notes: fill every empty field; never overwrites"),
        Binding("f3", "sources", "Sources", id="form.sources",
                tooltip="Show the notes this field was drafted from"),
        Binding("f4", "check", "Check", id="form.check",
                tooltip="Check: what blocks publication, and wording that blames a named person"),
        Binding("f5", "circulate", "Circulate", id="form.circulate",
                tooltip="Save a version and mark it circulated (date, to whom)"),
        Binding("f6", "comment", "Comment", id="form.comment",
                tooltip="Record a person's comment on this field"),
        Binding("f7", "compare", "Compare", id="form.compare",
                tooltip="Compare the latest version with the one before"),
        Binding("f8", "finalise", "Final", id="form.finalise",
                tooltip="Mark final: lists what stands in the way, or asks the date sent"),
        Binding("f9", "family", "Family", id="form.family",
                tooltip="How the family was involved or informed"),
        Binding("ctrl+g", "publication", "Publish", id="form.publication",
                tooltip="Publication texts side by side, approval, and the identifier register"),
        Binding("ctrl+o", "export", "Export", id="form.export",
                tooltip="Write the form to a file, as Markdown or Word"),
        Binding("ctrl+r", "respond", "Respond", id="form.respond",
                tooltip="Respond to a comment made on the circulated form"),
    ]

    def __init__(self, ref: str, today: str | None = None):
        super().__init__()
        self.ref = ref
        self.today = today
        self.key = FORM_FIELDS[0].key
        self.loaded_text = ""
        self._timer = None
        self.view: oc.FormView | None = None  # the form as shown, kept current by saves
        self._shown: dict[str, object] = {}  # what each line below was last drawn with

    @property
    def store(self):
        return self.app.store

    # -- layout --

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="form-status", markup=False)
        with Horizontal(id="form-body"):
            yield OptionList(id="field-list")
            with Vertical(id="editor-pane"):
                yield Static("", id="field-title", markup=False)
                yield Static("", id="guidance", classes="hint", markup=False)
                yield Static("", id="field-extra", markup=False)
                yield RecTable(id="recs", cursor_type="row")
                with VerticalScroll(id="advice-box"):  # tab into it to scroll a long check
                    yield Static("", id="advice", markup=False)
                yield DissTable(id="diss", cursor_type="row")
                yield FieldText("", id="body", soft_wrap=True, tab_behavior="focus")
                yield Static("", id="words", markup=False)
                yield Static("", id="field-note", classes="hint", markup=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        from facilitation.reviews import get_review

        review = get_review(self.store, self.ref)
        self.ref = review["ref"]
        self._body = self.query_one("#body", TextArea)
        self.sub_title = f"Outcome form: {self.ref}"
        diss = self.query_one("#diss", DissTable)
        for label in ("Method", "Lead"):
            diss.add_column(label)
        self.refresh_list()
        self.show_field(self.key)
        self.query_one("#field-list", OptionList).focus()

    # -- state --

    def state(self) -> oc.FormState:
        """The form worked out afresh from the database."""
        return oc.form_state(self.store, self.ref)

    def label_width(self) -> int:
        """Wider terminals show more of each field's name."""
        return LIST_LABEL if self.app.size.width < 110 else LIST_LABEL_WIDE

    def on_resize(self) -> None:
        wide = self.label_width() == LIST_LABEL_WIDE
        self.query_one("#field-list").set_class(wide, "wide")
        self.refresh_list(reload=False)
        if self.key == "recommendations":
            self.fill_recs(self.state())
        elif self.key == "dissemination":
            self.fill_diss(self.state())

    def refresh_list(self, reload: bool = True) -> None:
        """The status line and the field list. After any write, this (which works the form out
        again from the database) comes before show_field; a saved field's text alone is
        followed by refresh_saved instead."""
        if reload or self.view is None:
            self.view = oc.FormView(self.store, self.ref)
        self.draw_list()

    def refresh_saved(self) -> None:
        """After save_current wrote the field's text: only that field is worked out again."""
        self.draw_list()
        self.show_note()

    def changed(self, what: str, drawn: object) -> bool:
        """Whether ``what`` (a line of the screen) is to show something other than ``drawn``,
        which it shows from now on. A save redraws only the lines it changed: a redraw of the
        field list and a layout of the screen cost more than the save itself."""
        if self._shown.get(what) == drawn:
            return False
        self._shown[what] = drawn
        return True

    def draw_list(self) -> None:
        view = self.view
        status = view.status()
        if self.changed("status", status):
            self.query_one("#form-status", Static).update(literal(status))
        labels = []
        width = self.label_width()
        for i, (f, mark) in enumerate(view.marks(), start=1):
            label = f"{i:>2} {mark:<5} {f.name}"
            if len(label) > width:
                label = label[: width - 1] + "…"
            labels.append((f.key, label))
        before = self._shown.get("list")
        if not self.changed("list", labels):
            return
        ol = self.query_one("#field-list", OptionList)
        if before and len(before) == len(labels) == ol.option_count:
            for i, (old, new) in enumerate(zip(before, labels)):
                if old != new:  # the same fields: only the marks that changed
                    ol.replace_option_prompt_at_index(i, Text(new[1]))
            return
        highlighted = ol.highlighted
        ol.clear_options()
        ol.add_options([Option(Text(label), id=key) for key, label in labels])
        ol.highlighted = highlighted if highlighted is not None else 0

    def show_field(self, key: str) -> None:
        state = self.view.state
        f = state.field(key)
        keep_typing = key == self.key and self.unsaved()  # the database did not take it yet
        same_field = key == self.key
        self.key = key
        number = [x.key for x in FORM_FIELDS].index(key) + 1
        title = f"{number}/16  {f.name}"
        if key == "recommendations" and state.recommendations_drafted:
            n = len(oc.candidate_rows(state))
            title += f" ({n} candidate{'s' if n != 1 else ''} not yet agreed)"
        self.query_one("#field-title", Static).update(Text(title, style="bold"))
        self.query_one("#guidance", Static).update(literal(f.guidance))
        is_recs = key == "recommendations"
        self.query_one("#recs").display = is_recs
        self.query_one("#advice-box").display = is_recs
        self.query_one("#diss").display = key == "dissemination"
        body = self.query_one("#body", TextArea)
        body.display = not is_recs
        extra = self.query_one("#field-extra", Static)
        extra.display = key == "family_decisions"
        if key == "family_decisions":
            extra.update(literal(
                f"Family involvement: {state.review['family_involvement']} (F9 to change)"))
        if is_recs:
            self.fill_recs(state)
        elif not keep_typing:
            text = f.body if (f.written or f.drafted) else ""
            self.loaded_text = text
            if not same_field or body.text != text:  # the same text keeps the chair's place
                body.load_text(text)
                # Opening a field puts the cursor where the chair goes on writing: the end.
                body.move_cursor(body.document.end)
        if key == "dissemination":
            self.fill_diss(state)
        self.update_words()
        self.show_note(state)

    def show_note(self, state: oc.FormState | None = None) -> None:
        """The line under the editor: where the text came from, and any comments on it."""
        state = state or self.view.state
        key = self.key
        f = state.field(key)
        note = ""
        if key == "recommendations":
            note = ""
        elif key == "dissemination" and not state.dissemination:
            note = "Methods: Enter, then a to add one with who leads it. Tab: the text below."
        elif f.drafted:
            keep = key_for(self.app, self.BINDINGS, "form.save")
            note = (f"Drafted from notes, not yet confirmed: edit it, or {keep} keeps it as it "
                    "is. F3: its notes.")
        elif not f.body:
            note = "Empty. F2 drafts every empty field from the notes."
        said = [c for c in oc.comments(self.store, self.ref) if c["field"] == key]
        if said:
            people = ", ".join(dict.fromkeys(c["person"] for c in said))
            waiting = sum(1 for c in said if not c["response"].strip())
            note = (note + "\n" if note else "") + (
                f"{len(said)} comment(s) on this field from {people}: "
                f"{self._key('form.compare')} shows them"
                + (f"; {waiting} without a response ({self._key('form.respond')})."
                   if waiting else "."))
        if self.changed("note", note):
            field_note = self.query_one("#field-note", Static)
            field_note.display = bool(note)
            field_note.update(literal(note, one_line=False))

    def update_words(self) -> None:
        f = next(x for x in FORM_FIELDS if x.key == self.key)
        words = self.query_one("#words", Static)
        if not f.word_limit or self.key == "recommendations":
            words.display = False
            self._shown.pop("words", None)
            return
        words.display = True
        n = oc.word_count(self.query_one("#body", TextArea).text)
        if not self.changed("words", (f.key, n)):
            return  # a letter typed inside a word: the count is as drawn
        if n > f.word_limit:
            words.update(Text(f"Words: {n} of {f.word_limit}: OVER the limit by {n - f.word_limit}"
                              " (cannot be marked final)", style="bold reverse"))
        else:
            words.update(Text(f"Words: {n} of {f.word_limit}"))

    # -- saving: never lose typed text --

    def save_current(self) -> bool:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self.key == "recommendations":
            return False
        text = self._body.text  # a reference: still readable while the screen is unmounting
        if text == self.loaded_text:
            return False
        try:
            oc.save_field(self.store, self.ref, self.key, text)
        except InputRefused as e:
            self.notify(e.message, severity="error", markup=False)
            return False
        except sqlite3.Error as e:
            self.db_error(e)
            return False
        self.app.announce(FormSaved, self.ref)
        self.loaded_text = text
        if self.view is not None:
            self.view.field_saved(self.key)
        return True

    def keep_unsaved_typing(self) -> None:
        """lrf is stopping (a signal, a crash): commit the field being typed now."""
        if self.is_mounted:
            self.save_current()

    def unsaved(self) -> bool:
        """Typed text the database has not taken (a write failed): it stays on screen."""
        return self.key != "recommendations" and self._body.text != self.loaded_text

    def settle(self) -> None:
        """Catch up with keys typed faster than the screen redrew: the highlighted field is the
        one every action applies to, and whatever was typed is committed first."""
        self.save_current()
        ol = self.query_one("#field-list", OptionList)
        if ol.highlighted is not None and not self.unsaved():
            key = ol.get_option_at_index(ol.highlighted).id
            if key and key != self.key:
                self.show_field(key)

    @on(TextArea.Changed, "#body")
    def body_changed(self) -> None:
        self.update_words()
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(SAVE_AFTER_SECONDS, self._autosave)

    def _autosave(self) -> None:
        self._timer = None
        if self.save_current():
            self.refresh_saved()

    def on_descendant_focus(self, event) -> None:
        # The recommendations table takes the whole width while it is in use, so Action,
        # Person Responsible and Timeframe all show, even at 80 columns; the field list comes
        # back with Esc (or as soon as anything else on the screen has focus).
        wide = getattr(event.widget, "id", None) == "recs"
        if wide != self.has_class("recs-wide"):
            self.set_class(wide, "recs-wide")
            if self.key == "recommendations":
                self.fill_recs(self.state())

    def on_descendant_blur(self, event) -> None:
        if getattr(event.widget, "id", None) == "body" and self.save_current():
            self.refresh_saved()

    def on_unmount(self) -> None:
        # Leaving the screen or quitting the app: whatever was typed is committed now.
        self.save_current()

    # -- navigation --

    @on(OptionList.OptionHighlighted, "#field-list")
    def field_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        key = event.option.id
        if key and key != self.key:
            if self.save_current():
                self.refresh_list(reload=False)
            if self.unsaved():  # keep the typing on screen rather than load another field
                event.option_list.highlighted = [f.key for f in FORM_FIELDS].index(self.key)
                return
            self.show_field(key)

    @on(OptionList.OptionSelected, "#field-list")
    def field_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        target = {"recommendations": "#recs", "dissemination": "#diss"}.get(self.key, "#body")
        self.query_one(target).focus()

    @on(DataTable.RowHighlighted, "#recs")
    def rec_highlighted(self) -> None:
        self.show_advice()

    def action_back(self) -> None:
        if self.focused is self.query_one("#field-list"):
            self.save_current()
            if self.unsaved():
                return  # the message says why; the text is still in the field
            self.app.pop_screen()
        else:
            if self.save_current():
                self.refresh_list(reload=False)
            self.query_one("#field-list").focus()

    def action_export(self) -> None:
        from ...dialogs.export import export_outcome

        self.settle()
        if not self.unsaved():  # else the line under the field says why it is not saved
            export_outcome(self, self.ref)

    def action_save(self) -> None:
        saved = self.save_current()
        if not saved and self.unsaved():
            return  # the message says why; the typing stays on screen
        if not saved and self.key != "recommendations":
            # The draft unchanged: saving it is the chair saying "this is mine as it stands".
            try:
                confirmed = oc.confirm_field(self.store, self.ref, self.key, self.loaded_text)
            except InputRefused as e:
                self.notify(e.message, severity="error", timeout=8, markup=False)
                self.show_field(self.key)
                return
            except sqlite3.Error as e:
                self.db_error(e)
                return
            if confirmed:
                self.refresh_list()  # written by confirm_field: the form worked out again
                self.show_note()
                self.notify("Kept as drafted: the field is yours now, no longer marked draft.",
                            markup=False)
                return
        self.refresh_saved()
        self.notify("Saved.", markup=False)

    # -- writing: what every key that changes the form goes through --

    def db_error(self, error: Exception) -> None:
        self.notify(not_saved(error), severity="error", timeout=10, markup=False)

    def _run(self, fn, *args, ok: str = "", **kwargs) -> bool:
        try:
            fn(self.store, self.ref, *args, **kwargs)
        except InputRefused as e:
            self.notify(e.message, severity="error", timeout=8, markup=False)
            return False
        except sqlite3.Error as e:
            self.db_error(e)
            return False
        self.app.announce(FormSaved, self.ref)
        if ok:
            self.notify(ok, markup=False)
        self.refresh_list()
        self.show_field(self.key)
        return True

    def default_day(self) -> str:
        """The day a date prompt starts with: the day lrf was told is today, else today."""
        return self.today or self.app.today().strftime("%d/%m/%Y")
