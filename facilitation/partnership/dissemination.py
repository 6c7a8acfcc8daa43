"""The dissemination log as the Learning and Improvement view reads and writes it: any method
typed freely, with who led it, when it was planned and done, and the detail. It is the one log
of :mod:`facilitation.dissemination`, shared with the outcome form, so an entry logged here
reaches the form's "How this learning will be disseminated and implemented" field.
"""

from __future__ import annotations

from .. import dissemination as _log
from ..store import Store
from .periods import check_period


def dissemination_log(
    store: Store, *, date_from: str | None = None, date_to: str | None = None,
    done_only: bool = False,
) -> list[dict]:
    """Which method was used for which review's learning, when, and by whom; latest first."""
    start, end = check_period(date_from, date_to)
    return _log.log(store, start=start, end=end, done_only=done_only)


def add_dissemination(
    store: Store, ref: str, method: str, *, lead: str = "", planned_on: str | None = None,
    done_on: str | None = None, detail: str = "",
) -> int:
    return _log.add(store, ref, method, lead=lead, planned_on=planned_on, done_on=done_on,
                    detail=detail)


def mark_disseminated(store: Store, entry_id: int, on: str | None = None) -> str:
    """Record the entry as done on ``on`` (today when not given); returns the ISO day."""
    return _log.mark_done(store, entry_id, on)


def update_dissemination(
    store: Store, entry_id: int, *, lead: str = "", planned_on: str | None = None,
    done_on: str | None = None, detail: str = "",
) -> int:
    """Correct who led it, when it was planned and done, and the detail; a blank date clears
    it."""
    return _log.update(store, entry_id, lead=lead, planned_on=planned_on, done_on=done_on,
                       detail=detail)


def delete_dissemination(store: Store, entry_id: int) -> dict:
    """Remove an entry from the dissemination log; returns what was removed."""
    return _log.delete(store, entry_id)
