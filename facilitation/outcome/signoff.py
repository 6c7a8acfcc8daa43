"""Signing the outcome form off, so that "final" means something.

Marking final (:func:`finalise`) is refused, with every reason listed (:func:`final_blockers`),
while a field is empty, Synopsis or Findings is over its word limit, a recommendation lacks a
Person Responsible or a Timeframe or fails the SMART check, the form has not been circulated to
those involved, or a comment made on it has no response (:func:`respond_to_comment`). The lead
author may override every reason but a word limit with a typed reason: the final version keeps
the reason, who gave it and what it overrode, and the history (:func:`history`) says so. The
final form goes to the recipient the framework names for the method (:func:`recipient`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from .. import inputs
from ..dates import parse_date
from ..errors import InputRefused
from ..framework import FINAL_RECIPIENTS, FORM_FIELD_BY_KEY
from ..reviews import get_review
from ..store import Store, now_iso
from . import circulation
from .circulation import accept_drafts, comments
from .fields import long_date
from .recommendations import smart_advice
from .state import FormState, form_state

# smart_advice's first two kinds of advice, said here as a missing column instead.
_MISSING_COLUMN_ADVICE = ("No owner", "No date or period")


@dataclass(frozen=True)
class Blocker:
    """One reason the form cannot be marked final yet, in words."""

    text: str
    overridable: bool = True
    kind: str = "field"  # "limit", "field", "recommendation", "circulation", "comment"


class FinalRefused(InputRefused):
    """Marking final was refused; ``reasons`` lists every reason, ``can_override`` says whether
    the lead author may override them all with a reason (a word limit cannot be)."""

    def __init__(self, blockers: list[Blocker]):
        self.blockers = list(blockers)
        self.reasons = [b.text for b in self.blockers]
        self.can_override = all(b.overridable for b in self.blockers)
        super().__init__("Cannot mark final yet:\n" + "\n".join(f"- {r}" for r in self.reasons))


def recipient(review: dict) -> str:
    """Who the final form is sent to, as the framework names them for the review's method."""
    return FINAL_RECIPIENTS.get(review["methodology"], FINAL_RECIPIENTS["practitioner"])


def final_blockers(store: Store, ref: str, state: FormState | None = None) -> list[Blocker]:
    """Every reason the form cannot be marked final now; empty when it can."""
    state = state or form_state(store, ref)
    out = [Blocker(f"{f.name} is {f.words} words; the limit is {f.word_limit}. Shorten it: a "
                   "word limit cannot be overridden.", overridable=False, kind="limit")
           for f in state.over_limit]
    for f in state.fields:
        if f.key == "recommendations":
            if not state.recommendations:
                out.append(Blocker("Recommendations has no rows: add at least one action with "
                                   "its Person Responsible and Timeframe.",
                                   kind="recommendation"))
        elif not f.body.strip():
            out.append(Blocker(f"{f.name} is empty."))
    findings = state.field("findings").body + "\n" + state.field("do_better").body
    for i, rec in enumerate(state.recommendations, start=1):
        missing = []
        if not (rec.get("person_responsible") or "").strip():
            missing.append("Person Responsible")
        if not (rec.get("timeframe") or "").strip() and not rec.get("due_date"):
            missing.append("Timeframe")
        if missing:
            out.append(Blocker(f"Recommendation {i} has no {' and no '.join(missing)}.",
                               kind="recommendation"))
        advice = [a for a in smart_advice(rec, findings)
                  if not a.startswith(_MISSING_COLUMN_ADVICE)]
        if advice:
            out.append(Blocker(f"Recommendation {i} fails the SMART check: " + " ".join(advice),
                               kind="recommendation"))
    if not any(v["state"] == "circulated" for v in state.versions):
        out.append(Blocker("The form has not been circulated to those involved, so they have "
                           "had no chance to comment.", kind="circulation"))
    for c in comments(store, ref):
        if not (c.get("response") or "").strip():
            field = FORM_FIELD_BY_KEY.get(c["field"])
            out.append(Blocker(
                f"The comment from {c['person']} on {field.name if field else c['field']} "
                f"(version {c['version']}) has no response.", kind="comment"))
    return out


def finalise(store: Store, ref: str, on: str, *, override_reason: str = "") -> dict:
    """Mark the form final, sent on ``on`` to the framework's recipient for the method, after
    accepting the drafts as the lead author's. Refused (:class:`FinalRefused`) while anything
    blocks it, unless ``override_reason`` is given and every blocker may be overridden."""
    day = parse_date(on, "date sent")
    if not day:
        raise InputRefused("Say when the final form was sent.")
    reason = inputs.text(override_reason, "reason for overriding", limit=inputs.MEDIUM)
    state = form_state(store, ref)
    review = state.review
    blockers = final_blockers(store, ref, state)
    if blockers and not (reason and all(b.overridable for b in blockers)):
        raise FinalRefused(blockers)
    extra = {}
    if blockers:
        extra = {"override_reason": reason, "override_by": review["lead_author"],
                 "overridden": json.dumps([b.text for b in blockers], ensure_ascii=False)}
    with store.write():  # drafts accepted only if the form is marked final too
        accept_drafts(store, ref)
        return circulation._new_version(store, ref, "final", finalised_on=day,
                                        sent_to=recipient(review), **extra)


def respond_to_comment(store: Store, ref: str, comment_id: int, response: str) -> None:
    """The lead author's response to a comment: what changed, or why nothing did."""
    response = inputs.text(response, "response", limit=inputs.NOTE, one_line_field=False)
    if not response:
        raise InputRefused("Say how the comment was answered: what changed, or why not.")
    rid = get_review(store, ref)["id"]
    with store.write():
        found = store.conn.execute(
            "SELECT 1 FROM form_comments c JOIN form_versions v ON v.id = c.version_id "
            "WHERE c.id = ? AND v.review_id = ?", [comment_id, rid]).fetchone()
        if not found:
            raise InputRefused("That comment is no longer in this review.")
        store.conn.execute("UPDATE form_comments SET response = ?, responded_at = ? WHERE id = ?",
                           [response, now_iso(), comment_id])


def overridden(version: dict) -> list[str]:
    """The reasons a final version was marked final in spite of (empty when none were)."""
    try:
        data = json.loads(version.get("overridden") or "[]")
    except ValueError:
        return []
    return [str(x) for x in data] if isinstance(data, list) else []


def history(state: FormState) -> list[str]:
    """Each version in a sentence, oldest first: drafts saved, circulations, finals with whom
    they went to and any override with its reason; and, where it happened, a change of the
    review's method with its reason."""
    out: list[str] = []
    log = list(state.log)
    for v in state.versions:
        while log and log[0]["at"] <= (v.get("created_at") or ""):
            out.append(log.pop(0)["line"])
        n = v["number"]
        if v["state"] == "circulated":
            out.append(f"Version {n}: circulated on {long_date(v['circulated_on'])} to "
                       f"{v['circulated_to']}.")
        elif v["state"] == "final":
            line = (f"Version {n}: marked final and sent to {v['sent_to']} on "
                    f"{long_date(v['finalised_on'])}.")
            if (v.get("override_reason") or "").strip():
                who = v.get("override_by") or ""
                line += (f" Marked final by the lead author's override"
                         f"{f' ({who})' if who.strip() else ''}, although: "
                         + " ".join(overridden(v)) + f" Reason given: {v['override_reason']}")
            out.append(line)
        else:
            out.append(f"Version {n}: draft saved on {long_date(v['created_at'])}.")
    out += [row["line"] for row in log]
    return out
