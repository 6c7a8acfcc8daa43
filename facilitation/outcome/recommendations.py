"""The Recommendations table (Action | Person Responsible | Timeframe): adding, changing and
deleting rows, and the SMART advice on a row. Saving a row is the chair agreeing it, so a
candidate drafted from an action note stops being one.
"""

from __future__ import annotations

import re
from typing import Any

from .. import inputs
from ..dates import parse_date
from ..errors import InputRefused
from ..framework import VAGUE_ACTION_PHRASES
from ..reviews import get_review
from ..store import Store, now_iso

REC_FIELDS = ("action", "person_responsible", "timeframe", "finding", "due_date")


def _mark_recs_written(store: Store, rid: int) -> None:
    store.conn.execute(
        "UPDATE form_fields SET drafted = 0, updated_at = ? WHERE review_id = ? "
        "AND field = 'recommendations'", [now_iso(), rid]
    )


# Each typed cell of a recommendation: (label in a refusal, longest it may be). An action may be
# as long as the note it was drafted from.
REC_LABELS = {
    "action": ("action", inputs.NOTE),
    "person_responsible": ("Person Responsible", inputs.SHORT),
    "timeframe": ("timeframe", inputs.SHORT),
    "finding": ("finding it answers", inputs.MEDIUM),
}


def _rec_text(key: str, value: Any) -> str:
    label, limit = REC_LABELS[key]
    return inputs.text(value, label, limit=limit)


def add_recommendation(store: Store, ref: str, action: str, person_responsible: str = "",
                       timeframe: str = "", finding: str = "") -> int:
    action = _rec_text("action", action)
    if not action:
        raise InputRefused("A recommendation needs an action.")
    person_responsible = _rec_text("person_responsible", person_responsible)
    timeframe = _rec_text("timeframe", timeframe)
    finding = _rec_text("finding", finding)
    rid = get_review(store, ref)["id"]
    with store.write():
        pos = store.conn.execute(
            "SELECT coalesce(max(position) + 1, 0) FROM recommendations WHERE review_id = ?",
            [rid],
        ).fetchone()[0]
        new_id = store.db["recommendations"].insert(
            {"review_id": rid, "position": pos, "action": action,
             "person_responsible": person_responsible, "timeframe": timeframe,
             "finding": finding}
        ).last_pk
        _mark_recs_written(store, rid)
    return new_id


def update_recommendation(store: Store, ref: str, rec_id: int, **fields: Any) -> None:
    unknown = set(fields) - set(REC_FIELDS)
    if unknown:
        raise ValueError(f"unknown recommendation fields: {sorted(unknown)}")
    clean = {k: _rec_text(k, v) for k, v in fields.items() if k != "due_date"}
    if "action" in clean and not clean["action"]:
        raise InputRefused("A recommendation needs an action.")
    if "due_date" in fields:
        clean["due_date"] = (parse_date(fields["due_date"], "due date")
                             if fields["due_date"] else fields["due_date"])
    rid = get_review(store, ref)["id"]
    with store.write():
        row = store.conn.execute(
            "SELECT 1 FROM recommendations WHERE id = ? AND review_id = ?", [rec_id, rid]
        ).fetchone()
        if not row:
            raise InputRefused("That recommendation is no longer in this review.")
        # Saving a row is the chair agreeing it: a candidate drafted from notes stops being one.
        store.db["recommendations"].update(rec_id, {**clean, "agreed": 1})
        _mark_recs_written(store, rid)


def delete_recommendation(store: Store, ref: str, rec_id: int) -> None:
    rid = get_review(store, ref)["id"]
    with store.write():
        store.conn.execute("DELETE FROM recommendations WHERE id = ? AND review_id = ?",
                           [rec_id, rid])
        _mark_recs_written(store, rid)


_PERIOD = re.compile(
    r"\d|\b(january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|week|weeks|month|months|"
    r"quarter|year|years|spring|summer|autumn|winter|q[1-4]|end of|by|within|days?|"
    r"fortnight|term)\b",
    re.IGNORECASE,
)
_MEASURABLE = re.compile(
    r"\d|%|\b(one|two|three|four|five|six|seven|eight|nine|ten|twice|every|each|all|audit|"
    r"report back|report to|reported to|publish|issue|agree|add|update|deliver|run|review of|"
    r"written|checklist|protocol|route|prompt)\b",
    re.IGNORECASE,
)
_STOP = frozenset(
    "about after again agencies agency being between could every from have into more most "
    "other should their there these they this those through when where which while with would "
    "within what were will your case family".split()
)


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]{5,}", text.lower()) if w not in _STOP}


def smart_advice(rec: dict, findings_text: str = "") -> list[str]:
    """Why a recommendation may not be SMART, in plain words. Empty when it looks fine.

    Advice only: the chair decides.
    """
    out = []
    action = rec.get("action") or ""
    if not (rec.get("person_responsible") or "").strip():
        out.append("No owner: say who is responsible (a role or agency).")
    timeframe = (rec.get("timeframe") or "").strip()
    if not timeframe and not rec.get("due_date"):
        out.append("No date or period: say by when (a date, or a period such as 'within 3 months').")
    elif timeframe and not rec.get("due_date") and not _PERIOD.search(timeframe):
        out.append("The timeframe gives no date or period (for example 'by March 2027').")
    low = action.lower()
    vague = next((v for v in VAGUE_ACTION_PHRASES if re.search(rf"\b{re.escape(v)}\b", low)), None)
    if vague and not _MEASURABLE.search(action):
        out.append(f"Vague verb ('{vague}') with nothing measurable: say what will exist or "
                   "change, and how it will be checked.")
    if not (rec.get("finding") or "").strip():
        if not (_content_words(action) & _content_words(findings_text)):
            out.append("Not tied to a finding: name the finding or learning point it answers.")
    return out
