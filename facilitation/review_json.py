"""What `lrf show REF --json` gives beyond the contract's first keys
(:func:`.reviews.review_as_json` builds the whole): the form's fields with their status, the recommendations' progress and
impact evidence, themes, dissemination, the parked items' follow-ups and the form's history.

Never the identifier register: ``identifiers`` is the one hook for that, and it gives nothing
unless asked (``include_identifiers``, which the publication work adds to the command line).
"""

from __future__ import annotations

import datetime as _dt

from . import clock
from .store import Store
from .store import rows as _rows


def _field_status(f) -> str:
    if not f.body.strip():
        return "empty"
    return "draft" if f.drafted else "written"


def form_fields(state) -> list[dict]:
    """The sixteen fields in the form's order: key, name as the framework spells it, status
    (``written`` by the chair, ``draft`` from the notes, ``empty``), text, words and limit.
    The Recommendations field's text is empty: its rows are the review's ``recommendations``."""
    def status(f) -> str:
        if f.key == "recommendations":  # its text is the table's rows (``recommendations``)
            if not state.recommendations:
                return "empty"
            return "draft" if state.recommendations_drafted else "written"
        return _field_status(f)

    return [
        {"key": f.key, "name": f.name, "status": status(f), "text": f.body,
         "words": f.words, "word_limit": f.word_limit, "over_limit": f.over_limit}
        for f in state.fields
    ]


def recommendations(store: Store, review_id: int, today: _dt.date | None = None) -> list[dict]:
    """Each row of the Recommendations table (the contract's three keys first) with whether it
    is agreed, its finding, due date, progress (as the action tracker says it) and impact."""
    from .partnership.tracker import _due_of, derive_status

    on = today or clock.today()
    final_on = store.conn.execute(
        "SELECT finalised_on FROM form_versions WHERE review_id = ? AND state = 'final' "
        "ORDER BY number DESC LIMIT 1", [review_id]).fetchone()
    final_on = final_on[0] if final_on else None
    impact: dict[int, list[dict]] = {}
    for ev in _rows(store, "SELECT e.* FROM impact_evidence e JOIN recommendations r ON "
                           "r.id = e.recommendation_id WHERE r.review_id = ? "
                           "ORDER BY e.observed_on, e.id", [review_id]):
        impact.setdefault(ev["recommendation_id"], []).append(
            {"what_changed": ev["what_changed"], "how_measured": ev["how_measured"],
             "observed_on": ev["observed_on"]})
    out = []
    for r in _rows(store, "SELECT * FROM recommendations WHERE review_id = ? "
                          "ORDER BY position, id", [review_id]):
        due = _due_of(r["due_date"], r["timeframe"], final_on)
        out.append({
            "action": r["action"], "person_responsible": r["person_responsible"],
            "timeframe": r["timeframe"], "agreed": bool(r.get("agreed", 1)),
            "finding": r["finding"], "due": due,
            "progress": derive_status(due, r["completed_on"], bool(r["started"]), on),
            "completed_on": r["completed_on"], "impact": impact.get(r["id"], []),
        })
    return out


def themes(store: Store, review_id: int) -> list[str]:
    return [r[0] for r in store.conn.execute(
        "SELECT t.name FROM themes t JOIN review_themes rt ON rt.theme_id = t.id "
        "WHERE rt.review_id = ? ORDER BY t.normalised", [review_id])]


def dissemination(store: Store, review_id: int) -> list[dict]:
    return [{"method": d["method"], "lead": d["lead"], "planned_on": d["planned_on"],
             "done_on": d["done_on"], "detail": d["detail"]}
            for d in _rows(store, "SELECT * FROM dissemination WHERE review_id = ? "
                                  "ORDER BY coalesce(planned_on, done_on, ''), id", [review_id])]


def parked(store: Store, ref: str, review_id: int) -> list[dict]:
    from .parked import parked_items

    return [{"note_id": p["note_id"], "body": p["body"], "owner": p["owner"],
             "follow_up": p["follow_up"], "updated_at": p["updated_at"]}
            for p in parked_items(store, ref, review_id=review_id)]


def identifiers(store: Store, review_id: int, include_identifiers: bool = False) -> dict:
    """The hook for the identifier register: nothing unless asked for (the `publish` work
    fills it in with ``--include-identifiers``)."""
    return {}


RECORD_KEYS = ("kind", "date", "agency", "people", "subject", "category", "period", "outcome",
               "further_info", "gathered_on")


def method_records(store: Store, review_id: int) -> list[dict]:
    """The method's own records (desktop meetings, thematic interviews and audits, single issue
    consultations and documents...), each with every column the record kinds use."""
    return [{k: r[k] for k in RECORD_KEYS} for r in _rows(
        store, "SELECT * FROM method_records WHERE review_id = ? "
        "ORDER BY kind, date IS NULL, date, id", [review_id])]


def process(store: Store, review: dict) -> dict:
    """What every method shares: scope agreed, the agencies' briefing, the rapid review's
    notification and decision, parallel proceedings and the review's log (a change of method)."""
    from .process import proceedings

    rid = review["id"]
    return {
        "scope_agreed": review["scope_agreed"],
        "briefing": {"date": review["briefing_date"], "who": review["briefing_who"]},
        "incident_notified": review["incident_notified"],
        "rapid_review_decision": review["rapid_review_decision"],
        "proceedings": [{k: p[k] for k in ("kind", "court", "status", "effect", "detail")}
                        for p in proceedings(store, rid)],
        "log": _rows(store, "SELECT at, line FROM review_log WHERE review_id = ? ORDER BY at, id",
                    [rid]),
    }


def extra(store: Store, review: dict) -> dict:
    """Every key the whole review adds to the contract's first ones."""
    from . import outcome as oc

    rid, ref = review["id"], review["ref"]
    state = oc.form_state(store, ref)
    return {
        "method_records": method_records(store, rid),
        "process": process(store, review),
        "form": form_fields(state),
        "recommendations": recommendations(store, rid),
        "themes": themes(store, rid),
        "dissemination": dissemination(store, rid),
        "parked": parked(store, ref, rid),
        "history": oc.history(state),
        **identifiers(store, rid),
    }
