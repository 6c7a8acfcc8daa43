"""The identifier register and the rules for publishing the form.

The register (one per review, kept by the chair) holds what must never be published: the
family's real names (the only place lrf holds them), addresses, schools, surgeries, localities
and anything else the chair adds, each with a kind and what replaces it. Participants, invitees
and agencies with a name of their own join it automatically, worked out from their own tables
each time, so the register cannot drift from them. Nothing here puts an entry's text in a
message: a refusal names the entry by its number and kind.

The publication texts built from it, their approval and the published document are in
:mod:`.publication_text`.
"""

from __future__ import annotations

from .. import inputs
from ..errors import InputRefused
from ..reviews import children, get_review
from ..store import Store, now_iso
from .circulation import changed_since_latest
from .identifiers import Entry
from .language import Flag, generic_agency, place_names, publication_fate, review_language_check
from .state import FormState

# Kinds the chair chooses from; "participant" and "contact" are the automatic ones.
KINDS = ("name", "address", "school", "surgery", "locality", "participant", "contact", "other")
CHAIR_KINDS = ("name", "address", "school", "surgery", "locality", "other")
KIND_HINTS = {
    "name": "the child", "address": "the family home", "school": "the school",
    "surgery": "the GP practice", "locality": "the area", "other": "",
}
SCOPES = ("whole", "summary")


def register(store: Store, ref: str) -> list[dict]:
    """The chair's own entries, in the order they were added."""
    return children(store, "identifier_register", get_review(store, ref)["id"], order="id")


def automatic_entries(store: Store, ref: str) -> list[Entry]:
    """Participants and invitees (kind participant, replaced by their role) and agencies with
    a name of their own (kind school, surgery or other, replaced by the kind of agency),
    derived now from their tables."""
    rid = get_review(store, ref)["id"]
    parts = children(store, "participants", rid, order="id")
    out: list[Entry] = []
    for p in parts:
        name = " ".join((p["name"] or "").split())
        if name:
            role = " ".join((p["role"] or "").split())
            if role[:1].isupper() and not role[1:2].isupper():  # "GP" stays "GP"
                role = role[:1].lower() + role[1:]
            out.append(Entry("participant", name, f"the {role}" if role else "a practitioner"))
    agencies = [a["name"] for a in children(store, "agencies", rid, order="name")]
    agencies += [p["agency"] for p in parts if p["agency"]]
    for a in place_names(agencies):
        # An agency is a place, matched as a whole phrase (a person's name would also match
        # its last word alone: "School").
        out.append(Entry(_place_kind(a), a, generic_agency(a)))
    return out


def _place_kind(agency: str) -> str:
    words = set(agency.lower().split())
    if words & {"school", "primary", "academy", "nursery", "college"}:
        return "school"
    if words & {"surgery", "practice", "gp", "medical"}:
        return "surgery"
    return "other"


def register_entries(store: Store, ref: str) -> list[Entry]:
    """Every entry the checker and the replacement use: the chair's and the automatic ones."""
    own = [Entry(r["kind"], r["text"], r["replacement"]) for r in register(store, ref)]
    typed = {e.text.casefold() for e in own}
    return own + [e for e in automatic_entries(store, ref) if e.text.casefold() not in typed]


def _entry_values(kind: str, text: str, replacement: str) -> tuple[str, str, str]:
    if kind not in CHAIR_KINDS:
        raise InputRefused(f"An identifier's kind is one of: {', '.join(CHAIR_KINDS)}.")
    text = inputs.text(text, "identifier")
    replacement = inputs.text(replacement, "replacement")
    if not text or not replacement:
        raise InputRefused("An identifier needs both its words and what replaces them.")
    return kind, text, replacement


def add_identifier(store: Store, ref: str, kind: str, text: str, replacement: str) -> int:
    """Add an entry (or change the kind and replacement of the same words); returns its id."""
    kind, text, replacement = _entry_values(kind, text, replacement)
    rid = get_review(store, ref)["id"]
    with store.write():
        cur = store.conn.execute(
            "INSERT INTO identifier_register (review_id, kind, text, replacement, created_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (review_id, text) DO UPDATE SET "
            "kind = excluded.kind, replacement = excluded.replacement RETURNING id",
            [rid, kind, text, replacement, now_iso()],
        )
        return cur.fetchone()[0]


def _own(store: Store, ref: str, entry_id: int) -> int:
    rid = get_review(store, ref)["id"]
    row = store.conn.execute("SELECT 1 FROM identifier_register WHERE id = ? AND review_id = ?",
                             [entry_id, rid]).fetchone()
    if row is None:
        raise InputRefused(f"Register entry {entry_id} is not in this review's register.")
    return rid


def update_identifier(store: Store, ref: str, entry_id: int, kind: str, text: str,
                      replacement: str) -> None:
    kind, text, replacement = _entry_values(kind, text, replacement)
    rid = _own(store, ref, entry_id)
    clash = store.conn.execute(
        "SELECT 1 FROM identifier_register WHERE review_id = ? AND text = ? AND id != ?",
        [rid, text, entry_id]).fetchone()
    if clash:
        raise InputRefused(f"Register entry {entry_id}: another entry has the same words.")
    with store.write():
        store.conn.execute(
            "UPDATE identifier_register SET kind = ?, text = ?, replacement = ? WHERE id = ?",
            [kind, text, replacement, entry_id])


def remove_identifier(store: Store, ref: str, entry_id: int) -> None:
    _own(store, ref, entry_id)
    with store.write():
        store.conn.execute("DELETE FROM identifier_register WHERE id = ?", [entry_id])


def publication_scope(store: Store, ref: str) -> str:
    """'whole': the whole report is published; 'summary': a summary of the key findings."""
    return get_review(store, ref).get("publication_scope") or "whole"


def set_publication_scope(store: Store, ref: str, scope: str) -> None:
    if scope not in SCOPES:
        raise InputRefused("The partnership publishes the whole report ('whole') or a summary "
                           "of the key findings ('summary').")
    rid = get_review(store, ref)["id"]
    with store.write():
        store.conn.execute("UPDATE reviews SET publication_scope = ?, updated_at = ? "
                           "WHERE id = ?", [scope, now_iso(), rid])


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


def publication_flags(store: Store, ref: str) -> list[tuple[Flag, str]]:
    """Every flag of the review's language check of the internal form, each with what the
    register does with it ('' : nothing, so it would stay in a publication text made now).
    Advice for the form screen; what blocks publication is
    :func:`.publication_text.publication_problems`."""
    reals = {e.text.lower() for e in register_entries(store, ref)}
    return [(f, publication_fate(f, reals)) for f in review_language_check(store, ref)]
