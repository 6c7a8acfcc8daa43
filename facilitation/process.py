"""The process every method shares, beyond gathering information from agencies.

- A **change of method**: "the initial choice of methodology changes as further information
  emerges". Nothing gathered is dropped (every list stays; the screens show what the new method
  uses), and the review's log keeps a line with the reason, which the form's history shows.
- **Parallel proceedings** (criminal or care): a review "does not prejudice any criminal or care
  proceedings which may be ongoing", so each is recorded with its effect: publication held, or
  parts of the review delayed. :func:`publication_held` is what the publication export checks.
- The **rapid review** a learning review may follow: the serious incident notification date,
  the deadline 15 working days after it (England and Wales bank holidays excluded), whether it
  was met, and its decision.

The group's agreement of the scope and key lines of enquiry, and the optional agency briefing
before information gathering, are fields of the review (:data:`preparation.DETAIL_FIELDS`).
"""

from __future__ import annotations

import datetime as _dt

from . import clock
from .dates import add_working_days, working_days_until
from .errors import FieldRefused
from .framework import METHODOLOGY_BY_KEY
from .inputs import MEDIUM
from .reviews import get_review
from .store import Store, now_iso, rows

RAPID_REVIEW_WORKING_DAYS = 15
RAPID_REVIEW_DECISIONS = ("", "Child Safeguarding Practice Review",
                          "learning review under this framework")
PROCEEDING_KINDS = ("criminal", "care")
PROCEEDING_EFFECTS = ("publication held", "parts delayed", "none")


# --- change of method ------------------------------------------------------------------------------


def change_methodology(store: Store, ref: str, methodology: str, reason: str) -> dict:
    """Change the review's method, keeping everything gathered; the log says when, from what
    and why. Returns the review."""
    from . import preparation as prep

    review = get_review(store, ref)
    if methodology not in METHODOLOGY_BY_KEY:
        raise FieldRefused("methodology", "The method must be one of the choices offered.")
    if methodology == review["methodology"]:
        raise FieldRefused("methodology", "The review already uses that method; choose "
                                          "another, or press escape to keep it.")
    why = prep.text(reason, "reason", "reason for the change", limit=MEDIUM, required=True,
                    one_line=False)
    old = METHODOLOGY_BY_KEY[review["methodology"]].name
    new = METHODOLOGY_BY_KEY[methodology].name
    day = clock.today()
    line = (f"Method changed from {old} to {new} on {day.day} {day.strftime('%B %Y')}, "
            f"keeping everything gathered. Reason: {' '.join(why.split())}")
    with store.write():
        store.db["reviews"].update(review["id"], {"methodology": methodology,
                                                  "updated_at": now_iso()})
        store.db["review_log"].insert({"review_id": review["id"], "at": now_iso(),
                                       "line": line})
    return get_review(store, review["ref"])


def review_log(store: Store, review_id: int) -> list[str]:
    """What happened to the review itself (changes of method), oldest first."""
    return [r["line"] for r in rows(
        store, "SELECT line FROM review_log WHERE review_id = ? ORDER BY at, id", [review_id])]


# --- parallel proceedings --------------------------------------------------------------------------


def check_proceeding(store, review, v, item_id) -> dict:
    from . import preparation as prep

    return {
        "kind": prep.choice(v.get("kind") or None, "kind", "kind of proceedings",
                            PROCEEDING_KINDS),
        "court": prep.text(v.get("court"), "court", "court"),
        "status": prep.text(v.get("status"), "status", "status of the proceedings",
                            required=True),
        "effect": prep.choice(v.get("effect") or None, "effect", "effect on the review",
                              PROCEEDING_EFFECTS),
        "detail": prep.text(v.get("detail"), "detail", "detail", limit=MEDIUM, one_line=False),
    }


def proceedings(store: Store, review_id: int) -> list[dict]:
    return rows(store, "SELECT * FROM proceedings WHERE review_id = ? ORDER BY id", [review_id])


def _effects(found: list[dict]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for p in found:
        kinds = out.setdefault(p["effect"], [])
        if p["kind"] not in kinds:
            kinds.append(p["kind"])
    return out


def _kinds(kinds: list[str]) -> str:
    return " and ".join(kinds) + " proceedings"


def publication_held(store: Store, ref: str) -> str:
    """The sentence that refuses publication while proceedings hold it; empty when not held.
    It names the kind of proceedings only, never what was typed about them."""
    review = get_review(store, ref)
    held = _effects(proceedings(store, review["id"])).get("publication held")
    if not held:
        return ""
    return (f"Publication is held while {_kinds(held)} are ongoing; when they end, change the "
            "effect recorded on the review's Process tab before exporting for publication.")


def proceedings_line(store: Store, review_id: int) -> str:
    """A few words for the review's heading and the home list: 'publication held (criminal)',
    'parts delayed (care)', or '' when no proceedings affect it."""
    effects = _effects(proceedings(store, review_id))
    bits = [f"{effect} ({', '.join(kinds)})" for effect, kinds in effects.items()
            if effect != "none"]
    return "; ".join(bits)


SHORT_EFFECTS = {"publication held": "pub. held", "parts delayed": "part delayed"}


def proceedings_by_review(store: Store, review_id: int | None = None) -> dict[int, str]:
    """For the home list, in one query: each review (or just ``review_id``) whose proceedings
    affect it, with the effect in a word or two ('pub. held', 'part delayed'), the stronger
    first."""
    found: dict[int, set[str]] = {}
    one = "" if review_id is None else " AND review_id = ?"
    for rid, effect in store.conn.execute(
            "SELECT review_id, effect FROM proceedings WHERE effect != 'none'" + one,
            [] if review_id is None else [review_id]):
        found.setdefault(rid, set()).add(effect)
    return {rid: ", ".join(SHORT_EFFECTS[e] for e in SHORT_EFFECTS if e in effects)
            for rid, effects in found.items()}


# --- the rapid review before ------------------------------------------------------------------------


def rapid_review_deadline(review: dict) -> str | None:
    """15 working days after the serious incident notification, as ISO; None without it."""
    notified = review.get("incident_notified")
    if not notified:
        return None
    day = _dt.date.fromisoformat(notified)
    return add_working_days(day, RAPID_REVIEW_WORKING_DAYS).isoformat()


def rapid_review_clock(review: dict, today: _dt.date | None = None) -> str:
    """Where the rapid review stands against its deadline, in words ('' when there is none):
    'met: held 2026-03-10, 3 working days inside', 'held 2 working days late', 'due 2026-03-20
    (5 working days)', 'overdue by 2 working days'."""
    due = rapid_review_deadline(review)
    if not due:
        return ""
    held = review.get("rapid_review_date")
    if held:
        if held <= due:
            return f"met: held {held}, deadline {due}"
        late = -working_days_until(due, _dt.date.fromisoformat(held))
        return f"held {held}, {late} working day{'s' if late != 1 else ''} after the {due} deadline"
    n = working_days_until(due, today or clock.today())
    if n > 0:
        return f"due {due} ({n} working day{'s' if n != 1 else ''})"
    if n == 0:
        return f"due today ({due})"
    return f"overdue by {-n} working day{'s' if n != -1 else ''} (deadline {due})"


def rapid_review_lines(review: dict, today: _dt.date | None = None) -> list[str]:
    """The rapid review in sentences for the form's method section; [] when none was held."""
    if not review["rapid_review"]:
        return []
    line = "It follows a rapid review"
    if review["rapid_review_ref"]:
        line += f" ({review['rapid_review_ref']})"
    if review.get("incident_notified"):
        line += (" after the serious incident notification of "
                 f"{_long(review['incident_notified'])}")
    if review["rapid_review_date"]:
        line += f", held on {_long(review['rapid_review_date'])}"
        due = rapid_review_deadline(review)
        if due:
            line += (" within the 15 working days" if review["rapid_review_date"] <= due
                     else " after the 15 working days")
    line += "."
    if review.get("rapid_review_decision"):
        line += f" It decided on a {review['rapid_review_decision']}."
    return [line]


def _long(iso: str) -> str:
    from .outcome.fields import long_date

    return long_date(iso)


def validate_rapid(review: dict) -> None:
    """A rapid review cannot be held before the notification it follows."""
    if (review.get("incident_notified") and review.get("rapid_review_date")
            and review["rapid_review_date"] < review["incident_notified"]):
        raise FieldRefused("rapid_review_date", "The rapid review cannot be held before the "
                                                "serious incident notification.")


__all__ = [
    "PROCEEDING_EFFECTS", "PROCEEDING_KINDS", "RAPID_REVIEW_DECISIONS",
    "change_methodology", "check_proceeding", "proceedings", "proceedings_by_review",
    "proceedings_line", "publication_held", "rapid_review_clock", "rapid_review_deadline",
    "rapid_review_lines", "review_log", "validate_rapid",
]
