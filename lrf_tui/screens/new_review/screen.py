"""Start a new review: pick the methodology (with a suggestion), a title and a family label."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Checkbox, Header, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from facilitation import preparation as prep
from facilitation.errors import InputRefused
from facilitation.framework import METHODOLOGIES, METHODOLOGY_BY_KEY, suggest_methodology
from facilitation.reviews import create_review

from ...keymap import with_keys
from ...messages import ReviewChanged
from ...text import literal
from ...writes import writing
from ...dialogs import TickBox, close_unless_typed
from ...widgets.footer import KeysFooter


class NewReviewScreen(Screen):
    BINDINGS = [
        Binding("ctrl+s", "create", "Create", id="new.create", tooltip="Create the review"),
        Binding("escape", "back", "Back", id="new.back", tooltip="Back without creating"),
    ]

    def __init__(self, ref: str = ""):
        super().__init__()
        self.picked_by_hand = False

    def compose(self) -> ComposeResult:
        from rich.text import Text

        yield Header()
        with VerticalScroll(id="new-body"):
            with Horizontal(id="new-questions"):
                yield Label("How many families?", markup=False)
                yield Input("1", id="new-families", type="integer", classes="short",
                            compact=True)
                yield TickBox("A single issue", id="new-single", compact=True)
                yield TickBox("Practitioners can meet", True, id="new-meet", compact=True)
            yield Label("", id="new-suggestion", markup=False)
            yield Label("Methodology (up/down to choose)", classes="field-label", markup=False)
            options = []
            for m in METHODOLOGIES:
                prompt = Text()
                prompt.append(m.name, style="bold")
                prompt.append(f"\n  {m.explanation}")
                options.append(Option(prompt, id=m.key))
            yield OptionList(*options, id="new-methodology", compact=True)
            yield Label("", id="new-chosen", markup=False)
            yield Label("Title", classes="field-label", markup=False)
            yield Input(id="new-review-title", placeholder="such as: Child T, neglect",
                        compact=True)
            yield Label("", id="err-title", classes="field-error error", markup=False)
            yield Label("Family label (a pseudonym; for a thematic review, all of them)",
                        classes="field-label", markup=False)
            yield Input(id="new-family-label", placeholder="such as: Family T", compact=True)
            yield Label("", id="err-family_label", classes="field-error error", markup=False)
            yield Static(with_keys(self.app, self.BINDINGS, "{new.create} create · {new.back} back"),
                         classes="hint", markup=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = "new review"
        self._suggest()
        self.query_one("#new-families", Input).focus()

    def _families(self) -> int:
        try:
            return max(1, int(self.query_one("#new-families", Input).value or "1"))
        except ValueError:
            return 1

    def _suggest(self) -> None:
        key = suggest_methodology(
            families=self._families(),
            single_issue=self.query_one("#new-single", Checkbox).value,
            practitioners_can_meet=self.query_one("#new-meet", Checkbox).value,
        )
        m = METHODOLOGY_BY_KEY[key]
        self.query_one("#new-suggestion", Label).update(
            f"Suggested: {m.name}, for {m.fits_when}."
        )
        if not self.picked_by_hand:
            options = self.query_one("#new-methodology", OptionList)
            options.highlighted = options.get_option_index(key)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "new-families":
            self._suggest()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        self._suggest()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if self.query_one("#new-methodology", OptionList).has_focus:
            self.picked_by_hand = True
        name = METHODOLOGY_BY_KEY[event.option.id].name
        self.query_one("#new-chosen", Label).update(f"Chosen: {name}")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.picked_by_hand = True
        self.query_one("#new-review-title", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "new-families":
            self.query_one("#new-methodology", OptionList).focus()
        elif event.input.id == "new-review-title":
            self.query_one("#new-family-label", Input).focus()
        else:
            self.action_create()

    def has_unsaved_typing(self) -> bool:
        if not self.is_mounted:
            return False
        return any(self.query_one(f"#{wid}", Input).value.strip()
                   for wid in ("new-review-title", "new-family-label"))

    def action_back(self) -> None:
        close_unless_typed(self, self.app.pop_screen, "Go back without creating this review?")

    def action_create(self) -> None:
        for label in self.query(".field-error"):
            label.update("")
            label.display = False
        options = self.query_one("#new-methodology", OptionList)
        index = options.highlighted if options.highlighted is not None else 0
        methodology = options.get_option_at_index(index).id
        try:
            title = prep.text(self.query_one("#new-review-title", Input).value, "title",
                              "title", required=True)
            family = prep.text(self.query_one("#new-family-label", Input).value,
                               "family_label", "family label")
            with writing():
                review = create_review(self.app.store, title=title, methodology=methodology,
                                       family_label=family)
        except InputRefused as e:
            field = getattr(e, "field", "title")
            self._refuse(field, e.message)
            return
        from ..prepare import PrepareScreen

        self.app.announce(ReviewChanged, review["ref"])
        self.app.switch_screen(PrepareScreen(review["ref"]))
        self.app.notify(f"Created {review['ref']}.", timeout=3)

    def _refuse(self, field: str, message: str) -> None:
        label = self.query_one(f"#err-{field}", Label)
        label.update(literal(message))
        label.display = True
        target = {"title": "#new-review-title", "family_label": "#new-family-label"}[field]
        self.query_one(target, Input).focus()
