"""What stands between the outcome form and its publication version, for FormScreen: F4 lists
everything that blocks publication (the form not final, every flag in a publication text, every
part unapproved or over its word limit) and the language check of the internal form (wording that
blames a named person is advice); ctrl+g opens the publication screen. Mixed into FormScreen,
whose store and settle() it uses."""

from __future__ import annotations

import sqlite3

from facilitation import outcome as oc

from .dialogs import TextScreen


class PublicationMixin:
    """The check and the way to the publication screen, for FormScreen."""

    def action_check(self) -> None:
        self.settle()
        try:
            state = oc.form_state(self.store, self.ref)
            problems = oc.publication_problems(self.store, self.ref, state=state)
            not_final = oc.publication_blocker(state)
            flags = oc.publication_flags(self.store, self.ref)
        except sqlite3.Error as e:
            self.db_error(e)
            return
        if not_final:
            problems.insert(0, not_final[:1].upper() + not_final[1:])
        # The chair's own form, shown to the chair: quote what was flagged in the internal
        # text so it can be found (never in messages or logs).
        def said(f: oc.Flag) -> str:
            if not f.text:
                return f.describe()
            return f"{f.describe()}: \u201c{' '.join(f.text.split())}\u201d"

        parts = []
        if problems:
            parts.append(f"Blocks publication ({len(problems)}; ctrl+g opens the publication "
                         "texts):\n" + "\n".join(problems))
        else:
            parts.append("Nothing blocks publication.")
        if flags:
            parts.append("Language check of the internal form:\n"
                         + "\n".join(f"{said(f)} ({fate or 'not in the register'})"
                                     for f, fate in flags))
        parts.append("Blame wording is advice: describe practice, not people.")
        self.app.push_screen(TextScreen(
            f"Check: {len(problems)} block publication, {len(flags)} language flag(s)",
            "\n\n".join(parts)))

    def action_publication(self) -> None:
        self.settle()
        from ..publication import PublicationScreen

        self.app.push_screen(PublicationScreen(self.ref), lambda _r=None: self.refresh_list())
