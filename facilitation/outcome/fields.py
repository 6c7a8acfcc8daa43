"""The form's sixteen fields as the store keeps them: their keys, the line-by-line record of
which notes a drafted text came from, and the small helpers every part of the form shares
(counting words, writing a date out in full, refusing a field name that does not exist).
"""

from __future__ import annotations

import datetime as _dt
import json
from dataclasses import dataclass, field

from ..errors import InputRefused
from ..framework import FORM_FIELD_BY_KEY, FORM_FIELDS
from ..store import Store, now_iso
from ..store import rows as _rows

FIELD_KEYS = tuple(f.key for f in FORM_FIELDS)
LIMITED_FIELDS = tuple(f.key for f in FORM_FIELDS if f.word_limit)


_CHUNK = 1 << 16


def word_count(text: str) -> int:
    """Words as the limits count them (runs of non-space). A long text is counted a piece at a
    time, so a field drafted from 200,000 notes is never split into a list of every word."""
    text = text or ""
    if len(text) <= _CHUNK:
        return len(text.split())
    n, after_space = 0, True
    for at in range(0, len(text), _CHUNK):
        part = text[at:at + _CHUNK]
        n += len(part.split())
        if not after_space and not part[0].isspace():
            n -= 1  # a word that runs across the two pieces was counted in each
        after_space = part[-1].isspace()
    return n


def long_date(iso: str | None) -> str:
    """``2026-11-18`` as ``18 November 2026``; anything else unchanged."""
    if not iso:
        return ""
    try:
        d = _dt.date.fromisoformat(str(iso)[:10])
    except ValueError:
        return str(iso)
    return f"{d.day} {d.strftime('%B %Y')}"


def field_key(key: str) -> str:
    if key not in FORM_FIELD_BY_KEY:
        raise InputRefused(f"There is no form field called {key!r}.")
    return key


@dataclass(slots=True)
class DraftLine:
    text: str
    notes: list[int] = field(default_factory=list)


def stored_fields(store: Store, review_id: int, key: str | None = None) -> dict[str, dict]:
    """The review's stored fields by key (only ``key``'s, when given)."""
    if key is None:
        rows = _rows(store, "SELECT * FROM form_fields WHERE review_id = ?", [review_id])
    else:
        rows = _rows(store, "SELECT * FROM form_fields WHERE review_id = ? AND field = ?",
                     [review_id, key])
    return {r["field"]: r for r in rows}


def put_field(store: Store, review_id: int, key: str, body: str, *, drafted: bool,
              sources: str = "[]", stamp: str | None = None) -> None:
    """Write one field of the form (inside the caller's ``store.write()``): its text, whether it
    is still a draft, and the notes it came from (as :func:`sources_json` gives them)."""
    store.db["form_fields"].upsert(
        {"review_id": review_id, "field": key, "body": body, "drafted": int(drafted),
         "source_note_ids": sources, "updated_at": stamp or now_iso()},
        pk=("review_id", "field"),
    )


def sources_json(lines: list[DraftLine]) -> str:
    return json.dumps([{"line": d.text, "notes": d.notes} for d in lines if d.notes])


def joined(lines: list[DraftLine]) -> str:
    return "\n".join([d.text for d in lines])  # (join makes a list of a generator first)
