"""What each field of the form would say if it were drafted now from what the review holds:
its notes (by kind, hypothesis and stance), participants and attendance, agencies, chronology,
dissemination plans and the decisions about the family. Nothing here writes; drafts name
agencies and roles, never the people who spoke.
"""

from __future__ import annotations

from ..framework import METHODOLOGY_BY_KEY
from ..reviews import children
from ..store import Store
from .fields import DraftLine, long_date

PRESENT = ("present", "late", "left early")
UNABLE = ("absent", "unable to contribute")


def _agency_of(speaker: str | None, participants: list[dict], agencies: set[str]) -> str:
    """The agency a note's speaker belongs to: drafts name agencies, never people."""
    if not speaker:
        return ""
    s = speaker.strip().lower()
    for p in participants:
        name = p["name"].lower()
        if s == name or (len(s) > 2 and (name.endswith(" " + s) or s in name)):
            return p["agency"] or p["role"]
    for a in agencies:
        if a.lower() == s:
            return a
    return ""


# The fields drafted one line per note of a kind.
NOTE_LINE_FIELDS = {"good_practice": "strengths", "do_differently": "do_better",
                    "learning": "broader_learning"}


class _NotesDrafts:
    """What the notes give the drafts, read in one pass over the review's notes: the lines of
    the fields drafted from notes, the candidate recommendations, and each hypothesis's
    evidence. No note is kept beyond the line it makes, so a review of 200,000 notes is read
    without holding 200,000 rows at once."""

    def __init__(self, store: Store, rid: int, participants: list[dict], agencies: set[str]):
        self.lines: dict[str, list[DraftLine]] = {f: [] for f in NOTE_LINE_FIELDS.values()}
        self.actions: list[DraftLine] = []
        self.evidence: dict[int, list[int]] = {}  # hypothesis -> note ids
        self.tally: dict[int, list[int]] = {}  # hypothesis -> [supports, challenges]
        cur = store.conn.execute(
            "SELECT id, kind, body, hypothesis, stance, speaker FROM notes "
            "WHERE review_id = ? AND deleted = 0 ORDER BY id", [rid])
        for nid, kind, body, hypothesis, stance, speaker in cur:
            if hypothesis is not None:
                self.evidence.setdefault(hypothesis, []).append(nid)
                tally = self.tally.setdefault(hypothesis, [0, 0])
                if stance == "supports":
                    tally[0] += 1
                elif stance == "challenges":
                    tally[1] += 1
            if kind == "action":
                self.actions.append(DraftLine(" ".join(body.split()), [nid]))
            elif kind in NOTE_LINE_FIELDS:
                text = " ".join(body.split())
                if text:
                    who = _agency_of(speaker, participants, agencies)
                    self.lines[NOTE_LINE_FIELDS[kind]].append(
                        DraftLine(f"- {text}" + (f" ({who})" if who else ""), [nid]))


def _person(p: dict) -> str:
    bits = [b for b in (p["role"], p["agency"]) if b]
    return ", ".join(bits) or "A participant"


def compute_drafts(store: Store, review: dict) -> dict[str, list[DraftLine]]:
    """What each field would say if drafted now from the stored review, notes and plans."""
    rid = review["id"]
    participants = children(store, "participants", rid, order="id")
    agency_rows = children(store, "agencies", rid, order="name")
    agencies = {a["name"] for a in agency_rows}
    notes = _NotesDrafts(store, rid, participants, agencies)
    d: dict[str, list[DraftLine]] = {}

    families = children(store, "families", rid)
    fam = []
    if review["family_label"]:
        fam.append(DraftLine(review["family_label"]))
    for f in families:
        text = f["label"] if f["label"] != review["family_label"] else ""
        if f["circumstances"]:
            text = f"{text}: {f['circumstances']}" if text else f["circumstances"]
        if text:
            fam.append(DraftLine(text))
    d["family"] = fam

    if review["lead_author"]:
        d["lead_author"] = [
            DraftLine(", ".join(b for b in (review["lead_author"], review["lead_author_role"]) if b))
        ]

    method = METHODOLOGY_BY_KEY.get(review["methodology"])
    m = []
    if review["methodology"] == "practitioner":
        how = "Practitioner learning review: the practitioners who worked with the family met"
        how += " at a learning event"
        if review["event_venue"]:
            how += f" ({review['event_venue']})"
        if review["event_minutes"]:
            h, mins = divmod(int(review["event_minutes"]), 60)
            span = " ".join(b for b in (f"{h} h" if h else "", f"{mins} min" if mins else "") if b)
            how += f" lasting {span}"
        m.append(DraftLine(how + " to reflect on that work."))
    elif method:
        m.append(DraftLine(f"{method.name}: {method.explanation[:1].lower()}{method.explanation[1:]}"))
    if review["rapid_review"]:
        m.append(DraftLine("It follows a rapid review"
                           + (f" ({review['rapid_review_ref']})" if review["rapid_review_ref"] else "")
                           + "."))
    if review["scope"]:
        m.append(DraftLine(f"Scope: {review['scope']}"))
    d["method"] = m

    came = [p for p in participants if p["attendance"] in PRESENT]
    # Arriving late or leaving early is not the form's business: everyone who came is listed.
    d["attendees"] = [DraftLine(f"- {_person(p)}") for p in came]
    represented = {p["agency"] for p in came}
    for a in agency_rows:
        if a["request_received"] and a["name"] not in represented:
            d["attendees"].append(DraftLine(f"- {a['name']} (sent information)"))
    d["unable"] = [
        DraftLine(f"- {_person(p)}" + (f": {p['attendance_note']}" if p["attendance_note"] else ""))
        for p in participants
        if p["attendance"] in UNABLE
    ]

    if review["event_date"]:
        d["date"] = [DraftLine(long_date(review["event_date"]))]
    else:
        dated = [r for r in children(store, "method_items", rid) if r.get("date")]
        if dated:
            d["date"] = [DraftLine(long_date(min(r["date"] for r in dated)))]

    syn = []
    if review["theme"]:
        syn.append(DraftLine(f"Reviewed for: {review['theme']}."))
    d["synopsis"] = syn

    findings = []
    for h in children(store, "hypotheses", rid, order="number"):
        pro, con = notes.tally.get(h["number"], (0, 0))
        evidence = []
        if pro:
            evidence.append(f"{pro} point{'s' if pro != 1 else ''} raised supported it")
        if con:
            evidence.append(f"{con} challenged it")
        tail = f" At the event, {' and '.join(evidence)}." if evidence else ""
        findings.append(
            DraftLine(f"- Hypothesis {h['number']} "
                      f"({'not yet decided' if h['status'] == 'open' else h['status']}): "
                      f"{h['text']}{tail}",
                      notes.evidence.get(h["number"], []))
        )
    d["findings"] = findings

    d["background"] = [
        DraftLine(f"- {long_date(c['date'])}"
                  + (f", {c['agency']}" if c["agency"] else "") + f": {c['what']}")
        for c in children(store, "chronology", rid, order="date")
    ]
    d.update(notes.lines)  # strengths, do_better, broader_learning
    d["recommendation_rows"] = notes.actions
    dis = []
    for r in children(store, "dissemination", rid, order="id"):
        line = f"- {r['method']}"
        if r["lead"]:
            line += f", led by {r['lead']}"
        if r["planned_on"]:
            line += f", planned for {long_date(r['planned_on'])}"
        if r["done_on"]:
            line += f", done {long_date(r['done_on'])}"
        if r["detail"]:
            line += f": {r['detail']}"
        dis.append(DraftLine(line))
    d["dissemination"] = dis
    fd = []
    if review["family_involvement"] and review["family_involvement"] != "not yet decided":
        fd.append(DraftLine(f"Family involvement: {review['family_involvement']}."))
    if review["family_involvement_detail"]:
        fd.append(DraftLine(review["family_involvement_detail"]))
    if review["publication_risks"]:
        fd.append(DraftLine(f"Risks around publication: {review['publication_risks']}"))
    d["family_decisions"] = fd
    return d
