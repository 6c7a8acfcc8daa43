"""The invitation pack for a practitioner event, and the information requests to agencies.

Headings and guidance are the project's own words; everything a person typed goes through
``exports.markdown`` so that it reads back unchanged and cannot add structure.
"""

from __future__ import annotations

from facilitation.framework import AGENCY_ASKS, METHODOLOGY_BY_KEY, PROMPT_AREA_BY_KEY
from facilitation.preparation import start_times
from facilitation.reviews import children, get_review
from facilitation.store import Store

from .markdown import bullets, inline, paragraph, table


def _date(value: str | None) -> str:
    if not value:
        return "to be confirmed"
    import datetime as _dt

    day = _dt.date.fromisoformat(value)
    return f"{day.strftime('%A')} {day.day} {day.strftime('%B %Y')}"


def _family(review: dict) -> str:
    return inline(review["family_label"]) if review["family_label"].strip() else "the family"


def render_pack(store: Store, ref: str, **options) -> str:
    """Markdown invitation pack: why, what to expect, agenda with times, rules, questions."""
    r = get_review(store, ref)
    rid = r["id"]
    family = _family(r)
    practitioner = r["methodology"] == "practitioner"
    what = "practitioner learning event" if practitioner else "learning review meeting"
    method = METHODOLOGY_BY_KEY[r["methodology"]].name.lower()
    out: list[str] = [f"# Invitation to a {what}: {inline(r['title'])}"]
    out.append(f"Review reference {inline(r['ref'])}. The family is called {family} in this "
               "review; please use that name, not real names, in anything you write about it.")

    when = [f"- Date: {_date(r['event_date'])}"]
    if r["event_start"]:
        end = ""
        if r["event_minutes"]:
            h, m = (int(x) for x in r["event_start"].split(":"))
            t = h * 60 + m + r["event_minutes"]
            end = f" to {(t // 60) % 24:02d}:{t % 60:02d}"
        when.append(f"- Time: {r['event_start']}{end}")
    if r["event_venue"].strip():
        when.append(f"- Place: {inline(r['event_venue'])}")
    if r["chair"].strip():
        when.append(f"- Chair: {inline(r['chair'])}")
    out += ["## When and where", "\n".join(when)]

    why = ["## Why this review is happening"]
    why.append(
        "The safeguarding children partnership's Learning and Improvement group has asked for "
        f"a {method} of its work with {family}. You are invited because you, "
        "or your service, worked with them."
    )
    if r["theme"].strip():
        why += ["What the review is about:", paragraph(r["theme"])]
    if r["scope"].strip():
        why += ["The period and scope it covers:", paragraph(r["scope"])]
    kloes = [k["text"] for k in children(store, "kloes", rid)]
    if kloes:
        why += ["The key lines of enquiry set for the review:", bullets(kloes)]
    if r["rapid_review"]:
        rr = f" ({inline(r['rapid_review_ref'])})" if r["rapid_review_ref"].strip() else ""
        why.append(f"A rapid review{rr} came before this one.")
    out += why

    out += [
        "## What to expect",
        "The event is a chance for everyone who worked with the family to reflect together on "
        "that work: what went well, what could have been done differently, and what got in the "
        "way. It is about learning, not about finding someone to blame.",
        "It is not a care-planning meeting. No decisions about the family's care are made at the "
        "event; if something about the family's care today comes up, the chair will note it and "
        "make sure it goes to the right place.",
        "Managers and frontline practitioners may both be there. Everyone's view matters, and "
        "the chair will make sure everyone has a chance to speak.",
    ]
    if r["family_involvement"] == "views to be shared at the event":
        out.append("The family's views have been gathered and will be shared at the event.")
    if r["appreciative"]:
        out.append(
            "This event looks especially at good practice: what worked for the child and family, "
            "and how to make it happen more often."
        )

    items = children(store, "agenda_items", rid)
    out.append("## Agenda")
    if items:
        times = start_times(items, r["event_start"])
        rows = [
            (t or "", it["title"], f"{it['minutes']} min") for t, it in zip(times, items)
        ]
        out.append(table(("Start", "Item", "Length"), rows))
        if not r["event_start"]:
            out.append("Start times will follow when the event's start time is set.")
    else:
        out.append("The agenda will follow.")

    rules = [g["text"] for g in children(store, "ground_rules", rid)]
    out.append("## Ground rules")
    out.append("The chair will open the event with these ground rules:")
    out.append(bullets(rules) if rules else "The chair will agree ground rules with the group.")

    questions = children(store, "questions", rid)
    if questions:
        kloe_by_id = {k["id"]: k["text"] for k in children(store, "kloes", rid)}
        out.append("## Questions to think about beforehand")
        out.append("You do not need to write anything down; these are the questions the event "
                   "will explore, so you can think about them before you come.")
        rows = []
        for q in questions:
            about = (
                PROMPT_AREA_BY_KEY[q["prompt_area"]].label
                if q["prompt_area"]
                else "Key line of enquiry: " + kloe_by_id.get(q["kloe_id"], "")
            )
            rows.append((q["text"], about))
        out.append(table(("Question", "Part of the event"), rows))

    out.append("## Before the event")
    before = []
    if r["chair"].strip():
        before.append(
            f"If you have any questions or worries about the event, you can talk to the chair, "
            f"{inline(r['chair'])}, beforehand."
        )
    else:
        before.append("If you have any questions or worries about the event, you can talk to "
                      "the chair beforehand.")
    if r["contact_before"].strip():
        before.append("How to arrange that:")
        before.append(paragraph(r["contact_before"]))
    before.append(
        "Talking about work with a family can be hard. Your own agency will continue to support "
        "you before and after the event; please speak to your manager or supervisor about any "
        "support you need."
    )
    out += before
    return "\n\n".join(out) + "\n"


def render_requests(store: Store, ref: str, **options) -> str:
    """One information request per agency: reasons, scope, KLOEs, the three asks, deadline."""
    r = get_review(store, ref)
    rid = r["id"]
    family = _family(r)
    agencies = children(store, "agencies", rid, order="name")
    kloes = [k["text"] for k in children(store, "kloes", rid)]
    out: list[str] = [f"# Requests for information: {inline(r['title'])}"]
    out.append(f"Review reference {inline(r['ref'])}; family label {family}.")
    if not agencies:
        out.append("No agencies have been added to this review yet.")
        return "\n\n".join(out) + "\n"
    for a in agencies:
        sec = [f"## Request to {inline(a['name'])}"
               + (" (out of county)" if a["out_of_county"] else "")]
        if a["out_of_county"]:
            sec.append("**Out-of-county request:** your agency is outside this partnership's "
                       "area. We ask for your help under the same terms, to the same deadline.")
        sec.append(
            "The safeguarding children partnership's Learning and Improvement group has agreed a "
            f"learning review of the work with {family}. We are asking every agency that worked "
            "with the family for information, so that the review can learn from that work."
        )
        if r["theme"].strip():
            sec += ["### Why the review is happening", paragraph(r["theme"])]
        sec.append("### Scope")
        sec.append(paragraph(r["scope"]) if r["scope"].strip() else "The scope will follow.")
        sec.append("Please keep what you send to this scope and to the key lines of enquiry.")
        if kloes:
            sec += ["### Key lines of enquiry", bullets(kloes)]
        if r["briefing_date"]:
            sec.append(f"A briefing for agencies on what is asked is held on "
                       f"{_date(r['briefing_date'])}"
                       + (f" ({inline(r['briefing_who'])})." if r["briefing_who"].strip()
                          else "."))
        sec.append("### What we ask of you")
        sec.append("Alongside a summary of your agency's involvement, please tell us:")
        sec.append("\n".join(f"- **{label}**: {question}" for _, label, question in AGENCY_ASKS))
        sec.append("### Deadline")
        due = a["request_due"] or r["info_deadline"]
        sec.append(f"Please reply by {_date(due)}." if due else
                   "The deadline will be confirmed shortly.")
        if r["lead_author"].strip():
            role = f" ({inline(r['lead_author_role'])})" if r["lead_author_role"].strip() else ""
            sec.append(f"Please send your reply to the review's lead author, "
                       f"{inline(r['lead_author'])}{role}.")
        if a["request_sent"]:
            sec.append(f"Request sent on {_date(a['request_sent'])}.")
        out += sec
    return "\n\n".join(out) + "\n"
