"""The other three reviews of the worked example, one per method and each at its own stage:

- a desktop review being prepared (information requests out, some returns in);
- a single issue review whose form has been circulated and has comments, one answered;
- a thematic review marked final, with agreed actions (one done, one started), impact
  evidence, dissemination and themes, so the Learning and Improvement view has something in
  every tab.

Every person, family and place is invented and obviously so (Northfield, Family J…); families
go by pseudonyms only. :mod:`.demo` adds these beside its practitioner review.
"""

from __future__ import annotations

import datetime as _dt

from . import dissemination, outcome as oc
from .partnership import add_impact, mark_done, mark_started, tag_review
from .reviews import create_review
from .store import Store


def _iso(day: _dt.date) -> str:
    return day.isoformat()


def _children(store: Store, rid: int, table: str, rows: list[dict]) -> None:
    for pos, row in enumerate(rows):
        store.db[table].insert({"review_id": rid, "position": pos, **row})


def _agencies(store: Store, rid: int, names, sent: _dt.date, due: _dt.date, received) -> None:
    for name in names:
        day = received.get(name)
        store.db["agencies"].insert({
            "review_id": rid, "name": name, "request_sent": _iso(sent), "request_due": _iso(due),
            "request_received": _iso(day) if day else None,
            "good_practice": "Recorded in the return." if day else "",
            "do_differently": "Recorded in the return." if day else "",
            "unexpected": "",
        })


def _method(store: Store, rid: int, kind: str, rows) -> None:
    """One-line entries of the Method tab (themes explored, findings carried over)."""
    for pos, (text, day) in enumerate(rows):
        store.db["method_items"].insert({"review_id": rid, "kind": kind, "position": pos,
                                         "text": text, "date": _iso(day) if day else None})


def _records(store: Store, rid: int, today: _dt.date, rows) -> None:
    """The method's own records (facilitation/method_records.py): kind, days from today, and
    the record's fields."""
    for kind, offset, fields in rows:
        day = _iso(today + _dt.timedelta(days=offset)) if offset is not None else None
        store.db["method_records"].insert({"review_id": rid, "kind": kind, "date": day,
                                           **fields})


def _fill_form(store: Store, ref: str, texts: dict[str, str]) -> None:
    for key, body in texts.items():
        oc.save_field(store, ref, key, body)


# --- a desktop review, being prepared ------------------------------------------------------------

def add_desktop(store: Store, today: _dt.date) -> str:
    review = create_review(
        store, title="Baby T: bruising in a baby not yet crawling", methodology="desktop",
        family_label="Baby T", status="gathering information",
        theme="Bruising in non-mobile babies; how agencies follow the partnership's protocol",
        scope="From the birth of Baby T to the child protection medical, five months later.",
        lead_author="B. Example", lead_author_role="Partnership review officer",
        chair="B. Example",
        independence_statement="The reviewer has not worked with this family or managed "
                               "anyone who did.",
        info_deadline=_iso(today + _dt.timedelta(days=12)),
        report_due=_iso(today + _dt.timedelta(days=70)),
        family_involvement="not yet decided",
    )
    rid, ref = review["id"], review["ref"]
    with store.write():
        store.db["families"].insert({"review_id": rid, "position": 0, "label": "Baby T",
                                     "circumstances": "Baby T (5 months), mother and her partner."})
        _children(store, rid, "kloes", [
            {"text": "Was the bruising protocol followed by every agency that saw Baby T?"},
            {"text": "How were the partner's circumstances known and weighed?"},
        ])
        _agencies(store, rid, ("0-19 Health Visiting", "GP Practice",
                               "Hospital Emergency Department", "Children's Social Care"),
                  today - _dt.timedelta(days=9), today + _dt.timedelta(days=12),
                  {"GP Practice": today - _dt.timedelta(days=2),
                   "0-19 Health Visiting": today - _dt.timedelta(days=1)})
        store.db["chronology"].insert({
            "review_id": rid, "date": _iso(today - _dt.timedelta(days=80)),
            "agency": "0-19 Health Visiting",
            "what": "Health visitor sees a small bruise on Baby T's cheek at a follow-up visit.",
            "why_it_matters": "The protocol asks for a referral for any bruise in a baby who "
                              "is not yet mobile."})
        tag_review(store, ref, "Non-mobile babies")
        # The desktop review's records: what is read, and the staff's meetings about it (the
        # first asked for the GP's notes, not yet gathered; the next is planned).
        _records(store, rid, today, [
            ("record", None, {"agency": "0-19 Health Visiting",
                              "subject": "New birth and follow-up visit records",
                              "period": "Birth to the referral"}),
            ("record", None, {"agency": "GP Practice",
                              "subject": "Consultations for mother and baby",
                              "period": "Birth to the referral"}),
            ("meeting", -3, {"people": "Health visitor, social worker and their managers",
                             "outcome": "The records show the bruise was seen; why no referral "
                                        "followed needs the GP's view.",
                             "further_info": "The GP's notes of the six-week check"}),
            ("meeting", 18, {"people": "The same staff, with the GP (planned)"}),
        ])
    return ref


# --- a single issue review, circulated with comments --------------------------------------------

SINGLE_ISSUE_FORM = {
    "family": "Child E (11) and Child F (8), educated at home; their mother. Pseudonyms only.",
    "lead_author": "C. Sample, Partnership education lead",
    "method": "Single issue review of how children educated at home are seen by agencies: "
              "records, the elective home education policy, and conversations with practitioners "
              "and managers.",
    "attendees": "Education welfare officer; school nurse team leader; GP; social worker; "
                 "elective home education adviser.",
    "unable": "The children's former school (closed since).",
    "date": "Records and policies were reviewed over the six weeks before circulation.",
    "synopsis": "Two children were withdrawn from school and educated at home. Over a year no "
                "agency saw them alone. Concerns about neglect arose when a neighbour called "
                "the police.",
    "findings": "No agency knew it was the only one still seeing the children. The home "
                "education policy has no route for sharing a concern about a child's welfare.",
    "background": "The elective home education adviser visited once by appointment; the GP saw "
                  "the mother but not the children; the school nurse service closed its file "
                  "when the children left school.",
    "strengths": "The adviser's visit note was detailed and recorded the children's own words.",
    "do_better": "Ask who else sees a child before closing a file; see children alone.",
    "family_actions": "The children now attend Northfield Academy with a support plan.",
    "broader_learning": "A child educated at home can disappear from every agency's view at once.",
    "dissemination": "Briefing to the education and health leads; a seven-minute briefing.",
    "family_decisions": "The mother was told about the review and chose not to take part.",
}


def add_single_issue(store: Store, today: _dt.date) -> str:
    review = create_review(
        store, title="Children educated at home: who still sees them", methodology="single_issue",
        family_label="Child E", status="drafting",
        theme="Visibility of children educated at home",
        scope="The year after the children left school.",
        lead_author="C. Sample", lead_author_role="Partnership education lead", chair="C. Sample",
        independence_statement="The lead author has had no part in the work reviewed.",
        info_deadline=_iso(today - _dt.timedelta(days=45)),
        report_due=_iso(today + _dt.timedelta(days=20)),
        family_involvement="declined to take part",
    )
    rid, ref = review["id"], review["ref"]
    with store.write():
        for pos, (label, how) in enumerate((
                ("Child E", "Aged 11; withdrawn from school in Year 6."),
                ("Child F", "Aged 8; withdrawn at the same time."))):
            store.db["families"].insert({"review_id": rid, "position": pos, "label": label,
                                         "circumstances": how})
        _children(store, rid, "kloes", [
            {"text": "Who sees a child once they are educated at home, and how often?"}])
        _agencies(store, rid, ("Education Welfare", "School Nursing", "GP Practice"),
                  today - _dt.timedelta(days=70), today - _dt.timedelta(days=45),
                  {"Education Welfare": today - _dt.timedelta(days=50),
                   "School Nursing": today - _dt.timedelta(days=47),
                   "GP Practice": today - _dt.timedelta(days=46)})
        # The single issue review's records, each dated.
        _records(store, rid, today, [
            ("document", -60, {"category": "policy", "agency": "Partnership",
                               "subject": "Elective home education policy (2024)"}),
            ("document", -58, {"category": "protocol", "agency": "School Nursing",
                               "subject": "Closing a file when a child leaves school"}),
            ("consultation", -52, {"people": "Education welfare officer and team manager",
                                   "agency": "Education Welfare",
                                   "outcome": "Visits are offered, not required; the children "
                                              "are rarely seen without their mother."}),
            ("audit", -48, {"agency": "GP Practice",
                            "subject": "Children educated at home registered with the practice",
                            "outcome": "Few had been seen in the last year; none was flagged."}),
        ])
        tag_review(store, ref, "Children missing education")
        _fill_form(store, ref, SINGLE_ISSUE_FORM)
        oc.add_recommendation(
            store, ref, "Add a welfare check question to the elective home education visit "
            "record, and report its use to the subgroup after six months.",
            "Elective home education adviser", "within 3 months",
            finding="The home education policy has no route for sharing a concern")
        oc.circulate(store, ref, _iso(today - _dt.timedelta(days=6)),
                     "Everyone who contributed, and the education lead")
        first = oc.add_comment(store, ref, "School nurse team leader", "background",
                               "Our file was closed by the school's notice, not by a decision.")
        oc.respond_to_comment(store, ref, first, "Reworded: the file closed on the school's "
                              "notice of withdrawal.")
        oc.add_comment(store, ref, "GP", "do_better",
                       "Could the form say what the GP practice will change?")
    return ref


# --- a thematic review, final, with everything that follows --------------------------------------

THEMATIC_FORM = {
    "family": "Three families reviewed together: Family J, Family K and Family L, each with a "
              "teenager exploited outside the home. Pseudonyms only.",
    "lead_author": "D. Placeholder, Independent reviewer",
    "method": "Thematic review: analysis of background information for three families, a "
              "practitioner and manager event, and audits by two agencies.",
    "attendees": "Youth justice; children's social care; police; two secondary schools; "
                 "sexual health service.",
    "unable": "The families' GP practices (no capacity in the period).",
    "date": "The practitioner and manager event was held ten weeks ago.",
    "synopsis": "Three teenagers in different parts of the area went missing repeatedly and were "
                "found far from home. Each was known to several agencies; none of their plans "
                "named the places or people they were drawn to.",
    "findings": "Missing episodes were treated one at a time, so the pattern across them was not "
                "seen. Return home interviews were offered late. Schools held the clearest "
                "picture of who the young people spent time with.",
    "background": "Each agency held part of the picture: police the missing reports, schools the "
                  "friendships, youth justice the offences. The exploitation panel met monthly.",
    "strengths": "Youth justice workers kept in touch with each teenager through every move.",
    "do_better": "Bring missing episodes together; offer return home interviews within 72 hours.",
    "family_actions": "Each family has a named lead worker; Family K has moved with support.",
    "broader_learning": "Exploitation follows places and people, not the family's address.",
    "dissemination": "Seven-minute briefing; a learning event for schools; the subgroup's "
                     "newsletter.",
    "family_decisions": "Two parents and one young person met the reviewer and read the "
                          "findings before they were final.",
}

THEMATIC_ACTIONS = (
    ("Police and children's social care to run a monthly report of missing episodes across "
     "all agencies for each child, reviewed at the exploitation panel.",
     "Exploitation panel chair", "within 3 months", "Missing episodes were treated one at a time"),
    ("Children's social care to offer every return home interview within 72 hours, and report "
     "the rate to the subgroup each quarter.", "Head of service, children's social care",
     "by the end of the next quarter", "Return home interviews were offered late"),
    ("Education safeguarding lead to add a route for schools to share who a young person spends "
     "time with, in the exploitation referral form.", "Education safeguarding lead",
     "within 6 months", "Schools held the clearest picture"),
)


def add_thematic(store: Store, today: _dt.date) -> str:
    review = create_review(
        store, title="Teenagers exploited outside the home", methodology="thematic",
        family_label="Family J", status="drafting",
        theme="Criminal exploitation of teenagers and repeated missing episodes",
        scope="The twelve months before each young person's first arrest.",
        lead_author="D. Placeholder", lead_author_role="Independent reviewer",
        chair="D. Placeholder",
        independence_statement="The reviewer is independent of every agency involved.",
        info_deadline=_iso(today - _dt.timedelta(days=140)),
        report_due=_iso(today - _dt.timedelta(days=30)),
        family_involvement="met by a lay member or someone independent",
    )
    rid, ref = review["id"], review["ref"]
    with store.write():
        for pos, (label, how) in enumerate((
                ("Family J", "Young person aged 15; lives with grandparents."),
                ("Family K", "Young person aged 14; recently moved into the area."),
                ("Family L", "Young person aged 16; in foster care."))):
            store.db["families"].insert({"review_id": rid, "position": pos, "label": label,
                                         "circumstances": how})
        _children(store, rid, "kloes", [
            {"text": "How did agencies see the pattern in missing episodes?"},
            {"text": "What did schools know, and how was it used?"}])
        _agencies(store, rid, ("Police", "Youth Justice", "Children's Social Care"),
                  today - _dt.timedelta(days=170), today - _dt.timedelta(days=140),
                  {"Police": today - _dt.timedelta(days=141),
                   "Youth Justice": today - _dt.timedelta(days=145),
                   "Children's Social Care": today - _dt.timedelta(days=142)})
        # The thematic review's activities, each with its own record.
        _records(store, rid, today, [
            ("activity", -160, {"category": "analysis of background information"}),
            ("activity", -130, {"category": "interviews with practitioners or managers"}),
            ("activity", -125, {"category": "audits within agencies"}),
            ("interview", -128, {"people": "Youth justice worker", "agency": "Youth Justice",
                                 "outcome": "Return home interviews came days late; by then "
                                            "the young people had stopped talking."}),
            ("audit", -120, {"agency": "Police",
                             "subject": "Missing episodes of the three young people in a year",
                             "outcome": "Each episode was handled alone; none linked them."}),
            ("advice", -165, {"people": "Partnership business manager and data protection "
                                        "officer",
                              "outcome": "Families told by letter; one parent interviewed with "
                                         "consent, the others not, to keep each family's "
                                         "circumstances from the others."}),
        ])
        _method(store, rid, "theme", [("Repeated missing episodes", None),
                                      ("Exploitation outside the home", None)])
        _method(store, rid, "background", [
            ("From an earlier review: return home interviews offered late",
             today - _dt.timedelta(days=200))])
        _fill_form(store, ref, THEMATIC_FORM)
        recs = [oc.add_recommendation(store, ref, a, who, when, finding=f)
                for a, who, when, f in THEMATIC_ACTIONS]
        oc.circulate(store, ref, _iso(today - _dt.timedelta(days=60)),
                     "Everyone who contributed, and the three families")
        c = oc.add_comment(store, ref, "Youth justice manager", "strengths",
                           "Please say the workers kept in touch through every placement move.")
        oc.respond_to_comment(store, ref, c, "Added: 'through every move'.")
        oc.finalise(store, ref, _iso(today - _dt.timedelta(days=40)))
        mark_done(store, recs[0], today - _dt.timedelta(days=10))
        add_impact(store, recs[0], "The panel now sees every missing episode for each child on "
                   "one page.", "Panel minutes for two months", _iso(today - _dt.timedelta(days=3)))
        mark_started(store, recs[1])
        dissemination.add(store, ref, "Learning bulletin", lead="Partnership business unit",
                          planned_on=_iso(today - _dt.timedelta(days=30)),
                          done_on=_iso(today - _dt.timedelta(days=25)),
                          detail="Sent to every agency's safeguarding lead.")
        dissemination.add(store, ref, "Multi-agency training event", lead="Education lead",
                          planned_on=_iso(today + _dt.timedelta(days=21)))
        for theme in ("Child exploitation", "Missing children", "Neglect"):
            tag_review(store, ref, theme)
    return ref
