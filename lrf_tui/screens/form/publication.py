"""What stands between the outcome form and its publication version: the language check
(identifiers, and wording that blames a named person), each flag said with what publication does
with it, and the pseudonym map that replaces real names in the publication export. Mixed into
FormScreen, whose store, settle() and _run() it uses."""

from __future__ import annotations

import sqlite3

from facilitation import outcome as oc

from .dialogs import PickIndexScreen, PromptScreen, TextScreen


class PublicationMixin:
    """The language check and the pseudonym map, for FormScreen."""

    def action_check(self) -> None:
        self.settle()
        flags = oc.publication_flags(self.store, self.ref)
        if not flags:
            self.notify("Language check: nothing flagged.", markup=False)
            return
        # The chair's own form, shown to the chair: quote what was flagged so it can be found
        # and mapped without counting columns (never in messages or logs).
        def said(f: oc.Flag) -> str:
            if not f.text:
                return f.describe()
            return f"{f.describe()}: \u201c{' '.join(f.text.split())}\u201d"

        blocking = [said(f) for f, fate in flags if not fate]
        other = [f"{said(f)} ({fate})" for f, fate in flags if fate]
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
                    PickIndexScreen("Remove which?", shown),
                    lambda i: i is not None and self._run(
                        oc.delete_pseudonym, pairs[i]["real"], ok="Pseudonym removed."))

        title = f"Pseudonym map ({len(pairs)})"
        if shown:
            title += ": " + "; ".join(shown[:4]) + ("; …" if len(shown) > 4 else "")
        self.app.push_screen(PickIndexScreen(title, choices), picked)
