"""The Learning Review Outcomes Form and its action plan, as Markdown.

The form follows DESIGN.md exactly: the title, a status line, then one ``##`` heading per field in
the framework's order and spelling. The internal form also gives its version history before the
first field: each circulation, the final and whom it went to, and any override of the sign-off
checks with the lead author's reason. A field the lead author has not written is exported as
drafted from the notes and says so. All user text goes through :mod:`exports.markdown`.
"""

from __future__ import annotations

import sys
from typing import Callable, Iterator

from facilitation.dates import due_of
from facilitation.framework import FORM_TITLE, RECOMMENDATION_COLUMNS
from facilitation.outcome import (
    FieldState,
    FormState,
    candidate_rows,
    final_date,
    form_state,
    history,
    long_date,
    publication_history,
    status_line,
)
from facilitation.errors import InputRefused
from facilitation.store import Store

from .markdown import block_parts, emphasis, inline, table

# The markers' words, shared with the Word export (exports/docx.py), which sets them in italics.
DRAFT_TEXT = "Draft from the review's notes and records: not yet confirmed by the lead author."
EMPTY_TEXT = "Not yet written."
UNPUBLISHED_TEXT = "Not included in the published version."
NO_RECOMMENDATIONS_TEXT = "No recommendations yet."
CANDIDATES_TEXT = ("Candidate recommendations drafted from action notes: not yet agreed by the "
                   "lead author.")
DRAFT_MARK = emphasis(DRAFT_TEXT)
EMPTY_MARK = emphasis(EMPTY_TEXT)
UNPUBLISHED_MARK = emphasis(UNPUBLISHED_TEXT)


NO_PUBLICATION = ("Only the outcome form has a publication version: use --publication with "
                  "--what outcome.")


def _stderr(message: str) -> None:
    print(f"lrf: warning: {message}", file=sys.stderr)


def _timeframe(rec: dict, final_on: str | None = None) -> str:
    """The timeframe as typed, with the date it means when that can be told for sure."""
    tf = rec.get("timeframe") or ""
    day = due_of(rec.get("due_date"), tf, final_on)
    if day:
        due = long_date(day)
        return f"{tf} (due {due})" if tf else f"by {due}"
    return tf


def _numbers(ns: list[int]) -> str:
    """[2, 3] -> '2 and 3'; [1, 2, 4] -> '1, 2 and 4'."""
    words = [str(n) for n in ns]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def candidates_line(state: FormState, noun: str, whole: str) -> str:
    """Which rows are still candidates drafted from action notes ('' when none)."""
    rows = candidate_rows(state)
    if not rows:
        return ""
    if len(rows) == len(state.recommendations):
        return whole
    if len(rows) == 1:
        return (f"{noun} {rows[0]} is a candidate drafted from an action note: not yet agreed "
                "by the lead author.")
    return (f"{noun}s {_numbers(rows)} are candidates drafted from action notes: not yet "
            "agreed by the lead author.")


def limit_warnings(state: FormState) -> list[str]:
    out = []
    for f in state.fields:
        words = f.words if f.word_limit else 0  # counted once: a drafted field can be megabytes
        if f.word_limit and words > f.word_limit:
            out.append(f"{f.name} is {words} words; the limit is {f.word_limit}, and the form "
                       "cannot be marked final until it is shortened.")
    return out


def recommendation_rows(state: FormState) -> list[tuple[str, str, str]]:
    """Action, Person Responsible and Timeframe (with its due date when known), per row."""
    final_on = final_date(state)
    return [(r["action"], r.get("person_responsible") or "", _timeframe(r, final_on))
            for r in state.recommendations]


def _field_block(f: FieldState, state: FormState) -> Iterator[str]:
    """A field's heading and text, a piece at a time, each line followed by its line break."""
    yield f"## {f.name}\n\n"
    if f.key == "recommendations":
        pending = candidates_line(state, "Row", CANDIDATES_TEXT)
        if pending:
            yield f"{emphasis(pending)}\n\n"
        elif not state.recommendations:
            yield f"{emphasis(NO_RECOMMENDATIONS_TEXT)}\n\n"
        yield table(RECOMMENDATION_COLUMNS, recommendation_rows(state)) + "\n\n"
        return
    parts = block_parts(f.body)
    first = next(parts, "")
    if not first:
        yield f"{EMPTY_MARK}\n\n"
        return
    if f.drafted:
        yield f"{DRAFT_MARK}\n\n"
    yield first
    yield from parts
    yield "\n\n"


def render(store: Store, ref: str, *, publication: bool = False,
           warn: Callable[[str], None] | None = _stderr, **_options) -> str:
    """The whole form. Over-limit fields are reported through ``warn`` (stderr), never in the
    document. With ``publication`` it is the published version (exports/publication.py), made
    from the approved publication texts and refused while anything blocks publication."""
    return "".join(render_parts(store, ref, publication=publication, warn=warn))


def render_parts(store: Store, ref: str, *, publication: bool = False,
                 warn: Callable[[str], None] | None = _stderr, **_options) -> Iterator[str]:
    """:func:`render` a piece at a time, for writing as it is made (``lrf export``): the form
    drafted from 200,000 notes is never held whole, as text or as bytes. Everything that can
    refuse the export (the review, the publication check) or warn is done before this returns;
    the pieces are then made from what was read, without the store."""
    if publication:  # made from the approved publication texts, never from the form's own
        from .publication import render_publication

        return render_publication(store, ref, _options.get("fmt") or "md")
    state = form_state(store, ref)
    if warn is not None:
        for message in limit_warnings(state):
            warn(message)
    for f in state.fields:
        f.sources = []  # which notes each line came from: not part of the document
    decisions = publication_history(store, ref)  # "publishable as written", with reasons
    return _document(state, decisions)


def _document(state: FormState, decisions: list[str] = ()) -> Iterator[str]:
    review = state.review
    yield f"# {FORM_TITLE}\n\n"
    yield f"**Status:** {inline(status_line(state))}\n\n"
    yield f"**Review:** {inline(review['ref'])}, {inline(review['title'])}\n\n"
    events = history(state) + list(decisions)
    if events:  # who it went to, any override of the sign-off checks, publication decisions
        yield "**History:**\n\n" + "".join(f"- {inline(e)}\n" for e in events) + "\n"
    last = len(state.fields) - 1
    for i, f in enumerate(state.fields):
        parts = _field_block(f, state)
        if i < last:
            yield from parts
        else:  # the document ends in one line break, not the blank line after each field
            held = next(parts)
            for part in parts:
                yield held
                held = part
            yield held.rstrip("\n") + "\n"
        f.body = ""  # written out: a long field is not held twice


ACTION_COLUMNS = ("No.", "Action", "Person Responsible", "Timeframe", "Finding it answers",
                  "Progress")


def _progress(rec: dict) -> str:
    if rec.get("completed_on"):
        return f"completed {long_date(rec['completed_on'])}"
    if rec.get("started"):
        return "started"
    return "not started"


def render_actions(store: Store, ref: str, *, publication: bool = False, **_options) -> str:
    """The recommendations as an action plan, with the SMART check's advice per row."""
    from facilitation.outcome import smart_advice

    if publication:
        raise InputRefused(NO_PUBLICATION)
    state = form_state(store, ref)
    review = state.review
    findings = state.field("findings").body + "\n" + state.field("do_better").body
    lines = [f"# Action plan: review {inline(review['ref'])}", ""]
    lines += [f"**Review:** {inline(review['title'])}", ""]
    lines += [f"**Form status:** {inline(status_line(state))}", ""]
    pending = candidates_line(state, "Action", "Candidate actions drafted from the event's "
                              "action notes: owners and timeframes still to be agreed.")
    if pending:
        lines += [emphasis(pending), ""]
    if not state.recommendations:
        lines += [emphasis("No recommendations yet."), ""]
    final_on = final_date(state)
    rows = [
        (str(i), r["action"], r.get("person_responsible") or "", _timeframe(r, final_on),
         r.get("finding") or "", _progress(r))
        for i, r in enumerate(state.recommendations, start=1)
    ]
    lines += [table(ACTION_COLUMNS, rows), ""]
    advice = [(i, smart_advice(r, findings)) for i, r in enumerate(state.recommendations, 1)]
    advice = [(i, a) for i, a in advice if a]
    lines += ["## SMART check", ""]
    if advice:
        lines += [emphasis("Advice only: the lead author decides."), ""]
        for i, items in advice:
            lines.append(f"- Action {i}: " + " ".join(inline(a) for a in items))
        lines.append("")
    else:
        lines += ["Every action has an owner, a timeframe and something measurable.", ""]
    return "\n".join(lines).rstrip("\n") + "\n"
