"""A fictional worked example for newcomers. :func:`add_demo_set` (what `lrf demo` and `d` on
the home screen add) gives four reviews, one per method at different stages; :func:`add_demo`
the practitioner review alone (with everything filled in), which many tests start from. Every
person, family and place in it is invented."""

from __future__ import annotations

import datetime as _dt

from . import clock
from .reviews import create_review, get_review
from .store import Store

FAMILY = "Family R"

AGENCIES = (
    "Children's Social Care",
    "0-19 Health Visiting",
    "GP Practice",
    "Northfield Primary School",
    "Police",
    "Adult Mental Health",
)

PARTICIPANTS = (
    # name, agency, role, level, attendance
    ("Jo Hartley", "Children's Social Care", "Social worker", "frontline", "present"),
    ("Priya Nandra", "Children's Social Care", "Team manager", "manager", "present"),
    ("Mel Okafor", "0-19 Health Visiting", "Health visitor", "frontline", "present"),
    ("Dr Ken Lowe", "GP Practice", "GP", "frontline", "unable to contribute"),
    ("Sue Carr", "Northfield Primary School", "Designated safeguarding lead", "frontline", "present"),
    ("DC Tom Reid", "Police", "Detective constable, public protection", "frontline", "late"),
    ("Ana Silva", "Adult Mental Health", "Care coordinator", "frontline", "present"),
)

KLOES = (
    "How well did agencies hear and act on the voice of Child R?",
    "How was information about the father's risk shared and used across agencies?",
    "Did escalation routes work when professionals disagreed about thresholds?",
)

HYPOTHESES = (
    (1, "Information held by police about the father was not shared with health and education in time to change the plan."),
    (2, "Mother's mental health needs were treated separately from the children's needs."),
    (3, "The school's daily contact with Child R gave the clearest picture of her lived experience, but it carried less weight at meetings."),
)

QUESTIONS = (
    ("What did you know about Child R's day-to-day life, and how?", "involvement"),
    ("How did you build a relationship with mother, and what made it harder?", "relationships"),
    ("When you disagreed with another agency, what did you do?", "multi_agency"),
    ("What pressures on your service affected this work?", "context"),
    ("What supervision did you have about this family?", "supervision"),
)

CHRONOLOGY = (
    (-210, "Police", "Domestic incident at the home; father leaves before officers arrive.", "First sign of risk from father; not shared with school."),
    (-200, "0-19 Health Visiting", "Health visitor notes mother tearful and isolated at a routine visit.", "Early sign of maternal low mood."),
    (-150, "Northfield Primary School", "Child R arrives hungry on several mornings; school offers breakfast club.", "Good practice: noticed and acted on early."),
    (-120, "Adult Mental Health", "Mother referred for assessment; two appointments missed.", "Missed appointments not linked to the children."),
    (-90, "Children's Social Care", "Strategy discussion after a second incident; child in need plan agreed.", "Police history shared only in part."),
    (-45, "Northfield Primary School", "School escalates concern about drift using the partnership's resolution process.", "Escalation worked; plan strengthened within a week."),
)

# (minutes after event start, agenda position, kind, body, hypothesis, stance, speaker)
NOTES = (
    (12, 1, "observation", "Review set up after the second domestic incident and the school's escalation.", None, None, None),
    (24, 2, "good_practice", "School noticed hunger early and opened breakfast club the same week.", None, None, "Sue Carr"),
    (26, 2, "observation", "Health visitor saw mother four times in six months; the home was calm on each visit.", None, None, "Mel Okafor"),
    (29, 2, "family_view", "Mother said the breakfast club made mornings bearable.", None, None, "Sue Carr"),
    (33, 2, "unexpected", "Child R had been caring for her younger brother at night; no agency knew.", None, None, "Sue Carr"),
    (37, 2, "do_differently", "Child R was never seen on her own by social care before the plan was agreed.", None, None, "Jo Hartley"),
    (44, 3, "good_practice", "Health visitor kept contact going by text when mother stopped answering the door.", None, None, "Mel Okafor"),
    (47, 3, "observation", "Mother trusted the school more than any other agency.", None, None, "Sue Carr"),
    (51, 3, "do_differently", "Father was not invited to any meeting; nobody asked about his role.", None, None, "Priya Nandra"),
    (56, 4, "observation", "Police sent the incident notification to social care only.", 1, "supports", "DC Tom Reid"),
    (58, 4, "do_differently", "No agreed route for police to tell school about incidents overnight.", 1, "supports", "DC Tom Reid"),
    (61, 4, "good_practice", "School used the resolution process and got a response within a week.", None, None, "Sue Carr"),
    (63, 4, "question", "Does the partnership's overnight notification scheme cover this school?", None, None, None),
    (66, 4, "learning", "Escalation works when people know the route; most in the room did not.", None, None, "Priya Nandra"),
    (72, 5, "observation", "Adult mental health closed the referral after two missed appointments.", 2, "supports", "Ana Silva"),
    (75, 5, "do_differently", "Discharge letter did not mention the children.", 2, "supports", "Ana Silva"),
    (78, 5, "observation", "Care coordinator did ask about the children at the first assessment.", 2, "challenges", "Ana Silva"),
    (82, 5, "parked", "Current arrangements for contact with father: for the care team, not this review.", None, None, None),
    (90, 6, "observation", "Teacher's daily notes describe Child R's mood better than any assessment.", 3, "supports", "Sue Carr"),
    (93, 6, "observation", "At the core group, school's view was heard but the plan did not change.", 3, "supports", "Jo Hartley"),
    (96, 6, "observation", "Social worker had eighteen cases at the time; visits were monthly.", None, None, "Jo Hartley"),
    (99, 6, "unexpected", "The police and the school had different pictures of the same week.", 1, "supports", "DC Tom Reid"),
    (104, 7, "good_practice", "Team manager held weekly case discussion once the school escalated.", None, None, "Priya Nandra"),
    (108, 7, "do_differently", "No group supervision across agencies for families at this level.", None, None, "Mel Okafor"),
    (115, 8, "family_view", "Mother would have liked one person to talk to rather than five.", None, None, "Mel Okafor"),
    (117, 8, "family_view", "Child R told school she wanted someone to ask her what home was like.", None, None, "Sue Carr"),
    (125, 9, "learning", "Daily contact from school is evidence and should shape the plan.", 3, "supports", "Priya Nandra"),
    (128, 9, "learning", "Ask about fathers and male carers at the start, every time.", None, None, "Priya Nandra"),
    (131, 9, "learning", "Link adult services' missed appointments to the children in the household.", 2, "supports", "Ana Silva"),
    (134, 9, "action", "Police and education to agree an overnight incident notification route for schools by March.", None, None, "DC Tom Reid"),
    (137, 9, "action", "Adult mental health to add a prompt about children to discharge letters within three months.", None, None, "Ana Silva"),
    (140, 9, "action", "Partnership training on escalation routes for frontline staff, run twice before summer.", None, None, None),
    (146, 10, "observation", "Practitioners offered a debrief through their own agencies.", None, None, None),
)


PARKED_FOLLOW_UPS = (
    # (body of a parked note, owner, follow-up)
    ("Current arrangements for contact with father: for the care team, not this review.",
     "Team manager, children's social care",
     "Raise at the next core group; the chair to check it was discussed."),
)
EXTRA_PARKED = (
    (143, 9, "Whether the school's breakfast club funding continues next year.",
     "Head teacher, Northfield Primary",
     "Ask the local authority's school funding team; report back to the chair in a month."),
)


def add_demo_set(store: Store, today: _dt.date | None = None) -> list[str]:
    """The whole worked example, all of it or none of it: four fictional reviews, one per
    method, each at its own stage, and return their references (the practitioner review first):

    - practitioner, event held: notes of every kind, parked items with owners (:func:`add_demo`);
    - desktop, being prepared; single issue, circulated with comments; thematic, final with
      agreed actions, impact evidence, dissemination and themes (:mod:`.demo_reviews`).

    Run again, it adds a second set with new references (nothing is replaced)."""
    from . import demo_reviews

    today = today or clock.today()
    with store.write():
        first = _add_demo(store, today, extra_parked=True)
        from .partnership import tag_review

        for theme in ("Domestic abuse", "Neglect"):
            tag_review(store, first, theme)
        return [first,
                demo_reviews.add_desktop(store, today),
                demo_reviews.add_single_issue(store, today),
                demo_reviews.add_thematic(store, today)]


def add_demo(store: Store, today: _dt.date | None = None) -> str:
    """Add the worked example, all of it or (if anything fails, a full disk say) none of it,
    and return its reference."""
    with store.write():
        return _add_demo(store, today or clock.today())


def _add_demo(store: Store, today: _dt.date, *, extra_parked: bool = False) -> str:
    event_day = today - _dt.timedelta(days=7)
    review = create_review(
        store,
        title="Child R: neglect and domestic abuse",
        methodology="practitioner",
        family_label=FAMILY,
        status="event held",
        theme="Neglect, domestic abuse and a parent's mental health",
        scope="The eight months before the second strategy discussion.",
        rapid_review=1,
        rapid_review_ref="RR-DEMO-01",
        rapid_review_date=(today - _dt.timedelta(days=60)).isoformat(),
        lead_author="A. Reviewer",
        lead_author_role="Independent reviewer",
        chair="A. Reviewer",
        independence_statement="The chair has had no part in the work with this family or its management.",
        info_deadline=(today - _dt.timedelta(days=30)).isoformat(),
        report_due=(today + _dt.timedelta(days=28)).isoformat(),
        event_date=event_day.isoformat(),
        event_start="09:30",
        event_minutes=150,
        event_venue="Partnership training room",
        family_involvement="met by a lay member or someone independent",
        family_involvement_detail="A lay member met mother at home; her views were shared at the event.",
        contact_before="A. Reviewer, through the partnership business manager",
    )
    rid = review["id"]
    db = store.db
    # What every method shares: the serious incident notified, the rapid review's decision, the
    # group's agreement of scope and the agencies' briefing.
    db["reviews"].update(rid, {
        "incident_notified": (today - _dt.timedelta(days=78)).isoformat(),
        "rapid_review_decision": "learning review under this framework",
        "scope_agreed": (today - _dt.timedelta(days=55)).isoformat(),
        "briefing_date": (today - _dt.timedelta(days=50)).isoformat(),
        "briefing_who": "The agencies' safeguarding leads, by the chair"})
    # Criminal proceedings against the mother's former partner: the police chronology waits for
    # the trial, and the home list and the workspace say "part delayed".
    db["proceedings"].insert({"review_id": rid, "kind": "criminal", "court": "Crown Court",
                              "status": "Trial listed for the spring",
                              "effect": "parts delayed",
                              "detail": "The police account of the last incident is shared "
                                        "after the trial."})
    start = _dt.datetime.combine(event_day, _dt.time(9, 30), tzinfo=_dt.timezone.utc)
    with store.write():
        db["families"].insert(
            {"review_id": rid, "position": 0, "label": FAMILY,
             "circumstances": "Mother, Child R (9) and her brother (3); father visits."}
        )
        for pos, text in enumerate(KLOES):
            db["kloes"].insert({"review_id": rid, "position": pos, "text": text})
        for number, text in HYPOTHESES:
            db["hypotheses"].insert({"review_id": rid, "number": number, "text": text})
        for pos, (text, area) in enumerate(QUESTIONS):
            db["questions"].insert(
                {"review_id": rid, "position": pos, "text": text, "prompt_area": area}
            )
        for name in AGENCIES:
            db["agencies"].insert(
                {
                    "review_id": rid,
                    "name": name,
                    "request_sent": (today - _dt.timedelta(days=50)).isoformat(),
                    "request_due": (today - _dt.timedelta(days=30)).isoformat(),
                    "request_received": (today - _dt.timedelta(days=32)).isoformat(),
                }
            )
        for name, agency, role, level, attendance in PARTICIPANTS:
            db["participants"].insert(
                {
                    "review_id": rid,
                    "name": name,
                    "agency": agency,
                    "role": role,
                    "level": level,
                    "invited": 1,
                    "agenda_sent": 1,
                    "offered_conversation": 1,
                    "attendance": attendance,
                }
            )
        for days, agency, what, why in CHRONOLOGY:
            db["chronology"].insert(
                {
                    "review_id": rid,
                    "date": (event_day + _dt.timedelta(days=days)).isoformat(),
                    "agency": agency,
                    "what": what,
                    "why_it_matters": why,
                }
            )
        items = [
            r[0]
            for r in store.conn.execute(
                "SELECT id FROM agenda_items WHERE review_id = ? ORDER BY position", [rid]
            ).fetchall()
        ]
        areas = dict(
            store.conn.execute(
                "SELECT id, prompt_area FROM agenda_items WHERE review_id = ?", [rid]
            ).fetchall()
        )
        for minutes, pos, kind, body, hyp, stance, speaker in NOTES:
            item = items[min(pos, len(items) - 1)]
            db["notes"].insert(
                {
                    "review_id": rid,
                    "agenda_item_id": item,
                    "kind": kind,
                    "body": body,
                    "prompt_area": areas[item],
                    "hypothesis": hyp,
                    "stance": stance,
                    "speaker": speaker,
                    "created_at": (start + _dt.timedelta(minutes=minutes)).isoformat(
                        timespec="milliseconds"
                    ),
                }
            )
        if extra_parked:
            for minutes, pos, body, _, _ in EXTRA_PARKED:
                item = items[min(pos, len(items) - 1)]
                db["notes"].insert({
                    "review_id": rid, "agenda_item_id": item, "kind": "parked", "body": body,
                    "prompt_area": areas[item], "created_at": (
                        start + _dt.timedelta(minutes=minutes)).isoformat(timespec="milliseconds")})
        from .parked import parked_items, set_follow_up

        follow = {body: (owner, text) for body, owner, text in PARKED_FOLLOW_UPS}
        follow.update({body: (owner, text) for _, _, body, owner, text in EXTRA_PARKED})
        for p in parked_items(store, review["ref"], review_id=rid):
            if p["body"] in follow:
                owner, text = follow[p["body"]]
                set_follow_up(store, review["ref"], p["note_id"], owner=owner, follow_up=text)
        for number, status in ((1, "supported"), (2, "partly supported"), (3, "supported")):
            store.conn.execute(
                "UPDATE hypotheses SET status = ? WHERE review_id = ? AND number = ?",
                [status, rid, number],
            )
    return get_review(store, review["ref"])["ref"]
