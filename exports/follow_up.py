"""The chair's follow-up list: the event's parked items (outside the review's scope), each with
who owns it and what follows. For the chair only: it is never part of the outcome form.

Everything a person typed goes through ``exports.markdown`` so it reads back unchanged and
cannot add structure.
"""

from __future__ import annotations

from facilitation.parked import parked_items
from facilitation.reviews import get_review
from facilitation.store import Store

from .markdown import block, inline, table


def render_follow_up(store: Store, ref: str, **options) -> str:
    """Markdown: one row per parked item (what was parked, when, owner, follow-up), then each
    item's follow-up note in full."""
    r = get_review(store, ref)
    items = parked_items(store, ref, review_id=r["id"])
    out = [f"# Follow-up list: {inline(r['title'])}",
           f"Review reference {inline(r['ref'])}. Items parked at the event as outside this "
           "review's scope, for the chair to pass on. Not part of the outcome form."]
    if not items:
        out.append("Nothing was parked at the event.")
        return "\n\n".join(out) + "\n"
    without = sum(1 for p in items if not p["owner"].strip())
    out.append(f"{len(items)} parked item{'s' if len(items) != 1 else ''}"
               + (f"; {without} without an owner yet." if without else "; every one has an owner."))
    out.append(table(
        ("#", "Parked item", "Raised", "Owner", "Follow-up"),
        [(i, p["body"], (p["created_at"] or "")[:10], p["owner"] or "no owner yet",
          p["follow_up"] or "-") for i, p in enumerate(items, start=1)],
    ))
    long = [(i, p) for i, p in enumerate(items, start=1) if "\n" in p["follow_up"]]
    for i, p in long:
        out += [f"## Item {i}: follow-up in full", block(p["follow_up"])]
    return "\n\n".join(out) + "\n"
