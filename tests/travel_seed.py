"""A review of any method with something in every part that travels, and in the parts that
never do (identifier register, unsent capture line), for the review-file tests; and what a
person sees of a review, to compare two databases' copies."""

from __future__ import annotations

import json

from facilitation import outcome as o
from facilitation import partnership as p
from facilitation.event import set_attendance, set_hypothesis_status
from facilitation.reviews import create_review, review_as_json
from facilitation.store import Store, now_iso
from facilitation.travel.origins import origins

from exports.outcome import render, render_actions

REGISTER_NAME = "Jayden Realname"  # only ever in the register: must never travel


def seed(store: Store, methodology: str, ref: str, *, author: str = "Author One",
         text: str = "") -> dict:
    """``text`` is added to every text written, to carry hostile text into every field."""
    r = create_review(store, ref=ref, title=f"Review {methodology} {text}".strip(),
                      methodology=methodology, family_label=f"Family A {text}".strip(),
                      lead_author=author, scope=f"Scope {text}")
    rid = r["id"]
    with store.write():
        store.db["hypotheses"].insert({"review_id": rid, "number": 1, "text": f"H one {text}"})
        pid = store.db["participants"].insert(
            {"review_id": rid, "name": f"Sam Health {text}", "agency": "Health"}).last_pk
        store.db["method_records"].insert({"review_id": rid, "kind": "record",
                                           "subject": f"Records read {text}",
                                           "date": "2026-03-01"})
        store.db["kloes"].insert({"review_id": rid, "position": 0, "text": f"KLOE {text}"})
        for i in range(3):
            store.db["notes"].insert({"review_id": rid, "kind": "learning",
                                      "body": f"Note {i} {text}", "created_at": now_iso()})
        store.db["identifier_register"].insert({"review_id": rid, "kind": "name",
                                                "text": REGISTER_NAME,
                                                "replacement": "the child",
                                                "created_at": now_iso()})
        store.db["capture_drafts"].insert({"review_id": rid, "body": "half typed",
                                           "saved_at": now_iso()})
    set_hypothesis_status(store, rid, 1, "partly supported")
    set_attendance(store, pid, "present")
    for key in o.FIELD_KEYS:
        if key != "recommendations":
            o.save_field(store, ref, key, f"{key} as written {text}")
    rec = o.add_recommendation(store, ref, f"Agree a route for escalation {text}",
                               "Safeguarding lead", "by March 2027", "Escalation")
    o.circulate(store, ref, "01/11/2026", "everyone")
    o.add_comment(store, ref, "Reader", "synopsis", f"Shorter please {text}")
    p.tag_review(store, ref, "neglect")
    p.add_dissemination(store, ref, "Learning bulletin", lead="Business manager",
                        planned_on="2026-12-10", detail=f"Winter {text}")
    p.add_impact(store, rec, f"Schools hear the same day {text}", "audit", "2026-11-20")
    return r


def _no_ids(value):
    if isinstance(value, dict):
        return {k: _no_ids(v) for k, v in value.items() if k != "id" and not k.endswith("_id")}
    if isinstance(value, list):
        return [_no_ids(v) for v in value]
    return value


def seen(store: Store, ref: str, *, notes: bool = True) -> str:
    """What a person sees of a review: `lrf show --json`, the outcome form, its action plan,
    its themes, its dissemination log and the tracker's impact evidence."""
    shown = _no_ids(review_as_json(store, ref))
    if not notes:
        shown.pop("notes")
    form = "".join(render(store, ref, warn=None))
    plan = "".join(render_actions(store, ref))
    themes = [t["name"] for t in p.themes_of(store, ref)]
    spread = [_no_ids(dict(d)) for d in p.dissemination_log(store) if d["ref"] == ref]
    actions = [(a.action, a.completed_on, a.started, [_no_ids(e) for e in a.impact])
               for a in p.actions(store) if a.ref == ref]
    return json.dumps([shown, form, plan, themes, spread, actions], indent=1, default=str,
                      ensure_ascii=False)


def origin_of(store: Store, ref: str):
    return next(x for x in origins(store).values() if x.ref == ref)
