"""The Learning Review Outcomes Form: sixteen fields, drafted from notes, checked, circulated and
finalised, all from the keyboard.

Left: the fields in the framework's order, each with its state in words (written / draft /
empty / OVER). Right: the field's guidance and its editor. Typed text is committed when the
chair pauses, leaves the field or the screen, or presses ctrl+s: nothing typed is lost.
"""

from __future__ import annotations

import datetime as _dt
import sqlite3
from typing import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, Header, Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from facilitation import outcome as oc
from facilitation.errors import InputRefused
from facilitation.framework import DISSEMINATION_METHODS, FAMILY_INVOLVEMENT, FORM_FIELDS

from ..text import literal
from ..writes import not_saved

SAVE_AFTER_SECONDS = 0.6
LIST_LABEL = 30  # the field list is 34 cells wide (form.tcss)
LIST_LABEL_WIDE = 46  # and 50 on terminals 110 or more wide


# --- small modal screens --------------------------------------------------------------------------


class PromptScreen(ModalScreen[dict | None]):
    """A few labelled one-line inputs; Enter moves on and, on the last, submits."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="prompt.cancel")]

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
            yield Static(self.title_text, classes="modal-title", markup=False)
            if self.hint:
                yield Static(self.hint, classes="hint", markup=False)
            for key, label, value in self.fields:
                yield Label(label, markup=False)
                yield Input(value=value, id=f"in-{key}")
            yield Static("Enter: next / done   Esc: cancel", classes="hint", markup=False)

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
        from .prep_forms import close_unless_typed

        close_unless_typed(self, lambda: self.dismiss(None))


class PickScreen(ModalScreen[int | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="pick.cancel")]

    def __init__(self, title: str, options: list[str], selected: int = 0):
        super().__init__()
        self.title_text = title
        self.options = options
        self.selected = selected

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-box"):
            yield Static(self.title_text, classes="modal-title", markup=False)
            yield OptionList(*[Option(literal(o)) for o in self.options], id="pick")
            yield Static("Enter: choose   Esc: cancel", classes="hint", markup=False)

    def on_mount(self) -> None:
        pick = self.query_one(OptionList)
        pick.highlighted = min(self.selected, len(self.options) - 1)
        pick.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option_index)

    def action_cancel(self) -> None:
        self.dismiss(None)


class TextScreen(ModalScreen[None]):
    """Read-only text (source notes, check results, a comparison), scrollable."""

    BINDINGS = [Binding("escape", "close", "Close", id="text.close")]

    def __init__(self, title: str, text: str):
        super().__init__()
        self.title_text = title
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-box wide"):
            yield Static(self.title_text, classes="modal-title", markup=False)
            yield TextArea(self.text, read_only=True, soft_wrap=True, id="text-view")
            yield Static("Esc: close", classes="hint", markup=False)

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def action_close(self) -> None:
        self.dismiss(None)


# --- tables with their own keys -------------------------------------------------------------------


class RecTable(DataTable):
    BINDINGS = [
        Binding("a", "screen.add_rec", "Add", id="form.rec_add",
                tooltip="Add a recommendation"),
        Binding("enter", "screen.edit_rec", "Edit", id="form.rec_edit",
                tooltip="Edit the highlighted recommendation"),
        Binding("x", "screen.delete_rec", "Delete", id="form.rec_delete",
                tooltip="Delete the highlighted recommendation (asks first)"),
        Binding("p", "screen.rec_progress", "Progress", id="form.rec_progress",
                tooltip="Progress of the highlighted action: not started, started or done"),
    ]


class FieldText(TextArea):
    """The field editor. TextArea's own f6 (select line) and f7 (select all) would swallow the
    form's Comment and Compare keys while the chair is typing, and the next key typed would then
    replace the whole field: here they do what the Footer says."""

    BINDINGS = [
        Binding("f6", "screen.comment", "Comment", id="form.body_comment",
                tooltip="Record a person's comment on this field"),
        Binding("f7", "screen.compare", "Compare", id="form.body_compare",
                tooltip="Compare the latest version with the one before"),
    ]


class DissTable(DataTable):
    BINDINGS = [
        Binding("a", "screen.add_dissemination", "Add method", id="form.diss_add"),
        Binding("enter", "screen.edit_dissemination", "Edit", id="form.diss_edit",
                tooltip="Change who leads the highlighted method and when it is planned"),
        Binding("x", "screen.delete_dissemination", "Delete method", id="form.diss_delete"),
    ]


# --- the screen -----------------------------------------------------------------------------------


def _short(text: str, n: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _progress(rec: dict) -> str:
    if rec.get("completed_on"):
        return f"done on {oc.long_date(rec['completed_on'])}"
    return "started" if rec.get("started") else "not started"


def _today() -> str:
    return _dt.date.today().strftime("%d/%m/%Y")


class FormScreen(Screen):
    BINDINGS = [
        Binding("escape", "back", "Back", id="form.back",
                tooltip="Back to the field list; from the list, close the form"),
        Binding("ctrl+s", "save", "Save", id="form.save",
                tooltip="Save the field now (typing is saved anyway when you pause)"),
        Binding("f2", "draft", "Draft", id="form.draft",
                tooltip="Draft from notes: fill every empty field; never overwrites"),
        Binding("f3", "sources", "Sources", id="form.sources",
                tooltip="Show the notes this field was drafted from"),
        Binding("f4", "check", "Check", id="form.check",
                tooltip="Language check: identifiers and wording that blames a named person"),
        Binding("f5", "circulate", "Circulate", id="form.circulate",
                tooltip="Save a version and mark it circulated (date, to whom)"),
        Binding("f6", "comment", "Comment", id="form.comment",
                tooltip="Record a person's comment on this field"),
        Binding("f7", "compare", "Compare", id="form.compare",
                tooltip="Compare the latest version with the one before"),
        Binding("f8", "finalise", "Final", id="form.finalise",
                tooltip="Mark final (date sent to the business manager)"),
        Binding("f9", "family", "Family", id="form.family",
                tooltip="How the family was involved or informed"),
        Binding("ctrl+g", "pseudonyms", "Pseudonyms", id="form.pseudonyms",
                tooltip="Pseudonym map for the publication export"),
    ]

    def __init__(self, ref: str, today: str | None = None):
        super().__init__()
        self.ref = ref
        self.today = today
        self.key = FORM_FIELDS[0].key
        self.loaded_text = ""
        self._timer = None

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
        yield Footer()

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
        return oc.form_state(self.store, self.ref)

    def label_width(self) -> int:
        """Wider terminals show more of each field's name."""
        return LIST_LABEL if self.app.size.width < 110 else LIST_LABEL_WIDE

    def on_resize(self) -> None:
        wide = self.label_width() == LIST_LABEL_WIDE
        self.query_one("#field-list").set_class(wide, "wide")
        self.refresh_list()
        if self.key == "recommendations":
            self.fill_recs(self.state())

    def refresh_list(self) -> None:
        state = self.state()
        status = oc.status_line(state)
        flags = oc.review_language_check(self.store, self.ref)
        if flags:
            reals = {p["real"].lower() for p in oc.pseudonyms(self.store, self.ref)}
            blocking = sum(1 for f in flags if not oc.publication_fate(f, reals))
            status += (f"  Check: {len(flags)} flag{'s' if len(flags) != 1 else ''}, "
                       f"{blocking} block publishing (F4)")
        self.query_one("#form-status", Static).update(literal(status))
        options = []
        for i, f in enumerate(state.fields, start=1):
            if f.key == "recommendations":
                mark = "draft" if state.recommendations_drafted else (
                    "done" if state.recommendations else "empty")
            elif f.over_limit:
                mark = "OVER"
            elif f.written:
                mark = "done"
            elif f.drafted:
                mark = "draft"
            else:
                mark = "empty"
            label = f"{i:>2} {mark:<5} {f.name}"
            width = self.label_width()
            if len(label) > width:
                label = label[: width - 1] + "…"
            options.append(Option(Text(label), id=f.key))
        ol = self.query_one("#field-list", OptionList)
        highlighted = ol.highlighted
        ol.clear_options()
        ol.add_options(options)
        ol.highlighted = highlighted if highlighted is not None else 0

    def show_field(self, key: str) -> None:
        state = self.state()
        f = state.field(key)
        keep_typing = key == self.key and self.unsaved()  # the database did not take it yet
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
            body.load_text(text)
        if key == "dissemination":
            self.fill_diss(state)
        self.update_words()
        self.show_note(state)

    def show_note(self, state: oc.FormState | None = None) -> None:
        """The line under the editor: where the text came from, and any comments on it."""
        state = state or self.state()
        key = self.key
        f = state.field(key)
        note = ""
        if key == "recommendations":
            note = ""
        elif key == "dissemination" and not state.dissemination:
            note = "Methods: Enter, then a to add one with who leads it. Tab: the text below."
        elif f.drafted:
            note = "Drafted from notes: exported marked as draft until you edit it. F3: its notes."
        elif not f.body:
            note = "Empty. F2 drafts every empty field from the notes."
        said = [c for c in oc.comments(self.store, self.ref) if c["field"] == key]
        if said:
            people = ", ".join(dict.fromkeys(c["person"] for c in said))
            note = (note + "\n" if note else "") + (
                f"{len(said)} comment(s) on this field from {people}: F7 shows them.")
        field_note = self.query_one("#field-note", Static)
        field_note.display = bool(note)
        field_note.update(literal(note, one_line=False))

    def rec_widths(self) -> tuple[int, int, int]:
        """Action, Person Responsible and Timeframe widths that fit the pane (the other
        columns take 3 and 10 cells, and every column 2 of padding). Person and Timeframe are
        0 when they would not fit beside the field list: the table shows them once in use."""
        pane = self.app.size.width - 2 - 1  # the pane's padding, and room for a scrollbar
        if not self.has_class("recs-wide"):
            pane -= LIST_LABEL_WIDE + 4 if self.label_width() == LIST_LABEL_WIDE else LIST_LABEL + 4
        room = pane - 5 * 2 - 3 - 10
        if room < 30:
            return max(pane - 3 * 2 - 3 - 10, 10), 0, 0
        action = room * 45 // 100
        person = room * 30 // 100
        return action, person, room - action - person

    def fill_recs(self, state: oc.FormState) -> None:
        table = self.query_one("#recs", RecTable)
        row = table.cursor_row
        action_w, person_w, time_w = self.rec_widths()
        table.clear(columns=True)
        table.add_column("No.", width=3)
        table.add_column("SMART", width=10)
        table.add_column("Action", width=action_w)
        if person_w:
            table.add_column("Person Responsible" if person_w >= 18 else "Person",
                             width=person_w)
            table.add_column("Timeframe", width=time_w)
        findings = state.field("findings").body + "\n" + state.field("do_better").body
        self._advice = []
        for i, r in enumerate(state.recommendations, start=1):
            advice = oc.smart_advice(r, findings)
            self._advice.append(advice)
            check = f"{len(advice)} to check" if advice else "ok"
            cells = [str(i), "candidate" if oc.is_candidate(r) else check,
                     literal(_short(r["action"], action_w))]
            if person_w:
                cells += [literal(_short(r["person_responsible"], person_w)),
                          literal(_short(r["timeframe"], time_w))]
            table.add_row(*cells,
                          key=str(r["id"] if r["id"] is not None else f"d{i}"))
        self._rec_ids = [r["id"] for r in state.recommendations]
        self._recs = state.recommendations
        if state.recommendations:
            table.move_cursor(row=min(row, len(state.recommendations) - 1))
        # New columns change the table's height (auto): lay the pane out again once they are
        # measured, or a table first shown with new columns stays 0 lines tall.
        self.call_after_refresh(table.refresh, layout=True)
        self.show_advice()

    def show_advice(self) -> None:
        table = self.query_one("#recs", RecTable)
        advice = getattr(self, "_advice", [])
        if not advice:
            text = "No recommendations yet: press a to add one (or F2 to draft from notes)."
        else:
            row = min(table.cursor_row, len(advice) - 1)
            items = advice[row]
            rec = self._recs[row]
            text = (f"{row + 1}. {rec['action']}\n"
                    f"Person responsible: {rec['person_responsible'] or '(none)'}. "
                    f"Timeframe: {rec['timeframe'] or '(none)'}."
                    + (f" Answers: {rec['finding']}." if rec.get("finding") else "")
                    + ("\nCandidate drafted from an action note, not yet agreed: Enter to check "
                       "it; saving it agrees it." if oc.is_candidate(rec) else "")
                    + (f"\nProgress: {_progress(rec)} (p to change)." if rec.get("id") else "")
                    + "\nSMART check: "
                    + (" ".join(items) if items else "looks specific, owned and timed."))
        self.query_one("#advice", Static).update(literal(text, one_line=False))

    def fill_diss(self, state: oc.FormState) -> None:
        table = self.query_one("#diss", DissTable)
        table.clear()
        for r in state.dissemination:
            table.add_row(literal(r["method"]), literal(r["lead"]), key=str(r["id"]))
        self._diss_ids = [r["id"] for r in state.dissemination]

    def update_words(self) -> None:
        f = next(x for x in FORM_FIELDS if x.key == self.key)
        words = self.query_one("#words", Static)
        if not f.word_limit or self.key == "recommendations":
            words.display = False
            return
        words.display = True
        n = oc.word_count(self.query_one("#body", TextArea).text)
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
        self.loaded_text = text
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
            self.refresh_list()
            self.show_note()

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
            self.refresh_list()
            self.show_note()

    def on_unmount(self) -> None:
        # Leaving the screen or quitting the app: whatever was typed is committed now.
        self.save_current()

    # -- navigation --

    @on(OptionList.OptionHighlighted, "#field-list")
    def field_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        key = event.option.id
        if key and key != self.key:
            if self.save_current():
                self.refresh_list()
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
                self.refresh_list()
            self.query_one("#field-list").focus()

    def action_save(self) -> None:
        self.save_current()
        self.refresh_list()
        self.show_note()
        self.notify("Saved.", markup=False)

    # -- drafting and checks --

    def action_draft(self) -> None:
        self.settle()
        try:
            filled = oc.draft_from_notes(self.store, self.ref)
        except sqlite3.Error as e:
            self.db_error(e)
            return
        self.refresh_list()
        self.show_field(self.key)
        if filled:
            self.notify(f"Drafted {len(filled)} empty field(s) from the notes; nothing you wrote "
                        "was changed.", markup=False)
        else:
            self.notify("Nothing to draft: every field with notes behind it already has text.", markup=False)

    def action_sources(self) -> None:
        self.settle()
        notes = oc.source_notes(self.store, self.ref, self.key)
        name = next(f.name for f in FORM_FIELDS if f.key == self.key)
        if not notes:
            f = self.state().field(self.key)
            if f.drafted:
                self.notify("Drafted from the review's own records (such as the participant "
                            "list and the review's details), not from notes.", markup=False)
            else:
                self.notify("This field was not drafted from notes.", markup=False)
            return
        lines = [
            f"#{n['id']} [{n['kind'].replace('_', ' ')}]" + (f" {n['speaker']}:" if n['speaker'] else "")
            + (" (deleted)" if n["deleted"] else "") + f" {n['body']}"
            for n in notes
        ]
        self.app.push_screen(TextScreen(f"Notes behind: {name}", "\n".join(lines)))

    def action_check(self) -> None:
        self.settle()
        flags = oc.review_language_check(self.store, self.ref)
        if not flags:
            self.notify("Language check: nothing flagged.", markup=False)
            return
        reals = {p["real"].lower() for p in oc.pseudonyms(self.store, self.ref)}
        fates = [(oc.publication_fate(f, reals), f) for f in flags]
        # The chair's own form, shown to the chair: quote what was flagged so it can be found
        # and mapped without counting columns (never in messages or logs).
        def said(f: oc.Flag) -> str:
            if not f.text:
                return f.describe()
            return f"{f.describe()}: \u201c{' '.join(f.text.split())}\u201d"

        blocking = [said(f) for fate, f in fates if not fate]
        other = [f"{said(f)} ({fate})" for fate, f in fates if fate]
        parts = []
        if blocking:
            parts.append("Must be resolved before a publication export (edit the field, or add "
                         "a pseudonym with ctrl+g):\n" + "\n".join(blocking))
        if other:
            parts.append("Also noted:\n" + "\n".join(other))
        parts.append("Blame wording is advice: describe practice, not people.")
        text = "\n\n".join(parts)
        self.app.push_screen(TextScreen(
            f"Language check: {len(flags)} flag(s), {len(blocking)} block publication", text))

    # -- circulation --

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
        if ok:
            self.notify(ok, markup=False)
        self.refresh_list()
        self.show_field(self.key)
        return True

    def action_circulate(self) -> None:
        self.settle()

        def done(values: dict) -> bool:
            return self._run(oc.circulate, values["on"], values["to"],
                             ok="Version saved and marked circulated.")

        self.app.push_screen(
            PromptScreen("Circulate this version",
                         [("on", "Date circulated (dd/mm/yyyy)", self.today or _today()),
                          ("to", "Circulated to", "")], submit=done))

    def action_comment(self) -> None:
        self.settle()
        name = next(f.name for f in FORM_FIELDS if f.key == self.key)

        def done(values: dict) -> bool:
            return self._run(oc.add_comment, values["person"], self.key, values["comment"],
                             ok="Comment recorded.")

        self.app.push_screen(
            PromptScreen(f"Comment on: {name}",
                         [("person", "Whose comment", ""), ("comment", "What they said", "")],
                         submit=done))

    def action_compare(self) -> None:
        self.settle()
        notes = oc.comments(self.store, self.ref)
        try:
            diff = oc.compare_versions(self.store, self.ref)
        except InputRefused as e:
            if not notes:
                self.notify(e.message, severity="warning", markup=False)
                return
            diff = e.message  # the comments are still worth reading
        if notes:
            names = {f.key: f.name for f in FORM_FIELDS}
            diff += "\n\nComments:\n" + "\n".join(
                f"v{c['version']} {c['person']} on {names.get(c['field'], c['field'])}: "
                f"{c['comment']}" for c in notes)
        self.app.push_screen(TextScreen("What changed", diff))

    def action_finalise(self) -> None:
        self.settle()
        state = self.state()
        drafted = sum(1 for f in state.fields if f.drafted) + int(state.recommendations_drafted)
        over = state.over_limit
        if over:
            self.notify("Cannot mark final: " + "; ".join(
                f"{f.name} is {f.words} words (limit {f.word_limit})" for f in over),
                severity="error", timeout=8, markup=False)
            return

        def done(values: dict) -> bool:
            return self._run(oc.finalise, values["on"], values["to"],
                             ok="Marked final. Export it with: lrf export "
                                f"{self.ref} --what outcome")

        self.app.push_screen(
            PromptScreen("Mark final",
                         [("on", "Date sent (dd/mm/yyyy)", self.today or _today()),
                          ("to", "Sent to", "the partnership business manager")],
                         hint=(f"{drafted} field(s) still hold text drafted from notes: marking "
                               "final accepts them as written." if drafted else ""),
                         submit=done))

    # -- family and dissemination --

    def action_family(self) -> None:
        self.settle()
        review = self.state().review
        current = review["family_involvement"]

        def picked(index: int | None) -> None:
            if index is None:
                return
            decision = FAMILY_INVOLVEMENT[index]

            def done(values: dict) -> bool:
                return self._run(oc.set_family_involvement, decision, values["detail"],
                                 values["risks"], ok="Family involvement recorded.")

            self.app.push_screen(
                PromptScreen(f"Family: {decision}", [
                    ("detail", "How, and what the family said or was told",
                     review["family_involvement_detail"]),
                    ("risks", "Risks around publication or involving the family",
                     review["publication_risks"]),
                ], submit=done))

        self.app.push_screen(
            PickScreen("How was the family involved or informed?", list(FAMILY_INVOLVEMENT),
                       FAMILY_INVOLVEMENT.index(current) if current in FAMILY_INVOLVEMENT else 0),
            picked)

    def action_add_dissemination(self) -> None:
        def picked(index: int | None) -> None:
            if index is None:
                return
            method = DISSEMINATION_METHODS[index]

            def done(values: dict) -> bool:
                return self._run(oc.add_dissemination, method, values["lead"],
                                 values["planned"] or None)

            self.app.push_screen(
                PromptScreen(method, [("lead", "Who leads it (role or agency)", ""),
                                      ("planned", "Planned for (dd/mm/yyyy, optional)", "")],
                             submit=done))

        self.app.push_screen(PickScreen("Dissemination method", list(DISSEMINATION_METHODS)),
                             picked)

    def action_edit_dissemination(self) -> None:
        table = self.query_one("#diss", DissTable)
        rows = self.state().dissemination
        if not rows:
            self.notify("No methods yet: press a to add one.", markup=False)
            return
        row = rows[min(table.cursor_row, len(rows) - 1)]
        planned = ""
        if row["planned_on"]:
            planned = _dt.date.fromisoformat(row["planned_on"]).strftime("%d/%m/%Y")

        def done(values: dict) -> bool:
            return self._run(oc.update_dissemination, row["id"], values["lead"],
                             values["planned"] or None, ok="Method updated.")

        self.app.push_screen(
            PromptScreen(row["method"], [("lead", "Who leads it (role or agency)", row["lead"]),
                                         ("planned", "Planned for (dd/mm/yyyy, optional)",
                                          planned)],
                         submit=done))

    def action_delete_dissemination(self) -> None:
        table = self.query_one("#diss", DissTable)
        ids = getattr(self, "_diss_ids", [])
        if ids:
            self._run(oc.delete_dissemination, ids[table.cursor_row], ok="Method removed.")

    # -- recommendations --

    def _rec_prompt(self, title: str, rec: dict, done) -> None:
        hint = ("A candidate drafted from an action note: saving it agrees it as a "
                "recommendation; Esc leaves it a candidate." if oc.is_candidate(rec) else "")
        self.app.push_screen(
            PromptScreen(title, [
                ("action", "Action", rec.get("action") or ""),
                ("person_responsible", "Person responsible (role or agency)",
                 rec.get("person_responsible") or ""),
                ("timeframe", "Timeframe (a date or period)", rec.get("timeframe") or ""),
                ("finding", "Finding it answers", rec.get("finding") or ""),
            ], hint=hint, submit=done))

    def _materialise_drafts(self) -> bool:
        """Candidate rows shown from notes become real rows before they are edited."""
        if any(i is None for i in getattr(self, "_rec_ids", [])):
            try:
                oc.draft_recommendations(self.store, self.ref)
            except sqlite3.Error as e:
                self.db_error(e)
                return False
            self.fill_recs(self.state())
        return True

    def action_add_rec(self) -> None:
        def done(values: dict) -> bool:
            if not self._materialise_drafts():
                return False
            return self._run(oc.add_recommendation, values["action"],
                             values["person_responsible"], values["timeframe"],
                             values["finding"], ok="Recommendation added.")

        self._rec_prompt("New recommendation", {}, done)

    def action_edit_rec(self) -> None:
        if not self._materialise_drafts():
            return
        state = self.state()
        table = self.query_one("#recs", RecTable)
        if not state.recommendations:
            return
        row = table.cursor_row
        rec = state.recommendations[row]

        def done(values: dict) -> bool:
            return self._run(oc.update_recommendation, rec["id"], **values,
                             ok=f"Recommendation {row + 1} agreed." if oc.is_candidate(rec)
                             else "")

        self._rec_prompt(f"Recommendation {table.cursor_row + 1}", rec, done)

    def _rec_under_cursor(self) -> tuple[int, int] | None:
        """(row, recommendation id) of the row under the cursor, drafts made real first."""
        if not self._materialise_drafts():
            return None
        ids = getattr(self, "_rec_ids", [])
        if not ids:
            return None
        row = self.query_one("#recs", RecTable).cursor_row
        return row, ids[row]

    def action_rec_progress(self) -> None:
        from facilitation import partnership as pt

        picked_row = self._rec_under_cursor()
        if picked_row is None:
            return
        row, rec_id = picked_row

        def reopen(store, ref) -> None:
            pt.mark_done(store, rec_id, "")
            pt.mark_started(store, rec_id, False)

        def done(store, ref, on: str) -> None:
            if not on.strip():
                raise InputRefused("Say when the action was done (dd/mm/yyyy).")
            pt.mark_done(store, rec_id, on)

        def picked(index: int | None) -> None:
            if index == 0:
                self._run(reopen, ok=f"Action {row + 1}: not started.")
            elif index == 1:
                self._run(lambda store, ref: (pt.mark_done(store, rec_id, ""),
                                              pt.mark_started(store, rec_id, True)),
                          ok=f"Action {row + 1}: started.")
            elif index == 2:
                self.app.push_screen(PromptScreen(
                    f"Action {row + 1} done", [("on", "Done on (dd/mm/yyyy)",
                                               self.today or _today())],
                    submit=lambda v: self._run(done, v["on"], ok=f"Action {row + 1}: done.")))

        self.app.push_screen(PickScreen(f"Progress of action {row + 1}",
                                        ["Not started", "Started", "Done"]), picked)

    def action_delete_rec(self) -> None:
        picked_row = self._rec_under_cursor()
        if picked_row is None:
            return
        row, rec_id = picked_row

        def picked(index: int | None) -> None:
            if index == 1:
                self._run(oc.delete_recommendation, rec_id, ok="Recommendation deleted.")

        self.app.push_screen(PickScreen(f"Delete recommendation {row + 1}?",
                                        ["No, keep it", "Yes, delete it"]), picked)

    # -- pseudonyms (for the publication export) --

    def action_pseudonyms(self) -> None:
        self.settle()
        pairs = oc.pseudonyms(self.store, self.ref)
        choices = ["Add or change a pseudonym",
                   "Map every participant's name to their role",
                   "Remove a pseudonym"]
        shown = [f"{p['real']} → {p['replacement']}" for p in pairs]

        def picked(index: int | None) -> None:
            if index == 0:
                self.app.push_screen(
                    PromptScreen("Pseudonym", [("real", "Real word or phrase", ""),
                                               ("replacement", "Replace with", "")],
                                 hint="Applied, whole words and any case, in the publication "
                                      "export only.",
                                 submit=lambda v: self._run(oc.set_pseudonym, v["real"],
                                                            v["replacement"],
                                                            ok="Pseudonym saved.")))
            elif index == 1:
                try:
                    added = oc.suggest_pseudonyms(self.store, self.ref)
                except sqlite3.Error as e:
                    self.db_error(e)
                    return
                self.notify(f"Added {added} pseudonym(s) from the participant list.", markup=False)
                self.refresh_list()  # the status line counts what still blocks publishing
            elif index == 2 and pairs:
                self.app.push_screen(
                    PickScreen("Remove which?", shown),
                    lambda i: i is not None and self._run(
                        oc.delete_pseudonym, pairs[i]["real"], ok="Pseudonym removed."))

        title = f"Pseudonym map ({len(pairs)})"
        if shown:
            title += ": " + "; ".join(shown[:4]) + ("; …" if len(shown) > 4 else "")
        self.app.push_screen(PickScreen(title, choices), picked)
