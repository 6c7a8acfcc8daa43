"""The form as the form screen shows it while the chair types: the whole :func:`form_state`, its
language-check flags field by field and the status line, kept current after a field is saved
without drafting every other field again from the notes.

A save changes one stored row, so only that field's state and flags are worked out again (a
read of the one row and a check of the one text): with 10,000 notes behind the drafts a save
costs about a millisecond instead of several full drafts. Anything else that writes (drafting,
recommendations, circulation, the register...) is followed by :meth:`FormView.reload`, which is
:func:`form_state` and :func:`publication_flags` as before. The view gives the same answers as
those functions would on the same database; the tests check it.
"""

from __future__ import annotations

import json

from ..store import Store
from .circulation import snapshot, status_line
from .fields import field_key, stored_fields
from .language import Flag, check_words, field_flags, publication_fate
from .publication import register_entries
from .state import FieldState, FormState, form_state, stored_field_state


def field_mark(state: FormState, f: FieldState) -> str:
    """A field's state in one word, as the field list shows it: done, draft, empty or OVER."""
    if f.key == "recommendations":
        return "draft" if state.recommendations_drafted else (
            "done" if state.recommendations else "empty")
    if f.over_limit:
        return "OVER"
    if f.written:
        return "done"
    if f.drafted:
        return "draft"
    return "empty"


def _plain(value):
    """``value`` as it reads back from JSON (a version's snapshot is compared that way)."""
    return json.loads(json.dumps(value, ensure_ascii=False))


class FormView:
    """One review's form, its flags and its status line, for a screen that shows them."""

    def __init__(self, store: Store, ref: str) -> None:
        self.store = store
        self.ref = ref
        self.reload()

    def reload(self) -> None:
        """Everything worked out again from the database (after any write but a field's text)."""
        self.state = form_state(self.store, self.ref)
        self._names, self._places = check_words(self.store, self.state.review["id"])
        self._reals = {e.text.lower() for e in register_entries(self.store, self.ref)}
        self._flags = {f.key: self._check(f.key) for f in self.state.fields}
        latest = self.state.latest
        self._latest = json.loads(latest["snapshot"]) if latest else None
        self._snapshot = _plain(snapshot(self.state))

    def _check(self, key: str) -> list[tuple[Flag, str]]:
        return [(f, publication_fate(f, self._reals))
                for f in field_flags(self.state, key, self._names, self._places)]

    def field_saved(self, key: str) -> None:
        """The field ``key``'s text was written (``save_field``): read back that row alone and
        check that text alone; every other field is as it was."""
        field_key(key)
        if key == "recommendations":
            self.reload()
            return
        rid = self.state.review["id"]
        row = stored_fields(self.store, rid, key).get(key)
        new = stored_field_state(key, row)
        if new is None:  # a drafted row left empty: drafted again from the notes
            self.reload()
            return
        fields = self.state.fields
        at = next(i for i, f in enumerate(fields) if f.key == key)
        fields[at] = new
        self._flags[key] = self._check(key)
        self._snapshot["fields"][key] = _plain({"body": new.body, "drafted": new.drafted})

    @property
    def flags(self) -> list[tuple[Flag, str]]:
        """What :func:`publication_flags` gives: every flag with its fate, field by field."""
        return [pair for f in self.state.fields for pair in self._flags[f.key]]

    def changed_since_latest(self) -> bool:
        return self._latest is None or self._latest != self._snapshot

    def status(self) -> str:
        """The form's status line, and how many flags the language check raises."""
        text = status_line(self.state, changed=self.changed_since_latest())
        flags = self.flags
        if flags:
            kept = sum(1 for _flag, fate in flags if not fate)
            text += (f"  Check: {len(flags)} flag{'s' if len(flags) != 1 else ''}, "
                     f"{kept} not in the register (F4)")
        return text

    def marks(self) -> list[tuple[FieldState, str]]:
        """Each field in the framework's order with its one-word state."""
        return [(f, field_mark(self.state, f)) for f in self.state.fields]

