"""The publication screen: each published part of the form with its state, and for the selected
part the internal text (read-only, left) beside the publication text the author edits (right),
with every replacement and every remaining flag highlighted in the view below, the flags listed
by line:column, and keys to approve, keep a flag as written (with a reason), make the text
again from the register, choose whole report or summary, and edit the identifier register.

Every rule is in facilitation/outcome/publication*.py; this screen only shows and asks. All user
text is shown literally (rich Text), never as markup.
"""

from __future__ import annotations

import sqlite3

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import OptionList, Static, TextArea
from textual.widgets.option_list import Option

from facilitation import outcome as oc
from facilitation.errors import InputRefused
from facilitation.process import proceedings_line
from facilitation.reviews import get_review

from ...messages import FormSaved
from ...text import clean, literal
from ...writes import not_saved
from ..form.dialogs import PickIndexScreen, PromptScreen
from ...widgets.footer import KeysFooter
from .register import RegisterMixin


class PublicationScreen(RegisterMixin, Screen):
    DEFAULT_CSS = """
    PublicationScreen #pub-title { height: 1; background: $primary-background; }
    PublicationScreen #parts { width: 24; }
    PublicationScreen #internal-box { width: 1fr; border: round $secondary; }
    PublicationScreen #public { width: 1fr; }
    PublicationScreen #texts { height: 1fr; }
    PublicationScreen #view-box { height: 5; border-top: solid $secondary; }
    PublicationScreen #flags { height: 2; }
    """

    BINDINGS = [
        Binding("f1", "app.help", "Keys", id="publication.keys",
                tooltip="List every key of this screen"),
        Binding("escape", "back", "Back", id="publication.back",
                tooltip="Back to the part list; from the list, back to the form"),
        Binding("f5", "approve", "Approve", id="publication.approve",
                tooltip="Approve this part's publication text as it stands"),
        Binding("f8", "keep", "Keep", id="publication.keep",
                tooltip="Mark a flag publishable as written (asks the reason)"),
        Binding("f9", "regenerate", "Remake", id="publication.regenerate",
                tooltip="Make the publication text again from the internal text and register"),
        Binding("ctrl+g", "register", "Register", id="publication.register",
                tooltip="The identifier register: add, change or remove entries"),
        Binding("ctrl+t", "scope", "Scope", id="publication.scope",
                tooltip="Publish the whole report or a summary of the key findings"),
    ]

    def __init__(self, ref: str):
        super().__init__()
        self.ref = ref
        self.parts: list[oc.Part] = []
        self.key = ""

    @property
    def store(self):
        return self.app.store

    def compose(self) -> ComposeResult:
        yield Static(id="pub-title", markup=False)
        with Horizontal(id="texts"):
            yield OptionList(id="parts")
            with VerticalScroll(id="internal-box"):
                yield Static(id="internal", markup=False)
            yield TextArea(id="public", soft_wrap=True)
        with VerticalScroll(id="view-box"):
            yield Static(id="view", markup=False)
        yield Static(id="flags", markup=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#internal-box").border_title = "Internal (read-only)"
        self.query_one("#public").border_title = "Published (edit)"
        self.reload()
        self.query_one("#parts", OptionList).focus()

    # -- drawing ---------------------------------------------------------------------------

    def reload(self, keep: str | None = None) -> None:
        try:
            self.parts = oc.publication_parts(self.store, self.ref)
            scope = oc.publication_scope(self.store, self.ref)
            held = proceedings_line(self.store, get_review(self.store, self.ref)["id"])
        except sqlite3.Error as e:
            self.notify(not_saved(e), severity="error", markup=False)
            return
        ol = self.query_one("#parts", OptionList)
        keep = keep or self.key or (self.parts[0].key if self.parts else "")
        ol.clear_options()
        ol.add_options([Option(self._label(p), id=p.key) for p in self.parts])
        at = next((i for i, p in enumerate(self.parts) if p.key == keep), 0)
        ol.highlighted = at
        waiting = sum(1 for p in self.parts if p.mark != "approved")
        what = "summary" if scope == "summary" else "whole report"
        self.query_one("#pub-title", Static).update(Text(
            f"Publication of {clean(self.ref)} ({what}): {waiting} of {len(self.parts)} parts "
            "to approve" + (f"; {held}" if "publication held" in held else "")))
        if self.parts:
            self.show_part(self.parts[at].key)

    @staticmethod
    def _label(p: oc.Part) -> Text:
        name = p.name if len(p.name) <= 11 else p.name[:10] + "…"
        short = {"approved": "ok", "not approved": "to do"}.get(p.mark, p.mark)
        return Text(f"{name:<11} {short}", style="green" if short == "ok" else "")

    def part(self) -> oc.Part | None:
        return next((p for p in self.parts if p.key == self.key), None)

    def show_part(self, key: str) -> None:
        self.key = key
        p = self.part()
        if p is None:
            return
        self.query_one("#internal", Static).update(literal(p.internal, one_line=False))
        ta = self.query_one("#public", TextArea)
        if ta.text != p.public:
            with ta.prevent(TextArea.Changed):
                ta.load_text(p.public)
        self.draw_view(p)

    def draw_view(self, p: oc.Part) -> None:
        """The publication text with replacements (green) and flags (red, reversed) marked."""
        view = Text(clean(p.public, one_line=False))
        for start, end in p.replacements:
            view.stylize("bold green", start, end)
        for f in p.flags:
            view.stylize("bold reverse red", f.start, f.end)
        self.query_one("#view", Static).update(view)
        if p.flags:
            said = "  ".join(f"{i}. {f.line}:{f.column} {f.kind}" for i, f in
                             enumerate(p.flags, start=1))
            self.query_one("#flags", Static).update(Text(f"Flags: {said}", style="red"))
        else:
            self.query_one("#flags", Static).update(Text(
                f"{p.name}: {p.mark}. No flags. {p.words} words"
                + (f" (limit {p.word_limit})" if p.word_limit else "")))

    def _refresh_label(self, p: oc.Part) -> None:
        ol = self.query_one("#parts", OptionList)
        at = next(i for i, q in enumerate(self.parts) if q.key == p.key)
        ol.replace_option_prompt_at_index(at, self._label(p))

    # -- events ----------------------------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#parts")
    def part_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id and event.option.id != self.key:
            self.show_part(event.option.id)

    @on(OptionList.OptionSelected, "#parts")
    def part_selected(self, event: OptionList.OptionSelected) -> None:
        self.show_part(event.option.id)
        self.query_one("#public", TextArea).focus()

    @on(TextArea.Changed, "#public")
    def public_changed(self) -> None:
        text = self.query_one("#public", TextArea).text
        if not self._do(oc.set_publication_text, self.key, text):
            return
        at = next((i for i, q in enumerate(self.parts) if q.key == self.key), None)
        if at is None:
            return
        p = self.parts[at] = self.parts[at].edited(text)  # this part checked again, alone
        self._refresh_label(p)
        self.draw_view(p)

    # -- actions ---------------------------------------------------------------------------

    def _do(self, fn, *args, ok: str = "") -> bool:
        try:
            fn(self.store, self.ref, *args)
        except InputRefused as e:
            self.notify(e.message, severity="error", timeout=8, markup=False)
            return False
        except sqlite3.Error as e:
            self.notify(not_saved(e), severity="error", timeout=10, markup=False)
            return False
        self.app.announce(FormSaved, self.ref)
        if ok:
            self.notify(ok, markup=False)
        return True

    def action_back(self) -> None:
        if self.query_one("#public", TextArea).has_focus:
            self.query_one("#parts", OptionList).focus()
        else:
            self.app.pop_screen()

    def action_approve(self) -> None:
        p = self.part()
        if p and self._do(oc.approve, p.key, ok=f"{p.name}: approved."):
            self.reload(p.key)

    def action_regenerate(self) -> None:
        p = self.part()
        if p and self._do(oc.regenerate, p.key, ok=f"{p.name}: made again from the register."):
            self.reload(p.key)

    def action_keep(self) -> None:
        p = self.part()
        if p is None or not p.flags:
            self.notify("This part has no flag to keep.", markup=False)
            return

        def ask(index: int | None) -> None:
            if index is None:
                return
            flag = p.flags[index]
            self.app.push_screen(PromptScreen(
                f"Keep flag {index + 1} ({flag.line}:{flag.column} {flag.kind}) as written",
                [("reason", "Why it is publishable as written", "")],
                hint="Kept in the form's history. A date kept is publishable wherever written.",
                submit=lambda v: self._kept(p.key, index, v["reason"])))

        if len(p.flags) == 1:
            ask(0)
        else:
            self.app.push_screen(PickIndexScreen(
                "Keep which flag as written?",
                [f"{f.line}:{f.column} {f.kind}" for f in p.flags]), ask)

    def _kept(self, key: str, index: int, reason: str) -> bool:
        if not self._do(oc.mark_publishable, key, index, reason, ok="Flag kept as written."):
            return False
        self.reload(key)
        return True

    def action_scope(self) -> None:
        scope = oc.publication_scope(self.store, self.ref)
        new = "summary" if scope == "whole" else "whole"
        said = "a summary of the key findings" if new == "summary" else "the whole report"
        if self._do(oc.set_publication_scope, new, ok=f"The partnership publishes {said}."):
            self.key = ""
            self.reload()
