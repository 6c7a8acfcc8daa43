"""Actions across every review: each recommendation with its derived status, owner's agency,
due date and impact evidence; marking one started or done.

An action's status is never typed: it is derived from its dates. Done when it has a completion
date; overdue when its due date has passed (by ``clock.today()``); in progress when someone
marked it started; otherwise not started.
"""

from __future__ import annotations

import datetime as _dt
import functools
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable

from .. import clock
from ..dates import due_of, parse_date
from ..errors import InputRefused
from ..store import Store
from ..store import rows as _rows
from ..store.rows import quick_tuples
from .periods import check_period, in_period, review_day


STATUSES = ("overdue", "in progress", "not started", "done")
# Overdue first: what the subgroup has to chase comes to the top.
STATUS_ORDER = {s: i for i, s in enumerate(STATUSES)}


@dataclass
class Action:
    id: int
    review_id: int
    ref: str
    review_title: str
    position: int
    action: str
    owner: str
    agency: str
    timeframe: str
    due: str | None
    completed_on: str | None
    started: bool
    status: str
    finding: str = ""
    impact: list[dict] = field(default_factory=list)

    @property
    def sort_key(self) -> tuple:
        return (STATUS_ORDER[self.status], self.due or "9999", self.ref, self.position, self.id)


def derive_status(
    due: str | None, completed_on: str | None, started: bool, on: _dt.date | None = None
) -> str:
    if completed_on:
        return "done"
    on = on or clock.today()
    if due and due < on.isoformat():
        return "overdue"
    return "in progress" if started else "not started"


def _due_of(due_date: str | None, timeframe: str, final_on: str | None = None) -> str | None:
    """The due date: the one recorded, else what the timeframe says ('31/03/2027', 'March
    2027', 'within 3 months' of the day the form was marked final): the one reader of
    timeframes, shared with the action plan export."""
    return due_of(due_date, timeframe, final_on)


def _agencies_by_review(store: Store, review_ids: Iterable[int]) -> tuple[dict, dict]:
    ids = sorted(set(review_ids))
    people: dict[int, dict[str, str]] = defaultdict(dict)
    names: dict[int, set[str]] = defaultdict(set)
    if not ids:
        return people, names
    marks = ",".join("?" * len(ids))
    for rid, name, agency in store.conn.execute(
        f"SELECT review_id, name, agency FROM participants WHERE review_id IN ({marks})", ids
    ):
        if agency:
            people[rid][" ".join(name.split()).casefold()] = agency
            names[rid].add(agency)
    for rid, name in store.conn.execute(
        f"SELECT review_id, name FROM agencies WHERE review_id IN ({marks})", ids
    ):
        names[rid].add(name)
    return people, names


def _agency_for(owner: str, people: dict[str, str], names: set[str]) -> str:
    """The owner's agency when it can be told: a participant of that review, or an agency the
    review knows named in the owner's text."""
    key = " ".join(owner.split()).casefold()
    if not key:
        return ""
    if key in people:
        return people[key]
    for person, agency in people.items():
        # "DC Tom Reid" typed as "Tom Reid", or "Jo Hartley, social worker".
        if person and (person in key or (len(key) >= 4 and key in person)):
            return agency
    # The longest agency name that appears wins ("Police" vs "Police and Crime Commissioner").
    for name in sorted(names, key=len, reverse=True):
        if name and name.casefold() in key:
            return name
    return ""


def actions(
    store: Store,
    *,
    on: _dt.date | None = None,
    status: str | None = None,
    agency: str | None = None,
    owner: str | None = None,
    review: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
) -> list[Action]:
    """Every recommendation of every review, overdue first, with its impact evidence."""
    on = on or clock.today()
    start, end = check_period(date_from, date_to)
    # Each review's latest final version once (not looked up again for each of its actions).
    rows = quick_tuples(
        store,
        "SELECT r.id, r.review_id, v.ref, v.title, v.event_date, v.created_at, r.position, "
        "r.action, r.person_responsible, r.timeframe, r.due_date, r.completed_on, r.started, "
        "r.finding, f.finalised_on "  # a bare column beside max(): from that row, in SQLite
        "FROM recommendations r JOIN reviews v ON v.id = r.review_id "
        "LEFT JOIN (SELECT review_id, finalised_on, max(number) FROM form_versions "
        "WHERE state = 'final' GROUP BY review_id) f ON f.review_id = r.review_id",
    )
    if start or end:
        rows = [r for r in rows
                if in_period(review_day({"event_date": r[4], "created_at": r[5]}), start, end)]
    impact: dict[int, list[dict]] = defaultdict(list)
    for ev in _rows(
        store,
        "SELECT id, recommendation_id, what_changed, how_measured, observed_on, created_at "
        "FROM impact_evidence ORDER BY observed_on, id",
    ):
        impact[ev["recommendation_id"]].append(ev)
    people, names = _agencies_by_review(store, (r[1] for r in rows))
    agency_of: dict[tuple[int, str], str] = {}
    due_for = functools.cache(_due_of)  # many actions share a timeframe and a final date
    out = []
    for (aid, review_id, ref, title, _event, _created, position, action, owner_text, timeframe,
         due_date, completed_on, started, finding, final_on) in rows:
        due = due_for(due_date, timeframe, final_on)
        owner_agency = agency_of.get((review_id, owner_text))
        if owner_agency is None:
            owner_agency = agency_of[(review_id, owner_text)] = _agency_for(
                owner_text, people[review_id], names[review_id])
        started = bool(started)
        out.append(
            Action(
                id=aid,
                review_id=review_id,
                ref=ref,
                review_title=title,
                position=position,
                action=action,
                owner=owner_text,
                agency=owner_agency,
                timeframe=timeframe,
                due=due,
                completed_on=completed_on,
                started=started,
                status=derive_status(due, completed_on, started, on),
                finding=finding,
                impact=impact.get(aid, []),
            )
        )
    out.sort(key=lambda a: a.sort_key)
    return filter_actions(out, status=status, agency=agency, owner=owner, review=review)


def filter_actions(
    rows: list[Action],
    *,
    status: str | None = None,
    agency: str | None = None,
    owner: str | None = None,
    review: str | None = None,
) -> list[Action]:
    """Narrow an already-loaded list (the view filters without going back to the database)."""
    if status and status not in STATUSES:
        raise InputRefused(f"Status must be one of: {', '.join(STATUSES)}.")

    def same(a: str, b: str) -> bool:
        return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()

    return [
        a
        for a in rows
        if (not status or a.status == status)
        and (agency is None or same(a.agency, agency))
        and (owner is None or same(a.owner, owner))
        and (review is None or a.ref.casefold() == review.casefold())
    ]


def _recommendation(store: Store, rec_id: int) -> dict:
    rows = _rows(store, "SELECT * FROM recommendations WHERE id = ?", [rec_id])
    if not rows:
        raise InputRefused(f"There is no action number {rec_id}; it may have been removed.")
    return rows[0]


def mark_started(store: Store, rec_id: int, started: bool = True) -> None:
    _recommendation(store, rec_id)
    with store.write():
        store.conn.execute(
            "UPDATE recommendations SET started = ? WHERE id = ?", [int(started), rec_id]
        )


def mark_done(store: Store, rec_id: int, on: str | _dt.date | None = None) -> str | None:
    """Record the action as completed on ``on`` (today by default); ``on=''`` reopens it."""
    _recommendation(store, rec_id)
    if on == "":
        day = None
    elif isinstance(on, _dt.date):
        day = on.isoformat()
    else:
        day = parse_date(on, "completion date") if on else clock.today().isoformat()
    with store.write():
        store.conn.execute(
            "UPDATE recommendations SET completed_on = ?, started = started OR ? WHERE id = ?",
            [day, int(day is not None), rec_id],
        )
    return day


# --- an action's progress, as the outcome form sets it ----------------------------------------

PROGRESS = ("not started", "started", "done")


def set_progress(store: Store, rec_id: int, progress: str, on: str = "") -> None:
    """Put an action back to "not started" (its completion date and started mark cleared),
    "started" (started, with no completion date) or "done" on ``on``, a date that must be
    given; in one transaction, so the action is never left half way between two."""
    if progress not in PROGRESS:
        raise InputRefused("An action is not started, started or done.")
    if progress == "done" and not on.strip():
        raise InputRefused("Say when the action was done (dd/mm/yyyy).")
    with store.write():
        if progress == "done":
            mark_done(store, rec_id, on)
        else:
            mark_done(store, rec_id, "")
            mark_started(store, rec_id, progress == "started")
