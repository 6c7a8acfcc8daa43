"""Fixed fictional data for the Learning and Improvement tests: three reviews, five actions,
themes and dissemination, with dates chosen against TODAY so statuses never drift."""

from __future__ import annotations

import datetime as _dt

from facilitation import partnership as p
from facilitation.reviews import create_review
from facilitation.store import Store

TODAY = _dt.date(2026, 6, 15)


def seed(store: Store) -> dict[str, str]:
    db = store.db
    r1 = create_review(store, ref="LR-2026-001", title="Child R: neglect and domestic abuse",
                       methodology="practitioner", family_label="Family R", status="final",
                       event_date="2026-02-10")
    r2 = create_review(store, ref="LR-2026-002", title="Baby S: missed health appointments",
                       methodology="desktop", family_label="Family S", status="drafting",
                       event_date="2026-04-20")
    r3 = create_review(store, ref="LR-2025-007", title="Handover between schools [/]",
                       methodology="single_issue", family_label="Family T", status="final",
                       event_date="2025-11-05")
    with db.atomic():
        for name, agency in (("DC Tom Reid", "Police"), ("Ana Silva", "Adult Mental Health")):
            db["participants"].insert({"review_id": r1["id"], "name": name, "agency": agency})
        db["agencies"].insert({"review_id": r2["id"], "name": "GP Practice"})
        recs = (
            (r1, "Agree a route for police to tell schools about overnight incidents",
             "DC Tom Reid", "by end of April", "2026-04-30", None, 0),
            (r1, "Add the children to adult mental health discharge letters", "Ana Silva",
             "3 months", "2026-09-30", None, 1),
            (r2, "Audit GP flags for children on plans", "GP Practice lead", "2026-05-31",
             None, "2026-05-20", 1),
            (r2, "[bold]Supervision[/] check on missed appointments", "Team manager",
             "by December", "2026-12-31", None, 0),
            (r3, "Multi-agency briefing on working with fathers", "Partnership trainer",
             "January", "2026-01-31", "2026-02-01", 1),
        )
        ids = {}
        for pos, (r, action, owner, timeframe, due, done, started) in enumerate(recs):
            ids[action] = db["recommendations"].insert(
                {"review_id": r["id"], "position": pos, "action": action,
                 "person_responsible": owner, "timeframe": timeframe, "due_date": due,
                 "completed_on": done, "started": started}
            ).last_pk
        db["form_fields"].insert(
            {"review_id": r2["id"], "field": "findings",
             "body": "Missed appointments were not seen as a pattern across agencies.",
             "updated_at": "2026-04-30T10:00:00+00:00"}
        )
        db["notes"].insert(
            {"review_id": r1["id"], "kind": "learning",
             "body": "Escalation works when people know the route.",
             "created_at": "2026-02-10T10:00:00+00:00"}
        )
    p.add_impact(store, ids["Audit GP flags for children on plans"],
                 "Flags now show on every record of a child on a plan", "audit of 40 records",
                 "2026-06-01")
    for ref, themes in (("LR-2026-001", ("neglect", "domestic abuse", "voice of the child")),
                        ("LR-2026-002", ("Neglect", "supervision")),
                        ("LR-2025-007", ("working with fathers and male carers", " NEGLECT "))):
        for t in themes:
            p.tag_review(store, ref, t)
    p.add_dissemination(store, "LR-2026-001", "Learning bulletin", lead="Business manager",
                        planned_on="2026-02-20", done_on="2026-03-01", detail="Spring bulletin")
    p.add_dissemination(store, "LR-2025-007", "Multi-agency training event",
                        lead="Partnership trainer", planned_on="2026-07-01")
    return {"r1": r1["ref"], "r2": r2["ref"], "r3": r3["ref"], **{f"a{i}": v for i, v in
                                                                   enumerate(ids.values())}}
