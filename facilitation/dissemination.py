"""The dissemination log: how each review's learning is shared (method, who leads it, when it
is planned and when it was done). One log, written from the outcome form and from the Learning
and Improvement view alike; every change refreshes the form's "How this learning will be
disseminated and implemented" field in the same transaction while that field still holds an
untouched draft (the chair's own words are never overwritten).
"""

from __future__ import annotations

from . import clock, inputs
from .dates import parse_date
from .errors import InputRefused
from .framework import DISSEMINATION_METHODS
from .reviews import get_review
from .store import Store
from .store import rows as _rows

GONE = "That dissemination entry no longer exists."
_KEEP = object()  # an argument not given: the stored value stays


def in_period(day: str | None, start: str | None, end: str | None) -> bool:
    """Whether an ISO ``day`` falls in the period (either end may be open)."""
    if not start and not end:
        return True
    if not day:
        return False
    day = day[:10]
    return (not start or day >= start) and (not end or day <= end)


def log(store: Store, *, start: str | None = None, end: str | None = None,
        done_only: bool = False) -> list[dict]:
    """Which method was used for which review's learning, when, and by whom; latest first.
    ``start``/``end`` are ISO dates already checked."""
    rows = _rows(
        store,
        "SELECT d.id, d.review_id, v.ref, v.title, d.method, d.lead, d.planned_on, d.done_on, "
        "d.detail FROM dissemination d JOIN reviews v ON v.id = d.review_id "
        "ORDER BY d.done_on IS NULL, coalesce(d.done_on, d.planned_on) DESC, v.ref, d.id",
    )
    if done_only:
        rows = [r for r in rows if r["done_on"]]
    if start or end:
        rows = [r for r in rows if in_period(r["done_on"] or r["planned_on"], start, end)]
    return rows


def _text(lead: str, detail: str) -> tuple[str, str]:
    return (inputs.text(lead, "lead"),
            inputs.text(detail, "detail", limit=inputs.MEDIUM, one_line_field=False))


def redraft_untouched(store: Store, ref: str, keys: tuple[str, ...]) -> None:
    """The outcome form's own (imported when a log entry is written: the Learning and
    Improvement view reads the log without the form's modules, about a quarter of what
    opening that view imported)."""
    from .outcome.drafting import redraft_untouched as redraft

    redraft(store, ref, keys)


def _redraft(store: Store, review_id: int) -> None:
    ref = store.conn.execute("SELECT ref FROM reviews WHERE id = ?", [review_id]).fetchone()[0]
    redraft_untouched(store, ref, ("dissemination",))


def entry(store: Store, entry_id: int, ref: str | None = None) -> dict:
    """One entry; refused when it is gone (or, given ``ref``, belongs to another review)."""
    rows = _rows(store, "SELECT * FROM dissemination WHERE id = ?", [entry_id])
    if not rows or (ref is not None and rows[0]["review_id"] != get_review(store, ref)["id"]):
        raise InputRefused(GONE)
    return rows[0]


def add(store: Store, ref: str, method: str, *, lead: str = "", planned_on: str | None = None,
        done_on: str | None = None, detail: str = "") -> int:
    review = get_review(store, ref)
    method = inputs.text(method, "dissemination method")
    lead, detail = _text(lead, detail)
    if not method:
        raise InputRefused(
            "Say how the learning was shared, for example: " + DISSEMINATION_METHODS[0] + "."
        )
    planned = parse_date(planned_on, "planned date")
    done = parse_date(done_on, "date it was done")
    with store.write():  # one transaction: a failed redraft leaves no new row behind
        new_id = store.db["dissemination"].insert(
            {"review_id": review["id"], "method": method, "lead": lead,
             "planned_on": planned, "done_on": done, "detail": detail}
        ).last_pk
        _redraft(store, review["id"])
    return new_id


def update(store: Store, entry_id: int, *, ref: str | None = None, lead: str = "",
           planned_on: str | None = None, done_on=_KEEP, detail=_KEEP) -> int:
    """Correct who leads it, when it is planned (and, when given, when it was done and the
    detail); a blank date clears it."""
    old = entry(store, entry_id, ref)
    lead = inputs.text(lead, "lead")
    detail = old["detail"] if detail is _KEEP else _text("", detail)[1]
    planned = parse_date(planned_on, "planned date")
    done = old["done_on"] if done_on is _KEEP else parse_date(done_on, "date it was done")
    with store.write():
        store.conn.execute(
            "UPDATE dissemination SET lead = ?, planned_on = ?, done_on = ?, detail = ? "
            "WHERE id = ?", [lead, planned, done, detail, entry_id])
        _redraft(store, old["review_id"])
    return entry_id


def mark_done(store: Store, entry_id: int, on: str | None = None) -> str:
    """Record the entry as done on ``on`` (today when not given); returns the ISO day."""
    old = entry(store, entry_id)
    day = parse_date(on, "date it was done") or clock.today().isoformat()
    with store.write():
        store.conn.execute("UPDATE dissemination SET done_on = ? WHERE id = ?", [day, entry_id])
        _redraft(store, old["review_id"])
    return day


def delete(store: Store, entry_id: int, ref: str | None = None) -> dict:
    """Remove an entry from the log; returns what was removed."""
    old = entry(store, entry_id, ref)
    with store.write():
        store.conn.execute("DELETE FROM dissemination WHERE id = ?", [entry_id])
        _redraft(store, old["review_id"])
    return old
