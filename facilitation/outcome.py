"""The Learning Review Outcomes Form: drafting it from what is stored, checking it, and keeping
its versions.

Everything here is plain data in and out, so the form screen and the Markdown export share it.
The chair's own words always win: drafting fills only fields that are empty, and a field the
chair has typed in is never overwritten.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import json
import re
from dataclasses import dataclass, field
from typing import Any

from .errors import InputRefused
from .framework import (
    BLAME_PHRASES,
    DISSEMINATION_METHODS,
    FAMILY_INVOLVEMENT,
    FORM_FIELD_BY_KEY,
    FORM_FIELDS,
    METHODOLOGY_BY_KEY,
    VAGUE_ACTION_PHRASES,
)
from .reviews import _rows, children, get_review
from .store import Store, now_iso

FIELD_KEYS = tuple(f.key for f in FORM_FIELDS)
LIMITED_FIELDS = tuple(f.key for f in FORM_FIELDS if f.word_limit)
PRESENT = ("present", "late", "left early")
UNABLE = ("absent", "unable to contribute")


# --- small helpers --------------------------------------------------------------------------------


def word_count(text: str) -> int:
    return len(re.findall(r"\S+", text or ""))


def long_date(iso: str | None) -> str:
    """``2026-11-18`` as ``18 November 2026``; anything else unchanged."""
    if not iso:
        return ""
    try:
        d = _dt.date.fromisoformat(str(iso)[:10])
    except ValueError:
        return str(iso)
    return f"{d.day} {d.strftime('%B %Y')}"


def _field_key(key: str) -> str:
    if key not in FORM_FIELD_BY_KEY:
        raise InputRefused(f"There is no form field called {key!r}.")
    return key


# --- reading the form -----------------------------------------------------------------------------


@dataclass
class DraftLine:
    text: str
    notes: list[int] = field(default_factory=list)


@dataclass
class FieldState:
    key: str
    name: str
    guidance: str
    word_limit: int | None
    body: str  # what the export shows: the chair's text, or the draft
    written: bool  # the chair wrote (or accepted and edited) this text
    drafted: bool  # the text was drafted from notes and not yet touched by the chair
    sources: list[DraftLine]

    @property
    def words(self) -> int:
        return word_count(self.body)

    @property
    def over_limit(self) -> bool:
        return bool(self.word_limit) and self.words > self.word_limit

    @property
    def note_ids(self) -> list[int]:
        seen: list[int] = []
        for line in self.sources:
            for n in line.notes:
                if n not in seen:
                    seen.append(n)
        return seen


@dataclass
class FormState:
    review: dict
    fields: list[FieldState]
    recommendations: list[dict]
    recommendations_drafted: bool
    dissemination: list[dict]
    versions: list[dict]

    def field(self, key: str) -> FieldState:
        return next(f for f in self.fields if f.key == key)

    @property
    def over_limit(self) -> list[FieldState]:
        return [f for f in self.fields if f.over_limit]

    @property
    def latest(self) -> dict | None:
        return self.versions[-1] if self.versions else None


def stored_fields(store: Store, review_id: int) -> dict[str, dict]:
    rows = _rows(store, "SELECT * FROM form_fields WHERE review_id = ?", [review_id])
    return {r["field"]: r for r in rows}


def _sources(raw: str) -> list[DraftLine]:
    try:
        data = json.loads(raw or "[]")
    except ValueError:
        return []
    out = []
    for item in data if isinstance(data, list) else []:
        if isinstance(item, dict):
            out.append(DraftLine(str(item.get("line", "")), [int(n) for n in item.get("notes", [])]))
        elif isinstance(item, int):
            out.append(DraftLine("", [item]))
    return out


def _sources_json(lines: list[DraftLine]) -> str:
    return json.dumps([{"line": d.text, "notes": d.notes} for d in lines if d.notes])


def form_state(store: Store, ref: str) -> FormState:
    """The whole form as it would be exported now (drafts computed for empty fields)."""
    review = get_review(store, ref)
    rid = review["id"]
    stored = stored_fields(store, rid)
    drafts: dict[str, list[DraftLine]] | None = None
    fields = []
    for f in FORM_FIELDS:
        row = stored.get(f.key)
        if row and row["body"].strip():
            drafted = bool(row["drafted"])
            fields.append(
                FieldState(f.key, f.name, f.guidance, f.word_limit, row["body"], not drafted,
                           drafted, _sources(row["source_note_ids"]))
            )
            continue
        if row and not row["drafted"]:
            # The chair emptied this field on purpose: it is not re-drafted behind their back.
            fields.append(FieldState(f.key, f.name, f.guidance, f.word_limit, "", False, False,
                                     []))
            continue
        if drafts is None:
            drafts = compute_drafts(store, review)
        lines = drafts.get(f.key, [])
        fields.append(
            FieldState(f.key, f.name, f.guidance, f.word_limit, _join(lines), False, bool(lines),
                       lines)
        )
    recs = children(store, "recommendations", rid)
    rec_row = stored.get("recommendations")
    emptied = bool(rec_row and not rec_row["drafted"])  # the chair deleted every row
    if not recs and not emptied:
        if drafts is None:
            drafts = compute_drafts(store, review)
        recs = [
            {"id": None, "position": i, "action": d.text, "person_responsible": "",
             "timeframe": "", "finding": "", "source_note_id": d.notes[0] if d.notes else None,
             "due_date": None, "completed_on": None, "started": 0, "agreed": 0}
            for i, d in enumerate(drafts.get("recommendation_rows", []))
        ]
    # Each candidate stays one until the chair agrees it (edits and saves that row).
    recs_drafted = any(is_candidate(r) for r in recs)
    return FormState(
        review,
        fields,
        recs,
        recs_drafted,
        children(store, "dissemination", rid, order="id"),
        versions(store, rid),
    )


def is_candidate(rec: dict) -> bool:
    """Drafted from an action note and not yet agreed by the chair."""
    return not rec.get("agreed", 1)


def final_date(state: FormState) -> str | None:
    """The day the form was last marked final: periods such as 'within 3 months' run from it."""
    finals = [v for v in state.versions if v["state"] == "final"]
    return finals[-1]["finalised_on"] if finals else None


def candidate_rows(state: FormState) -> list[int]:
    """1-based numbers of the recommendations still waiting to be agreed."""
    return [i for i, r in enumerate(state.recommendations, start=1) if is_candidate(r)]


def _join(lines: list[DraftLine]) -> str:
    return "\n".join(d.text for d in lines)


# --- drafting from notes --------------------------------------------------------------------------


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


def draft_from_notes(store: Store, ref: str) -> list[str]:
    """Fill every EMPTY field from what is stored; returns the keys filled. Never overwrites."""
    review = get_review(store, ref)
    rid = review["id"]
    drafts = compute_drafts(store, review)
    filled = []
    stamp = now_iso()
    with store.db.atomic():
        stored = stored_fields(store, rid)
        for key in FIELD_KEYS:
            if key == "recommendations":
                continue
            row = stored.get(key)
            if row and row["body"].strip():
                continue
            lines = drafts.get(key, [])
            if not lines:
                continue
            store.db["form_fields"].upsert(
                {"review_id": rid, "field": key, "body": _join(lines), "drafted": 1,
                 "source_note_ids": _sources_json(lines), "updated_at": stamp},
                pk=("review_id", "field"),
            )
            filled.append(key)
        if _draft_recommendations(store, rid, drafts.get("recommendation_rows", []), stamp):
            filled.append("recommendations")
    return filled


def _draft_recommendations(store: Store, rid: int, rows: list[DraftLine], stamp: str) -> bool:
    has_recs = store.conn.execute(
        "SELECT 1 FROM recommendations WHERE review_id = ?", [rid]
    ).fetchone()
    if has_recs or not rows:
        return False
    for pos, line in enumerate(rows):
        store.db["recommendations"].insert(
            {"review_id": rid, "position": pos, "action": line.text,
             "source_note_id": line.notes[0] if line.notes else None, "agreed": 0}
        )
    store.db["form_fields"].upsert(
        {"review_id": rid, "field": "recommendations", "body": "", "drafted": 1,
         "source_note_ids": _sources_json(rows), "updated_at": stamp},
        pk=("review_id", "field"),
    )
    return True


def draft_recommendations(store: Store, ref: str) -> bool:
    """Candidate recommendations from action notes become rows (only when there are none)."""
    review = get_review(store, ref)
    rows = compute_drafts(store, review).get("recommendation_rows", [])
    with store.db.atomic():
        return _draft_recommendations(store, review["id"], rows, now_iso())


def save_field(store: Store, ref: str, key: str, body: str) -> None:
    """The chair's text for a field, committed. It is the chair's from now on (not a draft)."""
    _field_key(key)
    review = get_review(store, ref)
    rid = review["id"]
    with store.db.atomic():
        row = stored_fields(store, rid).get(key)
        if row and row["body"] == body:
            return
        store.db["form_fields"].upsert(
            {"review_id": rid, "field": key, "body": body, "drafted": 0,
             "source_note_ids": row["source_note_ids"] if row else "[]",
             "updated_at": now_iso()},
            pk=("review_id", "field"),
        )


def redraft_untouched(store: Store, ref: str, keys: tuple[str, ...]) -> None:
    """Refresh fields that still hold an untouched draft (after their source data changed)."""
    review = get_review(store, ref)
    rid = review["id"]
    drafts = compute_drafts(store, review)
    with store.db.atomic():
        stored = stored_fields(store, rid)
        for key in keys:
            row = stored.get(key)
            if row and row["drafted"]:
                lines = drafts.get(key, [])
                store.db["form_fields"].upsert(
                    {"review_id": rid, "field": key, "body": _join(lines), "drafted": 1,
                     "source_note_ids": _sources_json(lines), "updated_at": now_iso()},
                    pk=("review_id", "field"),
                )


def source_notes(store: Store, ref: str, key: str) -> list[dict]:
    """The notes a field's drafted lines came from, in order."""
    _field_key(key)
    state = form_state(store, ref)
    if key == "recommendations":
        ids = [r["source_note_id"] for r in state.recommendations if r.get("source_note_id")]
    else:
        ids = state.field(key).note_ids
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    rows = _rows(store, f"SELECT id, kind, body, speaker, hypothesis, stance, deleted "
                        f"FROM notes WHERE id IN ({marks})", ids)
    by_id = {r["id"]: r for r in rows}
    return [by_id[i] for i in ids if i in by_id]


# --- recommendations ------------------------------------------------------------------------------

REC_FIELDS = ("action", "person_responsible", "timeframe", "finding", "due_date")


def _mark_recs_written(store: Store, rid: int) -> None:
    store.conn.execute(
        "UPDATE form_fields SET drafted = 0, updated_at = ? WHERE review_id = ? "
        "AND field = 'recommendations'", [now_iso(), rid]
    )


def add_recommendation(store: Store, ref: str, action: str, person_responsible: str = "",
                       timeframe: str = "", finding: str = "") -> int:
    action = " ".join((action or "").split())
    if not action:
        raise InputRefused("A recommendation needs an action.")
    rid = get_review(store, ref)["id"]
    with store.db.atomic():
        pos = store.conn.execute(
            "SELECT coalesce(max(position) + 1, 0) FROM recommendations WHERE review_id = ?",
            [rid],
        ).fetchone()[0]
        new_id = store.db["recommendations"].insert(
            {"review_id": rid, "position": pos, "action": action,
             "person_responsible": person_responsible.strip(), "timeframe": timeframe.strip(),
             "finding": finding.strip()}
        ).last_pk
        _mark_recs_written(store, rid)
    return new_id


def update_recommendation(store: Store, ref: str, rec_id: int, **fields: Any) -> None:
    unknown = set(fields) - set(REC_FIELDS)
    if unknown:
        raise ValueError(f"unknown recommendation fields: {sorted(unknown)}")
    if "action" in fields and not " ".join(str(fields["action"] or "").split()):
        raise InputRefused("A recommendation needs an action.")
    if fields.get("due_date"):
        from .dates import parse_date

        fields["due_date"] = parse_date(fields["due_date"], "due date")
    rid = get_review(store, ref)["id"]
    with store.db.atomic():
        row = store.conn.execute(
            "SELECT 1 FROM recommendations WHERE id = ? AND review_id = ?", [rec_id, rid]
        ).fetchone()
        if not row:
            raise InputRefused("That recommendation is no longer in this review.")
        clean = {k: (" ".join(str(v).split()) if k != "due_date" else v) for k, v in fields.items()}
        # Saving a row is the chair agreeing it: a candidate drafted from notes stops being one.
        store.db["recommendations"].update(rec_id, {**clean, "agreed": 1})
        _mark_recs_written(store, rid)


def delete_recommendation(store: Store, ref: str, rec_id: int) -> None:
    rid = get_review(store, ref)["id"]
    with store.db.atomic():
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


# --- language check -------------------------------------------------------------------------------


@dataclass
class Flag:
    field: str  # field key
    field_name: str
    kind: str  # name, date of birth, postcode, phone number, email address, blame
    line: int  # 1-based
    column: int  # 1-based
    start: int
    end: int
    row: int | None = None  # recommendations: 1-based row
    text: str = field(default="", repr=False)  # what matched: for matching, never for messages

    @property
    def identifier(self) -> bool:
        return self.kind != "blame"

    def where(self) -> str:
        at = f"row {self.row}, " if self.row else ""
        return f"{self.field_name} ({at}line {self.line}, column {self.column})"

    def describe(self) -> str:
        what = {
            "name": "a participant's name",
            "date of birth": "a date of birth",
            "postcode": "a postcode",
            "phone number": "a phone number",
            "email address": "an email address",
            "blame": "wording that blames a named person",
            "agency name": "an agency's own name, which could identify the area",
        }[self.kind]
        return f"{self.where()}: {what}"


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2}\b")
_PHONE = re.compile(r"(?<![\w+])(?:\+44\s?\(?0?\)?\s?\d{2,4}|\(?0\d{2,4}\)?)[\s-]?\d{3,4}[\s-]?\d{3,4}\b")
_DOB = re.compile(
    r"\b(?:d\.?o\.?b\.?|date of birth|born(?: on)?)\s*:?\s*"
    r"(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]+\s+\d{4})",
    re.IGNORECASE,
)
_TITLES = {"dr", "dc", "ds", "pc", "mr", "mrs", "ms", "miss", "mx", "prof", "cllr", "sgt"}


_GENERIC_AGENCY_WORDS = frozenset(
    "the and of for children's childrens children child young people family families adult "
    "adults social care health visiting visitor visitors nhs trust foundation hospital gp "
    "practice practices surgery police constabulary service services school primary secondary "
    "academy nursery college early years education mental substance misuse drug alcohol "
    "housing probation youth justice team council local authority partnership safeguarding "
    "ambulance midwifery maternity community 0-19 camhs a&e emergency department "
    "department unit centre center public protection".split()
)


def place_names(agency_names: list[str]) -> list[str]:
    """Agency names with a word of their own (a place or a person: 'Northfield Primary
    School'), which a published form should not carry."""
    out = []
    for a in agency_names:
        words = re.findall(r"[\w&'-]+", a.lower())
        if any(w not in _GENERIC_AGENCY_WORDS for w in words):
            out.append(" ".join(a.split()))
    return sorted(set(out), key=len, reverse=True)


def generic_agency(name: str) -> str:
    """'Northfield Primary School' -> 'the primary school'."""
    words = [w for w in name.split() if w.lower() in _GENERIC_AGENCY_WORDS]
    return ("the " + " ".join(words).lower()) if words else "the agency"


def name_patterns(participants: list[dict]) -> list[str]:
    """Full names, and first names and surnames of three letters or more, longest first."""
    names: set[str] = set()
    for p in participants:
        full = " ".join(p["name"].split())
        if not full:
            continue
        names.add(full)
        parts = [w for w in full.replace(".", " ").split() if w.lower() not in _TITLES]
        if parts:
            names.add(" ".join(parts))
            for w in (parts[0], parts[-1]):
                if len(w) >= 3:
                    names.add(w)
    return sorted(names, key=len, reverse=True)


def _position(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def check_text(text: str, key: str, names: list[str], row: int | None = None,
               places: list[str] = ()) -> list[Flag]:
    name = FORM_FIELD_BY_KEY[key].name
    found: list[tuple[int, int, str]] = []
    if places:
        rx = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p) for p in places) + r")(?!\w)",
                        re.IGNORECASE)
        for m in rx.finditer(text):
            found.append((m.start(), m.end(), "agency name"))
    for kind, rx in (("email address", _EMAIL), ("date of birth", _DOB),
                     ("postcode", _POSTCODE), ("phone number", _PHONE)):
        for m in rx.finditer(text):
            found.append((m.start(), m.end(), kind))
    if names:
        name_rx = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b",
                             re.IGNORECASE)
        blame = "|".join(re.escape(b) for b in BLAME_PHRASES)
        for m in name_rx.finditer(text):
            if any(s <= m.start() < e for s, e, _ in found):
                continue
            # First names also occur as ordinary words ("Sue", "Mel"): only capitalised.
            if not m.group(0)[:1].isupper():
                continue
            found.append((m.start(), m.end(), "name"))
            sentence_end = re.search(r"[.!?\n]", text[m.end():])
            tail = text[m.end(): m.end() + (sentence_end.start() if sentence_end else 200)]
            lead = text[max(0, m.start() - 30): m.start()]
            if re.search(rf"\b(?:{blame})\b", tail, re.IGNORECASE) or re.search(
                r"\b(?:blame|fault of)\s*$", lead, re.IGNORECASE
            ) or re.match(r"'s fault", tail, re.IGNORECASE):
                found.append((m.start(), m.end(), "blame"))
    flags = []
    for start, end, kind in sorted(found):
        line, col = _position(text, start)
        flags.append(Flag(key, name, kind, line, col, start, end, row, text[start:end]))
    return flags


def publication_fate(flag: Flag, reals: set[str]) -> str:
    """What happens to a flag in the publication export: '' means it still blocks it."""
    from .framework import NOT_PUBLISHED_FIELDS

    if flag.field in NOT_PUBLISHED_FIELDS:
        return "field not published"
    if flag.text.lower() in reals or " ".join(flag.text.split()).lower() in reals:
        return "replaced by a pseudonym when published"
    return "" if flag.identifier else "advice"


def language_check(state: FormState, names: list[str], places: list[str] = ()) -> list[Flag]:
    """Flags across every field (as it would be exported) and every recommendation cell.
    ``places``: agency names that would identify the area (checked for publication)."""
    flags: list[Flag] = []
    for f in state.fields:
        if f.key == "recommendations":
            for i, r in enumerate(state.recommendations, start=1):
                cells = " | ".join(
                    (r.get("action") or "", r.get("person_responsible") or "",
                     r.get("timeframe") or "")
                )
                flags.extend(check_text(cells, "recommendations", names, row=i, places=places))
            continue
        flags.extend(check_text(f.body, f.key, names, places=places))
    return flags


def review_language_check(store: Store, ref: str) -> list[Flag]:
    state = form_state(store, ref)
    rid = state.review["id"]
    parts = children(store, "participants", rid, order="id")
    places = place_names([a["name"] for a in children(store, "agencies", rid, order="name")]
                         + [p["agency"] for p in parts if p["agency"]])
    return language_check(state, names=name_patterns(parts), places=places)


# --- pseudonyms -----------------------------------------------------------------------------------


def pseudonyms(store: Store, ref: str) -> list[dict]:
    return children(store, "pseudonyms", get_review(store, ref)["id"], order="id")


def set_pseudonym(store: Store, ref: str, real: str, replacement: str) -> None:
    real = " ".join((real or "").split())
    replacement = " ".join((replacement or "").split())
    if not real or not replacement:
        raise InputRefused("A pseudonym needs both the real words and what replaces them.")
    rid = get_review(store, ref)["id"]
    with store.db.atomic():
        store.conn.execute(
            "INSERT INTO pseudonyms (review_id, real, replacement) VALUES (?, ?, ?) "
            "ON CONFLICT (review_id, real) DO UPDATE SET replacement = excluded.replacement",
            [rid, real, replacement],
        )


def delete_pseudonym(store: Store, ref: str, real: str) -> None:
    rid = get_review(store, ref)["id"]
    with store.db.atomic():
        store.conn.execute("DELETE FROM pseudonyms WHERE review_id = ? AND real = ?", [rid, real])


def suggest_pseudonyms(store: Store, ref: str) -> int:
    """Map every participant's name (full, first, surname) to their role; returns how many
    were added. Existing entries are kept."""
    rid = get_review(store, ref)["id"]
    added = 0
    with store.db.atomic():
        for i, p in enumerate(children(store, "participants", rid, order="id"), start=1):
            role = p["role"] or f"Practitioner {i}"
            for n in name_patterns([p]):
                cur = store.conn.execute(
                    "INSERT OR IGNORE INTO pseudonyms (review_id, real, replacement) "
                    "VALUES (?, ?, ?)",
                    [rid, n, f"the {role.lower()}" if p["role"] else role],
                )
                added += cur.rowcount
        agencies = [a["name"] for a in children(store, "agencies", rid, order="name")]
        agencies += [p["agency"] for p in children(store, "participants", rid, order="id")
                     if p["agency"]]
        for a in place_names(agencies):
            cur = store.conn.execute(
                "INSERT OR IGNORE INTO pseudonyms (review_id, real, replacement) VALUES (?, ?, ?)",
                [rid, a, generic_agency(a)],
            )
            added += cur.rowcount
    return added


def apply_pseudonyms(text: str, pairs: list[tuple[str, str]]) -> str:
    """Replace each real word or phrase (whole words, any case), longest first."""
    if not pairs or not text:
        return text
    pairs = sorted(pairs, key=lambda p: len(p[0]), reverse=True)
    table = {p[0].lower(): p[1] for p in pairs}
    rx = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p[0]) for p in pairs) + r")(?!\w)",
                    re.IGNORECASE)
    def swap(m: re.Match) -> str:
        out = table.get(m.group(0).lower(), m.group(0))
        if re.search(r"(?:^|[.!?]\s+|\n\s*(?:-\s+)?)$", text[: m.start()]):
            out = out[:1].upper() + out[1:]
        return out

    return rx.sub(swap, text)


def publication_state(store: Store, ref: str) -> FormState:
    """The form as it would be published: pseudonyms applied; refused while any identifier
    remains (the message names fields and positions, never the text)."""
    from .framework import NOT_PUBLISHED_FIELDS

    state = form_state(store, ref)
    not_final = publication_blocker(state)  # judged on the form itself, before names change
    rid = state.review["id"]
    pairs = [(p["real"], p["replacement"]) for p in children(store, "pseudonyms", rid, order="id")]
    for f in state.fields:
        if f.key in NOT_PUBLISHED_FIELDS:
            f.body = ""
            f.sources = []
        else:
            f.body = apply_pseudonyms(f.body, pairs)
    state.recommendations = [
        {**r, **{k: apply_pseudonyms(r.get(k) or "", pairs)
                 for k in ("action", "person_responsible", "timeframe", "finding")}}
        for r in state.recommendations
    ]
    state.dissemination = [
        {**r, "lead": apply_pseudonyms(r["lead"], pairs), "detail": apply_pseudonyms(r["detail"], pairs)}
        for r in state.dissemination
    ]
    parts = children(store, "participants", rid, order="id")
    places = place_names([a["name"] for a in children(store, "agencies", rid, order="name")]
                         + [p["agency"] for p in parts if p["agency"]])
    flags = [f for f in language_check(state, names=name_patterns(parts), places=places)
             if f.identifier]
    if flags:
        shown = "; ".join(f.describe() for f in flags[:5])
        more = f"; and {len(flags) - 5} more" if len(flags) > 5 else ""
        raise InputRefused(
            f"Not published: {len(flags)} identifier(s) remain: {shown}{more}. "
            "Add them to the pseudonym map or edit those fields."
        )
    if not_final:
        raise InputRefused(f"Not published: {not_final}")
    return state


def publication_blocker(state: FormState) -> str:
    """Why the form cannot be published as it stands ('' when it can). The public only ever
    sees the form the lead author marked final: nothing drafted or not yet agreed, and nothing
    changed since it was signed off."""
    latest = state.latest
    finals = [v["number"] for v in state.versions if v["state"] == "final"]
    if not finals:
        return ("the form has not been marked final. Mark it final (F8 on the form) first; "
                "the published version is made from the final form.")
    if latest["state"] != "final" or changed_since_latest(state):
        return (f"the form has changed since it was marked final (version {finals[-1]}). "
                "Mark it final again (F8 on the form) before publishing it.")
    if state.recommendations_drafted or any(f.drafted for f in state.fields):
        return ("some fields still hold text drafted from the notes. Mark the form final "
                "again (F8 on the form) before publishing it.")
    return ""


# --- versions and circulation ---------------------------------------------------------------------


def versions(store: Store, review_id: int) -> list[dict]:
    return _rows(store, "SELECT * FROM form_versions WHERE review_id = ? ORDER BY number",
                 [review_id])


def snapshot(state: FormState) -> dict:
    return {
        "fields": {f.key: {"body": f.body, "drafted": f.drafted} for f in state.fields},
        "recommendations": [
            {**{k: r.get(k) for k in ("action", "person_responsible", "timeframe", "finding")},
             **({"candidate": True} if is_candidate(r) else {})}
            for r in state.recommendations
        ],
    }


def snapshot_text(snap: dict) -> str:
    """A version as plain text, one field after another, for comparing."""
    out = []
    for f in FORM_FIELDS:
        out.append(f"== {f.name}")
        if f.key == "recommendations":
            for i, r in enumerate(snap.get("recommendations", []), start=1):
                out.append(f"{i}. {r.get('action') or ''} | {r.get('person_responsible') or ''}"
                           f" | {r.get('timeframe') or ''}"
                           + (" (candidate, not yet agreed)" if r.get("candidate") else ""))
        else:
            out.extend((snap["fields"].get(f.key, {}).get("body") or "").splitlines())
        out.append("")
    return "\n".join(out)


def _new_version(store: Store, ref: str, state_name: str, **extra: Any) -> dict:
    state = form_state(store, ref)
    rid = state.review["id"]
    with store.db.atomic():
        number = store.conn.execute(
            "SELECT coalesce(max(number), 0) + 1 FROM form_versions WHERE review_id = ?", [rid]
        ).fetchone()[0]
        vid = store.db["form_versions"].insert(
            {"review_id": rid, "number": number, "state": state_name,
             "snapshot": json.dumps(snapshot(state), ensure_ascii=False),
             "created_at": now_iso(), **extra}
        ).last_pk
        status = {"circulated": "circulated", "final": "final"}.get(state_name, "drafting")
        store.db["reviews"].update(rid, {"status": status, "updated_at": now_iso()})
    return dict(store.db["form_versions"].get(vid))


def save_draft_version(store: Store, ref: str) -> dict:
    return _new_version(store, ref, "draft")


def circulate(store: Store, ref: str, on: str, to: str) -> dict:
    from .dates import parse_date

    day = parse_date(on, "circulation date")
    if not day:
        raise InputRefused("Say when the form was circulated.")
    to = " ".join((to or "").split())
    if not to:
        raise InputRefused("Say to whom the form was circulated.")
    return _new_version(store, ref, "circulated", circulated_on=day, circulated_to=to)


def finalise(store: Store, ref: str, on: str, sent_to: str = "the partnership business manager") -> dict:
    from .dates import parse_date

    state = form_state(store, ref)
    over = state.over_limit
    if over:
        raise InputRefused(
            "Cannot mark final: "
            + "; ".join(f"{f.name} is {f.words} words (limit {f.word_limit})" for f in over)
            + "."
        )
    day = parse_date(on, "date sent")
    if not day:
        raise InputRefused("Say when the final form was sent.")
    sent_to = " ".join((sent_to or "").split()) or "the partnership business manager"
    accept_drafts(store, ref)
    return _new_version(store, ref, "final", finalised_on=day, sent_to=sent_to)


def accept_drafts(store: Store, ref: str) -> int:
    """The lead author signs off every field as it stands: drafted text becomes theirs (so a
    final form no longer says 'draft'). Empty fields stay empty. Returns how many changed."""
    state = form_state(store, ref)
    rid = state.review["id"]
    stamp = now_iso()
    changed = 0
    with store.db.atomic():
        for f in state.fields:
            if f.key == "recommendations" or not f.drafted:
                continue
            store.db["form_fields"].upsert(
                {"review_id": rid, "field": f.key, "body": f.body, "drafted": 0,
                 "source_note_ids": _sources_json(f.sources), "updated_at": stamp},
                pk=("review_id", "field"),
            )
            changed += 1
        if state.recommendations_drafted:
            if state.recommendations and state.recommendations[0]["id"] is None:
                for pos, r in enumerate(state.recommendations):
                    store.db["recommendations"].insert(
                        {"review_id": rid, "position": pos, "action": r["action"],
                         "source_note_id": r["source_note_id"]})
            store.conn.execute("UPDATE recommendations SET agreed = 1 WHERE review_id = ?",
                               [rid])
            store.db["form_fields"].upsert(
                {"review_id": rid, "field": "recommendations", "body": "", "drafted": 0,
                 "source_note_ids": "[]", "updated_at": stamp},
                pk=("review_id", "field"),
            )
            changed += 1
    return changed


def add_comment(store: Store, ref: str, person: str, key: str, comment: str) -> int:
    """A person's comment on a field, against the latest version (circulate first)."""
    _field_key(key)
    person = " ".join((person or "").split())
    comment = (comment or "").strip()
    if not person or not comment:
        raise InputRefused("A comment needs the person's name and what they said.")
    rid = get_review(store, ref)["id"]
    vs = versions(store, rid)
    if not vs:
        raise InputRefused("Circulate a version first; comments are kept against a version.")
    with store.db.atomic():
        return store.db["form_comments"].insert(
            {"version_id": vs[-1]["id"], "person": person, "field": key, "comment": comment,
             "created_at": now_iso()}
        ).last_pk


def comments(store: Store, ref: str) -> list[dict]:
    rid = get_review(store, ref)["id"]
    return _rows(
        store,
        "SELECT c.*, v.number AS version FROM form_comments c JOIN form_versions v "
        "ON v.id = c.version_id WHERE v.review_id = ? ORDER BY c.id",
        [rid],
    )


def _field_at(lines: list[str], index: int) -> str:
    for line in reversed(lines[: index + 1]):
        if line.startswith("== "):
            return line[3:]
    return ""


def _readable_diff(old: list[str], new: list[str], old_name: str, new_name: str) -> str:
    """Line changes grouped under the field they fall in: '-' was there, '+' is there now."""
    out = [f"Comparing {old_name} with {new_name}.",
           f"Lines starting - are in {old_name}; lines starting + are in {new_name}."]
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for group in matcher.get_grouped_opcodes(1):
        first = group[0]
        name = _field_at(new, first[3]) if new else _field_at(old, first[1])
        out += ["", f"In {name}:" if name else "At the start:"]
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                out += [f"  {line}" for line in old[i1:i2] if not line.startswith("== ")]
                continue
            out += [f"-{line}" for line in old[i1:i2]]
            out += [f"+{line}" for line in new[j1:j2]]
    return "\n".join(out) if len(out) > 2 else "No changes."


def compare_versions(store: Store, ref: str, number: int | None = None) -> str:
    """What changed. With ``number``: that version against the one before it. Without: the form
    as it is now against the latest version when it has changed since (the chair's edits after
    circulating), otherwise the latest version against the one before it."""
    state = form_state(store, ref)
    vs = state.versions
    if not vs:
        raise InputRefused("No version has been saved yet: circulate one first (F5).")
    if number is None and changed_since_latest(state):
        latest = vs[-1]
        return _readable_diff(
            snapshot_text(json.loads(latest["snapshot"])).splitlines(),
            snapshot_text(snapshot(state)).splitlines(),
            f"version {latest['number']} ({latest['state']})",
            "the form now (not yet saved as a version)")
    idx = len(vs) - 1 if number is None else next(
        (i for i, v in enumerate(vs) if v["number"] == number), None)
    if idx is None:
        raise InputRefused(f"There is no version {number}.")
    if idx == 0:
        raise InputRefused("Only version 1 so far, and nothing has changed since it was saved: "
                           "nothing to compare yet.")
    new = vs[idx]
    old = vs[idx - 1]
    return _readable_diff(
        snapshot_text(json.loads(old["snapshot"])).splitlines(),
        snapshot_text(json.loads(new["snapshot"])).splitlines(),
        f"version {old['number']} ({old['state']})", f"version {new['number']} ({new['state']})")


def changed_since_latest(state: FormState) -> bool:
    if not state.versions:
        return True
    return json.loads(state.versions[-1]["snapshot"]) != json.loads(
        json.dumps(snapshot(state), ensure_ascii=False))


def status_line(state: FormState) -> str:
    latest = state.latest
    changed = changed_since_latest(state)
    if latest is None:
        return "Draft 1, not yet circulated."
    n = latest["number"]
    if latest["state"] == "final" and not changed:
        return (f"Final (version {n}), sent to {latest['sent_to']} on "
                f"{long_date(latest['finalised_on'])}.")
    if latest["state"] == "circulated" and not changed:
        return (f"Draft {n}, circulated on {long_date(latest['circulated_on'])} to "
                f"{latest['circulated_to']}.")
    if not changed:
        return f"Draft {n}, not yet circulated."
    prior = {"circulated": f" (version {n} was circulated on {long_date(latest['circulated_on'])})",
             "final": f" (changed since version {n} was marked final)"}.get(latest["state"], "")
    return f"Draft {n + 1}, not yet circulated{prior}."


# --- dissemination and family ---------------------------------------------------------------------


def add_dissemination(store: Store, ref: str, method: str, lead: str = "",
                      planned_on: str | None = None, detail: str = "") -> int:
    if method not in DISSEMINATION_METHODS:
        raise InputRefused("Choose a dissemination method from the framework's list.")
    rid = get_review(store, ref)["id"]
    if planned_on:
        from .dates import parse_date

        planned_on = parse_date(planned_on, "planned date")
    with store.db.atomic():
        new_id = store.db["dissemination"].insert(
            {"review_id": rid, "method": method, "lead": " ".join(lead.split()),
             "planned_on": planned_on or None, "detail": detail.strip()}
        ).last_pk
    redraft_untouched(store, ref, ("dissemination",))
    return new_id


def update_dissemination(store: Store, ref: str, row_id: int, lead: str = "",
                         planned_on: str | None = None) -> None:
    """Change who leads a dissemination method and when it is planned for."""
    from .dates import parse_date

    rid = get_review(store, ref)["id"]
    planned = parse_date(planned_on, "planned date")
    with store.db.atomic():
        cur = store.conn.execute(
            "UPDATE dissemination SET lead = ?, planned_on = ? WHERE id = ? AND review_id = ?",
            [" ".join((lead or "").split()), planned, row_id, rid])
        if not cur.rowcount:
            raise InputRefused("That dissemination method is no longer in this review.")
    redraft_untouched(store, ref, ("dissemination",))


def delete_dissemination(store: Store, ref: str, row_id: int) -> None:
    rid = get_review(store, ref)["id"]
    with store.db.atomic():
        store.conn.execute("DELETE FROM dissemination WHERE id = ? AND review_id = ?",
                           [row_id, rid])
    redraft_untouched(store, ref, ("dissemination",))


def set_family_involvement(store: Store, ref: str, decision: str, detail: str | None = None,
                           risks: str | None = None) -> None:
    from .reviews import update_review

    if decision not in FAMILY_INVOLVEMENT:
        raise InputRefused("Choose how the family was involved from the framework's list.")
    fields: dict[str, Any] = {"family_involvement": decision}
    if detail is not None:
        fields["family_involvement_detail"] = detail.strip()
    if risks is not None:
        fields["publication_risks"] = risks.strip()
    update_review(store, ref, **fields)
    redraft_untouched(store, ref, ("family_decisions",))
