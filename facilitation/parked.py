"""Parked items: notes of kind ``parked`` (outside the review's scope, such as care planning),
each with an owner and a follow-up note, for the chair's follow-up list.

They are never part of the outcome form: the form's drafting ignores parked notes, and nothing
here writes a form field. A database read before migration m008 (read-only, not upgraded) has
no follow-ups: its parked items come back with an empty owner and follow-up.
"""

from __future__ import annotations

from . import inputs
from .errors import InputRefused
from .reviews import get_review
from .store import Store, now_iso
from .store import rows as _rows

OWNER_LIMIT = inputs.SHORT
FOLLOW_UP_LIMIT = inputs.MEDIUM


def _has_table(store: Store) -> bool:
    return bool(store.conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'parked_follow_ups'"
    ).fetchone())


def parked_items(store: Store, ref: str, *, review_id: int | None = None) -> list[dict]:
    """The review's parked notes (not deleted), oldest first, each with ``note_id``, ``body``,
    ``speaker``, ``created_at``, ``agenda_item`` (its title or None), ``owner``, ``follow_up``
    and ``updated_at`` (None until an owner or follow-up was written)."""
    rid = review_id if review_id is not None else get_review(store, ref)["id"]
    join, cols = "", "'' AS owner, '' AS follow_up, NULL AS updated_at"
    if _has_table(store):
        join = "LEFT JOIN parked_follow_ups f ON f.note_id = n.id"
        cols = ("coalesce(f.owner, '') AS owner, coalesce(f.follow_up, '') AS follow_up, "
                "f.updated_at AS updated_at")
    return _rows(
        store,
        f"SELECT n.id AS note_id, n.body, n.speaker, n.created_at, a.title AS agenda_item, "
        f"{cols} FROM notes n LEFT JOIN agenda_items a ON a.id = n.agenda_item_id {join} "
        "WHERE n.review_id = ? AND n.kind = 'parked' AND n.deleted = 0 ORDER BY n.id",
        [rid],
    )


def set_follow_up(store: Store, ref: str, note_id: int, *, owner: str, follow_up: str) -> dict:
    """Give a parked note its owner (who takes it forward) and follow-up note (what they will
    do, or what happened), in one transaction. Refused for a note that is not a parked note of
    this review."""
    owner = inputs.text(owner, "owner of the parked item", limit=OWNER_LIMIT)
    follow_up = inputs.text(follow_up, "follow-up note", limit=FOLLOW_UP_LIMIT,
                            one_line_field=False)
    rid = get_review(store, ref)["id"]
    with store.write():
        found = store.conn.execute(
            "SELECT 1 FROM notes WHERE id = ? AND review_id = ? AND kind = 'parked' "
            "AND deleted = 0", [note_id, rid]).fetchone()
        if not found:
            raise InputRefused("That parked item is no longer in this review.")
        store.conn.execute(
            "INSERT INTO parked_follow_ups (note_id, owner, follow_up, updated_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT(note_id) DO UPDATE SET owner = excluded.owner, "
            "follow_up = excluded.follow_up, updated_at = excluded.updated_at",
            [note_id, owner, follow_up, now_iso()])
    return next(p for p in parked_items(store, ref, review_id=rid) if p["note_id"] == note_id)
