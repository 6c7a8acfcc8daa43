"""Reviews and the things that belong to them: the queries every screen and command shares."""

from __future__ import annotations

import datetime as _dt
import re
import uuid
from typing import Any

from . import clock, inputs, stages
from .errors import InputRefused
from .framework import (
    DEFAULT_GROUND_RULES,
    METHODOLOGY_KEYS,
    REVIEW_STATUSES,
    agenda_template,
)
from .store import Store, now_iso
from .store import rows as _rows

REF_PATTERN = re.compile(r"^LR-\d{4}-\d{3,}$")

# Columns a review may be updated on (everything but identity and timestamps).
REVIEW_FIELDS = (
    "title",
    "methodology",
    "status",
    "family_label",
    "theme",
    "scope",
    "rapid_review",
    "rapid_review_ref",
    "rapid_review_date",
    "lead_author",
    "lead_author_role",
    "chair",
    "independence_statement",
    "info_deadline",
    "report_due",
    "event_date",
    "event_start",
    "event_minutes",
    "event_venue",
    "appreciative",
    "family_involvement",
    "family_involvement_detail",
    "publication_risks",
    "contact_before",
)


def next_ref(store: Store, year: int | None = None) -> str:
    year = year or clock.today().year
    prefix = f"LR-{year}-"
    taken = [
        int(r[0][len(prefix) :])
        for r in store.conn.execute(
            "SELECT ref FROM reviews WHERE ref LIKE ?", [prefix + "%"]
        ).fetchall()
        if r[0][len(prefix) :].isdigit()
    ]
    return f"{prefix}{(max(taken) + 1) if taken else 1:03d}"


def list_reviews(store: Store) -> list[dict]:
    """Every review, with the facts its stage and next date depend on (:mod:`.stages`)."""
    return _rows(
        store,
        "SELECT id, ref, title, methodology, status, family_label, info_deadline, "
        f"report_due, event_date, {stages.FACTS_SQL} FROM reviews ORDER BY ref",
    )


def get_review(store: Store, ref: str) -> dict:
    """The review row, or :class:`InputRefused` naming the reference (never its content)."""
    ref = (ref or "").strip()
    rows = _rows(store, "SELECT * FROM reviews WHERE ref = ? COLLATE NOCASE", [ref])
    if not rows:
        shown = ref if len(ref) <= 40 and ref.isprintable() else "that reference"
        raise InputRefused(f"No review has the reference {shown}; `lrf list` shows them.")
    return rows[0]


def create_review(
    store: Store,
    *,
    title: str,
    methodology: str,
    ref: str | None = None,
    family_label: str = "",
    with_defaults: bool = True,
    **fields: Any,
) -> dict:
    """Create a review; with ``with_defaults`` it starts with the framework's agenda and rules."""
    title = inputs.text(title, "title")
    if not title:
        raise InputRefused("A review needs a title.")
    family_label = inputs.text(family_label, "family label")
    _check_characters(fields)
    if methodology not in METHODOLOGY_KEYS:
        raise InputRefused(f"Methodology must be one of: {', '.join(METHODOLOGY_KEYS)}.")
    unknown = set(fields) - set(REVIEW_FIELDS)
    if unknown:
        raise ValueError(f"unknown review fields: {sorted(unknown)}")
    if "status" in fields and fields["status"] not in REVIEW_STATUSES:
        raise InputRefused(f"Status must be one of: {', '.join(REVIEW_STATUSES)}.")
    stamp = now_iso()
    with store.write():
        ref = ref or next_ref(store)
        if not REF_PATTERN.match(ref):
            raise InputRefused("A reference looks like LR-2026-004.")
        if store.conn.execute("SELECT 1 FROM reviews WHERE ref = ?", [ref]).fetchone():
            raise InputRefused(f"A review with the reference {ref} already exists.")
        review_id = store.db["reviews"].insert(
            {
                "ref": ref,
                "uid": uuid.uuid4().hex,  # the review's id wherever it travels (m009)
                "title": title,
                "methodology": methodology,
                "family_label": family_label,
                "created_at": stamp,
                "updated_at": stamp,
                **fields,
            }
        ).last_pk
        if with_defaults:
            for pos, item in enumerate(
                agenda_template(methodology, bool(fields.get("appreciative")))
            ):
                store.db["agenda_items"].insert(
                    {
                        "review_id": review_id,
                        "position": pos,
                        "title": item.title,
                        "minutes": item.minutes,
                        "prompt_area": item.prompt_area,
                    }
                )
            for pos, rule in enumerate(DEFAULT_GROUND_RULES):
                store.db["ground_rules"].insert(
                    {"review_id": review_id, "position": pos, "text": rule}
                )
    return get_review(store, ref)


def update_review(store: Store, ref: str, **fields: Any) -> dict:
    review = get_review(store, ref)
    unknown = set(fields) - set(REVIEW_FIELDS)
    if unknown:
        raise ValueError(f"unknown review fields: {sorted(unknown)}")
    if "title" in fields and not str(fields["title"] or "").strip():
        raise InputRefused("A review needs a title.")
    _check_characters(fields)
    if "status" in fields and fields["status"] not in REVIEW_STATUSES:
        raise InputRefused(f"Status must be one of: {', '.join(REVIEW_STATUSES)}.")
    with store.write():
        store.db["reviews"].update(review["id"], {**fields, "updated_at": now_iso()})
    return get_review(store, review["ref"])


def _check_characters(fields: dict[str, Any]) -> None:
    """The rule for characters (inputs.py) over every text field of a review being written."""
    for name, value in fields.items():
        if isinstance(value, str) and inputs.has_control(inputs.lines_read(value)):
            raise InputRefused(inputs.control_message(name.replace("_", " ")))


def children(store: Store, table: str, review_id: int, order: str = "position") -> list[dict]:
    if table not in {
        "families",
        "kloes",
        "method_items",
        "method_records",
        "proceedings",
        "agencies",
        "chronology",
        "participants",
        "agenda_items",
        "ground_rules",
        "questions",
        "hypotheses",
        "recommendations",
        "dissemination",
        "identifier_register",
    }:
        raise ValueError(table)
    return _rows(
        store, f"SELECT * FROM {table} WHERE review_id = ? ORDER BY {order}, id", [review_id]
    )


def notes(store: Store, review_id: int, *, include_deleted: bool = True) -> list[dict]:
    sql = "SELECT * FROM notes WHERE review_id = ?"
    if not include_deleted:
        sql += " AND deleted = 0"
    return _rows(store, sql + " ORDER BY id", [review_id])


def review_as_json(store: Store, ref: str, *, include_identifiers: bool = False) -> dict:
    """One review, whole, in the shape of the `lrf show REF --json` contract. Text is shown by
    the rule for characters (inputs.py): a control stored before the rule comes out as U+FFFD,
    so that printing the JSON, or a program reading it, never obeys it. The identifier
    register (the family's real names) is left out unless ``include_identifiers``."""
    data = _review_data(store, ref)
    if include_identifiers:
        rid = get_review(store, ref)["id"]
        data["identifier_register"] = [
            {"kind": e["kind"], "text": e["text"], "replacement": e["replacement"],
             "created_at": e["created_at"]}
            for e in children(store, "identifier_register", rid, order="id")]
    return inputs.neutralise_all(data)


def _review_data(store: Store, ref: str) -> dict:
    from .review_json import extra

    r = get_review(store, ref)
    rid = r["id"]
    agenda = children(store, "agenda_items", rid)
    item_by_id = {a["id"]: a for a in agenda}
    kloe_by_id = {k["id"]: k["text"] for k in children(store, "kloes", rid)}
    return {
        "ref": r["ref"],
        "title": r["title"],
        "methodology": r["methodology"],
        "status": stages.stage(stages.review_facts(store, r)),  # as home and `lrf list` say it
        "family_label": r["family_label"],
        "families": [
            {"label": f["label"], "circumstances": f["circumstances"]}
            for f in children(store, "families", rid)
        ],
        "theme": r["theme"],
        "scope": r["scope"],
        "rapid_review": (
            {"ref": r["rapid_review_ref"], "date": r["rapid_review_date"]}
            if r["rapid_review"]
            else None
        ),
        "lead_author": r["lead_author"],
        "lead_author_role": r["lead_author_role"],
        "chair": r["chair"],
        "independence_statement": r["independence_statement"],
        "timescales": {
            "info_deadline": r["info_deadline"],
            "report_due": r["report_due"],
        },
        "event": {
            "date": r["event_date"],
            "start": r["event_start"],
            "minutes": r["event_minutes"],
            "venue": r["event_venue"],
            "appreciative": bool(r["appreciative"]),
        },
        "family_involvement": {
            "decision": r["family_involvement"],
            "detail": r["family_involvement_detail"],
            "publication_risks": r["publication_risks"],
        },
        "agenda": [
            {"title": a["title"], "minutes": a["minutes"], "prompt_area": a["prompt_area"]}
            for a in agenda
        ],
        "ground_rules": [g["text"] for g in children(store, "ground_rules", rid)],
        "key_lines_of_enquiry": [k["text"] for k in children(store, "kloes", rid)],
        "questions": [
            {"text": q["text"], "prompt_area": q["prompt_area"],
             "kloe": kloe_by_id.get(q["kloe_id"])}
            for q in children(store, "questions", rid)
        ],
        "method_items": [
            {"kind": m["kind"], "text": m["text"], "date": m["date"]}
            for m in children(store, "method_items", rid)
        ],
        "hypotheses": [
            {"number": h["number"], "text": h["text"], "status": h["status"]}
            for h in children(store, "hypotheses", rid, order="number")
        ],
        "agencies": [
            {
                "name": a["name"],
                "request_sent": a["request_sent"],
                "request_due": a["request_due"],
                "request_received": a["request_received"],
                "good_practice": a["good_practice"],
                "do_differently": a["do_differently"],
                "unexpected": a["unexpected"],
                "out_of_county": bool(a["out_of_county"]),
            }
            for a in children(store, "agencies", rid, order="name")
        ],
        "participants": [
            {
                "name": p["name"],
                "agency": p["agency"],
                "role": p["role"],
                "level": p["level"],
                "invited": bool(p["invited"]),
                "agenda_sent": bool(p["agenda_sent"]),
                "offered_conversation": bool(p["offered_conversation"]),
                "attendance": p["attendance"],
            }
            for p in children(store, "participants", rid, order="id")
        ],
        "chronology": [
            {
                "date": c["date"],
                "agency": c["agency"],
                "what": c["what"],
                "why_it_matters": c["why_it_matters"],
            }
            for c in children(store, "chronology", rid, order="date")
        ],
        "notes": [
            {
                "id": n["id"],
                "kind": n["kind"],
                "body": n["body"],
                "prompt_area": n["prompt_area"],
                "hypothesis": n["hypothesis"],
                "stance": n["stance"],
                "speaker": n["speaker"],
                "agenda_item": item_by_id[n["agenda_item_id"]]["title"]
                if n["agenda_item_id"] in item_by_id
                else None,
                "created_at": n["created_at"],
                "deleted": bool(n["deleted"]),
            }
            for n in notes(store, rid)
        ],
        "versions": [
            {
                "number": v["number"],
                "state": v["state"],
                "created_at": v["created_at"],
                "circulated_on": v["circulated_on"],
                "circulated_to": v["circulated_to"],
                "finalised_on": v["finalised_on"],
                "sent_to": v["sent_to"],
                "override_reason": v.get("override_reason", ""),
                "override_by": v.get("override_by", ""),
            }
            for v in _rows(store, "SELECT * FROM form_versions WHERE review_id = ? "
                           "ORDER BY number", [rid])
        ],
        "comments": [
            {
                "version": c["version"],
                "person": c["person"],
                "field": c["field"],
                "comment": c["comment"],
                "created_at": c["created_at"],
                "response": c.get("response", ""),  # a file from before m005 has none
                "responded_at": c.get("responded_at"),
            }
            for c in _rows(store, "SELECT c.*, v.number AS version FROM form_comments c JOIN "
                           "form_versions v ON v.id = c.version_id WHERE v.review_id = ? "
                           "ORDER BY c.id", [rid])
        ],
        # The form's fields, recommendations with progress and impact, themes, dissemination,
        # parked follow-ups and history (review_json.py).
        **extra(store, r),
    }


def next_date_due(review: dict, today: _dt.date | None = None) -> tuple[str, str] | None:
    """The next date still counting down at the review's stage: (what, ISO date), or None.
    The rule is :func:`facilitation.stages.next_date_due`."""
    return stages.next_date_due(review, today)
