"""Circulating the outcome form and signing it off: save a version and mark it circulated,
record a person's comment on a field, respond to a comment, compare the latest version with the
one before (with the comments and their responses), and mark the form final. Marking final is
checked by the domain (facilitation/outcome/signoff.py): when anything stands in the way, the
reasons are listed in a dialog where the lead author may type why it should be final anyway.
Mixed into FormScreen, whose store, state(), settle() and _run() it uses."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Input

from facilitation import outcome as oc
from facilitation.errors import InputRefused
from facilitation.framework import FORM_FIELDS, METHODOLOGY_BY_KEY

from ...keymap import key_for
from .dialogs import PickIndexScreen, PromptScreen, TextScreen

FIELD_NAMES = {f.key: f.name for f in FORM_FIELDS}


class FinalRefusedScreen(PromptScreen):
    """Why the form cannot be marked final yet, as a list; when every reason may be overridden,
    the date sent and the lead author's reason for marking it final anyway. PgUp/PgDn scroll a
    long list while the typing stays where it is."""

    BINDINGS = [
        Binding("pagedown", "scroll_reasons(1)", "More reasons", id="final.reasons_down",
                tooltip="Scroll the list of reasons down"),
        Binding("pageup", "scroll_reasons(-1)", "Back up", id="final.reasons_up",
                tooltip="Scroll the list of reasons up"),
    ]

    def __init__(self, reasons: list[str], can_override: bool, day: str, goes_to: str,
                 submit=None, keys_hint: str = ""):
        fields = ([("on", "Date sent (dd/mm/yyyy)", day),
                   ("reason", "Mark final anyway because (kept in the history)", "")]
                  if can_override else [])
        super().__init__("Cannot mark final yet", fields, submit=submit)
        self.reasons = reasons
        self.can_override = can_override
        self.goes_to = goes_to
        self.keys_hint = keys_hint  # the keys that put the reasons right

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-box"):
            yield self.title_line(
                f"Cannot mark final yet ({len(self.reasons)} "
                f"reason{'s' if len(self.reasons) != 1 else ''}):", classes="modal-title")
            with VerticalScroll(id="final-reasons"):
                yield self.message_line("\n".join(f"- {r}" for r in self.reasons))
            if self.keys_hint:
                yield self.message_line(self.keys_hint, classes="hint")
            if self.can_override:
                yield self.message_line(f"The lead author may mark it final anyway, sent to "
                                        f"{self.goes_to}:", classes="hint")
                for key, label, value in self.fields:
                    yield self.label_line(label)
                    yield Input(value=value, id=f"in-{key}")
                yield self.message_line("Enter: next / mark final   PgDn/PgUp: the reasons   "
                                        "Esc: cancel", classes="hint")
            else:
                yield self.message_line("A word limit cannot be overridden: shorten the field "
                                        "first.   PgDn/PgUp: the reasons   Esc: close",
                                        classes="hint")

    def action_scroll_reasons(self, direction: int) -> None:
        box = self.query_one("#final-reasons", VerticalScroll)
        (box.scroll_page_down if direction > 0 else box.scroll_page_up)(animate=False)

    def on_mount(self) -> None:
        if self.can_override:
            self.query_one("#in-reason", Input).focus()
        else:
            self.query_one("#final-reasons").focus()


class CirculationMixin:
    """Versions, comments and their responses, and the final mark, for FormScreen."""

    def _key(self, binding_id: str) -> str:
        return key_for(self.app, self.BINDINGS, binding_id)

    def action_circulate(self) -> None:
        self.settle()

        def done(values: dict) -> bool:
            return self._run(oc.circulate, values["on"], values["to"],
                             ok="Version saved and marked circulated.")

        self.app.push_screen(
            PromptScreen("Circulate this version",
                         [("on", "Date circulated (dd/mm/yyyy)", self.default_day()),
                          ("to", "Circulated to", "")], submit=done))

    def action_comment(self) -> None:
        self.settle()
        name = FIELD_NAMES[self.key]

        def done(values: dict) -> bool:
            return self._run(oc.add_comment, values["person"], self.key, values["comment"],
                             ok="Comment recorded.")

        self.app.push_screen(
            PromptScreen(f"Comment on: {name}",
                         [("person", "Whose comment", ""), ("comment", "What they said", "")],
                         submit=done))

    def action_respond(self) -> None:
        """Pick a comment (those without a response first), then type the response."""
        self.settle()
        said = sorted(oc.comments(self.store, self.ref),
                      key=lambda c: (bool(c["response"].strip()), c["id"]))
        if not said:
            self.notify(f"No comments to respond to: {self._key('form.comment')} records one "
                        "someone made on the circulated form.", markup=False)
            return
        options = [
            f"{'answered' if c['response'].strip() else 'NO RESPONSE'} · v{c['version']} "
            f"{c['person']} on {FIELD_NAMES.get(c['field'], c['field'])}: {c['comment']}"
            for c in said]

        def picked(index: int | None) -> None:
            if index is None:
                return
            c = said[index]

            def done(values: dict) -> bool:
                return self._run(oc.respond_to_comment, c["id"], values["response"],
                                 ok="Response recorded.")

            self.app.push_screen(PromptScreen(
                f"Respond to {c['person']}",
                [("response", "Response: what changed, or why not", c["response"])],
                hint=f"On {FIELD_NAMES.get(c['field'], c['field'])}: {c['comment']}",
                submit=done))

        self.app.push_screen(PickIndexScreen("Respond to which comment?", options), picked)

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
            diff += "\n\nComments:\n" + "\n".join(
                f"v{c['version']} {c['person']} on {FIELD_NAMES.get(c['field'], c['field'])}: "
                f"{c['comment']}\n  Response: "
                + (c["response"] if c["response"].strip() else "none yet")
                for c in notes)
        self.app.push_screen(TextScreen("What changed", diff))

    def action_finalise(self) -> None:
        self.settle()
        state = self.state()
        goes_to = oc.recipient(state.review)
        blockers = oc.final_blockers(self.store, self.ref, state)
        ok = f"Marked final. Export it with: lrf export {self.ref} --what outcome"
        if blockers:
            refused = oc.FinalRefused(blockers)
            kinds = {b.kind for b in blockers}
            fixes = [f"{self._key(binding)} {words}" for kind, binding, words in (
                ("circulation", "form.circulate", "circulates"),
                ("comment", "form.respond", "responds to a comment")) if kind in kinds]

            def anyway(values: dict) -> bool:
                if not values["reason"].strip():
                    self.notify("Type why it should be marked final anyway: the history keeps "
                                "the reason.", severity="error", markup=False)
                    return False
                return self._run(oc.finalise, values["on"], override_reason=values["reason"],
                                 ok=ok)

            self.app.push_screen(FinalRefusedScreen(
                refused.reasons, refused.can_override, self.default_day(), goes_to,
                submit=anyway, keys_hint=("; ".join(fixes) + ".") if fixes else ""))
            return

        def done(values: dict) -> bool:
            return self._run(oc.finalise, values["on"], ok=ok)

        drafted = sum(1 for f in state.fields if f.drafted) + int(state.recommendations_drafted)
        method = METHODOLOGY_BY_KEY[state.review["methodology"]].name.lower()
        hint = f"It goes to {goes_to}, as the framework says for a {method}."
        if drafted:
            hint += (f"\n{drafted} field(s) still hold text drafted from notes: marking final "
                     "accepts them as written.")
        self.app.push_screen(
            PromptScreen("Mark final", [("on", "Date sent (dd/mm/yyyy)", self.default_day())],
                         hint=hint, submit=done))
