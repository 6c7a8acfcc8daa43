"""The whole form as it would be exported now (:func:`form_state`): for each field the chair's
text, or else a draft computed from the notes, with whether it is drafted; the recommendations,
candidates among them; dissemination; and the versions saved so far.

The chair's own words always win: a field the chair typed in, or emptied on purpose, is never
replaced by a draft.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from dataclasses import field as _field

from ..framework import FORM_FIELD_BY_KEY, FORM_FIELDS
from ..reviews import children, get_review
from ..store import Store
from ..store import rows as _rows
from .drafts import compute_drafts
from .fields import DraftLine, joined, stored_fields, word_count


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
        # Counted once per text: the field list asks every field after each save, and a draft
        # from 10,000 notes takes milliseconds to count. (Publication rewrites ``body``.)
        known = self.__dict__.get("_words")
        if known is None or known[0] is not self.body:
            known = self.__dict__["_words"] = (self.body, word_count(self.body))
        return known[1]

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
    # What happened to the review itself (a change of method and why): rows of at, line.
    log: list[dict] = _field(default_factory=list)

    def field(self, key: str) -> FieldState:
        return next(f for f in self.fields if f.key == key)

    @property
    def over_limit(self) -> list[FieldState]:
        return [f for f in self.fields if f.over_limit]

    @property
    def latest(self) -> dict | None:
        return self.versions[-1] if self.versions else None


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


def stored_field_state(key: str, row: dict | None) -> FieldState | None:
    """A field as its stored row says, or None when it is to be drafted from the notes (no
    row, or a drafted row left empty)."""
    f = FORM_FIELD_BY_KEY[key]
    if row and row["body"].strip():
        drafted = bool(row["drafted"])
        return FieldState(f.key, f.name, f.guidance, f.word_limit, row["body"], not drafted,
                          drafted, _sources(row["source_note_ids"]))
    if row and not row["drafted"]:
        # The chair emptied this field on purpose: it is not re-drafted behind their back.
        return FieldState(f.key, f.name, f.guidance, f.word_limit, "", False, False, [])
    return None


def form_state(store: Store, ref: str) -> FormState:
    """The whole form as it would be exported now (drafts computed for empty fields)."""
    review = get_review(store, ref)
    rid = review["id"]
    stored = stored_fields(store, rid)
    drafts: dict[str, list[DraftLine]] | None = None
    fields = []
    for f in FORM_FIELDS:
        stored_state = stored_field_state(f.key, stored.get(f.key))
        if stored_state is not None:
            fields.append(stored_state)
            continue
        if drafts is None:
            drafts = compute_drafts(store, review)
        lines = drafts.get(f.key, [])
        fields.append(
            FieldState(f.key, f.name, f.guidance, f.word_limit, joined(lines), False, bool(lines),
                       lines)
        )
    recs = children(store, "recommendations", rid)
    rec_row = stored.get("recommendations")
    emptied = bool(rec_row and not rec_row["drafted"])  # the chair deleted every row
    if not recs and not emptied:
        if drafts is None:
            drafts = compute_drafts(store, review)
        recs = [
            {"id": None, "position": i, "action": d.text,
             "person_responsible": getattr(d, "person_responsible", ""),
             "timeframe": getattr(d, "timeframe", ""), "finding": "",
             "source_note_id": d.notes[0] if d.notes else None,
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
        _rows(store, "SELECT at, line FROM review_log WHERE review_id = ? ORDER BY at, id",
              [rid]),
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


def versions(store: Store, review_id: int) -> list[dict]:
    return _rows(store, "SELECT * FROM form_versions WHERE review_id = ? ORDER BY number",
                 [review_id])
