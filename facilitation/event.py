"""The live event's store functions: notes, the capture line's draft, hypotheses and attendance.
The event clock is in :mod:`facilitation.event_clock`; its names are here too, so callers use
one module for the whole event.

Every write is one transaction that has committed (WAL, synchronous FULL) before the function
returns, so a caller may show the result as saved. No Textual here.
"""

from __future__ import annotations

import datetime as _dt
import re
import sqlite3
from dataclasses import dataclass
from typing import Any

from . import inputs
from .capture import Parsed, parse
from .errors import InputRefused
from .event_clock import (  # noqa: F401  (the event's clock, named here for callers)
    EventState,
    Timings,
    clock,
    load_state,
    move_to_item,
    pause_clock,
    save_state,
    start_clock,
    times_line,
    timings,
)
from .event_clock import iso_utc, utc_now
from .framework import (
    ATTENDANCE,
    HYPOTHESIS_STATUSES,
    NOTE_KINDS,
    PROMPT_AREA_KEYS,
)
from .reviews import children, get_review
from .store import Store
from .store import rows as _rows

NOTE_COLUMNS = (
    "id, review_id, agenda_item_id, kind, body, prompt_area, hypothesis, stance, speaker, "
    "created_at, updated_at, deleted"
)


# --- what the screen needs to know about the review ---------------------------------------------


@dataclass
class EventContext:
    review: dict
    agenda: list[dict]
    hypotheses: list[dict]
    participants: list[dict]
    agencies: list[str]
    questions: list[dict]
    ground_rules: list[str]

    @property
    def review_id(self) -> int:
        return self.review["id"]

    @property
    def people(self) -> list[str]:
        return [p["name"] for p in self.participants]

    @property
    def hypothesis_numbers(self) -> list[int]:
        return [h["number"] for h in self.hypotheses]

    def parse(self, line: str) -> Parsed:
        return parse(line, self.people, self.agencies, self.hypothesis_numbers)

    def item(self, item_id: int | None) -> dict | None:
        for a in self.agenda:
            if a["id"] == item_id:
                return a
        return None

    def questions_for(self, prompt_area: str | None) -> list[str]:
        if not prompt_area:
            return []
        return [q["text"] for q in self.questions if q["prompt_area"] == prompt_area]


def load_context(store: Store, ref: str) -> EventContext:
    review = get_review(store, ref)
    rid = review["id"]
    participants = children(store, "participants", rid, order="id")
    agencies = [a["name"] for a in children(store, "agencies", rid, order="name")]
    for p in participants:  # a participant's agency counts even if not listed separately
        if p["agency"] and p["agency"] not in agencies:
            agencies.append(p["agency"])
    return EventContext(
        review=review,
        agenda=children(store, "agenda_items", rid),
        hypotheses=children(store, "hypotheses", rid, order="number"),
        participants=participants,
        agencies=agencies,
        questions=children(store, "questions", rid),
        ground_rules=[g["text"] for g in children(store, "ground_rules", rid)],
    )


def reload_hypotheses(store: Store, ctx: EventContext) -> None:
    ctx.hypotheses = children(store, "hypotheses", ctx.review_id, order="number")


# --- notes ------------------------------------------------------------------------------------


def _check(parsed: Parsed) -> None:
    """A note is written only as :func:`parse` read it: refused, or by the rule for characters
    (a Parsed made some other way is checked again, the body one line)."""
    if not parsed.ok:
        raise InputRefused(parsed.error or "That note cannot be saved.")
    if "\n" in parsed.body or "\r" in parsed.body:
        raise InputRefused("A note is one line; that one has line breaks.")
    inputs.check(parsed.body, "note", limit=inputs.NOTE)


def add_note(
    store: Store,
    review_id: int,
    parsed: Parsed,
    *,
    agenda_item_id: int | None = None,
    prompt_area: str | None = None,
    now: _dt.datetime | None = None,
    clear_draft: bool = False,
) -> dict:
    """Store one note in its own transaction; committed when this returns. With
    ``clear_draft`` the review's kept capture line goes in the same transaction, so the line
    can never come back as a draft once it is a note (nor be lost before it is one)."""
    _check(parsed)
    if prompt_area is not None and prompt_area not in PROMPT_AREA_KEYS:
        prompt_area = None
    row = {
        "review_id": review_id,
        "agenda_item_id": agenda_item_id,
        "kind": parsed.kind,
        "body": parsed.body,
        "prompt_area": prompt_area,
        "hypothesis": parsed.hypothesis,
        "stance": parsed.stance,
        "speaker": parsed.speaker,
        "created_at": iso_utc(utc_now(now)),
    }
    with store.write():
        cur = store.conn.execute(
            "INSERT INTO notes (review_id, agenda_item_id, kind, body, prompt_area, hypothesis, "
            "stance, speaker, created_at) VALUES (:review_id, :agenda_item_id, :kind, :body, "
            ":prompt_area, :hypothesis, :stance, :speaker, :created_at)",
            row,
        )
        note_id = cur.lastrowid
        if clear_draft:
            _delete_draft(store, review_id)
    return {**row, "id": note_id, "updated_at": None, "deleted": 0}


def start_clock_on_first_note(store: Store, state: EventState,
                              now: _dt.datetime | None = None) -> bool:
    """The event's first note starts its clock (a chair in full flow forgets F5); a clock that
    has started once is left alone, paused or not. Call after the note is saved; True when
    this started the clock. A failed write raises, with ``state`` as it was."""
    if state.started_at is not None:
        return False
    start_clock(store, state, now)
    return True


def get_note(store: Store, note_id: int) -> dict | None:
    rows = _rows(store, f"SELECT {NOTE_COLUMNS} FROM notes WHERE id = ?", [note_id])
    return rows[0] if rows else None


def last_note(store: Store, review_id: int) -> dict | None:
    rows = _rows(
        store,
        f"SELECT {NOTE_COLUMNS} FROM notes WHERE review_id = ? AND deleted = 0 "
        "ORDER BY id DESC LIMIT 1",
        [review_id],
    )
    return rows[0] if rows else None


def last_deleted_note(store: Store, review_id: int) -> dict | None:
    rows = _rows(
        store,
        f"SELECT {NOTE_COLUMNS} FROM notes WHERE review_id = ? AND deleted = 1 "
        "ORDER BY coalesce(updated_at, created_at) DESC, id DESC LIMIT 1",
        [review_id],
    )
    return rows[0] if rows else None


def edit_note(store: Store, note_id: int, parsed: Parsed, now: _dt.datetime | None = None,
              *, clear_draft_of: int | None = None) -> dict:
    """Replace a note's kind, text, hypothesis and speaker (its item and time stay). With
    ``clear_draft_of`` (a review id) that review's kept capture line goes in the same
    transaction."""
    _check(parsed)
    with store.write():
        cur = store.conn.execute(
            "UPDATE notes SET kind = ?, body = ?, hypothesis = ?, stance = ?, speaker = ?, "
            "updated_at = ? WHERE id = ?",
            [parsed.kind, parsed.body, parsed.hypothesis, parsed.stance, parsed.speaker,
             iso_utc(utc_now(now)), note_id],
        )
        if cur.rowcount != 1:
            raise InputRefused("That note no longer exists.")
        if clear_draft_of is not None:
            _delete_draft(store, clear_draft_of)
    return get_note(store, note_id)  # type: ignore[return-value]


def set_deleted(store: Store, note_id: int, deleted: bool, now: _dt.datetime | None = None) -> dict:
    """Soft delete (or bring back) a note; the text is kept either way."""
    with store.write():
        cur = store.conn.execute(
            "UPDATE notes SET deleted = ?, updated_at = ? WHERE id = ?",
            [1 if deleted else 0, iso_utc(utc_now(now)), note_id],
        )
        if cur.rowcount != 1:
            raise InputRefused("That note no longer exists.")
    return get_note(store, note_id)  # type: ignore[return-value]


def item_notes(store: Store, review_id: int, item_id: int | None, *, limit: int | None = None) -> list[dict]:
    """The current notes of one agenda item, oldest first (the newest ``limit`` if given)."""
    where = "review_id = ? AND deleted = 0 AND " + (
        "agenda_item_id = ?" if item_id is not None else "agenda_item_id IS NULL"
    )
    params: list[Any] = [review_id] + ([item_id] if item_id is not None else [])
    sql = f"SELECT {NOTE_COLUMNS} FROM notes WHERE {where} ORDER BY id DESC"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    rows = _rows(store, sql, params)
    rows.reverse()
    return rows


def count_item_notes(store: Store, review_id: int, item_id: int | None) -> int:
    if item_id is None:
        sql, params = "agenda_item_id IS NULL", [review_id]
    else:
        sql, params = "agenda_item_id = ?", [review_id, item_id]
    return store.conn.execute(
        f"SELECT count(*) FROM notes WHERE review_id = ? AND deleted = 0 AND {sql}", params
    ).fetchone()[0]


_FTS_WORD = re.compile(r"[^\W_]+|_+", re.UNICODE)


def fts_query(text: str) -> str | None:
    """User words as an FTS5 query that can never be a syntax error (every word quoted;
    the last one matches as a prefix). None when there is nothing to search for."""
    words = _FTS_WORD.findall(text or "")
    words = [w for w in words if w.strip("_")]
    if not words:
        return None
    quoted = ['"' + w.replace('"', '""') + '"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)


@dataclass
class NoteFilter:
    kind: str | None = None
    prompt_area: str | None = None
    hypothesis: int | None = None
    speaker: str | None = None
    search: str = ""
    speakers: tuple[str, ...] = ()  # any of these (an agency and its people); overrides speaker

    @property
    def active(self) -> bool:
        return bool(self.kind or self.prompt_area or self.hypothesis is not None
                    or self.speaker or self.search.strip())

    def describe(self) -> str:
        parts = []
        if self.kind:
            parts.append(f"kind {self.kind.replace('_', ' ')}")
        if self.prompt_area:
            parts.append(f"area {self.prompt_area.replace('_', ' ')}")
        if self.hypothesis is not None:
            parts.append(f"hypothesis {self.hypothesis}")
        if self.speaker:
            parts.append(f"speaker {self.speaker}")
        if self.search.strip():
            parts.append(f"words “{self.search.strip()}”")
        return ", ".join(parts) or "all notes"


def find_notes(store: Store, review_id: int, f: NoteFilter, *, limit: int = 500) -> list[dict]:
    """Notes of the review matching every part of the filter, oldest first (newest ``limit``)."""
    where = ["notes.review_id = ?", "notes.deleted = 0"]
    params: list[Any] = [review_id]
    if f.kind:
        if f.kind not in NOTE_KINDS:
            return []
        where.append("notes.kind = ?")
        params.append(f.kind)
    if f.prompt_area:
        where.append("notes.prompt_area = ?")
        params.append(f.prompt_area)
    if f.hypothesis is not None:
        where.append("notes.hypothesis = ?")
        params.append(f.hypothesis)
    if f.speakers:
        where.append(
            "notes.speaker COLLATE NOCASE IN (" + ", ".join("?" for _ in f.speakers) + ")")
        params.extend(f.speakers)
    elif f.speaker:
        where.append("notes.speaker = ? COLLATE NOCASE")
        params.append(f.speaker)
    if f.search.strip():
        q = fts_query(f.search)
        if q is None:
            return []
        # The index is searched once, and the review's notes are walked newest first until
        # `limit` match. (A join on notes_fts ran the search once per note of the review:
        # 0.25 to 1.5 s a keystroke at 10,000 notes.) The unary + keeps SQLite from driving the
        # query from the search's rowids, which sorts every match in the database first.
        where.append("+notes.id IN (SELECT rowid FROM notes_fts WHERE notes_fts MATCH ?)")
        params.append(q)
    sql = (
        f"SELECT {', '.join('notes.' + c.strip() for c in NOTE_COLUMNS.split(','))} FROM notes"
        f" WHERE {' AND '.join(where)} ORDER BY notes.id DESC LIMIT {int(limit)}"
    )
    try:
        rows = _rows(store, sql, params)
    except sqlite3.OperationalError:
        return []
    rows.reverse()
    return rows


def parked_notes(store: Store, review_id: int) -> list[dict]:
    return find_notes(store, review_id, NoteFilter(kind="parked"), limit=10_000)


def count_parked(store: Store, review_id: int) -> int:
    """How many of the review's notes are parked (deleted ones do not count)."""
    return store.conn.execute(
        "SELECT count(*) FROM notes WHERE review_id = ? AND deleted = 0 AND kind = 'parked'",
        [review_id],
    ).fetchone()[0]


# --- the capture line's draft ---------------------------------------------------------------
# What the chair has typed on the capture line but not entered, kept so that a closed window,
# SIGTERM or a crash does not lose it. It lives in its own table: it is never a note, so the
# JSON, the outcome form and exports (which read notes) never see it.


def _delete_draft(store: Store, review_id: int) -> None:
    store.conn.execute("DELETE FROM capture_drafts WHERE review_id = ?", [review_id])


def save_draft(store: Store, review_id: int, body: str, editing_note_id: int | None = None,
               now: _dt.datetime | None = None) -> None:
    """Keep the capture line (an empty or blank line clears what was kept).

    Written without waiting for the disk (synchronous NORMAL for this one transaction): in WAL
    mode that survives the process being killed, which is what a draft is for, and it takes a
    fraction of a millisecond, so an Enter that arrives just as the draft is written is not kept
    waiting. The next note's commit (synchronous FULL) makes it durable with the note.

    Typing is never refused here (it would be lost): a control in it is kept as U+FFFD, by the
    rule for characters (inputs.py)."""
    body = inputs.neutralise(body, one_line_only=True)
    conn = store.conn
    before = int(conn.execute("PRAGMA synchronous").fetchone()[0])
    conn.execute("PRAGMA synchronous = NORMAL")
    try:
        with store.write():
            if not body.strip():
                _delete_draft(store, review_id)
                return
            conn.execute(
                "INSERT INTO capture_drafts (review_id, body, editing_note_id, saved_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT(review_id) DO UPDATE SET body = excluded.body, "
                "editing_note_id = excluded.editing_note_id, saved_at = excluded.saved_at",
                [review_id, body, editing_note_id, iso_utc(utc_now(now))],
            )
    finally:
        conn.execute(f"PRAGMA synchronous = {before}")


def load_draft(store: Store, review_id: int) -> dict | None:
    """The kept line: {"body", "editing_note_id", "saved_at"}, or None."""
    rows = _rows(store, "SELECT body, editing_note_id, saved_at FROM capture_drafts "
                 "WHERE review_id = ?", [review_id])
    if not rows or not rows[0]["body"].strip():
        return None
    return {**rows[0], "body": inputs.neutralise(rows[0]["body"], one_line_only=True)}


def clear_draft(store: Store, review_id: int) -> None:
    with store.write():
        _delete_draft(store, review_id)


# --- hypotheses -------------------------------------------------------------------------------


def hypothesis_tallies(store: Store, review_id: int) -> dict[int, tuple[int, int]]:
    """{number: (notes supporting, notes challenging)} counting only notes not deleted."""
    out: dict[int, tuple[int, int]] = {}
    for number, supports, challenges in store.conn.execute(
        "SELECT hypothesis, sum(stance = 'supports'), sum(stance = 'challenges') FROM notes "
        "WHERE review_id = ? AND deleted = 0 AND hypothesis IS NOT NULL GROUP BY hypothesis",
        [review_id],
    ).fetchall():
        out[number] = (supports or 0, challenges or 0)
    return out


def set_hypothesis_status(store: Store, review_id: int, number: int, status: str) -> None:
    if status not in HYPOTHESIS_STATUSES:
        raise InputRefused(f"A hypothesis status is one of: {', '.join(HYPOTHESIS_STATUSES)}.")
    with store.write():
        cur = store.conn.execute(
            "UPDATE hypotheses SET status = ? WHERE review_id = ? AND number = ?",
            [status, review_id, number],
        )
        if cur.rowcount != 1:
            raise InputRefused(f"There is no hypothesis {number}.")


def hypothesis_evidence(store: Store, review_id: int, number: int) -> list[dict]:
    return find_notes(store, review_id, NoteFilter(hypothesis=number), limit=10_000)


# --- attendance -------------------------------------------------------------------------------


def set_attendance(store: Store, participant_id: int, attendance: str) -> None:
    if attendance not in ATTENDANCE:
        raise InputRefused(f"Attendance is one of: {', '.join(ATTENDANCE)}.")
    with store.write():
        cur = store.conn.execute(
            "UPDATE participants SET attendance = ? WHERE id = ?", [attendance, participant_id]
        )
        if cur.rowcount != 1:
            raise InputRefused("That participant is no longer in the review.")
