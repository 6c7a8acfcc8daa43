"""Writing the form's fields: filling every empty field from the notes (never overwriting),
turning action notes into candidate recommendations, the chair's own text for a field, and
refreshing a draft the chair has not touched when the data it came from changes. Each write is
one transaction.
"""

from __future__ import annotations

from .. import inputs
from ..errors import InputRefused
from ..framework import FORM_FIELD_BY_KEY
from ..reviews import get_review
from ..store import Store, now_iso
from ..store import rows as _rows
from .drafts import compute_drafts
from .fields import (FIELD_KEYS, DraftLine, field_key, joined, put_field, sources_json,
                     stored_fields)
from .state import form_state


def draft_from_notes(store: Store, ref: str) -> list[str]:
    """Fill every empty field from what is stored, and bring a draft the chair has not touched
    up to date with notes taken since; returns the keys written. The chair's own text (typed,
    or a draft they kept) is never overwritten."""
    review = get_review(store, ref)
    rid = review["id"]
    drafts = compute_drafts(store, review)
    filled = []
    stamp = now_iso()
    with store.write():
        stored = stored_fields(store, rid)
        for key in FIELD_KEYS:
            if key == "recommendations":
                continue
            row = stored.get(key)
            lines = drafts.get(key, [])
            if row and row["body"].strip() and (not row["drafted"] or not lines
                                                or row["body"] == joined(lines)):
                continue  # the chair's own words, or a draft that is still up to date
            if not lines:
                continue
            put_field(store, rid, key, joined(lines), drafted=True, sources=sources_json(lines),
                      stamp=stamp)
            filled.append(key)
        if _draft_recommendations(store, rid, drafts.get("recommendation_rows", []), stamp):
            filled.append("recommendations")
    return filled


def _draft_recommendations(store: Store, rid: int, rows: list[DraftLine], stamp: str) -> bool:
    has_recs = store.conn.execute(
        "SELECT 1 FROM recommendations WHERE review_id = ?", [rid]
    ).fetchone()
    if has_recs or not rows:
        return False
    for pos, line in enumerate(rows):
        # The owner and timeframe read from the note are candidates too, until agreed.
        store.db["recommendations"].insert(
            {"review_id": rid, "position": pos, "action": line.text,
             "person_responsible": getattr(line, "person_responsible", ""),
             "timeframe": getattr(line, "timeframe", ""),
             "source_note_id": line.notes[0] if line.notes else None, "agreed": 0}
        )
    put_field(store, rid, "recommendations", "", drafted=True, sources=sources_json(rows),
              stamp=stamp)
    return True


def draft_recommendations(store: Store, ref: str) -> bool:
    """Candidate recommendations from action notes become rows (only when there are none)."""
    review = get_review(store, ref)
    rows = compute_drafts(store, review).get("recommendation_rows", [])
    with store.write():
        return _draft_recommendations(store, review["id"], rows, now_iso())


def save_field(store: Store, ref: str, key: str, body: str) -> None:
    """The chair's text for a field, committed. It is the chair's from now on (not a draft)."""
    field_key(key)
    inputs.check(body, f"text of {FORM_FIELD_BY_KEY[key].name}")
    review = get_review(store, ref)
    rid = review["id"]
    with store.write():
        row = stored_fields(store, rid).get(key)
        if row and row["body"] == body:
            return
        put_field(store, rid, key, body, drafted=False,
                  sources=row["source_note_ids"] if row else "[]")


def confirm_field(store: Store, ref: str, key: str, body: str | None = None) -> bool:
    """The chair keeps a drafted field as it stands: from now on it is theirs (exported without
    the draft mark, never redrafted), exactly as if they had typed it. ``body``, when given, is
    the text the chair was shown: a draft that changed since is refused, so nothing unseen is
    confirmed. Returns False when the field was not a draft (nothing to do)."""
    field_key(key)
    if key == "recommendations":
        raise InputRefused("Recommendations are agreed row by row, not as one field.")
    state = form_state(store, ref)
    f = state.field(key)
    if not f.drafted:
        return False
    if body is not None and body != f.body:
        raise InputRefused(f"The draft of {f.name} changed since it was shown: look at it again.")
    with store.write():
        put_field(store, state.review["id"], key, f.body, drafted=False,
                  sources=sources_json(f.sources))
    return True


def redraft_untouched(store: Store, ref: str, keys: tuple[str, ...]) -> None:
    """Refresh fields that still hold an untouched draft (after their source data changed)."""
    review = get_review(store, ref)
    rid = review["id"]
    drafts = compute_drafts(store, review)
    with store.write():
        stored = stored_fields(store, rid)
        for key in keys:
            row = stored.get(key)
            if row and row["drafted"]:
                lines = drafts.get(key, [])
                put_field(store, rid, key, joined(lines), drafted=True,
                          sources=sources_json(lines))


def source_notes(store: Store, ref: str, key: str) -> list[dict]:
    """The notes a field's drafted lines came from, in order."""
    field_key(key)
    state = form_state(store, ref)
    if key == "recommendations":
        ids = [r["source_note_id"] for r in state.recommendations if r.get("source_note_id")]
    else:
        ids = state.field(key).note_ids
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    rows = _rows(store, f"SELECT id, kind, body, speaker, hypothesis, stance, deleted "
                        f"FROM notes WHERE id IN ({marks})", ids)
    by_id = {r["id"]: r for r in rows}
    return [by_id[i] for i in ids if i in by_id]
