"""Where a review is in its life, and what that means for its dates.

A review's stage is its status (planning, gathering information, event held, drafting,
circulated, final), brought forward by what has happened: notes captured, or a practitioner
event's date gone by, mean the event has been held; a saved version of the form means drafting,
circulated or final. The dates follow the stage:

- the information-gathering deadline is met once every agency's return is in, and closed once
  the event has been held (or the form is being written): after the event nothing is "due";
- the event is ahead until it is held; only a practitioner review has one;
- the report due date is met once the form has been marked final (on time or late, it no longer
  counts down); before that it counts down, and past it, it is overdue.

Plain dates in, words out: no working-day arithmetic here (that is :mod:`.dates`, and slow to
load), so the home list can use it for every review before its first frame.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from . import clock
from .framework import REVIEW_STATUSES

ORDER = {s: i for i, s in enumerate(REVIEW_STATUSES)}
EVENT_HELD = ORDER["event held"]

# The facts a review's stage depends on, as columns beside a review row (list_reviews uses it).
FACTS_SQL = (
    "EXISTS (SELECT 1 FROM notes n WHERE n.review_id = reviews.id AND n.deleted = 0) "
    "AS has_notes, "
    "(SELECT v.state FROM form_versions v WHERE v.review_id = reviews.id "
    "ORDER BY v.number DESC LIMIT 1) AS latest_version, "
    "(SELECT min(v.finalised_on) FROM form_versions v WHERE v.review_id = reviews.id "
    "AND v.state = 'final') AS first_final_on, "
    "(SELECT count(*) FROM agencies a WHERE a.review_id = reviews.id) AS agency_count, "
    "(SELECT count(*) FROM agencies a WHERE a.review_id = reviews.id "
    "AND a.request_received IS NOT NULL) AS returns_in"
)
FACT_KEYS = ("has_notes", "latest_version", "first_final_on", "agency_count", "returns_in")
_BY_VERSION = {"draft": "drafting", "circulated": "circulated", "final": "final"}


def review_facts(store, review: dict) -> dict:
    """``review`` with the facts its stage depends on (for a row read without them)."""
    row = store.conn.execute(f"SELECT {FACTS_SQL} FROM reviews WHERE id = ?",
                             [review["id"]]).fetchone()
    return {**review, **dict(zip(FACT_KEYS, row))}


def _day(value) -> _dt.date | None:
    try:
        return _dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def stage(review: dict, today: _dt.date | None = None) -> str:
    """The review's stage: its status, or later when what has happened says so."""
    today = today or clock.today()
    at = ORDER.get(review.get("status") or "planning", 0)
    version = _BY_VERSION.get(review.get("latest_version") or "")
    if version:
        at = max(at, ORDER[version])
    event = _day(review.get("event_date")) if review.get("methodology") == "practitioner" else None
    if review.get("has_notes") or (event is not None and event < today):
        at = max(at, EVENT_HELD)
    return REVIEW_STATUSES[at]


@dataclass(frozen=True)
class Milestone:
    key: str  # the review's column
    label: str  # as the home list says it
    title: str  # as the review's details say it
    date: str | None
    state: str  # "not set", "ahead", "overdue", "met", "closed", "held"
    words: str = ""  # what to say instead of a countdown, when it no longer counts down

    @property
    def counts_down(self) -> bool:
        return self.state in ("ahead", "overdue")


def milestones(review: dict, today: _dt.date | None = None) -> list[Milestone]:
    """The review's dated milestones, each with its state at this stage."""
    today = today or clock.today()
    at = ORDER[stage(review, today)]
    out = []

    def by_date(key: str) -> str:
        day = _day(review.get(key))
        return "not set" if day is None else ("ahead" if day >= today else "overdue")

    info = by_date("info_deadline")
    count, received = review.get("agency_count") or 0, review.get("returns_in") or 0
    words = ""
    if info != "not set" and count and received >= count:
        info, words = "met", "every agency's return is in"
    elif info != "not set" and at >= EVENT_HELD:
        info, words = "closed", "information gathering is over"
    out.append(Milestone("info_deadline", "information due", "Information-gathering deadline",
                         review.get("info_deadline"), info, words))
    if review.get("methodology") == "practitioner":
        event = by_date("event_date")
        if event != "not set" and at >= EVENT_HELD:
            event = "held"
        out.append(Milestone("event_date", "event", "Practitioner event", review.get("event_date"),
                             event, "held" if event == "held" else ""))
    report = by_date("report_due")
    words = ""
    final_on = review.get("first_final_on")
    if report != "not set" and (final_on or at == ORDER["final"]):
        late = final_on and review.get("report_due") and final_on > review["report_due"]
        report = "met"
        words = ("marked final" if not final_on else
                 f"marked final on {final_on}" + (", after the due date" if late else ""))
    out.append(Milestone("report_due", "report due", "Report due", review.get("report_due"),
                         report, words))
    return out


def agency_return(agency: dict, review: dict, today: _dt.date | None = None) -> str:
    """What an agency's return is at the review's stage: ``received``; ``overdue`` while
    information is still being gathered and its due date has passed; ``not received`` once
    gathering is over (the event held, or the form begun): it no longer counts as overdue;
    else ``awaited``. ``review`` carries its facts (:func:`review_facts`)."""
    today = today or clock.today()
    if agency.get("request_received"):
        return "received"
    if ORDER[stage(review, today)] >= EVENT_HELD:
        return "not received"
    due = _day(agency.get("request_due"))
    return "overdue" if due is not None and due < today else "awaited"


def next_date_due(review: dict, today: _dt.date | None = None) -> tuple[str, str] | None:
    """The first date still counting down at this stage (overdue ones included): (what, ISO
    date), or None when nothing is (a final review, say)."""
    open_ = [m for m in milestones(review, today) if m.counts_down]
    if not open_:
        return None
    first = min(open_, key=lambda m: m.date)
    return first.label, first.date
