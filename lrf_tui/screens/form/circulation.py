"""Circulating the outcome form and signing it off: save a version and mark it circulated,
record a person's comment on a field, compare the latest version with the one before (with the
comments), and mark the form final. Mixed into FormScreen, whose store, state(), settle() and
_run() it uses."""

from __future__ import annotations

from facilitation import outcome as oc
from facilitation.errors import InputRefused
from facilitation.framework import FORM_FIELDS

from .dialogs import PromptScreen, TextScreen


class CirculationMixin:
    """Versions, comments and the final mark, for FormScreen."""

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
                         [("on", "Date sent (dd/mm/yyyy)", self.default_day()),
                          ("to", "Sent to", "the partnership business manager")],
                         hint=(f"{drafted} field(s) still hold text drafted from notes: marking "
                               "final accepts them as written." if drafted else ""),
                         submit=done))
