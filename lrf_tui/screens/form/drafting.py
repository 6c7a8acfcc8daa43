"""Drafting the outcome form from the event's notes: fill every empty field (never overwriting
what the chair wrote), and show the notes a drafted field came from. Mixed into FormScreen,
whose store, state(), settle() and db_error() it uses."""

from __future__ import annotations

import sqlite3

from facilitation import outcome as oc
from facilitation.framework import FORM_FIELDS

from .dialogs import TextScreen


class DraftingMixin:
    """Draft from notes (F2) and the notes behind a field (F3), for FormScreen."""

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
            self.notify(f"Drafted {len(filled)} field(s) from the notes (empty ones, and "
                        "drafts you had not touched, brought up to date); nothing you wrote "
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
