"""The publication texts: each part of the form that is published has its own text, first made by
applying the identifier register to the internal text, then edited and approved by the author.

A part is a published field of the form (its framework name), with the Recommendations table
as one text (a row a line, cells split by " | ") and the dissemination field followed by the
dissemination plans and their leads; when the partnership publishes a summary only, the one
part is the summary of the key findings. An approval stores hashes of both texts: it is void
when either changes. A flag the checker raises in a publication text is resolved by editing
the text or by a decision, with the author's reason, that it is publishable as written; the
decision keeps only a hash of what was flagged (and the day, when it was a date).

Messages name the part, line, column and kind, never the text flagged.
"""

from __future__ import annotations

import functools
import hashlib
import unicodedata
from dataclasses import dataclass, field

from .. import inputs
from ..errors import InputRefused
from ..framework import FORM_FIELD_BY_KEY, FORM_FIELDS, NOT_PUBLISHED_FIELDS
from ..reviews import get_review
from ..store import Store, now_iso
from ..store import rows as _rows
from .fields import word_count
from .identifiers import Entry, apply_register, date_in, find_identifiers
from .publication_history import (CELL_SPLIT, KIND_WORDS, SUMMARY, SUMMARY_LIMIT, _decisions,
                                  part_name)
from .publication import publication_blocker, publication_scope, register_entries
from .state import FormState, form_state

def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def fold(text: str) -> str:
    """What two writings of one flagged thing have in common (for decisions)."""
    s = unicodedata.normalize("NFKC", text).casefold().replace("\\", "")
    return " ".join(s.split())


@dataclass
class PubFlag:
    part: str
    part_name: str
    kind: str
    line: int
    column: int
    start: int
    end: int
    matched: str = field(repr=False)  # hash of the folded text: never the text itself
    entry_kind: str = ""  # the register entry's kind, when it matched one

    @property
    def said(self) -> str:
        """What was found, in words: never the text."""
        if self.entry_kind:
            return f"{self.kind} ({KIND_WORDS.get(self.entry_kind, self.entry_kind)})"
        return self.kind

    def describe(self) -> str:
        return f"{self.part_name}, line {self.line}, column {self.column}: {self.said}"


@dataclass
class Part:
    key: str
    name: str
    internal: str
    public: str
    stored: bool
    approved: bool
    was_approved: bool
    word_limit: int | None
    flags: list[PubFlag]
    replacements: list[tuple[int, int]]
    approved_hashes: tuple[str, str] | None = field(default=None, repr=False)
    checking: tuple = field(default=(), repr=False)  # (entries, decided, days) it was checked by

    def edited(self, public: str) -> "Part":
        """This part with ``public`` as its publication text, checked again by itself (as the
        author types: the other parts and the database are not looked at)."""
        entries, decided, days = self.checking
        ok = bool(self.approved_hashes) and self.approved_hashes == (
            _hash(self.internal), _hash(public))
        return Part(self.key, self.name, self.internal, public, True, ok, self.was_approved,
                    self.word_limit, _flags(self.key, public, entries, decided, days),
                    _spans(public, entries), self.approved_hashes, self.checking)

    @property
    def words(self) -> int:
        return word_count(self.public)

    @property
    def mark(self) -> str:
        """The part's state in a few words, as the publication screen lists it."""
        if self.flags:
            n = len(self.flags)
            return f"{n} flag{'s' if n != 1 else ''}"
        if self.approved:
            return "approved"
        return "changed" if self.was_approved else "not approved"


def part_keys(scope: str) -> list[str]:
    if scope == SUMMARY:
        return [SUMMARY]
    return [f.key for f in FORM_FIELDS if f.key not in NOT_PUBLISHED_FIELDS]


def internal_text(state: FormState, key: str) -> str:
    """The internal text a part's publication text is made from."""
    if key == SUMMARY:
        return state.field("findings").body
    if key == "recommendations":
        return "\n".join(
            CELL_SPLIT.join(" ".join((r.get(c) or "").split())
                            for c in ("action", "person_responsible", "timeframe"))
            for r in state.recommendations)
    body = state.field(key).body
    if key == "dissemination" and state.dissemination:
        plans = []
        for d in state.dissemination:
            line = f"- {d['method']}"
            if d["lead"]:
                line += f", led by {' '.join(d['lead'].split())}"
            if d["detail"]:
                line += f": {' '.join(d['detail'].split())}"
            plans.append(line)
        body = (body.rstrip() + "\n\n" if body.strip() else "") + "\n".join(plans)
    return body


def table_rows(public: str) -> list[tuple[str, str, str]]:
    """The Recommendations publication text as table rows (a row a line)."""
    rows = []
    for line in public.split("\n"):
        if not line.strip():
            continue
        cells = [c.strip() for c in line.split(CELL_SPLIT.strip(), 2)]
        rows.append(tuple((cells + ["", ""])[:3]))
    return rows


def publishable_dates(decisions: list[dict]) -> set:
    import datetime as _dt

    return {_dt.date.fromisoformat(d["day"]) for d in decisions if d["day"]}


@functools.lru_cache(maxsize=1024)
def _hits(text: str, entries: tuple[Entry, ...], days: frozenset) -> tuple:
    """The checker's hits, kept for texts checked again unchanged (every part on each redraw
    of the publication screen; the same sentence in several parts)."""
    return tuple(find_identifiers(text, entries, days))


def _flags(key: str, text: str, entries: list[Entry], decided: set[str], days: set,
           name: str | None = None) -> list[PubFlag]:
    out = []
    for hit in _hits(text, tuple(entries), frozenset(days)):
        matched = _hash(fold(text[hit.start:hit.end]))
        if matched in decided:
            continue
        line, col = hit.position(text)
        out.append(PubFlag(key, name or part_name(key), hit.kind, line, col, hit.start,
                           hit.end, matched, hit.entry.kind if hit.entry else ""))
    return out


def _spans(text: str, entries: list[Entry]) -> list[tuple[int, int]]:
    """Where the register's replacements stand in a publication text (for highlighting)."""
    low = text.casefold()
    spans = set()
    for e in entries:
        r = e.replacement.casefold()
        if not r:
            continue
        at = low.find(r)
        while at >= 0:
            spans.add((at, at + len(r)))
            at = low.find(r, at + len(r))
    return sorted(spans)


def publication_parts(store: Store, ref: str, state: FormState | None = None) -> list[Part]:
    """Every published part with its two texts, approval and flags, in the form's order."""
    state = state or form_state(store, ref)
    rid = state.review["id"]
    entries = register_entries(store, ref)
    stored = {r["part"]: r for r in _rows(
        store, "SELECT * FROM publication_texts WHERE review_id = ?", [rid])}
    decisions = _decisions(store, rid)
    days = publishable_dates(decisions)
    parts = []
    for key in part_keys(publication_scope(store, ref)):
        internal = internal_text(state, key)
        row = stored.get(key)
        if row is not None:
            public, spans = row["body"], _spans(row["body"], entries)
        else:
            public, spans = apply_register(internal, entries)
        was = bool(row and row["approved_public"])
        ok = was and row["approved_public"] == _hash(public) \
            and row["approved_internal"] == _hash(internal)
        decided = {d["matched"] for d in decisions if d["part"] == key}
        limit = SUMMARY_LIMIT if key == SUMMARY else FORM_FIELD_BY_KEY[key].word_limit
        hashes = (row["approved_internal"], row["approved_public"]) if was else None
        parts.append(Part(key, part_name(key), internal, public, row is not None, ok, was,
                          limit, _flags(key, public, entries, decided, days), spans, hashes,
                          (entries, decided, days)))
    return parts


def _part(store: Store, ref: str, key: str) -> Part:
    for p in publication_parts(store, ref):
        if p.key == key:
            return p
    raise InputRefused("That part of the form is not published (see the publication scope).")


def _put(store: Store, rid: int, key: str, body: str) -> None:
    store.conn.execute(
        "INSERT INTO publication_texts (review_id, part, body, updated_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (review_id, part) DO UPDATE SET body = excluded.body, "
        "updated_at = excluded.updated_at",
        [rid, key, body, now_iso()])


def set_publication_text(store: Store, ref: str, key: str, text: str) -> None:
    """The author's publication text for a part (an approval is void if it differs)."""
    if key not in part_keys(publication_scope(store, ref)):
        raise InputRefused("That part of the form is not published (see the publication scope).")
    text = inputs.check(inputs.lines_read(text), f"publication text of {part_name(key)}")
    rid = get_review(store, ref)["id"]
    with store.write():
        _put(store, rid, key, text)


def regenerate(store: Store, ref: str, key: str) -> str:
    """Make a part's publication text again from its internal text and the register."""
    p = _part(store, ref, key)
    text, _spans_ = apply_register(p.internal, register_entries(store, ref))
    rid = get_review(store, ref)["id"]
    with store.write():
        _put(store, rid, key, text)
    return text


def approve(store: Store, ref: str, key: str) -> None:
    """The author approves a part's publication text as it stands against its internal text."""
    p = _part(store, ref, key)
    if p.flags:
        n = len(p.flags)
        raise InputRefused(f"{p.name} has {n} flag{'s' if n != 1 else ''} to resolve first: "
                           "edit the text or mark each flag publishable as written.")
    if p.word_limit and p.words > p.word_limit:
        raise InputRefused(f"{p.name} is {p.words} words in its publication text; the limit "
                           f"is {p.word_limit}.")
    rid = get_review(store, ref)["id"]
    with store.write():
        _put(store, rid, key, p.public)
        store.conn.execute(
            "UPDATE publication_texts SET approved_internal = ?, approved_public = ?, "
            "approved_at = ? WHERE review_id = ? AND part = ?",
            [_hash(p.internal), _hash(p.public), now_iso(), rid, key])


def mark_publishable(store: Store, ref: str, key: str, index: int, reason: str) -> None:
    """Decide that flag ``index`` (0-based, as listed) of a part is publishable as written,
    with the author's reason, kept in the form's history. A date so decided is publishable
    wherever it is written."""
    p = _part(store, ref, key)
    if not 0 <= index < len(p.flags):
        raise InputRefused(f"{p.name} has no flag {index + 1}.")
    reason = inputs.text(reason, "reason", required=True, limit=inputs.LONG)
    flag = p.flags[index]
    day = date_in(p.public[flag.start:flag.end])
    rid = get_review(store, ref)["id"]
    with store.write():
        store.conn.execute(
            "INSERT INTO publication_decisions (review_id, part, kind, matched, day, reason, "
            "decided_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (review_id, part, matched) "
            "DO UPDATE SET reason = excluded.reason, decided_at = excluded.decided_at",
            [rid, key, flag.kind, flag.matched, day.isoformat() if day else None, reason,
             now_iso()])


def publication_problems(store: Store, ref: str, parts: list[Part] | None = None,
                         state: FormState | None = None) -> list[str]:
    """Everything that stops publication, one line each: every flag, every unapproved part,
    every part over its word limit ('' problems: none)."""
    parts = parts if parts is not None else publication_parts(store, ref, state)
    out = []
    for p in parts:
        out.extend(f.describe() for f in p.flags)
        if p.word_limit and p.words > p.word_limit:
            out.append(f"{p.name} is {p.words} words in its publication text; the limit is "
                       f"{p.word_limit}")
        if not p.approved:
            out.append(f"{p.name}: publication text "
                       f"{'changed since it was approved' if p.was_approved else 'not approved'}")
    return out


def published_parts(store: Store, ref: str) -> tuple[FormState, list[Part]]:
    """The final form and its approved publication texts, or a refusal listing every reason."""
    state = form_state(store, ref)
    parts = publication_parts(store, ref, state)
    refuse_unless_publishable(store, ref, state, parts)
    return state, parts


def refuse_unless_publishable(store: Store, ref: str, state: FormState,
                              parts: list[Part]) -> None:
    """:class:`InputRefused` listing every reason ``parts`` of ``state`` cannot be published."""
    problems = publication_problems(store, ref, parts)
    not_final = publication_blocker(state)
    if not_final:
        problems.insert(0, not_final[:1].upper() + not_final[1:].rstrip("."))
    if problems:
        raise InputRefused(
            f"Not published: {len(problems)} thing(s) to resolve first (nothing was written):\n"
            + "\n".join(f"  - {p}" for p in problems))


def document_flags(store: Store, ref: str, text: str, extra_days=()) -> list[str]:
    """The checker over the whole published document as it would be written (headings, status
    line, table cells and all): what it still finds, by line and column of that document.
    ``extra_days``: ISO dates the document itself gives (the day it is published)."""
    import datetime as _dt

    rid = get_review(store, ref)["id"]
    decisions = _decisions(store, rid)
    flags = _flags("document", text, register_entries(store, ref),
                   {d["matched"] for d in decisions},
                   publishable_dates(decisions) | {_dt.date.fromisoformat(d) for d in extra_days},
                   name="the published document")
    return [f.describe() for f in flags]
